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

/// What the rankings and summaries need of one unit, taken from its scorecard as it is scored:
/// a few decimals instead of the whole card, so that a batch streamed to a writer ranks its
/// units without holding their scorecards, and a ranking sorts small rows.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct UnitKeys {
    /// The unit's name.
    pub(super) name: String,
    /// The final total points and index.
    pub(super) total: (Decimal, Option<Decimal>),
    /// The final class label.
    pub(super) class: Option<String>,
    /// The tie-break value under the set's tie-break.
    pub(super) tie: Option<Decimal>,
    /// Points and index of each area, in the order of the scorecard's areas.
    pub(super) areas: Vec<(Decimal, Option<Decimal>)>,
}

impl UnitKeys {
    /// The keys of a unit named `name` whose appraised scorecard is `card`, under `tie`.
    pub(super) fn of(name: &str, card: &AppraisedScorecard, tie: &TieBreak) -> UnitKeys {
        let last = card.final_card();
        let tie = match tie {
            TieBreak::None => None,
            TieBreak::AppraisedPoints => last
                .parts
                .iter()
                .find(|p| p.part == Part::Appraised)
                .map(|p| p.score.points),
            TieBreak::Area { code } => last.node(code).and_then(|n| n.score.index),
        };
        UnitKeys {
            name: name.to_string(),
            total: (card.total.points, card.total.index),
            class: card.total.classification.as_ref().map(|c| c.label.clone()),
            tie,
            areas: last
                .areas()
                .map(|a| (a.score.points, a.score.index))
                .collect(),
        }
    }

    /// The points and index ranked by: the total, or area number `area`.
    fn ranked(&self, area: Option<usize>) -> (Decimal, Option<Decimal>) {
        match area {
            None => self.total,
            Some(k) => self.areas.get(k).copied().unwrap_or((Decimal::ZERO, None)),
        }
    }
}

/// Best first: a higher index, then a higher tie value; `None` ranks below any value.
fn better(
    a: (Option<Decimal>, Option<Decimal>),
    b: (Option<Decimal>, Option<Decimal>),
) -> Ordering {
    b.0.cmp(&a.0).then(b.1.cmp(&a.1))
}

/// Ranks the units at `members` (positions in `units`, which are their `entry`) by the total
/// (`area` none) or by area number `area`, after `tie`.
pub(super) fn rank(
    units: &[UnitKeys],
    members: &[usize],
    (by, area): (RankedBy, Option<usize>),
    tie: &TieBreak,
) -> Ranking {
    let tie_of = |u: &UnitKeys| u.tie.filter(|_| *tie != TieBreak::None);
    let mut rows: Vec<(usize, Decimal, Option<Decimal>, Option<Decimal>)> = members
        .iter()
        .filter_map(|&i| {
            let u = units.get(i)?;
            let (points, index) = u.ranked(area);
            Some((i, points, index, tie_of(u)))
        })
        .collect();
    let name = |i: usize| units.get(i).map(|u| u.name.as_str());
    rows.sort_by(|a, b| better((a.2, a.3), (b.2, b.3)).then_with(|| name(a.0).cmp(&name(b.0))));
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
                class: area.map_or_else(|| u.and_then(|u| u.class.clone()), |_| None),
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

/// Summaries of the total index of the units at `members`: all, each class in the set's
/// order, then the units without a class (when there are any).
pub(super) fn summaries(
    rs: &RuleSet,
    units: &[UnitKeys],
    members: &[usize],
) -> Result<Vec<Summary>, CycleError> {
    let chosen = || members.iter().filter_map(|&i| units.get(i));
    let mut out = vec![summary(
        "all",
        chosen().filter_map(|u| u.total.1).collect(),
    )?];
    for band in &rs.def().classification {
        let values = chosen()
            .filter(|u| u.class.as_deref() == Some(band.label.as_str()))
            .filter_map(|u| u.total.1)
            .collect();
        out.push(summary(&band.label, values)?);
    }
    let none: Vec<Decimal> = chosen()
        .filter(|u| u.class.is_none())
        .filter_map(|u| u.total.1)
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
