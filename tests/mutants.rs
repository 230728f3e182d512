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

mod support;
use support::{one_leaf, one_leaf_toml};

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
            &one_leaf_toml(
                "4",
                &format!("{{ kind = \"count_bands\", bands = [{bands}] }}"),
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

// ---------------------------------------------------------------------------------------------
// The assessment cycle (`src/cycle*`)

use par_index::{
    Decimal, RuleSet,
    assessment::{Appraisal, evaluate_appraised},
};

const CYCLE_SET: &str = include_str!("fixtures/cycle.toml");
const CYCLE_EVIDENCE: &str = include_str!("fixtures/cycle.evidence.json");

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn cycle_set() -> RuleSet {
    RuleSet::from_toml_str(CYCLE_SET).unwrap()
}

fn cycle_evidence() -> Evidence {
    Evidence::from_json_str(CYCLE_EVIDENCE).unwrap()
}

/// A 10-point set with one area (manual, 10), bonus item T.1 (0.5 per initiative, cap 1.5)
/// and penalty item P.1 (0.5 per violation, cap 1); bonus_max 2, penalty_max 1.5.
const ITEMS_SET: &str = r#"
id = "items-mini"
title = "Bộ tiêu chí nhỏ có điểm thưởng, điểm trừ"
level = "commune"
years = { from = 2025 }
scale = "10"
document = { number = "1/QĐ-UBND" }
bonus_max = "2"
penalty_max = "1.5"
classification = [
  { label = "Tốt", at_least = "90" },
  { label = "Yếu", at_least = "0", below = "90" },
]

[[areas]]
code = "1"
title = "Chỉ đạo, điều hành"
max = "10"
provenance = { document = "1/QĐ-UBND", verified = false }
rule = { kind = "manual" }

[[bonus]]
code = "T.1"
title = "Sáng kiến CCHC được công nhận"
max = "1.5"
rule = { kind = "per_item", per_item = "0.5", measure = "sáng kiến" }
provenance = { document = "1/QĐ-UBND", verified = false }

[[penalty]]
code = "P.1"
title = "Vi phạm trong giải quyết thủ tục hành chính"
max = "1"
rule = { kind = "per_item", per_item = "0.5", measure = "vi phạm" }
provenance = { document = "1/QĐ-UBND", verified = false }
"#;

fn items_set() -> RuleSet {
    RuleSet::from_toml_str(ITEMS_SET).unwrap()
}

/// Area 1 at 8 points, T.1 claimed with 2 initiatives (2 × 0.5 = 1).
fn items_evidence() -> Evidence {
    Evidence::from_json_str(
        r#"{"unit":{"name":"Xã A","level":"commune"},"period":{"year":2025},
        "evidence":{"1":{"points":"8"}},"bonus":{"T.1":{"count":2}}}"#,
    )
    .unwrap()
}

/// Round 1 sets bonus item T.1 to `points`.
fn t1_round(points: &str) -> Appraisal {
    Appraisal::from_json_str(&format!(
        r#"{{"rounds":[{{"round":1,"changes":{{"T.1":{{"points":"{points}","reason":"x"}}}}}}]}}"#
    ))
    .unwrap()
}

/// A round may set an item to any points in [0, its max]: 0 and 1.5 are accepted (total
/// 8 + 0 = 8 and 8 + 1.5 = 9.5), −0.5 and 1.6 are refused (kills `<` → `==` / `<=` and
/// `>` → `>=` in `check_change`).
#[test]
fn a_round_sets_an_item_to_0_or_its_max_but_not_below_or_past() {
    let total = |p| {
        evaluate_appraised(&items_set(), &items_evidence(), &t1_round(p))
            .map(|c| c.total.points)
            .map_err(|e| {
                e.issues()
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
            })
    };
    assert_eq!(total("0"), Ok(dec("8")));
    assert_eq!(total("1.5"), Ok(dec("9.5")));
    for p in ["-0.5", "1.6"] {
        assert_eq!(
            total(p),
            Err(vec![format!(
                r#"appraisal.rounds[0].changes["T.1"].points: points `{p}` are outside [0, 1.5] of bonus item `T.1`"#
            )])
        );
    }
}

/// A free bonus item of 0 points is not negative: accepted, and the total stays the
/// self-assessment's 9.38 (tests/cycle.rs) + 0 (kills `<` → `<=` in `adjust::one`).
#[test]
fn a_free_bonus_item_of_zero_points_is_accepted() {
    let a = Appraisal::from_json_str(r#"{"bonus":[{"points":"0","reason":"không có"}]}"#).unwrap();
    let card = evaluate_appraised(&cycle_set(), &cycle_evidence(), &a).unwrap();
    assert_eq!(
        (card.bonus.claimed, card.total.points),
        (dec("0"), dec("9.38"))
    );
}

/// One unit of the cycle fixture in a batch of about 330 bytes.
const SMALL_BATCH: &str = r#"{ "ruleset": "cycle-test", "units": [
  { "unit": { "name": "Huyện A", "level": "district" }, "period": { "year": 2024 },
    "evidence": { "1.1": { "level": "on_time" }, "1.2": { "numerator": 34, "denominator": 36 },
      "1.3": { "points": "2" }, "2.1": { "numerator": 45, "denominator": 50 } } } ] }"#;

/// A batch's size is bounded by `max_batch_bytes`, not by `max_file_bytes`: a batch longer
/// than `max_file_bytes` (10) is read, and one byte past `max_batch_bytes` is refused naming
/// it (kills deleting `bytes` from the `Bounds` of `batch_value`).
#[test]
fn a_batch_is_bounded_by_max_batch_bytes_not_max_file_bytes() {
    use par_index::assessment::Batch;
    let len = SMALL_BATCH.len();
    let small_files = Limits {
        max_file_bytes: 10,
        ..Limits::default()
    };
    let b = Batch::from_json_str_with_limits(SMALL_BATCH, &small_files).unwrap();
    assert_eq!(b.units.len(), 1);
    let at = Limits {
        max_batch_bytes: len,
        ..Limits::default()
    };
    assert!(Batch::from_json_str_with_limits(SMALL_BATCH, &at).is_ok());
    let under = Limits {
        max_batch_bytes: len - 1,
        ..Limits::default()
    };
    let e = Batch::from_json_str_with_limits(SMALL_BATCH, &under).unwrap_err();
    let text = e.issues()[0].to_string();
    assert!(
        text.contains(&format!(
            "{len} bytes: more than the limit `max_batch_bytes` of {}",
            len - 1
        )),
        "{text}"
    );
}

/// The batch schema is `Batch`'s own (its `units`, no other key), and each entry's schema is
/// the evidence's with `appraisal` added (kills `json_schema` → `Default::default()` for
/// `Batch` and `BatchEntry`).
#[test]
fn the_batch_schema_lists_units_and_each_entry_its_appraisal() {
    let s = par_index::schema::batch().to_value();
    assert_eq!(s["title"], "Batch");
    assert_eq!(s["additionalProperties"], false);
    assert_eq!(
        s["properties"]["units"]["items"]["$ref"],
        "#/$defs/BatchEntry"
    );
    let entry = &s["$defs"]["BatchEntry"];
    assert_eq!(
        entry["properties"]["appraisal"]["$ref"],
        "#/$defs/Appraisal"
    );
    assert_eq!(entry["properties"]["unit"]["$ref"], "#/$defs/Unit");
    assert_eq!(
        entry["description"],
        "One unit's evidence, with its appraisal under `appraisal` when it has one."
    );
}

