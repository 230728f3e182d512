//! A property-testing kit for rule-set authors (feature `proptest`): strategies that generate
//! valid rule sets and evidence, and an invariant checker to run on your own set.
//!
//! [`check_invariants`] scores many random evidence submissions against a set and checks
//! that:
//! - every node scores within `[floor, max]` (the floor is 0; for a scored `deduction` leaf
//!   its `min_points`, rounded as the set rounds points; for a parent the sum of the negative
//!   floors below), and no applicable maximum exceeds the maximum;
//! - evidence more favourable for one leaf never scores it less: more tasks done, a larger
//!   numerator, more meetings, a condition met, a respondent moved to a better answer; and
//!   more violations never score more;
//! - marking a leaf not applicable under the `exclude` policy changes no node but the leaf
//!   and its ancestors, which lose exactly the leaf's points and maximum;
//! - every parent's points and applicable maximum are the sums of its children's, the total
//!   the sum of the areas and of the parts;
//! - evaluation is deterministic, and [`evaluate_points`](crate::scoring::evaluate_points) gives the
//!   scorecard's numbers node by node;
//! - the set survives `RuleSetDef → TOML → RuleSetDef`, [`RuleSet::to_toml_string`] reloads
//!   to an equal set, and each evidence survives `Evidence → JSON → Evidence`.
//!
//! Runs are reproducible: the random source is seeded the same way every time.
//!
//! # Example
//! Add `par-index = { version = "…", features = ["proptest"] }` to your
//! `[dev-dependencies]`, then in a test:
//! ```
//! # #[cfg(feature = "proptest")] {
//! use par_index::{RuleSet, testkit};
//!
//! let rs = RuleSet::from_toml_str(r#"
//! id = "my-set"
//! title = "Bộ tiêu chí của tôi"
//! level = "commune"
//! years = { from = 2024 }
//! scale = 3
//! document = { number = "12/QĐ-UBND" }
//! [[areas]]
//! code = "1"
//! title = "Chỉ đạo, điều hành"
//! max = 3
//! provenance = { document = "12/QĐ-UBND", verified = false }
//! [[areas.criteria]]
//! code = "1.1"
//! title = "Hoàn thành kế hoạch"
//! max = 2
//! rule = { kind = "ratio_bands", bands = [
//!   { at_least = "100", points = "2" }, { at_least = "80", proportional = true }, { points = "0" },
//! ] }
//! [[areas.criteria]]
//! code = "1.2"
//! title = "Vi phạm"
//! max = 1
//! rule = { kind = "deduction", per_item = "0.5" }
//! "#)?;
//! let report = testkit::check_invariants(&rs, 200);
//! assert!(report.is_ok(), "{report}");
//! assert_eq!(report.cases, 200);
//! # }
//! # Ok::<(), par_index::criteria::LoadError>(())
//! ```
//!
//! The strategies ([`ruleset_def`], [`ruleset`], [`evidence_for`], [`edges`],
//! [`around_edges`]) plug into `proptest!` as usual:
//! ```
//! # #[cfg(feature = "proptest")] {
//! use proptest::prelude::*;
//! use par_index::testkit;
//!
//! proptest!(ProptestConfig::with_cases(8), |(rs in testkit::ruleset())| {
//!     prop_assert!(testkit::check_invariants(&rs, 8).is_ok());
//! });
//! # }
//! ```

mod strategies;

use std::fmt;

use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, TestRunner};
use rust_decimal::Decimal;

pub use strategies::{
    ALL_KINDS, accepted_max, around_edges, edges, evidence_for, leaf_max, rule_def, rule_of_kind,
    ruleset, ruleset_def, worded_rule,
};

use crate::evaluate::evaluate;
use crate::evidence::{Evidence, LeafEvidence};
use crate::model::{NaPolicy, TaskStatus};
use crate::rules::Rule;
use crate::ruleset::RuleSet;
use crate::scorecard::Scorecard;

/// Which invariant a [`Violation`] breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Invariant {
    /// Evidence generated to fit the set was refused, or overflowed.
    ValidEvidenceScores,
    /// A node scored outside `[floor, max]`.
    WithinBounds,
    /// More favourable evidence scored a leaf less (or more violations scored more).
    Monotone,
    /// Marking a leaf not applicable changed a node other than the leaf and its ancestors,
    /// or changed an ancestor by other than the leaf's points.
    NotApplicableIsolated,
    /// A parent, the total or the parts are not the sums of their parts.
    SumsOfParts,
    /// Two evaluations of the same input differ.
    Deterministic,
    /// A TOML or JSON round trip lost or changed something.
    RoundTrip,
    /// [`evaluate_points`](crate::scoring::evaluate_points) or
    /// [`points_card`](crate::scoring::points_card) (which build no explanations) gave other
    /// numbers than the scorecard.
    NumbersOnlyAgree,
}

/// One broken invariant, with what broke it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The invariant.
    pub invariant: Invariant,
    /// What went wrong, naming the node.
    pub detail: String,
    /// The evidence that showed it first, as JSON, when evidence was involved.
    pub evidence: Option<String>,
    /// How many times it was found (the same invariant with the same detail).
    pub count: u32,
}

/// The result of [`check_invariants`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Evidence submissions generated and checked.
    pub cases: u32,
    /// Evaluations run, variants included.
    pub evaluations: u64,
    /// Every distinct violation found, with its count (at most [`Report::MAX_VIOLATIONS`]
    /// distinct ones are kept).
    pub violations: Vec<Violation>,
}

impl Report {
    /// How many violations a report keeps.
    pub const MAX_VIOLATIONS: usize = 50;

    /// Whether every invariant held.
    #[must_use]
    pub fn is_ok(&self) -> bool {
        self.violations.is_empty()
    }

    fn push(&mut self, invariant: Invariant, detail: String, ev: Option<&Evidence>) {
        if let Some(seen) = self
            .violations
            .iter_mut()
            .find(|v| v.invariant == invariant && v.detail == detail)
        {
            seen.count = seen.count.saturating_add(1);
        } else if self.violations.len() < Self::MAX_VIOLATIONS {
            self.violations.push(Violation {
                invariant,
                detail,
                evidence: ev.and_then(|e| e.to_json_string().ok()),
                count: 1,
            });
        }
    }

    /// The violations grouped: identical ones (same invariant, same detail) once, with their
    /// counts added up, in the order first found.
    fn grouped(&self) -> Vec<(&Violation, u64)> {
        let mut groups: Vec<(&Violation, u64)> = Vec::new();
        for v in &self.violations {
            match groups
                .iter_mut()
                .find(|(g, _)| g.invariant == v.invariant && g.detail == v.detail)
            {
                Some((_, n)) => *n += u64::from(v.count),
                None => groups.push((v, u64::from(v.count))),
            }
        }
        groups
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let groups = self.grouped();
        let total: u64 = groups.iter().map(|(_, n)| n).sum();
        write!(
            f,
            "{} cases, {} evaluations, {total} violations, {} distinct",
            self.cases,
            self.evaluations,
            groups.len()
        )?;
        for (v, n) in groups {
            let times = if n == 1 {
                "once".to_string()
            } else {
                format!("{n} times")
            };
            write!(f, "\n  {:?} ({times}): {}", v.invariant, v.detail)?;
            if let Some(ev) = &v.evidence {
                write!(f, "\n    example evidence: {}", compact(ev))?;
            }
        }
        Ok(())
    }
}

