//! Batches and rankings: many units of one level scored under one set, ranked by index with
//! ties sharing a rank, per-area rankings and summaries per classification.

use std::collections::HashMap;

use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::input::{Appraisal, Lists, appraisal_counts, from_json};
use super::rank::{Ranking, Summary, UnitResult};
use crate::error::{CycleError, CycleIssue, CycleIssueCode, join};
use crate::evidence::Evidence;
use crate::json::{Bounds, Count};
use crate::limits::Limits;
use crate::model::RankingGroup;
use crate::path::DataPath;
use crate::ruleset::RuleSet;

mod run;

const IN_ENTRY: Lists = [
    &["appraisal", "rounds"],
    &["appraisal", "bonus"],
    &["appraisal", "penalty"],
];
const IN_BATCH: Lists = [
    &["units", "[]", "appraisal", "rounds"],
    &["units", "[]", "appraisal", "bonus"],
    &["units", "[]", "appraisal", "penalty"],
];

fn from_value<T: DeserializeOwned>(
    v: serde_json::Value,
    prefix: &DataPath,
) -> Result<T, CycleError> {
    serde_path_to_error::deserialize(v).map_err(|e| {
        let path = join(prefix, &DataPath::from(e.path()));
        let inner = e.into_inner();
        CycleError::Invalid {
            issues: vec![CycleIssue::new(
                path,
                CycleIssueCode::WrongShape,
                crate::json::clean_serde_message(&inner.to_string()),
            )],
        }
    })
}

/// One unit of a batch: its evidence and, optionally, its appraisal.
///
/// In JSON, an evidence object with an optional `appraisal` key beside `unit`, `period` and
/// `evidence`.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchEntry {
    /// The unit's evidence (self-assessment).
    pub evidence: Evidence,
    /// Its appraisal; empty when none.
    pub appraisal: Appraisal,
    /// The ranking group it is ranked in (`"group"` beside `unit`), when groups are declared.
    pub group: Option<String>,
}

impl BatchEntry {
    /// Reads one unit's record: evidence JSON with an optional `appraisal` key.
    ///
    /// # Errors
    /// [`CycleError::Invalid`] with the path of a malformed value.
    ///
    /// # Example
    /// ```
    /// let e = par_index::assessment::BatchEntry::from_json_str(r#"{
    ///   "unit": { "name": "Xã A", "level": "commune" }, "period": { "year": 2024 },
    ///   "evidence": {}, "appraisal": { "penalty": [ { "points": "1", "reason": "trễ hạn" } ] }
    /// }"#)?;
    /// assert_eq!(e.appraisal.penalty.len(), 1);
    /// # Ok::<(), par_index::assessment::CycleError>(())
    /// ```
    pub fn from_json_str(text: &str) -> Result<BatchEntry, CycleError> {
        BatchEntry::from_json_str_with_limits(text, &Limits::default())
    }

    /// [`BatchEntry::from_json_str`] with custom [`Limits`]: `max_file_bytes`, `max_nesting`,
    /// `max_string_len`, `max_rounds` and `max_adjustments`, checked before the text is read.
    ///
    /// # Errors
    /// As [`BatchEntry::from_json_str`]; [`CycleIssueCode::Limit`] past a limit, naming it.
    pub fn from_json_str_with_limits(
        text: &str,
        limits: &Limits,
    ) -> Result<BatchEntry, CycleError> {
        let counts = appraisal_counts(limits, IN_ENTRY);
        let bounds = Bounds::file(limits).with_counts(&counts);
        let value: serde_json::Value = from_json(text, &DataPath::root(), &bounds)?;
        entry_from_value(value, &DataPath::root())
    }
}

