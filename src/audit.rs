//! The audit (kiểm tra số liệu): recomputes the figures a unit reported and lists every one
//! that does not match.
//!
//! Three checks, each on the figures as written ([`parse_reported`](crate::evidence::parse_reported)):
//! - **percent**: a reported share against the counts it is of, judged at the precision it was
//!   reported with: `64,9%` for 3072/4733 (64.905…%) is right, `65,0%` is not; the computed share
//!   is rounded half-up to the reported number of decimals and must equal the reported one;
//! - **sum**: parts against their total ("received = resolved + pending"), exactly;
//! - **count**: a count the report states against the count the evidence scores with, or
//!   against the same count stated elsewhere in the report (`equals`): contradictory counts,
//!   compared exactly.
//!
//! Cited documents that do not parse as official references, or that are dated after the
//! period the evidence covers, are listed too (check `document`).

use std::collections::BTreeMap;
use std::fmt;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::decimal::{DecOpt, plain};
use crate::docref::{DocDate, DocRef};
use crate::error::{EvalError, EvidenceIssue, EvidenceIssueCode};
use crate::evidence::{Evidence, LeafEvidence, Reported};
use crate::number::ReportedNumber;
use crate::path::DataPath;
use crate::rules::{Ctx, ScoreError, ratio};
use crate::ruleset::RuleSet;

mod checks;
mod text;

/// What an audit check compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AuditCheck {
    /// A reported percentage against the counts it is of.
    Percent,
    /// Parts against their total.
    Sum,
    /// A reported count against the count the evidence gives.
    Count,
    /// A cited document reference that does not parse.
    Document,
}

/// How much a mismatch matters.
///
/// [`Severity::Minor`] when a percentage is off by one unit in its last reported digit (a
/// rounding slip), or a sum of amounts with a unit (`đồng`) is off by at most 0.1% of the total
/// (parts rounded before adding); [`Severity::Major`] for every other mismatch: counts are
/// exact, and a percentage off by more than its last digit is wrong.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// A rounding slip: one unit in the last reported digit, or amounts within 0.1%.
    Minor,
    /// A wrong figure.
    Major,
}

/// One reported figure that does not match its recomputation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AuditFinding {
    /// The reported value at fault: `evidence["3.2.1"].reported.percent`, `figures[4].percent`.
    pub path: DataPath,
    /// What was compared.
    pub check: AuditCheck,
    /// The figure as reported.
    pub reported: String,
    /// The figure as recomputed, at the reported precision and in the same form
    /// (`89,29%`); for a document, what was expected.
    pub computed: String,
    /// The recomputed value, exact; absent for a document.
    #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
    pub exact: Option<Decimal>,
    /// How much it matters.
    pub severity: Severity,
    /// The working: `4337/4857 = 89.2938…%`.
    pub message: String,
}

impl fmt::Display for AuditFinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Minor => "minor",
            Severity::Major => "major",
        };
        write!(
            f,
            "{}: reported `{}`, computed `{}` ({}; {sev})",
            self.path, self.reported, self.computed, self.message
        )
    }
}

/// The audit of one evidence file: how many figures were checked and what did not match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AuditReport {
    /// The number of checks made (percentages, sums, counts, documents).
    pub checked: usize,
    /// Every mismatch, leaves first (by code), then the report-level figures in order.
    pub findings: Vec<AuditFinding>,
}