/// JSON on one line.
fn compact(json: &str) -> String {
    serde_json::from_str::<serde_json::Value>(json)
        .map_or_else(|_| json.replace('\n', " "), |v| v.to_string())
}

/// Checks the invariants of the module documentation on `cases` random evidence submissions
/// for `rs`, plus the set's own round trips.
///
/// The random source is deterministic, so a report can be reproduced.
#[must_use]
pub fn check_invariants(rs: &RuleSet, cases: u32) -> Report {
    let mut report = Report::default();
    check_set_round_trips(rs, &mut report);
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        proptest::test_runner::TestRng::deterministic_rng(
            proptest::test_runner::RngAlgorithm::ChaCha,
        ),
    );
    let strategy = evidence_for(rs);
    for _ in 0..cases {
        let Ok(tree) = strategy.new_tree(&mut runner) else {
            continue;
        };
        report.cases += 1;
        check_evidence(rs, &tree.current(), &mut report);
    }
    report
}

/// Checks every invariant on one evidence submission (one that fits the set).
pub fn check_evidence(rs: &RuleSet, ev: &Evidence, report: &mut Report) {
    let Some(card) = run(rs, ev, report) else {
        return;
    };
    if run(rs, ev, report).as_ref() != Some(&card) {
        report.push(
            Invariant::Deterministic,
            "a second evaluation differs".into(),
            Some(ev),
        );
    }
    match ev.to_json_string().map(|j| Evidence::from_json_str(&j)) {
        Ok(Ok(again)) if &again == ev => {}
        other => report.push(
            Invariant::RoundTrip,
            format!("evidence JSON round trip: {other:?}"),
            Some(ev),
        ),
    }
    check_numbers_only(rs, &card, ev, report);
    check_points_card(rs, &card, ev, report);
    check_bounds(rs, &card, ev, report);
    check_sums(rs, &card, ev, report);
    check_not_applicable(rs, &card, ev, report);
    check_monotone(rs, &card, ev, report);
    check_adjusted(rs, &card, ev, report);
}

/// Bonus and penalty: each item within `[0, max]`, each sum the items' and capped, and the
/// total areas + bonus − penalty, within `[0, max]` unless the set allows otherwise.
fn check_adjusted(rs: &RuleSet, card: &Scorecard, ev: &Evidence, report: &mut Report) {
    let Some(a) = &card.adjusted else {
        if !rs.tree().items.is_empty() {
            report.push(
                Invariant::SumsOfParts,
                "no bonus and penalty".into(),
                Some(ev),
            );
        }
        return;
    };
    for sum in [&a.bonus, &a.penalty] {
        let mut claimed = Decimal::ZERO;
        for i in &sum.items {
            if i.points < Decimal::ZERO || i.points > i.max {
                let detail = format!(
                    "item `{}` scored {} outside [0, {}]",
                    i.code, i.points, i.max
                );
                report.push(Invariant::WithinBounds, detail, Some(ev));
            }
            claimed = claimed.saturating_add(i.points);
        }
        let counted = sum.cap.map_or(claimed, |c| claimed.min(c));
        if (sum.claimed, sum.counted) != (claimed, counted) {
            let detail = format!(
                "items add up to {claimed} (counted {counted}), not {} ({})",
                sum.claimed, sum.counted
            );
            report.push(Invariant::SumsOfParts, detail, Some(ev));
        }
    }
    let t = &a.total;
    let raw = t.areas.saturating_add(t.bonus).saturating_sub(t.penalty);
    let def = rs.def();
    let low = if def.total_below_zero {
        raw.min(Decimal::ZERO)
    } else {
        Decimal::ZERO
    };
    let high = if def.total_above_scale {
        raw.max(t.max)
    } else {
        t.max
    };
    let expected = raw.clamp(low.min(high), high);
    if t.areas != card.total.points || t.points != expected {
        let detail = format!(
            "total {} + {} − {} gave {}, expected {expected}",
            t.areas, t.bonus, t.penalty, t.points
        );
        report.push(Invariant::SumsOfParts, detail, Some(ev));
    }
}

/// The numbers-only path agrees with the scorecard on every node, the total and the index.
fn check_numbers_only(rs: &RuleSet, card: &Scorecard, ev: &Evidence, report: &mut Report) {
    report.evaluations += 1;
    let points = match crate::points::evaluate_points(rs, ev) {
        Ok(p) => p,
        Err(e) => {
            report.push(Invariant::NumbersOnlyAgree, e.to_string(), Some(ev));
            return;
        }
    };
    let total = (
        card.total.points,
        card.total.applicable_max,
        card.total.index,
    );
    if (points.total, points.applicable_max, points.index) != total {
        report.push(
            Invariant::NumbersOnlyAgree,
            format!(
                "total {:?}, scorecard {total:?}",
                (points.total, points.applicable_max, points.index)
            ),
            Some(ev),
        );
    }
    for (n, p) in card.nodes.iter().zip(&points.nodes) {
        let want = (n.score.points, n.score.applicable_max, n.status);
        let got = (p.points, p.applicable_max, p.status);
        if want != got {
            report.push(
                Invariant::NumbersOnlyAgree,
                format!("`{}`: {got:?}, scorecard {want:?}", n.code),
                Some(ev),
            );
        }
    }
}

/// The points card agrees with the scorecard: every node, each area's sub-index, the total,
/// the class, the adjusted total and the leaves reported without evidence.
fn check_points_card(rs: &RuleSet, card: &Scorecard, ev: &Evidence, report: &mut Report) {
    report.evaluations += 1;
    let pc = match crate::points::points_card(rs, ev) {
        Ok(p) => p,
        Err(e) => {
            report.push(Invariant::NumbersOnlyAgree, e.to_string(), Some(ev));
            return;
        }
    };
    let mut differ = |what: String| report.push(Invariant::NumbersOnlyAgree, what, Some(ev));
    if pc.total != card.total || pc.classification != card.classification {
        differ(format!(
            "points card total {:?} {:?}, scorecard {:?} {:?}",
            pc.total, pc.classification, card.total, card.classification
        ));
    }
    let adjusted = card.adjusted.as_ref().map(|a| &a.total);
    if pc.adjusted.as_ref() != adjusted {
        differ(format!(
            "points card adjusted {:?}, scorecard {adjusted:?}",
            pc.adjusted
        ));
    }
    if pc.nodes.len() != card.nodes.len() {
        differ(format!(
            "points card has {} nodes, scorecard {}",
            pc.nodes.len(),
            card.nodes.len()
        ));
    }
    for (n, p) in card.nodes.iter().zip(&pc.nodes) {
        let area_index = if n.depth == 1 { n.score.index } else { None };
        let want = (&n.code, n.score.points, n.score.max, n.score.applicable_max);
        let got = (&p.code, p.points, p.max, p.applicable_max);
        if want != got || (n.status, area_index) != (p.status, p.index) {
            differ(format!(
                "`{}`: points card {got:?} {:?} {:?}, scorecard {want:?} {:?} {area_index:?}",
                n.code, p.status, p.index, n.status
            ));
        }
    }
    let missing: Vec<&str> = card
        .findings
        .iter()
        .filter(|f| f.kind == crate::scorecard::FindingKind::MissingEvidence)
        .map(|f| &*f.code)
        .collect();
    let listed: Vec<&str> = pc.missing_evidence.iter().map(|c| &**c).collect();
    if listed != missing {
        differ(format!(
            "points card missing evidence {listed:?}, scorecard findings {missing:?}"
        ));
    }
}

