//! `check`: yes/no, or all of several named conditions.
//!
//! Fields: `conditions = [{ id, label }]` (none: a single yes/no), `points` when met (default
//! the max), `otherwise` when not (default 0), `when_no_cases` (`full`, `exclude` or `zero`:
//! what a unit scores when the case the check is about did not arise in the period, "trường
//! hợp không phát sinh: tính điểm tối đa"; unset, such a leaf is not applicable under its own
//! policy). Evidence: `met`, or `conditions` with one yes/no per named condition, or
//! `{ "no_cases": true }` when no case arose.
//!
//! ```toml
//! # "Xác định đầy đủ nhiệm vụ và có bố trí kinh phí: 1; ... hoặc không bố trí kinh phí: 0"
//! rule = { kind = "check", conditions = [
//!   { id = "identified", label = "Xác định đầy đủ nhiệm vụ" },
//!   { id = "funded", label = "Có bố trí kinh phí" },
//! ] }
//! ```

use rust_decimal::Decimal;

use super::levels::unique_ids;
use super::working::Working;
use super::{Ctx, Explain, Issues, Outcome, ScoreError, SetFields, only_fields};
use crate::error::EvidenceIssueCode;
use crate::evidence::LeafEvidence;
use crate::limits::Limits;
use crate::model::{ConditionDef, RuleDef};
use crate::path::DataPath;

/// A validated `check` rule.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Check {
    pub(crate) conditions: Vec<ConditionDef>,
    pub(crate) points: Option<Decimal>,
    pub(crate) otherwise: Decimal,
    /// What a unit with no case scores (`None`: the leaf's not-applicable policy).
    pub(crate) no_cases: Option<crate::model::NoCases>,
}

impl Check {
    pub(crate) fn lower(
        def: &RuleDef,
        max: Decimal,
        path: &DataPath,
        issues: &mut Issues,
        limits: &Limits,
    ) -> Option<Self> {
        let before = issues.list.len();
        if issues.too_many(&path.key("conditions"), def.conditions.len(), limits) {
            return None;
        }
        unique_ids(
            def.conditions.iter().map(|c| c.id.as_str()),
            &path.key("conditions"),
            "condition",
            issues,
        );
        if let Some(p) = def.points {
            issues.points_within(&path.key("points"), p, max);
        }
        let otherwise = def.otherwise.unwrap_or(Decimal::ZERO);
        issues.points_within(&path.key("otherwise"), otherwise, max);
        let no_cases = super::no_cases_policy(def, path, issues);
        (issues.list.len() == before).then(|| Check {
            conditions: def.conditions.clone(),
            points: def.points,
            otherwise,
            no_cases,
        })
    }

    pub(crate) fn score<E: Explain>(
        &self,
        ctx: &Ctx<'_>,
        ev: &LeafEvidence,
    ) -> Result<Outcome<E::Working>, ScoreError> {
        if super::claims_no_cases(ctx, ev)? {
            return super::no_cases_outcome::<E>(
                ctx,
                self.no_cases,
                || "no case arose in the period".to_string(),
                |policy| Working::Empty {
                    policy,
                    measure: None,
                },
            );
        }
        let met = if self.conditions.is_empty() {
            only_fields(
                ctx,
                ev,
                SetFields::MET.with(SetFields::NO_CASES),
                "`met` (true or false), or `no_cases`",
            )?;
            ev.met == Some(true)
        } else {
            only_fields(
                ctx,
                ev,
                SetFields::CONDITIONS.with(SetFields::NO_CASES),
                "`conditions`, one true or false per condition, or `no_cases`",
            )?;
            self.all_met(ctx, ev)?
        };
        let points = if met {
            self.points.unwrap_or(ctx.max)
        } else {
            self.otherwise
        };
        Ok(Outcome::Points {
            points,
            working: E::working(|| {
                Ok(Working::Check {
                    met,
                    failed: self.failed_labels(ev),
                })
            })?,
        })
    }

