//! The testkit's invariants hold on random rule sets, on the all-kinds fixture and on every
//! bundled set; and a reference scorer, written here from the rule texts without the crate's
//! rules module, agrees with the engine on random inputs, leaf by leaf and in total.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed unwrap is a failed test"
)]

use std::path::Path;

use par_index::criteria::{NodeDef, RuleDef, RuleKind};
use par_index::{Decimal, Evidence, RuleSet, evaluate, evidence::LeafEvidence, testkit};
use proptest::prelude::*;

const ALL_KINDS: &str = include_str!("fixtures/all-kinds.toml");

#[test]
fn invariants_hold_on_the_all_kinds_fixture() {
    let rs = RuleSet::from_toml_str(ALL_KINDS).unwrap();
    let report = testkit::check_invariants(&rs, 300);
    assert!(report.is_ok(), "{report}");
    assert_eq!(report.cases, 300);
    // Variants and not-applicable markings ran too, not only the 300 cases.
    assert!(report.evaluations > 1_000, "{report}");
}

#[test]
fn invariants_hold_on_every_bundled_set() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("criteria");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .map(|e| e.unwrap().path().join("ruleset.toml"))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    for file in files {
        let rs = RuleSet::from_path(&file).unwrap();
        let report = testkit::check_invariants(&rs, 100);
        assert!(report.is_ok(), "{}: {report}", file.display());
    }
}

#[test]
fn generated_sets_are_valid_and_cover_every_kind() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let mut kinds = std::collections::HashSet::new();
    for _ in 0..200 {
        let def = testkit::ruleset_def()
            .new_tree(&mut runner)
            .unwrap()
            .current();
        let rs = par_index::criteria::validate(def.clone())
            .unwrap_or_else(|e| panic!("{e:?}\n{}", toml::to_string(&def).unwrap()));
        kinds.extend(rs.nodes().filter_map(|n| n.rule_kind()));
    }
    assert_eq!(kinds.len(), testkit::ALL_KINDS.len(), "{kinds:?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn invariants_hold_on_random_sets(rs in testkit::ruleset()) {
        let report = testkit::check_invariants(&rs, 24);
        prop_assert!(report.is_ok(), "{}\n{}", report, rs.to_toml_string().unwrap());
    }
}

/// Values at and around edges are what they say.
#[test]
fn around_edges_gives_values_at_and_next_to_each_edge() {
    let rs = RuleSet::from_toml_str(ALL_KINDS).unwrap();
    let edges = testkit::edges(&rs, "1.1.4");
    let d = |s: &str| s.parse::<Decimal>().unwrap();
    assert_eq!(edges, [d("90"), d("100"), d("70"), d("90"), d("70")]);
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    // Asked for every value, refused ones included: 100.01 is there.
    let strategy = testkit::around_edges(edges.clone(), d("0.01"), None);
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..300 {
        seen.insert(strategy.new_tree(&mut runner).unwrap().current());
    }
    let want: std::collections::BTreeSet<Decimal> = [
        "69.99", "70", "70.01", "89.99", "90", "90.01", "99.99", "100", "100.01",
    ]
    .iter()
    .map(|s| d(s))
    .collect();
    assert_eq!(seen, want);
    // 1.1.4 refuses shares above 100%: within what it accepts, 100.01 is never generated.
    assert_eq!(testkit::accepted_max(&rs, "1.1.4"), Some(d("100")));
    let strategy = testkit::around_edges(edges, d("0.01"), testkit::accepted_max(&rs, "1.1.4"));
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..300 {
        seen.insert(strategy.new_tree(&mut runner).unwrap().current());
    }
    let mut accepted = want.clone();
    accepted.remove(&d("100.01"));
    assert_eq!(seen, accepted);
    assert!(testkit::edges(&rs, "1.1.1").is_empty());
    assert!(testkit::edges(&rs, "9.9").is_empty());
}

// ---------------------------------------------------------------------------------------
// The reference scorer: each kind's arithmetic as the rule texts state it, on the rule set as
// written (RuleSetDef), with exact decimal division and its own half-up rounding.

fn hundred() -> Decimal {
    Decimal::from(100)
}

/// Half-up to `dp` decimals, written out: shift, add one half away from zero, cut.
fn half_up(x: Decimal, dp: u32) -> Decimal {
    let scale = Decimal::from(10u64.pow(dp));
    let shifted = x * scale;
    let half = Decimal::new(5, 1);
    let cut = if shifted.is_sign_negative() {
        (shifted - half).ceil()
    } else {
        (shifted + half).floor()
    };
    cut / scale
}

