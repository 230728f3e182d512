//! How a leaf's points were reached, kept as data and rendered to text only when asked.

use std::collections::BTreeMap;
use std::fmt;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::decimal::{Dec, DecOpt, Plain, RoundingMode};
use crate::model::NoCases;

/// The working behind a leaf's points: the inputs the rule read and the branch it took.
///
/// Its [`Display`](fmt::Display) is the one-line explanation without the result, e.g.
/// `30/36 = 83.33% → band 80% to under 100%`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Working {
    /// A `levels` rule picked an outcome.
    Level {
        /// The outcome's id.
        id: String,
        /// Its wording.
        label: String,
    },
    /// A `check` rule.
    Check {
        /// Whether every condition held.
        met: bool,
        /// The labels of the conditions that failed.
        failed: Vec<String>,
    },
    /// A `ratio_bands` rule placed a share in a band.
    RatioBand {
        /// The share measured.
        share: Share,
        /// The band it fell in.
        band: BandView,
    },
    /// A `proportional` rule.
    Proportional {
        /// The share measured.
        share: Share,
        /// The target share in %, when any.
        #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
        target: Option<Decimal>,
        /// The share in % below which the leaf scores 0, when any.
        #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
        zero_below: Option<Decimal>,
        /// The fraction of the max awarded, exact (share ÷ target, at most 1).
        #[serde(with = "Dec")]
        factor: Decimal,
    },
    /// A `count_bands` rule placed a count in a band.
    CountBand {
        /// The count.
        #[serde(with = "Dec")]
        count: Decimal,
        /// What was counted.
        #[serde(skip_serializing_if = "Option::is_none")]
        measure: Option<String>,
        /// The band, or none when the count is below every band.
        #[serde(skip_serializing_if = "Option::is_none")]
        band: Option<BandView>,
    },
    /// A `deduction` rule.
    Deduction {
        /// The items counted.
        #[serde(with = "Dec")]
        count: Decimal,
        /// Points off per item.
        #[serde(with = "Dec")]
        per_item: Decimal,
        /// What was counted.
        #[serde(skip_serializing_if = "Option::is_none")]
        measure: Option<String>,
        /// The floor that stopped the deduction, when reached.
        #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
        floored_at: Option<Decimal>,
    },
    /// A `per_item` rule: points per counted item, up to a cap.
    PerItem {
        /// The items counted.
        #[serde(with = "Dec")]
        count: Decimal,
        /// Points per item.
        #[serde(with = "Dec")]
        per_item: Decimal,
        /// The most the items score together.
        #[serde(with = "Dec")]
        cap: Decimal,
        /// What was counted.
        #[serde(skip_serializing_if = "Option::is_none")]
        measure: Option<String>,
    },
    /// A `survey` rule weighted the answers.
    Survey {
        /// Respondents per option.
        answers: BTreeMap<String, u64>,
        /// The weighted share of the max, in %, exact.
        #[serde(with = "Dec")]
        weighted_percent: Decimal,
    },
    /// Points given directly (a `manual` or `survey` leaf).
    Given,
    /// A `deadline` rule compared a document's date with the deadline.
    Deadline {
        /// The deadline, `YYYY-MM-DD`.
        deadline: String,
        /// The date of issue, `YYYY-MM-DD`; absent when none was issued.
        #[serde(skip_serializing_if = "Option::is_none")]
        date: Option<String>,
        /// Days after the deadline (0 or less: on time).
        #[serde(skip_serializing_if = "Option::is_none")]
        days_late: Option<i64>,
        /// The document the date comes from, when cited.
        #[serde(skip_serializing_if = "Option::is_none")]
        document: Option<String>,
        /// The outcome: `on_time`, `late`, `too_late` or `not_issued`.
        outcome: String,
    },
    /// Points set by an appraisal round (thẩm định) instead of scored from evidence.
    Appraised {
        /// The round, from 1.
        round: u32,
        /// The appraiser's reason.
        reason: String,
    },
    /// Nothing to count (0 of 0, no respondent, `no_cases`) scored by the rule's
    /// `when_no_cases`.
    Empty {
        /// The policy applied: `full` or `zero`.
        policy: NoCases,
        /// What was counted.
        #[serde(skip_serializing_if = "Option::is_none")]
        measure: Option<String>,
    },
}

