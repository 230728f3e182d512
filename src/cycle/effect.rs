//! The effect of one appraisal change: the leaf, its area's sub-index and the total, before
//! and after that change alone.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::input::Change;
use crate::decimal::{Dec, DecOpt};
use crate::error::EvalError;
use crate::evaluate::Numbers;
use crate::model::Sign;
use crate::scorecard::Scorecard;

/// One change of an appraisal and its effect, computed as that change alone applied on top of
/// the previous round: the leaf's points, its area's sub-index and the total before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ChangeEffect {
    /// The round, from 1.
    pub round: u32,
    /// The leaf's code (or a bonus or penalty item's).
    pub code: String,
    /// The leaf's title.
    pub title: String,
    /// The code of its area; `bonus` or `penalty` for an item.
    pub area: String,
    /// The appraiser's reason.
    pub reason: String,
    /// Whether the change gave evidence (`true`) or points.
    pub by_evidence: bool,
    /// The leaf's points before and after.
    pub leaf: Move,
    /// The area's points before and after; for an item, its sign's capped sum.
    pub area_points: Move,
    /// The area's sub-index before and after.
    pub area_index: OptMove,
    /// The total points of the areas before and after; for an item, the total after bonus
    /// and penalty.
    pub total_points: Move,
    /// The total index of the areas before and after; for an item, that of the total after
    /// bonus and penalty.
    pub total_index: OptMove,
}

/// A value before and after.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Move {
    /// Before.
    #[serde(with = "Dec")]
    pub before: Decimal,
    /// After.
    #[serde(with = "Dec")]
    pub after: Decimal,
}

impl Move {
    /// After − before.
    #[must_use]
    pub fn delta(&self) -> Option<Decimal> {
        self.after.checked_sub(self.before)
    }
}

/// A value that may be absent (an index with nothing applicable), before and after.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct OptMove {
    /// Before.
    #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
    pub before: Option<Decimal>,
    /// After.
    #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
    pub after: Option<Decimal>,
}

impl OptMove {
    /// After − before, when both exist.
    #[must_use]
    pub fn delta(&self) -> Option<Decimal> {
        self.after?.checked_sub(self.before?)
    }
}

/// The effect of `change` alone: `before` is the scorecard it applies on top of (the
/// previous round's), `after` the numbers with this change only.
///
/// # Errors
/// [`EvalError::Overflow`] if the area's index overflows, as a scorecard would report it.
pub(super) fn effect(
    round: u32,
    code: &str,
    change: &Change,
    before: &Scorecard,
    after: &Numbers<'_>,
) -> Result<ChangeEffect, EvalError> {
    if let Some(e) = item_effect(round, code, change, before, after) {
        return Ok(e);
    }
    let node = |code: &str| before.node(code).map(|n| n.score);
    let area = area_of(before, code);
    let pts = |code: &str| node(code).map_or(Decimal::ZERO, |s| s.points);
    let (total, total_index) = after.total();
    Ok(ChangeEffect {
        round,
        code: code.to_string(),
        title: before
            .node(code)
            .map(|n| n.title.to_string())
            .unwrap_or_default(),
        reason: change.reason.clone().unwrap_or_default(),
        by_evidence: change.evidence.is_some(),
        leaf: Move {
            before: pts(code),
            after: after.points(code).unwrap_or(Decimal::ZERO),
        },
        area_points: Move {
            before: pts(&area),
            after: after.points(&area).unwrap_or(Decimal::ZERO),
        },
        area_index: OptMove {
            before: node(&area).and_then(|s| s.index),
            after: after.index(&area)?,
        },
        total_points: Move {
            before: before.total.points,
            after: total,
        },
        total_index: OptMove {
            before: before.total.index,
            after: total_index,
        },
        area,
    })
}

/// The effect of a change to a bonus or penalty item: the item's points, its sign's counted
/// sum (as `area_points`, `area` being `bonus` or `penalty`) and the total after bonus and
/// penalty; `None` for a leaf.
fn item_effect(
    round: u32,
    code: &str,
    change: &Change,
    before: &Scorecard,
    after: &Numbers<'_>,
) -> Option<ChangeEffect> {
    let (b, a) = (before.adjusted.as_ref()?, after.adjusted()?);
    let item = b.item(code)?;
    let (sum_before, sum_after) = match item.sign {
        Sign::Bonus => (b.bonus.counted, a.bonus),
        Sign::Penalty => (b.penalty.counted, a.penalty),
    };
    Some(ChangeEffect {
        round,
        code: code.to_string(),
        title: item.title.to_string(),
        area: item.sign.as_str().to_string(),
        reason: change.reason.clone().unwrap_or_default(),
        by_evidence: change.evidence.is_some(),
        leaf: Move {
            before: item.points,
            after: after.item_points(code).unwrap_or(Decimal::ZERO),
        },
        area_points: Move {
            before: sum_before,
            after: sum_after,
        },
        area_index: OptMove {
            before: None,
            after: None,
        },
        total_points: Move {
            before: b.total.points,
            after: a.points,
        },
        total_index: OptMove {
            before: b.total.index,
            after: a.index,
        },
    })
}

/// The code of the area (depth 1) above a node.
pub(crate) fn area_of(card: &Scorecard, code: &str) -> String {
    let mut cur = card.node(code);
    let mut guard = card.nodes.len();
    while let Some(n) = cur {
        if n.depth <= 1 || guard == 0 {
            return n.code.to_string();
        }
        guard -= 1;
        cur = n.parent.as_deref().and_then(|p| card.node(p));
    }
    code.to_string()
}