/// The share as a fraction (part, whole) of 100%, or None for 0 of 0. Kept as a fraction so
/// that "a/b × max" is computed as (a × max) ÷ b, exactly as far as a decimal goes.
fn share(rule: &RuleDef, ev: &LeafEvidence) -> Option<(Decimal, Decimal)> {
    if ev.no_cases == Some(true) {
        return None;
    }
    if let Some(p) = ev.percent {
        return Some((p, hundred()));
    }
    if let Some(tasks) = &ev.tasks {
        use par_index::criteria::TaskStatus::*;
        let done = rule.done.clone().unwrap_or(vec![Done, DoneLate]);
        let exclude = rule.exclude.clone().unwrap_or_default();
        let counted: Vec<_> = tasks
            .iter()
            .filter(|t| !exclude.contains(&t.status))
            .collect();
        let n = counted.iter().filter(|t| done.contains(&t.status)).count();
        if counted.is_empty() {
            return None;
        }
        return Some((Decimal::from(n), Decimal::from(counted.len())));
    }
    let (num, den) = (ev.numerator.unwrap(), ev.denominator.unwrap());
    if den.is_zero() {
        return None;
    }
    Some((num, den))
}

enum Leaf {
    Points(Decimal),
    /// Not applicable under the leaf's own policy.
    NotApplicable,
    /// Left out of the maximum whatever the leaf's policy (`when_no_cases = "exclude"`).
    Excluded,
}

/// What nothing to count scores: `when_no_cases`, else the deprecated `on_empty`, else not
/// applicable.
fn no_cases(rule: &RuleDef, max: Decimal) -> Leaf {
    use par_index::criteria::{EmptyPolicy, NoCases};
    match (rule.when_no_cases, rule.on_empty) {
        (Some(NoCases::Full), _) | (None, Some(EmptyPolicy::FullPoints)) => Leaf::Points(max),
        (Some(NoCases::Zero), _) | (None, Some(EmptyPolicy::Zero)) => Leaf::Points(Decimal::ZERO),
        (Some(NoCases::Exclude), _) => Leaf::Excluded,
        (None, _) => Leaf::NotApplicable,
    }
}

/// "Trên x" is >, "từ x" is ≥, "dưới x" is <, "đến x" is ≤: a band holds the value when it
/// passes its lower edge; bands are best first, so the first band passed is the band.
fn band_of(
    bands: &[par_index::criteria::BandDef],
    v: Decimal,
) -> Option<&par_index::criteria::BandDef> {
    bands.iter().find(|b| match (b.at_least, b.above) {
        (Some(e), _) => v >= e,
        (_, Some(e)) => v > e,
        _ => true,
    })
}