/// A scorecard read from JSON may be malformed: here its only node (area 1, a leaf) names
/// itself as its parent. The walk up from the leaf stops after as many steps as the card has
/// nodes (1), so the leaf's 5 × 10^28 points are summed once; a second step would overflow a
/// decimal (10^29 > 7.9 × 10^28) or loop forever (kills `>` → `>=`, `-=` → `+=` and `-=` →
/// `/=` in `part_sums`).
#[test]
fn a_card_whose_node_is_its_own_parent_sums_its_leaf_once() {
    use par_index::{Scorecard, assessment::AppraisedScorecard, evaluate};
    let card = evaluate(&items_set(), &items_evidence()).unwrap();
    let mut json = serde_json::to_value(&card).unwrap();
    let node = &mut json["nodes"][0];
    assert_eq!(node["code"], "1");
    node["parent"] = "1".into();
    node["score"]["points"] = "50000000000000000000000000000".into();
    let looped: Scorecard = serde_json::from_value(json).unwrap();
    let appraised = AppraisedScorecard::from_self_assessment(looped).unwrap();
    let columns = appraised.columns("1").unwrap();
    assert_eq!(
        (columns.self_assessed, columns.appraised),
        (
            dec("50000000000000000000000000000"),
            dec("50000000000000000000000000000")
        )
    );
}

/// A round may set a leaf to exactly its max: 2.1 set to 3 (its max) makes the total
/// 9.38 − 2.7 + 3 = 9.68 (kills `>` → `>=` in `check_change`).
#[test]
fn a_round_sets_a_leaf_to_exactly_its_max() {
    let a = Appraisal::from_json_str(
        r#"{"rounds":[{"round":1,"changes":{"2.1":{"points":"3","reason":"x"}}}]}"#,
    )
    .unwrap();
    let card = evaluate_appraised(&cycle_set(), &cycle_evidence(), &a).unwrap();
    assert_eq!(card.total.points, dec("9.68"));
}

/// A set on a scale of 10^-10 points whose total may pass the scale, with a bonus cap of
/// 4,000,000: an index of 19 digits before the point, and 10 after.
const HUGE_INDEX_SET: &str = r#"
id = "huge-index"
title = "Bộ tiêu chí thử nghiệm: chỉ số rất lớn"
level = "commune"
years = { from = 2025 }
scale = "0.0000000001"
document = { number = "1/QĐ-UBND" }
rounding = { points = 10, index = 10 }
bonus_max = "4000000"
total_above_scale = true

[[areas]]
code = "1"
title = "Chỉ đạo, điều hành"
max = "0.0000000001"
provenance = { document = "1/QĐ-UBND", verified = false }
rule = { kind = "manual" }
"#;

/// The median of an odd count is the middle value itself, not the mean of it and itself: one
/// unit at full points (10^-10) plus a bonus of 4,000,000 has the index
/// 4000000.0000000001 × 100 ÷ 10^-10 = 4000000000000000100, kept with 10 decimals (29
/// digits); doubling it would need 30 digits, so `(m + m) ÷ 2` keeps only 9 decimals (kills
/// the guard `count % 2 == 0` → `true` in `summary`).
#[test]
fn the_median_of_one_unit_is_its_index_to_the_last_decimal() {
    use par_index::assessment::{Batch, score_batch};
    let rs = RuleSet::from_toml_str(HUGE_INDEX_SET).unwrap();
    let b = Batch::from_json_str(
        r#"{ "units": [ { "unit": { "name": "Xã A", "level": "commune" },
          "period": { "year": 2025 }, "evidence": { "1": { "points": "0.0000000001" } },
          "appraisal": { "bonus": [ { "points": "4000000", "reason": "x" } ] } } ] }"#,
    )
    .unwrap();
    let r = score_batch(&rs, &b).unwrap();
    let index = "4000000000000000100.0000000000";
    assert_eq!(
        r.units[0].card.total.index.map(|i| i.to_string()),
        Some(index.to_string())
    );
    let all = &r.summaries[0];
    assert_eq!(all.count, 1);
    assert_eq!(all.median.unwrap().exact.to_string(), index);
    assert_eq!(all.mean.unwrap().exact.to_string(), index);
}

/// The cycle fixture's appraisal (tests/fixtures/cycle.appraisal.json).
const CYCLE_APPRAISAL: &str = include_str!("fixtures/cycle.appraisal.json");

/// A change's index moves have a delta: round 1's 1.2 (2 → 1) takes area 1 from 100.00% to
/// 80.00% (−20.00) and the total from 93.80% to 83.80% (−10.00); a bonus item's change has no
/// area index, so no delta (kills `OptMove::delta` → `None` / `Some(0)`).
#[test]
fn a_changes_index_moves_have_their_deltas() {
    let a = Appraisal::from_json_str(CYCLE_APPRAISAL).unwrap();
    let card = evaluate_appraised(&cycle_set(), &cycle_evidence(), &a).unwrap();
    let first = &card.changes[0];
    assert_eq!(first.code, "1.2");
    assert_eq!(
        (first.area_index.delta(), first.total_index.delta()),
        (Some(dec("-20.00")), Some(dec("-10.00")))
    );
    // Items: T.1 set from 1 (2 × 0.5) to 0.5: no area index; the total index 90.00% → 85.00%
    // (9 → 8.5 of 10).
    let item = evaluate_appraised(&items_set(), &items_evidence(), &t1_round("0.5")).unwrap();
    let t1 = &item.changes[0];
    assert_eq!(
        (
            t1.area.as_str(),
            t1.area_index.delta(),
            t1.total_index.delta()
        ),
        ("bonus", None, Some(dec("-5.00")))
    );
}

/// A criterion whose title changed between two set versions is listed as retitled, and no
/// other (kills `!=` → `==` in `diff_rulesets`).
#[test]
fn a_retitled_criterion_is_listed_and_no_other() {
    let v2 = RuleSet::from_toml_str(&CYCLE_SET.replace(
        "title = \"Kiểm tra công tác CCHC\"",
        "title = \"Kiểm tra, giám sát công tác CCHC\"",
    ))
    .unwrap();
    let diff = par_index::analysis::diff_rulesets(cycle_set().def(), v2.def());
    assert_eq!(diff.retitled, ["1.3"]);
    assert!(diff.rules_changed.is_empty() && diff.reweighted.is_empty());
    assert!(
        par_index::analysis::diff_rulesets(cycle_set().def(), cycle_set().def())
            .retitled
            .is_empty()
    );
}

/// A unit prepared for another set is reported once, as that, and not checked further: its
/// name repeating unit 0's is not reported (kills `unit_set_issue` → `None`).
#[test]
fn a_unit_of_another_set_is_reported_as_that_alone() {
    use par_index::assessment::{Batch, CycleIssueCode, score_batch};
    let mut b = Batch::from_json_str(SMALL_BATCH).unwrap();
    let mut other = b.units[0].clone();
    other.evidence.ruleset = Some("another-set".into());
    b.units.push(other);
    let e = score_batch(&cycle_set(), &b).unwrap_err();
    let got: Vec<(String, CycleIssueCode)> =
        e.issues().iter().map(|i| (i.to_string(), i.code)).collect();
    assert_eq!(
        got,
        [(
            "units[1].ruleset: a batch is scored under one set: this unit was prepared for `another-set`, the batch is scored under `cycle-test`".to_string(),
            CycleIssueCode::RuleSetMismatch
        )]
    );
}

