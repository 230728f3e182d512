//! proptest strategies: valid rule sets of every kind, evidence for a given set, and values at
//! and around the edges where a rule's result changes.

use std::collections::BTreeMap;

use proptest::prelude::*;
use proptest::strategy::BoxedStrategy;
use rust_decimal::Decimal;

use crate::evidence::{Evidence, LeafEvidence, Period, Task, Unit};
use crate::model::{
    AdjustmentDef, BandDef, ClassBand, ConditionDef, DocumentRef, EmptyPolicy, LevelDef, NaPolicy,
    NoCases, NodeDef, Provenance, RuleDef, RuleKind, RuleSetDef, Sign, TaskStatus, UnitLevel,
    WeightDef, Years,
};
use crate::rules::Rule;
use crate::ruleset::RuleSet;

/// Hundredths: `cents(125)` is 1.25.
fn cents(n: u32) -> Decimal {
    Decimal::new(i64::from(n), 2)
}

/// `value × pct ÷ 100`, exact (small operands); 0 if it could not be computed.
fn share_of(value: Decimal, pct: u32) -> Decimal {
    value
        .checked_mul(Decimal::from(pct))
        .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
        .unwrap_or(Decimal::ZERO)
        .normalize()
}

/// A rule of `kind` with no optional field set.
/// Every rule kind, for strategies that pick one.
pub const ALL_KINDS: [RuleKind; 10] = [
    RuleKind::Levels,
    RuleKind::Check,
    RuleKind::RatioBands,
    RuleKind::CountBands,
    RuleKind::Proportional,
    RuleKind::Deduction,
    RuleKind::PerItem,
    RuleKind::Survey,
    RuleKind::Manual,
    RuleKind::Deadline,
];

/// A leaf maximum: 0.25 to 10, in quarters.
pub fn leaf_max() -> BoxedStrategy<Decimal> {
    (1u32..=40).prop_map(|q| cents(q * 25)).boxed()
}

/// A valid rule of any kind for a leaf of this `max`, favourable in the usual
/// direction (better bands pay no less, `otherwise` pays no more than `points`).
pub fn rule_def(max: Decimal) -> BoxedStrategy<RuleDef> {
    proptest::sample::select(ALL_KINDS.to_vec())
        .prop_flat_map(move |kind| rule_of_kind(kind, max))
        .boxed()
}

/// A valid rule of the given kind for a leaf of this `max`.
pub fn rule_of_kind(kind: RuleKind, max: Decimal) -> BoxedStrategy<RuleDef> {
    match kind {
        RuleKind::Levels => levels(max),
        RuleKind::Check => check(max),
        RuleKind::RatioBands => ratio_bands(max),
        RuleKind::CountBands => count_bands(max),
        RuleKind::Proportional => proportional(),
        RuleKind::Deduction => deduction(max),
        RuleKind::PerItem => per_item(max),
        RuleKind::Survey => survey(),
        RuleKind::Manual => Just(RuleDef::of_kind(RuleKind::Manual)).boxed(),
        RuleKind::Deadline => deadline(max),
    }
}

fn levels(max: Decimal) -> BoxedStrategy<RuleDef> {
    prop::collection::vec(0u32..=100, 1..=4)
        .prop_map(move |pcts| RuleDef {
            levels: pcts
                .iter()
                .enumerate()
                .map(|(i, p)| LevelDef {
                    id: format!("l{i}"),
                    label: format!("Mức {i}"),
                    label_en: None,
                    points: share_of(max, *p),
                })
                .collect(),
            ..RuleDef::of_kind(RuleKind::Levels)
        })
        .boxed()
}

fn check(max: Decimal) -> BoxedStrategy<RuleDef> {
    (
        0usize..=3,
        any::<bool>(),
        0u32..=100,
        0u32..=100,
        no_cases_options(),
    )
        .prop_map(move |(n, has_points, p, o, (when_no_cases, _))| {
            let points = has_points.then(|| share_of(max, p));
            let top = points.unwrap_or(max);
            RuleDef {
                conditions: (0..n)
                    .map(|i| ConditionDef {
                        id: format!("c{i}"),
                        label: format!("Điều kiện {i}"),
                        label_en: None,
                    })
                    .collect(),
                points,
                otherwise: (o > 0).then(|| share_of(top, o)),
                when_no_cases,
                ..RuleDef::of_kind(RuleKind::Check)
            }
        })
        .boxed()
}

/// Ratio options: which statuses count, what nothing to count scores.
/// `done`, `exclude` and (`when_no_cases`, or its deprecated name `on_empty`) of a ratio rule.
type RatioOpts = (
    Option<Vec<TaskStatus>>,
    Option<Vec<TaskStatus>>,
    (Option<NoCases>, Option<EmptyPolicy>),
);

/// `when_no_cases`, or the deprecated `on_empty`, or neither (never both).
fn no_cases_options() -> BoxedStrategy<(Option<NoCases>, Option<EmptyPolicy>)> {
    prop_oneof![
        Just((None, None)),
        Just((Some(NoCases::Full), None)),
        Just((Some(NoCases::Exclude), None)),
        Just((Some(NoCases::Zero), None)),
        Just((None, Some(EmptyPolicy::NotApplicable))),
        Just((None, Some(EmptyPolicy::Zero))),
        Just((None, Some(EmptyPolicy::FullPoints))),
    ]
    .boxed()
}

fn ratio_options() -> BoxedStrategy<RatioOpts> {
    let done = prop_oneof![
        Just(None),
        Just(Some(vec![TaskStatus::Done])),
        Just(Some(vec![
            TaskStatus::Done,
            TaskStatus::DoneLate,
            TaskStatus::Recurring
        ])),
    ];
    let exclude = prop_oneof![
        Just(None),
        Just(Some(vec![TaskStatus::NotYetDue])),
        Just(Some(vec![TaskStatus::NotYetDue, TaskStatus::InProgress])),
    ];
    (done, exclude, no_cases_options()).boxed()
}

