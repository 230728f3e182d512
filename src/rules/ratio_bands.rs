//! `ratio_bands`: a share a/b (in %) against ordered bands with explicit edges.
//!
//! Fields: `bands` (edges in %, best first; each pays fixed `points` or is `proportional`,
//! share × max), and the ratio options `done`, `exclude`, `when_no_cases` (0 of 0, or
//! `no_cases` evidence: `full`, `exclude` or `zero`), `allow_over`.
//! Evidence: `numerator` + `denominator`, `tasks`, `percent`, or `no_cases`.
//!
//! ```toml
//! # "100%: max; 80% to under 100%: share × max; below 80%: 0"
//! rule = { kind = "ratio_bands", bands = [
//!   { at_least = "100", points = "1" },
//!   { at_least = "80", proportional = true },
//!   { points = "0" },
//! ] }
//! ```

use rust_decimal::Decimal;

use super::bands::{self, Band, Domain, Pay};
use super::ratio::{self, RatioOptions};
use super::working::Working;
use super::{Ctx, Explain, Issues, Outcome, ScoreError};
use crate::evidence::LeafEvidence;
use crate::limits::Limits;
use crate::model::RuleDef;
use crate::path::DataPath;

/// A validated `ratio_bands` rule.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RatioBands {
    pub(crate) bands: Vec<Band>,
    pub(crate) opts: RatioOptions,
}

impl RatioBands {
    pub(crate) fn lower(
        def: &RuleDef,
        max: Decimal,
        path: &DataPath,
        issues: &mut Issues,
        limits: &Limits,
    ) -> Option<Self> {
        let opts = RatioOptions::lower(def, path, issues);
        if issues.too_many(&path.key("bands"), def.bands.len(), limits) {
            return None;
        }
        let domain = Domain {
            top: (!def.allow_over.unwrap_or(false)).then_some(Decimal::ONE_HUNDRED),
            has_otherwise: false,
            allow_proportional: true,
            unit: "%",
        };
        let bands = bands::lower(&def.bands, domain, max, &path.key("bands"), issues);
        Some(RatioBands {
            bands: bands?,
            opts: opts?,
        })
    }

