//! Evaluation: a pure function from a validated rule set and a unit's evidence to a
//! [`Scorecard`].

mod items;

use std::cell::OnceCell;
use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::decimal::plain;
use crate::error::{EvalError, EvidenceIssue, EvidenceIssueCode};
use crate::evidence::{Evidence, LeafEvidence};
use crate::limits::Limits;
use crate::model::{NaPolicy, Part};
use crate::path::DataPath;
use crate::rules::{Ctx, Explain, Explained, Outcome, ScoreError, Silent, Working};
use crate::ruleset::RuleSet;
use crate::scorecard::{
    AdjustedTotal, Basis, Class, Explanation, Finding, FindingKind, LeafResult, NodeResult,
    NodeStatus, PartScore, ProvenanceSummary, RuleSetInfo, Score, Scorecard,
};
use crate::validate::tree::{Leaf, Node, Tree};

/// Scores a unit's evidence under a rule set.
///
/// Each leaf is scored by its rule from its evidence; a leaf without evidence scores 0 and is
/// reported as a finding; a leaf marked not applicable leaves the maximum or scores full
/// points, as the set says; a leaf that requires documents (`without_documents`) and cites
/// none is capped at that many points, with a finding. Leaf points are rounded once by the set's policy; parents add them
/// exactly; every index is points ÷ applicable maximum × 100, rounded once.
///
/// # Errors
/// [`EvalError::Evidence`] with every problem found: a code the set lacks, evidence on a
/// parent, a value of the wrong shape, a numerator above its denominator, a negative count, a
/// unit of another level, a year the set does not cover. [`EvalError::Overflow`] if a
/// computation leaves the range of a decimal.
///
/// # Example
/// ```
/// use par_index::{Evidence, RuleSet, evaluate};
///
/// let rs = RuleSet::from_toml_str(r#"
/// id = "demo"
/// title = "Demo"
/// level = "district"
/// years = { from = 2023 }
/// scale = 2
/// document = { number = "01/QĐ-UBND" }
/// [[areas]]
/// code = "1"
/// title = "Chỉ đạo, điều hành"
/// max = 2
/// provenance = { document = "01/QĐ-UBND", verified = false }
/// [[areas.criteria]]
/// code = "1.1"
/// title = "Mức độ thực hiện kế hoạch CCHC"
/// max = 1
/// rule = { kind = "ratio_bands", bands = [
///   { at_least = "100", points = "1" }, { at_least = "80", points = "0.5" }, { points = "0" },
/// ] }
/// [[areas.criteria]]
/// code = "1.2"
/// title = "Báo cáo đúng hạn"
/// max = 1
/// rule = { kind = "check" }
/// "#)?;
/// let ev = Evidence::from_json_str(r#"{
///   "unit": { "name": "Thị xã Duyên Hải", "level": "district" },
///   "period": { "year": 2023 },
///   "evidence": { "1.1": { "numerator": 30, "denominator": 36 } }
/// }"#)?;
/// let card = evaluate(&rs, &ev)?;
/// let leaf = card.node("1.1").unwrap();
/// assert_eq!(leaf.score.points.to_string(), "0.5");
/// assert_eq!(
///     leaf.leaf.as_ref().unwrap().explanation.to_string(),
///     "30/36 = 83.33% → band 80% to under 100% → 0.5 of 1"
/// );
/// assert_eq!(card.total.index.unwrap().to_string(), "25.00");
/// assert_eq!(card.findings[0].to_string(), r#"evidence["1.2"]: no evidence: scored 0 of 1"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn evaluate(rs: &RuleSet, ev: &Evidence) -> Result<Scorecard, EvalError> {
    evaluate_with_limits(rs, ev, &Limits::default())
}

