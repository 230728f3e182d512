//! `levels`: named outcomes, each with its points.
//!
//! Fields: `levels = [{ id, label, label_en?, points }]`. Evidence: `level` (an id).
//!
//! ```toml
//! # "Ban hành kịp thời: 1; Ban hành không kịp thời: 0,5; Không ban hành: 0"
//! rule = { kind = "levels", levels = [
//!   { id = "on_time", label = "Ban hành kịp thời", points = "1" },
//!   { id = "late", label = "Ban hành không kịp thời", points = "0.5" },
//!   { id = "none", label = "Không ban hành", points = "0" },
//! ] }
//! ```

use rust_decimal::Decimal;

use super::working::Working;
use super::{Ctx, Explain, Issues, Outcome, ScoreError, SetFields, only_fields};
use crate::error::{EvidenceIssueCode, IssueCode};
use crate::evidence::LeafEvidence;
use crate::limits::Limits;
use crate::model::{LevelDef, RuleDef};
use crate::path::DataPath;

/// A validated `levels` rule.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Levels {
    pub(crate) levels: Vec<LevelDef>,
}

impl Levels {
    pub(crate) fn lower(
        def: &RuleDef,
        max: Decimal,
        path: &DataPath,
        issues: &mut Issues,
        limits: &Limits,
    ) -> Option<Self> {
        let before = issues.list.len();
        let p = path.key("levels");
        if def.levels.is_empty() {
            issues.push(
                p.clone(),
                IssueCode::RuleField,
                "a `levels` rule needs at least one level",
            );
        }
        if issues.too_many(&p, def.levels.len(), limits) {
            return None;
        }
        unique_ids(
            def.levels.iter().map(|l| l.id.as_str()),
            &p,
            "level",
            issues,
        );
        for (i, l) in def.levels.iter().enumerate() {
            issues.points_within(&p.index(i).key("points"), l.points, max);
        }
        (issues.list.len() == before).then(|| Levels {
            levels: def.levels.clone(),
        })
    }

    pub(crate) fn score<E: Explain>(
        &self,
        ctx: &Ctx<'_>,
        ev: &LeafEvidence,
    ) -> Result<Outcome<E::Working>, ScoreError> {
        only_fields(ctx, ev, SetFields::LEVEL, "`level`")?;
        let id = ev.level.as_deref().unwrap_or_default();
        let Some(level) = self.levels.iter().find(|l| l.id == id) else {
            let known: Vec<String> = self.levels.iter().map(|l| format!("`{}`", l.id)).collect();
            return Err(ctx.issue(
                Some("level"),
                EvidenceIssueCode::UnknownOption,
                format!("unknown level `{id}`: expected one of {}", known.join(", ")),
            ));
        };
        Ok(Outcome::Points {
            points: level.points,
            working: E::working(|| {
                Ok(Working::Level {
                    id: level.id.clone(),
                    label: level.label.clone(),
                })
            })?,
        })
    }
}

/// Reports empty and duplicate ids among `what`s.
pub(crate) fn unique_ids<'a>(
    ids: impl Iterator<Item = &'a str>,
    path: &DataPath,
    what: &str,
    issues: &mut Issues,
) {
    let mut seen: Vec<&str> = Vec::new();
    for (i, id) in ids.enumerate() {
        let p = path.index(i).key("id");
        if id.trim().is_empty() {
            issues.push(p, IssueCode::Empty, format!("the {what} id is empty"));
        } else if let Some(first) = seen.iter().position(|s| *s == id) {
            issues.push(
                p,
                IssueCode::Duplicate,
                format!(
                    "duplicate {what} id `{id}`: also used at {}",
                    path.index(first)
                ),
            );
        }
        seen.push(id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RuleKind;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn level(id: &str, points: &str) -> LevelDef {
        LevelDef {
            id: id.into(),
            label: id.into(),
            label_en: None,
            points: d(points),
        }
    }

    #[test]
    fn picks_the_named_level() {
        let def = RuleDef {
            levels: vec![
                level("on_time", "1"),
                level("late", "0.5"),
                level("none", "0"),
            ],
            ..RuleDef::of_kind(RuleKind::Levels)
        };
        let mut issues = Issues::default();
        let r = Levels::lower(
            &def,
            d("1"),
            &DataPath::root(),
            &mut issues,
            &Limits::default(),
        )
        .unwrap();
        let path = DataPath::root().key("evidence").key("1.1.1");
        let ctx = Ctx {
            max: d("1"),
            path: &path,
            kind: RuleKind::Levels,
        };
        let at = |id: &str| {
            r.score::<crate::rules::Explained>(
                &ctx,
                &LeafEvidence {
                    level: Some(id.into()),
                    ..LeafEvidence::default()
                },
            )
        };
        for (id, want) in [("on_time", "1"), ("late", "0.5"), ("none", "0")] {
            let Ok(Outcome::Points { points, .. }) = at(id) else {
                panic!("{id}")
            };
            assert_eq!(points, d(want));
        }
        let Err(ScoreError::Evidence(e)) = at("early") else {
            panic!()
        };
        assert_eq!(
            e.to_string(),
            "evidence[\"1.1.1\"].level: unknown level `early`: expected one of `on_time`, `late`, `none`"
        );
    }

    #[test]
    fn validation_reports_duplicates_and_points_above_max() {
        let def = RuleDef {
            levels: vec![level("a", "1"), level("a", "2")],
            ..RuleDef::of_kind(RuleKind::Levels)
        };
        let mut issues = Issues::default();
        assert!(
            Levels::lower(
                &def,
                d("1"),
                &DataPath::root().key("rule"),
                &mut issues,
                &Limits::default()
            )
            .is_none()
        );
        let msgs: Vec<String> = issues.list.iter().map(ToString::to_string).collect();
        assert_eq!(
            msgs,
            [
                "rule.levels[1].id: duplicate level id `a`: also used at rule.levels[0]",
                "rule.levels[1].points: points `2` are above the leaf's max `1`"
            ]
        );
    }
}
