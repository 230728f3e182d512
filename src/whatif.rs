//! What-if (giả định): a scenario is a patch to a unit's evidence; the engine scores the base and
//! the scenario and shows the change per node, per area and in total.
//!
//! A scenario has three operations, each keyed by leaf code:
//! - `set`: fields to set on the leaf's evidence, keeping the others (`null` removes a field);
//! - `replace`: the leaf's whole evidence;
//! - `remove`: leaves whose evidence is taken away (they score as missing).
//!
//! A code the set lacks, a parent's code, a code named by two operations, a removal of evidence
//! that is not there, or a value of the wrong shape is an error naming its path in the
//! scenario (`set["1.1"].numerator`), never ignored.

use std::collections::BTreeMap;
use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::cycle::NodeMove;
use crate::error::{EvalError, EvidenceError, EvidenceIssue, EvidenceIssueCode};
use crate::evidence::{Evidence, LeafEvidence};
use crate::path::{DataPath, Segment};
use crate::ruleset::RuleSet;
use crate::scorecard::Scorecard;

/// A patch to a unit's evidence.
///
/// # Example
/// ```
/// let s = par_index::analysis::Scenario::from_json_str(r#"{
///   "name": "finish 3 more tasks",
///   "set": { "1.1": { "numerator": 33 } },
///   "remove": ["1.2"]
/// }"#)?;
/// assert_eq!(s.set.len(), 1);
/// # Ok::<(), par_index::evidence::EvidenceError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// A name for the scenario.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Fields to set on a leaf's evidence, keeping its other fields; `null` removes a field.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub set: BTreeMap<String, serde_json::Map<String, serde_json::Value>>,
    /// A leaf's evidence, replaced whole.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub replace: BTreeMap<String, LeafEvidence>,
    /// Leaves whose evidence is removed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remove: Vec<String>,
}

impl Scenario {
    /// Reads a scenario from JSON.
    ///
    /// # Errors
    /// [`EvidenceError`] with the path, line and column of the first malformed value.
    pub fn from_json_str(text: &str) -> Result<Scenario, EvidenceError> {
        Scenario::from_json_str_with_limits(text, &crate::limits::Limits::default())
    }

    /// [`Scenario::from_json_str`] with custom [`Limits`](crate::criteria::Limits): `max_file_bytes`,
    /// `max_nesting`, `max_string_len` and `max_scenario_entries` (each of `set`, `replace`,
    /// `remove`), checked before the text is read.
    ///
    /// # Errors
    /// As [`Scenario::from_json_str`]; [`EvidenceError::Limit`] past a limit, naming it.
    pub fn from_json_str_with_limits(
        text: &str,
        limits: &crate::limits::Limits,
    ) -> Result<Scenario, EvidenceError> {
        use crate::json::{Bounds, Count};
        let max = limits.max_scenario_entries;
        let entries = |at| Count {
            at,
            name: "max_scenario_entries",
            max,
        };
        let counts = [
            entries(&["set"]),
            entries(&["replace"]),
            entries(&["remove"]),
        ];
        let bounds = Bounds::file(limits).with_counts(&counts);
        crate::json::read_within(text, &bounds).map_err(EvidenceError::from_json_fault)
    }

    /// The base evidence with the scenario applied.
    ///
    /// # Errors
    /// [`EvalError::Evidence`] with every problem, each with its path in the scenario.
    pub fn apply(&self, rs: &RuleSet, base: &Evidence) -> Result<Evidence, EvalError> {
        let mut issues = Vec::new();
        let mut out = base.clone();
        let mut seen: BTreeMap<&str, DataPath> = BTreeMap::new();
        let root = DataPath::root();
        let named = self
            .set
            .keys()
            .map(|c| (c, root.key("set").key(c.clone())))
            .chain(
                self.replace
                    .keys()
                    .map(|c| (c, root.key("replace").key(c.clone()))),
            )
            .chain(
                self.remove
                    .iter()
                    .enumerate()
                    .map(|(i, c)| (c, root.key("remove").index(i))),
            );
        for (code, path) in named {
            if let Some(first) = seen.get(code.as_str()) {
                issues.push(EvidenceIssue::new(
                    path,
                    EvidenceIssueCode::Duplicate,
                    format!("`{code}` is changed at {first} already: one change per leaf"),
                ));
                continue;
            }
            check_code(rs, code, &path, &mut issues);
            seen.insert(code, path);
        }
        for (code, fields) in &self.set {
            let path = root.key("set").key(code.clone());
            let current = out.evidence.get(code).cloned().unwrap_or_default();
            match merge(&current, fields, &path) {
                Ok(v) => {
                    out.evidence.insert(code.clone(), v);
                }
                Err(issue) => issues.push(issue),
            }
        }
        for (code, value) in &self.replace {
            out.evidence.insert(code.clone(), value.clone());
        }
        for (i, code) in self.remove.iter().enumerate() {
            if out.evidence.remove(code).is_none() {
                issues.push(EvidenceIssue::new(
                    root.key("remove").index(i),
                    EvidenceIssueCode::WrongShape,
                    format!("`{code}` has no evidence to remove"),
                ));
            }
        }
        if issues.is_empty() {
            Ok(out)
        } else {
            Err(EvalError::Evidence { issues })
        }
    }
}

fn check_code(rs: &RuleSet, code: &str, path: &DataPath, issues: &mut Vec<EvidenceIssue>) {
    match rs.node(code) {
        None => issues.push(EvidenceIssue::new(
            path.clone(),
            EvidenceIssueCode::UnknownCode,
            format!("`{}` has no criterion `{code}`", rs.id()),
        )),
        Some(n) if n.rule_kind().is_none() => issues.push(EvidenceIssue::new(
            path.clone(),
            EvidenceIssueCode::NotALeaf,
            format!("`{code}` is scored as the sum of its sub-criteria: change them instead"),
        )),
        Some(_) => {}
    }
}