/// How each band of a list pays, best band first, so that a better value never pays less:
/// fixed points falling with the band, or one proportional band (share × max) with the
/// fixed bands above it paying at least its top and those below at most its bottom.
fn band_pays(
    max: Decimal,
    lowers: &[Decimal],
    top: Decimal,
    prop: Option<usize>,
    mut raw: Vec<u32>,
) -> Vec<Option<Decimal>> {
    raw.sort_unstable_by(|a, b| b.cmp(a));
    let n = lowers.len() + 1;
    (0..n)
        .map(|i| {
            let r = raw.get(i).copied().unwrap_or(0);
            match prop {
                None => Some(share_of(max, r)),
                Some(j) if i == j => None,
                Some(j) if i < j => {
                    // Above the proportional band: at least its top, share of the rest.
                    let upper = lowers.get(j.wrapping_sub(1)).copied().unwrap_or(top);
                    let hi = share_of(max, 1).checked_mul(upper).unwrap_or(max).min(max);
                    let rest = max.checked_sub(hi).unwrap_or(Decimal::ZERO);
                    Some(hi.checked_add(share_of(rest, r)).unwrap_or(max).normalize())
                }
                Some(j) => {
                    let lower = lowers.get(j).copied().unwrap_or(Decimal::ZERO);
                    let lo = share_of(max, 1)
                        .checked_mul(lower)
                        .unwrap_or(Decimal::ZERO)
                        .min(max);
                    Some(share_of(lo, r))
                }
            }
        })
        .collect()
}

/// Bands over falling lower edges `lowers` (the last band has none), paying `pays`, with
/// explicit upper edges where `explicit` says.
fn bands_from(lowers: &[(Decimal, bool)], pays: &[Option<Decimal>], explicit: u8) -> Vec<BandDef> {
    let n = lowers.len() + 1;
    (0..n)
        .map(|i| {
            let mut b = BandDef::default();
            if let Some((v, incl)) = lowers.get(i) {
                if *incl {
                    b.at_least = Some(*v);
                } else {
                    b.above = Some(*v);
                }
            }
            if i > 0
                && explicit & (1 << (i % 8)) != 0
                && let Some((v, incl)) = lowers.get(i - 1)
            {
                // The band ends where the one above starts.
                if *incl {
                    b.below = Some(*v);
                } else {
                    b.at_most = Some(*v);
                }
            }
            match pays.get(i).copied().flatten() {
                Some(p) => b.points = Some(p),
                None => b.proportional = Some(true),
            }
            b
        })
        .collect()
}

fn ratio_bands(max: Decimal) -> BoxedStrategy<RuleDef> {
    let edges = (
        any::<bool>(),
        prop::collection::btree_set(1u32..=10_000, 0..=3),
    );
    (edges, any::<u8>(), ratio_options())
        .prop_flat_map(move |((over, set), explicit, opts)| {
            let mut lowers: Vec<u32> = set.into_iter().collect();
            lowers.reverse();
            if over {
                lowers = lowers.iter().map(|e| e * 2).collect();
            }
            let k = lowers.len();
            (
                Just((over, lowers, explicit, opts)),
                prop::collection::vec(any::<bool>(), k),
                prop::option::of(0..=k),
                prop::collection::vec(0u32..=100, k + 1),
            )
        })
        .prop_map(move |((over, lowers, explicit, opts), incl, prop, raw)| {
            let values: Vec<Decimal> = lowers.iter().map(|e| cents(*e)).collect();
            let pays = band_pays(max, &values, Decimal::ONE_HUNDRED, prop, raw);
            let edges: Vec<(Decimal, bool)> = values
                .iter()
                .zip(incl.iter().chain(std::iter::repeat(&true)))
                .map(|(v, i)| (*v, *i))
                .collect();
            RuleDef {
                bands: bands_from(&edges, &pays, explicit),
                done: opts.0,
                exclude: opts.1,
                when_no_cases: opts.2.0,
                on_empty: opts.2.1,
                allow_over: over.then_some(true),
                measure: Some("tasks".into()),
                ..RuleDef::of_kind(RuleKind::RatioBands)
            }
        })
        .boxed()
}

fn count_bands(max: Decimal) -> BoxedStrategy<RuleDef> {
    (
        prop::collection::btree_set(1u32..=20, 1..=4),
        any::<u8>(),
        0u32..=100,
    )
        .prop_flat_map(move |(set, explicit, o)| {
            let mut lowers: Vec<u32> = set.into_iter().collect();
            lowers.reverse();
            let k = lowers.len();
            (
                Just((lowers, explicit, o)),
                prop::collection::vec(any::<bool>(), k),
                prop::collection::vec(0u32..=100, k),
            )
        })
        .prop_map(move |((lowers, explicit, o), incl, raw)| {
            let mut raw = raw;
            raw.sort_unstable_by(|a, b| b.cmp(a));
            let edges: Vec<(Decimal, bool)> = lowers
                .iter()
                .zip(&incl)
                // `above n - 1` is `at_least n` for whole counts.
                .map(|(e, i)| {
                    if *i {
                        (Decimal::from(*e), true)
                    } else {
                        (Decimal::from(e - 1), false)
                    }
                })
                .collect();
            let pays: Vec<Option<Decimal>> = raw.iter().map(|r| Some(share_of(max, *r))).collect();
            let lowest = pays.last().copied().flatten().unwrap_or(Decimal::ZERO);
            let mut bands = bands_from(&edges, &pays, explicit);
            // Count bands end at their last lower edge; below it `otherwise` pays.
            bands.truncate(edges.len());
            RuleDef {
                bands,
                otherwise: (o > 0).then(|| share_of(lowest, o)),
                measure: Some("meetings".into()),
                ..RuleDef::of_kind(RuleKind::CountBands)
            }
        })
        .boxed()
}

fn proportional() -> BoxedStrategy<RuleDef> {
    (
        prop::option::of(1u32..=10_000),
        prop::option::of(0u32..=100),
        ratio_options(),
    )
        .prop_map(|(target, zero, opts)| {
            let target = target.map(cents);
            // The floor sits at or below the target (a share of it), or anywhere up to 100%.
            let zero_below = zero.map(|z| share_of(target.unwrap_or(Decimal::ONE_HUNDRED), z));
            RuleDef {
                target,
                zero_below,
                done: opts.0,
                exclude: opts.1,
                when_no_cases: opts.2.0,
                on_empty: opts.2.1,
                ..RuleDef::of_kind(RuleKind::Proportional)
            }
        })
        .boxed()
}

fn deduction(max: Decimal) -> BoxedStrategy<RuleDef> {
    (
        1u32..=100,
        prop_oneof![Just(None), (0u32..=100).prop_map(Some)],
        any::<bool>(),
    )
        .prop_map(move |(per, floor, negative)| {
            let min_points = floor.map(|f| {
                let v = share_of(max, f);
                if negative { -v } else { v }
            });
            RuleDef {
                per_item: Some(share_of(max, per)),
                min_points,
                measure: Some("violations".into()),
                ..RuleDef::of_kind(RuleKind::Deduction)
            }
        })
        .boxed()
}

