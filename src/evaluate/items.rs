//! The bonus and penalty items (điểm thưởng, điểm trừ): claims matched to the set's items,
//! each scored by its rule like a leaf, then summed, capped and added to the areas.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::{Matched, index, score_leaf};
use crate::error::{EvalError, EvidenceIssue, EvidenceIssueCode};
use crate::evidence::bounds::LeafBounds;
use crate::evidence::{Evidence, LeafEvidence};
use crate::model::Sign;
use crate::path::DataPath;
use crate::rules::{Explain, ScoreError, Working};
use crate::ruleset::RuleSet;
use crate::scorecard::{
    Adjusted, AdjustedTotal, Basis, Explanation, ItemResult, ItemSum, LeafResult, clamp,
};
use crate::validate::tree::Node;

/// One item's points, rounded, and its basis when the caller keeps it.
pub(crate) type ScoredItem = (Decimal, Option<Basis>);

fn claims(ev: &Evidence, sign: Sign) -> &BTreeMap<String, LeafEvidence> {
    match sign {
        Sign::Bonus => &ev.bonus,
        Sign::Penalty => &ev.penalty,
    }
}

/// Reports claims of items the set lacks; tells whether every claim is within the limits.
pub(super) fn match_claims(
    rs: &RuleSet,
    ev: &Evidence,
    bounds: &LeafBounds,
    issues: &mut Vec<EvidenceIssue>,
) -> bool {
    let items = &rs.tree().items;
    let mut within = true;
    for sign in [Sign::Bonus, Sign::Penalty] {
        for (code, value) in claims(ev, sign) {
            within &= bounds.within(value);
            if items.iter().any(|(s, n)| *s == sign && *n.code == **code) {
                continue;
            }
            let other = items
                .iter()
                .find(|(_, n)| *n.code == **code)
                .map(|(s, _)| *s);
            let hint = match other {
                Some(s) => format!(
                    ": `{code}` is a {} item, claimed under `{}`",
                    s.as_str(),
                    s.as_str()
                ),
                None if rs.node(code).is_some() => {
                    format!(": `{code}` is a criterion, evidenced under `evidence`")
                }
                None => String::new(),
            };
            issues.push(EvidenceIssue::new(
                DataPath::root().key(sign.as_str()).key(code.clone()),
                EvidenceIssueCode::UnknownCode,
                format!("`{}` has no {} item `{code}`{hint}", rs.id(), sign.as_str()),
            ));
        }
    }
    within
}

/// Scores every item of the set: from an appraisal's points (`given`), from the unit's claim,
/// or 0 when not claimed (no finding: a bonus is claimed, not owed).
pub(super) fn score_items<E: Explain>(
    rs: &RuleSet,
    ev: &Evidence,
    given: &BTreeMap<String, (Decimal, Working)>,
    issues: &mut Vec<EvidenceIssue>,
) -> Result<Vec<ScoredItem>, EvalError> {
    let rounding = rs.def().rounding;
    let mut out = Vec::with_capacity(rs.tree().items.len());
    for (sign, node) in &rs.tree().items {
        let Some(leaf) = &node.leaf else { continue };
        let value = claims(ev, *sign).get(&*node.code);
        let scored = match (given.get(&*node.code), value) {
            (Some((points, working)), _) => {
                E::working(|| Ok(working.clone())).map(|w| (Basis::Scored { working: w }, *points))
            }
            (None, None) => Ok((Basis::NotClaimed, Decimal::ZERO)),
            (None, Some(value)) => {
                let fields = crate::rules::evidence_fields(value);
                score_leaf::<E>(node, leaf, Some(Matched { value, fields }))
            }
        };
        match scored {
            Ok((basis, exact)) => {
                let points = rounding.mode.round(exact, rounding.points);
                out.push((points, E::keep(basis)));
            }
            Err(ScoreError::Evidence(issue)) => issues.push(issue),
            Err(ScoreError::Overflow) => {
                return Err(EvalError::Overflow {
                    path: leaf.evidence_path.clone(),
                });
            }
        }
    }
    Ok(out)
}