fn reference_leaf(rule: &RuleDef, max: Decimal, ev: &LeafEvidence) -> Leaf {
    match rule.kind {
        RuleKind::Levels => {
            let id = ev.level.as_ref().unwrap();
            Leaf::Points(rule.levels.iter().find(|l| &l.id == id).unwrap().points)
        }
        RuleKind::Check if ev.no_cases == Some(true) => no_cases(rule, max),
        RuleKind::Check => {
            let met = match &ev.conditions {
                Some(c) => c.values().all(|held| *held),
                None => ev.met.unwrap(),
            };
            Leaf::Points(if met {
                rule.points.unwrap_or(max)
            } else {
                rule.otherwise.unwrap_or_default()
            })
        }
        RuleKind::RatioBands | RuleKind::Proportional => {
            let Some(s) = share(rule, ev) else {
                return no_cases(rule, max);
            };
            let (a, b) = s;
            // a/b ≥ e% ⇔ a × 100 ≥ e × b: compare without dividing.
            let at_least = |e: Decimal| a * hundred() >= e * b;
            let proportional = (a * max / b).min(max);
            if rule.kind == RuleKind::RatioBands {
                let band = rule
                    .bands
                    .iter()
                    .find(|band| match (band.at_least, band.above) {
                        (Some(e), _) => at_least(e),
                        (_, Some(e)) => a * hundred() > e * b,
                        _ => true,
                    })
                    .unwrap();
                return Leaf::Points(band.points.unwrap_or(proportional));
            }
            if rule.zero_below.is_some_and(|z| !at_least(z)) {
                return Leaf::Points(Decimal::ZERO);
            }
            Leaf::Points(match rule.target {
                Some(t) if at_least(t) => max,
                Some(t) => a * hundred() * max / b / t,
                None => proportional,
            })
        }
        RuleKind::CountBands => {
            let c = ev.count.unwrap();
            Leaf::Points(
                band_of(&rule.bands, c)
                    .and_then(|b| b.points)
                    .unwrap_or(rule.otherwise.unwrap_or_default()),
            )
        }
        RuleKind::Deduction => {
            let floor = rule.min_points.unwrap_or_default();
            Leaf::Points((max - ev.count.unwrap() * rule.per_item.unwrap()).max(floor))
        }
        RuleKind::PerItem => {
            // count × per item, at most the cap (the max when none is given).
            let cap = rule.cap.unwrap_or(max);
            Leaf::Points((ev.count.unwrap() * rule.per_item.unwrap()).min(cap))
        }
        RuleKind::Survey => {
            if let Some(p) = ev.points {
                return Leaf::Points(p);
            }
            let weights: Vec<(String, Decimal)> = if rule.weights.is_empty() {
                vec![
                    ("A".into(), 100.into()),
                    ("B".into(), 60.into()),
                    ("C".into(), 20.into()),
                    ("D".into(), 0.into()),
                ]
            } else {
                rule.weights
                    .iter()
                    .map(|w| (w.option.clone(), w.percent))
                    .collect()
            };
            let answers = ev.answers.clone().unwrap();
            let people: u64 = answers.values().sum();
            if people == 0 {
                return no_cases(rule, max);
            }
            let mut sum = Decimal::ZERO;
            for (option, n) in &answers {
                let w = weights.iter().find(|(o, _)| o == option).unwrap().1;
                sum += Decimal::from(*n) * w;
            }
            Leaf::Points(sum * max / Decimal::from(people) / hundred())
        }
        RuleKind::Manual => Leaf::Points(ev.points.unwrap()),
        RuleKind::Deadline => {
            // ISO dates order as text: on time up to the deadline, late up to `late_until`,
            // then (or with no document) as not issued.
            let not_issued = rule.not_issued.unwrap_or_default();
            let Some(date) = ev.date.as_deref() else {
                return Leaf::Points(not_issued);
            };
            let deadline = rule.deadline.as_deref().unwrap();
            if date <= deadline {
                Leaf::Points(rule.on_time.unwrap_or(max))
            } else if rule.late_until.as_deref().is_none_or(|until| date <= until) {
                Leaf::Points(rule.late.unwrap_or_default())
            } else {
                Leaf::Points(not_issued)
            }
        }
    }
}

/// Walks the set as written: leaf points by code, and the total.
fn reference(
    def: &par_index::criteria::RuleSetDef,
    ev: &Evidence,
) -> (Vec<(String, Decimal)>, Decimal) {
    fn walk(
        node: &NodeDef,
        na_default: par_index::criteria::NaPolicy,
        ev: &Evidence,
        dp: u32,
        out: &mut Vec<(String, Decimal)>,
    ) -> Decimal {
        let na_policy = node.not_applicable.unwrap_or(na_default);
        let Some(rule) = &node.rule else {
            return node
                .criteria
                .iter()
                .map(|c| walk(c, na_policy_for_children(node, na_default), ev, dp, out))
                .sum();
        };
        let full = na_policy == par_index::criteria::NaPolicy::FullPoints;
        let points = match ev.evidence.get(&node.code) {
            None => Decimal::ZERO,
            Some(v) if v.not_applicable.is_some() => {
                if full {
                    node.max
                } else {
                    Decimal::ZERO
                }
            }
            Some(v) => match reference_leaf(rule, node.max, v) {
                Leaf::Points(p) => half_up(p, dp),
                Leaf::NotApplicable => {
                    if full {
                        node.max
                    } else {
                        Decimal::ZERO
                    }
                }
                Leaf::Excluded => Decimal::ZERO,
            },
        };
        out.push((node.code.clone(), points));
        points
    }
    fn na_policy_for_children(
        node: &NodeDef,
        inherited: par_index::criteria::NaPolicy,
    ) -> par_index::criteria::NaPolicy {
        node.not_applicable.unwrap_or(inherited)
    }
    assert_eq!(def.rounding.mode, par_index::scoring::RoundingMode::HalfUp);
    let mut out = Vec::new();
    let total = def
        .areas
        .iter()
        .map(|a| walk(a, def.not_applicable, ev, def.rounding.points, &mut out))
        .sum();
    (out, total)
}

