//! Year over year: two scorecards of one unit compared node by node, two versions of a rule
//! set compared criterion by criterion, and a batch re-scored under both to show rank moves.

use std::fmt;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::batch::{Batch, score_batch};
use crate::decimal::{Dec, DecOpt, plain};
use crate::error::CycleError;
use crate::model::{NodeDef, RuleSetDef};
use crate::ruleset::RuleSet;
use crate::scorecard::{Score, Scorecard};

/// What moved between two scorecards of one unit (another period, or another set version).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ScorecardComparison {
    /// The total before and after.
    pub total: NodeMove,
    /// Every node whose points, maximum or index moved, or that exists on one side only: the
    /// nodes of the later card in its order, then those only in the earlier one.
    pub nodes: Vec<NodeMove>,
}

/// One node (or the total) before and after; absent on a side where the node does not exist.
///
/// The one before-and-after type of a node: [`compare_scorecards`] gives it for two results of
/// one unit, [`what_if`](crate::analysis::what_if) for a scenario against its base. Displayed
/// as `1 → 2 (+1), index 50.00% → 100.00%`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct NodeMove {
    /// The node's code (`total` for the total).
    pub code: String,
    /// Its title (the later one when both exist).
    pub title: String,
    /// 1 for an area, 2 for a criterion, ...; 0 for the total.
    #[serde(default)]
    pub depth: usize,
    /// Before.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<Score>,
    /// After.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<Score>,
    /// Points after − points before, when the node exists on both sides.
    #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
    pub change: Option<Decimal>,
}

impl NodeMove {
    /// The node `code` of `before` and `after`, which may lack it.
    pub(crate) fn of(
        code: &str,
        title: &str,
        depth: usize,
        before: Option<Score>,
        after: Option<Score>,
    ) -> NodeMove {
        NodeMove {
            code: code.to_string(),
            title: title.to_string(),
            depth,
            before,
            after,
            change: before
                .zip(after)
                .and_then(|(b, a)| a.points.checked_sub(b.points)),
        }
    }

    /// Points after − points before, when the node exists on both sides.
    #[must_use]
    pub fn points_delta(&self) -> Option<Decimal> {
        self.change
    }

    /// Index after − index before, when both exist.
    #[must_use]
    pub fn index_delta(&self) -> Option<Decimal> {
        self.after?.index?.checked_sub(self.before?.index?)
    }

    /// Whether the points or the index moved, or the node exists on one side only.
    #[must_use]
    pub fn moved(&self) -> bool {
        self.before.map(|s| (s.points, s.index)) != self.after.map(|s| (s.points, s.index))
    }
}

impl fmt::Display for NodeMove {
    /// `1 → 2 (+1), index 50.00% → 100.00%`; a side that does not exist reads `–`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let points = |s: Option<Score>| s.map_or_else(|| "–".to_string(), |s| plain(s.points));
        write!(f, "{} → {}", points(self.before), points(self.after))?;
        if let Some(d) = self.points_delta() {
            let sign = if d.is_sign_negative() { "" } else { "+" };
            write!(f, " ({sign}{})", plain(d))?;
        }
        if let (Some(a), Some(b)) = (
            self.before.and_then(|s| s.index),
            self.after.and_then(|s| s.index),
        ) {
            write!(f, ", index {a}% → {b}%")?;
        }
        Ok(())
    }
}

/// Compares two scorecards of one unit node by node, by code.
///
/// # Example
/// ```
/// use par_index::{Evidence, RuleSet, analysis::compare_scorecards, evaluate};
/// let rs = RuleSet::from_toml_str(r#"
/// id = "demo"
/// title = "Demo"
/// level = "commune"
/// years = { from = 2023 }
/// scale = 10
/// document = { number = "1/QĐ" }
/// [[areas]]
/// code = "1"
/// title = "Kết quả"
/// max = 10
/// provenance = { document = "1/QĐ", verified = false }
/// rule = { kind = "manual" }
/// "#)?;
/// let ev = |year: u16, p: &str| Evidence::from_json_str(&format!(
///     r#"{{"unit":{{"name":"Xã A","level":"commune"}},"period":{{"year":{year}}},"evidence":{{"1":{{"points":"{p}"}}}}}}"#)).unwrap();
/// let c = compare_scorecards(&evaluate(&rs, &ev(2023, "7.5"))?, &evaluate(&rs, &ev(2024, "8.25"))?);
/// assert_eq!(c.total.points_delta().unwrap().to_string(), "0.75");   // 8.25 − 7.5
/// assert_eq!(c.total.index_delta().unwrap().to_string(), "7.50");    // 82.50 − 75.00
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn compare_scorecards(before: &Scorecard, after: &Scorecard) -> ScorecardComparison {
    let mut nodes = Vec::new();
    for n in &after.nodes {
        let b = before.node(&n.code).map(|b| b.score);
        if b != Some(n.score) {
            nodes.push(NodeMove::of(&n.code, &n.title, n.depth, b, Some(n.score)));
        }
    }
    for n in &before.nodes {
        if after.node(&n.code).is_none() {
            nodes.push(NodeMove::of(
                &n.code,
                &n.title,
                n.depth,
                Some(n.score),
                None,
            ));
        }
    }
    ScorecardComparison {
        total: NodeMove::of(
            "total",
            &after.ruleset.title,
            0,
            Some(before.total),
            Some(after.total),
        ),
        nodes,
    }
}