/// A `per_item` rule: 1% to 100% of the max per item, with a cap of 1% to 100% of the max or
/// none (the max).
fn per_item(max: Decimal) -> BoxedStrategy<RuleDef> {
    (
        1u32..=100,
        prop_oneof![Just(None), (1u32..=100).prop_map(Some)],
    )
        .prop_map(move |(per, cap)| RuleDef {
            per_item: Some(share_of(max, per)),
            cap: cap.map(|c| share_of(max, c)),
            measure: Some("initiatives".into()),
            ..RuleDef::of_kind(RuleKind::PerItem)
        })
        .boxed()
}

fn survey() -> BoxedStrategy<RuleDef> {
    let custom = prop::collection::vec(0u32..=100, 1..=5);
    (prop::option::of(custom), ratio_options())
        .prop_map(|(weights, opts)| RuleDef {
            weights: weights
                .unwrap_or_default()
                .iter()
                .zip(["A", "B", "C", "D", "E"])
                .map(|(p, o)| WeightDef {
                    option: o.to_string(),
                    percent: Decimal::from(*p),
                })
                .collect(),
            when_no_cases: opts.2.0,
            on_empty: opts.2.1,
            ..RuleDef::of_kind(RuleKind::Survey)
        })
        .boxed()
}

/// A `deadline` rule: on time by 31/01/2023, late until an optional limit for at most the max.
fn deadline(max: Decimal) -> BoxedStrategy<RuleDef> {
    (0u32..=100, any::<bool>())
        .prop_map(move |(pct, limited)| RuleDef {
            deadline: Some("2023-01-31".into()),
            late: max
                .checked_mul(Decimal::from(pct))
                .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
                .map(|x| crate::decimal::RoundingMode::HalfUp.round(x, 2)),
            late_until: limited.then(|| "2023-03-31".into()),
            ..RuleDef::of_kind(RuleKind::Deadline)
        })
        .boxed()
}

/// A leaf node with its code, max, rule and not-applicable policy.
fn leaf_node(code: String, max: Decimal, rule: RuleDef, na: Option<NaPolicy>) -> NodeDef {
    NodeDef {
        title: format!("Tiêu chí {code}"),
        code,
        title_en: None,
        max,
        rule: Some(rule),
        evidence: None,
        provenance: None,
        part: None,
        not_applicable: na,
        wording: None,
        without_documents: None,
        note: None,
        origin: None,
        criteria: vec![],
    }
}

/// A parent whose max is the sum of its children's.
fn parent_node(code: String, children: Vec<NodeDef>) -> NodeDef {
    let max = children
        .iter()
        .try_fold(Decimal::ZERO, |acc, c| acc.checked_add(c.max))
        .unwrap_or(Decimal::ZERO);
    NodeDef {
        title: format!("Lĩnh vực {code}"),
        code,
        title_en: None,
        max,
        rule: None,
        evidence: None,
        provenance: None,
        part: None,
        not_applicable: None,
        wording: None,
        without_documents: None,
        note: None,
        origin: None,
        criteria: children,
    }
}

type LeafSpec = (Decimal, RuleDef, Option<NaPolicy>);

fn leaf_spec() -> BoxedStrategy<LeafSpec> {
    let na = prop_oneof![
        Just(None),
        Just(Some(NaPolicy::Exclude)),
        Just(Some(NaPolicy::FullPoints)),
    ];
    (leaf_max(), na)
        .prop_flat_map(|(max, na)| (Just(max), rule_def(max), Just(na)))
        .boxed()
}

/// A valid rule set as written: 1 to 3 areas of 1 to 3 criteria, each a leaf or 2 to 3
/// sub-criteria; every kind of rule; maxima that add up to the scale; half-up rounding to 2
/// decimals; sometimes parts and classification bands.
///
/// Every value it yields passes [`validate`](crate::criteria::validate).
pub fn ruleset_def() -> BoxedStrategy<RuleSetDef> {
    let criterion = prop::collection::vec(leaf_spec(), 1..=3);
    let area = prop::collection::vec(criterion, 1..=3);
    let na = prop_oneof![Just(NaPolicy::Exclude), Just(NaPolicy::FullPoints)];
    (
        prop::collection::vec(area, 1..=3),
        na,
        any::<bool>(),
        any::<bool>(),
        adjustments(),
    )
        .prop_map(|(areas, na, with_parts, with_classes, adj)| {
            let mut def = build_def(areas, na, with_parts, with_classes);
            adj.apply(&mut def);
            def
        })
        .boxed()
}

/// The bonus and penalty items of a generated set, their caps and the clamping flags.
#[derive(Debug, Clone)]
struct Adjustments {
    bonus: Vec<(Decimal, RuleDef)>,
    penalty: Vec<(Decimal, RuleDef)>,
    caps: (Option<Decimal>, Option<Decimal>),
    above: bool,
    below: bool,
}

impl Adjustments {
    fn apply(self, def: &mut RuleSetDef) {
        let item = |prefix: &str, i: usize, (max, rule): (Decimal, RuleDef)| AdjustmentDef {
            code: format!("{prefix}.{}", i + 1),
            title: format!("Mục {prefix}.{}", i + 1),
            title_en: None,
            max,
            rule,
            wording: None,
            evidence: None,
            provenance: Provenance {
                document: "TEST/QĐ".into(),
                clause: None,
                verified: false,
                basis: Some("generated".into()),
                url: None,
            },
            note: None,
        };
        let list = |prefix: &str, items: Vec<(Decimal, RuleDef)>| -> Vec<AdjustmentDef> {
            items
                .into_iter()
                .enumerate()
                .map(|(i, x)| item(prefix, i, x))
                .collect()
        };
        def.bonus = list("T", self.bonus);
        def.penalty = list("P", self.penalty);
        (def.bonus_max, def.penalty_max) = self.caps;
        (def.total_above_scale, def.total_below_zero) = (self.above, self.below);
    }
}

/// 0 to 2 bonus and 0 to 2 penalty items, each a `levels`, `check`, `per_item`,
/// `count_bands` or `manual` rule; caps sometimes; clamping flags either way.
fn adjustments() -> BoxedStrategy<Adjustments> {
    let item = || {
        (leaf_max(), 0..5u8).prop_flat_map(|(max, k)| {
            let kind = match k {
                0 => RuleKind::Levels,
                1 => RuleKind::Check,
                2 => RuleKind::PerItem,
                3 => RuleKind::CountBands,
                _ => RuleKind::Manual,
            };
            (Just(max), rule_of_kind(kind, max))
        })
    };
    let cap = || prop_oneof![Just(None), (1..=40u32).prop_map(|c| Some(cents(c * 25)))];
    (
        prop::collection::vec(item(), 0..=2),
        prop::collection::vec(item(), 0..=2),
        (cap(), cap()),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(bonus, penalty, caps, above, below)| Adjustments {
            bonus,
            penalty,
            caps,
            above,
            below,
        })
        .boxed()
}

