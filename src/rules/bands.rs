//! Ordered bands with explicit edges, shared by `ratio_bands` (edges in %) and `count_bands`
//! (edges in counted items).
//!
//! Bands are listed best first. Each band has a lower edge (`at_least` ≥ or `above` >; only
//! the last band may leave it out) and an optional upper edge (`below` < or `at_most` ≤; when
//! left out, the band reaches up to the lower edge of the band before it). Validation makes the
//! bands partition their domain: no gap, no overlap, strictly descending.

use std::cmp::Ordering;

use rust_decimal::Decimal;

use super::{Issues, working::BandView};
use crate::decimal::plain;
use crate::error::IssueCode;
use crate::model::BandDef;
use crate::path::DataPath;

/// One edge of a band.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Edge {
    pub(crate) value: Decimal,
    pub(crate) inclusive: bool,
}

/// What a band pays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pay {
    Fixed(Decimal),
    Proportional,
}

/// A validated band; `upper` is filled in when it was implied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Band {
    pub(crate) lower: Option<Edge>,
    pub(crate) upper: Option<Edge>,
    pub(crate) pay: Pay,
}

/// The domain the bands must cover.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Domain {
    /// The highest value, inclusive (100 for shares that cannot pass 100%), or unbounded.
    pub(crate) top: Option<Decimal>,
    /// Whether values below the last band are covered by an `otherwise` (count bands).
    pub(crate) has_otherwise: bool,
    /// Whether bands may pay share × max.
    pub(crate) allow_proportional: bool,
    /// `%` or empty, for messages.
    pub(crate) unit: &'static str,
}

/// Ordering key of a lower edge: `above x` sits higher than `at_least x`.
fn lower_key(e: Option<Edge>) -> (Option<Decimal>, bool) {
    match e {
        Some(e) => (Some(e.value), !e.inclusive),
        None => (None, false),
    }
}

fn edge_text(e: Edge, unit: &str, lower: bool) -> String {
    let op = match (lower, e.inclusive) {
        (true, true) => "at_least",
        (true, false) => "above",
        (false, true) => "at_most",
        (false, false) => "below",
    };
    format!("`{op} = {}{unit}`", plain(e.value))
}

/// Checks a list of bands; `None` when it has problems (all reported).
pub(crate) fn lower(
    defs: &[BandDef],
    domain: Domain,
    max: Decimal,
    path: &DataPath,
    issues: &mut Issues,
) -> Option<Vec<Band>> {
    let before = issues.list.len();
    if defs.is_empty() {
        issues.push(
            path.clone(),
            IssueCode::RuleField,
            "a band rule needs at least one band in `bands`",
        );
        return None;
    }
    let mut out: Vec<Band> = Vec::with_capacity(defs.len());
    let last = defs.len() - 1;
    for (i, def) in defs.iter().enumerate() {
        let p = path.index(i);
        let Some(band) = lower_one(def, i == last, domain, max, &p, issues) else {
            continue;
        };
        if let Some(prev) = out.last() {
            check_against_previous(prev, &band, i, domain, &p, issues);
        } else {
            check_first(&band, domain, &p, issues);
        }
        out.push(band);
    }
    if let (Some(lowest), false) = (out.last(), domain.has_otherwise) {
        check_reaches_zero(lowest, domain, &path.index(last), issues);
    }
    // Fill in implied upper edges from the band before.
    for i in 0..out.len() {
        if out.get(i).is_some_and(|b| b.upper.is_none()) {
            let implied = if i == 0 {
                domain.top.map(|t| Edge {
                    value: t,
                    inclusive: true,
                })
            } else {
                out.get(i - 1).and_then(|prev| prev.lower).map(|l| Edge {
                    value: l.value,
                    inclusive: !l.inclusive,
                })
            };
            if let Some(b) = out.get_mut(i) {
                b.upper = implied;
            }
        }
    }
    (issues.list.len() == before).then_some(out)
}

