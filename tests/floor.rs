//! A deduction's floor is rule data: a set may let a penalty take a leaf below zero (−0.25, as
//! some commune-level standards do). What that does to the leaf, its parent, its area and the
//! total, to appraisal and to the invariant checker; every value computed by hand.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed unwrap is a failed test"
)]

use par_index::{
    Evidence, RuleSet, assessment::Appraisal, assessment::evaluate_appraised, evaluate,
};

/// Area 1 (max 2): 1.1 a deduction of 0.25 per late file, max 1, floor `floor`; 1.2 a check,
/// max 1. Area 2 (max 1): one check. Scale 3.
fn set(floor: &str) -> Result<RuleSet, par_index::criteria::LoadError> {
    RuleSet::from_toml_str(&format!(
        r#"
id = "floor"
title = "Sàn điểm trừ"
level = "commune"
years = {{ from = 2025 }}
scale = "3"
document = {{ number = "01/QĐ-UBND" }}
classification = [
  {{ label = "Tốt", at_least = "50" }},
  {{ label = "Chưa tốt", at_least = "0", below = "50" }},
]
[[areas]]
code = "1"
title = "Thủ tục hành chính"
max = "2"
provenance = {{ document = "01/QĐ-UBND", verified = false }}
[[areas.criteria]]
code = "1.1"
title = "Hồ sơ trễ hạn"
max = "1"
rule = {{ kind = "deduction", per_item = "0.25", min_points = "{floor}", measure = "late files" }}
[[areas.criteria]]
code = "1.2"
title = "Niêm yết TTHC"
max = "1"
rule = {{ kind = "check" }}
[[areas]]
code = "2"
title = "Kế hoạch"
max = "1"
provenance = {{ document = "01/QĐ-UBND", verified = false }}
rule = {{ kind = "check" }}
"#
    ))
}

fn evidence(late: u32, met: bool) -> Evidence {
    Evidence::from_json_str(&format!(
        r#"{{ "unit": {{ "name": "Xã Thử", "level": "commune" }}, "period": {{ "year": 2025 }},
             "evidence": {{ "1.1": {{ "count": {late} }}, "1.2": {{ "met": {met} }}, "2": {{ "met": {met} }} }} }}"#
    ))
    .unwrap()
}

/// Points of 1.1, area 1 and the total, and the total index.
fn scores(rs: &RuleSet, late: u32, met: bool) -> [String; 4] {
    let card = evaluate(rs, &evidence(late, met)).unwrap();
    let p = |code: &str| {
        card.node(code)
            .unwrap()
            .score
            .points
            .normalize()
            .to_string()
    };
    [
        p("1.1"),
        p("1"),
        card.total.points.normalize().to_string(),
        card.total.index.unwrap().normalize().to_string(),
    ]
}

#[test]
fn a_negative_floor_takes_the_leaf_below_zero_and_no_further() {
    let rs = set("-0.25").unwrap();
    // 4 late: 1 − 4 × 0.25 = 0 (the floor 0 would also give 0)
    assert_eq!(scores(&rs, 4, true), ["0", "1", "2", "66.67"]);
    // 5 late: 1 − 1.25 = −0.25, exactly the floor; area 1 = −0.25 + 1 = 0.75; total 1.75 of 3
    // → 58.33%
    assert_eq!(scores(&rs, 5, true), ["-0.25", "0.75", "1.75", "58.33"]);
    // 6 late: 1 − 1.5 = −0.5, held at −0.25
    assert_eq!(scores(&rs, 6, true), ["-0.25", "0.75", "1.75", "58.33"]);
    // With the checks failed the area and the total go below zero: area 1 = −0.25 + 0,
    // total = −0.25 + 0 = −0.25 of 3 → −8.33% (below every class: none).
    assert_eq!(scores(&rs, 6, false), ["-0.25", "-0.25", "-0.25", "-8.33"]);
    let card = evaluate(&rs, &evidence(6, false)).unwrap();
    assert_eq!(card.classification, None);
    assert_eq!(
        card.node("1.1")
            .unwrap()
            .leaf
            .as_ref()
            .unwrap()
            .explanation
            .to_string(),
        "6 late files × 0.25 off the max, floored at -0.25 → -0.25 of 1"
    );
    // With the default floor 0 the same 6 late files score 0.
    let rs0 = set("0").unwrap();
    assert_eq!(scores(&rs0, 6, false), ["0", "0", "0", "0"]);
}

#[test]
fn the_floor_is_checked_against_the_max() {
    // equal to the max: valid (the leaf always scores 1); just above: refused
    assert!(set("1").is_ok());
    let e = set("1.01").unwrap_err();
    assert_eq!(
        e.issues()[0].to_string(),
        "areas[0].criteria[0].rule.min_points (line 21): `min_points = 1.01` is above the leaf's max `1`"
    );
}

#[test]
fn appraisal_may_set_points_down_to_the_declared_floor_and_not_below() {
    let rs = set("-0.25").unwrap();
    let ev = evidence(0, true);
    let round = |code: &str, pts: &str| {
        Appraisal::from_json_str(&format!(
            r#"{{ "rounds": [{{ "round": 1, "changes": {{ "{code}": {{ "points": "{pts}", "reason": "r" }} }} }}] }}"#
        ))
        .unwrap()
    };
    // −0.25 on 1.1 (its floor): total 3 − 1 − 0.25 = 1.75
    let a = evaluate_appraised(&rs, &ev, &round("1.1", "-0.25")).unwrap();
    assert_eq!(a.total.points.normalize().to_string(), "1.75");
    // −0.26 on 1.1: below the floor
    let e = evaluate_appraised(&rs, &ev, &round("1.1", "-0.26")).unwrap_err();
    assert!(
        e.to_string()
            .contains("points `-0.26` are outside [-0.25, 1]"),
        "{e}"
    );
    // a check leaf's floor is 0: −0.01 refused, 0 accepted
    let e = evaluate_appraised(&rs, &ev, &round("1.2", "-0.01")).unwrap_err();
    assert!(
        e.to_string().contains("points `-0.01` are outside [0, 1]"),
        "{e}"
    );
    assert!(evaluate_appraised(&rs, &ev, &round("1.2", "0")).is_ok());
    assert_eq!(
        rs.node("1.1").unwrap().floor().normalize().to_string(),
        "-0.25"
    );
    assert_eq!(rs.node("1").unwrap().floor().normalize().to_string(), "0");
}

#[cfg(feature = "proptest")]
#[test]
fn the_invariant_checker_accepts_the_declared_floor() {
    let rs = set("-0.25").unwrap();
    let report = par_index::testkit::check_invariants(&rs, 64);
    assert!(report.is_ok(), "{report}");
}

#[test]
fn reports_write_a_negative_leaf_with_its_sign_and_a_decimal_comma() {
    let rs = set("-0.25").unwrap();
    let none = Appraisal::from_json_str(r#"{ "rounds": [] }"#).unwrap();
    let card = evaluate_appraised(&rs, &evidence(6, true), &none).unwrap();
    let md =
        par_index::report::render_scorecard_markdown(&card, par_index::report::Lang::Vi).unwrap();
    // −0.25 of 1 → −25%; numbers are written as `format_number` writes them (ASCII minus).
    assert!(
        md.contains("| 1.1 | Hồ sơ trễ hạn | 1 | -0,25 |  |  | -0,25 | -25,00 |"),
        "{md}"
    );
}