fn entry_from_value(value: serde_json::Value, at: &DataPath) -> Result<BatchEntry, CycleError> {
    let serde_json::Value::Object(mut map) = value else {
        return Err(CycleError::Invalid {
            issues: vec![CycleIssue::new(
                at.clone(),
                CycleIssueCode::WrongShape,
                "expected an object with `unit`, `period`, `evidence` and optionally `appraisal`",
            )],
        });
    };
    let appraisal = match map.remove("appraisal") {
        Some(v) => from_value(v, &at.key("appraisal"))?,
        None => Appraisal::default(),
    };
    let group = match map.remove("group") {
        None => None,
        Some(serde_json::Value::String(s)) => Some(s),
        Some(_) => return Err(shape(at.key("group"), "expected a ranking group id")),
    };
    let evidence = from_value(serde_json::Value::Object(map), at)?;
    Ok(BatchEntry {
        evidence,
        appraisal,
        group,
    })
}

/// Many units of one level, for one rule set.
///
/// In JSON: `{ "ruleset": "<id>", "units": [ <entry>, ... ] }` (see [`BatchEntry`]).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Batch {
    /// The rule set the batch was prepared for, when stated; checked against the set.
    pub ruleset: Option<String>,
    /// The units.
    pub units: Vec<BatchEntry>,
    /// Ranking groups declared by the batch (`"groups"`); when given they replace the set's.
    pub groups: Vec<RankingGroup>,
}

impl Batch {
    /// Reads a batch from JSON.
    ///
    /// # Errors
    /// [`CycleError::Invalid`] with the path (`units[3].period.year`) of a malformed value.
    ///
    /// # Example
    /// ```
    /// let b = par_index::assessment::Batch::from_json_str(r#"{ "ruleset": "demo", "units": [
    ///   { "unit": { "name": "Xã A", "level": "commune" }, "period": { "year": 2024 }, "evidence": {} }
    /// ] }"#)?;
    /// assert_eq!(b.units.len(), 1);
    /// # Ok::<(), par_index::assessment::CycleError>(())
    /// ```
    pub fn from_json_str(text: &str) -> Result<Batch, CycleError> {
        Batch::from_json_str_with_limits(text, &Limits::default())
    }

    /// [`Batch::from_json_str`] with custom [`Limits`]: `max_batch_bytes`, `max_batch_units`,
    /// `max_nesting`, `max_string_len`, and each unit's `max_rounds` and `max_adjustments`,
    /// all checked by a scan of the text before any of it is read into values.
    ///
    /// # Errors
    /// As [`Batch::from_json_str`]; [`CycleIssueCode::Limit`] past a limit, naming it, e.g.
    /// ``units: 20001 items or more: more than the limit `max_batch_units` of 20000``.
    pub fn from_json_str_with_limits(text: &str, limits: &Limits) -> Result<Batch, CycleError> {
        let value = batch_value(text, limits)?;
        let serde_json::Value::Object(mut map) = value else {
            return Err(shape(DataPath::root(), "expected an object with `units`"));
        };
        let ruleset = match map.remove("ruleset") {
            None => None,
            Some(serde_json::Value::String(s)) => Some(s),
            Some(_) => {
                return Err(shape(
                    DataPath::root().key("ruleset"),
                    "expected a rule-set id",
                ));
            }
        };
        let units = match map.remove("units") {
            Some(serde_json::Value::Array(a)) => a,
            _ => {
                return Err(shape(
                    DataPath::root().key("units"),
                    "expected an array of units",
                ));
            }
        };
        let groups = match map.remove("groups") {
            Some(v) => from_value(v, &DataPath::root().key("groups"))?,
            None => Vec::new(),
        };
        if let Some(k) = map.keys().next() {
            return Err(shape(
                DataPath::root().key(k.clone()),
                format!("unknown field `{k}`, expected `ruleset`, `groups` or `units`"),
            ));
        }
        let base = DataPath::root().key("units");
        let units = units
            .into_iter()
            .enumerate()
            .map(|(i, v)| entry_from_value(v, &base.index(i)))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Batch {
            ruleset,
            units,
            groups,
        })
    }
}