fn build_def(
    areas: Vec<Vec<Vec<LeafSpec>>>,
    na: NaPolicy,
    with_parts: bool,
    with_classes: bool,
) -> RuleSetDef {
    let nodes: Vec<NodeDef> = areas
        .into_iter()
        .enumerate()
        .map(|(a, criteria)| area_node(a, criteria))
        .collect();
    let scale = nodes
        .iter()
        .try_fold(Decimal::ZERO, |acc, n| acc.checked_add(n.max))
        .unwrap_or(Decimal::ZERO);
    let parts = with_parts.then(|| {
        let survey = survey_max(&nodes);
        crate::model::Parts {
            appraised: scale.checked_sub(survey).unwrap_or(Decimal::ZERO),
            survey,
        }
    });
    RuleSetDef {
        id: "generated".into(),
        title: "Bộ tiêu chí sinh ngẫu nhiên".into(),
        title_en: None,
        description: None,
        document: test_document(),
        level: UnitLevel::District,
        years: Years {
            from: 2023,
            to: None,
        },
        historical: None,
        scale,
        parts,
        classification: if with_classes { classes() } else { vec![] },
        rounding: crate::model::Rounding::default(),
        not_applicable: na,
        survey_optional: None,
        bonus_max: None,
        penalty_max: None,
        bonus: Vec::new(),
        penalty: Vec::new(),
        total_above_scale: false,
        total_below_zero: false,
        tie_break: crate::model::TieBreak::default(),
        ranking_groups: Vec::new(),
        areas: nodes,
    }
}

/// Area (lĩnh vực) number `a` (from 0) with its criteria; even areas are verified, odd
/// ones not.
fn area_node(a: usize, criteria: Vec<Vec<LeafSpec>>) -> NodeDef {
    let mut children = Vec::new();
    for (c, leaves) in criteria.into_iter().enumerate() {
        children.extend(criterion_nodes(format!("{}.{}", a + 1, c + 1), leaves));
    }
    let mut area = parent_node(format!("{}", a + 1), children);
    area.provenance = Some(Provenance {
        document: "TEST/QĐ".into(),
        clause: None,
        verified: a % 2 == 0,
        basis: None,
        url: None,
    });
    area
}

/// A criterion (tiêu chí) coded `code`: a leaf when it has one, else a parent of
/// sub-criteria coded `code.1`, `code.2`, ….
fn criterion_nodes(code: String, leaves: Vec<LeafSpec>) -> Vec<NodeDef> {
    if leaves.len() == 1 {
        leaves
            .into_iter()
            .map(|(max, rule, na)| leaf_node(code.clone(), max, rule, na))
            .collect()
    } else {
        let subs = leaves
            .into_iter()
            .enumerate()
            .map(|(s, (max, rule, na))| leaf_node(format!("{code}.{}", s + 1), max, rule, na))
            .collect();
        vec![parent_node(code, subs)]
    }
}

/// The decision (quyết định) a generated set cites.
fn test_document() -> DocumentRef {
    DocumentRef {
        number: "TEST/QĐ".into(),
        title: None,
        date: None,
        issuer: None,
        url: None,
    }
}

fn survey_max(nodes: &[NodeDef]) -> Decimal {
    nodes
        .iter()
        .map(|n| {
            if n.rule.as_ref().is_some_and(|r| r.kind == RuleKind::Survey) {
                n.max
            } else {
                survey_max(&n.criteria)
            }
        })
        .try_fold(Decimal::ZERO, Decimal::checked_add)
        .unwrap_or(Decimal::ZERO)
}

fn classes() -> Vec<ClassBand> {
    [("A", 90, None), ("B", 70, Some(90)), ("C", 0, Some(70))]
        .into_iter()
        .map(|(label, at_least, below)| ClassBand {
            label: label.into(),
            name: None,
            at_least: Decimal::from(at_least),
            below: below.map(Decimal::from),
        })
        .collect()
}

/// A validated rule set from [`ruleset_def`]; sets that fail validation (none should) are
/// skipped.
pub fn ruleset() -> BoxedStrategy<RuleSet> {
    ruleset_def()
        .prop_filter_map("generated set failed validation", |def| {
            crate::validate::validate(def).ok()
        })
        .boxed()
}

/// The values where a leaf's result changes (band edges, target, floor), when the set has
/// that leaf; empty for kinds without edges.
#[must_use]
pub fn edges(rs: &RuleSet, code: &str) -> Vec<Decimal> {
    rs.tree()
        .index
        .get(code)
        .and_then(|&i| rs.tree().nodes.get(i))
        .and_then(|n| n.leaf.as_ref())
        .map(|l| l.rule.edges())
        .unwrap_or_default()
}

/// The largest value a leaf's rule accepts for the measure its edges are on: `100` for a share
/// when the rule refuses shares above 100% (no `allow_over`); `None` when there is no upper
/// bound (counts, shares allowed over 100%) or no such leaf.
#[must_use]
pub fn accepted_max(rs: &RuleSet, code: &str) -> Option<Decimal> {
    let rule = &rs
        .tree()
        .index
        .get(code)
        .and_then(|&i| rs.tree().nodes.get(i))?
        .leaf
        .as_ref()?
        .rule;
    let options = rule.ratio_options()?;
    (!options.allow_over).then_some(Decimal::ONE_HUNDRED)
}

/// Values at, one `step` below and one `step` above each edge, never below 0 and never above
/// `max`: pass [`accepted_max`] to generate only values the leaf's rule accepts, or `None` to
/// ask for values past its bound as well (to test that they are refused). 0 when there are no
/// edges.
///
/// # Example
/// ```
/// # #[cfg(feature = "proptest")] {
/// use par_index::{Decimal, testkit};
/// use proptest::strategy::{Strategy, ValueTree};
///
/// let edges = vec![Decimal::ONE_HUNDRED];
/// let accepted = testkit::around_edges(edges, Decimal::new(1, 2), Some(Decimal::ONE_HUNDRED));
/// let mut runner = proptest::test_runner::TestRunner::deterministic();
/// for _ in 0..50 {
///     assert!(accepted.new_tree(&mut runner).unwrap().current() <= Decimal::ONE_HUNDRED);
/// }
/// # }
/// ```
pub fn around_edges(
    edges: Vec<Decimal>,
    step: Decimal,
    max: Option<Decimal>,
) -> BoxedStrategy<Decimal> {
    let mut values: Vec<Decimal> = edges
        .iter()
        .flat_map(|e| [e.checked_sub(step), Some(*e), e.checked_add(step)])
        .flatten()
        .map(|v| v.max(Decimal::ZERO))
        .filter(|v| max.is_none_or(|m| *v <= m))
        .collect();
    if values.is_empty() {
        values.push(Decimal::ZERO);
    }
    proptest::sample::select(values).boxed()
}