/// Checks one band: its edges, their values and what it pays; `None` when it has problems
/// (all reported).
fn lower_one(
    def: &BandDef,
    is_last: bool,
    domain: Domain,
    max: Decimal,
    p: &DataPath,
    issues: &mut Issues,
) -> Option<Band> {
    let (lower, lower_ok) = lower_edge(def, p, issues);
    let (upper, upper_ok) = upper_edge(def, p, issues);
    let mut ok = lower_ok && upper_ok;
    if lower.is_none() && !is_last {
        issues.push(
            p.clone(),
            IssueCode::BandEdges,
            "only the last band may leave out its lower edge (`at_least` or `above`)",
        );
        ok = false;
    }
    ok &= check_edge_values(def, domain, p, issues);
    ok &= check_not_empty(lower, upper, domain, p, issues);
    let (pay, pay_ok) = band_pay(def, domain, max, p, issues);
    (ok && pay_ok).then_some(Band { lower, upper, pay })
}

/// Reads a band's lower edge (`at_least` ≥ or `above` >); the flag is `false` when both are set.
fn lower_edge(def: &BandDef, p: &DataPath, issues: &mut Issues) -> (Option<Edge>, bool) {
    match (def.at_least, def.above) {
        (Some(_), Some(_)) => {
            issues.push(
                p.clone(),
                IssueCode::BandEdges,
                "a band takes `at_least` or `above`, not both",
            );
            (None, false)
        }
        (Some(v), None) => (
            Some(Edge {
                value: v,
                inclusive: true,
            }),
            true,
        ),
        (None, Some(v)) => (
            Some(Edge {
                value: v,
                inclusive: false,
            }),
            true,
        ),
        (None, None) => (None, true),
    }
}

/// Reads a band's upper edge (`below` < or `at_most` ≤); the flag is `false` when both are set.
fn upper_edge(def: &BandDef, p: &DataPath, issues: &mut Issues) -> (Option<Edge>, bool) {
    match (def.below, def.at_most) {
        (Some(_), Some(_)) => {
            issues.push(
                p.clone(),
                IssueCode::BandEdges,
                "a band takes `below` or `at_most`, not both",
            );
            (None, false)
        }
        (Some(v), None) => (
            Some(Edge {
                value: v,
                inclusive: false,
            }),
            true,
        ),
        (None, Some(v)) => (
            Some(Edge {
                value: v,
                inclusive: true,
            }),
            true,
        ),
        (None, None) => (None, true),
    }
}

/// Checks every edge value is non-negative and, for a bounded domain, not above its top.
fn check_edge_values(def: &BandDef, domain: Domain, p: &DataPath, issues: &mut Issues) -> bool {
    let mut ok = true;
    for (field, v) in [
        ("at_least", def.at_least),
        ("above", def.above),
        ("below", def.below),
        ("at_most", def.at_most),
    ] {
        let Some(v) = v else { continue };
        ok &= issues.non_negative(&p.key(field), v);
        if let Some(top) = domain.top
            && v > top
        {
            issues.push(
                p.key(field),
                IssueCode::OutOfRange,
                format!(
                    "`{}{}` is above {}{}: a share cannot exceed it unless the rule sets `allow_over = true`",
                    plain(v),
                    domain.unit,
                    plain(top),
                    domain.unit
                ),
            );
            ok = false;
        }
    }
    ok
}

/// Checks a band with both edges holds at least one value.
fn check_not_empty(
    lower: Option<Edge>,
    upper: Option<Edge>,
    domain: Domain,
    p: &DataPath,
    issues: &mut Issues,
) -> bool {
    let (Some(l), Some(u)) = (lower, upper) else {
        return true;
    };
    let empty = l.value > u.value || (l.value == u.value && !(l.inclusive && u.inclusive));
    if empty {
        issues.push(
            p.clone(),
            IssueCode::BandEdges,
            format!(
                "the band is empty: {} is not below {}",
                edge_text(l, domain.unit, true),
                edge_text(u, domain.unit, false)
            ),
        );
    }
    !empty
}

/// Reads what a band pays (`points` or `proportional`); the flag is `false` when that is wrong.
fn band_pay(
    def: &BandDef,
    domain: Domain,
    max: Decimal,
    p: &DataPath,
    issues: &mut Issues,
) -> (Pay, bool) {
    match (def.points, def.proportional.unwrap_or(false)) {
        (Some(_), true) => {
            issues.push(
                p.clone(),
                IssueCode::BandEdges,
                "a band pays `points` or is `proportional`, not both",
            );
            (Pay::Proportional, false)
        }
        (Some(pts), false) => {
            let before = issues.list.len();
            issues.points_within(&p.key("points"), pts, max);
            (Pay::Fixed(pts), issues.list.len() == before)
        }
        (None, true) if domain.allow_proportional => (Pay::Proportional, true),
        (None, true) => {
            issues.push(
                p.key("proportional"),
                IssueCode::RuleField,
                "`proportional` applies to `ratio_bands` only: a count band pays fixed `points`",
            );
            (Pay::Proportional, false)
        }
        (None, false) => {
            issues.push(
                p.clone(),
                IssueCode::BandEdges,
                "a band needs `points` (or `proportional = true`)",
            );
            (Pay::Proportional, false)
        }
    }
}

