//! Evidence (tài liệu kiểm chứng): what a unit submits for a period, one value per leaf.
//!
//! [`Evidence`] is read from JSON ([`Evidence::from_json_str`], [`Evidence::from_path`]),
//! with limits on size and nesting checked before the work they bound; a malformed value is an
//! [`EvidenceError`] naming its path (`evidence["3.2.1"].numerator`) and, for a file, the
//! line and column. Each leaf's value ([`LeafEvidence`]) has the shape of that leaf's rule:
//! a count, a numerator and denominator, a task list, an outcome, documents cited.
//!
//! The figures a unit quotes in Vietnamese forms ("81,25%", "4.857") are read by
//! [`parse_reported`]; official document references ("Kế hoạch số 05/KH-UBND ngày
//! 12/01/2023") by [`DocRef`].

pub(crate) mod bounds;

pub use crate::docref::{DateError, DocDate, DocKind, DocRef, DocRefError};
pub use crate::error::{EvidenceError, EvidenceIssue, EvidenceIssueCode};
pub use crate::number::{NumberError, ReportedNumber, parse_reported};

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::decimal::DecOpt;
use crate::model::{TaskStatus, UnitLevel};

/// A unit's evidence for one period: one value per leaf code, in that leaf's shape.
///
/// # Example
/// ```
/// let ev = par_index::Evidence::from_json_str(r#"{
///   "unit": { "name": "Thị xã Duyên Hải", "level": "district" },
///   "period": { "year": 2023, "quarter": 3 },
///   "evidence": { "1.1.4": { "numerator": 13, "denominator": 16 } }
/// }"#)?;
/// assert!(ev.period.is_provisional());
/// # Ok::<(), par_index::evidence::EvidenceError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// The unit assessed.
    pub unit: Unit,
    /// The period the evidence covers.
    pub period: Period,
    /// The criteria set the evidence was prepared for, when stated; checked against the set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ruleset: Option<String>,
    /// One value per leaf code.
    #[serde(default)]
    pub evidence: BTreeMap<String, LeafEvidence>,
    /// The bonus items the unit claims (điểm thưởng), keyed by the set's item code, each value
    /// in its rule's shape (`{ "count": 3 }`, `{ "level": "thu_tuong" }`). An item not claimed
    /// scores 0 and is not reported as missing: a bonus is claimed, not owed.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub bonus: BTreeMap<String, LeafEvidence>,
    /// The penalty items the unit declares (điểm trừ), keyed and shaped like `bonus`; an item
    /// not declared scores 0.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub penalty: BTreeMap<String, LeafEvidence>,
    /// Figures of the report that belong to no scored leaf (số liệu báo cáo), recorded so
    /// that [`audit`](crate::analysis::audit()) can check them: totals beside their parts, percentages
    /// beside the figures they are of.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<Figure>,
}

impl Evidence {
    /// Reads evidence from JSON.
    ///
    /// # Errors
    /// [`EvidenceError`] with the path, line and column of the first value that is malformed,
    /// of an unknown field, or of the wrong type (a float where a decimal string belongs);
    /// [`EvidenceError::TooLarge`] past the default file-size limit (4 MiB).
    pub fn from_json_str(text: &str) -> Result<Evidence, EvidenceError> {
        Evidence::from_json_str_with_limits(text, &crate::limits::Limits::default())
    }

    /// [`Evidence::from_json_str`] with custom [`Limits`](crate::criteria::Limits) (`max_file_bytes`,
    /// `max_nesting` and `max_string_len` apply when reading; the other evidence limits apply
    /// when evaluating).
    ///
    /// # Errors
    /// [`EvidenceError::TooLarge`] past `max_file_bytes`; [`EvidenceError::Limit`] at a value
    /// nested deeper than `max_nesting` or a string longer than `max_string_len`; otherwise as
    /// [`Evidence::from_json_str`].
    pub fn from_json_str_with_limits(
        text: &str,
        limits: &crate::limits::Limits,
    ) -> Result<Evidence, EvidenceError> {
        if text.len() > limits.max_file_bytes {
            return Err(EvidenceError::TooLarge {
                bytes: text.len(),
                limit: limits.max_file_bytes,
            });
        }
        crate::json::read_within(text, &crate::json::Bounds::file(limits))
            .map_err(EvidenceError::from_json_fault)
    }

