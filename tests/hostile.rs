//! Hostile input at scale: every limit of `Limits` at its value and one past it, with the
//! over-size cases of issue 16 (100,000 levels of nesting, a 200 MB file, a 50 MB string, a
//! 1,000,000-item bonus list, 20,001 units) refused by the scan before anything of their size is
//! built. Peak memory of these cases is in DESIGN.md ("Limits cover evidence too").

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed unwrap is a failed test"
)]

use std::time::{Duration, Instant};

use par_index::{
    Evidence, RuleSet, analysis::Scenario, assessment::Appraisal, assessment::Batch,
    assessment::BatchEntry, assessment::CycleError, assessment::CycleIssueCode, criteria::Limits,
    criteria::LoadError, evidence::EvidenceError,
};

const UNIT: &str = r#""unit": { "name": "Xã A", "level": "commune" }, "period": { "year": 2024 }"#;

/// Evidence with `name` as the unit's name.
fn named(name: &str) -> String {
    format!(
        r#"{{ "unit": {{ "name": "{name}", "level": "district" }}, "period": {{ "year": 2024 }}, "evidence": {{}} }}"#
    )
}

/// The limit error of an evidence reader: (path, limit, value, max).
fn evidence_limit(e: &EvidenceError) -> (String, String, usize, usize) {
    match e {
        EvidenceError::Limit {
            path,
            limit,
            value,
            max,
            ..
        } => (path.to_string(), limit.clone(), *value, *max),
        other => panic!("expected a limit error, got {other}"),
    }
}

/// The one issue of a cycle reader's error: (path, code, message).
fn cycle_issue(e: &CycleError) -> (String, CycleIssueCode, String) {
    match e {
        CycleError::Invalid { issues } if issues.len() == 1 => (
            issues[0].path.to_string(),
            issues[0].code,
            issues[0].message.clone(),
        ),
        other => panic!("expected one issue, got {other}"),
    }
}

/// Runs `f` and checks it took less than three seconds (a refusal must not read the input
/// whole). Generous: tests run unoptimized, in parallel, on a shared machine; the release
/// figures are in DESIGN.md.
fn quickly<T>(f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "{:?}",
        start.elapsed()
    );
    out
}

/// `depth` arrays nested inside the unit's name.
fn nested(depth: usize) -> String {
    format!(
        r#"{{ "unit": {{ "name": {}{} }} }}"#,
        "[".repeat(depth),
        "]".repeat(depth)
    )
}

#[test]
fn nesting_at_the_limit_is_read_and_one_past_it_is_refused() {
    // The unit object and its name's arrays: 2 + 30 = 32 levels, the limit; 2 + 31 = 33 past it.
    let at = Evidence::from_json_str(&nested(30)).unwrap_err();
    assert!(matches!(at, EvidenceError::Json { .. }), "{at}");
    let past = Evidence::from_json_str(&nested(31)).unwrap_err();
    let (path, limit, value, max) = evidence_limit(&past);
    assert_eq!((limit.as_str(), value, max), ("max_nesting", 33, 32));
    assert_eq!(path, format!("unit.name{}", "[0]".repeat(30)));
    assert!(
        past.to_string()
            .contains("33 is more than the limit `max_nesting` of 32"),
        "{past}"
    );
}

#[test]
fn evidence_nested_100_000_levels_deep_is_refused_quickly() {
    let past = quickly(|| Evidence::from_json_str(&nested(100_000)).unwrap_err());
    let (_, limit, value, _) = evidence_limit(&past);
    assert_eq!((limit.as_str(), value), ("max_nesting", 33));
}

#[test]
fn strings_at_the_limit_are_read_and_one_past_it_are_refused() {
    let max = Limits::default().max_string_len;
    let ev = Evidence::from_json_str(&named(&"a".repeat(max))).unwrap();
    assert_eq!(ev.unit.name.len(), 65_536);
    let past = Evidence::from_json_str(&named(&"a".repeat(max + 1))).unwrap_err();
    assert_eq!(
        evidence_limit(&past),
        (
            "unit.name".to_string(),
            "max_string_len".to_string(),
            65_537,
            65_536
        )
    );
    assert!(
        past.to_string().starts_with("unit.name (line 1, column "),
        "{past}"
    );
}

