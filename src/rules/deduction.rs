//! `deduction`: max minus a fixed amount per counted item, never below a floor.
//!
//! Fields: `per_item` (points off per item), `min_points` (the floor; default 0, negative when
//! the set lets a penalty take the leaf below zero). Evidence: `count`.
//!
//! ```toml
//! # "trừ 0,25 điểm cho mỗi hồ sơ trễ hạn"
//! rule = { kind = "deduction", per_item = "0.25", measure = "late files" }
//! ```

use rust_decimal::Decimal;

use super::working::Working;
use super::{Ctx, Explain, Issues, Outcome, ScoreError, SetFields, only_fields, whole_count};
use crate::error::IssueCode;
use crate::evidence::LeafEvidence;
use crate::model::RuleDef;
use crate::path::DataPath;

/// A validated `deduction` rule.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Deduction {
    pub(crate) per_item: Decimal,
    pub(crate) min_points: Decimal,
    pub(crate) measure: Option<String>,
}

impl Deduction {
    pub(crate) fn lower(
        def: &RuleDef,
        max: Decimal,
        path: &DataPath,
        issues: &mut Issues,
    ) -> Option<Self> {
        let before = issues.list.len();
        let Some(per_item) = def.per_item else {
            issues.push(
                path.clone(),
                IssueCode::RuleField,
                "a `deduction` rule needs `per_item`, the points taken off per item",
            );
            return None;
        };
        if per_item <= Decimal::ZERO {
            issues.push(
                path.key("per_item"),
                IssueCode::OutOfRange,
                format!(
                    "`per_item = {}` must be above 0",
                    crate::decimal::plain(per_item)
                ),
            );
        }
        let min_points = def.min_points.unwrap_or(Decimal::ZERO);
        if min_points > max {
            issues.push(
                path.key("min_points"),
                IssueCode::PointsOutOfRange,
                format!(
                    "`min_points = {}` is above the leaf's max `{}`",
                    crate::decimal::plain(min_points),
                    crate::decimal::plain(max)
                ),
            );
        }
        (issues.list.len() == before).then(|| Deduction {
            per_item,
            min_points,
            measure: def.measure.clone(),
        })
    }

    pub(crate) fn score<E: Explain>(
        &self,
        ctx: &Ctx<'_>,
        ev: &LeafEvidence,
    ) -> Result<Outcome<E::Working>, ScoreError> {
        only_fields(ctx, ev, SetFields::COUNT, "`count`")?;
        let count = whole_count(ctx, "count", ev.count.unwrap_or_default())?;
        let off = count
            .checked_mul(self.per_item)
            .ok_or(ScoreError::Overflow)?;
        let raw = ctx.max.checked_sub(off).ok_or(ScoreError::Overflow)?;
        let floored = raw < self.min_points;
        let points = if floored { self.min_points } else { raw };
        Ok(Outcome::Points {
            points,
            working: E::working(|| {
                Ok(Working::Deduction {
                    count,
                    per_item: self.per_item,
                    measure: self.measure.clone(),
                    floored_at: floored.then_some(self.min_points),
                })
            })?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RuleKind;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn run(r: &Deduction, count: &str) -> (Decimal, String) {
        let path = DataPath::root().key("evidence").key("5.4");
        let ctx = Ctx {
            max: d("1"),
            path: &path,
            kind: RuleKind::Deduction,
        };
        match r
            .score::<crate::rules::Explained>(
                &ctx,
                &LeafEvidence {
                    count: Some(d(count)),
                    ..LeafEvidence::default()
                },
            )
            .unwrap()
        {
            Outcome::Points { points, working } => (points, working.to_string()),
            Outcome::NotApplicable { reason, .. } => (d("-1"), reason),
        }
    }

    #[test]
    fn deducts_per_item_and_stops_at_the_floor() {
        let r = Deduction {
            per_item: d("0.25"),
            min_points: d("0"),
            measure: Some("cases".into()),
        };
        assert_eq!(run(&r, "0").0, d("1"));
        assert_eq!(run(&r, "1").0, d("0.75"));
        // Exactly at the floor: not floored.
        assert_eq!(run(&r, "4"), (d("0"), "4 cases × 0.25 off the max".into()));
        assert_eq!(
            run(&r, "5"),
            (d("0"), "5 cases × 0.25 off the max, floored at 0".into())
        );
    }

    #[test]
    fn a_negative_floor_lets_the_leaf_go_below_zero() {
        let r = Deduction {
            per_item: d("0.25"),
            min_points: d("-0.25"),
            measure: None,
        };
        assert_eq!(run(&r, "5").0, d("-0.25"));
        assert_eq!(run(&r, "9").0, d("-0.25"));
    }

    #[test]
    fn a_floor_equal_to_the_max_is_valid() {
        let def = RuleDef {
            per_item: Some(d("0.01")),
            min_points: Some(d("1")),
            ..RuleDef::of_kind(RuleKind::Deduction)
        };
        let mut issues = Issues::default();
        let r = Deduction::lower(&def, d("1"), &DataPath::root().key("rule"), &mut issues);
        assert!(issues.list.is_empty(), "{:?}", issues.list);
        assert_eq!(r.map(|r| r.min_points), Some(d("1")));
    }

    #[test]
    fn validation() {
        let def = RuleDef {
            per_item: Some(d("0")),
            min_points: Some(d("2")),
            ..RuleDef::of_kind(RuleKind::Deduction)
        };
        let mut issues = Issues::default();
        assert!(
            Deduction::lower(&def, d("1"), &DataPath::root().key("rule"), &mut issues).is_none()
        );
        let msgs: Vec<String> = issues.list.iter().map(ToString::to_string).collect();
        assert_eq!(
            msgs,
            [
                "rule.per_item: `per_item = 0` must be above 0",
                "rule.min_points: `min_points = 2` is above the leaf's max `1`"
            ]
        );
    }
}