/// [`evaluate`] with custom [`Limits`] on the evidence: entries, tasks per leaf, magnitude of
/// numbers.
///
/// # Errors
/// As [`evaluate`]; values past the limits are [`EvalError::Evidence`] issues with the code
/// [`EvidenceIssueCode::Limit`], reported before any leaf is scored.
///
/// # Example
/// ```
/// use par_index::{Evidence, criteria::Limits, RuleSet, scoring::evaluate_with_limits};
///
/// let rs = RuleSet::from_toml_str(r#"
/// id = "demo"
/// title = "Demo"
/// level = "district"
/// years = { from = 2023 }
/// scale = 1
/// document = { number = "01/QĐ-UBND" }
/// [[areas]]
/// code = "1"
/// title = "Họp"
/// max = 1
/// provenance = { document = "01/QĐ-UBND", verified = false }
/// rule = { kind = "deduction", per_item = "0.25" }
/// "#)?;
/// let ev = Evidence::from_json_str(r#"{
///   "unit": { "name": "X", "level": "district" }, "period": { "year": 2023 },
///   "evidence": { "1": { "count": 12 } }
/// }"#)?;
/// let limits = Limits { max_magnitude: 10.into(), ..Limits::default() };
/// let err = evaluate_with_limits(&rs, &ev, &limits).unwrap_err();
/// assert_eq!(
///     err.issues()[0].to_string(),
///     r#"evidence["1"].count: `12` is larger than the limit of 10"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn evaluate_with_limits(
    rs: &RuleSet,
    ev: &Evidence,
    limits: &Limits,
) -> Result<Scorecard, EvalError> {
    score_and_assemble(rs, ev, limits, &BTreeMap::new(), &OnceCell::new())
}

/// [`evaluate`], with some leaves' points set directly (by an appraisal) instead of scored from
/// their evidence: `given[code] = (points, working)`, points already checked within [0, max].
///
/// `digest` holds the evidence's SHA-256 once worked out: an appraisal scores the same
/// evidence several times (the self-assessment, each change alone, each round) and hashes it
/// once until a round replaces some of it.
pub(crate) fn evaluate_with(
    rs: &RuleSet,
    ev: &Evidence,
    given: &BTreeMap<String, (Decimal, Working)>,
    digest: &OnceCell<String>,
) -> Result<Scorecard, EvalError> {
    score_and_assemble(rs, ev, &Limits::default(), given, digest)
}

/// A unit's numbers, scored without explanations, findings or evidence digest: what a
/// [`PointsCard`](crate::scoring::PointsCard) shows, and what the effect of one appraisal
/// change reads (its leaf, its area and the total after the change alone). It costs about
/// what [`evaluate_points`](crate::scoring::evaluate_points) costs, a fifth of a scorecard.
pub(crate) struct Numbers<'r> {
    rs: &'r RuleSet,
    /// Per node, in tree order: points and maxima, rolled up.
    acc: Vec<Acc>,
    /// The areas' points and applicable maximum, added up.
    total: Acc,
    /// The index of `total`.
    total_index: Option<Decimal>,
    /// The points of the bonus and penalty items that have a rule, in the set's order.
    items: Vec<items::ScoredItem>,
    /// The total after bonus and penalty, when the set has items.
    adjusted: Option<AdjustedTotal>,
}

impl Numbers<'_> {
    /// The points of the node with this code; `None` when the set has none.
    pub(crate) fn points(&self, code: &str) -> Option<Decimal> {
        let &at = self.rs.tree().index.get(code)?;
        self.acc.get(at).map(|a| a.points)
    }

    /// The index of the node with this code, worked out as a scorecard's; `None` when the set
    /// has no such node or nothing under it applies.
    ///
    /// # Errors
    /// [`EvalError::Overflow`] at the node's path, as [`evaluate`] would report it.
    pub(crate) fn index(&self, code: &str) -> Result<Option<Decimal>, EvalError> {
        let tree = self.rs.tree();
        let Some((node, a)) = tree
            .index
            .get(code)
            .and_then(|&at| tree.nodes.get(at).zip(self.acc.get(at)))
        else {
            return Ok(None);
        };
        index(self.rs, a.points, a.applicable, &node.path)
    }

    /// The areas' total points and its index.
    pub(crate) fn total(&self) -> (Decimal, Option<Decimal>) {
        (self.total.points, self.total_index)
    }

    /// The points of the bonus or penalty item with this code; `None` when the set has no
    /// such item with a rule.
    pub(crate) fn item_points(&self, code: &str) -> Option<Decimal> {
        let at = self
            .rs
            .tree()
            .items
            .iter()
            .filter(|(_, node)| node.leaf.is_some())
            .position(|(_, node)| *node.code == *code)?;
        self.items.get(at).map(|(points, _)| *points)
    }

    /// The areas' applicable maximum, added up.
    pub(crate) fn applicable_max(&self) -> Decimal {
        self.total.applicable
    }

    /// Every node's points and maxima, in tree order.
    pub(crate) fn nodes(&self) -> &[Acc] {
        &self.acc
    }

    /// The total after bonus and penalty, when the set has items.
    pub(crate) fn adjusted(&self) -> Option<&AdjustedTotal> {
        self.adjusted.as_ref()
    }
}

