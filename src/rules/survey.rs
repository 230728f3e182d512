//! `survey`: a criterion scored by the sociological survey (điều tra xã hội học).
//!
//! Fields: `weights = [{ option, percent }]` (default A/B/C/D = 100/60/20/0% of the max),
//! `when_no_cases` (no respondents: `full`, `exclude` or `zero`; default not applicable;
//! `on_empty` is its deprecated name). Evidence: `answers` (respondents per
//! option), or `points` given directly (a published survey result).
//!
//! Points = max × Σ(respondents × weight) ÷ Σ respondents ÷ 100: the mean over respondents of
//! their answer's weight, times the max.
//!
//! ```toml
//! rule = { kind = "survey" }
//! ```

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::working::Working;
use super::{Ctx, Explain, Issues, Outcome, ScoreError, SetFields, only_fields};
use crate::error::{EvidenceIssue, EvidenceIssueCode, IssueCode};
use crate::evidence::LeafEvidence;
use crate::limits::Limits;
use crate::model::{NoCases, RuleDef, WeightDef};
use crate::path::DataPath;

/// A validated `survey` rule.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Survey {
    pub(crate) weights: Vec<(String, Decimal)>,
    /// What no respondent scores (`None`: the leaf's not-applicable policy).
    pub(crate) no_cases: Option<NoCases>,
}

/// The default weights: A/B/C/D = 100/60/20/0% of the max.
pub(crate) fn default_weights() -> Vec<(String, Decimal)> {
    [("A", 100), ("B", 60), ("C", 20), ("D", 0)]
        .into_iter()
        .map(|(o, w)| (o.to_string(), Decimal::from(w)))
        .collect()
}

impl Survey {
    pub(crate) fn lower(
        def: &RuleDef,
        path: &DataPath,
        issues: &mut Issues,
        limits: &Limits,
    ) -> Option<Self> {
        let before = issues.list.len();
        let p = path.key("weights");
        if issues.too_many(&p, def.weights.len(), limits) {
            return None;
        }
        let mut seen: Vec<&str> = Vec::new();
        for (i, WeightDef { option, percent }) in def.weights.iter().enumerate() {
            let wp = p.index(i);
            if option.trim().is_empty() {
                issues.push(
                    wp.key("option"),
                    IssueCode::Empty,
                    "the answer option is empty",
                );
            } else if seen.contains(&option.as_str()) {
                issues.push(
                    wp.key("option"),
                    IssueCode::Duplicate,
                    format!("duplicate answer option `{option}`"),
                );
            }
            seen.push(option);
            if issues.non_negative(&wp.key("percent"), *percent) && *percent > Decimal::ONE_HUNDRED
            {
                issues.push(
                    wp.key("percent"),
                    IssueCode::OutOfRange,
                    format!(
                        "weight `{}`% is above 100%",
                        crate::decimal::plain(*percent)
                    ),
                );
            }
        }
        let weights = if def.weights.is_empty() {
            default_weights()
        } else {
            def.weights
                .iter()
                .map(|w| (w.option.clone(), w.percent))
                .collect()
        };
        let no_cases = super::no_cases_policy(def, path, issues);
        (issues.list.len() == before).then_some(Survey { weights, no_cases })
    }

