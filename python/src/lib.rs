//! The native part of the Python package `par_index` (PAR Index, Chỉ số cải cách hành chính).
//!
//! It passes JSON text across the boundary: the pure-Python layer (`par_index/__init__.py`)
//! turns the library's decimal strings into `decimal.Decimal`, guided by the scorecard's JSON
//! Schema, so that no figure is ever a float.
#![forbid(unsafe_code)]

use par_index::{Evidence, RuleSet as Set, assessment::Batch, assessment::score_batch, evaluate};
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use serde_json::json;

create_exception!(
    _native,
    NativeError,
    PyValueError,
    "A rejected input: (message, issues as JSON)."
);

/// A validated rule set (bộ tiêu chí).
#[pyclass(frozen, module = "par_index")]
struct RuleSet {
    inner: Set,
}

/// An error with every issue's path, as `(message, issues JSON)`.
fn error(message: &str, issues: serde_json::Value) -> PyErr {
    NativeError::new_err((message.to_string(), issues.to_string()))
}

fn load_error(e: &par_index::criteria::LoadError) -> PyErr {
    let issues: Vec<_> = e
        .issues()
        .iter()
        .map(|i| json!({ "path": i.path.to_string(), "line": i.line, "message": i.message }))
        .collect();
    error(&e.to_string(), json!(issues))
}

fn path_error(message: String, issues: Vec<(String, String)>) -> PyErr {
    let issues: Vec<_> = issues
        .into_iter()
        .map(|(p, m)| json!({ "path": p, "message": m }))
        .collect();
    error(&message, json!(issues))
}

fn evidence_error(e: &par_index::evidence::EvidenceError) -> PyErr {
    match e {
        par_index::evidence::EvidenceError::Json { path, message, .. } => {
            path_error(e.to_string(), vec![(path.to_string(), message.clone())])
        }
        _ => path_error(e.to_string(), Vec::new()),
    }
}

fn eval_error(e: &par_index::scoring::EvalError) -> PyErr {
    let issues = e
        .issues()
        .iter()
        .map(|i| (i.path.to_string(), i.message.clone()))
        .collect();
    path_error(e.to_string(), issues)
}

fn cycle_error(e: &par_index::assessment::CycleError) -> PyErr {
    let issues = e
        .issues()
        .iter()
        .map(|i| (i.path.to_string(), i.message.clone()))
        .collect();
    path_error(e.to_string(), issues)
}

fn to_json<T: serde::Serialize>(value: &T) -> PyResult<String> {
    serde_json::to_string(value).map_err(|e| PyValueError::new_err(e.to_string()))
}

#[pymethods]
impl RuleSet {
    /// A bundled rule set by id; `KeyError` when there is none.
    #[staticmethod]
    fn builtin(id: &str) -> PyResult<RuleSet> {
        Set::builtin(id)
            .map(|inner| RuleSet { inner })
            .map_err(|e| pyo3::exceptions::PyKeyError::new_err(e.to_string()))
    }

    /// The ids of the bundled rule sets.
    #[staticmethod]
    fn builtin_ids() -> Vec<&'static str> {
        Set::builtin_ids()
    }

    /// A rule set from TOML text.
    #[staticmethod]
    fn from_toml(text: &str) -> PyResult<RuleSet> {
        Set::from_toml_str(text)
            .map(|inner| RuleSet { inner })
            .map_err(|e| load_error(&e))
    }

    /// A rule set from a `ruleset.toml` file or a folder holding one.
    #[staticmethod]
    fn from_path(path: &str) -> PyResult<RuleSet> {
        Set::from_path(path)
            .map(|inner| RuleSet { inner })
            .map_err(|e| load_error(&e))
    }

    /// The set's id.
    #[getter]
    fn id(&self) -> &str {
        self.inner.id()
    }

    fn __repr__(&self) -> String {
        format!("RuleSet({:?})", self.inner.id())
    }
}

/// Scores evidence (JSON text) into a scorecard (JSON text).
#[pyfunction]
fn score(ruleset: &RuleSet, evidence: &str) -> PyResult<String> {
    let ev = Evidence::from_json_str(evidence).map_err(|e| evidence_error(&e))?;
    to_json(&evaluate(&ruleset.inner, &ev).map_err(|e| eval_error(&e))?)
}

/// Scores evidence (JSON text) into a points card (JSON text): the numbers without text.
#[pyfunction]
fn points(ruleset: &RuleSet, evidence: &str) -> PyResult<String> {
    let ev = Evidence::from_json_str(evidence).map_err(|e| evidence_error(&e))?;
    let card = par_index::scoring::points_card(&ruleset.inner, &ev).map_err(|e| eval_error(&e))?;
    to_json(&card)
}

/// Scores and ranks a batch (JSON text `{"units": [...]}`) into a result (JSON text).
#[pyfunction]
fn rank(ruleset: &RuleSet, batch: &str) -> PyResult<String> {
    let b = Batch::from_json_str(batch).map_err(|e| cycle_error(&e))?;
    to_json(&score_batch(&ruleset.inner, &b).map_err(|e| cycle_error(&e))?)
}

/// The JSON Schema of a name: `scorecard`, `points_card` or `ranking`.
#[pyfunction]
fn schema(name: &str) -> PyResult<String> {
    let s = match name {
        "scorecard" => par_index::schema::scorecard(),
        "points_card" => par_index::schema::points_card(),
        "ranking" => schemars::schema_for!(par_index::assessment::BatchResult),
        _ => return Err(PyValueError::new_err(format!("no schema `{name}`"))),
    };
    to_json(&s)
}

/// The module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<RuleSet>()?;
    m.add_function(wrap_pyfunction!(score, m)?)?;
    m.add_function(wrap_pyfunction!(points, m)?)?;
    m.add_function(wrap_pyfunction!(rank, m)?)?;
    m.add_function(wrap_pyfunction!(schema, m)?)?;
    m.add("NativeError", m.py().get_type::<NativeError>())?;
    Ok(())
}