// ---------------------------------------------------------------------------------------------
// Scorecards, points cards and bonus/penalty claims (`src/scorecard*`, `src/points.rs`,
// `src/evaluate/items.rs`)

/// A bonus claim past a per-value limit (four tasks, the limit 3) is refused although the
/// `evidence` map is within its limits (kills `&=` → `|=` in `match_claims`).
#[test]
fn a_bonus_claim_past_a_value_limit_is_refused_on_its_own() {
    let members = r#""evidence": {}, "bonus": { "T.1": { "tasks": [
        { "name": "a", "status": "done" }, { "name": "b", "status": "done" },
        { "name": "c", "status": "done" }, { "name": "d", "status": "done" } ] } }"#;
    assert_eq!(
        limit_report(members, &two_entries_three_tasks()),
        [r#"bonus["T.1"].tasks: 4 tasks, more than the limit of 3"#]
    );
}

/// The points card's and the scorecard's compact JSON read back to what was written (kills
/// `to_json` and `to_json_compact` → `Ok("")` / `Ok("xyzzy")`).
#[test]
fn points_card_and_compact_scorecard_json_read_back_equal() {
    use par_index::{Scorecard, evaluate, scoring::PointsCard, scoring::points_card};
    let (rs, ev) = (cycle_set(), cycle_evidence());
    let card = points_card(&rs, &ev).unwrap();
    let json = card.to_json().unwrap();
    assert!(json.starts_with(r#"{"engine":"par-index "#), "{json}");
    assert_eq!(serde_json::from_str::<PointsCard>(&json).unwrap(), card);
    let full = evaluate(&rs, &ev).unwrap();
    let compact = full.to_json_compact().unwrap();
    assert!(!compact.contains('\n'));
    assert_eq!(serde_json::from_str::<Scorecard>(&compact).unwrap(), full);
}

/// A scored leaf's explanation gives its working; a leaf without evidence has none (kills
/// `Explanation::working` → `None` and the deleted `Scored` arm). Leaf 1.1 of the one-leaf set
/// is a ratio band: 13/16 = 81.25% meets the band from 80% to under 100%.
#[test]
fn a_scored_leaf_explains_its_working_and_a_missing_one_has_none() {
    use par_index::scoring::Working;
    let rs = one_leaf(
        "1",
        r#"{ kind = "ratio_bands", bands = [
            { at_least = "100", points = "1" },
            { at_least = "80", below = "100", points = "0.5" },
            { points = "0" } ] }"#,
    )
    .unwrap();
    let card = score_leaf(&rs, r#"{ "numerator": 13, "denominator": 16 }"#).unwrap();
    let leaf = card.node("1").unwrap().leaf.as_ref().unwrap();
    match leaf.explanation.working() {
        Some(Working::RatioBand { share, band }) => {
            assert_eq!(share.percent, dec("81.25"));
            assert_eq!(
                (band.lower, band.upper),
                (Some(dec("80")), Some(dec("100")))
            );
        }
        other => panic!("expected a ratio band, got {other:?}"),
    }
    let ev = Evidence::from_json_str(
        r#"{ "unit": { "name": "X", "level": "district" }, "period": { "year": 2023 }, "evidence": {} }"#,
    )
    .unwrap();
    let card = par_index::evaluate(&rs, &ev).unwrap();
    let leaf = card.node("1").unwrap().leaf.as_ref().unwrap();
    assert_eq!(leaf.explanation.working(), None);
}

/// The provenance line: every leaf checked, or how many are not and what they carry (kills
/// `Display` → `Ok(())` and `==` → `!=` in `ProvenanceSummary`'s `fmt`).
#[test]
fn the_provenance_summary_says_how_much_is_unverified() {
    use par_index::scoring::ProvenanceSummary;
    let all = ProvenanceSummary {
        leaves: 56,
        unverified_leaves: 0,
        unverified_max: Decimal::ZERO,
        unverified_points: Decimal::ZERO,
    };
    assert_eq!(
        all.to_string(),
        "all 56 leaves checked against the published text"
    );
    let some = ProvenanceSummary {
        unverified_leaves: 3,
        unverified_max: dec("4.50"),
        unverified_points: dec("2.25"),
        ..all
    };
    assert_eq!(
        some.to_string(),
        "3 of 56 leaves are not checked against the published text; they carry 4.5 points of the maximum and 2.25 of the points scored"
    );
}

// ---------------------------------------------------------------------------------------------
// The report renderers (`src/report*`)

use par_index::report::{
    Lang, render_diff_markdown, render_ranking_markdown, render_scorecard_csv,
    render_scorecard_markdown,
};

/// A 3-point commune set, every rule checked against its text: area 1 with 1.1 (check, 1)
/// and 1.2 (manual, 2); no class, no bonus, no penalty.
const TINY: &str = r#"
id = "tiny"
title = "Bộ nhỏ"
level = "commune"
years = { from = 2024 }
scale = "3"
document = { number = "1/QĐ" }

[[areas]]
code = "1"
title = "Chỉ đạo, điều hành"
max = "3"
provenance = { document = "1/QĐ", clause = "mục 1", verified = true }

[[areas.criteria]]
code = "1.1"
title = "Kế hoạch"
max = "1"
rule = { kind = "check" }

[[areas.criteria]]
code = "1.2"
title = "Báo cáo"
max = "2"
rule = { kind = "manual" }
"#;

/// Xã A: 1.1 met, 1.2 without evidence (scored 0 and reported).
fn tiny_evidence() -> Evidence {
    Evidence::from_json_str(
        r#"{"unit":{"name":"Xã A","level":"commune"},"period":{"year":2024},
        "evidence":{"1.1":{"met":true}}}"#,
    )
    .unwrap()
}

fn tiny_card() -> par_index::Scorecard {
    par_index::evaluate(&RuleSet::from_toml_str(TINY).unwrap(), &tiny_evidence()).unwrap()
}

/// The plain-text tree indents a criterion (depth 2) by 2 under its area (depth 1, not
/// indented), and the line under a leaf by 11 + 2 (kills `2 * depth` → `2 + depth` in `tree`
/// and `11 + indent` → `11 - indent` / `11 * indent` in `leaf_line`).
#[test]
fn the_text_scorecard_indents_each_level_and_the_line_under_each_leaf() {
    let sp = |n: usize| " ".repeat(n);
    // Columns: code 10, title 56, points 15 (right), index 8 (right), one space between.
    // 1 of 3 = 33.33%; 1.1 1 of 1 = 100%; 1.2 0 of 2, without evidence (` !`, and so is
    // its area: a leaf below it has none). The parts line lists the appraised part, which
    // every leaf is in: 1 of 3.
    let expected = [
        "Bảng điểm Chỉ số CCHC: Xã A (cấp xã), năm 2024".to_string(),
        "Bộ tiêu chí: tiny (1/QĐ), Bộ nhỏ".to_string(),
        String::new(),
        format!(
            "Mã{} Tiêu chí{} {}Điểm / Tối đa {}Chỉ số",
            sp(8),
            sp(48),
            sp(2),
            sp(2)
        ),
        format!(
            "1{} Chỉ đạo, điều hành{} {}1,00 / 3,00 {}33,33% !",
            sp(9),
            sp(38),
            sp(4),
            sp(2)
        ),
        format!(
            "  1.1{}   Kế hoạch{} {}1,00 / 1,00 {}100,00%",
            sp(5),
            sp(46),
            sp(4),
            sp(1)
        ),
        format!("{}  ↳ đạt → 1/1 điểm", sp(13)),
        format!(
            "  1.2{}   Báo cáo{} {}0,00 / 2,00 {}0,00% !",
            sp(5),
            sp(47),
            sp(4),
            sp(3)
        ),
        format!("{}  ↳ không có tài liệu kiểm chứng → 0/2 điểm", sp(13)),
        String::new(),
        "Tổng: 1,00 / 3,00, chỉ số 33,33%, chưa đạt xếp loại".to_string(),
        "Các phần: thẩm định 1,00 / 3,00".to_string(),
        "Chỉ số thành phần: 1 33,33%".to_string(),
        "Nguồn gốc: cả 2 tiêu chí đã được đối chiếu với văn bản gốc".to_string(),
        String::new(),
        "Phát hiện (1):".to_string(),
        "  - evidence[\"1.2\"]: không có tài liệu kiểm chứng: tính 0 điểm và báo cáo".to_string(),
    ];
    let text = tiny_card().to_text(Lang::Vi);
    assert_eq!(text.lines().collect::<Vec<_>>(), expected, "{text}");
}

