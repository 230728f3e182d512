//! `deadline`: a document issued by a deadline the set declares (thời hạn ban hành): on time,
//! late, or not issued.
//!
//! Fields: `deadline` (`YYYY-MM-DD`, the last day that is on time), `on_time` (default the
//! max), `late` (default 0), `late_until` (`YYYY-MM-DD`: after it a late document scores as
//! not issued; default no limit), `not_issued` (default 0). Points must not rise with lateness:
//! `on_time ≥ late ≥ not_issued`.
//! Evidence: `documents` (the first reference that parses with a date is scored; an empty list
//! says none was issued), or `date` (`YYYY-MM-DD`).
//!
//! ```toml
//! # "Ban hành kế hoạch CCHC năm trước ngày 15/01: 1; ban hành chậm: 0,5; không ban hành: 0"
//! rule = { kind = "deadline", deadline = "2023-01-15", on_time = "1", late = "0.5" }
//! ```

use rust_decimal::Decimal;

use super::working::Working;
use super::{Ctx, Explain, Issues, Outcome, ScoreError, SetFields, evidence_fields};
use crate::docref::{DocDate, DocRef};
use crate::error::{EvidenceIssueCode, IssueCode};
use crate::evidence::LeafEvidence;
use crate::model::RuleDef;
use crate::path::DataPath;

/// A validated `deadline` rule.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Deadline {
    pub(crate) deadline: DocDate,
    pub(crate) late_until: Option<DocDate>,
    pub(crate) on_time: Option<Decimal>,
    pub(crate) late: Decimal,
    pub(crate) not_issued: Decimal,
}

/// Where a date falls against the deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Timing {
    OnTime,
    Late,
    TooLate,
    NotIssued,
}

impl Timing {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Timing::OnTime => "on_time",
            Timing::Late => "late",
            Timing::TooLate => "too_late",
            Timing::NotIssued => "not_issued",
        }
    }
}

impl Deadline {
    pub(crate) fn lower(
        def: &RuleDef,
        max: Decimal,
        path: &DataPath,
        issues: &mut Issues,
    ) -> Option<Self> {
        let before = issues.list.len();
        let mut date = |field: &str, v: &Option<String>| {
            v.as_ref().and_then(|t| match DocDate::parse_iso(t) {
                Ok(d) => Some(d),
                Err(m) => {
                    issues.push(path.key(field), IssueCode::WrongType, m.message);
                    None
                }
            })
        };
        let deadline = date("deadline", &def.deadline);
        let late_until = date("late_until", &def.late_until);
        if def.deadline.is_none() {
            issues.push(
                path.clone(),
                IssueCode::RuleField,
                "a `deadline` rule needs `deadline`, the last day on time (`YYYY-MM-DD`)",
            );
        }
        if let (Some(d), Some(u)) = (deadline, late_until)
            && u < d
        {
            issues.push(
                path.key("late_until"),
                IssueCode::OutOfRange,
                format!("`late_until = {u}` is before the deadline `{d}`"),
            );
        }
        let on_time = def.on_time.unwrap_or(max);
        let late = def.late.unwrap_or(Decimal::ZERO);
        let not_issued = def.not_issued.unwrap_or(Decimal::ZERO);
        for (field, v) in [
            ("on_time", on_time),
            ("late", late),
            ("not_issued", not_issued),
        ] {
            issues.points_within(&path.key(field), v, max);
        }
        if late > on_time || not_issued > late {
            issues.push(
                path.clone(),
                IssueCode::PointsOutOfRange,
                format!(
                    "points must not rise with lateness: on_time `{}` ≥ late `{}` ≥ not_issued `{}`",
                    crate::decimal::plain(on_time),
                    crate::decimal::plain(late),
                    crate::decimal::plain(not_issued)
                ),
            );
        }
        let deadline = deadline?;
        (issues.list.len() == before).then_some(Deadline {
            deadline,
            late_until,
            on_time: def.on_time,
            late,
            not_issued,
        })
    }

    /// Where a date (or none) falls.
    pub(crate) fn timing(&self, date: Option<DocDate>) -> Timing {
        match date {
            None => Timing::NotIssued,
            Some(d) if d <= self.deadline => Timing::OnTime,
            Some(d) if self.late_until.is_some_and(|u| d > u) => Timing::TooLate,
            Some(_) => Timing::Late,
        }
    }

