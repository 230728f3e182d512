//! The edges of each rule kind, value by value: what is accepted exactly at a limit and what is
//! refused just past it, and how the working reads there.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test helpers: a failure is the test failing"
)]

use par_index::{Evidence, RuleSet, Scorecard, evaluate, scoring::EvalError};

mod support;
use support::one_leaf as set;

fn score(rs: &RuleSet, leaf: &str) -> Result<Scorecard, EvalError> {
    let ev = Evidence::from_json_str(&format!(
        r#"{{ "unit": {{ "name": "X", "level": "district" }}, "period": {{ "year": 2023 }},
             "evidence": {{ "1": {leaf} }} }}"#
    ))
    .unwrap();
    evaluate(rs, &ev)
}

/// Points and explanation of the leaf.
fn leaf(rs: &RuleSet, value: &str) -> (String, String) {
    let card = score(rs, value).unwrap_or_else(|e| panic!("{value}: {e}"));
    let n = card.node("1").unwrap();
    (
        n.score.points.normalize().to_string(),
        n.leaf.as_ref().unwrap().explanation.to_string(),
    )
}

fn refused(rs: &RuleSet, value: &str) -> String {
    match score(rs, value) {
        Err(e) => e.issues()[0].to_string(),
        Ok(_) => panic!("{value} was accepted"),
    }
}

fn invalid(max: &str, rule: &str) -> String {
    match set(max, rule) {
        Err(e) => e.issues()[0].message.clone(),
        Ok(_) => panic!("{rule} was accepted"),
    }
}