fn check_first(band: &Band, domain: Domain, p: &DataPath, issues: &mut Issues) {
    let Some(u) = band.upper else { return };
    let gap = match domain.top {
        Some(top) => u.value < top || (u.value == top && !u.inclusive),
        None => true,
    };
    if gap {
        let above = match domain.top {
            Some(top) => format!("up to {}{}", plain(top), domain.unit),
            None => "above it".to_string(),
        };
        issues.push(
            p.clone(),
            IssueCode::BandGap,
            format!(
                "gap: the first band ends at {}, so values {above} fall in no band",
                edge_text(u, domain.unit, false)
            ),
        );
    }
}

fn check_against_previous(
    prev: &Band,
    band: &Band,
    i: usize,
    domain: Domain,
    p: &DataPath,
    issues: &mut Issues,
) {
    if lower_key(band.lower) >= lower_key(prev.lower) && band.lower.is_some() {
        issues.push(
            p.clone(),
            IssueCode::BandOrder,
            format!(
                "bands must be listed best first, with falling lower edges: band {i} starts at {} but band {} starts at {}",
                band.lower.map_or_else(String::new, |e| edge_text(e, domain.unit, true)),
                i - 1,
                prev.lower.map_or_else(String::new, |e| edge_text(e, domain.unit, true)),
            ),
        );
        return;
    }
    let (Some(u), Some(l)) = (band.upper, prev.lower) else {
        return;
    };
    let order = u.value.cmp(&l.value);
    let problem = match order {
        Ordering::Less => Some((IssueCode::BandGap, "gap")),
        Ordering::Greater => Some((IssueCode::BandOverlap, "overlap")),
        Ordering::Equal if u.inclusive && l.inclusive => Some((IssueCode::BandOverlap, "overlap")),
        Ordering::Equal if !u.inclusive && !l.inclusive => Some((IssueCode::BandGap, "gap")),
        Ordering::Equal => None,
    };
    if let Some((code, word)) = problem {
        issues.push(
            p.clone(),
            code,
            format!(
                "{word} with band {}: this band's {} does not meet its {}",
                i - 1,
                edge_text(u, domain.unit, false),
                edge_text(l, domain.unit, true)
            ),
        );
    }
}

fn check_reaches_zero(lowest: &Band, domain: Domain, p: &DataPath, issues: &mut Issues) {
    if let Some(l) = lowest.lower
        && (l.value > Decimal::ZERO || !l.inclusive)
    {
        issues.push(
            p.clone(),
            IssueCode::BandGap,
            format!(
                "gap: the last band starts at {}, so values below it fall in no band; leave out its lower edge or add a band down to 0{}",
                edge_text(l, domain.unit, true),
                domain.unit
            ),
        );
    }
}

/// The first band whose lower edge the value passes; `cmp(edge)` orders the value against an
/// edge. Validated bands are contiguous, so that band holds the value.
pub(crate) fn find<E>(
    bands: &[Band],
    mut cmp: impl FnMut(Decimal) -> Result<Ordering, E>,
) -> Result<Option<&Band>, E> {
    for band in bands {
        let passes = match band.lower {
            None => true,
            Some(e) => {
                let o = cmp(e.value)?;
                o == Ordering::Greater || (e.inclusive && o == Ordering::Equal)
            }
        };
        if passes {
            return Ok(Some(band));
        }
    }
    Ok(None)
}

impl Edge {
    /// The smallest whole number `n` that passes this lower edge once scaled: `n ≥ value × k`
    /// (inclusive) or `n > value × k` (exclusive). For a share of `den` items against an edge
    /// in %, `k = den ÷ 100`; for a count, `k = 1`. `None` on overflow.
    pub(crate) fn min_whole(self, k: Decimal) -> Option<Decimal> {
        let t = self.value.checked_mul(k)?;
        if self.inclusive {
            Some(t.ceil())
        } else {
            t.floor().checked_add(Decimal::ONE)
        }
    }
}