/// A measured share: numerator and denominator when known, and the exact percentage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Share {
    /// Where the share comes from.
    pub source: ShareSource,
    /// The part, when counts or amounts were given.
    #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
    pub numerator: Option<Decimal>,
    /// The whole, when counts or amounts were given.
    #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
    pub denominator: Option<Decimal>,
    /// Tasks left out of the denominator by their status.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub excluded: u64,
    /// The share in %, exact to 28 significant digits.
    #[serde(with = "Dec")]
    pub percent: Decimal,
    /// What was counted (`tasks`, `applications`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measure: Option<String>,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// Where a share comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ShareSource {
    /// A numerator and a denominator.
    Counts,
    /// A task list.
    Tasks,
    /// A percentage given directly.
    Percent,
}

/// A band as matched: its edges (after filling in implied ones) and its points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct BandView {
    /// Lower edge, when any.
    #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
    pub lower: Option<Decimal>,
    /// Whether the lower edge is included.
    pub lower_inclusive: bool,
    /// Upper edge, when any.
    #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
    pub upper: Option<Decimal>,
    /// Whether the upper edge is included.
    pub upper_inclusive: bool,
    /// `%` for shares, empty for counts.
    pub unit: String,
    /// Whether the band pays share × max.
    pub proportional: bool,
}

/// A percentage for display: 2 decimals, half-up.
pub(crate) fn pct(v: Decimal) -> Pct {
    Pct(RoundingMode::HalfUp.round(v, 2))
}

/// A percentage shown with fixed 2 decimals but without a `.00` tail on whole numbers (`80`,
/// `81.25`, `83.30`), written straight into the formatter.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pct(Decimal);

impl fmt::Display for Pct {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.fract().is_zero() {
            fmt::Display::fmt(&Plain(self.0), f)
        } else {
            let mut v = self.0;
            v.rescale(2);
            fmt::Display::fmt(&crate::decimal::Fast(v), f)
        }
    }
}

/// A band edge with its unit (`80%`, `4`).
struct Edge<'a>(Decimal, &'a str);

impl fmt::Display for Edge<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", Plain(self.0), self.1)
    }
}

impl fmt::Display for BandView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let u = &self.unit;
        let counts = u.is_empty();
        let v = |d: Decimal| Edge(d, u);
        match (self.lower, self.upper) {
            (Some(a), Some(b)) if a == b => write!(f, "exactly {}", v(a)),
            (Some(a), Some(b))
                if counts
                    && self.lower_inclusive
                    && !self.upper_inclusive
                    && a.fract().is_zero()
                    && b == a + Decimal::ONE =>
            {
                write!(f, "exactly {}", v(a))
            }
            (Some(a), Some(b)) => {
                let over = if self.lower_inclusive { "" } else { "over " };
                let under = if self.upper_inclusive { "" } else { "under " };
                write!(f, "{over}{} to {under}{}", v(a), v(b))
            }
            (Some(a), None) if self.lower_inclusive => write!(f, "{} or more", v(a)),
            (Some(a), None) => write!(f, "over {}", v(a)),
            (None, Some(b)) if self.upper_inclusive => write!(f, "{} or less", v(b)),
            (None, Some(b)) => write!(f, "under {}", v(b)),
            (None, None) => f.write_str("any value"),
        }
    }
}