    /// Reads evidence from a JSON file; errors name the file beside the path, line and column.
    ///
    /// # Errors
    /// [`EvidenceError::Io`] when the file cannot be read; [`EvidenceError::TooLarge`] past
    /// the default `max_file_bytes`, found after reading at most one byte more; otherwise as
    /// [`Evidence::from_json_str`], with the file named.
    ///
    /// # Example
    /// ```
    /// let ev = par_index::Evidence::from_path("examples/data/duyen-hai-2023-q3.json")?;
    /// assert_eq!(ev.unit.name, "Thị xã Duyên Hải");
    /// # Ok::<(), par_index::evidence::EvidenceError>(())
    /// ```
    pub fn from_path(path: impl AsRef<std::path::Path>) -> Result<Evidence, EvidenceError> {
        let path = path.as_ref();
        let limit = crate::limits::Limits::default().max_file_bytes;
        let io = |message: String| EvidenceError::Io {
            file: path.to_path_buf(),
            message,
        };
        let bytes = crate::limits::read_bounded(path, limit).map_err(|e| io(e.to_string()))?;
        let bytes = bytes.map_err(|bytes| EvidenceError::TooLarge { bytes, limit })?;
        let text = String::from_utf8(bytes).map_err(|e| io(e.to_string()))?;
        Evidence::from_json_str(&text).map_err(|e| e.with_file(path))
    }

    /// Writes the evidence as pretty JSON.
    ///
    /// # Errors
    /// Only if serialization itself fails, which the types here do not cause.
    pub fn to_json_string(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string_pretty(self)
    }
}

/// The unit assessed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// Name, e.g. `Thị xã Duyên Hải`.
    pub name: String,
    /// Level; must be the level of the criteria set.
    pub level: UnitLevel,
    /// A code the portal uses for the unit, when any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The province the unit belongs to, when any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
}

/// The period evidence covers: a year, or a quarter or month of it (then results are
/// provisional).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// The assessment year.
    pub year: u16,
    /// Quarter 1–4, for a quarterly report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quarter: Option<u8>,
    /// Month 1–12, for a monthly report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month: Option<u8>,
}

impl Period {
    /// Whether a result for this period is provisional (a quarter or a month, not the year).
    #[must_use]
    pub fn is_provisional(&self) -> bool {
        self.quarter.is_some() || self.month.is_some()
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.quarter, self.month) {
            (Some(q), _) => write!(f, "Q{q} {}", self.year),
            (None, Some(m)) => write!(f, "{:02}/{}", m, self.year),
            (None, None) => write!(f, "{}", self.year),
        }
    }
}

