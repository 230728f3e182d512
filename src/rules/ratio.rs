//! Ratio evidence, shared by `ratio_bands` and `proportional`: counts ("13 of 16"), a task
//! list with statuses, or a percentage given directly.

use std::cmp::Ordering;

use rust_decimal::Decimal;

use super::working::{Share, ShareSource};
use super::{Ctx, Issues, ScoreError, SetFields, only_fields};
use crate::error::EvidenceIssueCode;
use crate::evidence::{LeafEvidence, Task};
use crate::model::{NoCases, RuleDef, TaskStatus};
use crate::path::DataPath;

const EXPECTED: &str = "`numerator` and `denominator`, `tasks`, `percent`, or `no_cases`";

/// How a ratio rule reads its evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RatioOptions {
    /// Task statuses that count as done.
    pub(crate) done: Vec<TaskStatus>,
    /// Task statuses that leave the denominator.
    pub(crate) exclude: Vec<TaskStatus>,
    /// What nothing to count (0 of 0, or `no_cases`) scores; `None`: the leaf's
    /// not-applicable policy.
    pub(crate) no_cases: Option<NoCases>,
    /// Whether the share may pass 100%.
    pub(crate) allow_over: bool,
    /// What is counted, for explanations.
    pub(crate) measure: Option<String>,
}

impl RatioOptions {
    pub(crate) fn lower(def: &RuleDef, path: &DataPath, issues: &mut Issues) -> Option<Self> {
        let done = def
            .done
            .clone()
            .unwrap_or_else(|| vec![TaskStatus::Done, TaskStatus::DoneLate]);
        let exclude = def.exclude.clone().unwrap_or_default();
        let mut ok = true;
        if done.is_empty() {
            issues.push(
                path.key("done"),
                crate::error::IssueCode::RuleField,
                "`done` names no status: no task could ever count as done",
            );
            ok = false;
        }
        if let Some(both) = done.iter().find(|s| exclude.contains(s)) {
            issues.push(
                path.key("exclude"),
                crate::error::IssueCode::RuleField,
                format!(
                    "status `{}` is both counted as done and excluded",
                    both.as_str()
                ),
            );
            ok = false;
        }
        let before = issues.list.len();
        let no_cases = super::no_cases_policy(def, path, issues);
        ok &= issues.list.len() == before;
        ok.then(|| RatioOptions {
            done,
            exclude,
            no_cases,
            allow_over: def.allow_over.unwrap_or(false),
            measure: def.measure.clone(),
        })
    }
}

/// A measured share, exact.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Measured {
    /// numerator / denominator, denominator > 0.
    Fraction {
        num: Decimal,
        den: Decimal,
        /// `num × 100`, worked out once for the comparisons with edges in % (`None` if it
        /// overflows, which every comparison then reports).
        num_percent: Option<Decimal>,
        source: ShareSource,
        excluded: u64,
    },
    /// A percentage given directly.
    Percent(Decimal),
}

impl Measured {
    fn fraction(num: Decimal, den: Decimal, source: ShareSource, excluded: u64) -> Self {
        Measured::Fraction {
            num,
            den,
            num_percent: num.checked_mul(Decimal::ONE_HUNDRED),
            source,
            excluded,
        }
    }

    /// Orders the share (in %) against an edge in %, exactly (no division).
    pub(crate) fn cmp_percent(&self, edge: Decimal) -> Result<Ordering, ScoreError> {
        match self {
            Measured::Fraction {
                den, num_percent, ..
            } => {
                let lhs = num_percent.ok_or(ScoreError::Overflow)?;
                let rhs = edge.checked_mul(*den).ok_or(ScoreError::Overflow)?;
                Ok(lhs.cmp(&rhs))
            }
            Measured::Percent(p) => Ok(p.cmp(&edge)),
        }
    }

    /// share × max, exact to 28 digits: (num × max) ÷ den.
    pub(crate) fn times(&self, max: Decimal) -> Result<Decimal, ScoreError> {
        match self {
            Measured::Fraction { num, den, .. } => num
                .checked_mul(max)
                .and_then(|x| x.checked_div(*den))
                .ok_or(ScoreError::Overflow),
            Measured::Percent(p) => p
                .checked_mul(max)
                .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
                .ok_or(ScoreError::Overflow),
        }
    }

    /// The share in %.
    pub(crate) fn percent(&self) -> Result<Decimal, ScoreError> {
        self.times(Decimal::ONE_HUNDRED)
    }

    pub(crate) fn view(&self, measure: Option<&String>) -> Result<Share, ScoreError> {
        let percent = self.percent()?;
        Ok(match self {
            Measured::Fraction {
                num,
                den,
                source,
                excluded,
                ..
            } => Share {
                source: *source,
                numerator: Some(*num),
                denominator: Some(*den),
                excluded: *excluded,
                percent,
                measure: measure.cloned(),
            },
            Measured::Percent(_) => Share {
                source: ShareSource::Percent,
                numerator: None,
                denominator: None,
                excluded: 0,
                percent,
                measure: measure.cloned(),
            },
        })
    }
}