/// A claim of one bonus or penalty item, or none.
type Claim = (Sign, Option<(String, LeafEvidence)>);

/// For every bonus and penalty item of `rs`: a claim of its rule's shape, or none.
fn claims_for(rs: &RuleSet) -> Vec<BoxedStrategy<Claim>> {
    let mut per_item: Vec<BoxedStrategy<Claim>> = Vec::new();
    for (sign, node) in &rs.tree().items {
        let Some(leaf) = &node.leaf else { continue };
        let (code, sign) = (node.code.to_string(), *sign);
        per_item.push(
            prop_oneof![
                1 => Just((sign, None)),
                3 => kind_value(&leaf.rule, node.max)
                    .prop_map(move |v| (sign, Some((code.clone(), v)))),
            ]
            .boxed(),
        );
    }
    per_item
}

/// Valid evidence for every leaf of `rs`: each leaf has a value of its kind's shape (shares
/// often at and around band edges), is marked not applicable, or has none.
pub fn evidence_for(rs: &RuleSet) -> BoxedStrategy<Evidence> {
    let mut per_leaf: Vec<BoxedStrategy<Option<(String, LeafEvidence)>>> = Vec::new();
    for node in &rs.tree().nodes {
        let Some(leaf) = &node.leaf else { continue };
        let code = node.code.to_string();
        let value = leaf_value(&leaf.rule, node.max);
        let na = LeafEvidence {
            not_applicable: Some("không phát sinh".into()),
            ..LeafEvidence::default()
        };
        per_leaf.push(
            prop_oneof![
                1 => Just(None),
                1 => Just(Some((code.clone(), na))),
                8 => value.prop_map(move |v| Some((code.clone(), v))),
            ]
            .boxed(),
        );
    }
    let level = rs.level();
    let year = rs.def().years.from;
    let id = rs.id().to_string();
    let per_item = claims_for(rs);
    (per_leaf, per_item)
        .prop_map(move |(values, claims)| Evidence {
            unit: Unit {
                name: "Đơn vị thử".into(),
                level,
                code: None,
                province: None,
            },
            period: Period {
                year,
                quarter: None,
                month: None,
            },
            ruleset: Some(id.clone()),
            evidence: values.into_iter().flatten().collect::<BTreeMap<_, _>>(),
            bonus: claims
                .iter()
                .filter(|c| c.0 == Sign::Bonus)
                .filter_map(|c| c.1.clone())
                .collect(),
            penalty: claims
                .iter()
                .filter(|c| c.0 == Sign::Penalty)
                .filter_map(|c| c.1.clone())
                .collect(),
            figures: Vec::new(),
        })
        .boxed()
}

/// Valid evidence for one rule.
fn leaf_value(rule: &Rule, max: Decimal) -> BoxedStrategy<LeafEvidence> {
    let value = kind_value(rule, max);
    if matches!(
        rule,
        Rule::Check(_) | Rule::RatioBands(_) | Rule::Proportional(_)
    ) {
        let none_arose = LeafEvidence {
            no_cases: Some(true),
            ..LeafEvidence::default()
        };
        return prop_oneof![9 => value, 1 => Just(none_arose)].boxed();
    }
    value
}

/// A value of the rule kind's own shape.
fn kind_value(rule: &Rule, max: Decimal) -> BoxedStrategy<LeafEvidence> {
    match rule {
        Rule::Levels(r) => {
            let ids: Vec<String> = r.levels.iter().map(|l| l.id.clone()).collect();
            proptest::sample::select(ids)
                .prop_map(|id| LeafEvidence {
                    level: Some(id),
                    ..LeafEvidence::default()
                })
                .boxed()
        }
        Rule::Check(r) if r.conditions.is_empty() => any::<bool>()
            .prop_map(|met| LeafEvidence {
                met: Some(met),
                ..LeafEvidence::default()
            })
            .boxed(),
        Rule::Check(r) => {
            let ids: Vec<String> = r.conditions.iter().map(|c| c.id.clone()).collect();
            prop::collection::vec(any::<bool>(), ids.len())
                .prop_map(move |held| LeafEvidence {
                    conditions: Some(ids.iter().cloned().zip(held).collect()),
                    ..LeafEvidence::default()
                })
                .boxed()
        }
        Rule::RatioBands(_) | Rule::Proportional(_) => {
            let over = rule.ratio_options().is_some_and(|o| o.allow_over);
            ratio_value(rule.edges(), over)
        }
        Rule::CountBands(_) | Rule::Deduction(_) | Rule::PerItem(_) => {
            let near = around_edges(rule.edges(), Decimal::ONE, None);
            prop_oneof![(0u32..=25).prop_map(Decimal::from), near]
                .prop_map(|count| LeafEvidence {
                    count: Some(count),
                    ..LeafEvidence::default()
                })
                .boxed()
        }
        Rule::Survey(r) => {
            let options: Vec<String> = r.weights.iter().map(|(o, _)| o.clone()).collect();
            let answers =
                prop::collection::vec(0u64..=20, options.len()).prop_map(move |ns| LeafEvidence {
                    answers: Some(options.iter().cloned().zip(ns).collect()),
                    ..LeafEvidence::default()
                });
            prop_oneof![4 => answers, 1 => points_within(max)].boxed()
        }
        Rule::Manual(_) => points_within(max),
        Rule::Deadline(_) => {
            let dated = (1u32..=12, 1u32..=28).prop_map(|(m, d)| LeafEvidence {
                date: Some(format!("2023-{m:02}-{d:02}")),
                ..LeafEvidence::default()
            });
            let none = Just(LeafEvidence {
                documents: Some(Vec::new()),
                ..LeafEvidence::default()
            });
            prop_oneof![4 => dated, 1 => none].boxed()
        }
    }
}

fn points_within(max: Decimal) -> BoxedStrategy<LeafEvidence> {
    (0u32..=100)
        .prop_map(move |p| LeafEvidence {
            points: Some(share_of(max, p)),
            ..LeafEvidence::default()
        })
        .boxed()
}

const STATUSES: [TaskStatus; 6] = [
    TaskStatus::Done,
    TaskStatus::DoneLate,
    TaskStatus::InProgress,
    TaskStatus::NotYetDue,
    TaskStatus::Recurring,
    TaskStatus::NotDone,
];

