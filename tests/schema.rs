//! The committed JSON Schemas match the types (regenerate with `PAR_INDEX_BLESS=1 cargo test`),
//! and the schema derived from one rule set describes its evidence: codes, shapes, ids.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed unwrap is a failed test"
)]

use std::path::Path;

use par_index::{RuleSet, schema};
use serde_json::{Value, json};

const ALL_KINDS: &str = include_str!("fixtures/all-kinds.toml");
const ALL_KINDS_EVIDENCE: &str = include_str!("fixtures/all-kinds.evidence.json");

fn check_committed(name: &str, schema: &schemars::Schema) {
    let text = serde_json::to_string_pretty(schema).unwrap() + "\n";
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("schema")
        .join(name);
    if std::env::var_os("PAR_INDEX_BLESS").is_some() {
        std::fs::write(&file, &text).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&file).unwrap_or_default();
    assert!(
        committed == text,
        "schema/{name} is out of date with the types: regenerate it with `PAR_INDEX_BLESS=1 cargo test --test schema`"
    );
}

#[test]
fn committed_schemas_match_the_types() {
    for name in schema::NAMES {
        let s = schema::by_name(name).unwrap();
        check_committed(&format!("{}.schema.json", name.replace('_', "-")), &s);
    }
}

#[test]
fn generated_schemas_name_their_types_and_fields() {
    let rs = schema::ruleset().to_value();
    assert_eq!(rs["title"], "RuleSetDef");
    assert_eq!(rs["additionalProperties"], false);
    let required: Vec<&str> = rs["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(
        required,
        [
            "id", "title", "document", "level", "years", "scale", "areas"
        ]
    );
    let ev = schema::evidence().to_value();
    assert_eq!(ev["title"], "Evidence");
    let sc = schema::scorecard().to_value();
    assert_eq!(sc["title"], "Scorecard");
    for field in ["engine", "evidence_sha256", "total", "nodes"] {
        assert!(
            sc["properties"].get(field).is_some(),
            "scorecard lacks {field}"
        );
    }
    assert!(
        sc["$defs"]["RuleSetInfo"]["properties"]
            .get("sha256")
            .is_some()
    );
}

fn all_kinds_schema() -> Value {
    schema::evidence_for(&RuleSet::from_toml_str(ALL_KINDS).unwrap()).to_value()
}

/// The shape (not-applicable excluded) of a leaf, by code.
fn shapes(schema: &Value, code: &str) -> Vec<Value> {
    let one_of = schema["properties"]["evidence"]["properties"][code]["oneOf"]
        .as_array()
        .unwrap_or_else(|| panic!("no leaf {code}"));
    assert_eq!(one_of[0]["required"], json!(["not_applicable"]));
    one_of[1..].to_vec()
}

#[test]
fn evidence_schema_of_a_set_lists_its_leaves_and_nothing_else() {
    let s = all_kinds_schema();
    assert_eq!(s["title"], "Evidence for all-kinds");
    let ev = &s["properties"]["evidence"];
    assert_eq!(ev["additionalProperties"], false);
    assert!(ev.get("required").is_none(), "every leaf is optional");
    let mut codes: Vec<&String> = ev["properties"].as_object().unwrap().keys().collect();
    codes.sort();
    assert_eq!(
        codes,
        [
            "1.1.1", "1.1.2", "1.1.3", "1.1.4", "1.2.1", "1.2.2", "2.1", "2.2", "2.3", "2.4",
            "2.5", "2.6", "2.7"
        ]
    );
    assert_eq!(
        s["properties"]["unit"]["properties"]["level"]["const"],
        "district"
    );
    assert_eq!(s["properties"]["ruleset"]["const"], "all-kinds");
    let year = &s["properties"]["period"]["properties"]["year"];
    assert_eq!(
        (year["minimum"].clone(), year["maximum"].clone()),
        (json!(2023), json!(2025))
    );
}