/// The evidence for one leaf. Which fields a leaf takes depends on its rule kind:
///
/// | rule kind | fields |
/// |---|---|
/// | `levels` | `level` |
/// | `check` | `met`, or `conditions` (one yes/no per named condition), or `no_cases` |
/// | `ratio_bands`, `proportional` | `numerator` + `denominator`, `tasks`, `percent`, or `no_cases` |
/// | `count_bands`, `deduction`, `per_item` | `count` |
/// | `survey` | `answers` (count per option), or `points` |
/// | `manual` | `points` |
/// | `deadline` | `documents` (references; `[]` when none was issued), or `date` |
///
/// Any leaf may instead be marked `not_applicable` with a reason; `note` is free text. Any leaf
/// may cite `documents` (a leaf whose node sets `without_documents` is capped without them) and
/// carry its figures as `reported`, which [`audit`](crate::analysis::audit()) checks and scoring ignores.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
// Fields stay in declaration order: the ones scoring reads come first and sit together in a
// few cache lines; `documents`, `reported` and `note`, which scoring rarely or never reads,
// come last. A batch of thousands of units is bound by these reads.
#[repr(C)]
pub struct LeafEvidence {
    /// The leaf does not apply to the unit this period; the reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_applicable: Option<String>,
    /// `levels`: the id of the outcome reached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// `check` without named conditions: whether it is met.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub met: Option<bool>,
    /// `check` with named conditions: whether each holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conditions: Option<BTreeMap<String, bool>>,
    /// Ratio rules: the part (tasks done, applications online, amount disbursed).
    #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
    pub numerator: Option<Decimal>,
    /// Ratio rules: the whole (tasks planned, applications received, amount planned).
    #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
    pub denominator: Option<Decimal>,
    /// Ratio rules: the planned tasks with their statuses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tasks: Option<Vec<Task>>,
    /// Ratio rules: the share in % when only the share is known.
    #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
    pub percent: Option<Decimal>,
    /// `count_bands`, `deduction`, `per_item`: the number counted (meetings, violations,
    /// initiatives).
    #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
    pub count: Option<Decimal>,
    /// `survey`: the number of respondents who chose each option.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<BTreeMap<String, u64>>")]
    pub answers: Option<BTreeMap<String, u64>>,
    /// `manual`, `survey`: points given directly.
    #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
    pub points: Option<Decimal>,
    /// `deadline`: the date the document was issued, `YYYY-MM-DD`, when no document is cited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Ratio, proportional and check leaves: `true` when nothing arose to count in the period
    /// (trường hợp không phát sinh: no file received, no violation to handle); the leaf then
    /// scores what the rule's `when_no_cases` says. Takes no other value beside it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_cases: Option<bool>,
    /// Documents cited as evidence, in the official form: `Kế hoạch số 05/KH-UBND ngày
    /// 12/01/2023 về ...` (see [`DocRef`]). A `deadline` leaf scores the first
    /// one that parses with a date; an empty list says none was issued.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documents: Option<Vec<String>>,
    /// The figures as the unit reported them, for [`audit`](crate::analysis::audit()) to check against the
    /// values above; never used for scoring.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reported: Option<Box<Reported>>,
    /// Free text: where the figure comes from, remarks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A leaf's figures as reported, written as in the report (`"81,25%"`, `"4.857"`; see
/// [`parse_reported`]).
///
/// - `percent` is checked against the leaf's `numerator` ÷ `denominator` (or its task list,
///   or its `percent`), at the precision it was reported with;
/// - `numerator`, `denominator` are checked against the leaf's values (contradictory counts);
/// - `parts` must add up to `total`, or to the leaf's `denominator` when `total` is absent
///   ("received = resolved + pending").
///
/// # Example
/// ```json
/// "3.2.1": { "numerator": 3800, "denominator": 4857,
///   "reported": { "percent": "78,24%", "parts": { "online": "3.800", "direct": "1.057" },
///                 "text": "trực tuyến là 3.800 hồ sơ đạt 78,24%" } }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reported {
    /// The share reported for numerator ÷ denominator, e.g. `81,25%`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent: Option<String>,
    /// The part as the report writes it, when it states it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numerator: Option<String>,
    /// The whole as the report writes it, when it states it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<String>,
    /// A total the parts must add up to; the leaf's denominator when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<String>,
    /// Named parts of the total.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parts: Option<BTreeMap<String, String>>,
    /// The sentence of the report the figures come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// A figure of the report that belongs to no scored leaf, for the audit: a value with its
/// parts, or a percentage of another figure.
///
/// # Example
/// ```json
/// "figures": [
///   { "id": "received", "label": "Tổng số hồ sơ", "value": "4.857",
///     "parts": { "resolved": "4.733", "pending": "124" } },
///   { "id": "igate", "value": "4.337", "percent": "89,92%", "of": "received" }
/// ]
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// An id, unique among the figures, that `of` refers to.
    pub id: String,
    /// What the figure is, as the report says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The figure as reported, e.g. `4.857` or `234.708.830.632 đồng`.
    pub value: String,
    /// Named parts that must add up to `value`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parts: Option<BTreeMap<String, String>>,
    /// The share reported for `value` ÷ the value of figure `of`, e.g. `89,92%`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent: Option<String>,
    /// The id of the figure `percent` is of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of: Option<String>,
    /// The id of another figure that states the same count or amount (the report gives it
    /// twice): the two must agree.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub equals: Option<String>,
    /// The sentence of the report the figure comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// One planned task and its status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Task {
    /// What the task is.
    pub name: String,
    /// Where it stands.
    pub status: TaskStatus,
}
