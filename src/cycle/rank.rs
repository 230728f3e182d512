//! Rankings and summaries: units ordered by index with ties sharing a rank, after the set's
//! tie-break; count, mean, median, min and max per classification.

use std::cmp::Ordering;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::appraisal::AppraisedScorecard;
use crate::decimal::{Dec, DecOpt, RoundingMode};
use crate::error::CycleError;
use crate::model::{Part, TieBreak};
use crate::path::DataPath;
use crate::ruleset::RuleSet;

/// One unit's result in a batch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct UnitResult {
    /// The unit's name.
    pub name: String,
    /// Its scorecard after appraisal.
    pub card: AppraisedScorecard,
}

/// What a ranking orders by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum RankedBy {
    /// The final total index.
    Total,
    /// An area's sub-index.
    Area {
        /// The area's code.
        code: String,
        /// Its title.
        title: String,
    },
}

/// Units ordered best first; units equal on the index and on the tie-break share a rank
/// (1, 2, 2, 4), and are listed by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Ranking {
    /// What is ranked.
    pub by: RankedBy,
    /// The tie-break applied.
    pub tie_break: TieBreak,
    /// The rows, best first.
    pub rows: Vec<RankRow>,
}

/// One row of a [`Ranking`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct RankRow {
    /// The rank, from 1; tied units share it.
    pub rank: usize,
    /// The unit's name.
    pub unit: String,
    /// Its position in the batch.
    pub entry: usize,
    /// The points ranked (total or area points).
    #[serde(with = "Dec")]
    pub points: Decimal,
    /// The index ranked by.
    #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
    pub index: Option<Decimal>,
    /// The tie-break value, when the set declares one.
    #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
    pub tie_value: Option<Decimal>,
    /// The class label (for the total ranking).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub class: Option<String>,
    /// Whether the unit shares its rank with another.
    pub tied: bool,
}

/// Count, mean, median, minimum and maximum of the total index of a group of units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Summary {
    /// `all`, a class label, or `none` for units without a class.
    pub group: String,
    /// Units in the group (with an index).
    pub count: usize,
    /// Mean, exact and rounded; absent for an empty group.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mean: Option<Stat>,
    /// Median (mean of the two middle values for an even count).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub median: Option<Stat>,
    /// Lowest index.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<Stat>,
    /// Highest index.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<Stat>,
}

/// A statistic exact (to the 28 significant digits of a decimal) and rounded half-up to 2
/// decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Stat {
    /// Exact value.
    #[serde(with = "Dec")]
    pub exact: Decimal,
    /// Rounded half-up to 2 decimals.
    #[serde(with = "Dec")]
    pub rounded: Decimal,
}

impl Stat {
    fn of(exact: Decimal) -> Stat {
        let mut rounded = RoundingMode::HalfUp.round(exact, 2);
        rounded.rescale(2);
        Stat { exact, rounded }
    }
}

/// The value ranked by and the tie-break value of a unit.
fn keys(
    u: &UnitResult,
    by: &RankedBy,
    tie: &TieBreak,
) -> (Decimal, Option<Decimal>, Option<Decimal>) {
    let card = u.card.final_card();
    let (points, index) = match by {
        RankedBy::Total => (u.card.total.points, u.card.total.index),
        RankedBy::Area { code, .. } => card
            .node(code)
            .map_or((Decimal::ZERO, None), |n| (n.score.points, n.score.index)),
    };
    let tie_value = match tie {
        TieBreak::None => None,
        TieBreak::AppraisedPoints => card
            .parts
            .iter()
            .find(|p| p.part == Part::Appraised)
            .map(|p| p.score.points),
        TieBreak::Area { code } => card.node(code).and_then(|n| n.score.index),
    };
    (points, index, tie_value)
}