    /// The points of a timing on a leaf of `max`.
    pub(crate) fn points(&self, timing: Timing, max: Decimal) -> Decimal {
        match timing {
            Timing::OnTime => self.on_time.unwrap_or(max),
            Timing::Late => self.late,
            Timing::TooLate | Timing::NotIssued => self.not_issued,
        }
    }

    pub(crate) fn score<E: Explain>(
        &self,
        ctx: &Ctx<'_>,
        ev: &LeafEvidence,
    ) -> Result<Outcome<E::Working>, ScoreError> {
        let expected = "`documents` (references with a date; `[]` when none was issued) or `date`";
        if let Some(bad) = evidence_fields(ev).without(SetFields::DATE).iter().next() {
            return Err(ctx.issue(
                Some(bad),
                EvidenceIssueCode::WrongShape,
                format!("`{bad}` does not fit a `deadline` leaf, which takes {expected}"),
            ));
        }
        let (date, document) = match (&ev.date, &ev.documents) {
            (Some(_), Some(_)) => {
                return Err(ctx.issue(
                    None,
                    EvidenceIssueCode::WrongShape,
                    format!("give one of {expected}, not both"),
                ));
            }
            (None, None) => {
                return Err(ctx.issue(
                    None,
                    EvidenceIssueCode::WrongShape,
                    format!("no value given: a `deadline` leaf takes {expected}"),
                ));
            }
            (Some(d), None) => (
                Some(DocDate::parse_iso(d).map_err(|m| {
                    ctx.issue(
                        Some("date"),
                        EvidenceIssueCode::MalformedDocument,
                        m.message,
                    )
                })?),
                None,
            ),
            (None, Some(docs)) => first_dated(ctx, docs)?,
        };
        let timing = self.timing(date);
        Ok(Outcome::Points {
            points: self.points(timing, ctx.max),
            working: E::working(|| {
                Ok(Working::Deadline {
                    deadline: self.deadline.to_string(),
                    date: date.map(|d| d.to_string()),
                    days_late: date.map(|d| d.days() - self.deadline.days()),
                    document,
                    outcome: timing.as_str().to_string(),
                })
            })?,
        })
    }
}

