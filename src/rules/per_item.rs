//! `per_item`: a fixed amount per counted item, up to a cap (điểm cộng theo số lượng).
//!
//! The mirror of `deduction`: the leaf starts at 0 and gains `per_item` for every item, and
//! never passes `cap` (default the leaf's max). Fields: `per_item` (points per item, above 0),
//! `cap` (above 0, at most the leaf's max). Evidence: `count`.
//!
//! ```toml
//! # "mỗi sáng kiến được công nhận: 0,5 điểm, tối đa 2 điểm"
//! rule = { kind = "per_item", per_item = "0.5", cap = "2", measure = "sáng kiến" }
//! ```

use rust_decimal::Decimal;

use super::working::Working;
use super::{Ctx, Explain, Issues, Outcome, ScoreError, SetFields, only_fields, whole_count};
use crate::decimal::plain;
use crate::error::IssueCode;
use crate::evidence::LeafEvidence;
use crate::model::RuleDef;
use crate::path::DataPath;

/// A validated `per_item` rule.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PerItem {
    /// Points per counted item.
    pub(crate) per_item: Decimal,
    /// The most the items score together.
    pub(crate) cap: Decimal,
    /// What is counted, for explanations.
    pub(crate) measure: Option<String>,
}

impl PerItem {
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
                "a `per_item` rule needs `per_item`, the points given per item",
            );
            return None;
        };
        if per_item <= Decimal::ZERO {
            issues.push(
                path.key("per_item"),
                IssueCode::OutOfRange,
                format!("`per_item = {}` must be above 0", plain(per_item)),
            );
        }
        let cap = def.cap.unwrap_or(max);
        if cap <= Decimal::ZERO {
            issues.push(
                path.key("cap"),
                IssueCode::OutOfRange,
                format!("`cap = {}` must be above 0", plain(cap)),
            );
        } else if cap > max {
            issues.push(
                path.key("cap"),
                IssueCode::PointsOutOfRange,
                format!(
                    "`cap = {}` is above the leaf's max `{}`",
                    plain(cap),
                    plain(max)
                ),
            );
        }
        (issues.list.len() == before).then(|| PerItem {
            per_item,
            cap,
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
        let raw = count
            .checked_mul(self.per_item)
            .ok_or(ScoreError::Overflow)?;
        Ok(Outcome::Points {
            points: raw.min(self.cap),
            working: E::working(|| {
                Ok(Working::PerItem {
                    count,
                    per_item: self.per_item,
                    cap: self.cap,
                    measure: self.measure.clone(),
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

    fn lower(per_item: &str, cap: Option<&str>, max: &str) -> Result<PerItem, Vec<String>> {
        let def = RuleDef {
            per_item: Some(d(per_item)),
            cap: cap.map(d),
            measure: Some("sáng kiến".into()),
            ..RuleDef::of_kind(RuleKind::PerItem)
        };
        let mut issues = Issues::default();
        PerItem::lower(&def, d(max), &DataPath::root().key("rule"), &mut issues)
            .ok_or_else(|| issues.list.iter().map(ToString::to_string).collect())
    }

    fn run(r: &PerItem, max: &str, count: &str) -> (Decimal, String) {
        let path = DataPath::root().key("evidence").key("9.1");
        let ctx = Ctx {
            max: d(max),
            path: &path,
            kind: RuleKind::PerItem,
        };
        let ev = LeafEvidence {
            count: Some(d(count)),
            ..LeafEvidence::default()
        };
        match r.score::<crate::rules::Explained>(&ctx, &ev).unwrap() {
            Outcome::Points { points, working } => (points, working.to_string()),
            Outcome::NotApplicable { reason, .. } => (d("-1"), reason),
        }
    }

    #[test]
    fn points_per_item_up_to_the_cap() {
        // 0.5 per initiative, at most 2, on a 3-point leaf.
        let r = lower("0.5", Some("2"), "3").unwrap();
        // 0 × 0.5 = 0
        assert_eq!(run(&r, "3", "0").0, d("0"));
        // 3 × 0.5 = 1.5, under the cap
        assert_eq!(
            run(&r, "3", "3"),
            (d("1.5"), "3 sáng kiến × 0.5 = 1.5, at most 2".into())
        );
        // 4 × 0.5 = 2: exactly at the cap
        assert_eq!(run(&r, "3", "4").0, d("2"));
        // 5 × 0.5 = 2.5, capped at 2 (not at the leaf's max 3)
        assert_eq!(
            run(&r, "3", "5"),
            (d("2"), "5 sáng kiến × 0.5 = 2.5, at most 2".into())
        );
    }

    #[test]
    fn the_cap_defaults_to_the_max() {
        let r = lower("0.75", None, "2").unwrap();
        assert_eq!(r.cap, d("2"));
        // 2 × 0.75 = 1.5 < 2; 3 × 0.75 = 2.25 > 2 → 2
        assert_eq!(run(&r, "2", "2").0, d("1.5"));
        assert_eq!(run(&r, "2", "3").0, d("2"));
    }

    #[test]
    fn a_cap_equal_to_the_max_is_valid_and_one_above_is_not() {
        assert_eq!(lower("0.5", Some("2"), "2").unwrap().cap, d("2"));
        assert_eq!(
            lower("0.5", Some("2.01"), "2").unwrap_err(),
            ["rule.cap: `cap = 2.01` is above the leaf's max `2`"]
        );
    }

    #[test]
    fn per_item_and_cap_must_be_above_zero() {
        assert_eq!(
            lower("0", Some("0"), "2").unwrap_err(),
            [
                "rule.per_item: `per_item = 0` must be above 0",
                "rule.cap: `cap = 0` must be above 0"
            ]
        );
        assert_eq!(
            lower("-0.5", Some("-1"), "2").unwrap_err(),
            [
                "rule.per_item: `per_item = -0.5` must be above 0",
                "rule.cap: `cap = -1` must be above 0"
            ]
        );
        // The smallest positive values are fine.
        assert!(lower("0.01", Some("0.01"), "2").is_ok());
    }

    #[test]
    fn a_missing_per_item_is_reported() {
        let def = RuleDef::of_kind(RuleKind::PerItem);
        let mut issues = Issues::default();
        assert!(PerItem::lower(&def, d("1"), &DataPath::root().key("rule"), &mut issues).is_none());
        assert_eq!(
            issues.list[0].to_string(),
            "rule: a `per_item` rule needs `per_item`, the points given per item"
        );
    }

    #[test]
    fn a_count_must_be_whole_and_not_negative() {
        let r = lower("0.5", None, "2").unwrap();
        let path = DataPath::root().key("evidence").key("9.1");
        let ctx = Ctx {
            max: d("2"),
            path: &path,
            kind: RuleKind::PerItem,
        };
        for (bad, msg) in [
            (
                "-1",
                "evidence[\"9.1\"].count: `-1` is negative: a count is 0 or more",
            ),
            (
                "1.5",
                "evidence[\"9.1\"].count: `1.5` is not a whole number: a count is 0, 1, 2, ...",
            ),
        ] {
            let ev = LeafEvidence {
                count: Some(d(bad)),
                ..LeafEvidence::default()
            };
            match r.score::<crate::rules::Explained>(&ctx, &ev) {
                Err(ScoreError::Evidence(e)) => assert_eq!(e.to_string(), msg),
                other => panic!("{other:?}"),
            }
        }
    }
}