/// [`Numbers`] of a unit, with some leaves' points set directly (by an appraisal), as
/// [`evaluate_with`] scores them.
///
/// # Errors
/// As [`evaluate_with`], for the same evidence and `given`.
pub(crate) fn numbers_with<'r>(
    rs: &'r RuleSet,
    ev: &Evidence,
    given: &BTreeMap<String, (Decimal, Working)>,
) -> Result<Numbers<'r>, EvalError> {
    let Scored { acc, items, .. } = score::<Silent>(rs, ev, &Limits::default(), given)?;
    let mut total = Acc::default();
    for (node, a) in rs.tree().nodes.iter().zip(&acc) {
        if node.parent.is_none() {
            add_exact(&mut total.points, a.points, &node.path)?;
            add_exact(&mut total.applicable, a.applicable, &node.path)?;
        }
    }
    let total_index = index(rs, total.points, total.applicable, &DataPath::root())?;
    let adjusted = items::adjusted_numbers(rs, &items, total.points, total.applicable)?;
    Ok(Numbers {
        rs,
        acc,
        total,
        total_index,
        items,
        adjusted,
    })
}

/// Checks the evidence against the limits, scores it and builds the scorecard.
fn score_and_assemble(
    rs: &RuleSet,
    ev: &Evidence,
    limits: &Limits,
    given: &BTreeMap<String, (Decimal, Working)>,
    digest: &OnceCell<String>,
) -> Result<Scorecard, EvalError> {
    let Scored {
        acc,
        leaves,
        findings,
        items,
    } = score::<Explained>(rs, ev, limits, given)?;
    let digest = digest.get_or_init(|| crate::digest::evidence_sha256(ev));
    let mut card = assemble(rs, ev, digest, &acc, leaves, findings)?;
    card.adjusted = items::adjusted(rs, items, card.total.points, card.total.applicable_max)?;
    Ok(card)
}
/// The points of every node, before they are dressed up as a [`Scorecard`].
pub(crate) struct Scored {
    /// Per node, in tree order: points and maxima, rolled up.
    pub(crate) acc: Vec<Acc>,
    /// Per node: the leaf's result (empty when not kept, and for parents).
    pub(crate) leaves: Vec<Option<LeafResult>>,
    /// Missing evidence and not-applicable leaves (empty when not kept).
    pub(crate) findings: Vec<Finding>,
    /// The bonus and penalty items, in the set's order (bonus first).
    pub(crate) items: Vec<items::ScoredItem>,
}

/// Scores every leaf and rolls the points up. With [`Explained`], keeps each leaf's result
/// and the findings, which only a [`Scorecard`] needs; with [`Silent`](crate::rules::Silent),
/// only the numbers. `given` sets some leaves' points directly.
///
/// Evidence past the `limits` is refused before any leaf is scored, with only the limit
/// issues.
pub(crate) fn score<E: Explain>(
    rs: &RuleSet,
    ev: &Evidence,
    limits: &Limits,
    given: &BTreeMap<String, (Decimal, Working)>,
) -> Result<Scored, EvalError> {
    let past_limits = || EvalError::Evidence {
        issues: crate::evidence::bounds::check_evidence(ev, limits),
    };
    if crate::evidence::bounds::too_many(ev, limits) {
        return Err(past_limits());
    }
    let mut issues = check_header(rs, ev);
    let bounds = crate::evidence::bounds::LeafBounds::new(limits);
    let (values, within) = match_codes(rs, ev, &bounds, &mut issues);
    if !(within & items::match_claims(rs, ev, &bounds, &mut issues)) {
        return Err(past_limits());
    }
    let LeafTally {
        mut acc,
        leaves,
        findings,
    } = score_leaves::<E>(rs, &values, given, &mut issues)?;
    let items = items::score_items::<E>(rs, ev, given, &mut issues)?;
    if !issues.is_empty() {
        return Err(EvalError::Evidence { issues });
    }
    roll_up(rs.tree(), &mut acc)?;
    Ok(Scored {
        acc,
        leaves,
        findings,
        items,
    })
}

