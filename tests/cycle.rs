//! The assessment cycle end to end: a two-round appraisal that lowers and raises leaves, its
//! diff, bonus and penalty caps, the no-survey rescale, batches with ties, and bad input. Every
//! expected value is computed by hand in the comments.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed unwrap is a failed test"
)]

use par_index::{
    Decimal, Evidence, RuleSet, assessment::Appraisal, assessment::Batch, assessment::BatchEntry,
    assessment::CycleIssueCode, assessment::evaluate_appraised, assessment::score_batch,
};

mod support;

const SET: &str = include_str!("fixtures/cycle.toml");
const EVIDENCE: &str = include_str!("fixtures/cycle.evidence.json");
const APPRAISAL: &str = include_str!("fixtures/cycle.appraisal.json");

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn rs() -> RuleSet {
    RuleSet::from_toml_str(SET).unwrap()
}

fn ev() -> Evidence {
    Evidence::from_json_str(EVIDENCE).unwrap()
}

fn appraisal(json: &str) -> Appraisal {
    Appraisal::from_json_str(json).unwrap()
}

fn issues(json: &str) -> Vec<(String, CycleIssueCode)> {
    let e = evaluate_appraised(&rs(), &ev(), &appraisal(json)).unwrap_err();
    e.issues().iter().map(|i| (i.to_string(), i.code)).collect()
}

// Self-assessment, by hand:
//   1.1 on_time → 1; 1.2 34/36 = 94.44% > 90% → 2; 1.3 given 2;
//   2.1 45/50 = 90% × 3 = 2.7; 2.2 (6 × 100 + 4 × 60) / 10 = 84% × 2 = 1.68.
//   area 1 = 5 of 5; area 2 = 4.38 of 5; total 9.38 of 10 = 93.80%.
#[test]
fn two_rounds_lower_then_raise_leaves() {
    let card = evaluate_appraised(&rs(), &ev(), &appraisal(APPRAISAL)).unwrap();
    assert_eq!(card.self_assessed.total.points, d("9.38"));
    assert_eq!(card.self_assessed.total.index, Some(d("93.80")));
    // Round 1: 1.2 re-scored from 30/36 = 83.33% → band 70% to 90% → 1 (lowered from 2);
    //          1.3 set to 1 (lowered from 2).
    //   total 1 + 1 + 1 + 2.7 + 1.68 = 7.38 → 73.80%; area 1 = 3/5 = 60.00%.
    let r1 = &card.rounds[0];
    assert_eq!(r1.node("1.2").unwrap().score.points, d("1"));
    assert_eq!(r1.node("1.3").unwrap().score.points, d("1"));
    assert_eq!(r1.total.points, d("7.38"));
    assert_eq!(r1.total.index, Some(d("73.80")));
    assert_eq!(r1.node("1").unwrap().score.index, Some(d("60.00")));
    // Round 2 (after the unit's explanations): 1.3 raised to 1.5; 2.1 re-scored from
    //   48/50 = 96% × 3 = 2.88 (raised from 2.7). 1.2 keeps round 1's 1.
    //   total 1 + 1 + 1.5 + 2.88 + 1.68 = 8.06 → 80.60%;
    //   area 1 = 3.5/5 = 70.00%; area 2 = 4.56/5 = 91.20%.
    let r2 = &card.rounds[1];
    assert_eq!(r2.node("1.2").unwrap().score.points, d("1"));
    assert_eq!(r2.node("1.3").unwrap().score.points, d("1.5"));
    assert_eq!(r2.node("2.1").unwrap().score.points, d("2.88"));
    assert_eq!(r2.total.points, d("8.06"));
    assert_eq!(r2.node("1").unwrap().score.index, Some(d("70.00")));
    assert_eq!(r2.node("2").unwrap().score.index, Some(d("91.20")));
    assert_eq!(card.final_card(), r2);
    // The leaf explanation says who set the points.
    assert_eq!(
        r2.node("1.3")
            .unwrap()
            .leaf
            .as_ref()
            .unwrap()
            .explanation
            .to_string(),
        "set by appraisal round 2: đã bổ sung biên bản kiểm tra phòng thứ ba → 1.5 of 2"
    );
    // Columns side by side. Area 1: self 1 + 2 + 2 = 5; round 1: 1 + 1 + 1 = 3;
    // round 2: 1 + 1 + 1.5 = 3.5; no survey leaf.
    let a1 = card.columns("1").unwrap();
    assert_eq!(
        (
            a1.max,
            a1.self_assessed,
            a1.rounds.clone(),
            a1.appraised,
            a1.survey,
            a1.points
        ),
        (
            d("5"),
            d("5"),
            vec![d("3"), d("3.5")],
            d("3.5"),
            d("0"),
            d("3.5")
        )
    );
    // Area 2: appraised leaf 2.1 self 2.7, rounds 2.7 then 2.88; survey 2.2 = 1.68;
    // points 2.88 + 1.68 = 4.56.
    let a2 = card.columns("2").unwrap();
    assert_eq!(
        (
            a2.self_assessed,
            a2.rounds.clone(),
            a2.appraised,
            a2.survey,
            a2.points,
            a2.index
        ),
        (
            d("2.7"),
            vec![d("2.7"), d("2.88")],
            d("2.88"),
            d("1.68"),
            d("4.56"),
            Some(d("91.20"))
        )
    );
}

