//! JSON Schemas of the data par-index reads and writes, generated from the types, and the
//! schema of the evidence one rule set takes, so that a form can check input before scoring.
//!
//! The generated schemas are committed as `schema/ruleset.schema.json`,
//! `schema/evidence.schema.json` and `schema/scorecard.schema.json`; a test fails when they
//! drift from the types (regenerate with `PAR_INDEX_BLESS=1 cargo test`).
//!
//! A schema checks shape: which fields, of which type, which ids. Decimals are strings or
//! integers, and a string's value cannot be bounded in JSON Schema, so ranges that hold
//! between values (a numerator at most its denominator, points at most a leaf's max) are left
//! to [`evaluate`](crate::evaluate), which reports them with their paths.

use schemars::{Schema, json_schema};
use serde_json::{Map, Value, json};

use crate::audit::AuditReport;
use crate::cycle::{Appraisal, AppraisedScorecard, Batch, BatchResult};
use crate::evidence::Evidence;
use crate::gap::GapReport;
use crate::model::{RuleSetDef, TaskStatus};
use crate::rules::Rule;
use crate::ruleset::RuleSet;
use crate::scorecard::Scorecard;
use crate::validate::tree::{Leaf, Node};
use crate::whatif::{Scenario, WhatIf};

/// The JSON Schema of a rule set as written ([`RuleSetDef`]), from its types.
///
/// # Example
/// ```
/// let schema = par_index::schema::ruleset();
/// assert_eq!(schema.get("title").and_then(|t| t.as_str()), Some("RuleSetDef"));
/// ```
#[must_use]
pub fn ruleset() -> Schema {
    schemars::schema_for!(RuleSetDef)
}

/// The JSON Schema of any evidence submission ([`Evidence`]), from its types.
#[must_use]
pub fn evidence() -> Schema {
    schemars::schema_for!(Evidence)
}

/// The JSON Schema of a [`Scorecard`] as serialized, from its types.
#[must_use]
pub fn scorecard() -> Schema {
    schemars::schema_for!(Scorecard)
}

/// The JSON Schema of a [`PointsCard`](crate::scoring::PointsCard) (a scorecard's numbers
/// without its text) as serialized.
#[must_use]
pub fn points_card() -> Schema {
    schemars::schema_for!(crate::points::PointsCard)
}

/// The JSON Schema of an [`AppraisedScorecard`] as serialized.
#[must_use]
pub fn appraised_scorecard() -> Schema {
    schemars::schema_for!(AppraisedScorecard)
}

/// The JSON Schema of an [`Appraisal`] (the appraisal rounds, bonus and penalty).
#[must_use]
pub fn appraisal() -> Schema {
    schemars::schema_for!(Appraisal)
}

/// The JSON Schema of a [`Batch`] of units.
#[must_use]
pub fn batch() -> Schema {
    schemars::schema_for!(Batch)
}

/// The JSON Schema of a [`BatchResult`] as serialized.
#[must_use]
pub fn batch_result() -> Schema {
    schemars::schema_for!(BatchResult)
}

/// The JSON Schema of an [`AuditReport`] as serialized.
#[must_use]
pub fn audit_report() -> Schema {
    schemars::schema_for!(AuditReport)
}

/// The JSON Schema of a [`GapReport`] as serialized.
#[must_use]
pub fn gap_report() -> Schema {
    schemars::schema_for!(GapReport)
}

/// The JSON Schema of a what-if [`Scenario`].
#[must_use]
pub fn scenario() -> Schema {
    schemars::schema_for!(Scenario)
}

/// The JSON Schema of a [`WhatIf`] result as serialized.
#[must_use]
pub fn what_if() -> Schema {
    schemars::schema_for!(WhatIf)
}

/// The JSON Schema of an [`Error`](crate::Error) as serialized.
#[must_use]
pub fn error() -> Schema {
    schemars::schema_for!(crate::error::Error)
}

/// The names [`by_name`] knows, in the order a user meets them.
pub const NAMES: [&str; 13] = [
    "ruleset",
    "evidence",
    "scorecard",
    "points_card",
    "appraisal",
    "appraised_scorecard",
    "batch",
    "batch_result",
    "audit_report",
    "gap_report",
    "scenario",
    "what_if",
    "error",
];

