//! The criteria-set data model (bộ tiêu chí) as written in `criteria/<id>/ruleset.toml`.
//!
//! These are plain serde + schemars types: what a file says, before any check. A
//! [`RuleSetDef`] becomes a usable [`RuleSet`](crate::RuleSet) only through
//! [`validate`](crate::criteria::validate), which checks every rule and collects every problem.

mod adjustment;
mod cycle;
mod extension;
mod node;
mod rule;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::decimal::{Dec, DecOpt, RoundingMode};

pub use adjustment::{AdjustmentDef, Sign};
pub use cycle::{RankingGroup, SurveyOptional, TieBreak};
pub use extension::{Addition, ExtensionDef};
pub use node::{NodeDef, Part, Provenance};
pub use rule::{
    BandDef, ConditionDef, EmptyPolicy, LevelDef, NoCases, RuleDef, RuleKind, TaskStatus, WeightDef,
};

/// A whole criteria set as written in its file: metadata and the tree of areas.
///
/// # Example
/// ```
/// let text = r#"
/// id = "demo"
/// title = "Bộ tiêu chí mẫu"
/// level = "district"
/// years = { from = 2023 }
/// scale = "1"
/// document = { number = "01/QĐ-UBND" }
///
/// [[areas]]
/// code = "1"
/// title = "Công tác chỉ đạo, điều hành"
/// max = "1"
/// provenance = { document = "01/QĐ-UBND", verified = false }
/// rule = { kind = "check" }
/// "#;
/// let def: par_index::criteria::RuleSetDef = toml::from_str(text)?;
/// assert_eq!(def.areas.len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RuleSetDef {
    /// Stable identifier, also the folder name under `criteria/` (e.g. `tra-vinh-district-2023`).
    pub id: String,
    /// Title in Vietnamese.
    pub title: String,
    /// Title in English, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
    /// What the set is and, for reconstructions, what is known and what is not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The document that issues the set (Quyết định, Đề án, ...).
    pub document: DocumentRef,
    /// The level of units the set scores.
    pub level: UnitLevel,
    /// The assessment years the set applies to.
    pub years: Years,
    /// Why the set is kept for the years it scored but no longer applies going forward (the
    /// level abolished, the Đề án replaced), when it is so; absent for a set in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub historical: Option<String>,
    /// The scale maximum (thang điểm): usually 100, not always (a 60-point set exists).
    #[serde(with = "Dec")]
    pub scale: Decimal,
    /// How the scale splits into an appraised part and a survey part, when the set says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parts: Option<Parts>,
    /// Classification bands (xếp loại), best first; lower bounds are inclusive.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub classification: Vec<ClassBand>,
    /// How points and indexes are rounded.
    #[serde(default, skip_serializing_if = "Rounding::is_default")]
    pub rounding: Rounding,
    /// What a leaf marked not applicable scores, unless the leaf says otherwise.
    #[serde(default, skip_serializing_if = "NaPolicy::is_default")]
    pub not_applicable: NaPolicy,
    /// Whether a unit may be assessed without survey evidence, and how its index is then
    /// computed (see [`SurveyOptional`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub survey_optional: Option<SurveyOptional>,
    /// Cap on bonus points (điểm thưởng tối đa), added outside the areas. Absent: a set with
    /// `[[bonus]]` items has no overall cap (each item has its own), a set without gives no
    /// bonus.
    #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
    pub bonus_max: Option<Decimal>,
    /// Cap on penalty points (điểm phạt tối đa), taken off outside the areas. Absent: a set
    /// with `[[penalty]]` items has no overall cap, a set without gives no penalty.
    #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
    pub penalty_max: Option<Decimal>,
    /// Bonus items (điểm thưởng) the unit's evidence may claim (`[[bonus]]`), each with its
    /// rule and cap; their sum is capped by `bonus_max` when given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bonus: Vec<AdjustmentDef>,
    /// Penalty items (điểm trừ) the unit's evidence declares (`[[penalty]]`), each with its
    /// rule and cap; their sum is capped by `penalty_max` when given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub penalty: Vec<AdjustmentDef>,
    /// Whether areas + bonus − penalty may pass the maximum the index divides by (the scale,
    /// less what left it); default false: the total is brought down to it and the clamp
    /// reported.
    #[serde(default, skip_serializing_if = "is_false")]
    pub total_above_scale: bool,
    /// Whether areas + bonus − penalty may fall below 0; default false: the total is brought
    /// up to 0 and the clamp reported.
    #[serde(default, skip_serializing_if = "is_false")]
    pub total_below_zero: bool,
    /// How units with equal indexes are ordered in a ranking.
    #[serde(default, skip_serializing_if = "TieBreak::is_none")]
    pub tie_break: TieBreak,
    /// The groups a batch ranks its units in, when the set declares them (a batch may declare
    /// its own instead).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ranking_groups: Vec<RankingGroup>,
    /// The areas (lĩnh vực), each a tree of criteria (tiêu chí) and sub-criteria
    /// (tiêu chí thành phần).
    pub areas: Vec<NodeDef>,
}

