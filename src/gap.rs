//! Gap analysis (phân tích điểm còn thiếu): for every leaf below its max, the points left, the
//! smallest change of evidence that reaches the next better band or outcome and the points it
//! gains; an improvement plan; the highest index still attainable.
//!
//! # The smallest change, per rule kind
//! - `ratio_bands`: with the denominator fixed, the smallest whole numerator that reaches the
//!   next better band that pays more ("3 more of 16 tasks done"), computed exactly from the
//!   band's edge: ⌈edge × den ÷ 100⌉ for `at_least`, ⌊edge × den ÷ 100⌋ + 1 for `above`;
//!   a band that would need more than the denominator is out of reach;
//! - `count_bands`: the smallest count in the next better band ("1 more meeting");
//! - `proportional`: the points each extra unit gains (`per_unit` = max ÷ den, or
//!   max × 100 ÷ (target × den) against a target), and the units to reach the target (or the
//!   floor, when under `zero_below`);
//! - `deduction`: the fewest items fewer that raise the points ("1 fewer late file gains
//!   0.25");
//! - `levels`: the nearest better outcome; `check`: meeting it (the failed conditions named);
//! - `deadline`: issuing a document not yet issued, on time if the period ends by the
//!   deadline, else late; a date already past cannot move;
//! - a leaf without evidence: supplying it (up to the max); a leaf capped for citing no
//!   documents: citing them;
//! - `survey` and `manual` leaves have no evidence change to compute: their points left are
//!   shown without a step.
//!
//! Points after a change are scored by the leaf's own rule and rounded by the set's policy, so
//! a gain is exactly what the scorecard would show.

use std::fmt;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::decimal::{Dec, DecOpt, plain};
use crate::docref::DocDate;
use crate::error::EvalError;
use crate::evidence::{Evidence, LeafEvidence, Period};
use crate::path::DataPath;
use crate::ruleset::RuleSet;
use crate::scorecard::{NodeStatus, Scorecard};

mod steps;
mod text;

/// Where the evidence leaves each leaf, and what can still be gained.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct GapReport {
    /// Whether the period is a quarter or a month.
    pub provisional: bool,
    /// The last day of the period, `YYYY-MM-DD`: the date a `deadline` step is judged by.
    pub as_of: String,
    /// Points now.
    #[serde(with = "Dec")]
    pub points: Decimal,
    /// Index now, when anything applies.
    #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
    pub index: Option<Decimal>,
    /// The most still attainable; see [`Attainable`] for which leaves are final.
    pub attainable: Attainable,
    /// Every leaf below its max, in tree order.
    pub leaves: Vec<LeafGap>,
    /// The steps of open leaves, most points first (ties: least effort first, then by code).
    pub plan: Vec<Improvement>,
}

/// The highest result still attainable given the evidence already final.
///
/// # Final evidence
/// A leaf is **final** when the period is the full year (not a quarter or a month) and the leaf
/// has evidence (scored or not applicable): the year's result is in. Every other leaf is
/// **open**: in a provisional period every leaf can still move, and in an annual one a leaf
/// without evidence can still be supplied. The attainable index counts final leaves at their
/// points and open leaves at the most they can still reach (their max; for a `deadline` leaf,
/// what issuing by the end of the period would score). The plan lists open leaves only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Attainable {
    /// Points: final leaves as scored, open leaves at the most they can reach.
    #[serde(with = "Dec")]
    pub points: Decimal,
    /// The maximum those points are out of.
    #[serde(with = "Dec")]
    pub applicable_max: Decimal,
    /// points ÷ applicable_max × 100, rounded by the set's policy.
    #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
    pub index: Option<Decimal>,
    /// Leaves whose evidence is final.
    pub final_leaves: usize,
    /// Leaves that can still move.
    pub open_leaves: usize,
}

