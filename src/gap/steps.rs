//! The smallest changes, one function per rule kind; every "points after" is scored by the
//! leaf's own rule.

use rust_decimal::Decimal;

use super::{EvidenceChange, LeafGap, Step};
use crate::docref::DocDate;
use crate::error::EvalError;
use crate::evidence::LeafEvidence;
use crate::rules::bands::{self, Band, Edge};
use crate::rules::ratio::{self, Measured};
use crate::rules::{Ctx, Outcome, Rule, ScoreError, Silent, Working};
use crate::ruleset::RuleSet;
use crate::validate::tree::{Leaf, Node};

/// What the steps of one leaf need.
#[derive(Debug, Clone, Copy)]
pub(super) struct LeafCtx<'a> {
    pub(super) rs: &'a RuleSet,
    pub(super) node: &'a Node,
    pub(super) leaf: &'a Leaf,
    pub(super) as_of: DocDate,
    /// The leaf's points now, rounded as in the scorecard.
    pub(super) points: Decimal,
}

type Steps = (Option<Step>, Option<Step>);

/// Steps and the points per extra unit of a `proportional` leaf.
type PropSteps = (Option<Step>, Option<Step>, Option<Decimal>);

impl LeafCtx<'_> {
    fn rule_ctx(&self) -> Ctx<'_> {
        Ctx {
            max: self.node.max,
            path: &self.leaf.evidence_path,
            kind: self.leaf.rule.kind(),
        }
    }

    fn round(&self, p: Decimal) -> Decimal {
        let r = self.rs.def().rounding;
        r.mode.round(p, r.points)
    }

    /// The rounded points of hypothetical evidence, capped as the evaluation caps them;
    /// `None` when the rule would not score it.
    fn score(&self, ev: &LeafEvidence) -> Result<Option<Decimal>, EvalError> {
        match self.leaf.rule.score_as::<Silent>(&self.rule_ctx(), ev) {
            Ok(Outcome::Points { points, .. }) => {
                let capped = match self.leaf.without_documents {
                    Some(cap) if !cited(ev) => points.min(cap),
                    _ => points,
                };
                Ok(Some(self.round(capped)))
            }
            Ok(Outcome::NotApplicable { .. }) | Err(ScoreError::Evidence(_)) => Ok(None),
            Err(ScoreError::Overflow) => Err(self.overflow()),
        }
    }

    fn sub(&self, a: Decimal, b: Decimal) -> Result<Decimal, EvalError> {
        a.checked_sub(b).ok_or_else(|| self.overflow())
    }

    fn add(&self, a: Decimal, b: Decimal) -> Result<Decimal, EvalError> {
        a.checked_add(b).ok_or_else(|| self.overflow())
    }

    fn overflow(&self) -> EvalError {
        EvalError::Overflow {
            path: self.leaf.evidence_path.clone(),
        }
    }

    /// The step to `after`, when it gains points.
    fn step(
        &self,
        change: EvidenceChange,
        after: &LeafEvidence,
        effort: Decimal,
    ) -> Result<Option<Step>, EvalError> {
        let Some(points_after) = self.score(after)? else {
            return Ok(None);
        };
        let gain = self.sub(points_after, self.points)?;
        Ok((gain > Decimal::ZERO).then_some(Step {
            change,
            points_after,
            gain,
            effort,
            evidence: Some(after.clone()),
        }))
    }
}

fn cited(ev: &LeafEvidence) -> bool {
    ev.documents.as_ref().is_some_and(|d| !d.is_empty())
}

/// New evidence keeping the documents cited (they decide the cap).
fn fresh(ev: &LeafEvidence) -> LeafEvidence {
    LeafEvidence {
        documents: ev.documents.clone(),
        ..LeafEvidence::default()
    }
}

/// The step among `found` that reaches the most points (least effort among equals), when it
/// is not `next`.
fn best(next: Option<&Step>, found: Vec<Step>) -> Option<Step> {
    let top = found.into_iter().reduce(|a, b| {
        if b.points_after > a.points_after
            || (b.points_after == a.points_after && b.effort < a.effort)
        {
            b
        } else {
            a
        }
    })?;
    (Some(&top) != next).then_some(top)
}

