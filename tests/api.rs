//! The crate root stays small: a reader sees six items and the modules, in the order the
//! crate documentation lists them, and nothing else.

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "test code: a failed unwrap is a failed test"
)]

/// Every name `src/lib.rs` makes public at the root: `pub use` items and `pub mod` modules.
fn root_names() -> Vec<String> {
    let lib = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/lib.rs")).unwrap();
    let mut names = Vec::new();
    for line in lib.lines().map(str::trim) {
        if let Some(m) = line.strip_prefix("pub mod ") {
            names.push(m.trim_end_matches(';').to_string());
        } else if let Some(u) = line.strip_prefix("pub use ") {
            let last = u.trim_end_matches(';').rsplit("::").next().unwrap();
            names.push(last.to_string());
        }
    }
    names.sort();
    names
}

#[test]
fn the_root_exports_fifteen_names_at_most() {
    let names = root_names();
    assert!(names.len() <= 15, "{} root names: {names:?}", names.len());
    assert_eq!(
        names,
        [
            "Decimal",
            "Error",
            "Evidence",
            "RuleSet",
            "Scorecard",
            "analysis",
            "assessment",
            "criteria",
            "evaluate",
            "evidence",
            "prelude",
            "report",
            "schema",
            "scoring",
            "testkit",
        ]
    );
}

/// A program written against the root and the modules compiles and runs: the paths the
/// crate documentation teaches.
#[test]
fn the_documented_paths_work_together() {
    use par_index::assessment::{Appraisal, evaluate_appraised};
    use par_index::report::{Lang, render_scorecard_markdown};
    use par_index::{Evidence, RuleSet, evaluate};

    let rs = RuleSet::builtin("vn-district-2023").unwrap();
    let ev = Evidence::from_path(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/data/duyen-hai-2023-q3.json"
    ))
    .unwrap();
    let card = evaluate(&rs, &ev).unwrap();
    // The Duyên Hải sample: 1.1.2 is 13/16 = 81.25% → band "80% to under 100%" → 0.5 of 1.
    assert_eq!(card.node("1.1.2").unwrap().score.points.to_string(), "0.5");
    let appraised = evaluate_appraised(&rs, &ev, &Appraisal::default()).unwrap();
    assert_eq!(appraised.final_card().total, card.total);
    let md = render_scorecard_markdown(&card, Lang::Vi).unwrap();
    assert!(md.contains("81,25%"), "{md}");
}
