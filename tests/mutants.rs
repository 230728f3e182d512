//! Tests that kill mutants cargo-mutants found alive (`scripts/mutants.sh`,
//! `mutants-survivors.md`): each pins a boundary or an output no other test looked at.

#![allow(
    clippy::unwrap_used,
    reason = "test code: a failed unwrap is a failed test"
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