/// The items as a scorecard shows them, and the total: areas + bonus − penalty, each sum
/// capped by the set, clamped within `[0, applicable]` unless the set allows more.
pub(super) fn adjusted(
    rs: &RuleSet,
    items: Vec<ScoredItem>,
    areas: Decimal,
    applicable: Decimal,
) -> Result<Option<Adjusted>, EvalError> {
    let list = &rs.tree().items;
    if list.is_empty() {
        return Ok(None);
    }
    let def = rs.def();
    let mut bonus = sum_of(def.bonus_max);
    let mut penalty = sum_of(def.penalty_max);
    let overflow = || EvalError::Overflow {
        path: DataPath::root().key("bonus"),
    };
    for ((sign, node), (points, basis)) in list.iter().zip(items) {
        let Some(item) = basis.and_then(|b| item_result(*sign, node, points, b)) else {
            continue;
        };
        let sum = if *sign == Sign::Bonus {
            &mut bonus
        } else {
            &mut penalty
        };
        sum.claimed = sum.claimed.checked_add(points).ok_or_else(overflow)?;
        sum.items.push(item);
    }
    for sum in [&mut bonus, &mut penalty] {
        sum.counted = sum.cap.map_or(sum.claimed, |c| sum.claimed.min(c));
    }
    let total = adjusted_total(rs, areas, applicable, bonus.counted, penalty.counted)?;
    Ok(Some(Adjusted {
        bonus,
        penalty,
        total,
    }))
}

/// The adjusted total alone, from the items' points as [`score_items`] gives them (with or
/// without their basis): for [`PointsCard`](crate::scoring::PointsCard), which keeps no item
/// detail. `None` when the set declares no items.
pub(crate) fn adjusted_numbers(
    rs: &RuleSet,
    items: &[ScoredItem],
    areas: Decimal,
    applicable: Decimal,
) -> Result<Option<AdjustedTotal>, EvalError> {
    let list = &rs.tree().items;
    if list.is_empty() {
        return Ok(None);
    }
    let def = rs.def();
    let overflow = || EvalError::Overflow {
        path: DataPath::root().key("bonus"),
    };
    let (mut bonus, mut penalty) = (Decimal::ZERO, Decimal::ZERO);
    // `score_items` scores only the items with a rule, in the set's order.
    let scored = list.iter().filter(|(_, node)| node.leaf.is_some());
    for ((sign, _), (points, _)) in scored.zip(items) {
        let sum = if *sign == Sign::Bonus {
            &mut bonus
        } else {
            &mut penalty
        };
        *sum = sum.checked_add(*points).ok_or_else(overflow)?;
    }
    let bonus = def.bonus_max.map_or(bonus, |c| bonus.min(c));
    let penalty = def.penalty_max.map_or(penalty, |c| penalty.min(c));
    adjusted_total(rs, areas, applicable, bonus, penalty).map(Some)
}

/// areas + bonus − penalty (both already capped), clamped as the set says, with its index
/// and class.
fn adjusted_total(
    rs: &RuleSet,
    areas: Decimal,
    applicable: Decimal,
    bonus: Decimal,
    penalty: Decimal,
) -> Result<AdjustedTotal, EvalError> {
    let raw = areas
        .checked_add(bonus)
        .and_then(|x| x.checked_sub(penalty))
        .ok_or_else(|| EvalError::Overflow {
            path: DataPath::root().key("bonus"),
        })?;
    let (points, clamped) = clamp(rs.def(), raw, applicable);
    let idx = index(rs, points, applicable, &DataPath::root())?;
    Ok(AdjustedTotal {
        areas,
        bonus,
        penalty,
        points,
        clamped,
        max: applicable,
        index: idx,
        classification: idx.and_then(|i| super::classify(rs, i)),
    })
}

fn item_result(sign: Sign, node: &Node, points: Decimal, basis: Basis) -> Option<ItemResult> {
    let leaf = node.leaf.as_ref()?;
    Some(ItemResult {
        code: node.code.clone(),
        title: node.title.clone(),
        title_en: node.title_en.clone(),
        sign,
        points,
        max: node.max,
        claimed: !matches!(basis, Basis::NotClaimed),
        leaf: LeafResult {
            rule: leaf.rule.kind(),
            part: leaf.part,
            verified: leaf.provenance.verified,
            source: leaf.source.clone(),
            explanation: Explanation {
                basis,
                points,
                max: node.max,
            },
        },
    })
}

fn sum_of(cap: Option<Decimal>) -> ItemSum {
    ItemSum {
        items: Vec::new(),
        claimed: Decimal::ZERO,
        cap,
        counted: Decimal::ZERO,
    }
}
