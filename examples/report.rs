//! Scores one unit's evidence with its appraisal and prints the reports.
//!
//! ```sh
//! cargo run --example report                       # the bundled test unit, in Vietnamese
//! cargo run --example report -- --en              # in English
//! cargo run --example report -- <ruleset.toml> <evidence.json> <appraisal.json> [--en] [--csv]
//! ```
#![expect(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a command-line example"
)]

use std::process::ExitCode;

use par_index::{
    Evidence, RuleSet, assessment::Appraisal, assessment::evaluate_appraised, report::Lang,
    report::render_diff_csv, report::render_diff_markdown, report::render_scorecard_csv,
    report::render_scorecard_markdown,
};

const DEFAULT: [&str; 3] = [
    "tests/fixtures/cycle.toml",
    "tests/fixtures/cycle.evidence.json",
    "tests/fixtures/cycle.appraisal.json",
];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let lang = if args.iter().any(|a| a == "--en") {
        Lang::En
    } else {
        Lang::Vi
    };
    let csv = args.iter().any(|a| a == "--csv");
    let files: Vec<&str> = args
        .iter()
        .filter(|a| !a.starts_with("--"))
        .map(String::as_str)
        .collect();
    let files: [&str; 3] = match files.as_slice() {
        [] => DEFAULT,
        [r, e, a] => [r, e, a],
        _ => {
            eprintln!(
                "usage: cargo run --example report -- [<ruleset.toml> <evidence.json> <appraisal.json>] [--en] [--csv]"
            );
            return ExitCode::from(2);
        }
    };
    match run(files, lang, csv) {
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

fn run([r, e, a]: [&str; 3], lang: Lang, csv: bool) -> Result<String, Box<dyn std::error::Error>> {
    let rs = RuleSet::from_path(r)?;
    let read = |f: &str| std::fs::read_to_string(f).map_err(|e| format!("{f}: {e}"));
    let ev = Evidence::from_json_str(&read(e)?).map_err(|x| format!("{e}: {x}"))?;
    let appraisal = Appraisal::from_json_str(&read(a)?).map_err(|x| format!("{a}: {x}"))?;
    let card = evaluate_appraised(&rs, &ev, &appraisal)?;
    Ok(if csv {
        format!(
            "{}\n{}",
            render_scorecard_csv(&card, lang)?,
            render_diff_csv(&card, lang)
        )
    } else {
        format!(
            "{}\n{}",
            render_scorecard_markdown(&card, lang)?,
            render_diff_markdown(&card, lang)
        )
    })
}
