//! The canonical form of a rule: what its wording determines, with defaults and implied band
//! edges left out, so that two rules that score alike compare equal.

use rust_decimal::Decimal;

use super::text::capitalize;
use crate::model::{BandDef, EmptyPolicy, NoCases, RuleDef, RuleKind, TaskStatus};

/// The rule with ids numbered (`l1`, `c1`), labels capitalised, English labels and `measure`
/// dropped, defaults left out (`points` = max, `otherwise = 0`, default weights, default task
/// statuses, `on_empty = "not_applicable"`), decimals without trailing zeros and band edges
/// that the band before implies left out.
pub(crate) fn canonical(rule: &RuleDef, max: Decimal) -> RuleDef {
    let mut r = rule.clone();
    r.measure = None;
    for (i, l) in r.levels.iter_mut().enumerate() {
        l.id = format!("l{}", i + 1);
        l.label = capitalize(&l.label);
        l.label_en = None;
        l.points = l.points.normalize();
    }
    for (i, c) in r.conditions.iter_mut().enumerate() {
        c.id = format!("c{}", i + 1);
        c.label = capitalize(&c.label);
        c.label_en = None;
    }
    let max = max.normalize();
    for v in [
        &mut r.points,
        &mut r.otherwise,
        &mut r.target,
        &mut r.zero_below,
        &mut r.per_item,
        &mut r.cap,
        &mut r.min_points,
        &mut r.on_time,
        &mut r.late,
        &mut r.not_issued,
    ] {
        *v = v.map(|x| x.normalize());
    }
    drop_defaults(&mut r, max);
    ratio_options(&mut r);
    let count = r.kind == RuleKind::CountBands;
    let top =
        (r.kind == RuleKind::RatioBands && r.allow_over.is_none()).then_some(Decimal::ONE_HUNDRED);
    r.bands = bands(&r.bands, count, top);
    for w in &mut r.weights {
        w.percent = w.percent.normalize();
    }
    if r.kind == RuleKind::Survey && is_default_weights(&r) {
        r.weights.clear();
    }
    r
}

fn drop_defaults(r: &mut RuleDef, max: Decimal) {
    let zero = |v: &mut Option<Decimal>| {
        if *v == Some(Decimal::ZERO) {
            *v = None;
        }
    };
    let full = |v: &mut Option<Decimal>| {
        if *v == Some(max) {
            *v = None;
        }
    };
    match r.kind {
        RuleKind::Check => {
            full(&mut r.points);
            zero(&mut r.otherwise);
        }
        RuleKind::CountBands => zero(&mut r.otherwise),
        RuleKind::Deduction => zero(&mut r.min_points),
        RuleKind::PerItem => full(&mut r.cap),
        RuleKind::Deadline => {
            full(&mut r.on_time);
            zero(&mut r.late);
            zero(&mut r.not_issued);
        }
        _ => {}
    }
}

fn ratio_options(r: &mut RuleDef) {
    // `on_empty` is the older spelling of `when_no_cases`: compare the meaning.
    match r.on_empty.take() {
        Some(EmptyPolicy::FullPoints) if r.when_no_cases.is_none() => {
            r.when_no_cases = Some(NoCases::Full);
        }
        Some(EmptyPolicy::Zero) if r.when_no_cases.is_none() => {
            r.when_no_cases = Some(NoCases::Zero);
        }
        _ => {}
    }
    if r.allow_over == Some(false) {
        r.allow_over = None;
    }
    let tidy = |v: &mut Option<Vec<TaskStatus>>, default: &[TaskStatus]| {
        if let Some(list) = v {
            list.sort();
            list.dedup();
            if list.as_slice() == default {
                *v = None;
            }
        }
    };
    tidy(&mut r.done, &[TaskStatus::Done, TaskStatus::DoneLate]);
    tidy(&mut r.exclude, &[]);
}

fn is_default_weights(r: &RuleDef) -> bool {
    let default = crate::rules::survey::default_weights();
    r.weights.len() == default.len()
        && r.weights
            .iter()
            .zip(&default)
            .all(|(w, (o, p))| w.option == *o && w.percent == *p)
}

/// One edge: value and whether it is inclusive.
type Edge = (Decimal, bool);

/// The bands with whole-count edges written as `at_least` / `below` and implied upper edges
/// left out.
fn bands(defs: &[BandDef], count: bool, top: Option<Decimal>) -> Vec<BandDef> {
    let mut out: Vec<BandDef> = Vec::with_capacity(defs.len());
    for b in defs {
        let mut b = b.clone();
        for v in [
            &mut b.at_least,
            &mut b.above,
            &mut b.below,
            &mut b.at_most,
            &mut b.points,
        ] {
            *v = v.map(|x| x.normalize());
        }
        if b.proportional == Some(false) {
            b.proportional = None;
        }
        if count {
            whole_counts(&mut b);
        }
        let implied: Option<Edge> = match out.last() {
            None => top.map(|t| (t, true)),
            Some(prev) => lower_edge(prev).map(|(v, inc)| (v, !inc)),
        };
        if implied.is_some() && upper_edge(&b) == implied {
            b.below = None;
            b.at_most = None;
        }
        out.push(b);
    }
    out
}

/// `above n` is `at_least n + 1` and `at_most n` is `below n + 1` for whole counts.
fn whole_counts(b: &mut BandDef) {
    if let Some(v) = b.above
        && v.fract().is_zero()
        && b.at_least.is_none()
    {
        b.above = None;
        b.at_least = Some(v + Decimal::ONE);
    }
    if let Some(v) = b.at_most
        && v.fract().is_zero()
        && b.below.is_none()
    {
        b.at_most = None;
        b.below = Some(v + Decimal::ONE);
    }
}

/// The lower edge of a band: value and inclusive.
pub(crate) fn lower_edge(b: &BandDef) -> Option<Edge> {
    b.at_least
        .map(|v| (v, true))
        .or(b.above.map(|v| (v, false)))
}

/// The upper edge of a band as written: value and inclusive.
pub(crate) fn upper_edge(b: &BandDef) -> Option<Edge> {
    b.at_most.map(|v| (v, true)).or(b.below.map(|v| (v, false)))
}
