//! End-to-end tests of the core engine: a rule set exercising every kind scores a sample to
//! hand-checked totals; every validation problem is reported with its path, line and message;
//! malformed input gives errors, never panics.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed unwrap is a failed test"
)]

use par_index::{
    Evidence, RuleSet, criteria::IssueCode, criteria::LoadError, evaluate,
    evidence::EvidenceIssueCode, scoring::NodeStatus,
};

const ALL_KINDS: &str = include_str!("fixtures/all-kinds.toml");
const ALL_KINDS_EVIDENCE: &str = include_str!("fixtures/all-kinds.evidence.json");

fn d(s: &str) -> par_index::Decimal {
    s.parse().unwrap()
}

fn points(card: &par_index::Scorecard, code: &str) -> String {
    card.node(code)
        .unwrap()
        .score
        .points
        .normalize()
        .to_string()
}

#[test]
fn every_rule_kind_scores_to_hand_checked_totals() {
    let rs = RuleSet::from_toml_str(ALL_KINDS).unwrap();
    let ev = Evidence::from_json_str(ALL_KINDS_EVIDENCE).unwrap();
    let card = evaluate(&rs, &ev).unwrap();
    // Leaves, by hand:
    let expected = [
        ("1.1.1", "0.5"),  // levels: late → 0.5
        ("1.1.2", "0"),    // check: identified but not funded → 0
        ("1.1.3", "1"),    // check: met → 1
        ("1.1.4", "1"),    // 30/36 = 83.33% → band 70% to 90% → 1
        ("1.2.1", "0.87"), // 13 done of 15 counted (not_yet_due left out) = 86.67% → 13/15 × 1 = 0.8667 → 0.87
        ("1.2.2", "3"),    // 3 meetings → 3
        ("2.1", "3.48"),   // 3800/4857 = 78.24% ÷ 90% × 4 = 152000/43713 = 3.4772 → 3.48
        ("2.2", "1.63"),   // 13/16 × 2 = 1.625 → half-up 1.63 (half-even would give 1.62)
        ("2.3", "0.5"),    // 2 − 3 × 0.5 = 0.5
        ("2.4", "1.25"),   // given
        ("2.5", "1.8"),    // (10×100 + 20×60 + 10×20) / 40 = 60% of 3 = 1.8
        ("2.6", "3"),      // 110% ≥ 100% (allow_over) → 3
        ("2.7", "4"),      // not applicable, full_points policy → 4
    ];
    for (code, want) in expected {
        assert_eq!(points(&card, code), want, "leaf {code}");
    }
    // Parents add rounded leaves exactly.
    assert_eq!(points(&card, "1.1"), "2.5"); // 0.5 + 0 + 1 + 1
    assert_eq!(points(&card, "1.2"), "3.87"); // 0.87 + 3
    assert_eq!(points(&card, "1"), "6.37");
    assert_eq!(points(&card, "2"), "15.66"); // 3.48 + 1.63 + 0.5 + 1.25 + 1.8 + 3 + 4
    // Sub-indexes: 6.37/10 = 63.70%; 15.66/20 = 78.30%.
    assert_eq!(card.node("1").unwrap().score.index, Some(d("63.70")));
    assert_eq!(card.node("2").unwrap().score.index, Some(d("78.30")));
    // Total 22.03 / 30 = 73.4333% → 73.43 → class C (70 to under 80).
    assert_eq!(card.total.points, d("22.03"));
    assert_eq!(card.total.index, Some(d("73.43")));
    assert_eq!(card.classification.as_ref().unwrap().label, "C");
    // Parts: survey 1.8 of 3; appraised 22.03 − 1.8 = 20.23 of 27 = 74.93%.
    let survey = card
        .parts
        .iter()
        .find(|p| p.part == par_index::criteria::Part::Survey)
        .unwrap();
    assert_eq!((survey.score.points, survey.score.max), (d("1.8"), d("3")));
    let appraised = card
        .parts
        .iter()
        .find(|p| p.part == par_index::criteria::Part::Appraised)
        .unwrap();
    assert_eq!(
        (appraised.score.points, appraised.score.index),
        (d("20.23"), Some(d("74.93")))
    );
    // Every leaf is unverified: 13 leaves, 30 points of the maximum, 22.03 scored.
    assert_eq!(card.provenance.unverified_leaves, 13);
    assert_eq!(card.provenance.unverified_max, d("30"));
    assert_eq!(card.provenance.unverified_points, d("22.03"));
    assert!(!card.provisional);
    // The not-applicable leaf is a finding.
    assert_eq!(card.findings.len(), 1);
    assert_eq!(
        card.findings[0].to_string(),
        "evidence[\"2.7\"]: not applicable (không phát hiện vi phạm qua kiểm tra): scored full points, 4 of 4"
    );
}