    pub(crate) fn score<E: Explain>(
        &self,
        ctx: &Ctx<'_>,
        ev: &LeafEvidence,
    ) -> Result<Outcome<E::Working>, ScoreError> {
        let Some(m) = ratio::read(ctx, ev, &self.opts)? else {
            return super::proportional::empty::<E>(ctx, &self.opts);
        };
        let band = bands::find(&self.bands, |edge| m.cmp_percent(edge))?;
        // Validated bands cover [0, 100] (or [0, ∞) with allow_over): a share always has a band.
        let Some(band) = band else {
            return Err(ScoreError::Overflow);
        };
        let points = match band.pay {
            Pay::Fixed(p) => p,
            // share × max, never above the max (a share may pass 100% under allow_over).
            Pay::Proportional => m.times(ctx.max)?.min(ctx.max),
        };
        Ok(Outcome::Points {
            points,
            working: E::working(|| {
                Ok(Working::RatioBand {
                    share: m.view(self.opts.measure.as_ref())?,
                    band: band.view("%"),
                })
            })?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::Task;
    use crate::model::{BandDef, RuleKind, TaskStatus};
    use crate::rules::EvidenceIssueCode;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    /// "100%: max; 80% to under 100%: share × max; below 80%: 0", max 1.
    fn plan_rule() -> RatioBands {
        let def = RuleDef {
            kind: RuleKind::RatioBands,
            bands: vec![
                BandDef {
                    at_least: Some(d("100")),
                    points: Some(d("1")),
                    ..BandDef::default()
                },
                BandDef {
                    at_least: Some(d("80")),
                    proportional: Some(true),
                    ..BandDef::default()
                },
                BandDef {
                    points: Some(d("0")),
                    ..BandDef::default()
                },
            ],
            ..RuleDef::of_kind(RuleKind::RatioBands)
        };
        let mut issues = Issues::default();
        let r = RatioBands::lower(
            &def,
            d("1"),
            &DataPath::root(),
            &mut issues,
            &Limits::default(),
        );
        assert!(issues.list.is_empty(), "{:?}", issues.list);
        r.unwrap()
    }

    fn score(r: &RatioBands, ev: LeafEvidence) -> Result<(Decimal, String), ScoreError> {
        let path = DataPath::root().key("evidence").key("1.1.4");
        let ctx = Ctx {
            max: d("1"),
            path: &path,
            kind: RuleKind::RatioBands,
        };
        match r.score::<crate::rules::Explained>(&ctx, &ev)? {
            Outcome::Points { points, working } => Ok((points, working.to_string())),
            Outcome::NotApplicable { reason, .. } => Ok((d("-1"), reason)),
        }
    }

    fn counts(n: i64, m: i64) -> LeafEvidence {
        LeafEvidence {
            numerator: Some(n.into()),
            denominator: Some(m.into()),
            ..LeafEvidence::default()
        }
    }

    #[test]
    fn both_sides_of_every_edge() {
        let r = plan_rule();
        // 16/16 = 100% → max
        assert_eq!(score(&r, counts(16, 16)).unwrap().0, d("1"));
        // 30/36 = 83.33..% → proportional: 30 × 1 / 36
        let (p, why) = score(&r, counts(30, 36)).unwrap();
        assert_eq!(crate::decimal::RoundingMode::HalfUp.round(p, 2), d("0.83"));
        assert_eq!(why, "30/36 = 83.33% → band 80% to under 100%, share × max");
        // 13/16 = 81.25% → 0.8125
        assert_eq!(score(&r, counts(13, 16)).unwrap().0, d("0.8125"));
        // exactly 80% (4/5) is in the 80% band; just under (79/99 = 79.79%) is not
        assert_eq!(score(&r, counts(4, 5)).unwrap().0, d("0.8"));
        assert_eq!(score(&r, counts(79, 99)).unwrap().0, d("0"));
        // just under 100%: 99/100 → 0.99
        assert_eq!(score(&r, counts(99, 100)).unwrap().0, d("0.99"));
    }

    #[test]
    fn task_lists_count_done_and_leave_excluded_statuses_out() {
        let mut r = plan_rule();
        r.opts.exclude = vec![TaskStatus::NotYetDue];
        let task = |s| Task {
            name: "t".into(),
            status: s,
        };
        let mut tasks: Vec<Task> = (0..12).map(|_| task(TaskStatus::Done)).collect();
        tasks.push(task(TaskStatus::DoneLate));
        tasks.push(task(TaskStatus::Recurring));
        tasks.push(task(TaskStatus::InProgress));
        tasks.push(task(TaskStatus::NotYetDue));
        // 13 done of 15 counted = 86.67% → 13/15
        let (p, why) = score(
            &r,
            LeafEvidence {
                tasks: Some(tasks),
                ..LeafEvidence::default()
            },
        )
        .unwrap();
        assert_eq!(p, d("13") / d("15"));
        assert_eq!(
            why,
            "13/15 tasks done (1 not counted) = 86.67% → band 80% to under 100%, share × max"
        );
    }

    #[test]
    fn empty_denominator_follows_the_policy() {
        let mut r = plan_rule();
        assert_eq!(
            score(&r, counts(0, 0)).unwrap().0,
            d("-1"),
            "not applicable by default"
        );
        r.opts.no_cases = Some(crate::model::NoCases::Full);
        assert_eq!(score(&r, counts(0, 0)).unwrap().0, d("1"));
        r.opts.no_cases = Some(crate::model::NoCases::Zero);
        assert_eq!(score(&r, counts(0, 0)).unwrap().0, d("0"));
    }

    #[test]
    fn bad_counts_name_their_path() {
        let r = plan_rule();
        let Err(ScoreError::Evidence(e)) = score(&r, counts(17, 16)) else {
            panic!()
        };
        assert_eq!(
            e.to_string(),
            "evidence[\"1.1.4\"].numerator: numerator `17` is above the denominator `16`"
        );
        assert_eq!(e.code, EvidenceIssueCode::NumeratorAboveDenominator);
        let Err(ScoreError::Evidence(e)) = score(&r, counts(-1, 16)) else {
            panic!()
        };
        assert_eq!(
            e.to_string(),
            "evidence[\"1.1.4\"].numerator: `-1` is negative: expected 0 or more"
        );
        let Err(ScoreError::Evidence(e)) = score(
            &r,
            LeafEvidence {
                level: Some("x".into()),
                ..LeafEvidence::default()
            },
        ) else {
            panic!()
        };
        assert_eq!(
            e.to_string(),
            "evidence[\"1.1.4\"].level: `level` does not fit a `ratio_bands` leaf, which takes `numerator` and `denominator`, `tasks`, `percent`, or `no_cases`"
        );
        let Err(ScoreError::Evidence(e)) = score(
            &r,
            LeafEvidence {
                percent: Some(d("101")),
                ..LeafEvidence::default()
            },
        ) else {
            panic!()
        };
        assert_eq!(e.code, EvidenceIssueCode::OutOfRange);
    }
}
