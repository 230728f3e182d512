//! Tests that kill mutants cargo-mutants found alive (`scripts/mutants.sh`,
//! `mutants-survivors.md`): each pins a boundary or an output no other test looked at.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed unwrap, a panic or a missing item is a failed test"
)]

use par_index::{Evidence, criteria::Limits, evidence::EvidenceError, evidence::Period};

const ALL_KINDS_EVIDENCE: &str = include_str!("fixtures/all-kinds.evidence.json");

/// `max_file_bytes` is the largest size accepted: a text of exactly that many bytes is read,
/// one byte more is refused (kills `>` → `>=` in `Evidence::from_json_str_with_limits`).
#[test]
fn evidence_of_exactly_max_file_bytes_is_read_and_one_more_is_refused() {
    let len = ALL_KINDS_EVIDENCE.len();
    let at = Limits {
        max_file_bytes: len,
        ..Limits::default()
    };
    assert!(Evidence::from_json_str_with_limits(ALL_KINDS_EVIDENCE, &at).is_ok());
    let under = Limits {
        max_file_bytes: len - 1,
        ..Limits::default()
    };
    assert_eq!(
        Evidence::from_json_str_with_limits(ALL_KINDS_EVIDENCE, &under).unwrap_err(),
        EvidenceError::TooLarge {
            bytes: len,
            limit: len - 1
        }
    );
}

/// A period prints as the year, `Q3 2023` for a quarter, `07/2024` for a month (the quarter
/// first when both are given).
#[test]
fn a_period_prints_its_year_quarter_or_month() {
    let p = |quarter, month| Period {
        year: 2024,
        quarter,
        month,
    };
    assert_eq!(p(None, None).to_string(), "2024");
    assert_eq!(p(Some(3), None).to_string(), "Q3 2024");
    assert_eq!(p(None, Some(7)).to_string(), "07/2024");
    assert_eq!(p(Some(1), Some(2)).to_string(), "Q1 2024");
}

/// Evidence writes as pretty JSON, the unit first, that reads back equal (kills
/// `Evidence::to_json_string` → `Ok(String::new())` / `Ok("xyzzy")`, which the evidence and
/// engine tests did not look at).
#[test]
fn evidence_writes_pretty_json_that_reads_back_equal() {
    let ev = Evidence::from_json_str(ALL_KINDS_EVIDENCE).unwrap();
    let text = ev.to_json_string().unwrap();
    assert!(text.starts_with("{\n  \"unit\": {"), "{text}");
    assert_eq!(Evidence::from_json_str(&text).unwrap(), ev);
}

const ALL_KINDS: &str = include_str!("fixtures/all-kinds.toml");

/// The evidence issues of evaluating `evidence` (JSON members of the evidence object) against
/// the all-kinds set under `limits`, as text.
fn limit_report(members: &str, limits: &Limits) -> Vec<String> {
    let text = format!(
        r#"{{ "unit": {{ "name": "Xã A", "level": "commune" }}, "period": {{ "year": 2024 }}, {members} }}"#
    );
    let ev = Evidence::from_json_str(&text).unwrap();
    let rs = par_index::RuleSet::from_toml_str(ALL_KINDS).unwrap();
    let err = par_index::scoring::evaluate_with_limits(&rs, &ev, limits).unwrap_err();
    err.issues().iter().map(ToString::to_string).collect()
}

/// Four tasks for `evidence["1.2.1"]`: one past a `max_tasks_per_leaf` of 3, so the limit
/// report runs; what else it lists is what the tests below look at.
const FOUR_TASKS: &str = r#""1.2.1": { "tasks": [ { "name": "a", "status": "done" },
    { "name": "b", "status": "done" }, { "name": "c", "status": "done" },
    { "name": "d", "status": "done" } ] }"#;
const TASKS_PAST: &str = r#"evidence["1.2.1"].tasks: 4 tasks, more than the limit of 3"#;

fn two_entries_three_tasks() -> Limits {
    Limits {
        max_evidence_entries: 2,
        max_tasks_per_leaf: 3,
        ..Limits::default()
    }
}

/// Values at exactly `max_evidence_entries` (in `evidence`, `bonus`, `penalty`), a bonus list
/// of exactly `max_tasks_per_leaf` tasks and a survey count of exactly the magnitude limit
/// (10^15) are not reported beside a value that is past its limit (kills `>` → `>=` and
/// `>` → `==` in `check_evidence` and `LeafBounds::check_in`).
#[test]
fn values_at_each_evidence_limit_are_not_reported_beside_one_past_it() {
    let limits = two_entries_three_tasks();
    let at = format!(
        r#""evidence": {{ {FOUR_TASKS}, "1.1.3": {{ "met": true }} }},
           "bonus": {{ "T.1": {{ "tasks": [ {{ "name": "a", "status": "done" }},
                {{ "name": "b", "status": "done" }}, {{ "name": "c", "status": "done" }} ] }},
                       "T.2": {{ "answers": {{ "A": 1000000000000000 }} }} }},
           "penalty": {{ "P.1": {{ "count": 1 }}, "P.2": {{ "met": true }} }}"#
    );
    assert_eq!(limit_report(&at, &limits), [TASKS_PAST]);
    // One more survey count than the limit is reported with its path.
    let past = at.replace("1000000000000000", "1000000000000001");
    assert_eq!(
        limit_report(&past, &limits),
        [
            TASKS_PAST,
            r#"bonus["T.2"].answers.A: `1000000000000001` is larger than the limit of 1000000000000000"#
        ]
    );
}

