//! The JSON routes: each parses its body with the library (errors keep their paths), runs the
//! work off the async threads, and answers JSON.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use par_index::{
    Evidence, RuleSet, analysis::Scenario, analysis::audit as run_audit,
    analysis::gaps as run_gaps, analysis::what_if, assessment::Appraisal, assessment::Batch,
    assessment::evaluate_appraised, assessment::score_batch, evaluate,
    report::render_scorecard_csv, report::render_scorecard_markdown,
};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::cmd::sets::summary;
use crate::fail::Failure;
use crate::serve::Sets;

/// The shared state: the rule sets served.
type Shared = State<Arc<Sets>>;

/// The query of the scoring routes.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct Params {
    /// The rule-set id (else the evidence's `ruleset`, or the body's `ruleset_toml`).
    set: Option<String>,
    /// `json` (default), `csv` or `markdown` (for /score).
    format: Option<String>,
    /// `vi` (default) or `en` (for csv and markdown).
    lang: Option<String>,
}

/// A failure as an HTTP response: its JSON with a status for its kind.
pub(crate) fn failure(f: &Failure) -> Response {
    let status = match f.kind {
        "usage" => StatusCode::BAD_REQUEST,
        "not_found" => StatusCode::NOT_FOUND,
        "internal" => StatusCode::INTERNAL_SERVER_ERROR,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    };
    (status, Json(f.to_json())).into_response()
}

fn internal(message: &str) -> Response {
    failure(&Failure::new("internal", 1, message))
}

/// The answer to a panic (a bug): a JSON 500, never a dropped connection.
pub(crate) fn panicked(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    internal("internal error")
}

/// Error answers made outside the handlers (the size limit's 413, the timeout's 408, a bad
/// query's 400, a wrong method's 405) in the same JSON shape as every other error.
pub(crate) async fn json_errors(response: Response) -> Response {
    let status = response.status();
    let json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if json || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let f = match status {
        StatusCode::PAYLOAD_TOO_LARGE => Failure::new(
            "too_large",
            1,
            "the body is larger than the service allows (--max-body)",
        ),
        StatusCode::REQUEST_TIMEOUT => Failure::new(
            "timeout",
            1,
            "the request took longer than the service allows (--timeout)",
        ),
        _ => Failure::new(
            "usage",
            2,
            status.canonical_reason().unwrap_or("bad request"),
        ),
    };
    (status, Json(f.to_json())).into_response()
}

/// Any other path: a JSON 404.
pub(crate) async fn not_found() -> Response {
    failure(&Failure::new(
        "not_found",
        2,
        "no such route; see /openapi.json",
    ))
}

/// Runs `work` on the blocking pool; a panic there becomes a JSON 500.
async fn blocking<F>(work: F) -> Response
where
    F: FnOnce() -> Result<Response, Failure> + Send + 'static,
{
    match tokio::task::spawn_blocking(work).await {
        Ok(Ok(r)) => r,
        Ok(Err(f)) => failure(&f),
        Err(_) => internal("internal error"),
    }
}

fn json_of<T: Serialize>(value: &T) -> Result<Response, Failure> {
    Ok(Json(serde_json::to_value(value)?).into_response())
}

/// The body as JSON, or an evidence failure with the line of the syntax error.
fn parse(body: &str) -> Result<Value, Failure> {
    serde_json::from_str(body).map_err(|e| {
        let mut f = Failure::new("evidence", 1, "the body is not JSON");
        f.issues.push(crate::fail::Issue {
            file: None,
            path: String::new(),
            line: Some(e.line()),
            message: e.to_string(),
        });
        f
    })
}

/// The member `key` of a combined body, as text for the library's readers.
fn member(value: &Value, key: &str) -> Result<String, Failure> {
    value.get(key).map(Value::to_string).ok_or_else(|| {
        let mut f = Failure::new("usage", 2, format!("the body has no `{key}`"));
        f.issues.push(crate::fail::Issue {
            file: None,
            path: key.to_string(),
            line: None,
            message: format!("expected `{key}`"),
        });
        f
    })
}

