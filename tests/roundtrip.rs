//! Stored results can be read back: every result type written to JSON by one run is read by
//! another, equal to what was written, valid against its committed JSON Schema, and renders to
//! the same reports.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a failed unwrap is a failed test"
)]

use std::path::Path;

use par_index::{
    Error, Evidence, RuleSet, Scorecard, analysis::Scenario, analysis::audit, analysis::gaps,
    analysis::what_if, assessment::Appraisal, assessment::AppraisedScorecard, assessment::Batch,
    assessment::BatchEntry, assessment::BatchResult, assessment::evaluate_appraised,
    assessment::score_batch, evaluate, report::Lang, report::render_ranking_markdown,
    report::render_scorecard_csv, report::render_scorecard_markdown, report::render_text, schema,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap()
}

fn sample() -> (RuleSet, Evidence) {
    let rs = RuleSet::builtin("vn-district-2023").unwrap();
    (
        rs,
        Evidence::from_json_str(&read("examples/data/duyen-hai-2023-q3.json")).unwrap(),
    )
}

/// Writes `value`, checks the text against the committed schema `name`, reads it back.
fn round_trip<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(
    value: &T,
    name: &str,
) -> T {
    let text = serde_json::to_string_pretty(value).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let committed: serde_json::Value = serde_json::from_str(&read(&format!(
        "schema/{}.schema.json",
        name.replace('_', "-")
    )))
    .unwrap();
    let validator = jsonschema::validator_for(&committed).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&json)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{name} does not fit its schema: {errors:#?}"
    );
    let back: T = serde_json::from_str(&text).unwrap();
    assert_eq!(&back, value, "{name} changed on the way back");
    back
}

#[test]
fn a_points_card_is_read_back_equal_and_fits_its_schema() {
    let (rs, ev) = sample();
    let card = par_index::scoring::points_card(&rs, &ev).unwrap();
    let back = round_trip(&card, "points_card");
    // Its compact JSON reads back to the same value.
    let compact: par_index::scoring::PointsCard =
        serde_json::from_str(&card.to_json().unwrap()).unwrap();
    assert_eq!(compact, back);
}

#[test]
fn a_scorecard_is_read_back_and_renders_the_same() {
    let (rs, ev) = sample();
    let card = evaluate(&rs, &ev).unwrap();
    let back: Scorecard = round_trip(&card, "scorecard");
    assert_eq!(render_text(&back), render_text(&card));
    for lang in [Lang::Vi, Lang::En] {
        assert_eq!(
            render_scorecard_markdown(&back, lang).unwrap(),
            render_scorecard_markdown(&card, lang).unwrap()
        );
        assert_eq!(
            render_scorecard_csv(&back, lang).unwrap(),
            render_scorecard_csv(&card, lang).unwrap()
        );
    }
    // The stored explanation keeps its data: 13/16 tasks = 81.25% is in the 80%-to-under-100%
    // band of 1.1.2, 0.5 of 1.
    let json = serde_json::to_value(&card).unwrap();
    let leaf = json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["code"] == "1.1.2")
        .unwrap();
    assert_eq!(leaf["leaf"]["basis"]["kind"], "scored");
    assert_eq!(leaf["leaf"]["basis"]["points"], "0.5");
    assert_eq!(leaf["leaf"]["basis"]["working"]["share"]["numerator"], "13");
    assert_eq!(
        leaf["leaf"]["basis"]["working"]["share"]["denominator"],
        "16"
    );
}

#[test]
fn an_appraised_scorecard_is_read_back() {
    let rs = RuleSet::from_toml_str(&read("tests/fixtures/cycle.toml")).unwrap();
    let ev = Evidence::from_json_str(&read("tests/fixtures/cycle.evidence.json")).unwrap();
    let appraisal = Appraisal::from_json_str(&read("tests/fixtures/cycle.appraisal.json")).unwrap();
    round_trip(&appraisal, "appraisal");
    let card = evaluate_appraised(&rs, &ev, &appraisal).unwrap();
    let back: AppraisedScorecard = round_trip(&card, "appraised_scorecard");
    assert_eq!(
        render_scorecard_markdown(&back, Lang::Vi).unwrap(),
        render_scorecard_markdown(&card, Lang::Vi).unwrap()
    );
}