/// The first cited document that parses with a date: its date and its number and symbol.
fn first_dated(
    ctx: &Ctx<'_>,
    docs: &[String],
) -> Result<(Option<DocDate>, Option<String>), ScoreError> {
    let mut first_problem = None;
    for (i, text) in docs.iter().enumerate() {
        match DocRef::parse(text) {
            Ok(DocRef {
                date: Some(d),
                number,
                symbol,
                year,
                ..
            }) => {
                let no = match year {
                    Some(y) => format!("{number}/{y}/{symbol}"),
                    None => format!("{number}/{symbol}"),
                };
                return Ok((Some(d), Some(no)));
            }
            Ok(_) => {
                first_problem.get_or_insert((i, format!("`{text}` has no date (`ngày D/M/YYYY`)")));
            }
            Err(e) => {
                first_problem.get_or_insert((i, e.to_string()));
            }
        }
    }
    match first_problem {
        None => Ok((None, None)),
        Some((i, message)) => Err(ScoreError::Evidence(crate::error::EvidenceIssue::new(
            ctx.path.key("documents").index(i),
            EvidenceIssueCode::MalformedDocument,
            format!("{message}; no cited document gives a date to score"),
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RuleKind;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn rule(late_until: Option<&str>) -> Deadline {
        let def = RuleDef {
            deadline: Some("2023-01-15".into()),
            late_until: late_until.map(Into::into),
            on_time: Some(d("1")),
            late: Some(d("0.5")),
            ..RuleDef::of_kind(RuleKind::Deadline)
        };
        let mut issues = Issues::default();
        let r = Deadline::lower(&def, d("1"), &DataPath::root(), &mut issues);
        assert!(issues.list.is_empty(), "{:?}", issues.list);
        r.unwrap()
    }

    fn run(r: &Deadline, ev: LeafEvidence) -> Result<(Decimal, String), ScoreError> {
        let path = DataPath::root().key("evidence").key("1.1.1");
        let ctx = Ctx {
            max: d("1"),
            path: &path,
            kind: RuleKind::Deadline,
        };
        match r.score::<crate::rules::Explained>(&ctx, &ev)? {
            Outcome::Points { points, working } => Ok((points, working.to_string())),
            Outcome::NotApplicable { reason, .. } => Ok((d("-1"), reason)),
        }
    }

    fn docs(list: &[&str]) -> LeafEvidence {
        LeafEvidence {
            documents: Some(list.iter().map(|s| (*s).to_string()).collect()),
            ..LeafEvidence::default()
        }
    }

    #[test]
    fn on_time_late_and_not_issued_by_hand_checked_dates() {
        let r = rule(None);
        // 12/01/2023 is 3 days before 15/01/2023: on time → 1
        let (p, why) = run(
            &r,
            docs(&["Kế hoạch số 05/KH-UBND ngày 12/01/2023 về CCHC"]),
        )
        .unwrap();
        assert_eq!(p, d("1"));
        assert_eq!(
            why,
            "issued 2023-01-12, by the deadline 2023-01-15 (5/KH-UBND) → on_time"
        );
        // the deadline day itself is on time
        let (p, _) = run(
            &r,
            LeafEvidence {
                date: Some("2023-01-15".into()),
                ..LeafEvidence::default()
            },
        )
        .unwrap();
        assert_eq!(p, d("1"));
        // 16/01 is 1 day late → 0.5
        let (p, why) = run(&r, docs(&["Kế hoạch số 05/KH-UBND ngày 16/01/2023"])).unwrap();
        assert_eq!(p, d("0.5"));
        assert_eq!(
            why,
            "issued 2023-01-16, 1 day(s) after the deadline 2023-01-15 (5/KH-UBND) → late"
        );
        // 01/03/2023: January has 31 days, so 16 days to 31/01 and 28 in February (2023 is not a
        // leap year) and 1 in March: 16 + 28 + 1 = 45 days late → 0.5
        let (p, why) = run(&r, docs(&["Kế hoạch số 05/KH-UBND ngày 01/03/2023"])).unwrap();
        assert_eq!(p, d("0.5"));
        assert!(why.contains("45 day(s) after"), "{why}");
        // none issued → 0
        let (p, why) = run(&r, docs(&[])).unwrap();
        assert_eq!(p, d("0"));
        assert_eq!(why, "not issued (deadline 2023-01-15) → not_issued");
    }

    #[test]
    fn late_until_turns_a_very_late_document_into_not_issued() {
        let r = rule(Some("2023-01-31"));
        let (p, _) = run(&r, docs(&["Kế hoạch số 05/KH-UBND ngày 31/01/2023"])).unwrap();
        assert_eq!(p, d("0.5"), "31/01 is the last late day");
        let (p, why) = run(&r, docs(&["Kế hoạch số 05/KH-UBND ngày 01/02/2023"])).unwrap();
        assert_eq!(p, d("0"));
        assert!(why.ends_with("→ too_late"), "{why}");
    }

    #[test]
    fn the_first_dated_document_counts_and_malformed_ones_are_reported() {
        let r = rule(None);
        // the first has no date, the second is dated: it counts
        let (p, _) = run(
            &r,
            docs(&[
                "Công văn số 2004/UBND-VX",
                "Kế hoạch số 05/KH-UBND ngày 10/01/2023",
            ]),
        )
        .unwrap();
        assert_eq!(p, d("1"));
        let Err(ScoreError::Evidence(e)) =
            run(&r, docs(&["Kế hoạch số 05/KH-UBND ngày 31/02/2023"]))
        else {
            panic!()
        };
        assert_eq!(
            e.to_string(),
            "evidence[\"1.1.1\"].documents[0]: `Kế hoạch số 05/KH-UBND ngày 31/02/2023` is not a document reference: `31/02/2023` is not a calendar date; no cited document gives a date to score"
        );
        let Err(ScoreError::Evidence(e)) = run(
            &r,
            LeafEvidence {
                count: Some(d("1")),
                ..LeafEvidence::default()
            },
        ) else {
            panic!()
        };
        assert_eq!(e.path.to_string(), "evidence[\"1.1.1\"].count");
    }

    #[test]
    fn rules_are_checked() {
        let def = RuleDef {
            deadline: Some("2023-02-30".into()),
            late_until: Some("2023-01-01".into()),
            late: Some(d("2")),
            ..RuleDef::of_kind(RuleKind::Deadline)
        };
        let mut issues = Issues::default();
        assert!(
            Deadline::lower(&def, d("1"), &DataPath::root().key("rule"), &mut issues).is_none()
        );
        let msgs: Vec<String> = issues.list.iter().map(ToString::to_string).collect();
        assert_eq!(
            msgs,
            [
                "rule.deadline: `2023-02-30` is not a calendar date",
                "rule.late: points `2` are above the leaf's max `1`",
                "rule: points must not rise with lateness: on_time `1` ≥ late `2` ≥ not_issued `0`",
            ]
        );
    }
}