/// A schema by name (one of [`NAMES`]), for tools that serve or print them.
///
/// # Example
/// ```
/// let s = par_index::schema::by_name("batch_result").unwrap();
/// assert_eq!(s.get("title").and_then(|t| t.as_str()), Some("BatchResult"));
/// assert!(par_index::schema::by_name("nothing").is_none());
/// ```
#[must_use]
pub fn by_name(name: &str) -> Option<Schema> {
    Some(match name {
        "ruleset" => ruleset(),
        "evidence" => evidence(),
        "scorecard" => scorecard(),
        "points_card" => points_card(),
        "appraisal" => appraisal(),
        "appraised_scorecard" => appraised_scorecard(),
        "batch" => batch(),
        "batch_result" => batch_result(),
        "audit_report" => audit_report(),
        "gap_report" => gap_report(),
        "scenario" => scenario(),
        "what_if" => what_if(),
        "error" => error(),
        _ => return None,
    })
}

/// The JSON Schema of the evidence one rule set takes.
///
/// It names every leaf code the set has (and no other), and gives each leaf the shape of its
/// rule kind (see [`LeafEvidence`](crate::evidence::LeafEvidence)): level ids, condition ids and survey
/// answer options as enumerations or closed objects; task statuses as an enumeration. Every
/// leaf is optional (a leaf without evidence scores 0 and is reported), and any leaf may be
/// `{ "not_applicable": "reason" }` instead. The unit's level and the set's id are constants;
/// the year is bounded by the set's years.
///
/// # Example
/// ```
/// let rs = par_index::RuleSet::from_toml_str(r#"
/// id = "demo"
/// title = "Demo"
/// level = "district"
/// years = { from = 2023 }
/// scale = 1
/// document = { number = "01/QĐ-UBND" }
/// [[areas]]
/// code = "1"
/// title = "Ban hành kế hoạch"
/// max = 1
/// provenance = { document = "01/QĐ-UBND", verified = false }
/// rule = { kind = "levels", levels = [
///   { id = "on_time", label = "Kịp thời", points = 1 },
///   { id = "late", label = "Không kịp thời", points = "0.5" },
/// ] }
/// "#)?;
/// let schema = par_index::schema::evidence_for(&rs);
/// let leaf = &schema.as_value()["properties"]["evidence"]["properties"]["1"];
/// assert_eq!(leaf["oneOf"][1]["properties"]["level"]["enum"], serde_json::json!(["on_time", "late"]));
/// # Ok::<(), par_index::criteria::LoadError>(())
/// ```
#[must_use]
pub fn evidence_for(rs: &RuleSet) -> Schema {
    let def = rs.def();
    let mut leaves = Map::new();
    for node in &rs.tree().nodes {
        if let Some(leaf) = &node.leaf {
            leaves.insert(node.code.to_string(), leaf_schema(node, leaf));
        }
    }
    let mut year = Map::new();
    year.insert("type".into(), json!("integer"));
    year.insert("minimum".into(), json!(def.years.from));
    if let Some(to) = def.years.to {
        year.insert("maximum".into(), json!(to));
    }
    json_schema!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": format!("Evidence for {}", def.id),
        "description": format!("Evidence for `{}` ({}): one optional value per leaf code", def.id, def.title),
        "type": "object",
        "additionalProperties": false,
        "required": ["unit", "period"],
        "properties": {
            "unit": {
                "type": "object",
                "additionalProperties": false,
                "required": ["name", "level"],
                "properties": {
                    "name": { "type": "string" },
                    "level": { "const": def.level.to_string() },
                    "code": { "type": "string" },
                    "province": { "type": "string" }
                }
            },
            "period": {
                "type": "object",
                "additionalProperties": false,
                "required": ["year"],
                "properties": {
                    "year": year,
                    "quarter": { "type": "integer", "minimum": 1, "maximum": 4 },
                    "month": { "type": "integer", "minimum": 1, "maximum": 12 }
                }
            },
            "ruleset": { "const": def.id },
            "evidence": {
                "type": "object",
                "additionalProperties": false,
                "properties": leaves
            }
        }
    })
}

/// A leaf: not applicable, or one of the shapes its kind takes.
fn leaf_schema(node: &Node, leaf: &Leaf) -> Value {
    let mut one_of = vec![shape(
        &[("not_applicable", json!({ "type": "string" }))],
        &["not_applicable"],
    )];
    one_of.extend(kind_shapes(&leaf.rule));
    json!({
        "title": node.title,
        "description": format!("`{}` rule, max {}", leaf.rule.kind(), crate::decimal::plain(node.max)),
        "oneOf": one_of
    })
}