/// The whole Markdown scorecard of a self-assessment with every rule verified: no bonus or
/// penalty row (none set, none declared), no line on unverified rules, the finding listed
/// (kills the `declared` guard → `true` in `sum_rows`, `>` → `==` / `>=` in `explanations`
/// and `findings` → `()`).
#[test]
fn the_markdown_scorecard_of_a_verified_self_assessment_written_out_whole() {
    let expected = "\
# Chỉ số cải cách hành chính: Xã A — năm 2024

Bộ tiêu chí: `tiny` (1/QĐ), Bộ nhỏ

| STT | Lĩnh vực/Tiêu chí/Tiêu chí thành phần | Điểm tối đa | Tự đánh giá | Thẩm định | Điều tra XHH | Điểm đạt | Chỉ số (%) |
|---|---|--:|--:|--:|--:|--:|--:|
| 1 | **Chỉ đạo, điều hành** | 3 | 1 |  |  | 1 | 33,33 |
| 1.1 | Kế hoạch | 1 | 1 |  |  | 1 | 100,00 |
| 1.2 | Báo cáo | 2 | 0 |  |  | 0 | 0,00 |
|  | **Tổng điểm các lĩnh vực** | 3 |  |  |  | 1 | 33,33 |
|  | **Chỉ số CCHC** | 3 |  |  |  | **1** | **33,33** |

Chỉ số: 33,33%; chưa đạt xếp loại nào.

## Giải thích và căn cứ

- **1.1** Kế hoạch: đạt → 1/1 điểm. Căn cứ: 1/QĐ, mục 1
- **1.2** Báo cáo: không có tài liệu kiểm chứng → 0/2 điểm. Căn cứ: 1/QĐ, mục 1

## Lưu ý

- evidence[\"1.2\"]: no evidence: scored 0 of 2
";
    let md = render_scorecard_markdown(&tiny_card(), Lang::Vi).unwrap();
    assert_eq!(md, expected);
}

/// The tiny set with its rules unverified, appraised in one round: 1.2 set to 1.5.
fn tiny_unverified_appraised() -> par_index::assessment::AppraisedScorecard {
    let rs = RuleSet::from_toml_str(&TINY.replace("verified = true", "verified = false")).unwrap();
    let a = Appraisal::from_json_str(
        r#"{"rounds":[{"round":1,"changes":{"1.2":{"points":"1.5","reason":"bổ sung báo cáo"}}}]}"#,
    )
    .unwrap();
    evaluate_appraised(&rs, &tiny_evidence(), &a).unwrap()
}

/// With one round the CSV has no column per round (only from two: kills `>` → `>=` in
/// `scorecard_csv`); the Markdown says how many rules are unverified (kills `>` → `==` / `<`
/// in `explanations`).
#[test]
fn one_round_has_no_round_columns_and_unverified_rules_are_counted() {
    let card = tiny_unverified_appraised();
    // 1.2: 0 → 1.5; area 1 + 1.5 = 2.5 of 3 = 83.33%; 1.5 of 2 = 75%.
    let expected = "\
STT,Lĩnh vực/Tiêu chí/Tiêu chí thành phần,Điểm tối đa,Tự đánh giá,Thẩm định,Điều tra XHH,Điểm đạt,Chỉ số (%),Giải thích,Căn cứ\r
1,\"Chỉ đạo, điều hành\",3,1,\"2,5\",,\"2,5\",\"83,33\",,\r
1.1,Kế hoạch,1,1,1,,1,\"100,00\",đạt → 1/1 điểm,\"1/QĐ, mục 1 (chưa đối chiếu văn bản)\"\r
1.2,Báo cáo,2,0,\"1,5\",,\"1,5\",\"75,00\",\"thẩm định lần 1: bổ sung báo cáo → 1,5/2 điểm\",\"1/QĐ, mục 1 (chưa đối chiếu văn bản)\"\r
,Tổng điểm các lĩnh vực,3,,,,\"2,5\",\"83,33\",,\r
,Chỉ số CCHC,3,,,,\"2,5\",\"83,33\",,\r
";
    assert_eq!(render_scorecard_csv(&card, Lang::Vi).unwrap(), expected);
    // Both leaves unverified: 3 points at most, 1 + 1.5 = 2.5 reached.
    let md = render_scorecard_markdown(&card, Lang::Vi).unwrap();
    assert!(
        md.contains(
            "\n\n2/2 tiêu chí chưa được đối chiếu với văn bản gốc (3 điểm tối đa, 2,5 điểm đạt).\n"
        ),
        "{md}"
    );
}

/// A free bonus with no penalty still has its section (kills `&&` → `||` in `adjustments`).
#[test]
fn a_bonus_without_a_penalty_is_listed_with_its_reason() {
    let rs = RuleSet::from_toml_str(&TINY.replace(
        "document = { number = \"1/QĐ\" }\n",
        "document = { number = \"1/QĐ\" }\nbonus_max = \"1\"\n",
    ))
    .unwrap();
    let a = Appraisal::from_json_str(
        r#"{"bonus":[{"points":"0.5","reason":"sáng kiến được công nhận"}]}"#,
    )
    .unwrap();
    let md = render_scorecard_markdown(
        &evaluate_appraised(&rs, &tiny_evidence(), &a).unwrap(),
        Lang::Vi,
    )
    .unwrap();
    // 1 + 0.5 = 1.5 of 3 = 50%; the bonus cap 1 is shown, no penalty row (no penalty_max).
    for line in [
        "|  | Điểm thưởng (tối đa 1) | 1 |  |  |  | +0,5 |  |",
        "|  | **Chỉ số CCHC** | 3 |  |  |  | **1,5** | **50,00** |",
    ] {
        assert!(md.lines().any(|l| l == line), "{line}\n{md}");
    }
    assert!(!md.contains("Điểm phạt"), "{md}");
    assert!(
        md.contains("\n## Điểm thưởng, điểm phạt\n\n- Thưởng 0,5: sáng kiến được công nhận\n"),
        "{md}"
    );
}

/// An English report names an item by its English title; a declared bonus without a cap has
/// its sum row all the same (kills deleting the `(Lang::En, Some(t))` arm of `item_title` and
/// the `declared` guard → `false` in `sum_rows`).
#[test]
fn items_in_english_and_a_declared_bonus_without_a_cap() {
    let rs = RuleSet::from_toml_str(&ITEMS_SET.replace("bonus_max = \"2\"\n", "").replace(
        "title = \"Sáng kiến CCHC được công nhận\"\n",
        "title = \"Sáng kiến CCHC được công nhận\"\ntitle_en = \"Recognised PAR initiatives\"\n",
    ))
    .unwrap();
    let md = render_scorecard_markdown(
        &par_index::evaluate(&rs, &items_evidence()).unwrap(),
        Lang::En,
    )
    .unwrap();
    // Area 1 8 of 10; T.1 2 × 0.5 = 1 (no bonus_max: counted as claimed); P.1 not claimed, 0;
    // 8 + 1 − 0 = 9 of 10 = 90%.
    for line in [
        "| T.1 | Bonus: Recognised PAR initiatives | 1.5 | 1 |  |  | +1 |  |",
        "| P.1 | Penalty: Vi phạm trong giải quyết thủ tục hành chính | 1 | 0 |  |  | −0 |  |",
        "|  | Bonus |  |  |  |  | +1 |  |",
        "|  | Penalty (at most 1.5) | 1.5 |  |  |  | −0 |  |",
        "|  | **PAR Index** | 10 |  |  |  | **9** | **90.00** |",
        "- **T.1** Bonus: Recognised PAR initiatives: 2 sáng kiến × 0.5 = 1, at most 1.5 → 1 of 1.5. Basis: 1/QĐ-UBND (not checked against the text)",
    ] {
        assert!(md.lines().any(|l| l == line), "{line}\n{md}");
    }
}

/// A change that leaves the points where they were shows a change of `0`, neither `+0` nor
/// `−0` (kills `>` → `>=`, `<` → `<=` and the `d < 0` guard → `true` in `diff::signed`).
#[test]
fn an_appraisal_change_that_keeps_the_points_shows_a_change_of_zero() {
    let a = Appraisal::from_json_str(
        r#"{"rounds":[{"round":1,"changes":{"1.1":{"points":"1","reason":"giữ nguyên"}}}]}"#,
    )
    .unwrap();
    let rs = RuleSet::from_toml_str(TINY).unwrap();
    let md = render_diff_markdown(
        &evaluate_appraised(&rs, &tiny_evidence(), &a).unwrap(),
        Lang::Vi,
    );
    // 1.1 was 1 of 1, stays 1: area 1 and the total stay 1 of 3 = 33.33%.
    let row = "| 1 | 1.1 | Kế hoạch | 1 | 1 | 0 | 1: 33,33 → 33,33 | 33,33 → 33,33 | giữ nguyên | thẩm định lần 1: giữ nguyên → 1/1 điểm | 1/QĐ, mục 1 |";
    assert!(md.lines().any(|l| l == row), "{md}");
}

/// A 10-point set, appraised 8 (area 1) and survey 2 (area 2), rescaled when a unit has no
/// survey; two classes.
const RANK_SET: &str = r#"
id = "rank-mini"
title = "Bộ xếp hạng nhỏ"
level = "commune"
years = { from = 2024 }
scale = "10"
document = { number = "2/QĐ" }
parts = { appraised = "8", survey = "2" }
survey_optional = "rescale"
classification = [
  { label = "Khá", at_least = "80" },
  { label = "Trung bình", at_least = "0", below = "80" },
]

[[areas]]
code = "1"
title = "Kết quả"
max = "8"
provenance = { document = "2/QĐ", verified = true }
rule = { kind = "manual" }

[[areas]]
code = "2"
title = "Hài lòng"
max = "2"
provenance = { document = "2/QĐ", verified = true }
rule = { kind = "survey" }
"#;

/// The whole Markdown ranking: heading with its basis and tie-break, the rescaled index
/// starred with its footnote, the areas named, the summaries (kills `tie_text` → `""` /
/// `"xyzzy"`, `rescaled` → `false`, `write_ranking_heading` and `write_ranking_notes` → `()`
/// and deleting `!` in `write_ranking_notes`).
#[test]
fn the_markdown_ranking_written_out_whole() {
    use par_index::assessment::{Batch, score_batch};
    let rs = RuleSet::from_toml_str(RANK_SET).unwrap();
    let batch = Batch::from_json_str(
        r#"{ "units": [
  { "unit": { "name": "Xã A", "level": "commune" }, "period": { "year": 2024 },
    "evidence": { "1": { "points": "6" }, "2": { "answers": { "A": 6, "B": 4 } } } },
  { "unit": { "name": "Xã B", "level": "commune" }, "period": { "year": 2024 },
    "evidence": { "1": { "points": "6.4" } } }
] }"#,
    )
    .unwrap();
    // Xã A: survey (6 × 100% + 4 × 60%) / 10 = 84% of 2 = 1.68; 6 + 1.68 = 7.68 of 10 =
    //   76.80% (Trung bình); area 1 6/8 = 75%, area 2 84%.
    // Xã B: no survey → rescaled: 6.4 of the appraised 8 = 80.00% (Khá), starred; area 1
    //   6.4/8 = 80%, area 2 without evidence 0 of 2 = 0%.
    // Mean (80 + 76.8) / 2 = 78.4, median of two the same.
    let expected = "\
# Xếp hạng chỉ số cải cách hành chính — `rank-mini` (2 đơn vị)

