//! Scores evidence under a criteria set and prints the scorecard.
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

use par_index::{Evidence, RuleSet, evaluate, render_text};

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
        Ok(card.to_json_string()? + "\n")
    } else {
        Ok(render_text(&card))
    }
}