/// Reads ratio evidence; `None` when there is nothing to count (an empty denominator, or
/// `no_cases`).
pub(crate) fn read(
    ctx: &Ctx<'_>,
    ev: &LeafEvidence,
    opts: &RatioOptions,
) -> Result<Option<Measured>, ScoreError> {
    if super::claims_no_cases(ctx, ev)? {
        return Ok(None);
    }
    only_fields(
        ctx,
        ev,
        SetFields::NUMERATOR
            .with(SetFields::DENOMINATOR)
            .with(SetFields::TASKS)
            .with(SetFields::PERCENT)
            .with(SetFields::NO_CASES),
        EXPECTED,
    )?;
    check_one_form(ctx, ev)?;
    if let Some(p) = ev.percent {
        return read_percent(ctx, p, opts).map(Some);
    }
    if let Some(tasks) = &ev.tasks {
        return Ok(count_tasks(tasks, opts));
    }
    read_counts(ctx, ev, opts)
}

/// Refuses evidence that gives more than one form: counts, a task list, a percentage.
fn check_one_form(ctx: &Ctx<'_>, ev: &LeafEvidence) -> Result<(), ScoreError> {
    let forms = [
        ev.numerator.is_some() || ev.denominator.is_some(),
        ev.tasks.is_some(),
        ev.percent.is_some(),
    ];
    if forms.iter().filter(|f| **f).count() > 1 {
        return Err(ctx.issue(
            None,
            EvidenceIssueCode::WrongShape,
            format!("give one of {EXPECTED}, not several"),
        ));
    }
    Ok(())
}

/// Counts a task list (danh sách nhiệm vụ): done tasks over the tasks not excluded; `None` when
/// every task is excluded (or the list is empty).
fn count_tasks(tasks: &[Task], opts: &RatioOptions) -> Option<Measured> {
    let mut num = 0u64;
    let mut den = 0u64;
    let mut excluded = 0u64;
    for t in tasks {
        if opts.exclude.contains(&t.status) {
            excluded += 1;
        } else {
            den += 1;
            if opts.done.contains(&t.status) {
                num += 1;
            }
        }
    }
    (den > 0).then(|| Measured::fraction(num.into(), den.into(), ShareSource::Tasks, excluded))
}

/// Reads `numerator` and `denominator`; `None` when both are 0 (nothing to count).
fn read_counts(
    ctx: &Ctx<'_>,
    ev: &LeafEvidence,
    opts: &RatioOptions,
) -> Result<Option<Measured>, ScoreError> {
    let (Some(num), Some(den)) = (ev.numerator, ev.denominator) else {
        let missing = if ev.numerator.is_none() {
            "numerator"
        } else {
            "denominator"
        };
        return Err(ctx.issue(
            None,
            EvidenceIssueCode::WrongShape,
            format!("`{missing}` is missing: a share needs both `numerator` and `denominator`"),
        ));
    };
    check_counts(ctx, num, den, opts)?;
    if den.is_zero() {
        return Ok(None);
    }
    Ok(Some(Measured::fraction(num, den, ShareSource::Counts, 0)))
}

/// Checks counts are non-negative, a zero denominator has a zero numerator, and the numerator
/// is not above the denominator unless the rule allows it.
fn check_counts(
    ctx: &Ctx<'_>,
    num: Decimal,
    den: Decimal,
    opts: &RatioOptions,
) -> Result<(), ScoreError> {
    for (field, v) in [("numerator", num), ("denominator", den)] {
        if v.is_sign_negative() && !v.is_zero() {
            return Err(ctx.issue(
                Some(field),
                EvidenceIssueCode::Negative,
                format!(
                    "`{}` is negative: expected 0 or more",
                    crate::decimal::plain(v)
                ),
            ));
        }
    }
    if den.is_zero() && !num.is_zero() {
        return Err(ctx.issue(
            Some("numerator"),
            EvidenceIssueCode::NumeratorAboveDenominator,
            format!(
                "the denominator `0` says there was nothing to count, yet the numerator `{}` \
                 counts something: correct one of the two (both 0 when nothing was due)",
                crate::decimal::plain(num)
            ),
        ));
    }
    if num > den && !opts.allow_over {
        return Err(ctx.issue(
            Some("numerator"),
            EvidenceIssueCode::NumeratorAboveDenominator,
            format!(
                "numerator `{}` is above the denominator `{}`",
                crate::decimal::plain(num),
                crate::decimal::plain(den)
            ),
        ));
    }
    Ok(())
}

fn read_percent(ctx: &Ctx<'_>, p: Decimal, opts: &RatioOptions) -> Result<Measured, ScoreError> {
    if p.is_sign_negative() && !p.is_zero() {
        return Err(ctx.issue(
            Some("percent"),
            EvidenceIssueCode::Negative,
            format!(
                "`{}` is negative: a share is 0% or more",
                crate::decimal::plain(p)
            ),
        ));
    }
    if p > Decimal::ONE_HUNDRED && !opts.allow_over {
        return Err(ctx.issue(
            Some("percent"),
            EvidenceIssueCode::OutOfRange,
            format!(
                "`{}`% is above 100%, which this rule does not allow",
                crate::decimal::plain(p)
            ),
        ));
    }
    Ok(Measured::Percent(p))
}