/// Recomputes every figure the evidence reports and lists the mismatches.
///
/// # Errors
/// [`EvalError::Evidence`] with every problem: evidence that does not fit the set (as
/// [`evaluate`](crate::evaluate) reports it), a reported figure that is not a number
/// (`evidence["1.1"].reported.percent`), a figure `of` an id that no figure has, a reported
/// percentage on a leaf without counts, two figures with one id.
///
/// # Example
/// ```
/// use par_index::{Evidence, RuleSet, analysis::Severity, analysis::audit};
///
/// let rs = RuleSet::from_toml_str(r#"
/// id = "demo"
/// title = "Demo"
/// level = "district"
/// years = { from = 2023 }
/// scale = 1
/// document = { number = "01/QĐ-UBND" }
/// [[areas]]
/// code = "1"
/// title = "Hồ sơ trực tuyến"
/// max = 1
/// provenance = { document = "01/QĐ-UBND", verified = false }
/// rule = { kind = "proportional" }
/// "#)?;
/// let ev = Evidence::from_json_str(r#"{
///   "unit": { "name": "Thị xã Duyên Hải", "level": "district" },
///   "period": { "year": 2023, "quarter": 3 },
///   "evidence": { "1": { "numerator": 4337, "denominator": 4857,
///                        "reported": { "percent": "89,92%" } } }
/// }"#)?;
/// let report = audit(&rs, &ev)?;
/// // 4337/4857 = 89.2938…% → 89,29% at two decimals, not 89,92%
/// assert_eq!(report.findings[0].computed, "89,29%");
/// assert_eq!(report.findings[0].severity, Severity::Major);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn audit(rs: &RuleSet, ev: &Evidence) -> Result<AuditReport, EvalError> {
    crate::points::evaluate_points(rs, ev)?; // the same checks as `evaluate`, without the scorecard
    let mut a = Auditor::default();
    let period_end = crate::gap::period_end(&ev.period);
    for (code, leaf_ev) in &ev.evidence {
        let path = DataPath::root().key("evidence").key(code.clone());
        a.documents(&path, leaf_ev, period_end);
        if let Some(rep) = &leaf_ev.reported {
            a.leaf(rs, code, &path, leaf_ev, rep)?;
        }
    }
    a.figures(ev)?;
    if a.issues.is_empty() {
        Ok(AuditReport {
            checked: a.checked,
            findings: a.findings,
        })
    } else {
        Err(EvalError::Evidence { issues: a.issues })
    }
}

#[derive(Debug, Default)]
struct Auditor {
    checked: usize,
    findings: Vec<AuditFinding>,
    issues: Vec<EvidenceIssue>,
}

impl Auditor {
    /// Cited documents must parse, and be dated no later than the period's last day.
    fn documents(&mut self, path: &DataPath, ev: &LeafEvidence, period_end: DocDate) {
        for (i, text) in ev.documents.iter().flatten().enumerate() {
            self.checked += 1;
            let (computed, message) = match DocRef::parse(text) {
                Err(e) => (
                    "a reference such as `Kế hoạch số 05/KH-UBND ngày 12/01/2023`".to_string(),
                    e.reason,
                ),
                Ok(DocRef { date: Some(d), .. }) if d > period_end => (
                    format!("a date by {period_end}"),
                    format!("dated {d}, after the period the evidence covers ends on {period_end}"),
                ),
                Ok(_) => continue,
            };
            self.findings.push(AuditFinding {
                path: path.key("documents").index(i),
                check: AuditCheck::Document,
                reported: text.clone(),
                computed,
                exact: None,
                severity: Severity::Major,
                message,
            });
        }
    }

    /// Checks one leaf's reported figures (số liệu báo cáo) against the evidence it scores with.
    fn leaf(
        &mut self,
        rs: &RuleSet,
        code: &str,
        path: &DataPath,
        ev: &LeafEvidence,
        rep: &Reported,
    ) -> Result<(), EvalError> {
        let rp = path.key("reported");
        let counts = leaf_counts(rs, code, path, ev)?;
        if let Some(text) = &rep.percent {
            self.reported_percent(rp.key("percent"), text, counts)?;
        }
        self.reported_counts(&rp, rep, counts);
        self.reported_total_and_parts(path, &rp, rep, counts.and_then(Counts::den))
    }

    /// Checks a reported percentage against the leaf's counts or its given percentage.
    fn reported_percent(
        &mut self,
        p: DataPath,
        text: &str,
        counts: Option<Counts>,
    ) -> Result<(), EvalError> {
        match counts {
            Some(Counts::Fraction(num, den)) => {
                if let Some(n) = self.percent_number(&p, text) {
                    self.percent(p, &n, num, den)?;
                }
            }
            Some(Counts::Percent(exact)) => {
                if let Some(n) = self.percent_number(&p, text) {
                    self.checked += 1;
                    self.compare_percent(p, &n, exact, format!("evidence gives {}%", plain(exact)));
                }
            }
            None => self.issues.push(EvidenceIssue::new(
                p,
                EvidenceIssueCode::WrongShape,
                "a reported percentage needs the leaf's `numerator` and `denominator`, `tasks` or `percent` to check it against",
            )),
        }
        Ok(())
    }