/// A `bonus` or `penalty` map past `max_evidence_entries` is reported as such, alone.
#[test]
fn a_bonus_or_penalty_map_past_the_entry_limit_is_reported() {
    let limits = two_entries_three_tasks();
    for section in ["bonus", "penalty"] {
        let members = format!(
            r#""evidence": {{}}, "{section}": {{ "A": {{ "count": 1 }}, "B": {{ "count": 1 }},
                                               "C": {{ "count": 1 }} }}"#
        );
        assert_eq!(
            limit_report(&members, &limits),
            [format!("{section}: 3 values, more than the limit of 2")]
        );
    }
}

/// A file of exactly the default `max_file_bytes` (4 MiB) is read by `Evidence::from_path`;
/// one byte more is refused (kills `>` → `>=` in `read_bounded`).
#[test]
fn an_evidence_file_of_exactly_the_size_limit_is_read_from_its_path() {
    let limit = Limits::default().max_file_bytes;
    let head = r#"{ "unit": { "name": "Xã A", "level": "commune" }, "period": { "year": 2024 }, "evidence": {} }"#;
    let dir = std::env::temp_dir().join(format!("par-index-mutants-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("at-limit.json");
    std::fs::write(&file, format!("{head}{}", " ".repeat(limit - head.len()))).unwrap();
    assert!(Evidence::from_path(&file).is_ok());
    std::fs::write(
        &file,
        format!("{head}{}", " ".repeat(limit + 1 - head.len())),
    )
    .unwrap();
    assert!(matches!(
        Evidence::from_path(&file),
        Err(EvidenceError::TooLarge { bytes, limit: l }) if bytes == limit + 1 && l == limit
    ));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The header checks: a set for one year names that year alone, and a month from 1 to 12 is
/// accepted while 13 is refused (kills the `to == from` guard → `false` and `delete !` on the
/// month check in `check_header`).
#[test]
fn a_one_year_set_names_its_year_and_months_1_to_12_are_accepted() {
    let one_year = ALL_KINDS.replace(
        "years = { from = 2023, to = 2025 }",
        "years = { from = 2024, to = 2024 }",
    );
    let rs = par_index::RuleSet::from_toml_str(&one_year).unwrap();
    let ev = |period: &str| {
        Evidence::from_json_str(&format!(
            r#"{{ "unit": {{ "name": "Thị xã A", "level": "district" }}, "period": {period}, "evidence": {{}} }}"#
        ))
        .unwrap()
    };
    let issues = |period: &str| -> Vec<String> {
        par_index::evaluate(&rs, &ev(period))
            .err()
            .map(|e| e.issues().iter().map(ToString::to_string).collect())
            .unwrap_or_default()
    };
    assert_eq!(
        issues(r#"{ "year": 2023 }"#),
        ["period.year: year `2023` is outside the years `all-kinds` applies to (2024)"]
    );
    assert!(issues(r#"{ "year": 2024, "month": 1 }"#).is_empty());
    assert!(issues(r#"{ "year": 2024, "month": 12 }"#).is_empty());
    assert_eq!(
        issues(r#"{ "year": 2024, "month": 13 }"#),
        ["period.month: month `13`: expected 1 to 12"]
    );
}

/// A one-leaf district set, leaf `1` of this max and rule.
fn one_leaf(max: &str, rule: &str) -> Result<par_index::RuleSet, par_index::criteria::LoadError> {
    par_index::RuleSet::from_toml_str(&format!(
        r#"
id = "one-leaf"
title = "One leaf"
level = "district"
years = {{ from = 2023 }}
scale = "{max}"
document = {{ number = "01" }}
[[areas]]
code = "1"
title = "Leaf"
max = "{max}"
provenance = {{ document = "01", verified = false }}
rule = {rule}
"#
    ))
}

/// Scores leaf `1` of `rs` with this evidence value (JSON).
fn score_leaf(
    rs: &par_index::RuleSet,
    value: &str,
) -> Result<par_index::Scorecard, par_index::scoring::EvalError> {
    let ev = Evidence::from_json_str(&format!(
        r#"{{ "unit": {{ "name": "X", "level": "district" }}, "period": {{ "year": 2023 }},
             "evidence": {{ "1": {value} }} }}"#
    ))
    .unwrap();
    par_index::evaluate(rs, &ev)
}

/// The explanation of leaf `1` (the working, then `→ points of max`).
fn why(rule: &str, max: &str, value: &str) -> String {
    let rs = one_leaf(max, rule).unwrap();
    let card = score_leaf(&rs, value).unwrap();
    let n = card.node("1").unwrap();
    n.leaf.as_ref().unwrap().explanation.to_string()
}

/// The first issue refusing this evidence value for leaf `1`.
fn refused_value(rule: &str, max: &str, value: &str) -> String {
    let rs = one_leaf(max, rule).unwrap();
    match score_leaf(&rs, value) {
        Err(e) => e.issues()[0].to_string(),
        Ok(_) => panic!("{value} was accepted"),
    }
}

/// The messages of every issue refusing the set with this rule (none when it loads).
fn set_issues(max: &str, rule: &str) -> Vec<String> {
    match one_leaf(max, rule) {
        Err(e) => e.issues().iter().map(|i| i.message.clone()).collect(),
        Ok(_) => vec![],
    }
}

/// A share exactly at `zero_below` is not under the floor: 5/10 = 50% with `zero_below = 50`
/// scores 50% × 2 = 1, and says so (kills `<` → `<=` in `working::proportional`).
#[test]
fn a_share_exactly_at_the_proportional_floor_scores_share_times_max() {
    assert_eq!(
        why(
            r#"{ kind = "proportional", zero_below = "50" }"#,
            "2",
            r#"{ "numerator": 5, "denominator": 10 }"#
        ),
        "5/10 = 50%, share × max → 1 of 2"
    );
    // 4/10 = 40% < 50%: under the floor → 0
    assert_eq!(
        why(
            r#"{ kind = "proportional", zero_below = "50" }"#,
            "2",
            r#"{ "numerator": 4, "denominator": 10 }"#
        ),
        "4/10 = 40%, under the 50% floor → 0 of 2"
    );
}

/// A share exactly at the target reaches it: 8/10 = 80% against a target of 80% is a factor
/// of 1 → the max 2 (kills the `factor >= 1` guard → `false` in `working::proportional`).
#[test]
fn a_share_exactly_at_the_proportional_target_reads_target_reached() {
    let rule = r#"{ kind = "proportional", target = "80" }"#;
    assert_eq!(
        why(rule, "2", r#"{ "numerator": 8, "denominator": 10 }"#),
        "8/10 = 80%, target 80% reached → 2 of 2"
    );
    // 6/10 = 60%; 60 ÷ 80 = 75% of 2 = 1.5
    assert_eq!(
        why(rule, "2", r#"{ "numerator": 6, "denominator": 10 }"#),
        "6/10 = 60% ÷ target 80% = 75% → 1.5 of 2"
    );
}

/// A document dated on the deadline day itself is 0 days late and reads `by the deadline`;
/// one day later reads `1 day(s) after` (kills `n > 0` → `n >= 0` in `deadline_line`).
#[test]
fn a_document_dated_on_the_deadline_day_reads_by_the_deadline() {
    let rule = r#"{ kind = "deadline", deadline = "2023-01-15", late = "0.5" }"#;
    assert_eq!(
        why(rule, "1", r#"{ "date": "2023-01-15" }"#),
        "issued 2023-01-15, by the deadline 2023-01-15 → on_time → 1 of 1"
    );
    assert_eq!(
        why(rule, "1", r#"{ "date": "2023-01-16" }"#),
        "issued 2023-01-16, 1 day(s) after the deadline 2023-01-15 → late → 0.5 of 1"
    );
}

/// `max_rule_items` is the most items a rule may list: 2 bands under a limit of 2 load, 3 are
/// refused (kills `too_many` → `false`, `>` → `>=` and `>` → `==`).
#[test]
fn a_rule_of_exactly_max_rule_items_loads_and_one_more_is_refused() {
    let limits = Limits {
        max_rule_items: 2,
        ..Limits::default()
    };
    let load = |bands: &str| {
        par_index::RuleSet::from_toml_str_with_limits(
            &format!(
                r#"
id = "one-leaf"
title = "One leaf"
level = "district"
years = {{ from = 2023 }}
scale = "4"
document = {{ number = "01" }}
[[areas]]
code = "1"
title = "Leaf"
max = "4"
provenance = {{ document = "01", verified = false }}
rule = {{ kind = "count_bands", bands = [{bands}] }}
"#
            ),
            &limits,
        )
    };
    assert!(load(r#"{ at_least = 4, points = "4" }, { at_least = 2, points = "2" }"#).is_ok());
    let err = load(
        r#"{ at_least = 4, points = "4" }, { at_least = 3, points = "3" }, { at_least = 2, points = "2" }"#,
    )
    .unwrap_err();
    let messages: Vec<String> = err.issues().iter().map(|i| i.message.clone()).collect();
    assert_eq!(messages, ["3 items, more than the limit of 2"]);
}

/// A `count_bands` leaf takes `count` alone: given only a `denominator` or only a `date`, the
/// refusal names that field rather than saying no value was given (kills `1 << 4` → `1 >> 4`
/// for `DENOMINATOR` and `1 << 10` → `1 >> 10` for `DATE` in `SetFields`).
#[test]
fn a_count_leaf_given_a_denominator_or_a_date_names_that_field() {
    let rule = r#"{ kind = "count_bands", bands = [{ at_least = 1, points = "2" }] }"#;
    assert_eq!(
        refused_value(rule, "2", r#"{ "denominator": 5 }"#),
        r#"evidence["1"].denominator: `denominator` does not fit a `count_bands` leaf, which takes `count`"#
    );
    assert_eq!(
        refused_value(rule, "2", r#"{ "date": "2023-01-15" }"#),
        r#"evidence["1"].date: `date` does not fit a `count_bands` leaf, which takes `count`"#
    );
}

const PERCENT_BANDS: &str =
    r#"{ kind = "ratio_bands", bands = [{ at_least = "100", points = "2" }, { points = "0" }] }"#;

/// A share is given in one form: counts and a percentage together are refused, even with only
/// the numerator of the counts (kills `check_one_form` → `Ok(())`, `||` → `&&` and `>` → `<`).
#[test]
fn a_share_given_as_counts_and_a_percentage_is_refused() {
    let several = r#"evidence["1"]: give one of `numerator` and `denominator`, `tasks`, `percent`, or `no_cases`, not several"#;
    assert_eq!(
        refused_value(
            PERCENT_BANDS,
            "2",
            r#"{ "numerator": 3, "denominator": 4, "percent": 75 }"#
        ),
        several
    );
    assert_eq!(
        refused_value(PERCENT_BANDS, "2", r#"{ "numerator": 3, "percent": 75 }"#),
        several
    );
}

/// A percentage may be 100 exactly (the top band `at_least 100%` → 2) but not negative nor
/// above 100 (kills `delete !` and `>` → `>=` in `read_percent`).
#[test]
fn a_percentage_from_0_to_100_inclusive_is_read() {
    assert_eq!(
        why(PERCENT_BANDS, "2", r#"{ "percent": 100 }"#),
        "100% → band exactly 100% → 2 of 2"
    );
    assert_eq!(
        why(PERCENT_BANDS, "2", r#"{ "percent": 0 }"#),
        "0% → band under 100% → 0 of 2"
    );
    assert_eq!(
        refused_value(PERCENT_BANDS, "2", r#"{ "percent": -5 }"#),
        r#"evidence["1"].percent: `-5` is negative: a share is 0% or more"#
    );
    assert_eq!(
        refused_value(PERCENT_BANDS, "2", r#"{ "percent": "100.01" }"#),
        r#"evidence["1"].percent: `100.01`% is above 100%, which this rule does not allow"#
    );
}

/// `late_until` may be the deadline itself, not a day before it (kills `<` → `<=` and
/// `<` → `==` in `Deadline::lower`).
#[test]
fn late_until_may_be_the_deadline_day_but_not_before_it() {
    let rule = |until: &str| {
        format!(
            r#"{{ kind = "deadline", deadline = "2023-01-15", late_until = "{until}", late = "0.5" }}"#
        )
    };
    assert_eq!(set_issues("1", &rule("2023-01-15")), Vec::<String>::new());
    assert_eq!(
        set_issues("1", &rule("2023-01-14")),
        ["`late_until = 2023-01-14` is before the deadline `2023-01-15`"]
    );
}

/// Points may stay level with lateness (on time 1 = late 1; late 0.5 = not issued 0.5) but not
/// rise (not issued 0.75 > late 0.5) (kills `>` → `>=` on both comparisons and `>` → `==` on
/// the second in `Deadline::lower`).
#[test]
fn deadline_points_may_stay_level_with_lateness_but_not_rise() {
    let rule =
        |fields: &str| format!(r#"{{ kind = "deadline", deadline = "2023-01-15", {fields} }}"#);
    assert_eq!(
        set_issues("1", &rule(r#"on_time = "1", late = "1""#)),
        Vec::<String>::new()
    );
    assert_eq!(
        set_issues("1", &rule(r#"late = "0.5", not_issued = "0.5""#)),
        Vec::<String>::new()
    );
    assert_eq!(
        set_issues("1", &rule(r#"late = "0.5", not_issued = "0.75""#)),
        ["points must not rise with lateness: on_time `1` ≥ late `0.5` ≥ not_issued `0.75`"]
    );
}