/// The gap of one leaf, or `None` when it is at its max.
pub(super) fn leaf_gap(
    ctx: &LeafCtx<'_>,
    ev: Option<&LeafEvidence>,
    is_final: bool,
) -> Result<Option<LeafGap>, EvalError> {
    if ctx.points >= ctx.node.max {
        return Ok(None);
    }
    let mut gap = LeafGap {
        code: ctx.node.code.to_string(),
        title: ctx.node.title.to_string(),
        points: ctx.points,
        max: ctx.node.max,
        points_left: ctx.sub(ctx.node.max, ctx.points)?,
        is_final,
        next: None,
        full: None,
        per_unit: None,
        note: None,
    };
    let Some(ev) = ev else {
        let top = ceiling(ctx, None);
        gap.next = (top > ctx.points).then_some(Step {
            change: EvidenceChange::Supply,
            points_after: top,
            gain: ctx.sub(top, ctx.points)?,
            effort: Decimal::ONE,
            evidence: None,
        });
        return Ok(Some(gap));
    };
    let (next, full) = match &ctx.leaf.rule {
        Rule::RatioBands(r) => ratio_bands(ctx, &r.bands, &r.opts, ev)?,
        Rule::Proportional(r) => {
            let (next, full, per_unit) = proportional(ctx, r, ev)?;
            gap.per_unit = per_unit;
            (next, full)
        }
        Rule::CountBands(r) => count_bands(ctx, &r.bands, r.measure.as_ref(), ev)?,
        Rule::Deduction(r) => deduction(ctx, r, ev)?,
        Rule::PerItem(r) => per_item(ctx, r, ev)?,
        Rule::Levels(r) => levels(ctx, r, ev)?,
        Rule::Check(r) => (check(ctx, r, ev)?, None),
        Rule::Deadline(r) => (deadline(ctx, r, ev)?, None),
        Rule::Survey(_) => {
            gap.note = Some(
                "scored by the survey (điều tra xã hội học): no evidence change to compute".into(),
            );
            (None, None)
        }
        Rule::Manual(_) => {
            gap.note = Some("points given by the appraiser: no evidence change to compute".into());
            (None, None)
        }
    };
    gap.next = next;
    gap.full = full;
    if ctx.leaf.without_documents.is_some() && !cited(ev) {
        let mut with_docs = ev.clone();
        with_docs.documents = Some(vec!["(cited)".to_string()]);
        if let Some(mut step) = ctx.step(EvidenceChange::Cite, &with_docs, Decimal::ONE)? {
            step.evidence = None;
            gap.next = Some(step);
            gap.full = None;
        }
    }
    Ok(Some(gap))
}

/// The most an open leaf can still reach: its max, a `per_item` leaf's cap, or for a
/// `deadline` leaf not yet issued what issuing by the end of the period scores.
pub(super) fn ceiling(ctx: &LeafCtx<'_>, ev: Option<&LeafEvidence>) -> Decimal {
    let r = match &ctx.leaf.rule {
        Rule::Deadline(r) => r,
        Rule::PerItem(r) => return r.cap,
        _ => return ctx.node.max,
    };
    let issued = ev.is_some_and(|e| e.date.is_some() || cited(e));
    if issued {
        return ctx.points.max(Decimal::ZERO);
    }
    ctx.round(r.points(r.timing(Some(ctx.as_of)), ctx.node.max))
}

fn ratio_bands(
    ctx: &LeafCtx<'_>,
    bands: &[Band],
    opts: &ratio::RatioOptions,
    ev: &LeafEvidence,
) -> Result<Steps, EvalError> {
    let rc = ctx.rule_ctx();
    let Some(m) = ratio::read(&rc, ev, opts).map_err(|_| ctx.overflow())? else {
        return Ok((None, None));
    };
    let here = bands::find(bands, |e| m.cmp_percent(e)).map_err(|_| ctx.overflow())?;
    let i = here
        .and_then(|h| bands.iter().position(|b| b == h))
        .unwrap_or(bands.len());
    let mut found = Vec::new();
    // Every band above, nearest first. A band out of reach does not end the search: the
    // smallest share past an `above` edge is the edge + 0.01, which can pass 100% where the
    // next band's `at_least 100` does not.
    for band in bands.iter().take(i).rev() {
        let Some(edge) = band.lower else { continue };
        let Some((change, after, effort)) = reach_share(ctx, &m, edge, opts, ev)? else {
            continue;
        };
        found.extend(ctx.step(change, &after, effort)?);
    }
    let next = found.first().cloned();
    let full = best(next.as_ref(), found);
    Ok((next, full))
}

