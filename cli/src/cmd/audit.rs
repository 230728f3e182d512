//! `audit`: recomputes the figures a unit reported; exit 3 on a mismatch.

use par_index::analysis::audit;

use crate::args::{LangArg, SetArg};
use crate::fail::Failure;
use crate::input;
use crate::outcome::Outcome;

/// Audits the evidence's reported figures.
pub(crate) fn run(set: &SetArg, evidence: &str, lang: LangArg) -> Result<Outcome, Failure> {
    let ev = input::evidence(evidence)?;
    let rs = input::ruleset(set, Some(&ev))?;
    let report = audit(&rs, &ev).map_err(|e| Failure::from(e).in_file(evidence))?;
    let mut text = match lang {
        LangArg::Vi => format!(
            "Kiểm tra số liệu: {} số liệu đã kiểm tra, {} sai lệch\n",
            report.checked,
            report.findings.len()
        ),
        LangArg::En => format!(
            "Audit of the reported figures: {} checked, {} mismatch(es)\n",
            report.checked,
            report.findings.len()
        ),
    };
    for f in &report.findings {
        text.push_str(&format!("  {f}\n"));
    }
    let failed = !report.findings.is_empty();
    Ok(Outcome::of(text, &report)?.failed_if(failed))
}
