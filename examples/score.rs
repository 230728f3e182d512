//! Scores evidence under a criteria set and prints the scorecard, then the audit of the
//! reported figures (kiểm tra số liệu) and the top improvements (the gap analysis).
//!
//! ```sh
//! cargo run --example score                      # the Duyên Hải Q3 2023 sample
//! cargo run --example score -- <ruleset.toml|criteria/<id>> <evidence.json> [--json]
//! ```
#![expect(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a command-line example"
)]

use std::process::ExitCode;

use std::fmt::Write as _;

use par_index::{
    Evidence, RuleSet, analysis::audit, analysis::gaps, evaluate, report::render_text,
};

/// How many improvements to print.
const TOP: usize = 10;

const DEFAULT_RULESET: &str = "criteria/vn-district-2023";
const DEFAULT_EVIDENCE: &str = "examples/data/duyen-hai-2023-q3.json";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let json = args.iter().any(|a| a == "--json");
    let files: Vec<&String> = args.iter().filter(|a| *a != "--json").collect();
    let (ruleset, evidence) = match files.as_slice() {
        [] => (DEFAULT_RULESET.to_string(), DEFAULT_EVIDENCE.to_string()),
        [r, e] => ((*r).clone(), (*e).clone()),
        _ => {
            eprintln!(
                "usage: cargo run --example score -- [<ruleset.toml> <evidence.json>] [--json]"
            );
            return ExitCode::from(2);
        }
    };
    match run(&ruleset, &evidence, json) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

fn run(ruleset: &str, evidence: &str, json: bool) -> Result<String, Box<dyn std::error::Error>> {
    let rs = RuleSet::from_path(ruleset)?;
    let text = std::fs::read_to_string(evidence).map_err(|e| format!("{evidence}: {e}"))?;
    let ev = Evidence::from_json_str(&text).map_err(|e| format!("{evidence}: {e}"))?;
    let card = evaluate(&rs, &ev)?;
    if json {
        return Ok(card.to_json_string()? + "\n");
    }
    let mut out = render_text(&card);
    let report = audit(&rs, &ev)?;
    writeln!(
        out,
        "\nAudit of the reported figures: {} checked, {} mismatch(es)",
        report.checked,
        report.findings.len()
    )?;
    for f in &report.findings {
        writeln!(out, "  {f}")?;
    }
    let gap = gaps(&rs, &ev)?;
    let idx =
        |i: Option<par_index::Decimal>| i.map_or_else(|| "-".to_string(), |i| format!("{i}%"));
    writeln!(
        out,
        "\nTop improvements (as of {}; index now {}, attainable {} with {} leaves final, {} open):",
        gap.as_of,
        idx(gap.index),
        idx(gap.attainable.index),
        gap.attainable.final_leaves,
        gap.attainable.open_leaves
    )?;
    if gap.plan.is_empty() {
        writeln!(
            out,
            "  none: every open leaf is at its max or has no computable step"
        )?;
        let missed: Vec<_> = gap
            .leaves
            .iter()
            .filter(|g| g.is_final)
            .filter_map(|g| g.next.as_ref().map(|s| (g, s)))
            .collect();
        if !missed.is_empty() {
            writeln!(out, "  every leaf is final; what the period missed:")?;
        }
        for (g, step) in missed.into_iter().take(TOP) {
            writeln!(out, "  - {} {}: {step}", g.code, g.title)?;
        }
    }
    for (i, step) in gap.plan.iter().take(TOP).enumerate() {
        writeln!(out, "  {}. {step}", i + 1)?;
    }
    Ok(out)
}