/// The smallest change of a share that passes `edge`; `None` when out of reach.
fn reach_share(
    ctx: &LeafCtx<'_>,
    m: &Measured,
    edge: Edge,
    opts: &ratio::RatioOptions,
    ev: &LeafEvidence,
) -> Result<Option<(EvidenceChange, LeafEvidence, Decimal)>, EvalError> {
    let mut after = fresh(ev);
    match m {
        Measured::Fraction { num, den, .. } => {
            let k = den
                .checked_div(Decimal::ONE_HUNDRED)
                .ok_or_else(|| ctx.overflow())?;
            let to = edge.min_whole(k).ok_or_else(|| ctx.overflow())?;
            if to > *den && !opts.allow_over {
                return Ok(None);
            }
            let to = to.max(*num);
            after.numerator = Some(to);
            after.denominator = Some(*den);
            let change = EvidenceChange::Numerator {
                from: *num,
                to,
                of: *den,
                measure: opts.measure.clone(),
            };
            let effort = ctx.sub(to, *num)?;
            Ok(Some((change, after, effort)))
        }
        Measured::Percent(p) => {
            let to = if edge.inclusive {
                edge.value
            } else {
                ctx.add(edge.value, Decimal::new(1, 2))?
            };
            if to > Decimal::ONE_HUNDRED && !opts.allow_over {
                return Ok(None);
            }
            after.percent = Some(to);
            let effort = ctx.sub(to, *p)?;
            Ok(Some((
                EvidenceChange::Share { from: *p, to },
                after,
                effort,
            )))
        }
    }
}

fn proportional(
    ctx: &LeafCtx<'_>,
    r: &crate::rules::proportional::Proportional,
    ev: &LeafEvidence,
) -> Result<PropSteps, EvalError> {
    let rc = ctx.rule_ctx();
    let Some(m) = ratio::read(&rc, ev, &r.opts).map_err(|_| ctx.overflow())? else {
        return Ok((None, None, None));
    };
    let target = r.target.unwrap_or(Decimal::ONE_HUNDRED);
    let full_edge = Edge {
        value: target,
        inclusive: true,
    };
    let full = reach_share(ctx, &m, full_edge, &r.opts, ev)?
        .map(|(c, after, effort)| ctx.step(c, &after, effort))
        .transpose()?
        .flatten();
    let under_floor = match r.zero_below {
        Some(z) => m.cmp_percent(z).map_err(|_| ctx.overflow())?.is_lt(),
        None => false,
    };
    let (next, per_unit) = match &m {
        Measured::Fraction { num, den, .. } => {
            let per_unit = ctx
                .node
                .max
                .checked_mul(Decimal::ONE_HUNDRED)
                .and_then(|x| x.checked_div(target.checked_mul(*den)?))
                .ok_or_else(|| ctx.overflow())?;
            let next = if let (true, Some(z)) = (under_floor, r.zero_below) {
                let edge = Edge {
                    value: z,
                    inclusive: true,
                };
                reach_share(ctx, &m, edge, &r.opts, ev)?
                    .map(|(c, after, effort)| ctx.step(c, &after, effort))
                    .transpose()?
                    .flatten()
            } else {
                let k = den
                    .checked_div(Decimal::ONE_HUNDRED)
                    .ok_or_else(|| ctx.overflow())?;
                let mut hi = full_edge.min_whole(k).ok_or_else(|| ctx.overflow())?;
                if !r.opts.allow_over {
                    hi = hi.min(*den);
                }
                one_more(ctx, &r.opts, (*num, *den, hi), ev)?
            };
            (next, Some(per_unit))
        }
        Measured::Percent(_) => (full.clone(), None),
    };
    let full = full.filter(|f| Some(f) != next.as_ref());
    Ok((next, full, per_unit))
}