impl fmt::Display for Share {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.source, self.numerator, self.denominator) {
            (ShareSource::Tasks, Some(n), Some(d)) => {
                write!(
                    f,
                    "{}/{} {} done",
                    Plain(n),
                    Plain(d),
                    self.measure.as_deref().unwrap_or("tasks")
                )?;
                if self.excluded > 0 {
                    write!(f, " ({} not counted)", self.excluded)?;
                }
                write!(f, " = {}%", pct(self.percent))
            }
            (_, Some(n), Some(d)) => {
                write!(f, "{}/{} = {}%", Plain(n), Plain(d), pct(self.percent))
            }
            _ => write!(f, "{}%", pct(self.percent)),
        }
    }
}

impl fmt::Display for Working {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Working::Level { id, label } => write!(f, "`{id}` ({label})"),
            Working::Check { met: true, .. } => f.write_str("met"),
            Working::Check { met: false, failed } if failed.is_empty() => f.write_str("not met"),
            Working::Check { met: false, failed } => write!(f, "not met: {}", failed.join("; ")),
            Working::RatioBand { share, band } => {
                write!(f, "{share} → band {band}")?;
                if band.proportional {
                    f.write_str(", share × max")?;
                }
                Ok(())
            }
            Working::Proportional {
                share,
                target,
                zero_below,
                factor,
            } => proportional(f, share, *target, *zero_below, *factor),
            Working::CountBand {
                count,
                measure,
                band,
            } => {
                counted(f, *count, measure.as_deref())?;
                match band {
                    Some(b) => write!(f, " → band {b}"),
                    None => f.write_str(" → below every band"),
                }
            }
            Working::Deduction {
                count,
                per_item,
                measure,
                floored_at,
            } => deduction(f, *count, *per_item, measure.as_deref(), *floored_at),
            Working::PerItem {
                count,
                per_item,
                cap,
                measure,
            } => {
                counted(f, *count, measure.as_deref())?;
                let raw = count.saturating_mul(*per_item);
                let (p, r, c) = (Plain(*per_item), Plain(raw), Plain(*cap));
                write!(f, " × {p} = {r}, at most {c}")
            }
            Working::Survey {
                answers,
                weighted_percent,
            } => survey(f, answers, *weighted_percent),
            Working::Given => f.write_str("points given directly"),
            Working::Deadline {
                deadline,
                date,
                days_late,
                document,
                outcome,
            } => deadline_line(
                f,
                deadline,
                date.as_deref(),
                *days_late,
                document.as_deref(),
            )
            .and_then(|()| write!(f, " → {outcome}")),
            Working::Appraised { round, reason } => {
                write!(f, "set by appraisal round {round}: {reason}")
            }
            Working::Empty { policy, measure } => empty(f, *policy, measure.as_deref()),
        }
    }
}

/// `12 tasks`: a count and what was counted, when the rule names it.
fn counted(f: &mut fmt::Formatter<'_>, count: Decimal, measure: Option<&str>) -> fmt::Result {
    write!(f, "{}", Plain(count))?;
    match measure {
        Some(m) => write!(f, " {m}"),
        None => Ok(()),
    }
}

fn proportional(
    f: &mut fmt::Formatter<'_>,
    share: &Share,
    target: Option<Decimal>,
    zero_below: Option<Decimal>,
    factor: Decimal,
) -> fmt::Result {
    write!(f, "{share}")?;
    if let Some(z) = zero_below
        && share.percent < z
    {
        return write!(f, ", under the {}% floor", Plain(z));
    }
    match target {
        Some(t) if factor >= Decimal::ONE => write!(f, ", target {}% reached", Plain(t)),
        Some(t) => write!(
            f,
            " ÷ target {}% = {}%",
            Plain(t),
            pct(factor * Decimal::ONE_HUNDRED)
        ),
        None => f.write_str(", share × max"),
    }
}