/// Best first: a higher index, then a higher tie value; `None` ranks below any value.
fn better(
    a: (Option<Decimal>, Option<Decimal>),
    b: (Option<Decimal>, Option<Decimal>),
) -> Ordering {
    b.0.cmp(&a.0).then(b.1.cmp(&a.1))
}

pub(super) fn rank(units: &[UnitResult], by: RankedBy, tie: &TieBreak) -> Ranking {
    let mut rows: Vec<(usize, Decimal, Option<Decimal>, Option<Decimal>)> = units
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let (p, idx, t) = keys(u, &by, tie);
            (i, p, idx, t)
        })
        .collect();
    rows.sort_by(|a, b| {
        better((a.2, a.3), (b.2, b.3)).then_with(|| {
            let name = |i: usize| units.get(i).map(|u| u.name.as_str());
            name(a.0).cmp(&name(b.0))
        })
    });
    // Sorted best first, so equal keys sit together: a unit's rank is 1 + the number of units
    // in the groups before its own, and it is tied when its group has more than one unit. One
    // pass, where counting the units ahead of each unit would be quadratic in a batch.
    let mut out = Vec::with_capacity(rows.len());
    let mut ahead = 0;
    for group in rows.chunk_by(|a, b| (a.2, a.3) == (b.2, b.3)) {
        for &(i, points, index, tie_value) in group {
            let u = units.get(i);
            out.push(RankRow {
                rank: ahead + 1,
                unit: u.map(|u| u.name.clone()).unwrap_or_default(),
                entry: i,
                points,
                index,
                tie_value,
                class: match by {
                    RankedBy::Total => u
                        .and_then(|u| u.card.total.classification.as_ref())
                        .map(|c| c.label.clone()),
                    RankedBy::Area { .. } => None,
                },
                tied: group.len() > 1,
            });
        }
        ahead += group.len();
    }
    Ranking {
        by,
        tie_break: tie.clone(),
        rows: out,
    }
}

pub(super) fn summaries(rs: &RuleSet, units: &[UnitResult]) -> Result<Vec<Summary>, CycleError> {
    let class_of = |u: &UnitResult| {
        u.card
            .total
            .classification
            .as_ref()
            .map(|c| c.label.clone())
    };
    let index_of = |u: &UnitResult| u.card.total.index;
    let mut out = vec![summary("all", units.iter().filter_map(index_of).collect())?];
    for band in &rs.def().classification {
        let values = units
            .iter()
            .filter(|u| class_of(u).as_deref() == Some(band.label.as_str()))
            .filter_map(index_of)
            .collect();
        out.push(summary(&band.label, values)?);
    }
    let none: Vec<Decimal> = units
        .iter()
        .filter(|u| class_of(u).is_none())
        .filter_map(index_of)
        .collect();
    if !none.is_empty() {
        out.push(summary("none", none)?);
    }
    Ok(out)
}

fn summary(group: &str, mut values: Vec<Decimal>) -> Result<Summary, CycleError> {
    values.sort();
    let overflow = || CycleError::Overflow {
        path: DataPath::root().key("units"),
    };
    let count = values.len();
    let mut sum = Decimal::ZERO;
    for v in &values {
        sum = sum.checked_add(*v).ok_or_else(overflow)?;
    }
    let n = Decimal::from(count);
    let mean = if count == 0 {
        None
    } else {
        Some(Stat::of(sum.checked_div(n).ok_or_else(overflow)?))
    };
    let median = match (
        values.get((count.saturating_sub(1)) / 2),
        values.get(count / 2),
    ) {
        (Some(a), Some(b)) if count % 2 == 0 => Some(Stat::of(
            a.checked_add(*b)
                .and_then(|s| s.checked_div(Decimal::TWO))
                .ok_or_else(overflow)?,
        )),
        (_, Some(m)) => Some(Stat::of(*m)),
        _ => None,
    };
    Ok(Summary {
        group: group.to_string(),
        count,
        mean,
        median,
        min: values.first().copied().map(Stat::of),
        max: values.last().copied().map(Stat::of),
    })
}
