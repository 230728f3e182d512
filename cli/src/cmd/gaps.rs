//! `gaps`: where the missing points are, and the plan that gains them.

use par_index::{Decimal, analysis::gaps, report::format_percent};

use crate::args::{LangArg, SetArg};
use crate::fail::Failure;
use crate::input;
use crate::outcome::Outcome;

/// Finds the gaps of the evidence and prints the top of the plan.
pub(crate) fn run(
    set: &SetArg,
    evidence: &str,
    top: usize,
    lang: LangArg,
) -> Result<Outcome, Failure> {
    let ev = input::evidence(evidence)?;
    let rs = input::ruleset(set, Some(&ev))?;
    let report = gaps(&rs, &ev).map_err(|e| Failure::from(e).in_file(evidence))?;
    let pct =
        |i: Option<Decimal>| i.map_or_else(|| "-".to_string(), |i| format_percent(i, lang.lang()));
    let mut text = match lang {
        LangArg::Vi => format!(
            "Tính đến {}: chỉ số {}, có thể đạt tối đa {} ({} tiêu chí đã chốt, {} còn mở)\n",
            report.as_of,
            pct(report.index),
            pct(report.attainable.index),
            report.attainable.final_leaves,
            report.attainable.open_leaves
        ),
        LangArg::En => format!(
            "As of {}: index {}, attainable {} ({} leaves final, {} open)\n",
            report.as_of,
            pct(report.index),
            pct(report.attainable.index),
            report.attainable.final_leaves,
            report.attainable.open_leaves
        ),
    };
    for (i, step) in report.plan.iter().take(top).enumerate() {
        text.push_str(&format!("  {}. {step}\n", i + 1));
    }
    Outcome::of(text, &report)
}
