//! `count_bands`: a count against bands ("4 meetings: 20; 3: 15; 2: 10; 1: 5; otherwise 0").
//!
//! Fields: `bands` (edges in counted items, best first, fixed `points`), `otherwise` (points
//! below the lowest band, default 0). Evidence: `count`.
//!
//! ```toml
//! rule = { kind = "count_bands", measure = "meetings", bands = [
//!   { at_least = 4, points = "20" }, { at_least = 3, points = "15" },
//!   { at_least = 2, points = "10" }, { at_least = 1, points = "5" },
//! ] }
//! ```

use rust_decimal::Decimal;

use super::bands::{self, Band, Domain, Pay};
use super::working::Working;
use super::{Ctx, Explain, Issues, Outcome, ScoreError, SetFields, only_fields, whole_count};
use crate::evidence::LeafEvidence;
use crate::limits::Limits;
use crate::model::RuleDef;
use crate::path::DataPath;

/// A validated `count_bands` rule.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CountBands {
    pub(crate) bands: Vec<Band>,
    pub(crate) otherwise: Decimal,
    pub(crate) measure: Option<String>,
}

impl CountBands {
    pub(crate) fn lower(
        def: &RuleDef,
        max: Decimal,
        path: &DataPath,
        issues: &mut Issues,
        limits: &Limits,
    ) -> Option<Self> {
        if issues.too_many(&path.key("bands"), def.bands.len(), limits) {
            return None;
        }
        let domain = Domain {
            top: None,
            has_otherwise: true,
            allow_proportional: false,
            unit: "",
        };
        let bands = bands::lower(&def.bands, domain, max, &path.key("bands"), issues);
        let otherwise = def.otherwise.unwrap_or(Decimal::ZERO);
        let before = issues.list.len();
        issues.points_within(&path.key("otherwise"), otherwise, max);
        let bands = bands?;
        (issues.list.len() == before).then(|| CountBands {
            bands,
            otherwise,
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
        let band = bands::find(&self.bands, |edge| Ok::<_, ScoreError>(count.cmp(&edge)))?;
        let points = match band.map(|b| b.pay) {
            Some(Pay::Fixed(p)) => p,
            Some(Pay::Proportional) | None => self.otherwise,
        };
        Ok(Outcome::Points {
            points,
            working: E::working(|| {
                Ok(Working::CountBand {
                    count,
                    measure: self.measure.clone(),
                    band: band.map(|b| b.view("")),
                })
            })?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BandDef, RuleKind};

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn meetings() -> CountBands {
        let band = |n: i64, p: &str| BandDef {
            at_least: Some(n.into()),
            points: Some(d(p)),
            ..BandDef::default()
        };
        let def = RuleDef {
            bands: vec![band(4, "20"), band(3, "15"), band(2, "10"), band(1, "5")],
            measure: Some("meetings".into()),
            ..RuleDef::of_kind(RuleKind::CountBands)
        };
        let mut issues = Issues::default();
        let r = CountBands::lower(
            &def,
            d("20"),
            &DataPath::root(),
            &mut issues,
            &Limits::default(),
        );
        assert!(issues.list.is_empty(), "{:?}", issues.list);
        r.unwrap()
    }

    fn run(r: &CountBands, count: &str) -> Result<(Decimal, String), ScoreError> {
        let path = DataPath::root().key("evidence").key("1.1");
        let ctx = Ctx {
            max: d("20"),
            path: &path,
            kind: RuleKind::CountBands,
        };
        match r.score::<crate::rules::Explained>(
            &ctx,
            &LeafEvidence {
                count: Some(d(count)),
                ..LeafEvidence::default()
            },
        )? {
            Outcome::Points { points, working } => Ok((points, working.to_string())),
            Outcome::NotApplicable { reason, .. } => Ok((d("-1"), reason)),
        }
    }

    #[test]
    fn four_meetings_twenty_points() {
        let r = meetings();
        for (n, want) in [
            ("0", "0"),
            ("1", "5"),
            ("2", "10"),
            ("3", "15"),
            ("4", "20"),
            ("12", "20"),
        ] {
            assert_eq!(run(&r, n).unwrap().0, d(want), "{n} meetings");
        }
        assert_eq!(run(&r, "3").unwrap().1, "3 meetings → band exactly 3");
        assert_eq!(run(&r, "0").unwrap().1, "0 meetings → below every band");
        assert_eq!(run(&r, "5").unwrap().1, "5 meetings → band 4 or more");
    }

    #[test]
    fn counts_are_whole_and_not_negative() {
        let r = meetings();
        let Err(ScoreError::Evidence(e)) = run(&r, "-1") else {
            panic!()
        };
        assert_eq!(
            e.to_string(),
            "evidence[\"1.1\"].count: `-1` is negative: a count is 0 or more"
        );
        let Err(ScoreError::Evidence(e)) = run(&r, "2.5") else {
            panic!()
        };
        assert_eq!(
            e.to_string(),
            "evidence[\"1.1\"].count: `2.5` is not a whole number: a count is 0, 1, 2, ..."
        );
    }
}