fn evidence_in(value: &Value, key: &str) -> Result<Evidence, Failure> {
    Evidence::from_json_str(&member(value, key)?).map_err(|e| Failure::from(e).under(key))
}

/// The set named by the query, else by the evidence.
fn resolve(sets: &Sets, q: &Params, named: Option<&str>) -> Result<Arc<RuleSet>, Failure> {
    match q.set.as_deref().or(named) {
        Some(id) => sets.get(id),
        None => Err(Failure::usage(
            "which rule set? add ?set=<id> (see GET /sets) or `ruleset_toml` to the body",
        )),
    }
}

/// The rule set and evidence of a body: the evidence itself, or `{"ruleset_toml", "evidence"}`
/// (and, for /appraise and /whatif, `{"evidence", "<second>"}`).
fn inputs(
    sets: &Sets,
    q: &Params,
    body: &str,
    combined: bool,
) -> Result<(Arc<RuleSet>, Evidence, Value), Failure> {
    let value = parse(body)?;
    let ev = if combined || value.get("ruleset_toml").is_some() {
        evidence_in(&value, "evidence")?
    } else {
        Evidence::from_json_str(body)?
    };
    let rs = match value.get("ruleset_toml").and_then(Value::as_str) {
        Some(toml) => Arc::new(
            RuleSet::from_toml_str(toml).map_err(|e| Failure::from(e).under("ruleset_toml"))?,
        ),
        None => resolve(sets, q, ev.ruleset.as_deref())?,
    };
    Ok((rs, ev, value))
}

fn lang(q: &Params) -> par_index::report::Lang {
    match q.lang.as_deref() {
        Some("en") => par_index::report::Lang::En,
        _ => par_index::report::Lang::Vi,
    }
}

/// POST /score: the scorecard (JSON, or `?format=csv|markdown`).
pub(crate) async fn score(State(sets): Shared, Query(q): Query<Params>, body: String) -> Response {
    blocking(move || {
        let (rs, ev, _) = inputs(&sets, &q, &body, false)?;
        let card = evaluate(&rs, &ev)?;
        match q.format.as_deref() {
            None | Some("json") => json_of(&card),
            Some(f @ ("csv" | "markdown")) => report(&rs, &ev, f, lang(&q)),
            Some(other) => Err(Failure::usage(format!(
                "unknown format `{other}`; expected json, csv or markdown"
            ))),
        }
    })
    .await
}

/// POST /points: the scorecard's numbers without its text (a points card), compact JSON.
pub(crate) async fn points(State(sets): Shared, Query(q): Query<Params>, body: String) -> Response {
    blocking(move || {
        let (rs, ev, _) = inputs(&sets, &q, &body, false)?;
        // Written straight to text: no `serde_json::Value` in between on this hot path.
        let card = par_index::scoring::points_card(&rs, &ev)?;
        Ok((
            [(header::CONTENT_TYPE, "application/json")],
            card.to_json()?,
        )
            .into_response())
    })
    .await
}

fn report(
    rs: &RuleSet,
    ev: &Evidence,
    format: &str,
    lang: par_index::report::Lang,
) -> Result<Response, Failure> {
    let card = evaluate_appraised(rs, ev, &Appraisal::default())?;
    Ok(if format == "csv" {
        (
            [(header::CONTENT_TYPE, "text/csv; charset=utf-8")],
            format!("{}{}", crate::cmd::BOM, render_scorecard_csv(&card, lang)?),
        )
            .into_response()
    } else {
        (
            [(header::CONTENT_TYPE, "text/markdown; charset=utf-8")],
            render_scorecard_markdown(&card, lang)?,
        )
            .into_response()
    })
}

/// POST /check: validates a rule set sent as TOML.
pub(crate) async fn check(body: String) -> Response {
    blocking(move || {
        let rs = RuleSet::from_toml_str(&body)?;
        json_of(&json!({ "valid": true, "id": rs.id(), "leaves": rs.leaf_codes().count() }))
    })
    .await
}

