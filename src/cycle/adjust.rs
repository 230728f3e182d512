//! Bonus and penalty points (điểm thưởng, điểm phạt) outside the areas, and the final total:
//! areas + bonus − penalty, with the survey part rescaled away when the set allows an
//! assessment without survey.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::input::{Adjustment, Appraisal};
use crate::decimal::{Dec, DecOpt, plain};
use crate::error::{CycleError, CycleIssue, CycleIssueCode};
use crate::model::{Part, SurveyOptional};
use crate::path::DataPath;
use crate::ruleset::RuleSet;
use crate::scorecard::{AdjustedTotal, Clamped, Class, ItemSum, NodeStatus, Scorecard, clamp};

/// The bonus or the penalty of a unit: its items, their sum, and the sum after the set's cap.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct PointsAdjustment {
    /// The items as given.
    pub items: Vec<Adjustment>,
    /// Their sum.
    #[serde(with = "Dec")]
    pub claimed: Decimal,
    /// The cap the set declares, when any.
    #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
    pub cap: Option<Decimal>,
    /// min(claimed, cap): what counts in the total.
    #[serde(with = "Dec")]
    pub counted: Decimal,
}

impl PointsAdjustment {
    /// Whether the cap cut the claimed points.
    #[must_use]
    pub fn capped(&self) -> bool {
        self.counted < self.claimed
    }
}

/// The final total of a unit: areas + bonus − penalty, its index and class.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct FinalTotal {
    /// Points of the areas (the final scorecard's total).
    #[serde(with = "Dec")]
    pub areas: Decimal,
    /// Bonus counted (after the cap).
    #[serde(with = "Dec")]
    pub bonus: Decimal,
    /// Penalty counted (after the cap).
    #[serde(with = "Dec")]
    pub penalty: Decimal,
    /// areas + bonus − penalty, brought within [0, max] unless the set allows more
    /// (`total_above_scale`, `total_below_zero`).
    #[serde(with = "Dec")]
    pub points: Decimal,
    /// Set when the total was brought to the maximum or to 0: where to, and what it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clamped: Option<Clamped>,
    /// The maximum the index divides by: the applicable maximum of the areas, or of the
    /// appraised part when rescaled.
    #[serde(with = "Dec")]
    pub max: Decimal,
    /// points ÷ max × 100, rounded by the set's policy; absent when nothing applies.
    #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
    pub index: Option<Decimal>,
    /// True when the unit was assessed without survey and the appraised part was brought to
    /// the scale (`survey_optional = "rescale"`).
    pub rescaled: bool,
    /// The class the index falls in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub classification: Option<Class>,
}

impl FinalTotal {
    /// The total of a scorecard whose set declares bonus and penalty items.
    pub(super) fn from_adjusted(t: &AdjustedTotal) -> FinalTotal {
        FinalTotal {
            areas: t.areas,
            bonus: t.bonus,
            penalty: t.penalty,
            points: t.points,
            clamped: t.clamped,
            max: t.max,
            index: t.index,
            rescaled: false,
            classification: t.classification.clone(),
        }
    }
}

/// The bonus and penalty of a scorecard whose set declares items, as sums (the items
/// themselves are in `card.adjusted`); empty when the set declares none.
pub(super) fn from_items(card: &Scorecard) -> (PointsAdjustment, PointsAdjustment) {
    let Some(a) = &card.adjusted else {
        return Default::default();
    };
    let sum = |s: &ItemSum| PointsAdjustment {
        items: Vec::new(),
        claimed: s.claimed,
        cap: s.cap,
        counted: s.counted,
    };
    (sum(&a.bonus), sum(&a.penalty))
}

/// Checks bonus and penalty items; returns them summed and capped.
pub(super) fn check(
    rs: &RuleSet,
    appraisal: &Appraisal,
    issues: &mut Vec<CycleIssue>,
) -> (PointsAdjustment, PointsAdjustment) {
    let def = rs.def();
    let declared = !rs.tree().items.is_empty();
    let bonus = one(
        declared,
        "bonus",
        "bonus_max",
        &appraisal.bonus,
        def.bonus_max,
        issues,
    );
    let penalty = one(
        declared,
        "penalty",
        "penalty_max",
        &appraisal.penalty,
        def.penalty_max,
        issues,
    );
    (bonus, penalty)
}

