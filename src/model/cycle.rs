//! Rule-set fields for the assessment cycle: assessment without survey, bonus and penalty caps,
//! the ranking tie-break.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What a set does when a unit is assessed without survey evidence (đánh giá không có điều tra
/// xã hội học).
///
/// Written `survey_optional = "rescale"` in a rule-set file. Without the field, a survey leaf
/// without evidence scores 0 like any other leaf.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SurveyOptional {
    /// The appraised part is brought to the scale ("quy về thang điểm 100"): index = appraised
    /// points ÷ applicable appraised maximum × 100, and the scorecard says it was rescaled.
    Rescale,
}

/// A ranking group (nhóm xếp hạng): units of one set ranked among themselves, with their own
/// summaries (departments, wards, communes and special zones; ministries, and agencies that are
/// scored but not ranked).
///
/// Declared by a set (`ranking_groups = [{ id = "phuong", label = "Phường" }]`) or by a batch
/// (`"groups": [...]`, which then replaces the set's); each unit of the batch names its group.
///
/// # Example
/// ```
/// let g: par_index::criteria::RankingGroup =
///     serde_json::from_str(r#"{ "id": "dac_thu", "label": "Cơ quan đặc thù", "ranked": false }"#)?;
/// assert!(!g.ranked);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RankingGroup {
    /// The id units name as their `group`.
    pub id: String,
    /// The group's name for people, e.g. `Sở, ban, ngành`.
    pub label: String,
    /// Whether its units are ranked (default true); an unranked group is scored and
    /// summarised, and left out of every ranking.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub ranked: bool,
}

fn yes() -> bool {
    true
}

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if passes a reference"
)]
fn is_true(b: &bool) -> bool {
    *b
}

/// How units with the same total index are ordered in a ranking.
///
/// Units that still tie after the tie-break share a rank (1, 2, 2, 4). Written
/// `tie_break = { by = "appraised_points" }` or `tie_break = { by = "area", code = "2" }`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "by", rename_all = "snake_case", deny_unknown_fields)]
pub enum TieBreak {
    /// No tie-break: equal indexes share a rank (the default; no official rule was found).
    #[default]
    None,
    /// The higher appraised-part points (điểm thẩm định) rank first.
    AppraisedPoints,
    /// The higher sub-index of the named area (chỉ số thành phần) ranks first.
    Area {
        /// The area's code.
        code: String,
    },
}

impl TieBreak {
    pub(crate) fn is_none(&self) -> bool {
        *self == TieBreak::None
    }
}