/// POST /appraise: `{"evidence", "appraisal"}` → the appraised scorecard.
pub(crate) async fn appraise(
    State(sets): Shared,
    Query(q): Query<Params>,
    body: String,
) -> Response {
    blocking(move || {
        let (rs, ev, value) = inputs(&sets, &q, &body, true)?;
        let record = Appraisal::from_json_str(&member(&value, "appraisal")?)?;
        json_of(&evaluate_appraised(&rs, &ev, &record)?)
    })
    .await
}

/// POST /rank: a batch `{"ruleset"?, "units": [...]}` → scores, ranking, summaries.
pub(crate) async fn rank(State(sets): Shared, Query(q): Query<Params>, body: String) -> Response {
    blocking(move || {
        let batch = Batch::from_json_str(&body)?;
        let rs = resolve(&sets, &q, batch.ruleset.as_deref())?;
        json_of(&score_batch(&rs, &batch)?)
    })
    .await
}

/// POST /audit: evidence → the audit of its reported figures.
pub(crate) async fn audit(State(sets): Shared, Query(q): Query<Params>, body: String) -> Response {
    blocking(move || {
        let (rs, ev, _) = inputs(&sets, &q, &body, false)?;
        json_of(&run_audit(&rs, &ev)?)
    })
    .await
}

/// POST /gaps: evidence → the gap analysis and plan.
pub(crate) async fn gaps(State(sets): Shared, Query(q): Query<Params>, body: String) -> Response {
    blocking(move || {
        let (rs, ev, _) = inputs(&sets, &q, &body, false)?;
        json_of(&run_gaps(&rs, &ev)?)
    })
    .await
}

/// POST /whatif: `{"evidence", "scenario"}` → the scenario's effect.
pub(crate) async fn whatif(State(sets): Shared, Query(q): Query<Params>, body: String) -> Response {
    blocking(move || {
        let (rs, ev, value) = inputs(&sets, &q, &body, true)?;
        let sc = Scenario::from_json_str(&member(&value, "scenario")?)
            .map_err(|e| Failure::from(e).under("scenario"))?;
        let result = what_if(&rs, &ev, &sc).map_err(|e| {
            let f = Failure::from(e);
            if f.issues.iter().all(|i| !i.path.starts_with("evidence")) {
                f.under("scenario")
            } else {
                f
            }
        })?;
        json_of(&result)
    })
    .await
}

/// GET /sets: every set served, summarised.
pub(crate) async fn sets(State(sets): Shared) -> Response {
    let list: Vec<_> = sets.all().map(summary).collect();
    Json(json!({ "sets": list })).into_response()
}

/// GET /sets/{id}: the set as JSON, its nodes for a form, the schema of its evidence, and the
/// set as its printed annex (phụ lục, Markdown).
pub(crate) async fn set(State(sets): Shared, Path(id): Path<String>) -> Response {
    let rs = match sets.get(&id) {
        Ok(rs) => rs,
        Err(f) => return failure(&f),
    };
    let nodes: Vec<Value> = rs.nodes().map(|n| json!({
        "code": n.code(), "title": n.title(), "depth": n.depth(), "max": n.max().normalize().to_string(),
        "kind": n.rule_kind().map(|k| k.to_string()), "part": n.part().map(|p| p.to_string()),
        "verified": n.verified(), "evidence": n.expected_evidence(),
    })).collect();
    Json(json!({
        "summary": summary(&rs), "nodes": nodes, "ruleset": rs.def(),
        "evidence_schema": par_index::schema::evidence_for(&rs),
        "annex_markdown": par_index_annex::export_annex_markdown(rs.def()),
    }))
    .into_response()
}

/// GET /schemas/{name}: any of `par_index::schema::NAMES` (ruleset, evidence, scorecard,
/// appraisal, batch_result, error, ...).
pub(crate) async fn schema(Path(name): Path<String>) -> Response {
    let Some(schema) = par_index::schema::by_name(&name) else {
        return failure(&Failure::new(
            "not_found",
            2,
            format!(
                "no schema `{name}`; expected one of {}",
                par_index::schema::NAMES.join(", ")
            ),
        ));
    };
    Json(schema.to_value()).into_response()
}
