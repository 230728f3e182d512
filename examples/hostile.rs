//! Reads one input the way a portal would and prints how it was refused and how long that
//! took; run under `/usr/bin/time -v` to see the peak memory of a refusal (DESIGN.md, "Limits
//! cover evidence too").
//!
//! `cargo run --example hostile -- <evidence|ruleset|batch|appraisal|scenario> <file>`
#![expect(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a command-line example"
)]

use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(kind), Some(file)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: hostile <evidence|ruleset|batch|appraisal|scenario> <file>");
        std::process::exit(2);
    };
    let start = Instant::now();
    let outcome = read(kind, file);
    println!("{kind} {file}: {outcome} ({:?})", start.elapsed());
}

/// The reader's verdict: `accepted` or the error (its first 200 characters).
fn read(kind: &str, file: &str) -> String {
    let text = || std::fs::read_to_string(file).unwrap_or_default();
    let verdict = match kind {
        "evidence" => par_index::Evidence::from_path(file)
            .map(|_| ())
            .map_err(|e| e.to_string()),
        "ruleset" => par_index::RuleSet::from_path(file)
            .map(|_| ())
            .map_err(|e| e.to_string()),
        "batch" => par_index::assessment::Batch::from_json_str(&text())
            .map(|_| ())
            .map_err(|e| e.to_string()),
        "appraisal" => par_index::assessment::Appraisal::from_json_str(&text())
            .map(|_| ())
            .map_err(|e| e.to_string()),
        "scenario" => par_index::analysis::Scenario::from_json_str(&text())
            .map(|_| ())
            .map_err(|e| e.to_string()),
        _ => Err(format!("unknown kind `{kind}`")),
    };
    match verdict {
        Ok(()) => "accepted".to_string(),
        Err(e) => e.chars().take(200).collect(),
    }
}