    pub(crate) fn score<E: Explain>(
        &self,
        ctx: &Ctx<'_>,
        ev: &LeafEvidence,
    ) -> Result<Outcome<E::Working>, ScoreError> {
        only_fields(
            ctx,
            ev,
            SetFields::ANSWERS.with(SetFields::POINTS),
            "`answers` (respondents per option) or `points`",
        )?;
        if ev.answers.is_some() && ev.points.is_some() {
            return Err(ctx.issue(
                None,
                EvidenceIssueCode::WrongShape,
                "give `answers` or `points`, not both",
            ));
        }
        if let Some(p) = ev.points {
            return super::manual::given::<E>(ctx, p);
        }
        let no_answers = BTreeMap::new();
        let answers = ev.answers.as_ref().unwrap_or(&no_answers);
        let mut respondents: u64 = 0;
        let mut weighted = Decimal::ZERO;
        for (option, n) in answers {
            let Some((_, w)) = self.weights.iter().find(|(o, _)| o == option) else {
                let known: Vec<String> =
                    self.weights.iter().map(|(o, _)| format!("`{o}`")).collect();
                return Err(ScoreError::Evidence(EvidenceIssue::new(
                    ctx.path.key("answers").key(option.clone()),
                    EvidenceIssueCode::UnknownOption,
                    format!(
                        "unknown answer option `{option}`: expected one of {}",
                        known.join(", ")
                    ),
                )));
            };
            respondents = respondents.checked_add(*n).ok_or(ScoreError::Overflow)?;
            weighted = Decimal::from(*n)
                .checked_mul(*w)
                .and_then(|x| x.checked_add(weighted))
                .ok_or(ScoreError::Overflow)?;
        }
        if respondents == 0 {
            return super::no_cases_outcome::<E>(
                ctx,
                self.no_cases,
                || "no respondents".to_string(),
                |policy| Working::Empty {
                    policy,
                    measure: Some("respondents".to_string()),
                },
            );
        }
        let n = Decimal::from(respondents);
        // weighted × max ÷ (respondents × 100): one division.
        let points = weighted
            .checked_mul(ctx.max)
            .zip(n.checked_mul(Decimal::ONE_HUNDRED))
            .and_then(|(x, d)| x.checked_div(d))
            .ok_or(ScoreError::Overflow)?;
        Ok(Outcome::Points {
            points,
            working: E::working(|| {
                Ok(Working::Survey {
                    answers: answers.clone(),
                    weighted_percent: weighted.checked_div(n).ok_or(ScoreError::Overflow)?,
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

    fn run(r: &Survey, max: &str, ev: LeafEvidence) -> Result<(Decimal, String), ScoreError> {
        let path = DataPath::root().key("evidence").key("8.1");
        let ctx = Ctx {
            max: d(max),
            path: &path,
            kind: RuleKind::Survey,
        };
        match r.score::<crate::rules::Explained>(&ctx, &ev)? {
            Outcome::Points { points, working } => Ok((points, working.to_string())),
            Outcome::NotApplicable { reason, .. } => Ok((d("-1"), reason)),
        }
    }

    fn answers(list: &[(&str, u64)]) -> LeafEvidence {
        LeafEvidence {
            answers: Some(list.iter().map(|(o, n)| ((*o).to_string(), *n)).collect()),
            ..LeafEvidence::default()
        }
    }

    #[test]
    fn default_weights_abcd() {
        let r = Survey {
            weights: default_weights(),
            no_cases: None,
        };
        // 10 A (100%), 20 B (60%), 10 C (20%): (1000 + 1200 + 200) / 40 = 60% of 3 = 1.8
        let (p, why) = run(&r, "3", answers(&[("A", 10), ("B", 20), ("C", 10)])).unwrap();
        assert_eq!(p, d("1.8"));
        assert_eq!(
            why,
            "40 answers (A 10, B 20, C 10) → weighted 60% of the max"
        );
        // one B on a 0.25 question: 0.15
        assert_eq!(run(&r, "0.25", answers(&[("B", 1)])).unwrap().0, d("0.15"));
        // all D: 0
        assert_eq!(run(&r, "2", answers(&[("D", 7)])).unwrap().0, d("0"));
        // points given directly
        assert_eq!(
            run(
                &r,
                "2",
                LeafEvidence {
                    points: Some(d("1.25")),
                    ..LeafEvidence::default()
                }
            )
            .unwrap()
            .0,
            d("1.25")
        );
    }

    #[test]
    fn no_respondents_and_unknown_options() {
        let r = Survey {
            weights: default_weights(),
            no_cases: None,
        };
        assert_eq!(
            run(&r, "2", answers(&[("A", 0)])).unwrap(),
            (d("-1"), "no respondents".into())
        );
        let Err(ScoreError::Evidence(e)) = run(&r, "2", answers(&[("E", 1)])) else {
            panic!()
        };
        assert_eq!(
            e.to_string(),
            "evidence[\"8.1\"].answers.E: unknown answer option `E`: expected one of `A`, `B`, `C`, `D`"
        );
        let Err(ScoreError::Evidence(e)) = run(
            &r,
            "2",
            LeafEvidence {
                points: Some(d("3")),
                ..LeafEvidence::default()
            },
        ) else {
            panic!()
        };
        assert_eq!(
            e.to_string(),
            "evidence[\"8.1\"].points: points `3` are outside [0, 2]"
        );
    }
}