/// The shapes a rule's evidence takes (besides not applicable).
fn kind_shapes(rule: &Rule) -> Vec<Value> {
    match rule {
        Rule::Levels(r) => {
            let ids: Vec<&str> = r.levels.iter().map(|l| l.id.as_str()).collect();
            vec![shape(&[("level", json!({ "enum": ids }))], &["level"])]
        }
        Rule::Check(r) if r.conditions.is_empty() => {
            vec![
                shape(&[("met", json!({ "type": "boolean" }))], &["met"]),
                no_cases_shape(),
            ]
        }
        Rule::Check(r) => {
            let ids: Vec<&str> = r.conditions.iter().map(|c| c.id.as_str()).collect();
            let props: Map<String, Value> = ids
                .iter()
                .map(|id| ((*id).to_string(), json!({ "type": "boolean" })))
                .collect();
            let conditions = json!({
                "type": "object",
                "additionalProperties": false,
                "required": ids,
                "properties": props
            });
            vec![
                shape(&[("conditions", conditions)], &["conditions"]),
                no_cases_shape(),
            ]
        }
        Rule::RatioBands(r) => ratio_shapes(r.opts.allow_over),
        Rule::Proportional(r) => ratio_shapes(r.opts.allow_over),
        Rule::CountBands(_) | Rule::Deduction(_) | Rule::PerItem(_) => {
            vec![shape(&[("count", whole())], &["count"])]
        }
        Rule::Survey(r) => {
            let props: Map<String, Value> = r
                .weights
                .iter()
                .map(|(o, _)| (o.clone(), json!({ "type": "integer", "minimum": 0 })))
                .collect();
            let options: Vec<&str> = r.weights.iter().map(|(o, _)| o.as_str()).collect();
            let answers = json!({
                "type": "object",
                "additionalProperties": false,
                "propertyNames": { "enum": options },
                "properties": props
            });
            vec![
                shape(&[("answers", answers)], &["answers"]),
                shape(&[("points", decimal())], &["points"]),
            ]
        }
        Rule::Manual(_) => vec![shape(&[("points", decimal())], &["points"])],
        Rule::Deadline(_) => {
            let documents = json!({ "type": "array", "items": { "type": "string" } });
            let date = json!({ "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" });
            vec![
                shape(&[("documents", documents)], &["documents"]),
                shape(&[("date", date)], &["date"]),
            ]
        }
    }
}

/// `{ "no_cases": true }`: nothing arose to count in the period.
fn no_cases_shape() -> Value {
    shape(&[("no_cases", json!({ "const": true }))], &["no_cases"])
}

fn ratio_shapes(allow_over: bool) -> Vec<Value> {
    let statuses: Vec<&str> = [
        TaskStatus::Done,
        TaskStatus::DoneLate,
        TaskStatus::InProgress,
        TaskStatus::NotYetDue,
        TaskStatus::Recurring,
        TaskStatus::NotDone,
    ]
    .into_iter()
    .map(TaskStatus::as_str)
    .collect();
    let tasks = json!({
        "type": "array",
        "items": {
            "type": "object",
            "additionalProperties": false,
            "required": ["name", "status"],
            "properties": {
                "name": { "type": "string" },
                "status": { "enum": statuses }
            }
        }
    });
    let percent = if allow_over {
        decimal()
    } else {
        json!({
            "description": "A share in %, 0 to 100",
            "oneOf": [
                { "type": "string", "pattern": DECIMAL_PATTERN },
                { "type": "integer", "minimum": 0, "maximum": 100 }
            ]
        })
    };
    vec![
        shape(
            &[("numerator", decimal()), ("denominator", decimal())],
            &["numerator", "denominator"],
        ),
        shape(&[("tasks", tasks)], &["tasks"]),
        shape(&[("percent", percent)], &["percent"]),
        no_cases_shape(),
    ]
}

const DECIMAL_PATTERN: &str = "^[0-9]+(\\.[0-9]+)?$";

/// A decimal of 0 or more, as a string or an integer.
fn decimal() -> Value {
    json!({
        "description": "An exact decimal of 0 or more, as a string (\"0.5\") or an integer",
        "oneOf": [
            { "type": "string", "pattern": DECIMAL_PATTERN },
            { "type": "integer", "minimum": 0 }
        ]
    })
}

/// A whole count, as a string or an integer.
fn whole() -> Value {
    json!({
        "description": "A whole count, 0 or more",
        "oneOf": [
            { "type": "string", "pattern": "^[0-9]+(\\.0+)?$" },
            { "type": "integer", "minimum": 0 }
        ]
    })
}

/// A closed object with these fields (and `note`), of which `required` must be present.
fn shape(fields: &[(&str, Value)], required: &[&str]) -> Value {
    let mut props: Map<String, Value> = fields
        .iter()
        .map(|(k, v)| ((*k).to_string(), v.clone()))
        .collect();
    props.insert("note".into(), json!({ "type": "string" }));
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": required,
        "properties": props
    })
}