#[test]
fn manual_points_from_zero_to_max_inclusive() {
    let rs = set("2", r#"{ kind = "manual" }"#).unwrap();
    assert_eq!(leaf(&rs, r#"{ "points": "0" }"#).0, "0");
    assert_eq!(leaf(&rs, r#"{ "points": "2" }"#).0, "2");
    assert_eq!(leaf(&rs, r#"{ "points": "1.25" }"#).0, "1.25");
    assert_eq!(
        refused(&rs, r#"{ "points": "2.01" }"#),
        "evidence[\"1\"].points: points `2.01` are outside [0, 2]"
    );
    assert_eq!(
        refused(&rs, r#"{ "points": "-0.01" }"#),
        "evidence[\"1\"].points: points `-0.01` are outside [0, 2]"
    );
}

#[test]
fn deduction_floor_and_min_points_edges() {
    let rs = set("2", r#"{ kind = "deduction", per_item = "0.5" }"#).unwrap();
    assert_eq!(
        leaf(&rs, r#"{ "count": 4 }"#),
        ("0".into(), "4 × 0.5 off the max → 0 of 2".into())
    );
    assert_eq!(
        leaf(&rs, r#"{ "count": 5 }"#),
        (
            "0".into(),
            "5 × 0.5 off the max, floored at 0 → 0 of 2".into()
        )
    );
    assert_eq!(leaf(&rs, r#"{ "count": 1 }"#).0, "1.5");
    // min_points may equal the max, not exceed it
    assert!(
        set(
            "2",
            r#"{ kind = "deduction", per_item = "1", min_points = "2" }"#
        )
        .is_ok()
    );
    assert_eq!(
        invalid(
            "2",
            r#"{ kind = "deduction", per_item = "1", min_points = "2.5" }"#
        ),
        "`min_points = 2.5` is above the leaf's max `2`"
    );
    assert_eq!(
        invalid("2", r#"{ kind = "deduction", per_item = "0" }"#),
        "`per_item = 0` must be above 0"
    );
    let negative = set(
        "2",
        r#"{ kind = "deduction", per_item = "1", min_points = "-1" }"#,
    )
    .unwrap();
    assert_eq!(leaf(&negative, r#"{ "count": 9 }"#).0, "-1");
}

#[test]
fn check_names_failed_conditions() {
    let rs = set(
        "1",
        r#"{ kind = "check", otherwise = "0.25", conditions = [{ id = "a", label = "Có kế hoạch" }, { id = "b", label = "Có kinh phí" }] }"#,
    )
    .unwrap();
    assert_eq!(
        leaf(&rs, r#"{ "conditions": { "a": true, "b": true } }"#),
        ("1".into(), "met → 1 of 1".into())
    );
    assert_eq!(
        leaf(&rs, r#"{ "conditions": { "a": true, "b": false } }"#),
        (
            "0.25".into(),
            "not met: Có kinh phí (`b`) → 0.25 of 1".into()
        )
    );
    assert_eq!(
        refused(
            &rs,
            r#"{ "conditions": { "a": true, "b": true, "c": true } }"#
        ),
        "evidence[\"1\"].conditions.c: unknown condition `c`: expected `a`, `b`"
    );
    let plain = set("1", r#"{ kind = "check", points = "0.5" }"#).unwrap();
    assert_eq!(leaf(&plain, r#"{ "met": true }"#).0, "0.5");
    assert_eq!(
        leaf(&plain, r#"{ "met": false }"#),
        ("0".into(), "not met → 0 of 1".into())
    );
    assert_eq!(
        invalid(
            "1",
            r#"{ kind = "check", conditions = [{ id = "a", label = "A" }, { id = "a", label = "B" }] }"#
        ),
        "duplicate condition id `a`: also used at areas[0].rule.conditions[0]"
    );
}

#[test]
fn levels_are_found_by_id() {
    let rs = set(
        "1",
        r#"{ kind = "levels", levels = [{ id = "on_time", label = "Kịp thời", points = "1" }, { id = "late", label = "Muộn", points = "0.5" }] }"#,
    )
    .unwrap();
    assert_eq!(leaf(&rs, r#"{ "level": "late" }"#).0, "0.5");
    assert_eq!(leaf(&rs, r#"{ "level": "on_time" }"#).0, "1");
    assert_eq!(
        refused(&rs, r#"{ "level": "never" }"#),
        "evidence[\"1\"].level: unknown level `never`: expected one of `on_time`, `late`"
    );
    assert_eq!(
        invalid(
            "1",
            r#"{ kind = "levels", levels = [{ id = "x", label = "A", points = "1" }, { id = "x", label = "B", points = "0" }] }"#
        ),
        "duplicate level id `x`: also used at areas[0].rule.levels[0]"
    );
    assert_eq!(
        invalid(
            "1",
            r#"{ kind = "levels", levels = [{ id = "x", label = "A", points = "1.5" }] }"#
        ),
        "points `1.5` are above the leaf's max `1`"
    );
}

#[test]
fn survey_weights_up_to_100_and_empty_policies() {
    let rs = set(
        "10",
        r#"{ kind = "survey", weights = [{ option = "yes", percent = "100" }, { option = "no", percent = "0" }] }"#,
    )
    .unwrap();
    assert_eq!(
        leaf(&rs, r#"{ "answers": { "yes": 3, "no": 1 } }"#).0,
        "7.5"
    );
    assert_eq!(
        refused(&rs, r#"{ "answers": { "yes": 1 }, "points": "1" }"#),
        "evidence[\"1\"]: give `answers` or `points`, not both"
    );
    assert_eq!(
        refused(&rs, r#"{ "answers": { "maybe": 1 } }"#),
        "evidence[\"1\"].answers.maybe: unknown answer option `maybe`: expected one of `yes`, `no`"
    );
    assert_eq!(
        invalid(
            "10",
            r#"{ kind = "survey", weights = [{ option = "yes", percent = "100.5" }] }"#
        ),
        "weight `100.5`% is above 100%"
    );
    assert_eq!(
        invalid(
            "10",
            r#"{ kind = "survey", weights = [{ option = "a", percent = "1" }, { option = "a", percent = "2" }] }"#
        ),
        "duplicate answer option `a`"
    );
    let zero = set("10", r#"{ kind = "survey", on_empty = "zero" }"#).unwrap();
    assert_eq!(
        leaf(&zero, r#"{ "answers": { "A": 0 } }"#),
        (
            "0".into(),
            "0 of 0 respondents: an empty denominator scores 0 → 0 of 10".into()
        )
    );
    let full = set("10", r#"{ kind = "survey", on_empty = "full_points" }"#).unwrap();
    assert_eq!(leaf(&full, r#"{ "answers": {} }"#).0, "10");
    let default = set("10", r#"{ kind = "survey" }"#).unwrap();
    assert_eq!(
        leaf(
            &default,
            r#"{ "answers": { "A": 1, "B": 1, "C": 1, "D": 1 } }"#
        )
        .0,
        "4.5"
    );
    let card = score(&default, r#"{ "answers": { "A": 0 } }"#).unwrap();
    assert_eq!(card.total.index, None, "no respondents: not applicable");
}

#[test]
fn count_bands_otherwise_and_edges() {
    let rs = set(
        "20",
        r#"{ kind = "count_bands", otherwise = "1", bands = [{ at_least = 4, points = "20" }, { above = 1, points = "10" }] }"#,
    )
    .unwrap();
    assert_eq!(leaf(&rs, r#"{ "count": 4 }"#).0, "20");
    assert_eq!(leaf(&rs, r#"{ "count": 3 }"#).0, "10");
    assert_eq!(leaf(&rs, r#"{ "count": 2 }"#).0, "10");
    assert_eq!(leaf(&rs, r#"{ "count": 1 }"#).0, "1");
    assert_eq!(
        invalid(
            "20",
            r#"{ kind = "count_bands", otherwise = "21", bands = [{ at_least = 4, points = "20" }] }"#
        ),
        "points `21` are above the leaf's max `20`"
    );
}

#[test]
fn ratio_band_edges_above_100_need_allow_over() {
    let over = r#"{ kind = "ratio_bands", allow_over = true, bands = [{ at_least = "120", points = "1" }, { points = "0" }] }"#;
    let rs = set("1", over).unwrap();
    assert_eq!(leaf(&rs, r#"{ "numerator": 6, "denominator": 5 }"#).0, "1");
    assert_eq!(leaf(&rs, r#"{ "numerator": 5, "denominator": 5 }"#).0, "0");
    assert!(
        invalid("1", &over.replace("allow_over = true, ", "")).starts_with("`120%` is above 100%")
    );
}

#[test]
fn proportional_target_and_floor_above_100_need_allow_over() {
    assert!(set("1", r#"{ kind = "proportional", zero_below = "100" }"#).is_ok());
    assert!(set("1", r#"{ kind = "proportional", target = "100" }"#).is_ok());
    assert_eq!(
        invalid("1", r#"{ kind = "proportional", zero_below = "101" }"#),
        "`zero_below = 101`% is above 100%: no share could score"
    );
    assert!(
        invalid("1", r#"{ kind = "proportional", target = "150" }"#)
            .starts_with("target `150`% is above 100%")
    );
    let over = set(
        "1",
        r#"{ kind = "proportional", allow_over = true, target = "150", zero_below = "120" }"#,
    )
    .unwrap();
    assert_eq!(
        leaf(&over, r#"{ "numerator": 3, "denominator": 2 }"#).0,
        "1"
    );
    assert_eq!(
        leaf(&over, r#"{ "numerator": 1, "denominator": 1 }"#).0,
        "0"
    );
}

#[test]
fn per_item_counts_up_to_the_cap() {
    // "mỗi sáng kiến được công nhận: 0,5 điểm, tối đa 2 điểm", on a 3-point leaf.
    let rs = set(
        "3",
        r#"{ kind = "per_item", per_item = "0.5", cap = "2", measure = "sáng kiến" }"#,
    )
    .unwrap();
    // 0 × 0.5 = 0
    assert_eq!(leaf(&rs, r#"{ "count": 0 }"#).0, "0");
    // 3 × 0.5 = 1.5, under the cap
    assert_eq!(
        leaf(&rs, r#"{ "count": 3 }"#),
        (
            "1.5".into(),
            "3 sáng kiến × 0.5 = 1.5, at most 2 → 1.5 of 3".into()
        )
    );
    // 4 × 0.5 = 2: exactly the cap; 5 × 0.5 = 2.5 is held at 2
    assert_eq!(leaf(&rs, r#"{ "count": 4 }"#).0, "2");
    assert_eq!(leaf(&rs, r#"{ "count": 5 }"#).0, "2");
    assert_eq!(
        refused(&rs, r#"{ "count": -1 }"#),
        "evidence[\"1\"].count: `-1` is negative: a count is 0 or more"
    );
    assert_eq!(
        refused(&rs, r#"{ "numerator": 1, "denominator": 2 }"#),
        "evidence[\"1\"].numerator: `numerator` does not fit a `per_item` leaf, which takes `count`"
    );
    // Without a cap the leaf's max caps: 7 × 0.5 = 3.5 → 3; 6 × 0.5 = 3 exactly.
    let uncapped = set("3", r#"{ kind = "per_item", per_item = "0.5" }"#).unwrap();
    assert_eq!(leaf(&uncapped, r#"{ "count": 6 }"#).0, "3");
    assert_eq!(leaf(&uncapped, r#"{ "count": 7 }"#).0, "3");
    // The cap may equal the max and not pass it; it must be above 0.
    assert!(set("3", r#"{ kind = "per_item", per_item = "0.5", cap = "3" }"#).is_ok());
    assert_eq!(
        invalid(
            "3",
            r#"{ kind = "per_item", per_item = "0.5", cap = "3.01" }"#
        ),
        "`cap = 3.01` is above the leaf's max `3`"
    );
    assert_eq!(
        invalid("3", r#"{ kind = "per_item", per_item = "0.5", cap = "0" }"#),
        "`cap = 0` must be above 0"
    );
    assert_eq!(
        invalid("3", r#"{ kind = "per_item", per_item = "0", cap = "1" }"#),
        "`per_item = 0` must be above 0"
    );
    assert_eq!(
        invalid(
            "3",
            r#"{ kind = "per_item", per_item = "0.5", min_points = "1" }"#
        ),
        "`min_points` does not apply to a `per_item` rule, which takes `per_item`, `cap`"
    );
}

#[test]
fn when_no_cases_on_a_share_full_exclude_zero_and_unset() {
    let bands = r#"bands = [{ at_least = "100", points = "2" }, { at_least = "90", points = "1" }, { points = "0" }]"#;
    let rule = |policy: &str| {
        format!(r#"{{ kind = "ratio_bands", measure = "files", {policy} {bands} }}"#)
    };
    let full = set("2", &rule(r#"when_no_cases = "full","#)).unwrap();
    let zero = set("2", &rule(r#"when_no_cases = "zero","#)).unwrap();
    let exclude = set("2", &rule(r#"when_no_cases = "exclude","#)).unwrap();
    let unset = set("2", &rule("")).unwrap();
    // 0 of 0: the rule decides. full → 2 of 2; zero → 0; exclude and unset: the leaf leaves
    // the maximum, so the set has nothing applicable and no index.
    assert_eq!(
        leaf(&full, r#"{ "numerator": 0, "denominator": 0 }"#),
        (
            "2".into(),
            "0 of 0 files: an empty denominator scores full points → 2 of 2".into()
        )
    );
    assert_eq!(leaf(&full, r#"{ "no_cases": true }"#).0, "2");
    assert_eq!(leaf(&zero, r#"{ "no_cases": true }"#).0, "0");
    for rs in [&exclude, &unset] {
        let card = score(rs, r#"{ "no_cases": true }"#).unwrap();
        assert_eq!(card.total.index, None);
        assert_eq!(
            card.node("1")
                .unwrap()
                .score
                .applicable_max
                .normalize()
                .to_string(),
            "0"
        );
    }
    // The other side of the edge: 1 of 1 is a case, scored by the bands (100% → 2) under every
    // policy; 0 of 1 is a case too (0% → 0), never "no case".
    for rs in [&full, &zero, &exclude, &unset] {
        assert_eq!(leaf(rs, r#"{ "numerator": 1, "denominator": 1 }"#).0, "2");
        assert_eq!(leaf(rs, r#"{ "numerator": 0, "denominator": 1 }"#).0, "0");
    }
    // no_cases takes no other value beside it; `false` alone says nothing.
    assert_eq!(
        refused(
            &full,
            r#"{ "no_cases": true, "numerator": 0, "denominator": 0 }"#
        ),
        "evidence[\"1\"].numerator: `no_cases = true` says nothing arose to count: give no `numerator` beside it"
    );
    assert_eq!(
        refused(&full, r#"{ "no_cases": false }"#),
        "evidence[\"1\"]: no value given: a `ratio_bands` leaf takes `numerator` and `denominator`, `tasks`, `percent`, or `no_cases`"
    );
    // A rule kind without the notion refuses it.
    let levels = set(
        "1",
        r#"{ kind = "levels", levels = [{ id = "a", label = "A", points = "1" }] }"#,
    )
    .unwrap();
    assert_eq!(
        refused(&levels, r#"{ "no_cases": true }"#),
        "evidence[\"1\"].no_cases: `no_cases` does not fit a `levels` leaf, which takes `level`"
    );
}

#[test]
fn when_no_cases_on_proportional_and_survey_and_the_old_name() {
    let prop = set("3", r#"{ kind = "proportional", when_no_cases = "full" }"#).unwrap();
    // 0 of 0 → 3 of 3; 0 of 4 → 0 × 3 = 0; 1 of 4 → 0.75
    assert_eq!(
        leaf(&prop, r#"{ "numerator": 0, "denominator": 0 }"#).0,
        "3"
    );
    assert_eq!(
        leaf(&prop, r#"{ "numerator": 0, "denominator": 4 }"#).0,
        "0"
    );
    assert_eq!(
        leaf(&prop, r#"{ "numerator": 1, "denominator": 4 }"#).0,
        "0.75"
    );
    let survey = set("10", r#"{ kind = "survey", when_no_cases = "zero" }"#).unwrap();
    assert_eq!(leaf(&survey, r#"{ "answers": { "A": 0 } }"#).0, "0");
    // 1 respondent answering A: 100% × 10 = 10
    assert_eq!(leaf(&survey, r#"{ "answers": { "A": 1 } }"#).0, "10");
    // `on_empty` is still read, as the old name.
    let old = set(
        "3",
        r#"{ kind = "proportional", on_empty = "full_points" }"#,
    )
    .unwrap();
    assert_eq!(leaf(&old, r#"{ "numerator": 0, "denominator": 0 }"#).0, "3");
    assert_eq!(
        invalid(
            "3",
            r#"{ kind = "proportional", on_empty = "zero", when_no_cases = "full" }"#
        ),
        "`on_empty` is the old name of `when_no_cases`: give only `when_no_cases`"
    );
    assert_eq!(
        invalid(
            "3",
            r#"{ kind = "deduction", per_item = "1", when_no_cases = "full" }"#
        ),
        "`when_no_cases` does not apply to a `deduction` rule, which takes `per_item`, `min_points`"
    );
}

#[test]
fn when_no_cases_on_a_check() {
    // "Xử lý vi phạm phát hiện qua kiểm tra; trường hợp không phát sinh: tính điểm tối đa"
    let full = set(
        "2",
        r#"{ kind = "check", otherwise = "0.5", when_no_cases = "full" }"#,
    )
    .unwrap();
    assert_eq!(
        leaf(&full, r#"{ "no_cases": true }"#),
        (
            "2".into(),
            "no case arose in the period: full points → 2 of 2".into()
        )
    );
    // The cases that arose: met → 2, not met → otherwise 0.5.
    assert_eq!(leaf(&full, r#"{ "met": true }"#).0, "2");
    assert_eq!(leaf(&full, r#"{ "met": false }"#).0, "0.5");
    assert_eq!(
        refused(&full, r#"{ "no_cases": true, "met": false }"#),
        "evidence[\"1\"].met: `no_cases = true` says nothing arose to count: give no `met` beside it"
    );
    // zero: 0, not `otherwise`.
    let zero = set(
        "2",
        r#"{ kind = "check", otherwise = "0.5", when_no_cases = "zero" }"#,
    )
    .unwrap();
    assert_eq!(leaf(&zero, r#"{ "no_cases": true }"#).0, "0");
    let conds = set(
        "2",
        r#"{ kind = "check", when_no_cases = "full", conditions = [{ id = "found", label = "Phát hiện" }, { id = "handled", label = "Xử lý" }] }"#,
    )
    .unwrap();
    assert_eq!(leaf(&conds, r#"{ "no_cases": true }"#).0, "2");
    assert_eq!(
        leaf(
            &conds,
            r#"{ "conditions": { "found": true, "handled": false } }"#
        )
        .0,
        "0"
    );
}

/// A 5-point area: 1.1 (2 points, a share with `when_no_cases`), 1.2 (3 points, a check),
/// under the set's not-applicable policy `na`.
fn two_leaves(policy: &str, na: &str) -> RuleSet {
    RuleSet::from_toml_str(&format!(
        r#"
id = "no-cases"
title = "No cases"
level = "commune"
years = {{ from = 2025 }}
scale = "5"
document = {{ number = "01" }}
not_applicable = "{na}"
[[areas]]
code = "1"
title = "Area"
max = "5"
provenance = {{ document = "01", verified = false }}
[[areas.criteria]]
code = "1.1"
title = "Share"
max = "2"
rule = {{ kind = "ratio_bands", {policy} bands = [{{ at_least = "100", points = "2" }}, {{ points = "0" }}] }}
[[areas.criteria]]
code = "1.2"
title = "Check"
max = "3"
rule = {{ kind = "check" }}
"#
    ))
    .unwrap()
}

fn area(rs: &RuleSet, met: bool) -> (String, String, Option<String>) {
    let ev = Evidence::from_json_str(&format!(
        r#"{{ "unit": {{ "name": "Phường A", "level": "commune" }}, "period": {{ "year": 2025 }},
             "evidence": {{ "1.1": {{ "no_cases": true }}, "1.2": {{ "met": {met} }} }} }}"#
    ))
    .unwrap();
    let card = evaluate(rs, &ev).unwrap();
    let a = card.node("1").unwrap();
    (
        a.score.points.normalize().to_string(),
        a.score.applicable_max.normalize().to_string(),
        card.total.index.map(|i| i.normalize().to_string()),
    )
}

#[test]
fn excluding_a_leaf_rescales_its_parent_whatever_the_leaf_policy() {
    for na in ["exclude", "full_points"] {
        let rs = two_leaves(r#"when_no_cases = "exclude","#, na);
        // 1.1 leaves the maximum: the area is 3 of 3 → 100%; with 1.2 not met, 0 of 3 → 0%.
        assert_eq!(
            area(&rs, true),
            ("3".into(), "3".into(), Some("100".into())),
            "{na}"
        );
        assert_eq!(
            area(&rs, false),
            ("0".into(), "3".into(), Some("0".into())),
            "{na}"
        );
    }
    // full: 2 + 3 = 5 of 5 → 100%; 2 + 0 = 2 of 5 → 40%
    let rs = two_leaves(r#"when_no_cases = "full","#, "exclude");
    assert_eq!(
        area(&rs, false),
        ("2".into(), "5".into(), Some("40".into()))
    );
    // zero: 0 + 3 = 3 of 5 → 60%
    let rs = two_leaves(r#"when_no_cases = "zero","#, "exclude");
    assert_eq!(area(&rs, true), ("3".into(), "5".into(), Some("60".into())));
    // unset: the leaf's policy decides: excluded (3 of 3) or full points (2 + 3 = 5 of 5)
    assert_eq!(
        area(&two_leaves("", "exclude"), true),
        ("3".into(), "3".into(), Some("100".into()))
    );
    assert_eq!(
        area(&two_leaves("", "full_points"), false),
        ("2".into(), "5".into(), Some("40".into()))
    );
}