#[test]
fn explanations_show_the_working() {
    let rs = RuleSet::from_toml_str(ALL_KINDS).unwrap();
    let card = evaluate(&rs, &Evidence::from_json_str(ALL_KINDS_EVIDENCE).unwrap()).unwrap();
    let why = |code: &str| {
        card.node(code)
            .unwrap()
            .leaf
            .as_ref()
            .unwrap()
            .explanation
            .to_string()
    };
    assert_eq!(why("1.1.1"), "`late` (Ban hành không kịp thời) → 0.5 of 1");
    assert_eq!(
        why("1.1.2"),
        "not met: Có bố trí kinh phí (`funded`) → 0 of 1"
    );
    assert_eq!(why("1.1.4"), "30/36 = 83.33% → band 70% to 90% → 1 of 2");
    assert_eq!(
        why("1.2.1"),
        "13/15 tasks done (1 not counted) = 86.67% → band 80% to under 100%, share × max → 0.87 of 1"
    );
    assert_eq!(why("1.2.2"), "3 meetings → band exactly 3 → 3 of 4");
    assert_eq!(
        why("2.1"),
        "3800/4857 = 78.24% ÷ target 90% = 86.93% → 3.48 of 4"
    );
    assert_eq!(why("2.2"), "13/16 = 81.25%, share × max → 1.63 of 2");
    assert_eq!(why("2.3"), "3 cases × 0.5 off the max → 0.5 of 2");
    assert_eq!(why("2.4"), "points given directly → 1.25 of 2");
    assert_eq!(
        why("2.5"),
        "40 answers (A 10, B 20, C 10) → weighted 60% of the max → 1.8 of 3"
    );
    assert_eq!(
        why("2.6"),
        "110000000000/100000000000 = 110% → band 100% or more → 3 of 3"
    );
    assert_eq!(
        why("2.7"),
        "not applicable (không phát hiện vi phạm qua kiểm tra) → full points, 4 of 4"
    );
}

#[test]
fn missing_evidence_scores_zero_and_not_applicable_leaves_the_maximum() {
    let rs = RuleSet::from_toml_str(ALL_KINDS).unwrap();
    let mut ev = Evidence::from_json_str(ALL_KINDS_EVIDENCE).unwrap();
    ev.evidence.remove("2.4"); // missing: 0, max stays
    ev.evidence.insert(
        "1.1.3".into(),
        par_index::evidence::LeafEvidence {
            not_applicable: Some("no such plan this year".into()),
            ..Default::default()
        },
    );
    ev.period.quarter = Some(3);
    let card = evaluate(&rs, &ev).unwrap();
    // 1.1.3 leaves the max of area 1: 6.37 − 1 = 5.37 of 9 → 59.67%
    let area1 = card.node("1").unwrap();
    assert_eq!(
        (
            area1.score.points,
            area1.score.applicable_max,
            area1.score.index
        ),
        (d("5.37"), d("9"), Some(d("59.67")))
    );
    assert_eq!(
        card.node("1.1.3").unwrap().status,
        NodeStatus::NotApplicable
    );
    assert_eq!(card.node("1.1.3").unwrap().score.index, None);
    // A parent with scored leaves and a not-applicable one, none missing, is scored.
    assert_eq!(card.node("1.1").unwrap().status, NodeStatus::Scored);
    assert_eq!(area1.status, NodeStatus::Scored);
    // 2.4 scores 0 with its max kept: 15.66 − 1.25 = 14.41 of 20 → 72.05%
    let area2 = card.node("2").unwrap();
    assert_eq!(
        (area2.score.points, area2.score.index),
        (d("14.41"), Some(d("72.05")))
    );
    assert_eq!(area2.status, NodeStatus::MissingEvidence);
    // Total 19.78 of 29 applicable → 68.2068...% → 68.21 → class D
    assert_eq!(
        (
            card.total.points,
            card.total.applicable_max,
            card.total.index
        ),
        (d("19.78"), d("29"), Some(d("68.21")))
    );
    assert_eq!(card.classification.as_ref().unwrap().label, "D");
    assert!(card.provisional);
    let findings: Vec<String> = card.findings.iter().map(ToString::to_string).collect();
    assert_eq!(
        findings,
        [
            "evidence[\"1.1.3\"]: not applicable (no such plan this year): its 1 points leave the maximum",
            "evidence[\"2.4\"]: no evidence: scored 0 of 2",
            "evidence[\"2.7\"]: not applicable (không phát hiện vi phạm qua kiểm tra): scored full points, 4 of 4",
        ]
    );
}

