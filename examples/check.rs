//! Checks a criteria folder for authors: validates `ruleset.toml` (every problem, with its
//! path and line) and runs its `cases/*.toml`; exits non-zero on any problem.
//!
//! ```sh
//! cargo run --example check -- criteria/ca-mau-1880-2013
//! ```
#![expect(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a command-line example"
)]

use std::path::PathBuf;
use std::process::ExitCode;

use par_index::RuleSet;

fn main() -> ExitCode {
    let folders: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if folders.is_empty() {
        eprintln!("usage: cargo run --example check -- criteria/<id> [criteria/<id> ...]");
        return ExitCode::from(2);
    }
    let mut failed = false;
    for folder in &folders {
        failed |= !check(folder);
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn check(folder: &std::path::Path) -> bool {
    let rs = match RuleSet::from_path(folder) {
        Ok(rs) => rs,
        Err(e) => {
            println!("{e}");
            return false;
        }
    };
    let leaves = rs.leaf_codes().count();
    println!(
        "{}: rule set `{}` is valid ({leaves} leaves)",
        folder.display(),
        rs.id()
    );
    let reports = match par_index::criteria::cases::run_folder(&rs, folder) {
        Ok(r) => r,
        Err(e) => {
            println!("{e}");
            return false;
        }
    };
    let mut ok = true;
    for r in &reports {
        let name = r
            .file
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        if r.problems.is_empty() {
            println!("  case {name}: ok");
        } else {
            ok = false;
            println!("  case {name}: FAILED ({})", r.description);
            for p in &r.problems {
                println!("    {p}");
            }
        }
    }
    let passed = reports.iter().filter(|r| r.problems.is_empty()).count();
    println!("  {passed} of {} cases passed", reports.len());
    ok
}
