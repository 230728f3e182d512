//! `proportional`: points = share × max, optionally against a target (share ÷ target, at most
//! 1) and with a floor (`zero_below`) under which the leaf scores 0.
//!
//! Fields: `target` (%), `zero_below` (%), and the ratio options `done`, `exclude`,
//! `when_no_cases`, `allow_over`. Evidence: `numerator` + `denominator`, `tasks`, `percent`, or
//! `no_cases`.
//!
//! ```toml
//! # "Tỷ lệ = a/b; Điểm = Tỷ lệ × Điểm tối đa"
//! rule = { kind = "proportional" }
//! # online applications against a 50% target, nothing under 20%
//! rule = { kind = "proportional", target = "50", zero_below = "20" }
//! ```

use rust_decimal::Decimal;

use super::ratio::{self, RatioOptions};
use super::working::Working;
use super::{Ctx, Explain, Issues, Outcome, ScoreError};
use crate::error::IssueCode;
use crate::evidence::LeafEvidence;
use crate::model::RuleDef;
use crate::path::DataPath;

/// A validated `proportional` rule.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Proportional {
    pub(crate) target: Option<Decimal>,
    pub(crate) zero_below: Option<Decimal>,
    pub(crate) opts: RatioOptions,
}

impl Proportional {
    pub(crate) fn lower(def: &RuleDef, path: &DataPath, issues: &mut Issues) -> Option<Self> {
        let opts = RatioOptions::lower(def, path, issues);
        let mut ok = true;
        if let Some(t) = def.target
            && t <= Decimal::ZERO
        {
            issues.push(
                path.key("target"),
                IssueCode::OutOfRange,
                format!("target `{}`% must be above 0", crate::decimal::plain(t)),
            );
            ok = false;
        }
        if let Some(z) = def.zero_below {
            ok &= issues.non_negative(&path.key("zero_below"), z);
            if z > Decimal::ONE_HUNDRED && !def.allow_over.unwrap_or(false) {
                issues.push(
                    path.key("zero_below"),
                    IssueCode::OutOfRange,
                    format!(
                        "`zero_below = {}`% is above 100%: no share could score",
                        crate::decimal::plain(z)
                    ),
                );
                ok = false;
            }
        }
        if !def.allow_over.unwrap_or(false)
            && let Some(t) = def.target
            && t > Decimal::ONE_HUNDRED
        {
            issues.push(path.key("target"), IssueCode::OutOfRange, format!("target `{}`% is above 100%, which a share cannot reach unless `allow_over = true`", crate::decimal::plain(t)));
            ok = false;
        }
        let opts = opts?;
        ok.then_some(Proportional {
            target: def.target,
            zero_below: def.zero_below,
            opts,
        })
    }

    pub(crate) fn score<E: Explain>(
        &self,
        ctx: &Ctx<'_>,
        ev: &LeafEvidence,
    ) -> Result<Outcome<E::Working>, ScoreError> {
        let Some(m) = ratio::read(ctx, ev, &self.opts)? else {
            return empty::<E>(ctx, &self.opts);
        };
        let under_floor = match self.zero_below {
            Some(z) => m.cmp_percent(z)?.is_lt(),
            None => false,
        };
        let points = if under_floor {
            Decimal::ZERO
        } else {
            match self.target {
                // share ÷ target × max, from the exact share; at most max.
                Some(t) if m.cmp_percent(t)?.is_lt() => m
                    .times(ctx.max)?
                    .checked_mul(Decimal::ONE_HUNDRED)
                    .and_then(|x| x.checked_div(t))
                    .ok_or(ScoreError::Overflow)?,
                Some(_) => ctx.max,
                // share × max, never above the max (a share may pass 100% under allow_over).
                None => m.times(ctx.max)?.min(ctx.max),
            }
        };
        Ok(Outcome::Points {
            points,
            working: E::working(|| {
                let share = m.view(self.opts.measure.as_ref())?;
                let factor = match (under_floor, self.target) {
                    (true, _) => Decimal::ZERO,
                    (false, Some(t)) => {
                        let f = share.percent.checked_div(t).ok_or(ScoreError::Overflow)?;
                        f.min(Decimal::ONE)
                    }
                    (false, None) => m.times(Decimal::ONE)?,
                };
                Ok(Working::Proportional {
                    share,
                    target: self.target,
                    zero_below: self.zero_below,
                    factor,
                })
            })?,
        })
    }
}

