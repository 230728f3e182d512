//! An evidence submission (tài liệu kiểm chứng): the unit, the period and one value per leaf.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::decimal::DecimalSchema;
use crate::error::EvidenceError;
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
/// # Ok::<(), par_index::EvidenceError>(())
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
}

impl Evidence {
    /// Reads evidence from JSON.
    ///
    /// # Errors
    /// [`EvidenceError`] with the path, line and column of the first value that is malformed,
    /// of an unknown field, or of the wrong type (a float where a decimal string belongs);
    /// [`EvidenceError::TooLarge`] past the default file-size limit (4 MiB).
    pub fn from_json_str(text: &str) -> Result<Evidence, EvidenceError> {
        Evidence::from_json_str_with_limits(text, &crate::Limits::default())
    }

    /// [`Evidence::from_json_str`] with custom [`Limits`](crate::Limits) (only
    /// `max_file_bytes` applies when reading; the other evidence limits apply when evaluating).
    ///
    /// # Errors
    /// [`EvidenceError::TooLarge`] past `max_file_bytes`; otherwise as
    /// [`Evidence::from_json_str`].
    pub fn from_json_str_with_limits(
        text: &str,
        limits: &crate::Limits,
    ) -> Result<Evidence, EvidenceError> {
        if text.len() > limits.max_file_bytes {
            return Err(EvidenceError::TooLarge {
                bytes: text.len(),
                limit: limits.max_file_bytes,
            });
        }
        let mut de = serde_json::Deserializer::from_str(text);
        let parsed: Result<Evidence, _> = serde_path_to_error::deserialize(&mut de);
        let ev = parsed.map_err(|e| {
            let path = crate::DataPath::from(e.path());
            let inner = e.into_inner();
            EvidenceError::Json {
                path,
                line: inner.line(),
                column: inner.column(),
                message: crate::error::clean_serde_message(&inner.to_string()),
            }
        })?;
        de.end().map_err(|e| EvidenceError::Json {
            path: crate::DataPath::root(),
            line: e.line(),
            column: e.column(),
            message: crate::error::clean_serde_message(&e.to_string()),
        })?;
        Ok(ev)
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
/// | `check` | `met`, or `conditions` (one yes/no per named condition) |
/// | `ratio_bands`, `proportional` | `numerator` + `denominator`, or `tasks`, or `percent` |
/// | `count_bands`, `deduction` | `count` |
/// | `survey` | `answers` (count per option), or `points` |
/// | `manual` | `points` |
///
/// Any leaf may instead be marked `not_applicable` with a reason; `note` is free text.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
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
    #[serde(
        default,
        with = "crate::decimal::strict_opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<DecimalSchema>")]
    pub numerator: Option<Decimal>,
    /// Ratio rules: the whole (tasks planned, applications received, amount planned).
    #[serde(
        default,
        with = "crate::decimal::strict_opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<DecimalSchema>")]
    pub denominator: Option<Decimal>,
    /// Ratio rules: the planned tasks with their statuses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tasks: Option<Vec<Task>>,
    /// Ratio rules: the share in % when only the share is known.
    #[serde(
        default,
        with = "crate::decimal::strict_opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<DecimalSchema>")]
    pub percent: Option<Decimal>,
    /// `count_bands`, `deduction`: the number counted (meetings, violations).
    #[serde(
        default,
        with = "crate::decimal::strict_opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<DecimalSchema>")]
    pub count: Option<Decimal>,
    /// `survey`: the number of respondents who chose each option.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<BTreeMap<String, u64>>")]
    pub answers: Option<BTreeMap<String, u64>>,
    /// `manual`, `survey`: points given directly.
    #[serde(
        default,
        with = "crate::decimal::strict_opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<DecimalSchema>")]
    pub points: Option<Decimal>,
    /// Free text: where the figure comes from, remarks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
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