#[test]
fn evidence_schema_gives_each_kind_its_shape() {
    let s = all_kinds_schema();
    let levels = shapes(&s, "1.1.1");
    assert_eq!(levels.len(), 1);
    assert_eq!(levels[0]["required"], json!(["level"]));
    assert_eq!(
        levels[0]["properties"]["level"]["enum"],
        json!(["on_time", "late", "none"])
    );

    let conditions = &shapes(&s, "1.1.2")[0]["properties"]["conditions"];
    assert_eq!(conditions["required"], json!(["identified", "funded"]));
    assert_eq!(conditions["additionalProperties"], false);
    assert_eq!(
        shapes(&s, "1.1.3")[0]["properties"]["met"]["type"],
        "boolean"
    );

    for code in ["1.1.4", "1.2.1", "2.1", "2.2", "2.6"] {
        let forms: Vec<Value> = shapes(&s, code)
            .iter()
            .map(|f| f["required"].clone())
            .collect();
        assert_eq!(
            forms,
            [
                json!(["numerator", "denominator"]),
                json!(["tasks"]),
                json!(["percent"])
            ],
            "{code}"
        );
    }
    let tasks = &shapes(&s, "1.2.1")[1]["properties"]["tasks"]["items"]["properties"]["status"];
    assert_eq!(
        tasks["enum"],
        json!([
            "done",
            "done_late",
            "in_progress",
            "not_yet_due",
            "recurring",
            "not_done"
        ])
    );
    // Without allow_over a share is at most 100%; with it (2.6) there is no bound.
    assert_eq!(
        shapes(&s, "1.1.4")[2]["properties"]["percent"]["oneOf"][1]["maximum"],
        100
    );
    assert!(
        shapes(&s, "2.6")[2]["properties"]["percent"]["oneOf"][1]
            .get("maximum")
            .is_none()
    );

    for code in ["1.2.2", "2.3"] {
        assert_eq!(shapes(&s, code)[0]["required"], json!(["count"]), "{code}");
    }
    assert_eq!(shapes(&s, "2.4")[0]["required"], json!(["points"]));
    let survey = shapes(&s, "2.5");
    let mut options: Vec<&String> = survey[0]["properties"]["answers"]["properties"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    options.sort();
    assert_eq!(options, ["A", "B", "C", "D"]);
    assert_eq!(
        survey[0]["properties"]["answers"]["propertyNames"]["enum"],
        json!(["A", "B", "C", "D"])
    );
    assert_eq!(
        survey[0]["properties"]["answers"]["properties"]["A"],
        json!({ "type": "integer", "minimum": 0 })
    );
    assert_eq!(survey[1]["required"], json!(["points"]));
    for shape in survey {
        assert_eq!(shape["additionalProperties"], false);
        assert_eq!(shape["properties"]["note"]["type"], "string");
    }
}

/// A small checker for the keywords `evidence_for` uses (type, const, enum, properties,
/// required, additionalProperties, items, oneOf, minimum, maximum, pattern as a decimal).
fn valid(schema: &Value, v: &Value) -> bool {
    let obj = schema.as_object().unwrap();
    let ok_type = match obj.get("type").and_then(Value::as_str) {
        None => true,
        Some("object") => v.is_object(),
        Some("array") => v.is_array(),
        Some("string") => v.is_string(),
        Some("integer") => v.is_i64() || v.is_u64(),
        Some("boolean") => v.is_boolean(),
        Some(other) => panic!("type {other}"),
    };
    if !ok_type {
        return false;
    }
    if obj.get("const").is_some_and(|c| c != v) {
        return false;
    }
    if let Some(e) = obj.get("enum")
        && !e.as_array().unwrap().contains(v)
    {
        return false;
    }
    if let Some(min) = obj.get("minimum")
        && v.as_i64().unwrap() < min.as_i64().unwrap()
    {
        return false;
    }
    if let Some(max) = obj.get("maximum")
        && v.as_i64().unwrap() > max.as_i64().unwrap()
    {
        return false;
    }
    if let Some(pattern) = obj.get("pattern").and_then(Value::as_str)
        && !matches_pattern(pattern, v.as_str().unwrap())
    {
        return false;
    }
    if let Some(alts) = obj.get("oneOf") {
        let n = alts
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| valid(a, v))
            .count();
        if n != 1 {
            return false;
        }
    }
    if let Some(items) = obj.get("items")
        && !v.as_array().unwrap().iter().all(|i| valid(items, i))
    {
        return false;
    }
    if let Some(map) = v.as_object() {
        let props = obj.get("properties").and_then(Value::as_object);
        for req in obj
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if !map.contains_key(req.as_str().unwrap()) {
                return false;
            }
        }
        for (k, val) in map {
            match props.and_then(|p| p.get(k)) {
                Some(s) if !valid(s, val) => return false,
                None if obj.get("additionalProperties") == Some(&json!(false)) => return false,
                _ => {}
            }
        }
    }
    true
}

/// The two patterns `evidence_for` writes: `^[0-9]+(\\.[0-9]+)?$` and `^[0-9]+(\\.0+)?$`.
fn matches_pattern(pattern: &str, s: &str) -> bool {
    let (int, frac) = s.split_once('.').map_or((s, None), |(i, f)| (i, Some(f)));
    let digits = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit());
    let frac_ok = match frac {
        None => true,
        Some(f) if pattern.contains("0+") => !f.is_empty() && f.chars().all(|c| c == '0'),
        Some(f) => digits(f),
    };
    digits(int) && frac_ok
}

#[test]
fn the_fixture_evidence_fits_the_derived_schema_and_wrong_evidence_does_not() {
    let s = all_kinds_schema();
    let good: Value = serde_json::from_str(ALL_KINDS_EVIDENCE).unwrap();
    assert!(valid(&s, &good));
    let bad_cases = [
        ("/evidence/1.1.1", json!({ "level": "early" })),
        (
            "/evidence/1.1.2",
            json!({ "conditions": { "identified": true } }),
        ),
        ("/evidence/1.1.3", json!({ "count": 1 })),
        ("/evidence/1.1.4", json!({ "numerator": 1 })),
        ("/evidence/1.1.4", json!({ "percent": 101 })),
        (
            "/evidence/1.2.1",
            json!({ "tasks": [{ "name": "x", "status": "lost" }] }),
        ),
        ("/evidence/2.3", json!({ "count": "1.5" })),
        ("/evidence/2.5", json!({ "answers": { "E": 1 } })),
        (
            "/evidence/2.7",
            json!({ "not_applicable": "x", "met": true }),
        ),
        ("/evidence/9.9", json!({ "met": true })),
        ("/unit/level", json!("province")),
        ("/period/year", json!(2022)),
    ];
    for (pointer, value) in bad_cases {
        let mut ev = good.clone();
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        ev.pointer_mut(parent)
            .unwrap()
            .as_object_mut()
            .unwrap()
            .insert(key.into(), value.clone());
        assert!(!valid(&s, &ev), "{pointer} = {value} passed");
        // The engine refuses the same evidence.
        let text = serde_json::to_string(&ev).unwrap();
        let rs = RuleSet::from_toml_str(ALL_KINDS).unwrap();
        let refused = par_index::Evidence::from_json_str(&text)
            .map_err(|e| e.to_string())
            .and_then(|e| par_index::evaluate(&rs, &e).map_err(|e| e.to_string()));
        assert!(refused.is_err(), "{pointer} = {value} was scored");
    }
}
