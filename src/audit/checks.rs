//! The three comparisons of the audit, each recording a check and any mismatch.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::{AuditCheck, AuditFinding, Auditor, Severity};
use crate::decimal::plain;
use crate::error::{EvalError, EvidenceIssue, EvidenceIssueCode};
use crate::number::{ReportedNumber, parse_reported, vn_format};
use crate::path::DataPath;

impl Auditor {
    pub(super) fn number(&mut self, path: &DataPath, text: &str) -> Option<ReportedNumber> {
        match parse_reported(text) {
            Ok(n) => Some(n),
            Err(e) => {
                self.issues.push(EvidenceIssue::new(
                    path.clone(),
                    EvidenceIssueCode::MalformedNumber,
                    e.to_string(),
                ));
                None
            }
        }
    }

    pub(super) fn percent_number(&mut self, path: &DataPath, text: &str) -> Option<ReportedNumber> {
        let n = self.number(path, text)?;
        if n.percent {
            Some(n)
        } else {
            self.issues.push(EvidenceIssue::new(
                path.clone(),
                EvidenceIssueCode::MalformedNumber,
                format!("`{text}` is not a percentage: write it with `%`, e.g. `81,25%`"),
            ));
            None
        }
    }

    /// Checks `reported` against num ÷ den × 100.
    pub(super) fn percent(
        &mut self,
        path: DataPath,
        reported: &ReportedNumber,
        num: Decimal,
        den: Decimal,
    ) -> Result<(), EvalError> {
        self.checked += 1;
        if den.is_zero() {
            self.findings.push(AuditFinding {
                path,
                check: AuditCheck::Percent,
                reported: reported.text.clone(),
                computed: "none".to_string(),
                exact: None,
                severity: Severity::Major,
                message: format!("{}/0 is no share: the whole is 0", plain(num)),
            });
            return Ok(());
        }
        let exact = num
            .checked_mul(Decimal::ONE_HUNDRED)
            .and_then(|x| x.checked_div(den))
            .ok_or_else(|| EvalError::Overflow { path: path.clone() })?;
        let working = format!("{}/{} = {}%", plain(num), plain(den), shown(exact));
        self.compare_percent(path, reported, exact, working);
        Ok(())
    }

    pub(super) fn compare_percent(
        &mut self,
        path: DataPath,
        reported: &ReportedNumber,
        exact: Decimal,
        working: String,
    ) {
        let at = crate::decimal::RoundingMode::HalfUp.round(exact, reported.decimals);
        if at == reported.value {
            return;
        }
        let unit = Decimal::new(1, reported.decimals);
        let off = at.checked_sub(reported.value).map(|d| d.abs());
        let severity = if off == Some(unit) {
            Severity::Minor
        } else {
            Severity::Major
        };
        self.findings.push(AuditFinding {
            path,
            check: AuditCheck::Percent,
            reported: reported.text.clone(),
            computed: format!("{}%", vn_format(exact, reported.decimals)),
            exact: Some(exact),
            severity,
            message: format!(
                "{working}, {} at {} decimal{}",
                vn_format(exact, reported.decimals),
                reported.decimals,
                if reported.decimals == 1 { "" } else { "s" }
            ),
        });
    }

    pub(super) fn count(
        &mut self,
        path: DataPath,
        reported: &ReportedNumber,
        value: Decimal,
        working: String,
    ) {
        self.checked += 1;
        if reported.value != value {
            self.findings.push(AuditFinding {
                path,
                check: AuditCheck::Count,
                reported: reported.text.clone(),
                computed: vn_format(value, reported.decimals.max(value.scale())),
                exact: Some(value),
                severity: Severity::Major,
                message: working,
            });
        }
    }

    /// Checks that `parts` add up to `total` (at `total_path`).
    pub(super) fn sum(
        &mut self,
        parts_path: &DataPath,
        total_path: DataPath,
        total: &ReportedNumber,
        parts: &BTreeMap<String, String>,
    ) -> Result<(), EvalError> {
        let mut sum = Decimal::ZERO;
        let mut terms = Vec::new();
        let mut unit = total.unit.is_some();
        for (name, text) in parts {
            let Some(n) = self.number(&parts_path.key(name.clone()), text) else {
                return Ok(());
            };
            unit |= n.unit.is_some();
            sum = sum
                .checked_add(n.value)
                .ok_or_else(|| EvalError::Overflow {
                    path: parts_path.clone(),
                })?;
            terms.push(format!("{name} {}", n.text));
        }
        self.checked += 1;
        if sum == total.value {
            return Ok(());
        }
        let off = sum
            .checked_sub(total.value)
            .map(|d| d.abs())
            .ok_or_else(|| EvalError::Overflow {
                path: total_path.clone(),
            })?;
        let within = off
            .checked_mul(Decimal::ONE_THOUSAND)
            .is_some_and(|x| x <= total.value.abs());
        self.findings.push(AuditFinding {
            path: total_path,
            check: AuditCheck::Sum,
            reported: total.text.clone(),
            computed: vn_format(sum, total.decimals.max(sum.scale())),
            exact: Some(sum),
            severity: if unit && within {
                Severity::Minor
            } else {
                Severity::Major
            },
            message: format!(
                "the parts add up to {} ({}), off by {}",
                vn_format(sum, sum.scale()),
                terms.join(" + "),
                vn_format(off, off.scale())
            ),
        });
        Ok(())
    }
}

/// An exact share shown with four decimals and an ellipsis when it has more.
fn shown(exact: Decimal) -> String {
    let four = crate::decimal::RoundingMode::Truncate.round(exact, 4);
    if four == exact {
        plain(exact)
    } else {
        format!("{}…", plain(four))
    }
}