/// What nothing to count scores under a ratio rule's `when_no_cases`.
pub(crate) fn empty<E: Explain>(
    ctx: &Ctx<'_>,
    opts: &RatioOptions,
) -> Result<Outcome<E::Working>, ScoreError> {
    super::no_cases_outcome::<E>(
        ctx,
        opts.no_cases,
        || {
            format!(
                "0 of 0 {}: nothing to measure",
                opts.measure.as_deref().unwrap_or("items")
            )
        },
        |policy| Working::Empty {
            policy,
            measure: opts.measure.clone(),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RuleKind;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn rule(target: Option<&str>, zero_below: Option<&str>) -> Proportional {
        let def = RuleDef {
            target: target.map(d),
            zero_below: zero_below.map(d),
            ..RuleDef::of_kind(RuleKind::Proportional)
        };
        let mut issues = Issues::default();
        let r = Proportional::lower(&def, &DataPath::root(), &mut issues);
        assert!(issues.list.is_empty(), "{:?}", issues.list);
        r.unwrap()
    }

    fn score(r: &Proportional, max: &str, n: i64, m: i64) -> (Decimal, String) {
        let path = DataPath::root().key("evidence").key("3.2");
        let ctx = Ctx {
            max: d(max),
            path: &path,
            kind: RuleKind::Proportional,
        };
        let ev = LeafEvidence {
            numerator: Some(n.into()),
            denominator: Some(m.into()),
            ..LeafEvidence::default()
        };
        match r.score::<crate::rules::Explained>(&ctx, &ev).unwrap() {
            Outcome::Points { points, working } => (points, working.to_string()),
            Outcome::NotApplicable { reason, .. } => (d("-1"), reason),
        }
    }

    #[test]
    fn share_times_max() {
        // 3800/4857 × 2 = 7600/4857 = 1.56475... → 1.56 after half-up rounding
        let (p, why) = score(&rule(None, None), "2", 3800, 4857);
        assert_eq!(crate::decimal::RoundingMode::HalfUp.round(p, 2), d("1.56"));
        assert_eq!(why, "3800/4857 = 78.24%, share × max");
        // 3/4 × 20 = 15 exactly
        assert_eq!(score(&rule(None, None), "20", 3, 4).0, d("15"));
    }

    #[test]
    fn target_caps_at_one_and_floor_zeroes() {
        let r = rule(Some("50"), Some("20"));
        // 40% of a 50% target = 0.8 × 2 = 1.6
        let (p, why) = score(&r, "2", 40, 100);
        assert_eq!(p, d("1.6"));
        assert_eq!(why, "40/100 = 40% ÷ target 50% = 80%");
        // exactly at target, and above it: max
        assert_eq!(score(&r, "2", 50, 100).0, d("2"));
        assert_eq!(score(&r, "2", 90, 100).0, d("2"));
        // exactly at the floor still scores; just under scores 0
        assert_eq!(score(&r, "2", 20, 100).0, d("0.8"));
        let (p, why) = score(&r, "2", 199, 1000);
        assert_eq!(p, d("0"));
        assert_eq!(why, "199/1000 = 19.90%, under the 20% floor");
    }

    #[test]
    fn bad_target_is_a_validation_issue() {
        let def = RuleDef {
            target: Some(d("0")),
            ..RuleDef::of_kind(RuleKind::Proportional)
        };
        let mut issues = Issues::default();
        assert!(Proportional::lower(&def, &DataPath::root().key("rule"), &mut issues).is_none());
        assert_eq!(
            issues.list[0].to_string(),
            "rule.target: target `0`% must be above 0"
        );
    }
}