#[test]
fn empty_evidence_scores_zero_everywhere_and_reports_every_leaf() {
    let rs = RuleSet::from_toml_str(ALL_KINDS).unwrap();
    let ev = Evidence::from_json_str(
        r#"{"unit":{"name":"X","level":"district"},"period":{"year":2024},"evidence":{}}"#,
    )
    .unwrap();
    let card = evaluate(&rs, &ev).unwrap();
    assert_eq!(card.total.points, d("0"));
    assert_eq!(card.total.index, Some(d("0.00")));
    assert_eq!(card.findings.len(), 13);
    assert!(
        card.findings
            .iter()
            .all(|f| f.kind == par_index::scoring::FindingKind::MissingEvidence)
    );
}

#[test]
fn scorecard_json_has_stable_field_names_and_string_decimals() {
    let rs = RuleSet::from_toml_str(ALL_KINDS).unwrap();
    let card = evaluate(&rs, &Evidence::from_json_str(ALL_KINDS_EVIDENCE).unwrap()).unwrap();
    let v: serde_json::Value = serde_json::from_str(&card.to_json_string().unwrap()).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "classification",
            "engine",
            "evidence_sha256",
            "findings",
            "nodes",
            "parts",
            "period",
            "provenance",
            "provisional",
            "ruleset",
            "total",
            "unit"
        ]
    );
    assert_eq!(v["total"]["points"], "22.03");
    assert_eq!(v["total"]["index"], "73.43");
    let leaf = v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["code"] == "1.1.4")
        .unwrap();
    assert_eq!(leaf["score"]["max"], "2");
    assert_eq!(leaf["status"], "scored");
    assert_eq!(leaf["leaf"]["rule"], "ratio_bands");
    assert_eq!(
        leaf["leaf"]["explanation"],
        "30/36 = 83.33% → band 70% to 90% → 1 of 2"
    );
    assert_eq!(leaf["parent"], "1.1");
}

// ---------------------------------------------------------------------------------------------
// Evidence problems

fn eval_err(json: &str) -> Vec<String> {
    let rs = RuleSet::from_toml_str(ALL_KINDS).unwrap();
    let ev = Evidence::from_json_str(json).unwrap();
    evaluate(&rs, &ev)
        .unwrap_err()
        .issues()
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn evidence_problems_are_all_reported_with_paths() {
    let issues = eval_err(
        r#"{"unit":{"name":"X","level":"commune"},"period":{"year":2022,"quarter":5},"ruleset":"other",
            "evidence":{"9.9":{"met":true},"1.1":{"met":true},"1.1.4":{"numerator":17,"denominator":16},
                        "1.2.2":{"count":-1},"1.1.1":{"level":"early"},"2.4":{"points":"3"},
                        "2.2":{"level":"x"},"1.1.3":{"met":true,"not_applicable":"n/a"}}}"#,
    );
    assert_eq!(
        issues,
        [
            "unit.level: the unit is at level `commune`, but `all-kinds` scores level `district`",
            "period.year: year `2022` is outside the years `all-kinds` applies to (2023 to 2025)",
            "period.quarter: quarter `5`: expected 1 to 4",
            "ruleset: the evidence was prepared for `other`, not for `all-kinds`",
            "evidence[\"1.1\"]: `1.1` is scored as the sum of its sub-criteria: give evidence for them instead",
            "evidence[\"9.9\"]: `all-kinds` has no criterion `9.9`",
            "evidence[\"1.1.1\"].level: unknown level `early`: expected one of `on_time`, `late`, `none`",
            "evidence[\"1.1.3\"].not_applicable: a leaf marked not applicable takes no other value",
            "evidence[\"1.1.4\"].numerator: numerator `17` is above the denominator `16`",
            "evidence[\"1.2.2\"].count: `-1` is negative: a count is 0 or more",
            "evidence[\"2.2\"].level: `level` does not fit a `proportional` leaf, which takes `numerator` and `denominator`, `tasks`, `percent`, or `no_cases`",
            "evidence[\"2.4\"].points: points `3` are outside [0, 2]",
        ]
    );
}