fn run(rs: &RuleSet, ev: &Evidence, report: &mut Report) -> Option<Scorecard> {
    report.evaluations += 1;
    match evaluate(rs, ev) {
        Ok(card) => Some(card),
        Err(e) => {
            report.push(Invariant::ValidEvidenceScores, e.to_string(), Some(ev));
            None
        }
    }
}

fn check_set_round_trips(rs: &RuleSet, report: &mut Report) {
    let def = rs.def();
    match toml::to_string(def).map(|t| crate::load::load_str(&t)) {
        Ok(Ok(again)) if &again == def => {}
        other => report.push(
            Invariant::RoundTrip,
            format!("RuleSetDef → TOML → RuleSetDef: {other:?}"),
            None,
        ),
    }
    match rs.to_toml_string().map(|t| RuleSet::from_toml_str(&t)) {
        Ok(Ok(again)) if &again == rs => {}
        other => report.push(
            Invariant::RoundTrip,
            format!("RuleSet::to_toml_string does not reload equal: {other:?}"),
            None,
        ),
    }
}

/// The lowest points a leaf's rule gives, rounded as the set rounds leaf points.
fn leaf_floor(rs: &RuleSet, rule: &Rule) -> Decimal {
    let r = rs.def().rounding;
    r.mode.round(rule.floor(), r.points)
}

/// The lowest points of each node: the sum of its leaves' floors below 0, or 0.
fn floors(rs: &RuleSet) -> Vec<Decimal> {
    let nodes = &rs.tree().nodes;
    nodes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            nodes
                .get(i..n.end)
                .unwrap_or_default()
                .iter()
                .filter_map(|d| d.leaf.as_ref())
                .map(|l| leaf_floor(rs, &l.rule).min(Decimal::ZERO))
                .try_fold(Decimal::ZERO, Decimal::checked_add)
                .unwrap_or(Decimal::MIN)
        })
        .collect()
}

fn check_bounds(rs: &RuleSet, card: &Scorecard, ev: &Evidence, report: &mut Report) {
    let floors = floors(rs);
    for ((node, res), floor) in rs.tree().nodes.iter().zip(&card.nodes).zip(floors) {
        let s = res.score;
        // A scored leaf reaches at least its rule's floor; a leaf without evidence or not
        // applicable scores 0 or its max; a parent, the sum of negative floors below.
        let leaf_floor = node
            .leaf
            .as_ref()
            .filter(|_| res.status == crate::scorecard::NodeStatus::Scored)
            .map(|l| leaf_floor(rs, &l.rule));
        let low = leaf_floor.unwrap_or(floor);
        if s.points < low || s.points > s.max {
            report.push(
                Invariant::WithinBounds,
                format!(
                    "`{}` scored {} outside [{low}, {}]",
                    node.code, s.points, s.max
                ),
                Some(ev),
            );
        }
        if s.applicable_max > s.max || s.applicable_max < Decimal::ZERO {
            report.push(
                Invariant::WithinBounds,
                format!(
                    "`{}` has applicable max {} outside [0, {}]",
                    node.code, s.applicable_max, s.max
                ),
                Some(ev),
            );
        }
    }
}

fn check_sums(rs: &RuleSet, card: &Scorecard, ev: &Evidence, report: &mut Report) {
    let nodes = &rs.tree().nodes;
    for (i, node) in nodes.iter().enumerate() {
        if node.leaf.is_some() {
            continue;
        }
        let children = nodes
            .iter()
            .zip(&card.nodes)
            .filter(|(n, _)| n.parent == Some(i));
        let (mut points, mut applicable) = (Decimal::ZERO, Decimal::ZERO);
        for (_, c) in children {
            points = points.checked_add(c.score.points).unwrap_or(Decimal::MAX);
            applicable = applicable
                .checked_add(c.score.applicable_max)
                .unwrap_or(Decimal::MAX);
        }
        if let Some(r) = card.nodes.get(i)
            && (r.score.points != points || r.score.applicable_max != applicable)
        {
            report.push(
                Invariant::SumsOfParts,
                format!(
                    "`{}` has {} of {} applicable; its children add up to {points} of {applicable}",
                    node.code, r.score.points, r.score.applicable_max
                ),
                Some(ev),
            );
        }
    }
    let areas = card
        .areas()
        .try_fold(Decimal::ZERO, |a, n| a.checked_add(n.score.points));
    let parts = card
        .parts
        .iter()
        .try_fold(Decimal::ZERO, |a, p| a.checked_add(p.score.points));
    if areas != Some(card.total.points) || parts != Some(card.total.points) {
        report.push(
            Invariant::SumsOfParts,
            format!(
                "total {} but areas add up to {areas:?} and parts to {parts:?}",
                card.total.points
            ),
            Some(ev),
        );
    }
}

/// The indexes of a node's ancestors.
fn ancestors(rs: &RuleSet, mut i: usize) -> Vec<usize> {
    let mut out = Vec::new();
    while let Some(p) = rs.tree().nodes.get(i).and_then(|n| n.parent) {
        out.push(p);
        i = p;
    }
    out
}