Căn cứ: 2/QĐ (Bộ xếp hạng nhỏ), năm 2024.

Tiêu chí phụ khi bằng chỉ số: không có; đơn vị bằng chỉ số thì đồng hạng.

| Hạng | Đơn vị | Tổng điểm | Chỉ số (%) | Xếp loại | Lĩnh vực 1 (%) | Lĩnh vực 2 (%) |
|---|---|--:|--:|---|--:|--:|
| 1 | Xã B | 6,40 | 80,00* | Khá | 80,00 (1) | 0,00 (2) |
| 2 | Xã A | 7,68 | 76,80 | Trung bình | 75,00 (2) | 84,00 (1) |

\\* Không có điều tra xã hội học: chỉ số quy về thang điểm 100 từ phần thẩm định.

Lĩnh vực: 1: Kết quả; 2: Hài lòng.

## Thống kê theo xếp loại

| Nhóm | Số đơn vị | Trung bình | Trung vị | Thấp nhất | Cao nhất |
|---|--:|--:|--:|--:|--:|
| Tất cả | 2 | 78,40 | 78,40 | 76,80 | 80,00 |
| Khá | 1 | 80,00 | 80,00 | 80,00 | 80,00 |
| Trung bình | 1 | 76,80 | 76,80 | 76,80 | 76,80 |
";
    let md = render_ranking_markdown(&score_batch(&rs, &batch).unwrap(), Lang::Vi);
    assert_eq!(md, expected);
}

// ---------------------------------------------------------------------------------------------
// Loading a set (`src/load.rs`, `src/ruleset.rs`, `src/cases.rs`)

/// The messages of the issues refusing `text` under `limits`, or `[]` when it loads.
fn load_issues(text: &str, limits: &Limits) -> Vec<String> {
    match RuleSet::from_toml_str_with_limits(text, limits) {
        Ok(_) => vec![],
        Err(par_index::criteria::LoadError::Invalid { issues, .. }) => {
            issues.iter().map(ToString::to_string).collect()
        }
        Err(other) => vec![other.to_string()],
    }
}