/// What scoring the leaves keeps, per node in tree order.
struct LeafTally {
    /// Each leaf's points and maxima (parents not yet rolled up).
    acc: Vec<Acc>,
    /// Each leaf's result (empty when not kept).
    leaves: Vec<Option<LeafResult>>,
    /// Capped, missing and not-applicable leaves.
    findings: Vec<Finding>,
}

/// Scores every leaf (tiêu chí thành phần) from its matched evidence, or takes its points
/// from `given`, and rounds them once; a problem with the evidence goes to `issues`.
///
/// # Errors
/// [`EvalError::Overflow`] at the leaf's evidence path if a computation leaves the range of
/// a decimal.
fn score_leaves<E: Explain>(
    rs: &RuleSet,
    values: &[Option<Matched<'_>>],
    given: &BTreeMap<String, (Decimal, Working)>,
    issues: &mut Vec<EvidenceIssue>,
) -> Result<LeafTally, EvalError> {
    let nodes = &rs.tree().nodes;
    let rounding = rs.def().rounding;
    let mut tally = LeafTally {
        acc: vec![Acc::default(); nodes.len()],
        leaves: Vec::new(),
        findings: Vec::new(),
    };
    if E::KEEP {
        tally.leaves.resize(nodes.len(), None);
    }
    for (i, node) in nodes.iter().enumerate() {
        let Some(leaf) = &node.leaf else { continue };
        let value = values.get(i).copied().flatten();
        let scored = match given.get(&*node.code) {
            Some((points, working)) => {
                E::working(|| Ok(working.clone())).map(|w| (Basis::Scored { working: w }, *points))
            }
            None => score_leaf::<E>(node, leaf, value),
        };
        match scored {
            Ok((basis, exact)) => {
                let (exact, capped) =
                    cap_without_documents::<E>(node, leaf, &basis, exact, value.map(|m| m.value));
                tally.findings.extend(capped);
                let points = rounding.mode.round(exact, rounding.points);
                tally.record::<E>(i, node, leaf, basis, points);
            }
            Err(ScoreError::Evidence(issue)) => issues.push(issue),
            Err(ScoreError::Overflow) => {
                return Err(EvalError::Overflow {
                    path: leaf.evidence_path.clone(),
                });
            }
        }
    }
    Ok(tally)
}

impl LeafTally {
    /// Records the rounded points of leaf `i` and, when the caller keeps them, its result
    /// and its finding.
    fn record<E: Explain>(
        &mut self,
        i: usize,
        node: &Node,
        leaf: &Leaf,
        basis: Basis<E::Working>,
        points: Decimal,
    ) {
        if let Some(slot) = self.acc.get_mut(i) {
            *slot = leaf_acc(node, &basis, points);
        }
        let Some(basis) = E::keep(basis) else {
            return;
        };
        self.findings.extend(finding(node, leaf, &basis));
        if let Some(l) = self.leaves.get_mut(i) {
            *l = Some(LeafResult {
                rule: leaf.rule.kind(),
                part: leaf.part,
                verified: leaf.provenance.verified,
                source: leaf.source.clone(),
                explanation: Explanation {
                    basis,
                    points,
                    max: node.max,
                },
            });
        }
    }
}

/// Points and maxima of a node as they add up.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Acc {
    pub(crate) points: Decimal,
    pub(crate) applicable: Decimal,
    /// A leaf at or below the node was scored from evidence.
    pub(crate) scored: bool,
    /// A leaf at or below the node has no evidence (the node's status is then missing).
    pub(crate) missing: bool,
    /// A not-applicable leaf at or below the node left its maximum (`applicable` is less
    /// than the node's maximum).
    pub(crate) excluded: bool,
}