#[test]
fn evidence_issue_codes_are_typed() {
    let rs = RuleSet::from_toml_str(ALL_KINDS).unwrap();
    let ev = Evidence::from_json_str(r#"{"unit":{"name":"X","level":"district"},"period":{"year":2023},"evidence":{"2.2":{"numerator":1}}}"#).unwrap();
    let err = evaluate(&rs, &ev).unwrap_err();
    assert_eq!(err.issues()[0].code, EvidenceIssueCode::WrongShape);
    assert_eq!(
        err.issues()[0].to_string(),
        "evidence[\"2.2\"]: `denominator` is missing: a share needs both `numerator` and `denominator`"
    );
}

#[test]
fn malformed_evidence_json_gives_paths_not_panics() {
    let e = Evidence::from_json_str(r#"{"unit":{"name":"X","level":"district"},"period":{"year":2023},"evidence":{"1.1.4":{"numerator":0.5}}}"#).unwrap_err();
    assert_eq!(
        e.to_string(),
        "evidence[\"1.1.4\"].numerator (line 1, column 99): `0.5` is written as a float: write decimals as strings, e.g. \"0.5\""
    );
    let e = Evidence::from_json_str(r#"{"unit":{"name":"X","level":"district"},"period":{"year":2023},"evidence":{"1.1.4":{"numeratr":1}}}"#).unwrap_err();
    assert!(
        e.to_string().starts_with(
            "evidence[\"1.1.4\"].numeratr (line 1, column 94): unknown field `numeratr`"
        ),
        "{e}"
    );
    let e = Evidence::from_json_str(
        r#"{"unit":{"name":"X","level":"province"},"period":{"year":2023}} trailing"#,
    )
    .unwrap_err();
    assert!(e.to_string().contains("trailing text"), "{e}");
    // Every truncation of a valid file is an error, never a panic.
    for end in 0..ALL_KINDS_EVIDENCE.len() {
        if let Some(prefix) = ALL_KINDS_EVIDENCE
            .get(..end)
            .filter(|p| p.trim_end() != ALL_KINDS_EVIDENCE.trim_end())
        {
            assert!(
                Evidence::from_json_str(prefix).is_err(),
                "prefix of {end} bytes parsed"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Rule-set problems: every check has a test asserting its path, line and message.

fn invalid(text: &str) -> Vec<String> {
    match RuleSet::from_toml_str(text) {
        Err(LoadError::Invalid { issues, .. }) => issues.iter().map(ToString::to_string).collect(),
        Err(other) => vec![format!("other error: {other}")],
        Ok(_) => vec!["valid".into()],
    }
}

const HEAD: &str = r#"id = "t"
title = "T"
level = "district"
years = { from = 2023 }
document = { number = "1/QĐ" }
"#;

fn with_head(scale: &str, rest: &str) -> String {
    format!("{HEAD}scale = \"{scale}\"\n{rest}")
}

#[test]
fn duplicate_codes() {
    let t = with_head(
        "2",
        r#"
[[areas]]
code = "1"
title = "A"
max = "1"
provenance = { document = "1/QĐ", verified = false }
rule = { kind = "manual" }
[[areas]]
code = "1"
title = "B"
max = "1"
provenance = { document = "1/QĐ", verified = false }
rule = { kind = "manual" }
"#,
    );
    assert_eq!(
        invalid(&t),
        ["areas[1].code (line 15): duplicate code `1`: also used at areas[0]"]
    );
}

#[test]
fn child_maxima_that_do_not_add_up() {
    let t = with_head(
        "5",
        r#"
[[areas]]
code = "1"
title = "A"
max = "5"
provenance = { document = "1/QĐ", verified = false }
[[areas.criteria]]
code = "1.1"
title = "x"
max = "1"
rule = { kind = "manual" }
[[areas.criteria]]
code = "1.2"
title = "y"
max = "3"
rule = { kind = "manual" }
"#,
    );
    assert_eq!(
        invalid(&t),
        [
            "areas[0].max (line 11): max `5` of `1` differs from the sum of its sub-criteria's maxima `4`"
        ]
    );
}

fn one_leaf(rule: &str) -> String {
    with_head(
        "2",
        &format!(
            "\n[[areas]]\ncode = \"1\"\ntitle = \"A\"\nmax = \"2\"\nprovenance = {{ document = \"1/QĐ\", verified = false }}\n[areas.rule]\n{rule}\n"
        ),
    )
}

#[test]
fn bands_with_gaps_overlaps_and_wrong_order() {
    let gap = one_leaf(
        "kind = \"ratio_bands\"\nbands = [{ at_least = \"90\", points = \"2\" }, { at_least = \"70\", below = \"80\", points = \"1\" }, { points = \"0\" }]",
    );
    assert_eq!(
        invalid(&gap),
        [
            "areas[0].rule.bands[1] (line 15): gap with band 0: this band's `below = 80%` does not meet its `at_least = 90%`"
        ]
    );
    let overlap = one_leaf(
        "kind = \"ratio_bands\"\nbands = [{ at_least = \"90\", points = \"2\" }, { at_least = \"70\", at_most = \"90\", points = \"1\" }, { points = \"0\" }]",
    );
    assert_eq!(
        invalid(&overlap),
        [
            "areas[0].rule.bands[1] (line 15): overlap with band 0: this band's `at_most = 90%` does not meet its `at_least = 90%`"
        ]
    );
    let order = one_leaf(
        "kind = \"ratio_bands\"\nbands = [{ at_least = \"70\", points = \"1\" }, { at_least = \"90\", points = \"2\" }, { points = \"0\" }]",
    );
    assert_eq!(
        invalid(&order),
        [
            "areas[0].rule.bands[1] (line 15): bands must be listed best first, with falling lower edges: band 1 starts at `at_least = 90%` but band 0 starts at `at_least = 70%`"
        ]
    );
}

#[test]
fn band_points_above_the_max_and_negative_numbers() {
    let above = one_leaf(
        "kind = \"ratio_bands\"\nbands = [{ at_least = \"90\", points = \"3\" }, { points = \"0\" }]",
    );
    assert_eq!(
        invalid(&above),
        ["areas[0].rule.bands[0].points (line 15): points `3` are above the leaf's max `2`"]
    );
    let negative = one_leaf("kind = \"count_bands\"\nbands = [{ at_least = -1, points = \"1\" }]");
    assert_eq!(
        invalid(&negative),
        ["areas[0].rule.bands[0].at_least (line 15): `-1` is negative: expected 0 or more"]
    );
    let t = with_head(
        "2",
        "\n[[areas]]\ncode = \"1\"\ntitle = \"A\"\nmax = \"-2\"\nprovenance = { document = \"1/QĐ\", verified = false }\nrule = { kind = \"manual\" }\n",
    );
    assert_eq!(
        invalid(&t),
        [
            "scale (line 6): the areas add up to `-2`, not to the scale `2`",
            "areas[0].max (line 11): `-2` is negative: expected 0 or more"
        ]
    );
}

#[test]
fn parts_that_do_not_add_up_to_the_scale() {
    let t = with_head(
        "2",
        "parts = { appraised = \"1.5\", survey = \"1\" }\n[[areas]]\ncode = \"1\"\ntitle = \"A\"\nmax = \"2\"\nprovenance = { document = \"1/QĐ\", verified = false }\nrule = { kind = \"manual\" }\n",
    );
    assert_eq!(
        invalid(&t),
        [
            "parts (line 7): the parts add up to `2.5`, not to the scale `2`",
            "parts.appraised (line 7): the appraised part is `1.5`, but its leaves add up to `2`",
            "parts.survey (line 7): the survey part is `1`, but its leaves add up to `0`",
        ]
    );
}

#[test]
fn a_refused_leaf_rule_is_not_reported_again_as_a_parts_mismatch() {
    // parts 1 + 1 = scale 2; leaf 1 (appraised, max 1) is fine, leaf 2 (survey, max 1) has a
    // band worth 3 > its max: only that is reported, not "the survey part is `1`, but its
    // leaves add up to `0`", which would only follow from the leaf being left out.
    let t = with_head(
        "2",
        "parts = { appraised = \"1\", survey = \"1\" }\n[[areas]]\ncode = \"1\"\ntitle = \"A\"\nmax = \"1\"\nprovenance = { document = \"1/QĐ\", verified = false }\nrule = { kind = \"manual\" }\n[[areas]]\ncode = \"2\"\ntitle = \"B\"\nmax = \"1\"\nprovenance = { document = \"1/QĐ\", verified = false }\nrule = { kind = \"count_bands\", bands = [{ at_least = 1, points = \"3\" }, { points = \"0\" }] }\npart = \"survey\"\n",
    );
    let issues = invalid(&t);
    assert_eq!(issues.len(), 1, "{issues:?}");
    assert!(
        issues[0].starts_with("areas[1].rule.bands[0].points")
            && issues[0].contains("above the leaf's max `1`"),
        "{issues:?}"
    );
    // The same when leaf 2 is left out for having no provenance.
    let t = t.replacen(
        "provenance = { document = \"1/QĐ\", verified = false }\nrule = { kind = \"count_bands\", bands = [{ at_least = 1, points = \"3\" }, { points = \"0\" }] }",
        "rule = { kind = \"manual\" }",
        1,
    );
    let issues = invalid(&t);
    assert_eq!(issues.len(), 1, "{issues:?}");
    assert!(
        issues[0].contains("leaf `2` has no provenance"),
        "{issues:?}"
    );
}

#[test]
fn classification_bands_with_gaps_and_wrong_order() {
    let rest = "\n[[areas]]\ncode = \"1\"\ntitle = \"A\"\nmax = \"2\"\nprovenance = { document = \"1/QĐ\", verified = false }\nrule = { kind = \"manual\" }\n";
    let gap = with_head(
        "2",
        &format!(
            "classification = [{{ label = \"A\", at_least = \"90\" }}, {{ label = \"B\", at_least = \"80\", below = \"89\" }}]{rest}"
        ),
    );
    assert_eq!(
        invalid(&gap),
        ["classification[1].below (line 7): gap: `B` ends below `89` but `A` starts at `90`"]
    );
    let order = with_head(
        "2",
        &format!(
            "classification = [{{ label = \"B\", at_least = \"80\" }}, {{ label = \"A\", at_least = \"90\" }}]{rest}"
        ),
    );
    assert_eq!(
        invalid(&order),
        [
            "classification[1].at_least (line 7): classes must be listed best first: `A` starts at `90`, not below `80` of `B`"
        ]
    );
    let overlap = with_head(
        "2",
        &format!(
            "classification = [{{ label = \"A\", at_least = \"90\" }}, {{ label = \"B\", at_least = \"80\", below = \"95\" }}]{rest}"
        ),
    );
    assert_eq!(
        invalid(&overlap),
        ["classification[1].below (line 7): overlap: `B` ends below `95` but `A` starts at `90`"]
    );
}

#[test]
fn unknown_fields_and_floats_are_collected_with_everything_else() {
    let t = with_head(
        "2",
        "colour = \"red\"\n[[areas]]\ncode = \"1\"\ntitle = \"A\"\nmax = 1.5\nweight = 3\nprovenance = { document = \"1/QĐ\", verified = false }\nrule = { kind = \"manual\", bandz = [] }\n",
    );
    let issues = invalid(&t);
    assert_eq!(
        issues,
        [
            "scale (line 6): the areas add up to `1.5`, not to the scale `2`",
            "colour (line 7): unknown field `colour`",
            "areas[0].max (line 11): `1.5` is written as a float: write decimals as strings, e.g. \"1.5\"",
            "areas[0].weight (line 12): unknown field `weight`",
            "areas[0].rule.bandz (line 14): unknown field `bandz`",
        ]
    );
    match RuleSet::from_toml_str(&t) {
        Err(e) => {
            let codes: Vec<IssueCode> = e.issues().iter().map(|i| i.code).collect();
            assert_eq!(
                codes,
                [
                    IssueCode::ScaleMismatch,
                    IssueCode::UnknownField,
                    IssueCode::FloatDecimal,
                    IssueCode::UnknownField,
                    IssueCode::UnknownField
                ]
            );
        }
        Ok(_) => panic!("accepted"),
    }
}

#[test]
fn node_shape_provenance_and_rule_fields() {
    let t = with_head(
        "3",
        "\n[[areas]]\ncode = \"1\"\ntitle = \"A\"\nmax = \"1\"\nrule = { kind = \"manual\" }\n[[areas]]\ncode = \"2\"\ntitle = \"B\"\nmax = \"1\"\nprovenance = { document = \"1/QĐ\", verified = false }\n[[areas]]\ncode = \"3\"\ntitle = \"C\"\nmax = \"1\"\nprovenance = { document = \"1/QĐ\", verified = false }\nrule = { kind = \"levels\", per_item = \"1\", levels = [{ id = \"a\", label = \"A\", points = \"1\" }] }\n",
    );
    assert_eq!(
        invalid(&t),
        [
            "areas[0] (line 8): leaf `1` has no provenance: add `provenance = { document = \"...\", verified = false }` to it or to a parent",
            "areas[1] (line 13): `2` has neither a `rule` nor sub-criteria under `criteria`",
            "areas[2].rule.per_item (line 23): `per_item` does not apply to a `levels` rule, which takes `levels`",
        ]
    );
}

#[test]
fn wrong_types_are_reported_with_their_path_and_line() {
    let t = with_head(
        "2",
        "\n[[areas]]\ncode = \"1\"\ntitle = \"A\"\nmax = \"2\"\nprovenance = { document = \"1/QĐ\", verified = \"no\" }\nrule = { kind = \"manual\" }\n",
    );
    let issues = invalid(&t);
    assert_eq!(issues.len(), 1);
    assert!(issues[0].starts_with("areas[0].provenance.verified (line 12): invalid type: string \"no\", expected a boolean"), "{issues:?}");
    let t = with_head(
        "2",
        "\n[[areas]]\ncode = \"1\"\ntitle = \"A\"\nmax = \"2\"\nprovenance = { document = \"1/QĐ\", verified = false }\nrule = { kind = \"magic\" }\n",
    );
    let issues = invalid(&t);
    assert!(
        issues[0].starts_with("areas[0].rule.kind (line 13): unknown variant `magic`"),
        "{issues:?}"
    );
}

#[test]
fn truncated_and_garbled_toml_give_errors_not_panics() {
    for end in 0..ALL_KINDS.len() {
        if let Some(prefix) = ALL_KINDS
            .get(..end)
            .filter(|p| p.trim_end() != ALL_KINDS.trim_end())
        {
            assert!(
                RuleSet::from_toml_str(prefix).is_err(),
                "prefix of {end} bytes was accepted"
            );
        }
    }
    match RuleSet::from_toml_str("id = \"x\"\ntitle = [1, 2\n") {
        Err(LoadError::Syntax { line, .. }) => assert_eq!(line, 2),
        other => panic!("{other:?}"),
    }
    let garbled: String = ALL_KINDS.chars().rev().collect();
    assert!(RuleSet::from_toml_str(&garbled).is_err());
}

#[test]
fn limits_are_enforced_with_clear_errors() {
    let limits = par_index::criteria::Limits {
        max_depth: 2,
        ..par_index::criteria::Limits::default()
    };
    let e = RuleSet::from_toml_str_with_limits(ALL_KINDS, &limits).unwrap_err();
    assert!(e.issues().iter().any(|i| i.code == IssueCode::Limit), "{e}");
    let limits = par_index::criteria::Limits {
        max_file_bytes: 100,
        ..par_index::criteria::Limits::default()
    };
    let e = RuleSet::from_toml_str_with_limits(ALL_KINDS, &limits).unwrap_err();
    assert!(
        e.to_string()
            .contains("more than the limit `max_file_bytes` of 100"),
        "{e}"
    );
}

#[test]
fn rule_sets_round_trip_through_toml() {
    let rs = RuleSet::from_toml_str(ALL_KINDS).unwrap();
    let again = RuleSet::from_toml_str(&rs.to_toml_string().unwrap()).unwrap();
    assert_eq!(rs.def(), again.def());
}

#[test]
fn from_path_names_the_file() {
    let e = RuleSet::from_path("tests/fixtures/no-such-folder").unwrap_err();
    assert!(
        e.to_string()
            .starts_with("tests/fixtures/no-such-folder: cannot read the file"),
        "{e}"
    );
    let rs = RuleSet::from_path("tests/fixtures/all-kinds.toml").unwrap();
    assert_eq!(rs.id(), "all-kinds");
}

#[test]
fn every_kind_marked_not_applicable_leaves_the_maximum() {
    let rs = RuleSet::from_toml_str(ALL_KINDS).unwrap();
    let base = Evidence::from_json_str(ALL_KINDS_EVIDENCE).unwrap();
    let full = evaluate(&rs, &base).unwrap();
    for code in rs.leaf_codes().filter(|c| *c != "2.7") {
        let mut ev = base.clone();
        ev.evidence.insert(
            code.to_string(),
            par_index::evidence::LeafEvidence {
                not_applicable: Some("n/a".into()),
                ..Default::default()
            },
        );
        let card = evaluate(&rs, &ev).unwrap();
        let leaf = card.node(code).unwrap();
        let max = full.node(code).unwrap().score.max;
        assert_eq!(
            (leaf.score.points, leaf.score.applicable_max, leaf.status),
            (d("0"), d("0"), NodeStatus::NotApplicable),
            "{code}"
        );
        // The total loses the leaf's points and its maximum; nothing else moves.
        assert_eq!(
            card.total.points,
            full.total.points - full.node(code).unwrap().score.points,
            "{code}"
        );
        assert_eq!(card.total.applicable_max, d("30") - max, "{code}");
        for other in rs.leaf_codes().filter(|c| c != &code) {
            assert_eq!(
                card.node(other).unwrap().score.points,
                full.node(other).unwrap().score.points,
                "{code} moved {other}"
            );
        }
    }
}

#[test]
fn empty_denominators_follow_each_rules_policy() {
    let rs = RuleSet::from_toml_str(ALL_KINDS).unwrap();
    let mut ev = Evidence::from_json_str(ALL_KINDS_EVIDENCE).unwrap();
    let zero = || par_index::evidence::LeafEvidence {
        numerator: Some(d("0")),
        denominator: Some(d("0")),
        ..Default::default()
    };
    ev.evidence.insert("1.1.4".into(), zero()); // ratio_bands
    ev.evidence.insert("2.2".into(), zero()); // proportional
    ev.evidence.insert(
        "1.2.1".into(),
        par_index::evidence::LeafEvidence {
            tasks: Some(vec![]),
            ..Default::default()
        },
    ); // no tasks
    ev.evidence.insert(
        "2.5".into(),
        par_index::evidence::LeafEvidence {
            answers: Some([("A".to_string(), 0)].into()),
            ..Default::default()
        },
    ); // no respondents
    let card = evaluate(&rs, &ev).unwrap();
    for code in ["1.1.4", "2.2", "1.2.1", "2.5"] {
        let n = card.node(code).unwrap();
        assert_eq!(
            (n.status, n.score.applicable_max),
            (NodeStatus::NotApplicable, d("0")),
            "{code}"
        );
    }
    assert_eq!(
        card.node("1.1.4")
            .unwrap()
            .leaf
            .as_ref()
            .unwrap()
            .explanation
            .to_string(),
        "not applicable (0 of 0 tasks: nothing to measure) → leaves the maximum"
    );
    // 30 − (2 + 2 + 1 + 3) = 22 applicable
    assert_eq!(card.total.applicable_max, d("22"));
}

#[test]
fn a_leaf_max_finer_than_the_rounding_is_refused() {
    // max 2.5 kept to 0 decimals: a full score would round to 3, above the max
    let t = with_head(
        "2.5",
        "rounding = { points = 0 }\n[[areas]]\ncode = \"1\"\ntitle = \"A\"\nmax = \"2.5\"\nprovenance = { document = \"1/QĐ\", verified = false }\nrule = { kind = \"manual\" }\n",
    );
    assert_eq!(
        invalid(&t),
        [
            "areas[0].max (line 11): max `2.5` has more decimals than leaf points keep (`rounding.points = 0`): a full score would round past it"
        ]
    );
}