/// The batch's JSON as a value, every limit checked first.
fn batch_value(text: &str, limits: &Limits) -> Result<serde_json::Value, CycleError> {
    let [r, b, p] = appraisal_counts(limits, IN_BATCH);
    let units = Count {
        at: &["units"],
        name: "max_batch_units",
        max: limits.max_batch_units,
    };
    let counts = [units, r, b, p];
    let bounds = Bounds {
        bytes: (limits.max_batch_bytes, "max_batch_bytes"),
        ..Bounds::file(limits)
    };
    from_json(text, &DataPath::root(), &bounds.with_counts(&counts))
}

/// The schema of a [`BatchEntry`]: the evidence object with one more key, `appraisal`.
impl JsonSchema for BatchEntry {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "BatchEntry".into()
    }

    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let mut schema = Evidence::json_schema(g);
        let appraisal = g.subschema_for::<Appraisal>();
        if let Some(props) = schema
            .ensure_object()
            .entry("properties")
            .or_insert_with(|| serde_json::json!({}))
            .as_object_mut()
        {
            props.insert("appraisal".into(), appraisal.to_value());
            props.insert(
                "group".into(),
                serde_json::json!({
                    "type": "string",
                    "description": "The ranking group the unit is ranked in, when the batch or the set declares groups."
                }),
            );
        }
        schema.insert(
            "description".into(),
            "One unit's evidence, with its appraisal under `appraisal` when it has one.".into(),
        );
        schema
    }
}

/// The JSON form of a [`Batch`], for its schema.
#[derive(JsonSchema)]
#[schemars(rename = "Batch", deny_unknown_fields)]
#[allow(dead_code, reason = "only its schema is used: `Batch` is read by hand")]
struct BatchSchema {
    /// The rule set the batch was prepared for, when stated; checked against the set.
    ruleset: Option<String>,
    /// The units.
    units: Vec<BatchEntry>,
    /// Ranking groups declared by the batch; when given they replace the set's.
    #[serde(default)]
    groups: Vec<crate::model::RankingGroup>,
}

impl JsonSchema for Batch {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        BatchSchema::schema_name()
    }

    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        BatchSchema::json_schema(g)
    }
}

/// Where each unit name and code first appears, in NFC: a name typed on one keyboard and the
/// same name pasted from a PDF (composed `à` or `a` + combining grave) are one unit. A
/// duplicate is found by one lookup, not by a scan of the units before it (10,000 communes
/// would make that 50 million comparisons).
#[derive(Default)]
struct SeenUnits {
    names: HashMap<String, usize>,
    codes: HashMap<String, usize>,
}

impl SeenUnits {
    /// Records unit `i`; the issue when its name or code is an earlier unit's.
    fn check(
        &mut self,
        unit: &crate::evidence::Unit,
        i: usize,
        at: &DataPath,
    ) -> Option<CycleIssue> {
        let name = first(&mut self.names, &unit.name, i);
        let code = unit
            .code
            .as_deref()
            .and_then(|c| first(&mut self.codes, c, i));
        let (field, text, j) = match (name, code) {
            (Some(j), _) => ("name", unit.name.as_str(), j),
            (None, Some(j)) => ("code", unit.code.as_deref().unwrap_or_default(), j),
            (None, None) => return None,
        };
        Some(CycleIssue::new(
            at.key("unit").key(field),
            CycleIssueCode::DuplicateUnit,
            format!("`{text}` is already in the batch at units[{j}]"),
        ))
    }
}

/// The index of the unit that first had `text` (compared in NFC), when not unit `i`.
fn first(seen: &mut HashMap<String, usize>, text: &str, i: usize) -> Option<usize> {
    use unicode_normalization::UnicodeNormalization;
    let key: String = text.nfc().collect();
    let j = *seen.entry(key).or_insert(i);
    (j != i).then_some(j)
}

fn shape(path: DataPath, message: impl Into<String>) -> CycleError {
    CycleError::Invalid {
        issues: vec![CycleIssue::new(path, CycleIssueCode::WrongShape, message)],
    }
}