fn check_header(rs: &RuleSet, ev: &Evidence) -> Vec<EvidenceIssue> {
    let mut issues = Vec::new();
    let def = rs.def();
    if ev.unit.level != def.level {
        issues.push(EvidenceIssue::new(
            DataPath::root().key("unit").key("level"),
            EvidenceIssueCode::LevelMismatch,
            format!(
                "the unit is at level `{}`, but `{}` scores level `{}`",
                ev.unit.level, def.id, def.level
            ),
        ));
    }
    if !def.years.contains(ev.period.year) {
        let years = match def.years.to {
            Some(to) if to == def.years.from => format!("{to}"),
            Some(to) => format!("{} to {to}", def.years.from),
            None => format!("{} on", def.years.from),
        };
        issues.push(EvidenceIssue::new(
            DataPath::root().key("period").key("year"),
            EvidenceIssueCode::YearOutOfRange,
            format!(
                "year `{}` is outside the years `{}` applies to ({years})",
                ev.period.year, def.id
            ),
        ));
    }
    if let Some(q) = ev.period.quarter
        && !(1..=4).contains(&q)
    {
        issues.push(EvidenceIssue::new(
            DataPath::root().key("period").key("quarter"),
            EvidenceIssueCode::OutOfRange,
            format!("quarter `{q}`: expected 1 to 4"),
        ));
    }
    if let Some(m) = ev.period.month
        && !(1..=12).contains(&m)
    {
        issues.push(EvidenceIssue::new(
            DataPath::root().key("period").key("month"),
            EvidenceIssueCode::OutOfRange,
            format!("month `{m}`: expected 1 to 12"),
        ));
    }
    if let Some(id) = &ev.ruleset
        && id != &def.id
    {
        issues.push(EvidenceIssue::new(
            DataPath::root().key("ruleset"),
            EvidenceIssueCode::RuleSetMismatch,
            format!("the evidence was prepared for `{id}`, not for `{}`", def.id),
        ));
    }
    issues
}

/// An evidence value matched to its leaf, with the fields it sets.
#[derive(Debug, Clone, Copy)]
struct Matched<'e> {
    value: &'e LeafEvidence,
    /// Read here, in one pass over every leaf's evidence, rather than leaf by leaf while
    /// scoring: the reads of different leaves overlap, which is what a batch of thousands of
    /// units (evidence no longer in cache) waits on.
    fields: crate::rules::SetFields,
}

/// Pairs each evidence value with its leaf, by node index; reports codes the set lacks and
/// evidence given for a parent.
///
/// The evidence map and the set's `leaves_by_code` list are both sorted by code, so one
/// merged pass pairs them: no hashing, about one string comparison per value. A code that is
/// not a leaf's is looked up to say whether it is a parent's or unknown.
///
/// Also tells whether every value is within the limits (the values are read here anyway).
fn match_codes<'e>(
    rs: &RuleSet,
    ev: &'e Evidence,
    bounds: &crate::evidence::bounds::LeafBounds,
    issues: &mut Vec<EvidenceIssue>,
) -> (Vec<Option<Matched<'e>>>, bool) {
    let mut within = true;
    let tree = rs.tree();
    let mut values = vec![None; tree.nodes.len()];
    let mut leaves = tree
        .leaves_by_code
        .iter()
        .filter_map(|&i| tree.nodes.get(i).map(|n| (&*n.code, i)))
        .peekable();
    for (code, value) in &ev.evidence {
        within &= bounds.within(value);
        // Usually `code` is the next leaf's: one equality test (lengths first). Leaves
        // before it have no evidence and are skipped.
        let mut found = None;
        while let Some(&(c, i)) = leaves.peek() {
            if c == code.as_str() {
                found = Some(i);
                leaves.next();
                break;
            }
            if c > code.as_str() {
                break;
            }
            leaves.next();
        }
        if let Some(i) = found {
            if let Some(slot) = values.get_mut(i) {
                *slot = Some(Matched {
                    value,
                    fields: crate::rules::evidence_fields(value),
                });
            }
            continue;
        }
        let path = DataPath::root().key("evidence").key(code.clone());
        issues.push(match tree.index.get(code.as_str()) {
            None => EvidenceIssue::new(path, EvidenceIssueCode::UnknownCode, format!("`{}` has no criterion `{code}`", rs.id())),
            Some(_) => EvidenceIssue::new(
                path,
                EvidenceIssueCode::NotALeaf,
                format!("`{code}` is scored as the sum of its sub-criteria: give evidence for them instead"),
            ),
        });
    }
    (values, within)
}