/// `current` with `fields` set over it, read back strictly.
fn merge(
    current: &LeafEvidence,
    fields: &serde_json::Map<String, serde_json::Value>,
    path: &DataPath,
) -> Result<LeafEvidence, EvidenceIssue> {
    let wrong = |p: DataPath, m: String| EvidenceIssue::new(p, EvidenceIssueCode::WrongShape, m);
    let mut value =
        serde_json::to_value(current).map_err(|e| wrong(path.clone(), e.to_string()))?;
    if let Some(obj) = value.as_object_mut() {
        for (k, v) in fields {
            if v.is_null() {
                obj.remove(k);
            } else {
                obj.insert(k.clone(), v.clone());
            }
        }
    }
    serde_path_to_error::deserialize(value).map_err(|e| {
        let mut p = path.clone();
        for s in DataPath::from(e.path()).segments() {
            p.push(s.clone());
        }
        wrong(
            p,
            crate::json::clean_serde_message(&e.into_inner().to_string()),
        )
    })
}

/// A scenario scored against its base.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct WhatIf {
    /// The scenario's name, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The total before and after (code `total`, depth 0).
    pub total: NodeMove,
    /// Every area (lĩnh vực), before and after, moved or not.
    pub areas: Vec<NodeMove>,
    /// Every node whose points or index moved, in tree order.
    pub nodes: Vec<NodeMove>,
    /// The base scorecard.
    pub base: Scorecard,
    /// The scenario's scorecard.
    pub scenario: Scorecard,
}

impl fmt::Display for WhatIf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(n) = &self.name {
            writeln!(f, "scenario: {n}")?;
        }
        writeln!(f, "total: {}", self.total)?;
        for n in &self.nodes {
            writeln!(f, "{}{} {}: {}", "  ".repeat(n.depth), n.code, n.title, n)?;
        }
        Ok(())
    }
}

/// Scores a scenario against its base evidence.
///
/// # Errors
/// [`EvalError::Evidence`] when the scenario names a code the set lacks, a parent, a leaf
/// twice, evidence that is not there, or a value of the wrong shape (each with its path in the
/// scenario), or when the base evidence does not fit the set; [`EvalError::Overflow`].
///
/// # Example
/// ```
/// use par_index::{Evidence, RuleSet, analysis::Scenario, analysis::what_if};
///
/// let rs = RuleSet::from_toml_str(r#"
/// id = "demo"
/// title = "Demo"
/// level = "district"
/// years = { from = 2023 }
/// scale = 2
/// document = { number = "01/QĐ-UBND" }
/// [[areas]]
/// code = "1"
/// title = "Chỉ đạo, điều hành"
/// max = 2
/// provenance = { document = "01/QĐ-UBND", verified = false }
/// rule = { kind = "ratio_bands", bands = [
///   { above = "90", points = "2" }, { at_least = "70", points = "1" }, { points = "0" },
/// ] }
/// "#)?;
/// let base = Evidence::from_json_str(r#"{
///   "unit": { "name": "Thị xã Duyên Hải", "level": "district" },
///   "period": { "year": 2023 },
///   "evidence": { "1": { "numerator": 30, "denominator": 36 } }
/// }"#)?;
/// let s = Scenario::from_json_str(r#"{ "set": { "1": { "numerator": 33 } } }"#)?;
/// let w = what_if(&rs, &base, &s)?;
/// // 30/36 = 83.3% → 1; 33/36 = 91.7% → 2
/// assert_eq!(w.total.to_string(), "1 → 2 (+1), index 50.00% → 100.00%");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn what_if(rs: &RuleSet, base: &Evidence, scenario: &Scenario) -> Result<WhatIf, EvalError> {
    let base_card = crate::evaluate(rs, base)?;
    let patched = scenario.apply(rs, base)?;
    let card = crate::evaluate(rs, &patched).map_err(|e| reroot(e, scenario))?;
    let mut nodes = Vec::new();
    let mut areas = Vec::new();
    for (b, a) in base_card.nodes.iter().zip(&card.nodes) {
        let d = NodeMove::of(&b.code, &b.title, b.depth, Some(b.score), Some(a.score));
        if d.depth == 1 {
            areas.push(d.clone());
        }
        if d.moved() {
            nodes.push(d);
        }
    }
    Ok(WhatIf {
        name: scenario.name.clone(),
        total: NodeMove::of(
            "total",
            &base_card.ruleset.title,
            0,
            Some(base_card.total),
            Some(card.total),
        ),
        areas,
        nodes,
        base: base_card,
        scenario: card,
    })
}

/// Moves the path of a problem in patched evidence to the scenario entry that caused it.
fn reroot(e: EvalError, scenario: &Scenario) -> EvalError {
    let EvalError::Evidence { issues } = e else {
        return e;
    };
    let issues = issues
        .into_iter()
        .map(|mut issue| {
            if let [Segment::Key(ev), Segment::Key(code), rest @ ..] = issue.path.segments()
                && ev == "evidence"
            {
                let op = if scenario.set.contains_key(code) {
                    Some("set")
                } else if scenario.replace.contains_key(code) {
                    Some("replace")
                } else {
                    None
                };
                if let Some(op) = op {
                    let mut p = DataPath::root().key(op).key(code.clone());
                    for s in rest {
                        p.push(s.clone());
                    }
                    issue.path = p;
                }
            }
            issue
        })
        .collect();
    EvalError::Evidence { issues }
}
