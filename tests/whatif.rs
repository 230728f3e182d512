//! What-if: a scenario scored against its base, deltas checked by hand.

#![allow(
    clippy::unwrap_used,
    reason = "tests unwrap: a failure is the test failing"
)]

use par_index::{Evidence, RuleSet, analysis::Scenario, analysis::what_if};

const RULES: &str = r#"
id = "whatif-test"
title = "Bộ tiêu chí kiểm thử"
level = "district"
years = { from = 2023 }
scale = 4
document = { number = "01/QĐ-UBND" }
[[areas]]
code = "1"
title = "Chỉ đạo, điều hành"
max = 3
provenance = { document = "01/QĐ-UBND", verified = false }
[[areas.criteria]]
code = "1.1"
title = "Mức độ thực hiện kế hoạch"
max = 2
rule = { kind = "ratio_bands", bands = [{ above = "90", points = "2" }, { at_least = "70", points = "1" }, { points = "0" }] }
[[areas.criteria]]
code = "1.2"
title = "Báo cáo đúng hạn"
max = 1
rule = { kind = "check" }
[[areas]]
code = "2"
title = "Thủ tục hành chính"
max = 1
provenance = { document = "01/QĐ-UBND", verified = false }
[[areas.criteria]]
code = "2.1"
title = "Hồ sơ trễ hạn"
max = 1
rule = { kind = "deduction", per_item = "0.25" }
"#;

fn base() -> Evidence {
    Evidence::from_json_str(
        r#"{ "unit": { "name": "Thị xã Duyên Hải", "level": "district" }, "period": { "year": 2023, "quarter": 3 },
             "evidence": { "1.1": { "numerator": 30, "denominator": 36 }, "1.2": { "met": false }, "2.1": { "count": 2 } } }"#,
    )
    .unwrap()
}

fn run(scenario: &str) -> Result<par_index::analysis::WhatIf, par_index::scoring::EvalError> {
    let rs = RuleSet::from_toml_str(RULES).unwrap();
    what_if(&rs, &base(), &Scenario::from_json_str(scenario).unwrap())
}

#[test]
fn deltas_per_node_per_area_and_in_total() {
    let w = run(r#"{ "name": "3 more tasks and the reports on time",
                     "set": { "1.1": { "numerator": 33 } }, "replace": { "1.2": { "met": true } } }"#)
    .unwrap();
    // base: 1.1 30/36 = 83.3% → 1; 1.2 not met → 0; 2.1 1 − 2 × 0.25 = 0.5; total 1.5 of 4 = 37.50%
    // scenario: 1.1 33/36 = 91.7% → 2 (+1); 1.2 met → 1 (+1); total 3.5 of 4 = 87.50% (+2)
    assert_eq!(w.total.to_string(), "1.5 → 3.5 (+2), index 37.50% → 87.50%");
    // area 1: 1 of 3 = 33.33% → 3 of 3 = 100%; area 2 unchanged at 0.5 of 1 = 50%
    let areas: Vec<String> = w.areas.iter().map(|a| format!("{}: {a}", a.code)).collect();
    assert_eq!(
        areas,
        [
            "1: 1 → 3 (+2), index 33.33% → 100.00%",
            "2: 0.5 → 0.5 (+0), index 50.00% → 50.00%"
        ]
    );
    let moved: Vec<&str> = w.nodes.iter().map(|n| n.code.as_str()).collect();
    assert_eq!(moved, ["1", "1.1", "1.2"]);
    assert_eq!(
        w.to_string(),
        "scenario: 3 more tasks and the reports on time\ntotal: 1.5 → 3.5 (+2), index 37.50% → 87.50%\n  1 Chỉ đạo, điều hành: 1 → 3 (+2), index 33.33% → 100.00%\n    1.1 Mức độ thực hiện kế hoạch: 1 → 2 (+1), index 50.00% → 100.00%\n    1.2 Báo cáo đúng hạn: 0 → 1 (+1), index 0.00% → 100.00%\n"
    );
}

#[test]
fn removing_evidence_scores_the_leaf_as_missing() {
    // 2.1 without evidence scores 0: 0.5 → 0, total 1.5 → 1 (−0.5), 25.00%
    let w = run(r#"{ "remove": ["2.1"] }"#).unwrap();
    assert_eq!(w.total.to_string(), "1.5 → 1 (-0.5), index 37.50% → 25.00%");
    // one fewer late file: 1 − 0.25 = 0.75, +0.25
    let w = run(r#"{ "set": { "2.1": { "count": 1 } } }"#).unwrap();
    assert_eq!(w.total.points_delta().unwrap().to_string(), "0.25");
}

#[test]
fn a_bad_patch_is_an_error_with_its_path() {
    let issues = |s: &str| -> Vec<String> {
        run(s)
            .unwrap_err()
            .issues()
            .iter()
            .map(ToString::to_string)
            .collect()
    };
    assert_eq!(
        issues(r#"{ "set": { "9.9": { "count": 1 }, "1": { "count": 1 } } }"#),
        [
            r#"set["1"]: `1` is scored as the sum of its sub-criteria: change them instead"#,
            r#"set["9.9"]: `whatif-test` has no criterion `9.9`"#,
        ]
    );
    assert_eq!(
        issues(r#"{ "set": { "1.1": { "numerator": "abc" } } }"#),
        [r#"set["1.1"].numerator: `abc` is not a decimal number"#]
    );
    assert_eq!(
        issues(r#"{ "set": { "1.1": { "level": "x" } } }"#),
        [
            r#"set["1.1"].level: `level` does not fit a `ratio_bands` leaf, which takes `numerator` and `denominator`, `tasks`, `percent`, or `no_cases`"#
        ]
    );
    assert_eq!(
        issues(r#"{ "set": { "2.1": { "count": 1 } }, "remove": ["2.1"] }"#),
        [r#"remove[0]: `2.1` is changed at set["2.1"] already: one change per leaf"#]
    );
    let rs = RuleSet::from_toml_str(RULES).unwrap();
    let mut b = base();
    b.evidence.remove("1.2");
    let s = Scenario::from_json_str(r#"{ "remove": ["1.2"] }"#).unwrap();
    assert_eq!(
        what_if(&rs, &b, &s).unwrap_err().issues()[0].to_string(),
        "remove[0]: `1.2` has no evidence to remove"
    );
    // an unknown operation is refused when the scenario is read
    let e = Scenario::from_json_str(r#"{ "add": {} }"#).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("add (line 1, column 7): unknown field `add`"),
        "{e}"
    );
}