/// A batch scored: every unit's appraised scorecard, the ranking, the rankings per area and the
/// summaries per classification.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct BatchResult {
    /// The rule set's id.
    pub ruleset: String,
    /// The units' results, in batch order.
    pub units: Vec<UnitResult>,
    /// The ranking by total index, with the set's tie-break.
    pub ranking: Ranking,
    /// One ranking per area, by its sub-index (no tie-break).
    pub area_rankings: Vec<Ranking>,
    /// Summaries of the total index: all units, then each class in the set's order, then the
    /// units without a class.
    pub summaries: Vec<Summary>,
    /// One result per declared ranking group, in declaration order; empty without groups.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<GroupResult>,
}

/// A ranking group's result: its units ranked among themselves (unless the group is not
/// ranked) and its summaries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct GroupResult {
    /// The group as declared.
    pub group: RankingGroup,
    /// Its units ranked by total index with the set's tie-break (`entry` is the unit's
    /// position in the whole batch); absent for a group that is not ranked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ranking: Option<Ranking>,
    /// Summaries of its units' indexes: all, then per class.
    pub summaries: Vec<Summary>,
}

impl BatchResult {
    /// The batch result as pretty JSON (decimals as strings).
    ///
    /// # Errors
    /// Only if serialization itself fails, which these types do not cause.
    pub fn to_json_string(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string_pretty(self)
    }
}

/// How a batch is scored: how many threads it may use.
///
/// # Example
/// ```
/// use std::num::NonZeroUsize;
/// let one = par_index::assessment::BatchOptions { threads: NonZeroUsize::new(1) };
/// assert_eq!(par_index::assessment::BatchOptions::default().threads, None); // every core
/// # let _ = one;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BatchOptions {
    /// At most this many threads; `None`: as many as the machine offers
    /// (`std::thread::available_parallelism`). A thread is started only per 64 units.
    pub threads: Option<std::num::NonZeroUsize>,
}

/// [`score_batch`] with [`BatchOptions`]: a cap on the threads, for a service that shares its
/// cores. The result is byte for byte the same whatever the cap.
///
/// # Errors
/// As [`score_batch`].
pub fn score_batch_with(
    rs: &RuleSet,
    batch: &Batch,
    options: &BatchOptions,
) -> Result<BatchResult, CycleError> {
    score_batch_inner(rs, batch, options)
}

/// Scores every unit of a batch under one set and ranks them.
///
/// Units are scored on every core the machine offers (`std::thread::available_parallelism`,
/// at most one thread per 64 units; [`score_batch_with`] caps it); the result is the same on
/// any number of cores. On the
/// 2-core development machine, 10,000 units of the 100-leaf bench fixture take 1.2–1.4 s,
/// scorecards, rankings and summaries included (`cargo bench --bench engine -- score_batch`).
///
/// # Errors
/// [`CycleError::Invalid`] listing every problem of every unit, each under `units[i]`: a batch
/// or a unit prepared for another set (`ruleset`, `units[2].ruleset`), a unit of another level
/// (`units[3].unit.level`), of another year than the first unit (`units[1].period.year`), the
/// same unit twice (`units[4].unit.name`), and every evidence or appraisal problem.
/// [`CycleError::Overflow`] if a number leaves the range of a decimal.
///
/// # Example
/// ```
/// use par_index::{assessment::Batch, RuleSet, assessment::score_batch};
///
/// let rs = RuleSet::from_toml_str(r#"
/// id = "demo"
/// title = "Demo"
/// level = "commune"
/// years = { from = 2024 }
/// scale = 10
/// document = { number = "1/QĐ" }
/// [[areas]]
/// code = "1"
/// title = "Kết quả"
/// max = 10
/// provenance = { document = "1/QĐ", verified = false }
/// rule = { kind = "manual" }
/// "#)?;
/// let batch = Batch::from_json_str(r#"{ "units": [
///   { "unit": { "name": "Xã A", "level": "commune" }, "period": { "year": 2024 }, "evidence": { "1": { "points": "8" } } },
///   { "unit": { "name": "Xã B", "level": "commune" }, "period": { "year": 2024 }, "evidence": { "1": { "points": "9" } } },
///   { "unit": { "name": "Xã C", "level": "commune" }, "period": { "year": 2024 }, "evidence": { "1": { "points": "8" } } }
/// ] }"#)?;
/// let result = score_batch(&rs, &batch)?;
/// let ranks: Vec<(usize, &str)> = result.ranking.rows.iter().map(|r| (r.rank, r.unit.as_str())).collect();
/// assert_eq!(ranks, [(1, "Xã B"), (2, "Xã A"), (2, "Xã C")]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn score_batch(rs: &RuleSet, batch: &Batch) -> Result<BatchResult, CycleError> {
    score_batch_inner(rs, batch, &BatchOptions::default())
}