fn one(
    declared: bool,
    field: &str,
    cap_field: &str,
    items: &[Adjustment],
    cap: Option<Decimal>,
    issues: &mut Vec<CycleIssue>,
) -> PointsAdjustment {
    let path = DataPath::root().key("appraisal").key(field);
    if declared && !items.is_empty() {
        issues.push(CycleIssue::new(
            path.clone(),
            CycleIssueCode::NotAllowed,
            format!("the set declares its {field} items (`[[{field}]]`): claim them in the unit's evidence, or change them in a round's `changes` by code"),
        ));
    } else if cap.is_none() && !items.is_empty() {
        issues.push(CycleIssue::new(
            path.clone(),
            CycleIssueCode::NotAllowed,
            format!("the set has no `{cap_field}`: it gives no {field} points"),
        ));
    }
    let mut claimed = Decimal::ZERO;
    for (i, item) in items.iter().enumerate() {
        if item.points < Decimal::ZERO {
            issues.push(CycleIssue::new(
                path.index(i).key("points"),
                CycleIssueCode::OutOfRange,
                format!(
                    "`{}` is negative: {field} points are 0 or more",
                    plain(item.points)
                ),
            ));
        }
        if item.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
            issues.push(CycleIssue::new(
                path.index(i).key("reason"),
                CycleIssueCode::MissingReason,
                format!("no reason given: every {field} item states why"),
            ));
        }
        match claimed.checked_add(item.points) {
            Some(c) => claimed = c,
            None => issues.push(CycleIssue::new(
                path.index(i).key("points"),
                CycleIssueCode::OutOfRange,
                "the sum overflows the range of a decimal",
            )),
        }
    }
    let counted = cap.map_or(Decimal::ZERO, |c| claimed.min(c));
    PointsAdjustment {
        items: items.to_vec(),
        claimed,
        cap,
        counted,
    }
}

/// The final total of a scorecard with bonus and penalty.
pub(super) fn total(
    rs: &RuleSet,
    card: &Scorecard,
    bonus: &PointsAdjustment,
    penalty: &PointsAdjustment,
) -> Result<FinalTotal, CycleError> {
    let overflow = || CycleError::Overflow {
        path: DataPath::root().key("appraisal"),
    };
    let raw = card
        .total
        .points
        .checked_add(bonus.counted)
        .and_then(|x| x.checked_sub(penalty.counted))
        .ok_or_else(overflow)?;
    let rescaled = rescales(rs, card);
    let max = if rescaled {
        card.parts
            .iter()
            .find(|p| p.part == Part::Appraised)
            .map_or(Decimal::ZERO, |p| p.score.applicable_max)
    } else {
        card.total.applicable_max
    };
    let (points, clamped) = clamp(rs.def(), raw, max);
    let index = if max.is_zero() {
        None
    } else {
        let r = rs.def().rounding;
        let raw = points
            .checked_mul(Decimal::ONE_HUNDRED)
            .and_then(|x| x.checked_div(max))
            .ok_or_else(overflow)?;
        let mut i = r.mode.round(raw, r.index);
        i.rescale(r.index);
        Some(i)
    };
    Ok(FinalTotal {
        areas: card.total.points,
        bonus: bonus.counted,
        penalty: penalty.counted,
        points,
        clamped,
        max,
        index,
        rescaled,
        classification: index.and_then(|i| classify(rs, i)),
    })
}

/// Whether the set allows an assessment without survey and no survey leaf has evidence.
fn rescales(rs: &RuleSet, card: &Scorecard) -> bool {
    if rs.def().survey_optional != Some(SurveyOptional::Rescale) {
        return false;
    }
    let mut survey = card
        .nodes
        .iter()
        .filter(|n| n.leaf.as_ref().is_some_and(|l| l.part == Part::Survey))
        .peekable();
    survey.peek().is_some() && survey.all(|n| n.status == NodeStatus::MissingEvidence)
}

pub(crate) fn classify(rs: &RuleSet, index: Decimal) -> Option<Class> {
    rs.def()
        .classification
        .iter()
        .find(|band| index >= band.at_least)
        .map(|band| Class {
            label: band.label.clone(),
            name: band.name.clone(),
        })
}