fn district_batch() -> Batch {
    let dir = root().join("examples/data/batch");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    Batch {
        ruleset: None,
        groups: Vec::new(),
        units: files
            .iter()
            .map(|f| BatchEntry::from_json_str(&std::fs::read_to_string(f).unwrap()).unwrap())
            .collect(),
    }
}

#[test]
fn a_batch_result_is_read_back_and_ranks_the_same() {
    let rs = RuleSet::from_toml_str(&read("tests/fixtures/cycle.toml")).unwrap();
    let result = score_batch(&rs, &district_batch()).unwrap();
    assert_eq!(result.units.len(), 8);
    let back: BatchResult = round_trip(&result, "batch_result");
    assert_eq!(
        render_ranking_markdown(&back, Lang::Vi),
        render_ranking_markdown(&result, Lang::Vi)
    );
}

#[test]
fn analyses_are_read_back() {
    let (rs, ev) = sample();
    round_trip(&audit(&rs, &ev).unwrap(), "audit_report");
    round_trip(&gaps(&rs, &ev).unwrap(), "gap_report");
    let scenario =
        Scenario::from_json_str(r#"{ "set": { "1.1.2": { "numerator": 16 } } }"#).unwrap();
    round_trip(&scenario, "scenario");
    let w = what_if(&rs, &ev, &scenario).unwrap();
    round_trip(&w, "what_if");
    // 16/16 = 100% reaches the top band of 1.1.2: 1 point instead of 0.5.
    let json = serde_json::to_value(&w).unwrap();
    assert_eq!(json["total"]["change"], "0.5", "{json:#}");
}

#[test]
fn errors_are_json_with_their_paths_and_read_back() {
    let (rs, _) = sample();
    let bad = Evidence::from_json_str(
        r#"{ "unit": { "name": "X", "level": "district" }, "period": { "year": 2023 },
             "evidence": { "1.1.2": { "numerator": 17, "denominator": 16 } } }"#,
    )
    .unwrap();
    let err: Error = evaluate(&rs, &bad).unwrap_err().into();
    let json = err.to_json_value();
    assert_eq!(json["kind"], "evaluation");
    assert_eq!(json["error"]["kind"], "evidence");
    assert_eq!(
        json["error"]["issues"][0]["path"],
        r#"evidence["1.1.2"].numerator"#
    );
    assert!(json["message"].as_str().unwrap().contains("1.1.2"));
    let text = serde_json::to_string(&err).unwrap();
    let back: Error = serde_json::from_str(&text).unwrap();
    assert_eq!(back.to_string(), err.to_string());
    let committed: serde_json::Value =
        serde_json::from_str(&read("schema/error.schema.json")).unwrap();
    assert!(jsonschema::is_valid(
        &committed,
        &serde_json::to_value(&err).unwrap()
    ));
    assert!(schema::NAMES.contains(&"error"));
}

#[test]
fn a_batch_with_ranking_groups_fits_the_batch_schema() {
    // What `Batch::from_json_str` reads, the committed schema accepts: `groups` on the batch
    // and `group` on each unit (the schema lacked both).
    let mut unit: serde_json::Value =
        serde_json::from_str(&read("tests/fixtures/cycle.evidence.json")).unwrap();
    unit["group"] = "x".into();
    let text = serde_json::json!({
        "ruleset": "cycle-test",
        "groups": [{ "id": "x", "label": "Nhóm X" }],
        "units": [unit],
    })
    .to_string();
    let batch = Batch::from_json_str(&text).unwrap();
    assert_eq!(batch.units[0].group.as_deref(), Some("x"));
    assert_eq!(batch.groups[0].id, "x");
    let committed: serde_json::Value =
        serde_json::from_str(&read("schema/batch.schema.json")).unwrap();
    let validator = jsonschema::validator_for(&committed).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&json)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}