    /// Checks a reported numerator and denominator against the counts the leaf scores with.
    fn reported_counts(&mut self, rp: &DataPath, rep: &Reported, counts: Option<Counts>) {
        for (field, text, value) in [
            ("numerator", &rep.numerator, counts.and_then(Counts::num)),
            (
                "denominator",
                &rep.denominator,
                counts.and_then(Counts::den),
            ),
        ] {
            let Some(text) = text else { continue };
            let p = rp.key(field);
            let Some(n) = self.number(&p, text) else {
                continue;
            };
            match value {
                Some(v) => self.count(p, &n, v, format!("the evidence scores with {field} {}", plain(v))),
                None => self.issues.push(EvidenceIssue::new(
                    p,
                    EvidenceIssueCode::WrongShape,
                    format!("a reported {field} needs the leaf's `{field}` or `tasks` to check it against"),
                )),
            }
        }
    }

    /// Checks a reported total against the denominator, and reported parts add up to the total
    /// (or, when no total is reported, to the denominator).
    fn reported_total_and_parts(
        &mut self,
        path: &DataPath,
        rp: &DataPath,
        rep: &Reported,
        den: Option<Decimal>,
    ) -> Result<(), EvalError> {
        let total = self.total_to_check(path, rp, rep, den);
        if let (Some(_), Some((n, tp)), Some(d)) = (&rep.total, &total, den) {
            let why = format!("the evidence scores with denominator {}", plain(d));
            self.count(tp.clone(), n, d, why);
        }
        match (&rep.parts, total) {
            (Some(parts), Some((t, tp))) => self.sum(&rp.key("parts"), tp, &t, parts)?,
            (Some(_), None) if rep.total.is_none() => self.issues.push(EvidenceIssue::new(
                rp.key("parts"),
                EvidenceIssueCode::WrongShape,
                "reported parts need a `total`, or the leaf's `denominator`, to add up to",
            )),
            (None, Some(_)) if den.is_none() => self.issues.push(EvidenceIssue::new(
                rp.key("total"),
                EvidenceIssueCode::WrongShape,
                "a reported total needs `parts`, or the leaf's `denominator`, to be checked against",
            )),
            _ => {}
        }
        Ok(())
    }

    /// The total parts must add up to, with its path: the reported `total`, else the leaf's
    /// denominator.
    fn total_to_check(
        &mut self,
        path: &DataPath,
        rp: &DataPath,
        rep: &Reported,
        den: Option<Decimal>,
    ) -> Option<(ReportedNumber, DataPath)> {
        match &rep.total {
            Some(t) => self
                .number(&rp.key("total"), t)
                .map(|n| (n, rp.key("total"))),
            None => den.map(|d| {
                let n = ReportedNumber {
                    value: d,
                    decimals: 0,
                    percent: false,
                    unit: None,
                    text: plain(d),
                };
                (n, path.key("denominator"))
            }),
        }
    }

