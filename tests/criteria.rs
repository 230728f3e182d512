//! Every bundled criteria set loads and validates clean, and every one of its test cases
//! (`criteria/<id>/cases/*.toml`) scores as computed by hand.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    reason = "test code: a failed unwrap is a failed test"
)]

use std::path::{Path, PathBuf};

use par_index::RuleSet;

fn folders() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("criteria"))
            .expect("criteria/ exists")
            .map(|e| e.unwrap().path())
            .filter(|p| p.join("ruleset.toml").is_file())
            .collect();
    out.sort();
    out
}

#[test]
fn every_bundled_set_validates_and_passes_its_cases() {
    let folders = folders();
    assert!(
        folders.len() >= 4,
        "expected the four bundled sets, found {folders:?}"
    );
    let mut failures = Vec::new();
    for folder in &folders {
        let rs = match RuleSet::from_path(folder) {
            Ok(rs) => rs,
            Err(e) => {
                failures.push(format!("{e}"));
                continue;
            }
        };
        let reports = par_index::cases::run_folder(&rs, folder).unwrap();
        assert!(
            reports.len() >= 5,
            "{}: {} cases, expected at least 5",
            folder.display(),
            reports.len()
        );
        for r in reports {
            for p in r.problems {
                failures.push(format!("{}: {p}", r.file.display()));
            }
        }
        println!("{}: ok", folder.display());
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn builtin_sets_match_their_files() {
    let ids = RuleSet::builtin_ids();
    assert_eq!(ids.len(), folders().len());
    for id in &ids {
        let builtin = RuleSet::builtin(id).unwrap();
        let file = RuleSet::from_path(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("criteria")
                .join(id),
        )
        .unwrap();
        assert_eq!(builtin.def(), file.def(), "{id}");
        assert_eq!(builtin.id(), *id);
    }
    assert!(RuleSet::builtin("no-such-set").is_none());
}