/// The smallest numerator above `num`, at most `hi`, whose rounded points gain: usually one
/// more unit, but rounding can hide a small gain. Points never fall as the numerator grows (a
/// property of every rule), so a binary search finds it in about log₂(hi − num) scorings.
fn one_more(
    ctx: &LeafCtx<'_>,
    opts: &ratio::RatioOptions,
    (num, den, hi): (Decimal, Decimal, Decimal),
    ev: &LeafEvidence,
) -> Result<Option<Step>, EvalError> {
    let at = |to: Decimal| -> Result<Option<Step>, EvalError> {
        let mut after = fresh(ev);
        after.numerator = Some(to);
        after.denominator = Some(den);
        let change = EvidenceChange::Numerator {
            from: num,
            to,
            of: den,
            measure: opts.measure.clone(),
        };
        ctx.step(change, &after, ctx.sub(to, num)?)
    };
    let mut lo = ctx.add(num, Decimal::ONE)?;
    let mut hi = hi;
    if lo > hi {
        return Ok(None);
    }
    let Some(mut best) = at(hi)? else {
        return Ok(None);
    };
    while lo < hi {
        let mid = ctx
            .add(lo, hi)?
            .checked_div(Decimal::TWO)
            .ok_or_else(|| ctx.overflow())?
            .floor();
        match at(mid)? {
            Some(step) => {
                best = step;
                hi = mid;
            }
            None => lo = ctx.add(mid, Decimal::ONE)?,
        }
    }
    Ok(Some(best))
}

fn count_bands(
    ctx: &LeafCtx<'_>,
    bands: &[Band],
    measure: Option<&String>,
    ev: &LeafEvidence,
) -> Result<Steps, EvalError> {
    let count = ev.count.unwrap_or_default();
    let here = bands::find(bands, |e| Ok::<_, ()>(count.cmp(&e))).map_err(|()| ctx.overflow())?;
    let i = here
        .and_then(|h| bands.iter().position(|b| b == h))
        .unwrap_or(bands.len());
    let mut found = Vec::new();
    for band in bands.iter().take(i).rev() {
        let Some(edge) = band.lower else { continue };
        let to = edge.min_whole(Decimal::ONE).ok_or_else(|| ctx.overflow())?;
        let mut after = fresh(ev);
        after.count = Some(to);
        let change = EvidenceChange::More {
            from: count,
            to,
            measure: measure.cloned(),
        };
        found.extend(ctx.step(change, &after, ctx.sub(to, count)?)?);
    }
    let next = found.first().cloned();
    let full = best(next.as_ref(), found);
    Ok((next, full))
}

fn deduction(
    ctx: &LeafCtx<'_>,
    r: &crate::rules::deduction::Deduction,
    ev: &LeafEvidence,
) -> Result<Steps, EvalError> {
    let count = ev.count.unwrap_or_default();
    if count <= Decimal::ZERO {
        return Ok((None, None));
    }
    let fewer = |to: Decimal| -> Result<Option<Step>, EvalError> {
        let mut after = fresh(ev);
        after.count = Some(to);
        let change = EvidenceChange::Fewer {
            from: count,
            to,
            measure: r.measure.clone(),
        };
        ctx.step(change, &after, ctx.sub(count, to)?)
    };
    // One fewer gains `per_item`, unless the floor holds the points or rounding hides the
    // gain (`per_item` finer than the points keep). Then the largest count that gains: fewer
    // items never score less, so the counts that gain are 0 … c, found by halving the range
    // between 0 (which gains, or nothing does) and one fewer (which does not).
    let mut next = fewer(ctx.sub(count, Decimal::ONE)?)?;
    if next.is_none() && count > Decimal::ONE {
        let mut gains = fewer(Decimal::ZERO)?;
        let (mut lo, mut hi) = (Decimal::ZERO, ctx.sub(count, Decimal::ONE)?);
        while gains.is_some() && ctx.sub(hi, lo)? > Decimal::ONE {
            let mid = ctx
                .add(lo, hi)?
                .checked_div(Decimal::TWO)
                .ok_or_else(|| ctx.overflow())?
                .floor();
            match fewer(mid)? {
                Some(step) => (lo, gains) = (mid, Some(step)),
                None => hi = mid,
            }
        }
        next = gains;
    }
    let full = fewer(Decimal::ZERO)?.filter(|f| Some(f) != next.as_ref());
    Ok((next, full))
}