    fn figures(&mut self, ev: &Evidence) -> Result<(), EvalError> {
        let base = DataPath::root().key("figures");
        let mut values: BTreeMap<&str, (usize, Option<ReportedNumber>)> = BTreeMap::new();
        for (i, f) in ev.figures.iter().enumerate() {
            let v = self.number(&base.index(i).key("value"), &f.value);
            if let Some((first, _)) = values.get(f.id.as_str()) {
                self.issues.push(EvidenceIssue::new(
                    base.index(i).key("id"),
                    EvidenceIssueCode::Duplicate,
                    format!("figure id `{}` is used by figures[{first}] already", f.id),
                ));
            } else {
                values.insert(&f.id, (i, v));
            }
        }
        for (i, f) in ev.figures.iter().enumerate() {
            let fp = base.index(i);
            let Some((_, Some(value))) = values.get(f.id.as_str()).cloned() else {
                continue;
            };
            if let Some(parts) = &f.parts {
                self.sum(&fp.key("parts"), fp.key("value"), &value, parts)?;
            }
            if let Some(other) = &f.equals {
                match values.get(other.as_str()) {
                    Some((j, Some(same))) => {
                        let why = format!("figures[{j}] (`{other}`) states {}", same.text);
                        self.count(fp.key("value"), &value, same.value, why);
                    }
                    Some((_, None)) => {}
                    None => self.issues.push(EvidenceIssue::new(
                        fp.key("equals"),
                        EvidenceIssueCode::UnknownCode,
                        format!("no figure has id `{other}`: `equals` names a figure stating the same value"),
                    )),
                }
            }
            match (&f.percent, &f.of) {
                (Some(text), Some(of)) => {
                    let Some(n) = self.percent_number(&fp.key("percent"), text) else {
                        continue;
                    };
                    match values.get(of.as_str()) {
                        Some((_, Some(whole))) => {
                            self.percent(fp.key("percent"), &n, value.value, whole.value)?;
                        }
                        Some((_, None)) => {}
                        None => self.issues.push(EvidenceIssue::new(
                            fp.key("of"),
                            EvidenceIssueCode::UnknownCode,
                            format!("no figure has id `{of}`: `of` names the figure the percentage is of"),
                        )),
                    }
                }
                (Some(_), None) => self.issues.push(EvidenceIssue::new(
                    fp.key("percent"),
                    EvidenceIssueCode::WrongShape,
                    "a percentage needs `of`, the id of the figure it is a share of",
                )),
                (None, Some(_)) => self.issues.push(EvidenceIssue::new(
                    fp.key("of"),
                    EvidenceIssueCode::WrongShape,
                    "`of` goes with `percent`: give the share reported",
                )),
                (None, None) => {}
            }
        }
        Ok(())
    }
}

/// The counts a leaf scores with.
#[derive(Debug, Clone, Copy)]
enum Counts {
    Fraction(Decimal, Decimal),
    Percent(Decimal),
}

impl Counts {
    fn num(self) -> Option<Decimal> {
        match self {
            Counts::Fraction(n, _) => Some(n),
            Counts::Percent(_) => None,
        }
    }

    fn den(self) -> Option<Decimal> {
        match self {
            Counts::Fraction(_, d) => Some(d),
            Counts::Percent(_) => None,
        }
    }
}

/// The numerator and denominator a leaf scores with: read by its ratio rule (a task list
/// counted with the rule's statuses), or its raw `numerator` and `denominator`.
fn leaf_counts(
    rs: &RuleSet,
    code: &str,
    path: &DataPath,
    ev: &LeafEvidence,
) -> Result<Option<Counts>, EvalError> {
    let node = rs
        .tree()
        .index
        .get(code)
        .and_then(|&i| rs.tree().nodes.get(i));
    if let Some(leaf) = node.and_then(|n| n.leaf.as_ref())
        && let Some(opts) = leaf.rule.ratio_options()
        && ev.not_applicable.is_none()
    {
        let ctx = Ctx {
            max: Decimal::ONE,
            path,
            kind: leaf.rule.kind(),
        };
        return match ratio::read(&ctx, ev, opts) {
            Ok(Some(ratio::Measured::Fraction { num, den, .. })) => {
                Ok(Some(Counts::Fraction(num, den)))
            }
            Ok(Some(ratio::Measured::Percent(p))) => Ok(Some(Counts::Percent(p))),
            Ok(None) => Ok(ev
                .numerator
                .zip(ev.denominator)
                .map(|(n, d)| Counts::Fraction(n, d))),
            Err(ScoreError::Evidence(issue)) => Err(EvalError::Evidence {
                issues: vec![issue],
            }),
            Err(ScoreError::Overflow) => Err(EvalError::Overflow { path: path.clone() }),
        };
    }
    Ok(ev
        .numerator
        .zip(ev.denominator)
        .map(|(n, d)| Counts::Fraction(n, d)))
}