/// One leaf below its max.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct LeafGap {
    /// The leaf's code.
    pub code: String,
    /// Its title.
    pub title: String,
    /// Points now.
    #[serde(with = "Dec")]
    pub points: Decimal,
    /// Its max.
    #[serde(with = "Dec")]
    pub max: Decimal,
    /// max − points.
    #[serde(with = "Dec")]
    pub points_left: Decimal,
    /// Whether its evidence is final (then it is not in the plan).
    #[serde(rename = "final")]
    pub is_final: bool,
    /// The smallest change that gains points.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<Step>,
    /// The change that reaches the most the leaf can score, when it differs from `next`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub full: Option<Step>,
    /// `proportional`: the points each extra unit gains, exact.
    #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
    pub per_unit: Option<Decimal>,
    /// Why there is no step, when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A change of evidence and what it gains.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Step {
    /// The change.
    pub change: EvidenceChange,
    /// The leaf's points after it.
    #[serde(with = "Dec")]
    pub points_after: Decimal,
    /// Points gained.
    #[serde(with = "Dec")]
    pub gain: Decimal,
    /// The size of the change in its own units (items, tasks, meetings; 1 for an outcome), used
    /// to order equal gains.
    #[serde(with = "Dec")]
    pub effort: Decimal,
    /// The leaf's evidence after the change, to try as a what-if
    /// ([`Scenario::replace`](crate::analysis::Scenario::replace)); absent for supplying evidence or citing
    /// documents, which the unit must do itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<LeafEvidence>,
}

/// What changes in the evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum EvidenceChange {
    /// A larger numerator over the same denominator: "3 more of 16 tasks done".
    Numerator {
        /// Now.
        #[serde(with = "Dec")]
        from: Decimal,
        /// After.
        #[serde(with = "Dec")]
        to: Decimal,
        /// The fixed denominator.
        #[serde(with = "Dec")]
        of: Decimal,
        /// What is counted.
        #[serde(skip_serializing_if = "Option::is_none")]
        measure: Option<String>,
    },
    /// A higher share, for a leaf given as a percentage.
    Share {
        /// Now, %.
        #[serde(with = "Dec")]
        from: Decimal,
        /// After, %.
        #[serde(with = "Dec")]
        to: Decimal,
    },
    /// A higher count: "1 more meeting".
    More {
        /// Now.
        #[serde(with = "Dec")]
        from: Decimal,
        /// After.
        #[serde(with = "Dec")]
        to: Decimal,
        /// What is counted.
        #[serde(skip_serializing_if = "Option::is_none")]
        measure: Option<String>,
    },
    /// A lower count: "1 fewer late file".
    Fewer {
        /// Now.
        #[serde(with = "Dec")]
        from: Decimal,
        /// After.
        #[serde(with = "Dec")]
        to: Decimal,
        /// What is counted.
        #[serde(skip_serializing_if = "Option::is_none")]
        measure: Option<String>,
    },
    /// A better outcome of a `levels` rule.
    Level {
        /// The outcome now.
        from: String,
        /// The better outcome.
        to: String,
        /// Its wording.
        label: String,
    },
    /// Meeting a `check`: the conditions that failed, or none named.
    Meet {
        /// The failed conditions.
        conditions: Vec<String>,
    },
    /// Issuing the document of a `deadline` leaf.
    Issue {
        /// The outcome issuing now reaches (`on_time` or `late`).
        outcome: String,
        /// The deadline.
        deadline: String,
    },
    /// Supplying the evidence of a leaf that has none.
    Supply,
    /// Citing documents on a leaf capped for citing none.
    Cite,
}

