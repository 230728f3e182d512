//! The Duyên Hải Q3 2023 sample (examples/data), transcribed from report 463/BC-UBND: it scores
//! under the bundled district set as a provisional result, and its figures reproduce the
//! report's own percentages, except where the report itself is wrong.

#![allow(
    clippy::unwrap_used,
    reason = "test code: a failed unwrap is a failed test"
)]

use par_index::{Evidence, RuleSet, analysis::audit, evaluate};

fn sample() -> (RuleSet, Evidence) {
    let rs = RuleSet::builtin("vn-district-2023").unwrap();
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/data/duyen-hai-2023-q3.json"
    ))
    .unwrap();
    (rs, Evidence::from_json_str(&text).unwrap())
}

#[test]
fn the_sample_scores_provisionally_with_its_unverified_share() {
    let (rs, ev) = sample();
    let card = evaluate(&rs, &ev).unwrap();
    assert!(card.provisional);
    // Every leaf of the reconstructed set is unverified.
    assert_eq!(card.provenance.unverified_leaves, card.provenance.leaves);
    // 13/16 = 81.25% falls in the 80%-to-under-100% band of 1.1.2 (0.5 of 1);
    // 30/36 = 83.33% is proportional in 1.1.3: 30/36 × 2 = 1.666… → 1.67.
    let pts = |c: &str| card.node(c).unwrap().score.points.normalize().to_string();
    assert_eq!(pts("1.1.2"), "0.5");
    assert_eq!(pts("1.1.3"), "1.67");
    // 4723/4733 = 99.79% resolved early or on time.
    let why = card
        .node("3.3")
        .unwrap()
        .leaf
        .as_ref()
        .unwrap()
        .explanation
        .to_string();
    assert!(why.starts_with("4723/4733 = 99.79% → band"), "{why}");
}

#[test]
fn the_report_percentages_are_reproduced_and_its_slips_found() {
    let (rs, ev) = sample();
    let report = audit(&rs, &ev).unwrap();
    let lines: Vec<String> = report.findings.iter().map(ToString::to_string).collect();
    // Reproduced, no finding: 13/16 = 81,25%; 30/36 = 83,33%; 7/19 = 36,84%; 3800/4857 = 78,24%;
    // 3072/4733 = 64,9%; 1651/4733 = 34,9%; 10/4733 = 0,2%; 38.072/132.928 = 28,64%;
    // 13.181/66.929 = 19,69%; 24.890/65.999 = 37,71%; 1845/1845 = 100%.
    // Web articles 15 + 3 + 19 + 2 + 2 + 8 + 2 + 4 + 8 = 63, as stated.
    // Wrong in the report: 4337/4857 = 89.2938…% is printed 89,92% (twice); the disbursed parts
    // 13.181 + 24.890 = 38.071 (million) against the stated 38.072; the web documents
    // 7 + 1 + 21 + 38 + 1 + 1 + 2 + 8 = 79 against the stated 77.
    assert_eq!(lines.len(), 4, "{lines:#?}");
    assert!(
        lines[0].starts_with(
            "evidence[\"7.2\"].reported.percent: reported `89,92%`, computed `89,29%`"
        ),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].contains("reported `89,92%`, computed `89,29%`"),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].contains("reported `38.072.000.000 đồng`, computed `38.071.000.000`"),
        "{}",
        lines[2]
    );
    assert!(report.checked >= 30, "{} checked", report.checked);
}

/// The README's ward example: the 2025 commune template, chosen as the set in force.
#[test]
fn a_ward_scores_under_the_2025_commune_template() {
    let rs = RuleSet::builtin_for(par_index::criteria::UnitLevel::Commune, 2025).unwrap();
    assert_eq!(rs.id(), "vn-commune-2025");
    let ev = Evidence::from_json_str(include_str!("../examples/data/ward-2025.json")).unwrap();
    let card = par_index::evaluate(&rs, &ev).unwrap();
    // Worked out in criteria/vn-commune-2025/cases/01-self-assessment-2025.toml:
    // 80.02 points of 100 − 4 (7.2 left out) = 96 → 83.3541… → 83.35% → Khá.
    assert_eq!(card.total.points.to_string(), "80.02");
    assert_eq!(card.total.applicable_max.normalize().to_string(), "96");
    assert_eq!(card.total.index.unwrap().to_string(), "83.35");
    assert_eq!(card.classification.as_ref().unwrap().label, "Khá");
    // 1.5: 3 × 0.5 = 1.5, at most 1; 3.3: 1 − 5 × 0.25 = −0.25, the floor.
    let why = |c: &str| {
        card.node(c)
            .unwrap()
            .leaf
            .as_ref()
            .unwrap()
            .explanation
            .to_string()
    };
    assert_eq!(why("1.5"), "3 sáng kiến × 0.5 = 1.5, at most 1 → 1 of 1");
    assert_eq!(
        why("2.1"),
        "no case arose in the period: full points → 3 of 3"
    );
    assert_eq!(why("3.3"), "5 late files × 0.25 off the max → -0.25 of 1");
}
