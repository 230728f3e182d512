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
