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
    assert!(RuleSet::builtin("no-such-set").is_err());
}

#[test]
fn a_failing_case_names_the_node_expected_against_actual() {
    let dir = std::env::temp_dir().join(format!("par-index-case-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("cases")).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("criteria/ca-mau-1880-2013/ruleset.toml"),
        dir.join("ruleset.toml"),
    )
    .unwrap();
    // 1.1.4: 13/16 = 81.25% is in the 70%–90% band: 1 point, not 2.
    std::fs::write(
        dir.join("cases/wrong.toml"),
        r#"description = "deliberately wrong"
[evidence]
unit = { name = "Huyện A", level = "district" }
period = { year = 2013 }
[evidence.evidence."1.1.4"]
numerator = 13
denominator = 16
[expect]
total = "2"
[expect.points]
"1.1.4" = "2"
"#,
    )
    .unwrap();
    let rs = RuleSet::from_path(&dir).unwrap();
    let reports = par_index::cases::run_folder(&rs, &dir).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(reports.len(), 1);
    assert_eq!(
        reports[0].problems,
        [
            "total: expected `2`, got `1`",
            "node `1.1.4` points: expected `2`, got `1`"
        ]
    );
}