/// Ratio evidence: counts (often right at or next to an edge), a task list, or a percentage.
fn ratio_value(edges: Vec<Decimal>, over: bool) -> BoxedStrategy<LeafEvidence> {
    let top = if over { 200u32 } else { 100 };
    let counts = (0u32..=60, 0u32..=60).prop_map(move |(a, b)| {
        let (num, den) = match (over, b) {
            (true, 0) => (0, 0),
            (true, _) => (a, b),
            (false, _) => (a.min(b), a.max(b)),
        };
        LeafEvidence {
            numerator: Some(Decimal::from(num)),
            denominator: Some(Decimal::from(den)),
            ..LeafEvidence::default()
        }
    });
    let edge_list = if edges.is_empty() {
        vec![Decimal::from(50)]
    } else {
        edges.clone()
    };
    let near_counts = (proptest::sample::select(edge_list), 1u32..=400, -1i64..=1).prop_map(
        move |(edge, den, offset)| {
            let den_d = Decimal::from(den);
            let exact = edge
                .checked_mul(den_d)
                .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
                .unwrap_or(Decimal::ZERO);
            let num = exact
                .floor()
                .checked_add(Decimal::from(offset))
                .unwrap_or(Decimal::ZERO)
                .max(Decimal::ZERO);
            let num = if over { num } else { num.min(den_d) };
            LeafEvidence {
                numerator: Some(num),
                denominator: Some(den_d),
                ..LeafEvidence::default()
            }
        },
    );
    let tasks = prop::collection::vec(proptest::sample::select(STATUSES.to_vec()), 0..=12)
        .prop_map(|statuses| LeafEvidence {
            tasks: Some(
                statuses
                    .into_iter()
                    .enumerate()
                    .map(|(i, status)| Task {
                        name: format!("nhiệm vụ {i}"),
                        status,
                    })
                    .collect(),
            ),
            ..LeafEvidence::default()
        });
    let percent = prop_oneof![
        (0u32..=top * 100).prop_map(cents),
        around_edges(edges, Decimal::new(1, 2), Some(Decimal::from(top))),
    ]
    .prop_map(move |p| LeafEvidence {
        percent: Some(p),
        ..LeafEvidence::default()
    });
    prop_oneof![counts, near_counts, tasks, percent].boxed()
}

/// Labels of levels as annexes write them (no two read as "X" and "Không X").
const LEVEL_LABELS: [&str; 6] = [
    "Ban hành kịp thời",
    "Ban hành không kịp thời",
    "Không ban hành",
    "Thực hiện đầy đủ, đúng quy định",
    "Thực hiện một phần",
    "Công khai trên Cổng thông tin điện tử",
];

/// Labels of conditions (no `và`, `hoặc`, `:` or `;` inside).
const CONDITION_LABELS: [&str; 4] = [
    "Xác định đầy đủ nhiệm vụ",
    "Có bố trí kinh phí",
    "Đúng thời gian quy định",
    "Đủ số lượng báo cáo",
];