impl fmt::Display for EvidenceChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let m =
            |m: &Option<String>, default: &str| m.clone().unwrap_or_else(|| default.to_string());
        match self {
            EvidenceChange::Numerator {
                from,
                to,
                of,
                measure,
            } => write!(
                f,
                "{} done {} → {} of {} ({} more)",
                m(measure, "items"),
                plain(*from),
                plain(*to),
                plain(*of),
                diff(*to, *from)
            ),
            EvidenceChange::Share { from, to } => {
                write!(f, "share {}% → {}%", plain(*from), plain(*to))
            }
            EvidenceChange::More { from, to, measure } => write!(
                f,
                "{} {} → {} ({} more)",
                m(measure, "count"),
                plain(*from),
                plain(*to),
                diff(*to, *from)
            ),
            EvidenceChange::Fewer { from, to, measure } => write!(
                f,
                "{} {} → {} ({} fewer)",
                m(measure, "count"),
                plain(*from),
                plain(*to),
                diff(*from, *to)
            ),
            EvidenceChange::Level { from, to, label } => {
                write!(f, "outcome `{from}` → `{to}` ({label})")
            }
            EvidenceChange::Meet { conditions } if conditions.is_empty() => {
                f.write_str("meet the criterion")
            }
            EvidenceChange::Meet { conditions } => write!(f, "meet: {}", conditions.join("; ")),
            EvidenceChange::Issue { outcome, deadline } => {
                write!(f, "issue the document (deadline {deadline}): {outcome}")
            }
            EvidenceChange::Supply => f.write_str("supply the evidence (no evidence scores 0)"),
            EvidenceChange::Cite => f.write_str("cite the documents (tài liệu kiểm chứng)"),
        }
    }
}

/// `a − b` for display; the difference of two decimals can pass the range of one.
fn diff(a: Decimal, b: Decimal) -> String {
    a.checked_sub(b)
        .map_or_else(|| "too many".to_string(), plain)
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: +{} (→ {})",
            self.change,
            plain(self.gain),
            plain(self.points_after)
        )
    }
}

/// One step of the improvement plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Improvement {
    /// The leaf's code.
    pub code: String,
    /// Its title.
    pub title: String,
    /// The step.
    pub step: Step,
}

impl fmt::Display for Improvement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: {}", self.code, self.title, self.step)
    }
}

/// Analyses where a unit's points are: every leaf below its max, the smallest change that
/// gains points, the plan, and the attainable index.
///
/// # Errors
/// As [`evaluate`](crate::evaluate): evidence that does not fit the set, or an overflow.
///
/// # Example
/// ```
/// use par_index::{Evidence, RuleSet, analysis::gaps};
///
/// let rs = RuleSet::from_toml_str(r#"
/// id = "demo"
/// title = "Demo"
/// level = "district"
/// years = { from = 2023 }
/// scale = 2
/// document = { number = "01/QĐ-UBND" }
/// [[areas]]
/// code = "1"
/// title = "Mức độ thực hiện kế hoạch"
/// max = 2
/// provenance = { document = "01/QĐ-UBND", verified = false }
/// rule = { kind = "ratio_bands", measure = "tasks", bands = [
///   { above = "90", points = "2" }, { at_least = "70", points = "1" }, { points = "0" },
/// ] }
/// "#)?;
/// let ev = Evidence::from_json_str(r#"{
///   "unit": { "name": "Thị xã Duyên Hải", "level": "district" },
///   "period": { "year": 2023, "quarter": 3 },
///   "evidence": { "1": { "numerator": 30, "denominator": 36 } }
/// }"#)?;
/// let report = gaps(&rs, &ev)?;
/// // above 90% of 36: 90 × 36 ÷ 100 = 32.4, so 33 tasks: 3 more
/// assert_eq!(
///     report.plan[0].step.to_string(),
///     "tasks done 30 → 33 of 36 (3 more): +1 (→ 2)"
/// );
/// assert_eq!(report.attainable.index.unwrap().to_string(), "100.00");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn gaps(rs: &RuleSet, ev: &Evidence) -> Result<GapReport, EvalError> {
    let card = crate::evaluate(rs, ev)?;
    let as_of = period_end(&ev.period);
    let (leaves, att) = leaf_gaps(rs, ev, &card, as_of)?;
    let plan = improvement_plan(&leaves);
    Ok(GapReport {
        provisional: ev.period.is_provisional(),
        as_of: as_of.to_string(),
        points: card.total.points,
        index: card.total.index,
        attainable: att,
        leaves,
        plan,
    })
}