fn score_leaf<E: Explain>(
    node: &Node,
    leaf: &Leaf,
    matched: Option<Matched<'_>>,
) -> Result<(Basis<E::Working>, Decimal), ScoreError> {
    let Some(Matched { value, fields }) = matched else {
        return Ok((Basis::MissingEvidence, Decimal::ZERO));
    };
    if let Some(reason) = &value.not_applicable {
        if !fields.is_empty() {
            return Err(ScoreError::Evidence(EvidenceIssue::new(
                leaf.evidence_path.key("not_applicable"),
                EvidenceIssueCode::WrongShape,
                "a leaf marked not applicable takes no other value",
            )));
        }
        return Ok(not_applicable(node, leaf, reason.clone(), false));
    }
    let ctx = Ctx {
        max: node.max,
        path: &leaf.evidence_path,
        kind: leaf.rule.kind(),
    };
    match leaf.rule.score_as::<E>(&ctx, value)? {
        Outcome::Points { points, working } => Ok((Basis::Scored { working }, points)),
        Outcome::NotApplicable { reason, exclude } => {
            Ok(not_applicable(node, leaf, reason, exclude))
        }
    }
}

/// Caps a scored leaf that requires documents and cites none, with a finding (built only
/// when `E` keeps findings).
fn cap_without_documents<E: Explain>(
    node: &Node,
    leaf: &Leaf,
    basis: &Basis<E::Working>,
    exact: Decimal,
    value: Option<&LeafEvidence>,
) -> (Decimal, Option<Finding>) {
    let (Some(cap), Basis::Scored { .. }) = (leaf.without_documents, basis) else {
        return (exact, None);
    };
    let cited = value
        .and_then(|v| v.documents.as_ref())
        .is_some_and(|d| !d.is_empty());
    if cited {
        return (exact, None);
    }
    if !E::KEEP {
        return (exact.min(cap), None);
    }
    let effect = if exact > cap {
        format!("{} capped to {}", plain(exact), plain(cap))
    } else {
        format!("{} is within the cap", plain(exact))
    };
    let finding = Finding {
        kind: FindingKind::DocumentsMissing,
        code: node.code.clone(),
        path: leaf.evidence_path.key("documents"),
        message: format!(
            "no document cited: the leaf requires documents and scores at most {} without them; {effect}",
            plain(cap)
        ),
    };
    (exact.min(cap), Some(finding))
}

/// A leaf that is not applicable: full points under the leaf's `full_points` policy unless
/// the rule said to `exclude` it, else it leaves the maximum.
fn not_applicable<W>(
    node: &Node,
    leaf: &Leaf,
    reason: String,
    exclude: bool,
) -> (Basis<W>, Decimal) {
    let full_points = !exclude && leaf.na == NaPolicy::FullPoints;
    let points = if full_points { node.max } else { Decimal::ZERO };
    (
        Basis::NotApplicable {
            reason,
            full_points,
        },
        points,
    )
}

fn leaf_acc<W>(node: &Node, basis: &Basis<W>, points: Decimal) -> Acc {
    match basis {
        Basis::Scored { .. } => Acc {
            points,
            applicable: node.max,
            scored: true,
            ..Acc::default()
        },
        Basis::MissingEvidence | Basis::NotClaimed => Acc {
            points: Decimal::ZERO,
            applicable: node.max,
            missing: true,
            ..Acc::default()
        },
        Basis::NotApplicable { full_points, .. } => Acc {
            points,
            applicable: if *full_points {
                node.max
            } else {
                Decimal::ZERO
            },
            excluded: !*full_points,
            ..Acc::default()
        },
    }
}

fn finding(node: &Node, leaf: &Leaf, basis: &Basis) -> Option<Finding> {
    let finding = |kind, message: String| Finding {
        kind,
        code: node.code.clone(),
        path: leaf.evidence_path.clone(),
        message,
    };
    match basis {
        Basis::Scored { .. } | Basis::NotClaimed => None,
        Basis::MissingEvidence => Some(finding(
            FindingKind::MissingEvidence,
            format!("no evidence: scored 0 of {}", plain(node.max)),
        )),
        Basis::NotApplicable {
            reason,
            full_points,
        } => {
            let effect = if *full_points {
                format!(
                    "scored full points, {} of {}",
                    plain(node.max),
                    plain(node.max)
                )
            } else {
                format!("its {} points leave the maximum", plain(node.max))
            };
            Some(finding(
                FindingKind::NotApplicable,
                format!("not applicable ({reason}): {effect}"),
            ))
        }
    }
}