/// What changed between two versions of a rule set, criterion by criterion (by code).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct RuleSetDiff {
    /// Codes only in the later version.
    pub added: Vec<String>,
    /// Codes only in the earlier version.
    pub removed: Vec<String>,
    /// Codes whose maximum changed.
    pub reweighted: Vec<Reweight>,
    /// Leaves whose rule or part changed, or nodes that became or stopped being leaves.
    pub rules_changed: Vec<String>,
    /// Codes whose title changed.
    pub retitled: Vec<String>,
}

/// A maximum that changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Reweight {
    /// The node's code.
    pub code: String,
    /// The earlier maximum.
    #[serde(with = "Dec")]
    pub before: Decimal,
    /// The later maximum.
    #[serde(with = "Dec")]
    pub after: Decimal,
}

fn find<'a>(list: &[&'a NodeDef], code: &str) -> Option<&'a NodeDef> {
    list.iter().find(|n| n.code == code).copied()
}

fn flatten<'a>(nodes: &'a [NodeDef], out: &mut Vec<&'a NodeDef>) {
    for n in nodes {
        out.push(n);
        flatten(&n.criteria, out);
    }
}

/// Compares two versions of a rule set: criteria added, removed, re-weighted, rules changed.
///
/// # Example
/// ```
/// let v1 = par_index::criteria::load_str(r#"
/// id = "v1"
/// title = "Demo"
/// level = "commune"
/// years = { from = 2023 }
/// scale = 2
/// document = { number = "1/QĐ" }
/// [[areas]]
/// code = "1"
/// title = "Báo cáo"
/// max = 2
/// provenance = { document = "1/QĐ", verified = false }
/// rule = { kind = "check" }
/// "#)?;
/// let mut v2 = v1.clone();
/// v2.areas[0].rule = par_index::criteria::load_str(r#"
/// id = "x"
/// title = "x"
/// level = "commune"
/// years = { from = 2023 }
/// scale = 2
/// document = { number = "1/QĐ" }
/// [[areas]]
/// code = "1"
/// title = "x"
/// max = 2
/// rule = { kind = "manual" }
/// "#)?.areas[0].rule.clone();
/// let diff = par_index::analysis::diff_rulesets(&v1, &v2);
/// assert_eq!(diff.rules_changed, ["1"]);
/// # Ok::<(), par_index::criteria::LoadError>(())
/// ```
#[must_use]
pub fn diff_rulesets(before: &RuleSetDef, after: &RuleSetDef) -> RuleSetDiff {
    let (mut a, mut b) = (Vec::new(), Vec::new());
    flatten(&before.areas, &mut a);
    flatten(&after.areas, &mut b);
    let mut diff = RuleSetDiff::default();
    for n in &b {
        let Some(old) = find(&a, &n.code) else {
            diff.added.push(n.code.clone());
            continue;
        };
        if old.max != n.max {
            diff.reweighted.push(Reweight {
                code: n.code.clone(),
                before: old.max,
                after: n.max,
            });
        }
        if old.rule != n.rule || old.part != n.part {
            diff.rules_changed.push(n.code.clone());
        }
        if old.title != n.title {
            diff.retitled.push(n.code.clone());
        }
    }
    diff.removed = a
        .iter()
        .filter(|n| find(&b, &n.code).is_none())
        .map(|n| n.code.clone())
        .collect();
    diff
}

/// One unit's rank and index under two set versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct RankMove {
    /// The unit's name.
    pub unit: String,
    /// Rank under the earlier set.
    pub rank_before: usize,
    /// Rank under the later set.
    pub rank_after: usize,
    /// Index under the earlier set.
    #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
    pub index_before: Option<Decimal>,
    /// Index under the later set.
    #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
    pub index_after: Option<Decimal>,
}

/// Re-scores a batch under two versions of a set and lists each unit's rank and index under
/// both, in the order of the later ranking.
///
/// The `ruleset` the batch and its units name is ignored here: the point is to score them
/// under another version on purpose.
///
/// # Errors
/// As [`score_batch`](crate::assessment::score_batch), for either set (evidence for a code the later set
/// removed is refused, never dropped).
pub fn rescore(
    batch: &Batch,
    before: &RuleSet,
    after: &RuleSet,
) -> Result<Vec<RankMove>, CycleError> {
    let mut b = batch.clone();
    b.ruleset = None;
    for e in &mut b.units {
        e.evidence.ruleset = None;
    }
    let old = score_batch(before, &b)?;
    let new = score_batch(after, &b)?;
    // Each unit's earlier row, by its place in the batch (one pass, not a search per unit).
    let mut earlier = vec![None; b.units.len()];
    for r in &old.ranking.rows {
        if let Some(slot) = earlier.get_mut(r.entry) {
            *slot = Some(r);
        }
    }
    Ok(new
        .ranking
        .rows
        .iter()
        .map(|row| {
            let prev = earlier.get(row.entry).copied().flatten();
            RankMove {
                unit: row.unit.clone(),
                rank_before: prev.map_or(0, |p| p.rank),
                rank_after: row.rank,
                index_before: prev.and_then(|p| p.index),
                index_after: row.index,
            }
        })
        .collect())
}