fn check_not_applicable(rs: &RuleSet, card: &Scorecard, ev: &Evidence, report: &mut Report) {
    let nodes = &rs.tree().nodes;
    // Each case marks one leaf, in turn: the first scored leaf after a shift by case count.
    let candidates: Vec<usize> = nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.leaf.as_ref().is_some_and(|l| l.na == NaPolicy::Exclude))
        .filter(|(i, _)| {
            card.nodes
                .get(*i)
                .is_some_and(|r| r.status == crate::scorecard::NodeStatus::Scored)
        })
        .map(|(i, _)| i)
        .collect();
    let Some(&i) = candidates.get(report.cases as usize % candidates.len().max(1)) else {
        return;
    };
    let (Some(node), Some(before)) = (nodes.get(i), card.nodes.get(i)) else {
        return;
    };
    let mut marked = ev.clone();
    marked.evidence.insert(
        node.code.to_string(),
        LeafEvidence {
            not_applicable: Some("testkit".into()),
            ..LeafEvidence::default()
        },
    );
    let Some(after) = run(rs, &marked, report) else {
        return;
    };
    let ups = ancestors(rs, i);
    let (dp, da) = (before.score.points, before.score.applicable_max);
    for (j, (b, a)) in card.nodes.iter().zip(&after.nodes).enumerate() {
        let (want_p, want_a) = if j == i {
            (Decimal::ZERO, Decimal::ZERO)
        } else if ups.contains(&j) {
            (
                b.score.points.checked_sub(dp).unwrap_or(Decimal::MIN),
                b.score
                    .applicable_max
                    .checked_sub(da)
                    .unwrap_or(Decimal::MIN),
            )
        } else {
            (b.score.points, b.score.applicable_max)
        };
        if a.score.points != want_p || a.score.applicable_max != want_a {
            report.push(
                Invariant::NotApplicableIsolated,
                format!(
                    "marking `{}` not applicable moved `{}` from {} of {} to {} of {} (expected {want_p} of {want_a})",
                    node.code,
                    b.code,
                    b.score.points,
                    b.score.applicable_max,
                    a.score.points,
                    a.score.applicable_max
                ),
                Some(&marked),
            );
        }
    }
}

/// A variant of a leaf's evidence and whether it should score no less (`true`) or no more.
fn variants(rule: &Rule, ev: &LeafEvidence) -> Vec<(LeafEvidence, bool)> {
    let mut out = Vec::new();
    match rule {
        Rule::RatioBands(_) | Rule::Proportional(_) => {
            if let Some(opts) = rule.ratio_options() {
                ratio_variants(opts, ev, &mut out);
            }
        }
        Rule::CountBands(_) | Rule::Deduction(_) | Rule::PerItem(_) => {
            if let Some(c) = ev.count {
                let better = matches!(rule, Rule::CountBands(_) | Rule::PerItem(_));
                out.push((
                    changed(ev, |v| v.count = c.checked_add(Decimal::ONE)),
                    better,
                ));
            }
        }
        Rule::Check(_) => check_variants(ev, &mut out),
        Rule::Survey(s) => survey_variants(&s.weights, ev, &mut out),
        Rule::Deadline(_) => {
            // Issuing earlier never scores less: the first day of the year is on time.
            if ev.date.is_some() || ev.documents.as_ref().is_some_and(Vec::is_empty) {
                out.push((
                    changed(ev, |v| {
                        v.date = Some("2023-01-01".into());
                        v.documents = None;
                    }),
                    true,
                ));
            }
        }
        Rule::Levels(_) | Rule::Manual(_) => {}
    }
    out
}

/// A copy of a leaf's evidence with one change.
fn changed(ev: &LeafEvidence, change: impl FnOnce(&mut LeafEvidence)) -> LeafEvidence {
    let mut v = ev.clone();
    change(&mut v);
    v
}

/// Variants of a ratio (tỷ lệ) leaf's evidence: one more done (no less), one more in the
/// denominator (no more), a task done or added, a percent 0.01 higher (no less).
fn ratio_variants(
    opts: &crate::rules::ratio::RatioOptions,
    ev: &LeafEvidence,
    out: &mut Vec<(LeafEvidence, bool)>,
) {
    let one = Decimal::ONE;
    if let (Some(n), Some(d)) = (ev.numerator, ev.denominator) {
        if n < d || (opts.allow_over && !d.is_zero()) {
            out.push((changed(ev, |v| v.numerator = n.checked_add(one)), true));
        }
        if !d.is_zero() {
            out.push((changed(ev, |v| v.denominator = d.checked_add(one)), false));
        }
    }
    task_variants(opts, ev, out);
    if let Some(p) = ev.percent {
        let up = p.checked_add(Decimal::new(1, 2)).unwrap_or(p);
        if up <= Decimal::ONE_HUNDRED || opts.allow_over {
            out.push((changed(ev, |v| v.percent = Some(up)), true));
        }
    }
}

/// Variants of a task list (nhiệm vụ): the first open task done (no less), and one more
/// task not done (no more) when not done counts against the ratio.
fn task_variants(
    opts: &crate::rules::ratio::RatioOptions,
    ev: &LeafEvidence,
    out: &mut Vec<(LeafEvidence, bool)>,
) {
    let Some(tasks) = &ev.tasks else { return };
    let Some(&done) = opts.done.first() else {
        return;
    };
    let Some(k) = tasks
        .iter()
        .position(|t| !opts.done.contains(&t.status) && !opts.exclude.contains(&t.status))
    else {
        return;
    };
    let mut tasks = tasks.clone();
    if let Some(t) = tasks.get_mut(k) {
        t.status = done;
    }
    out.push((changed(ev, |v| v.tasks = Some(tasks)), true));
    let mut more = ev.tasks.clone().unwrap_or_default();
    more.push(crate::evidence::Task {
        name: "testkit".into(),
        status: TaskStatus::NotDone,
    });
    if !opts.done.contains(&TaskStatus::NotDone) && !opts.exclude.contains(&TaskStatus::NotDone) {
        out.push((changed(ev, |v| v.tasks = Some(more)), false));
    }
}

/// Variants of a check (đạt/không đạt) leaf's evidence: met, or the first unmet condition
/// held; both score no less.
fn check_variants(ev: &LeafEvidence, out: &mut Vec<(LeafEvidence, bool)>) {
    if ev.met == Some(false) {
        out.push((changed(ev, |v| v.met = Some(true)), true));
    }
    if let Some(conds) = &ev.conditions
        && let Some((k, _)) = conds.iter().find(|(_, held)| !**held)
    {
        let mut conds = conds.clone();
        conds.insert(k.clone(), true);
        out.push((changed(ev, |v| v.conditions = Some(conds)), true));
    }
}

/// Variants of a survey (khảo sát) leaf's answers: one respondent moved from the worst
/// answer given to the best answer weighted; scores no less.
fn survey_variants(
    weights: &[(String, Decimal)],
    ev: &LeafEvidence,
    out: &mut Vec<(LeafEvidence, bool)>,
) {
    let Some(answers) = &ev.answers else { return };
    let weight = |o: &str| weights.iter().find(|(w, _)| w == o).map(|(_, p)| *p);
    let worst = answers
        .iter()
        .filter(|(_, n)| **n > 0)
        .min_by_key(|(o, _)| weight(o));
    let best = weights.iter().max_by_key(|(_, p)| *p);
    if let (Some((from, _)), Some((to, _))) = (worst, best) {
        let mut moved = answers.clone();
        if let Some(n) = moved.get_mut(from) {
            *n = n.saturating_sub(1);
        }
        *moved.entry(to.clone()).or_insert(0) += 1;
        out.push((changed(ev, |v| v.answers = Some(moved)), true));
    }
}

