//! Bonus and penalty items of a scorecard (điểm thưởng, điểm trừ) and the total they make:
//! areas + bonus − penalty, each capped, brought within `[0, max]` unless the set allows more.

use std::fmt;
use std::sync::Arc;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Class, LeafResult};
use crate::decimal::{Dec, DecOpt, plain};
use crate::model::{RuleSetDef, Sign};

/// The bonus and penalty of a scorecard when its set declares items (`[[bonus]]`,
/// `[[penalty]]`): each item's points, the capped sums and the total they make. Area
/// sub-indexes never include them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Adjusted {
    /// The bonus items (điểm thưởng) and their capped sum.
    pub bonus: ItemSum,
    /// The penalty items (điểm trừ) and their capped sum.
    pub penalty: ItemSum,
    /// areas + bonus − penalty, clamped as the set says, its index and class.
    pub total: AdjustedTotal,
}

impl Adjusted {
    /// The item with this code, bonus or penalty.
    #[must_use]
    pub fn item(&self, code: &str) -> Option<&ItemResult> {
        self.bonus
            .items
            .iter()
            .chain(&self.penalty.items)
            .find(|i| *i.code == *code)
    }
}

/// The items of one sign, their sum and the sum after the set's cap.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ItemSum {
    /// Every item the set declares, in its order, claimed or not.
    pub items: Vec<ItemResult>,
    /// The sum of the items' points.
    #[serde(with = "Dec")]
    pub claimed: Decimal,
    /// The set's `bonus_max` or `penalty_max`, when given.
    #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
    pub cap: Option<Decimal>,
    /// min(claimed, cap): what counts in the total.
    #[serde(with = "Dec")]
    pub counted: Decimal,
}

impl ItemSum {
    /// Whether the cap cut the sum.
    #[must_use]
    pub fn capped(&self) -> bool {
        self.counted < self.claimed
    }
}

/// One bonus or penalty item: its points within `[0, max]` and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ItemResult {
    /// The item's code.
    pub code: Arc<str>,
    /// Its title.
    pub title: Arc<str>,
    /// Its English title, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title_en: Option<Arc<str>>,
    /// Bonus or penalty.
    pub sign: Sign,
    /// Points, rounded as the set rounds leaf points (0 when not claimed).
    #[serde(with = "Dec")]
    pub points: Decimal,
    /// The item's own cap.
    #[serde(with = "Dec")]
    pub max: Decimal,
    /// Whether the unit's evidence (or an appraisal round) claims it.
    pub claimed: bool,
    /// Its rule, source and explanation, as a leaf's.
    pub leaf: LeafResult,
}

/// areas + bonus − penalty, brought within `[0, max]` unless the set allows otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AdjustedTotal {
    /// Points of the areas.
    #[serde(with = "Dec")]
    pub areas: Decimal,
    /// Bonus counted (after `bonus_max`).
    #[serde(with = "Dec")]
    pub bonus: Decimal,
    /// Penalty counted (after `penalty_max`).
    #[serde(with = "Dec")]
    pub penalty: Decimal,
    /// areas + bonus − penalty, after clamping.
    #[serde(with = "Dec")]
    pub points: Decimal,
    /// Set when the total was brought to the maximum or to 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clamped: Option<Clamped>,
    /// The maximum the index divides by: the areas' applicable maximum.
    #[serde(with = "Dec")]
    pub max: Decimal,
    /// points ÷ max × 100, rounded by the set's policy; absent when nothing applies.
    #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
    pub index: Option<Decimal>,
    /// The class the index falls in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub classification: Option<Class>,
}

/// A total brought within bounds: where to, and what it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Clamped {
    /// The bound it was brought to.
    pub at: ClampAt,
    /// areas + bonus − penalty before clamping.
    #[serde(with = "Dec")]
    pub unclamped: Decimal,
}

/// The bound a total was brought to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClampAt {
    /// The maximum (`total_above_scale = false`): the index stays at most 100%.
    Max,
    /// Zero (`total_below_zero = false`).
    Zero,
}

impl fmt::Display for Clamped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            ClampAt::Max => write!(
                f,
                "{} is above the maximum: brought down to it",
                plain(self.unclamped)
            ),
            ClampAt::Zero => write!(f, "{} is below 0: brought up to 0", plain(self.unclamped)),
        }
    }
}

/// Brings `points` within `[0, max]` where the set does not allow more.
pub(crate) fn clamp(def: &RuleSetDef, points: Decimal, max: Decimal) -> (Decimal, Option<Clamped>) {
    let clamped = |at| {
        Some(Clamped {
            at,
            unclamped: points,
        })
    };
    if !def.total_above_scale && points > max {
        (max, clamped(ClampAt::Max))
    } else if !def.total_below_zero && points < Decimal::ZERO {
        (Decimal::ZERO, clamped(ClampAt::Zero))
    } else {
        (points, None)
    }
}
