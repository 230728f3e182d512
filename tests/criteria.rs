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
        let reports = par_index::criteria::cases::run_folder(&rs, folder).unwrap();
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
    let reports = par_index::criteria::cases::run_folder(&rs, &dir).unwrap();
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

#[test]
fn the_set_in_force_for_a_level_and_a_year() {
    use par_index::criteria::UnitLevel::{Commune, Department, District, Ministry, Province};
    let id = |level, year| RuleSet::builtin_for(level, year).map(|rs| rs.id().to_string());
    // Provinces: 2948 scored 2017 only; 876 2022–2023; 892 2024; 1187 from 2025 on.
    assert_eq!(id(Province, 2017).unwrap(), "bnv-2948-2017-province");
    assert_eq!(id(Province, 2022).unwrap(), "bnv-876-2022-province");
    assert_eq!(id(Province, 2023).unwrap(), "bnv-876-2022-province");
    assert_eq!(id(Province, 2024).unwrap(), "bnv-892-2024-province");
    assert_eq!(id(Province, 2025).unwrap(), "bnv-1187-2025-province");
    assert_eq!(id(Province, 2026).unwrap(), "bnv-1187-2025-province");
    // Districts until 2024; the level is gone from 1/7/2025.
    assert_eq!(id(District, 2013).unwrap(), "ca-mau-1880-2013");
    assert_eq!(id(District, 2023).unwrap(), "vn-district-2023");
    assert_eq!(id(District, 2024).unwrap(), "vn-district-2023");
    // Two tiers from 2025: departments and communes/wards.
    assert_eq!(id(Commune, 2025).unwrap(), "vn-commune-2025");
    assert_eq!(id(Commune, 2026).unwrap(), "vn-commune-2025");
    assert_eq!(id(Department, 2026).unwrap(), "vn-department-2025");
    // None applies: the answer names every set considered, with its level and years.
    let e = id(District, 2025).unwrap_err();
    assert_eq!((e.level, e.year, e.considered.len()), (District, 2025, 8));
    let text = e.to_string();
    for part in [
        "no bundled set scores level `district` in 2025",
        "`vn-district-2023` (district, 2023–2024)",
        "`bnv-1187-2025-province` (province, 2025–)",
        "`ca-mau-1880-2013` (district, 2013)",
    ] {
        assert!(text.contains(part), "{text}");
    }
    assert!(
        id(Province, 2018).is_err(),
        "no set for 2018–2021 is bundled"
    );
    assert!(id(Commune, 2024).is_err());
    assert!(id(Ministry, 2025).is_err());
    // The district set is marked historical, and still scores its years.
    let d = RuleSet::builtin("vn-district-2023").unwrap();
    assert!(d.def().historical.as_deref().unwrap().contains("01/7/2025"));
}

/// A case's sub-index and status expectations are compared too: a wrong one is named with
/// what was expected and what came out, a right one is not reported.
#[test]
fn a_case_names_a_wrong_sub_index_and_a_wrong_status() {
    let rs = RuleSet::builtin("ca-mau-1880-2013").unwrap();
    // Only 1.1.4 has evidence: 13/16 = 81.25%, in the 70%–90% band: 1 point. Area 1 then
    // holds 1 of its 20 points, every leaf applicable: sub-index 1 ÷ 20 × 100 = 5.
    let case = |index: &str, status: &str| {
        par_index::criteria::cases::Case::from_toml_str(&format!(
            r#"description = "sub-index and status"
[evidence]
unit = {{ name = "Huyện A", level = "district" }}
period = {{ year = 2013 }}
[evidence.evidence."1.1.4"]
numerator = 13
denominator = 16
[expect.sub_index]
"1" = "{index}"
[expect.status]
"1.1.1" = "{status}"
"1.1.4" = "scored"
"#
        ))
        .unwrap()
    };
    assert_eq!(
        case("50", "scored").run(&rs),
        [
            "node `1` index: expected `50`, got `5`",
            "node `1.1.1` status: expected `Scored`, got `MissingEvidence`"
        ]
    );
    let right = case("5", "missing_evidence").run(&rs);
    assert!(right.is_empty(), "{right:?}");
}
