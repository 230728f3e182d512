//! `manual`: points given directly, by an appraiser or from a published result, within
//! [0, max].
//!
//! No fields. Evidence: `points`.
//!
//! ```toml
//! rule = { kind = "manual" }
//! ```

use rust_decimal::Decimal;

use super::working::Working;
use super::{Ctx, Explain, Outcome, ScoreError, SetFields, only_fields};
use crate::error::EvidenceIssueCode;
use crate::evidence::LeafEvidence;

/// A `manual` rule (it has no settings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Manual;

impl Manual {
    pub(crate) fn score<E: Explain>(
        self,
        ctx: &Ctx<'_>,
        ev: &LeafEvidence,
    ) -> Result<Outcome<E::Working>, ScoreError> {
        only_fields(ctx, ev, SetFields::POINTS, "`points`")?;
        given::<E>(ctx, ev.points.unwrap_or_default())
    }
}

/// Points given directly, checked against [0, max].
pub(crate) fn given<E: Explain>(
    ctx: &Ctx<'_>,
    points: Decimal,
) -> Result<Outcome<E::Working>, ScoreError> {
    if points < Decimal::ZERO || points > ctx.max {
        return Err(ctx.issue(
            Some("points"),
            EvidenceIssueCode::OutOfRange,
            format!(
                "points `{}` are outside [0, {}]",
                crate::decimal::plain(points),
                crate::decimal::plain(ctx.max)
            ),
        ));
    }
    Ok(Outcome::Points {
        points,
        working: E::working(|| Ok(Working::Given))?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RuleKind;
    use crate::path::DataPath;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn points_within_zero_and_max() {
        let path = DataPath::root().key("evidence").key("1");
        let ctx = Ctx {
            max: d("14.5"),
            path: &path,
            kind: RuleKind::Manual,
        };
        let at = |p: &str| {
            Manual.score::<crate::rules::Explained>(
                &ctx,
                &LeafEvidence {
                    points: Some(d(p)),
                    ..LeafEvidence::default()
                },
            )
        };
        for ok in ["0", "7.25", "14.5"] {
            let Ok(Outcome::Points { points, .. }) = at(ok) else {
                panic!("{ok}")
            };
            assert_eq!(points, d(ok));
        }
        for bad in ["-0.01", "14.51"] {
            let Err(ScoreError::Evidence(e)) = at(bad) else {
                panic!("{bad}")
            };
            assert_eq!(
                e.to_string(),
                format!("evidence[\"1\"].points: points `{bad}` are outside [0, 14.5]")
            );
        }
    }
}