/// Adds every node's points and applicable maximum into its parent's, deepest first (a
/// child comes after its parent in tree order).
///
/// Each parent's sum is built in a local and stored once: its children are found by hopping
/// from one child to the next (`child + 1 .. end` is the child's subtree).
fn roll_up(tree: &Tree, acc: &mut [Acc]) -> Result<(), EvalError> {
    for (p, &end) in tree.ends.iter().enumerate().rev() {
        let mut child = p + 1;
        if child >= end {
            continue; // a leaf
        }
        let mut sum = Acc::default();
        let mut cut = Decimal::ZERO;
        while child < end {
            let Some(c) = acc.get(child) else { break };
            let overflow = || EvalError::Overflow {
                path: tree
                    .nodes
                    .get(child)
                    .map_or_else(DataPath::root, |n| n.path.clone()),
            };
            sum.points = sum.points.checked_add(c.points).ok_or_else(overflow)?;
            if c.excluded {
                // The part of the child's maximum its not-applicable leaves leave out.
                let child_max = tree.nodes.get(child).map_or(Decimal::ZERO, |n| n.max);
                cut = child_max
                    .checked_sub(c.applicable)
                    .and_then(|x| x.checked_add(cut))
                    .ok_or_else(overflow)?;
                sum.excluded = true;
            }
            sum.scored |= c.scored;
            sum.missing |= c.missing;
            child = tree.ends.get(child).copied().unwrap_or(end).max(child + 1);
        }
        // The children's maxima add up to the parent's (validation checks it), so only what
        // not-applicable leaves leave out is subtracted.
        let max = tree.nodes.get(p).map_or(Decimal::ZERO, |n| n.max);
        sum.applicable = if sum.excluded {
            max.checked_sub(cut).ok_or_else(|| EvalError::Overflow {
                path: tree
                    .nodes
                    .get(p)
                    .map_or_else(DataPath::root, |n| n.path.clone()),
            })?
        } else {
            max
        };
        if let Some(slot) = acc.get_mut(p) {
            *slot = sum;
        }
    }
    Ok(())
}

pub(crate) fn index(
    rs: &RuleSet,
    points: Decimal,
    applicable: Decimal,
    path: &DataPath,
) -> Result<Option<Decimal>, EvalError> {
    if applicable.is_zero() {
        return Ok(None);
    }
    let r = rs.def().rounding;
    let raw = points
        .checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|x| x.checked_div(applicable))
        .ok_or_else(|| EvalError::Overflow { path: path.clone() })?;
    let mut idx = r.mode.round(raw, r.index);
    idx.rescale(r.index);
    Ok(Some(idx))
}

pub(crate) fn status(a: &Acc) -> NodeStatus {
    if a.missing {
        NodeStatus::MissingEvidence
    } else if a.scored {
        NodeStatus::Scored
    } else {
        NodeStatus::NotApplicable
    }
}

fn assemble(
    rs: &RuleSet,
    ev: &Evidence,
    digest: &str,
    acc: &[Acc],
    leaves: Vec<Option<LeafResult>>,
    findings: Vec<Finding>,
) -> Result<Scorecard, EvalError> {
    let nodes = &rs.tree().nodes;
    let mut results = Vec::with_capacity(nodes.len());
    let mut totals = Totals::new();
    for ((node, a), leaf) in nodes.iter().zip(acc).zip(leaves) {
        totals.add(node, a)?;
        results.push(node_result(rs, node, a, leaf)?);
    }
    let Totals { total, parts, prov } = totals;
    let def = rs.def();
    let total_index = index(rs, total.points, total.applicable, &DataPath::root())?;
    let part_scores = part_scores(rs, &parts)?;
    Ok(Scorecard {
        engine: format!("par-index {}", env!("CARGO_PKG_VERSION")),
        ruleset: ruleset_info(rs),
        unit: ev.unit.clone(),
        period: ev.period,
        evidence_sha256: digest.to_string(),
        provisional: ev.period.is_provisional(),
        total: Score {
            points: total.points,
            max: def.scale,
            applicable_max: total.applicable,
            index: total_index,
        },
        classification: total_index.and_then(|i| classify(rs, i)),
        adjusted: None,
        parts: part_scores,
        nodes: results,
        findings,
        provenance: prov,
    })
}