fn deduction(
    f: &mut fmt::Formatter<'_>,
    count: Decimal,
    per_item: Decimal,
    measure: Option<&str>,
    floored_at: Option<Decimal>,
) -> fmt::Result {
    counted(f, count, measure)?;
    write!(f, " × {} off the max", Plain(per_item))?;
    match floored_at {
        Some(floor) => write!(f, ", floored at {}", Plain(floor)),
        None => Ok(()),
    }
}

fn survey(
    f: &mut fmt::Formatter<'_>,
    answers: &BTreeMap<String, u64>,
    weighted: Decimal,
) -> fmt::Result {
    let n: u64 = answers.values().sum();
    write!(f, "{n} answers (")?;
    let given = answers.iter().filter(|(_, c)| **c > 0);
    for (i, (option, count)) in given.enumerate() {
        let comma = if i == 0 { "" } else { ", " };
        write!(f, "{comma}{option} {count}")?;
    }
    write!(f, ") → weighted {}% of the max", pct(weighted))
}

fn deadline_line(
    f: &mut fmt::Formatter<'_>,
    deadline: &str,
    date: Option<&str>,
    days_late: Option<i64>,
    document: Option<&str>,
) -> fmt::Result {
    match (date, days_late) {
        (Some(d), Some(n)) if n > 0 => {
            write!(f, "issued {d}, {n} day(s) after the deadline {deadline}")?;
        }
        (Some(d), _) => write!(f, "issued {d}, by the deadline {deadline}")?,
        (None, _) => write!(f, "not issued (deadline {deadline})")?,
    }
    match document {
        Some(doc) => write!(f, " ({doc})"),
        None => Ok(()),
    }
}