/// One more item gains `per_item` (less if the cap cuts it); the count that reaches the cap,
/// ⌈cap ÷ per_item⌉, gains all that is left.
fn per_item(
    ctx: &LeafCtx<'_>,
    r: &crate::rules::per_item::PerItem,
    ev: &LeafEvidence,
) -> Result<Steps, EvalError> {
    let count = ev.count.unwrap_or_default();
    let more = |to: Decimal| -> Result<Option<Step>, EvalError> {
        let mut after = fresh(ev);
        after.count = Some(to);
        let change = EvidenceChange::More {
            from: count,
            to,
            measure: r.measure.clone(),
        };
        ctx.step(change, &after, ctx.sub(to, count)?)
    };
    let one = count
        .checked_add(Decimal::ONE)
        .ok_or_else(|| ctx.overflow())?;
    let next = more(one)?;
    let at_cap = r
        .cap
        .checked_div(r.per_item)
        .ok_or_else(|| ctx.overflow())?
        .ceil();
    let full = if at_cap > one { more(at_cap)? } else { None };
    Ok((next, full))
}

fn levels(
    ctx: &LeafCtx<'_>,
    r: &crate::rules::levels::Levels,
    ev: &LeafEvidence,
) -> Result<Steps, EvalError> {
    let id = ev.level.clone().unwrap_or_default();
    let Some(now) = r.levels.iter().find(|l| l.id == id) else {
        return Ok((None, None));
    };
    let mut better: Vec<_> = r.levels.iter().filter(|l| l.points > now.points).collect();
    better.sort_by_key(|l| l.points);
    let mut found = Vec::new();
    for l in better {
        let mut after = fresh(ev);
        after.level = Some(l.id.clone());
        let change = EvidenceChange::Level {
            from: id.clone(),
            to: l.id.clone(),
            label: l.label.clone(),
        };
        found.extend(ctx.step(change, &after, Decimal::ONE)?);
    }
    let next = found.first().cloned();
    let full = best(next.as_ref(), found);
    Ok((next, full))
}

fn check(
    ctx: &LeafCtx<'_>,
    r: &crate::rules::check::Check,
    ev: &LeafEvidence,
) -> Result<Option<Step>, EvalError> {
    let mut after = fresh(ev);
    let failed: Vec<String> = if r.conditions.is_empty() {
        after.met = Some(true);
        Vec::new()
    } else {
        let given = ev.conditions.clone().unwrap_or_default();
        after.conditions = Some(r.conditions.iter().map(|c| (c.id.clone(), true)).collect());
        r.conditions
            .iter()
            .filter(|c| given.get(&c.id) != Some(&true))
            .map(|c| format!("{} (`{}`)", c.label, c.id))
            .collect()
    };
    let effort = Decimal::from(failed.len().max(1));
    ctx.step(EvidenceChange::Meet { conditions: failed }, &after, effort)
}

fn deadline(
    ctx: &LeafCtx<'_>,
    r: &crate::rules::deadline::Deadline,
    ev: &LeafEvidence,
) -> Result<Option<Step>, EvalError> {
    let outcome = match ctx.leaf.rule.score(&ctx.rule_ctx(), ev) {
        Ok(Outcome::Points {
            working: Working::Deadline { outcome, .. },
            ..
        }) => outcome,
        _ => return Ok(None),
    };
    if outcome != "not_issued" {
        return Ok(None);
    }
    let mut after = fresh(ev);
    after.documents = None;
    after.date = Some(ctx.as_of.to_string());
    let timing = r.timing(Some(ctx.as_of));
    let change = EvidenceChange::Issue {
        outcome: timing.as_str().to_string(),
        deadline: r.deadline.to_string(),
    };
    ctx.step(change, &after, Decimal::ONE)
}