/// The answer of [`RuleSet::builtin_for`](crate::RuleSet::builtin_for) when no bundled set
/// scores the level in the year: what was asked and every set considered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize, JsonSchema)]
#[error(
    "không có bộ tiêu chí nào cho cấp `{level}` năm {year} / no bundled set scores level `{level}` in {year}; sets considered: {}",
    considered_list(.considered)
)]
pub struct NoSetInForce {
    /// The level asked for.
    pub level: UnitLevel,
    /// The assessment year asked for.
    pub year: u16,
    /// Every bundled set: its id, level and years (`2022–2023`, `2025–`).
    pub considered: Vec<(String, UnitLevel, String)>,
}

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if passes a reference"
)]
fn is_false(b: &bool) -> bool {
    !*b
}

fn considered_list(sets: &[(String, UnitLevel, String)]) -> String {
    sets.iter()
        .map(|(id, level, years)| format!("`{id}` ({level}, {years})"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl std::fmt::Display for Years {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.to {
            Some(to) if to == self.from => write!(f, "{to}"),
            Some(to) => write!(f, "{}–{to}", self.from),
            None => write!(f, "{}–", self.from),
        }
    }
}

/// A reference to an official document: its number and symbol, and optionally more.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct DocumentRef {
    /// Number and symbol, e.g. `876/QĐ-BNV`.
    pub number: String,
    /// The document's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Date of signing, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Who issued it (e.g. `Bộ Nội vụ`, `UBND tỉnh Cà Mau`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// Where the text can be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// The level of administrative unit a criteria set scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum UnitLevel {
    /// Ministry or ministerial-level agency (bộ, cơ quan ngang bộ).
    Ministry,
    /// Province or centrally-run city (tỉnh, thành phố trực thuộc trung ương).
    Province,
    /// Provincial department (sở, ban, ngành).
    Department,
    /// District level (huyện, quận, thị xã, thành phố thuộc tỉnh).
    District,
    /// Commune level (xã, phường, thị trấn).
    Commune,
}

impl std::fmt::Display for UnitLevel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            UnitLevel::Ministry => "ministry",
            UnitLevel::Province => "province",
            UnitLevel::Department => "department",
            UnitLevel::District => "district",
            UnitLevel::Commune => "commune",
        })
    }
}

/// The assessment years a set applies to: `from`, and `to` when the set has an end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Years {
    /// First assessment year.
    pub from: u16,
    /// Last assessment year, inclusive; open-ended when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<u16>,
}

impl Years {
    /// Whether `year` falls within these years.
    #[must_use]
    pub fn contains(&self, year: u16) -> bool {
        year >= self.from && self.to.is_none_or(|to| year <= to)
    }
}

/// The split of the scale into the appraised part (tự đánh giá, thẩm định) and the survey part
/// (điều tra xã hội học), e.g. 68 + 32.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Parts {
    /// Maximum of the points scored by self-assessment and appraisal.
    #[serde(with = "Dec")]
    pub appraised: Decimal,
    /// Maximum of the points scored by the sociological survey.
    #[serde(with = "Dec")]
    pub survey: Decimal,
}

/// One classification band: an index from `at_least` (inclusive) up to `below` (exclusive).
///
/// Bands are listed best first. The best band has no `below`; any other band may state
/// `below`, which must equal the `at_least` of the band above it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ClassBand {
    /// Short label, e.g. `A`, `Nhóm I`, `Tốt`.
    pub label: String,
    /// Longer name, e.g. `Nhóm A`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Lowest index (in %) of the band, inclusive ("từ ... trở lên").
    #[serde(with = "Dec")]
    pub at_least: Decimal,
    /// Index (in %) the band stays under ("đến dưới ...").
    #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
    pub below: Option<Decimal>,
}

/// The rounding policy: how many decimals leaf points and indexes keep, and the mode.
///
/// Leaf points are rounded once, when scored; parents add rounded leaves exactly; every index
/// (points ÷ applicable maximum × 100) is rounded once. Default: 2 and 2 decimals, half-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Rounding {
    /// Decimals kept on a leaf's points.
    #[serde(default = "two")]
    pub points: u32,
    /// Decimals kept on an index (%).
    #[serde(default = "two")]
    pub index: u32,
    /// The rounding mode.
    #[serde(default)]
    pub mode: RoundingMode,
}

fn two() -> u32 {
    2
}

impl Default for Rounding {
    fn default() -> Self {
        Rounding {
            points: 2,
            index: 2,
            mode: RoundingMode::HalfUp,
        }
    }
}

impl Rounding {
    fn is_default(&self) -> bool {
        *self == Rounding::default()
    }
}

/// What a leaf marked not applicable in the evidence scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NaPolicy {
    /// The leaf leaves the maximum: index = points ÷ applicable maximum.
    #[default]
    Exclude,
    /// The leaf scores its full points ("no case arose in the year").
    FullPoints,
}

impl NaPolicy {
    fn is_default(&self) -> bool {
        *self == NaPolicy::Exclude
    }
}