fn score_batch_inner(
    rs: &RuleSet,
    batch: &Batch,
    options: &BatchOptions,
) -> Result<BatchResult, CycleError> {
    let mut units = Vec::with_capacity(batch.units.len());
    let keep = |e: &BatchEntry, card| UnitResult {
        name: e.evidence.unit.name.clone(),
        card,
    };
    let mut sink = |u| {
        units.push(u);
        Ok::<(), CycleError>(())
    };
    let keys = run::run(rs, batch, (options, usize::MAX), &keep, &mut sink)?;
    let mut result = run::rankings(rs, batch, &keys)?;
    result.units = units;
    Ok(result)
}

/// Units scored per thread between two writes of a streamed batch: the scorecards held at
/// once are at most this many per thread.
const STREAMED_PER_THREAD: usize = 64;

/// A batch streamed to a writer could not be scored, or not written.
#[derive(Debug, thiserror::Error)]
pub enum BatchWriteError {
    /// The batch has problems (every one found is listed), or a number overflowed.
    #[error(transparent)]
    Cycle(#[from] CycleError),
    /// The writer failed; what it received is incomplete.
    #[error("writing the batch's scorecards: {0}")]
    Io(#[from] std::io::Error),
}

/// [`score_batch_with`], each unit's result written to `out` as soon as it is scored instead
/// of held: one line of JSON per unit (JSON Lines), in batch order, each a [`UnitResult`]
/// (`{"name": ..., "card": {...}}`, the same value as in [`BatchResult::units`]).
///
/// Returns the rankings and summaries, computed from a few numbers kept per unit: a
/// [`BatchResult`] whose `units` is empty. At most 64 scorecards per thread are held at once,
/// so memory does not grow with the batch's scorecards (only with its input and its rankings).
/// Each unit's JSON is written by the thread that scored it; the result is the same whatever
/// the threads.
///
/// # Errors
/// [`BatchWriteError::Cycle`] with the same problems as [`score_batch_with`]; once a problem
/// is found no more lines are written, and what was written is incomplete.
/// [`BatchWriteError::Io`] when `out` fails.
///
/// # Example
/// ```
/// use par_index::{assessment::Batch, assessment::BatchOptions, RuleSet, assessment::UnitResult, assessment::score_batch_to_writer};
/// # let rs = RuleSet::from_toml_str(r#"
/// # id = "demo"
/// # title = "Demo"
/// # level = "commune"
/// # years = { from = 2024 }
/// # scale = 10
/// # document = { number = "1/QĐ" }
/// # [[areas]]
/// # code = "1"
/// # title = "Kết quả"
/// # max = 10
/// # provenance = { document = "1/QĐ", verified = false }
/// # rule = { kind = "manual" }
/// # "#)?;
/// let batch = Batch::from_json_str(r#"{ "units": [
///   { "unit": { "name": "Xã A", "level": "commune" }, "period": { "year": 2024 }, "evidence": { "1": { "points": "8" } } },
///   { "unit": { "name": "Xã B", "level": "commune" }, "period": { "year": 2024 }, "evidence": { "1": { "points": "9" } } }
/// ] }"#)?;
/// let mut lines = Vec::new();
/// let result = score_batch_to_writer(&rs, &batch, &BatchOptions::default(), &mut lines)?;
/// assert!(result.units.is_empty());
/// assert_eq!(result.ranking.rows[0].unit, "Xã B"); // 9 of 10 before 8 of 10
/// let first: UnitResult = serde_json::from_str(std::str::from_utf8(&lines)?.lines().next().unwrap())?;
/// assert_eq!((first.name.as_str(), first.card.total.points.to_string().as_str()), ("Xã A", "8"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn score_batch_to_writer(
    rs: &RuleSet,
    batch: &Batch,
    options: &BatchOptions,
    mut out: impl std::io::Write,
) -> Result<BatchResult, BatchWriteError> {
    let keep = |e: &BatchEntry, card| {
        let unit = UnitResult {
            name: e.evidence.unit.name.clone(),
            card,
        };
        let mut line = serde_json::to_vec(&unit)?;
        line.push(b'\n');
        Ok::<_, std::io::Error>(line)
    };
    let mut sink =
        |line: std::io::Result<Vec<u8>>| Ok::<_, BatchWriteError>(out.write_all(&line?)?);
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let per_chunk = options.threads.map_or(cores, usize::from) * STREAMED_PER_THREAD;
    let keys = run::run(rs, batch, (options, per_chunk), &keep, &mut sink)?;
    out.flush()?;
    Ok(run::rankings(rs, batch, &keys)?)
}

/// The batch as a whole prepared for another set.
fn batch_set_issue(rs: &RuleSet, batch: &Batch) -> Option<CycleIssue> {
    let id = batch.ruleset.as_ref().filter(|id| *id != rs.id())?;
    Some(CycleIssue::new(
        DataPath::root().key("ruleset"),
        CycleIssueCode::RuleSetMismatch,
        format!("the batch was prepared for `{id}`, not for `{}`", rs.id()),
    ))
}

/// A unit prepared for another set than the batch's.
fn unit_set_issue(rs: &RuleSet, entry: &BatchEntry, at: &DataPath) -> Option<CycleIssue> {
    let id = entry
        .evidence
        .ruleset
        .as_ref()
        .filter(|id| *id != rs.id())?;
    Some(CycleIssue::new(
        at.key("ruleset"),
        CycleIssueCode::RuleSetMismatch,
        format!(
            "a batch is scored under one set: this unit was prepared for `{id}`, the batch is scored under `{}`",
            rs.id()
        ),
    ))
}

/// A unit of another year than the first unit's.
fn year_issue(first: Option<u16>, entry: &BatchEntry, at: &DataPath) -> Option<CycleIssue> {
    let (y, year) = (first?, entry.evidence.period.year);
    (year != y).then(|| {
        CycleIssue::new(
            at.key("period").key("year"),
            CycleIssueCode::PeriodMismatch,
            format!("year `{year}` differs from the batch's year `{y}` (units[0])"),
        )
    })
}

/// A unit names a declared group when there are groups, and none when there are not.
fn check_group(
    declared: &[RankingGroup],
    entry: &BatchEntry,
    at: &DataPath,
    issues: &mut Vec<CycleIssue>,
) {
    let ids = || {
        declared
            .iter()
            .map(|g| format!("`{}`", g.id))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let problem = match (&entry.group, declared.is_empty()) {
        (None, true) => return,
        (Some(g), true) => format!(
            "group `{g}` is not declared: neither the batch nor the set declares ranking groups"
        ),
        (None, false) => format!(
            "no `group`: the batch ranks in groups, name one of {}",
            ids()
        ),
        (Some(g), false) if declared.iter().any(|d| &d.id == g) => return,
        (Some(g), false) => format!("unknown group `{g}`: expected one of {}", ids()),
    };
    issues.push(CycleIssue::new(
        at.key("group"),
        CycleIssueCode::WrongShape,
        problem,
    ));
}
