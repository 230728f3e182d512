//! Batches scored on any number of threads, held or streamed to a writer, give the same
//! result: the same JSON byte for byte whatever the threads, and the streamed lines are the
//! held result's units.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed unwrap is a failed test"
)]

use std::num::NonZeroUsize;

use par_index::{
    RuleSet, assessment::Appraisal, assessment::Batch, assessment::BatchEntry,
    assessment::BatchOptions, assessment::BatchResult, assessment::BatchWriteError,
    assessment::CycleIssueCode, assessment::UnitResult, assessment::score_batch,
    assessment::score_batch_to_writer, assessment::score_batch_with,
};

const SET: &str = include_str!("fixtures/cycle.toml");
const APPRAISAL: &str = include_str!("fixtures/cycle.appraisal.json");

fn rs() -> RuleSet {
    RuleSet::from_toml_str(SET).unwrap()
}

/// Unit `i` of a varied batch: 1.3 gets (7i mod 21) / 10 points, 2.1 (i mod 51) of 50
/// applications, the survey (3i mod 21) / 10 points; every fifth unit has the fixture's
/// two-round appraisal with bonus and penalty; every third is in group `y`, the rest in `x`.
fn entry(i: usize) -> BatchEntry {
    let json = format!(
        r#"{{ "unit": {{ "name": "Huyện {i:03}", "level": "district" }}, "period": {{ "year": 2024 }},
        "group": "{}",
        "evidence": {{ "1.1": {{ "level": "on_time" }}, "1.2": {{ "numerator": 34, "denominator": 36 }},
        "1.3": {{ "points": "{}" }}, "2.1": {{ "numerator": {}, "denominator": 50 }},
        "2.2": {{ "points": "{}" }} }} }}"#,
        if i % 3 == 0 { "y" } else { "x" },
        tenths(i * 7 % 21),
        i % 51,
        tenths(i * 3 % 21),
    );
    let mut e = BatchEntry::from_json_str(&json).unwrap();
    if i % 5 == 0 {
        e.appraisal = Appraisal::from_json_str(APPRAISAL).unwrap();
    }
    e
}

/// `n` tenths as a decimal string: 17 → `1.7`.
fn tenths(n: usize) -> String {
    format!("{}.{}", n / 10, n % 10)
}

/// `n` units in groups `x` (ranked) and `y` (scored, not ranked).
fn batch(n: usize) -> Batch {
    let mut b = Batch::from_json_str(
        r#"{ "units": [], "groups": [
          { "id": "x", "label": "Nhóm X" }, { "id": "y", "label": "Nhóm Y", "ranked": false } ] }"#,
    )
    .unwrap();
    b.units = (0..n).map(entry).collect();
    b
}

fn capped(n: usize) -> BatchOptions {
    BatchOptions {
        threads: NonZeroUsize::new(n),
    }
}

/// The streamed lines and the returned result of `b` on `threads` threads.
fn streamed(b: &Batch, threads: usize) -> (Vec<String>, BatchResult) {
    let mut out = Vec::new();
    let result = score_batch_to_writer(&rs(), b, &capped(threads), &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    (text.lines().map(str::to_string).collect(), result)
}

#[test]
fn a_batch_is_the_same_on_one_two_and_three_threads() {
    // 700 units: 2 threads score 350 each, 3 threads 234 + 234 + 232; streamed in chunks of
    // 64 units per thread, so chunk boundaries fall inside the batch too.
    let b = batch(700);
    let one = score_batch_with(&rs(), &b, &capped(1)).unwrap();
    let json = one.to_json_string().unwrap();
    for n in [2, 3] {
        let other = score_batch_with(&rs(), &b, &capped(n)).unwrap();
        assert_eq!(other.to_json_string().unwrap(), json, "{n} threads");
    }
    // Groups: 700 units, 234 of them (i = 0, 3, ..., 699) in the unranked group `y`: the
    // overall ranking has 466 rows, group `x` ranks 466, group `y` is summarised only.
    assert_eq!(one.units.len(), 700);
    assert_eq!(one.ranking.rows.len(), 466);
    assert_eq!(one.groups[0].ranking.as_ref().unwrap().rows.len(), 466);
    assert!(one.groups[1].ranking.is_none());
    assert_eq!(one.groups[1].summaries[0].count, 234);
    assert_eq!(one.summaries[0].count, 700);
    assert_eq!(one.area_rankings.len(), 2);
}

#[test]
fn streamed_lines_are_the_held_units_and_the_rankings_the_same() {
    let b = batch(300);
    let held = score_batch(&rs(), &b).unwrap();
    for threads in [1, 2, 3] {
        let (lines, result) = streamed(&b, threads);
        assert_eq!(lines.len(), 300, "{threads} threads");
        for (line, unit) in lines.iter().zip(&held.units) {
            assert_eq!(*line, serde_json::to_string(unit).unwrap());
            let read: UnitResult = serde_json::from_str(line).unwrap();
            assert_eq!(&read, unit);
        }
        assert!(result.units.is_empty());
        let mut rankings_only = held.clone();
        rankings_only.units.clear();
        assert_eq!(result, rankings_only, "{threads} threads");
    }
}

#[test]
fn a_streamed_batch_with_problems_fails_as_the_held_one_and_stops_writing() {
    // Unit 150 names a second time the unit at 10; unit 250 is of another year than unit 0's,
    // and outside the set's years (2024 only).
    let mut b = batch(300);
    b.units[150].evidence.unit.name = "Huyện 010".into();
    b.units[250].evidence.period.year = 2023;
    let held = score_batch(&rs(), &b).unwrap_err();
    let got: Vec<(String, CycleIssueCode)> = held
        .issues()
        .iter()
        .map(|i| (i.path.to_string(), i.code))
        .collect();
    assert_eq!(
        got,
        [
            (
                "units[150].unit.name".to_string(),
                CycleIssueCode::DuplicateUnit
            ),
            (
                "units[250].period.year".to_string(),
                CycleIssueCode::PeriodMismatch
            ),
            (
                "units[250].period.year".to_string(),
                CycleIssueCode::Evidence
            ),
        ]
    );
    for threads in [1, 2] {
        let mut out = Vec::new();
        let e = score_batch_to_writer(&rs(), &b, &capped(threads), &mut out).unwrap_err();
        let BatchWriteError::Cycle(e) = e else {
            panic!("{e}")
        };
        assert_eq!(e, held);
        // Units 0 to 149 were written before the first problem; nothing after it.
        assert_eq!(String::from_utf8(out).unwrap().lines().count(), 150);
    }
}

/// A writer that fails on its first write.
struct Broken;

impl std::io::Write for Broken {
    fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
        Err(std::io::Error::other("disk full"))
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_failing_writer_is_reported() {
    let e = score_batch_to_writer(&rs(), &batch(3), &BatchOptions::default(), Broken).unwrap_err();
    assert!(matches!(e, BatchWriteError::Io(_)), "{e}");
    assert_eq!(e.to_string(), "writing the batch's scorecards: disk full");
}

#[test]
fn a_write_failure_converts_into_the_umbrella_error() {
    let e: par_index::Error =
        par_index::assessment::BatchWriteError::Io(std::io::Error::other("disk full")).into();
    assert_eq!(e.to_string(), "writing results: disk full");
    assert_eq!(e.to_json_value()["kind"], "write");
}
