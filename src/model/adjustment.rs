//! Bonus and penalty items (điểm thưởng, điểm trừ) declared by a set, outside the areas.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Provenance, RuleDef};
use crate::decimal::Dec;

/// One bonus or penalty item of a set (`[[bonus]]`, `[[penalty]]`): a code, a title, its own
/// cap (`max`), a rule and where it comes from, like a leaf; the unit's evidence claims it.
///
/// The rule is one of `levels` (an award level: Bằng khen Thủ tướng / Bộ / UBND tỉnh),
/// `check`, `per_item` ("0,5 điểm mỗi sáng kiến, tối đa 2 điểm"; for a penalty, points taken
/// off per violation), `count_bands` or `manual`. The item scores within `[0, max]`; a bonus
/// is added to the areas and a penalty taken off, after the set's `bonus_max` / `penalty_max`.
/// An item the unit does not claim scores 0 and is not reported as missing evidence: a bonus
/// is claimed, not owed.
///
/// # Example
/// ```
/// let item: par_index::criteria::AdjustmentDef = toml::from_str(r#"
/// code = "T.1"
/// title = "Sáng kiến CCHC được công nhận"
/// max = "2"
/// rule = { kind = "per_item", per_item = "0.5" }
/// provenance = { document = "5666/QĐ-UBND", clause = "Nội dung (9)", verified = false }
/// "#)?;
/// assert_eq!(item.max.to_string(), "2");
/// # Ok::<(), toml::de::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct AdjustmentDef {
    /// Code, unique among the set's nodes and items (e.g. `T.1`, `P.2`); the evidence's
    /// `bonus` or `penalty` map is keyed by it.
    pub code: String,
    /// Title in Vietnamese, as in the annex.
    pub title: String,
    /// Title in English, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
    /// The item's own cap (điểm tối đa của mục): it scores within `[0, max]`.
    #[serde(with = "Dec")]
    pub max: Decimal,
    /// How the claim is scored.
    pub rule: RuleDef,
    /// The rule as the annex writes it, verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wording: Option<String>,
    /// The evidence the item expects (tài liệu kiểm chứng), as text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    /// Where the item comes from; required (an item has no parent to inherit it from).
    pub provenance: Provenance,
    /// A free note for authors and users.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Whether an item adds to the total (bonus, điểm thưởng) or takes off it (penalty, điểm trừ).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Sign {
    /// Added to the areas (điểm thưởng).
    Bonus,
    /// Taken off the areas (điểm trừ).
    Penalty,
}

impl Sign {
    /// The name used in files and evidence: `bonus`, `penalty`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Sign::Bonus => "bonus",
            Sign::Penalty => "penalty",
        }
    }
}