/// Every leaf below its maximum, in tree order, and the index the unit can still attain:
/// a final leaf keeps its points, an open one counts its ceiling (điểm tối đa đạt được).
fn leaf_gaps(
    rs: &RuleSet,
    ev: &Evidence,
    card: &Scorecard,
    as_of: DocDate,
) -> Result<(Vec<LeafGap>, Attainable), EvalError> {
    let mut leaves = Vec::new();
    let mut att = Attainable {
        points: Decimal::ZERO,
        applicable_max: Decimal::ZERO,
        index: None,
        final_leaves: 0,
        open_leaves: 0,
    };
    for node in &rs.tree().nodes {
        let (Some(leaf), Some(result)) = (&node.leaf, card.node(&node.code)) else {
            continue;
        };
        let leaf_ev = ev.evidence.get(&*node.code);
        let is_final = !ev.period.is_provisional() && leaf_ev.is_some();
        let ctx = steps::LeafCtx {
            rs,
            node,
            leaf,
            as_of,
            points: result.score.points,
        };
        let gap = if result.status == NodeStatus::NotApplicable {
            None
        } else {
            steps::leaf_gap(&ctx, leaf_ev, is_final)?
        };
        let (points, applicable) = if is_final {
            att.final_leaves += 1;
            (result.score.points, result.score.applicable_max)
        } else {
            att.open_leaves += 1;
            (steps::ceiling(&ctx, leaf_ev), node.max)
        };
        add_attainable(&mut att, points, applicable, &node.path)?;
        leaves.extend(gap);
    }
    att.index = index(rs, att.points, att.applicable_max)?;
    Ok((leaves, att))
}

/// Adds one leaf's points and applicable maximum to the attainable sums, or fails with an
/// overflow at the leaf's `path`.
fn add_attainable(
    att: &mut Attainable,
    points: Decimal,
    applicable: Decimal,
    path: &DataPath,
) -> Result<(), EvalError> {
    let overflow = |p: &DataPath| EvalError::Overflow { path: p.clone() };
    att.points = att
        .points
        .checked_add(points)
        .ok_or_else(|| overflow(path))?;
    att.applicable_max = att
        .applicable_max
        .checked_add(applicable)
        .ok_or_else(|| overflow(path))?;
    Ok(())
}

/// The improvement plan (kế hoạch khắc phục): one step per open leaf, the largest gain
/// first, then the least effort, then the code.
fn improvement_plan(leaves: &[LeafGap]) -> Vec<Improvement> {
    let mut plan: Vec<Improvement> = leaves
        .iter()
        .filter(|g| !g.is_final)
        .filter_map(|g| {
            // a proportional leaf's plan step is the way to its target; others take `next`
            let step = match (&g.per_unit, &g.full) {
                (Some(_), Some(full)) => Some(full),
                _ => g.next.as_ref(),
            };
            step.map(|s| Improvement {
                code: g.code.clone(),
                title: g.title.clone(),
                step: s.clone(),
            })
        })
        .collect();
    plan.sort_by(|a, b| {
        b.step
            .gain
            .cmp(&a.step.gain)
            .then(a.step.effort.cmp(&b.step.effort))
            .then(a.code.cmp(&b.code))
    });
    plan
}

fn index(rs: &RuleSet, points: Decimal, applicable: Decimal) -> Result<Option<Decimal>, EvalError> {
    if applicable.is_zero() {
        return Ok(None);
    }
    let r = rs.def().rounding;
    let raw = points
        .checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|x| x.checked_div(applicable))
        .ok_or_else(|| EvalError::Overflow {
            path: DataPath::root(),
        })?;
    let mut idx = r.mode.round(raw, r.index);
    idx.rescale(r.index);
    Ok(Some(idx))
}

/// The last day of a period: 31/12 of the year, the last day of the quarter or the month.
pub(crate) fn period_end(p: &Period) -> DocDate {
    let month = match (p.quarter, p.month) {
        (Some(q), _) => q.saturating_mul(3).clamp(1, 12),
        (None, Some(m)) => m.clamp(1, 12),
        (None, None) => 12,
    };
    [31, 30, 29, 28]
        .into_iter()
        .find_map(|d| DocDate::new(p.year, month, d))
        .unwrap_or(DocDate {
            year: p.year,
            month: 12,
            day: 31,
        })
}
