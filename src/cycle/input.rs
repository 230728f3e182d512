//! What an appraisal council writes: the rounds of changes (thẩm định lần 1, lần 2), the bonus
//! and penalty items, read from JSON. The cycle's computations read these; they import
//! nothing back.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::decimal::{Dec, DecOpt};
use crate::error::{CycleError, CycleIssue, CycleIssueCode, join};
use crate::evidence::LeafEvidence;
use crate::json::{Bounds, Count};
use crate::limits::Limits;
use crate::path::DataPath;

/// A unit's appraisal record: the rounds of changes, and the bonus and penalty points.
///
/// Read from JSON (decimals as strings):
///
/// ```json
/// {
///   "rounds": [
///     { "round": 1, "changes": {
///         "1.1.4": { "evidence": { "numerator": 25, "denominator": 36 },
///                    "reason": "6 nhiệm vụ chưa có tài liệu kiểm chứng" } } },
///     { "round": 2, "note": "sau giải trình", "changes": {
///         "2.4": { "points": "2", "reason": "đã bổ sung biên bản" } } }
///   ],
///   "bonus": [ { "points": "0.5", "reason": "sáng kiến được công nhận" } ],
///   "penalty": [ { "points": "1", "reason": "báo cáo trễ hạn" } ]
/// }
/// ```
///
/// The final points of a leaf are those of the last round that changes it, else the
/// self-assessment. Paths in errors are under `appraisal` (`appraisal.rounds[1].changes["2.4"]`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Appraisal {
    /// The rounds, in order: round 1, then round 2 after the unit's explanations (giải trình).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rounds: Vec<Round>,
    /// Bonus points (điểm thưởng), outside the areas, capped by the set's `bonus_max`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bonus: Vec<Adjustment>,
    /// Penalty points (điểm phạt), outside the areas, capped by the set's `penalty_max`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub penalty: Vec<Adjustment>,
}

impl Appraisal {
    /// Reads an appraisal record from JSON.
    ///
    /// # Errors
    /// [`CycleError::Invalid`] with the path (under `appraisal`) of a malformed value.
    ///
    /// # Example
    /// ```
    /// let a = par_index::assessment::Appraisal::from_json_str(
    ///     r#"{ "rounds": [ { "round": 1, "changes": { "1.1": { "points": "0.5", "reason": "thiếu báo cáo" } } } ] }"#,
    /// )?;
    /// assert_eq!(a.rounds[0].changes["1.1"].points.unwrap().to_string(), "0.5");
    /// # Ok::<(), par_index::assessment::CycleError>(())
    /// ```
    pub fn from_json_str(text: &str) -> Result<Appraisal, CycleError> {
        Appraisal::from_json_str_with_limits(text, &Limits::default())
    }

    /// [`Appraisal::from_json_str`] with custom [`Limits`]: `max_file_bytes`, `max_nesting`,
    /// `max_string_len`, `max_rounds` and `max_adjustments`, checked before the text is read.
    ///
    /// # Errors
    /// As [`Appraisal::from_json_str`]; [`CycleIssueCode::Limit`] past a limit, naming it
    /// (`appraisal.bonus`).
    pub fn from_json_str_with_limits(text: &str, limits: &Limits) -> Result<Appraisal, CycleError> {
        let counts = appraisal_counts(limits, ALONE);
        let bounds = Bounds::file(limits).with_counts(&counts);
        from_json(text, &DataPath::root().key("appraisal"), &bounds)
    }
}

/// One appraisal round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Round {
    /// The round's number: 1, 2, ... in order.
    pub round: u32,
    /// When it was held, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// A note, e.g. `sau giải trình` (after the unit's explanations).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The changes, by leaf code.
    #[serde(default)]
    pub changes: BTreeMap<String, Change>,
}

/// One change to a leaf: replacement evidence, or points given directly, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// Evidence replacing the unit's, scored by the leaf's rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<LeafEvidence>,
    /// Points set directly, within [floor, max] (the floor is 0 unless the leaf is a
    /// `deduction` with a negative `min_points`).
    #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
    pub points: Option<Decimal>,
    /// Why the appraiser changed the leaf; required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// One bonus or penalty item: its points (0 or more) and the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Adjustment {
    /// Points, 0 or more.
    #[serde(with = "Dec")]
    pub points: Decimal,
    /// Why; required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Reads JSON into `T` within `bounds`; a problem is reported under `prefix`.
pub(super) fn from_json<T: DeserializeOwned>(
    text: &str,
    prefix: &DataPath,
    bounds: &Bounds<'_>,
) -> Result<T, CycleError> {
    crate::json::read_within(text, bounds).map_err(|f| {
        let path = join(prefix, &f.path);
        let code = match f.limit {
            Some(_) => CycleIssueCode::Limit,
            None => CycleIssueCode::WrongShape,
        };
        CycleError::Invalid {
            issues: vec![CycleIssue::new(
                path,
                code,
                format!("{} (line {}, column {})", f.message, f.line, f.column),
            )],
        }
    })
}

/// Where an appraisal's `rounds`, `bonus` and `penalty` sit: read alone, in a batch entry,
/// in a batch.
pub(super) type Lists = [&'static [&'static str]; 3];
pub(super) const ALONE: Lists = [&["rounds"], &["bonus"], &["penalty"]];
/// The counts of an appraisal's lists at `lists`.
pub(super) fn appraisal_counts(limits: &Limits, lists: Lists) -> [Count; 3] {
    let [rounds, bonus, penalty] = lists;
    let items = |at, name, max| Count { at, name, max };
    [
        items(rounds, "max_rounds", limits.max_rounds),
        items(bonus, "max_adjustments", limits.max_adjustments),
        items(penalty, "max_adjustments", limits.max_adjustments),
    ]
}
