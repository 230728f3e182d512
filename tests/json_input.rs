//! How every JSON input is read: a key given twice is refused with both places, a UTF-8 BOM is
//! accepted, trailing text after the value is refused, and errors name the file, the path, the
//! line and the column.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed unwrap is a failed test"
)]

use par_index::{
    Evidence, analysis::Scenario, assessment::Appraisal, assessment::Batch, assessment::BatchEntry,
};

const EVIDENCE: &str = r#"{
  "unit": { "name": "Xã A", "level": "commune" },
  "period": { "year": 2024 },
  "evidence": {
    "1.1": { "met": true },
    "1.1": { "met": false }
  }
}"#;

#[test]
fn a_leaf_given_twice_in_evidence_is_refused_with_both_places() {
    let err = Evidence::from_json_str(EVIDENCE).unwrap_err().to_string();
    // The first `"1.1"` is on line 5, column 5; the second on line 6, column 5.
    assert!(err.contains(r#"evidence["1.1"]"#), "{err}");
    assert!(err.contains("line 5, column 5"), "{err}");
    assert!(err.contains("line 6, column 5"), "{err}");
    assert!(err.contains("twice"), "{err}");
}

/// Evidence with one member per code, each on its own line: the member at index `i` of
/// `codes` starts at line `i + 2`, column 1.
fn evidence_with(codes: &[&str]) -> String {
    let members: Vec<String> = codes
        .iter()
        .map(|c| format!(r#""{c}": {{ "met": true }}"#))
        .collect();
    format!(
        "{{\"unit\":{{\"name\":\"Xã A\",\"level\":\"commune\"}},\"period\":{{\"year\":2024}},\"evidence\":{{\n{}\n}}}}",
        members.join(",\n")
    )
}

#[test]
fn a_code_repeated_in_a_long_evidence_map_is_refused_in_any_order() {
    let up: Vec<String> = (1..=20).map(|i| format!("{i:02}")).collect();
    let up: Vec<&str> = up.iter().map(String::as_str).collect();
    let down: Vec<&str> = up.iter().rev().copied().collect();
    let cases: [(Vec<&str>, &str, usize, usize); 5] = [
        // 01…20 in order, then 03 again: first at index 2 (line 4), again at index 20.
        ([&up[..], &["03"]].concat(), "03", 4, 22),
        // 20…01 (past the 12 keys compared one by one: hashed), then 18 (index 2) again.
        ([&down[..], &["18"]].concat(), "18", 4, 22),
        // 01…05, then 05 again right after itself: index 4 (line 6) and 5 (line 7).
        ([&up[..5], &["05"]].concat(), "05", 6, 7),
        // 01…14 in order (lines 2–15), then 00 (out of order, new: line 16), then 07 (index 6,
        // line 8) again at line 17.
        ([&up[..14], &["00", "07"]].concat(), "07", 8, 17),
        // 01…14 in order, then 00 twice: the first key out of order is remembered with the
        // others (index 14, line 16), so its second coming (line 17) is found.
        ([&up[..14], &["00", "00"]].concat(), "00", 16, 17),
    ];
    for (codes, code, first, again) in cases {
        let err = Evidence::from_json_str(&evidence_with(&codes))
            .unwrap_err()
            .to_string();
        assert!(err.contains(&format!(r#"evidence["{code}"]"#)), "{err}");
        assert!(
            err.contains(&format!(
                "line {first}, column 1 and at line {again}, column 1"
            )),
            "{err}"
        );
    }
    // Twenty distinct codes in any order are read, all of them.
    for codes in [&up, &down, &[&up[10..], &up[..10]].concat()] {
        let ev = Evidence::from_json_str(&evidence_with(codes)).unwrap();
        assert_eq!(ev.evidence.len(), 20);
    }
}

#[test]
fn a_key_written_with_an_escape_is_the_same_key() {
    // `\u0031` is `1`: the two keys are one.
    let text = EVIDENCE.replacen(
        r#""1.1": { "met": false }"#,
        r#""\u0031.1": { "met": false }"#,
        1,
    );
    let err = Evidence::from_json_str(&text).unwrap_err().to_string();
    assert!(err.contains("line 5, column 5"), "{err}");
}

#[test]
fn a_field_given_twice_inside_a_leaf_is_refused() {
    let text = r#"{"unit":{"name":"A","level":"commune"},"period":{"year":2024},
"evidence":{"1":{"numerator":3,"numerator":4,"denominator":5}}}"#;
    let err = Evidence::from_json_str(text).unwrap_err().to_string();
    // The first `numerator` key starts at column 18 of line 2, the second at column 32.
    assert!(err.contains(r#"evidence["1"].numerator"#), "{err}");
    assert!(err.contains("line 2, column 18"), "{err}");
    assert!(err.contains("line 2, column 32"), "{err}");
}

#[test]
fn the_same_change_twice_in_one_appraisal_round_is_refused() {
    let text = r#"{"rounds":[{"round":1,"changes":{
  "1.2": { "points": "1", "reason": "a" },
  "1.2": { "points": "0", "reason": "b" }
}}]}"#;
    let err = Appraisal::from_json_str(text).unwrap_err().to_string();
    assert!(err.contains(r#"rounds[0].changes["1.2"]"#), "{err}");
    assert!(err.contains("line 2, column 3"), "{err}");
    assert!(err.contains("line 3, column 3"), "{err}");
}

#[test]
fn duplicates_in_a_batch_a_scenario_and_figures_are_refused() {
    let batch = r#"{ "units": [ { "unit": { "name": "A", "level": "commune" },
  "period": { "year": 2024, "year": 2025 }, "evidence": {} } ] }"#;
    let err = Batch::from_json_str(batch).unwrap_err().to_string();
    assert!(err.contains("units[0].period.year"), "{err}");
    assert!(err.contains("line 2, column 15"), "{err}");
    assert!(err.contains("line 2, column 29"), "{err}");

    let entry = r#"{ "unit": { "name": "A", "level": "commune" }, "period": { "year": 2024 },
  "evidence": {}, "appraisal": { "bonus": [], "bonus": [] } }"#;
    let err = BatchEntry::from_json_str(entry).unwrap_err().to_string();
    assert!(err.contains("appraisal.bonus"), "{err}");

    let scenario = r#"{ "set": { "1": { "numerator": 3 }, "1": { "numerator": 4 } } }"#;
    let err = Scenario::from_json_str(scenario).unwrap_err().to_string();
    assert!(err.contains(r#"set["1"]"#), "{err}");
    assert!(err.contains("line 1, column 12"), "{err}");
    assert!(err.contains("line 1, column 37"), "{err}");

    let figures = r#"{"unit":{"name":"A","level":"commune"},"period":{"year":2024},
"figures":[{"id":"x","value":"1","value":"2"}]}"#;
    let err = Evidence::from_json_str(figures).unwrap_err().to_string();
    assert!(err.contains("figures[0].value"), "{err}");
}

#[test]
fn a_utf8_bom_is_accepted_by_every_reader() {
    let ev =
        "\u{feff}{\"unit\":{\"name\":\"Xã A\",\"level\":\"commune\"},\"period\":{\"year\":2024}}";
    assert_eq!(Evidence::from_json_str(ev).unwrap().unit.name, "Xã A");
    let a = "\u{feff}{\"rounds\":[]}";
    assert!(Appraisal::from_json_str(a).unwrap().rounds.is_empty());
    let s = "\u{feff}{\"remove\":[\"1\"]}";
    assert_eq!(
        Scenario::from_json_str(s).unwrap().remove,
        vec!["1".to_string()]
    );
    let b = "\u{feff}{\"units\":[]}";
    assert!(Batch::from_json_str(b).unwrap().units.is_empty());
    let e = "\u{feff}{\"unit\":{\"name\":\"A\",\"level\":\"commune\"},\"period\":{\"year\":2024}}";
    assert_eq!(
        BatchEntry::from_json_str(e).unwrap().evidence.unit.name,
        "A"
    );
}

#[test]
fn a_scenario_with_trailing_text_is_refused() {
    let err = Scenario::from_json_str(r#"{ "remove": ["1"] } junk"#)
        .unwrap_err()
        .to_string();
    // `junk` starts at column 21 of line 1.
    assert!(err.contains("line 1, column 21"), "{err}");
    assert!(err.contains("trailing"), "{err}");
}

#[test]
fn evidence_read_from_a_file_names_the_file_path_line_and_column() {
    let dir = std::env::temp_dir().join(format!("par-index-json-input-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("bad.json");
    std::fs::write(
        &file,
        "{\"unit\":{\"name\":\"A\",\"level\":\"commune\"},\"period\":{\"year\":2024},\n\"evidence\":{\"1\":{\"numerator\":0.5}}}",
    )
    .unwrap();
    let err = Evidence::from_path(&file).unwrap_err().to_string();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(err.contains("bad.json"), "{err}");
    assert!(err.contains(r#"evidence["1"].numerator"#), "{err}");
    assert!(err.contains("line 2, column"), "{err}");

    let missing = Evidence::from_path("/nonexistent/par-index/evidence.json")
        .unwrap_err()
        .to_string();
    assert!(
        missing.contains("/nonexistent/par-index/evidence.json"),
        "{missing}"
    );
}

#[test]
fn a_batch_calls_its_list_units_in_json_and_in_rust() {
    let b = Batch::from_json_str(
        r#"{ "units": [ { "unit": { "name": "A", "level": "commune" }, "period": { "year": 2024 } } ] }"#,
    )
    .unwrap();
    assert_eq!(b.units.len(), 1);
    assert_eq!(b.units[0].evidence.unit.name, "A");
}

#[test]
fn an_evaluation_error_located_in_its_file_names_file_path_line_and_column() {
    let rs = par_index::RuleSet::from_toml_str(include_str!("fixtures/cycle.toml")).unwrap();
    let text = include_str!("fixtures/cycle.evidence.json").replace(
        r#""1.2": { "numerator": 34, "denominator": 36 }"#,
        r#""1.2": { "numerator": 37, "denominator": 36 }"#,
    );
    let ev = Evidence::from_json_str(&text).unwrap();
    let err = par_index::evaluate(&rs, &ev)
        .unwrap_err()
        .locate(&text, Some(std::path::Path::new("cycle.evidence.json")));
    let issue = &err.issues()[0];
    // `"numerator"` of 1.2 is on line 7, at column 14 (after 4 spaces and `"1.2": { `).
    assert_eq!((issue.line, issue.column), (Some(7), Some(14)));
    let msg = err.to_string();
    assert!(
        msg.contains(r#"cycle.evidence.json: evidence["1.2"].numerator (line 7, column 14): numerator `37` is above the denominator `36`"#),
        "{msg}"
    );
}