fn check_monotone(rs: &RuleSet, card: &Scorecard, ev: &Evidence, report: &mut Report) {
    for (i, node) in rs.tree().nodes.iter().enumerate() {
        let (Some(leaf), Some(value), Some(before)) =
            (&node.leaf, ev.evidence.get(&*node.code), card.nodes.get(i))
        else {
            continue;
        };
        if before.status != crate::scorecard::NodeStatus::Scored {
            continue;
        }
        for (variant, better) in variants(&leaf.rule, value) {
            let mut changed = ev.clone();
            changed.evidence.insert(node.code.to_string(), variant);
            let Some(after) = run(rs, &changed, report) else {
                continue;
            };
            let Some(a) = after.nodes.get(i) else {
                continue;
            };
            if a.status != crate::scorecard::NodeStatus::Scored {
                continue;
            }
            let (p0, p1) = (before.score.points, a.score.points);
            let broken = if better { p1 < p0 } else { p1 > p0 };
            if broken {
                let dir = if better {
                    "more favourable"
                } else {
                    "less favourable"
                };
                report.push(
                    Invariant::Monotone,
                    format!("`{}`: {dir} evidence moved it from {p0} to {p1}", node.code),
                    Some(&changed),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scorecard::{Adjusted, NodeResult};

    #[test]
    fn one_violation_found_43_times_is_kept_once_with_its_count() {
        let mut report = Report::default();
        for _ in 0..43 {
            report.push(Invariant::Monotone, "1.1: less".into(), None);
        }
        report.push(Invariant::WithinBounds, "1.2: above".into(), None);
        let counts: Vec<u32> = report.violations.iter().map(|v| v.count).collect();
        assert_eq!(counts, [43, 1]);
    }

    #[test]
    fn a_report_keeps_at_most_50_distinct_violations_and_still_counts_the_first() {
        let mut report = Report::default();
        for i in 0..51 {
            report.push(Invariant::WithinBounds, format!("`{i}` above"), None);
        }
        report.push(Invariant::WithinBounds, "`0` above".into(), None);
        assert_eq!(report.violations.len(), Report::MAX_VIOLATIONS);
        assert_eq!(report.violations.first().map(|v| v.count), Some(2));
        assert!(!report.is_ok());
        assert!(Report::default().is_ok());
    }

    // The checks below are handed a scorecard of the all-kinds fixture that has been
    // tampered with, as a faulty engine would produce it: each must report what it guards.
    // By hand, for the fixture's evidence: `1.1.1` late 0.5 of 1; `1.1.2` one of two
    // conditions 0 of 1; `1.1.3` met 1 of 1; `1.1.4` 30/36 = 83.33% in [70, 90] 1 of 2; so
    // `1.1` 2.5 of 5. `2.3` 3 cases × 0.5 off 2 = 0.5. Nodes in tree order: `1` 0, `1.1` 1,
    // `1.1.1` 2, `1.1.2` 3, ... `2` 9, `2.1` 10, `2.3` 12.

    fn fixture() -> (RuleSet, Evidence) {
        let rs = RuleSet::from_toml_str(include_str!("../tests/fixtures/all-kinds.toml"))
            .unwrap_or_else(|e| unreachable!("the fixture loads: {e}"));
        let ev = Evidence::from_json_str(include_str!("../tests/fixtures/all-kinds.evidence.json"))
            .unwrap_or_else(|e| unreachable!("the fixture evidence reads: {e}"));
        (rs, ev)
    }

    fn card_of(rs: &RuleSet, ev: &Evidence) -> Scorecard {
        evaluate(rs, ev).unwrap_or_else(|e| unreachable!("the fixture scores: {e}"))
    }

    /// The (invariant, detail) of every violation a check reports on a card.
    fn found(
        check: fn(&RuleSet, &Scorecard, &Evidence, &mut Report),
        rs: &RuleSet,
        card: &Scorecard,
        ev: &Evidence,
    ) -> Vec<(Invariant, String)> {
        let mut report = Report::default();
        check(rs, card, ev, &mut report);
        report
            .violations
            .into_iter()
            .map(|v| (v.invariant, v.detail))
            .collect()
    }

    /// The rule of leaf `code`.
    fn leaf_rule<'a>(rs: &'a RuleSet, code: &str) -> &'a Rule {
        rs.tree()
            .nodes
            .iter()
            .find(|n| &*n.code == code)
            .and_then(|n| n.leaf.as_ref())
            .map(|l| &l.rule)
            .unwrap_or_else(|| unreachable!("`{code}` is a leaf"))
    }

    fn node_mut<'a>(card: &'a mut Scorecard, code: &str) -> &'a mut NodeResult {
        card.nodes
            .iter_mut()
            .find(|n| &*n.code == code)
            .unwrap_or_else(|| unreachable!("the fixture has `{code}`"))
    }

    #[test]
    fn the_fixture_breaks_nothing_in_19_evaluations() {
        // 2 (scored twice) + 1 (numbers only) + 1 (points card) + 1 (a leaf marked not
        // applicable) + 14 monotone variants: 1.1.2 a condition held (1); 1.1.4, 2.1, 2.2
        // and 2.6 a numerator and a denominator one higher (8); 1.2.1 a task done and a task
        // added (2); 1.2.2 and 2.3 one more (2); 2.5 one answer moved from C to A (1).
        let (rs, ev) = fixture();
        let mut report = Report::default();
        check_evidence(&rs, &ev, &mut report);
        assert!(report.is_ok(), "{report}");
        assert_eq!(report.evaluations, 19);
    }

    #[test]
    fn numbers_that_differ_from_the_numbers_only_path_are_reported() {
        let (rs, ev) = fixture();
        let card = card_of(&rs, &ev);
        assert_eq!(found(check_numbers_only, &rs, &card, &ev), []);
        let mut total = card.clone();
        total.total.points += Decimal::ONE;
        let v = found(check_numbers_only, &rs, &total, &ev);
        assert_eq!(v.len(), 1);
        assert_eq!(v.first().map(|v| v.0), Some(Invariant::NumbersOnlyAgree));
        assert!(v.iter().all(|(_, d)| d.starts_with("total (")), "{v:?}");
        let mut leaf = card;
        node_mut(&mut leaf, "1.1.1").score.points = Decimal::ONE;
        let v = found(check_numbers_only, &rs, &leaf, &ev);
        assert_eq!(v.len(), 1);
        assert!(v.iter().all(|(_, d)| d.starts_with("`1.1.1`: ")), "{v:?}");
    }

    #[test]
    fn a_points_card_that_differs_from_the_scorecard_is_reported() {
        let (rs, mut ev) = fixture();
        ev.evidence.remove("2.4");
        let card = card_of(&rs, &ev);
        assert_eq!(found(check_points_card, &rs, &card, &ev), []);
        // Each tampered card gives one violation, whose detail starts with `want`.
        let reports = |c: &Scorecard, want: &[&str]| {
            let v = found(check_points_card, &rs, c, &ev);
            assert_eq!(v.len(), want.len(), "{v:?}");
            for ((i, d), w) in v.iter().zip(want) {
                assert_eq!(*i, Invariant::NumbersOnlyAgree);
                assert!(d.starts_with(w), "{d} should start with {w}");
            }
        };
        let mut c = card.clone();
        c.total.points += Decimal::ONE;
        reports(&c, &["points card total Score { points: "]);
        let mut c = card.clone();
        node_mut(&mut c, "1.1.1").score.max = Decimal::TWO;
        reports(&c, &["`1.1.1`: points card (\"1.1.1\", 0.5, 1, 1)"]);
        // An area's sub-index is compared; a criterion's is not on the card.
        let mut c = card.clone();
        node_mut(&mut c, "1").score.index = None;
        reports(&c, &["`1`: points card (\"1\", 6.37, 10, 10)"]);
        let mut c = card.clone();
        node_mut(&mut c, "1.1").score.index = None;
        reports(&c, &[]);
        let mut c = card.clone();
        c.nodes.pop();
        reports(&c, &["points card has 17 nodes, scorecard 16"]);
        let mut c = card;
        c.findings.clear();
        reports(
            &c,
            &["points card missing evidence [\"2.4\"], scorecard findings []"],
        );
    }

    #[test]
    fn a_node_outside_its_bounds_is_reported() {
        let (rs, ev) = fixture();
        let card = card_of(&rs, &ev);
        let with = |points: &str, applicable: &str| {
            let mut c = card.clone();
            let n = node_mut(&mut c, "1.1.1");
            n.score.points = points.parse().unwrap_or_default();
            n.score.applicable_max = applicable.parse().unwrap_or_default();
            found(check_bounds, &rs, &c, &ev)
        };
        // At the edges (0 and the max, 1) nothing is reported.
        assert_eq!(with("0", "1"), []);
        assert_eq!(with("1", "0"), []);
        assert_eq!(
            with("1.5", "1"),
            [(
                Invariant::WithinBounds,
                "`1.1.1` scored 1.5 outside [0, 1]".to_string()
            )]
        );
        assert_eq!(
            with("-0.5", "1"),
            [(
                Invariant::WithinBounds,
                "`1.1.1` scored -0.5 outside [0, 1]".to_string()
            )]
        );
        assert_eq!(
            with("1", "1.5"),
            [(
                Invariant::WithinBounds,
                "`1.1.1` has applicable max 1.5 outside [0, 1]".to_string()
            )]
        );
        assert_eq!(
            with("0", "-1"),
            [(
                Invariant::WithinBounds,
                "`1.1.1` has applicable max -1 outside [0, 1]".to_string()
            )]
        );
    }

    #[test]
    fn a_parent_or_total_that_is_not_the_sum_of_its_parts_is_reported() {
        let (rs, ev) = fixture();
        let card = card_of(&rs, &ev);
        assert_eq!(found(check_sums, &rs, &card, &ev), []);
        let mut c = card.clone();
        node_mut(&mut c, "1.1").score.points = Decimal::from(3);
        // `1.1` and area `1` above it, whose children now add up to 0.5 more (1.2 is
        // 13/15 done = 86.67% × 1 = 0.87, plus 3 meetings = 3: 3.87; area 1 is 6.37).
        assert_eq!(
            found(check_sums, &rs, &c, &ev),
            [
                (
                    Invariant::SumsOfParts,
                    "`1` has 6.37 of 10 applicable; its children add up to 6.87 of 10".to_string()
                ),
                (
                    Invariant::SumsOfParts,
                    "`1.1` has 3 of 5 applicable; its children add up to 2.5 of 5".to_string()
                ),
            ]
        );
        let mut c = card.clone();
        node_mut(&mut c, "1.1").score.applicable_max = Decimal::from(4);
        let details: Vec<String> = found(check_sums, &rs, &c, &ev)
            .into_iter()
            .map(|v| v.1)
            .collect();
        assert_eq!(
            details,
            [
                "`1` has 6.37 of 10 applicable; its children add up to 6.37 of 9",
                "`1.1` has 2.5 of 4 applicable; its children add up to 2.5 of 5",
            ]
        );
        // The parts (appraised, survey) must add up to the total as the areas do.
        let mut c = card.clone();
        if let Some(p) = c.parts.first_mut() {
            p.score.points += Decimal::ONE;
        }
        let v = found(check_sums, &rs, &c, &ev);
        assert_eq!(v.len(), 1);
        assert!(
            v.iter().all(|(_, d)| d.contains(" and parts to Some(")),
            "{v:?}"
        );
        let mut c = card;
        c.total.points += Decimal::ONE;
        let v = found(check_sums, &rs, &c, &ev);
        assert_eq!(v.len(), 1);
        assert!(
            v.iter()
                .all(|(_, d)| d.contains(" but areas add up to Some(")),
            "{v:?}"
        );
    }

    #[test]
    fn a_not_applicable_leaf_that_moves_more_than_its_ancestors_is_reported() {
        let (rs, ev) = fixture();
        let mut card = card_of(&rs, &ev);
        node_mut(&mut card, "1.1").score.points = Decimal::from(3);
        // Marked: 1.1.1 (0.5 of 1) leaves; 1.1 is then 0 + 1 + 1 = 2 of 4, but from the
        // tampered 3 the check expects 3 − 0.5 = 2.5.
        let v = found(check_not_applicable, &rs, &card, &ev);
        assert_eq!(
            v,
            [(
                Invariant::NotApplicableIsolated,
                "marking `1.1.1` not applicable moved `1.1` from 3 of 5 to 2 of 4 (expected 2.5 of 4)"
                    .to_string()
            )]
        );
        // The 15th case marks the 3rd of the 12 scored leaves (14 mod 12 = 2): 1.1.3, 1 of 1,
        // so 1.1 becomes 0.5 + 0 + 1 = 1.5 of 4 where 3 − 1 = 2 is expected.
        let mut report = Report {
            cases: 14,
            ..Report::default()
        };
        check_not_applicable(&rs, &card, &ev, &mut report);
        let details: Vec<&str> = report
            .violations
            .iter()
            .map(|v| v.detail.as_str())
            .collect();
        assert_eq!(
            details,
            [
                "marking `1.1.3` not applicable moved `1.1` from 3 of 5 to 1.5 of 4 (expected 2 of 4)"
            ]
        );
    }

    #[test]
    fn evidence_that_moves_a_leaf_the_wrong_way_is_reported() {
        let (rs, ev) = fixture();
        let card = card_of(&rs, &ev);
        assert_eq!(found(check_monotone, &rs, &card, &ev), []);
        let mut c = card.clone();
        // 1.1.2 with its second condition held scores 1; a card claiming 1.5 before is broken.
        node_mut(&mut c, "1.1.2").score.points = "1.5".parse().unwrap_or_default();
        // 2.3 with a 4th case scores 2 − 2 = 0; a card claiming −1 before is broken.
        node_mut(&mut c, "2.3").score.points = Decimal::NEGATIVE_ONE;
        // A leaf not scored is not varied.
        node_mut(&mut c, "1.2.2").status = crate::scorecard::NodeStatus::MissingEvidence;
        node_mut(&mut c, "1.2.2").score.points = Decimal::from(9);
        let v = found(check_monotone, &rs, &c, &ev);
        assert_eq!(
            v,
            [
                (
                    Invariant::Monotone,
                    "`1.1.2`: more favourable evidence moved it from 1.5 to 1".to_string()
                ),
                (
                    Invariant::Monotone,
                    "`2.3`: less favourable evidence moved it from -1 to 0.0".to_string()
                ),
            ]
        );
    }

    /// A set or evidence built in code can hold a text longer than the readers accept (64 KiB
    /// by default; `validate` and `evaluate` do not measure texts, the readers do): written
    /// out, it does not read back, and the round trips say so.
    #[test]
    fn a_set_or_evidence_that_does_not_read_back_is_reported() {
        let (rs, ev) = fixture();
        let long = "x".repeat(crate::criteria::Limits::default().max_string_len + 1);
        let mut def = rs.def().clone();
        def.title = long.clone();
        let long_set = crate::validate::validate(def)
            .unwrap_or_else(|e| unreachable!("a long title validates: {e:?}"));
        let mut report = Report::default();
        check_set_round_trips(&long_set, &mut report);
        let prefixes = |r: &Report| -> Vec<(Invariant, bool)> {
            r.violations
                .iter()
                .map(|v| (v.invariant, v.detail.starts_with("RuleSet")))
                .collect()
        };
        assert_eq!(
            prefixes(&report),
            [(Invariant::RoundTrip, true), (Invariant::RoundTrip, true)]
        );
        let texts: Vec<&str> = report
            .violations
            .iter()
            .map(|v| v.detail.as_str())
            .collect();
        assert!(
            texts
                .first()
                .is_some_and(|t| t.starts_with("RuleSetDef → TOML → RuleSetDef: Ok(Err("))
                && texts.get(1).is_some_and(
                    |t| t.starts_with("RuleSet::to_toml_string does not reload equal: Ok(Err(")
                ),
            "{texts:?}"
        );
        let mut report = Report::default();
        check_set_round_trips(&rs, &mut report);
        assert!(report.is_ok(), "{report}");

        let mut noted = ev;
        if let Some(leaf) = noted.evidence.get_mut("1.1.3") {
            leaf.note = Some(long);
        }
        let mut report = Report::default();
        check_evidence(&rs, &noted, &mut report);
        let found: Vec<(Invariant, bool)> = report
            .violations
            .iter()
            .map(|v| {
                (
                    v.invariant,
                    v.detail.starts_with("evidence JSON round trip: Ok(Err("),
                )
            })
            .collect();
        assert_eq!(found, [(Invariant::RoundTrip, true)]);
    }

    /// A deadline leaf is varied to the first day of the year when a date is given, or when
    /// the documents list is given and empty; a task list whose rule leaves out `not_done`
    /// tasks gets no "one more task not done" variant (it would not count).
    #[test]
    fn deadline_and_excluded_task_variants() {
        let rs = RuleSet::from_toml_str(
            r#"
id = "testkit-variants"
title = "Bộ tiêu chí kiểm thử"
level = "district"
years = { from = 2023 }
scale = "2"
document = { number = "01/QĐ-UBND" }
[[areas]]
code = "1"
title = "Chỉ đạo, điều hành"
max = "2"
provenance = { document = "01/QĐ-UBND", verified = false }
[[areas.criteria]]
code = "1.1"
title = "Ban hành kế hoạch CCHC năm"
max = "1"
rule = { kind = "deadline", deadline = "2023-01-15", late = "0.5" }
[[areas.criteria]]
code = "1.2"
title = "Hoàn thành nhiệm vụ"
max = "1"
rule = { kind = "ratio_bands", exclude = ["not_done"], bands = [{ at_least = "100", points = "1" }, { points = "0" }] }
"#,
        )
        .unwrap_or_else(|e| unreachable!("loads: {e}"));
        let deadline = leaf_rule(&rs, "1.1");
        let dated = |e: LeafEvidence| -> Vec<(Option<String>, bool, bool)> {
            variants(deadline, &e)
                .into_iter()
                .map(|(v, b)| (v.date, v.documents.is_none(), b))
                .collect()
        };
        let first_day = vec![(Some("2023-01-01".to_string()), true, true)];
        assert_eq!(
            dated(LeafEvidence {
                date: Some("2023-03-01".into()),
                ..LeafEvidence::default()
            }),
            first_day
        );
        assert_eq!(
            dated(LeafEvidence {
                documents: Some(vec![]),
                ..LeafEvidence::default()
            }),
            first_day
        );
        assert_eq!(dated(LeafEvidence::default()), []);
        let tasks = LeafEvidence {
            tasks: Some(vec![crate::evidence::Task {
                name: "t1".into(),
                status: TaskStatus::InProgress,
            }]),
            ..LeafEvidence::default()
        };
        let v: Vec<(Vec<TaskStatus>, bool)> = variants(leaf_rule(&rs, "1.2"), &tasks)
            .into_iter()
            .map(|(v, b)| {
                let statuses = v
                    .tasks
                    .unwrap_or_default()
                    .iter()
                    .map(|t| t.status)
                    .collect();
                (statuses, b)
            })
            .collect();
        assert_eq!(v, [(vec![TaskStatus::Done], true)]);
    }

    /// A report put together by hand groups only violations with the same invariant and
    /// the same detail: two details of one invariant are two groups.
    #[test]
    fn a_report_groups_by_invariant_and_detail_together() {
        let v = |detail: &str| Violation {
            invariant: Invariant::Monotone,
            detail: detail.into(),
            evidence: None,
            count: 2,
        };
        let report = Report {
            cases: 1,
            evaluations: 2,
            violations: vec![v("`1.1`: less"), v("`1.2`: less"), v("`1.1`: less")],
        };
        assert_eq!(
            report.to_string(),
            "1 cases, 2 evaluations, 6 violations, 2 distinct\n  \
             Monotone (4 times): `1.1`: less\n  Monotone (2 times): `1.2`: less"
        );
    }

    #[test]
    fn bonus_and_penalty_that_do_not_add_up_are_reported() {
        // The set of tests/bonus.rs (10 points, bonus up to 2, penalty up to 1.5): areas
        // 3 + 2 + 3 = 8, 3 initiatives × 0.5 = 1.5 bonus, a reprimand (P.2) −1: 8.5.
        let rs = RuleSet::from_toml_str(include_str!("../tests/fixtures/bonus.toml"))
            .unwrap_or_else(|e| unreachable!("loads: {e}"));
        let ev = Evidence::from_json_str(
            r#"{"unit":{"name":"Xã A","level":"commune"},"period":{"year":2025},
            "evidence":{"1.1":{"points":"3"},"1.2":{"met":true},"2":{"points":"3"}},
            "bonus":{"T.1":{"count":3}},"penalty":{"P.2":{"met":true}}}"#,
        )
        .unwrap_or_else(|e| unreachable!("reads: {e}"));
        let card = card_of(&rs, &ev);
        let details =
            |c: &Scorecard| -> Vec<(Invariant, String)> { found(check_adjusted, &rs, c, &ev) };
        assert_eq!(details(&card), []);
        let total = card.adjusted.as_ref().map(|a| a.total.points);
        assert_eq!(total, Some(Decimal::new(85, 1)));

        let mut c = card.clone();
        c.adjusted = None;
        assert_eq!(
            details(&c),
            [(Invariant::SumsOfParts, "no bonus and penalty".to_string())]
        );
        let tamper = |f: &dyn Fn(&mut Adjusted)| {
            let mut c = card.clone();
            if let Some(a) = c.adjusted.as_mut() {
                f(a);
            }
            details(&c)
        };
        // An item above its max, and one below 0: each outside its bounds, and the sum of
        // the items no longer the bonus claimed.
        assert_eq!(
            tamper(&|a| {
                if let Some(i) = a.bonus.items.first_mut() {
                    i.points = Decimal::TWO;
                }
            }),
            [
                (
                    Invariant::WithinBounds,
                    "item `T.1` scored 2 outside [0, 1.5]".to_string()
                ),
                (
                    Invariant::SumsOfParts,
                    "items add up to 2 (counted 2), not 1.5 (1.5)".to_string()
                ),
            ]
        );
        assert_eq!(
            tamper(&|a| {
                if let Some(i) = a.penalty.items.first_mut() {
                    i.points = Decimal::NEGATIVE_ONE;
                }
            })
            .first(),
            Some(&(
                Invariant::WithinBounds,
                "item `P.1` scored -1 outside [0, 1]".to_string()
            ))
        );
        assert_eq!(
            tamper(&|a| a.total.points = Decimal::from(9)),
            [(
                Invariant::SumsOfParts,
                "total 8 + 1.5 − 1 gave 9, expected 8.5".to_string()
            )]
        );
        // The areas' total on the adjusted card must be the scorecard's total.
        let mut c = card;
        c.total.points = Decimal::from(7);
        assert_eq!(
            details(&c),
            [(
                Invariant::SumsOfParts,
                "total 8 + 1.5 − 1 gave 8.5, expected 8.5".to_string()
            )]
        );
    }

    /// The variants of each leaf's evidence, as (what changed, scores no less).
    #[test]
    fn each_kind_of_evidence_has_its_more_and_less_favourable_variants() {
        let (rs, ev) = fixture();
        let vary = |code: &str, value: &LeafEvidence| variants(leaf_rule(&rs, code), value);
        let of = |code: &str| ev.evidence.get(code).cloned().unwrap_or_default();
        let d = |s: &str| s.parse::<Decimal>().ok();
        // 1.1.4: 30/36 → 31/36 (no less), 30/37 (no more).
        let v = vary("1.1.4", &of("1.1.4"));
        let nd: Vec<_> = v
            .iter()
            .map(|(e, b)| (e.numerator, e.denominator, *b))
            .collect();
        assert_eq!(nd, [(d("31"), d("36"), true), (d("30"), d("37"), false)]);
        // All done already (36/36) and no shares over 100%: only the denominator grows.
        let full = changed(&of("1.1.4"), |e| e.numerator = d("36"));
        let nd: Vec<_> = vary("1.1.4", &full)
            .iter()
            .map(|(e, b)| (e.numerator, e.denominator, *b))
            .collect();
        assert_eq!(nd, [(d("36"), d("37"), false)]);
        // 2.6 allows shares over 100%: 110/100 (in billions) still gets one more done.
        assert_eq!(vary("2.6", &of("2.6")).len(), 2);
        // A percent goes up by 0.01 up to 100, and past it only where shares may pass 100%.
        let pct = |code: &str, p: &str| {
            vary(
                code,
                &LeafEvidence {
                    percent: d(p),
                    ..LeafEvidence::default()
                },
            )
            .iter()
            .map(|(e, b)| (e.percent, *b))
            .collect::<Vec<_>>()
        };
        assert_eq!(pct("1.1.4", "99.99"), [(d("100.00"), true)]);
        assert_eq!(pct("1.1.4", "100"), []);
        assert_eq!(pct("2.6", "100"), [(d("100.01"), true)]);
        // 1.2.1: the first open task (t14, in progress) done, and one more task not done.
        let v = vary("1.2.1", &of("1.2.1"));
        let statuses: Vec<_> = v
            .iter()
            .map(|(e, b)| {
                let t = e.tasks.clone().unwrap_or_default();
                (
                    t.len(),
                    t.get(13).map(|t| t.status),
                    t.last().map(|t| t.status),
                    *b,
                )
            })
            .collect();
        assert_eq!(
            statuses,
            [
                (
                    16,
                    Some(TaskStatus::Done),
                    Some(TaskStatus::NotYetDue),
                    true
                ),
                (
                    17,
                    Some(TaskStatus::InProgress),
                    Some(TaskStatus::NotDone),
                    false
                ),
            ]
        );
        // Counts: one more meeting scores no less; one more case to deduct, no more.
        let count = |code: &str| {
            vary(code, &of(code))
                .iter()
                .map(|(e, b)| (e.count, *b))
                .collect::<Vec<_>>()
        };
        assert_eq!(count("1.2.2"), [(d("4"), true)]);
        assert_eq!(count("2.3"), [(d("4"), false)]);
        // A check: met, and the first condition not held (funded) held.
        let v = vary("1.1.2", &of("1.1.2"));
        assert_eq!(v.len(), 1);
        assert!(v.iter().all(|(e, b)| {
            *b && e
                .conditions
                .as_ref()
                .is_some_and(|c| c.values().all(|h| *h))
        }));
        let v = vary(
            "1.1.3",
            &LeafEvidence {
                met: Some(false),
                ..LeafEvidence::default()
            },
        );
        assert_eq!(
            v.iter().map(|(e, b)| (e.met, *b)).collect::<Vec<_>>(),
            [(Some(true), true)]
        );
        assert_eq!(vary("1.1.3", &of("1.1.3")).len(), 0);
        // A survey: one respondent from the worst answer given (C, 20%) to the best (A).
        let v = vary("2.5", &of("2.5"));
        let answers: Vec<_> = v.iter().map(|(e, b)| (e.answers.clone(), *b)).collect();
        let moved: std::collections::BTreeMap<String, u64> =
            [("A", 11), ("B", 20), ("C", 9), ("D", 0)]
                .into_iter()
                .map(|(o, n)| (o.to_string(), n))
                .collect();
        assert_eq!(answers, [(Some(moved), true)]);
        // Levels and manual points have no order to vary along.
        assert_eq!(vary("1.1.1", &of("1.1.1")).len(), 0);
        assert_eq!(vary("2.4", &of("2.4")).len(), 0);
    }
}