impl Band {
    pub(crate) fn view(&self, unit: &str) -> BandView {
        BandView {
            lower: self.lower.map(|e| e.value),
            lower_inclusive: self.lower.is_some_and(|e| e.inclusive),
            upper: self.upper.map(|e| e.value),
            upper_inclusive: self.upper.is_some_and(|e| e.inclusive),
            unit: unit.to_string(),
            proportional: self.pay == Pay::Proportional,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn band(
        at_least: Option<&str>,
        above: Option<&str>,
        below: Option<&str>,
        at_most: Option<&str>,
        points: &str,
    ) -> BandDef {
        BandDef {
            at_least: at_least.map(d),
            above: above.map(d),
            below: below.map(d),
            at_most: at_most.map(d),
            points: Some(d(points)),
            proportional: None,
        }
    }

    const PCT: Domain = Domain {
        top: Some(Decimal::ONE_HUNDRED),
        has_otherwise: false,
        allow_proportional: true,
        unit: "%",
    };

    fn run(defs: &[BandDef]) -> (Option<Vec<Band>>, Vec<String>) {
        let mut issues = Issues::default();
        let out = lower(
            defs,
            PCT,
            d("2"),
            &DataPath::root().key("bands"),
            &mut issues,
        );
        (out, issues.list.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn the_smallest_whole_number_passing_an_edge() {
        let e = |v: &str, inclusive| Edge {
            value: d(v),
            inclusive,
        };
        // ≥ 90% of 36: 90 × 36 / 100 = 32.4 → 33
        assert_eq!(e("90", true).min_whole(d("0.36")), Some(d("33")));
        // > 90% of 30: 27 exactly is not above → 28
        assert_eq!(e("90", false).min_whole(d("0.3")), Some(d("28")));
        // ≥ 90% of 30: 27 → 27
        assert_eq!(e("90", true).min_whole(d("0.3")), Some(d("27")));
        // a count ≥ 4 → 4; > 2 → 3
        assert_eq!(e("4", true).min_whole(d("1")), Some(d("4")));
        assert_eq!(e("2", false).min_whole(d("1")), Some(d("3")));
    }

    #[test]
    fn ca_mau_bands_partition_the_range() {
        let (bands, issues) = run(&[
            band(None, Some("90"), None, None, "2"),
            band(Some("70"), None, None, Some("90"), "1"),
            band(None, None, None, None, "0"),
        ]);
        assert!(issues.is_empty(), "{issues:?}");
        let bands = bands.unwrap();
        // implied upper edges
        assert_eq!(
            bands[0].upper,
            Some(Edge {
                value: d("100"),
                inclusive: true
            })
        );
        assert_eq!(
            bands[2].upper,
            Some(Edge {
                value: d("70"),
                inclusive: false
            })
        );
        let pick = |v: &str| {
            find(&bands, |e| Ok::<_, ()>(d(v).cmp(&e)))
                .unwrap()
                .map(|b| b.pay)
        };
        assert_eq!(pick("90.0001"), Some(Pay::Fixed(d("2"))));
        assert_eq!(pick("90"), Some(Pay::Fixed(d("1"))));
        assert_eq!(pick("70"), Some(Pay::Fixed(d("1"))));
        assert_eq!(pick("69.99"), Some(Pay::Fixed(d("0"))));
        assert_eq!(pick("0"), Some(Pay::Fixed(d("0"))));
    }

    #[test]
    fn gaps_overlaps_and_order_are_reported() {
        let (_, issues) = run(&[
            band(Some("90"), None, None, None, "2"),
            band(Some("70"), None, Some("80"), None, "1"),
            band(None, None, None, None, "0"),
        ]);
        assert_eq!(
            issues,
            [
                "bands[1]: gap with band 0: this band's `below = 80%` does not meet its `at_least = 90%`"
            ]
        );
        let (_, issues) = run(&[
            band(Some("90"), None, None, None, "2"),
            band(Some("70"), None, None, Some("90"), "1"),
            band(None, None, None, None, "0"),
        ]);
        assert_eq!(
            issues,
            [
                "bands[1]: overlap with band 0: this band's `at_most = 90%` does not meet its `at_least = 90%`"
            ]
        );
        let (_, issues) = run(&[
            band(None, Some("90"), None, None, "2"),
            band(Some("70"), None, Some("90"), None, "1"),
            band(None, None, None, None, "0"),
        ]);
        assert_eq!(
            issues,
            [
                "bands[1]: gap with band 0: this band's `below = 90%` does not meet its `above = 90%`"
            ]
        );
        let (_, issues) = run(&[
            band(Some("70"), None, None, None, "1"),
            band(Some("90"), None, None, None, "2"),
            band(None, None, None, None, "0"),
        ]);
        assert_eq!(
            issues,
            [
                "bands[1]: bands must be listed best first, with falling lower edges: band 1 starts at `at_least = 90%` but band 0 starts at `at_least = 70%`"
            ]
        );
    }

    #[test]
    fn edges_and_points_are_checked() {
        let (_, issues) = run(&[
            band(Some("90"), None, None, None, "3"),
            band(None, None, None, None, "0"),
        ]);
        assert_eq!(
            issues,
            ["bands[0].points: points `3` are above the leaf's max `2`"]
        );
        let (_, issues) = run(&[
            band(Some("60"), None, Some("50"), None, "1"),
            band(None, None, None, None, "0"),
        ]);
        assert_eq!(
            issues[0],
            "bands[0]: the band is empty: `at_least = 60%` is not below `below = 50%`"
        );
        let (_, issues) = run(&[
            band(Some("90"), None, None, None, "2"),
            band(Some("50"), None, None, None, "0"),
        ]);
        assert_eq!(
            issues,
            [
                "bands[1]: gap: the last band starts at `at_least = 50%`, so values below it fall in no band; leave out its lower edge or add a band down to 0%"
            ]
        );
        let (_, issues) = run(&[
            band(Some("90"), None, Some("99"), None, "2"),
            band(None, None, None, None, "0"),
        ]);
        assert_eq!(
            issues,
            [
                "bands[0]: gap: the first band ends at `below = 99%`, so values up to 100% fall in no band"
            ]
        );
        let (_, issues) = run(&[
            band(Some("120"), None, None, None, "2"),
            band(None, None, None, None, "0"),
        ]);
        assert_eq!(
            issues,
            [
                "bands[0].at_least: `120%` is above 100%: a share cannot exceed it unless the rule sets `allow_over = true`"
            ]
        );
        let (_, issues) = run(&[band(Some("-1"), None, None, None, "2")]);
        assert_eq!(
            issues,
            ["bands[0].at_least: `-1` is negative: expected 0 or more"]
        );
    }
    /// A band with no points and no `proportional`.
    fn prop(at_least: Option<&str>) -> BandDef {
        BandDef {
            at_least: at_least.map(d),
            proportional: Some(true),
            ..BandDef::default()
        }
    }

    /// `above 90%` then `at_least 90%` falls: the second band holds exactly 90% (its implied
    /// upper edge is `at_most 90%`); `at_least 90%` then `above 90%` rises and is refused
    /// (kills `delete !` in `lower_key`). A band `at_least 90, at_most 90` is not empty.
    #[test]
    fn above_x_sits_higher_than_at_least_x_and_a_one_value_band_is_valid() {
        let (bands, issues) = run(&[
            band(None, Some("90"), None, None, "2"),
            band(Some("90"), None, None, None, "1"),
            band(None, None, None, None, "0"),
        ]);
        assert!(issues.is_empty(), "{issues:?}");
        assert_eq!(bands.unwrap()[1].view("%").to_string(), "exactly 90%");
        let (_, issues) = run(&[
            band(Some("90"), None, None, None, "2"),
            band(None, Some("90"), None, None, "1"),
            band(None, None, None, None, "0"),
        ]);
        assert_eq!(
            issues,
            [
                "bands[1]: bands must be listed best first, with falling lower edges: band 1 starts at `above = 90%` but band 0 starts at `at_least = 90%`"
            ]
        );
        // [90, 90] holds 90 (kills `>` → `>=` and `delete !` in `check_not_empty`)
        let (_, issues) = run(&[
            band(None, Some("90"), None, None, "2"),
            band(Some("90"), None, None, Some("90"), "1"),
            band(None, None, None, None, "0"),
        ]);
        assert!(issues.is_empty(), "{issues:?}");
    }

    /// A band from 90% to below 90% holds nothing (kills `&&` → `||` in `check_not_empty`).
    #[test]
    fn a_band_from_x_to_below_x_is_empty() {
        let (_, issues) = run(&[
            band(None, Some("90"), None, None, "2"),
            band(Some("90"), None, Some("90"), None, "1"),
            band(None, None, None, None, "0"),
        ]);
        assert_eq!(
            issues[0],
            "bands[1]: the band is empty: `at_least = 90%` is not below `below = 90%`"
        );
    }

    /// A band with a problem is left out, so the bands after it are compared with the band
    /// before it, and no further issue is reported about it: a band giving both `below` and
    /// `at_most` (kills `&&` → `||` on the edge flags, `&=` → `|=` on the later checks, and
    /// `&&` → `||` on the pay flag in `lower_one`).
    #[test]
    fn a_band_with_a_problem_is_left_out_of_the_order_checks() {
        let (out, issues) = run(&[
            band(Some("90"), None, None, None, "2"),
            band(Some("95"), None, Some("10"), Some("20"), "1"),
            band(None, None, None, None, "0"),
        ]);
        assert_eq!(out, None);
        assert_eq!(
            issues,
            ["bands[1]: a band takes `below` or `at_most`, not both"]
        );
    }

    /// A band with a negative edge is left out too: the last band `at_least -5%` is not
    /// compared with the band before it, and the lowest band left, `at_least 90%`, leaves a
    /// gap down to 0 (kills `&=` → `|=` in `check_edge_values`).
    #[test]
    fn a_band_with_a_negative_edge_is_left_out() {
        let (_, issues) = run(&[
            band(Some("90"), None, None, None, "2"),
            band(Some("-5"), None, Some("50"), None, "0"),
        ]);
        assert_eq!(
            issues,
            [
                "bands[1].at_least: `-5` is negative: expected 0 or more",
                "bands[1]: gap: the last band starts at `at_least = 90%`, so values below it fall in no band; leave out its lower edge or add a band down to 0%"
            ]
        );
    }

    /// `proportional` is for shares only: a count band (a domain without it) refuses it
    /// (kills the `allow_proportional` guard → `true` in `band_pay`).
    #[test]
    fn a_count_band_cannot_be_proportional() {
        let counts = Domain {
            top: None,
            has_otherwise: true,
            allow_proportional: false,
            unit: "",
        };
        let mut issues = Issues::default();
        let out = lower(
            &[prop(Some("4"))],
            counts,
            d("2"),
            &DataPath::root().key("bands"),
            &mut issues,
        );
        assert_eq!(out, None);
        assert_eq!(
            issues.list[0].to_string(),
            "bands[0].proportional: `proportional` applies to `ratio_bands` only: a count band pays fixed `points`"
        );
        // the same band in %, where it is allowed
        let (out, issues) = run(&[prop(None)]);
        assert!(issues.is_empty(), "{issues:?}");
        assert_eq!(out.unwrap()[0].pay, Pay::Proportional);
    }

    /// The first band must reach the top: `at_most 100%` does, `below 100%` leaves 100% out
    /// (kills `<` → `<=`, `==` → `!=`, `&&` → `||` and `delete !` in `check_first`).
    #[test]
    fn the_first_band_reaches_100_with_at_most_100_but_not_below_100() {
        let (_, issues) = run(&[
            band(Some("90"), None, None, Some("100"), "2"),
            band(None, None, None, None, "0"),
        ]);
        assert!(issues.is_empty(), "{issues:?}");
        let (_, issues) = run(&[
            band(Some("90"), None, Some("100"), None, "2"),
            band(None, None, None, None, "0"),
        ]);
        assert_eq!(
            issues,
            [
                "bands[0]: gap: the first band ends at `below = 100%`, so values up to 100% fall in no band"
            ]
        );
    }

    /// The last band must reach 0: `at_least 0%` does, `above 0%` leaves 0% out (kills `>` →
    /// `>=` and `delete !` in `check_reaches_zero`).
    #[test]
    fn the_last_band_reaches_0_with_at_least_0_but_not_above_0() {
        let (_, issues) = run(&[
            band(Some("90"), None, None, None, "2"),
            band(Some("0"), None, None, None, "0"),
        ]);
        assert!(issues.is_empty(), "{issues:?}");
        let (_, issues) = run(&[
            band(Some("90"), None, None, None, "2"),
            band(None, Some("0"), None, None, "0"),
        ]);
        assert_eq!(
            issues,
            [
                "bands[1]: gap: the last band starts at `above = 0%`, so values below it fall in no band; leave out its lower edge or add a band down to 0%"
            ]
        );
    }
}