fn empty(f: &mut fmt::Formatter<'_>, policy: NoCases, measure: Option<&str>) -> fmt::Result {
    let Some(what) = measure else {
        return f.write_str(match policy {
            NoCases::Zero => "no case arose in the period: scores 0",
            NoCases::Full => "no case arose in the period: full points",
            NoCases::Exclude => "no case arose in the period: left out",
        });
    };
    match policy {
        NoCases::Zero => write!(f, "0 of 0 {what}: an empty denominator scores 0"),
        NoCases::Full => write!(f, "0 of 0 {what}: an empty denominator scores full points"),
        NoCases::Exclude => write!(f, "0 of 0 {what}: left out"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn band(lower: Option<(&str, bool)>, upper: Option<(&str, bool)>, unit: &str) -> BandView {
        BandView {
            lower: lower.map(|(v, _)| d(v)),
            lower_inclusive: lower.is_some_and(|(_, i)| i),
            upper: upper.map(|(v, _)| d(v)),
            upper_inclusive: upper.is_some_and(|(_, i)| i),
            unit: unit.to_string(),
            proportional: false,
        }
    }

    #[test]
    fn bands_read_like_the_annex() {
        assert_eq!(
            band(Some(("80", true)), Some(("100", false)), "%").to_string(),
            "80% to under 100%"
        );
        assert_eq!(
            band(Some(("90", false)), Some(("100", true)), "%").to_string(),
            "over 90% to 100%"
        );
        assert_eq!(
            band(Some(("70", true)), Some(("90", true)), "%").to_string(),
            "70% to 90%"
        );
        assert_eq!(
            band(Some(("100", true)), Some(("100", true)), "%").to_string(),
            "exactly 100%"
        );
        assert_eq!(
            band(None, Some(("80", false)), "%").to_string(),
            "under 80%"
        );
        assert_eq!(band(Some(("4", true)), None, "").to_string(), "4 or more");
        assert_eq!(
            band(Some(("3", true)), Some(("4", false)), "").to_string(),
            "exactly 3"
        );
    }

    #[test]
    fn shares_show_counts_and_two_decimals() {
        let s = Share {
            source: ShareSource::Counts,
            numerator: Some(d("30")),
            denominator: Some(d("36")),
            excluded: 0,
            percent: d("83.333333333333333333333333333"),
            measure: None,
        };
        assert_eq!(s.to_string(), "30/36 = 83.33%");
        let p = Share {
            source: ShareSource::Percent,
            numerator: None,
            denominator: None,
            percent: d("72.5"),
            ..s
        };
        assert_eq!(p.to_string(), "72.50%");
    }

    /// A half-bounded band reads by its one edge's kind: `over 90%` (above, no upper edge),
    /// `80% or less` (at most, no lower edge).
    #[test]
    fn half_bounded_bands_read_by_their_edge_kind() {
        assert_eq!(band(Some(("90", false)), None, "%").to_string(), "over 90%");
        assert_eq!(
            band(Some(("90", true)), None, "%").to_string(),
            "90% or more"
        );
        assert_eq!(
            band(None, Some(("80", true)), "%").to_string(),
            "80% or less"
        );
        assert_eq!(band(None, None, "%").to_string(), "any value");
    }

    /// `exactly n` for a half-open count band `[n, n + 1)` needs every one of: counts (no
    /// unit), the lower edge included, the upper excluded, a whole `n`, and an upper edge of
    /// exactly `n + 1`. Dropping any one gives the plain `a to b` wording.
    #[test]
    fn a_band_reads_exactly_n_only_for_whole_counts_from_n_to_under_n_plus_1() {
        assert_eq!(
            band(Some(("3", true)), Some(("4", false)), "").to_string(),
            "exactly 3"
        );
        // a share: [80%, 81%) holds 80.5%, not exactly 80%
        assert_eq!(
            band(Some(("80", true)), Some(("81", false)), "%").to_string(),
            "80% to under 81%"
        );
        // (3, 4): no whole count in it
        assert_eq!(
            band(Some(("3", false)), Some(("4", false)), "").to_string(),
            "over 3 to under 4"
        );
        // [3, 4]: 3 and 4
        assert_eq!(
            band(Some(("3", true)), Some(("4", true)), "").to_string(),
            "3 to 4"
        );
        // [2.5, 3.5): the one whole count 3, but not from n to n + 1
        assert_eq!(
            band(Some(("2.5", true)), Some(("3.5", false)), "").to_string(),
            "2.5 to under 3.5"
        );
        // [3, 5): 3 and 4
        assert_eq!(
            band(Some(("3", true)), Some(("5", false)), "").to_string(),
            "3 to under 5"
        );
    }

    /// A task share says how many tasks were left out only when some were: 13/16 with none
    /// excluded reads `13/16 tasks done = 81.25%` (13/16 = 0.8125), with 2 `(2 not counted)`.
    #[test]
    fn a_task_share_names_tasks_not_counted_only_when_there_are_some() {
        let s = Share {
            source: ShareSource::Tasks,
            numerator: Some(d("13")),
            denominator: Some(d("16")),
            excluded: 0,
            percent: d("81.25"),
            measure: None,
        };
        assert_eq!(s.to_string(), "13/16 tasks done = 81.25%");
        let two = Share {
            excluded: 2,
            ..s.clone()
        };
        assert_eq!(two.to_string(), "13/16 tasks done (2 not counted) = 81.25%");
    }

    /// The stored working leaves out `excluded` when no task was excluded, and keeps it (and
    /// reads it back) when some were.
    #[test]
    fn a_share_stores_excluded_only_when_some_tasks_were() {
        let s = Share {
            source: ShareSource::Tasks,
            numerator: Some(d("13")),
            denominator: Some(d("16")),
            excluded: 0,
            percent: d("81.25"),
            measure: None,
        };
        let none = serde_json::to_value(&s).unwrap();
        assert_eq!(none.get("excluded"), None, "{none}");
        let two = Share { excluded: 2, ..s };
        let json = serde_json::to_value(&two).unwrap();
        assert_eq!(json["excluded"], 2, "{json}");
        assert_eq!(serde_json::from_value::<Share>(json).unwrap(), two);
    }
}