/// A valid rule of any kind in the canonical form of [`crate::wording::canonical`], with
/// labels as annexes write them: for each one, parsing its rendered wording gives it back
/// exactly (`wording::parse(&wording::render(&r, max, Lang::Vi), max) == Ok(r)`).
pub fn worded_rule(max: Decimal) -> BoxedStrategy<RuleDef> {
    rule_def(max)
        .prop_map(move |mut r| {
            for (l, label) in r.levels.iter_mut().zip(LEVEL_LABELS) {
                l.label = label.to_string();
            }
            if r.conditions.len() == 1 {
                r.conditions.clear();
            }
            for (c, label) in r.conditions.iter_mut().zip(CONDITION_LABELS) {
                c.label = label.to_string();
            }
            crate::wording::canonical(&r, max)
        })
        .boxed()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::ValueTree;
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

    /// `n` values drawn from `strategy` with a fixed seed.
    fn sample<T: std::fmt::Debug>(strategy: &BoxedStrategy<T>, n: usize) -> Vec<T> {
        let mut runner = TestRunner::new_with_rng(
            Config::default(),
            TestRng::deterministic_rng(RngAlgorithm::ChaCha),
        );
        (0..n)
            .filter_map(|_| strategy.new_tree(&mut runner).ok().map(|t| t.current()))
            .collect()
    }

    /// A leaf maximum is 0.25 to 10 in quarters, as its doc says: all 40 values, no other.
    #[test]
    fn leaf_maxima_are_the_40_quarters_from_a_quarter_to_ten() {
        let quarters: std::collections::BTreeSet<Decimal> =
            sample(&leaf_max(), 2_000).into_iter().collect();
        let want: std::collections::BTreeSet<Decimal> =
            (1..=40).map(|q: i64| Decimal::new(q * 25, 2)).collect();
        assert_eq!(quarters, want);
        assert_eq!(want.first(), Some(&Decimal::new(25, 2)));
        assert_eq!(want.last(), Some(&Decimal::TEN));
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap_or_default()
    }

    /// Fixed pays fall with the band (raw shares sorted, best first): 100%, 50%, 20% of 2.
    /// With the middle band proportional (share × max, 70% to 90%), the band above pays at
    /// least its top (90% of 2 = 1.8) plus a share of the rest (100% of 0.2), and the band
    /// below at most its bottom (70% of 2 = 1.4), here 20% of it (raw shares sorted: 100, 50,
    /// 20).
    #[test]
    fn band_pays_fall_with_the_band_around_a_proportional_one() {
        let lowers = [d("90"), d("70")];
        let fixed = band_pays(
            Decimal::TWO,
            &lowers,
            Decimal::ONE_HUNDRED,
            None,
            vec![50, 100, 20],
        );
        assert_eq!(fixed, [Some(d("2")), Some(d("1")), Some(d("0.4"))]);
        let around = band_pays(
            Decimal::TWO,
            &lowers,
            Decimal::ONE_HUNDRED,
            Some(1),
            vec![20, 100, 50],
        );
        assert_eq!(around, [Some(d("2")), None, Some(d("0.28"))]);
        let top = band_pays(
            Decimal::TWO,
            &lowers,
            Decimal::ONE_HUNDRED,
            Some(0),
            vec![0, 50, 100],
        );
        // The first band proportional: the bands below pay at most 90% of 2 = 1.8 (50%, 0%).
        assert_eq!(top, [None, Some(d("0.9")), Some(d("0"))]);
    }

    /// Lower edges as given (`at_least` or `above`); an upper edge written out only on the
    /// bands whose bit is set in `explicit` (bit `i` for band `i`, never the first), equal to
    /// the lower edge of the band above and of the other kind.
    #[test]
    fn bands_get_their_upper_edge_where_explicit_says() {
        let edges = [(d("90"), true), (d("70"), false)];
        let pays = [Some(d("2")), None, Some(d("0"))];
        let text = |explicit: u8| -> Vec<String> {
            bands_from(&edges, &pays, explicit)
                .iter()
                .map(|b| {
                    format!(
                        "{:?} {:?} {:?} {:?} {:?} {:?}",
                        b.at_least, b.above, b.below, b.at_most, b.points, b.proportional
                    )
                })
                .collect()
        };
        assert_eq!(
            text(0b0000_0010),
            [
                "Some(90) None None None Some(2) None",
                "None Some(70) Some(90) None None Some(true)",
                "None None None None Some(0) None",
            ]
        );
        assert_eq!(
            text(0b0000_0101),
            [
                "Some(90) None None None Some(2) None",
                "None Some(70) None None None Some(true)",
                "None None None Some(70) Some(0) None",
            ]
        );
        // Bit 0 would be the first band's, which has no band above.
        assert_eq!(text(0b0000_0001), text(0));
    }

    /// Over many draws the check and ratio strategies reach every option they offer: the
    /// kit's invariants are only as strong as the rules it generates.
    #[test]
    fn check_and_ratio_rules_reach_every_option() {
        let max = Decimal::TWO;
        let checks = sample(&rule_of_kind(RuleKind::Check, max), 500);
        let conditions: std::collections::BTreeSet<usize> =
            checks.iter().map(|r| r.conditions.len()).collect();
        assert_eq!(conditions, (0..=3).collect());
        assert!(checks.iter().any(|r| r.points.is_some_and(|p| p < max)));
        assert!(checks.iter().any(|r| r.points.is_none()));
        // `otherwise` is left out when its raw share is 0 (0 is the default; it is 0 only when
        // a met check pays 0 too) and never above what a met check pays.
        assert!(
            checks
                .iter()
                .any(|r| r.otherwise.is_some_and(|o| o > Decimal::ZERO))
        );
        assert!(checks.iter().any(|r| r.otherwise.is_none()));
        assert!(
            checks
                .iter()
                .filter(|r| r.otherwise == Some(Decimal::ZERO))
                .all(|r| r.points == Some(Decimal::ZERO))
        );
        assert!(
            checks
                .iter()
                .all(|r| r.otherwise.unwrap_or_default() <= r.points.unwrap_or(max))
        );
        assert!(checks.iter().any(|r| r.when_no_cases.is_some()));

        let ratios = sample(&rule_of_kind(RuleKind::RatioBands, max), 500);
        assert!(ratios.iter().all(|r| r.measure.as_deref() == Some("tasks")));
        for seen in [
            ratios.iter().any(|r| r.done.is_some()),
            ratios.iter().any(|r| r.exclude.is_some()),
            ratios.iter().any(|r| r.when_no_cases.is_some()),
            ratios.iter().any(|r| r.on_empty.is_some()),
            ratios.iter().any(|r| r.allow_over == Some(true)),
            ratios.iter().any(|r| r.allow_over.is_none()),
        ] {
            assert!(seen);
        }
        // Shares may pass 100% only where the rule allows it, and then edges reach up to 200%.
        let top_edge = |r: &RuleDef| r.bands.iter().filter_map(|b| b.at_least.or(b.above)).max();
        assert!(
            ratios
                .iter()
                .filter(|r| r.allow_over.is_none())
                .all(|r| top_edge(r).is_none_or(|e| e <= Decimal::ONE_HUNDRED))
        );
        assert!(
            ratios
                .iter()
                .filter(|r| r.allow_over == Some(true))
                .any(|r| top_edge(r).is_some_and(|e| e > d("150")))
        );
        // The lowest band pays something in some rules (each band has its own raw share).
        assert!(ratios.iter().any(|r| {
            r.bands
                .last()
                .and_then(|b| b.points)
                .is_some_and(|p| p > Decimal::ZERO)
        }));
    }

    /// The other kinds' strategies reach every option they offer, within the leaf's max.
    #[test]
    fn other_rule_kinds_reach_every_option_within_the_max() {
        let max = Decimal::TWO;
        let of = |kind| sample(&rule_of_kind(kind, max), 400);
        let levels = of(RuleKind::Levels);
        let counts: std::collections::BTreeSet<usize> =
            levels.iter().map(|r| r.levels.len()).collect();
        assert_eq!(counts, (1..=4).collect());
        assert!(
            levels
                .iter()
                .flat_map(|r| &r.levels)
                .all(|l| l.points >= Decimal::ZERO && l.points <= max)
        );

        let meetings = of(RuleKind::CountBands);
        let bands: std::collections::BTreeSet<usize> =
            meetings.iter().map(|r| r.bands.len()).collect();
        assert_eq!(bands, (1..=4).collect());
        assert!(
            meetings
                .iter()
                .all(|r| r.measure.as_deref() == Some("meetings"))
        );
        assert!(
            meetings
                .iter()
                .any(|r| r.bands.iter().any(|b| b.above.is_some()))
        );
        // Count edges are 1 to 20 meetings, written `at_least n` or `above n − 1`.
        let counted: std::collections::BTreeSet<Decimal> = meetings
            .iter()
            .flat_map(|r| &r.bands)
            .filter_map(|b| b.at_least.or(b.above.map(|a| a + Decimal::ONE)))
            .collect();
        assert_eq!(counted, (1..=20).map(Decimal::from).collect());
        assert!(
            meetings
                .iter()
                .any(|r| r.otherwise.is_some_and(|o| o > Decimal::ZERO))
        );
        assert!(meetings.iter().any(|r| r.otherwise.is_none()));
        // What pays below the last edge is no more than the last band.
        assert!(meetings.iter().all(|r| {
            let lowest = r.bands.last().and_then(|b| b.points).unwrap_or_default();
            r.otherwise.unwrap_or_default() <= lowest
        }));

        let shares = of(RuleKind::Proportional);
        for seen in [
            shares.iter().any(|r| r.target.is_some()),
            shares.iter().any(|r| r.target.is_none()),
            shares.iter().any(|r| r.zero_below.is_some()),
            shares.iter().any(|r| r.zero_below.is_none()),
            shares.iter().any(|r| r.done.is_some()),
            shares.iter().any(|r| r.exclude.is_some()),
            shares.iter().any(|r| r.when_no_cases.is_some()),
            shares.iter().any(|r| r.on_empty.is_some()),
        ] {
            assert!(seen);
        }
        assert!(shares.iter().all(|r| {
            r.zero_below.unwrap_or_default() <= r.target.unwrap_or(Decimal::ONE_HUNDRED)
        }));

        let deductions = of(RuleKind::Deduction);
        assert!(
            deductions
                .iter()
                .all(|r| r.measure.as_deref() == Some("violations")
                    && r.per_item.is_some_and(|p| p > Decimal::ZERO && p <= max))
        );
        for seen in [
            deductions.iter().any(|r| r.min_points.is_none()),
            deductions
                .iter()
                .any(|r| r.min_points.is_some_and(|m| m < Decimal::ZERO)),
            deductions
                .iter()
                .any(|r| r.min_points.is_some_and(|m| m > Decimal::ZERO)),
        ] {
            assert!(seen);
        }

        let items = of(RuleKind::PerItem);
        assert!(
            items
                .iter()
                .all(|r| r.measure.as_deref() == Some("initiatives")
                    && r.per_item.is_some_and(|p| p > Decimal::ZERO && p <= max)
                    && r.cap.is_none_or(|c| c > Decimal::ZERO && c <= max))
        );
        assert!(items.iter().any(|r| r.cap.is_some()) && items.iter().any(|r| r.cap.is_none()));

        let surveys = of(RuleKind::Survey);
        let options: std::collections::BTreeSet<usize> =
            surveys.iter().map(|r| r.weights.len()).collect();
        assert_eq!(options, (0..=5).collect());
        assert!(surveys.iter().any(|r| r.when_no_cases.is_some()));
        assert!(surveys.iter().any(|r| r.on_empty.is_some()));

        let deadlines = of(RuleKind::Deadline);
        assert!(
            deadlines
                .iter()
                .all(|r| r.deadline.as_deref() == Some("2023-01-31")
                    && r.late.is_some_and(|l| l >= Decimal::ZERO && l <= max))
        );
        assert!(
            deadlines
                .iter()
                .any(|r| r.late_until.as_deref() == Some("2023-03-31"))
        );
        assert!(deadlines.iter().any(|r| r.late_until.is_none()));
        assert!(
            deadlines
                .iter()
                .any(|r| r.late.is_some_and(|l| l > Decimal::ZERO && l < max))
        );

        assert_eq!(
            of(RuleKind::Manual).first(),
            Some(&RuleDef::of_kind(RuleKind::Manual))
        );
    }

    /// Generated sets reach every set-wide option: bonus and penalty items of each kind the
    /// doc names, caps and clamping flags both ways, the class bands (A from 90, B 70 to
    /// under 90, C under 70), parts, areas verified and not (odd areas verified); and the
    /// evidence for a set with items claims some.
    #[test]
    fn generated_sets_reach_every_set_wide_option() {
        let defs = sample(&ruleset_def(), 300);
        let kinds: std::collections::BTreeSet<&str> = defs
            .iter()
            .flat_map(|d| d.bonus.iter().chain(&d.penalty))
            .map(|i| i.rule.kind.as_str())
            .collect();
        assert_eq!(
            kinds,
            ["check", "count_bands", "levels", "manual", "per_item"]
                .into_iter()
                .collect()
        );
        for seen in [
            defs.iter().any(|d| d.bonus.is_empty()),
            defs.iter().any(|d| d.bonus.len() == 2),
            defs.iter().any(|d| d.penalty.len() == 2),
            defs.iter().any(|d| d.bonus_max.is_some()),
            defs.iter().any(|d| d.penalty_max.is_some()),
            defs.iter().any(|d| d.total_above_scale),
            defs.iter().any(|d| !d.total_above_scale),
            defs.iter().any(|d| d.total_below_zero),
            defs.iter().any(|d| !d.total_below_zero),
            defs.iter().any(|d| d.classification.is_empty()),
        ] {
            assert!(seen);
        }
        let codes: std::collections::BTreeSet<String> = defs
            .iter()
            .flat_map(|d| d.bonus.iter().map(|i| i.code.clone()))
            .collect();
        assert_eq!(
            codes,
            ["T.1", "T.2"].map(String::from).into_iter().collect()
        );
        let classes: Vec<String> = defs
            .iter()
            .find(|d| !d.classification.is_empty())
            .map(|d| {
                d.classification
                    .iter()
                    .map(|c| format!("{} {} {:?}", c.label, c.at_least, c.below))
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(classes, ["A 90 None", "B 70 Some(90)", "C 0 Some(70)"]);
        let verified: Vec<Option<bool>> = defs
            .iter()
            .max_by_key(|d| d.areas.len())
            .map(|d| {
                d.areas
                    .iter()
                    .map(|a| a.provenance.as_ref().map(|p| p.verified))
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(verified, [Some(true), Some(false), Some(true)]);

        let with_items = defs
            .into_iter()
            .find(|d| !d.bonus.is_empty() && !d.penalty.is_empty())
            .and_then(|d| crate::validate::validate(d).ok())
            .unwrap_or_else(|| unreachable!("a generated set with items validates"));
        let evidence = sample(&evidence_for(&with_items), 50);
        assert!(evidence.iter().any(|e| !e.bonus.is_empty()));
        assert!(evidence.iter().any(|e| !e.penalty.is_empty()));
    }

    /// A worded check has no condition or two or three (one condition reads as a plain
    /// check, so it is dropped), each labelled as an annex would word it.
    #[test]
    fn worded_checks_have_no_single_condition() {
        let checks: Vec<RuleDef> = sample(&worded_rule(Decimal::ONE), 600)
            .into_iter()
            .filter(|r| r.kind == RuleKind::Check)
            .collect();
        let counts: std::collections::BTreeSet<usize> =
            checks.iter().map(|r| r.conditions.len()).collect();
        assert_eq!(counts, [0, 2, 3].into_iter().collect());
    }

    /// Counts near an edge: with no edge given, 50%; a denominator past 60 (beyond what the
    /// plain counts draw) comes from the near-edge counts, whose numerator is one below, at
    /// or one above half of it.
    #[test]
    fn near_edge_counts_fall_one_below_at_and_one_above_the_edge() {
        let offsets: std::collections::BTreeSet<i64> = sample(&ratio_value(vec![], false), 2_000)
            .iter()
            .filter_map(|e| Some((e.numerator?, e.denominator?)))
            .filter(|(_, den)| *den > Decimal::from(60))
            .filter_map(|(num, den)| {
                let half = (den / Decimal::TWO).floor();
                i64::try_from(num - half).ok()
            })
            .collect();
        assert_eq!(offsets, [-1, 0, 1].into_iter().collect());
    }
}