    /// Whether every condition holds; an error for a condition not stated or not known.
    fn all_met(&self, ctx: &Ctx<'_>, ev: &LeafEvidence) -> Result<bool, ScoreError> {
        let empty = std::collections::BTreeMap::new();
        let given = ev.conditions.as_ref().unwrap_or(&empty);
        if let Some(unknown) = given
            .keys()
            .find(|k| !self.conditions.iter().any(|c| &c.id == *k))
        {
            let known: Vec<String> = self
                .conditions
                .iter()
                .map(|c| format!("`{}`", c.id))
                .collect();
            return Err(ScoreError::Evidence(crate::error::EvidenceIssue::new(
                ctx.path.key("conditions").key(unknown.clone()),
                EvidenceIssueCode::UnknownOption,
                format!(
                    "unknown condition `{unknown}`: expected {}",
                    known.join(", ")
                ),
            )));
        }
        let mut met = true;
        for c in &self.conditions {
            match given.get(&c.id).copied() {
                Some(holds) => met &= holds,
                None => {
                    return Err(ctx.issue(
                        Some("conditions"),
                        EvidenceIssueCode::WrongShape,
                        format!(
                            "condition `{}` is not stated: give true or false for every condition",
                            c.id
                        ),
                    ));
                }
            }
        }
        Ok(met)
    }

    /// The conditions that failed, as `label (`id`)`, for the working.
    fn failed_labels(&self, ev: &LeafEvidence) -> Vec<String> {
        let given = ev.conditions.as_ref();
        self.conditions
            .iter()
            .filter(|c| given.and_then(|g| g.get(&c.id)) == Some(&false))
            .map(|c| format!("{} (`{}`)", c.label, c.id))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RuleKind;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn cond(id: &str) -> ConditionDef {
        ConditionDef {
            id: id.into(),
            label: id.to_uppercase(),
            label_en: None,
        }
    }

    fn run(r: &Check, ev: LeafEvidence) -> Result<(Decimal, String), ScoreError> {
        let path = DataPath::root().key("evidence").key("1.1.2");
        let ctx = Ctx {
            max: d("1"),
            path: &path,
            kind: RuleKind::Check,
        };
        match r.score::<crate::rules::Explained>(&ctx, &ev)? {
            Outcome::Points { points, working } => Ok((points, working.to_string())),
            Outcome::NotApplicable { reason, .. } => Ok((d("-1"), reason)),
        }
    }

    #[test]
    fn yes_no() {
        let r = Check {
            conditions: vec![],
            points: None,
            otherwise: d("0"),
            no_cases: None,
        };
        assert_eq!(
            run(
                &r,
                LeafEvidence {
                    met: Some(true),
                    ..LeafEvidence::default()
                }
            )
            .unwrap(),
            (d("1"), "met".into())
        );
        assert_eq!(
            run(
                &r,
                LeafEvidence {
                    met: Some(false),
                    ..LeafEvidence::default()
                }
            )
            .unwrap(),
            (d("0"), "not met".into())
        );
    }

    #[test]
    fn all_of_the_conditions() {
        let r = Check {
            conditions: vec![cond("identified"), cond("funded")],
            points: None,
            otherwise: d("0"),
            no_cases: None,
        };
        let ev = |a: bool, b: bool| LeafEvidence {
            conditions: Some([("identified".to_string(), a), ("funded".to_string(), b)].into()),
            ..LeafEvidence::default()
        };
        assert_eq!(run(&r, ev(true, true)).unwrap().0, d("1"));
        assert_eq!(
            run(&r, ev(true, false)).unwrap(),
            (d("0"), "not met: FUNDED (`funded`)".into())
        );
        assert_eq!(run(&r, ev(false, false)).unwrap().0, d("0"));
        let partial = LeafEvidence {
            conditions: Some([("identified".to_string(), true)].into()),
            ..LeafEvidence::default()
        };
        let Err(ScoreError::Evidence(e)) = run(&r, partial) else {
            panic!()
        };
        assert_eq!(
            e.to_string(),
            "evidence[\"1.1.2\"].conditions: condition `funded` is not stated: give true or false for every condition"
        );
        let unknown = LeafEvidence {
            conditions: Some([("paid".to_string(), true)].into()),
            ..LeafEvidence::default()
        };
        let Err(ScoreError::Evidence(e)) = run(&r, unknown) else {
            panic!()
        };
        assert_eq!(
            e.to_string(),
            "evidence[\"1.1.2\"].conditions.paid: unknown condition `paid`: expected `identified`, `funded`"
        );
    }

    #[test]
    fn custom_points_and_otherwise() {
        let r = Check {
            conditions: vec![],
            points: Some(d("0.75")),
            otherwise: d("0.25"),
            no_cases: None,
        };
        assert_eq!(
            run(
                &r,
                LeafEvidence {
                    met: Some(true),
                    ..LeafEvidence::default()
                }
            )
            .unwrap()
            .0,
            d("0.75")
        );
        assert_eq!(
            run(
                &r,
                LeafEvidence {
                    met: Some(false),
                    ..LeafEvidence::default()
                }
            )
            .unwrap()
            .0,
            d("0.25")
        );
    }
}
