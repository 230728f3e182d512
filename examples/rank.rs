//! Scores and ranks a batch of units, one JSON file per unit (evidence with an optional
//! `appraisal`), and prints the ranking and the summaries.
//!
//! ```sh
//! cargo run --example rank                                   # 8 synthetic districts, Vietnamese
//! cargo run --example rank -- --en                           # in English
//! cargo run --example rank -- <ruleset.toml> <folder> [--en] [--csv]
//! ```
//!
//! The bundled districts are synthetic (names of Trà Vinh's districts, invented figures), scored
//! under the test set `tests/fixtures/cycle.toml`, whose rules are all unverified.
#![expect(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a command-line example"
)]

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use par_index::{
    RuleSet, assessment::Batch, assessment::BatchEntry, assessment::score_batch, report::Lang,
    report::render_ranking_csv, report::render_ranking_markdown,
};

const DEFAULT_RULESET: &str = "tests/fixtures/cycle.toml";
const DEFAULT_FOLDER: &str = "examples/data/batch";

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
    let (ruleset, folder) = match files.as_slice() {
        [] => (DEFAULT_RULESET, DEFAULT_FOLDER),
        [r, f] => (*r, *f),
        _ => {
            eprintln!(
                "usage: cargo run --example rank -- [<ruleset.toml> <folder>] [--en] [--csv]"
            );
            return ExitCode::from(2);
        }
    };
    match run(ruleset, Path::new(folder), lang, csv) {
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

fn run(
    ruleset: &str,
    folder: &Path,
    lang: Lang,
    csv: bool,
) -> Result<String, Box<dyn std::error::Error>> {
    let rs = RuleSet::from_path(ruleset)?;
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .map_err(|e| format!("{}: {e}", folder.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut batch = Batch::default();
    for file in &files {
        let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        let entry =
            BatchEntry::from_json_str(&text).map_err(|e| format!("{}: {e}", file.display()))?;
        batch.units.push(entry);
    }
    let result = score_batch(&rs, &batch).map_err(|e| {
        // units[i] in a message is the i-th file in name order
        let names: Vec<String> = files
            .iter()
            .enumerate()
            .map(|(i, f)| format!("  units[{i}] = {}", f.display()))
            .collect();
        format!("{e}\n{}", names.join("\n"))
    })?;
    Ok(if csv {
        render_ranking_csv(&result, lang)
    } else {
        render_ranking_markdown(&result, lang)
    })
}