/// Adds `x` to `sum` exactly, or fails with an overflow at `path`.
fn add_exact(sum: &mut Decimal, x: Decimal, path: &DataPath) -> Result<(), EvalError> {
    *sum = sum
        .checked_add(x)
        .ok_or_else(|| EvalError::Overflow { path: path.clone() })?;
    Ok(())
}

/// The running sums behind a scorecard's totals: the whole index (chỉ số), each part
/// (appraised, survey) and the leaves not checked against the published text.
struct Totals {
    total: Acc,
    parts: [(Part, Acc); 2],
    prov: ProvenanceSummary,
}

impl Totals {
    /// Empty sums, with the parts in scorecard order (appraised, then survey).
    fn new() -> Self {
        Self {
            total: Acc::default(),
            parts: [
                (Part::Appraised, Acc::default()),
                (Part::Survey, Acc::default()),
            ],
            prov: ProvenanceSummary {
                leaves: 0,
                unverified_leaves: 0,
                unverified_max: Decimal::ZERO,
                unverified_points: Decimal::ZERO,
            },
        }
    }

    /// Adds one node's points: an area (lĩnh vực) to the whole index, a leaf to the
    /// provenance counts and to its part.
    fn add(&mut self, node: &Node, a: &Acc) -> Result<(), EvalError> {
        if node.parent.is_none() {
            add_exact(&mut self.total.points, a.points, &node.path)?;
            add_exact(&mut self.total.applicable, a.applicable, &node.path)?;
        }
        let Some(l) = &node.leaf else {
            return Ok(());
        };
        self.prov.leaves += 1;
        if !l.provenance.verified {
            self.prov.unverified_leaves += 1;
            add_exact(&mut self.prov.unverified_max, node.max, &node.path)?;
            add_exact(&mut self.prov.unverified_points, a.points, &node.path)?;
        }
        for (part, pa) in &mut self.parts {
            if *part == l.part {
                add_exact(&mut pa.points, a.points, &node.path)?;
                add_exact(&mut pa.applicable, a.applicable, &node.path)?;
                pa.scored = true;
            }
        }
        Ok(())
    }
}

/// One node's line in a scorecard: its points, maxima, index and status.
fn node_result(
    rs: &RuleSet,
    node: &Node,
    a: &Acc,
    leaf: Option<LeafResult>,
) -> Result<NodeResult, EvalError> {
    Ok(NodeResult {
        code: node.code.clone(),
        title: node.title.clone(),
        title_en: node.title_en.clone(),
        parent: node
            .parent
            .and_then(|p| rs.tree().nodes.get(p))
            .map(|p| p.code.clone()),
        depth: node.depth,
        score: Score {
            points: a.points,
            max: node.max,
            applicable_max: a.applicable,
            index: index(rs, a.points, a.applicable, &node.path)?,
        },
        status: status(a),
        leaf,
    })
}

/// Which rule set scored the unit: its id, title, decision (quyết định) and digest.
pub(crate) fn ruleset_info(rs: &RuleSet) -> RuleSetInfo {
    let def = rs.def();
    RuleSetInfo {
        id: def.id.clone(),
        title: def.title.clone(),
        document: def.document.number.clone(),
        sha256: rs.sha256().to_owned(),
    }
}

fn part_scores(rs: &RuleSet, parts: &[(Part, Acc)]) -> Result<Vec<PartScore>, EvalError> {
    let def = rs.def();
    let mut out = Vec::new();
    for (part, a) in parts {
        let declared = def.parts.map(|p| {
            if *part == Part::Survey {
                p.survey
            } else {
                p.appraised
            }
        });
        if !a.scored && declared.is_none_or(|d| d.is_zero()) {
            continue;
        }
        let max = declared.unwrap_or(a.applicable);
        out.push(PartScore {
            part: *part,
            score: Score {
                points: a.points,
                max,
                applicable_max: a.applicable,
                index: index(rs, a.points, a.applicable, &DataPath::root().key("parts"))?,
            },
        });
    }
    Ok(out)
}

pub(crate) fn classify(rs: &RuleSet, index: Decimal) -> Option<Class> {
    rs.def()
        .classification
        .iter()
        .find(|band| index >= band.at_least)
        .map(|band| Class {
            label: band.label.clone(),
            name: band.name.clone(),
        })
}