/// A set of exactly `max_file_bytes` loads; one byte more is refused by size (kills `>` →
/// `>=` in `parse_toml`).
#[test]
fn a_set_of_exactly_max_file_bytes_loads_and_one_byte_more_is_refused() {
    let text = one_leaf_toml("1", r#"{ kind = "manual" }"#);
    let limits = Limits {
        max_file_bytes: text.len(),
        ..Limits::default()
    };
    assert_eq!(load_issues(&text, &limits), Vec::<String>::new());
    let longer = format!("{text} ");
    assert_eq!(
        load_issues(&longer, &limits),
        [format!(
            "(document): the file has {} bytes, more than the limit `max_file_bytes` of {}",
            text.len() + 1,
            text.len()
        )]
    );
}

/// A syntax error names its line and column: `@` is the 9th character of line 3 (kills
/// `line - 1` → `line / 1` in `LineIndex::line_col`, which put every column at 1).
#[test]
fn a_syntax_error_names_its_line_and_column() {
    match RuleSet::from_toml_str("id = \"x\"\ntitle = \"T\"\nscale = @\n") {
        Err(par_index::criteria::LoadError::Syntax { line, column, .. }) => {
            assert_eq!((line, column), (3, 9));
        }
        other => panic!("{other:?}"),
    }
}

/// The word `extends` in a title does not make a set an extension of another: only a
/// top-level `extends` key does (kills `==` → `!=` in `extends_another`).
#[test]
fn a_set_that_mentions_extends_in_a_title_is_not_an_extension() {
    let text = one_leaf_toml("1", r#"{ kind = "manual" }"#)
        .replace("title = \"Leaf\"", "title = \"Leaf that extends nothing\"");
    let rs = RuleSet::from_toml_str(&text).unwrap();
    assert_eq!(rs.node("1").unwrap().title(), "Leaf that extends nothing");
}

/// A text of exactly `max_string_len` bytes in a set is read; one byte more is refused at its
/// path (kills the guard → `false` and `>` → `==` / `>=` in `Walker::value`).
#[test]
fn a_set_text_of_exactly_max_string_len_loads_and_one_byte_more_is_refused() {
    let limits = Limits {
        max_string_len: 10,
        ..Limits::default()
    };
    let with_title = |t: &str| {
        one_leaf_toml("1", r#"{ kind = "manual" }"#)
            .replace("title = \"Leaf\"", &format!("title = \"{t}\""))
    };
    assert_eq!(
        load_issues(&with_title("LeafLeafLe"), &limits),
        Vec::<String>::new()
    );
    assert_eq!(
        load_issues(&with_title("LeafLeafLea"), &limits),
        ["areas[0].title (line 10): a text of 11 bytes, more than the limit of 10"]
    );
}

/// TOML nesting is bounded at `max_depth` × 2 + 8 levels, counted through arrays and tables
/// alike: with `max_depth = 1`, a value 10 levels down passes the walk (the set is then refused
/// for its unknown field), 11 levels down is refused for its depth, once however many
/// branches go that deep (kills `+` → `*` / `-` in `Walker::table` and `Walker::value`, `>` →
/// `==` / `>=`, and the `!` and `==` of the once-only check).
#[test]
fn toml_nesting_is_bounded_through_arrays_and_tables_and_reported_once() {
    let limits = Limits {
        max_depth: 1,
        ..Limits::default()
    };
    let base = one_leaf_toml("1", r#"{ kind = "manual" }"#);
    // `x` is at depth 1; each `[` or `{ a =` goes one deeper.
    let arrays = |levels: usize| format!("x = {}1{}\n", "[".repeat(levels), "]".repeat(levels));
    let tables =
        |levels: usize| format!("y = {}1{}\n", "{ a = ".repeat(levels), " }".repeat(levels));
    let set = |extra: &str| format!("{extra}{base}");
    let too_deep = "nesting deeper than the limit of 1 levels of criteria";
    for deep in [arrays, tables] {
        let at = load_issues(&set(&deep(9)), &limits);
        assert!(
            !at.is_empty() && at.iter().all(|i| !i.contains(too_deep)),
            "{at:?}"
        );
        let past = load_issues(&set(&deep(10)), &limits);
        assert_eq!(past.len(), 1, "{past:?}");
        assert!(past[0].contains(too_deep), "{past:?}");
    }
    let both = load_issues(&set(&format!("{}{}", arrays(10), tables(10))), &limits);
    assert_eq!(both.len(), 1, "{both:?}");
    assert!(both[0].contains(too_deep), "{both:?}");
}

/// Two sets are equal when their definitions are: the same set loaded twice is, a set that
/// differs only in its own title (not in its tree) is not, nor is another set (kills every
/// mutant of `RuleSet`'s `eq`).
#[test]
fn rule_sets_are_equal_when_their_definitions_are() {
    let text = one_leaf_toml("1", r#"{ kind = "manual" }"#);
    let a = RuleSet::from_toml_str(&text).unwrap();
    assert!(a == RuleSet::from_toml_str(&text).unwrap());
    let retitled =
        RuleSet::from_toml_str(&text.replace("title = \"One leaf\"", "title = \"Một lá\""))
            .unwrap();
    assert!(a != retitled);
    assert!(a != cycle_set());
}

/// A set's accessors: its SHA-256 (64 hex digits, that of its canonical JSON), its leaf codes
/// and its nodes in tree order with code, title, depth, floor, part and whether verified (kills each accessor
/// returning a constant). The cycle set: areas 1 (1.1–1.3) and 2 (2.1, 2.2).
#[test]
fn a_sets_accessors_give_its_digest_leaves_and_nodes() {
    let rs = cycle_set();
    assert_eq!(
        rs.sha256(),
        par_index::criteria::digest::ruleset_sha256(rs.def())
    );
    assert_eq!(rs.sha256().len(), 64);
    assert!(rs.sha256().bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(
        rs.leaf_codes().collect::<Vec<_>>(),
        ["1.1", "1.2", "1.3", "2.1", "2.2"]
    );
    let nodes: Vec<(&str, usize)> = rs.nodes().map(|n| (n.code(), n.depth())).collect();
    assert_eq!(
        nodes,
        [
            ("1", 1),
            ("1.1", 2),
            ("1.2", 2),
            ("1.3", 2),
            ("2", 1),
            ("2.1", 2),
            ("2.2", 2)
        ]
    );
    assert_eq!(
        rs.node("2.1").unwrap().title(),
        "Tỷ lệ hồ sơ giải quyết đúng hạn"
    );
    // A deduction's floor may go below 0; a check leaf's and a parent's is 0.
    let deduction = one_leaf(
        "1",
        r#"{ kind = "deduction", per_item = "0.25", min_points = "-0.5" }"#,
    )
    .unwrap();
    assert_eq!(deduction.node("1").unwrap().floor(), dec("-0.5"));
    assert_eq!(
        one_leaf("1", r#"{ kind = "check" }"#)
            .unwrap()
            .node("1")
            .unwrap()
            .floor(),
        dec("0")
    );
    assert_eq!(rs.node("1").unwrap().floor(), dec("0"));
    // Whether a leaf's rule was checked against the published text; a parent has no answer.
    assert_eq!(rs.node("1.1").unwrap().verified(), Some(false));
    assert_eq!(rs.node("1").unwrap().verified(), None);
    // The part a leaf counts in: 2.2 (a survey rule) in the survey part, 1.1 appraised.
    use par_index::criteria::Part;
    assert_eq!(rs.node("2.2").unwrap().part(), Some(Part::Survey));
    assert_eq!(rs.node("1.1").unwrap().part(), Some(Part::Appraised));
    assert_eq!(rs.node("2").unwrap().part(), None);
    let checked = RuleSet::from_toml_str(
        &one_leaf_toml("1", r#"{ kind = "check" }"#).replace("verified = false", "verified = true"),
    )
    .unwrap();
    assert_eq!(checked.node("1").unwrap().verified(), Some(true));
}

/// A negative part is reported, with its leaves' sum (1.1 + 1.2 + 1.3 + 2.1 = 1 + 2 + 2 + 3 =
/// 8), but not also as parts that miss the scale (−1 + 2 = 1, not 10) (kills `&` → `|` in
/// the header check).
#[test]
fn a_negative_part_is_reported_without_a_scale_mismatch() {
    let text = CYCLE_SET.replace(
        r#"parts = { appraised = "8", survey = "2" }"#,
        r#"parts = { appraised = "-1", survey = "2" }"#,
    );
    assert_eq!(
        load_issues(&text, &Limits::default()),
        [
            "parts.appraised (line 11): `-1` is negative: expected 0 or more",
            "parts.appraised (line 11): the appraised part is `-1`, but its leaves add up to `8`"
        ]
    );
}

/// The tree's size limits: the cycle set's 7 nodes load under `max_nodes = 7`; under 6 the
/// seventh (2.2, line 69) is refused as one node too many, also when it sits exactly at
/// `max_depth`; under `max_depth = 1` the first criterion (1.1, line 30) is refused as too
/// deep (kills `<` → `<=` and the `>` mutants of `hits_limit`). What the nodes left out
/// leave behind (a part whose leaves are gone) is reported beside.
#[test]
fn the_tree_is_refused_one_node_or_one_level_past_its_limits() {
    let limits = |max_nodes, max_depth| Limits {
        max_nodes,
        max_depth,
        ..Limits::default()
    };
    let tree_issues = |l: &Limits| -> Vec<String> {
        load_issues(CYCLE_SET, l)
            .into_iter()
            .filter(|i| i.contains("the tree is"))
            .collect()
    };
    assert_eq!(load_issues(CYCLE_SET, &limits(7, 8)), Vec::<String>::new());
    for depth in [8, 2] {
        assert_eq!(
            tree_issues(&limits(6, depth)),
            ["areas[1].criteria[1] (line 69): the tree is more than the limit of 6 nodes"]
        );
    }
    assert_eq!(
        tree_issues(&limits(7, 1)),
        ["areas[0].criteria[0] (line 30): the tree is deeper than the limit of 1 levels"]
    );
}

/// The evidence a leaf expects (tài liệu kiểm chứng), when the set says; none otherwise
/// (kills `expected_evidence` → `None` / `Some("")` / `Some("xyzzy")`).
#[test]
fn a_leaf_gives_the_evidence_it_expects_when_the_set_says() {
    let plain = one_leaf_toml("1", r#"{ kind = "check" }"#);
    let said = plain.replace(
        "rule = {",
        "evidence = \"Kế hoạch CCHC năm của UBND\"\nrule = {",
    );
    let node = |text: &str| RuleSet::from_toml_str(text).unwrap();
    assert_eq!(
        node(&said).node("1").unwrap().expected_evidence(),
        Some("Kế hoạch CCHC năm của UBND")
    );
    assert_eq!(node(&plain).node("1").unwrap().expected_evidence(), None);
}

/// A bonus item's max of 0 is refused at the max, and its rule's cap (the max, when the rule
/// gives none) with it (aimed at `item_max` → `true`).
#[test]
fn an_item_with_a_zero_max_is_refused_at_its_max() {
    let text = ITEMS_SET.replace(
        "code = \"T.1\"\ntitle = \"Sáng kiến CCHC được công nhận\"\nmax = \"1.5\"",
        "code = \"T.1\"\ntitle = \"Sáng kiến CCHC được công nhận\"\nmax = \"0\"",
    );
    assert_ne!(text, ITEMS_SET);
    let issues = load_issues(&text, &Limits::default());
    assert_eq!(
        issues,
        [
            "bonus[0].max (line 25): max `0` of item `T.1`: expected more than 0",
            "bonus[0].rule.cap (line 26): `cap = 0` must be above 0"
        ]
    );
}

/// An item's max may have as many decimals as points keep (2 by default), not one more:
/// `1.25` loads, `1.125` is refused at the max (kills `>` → `==` / `>=` in `item_max`).
#[test]
fn an_item_max_keeps_no_more_decimals_than_points() {
    let with_max = |max: &str| {
        ITEMS_SET.replace(
            "code = \"T.1\"\ntitle = \"Sáng kiến CCHC được công nhận\"\nmax = \"1.5\"",
            &format!("code = \"T.1\"\ntitle = \"Sáng kiến CCHC được công nhận\"\nmax = \"{max}\""),
        )
    };
    assert_eq!(
        load_issues(&with_max("1.25"), &Limits::default()),
        Vec::<String>::new()
    );
    let issues = load_issues(&with_max("1.125"), &Limits::default());
    assert!(
        issues.contains(
            &"bonus[0].max (line 25): max `1.125` has more decimals than points keep (`rounding.points = 2`)"
                .to_string()
        ),
        "{issues:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// Paths and JSON reading (`src/path.rs`, `src/json/*`)

/// A path read back from JSON is the path written, segment by segment (kills `Deserialize for
/// DataPath` → `Ok(Default::default())`); one that does not read as a path is refused.
#[test]
fn a_data_path_reads_back_from_json() {
    use par_index::criteria::DataPath;
    let p = DataPath::root()
        .key("areas")
        .index(2)
        .key("criteria")
        .index(1)
        .key("rule");
    let json = serde_json::to_string(&p).unwrap();
    assert_eq!(json, r#""areas[2].criteria[1].rule""#);
    assert_eq!(serde_json::from_str::<DataPath>(&json).unwrap(), p);
    let leaf = DataPath::root().key("evidence").key("3.2.1");
    let json = serde_json::to_string(&leaf).unwrap();
    assert_eq!(serde_json::from_str::<DataPath>(&json).unwrap(), leaf);
    assert!(serde_json::from_str::<DataPath>(r#""areas[two]""#).is_err());
}

/// A set written back as TOML keeps `total_above_scale` and `total_below_zero` when they are
/// true and leaves them out when false, their default (kills `is_false` → `true`).
#[test]
fn a_set_written_back_keeps_its_total_policies() {
    let open = CYCLE_SET.replacen(
        "parts = ",
        "total_above_scale = true\ntotal_below_zero = true\nparts = ",
        1,
    );
    let rs = RuleSet::from_toml_str(&open).unwrap();
    let text = rs.to_toml_string().unwrap();
    assert!(text.contains("total_above_scale = true"), "{text}");
    let back = RuleSet::from_toml_str(&text).unwrap();
    assert!(back.def().total_above_scale && back.def().total_below_zero);
    assert!(back == rs);
    let plain = cycle_set().to_toml_string().unwrap();
    assert!(!plain.contains("total_above_scale") && !plain.contains("total_below_zero"));
}

/// A set written back keeps a rounding policy and a set-wide not-applicable policy that are
/// not the defaults (kills `Rounding::is_default` and `NaPolicy::is_default` → `true`).
#[test]
fn a_set_written_back_keeps_its_rounding_and_not_applicable_policies() {
    let text = CYCLE_SET.replacen(
        "parts = ",
        "rounding = { points = 3, index = 1 }\nnot_applicable = \"full_points\"\nparts = ",
        1,
    );
    let rs = RuleSet::from_toml_str(&text).unwrap();
    let written = rs.to_toml_string().unwrap();
    assert!(written.contains("full_points"), "{written}");
    let back = RuleSet::from_toml_str(&written).unwrap();
    assert_eq!(
        (back.def().rounding.points, back.def().rounding.index),
        (3, 1)
    );
    assert!(back == rs);
}

/// An evidence problem found while scoring an appraisal keeps its kind: a parent's code is
/// "not a leaf", an unknown code "unknown", each named in Vietnamese with the engine's detail
/// (kills the deleted `UnknownCode` and `NotALeaf` arms of `from_eval`, and `to_text` /
/// `issue_vi` → `""` / `"xyzzy"`).
#[test]
fn an_appraisal_names_an_unknown_code_and_a_parent_in_vietnamese() {
    use par_index::assessment::{CycleError, CycleIssueCode};
    use par_index::evidence::LeafEvidence;
    let mut ev = cycle_evidence();
    ev.evidence.insert("1".into(), LeafEvidence::default());
    ev.evidence.insert("9.9".into(), LeafEvidence::default());
    let e = evaluate_appraised(&cycle_set(), &ev, &Appraisal::default()).unwrap_err();
    let CycleError::Invalid { issues } = &e else {
        panic!("{e:?}")
    };
    let codes: Vec<(String, CycleIssueCode)> = issues
        .iter()
        .map(|i| (i.path.to_string(), i.code))
        .collect();
    assert_eq!(
        codes,
        [
            (r#"evidence["1"]"#.to_string(), CycleIssueCode::NotALeaf),
            (
                r#"evidence["9.9"]"#.to_string(),
                CycleIssueCode::UnknownCode
            )
        ]
    );
    assert_eq!(
        e.to_text(par_index::report::Lang::Vi),
        "2 lỗi trong hồ sơ đánh giá:\n  - evidence[\"1\"]: tiêu chí này có tiêu chí con: thay đổi ghi cho tiêu chí con (`1` is scored as the sum of its sub-criteria: give evidence for them instead)\n  - evidence[\"9.9\"]: mã không có trong bộ tiêu chí (`cycle-test` has no criterion `9.9`)"
    );
}

/// Evidence prepared for another set, for a unit of another level, or for a fifth quarter,
/// keeps that kind in an appraisal's error (kills the deleted `RuleSetMismatch`,
/// `LevelMismatch` and `OutOfRange` arms of `from_eval`).
#[test]
fn an_appraisal_keeps_a_set_or_level_mismatch() {
    use par_index::assessment::{CycleError, CycleIssueCode};
    let codes = |ev: &Evidence| match evaluate_appraised(&cycle_set(), ev, &Appraisal::default()) {
        Err(CycleError::Invalid { issues }) => issues.iter().map(|i| i.code).collect::<Vec<_>>(),
        other => panic!("{other:?}"),
    };
    let mut other_set = cycle_evidence();
    other_set.ruleset = Some("another-set".into());
    assert_eq!(codes(&other_set), [CycleIssueCode::RuleSetMismatch]);
    let mut commune = cycle_evidence();
    commune.unit.level = par_index::criteria::UnitLevel::Commune;
    assert_eq!(codes(&commune), [CycleIssueCode::LevelMismatch]);
    let mut fifth_quarter = cycle_evidence();
    fifth_quarter.period.quarter = Some(5);
    assert_eq!(codes(&fifth_quarter), [CycleIssueCode::OutOfRange]);
}

// ---------------------------------------------------------------------------------------------
// Errors as text for officials (`src/error/text.rs`)

/// An evaluation, a load and an evidence error read in Vietnamese: a count of problems, then
/// each named from its kind with the engine's detail in parentheses (kills `problems`,
/// `evidence_issue_vi`, `validation_issue_vi` and the `to_text` functions → `""` /
/// `"xyzzy"`).
#[test]
fn errors_read_in_vietnamese() {
    use par_index::report::Lang;
    // Evaluation: one unknown code.
    let mut ev = cycle_evidence();
    ev.evidence
        .insert("9.9".into(), par_index::evidence::LeafEvidence::default());
    let e = par_index::evaluate(&cycle_set(), &ev).unwrap_err();
    assert_eq!(
        e.to_text(Lang::Vi),
        "1 lỗi trong tài liệu kiểm chứng:\n  - evidence[\"9.9\"]: mã không có trong bộ tiêu chí (`cycle-test` has no criterion `9.9`)"
    );
    // Loading: a title past `max_string_len` (11 bytes, the limit 10), line 10.
    let limits = Limits {
        max_string_len: 10,
        ..Limits::default()
    };
    let text = one_leaf_toml("1", r#"{ kind = "manual" }"#)
        .replace("title = \"Leaf\"", "title = \"LeafLeafLea\"");
    let e = RuleSet::from_toml_str_with_limits(&text, &limits).unwrap_err();
    assert_eq!(
        e.to_text(Lang::Vi),
        "1 lỗi trong bộ tiêu chí:\n  - areas[0].title (dòng 10): vượt giới hạn cho phép (a text of 11 bytes, more than the limit of 10)"
    );
    // A syntax error: `@` at line 3, column 9.
    let e = RuleSet::from_toml_str("id = \"x\"\ntitle = \"T\"\nscale = @\n").unwrap_err();
    let vi = e.to_text(Lang::Vi);
    assert!(
        vi.starts_with("dòng 3, cột 9: tệp không đúng cú pháp TOML ("),
        "{vi}"
    );
    // Evidence: a file one byte past 200 bytes, and a name past `max_string_len`: "Xã ABCDEF"
    // is 10 bytes (ã takes 2), its opening quote the 17th character of line 1.
    let tiny = Limits {
        max_file_bytes: 200,
        ..Limits::default()
    };
    let e = Evidence::from_json_str_with_limits(&" ".repeat(201), &tiny).unwrap_err();
    assert_eq!(
        e.to_text(Lang::Vi),
        "tài liệu kiểm chứng có 201 byte, vượt giới hạn 200 byte"
    );
    let short = Limits {
        max_string_len: 8,
        ..Limits::default()
    };
    let json =
        r#"{"unit":{"name":"Xã ABCDEF","level":"district"},"period":{"year":2023},"evidence":{}}"#;
    let e = Evidence::from_json_str_with_limits(json, &short).unwrap_err();
    assert_eq!(
        e.to_text(Lang::Vi),
        "unit.name (dòng 1, cột 17): 10 vượt giới hạn `max_string_len` là 8"
    );
}

/// Names written in files and reports: `when_no_cases` values, a leaf's part, and an
/// unranked group, which keeps `ranked = false` when written out (kills `NoCases::as_str`
/// → `""` / `"xyzzy"`, `Display for Part` → `Ok(())` and `is_true` → `true`).
#[test]
fn names_of_no_cases_parts_and_unranked_groups_are_written_as_read() {
    use par_index::criteria::{NoCases, Part, RankingGroup};
    for (n, name) in [
        (NoCases::Full, "full"),
        (NoCases::Exclude, "exclude"),
        (NoCases::Zero, "zero"),
    ] {
        assert_eq!(n.as_str(), name);
        assert_eq!(serde_json::to_string(&n).unwrap(), format!("\"{name}\""));
    }
    assert_eq!(Part::Appraised.to_string(), "appraised");
    assert_eq!(Part::Survey.to_string(), "survey");
    let group = RankingGroup {
        id: "dac_thu".into(),
        label: "Cơ quan đặc thù".into(),
        ranked: false,
    };
    let json = serde_json::to_string(&group).unwrap();
    assert_eq!(serde_json::from_str::<RankingGroup>(&json).unwrap(), group);
    let ranked = RankingGroup {
        ranked: true,
        ..group
    };
    assert!(!serde_json::to_string(&ranked).unwrap().contains("ranked"));
}