#[test]
fn a_50_mb_unit_name_is_refused_quickly() {
    let name = "Đ".repeat(25 * 1024 * 1024); // 2 bytes each: 50 MiB
    let text = named(&name);
    // Past the file size first, with the default limits.
    let e = quickly(|| Evidence::from_json_str(&text).unwrap_err());
    assert!(matches!(e, EvidenceError::TooLarge { .. }), "{e}");
    // With room for the file, the string itself.
    let roomy = Limits {
        max_file_bytes: 64 * 1024 * 1024,
        ..Limits::default()
    };
    let e = quickly(|| Evidence::from_json_str_with_limits(&text, &roomy).unwrap_err());
    assert_eq!(
        evidence_limit(&e),
        (
            "unit.name".into(),
            "max_string_len".into(),
            50 * 1024 * 1024,
            65_536
        )
    );
    // In a batch (64 MiB by default), at its path in the batch.
    let batch = format!(r#"{{ "units": [ {} ] }}"#, named(&name));
    let e = quickly(|| Batch::from_json_str(&batch).unwrap_err());
    let (path, code, message) = cycle_issue(&e);
    assert_eq!(
        (path.as_str(), code),
        ("units[0].unit.name", CycleIssueCode::Limit)
    );
    assert!(message.contains("a string of 52428800 bytes"), "{message}");
}

#[test]
fn evidence_at_the_file_size_limit_is_read() {
    let limits = Limits {
        max_file_bytes: 200,
        ..Limits::default()
    };
    let text = named("Xã A");
    let at = format!("{text}{}", " ".repeat(200 - text.len()));
    assert!(Evidence::from_json_str_with_limits(&at, &limits).is_ok());
    let past = format!("{at} ");
    let e = Evidence::from_json_str_with_limits(&past, &limits).unwrap_err();
    assert_eq!(
        e,
        EvidenceError::TooLarge {
            bytes: 201,
            limit: 200
        }
    );
}

/// A file of `bytes` bytes starting with `head`, sparse (written instantly, read as zeros).
fn big_file(name: &str, head: &str, bytes: u64) -> std::path::PathBuf {
    use std::io::Write;
    let dir = std::env::temp_dir().join(format!("par-index-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    let mut f = std::fs::File::create(&path).unwrap();
    f.write_all(head.as_bytes()).unwrap();
    f.set_len(bytes).unwrap();
    path
}

#[test]
fn a_200_mb_evidence_file_is_refused_after_reading_at_most_one_byte_past_the_limit() {
    let path = big_file("evidence.json", "{ \"unit\": ", 200 * 1024 * 1024);
    let e = quickly(|| Evidence::from_path(&path).unwrap_err());
    // The size as the system gives it; at most 4 MiB + 1 bytes were read (the test's time
    // and DESIGN.md's peak memory show it).
    assert_eq!(
        e,
        EvidenceError::TooLarge {
            bytes: 200 * 1024 * 1024,
            limit: 4 * 1024 * 1024
        }
    );
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn a_200_mb_rule_set_file_is_refused_after_reading_at_most_one_byte_past_the_limit() {
    let path = big_file("ruleset.toml", "id = \"x\"\n", 200 * 1024 * 1024);
    let e = quickly(|| RuleSet::from_path(&path).unwrap_err());
    let LoadError::Invalid { issues, file } = &e else {
        panic!("{e}");
    };
    assert_eq!(file.as_deref(), Some(path.as_path()));
    assert_eq!(
        issues[0].message,
        "the file has 209715200 bytes, more than the limit `max_file_bytes` of 4194304"
    );
    std::fs::remove_file(&path).unwrap();
}

/// A batch of `n` units, named `Xã 0`, `Xã 1`, ...
fn batch(n: usize) -> String {
    let units: Vec<String> = (0..n)
        .map(|i| {
            format!(r#"{{ "unit": {{ "name": "Xã {i}", "level": "commune" }}, "period": {{ "year": 2024 }}, "evidence": {{}} }}"#)
        })
        .collect();
    format!(
        r#"{{ "ruleset": "demo", "units": [ {} ] }}"#,
        units.join(", ")
    )
}

#[test]
fn batch_units_at_the_limit_are_read_and_one_past_it_are_refused() {
    let limits = Limits {
        max_batch_units: 3,
        ..Limits::default()
    };
    let at = Batch::from_json_str_with_limits(&batch(3), &limits).unwrap();
    assert_eq!(at.units.len(), 3);
    let e = Batch::from_json_str_with_limits(&batch(4), &limits).unwrap_err();
    let (path, code, message) = cycle_issue(&e);
    assert_eq!((path.as_str(), code), ("units", CycleIssueCode::Limit));
    assert!(
        message.starts_with("4 items or more: more than the limit `max_batch_units` of 3"),
        "{message}"
    );
}

#[test]
fn a_batch_of_20_001_units_is_refused_quickly_by_default() {
    let text = batch(20_001);
    let e = quickly(|| Batch::from_json_str(&text).unwrap_err());
    let (path, code, message) = cycle_issue(&e);
    assert_eq!((path.as_str(), code), ("units", CycleIssueCode::Limit));
    assert!(message.contains("`max_batch_units` of 20000"), "{message}");
}

#[test]
fn batch_bytes_at_the_limit_are_read_and_one_past_are_refused() {
    let text = batch(2);
    let at = Limits {
        max_batch_bytes: text.len(),
        ..Limits::default()
    };
    assert!(Batch::from_json_str_with_limits(&text, &at).is_ok());
    let past = Limits {
        max_batch_bytes: text.len() - 1,
        ..Limits::default()
    };
    let e = Batch::from_json_str_with_limits(&text, &past).unwrap_err();
    let (path, code, message) = cycle_issue(&e);
    assert_eq!((path.as_str(), code), ("(document)", CycleIssueCode::Limit));
    assert!(message.contains("limit `max_batch_bytes`"), "{message}");
}

/// An appraisal with `rounds` rounds (numbered 1, 2, ...) and `bonus` bonus items.
fn appraisal(rounds: usize, bonus: usize) -> String {
    let rounds: Vec<String> = (1..=rounds)
        .map(|r| format!(r#"{{ "round": {r} }}"#))
        .collect();
    let item = r#"{ "points": "0.1", "reason": "sáng kiến" }"#;
    let bonus = vec![item; bonus].join(", ");
    format!(
        r#"{{ "rounds": [ {} ], "bonus": [ {bonus} ] }}"#,
        rounds.join(", ")
    )
}

#[test]
fn appraisal_rounds_at_the_limit_are_read_and_one_past_are_refused() {
    let at = Appraisal::from_json_str(&appraisal(10, 0)).unwrap();
    assert_eq!(at.rounds.len(), 10);
    let e = Appraisal::from_json_str(&appraisal(11, 0)).unwrap_err();
    let (path, code, message) = cycle_issue(&e);
    assert_eq!(
        (path.as_str(), code),
        ("appraisal.rounds", CycleIssueCode::Limit)
    );
    assert!(message.contains("`max_rounds` of 10"), "{message}");
}

#[test]
fn bonus_items_at_the_limit_are_read_and_one_past_are_refused() {
    let at = Appraisal::from_json_str(&appraisal(0, 1_000)).unwrap();
    assert_eq!(at.bonus.len(), 1_000);
    let e = Appraisal::from_json_str(&appraisal(0, 1_001)).unwrap_err();
    let (path, code, message) = cycle_issue(&e);
    assert_eq!(
        (path.as_str(), code),
        ("appraisal.bonus", CycleIssueCode::Limit)
    );
    assert!(
        message.starts_with("1001 items or more: more than the limit `max_adjustments` of 1000"),
        "{message}"
    );
}

#[test]
fn a_million_item_bonus_list_is_refused_quickly_in_an_entry_and_a_batch() {
    let limits = Limits {
        max_file_bytes: 64 * 1024 * 1024,
        ..Limits::default()
    };
    let list = appraisal(0, 1_000_000);
    let entry = format!(r#"{{ {UNIT}, "evidence": {{}}, "appraisal": {list} }}"#);
    let e = quickly(|| BatchEntry::from_json_str_with_limits(&entry, &limits).unwrap_err());
    assert_eq!(cycle_issue(&e).0, "appraisal.bonus");
    let text = format!(r#"{{ "units": [ {entry} ] }}"#);
    let e = quickly(|| Batch::from_json_str(&text).unwrap_err());
    let (path, code, _) = cycle_issue(&e);
    assert_eq!(
        (path.as_str(), code),
        ("units[0].appraisal.bonus", CycleIssueCode::Limit)
    );
}

#[test]
fn scenario_entries_at_the_limit_are_read_and_one_past_are_refused() {
    let limits = Limits {
        max_scenario_entries: 2,
        ..Limits::default()
    };
    let at = Scenario::from_json_str_with_limits(r#"{ "remove": ["1.1", "1.2"] }"#, &limits);
    assert_eq!(at.unwrap().remove.len(), 2);
    let text = r#"{ "remove": ["1.1", "1.2", "1.3"] }"#;
    let e = Scenario::from_json_str_with_limits(text, &limits).unwrap_err();
    assert_eq!(
        evidence_limit(&e),
        ("remove".into(), "max_scenario_entries".into(), 3, 2)
    );
    // An object's members count too: two leaves in `set` are read, three are refused.
    let at = Scenario::from_json_str_with_limits(r#"{ "set": { "1.1": {}, "1.2": {} } }"#, &limits);
    assert_eq!(at.unwrap().set.len(), 2);
    let text = r#"{ "set": { "1.1": {}, "1.2": {}, "1.3": {} } }"#;
    let e = Scenario::from_json_str_with_limits(text, &limits).unwrap_err();
    assert_eq!(evidence_limit(&e).0, "set");
}

/// A one-leaf set whose scale, area and leaf all have `max` points.
fn one_leaf_set(max: &str) -> String {
    format!(
        r#"id = "edge"
title = "Bộ thử nghiệm"
level = "district"
years = {{ from = 2024, to = 2024 }}
scale = "{max}"
document = {{ number = "00/TEST", title = "Test fixture" }}

[[areas]]
code = "1"
title = "Lĩnh vực"
max = "{max}"
provenance = {{ document = "00/TEST", verified = false, basis = "test fixture" }}

[[areas.criteria]]
code = "1.1"
title = "Tiêu chí"
max = "{max}"
rule = {{ kind = "levels", levels = [
  {{ id = "all", label = "Đạt", points = "{max}" }},
  {{ id = "none", label = "Không đạt", points = "0" }},
] }}
"#
    )
}

#[test]
fn maxima_at_the_limit_load_and_past_it_are_refused_at_validation() {
    let rs = RuleSet::from_toml_str(&one_leaf_set("1000000")).unwrap();
    assert_eq!(rs.scale().to_string(), "1000000");
    // 79228162514264337593543950335 is the largest decimal: scoring it would overflow.
    let e = RuleSet::from_toml_str(&one_leaf_set("79228162514264337593543950335")).unwrap_err();
    let LoadError::Invalid { issues, .. } = &e else {
        panic!("{e}");
    };
    let limits: Vec<String> = issues
        .iter()
        .filter(|i| i.code == par_index::criteria::IssueCode::Limit)
        .map(|i| format!("{}: {}", i.path, i.message))
        .collect();
    assert_eq!(
        limits,
        [
            "areas[0].max: `79228162514264337593543950335` is more than the limit `max_points` of 1000000",
            "areas[0].criteria[0].max: `79228162514264337593543950335` is more than the limit `max_points` of 1000000",
        ]
    );
    let past = RuleSet::from_toml_str(&one_leaf_set("1000001")).unwrap_err();
    assert!(
        past.to_string().contains("`max_points` of 1000000"),
        "{past}"
    );
}

#[test]
fn a_huge_max_depth_saturates_instead_of_overflowing() {
    let limits = Limits {
        max_depth: usize::MAX,
        ..Limits::default()
    };
    let rs = RuleSet::from_toml_str_with_limits(&one_leaf_set("10"), &limits).unwrap();
    assert_eq!(rs.scale().to_string(), "10");
}

#[test]
fn a_huge_max_nesting_is_capped_at_128() {
    let limits = Limits {
        max_nesting: usize::MAX,
        ..Limits::default()
    };
    let text = nested(100_000);
    let e = quickly(|| Evidence::from_json_str_with_limits(&text, &limits).unwrap_err());
    let (_, limit, value, max) = evidence_limit(&e);
    assert_eq!((limit.as_str(), value, max), ("max_nesting", 129, 128));
}