#[test]
fn capped_bonus_and_penalty_make_the_total() {
    let card = evaluate_appraised(&rs(), &ev(), &appraisal(APPRAISAL)).unwrap();
    // Bonus 0.75 + 0.5 = 1.25 claimed, capped at bonus_max 1; penalty 0.5 (cap 2).
    assert_eq!(
        (card.bonus.claimed, card.bonus.counted),
        (d("1.25"), d("1"))
    );
    assert!(card.bonus.capped());
    assert_eq!(
        (card.penalty.claimed, card.penalty.counted),
        (d("0.5"), d("0.5"))
    );
    assert!(!card.penalty.capped());
    // Total = areas 8.06 + 1 − 0.5 = 8.56 of 10 → 85.60% → class B (80 to under 90).
    let t = &card.total;
    assert_eq!((t.areas, t.points, t.max), (d("8.06"), d("8.56"), d("10")));
    assert_eq!(t.index, Some(d("85.60")));
    assert_eq!(t.classification.as_ref().unwrap().label, "B");
    assert!(!t.rescaled);
    // Penalties 1.5 + 1 = 2.5 are capped at penalty_max 2: 8.06 + 1 − 2 = 7.06 → 70.60% → C.
    let mut a = appraisal(APPRAISAL);
    a.penalty =
        appraisal(r#"{"penalty":[{"points":"1.5","reason":"a"},{"points":"1","reason":"b"}]}"#)
            .penalty;
    let card = evaluate_appraised(&rs(), &ev(), &a).unwrap();
    assert_eq!(
        (card.penalty.claimed, card.penalty.counted),
        (d("2.5"), d("2"))
    );
    assert_eq!(card.total.points, d("7.06"));
    assert_eq!(card.total.index, Some(d("70.60")));
    assert_eq!(card.total.classification.as_ref().unwrap().label, "C");
}

#[test]
fn the_diff_lists_every_change_with_its_reason_and_effect() {
    let card = evaluate_appraised(&rs(), &ev(), &appraisal(APPRAISAL)).unwrap();
    let rows: Vec<_> = card
        .changes
        .iter()
        .map(|c| {
            (
                c.round,
                c.code.as_str(),
                c.area.as_str(),
                c.leaf.before,
                c.leaf.after,
                c.area_index.before,
                c.area_index.after,
                c.total_points.after,
                c.total_index.after,
            )
        })
        .collect();
    let s = |x: &str| Some(d(x));
    assert_eq!(
        rows,
        [
            // round 1, each change alone on top of the self-assessment (9.38, area 1 = 5/5):
            // 1.2: 2 → 1; area 1 = 4/5 = 80%; total 8.38 → 83.80%
            (
                1,
                "1.2",
                "1",
                d("2"),
                d("1"),
                s("100.00"),
                s("80.00"),
                d("8.38"),
                s("83.80")
            ),
            // 1.3: 2 → 1; the same effect
            (
                1,
                "1.3",
                "1",
                d("2"),
                d("1"),
                s("100.00"),
                s("80.00"),
                d("8.38"),
                s("83.80")
            ),
            // round 2, on top of round 1 (7.38; area 1 = 3/5; area 2 = 4.38/5):
            // 1.3: 1 → 1.5; area 1 = 3.5/5 = 70%; total 7.88 → 78.80%
            (
                2,
                "1.3",
                "1",
                d("1"),
                d("1.5"),
                s("60.00"),
                s("70.00"),
                d("7.88"),
                s("78.80")
            ),
            // 2.1: 2.7 → 2.88; area 2 = 4.56/5 = 91.20% (from 87.60%); total 7.56 → 75.60%
            (
                2,
                "2.1",
                "2",
                d("2.7"),
                d("2.88"),
                s("87.60"),
                s("91.20"),
                d("7.56"),
                s("75.60")
            ),
        ]
    );
    assert_eq!(
        card.changes[0].reason,
        "6 nhiệm vụ không có tài liệu kiểm chứng"
    );
    assert!(card.changes[0].by_evidence);
    assert!(!card.changes[1].by_evidence);
    assert_eq!(card.changes[3].leaf.delta(), Some(d("0.18")));
    // The same effects, read from scorecards of each change alone (the effects are worked
    // out from numbers only, without a scorecard).
    assert_eq!(
        support::assert_effects_match_scorecards(&rs(), &ev(), &appraisal(APPRAISAL)),
        4
    );
}

#[test]
fn without_survey_evidence_the_appraised_part_is_rescaled() {
    let mut e = ev();
    e.evidence.remove("2.2");
    let card = evaluate_appraised(&rs(), &e, &Appraisal::default()).unwrap();
    // Areas: 1 + 2 + 2 + 2.7 = 7.7 of 10 (77.00% on the full scale), but the set allows an
    // assessment without survey: 7.7 ÷ 8 (appraised maximum) × 100 = 96.25% → class A.
    assert_eq!(card.final_card().total.index, Some(d("77.00")));
    assert!(card.total.rescaled);
    assert_eq!((card.total.points, card.total.max), (d("7.7"), d("8")));
    assert_eq!(card.total.index, Some(d("96.25")));
    assert_eq!(card.total.classification.as_ref().unwrap().label, "A");
    // With a penalty of 0.5: (7.7 − 0.5) ÷ 8 = 90.00% → still A (90 inclusive).
    let a = appraisal(r#"{"penalty":[{"points":"0.5","reason":"trễ hạn"}]}"#);
    let card = evaluate_appraised(&rs(), &e, &a).unwrap();
    assert_eq!(card.total.index, Some(d("90.00")));
    // With survey evidence there is no rescale: 9.38 / 10.
    let card = evaluate_appraised(&rs(), &ev(), &Appraisal::default()).unwrap();
    assert!(!card.total.rescaled);
    assert_eq!(card.total.index, Some(d("93.80")));
    // A set without `survey_optional` does not rescale: 7.7 / 10 = 77.00%.
    let plain =
        RuleSet::from_toml_str(&SET.replace("survey_optional = \"rescale\"\n", "")).unwrap();
    let card = evaluate_appraised(&plain, &e, &Appraisal::default()).unwrap();
    assert!(!card.total.rescaled);
    assert_eq!(card.total.index, Some(d("77.00")));
}

#[test]
fn bad_appraisals_are_refused_with_their_paths() {
    let unknown =
        issues(r#"{"rounds":[{"round":1,"changes":{"9.9":{"points":"1","reason":"x"}}}]}"#);
    assert_eq!(
        unknown,
        [(
            r#"appraisal.rounds[0].changes["9.9"]: `cycle-test` has no criterion `9.9`"#
                .to_string(),
            CycleIssueCode::UnknownCode
        )]
    );
    let parent = issues(r#"{"rounds":[{"round":1,"changes":{"1":{"points":"1","reason":"x"}}}]}"#);
    assert_eq!(parent[0].1, CycleIssueCode::NotALeaf);
    assert!(
        parent[0]
            .0
            .starts_with(r#"appraisal.rounds[0].changes["1"]: `1` is scored as the sum"#)
    );
    let order = issues(r#"{"rounds":[{"round":2,"changes":{}},{"round":1,"changes":{}}]}"#);
    assert_eq!(
        order,
        [
            ("appraisal.rounds[0].round: round `2` is out of order: expected round 1 here (rounds are listed 1, 2, ... in order)".to_string(), CycleIssueCode::RoundOrder),
            ("appraisal.rounds[1].round: round `1` is out of order: expected round 2 here (rounds are listed 1, 2, ... in order)".to_string(), CycleIssueCode::RoundOrder),
        ]
    );
    let dup = issues(r#"{"rounds":[{"round":1,"changes":{}},{"round":1,"changes":{}}]}"#);
    assert_eq!(
        dup,
        [(
            "appraisal.rounds[1].round: round `1` is listed twice".to_string(),
            CycleIssueCode::DuplicateRound
        )]
    );
    let range =
        issues(r#"{"rounds":[{"round":1,"changes":{"1.3":{"points":"2.5","reason":"x"}}}]}"#);
    assert_eq!(
        range,
        [(
            r#"appraisal.rounds[0].changes["1.3"].points: points `2.5` are outside [0, 2]"#
                .to_string(),
            CycleIssueCode::OutOfRange
        )]
    );
    let reason =
        issues(r#"{"rounds":[{"round":1,"changes":{"1.3":{"points":"1","reason":"  "}}}]}"#);
    assert_eq!(
        reason,
        [(r#"appraisal.rounds[0].changes["1.3"].reason: no reason given: every appraisal change states why"#.to_string(), CycleIssueCode::MissingReason)]
    );
    let both = issues(r#"{"rounds":[{"round":1,"changes":{"1.3":{"reason":"x"}}}]}"#);
    assert_eq!(both[0].1, CycleIssueCode::WrongShape);
    // Replacement evidence is checked by the leaf's rule and reported where the round gave it.
    let bad_ev = issues(
        r#"{"rounds":[{"round":1,"changes":{"1.2":{"evidence":{"numerator":40,"denominator":36},"reason":"x"}}}]}"#,
    );
    assert_eq!(
        bad_ev[0].0,
        r#"appraisal.rounds[0].changes["1.2"].evidence.numerator: numerator `40` is above the denominator `36`"#
    );
    // Bonus and penalty: negative, no reason.
    let adj = issues(r#"{"bonus":[{"points":"-1","reason":"x"}],"penalty":[{"points":"1"}]}"#);
    assert_eq!(
        adj.iter().map(|i| i.0.as_str()).collect::<Vec<_>>(),
        [
            "appraisal.bonus[0].points: `-1` is negative: bonus points are 0 or more",
            "appraisal.penalty[0].reason: no reason given: every penalty item states why",
        ]
    );
    // A set without bonus_max gives no bonus.
    let no_cap = RuleSet::from_toml_str(&SET.replace("bonus_max = \"1\"\n", "")).unwrap();
    let e = evaluate_appraised(
        &no_cap,
        &ev(),
        &appraisal(r#"{"bonus":[{"points":"1","reason":"x"}]}"#),
    )
    .unwrap_err();
    assert_eq!(
        e.issues()[0].to_string(),
        "appraisal.bonus: the set has no `bonus_max`: it gives no bonus points"
    );
    // Malformed JSON names its path.
    let e = Appraisal::from_json_str(
        r#"{"rounds":[{"round":1,"changes":{"1.3":{"points":1.5,"reason":"x"}}}]}"#,
    )
    .unwrap_err();
    assert!(
        e.issues()[0].to_string().starts_with(
            r#"appraisal.rounds[0].changes["1.3"].points: `1.5` is written as a float"#
        ),
        "{e}"
    );
}

// ---------------------------------------------------------------------------------------------
// Batches and rankings

fn unit(name: &str, p13: &str, n21: u32, survey: &str) -> String {
    format!(
        r#"{{ "unit": {{ "name": "{name}", "level": "district" }}, "period": {{ "year": 2024 }},
        "evidence": {{ "1.1": {{ "level": "on_time" }}, "1.2": {{ "numerator": 34, "denominator": 36 }},
        "1.3": {{ "points": "{p13}" }}, "2.1": {{ "numerator": {n21}, "denominator": 50 }},
        "2.2": {{ "points": "{survey}" }} }} }}"#
    )
}

fn batch() -> Batch {
    // Alpha: 1 + 2 + 2 + 2.7 (45/50 × 3) + 1.68 = 9.38 → 93.80%; area 2 = 4.38/5 = 87.60%
    // Beta:  1 + 2 + 1.5 + 3 (50/50) + 1.88 = 9.38 → 93.80%; area 2 = 4.88/5 = 97.60%
    // Gamma: as Alpha → 93.80%, area 2 87.60%
    // Delta: 1 + 2 + 0.99 + 2.7 + 1.68 = 8.37 → 83.70%; area 2 87.60%
    let units = [
        unit("Alpha", "2", 45, "1.68"),
        unit("Beta", "1.5", 50, "1.88"),
        unit("Gamma", "2", 45, "1.68"),
        unit("Delta", "0.99", 45, "1.68"),
    ];
    Batch::from_json_str(&format!(
        r#"{{ "ruleset": "cycle-test", "units": [{}] }}"#,
        units.join(",")
    ))
    .unwrap()
}

fn ranks(r: &par_index::assessment::Ranking) -> Vec<(usize, &str)> {
    r.rows.iter().map(|r| (r.rank, r.unit.as_str())).collect()
}

#[test]
fn ties_share_a_rank_and_the_tie_break_decides_first() {
    let result = score_batch(&rs(), &batch()).unwrap();
    // Alpha, Beta, Gamma tie on 93.80; the set breaks ties by area 2's sub-index: Beta 97.60
    // first; Alpha and Gamma still tie (87.60) and share rank 2; Delta is 4th (1, 2, 2, 4).
    assert_eq!(
        ranks(&result.ranking),
        [(1, "Beta"), (2, "Alpha"), (2, "Gamma"), (4, "Delta")]
    );
    assert!(result.ranking.rows[1].tied && result.ranking.rows[2].tied);
    assert!(!result.ranking.rows[0].tied);
    assert_eq!(result.ranking.rows[0].tie_value, Some(d("97.60")));
    // Without a tie-break the three share rank 1, listed by name.
    let none =
        RuleSet::from_toml_str(&SET.replace("tie_break = { by = \"area\", code = \"2\" }\n", ""))
            .unwrap();
    let mut b = batch();
    b.ruleset = None;
    let result = score_batch(&none, &b).unwrap();
    assert_eq!(
        ranks(&result.ranking),
        [(1, "Alpha"), (1, "Beta"), (1, "Gamma"), (4, "Delta")]
    );
    // Ranking per area: area 2 — Beta 97.60 first; Alpha, Delta, Gamma share 2 at 87.60.
    let area2 = &result.area_rankings[1];
    assert_eq!(
        ranks(area2),
        [(1, "Beta"), (2, "Alpha"), (2, "Delta"), (2, "Gamma")]
    );
    // Area 1 — Alpha, Gamma 5/5 = 100%; Beta 4.5/5 = 90%; Delta 3.99/5 = 79.80%.
    assert_eq!(
        ranks(&result.area_rankings[0]),
        [(1, "Alpha"), (1, "Gamma"), (3, "Beta"), (4, "Delta")]
    );
}

#[test]
fn summaries_per_classification() {
    let result = score_batch(&rs(), &batch()).unwrap();
    let s = |g: &str| result.summaries.iter().find(|s| s.group == g).unwrap();
    // all: 83.70, 93.80, 93.80, 93.80. Mean = 365.10 / 4 = 91.275 → 91.28 (half-up);
    // median = (93.80 + 93.80) / 2 = 93.80; min 83.70; max 93.80.
    let all = s("all");
    assert_eq!(all.count, 4);
    let mean = all.mean.unwrap();
    assert_eq!(
        (mean.exact, mean.rounded.to_string()),
        (d("91.275"), "91.28".to_string())
    );
    assert_eq!(all.median.unwrap().exact, d("93.80"));
    assert_eq!(all.min.unwrap().exact, d("83.70"));
    assert_eq!(all.max.unwrap().exact, d("93.80"));
    // Class A: the three at 93.80; class B: Delta alone; C and D: empty.
    assert_eq!(s("A").count, 3);
    assert_eq!(s("A").mean.unwrap().rounded.to_string(), "93.80");
    assert_eq!(
        (s("B").count, s("B").median.unwrap().exact),
        (1, d("83.70"))
    );
    assert_eq!((s("C").count, s("C").mean), (0, None));
    // An even group's median is the mean of its two middle values: A + B only would be tested
    // here with 83.70 and 93.80 → 88.75.
    let mut two = batch();
    two.units.truncate(2);
    two.units[0] = batch().units[3].clone();
    let r = score_batch(&rs(), &two).unwrap();
    assert_eq!(r.summaries[0].median.unwrap().exact, d("88.75"));
}

#[test]
fn batches_refuse_other_levels_sets_years_and_duplicates() {
    let mut b = batch();
    b.units[3].evidence.unit.level = par_index::criteria::UnitLevel::Commune;
    b.units[1].evidence.ruleset = Some("another-set".into());
    b.units[2].evidence.period.year = 2023;
    b.units.push(batch().units[0].clone());
    let e = score_batch(&rs(), &b).unwrap_err();
    let got: Vec<(String, CycleIssueCode)> = e
        .issues()
        .iter()
        .map(|i| (i.path.to_string(), i.code))
        .collect();
    assert!(
        got.contains(&("units[1].ruleset".into(), CycleIssueCode::RuleSetMismatch)),
        "{got:?}"
    );
    assert!(
        got.contains(&(
            "units[2].period.year".into(),
            CycleIssueCode::PeriodMismatch
        )),
        "{got:?}"
    );
    assert!(
        got.contains(&("units[3].unit.level".into(), CycleIssueCode::LevelMismatch)),
        "{got:?}"
    );
    assert!(
        got.contains(&("units[4].unit.name".into(), CycleIssueCode::DuplicateUnit)),
        "{got:?}"
    );
    let msg = e.to_string();
    assert!(msg.contains("units[3].unit.level: the unit is at level `commune`, but `cycle-test` scores level `district`"), "{msg}");
    // A batch for another set.
    let mut b = batch();
    b.ruleset = Some("vn-2012".into());
    let e = score_batch(&rs(), &b).unwrap_err();
    assert_eq!(
        e.issues()[0].to_string(),
        "ruleset: the batch was prepared for `vn-2012`, not for `cycle-test`"
    );
    // Appraisal problems inside a batch carry the unit's path.
    let entry = BatchEntry::from_json_str(&unit("Epsilon", "2", 45, "1.68").replace(
        "\"evidence\"",
        r#""appraisal": {"rounds":[{"round":1,"changes":{"9":{"points":"1","reason":"x"}}}]}, "evidence""#,
    ))
    .unwrap();
    let b = Batch {
        ruleset: None,
        units: vec![entry],
        groups: Vec::new(),
    };
    let e = score_batch(&rs(), &b).unwrap_err();
    assert_eq!(
        e.issues()[0].path.to_string(),
        r#"units[0].appraisal.rounds[0].changes["9"]"#
    );
    // Malformed unit JSON is reported under units[i].
    let e = Batch::from_json_str(r#"{"units":[{"unit":{"name":"X","level":"district"},"period":{"year":"2024"},"evidence":{}}]}"#).unwrap_err();
    assert_eq!(e.issues()[0].path.to_string(), "units[0].period.year");
}

// ---------------------------------------------------------------------------------------------
// Year over year

/// Version 2 of the test set: 1.2's bands tightened (rule changed), 2.1 re-weighted 3 → 2, a
/// new leaf 2.3 (max 1) added; area 2 stays at 5, the scale at 10.
fn v2() -> RuleSet {
    let text = SET
        .replace("id = \"cycle-test\"", "id = \"cycle-test-v2\"")
        .replace(
            "  { above = \"90\", points = \"2\" },\n  { at_least = \"70\", at_most = \"90\", points = \"1\" },",
            "  { at_least = \"95\", points = \"2\" },\n  { at_least = \"80\", below = \"95\", points = \"1\" },",
        )
        .replace(
            "max = \"3\"\nrule = { kind = \"proportional\"",
            "max = \"2\"\nrule = { kind = \"proportional\"",
        )
        + "\n[[areas.criteria]]\ncode = \"2.3\"\ntitle = \"Số hóa hồ sơ, kết quả giải quyết TTHC\"\nmax = \"1\"\nrule = { kind = \"check\" }\n";
    RuleSet::from_toml_str(&text).unwrap()
}

#[test]
fn two_set_versions_are_diffed() {
    let diff = par_index::analysis::diff_rulesets(rs().def(), v2().def());
    assert_eq!(diff.added, ["2.3"]);
    assert!(diff.removed.is_empty());
    assert_eq!(diff.rules_changed, ["1.2"]);
    let w: Vec<_> = diff
        .reweighted
        .iter()
        .map(|r| (r.code.as_str(), r.before, r.after))
        .collect();
    assert_eq!(w, [("2.1", d("3"), d("2"))]);
    // And backwards: 2.3 is removed.
    assert_eq!(
        par_index::analysis::diff_rulesets(v2().def(), rs().def()).removed,
        ["2.3"]
    );
}

#[test]
fn one_unit_is_compared_node_by_node_and_a_batch_rescored() {
    let mut alpha = batch().units[0].evidence.clone();
    alpha.ruleset = None;
    let before = par_index::evaluate(&rs(), &alpha).unwrap();
    let after = par_index::evaluate(&v2(), &alpha).unwrap();
    let c = par_index::analysis::compare_scorecards(&before, &after);
    // Under v2, Alpha: 1.2 34/36 = 94.44% → band 80% to under 95% → 1 (was 2);
    // 2.1 45/50 × 2 = 1.8 (was 2.7 of 3); 2.3 has no evidence → 0 of 1.
    // Total 1 + 1 + 2 + 1.8 + 1.68 + 0 = 7.48 (was 9.38): −1.9; 74.80% (was 93.80%): −19.
    assert_eq!(c.total.points_delta(), Some(d("-1.9")));
    assert_eq!(c.total.index_delta(), Some(d("-19.00")));
    let moved: Vec<(&str, Option<Decimal>)> = c
        .nodes
        .iter()
        .map(|n| (n.code.as_str(), n.points_delta()))
        .collect();
    // 1: 5 → 4; 1.2: 2 → 1; 2: 4.38 → 3.48; 2.1: 2.7 → 1.8; 2.3: new. 1.1, 1.3, 2.2 unchanged.
    assert_eq!(
        moved,
        [
            ("1", Some(d("-1"))),
            ("1.2", Some(d("-1"))),
            ("2", Some(d("-0.9"))),
            ("2.1", Some(d("-0.9"))),
            ("2.3", None),
        ]
    );
    assert!(c.nodes[4].before.is_none());
    // Re-scoring the batch: under v2 (tie-break area 2)
    //   Alpha 7.48 → 74.80% (area 2 = 3.48/5 = 69.60%); Gamma the same;
    //   Beta 1 + 1 + 1.5 + 2 + 1.88 = 7.38 → 73.80%; Delta 1 + 1 + 0.99 + 1.8 + 1.68 = 6.47 → 64.70%.
    // Alpha and Gamma tie first; Beta falls from 1 to 3.
    let moves = par_index::analysis::rescore(&batch(), &rs(), &v2()).unwrap();
    let got: Vec<_> = moves
        .iter()
        .map(|m| (m.unit.as_str(), m.rank_before, m.rank_after, m.index_after))
        .collect();
    assert_eq!(
        got,
        [
            ("Alpha", 2, 1, Some(d("74.80"))),
            ("Gamma", 2, 1, Some(d("74.80"))),
            ("Beta", 1, 3, Some(d("73.80"))),
            ("Delta", 4, 4, Some(d("64.70"))),
        ]
    );
}

#[test]
fn the_new_set_fields_are_validated() {
    let bad = SET
        .replace("code = \"2\" }", "code = \"9\" }")
        .replace("penalty_max = \"2\"", "penalty_max = \"-1\"");
    let e = RuleSet::from_toml_str(&bad).unwrap_err();
    let got: Vec<String> = e.issues().iter().map(ToString::to_string).collect();
    assert_eq!(
        got,
        [
            "penalty_max (line 14): `-1` is negative: expected 0 or more",
            "tie_break.code (line 15): `9` is not an area of the set: expected one of `1`, `2`",
        ]
    );
    let e = RuleSet::from_toml_str(&SET.replace("\"rescale\"", "\"ignore\"")).unwrap_err();
    assert_eq!(e.issues()[0].path.to_string(), "survey_optional");
}

#[test]
fn the_appraised_points_tie_break() {
    let set = SET.replace(
        "tie_break = { by = \"area\", code = \"2\" }",
        "tie_break = { by = \"appraised_points\" }",
    );
    let rs = RuleSet::from_toml_str(&set).unwrap();
    let result = score_batch(&rs, &batch()).unwrap();
    // Appraised-part points of the three at 93.80: Alpha 1 + 2 + 2 + 2.7 = 7.7;
    // Beta 1 + 2 + 1.5 + 3 = 7.5; Gamma 7.7. Alpha and Gamma share 1; Beta 3; Delta 4.
    assert_eq!(
        ranks(&result.ranking),
        [(1, "Alpha"), (1, "Gamma"), (3, "Beta"), (4, "Delta")]
    );
    assert_eq!(result.ranking.rows[2].tie_value, Some(d("7.5")));
}

#[test]
fn appraised_scorecards_and_batches_serialize_with_string_decimals() {
    let card = evaluate_appraised(&rs(), &ev(), &appraisal(APPRAISAL)).unwrap();
    let v: serde_json::Value = serde_json::from_str(&card.to_json_string().unwrap()).unwrap();
    assert_eq!(v["total"]["points"], "8.56");
    // JSON writes decimals without trailing zeros, like the engine's scorecard (85.60 → "85.6").
    assert_eq!(v["total"]["index"], "85.6");
    assert_eq!(v["total"]["rescaled"], false);
    assert_eq!(v["bonus"]["claimed"], "1.25");
    assert_eq!(v["bonus"]["counted"], "1");
    assert_eq!(v["columns"][0]["rounds"], serde_json::json!(["3", "3.5"]));
    assert_eq!(v["changes"][3]["leaf"]["after"], "2.88");
    assert_eq!(v["rounds"].as_array().unwrap().len(), 2);
    let result = score_batch(&rs(), &batch()).unwrap();
    let v: serde_json::Value = serde_json::from_str(&result.to_json_string().unwrap()).unwrap();
    assert_eq!(v["ranking"]["tie_break"]["by"], "area");
    assert_eq!(v["ranking"]["rows"][0]["unit"], "Beta");
    assert_eq!(v["summaries"][0]["mean"]["exact"], "91.275");
}

/// A batch large enough to be scored on several threads gives, unit by unit, the scorecard of
/// scoring that unit alone, and ranks computed by counting (1 + the units strictly ahead).
#[test]
fn a_large_batch_scores_each_unit_as_alone_and_ranks_by_counting() {
    let rs = RuleSet::from_toml_str(
        r#"
id = "many"
title = "Many units"
level = "commune"
years = { from = 2024 }
scale = 10
document = { number = "1/QĐ" }
[[areas]]
code = "1"
title = "Kết quả"
max = 10
provenance = { document = "1/QĐ", verified = false }
rule = { kind = "manual" }
"#,
    )
    .unwrap();
    // 300 units: unit i scores (i × 7 mod 21) / 2 points, i.e. 0, 3.5 or 7 (100 units each).
    let entries: Vec<BatchEntry> = (0..300)
        .map(|i| {
            let points = Decimal::new((i * 7 % 21) as i64 * 5, 1);
            let json = format!(
                r#"{{ "unit": {{ "name": "Xã {i:03}", "level": "commune" }}, "period": {{ "year": 2024 }},
                     "evidence": {{ "1": {{ "points": "{points}" }} }} }}"#
            );
            BatchEntry::from_json_str(&json).unwrap()
        })
        .collect();
    let batch = Batch {
        ruleset: None,
        units: entries.clone(),
        groups: Vec::new(),
    };
    let result = score_batch(&rs, &batch).unwrap();
    assert_eq!(result.units.len(), 300);
    // Capped at 1 thread and at 2 threads (300 units: 2 threads of 150), the JSON is the same
    // byte for byte.
    let capped = |n: usize| {
        let options = par_index::assessment::BatchOptions {
            threads: std::num::NonZeroUsize::new(n),
        };
        par_index::assessment::score_batch_with(&rs, &batch, &options)
            .unwrap()
            .to_json_string()
            .unwrap()
    };
    let one = capped(1);
    assert_eq!(one, capped(2));
    assert_eq!(one, result.to_json_string().unwrap());
    // 100 units score 7 of 10 (70%): all tied first.
    assert_eq!(
        result.ranking.rows.iter().filter(|r| r.rank == 1).count(),
        100
    );
    for (unit, entry) in result.units.iter().zip(&entries) {
        assert_eq!(unit.name, entry.evidence.unit.name);
        let alone = evaluate_appraised(&rs, &entry.evidence, &entry.appraisal).unwrap();
        assert_eq!(unit.card, alone, "{}", unit.name);
    }
    let index_of = |name: &str| {
        let u = result.units.iter().find(|u| u.name == name).unwrap();
        u.card.total.index.unwrap()
    };
    for row in &result.ranking.rows {
        let mine = index_of(&row.unit);
        let ahead = result
            .units
            .iter()
            .filter(|u| u.card.total.index.unwrap() > mine)
            .count();
        let same = result
            .units
            .iter()
            .filter(|u| u.card.total.index.unwrap() == mine)
            .count();
        assert_eq!((row.rank, row.tied), (ahead + 1, same > 1), "{}", row.unit);
    }
    // 100 units at 70%, tied at rank 1; 100 at 35%, rank 101; 100 at 0%, rank 201.
    let ranks: Vec<usize> = result.ranking.rows.iter().map(|r| r.rank).collect();
    assert_eq!(ranks[0], 1);
    assert_eq!(ranks[99], 1);
    assert_eq!(ranks[100], 101);
    assert_eq!(ranks[200], 201);
    assert_eq!(ranks[299], 201);
    assert_eq!(index_of(&result.ranking.rows[0].unit), d("70.00"));
}

#[test]
fn unit_names_and_codes_are_compared_in_nfc() {
    // "Càng Long" typed precomposed (U+00E0) and pasted decomposed (a + U+0300): one unit.
    let composed = "Huyện C\u{e0}ng Long";
    let decomposed = "Huye\u{302}\u{323}n Ca\u{300}ng Long";
    assert_ne!(composed, decomposed);
    let mut b = batch();
    b.units[1].evidence.unit.name = composed.into();
    b.units[2].evidence.unit.name = decomposed.into();
    let e = score_batch(&rs(), &b).unwrap_err();
    let msg = e.to_string();
    assert!(msg.contains("units[2].unit.name"), "{msg}");
    assert!(msg.contains("units[1]"), "{msg}");
    // The same code, written two ways, under two names: one unit too.
    let mut b = batch();
    b.units[0].evidence.unit.code = Some("\u{c1}N-01".into());
    b.units[3].evidence.unit.code = Some("A\u{301}N-01".into());
    let e = score_batch(&rs(), &b).unwrap_err();
    let got: Vec<(String, CycleIssueCode)> = e
        .issues()
        .iter()
        .map(|i| (i.path.to_string(), i.code))
        .collect();
    assert_eq!(
        got,
        vec![("units[3].unit.code".into(), CycleIssueCode::DuplicateUnit)]
    );
    // The original text is kept for display.
    let mut b = batch();
    b.units[2].evidence.unit.name = decomposed.into();
    let result = score_batch(&rs(), &b).unwrap();
    assert_eq!(result.units[2].name, decomposed);
}