fn agree(rs: &RuleSet, ev: &Evidence) -> Result<(), TestCaseError> {
    let card = evaluate(rs, ev).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let (leaves, total) = reference(rs.def(), ev);
    for (code, want) in &leaves {
        let got = card.node(code).unwrap().score.points;
        prop_assert_eq!(got, *want, "leaf {} with {:?}", code, ev.evidence.get(code));
    }
    prop_assert_eq!(card.total.points, total);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn reference_scorer_agrees_on_random_sets(
        (rs, ev) in testkit::ruleset().prop_flat_map(|rs| {
            let ev = testkit::evidence_for(&rs);
            (Just(rs), ev)
        })
    ) {
        agree(&rs, &ev)?;
    }

    #[test]
    fn reference_scorer_agrees_on_the_fixture(
        ev in testkit::evidence_for(&RuleSet::from_toml_str(ALL_KINDS).unwrap())
    ) {
        agree(&RuleSet::from_toml_str(ALL_KINDS).unwrap(), &ev)?;
    }
}

#[test]
fn reference_scorer_agrees_on_the_fixture_evidence() {
    let rs = RuleSet::from_toml_str(ALL_KINDS).unwrap();
    let ev = Evidence::from_json_str(include_str!("fixtures/all-kinds.evidence.json")).unwrap();
    let (leaves, total) = reference(rs.def(), &ev);
    assert_eq!(total.normalize().to_string(), "22.03");
    assert_eq!(leaves.len(), 13);
    agree(&rs, &ev).unwrap();
}

/// Found by the invariant checker: under `allow_over` a proportional band or rule paid
/// share × max above the max (150% of a 2-point leaf scored 3).
#[test]
fn proportional_pay_is_capped_at_the_max_when_shares_pass_100() {
    let rs = RuleSet::from_toml_str(
        r#"
id = "over"
title = "Over"
level = "district"
years = { from = 2023 }
scale = 4
document = { number = "1/QĐ" }
[[areas]]
code = "1"
title = "A"
max = 4
provenance = { document = "1/QĐ", verified = false }
[[areas.criteria]]
code = "1.1"
title = "Thu ngân sách"
max = 2
rule = { kind = "ratio_bands", allow_over = true, bands = [ { at_least = "50", proportional = true }, { points = "0" } ] }
[[areas.criteria]]
code = "1.2"
title = "Thu ngân sách"
max = 2
rule = { kind = "proportional", allow_over = true }
"#,
    )
    .unwrap();
    let ev = Evidence::from_json_str(
        r#"{ "unit": { "name": "X", "level": "district" }, "period": { "year": 2023 },
             "evidence": { "1.1": { "numerator": 3, "denominator": 2 }, "1.2": { "percent": "150" } } }"#,
    )
    .unwrap();
    let card = evaluate(&rs, &ev).unwrap();
    assert_eq!(card.node("1.1").unwrap().score.points, Decimal::from(2));
    assert_eq!(card.node("1.2").unwrap().score.points, Decimal::from(2));
    assert_eq!(card.total.points, Decimal::from(4));
    assert!(testkit::check_invariants(&rs, 50).is_ok());
}

/// A report groups identical violations: one line per violation with its count, one example.
#[test]
fn a_report_groups_identical_violations() {
    let monotone = testkit::Violation {
        invariant: testkit::Invariant::Monotone,
        detail: "1.1: 2 more tasks done scored 1 → 0.5".into(),
        evidence: Some("{\n  \"evidence\": {}\n}".into()),
        count: 1,
    };
    let bounds = testkit::Violation {
        invariant: testkit::Invariant::WithinBounds,
        detail: "1.2: 3 above max 2".into(),
        evidence: None,
        count: 1,
    };
    let mut violations = vec![monotone.clone(); 43];
    violations.insert(5, bounds);
    let report = testkit::Report {
        cases: 10,
        evaluations: 80,
        violations,
    };
    let text = report.to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "10 cases, 80 evaluations, 44 violations, 2 distinct",
            "  Monotone (43 times): 1.1: 2 more tasks done scored 1 → 0.5",
            "    example evidence: {\"evidence\":{}}",
            "  WithinBounds (once): 1.2: 3 above max 2",
        ]
    );
}
