//! Bonus and penalty items declared by a set (`[[bonus]]`, `[[penalty]]`), claimed by the
//! unit's evidence: each item at its cap and one past it, the sums at `bonus_max` /
//! `penalty_max` and one past, the total clamped at the maximum and at 0 (and not when the set
//! allows it), an unclaimed item, an appraisal round that changes a claim, area sub-indexes
//! untouched, and bad input with its path. Every expected value is computed by hand in the
//! comments.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed unwrap is a failed test"
)]

use par_index::{
    Decimal, Evidence, RuleSet, Scorecard, assessment::Appraisal, assessment::evaluate_appraised,
    evaluate, report::Lang, report::render_scorecard_csv, report::render_scorecard_markdown,
    scoring::ClampAt,
};

// The set: areas 1 (1.1 manual of 4, 1.2 check of 2) and 2 (manual of 4), scale 10;
// bonus T.1 0.5 per initiative, item cap 1.5; T.2 award level 1 / 0.75 / 0.5, cap 1;
// penalty P.1 0.5 per violation, cap 1; P.2 check, 1; bonus_max 2, penalty_max 1.5.
mod support;

const SET: &str = include_str!("fixtures/bonus.toml");

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn rs() -> RuleSet {
    RuleSet::from_toml_str(SET).unwrap()
}

/// Evidence with area points `p11` (1.1), `met` (1.2), `p2` (area 2) and the claims given as
/// JSON members (`"bonus": {...}`).
fn ev(p11: &str, met: bool, p2: &str, claims: &str) -> Evidence {
    let sep = if claims.is_empty() { "" } else { "," };
    Evidence::from_json_str(&format!(
        r#"{{"unit":{{"name":"Xã A","level":"commune"}},"period":{{"year":2025}},
        "evidence":{{"1.1":{{"points":"{p11}"}},"1.2":{{"met":{met}}},"2":{{"points":"{p2}"}}}}{sep}{claims}}}"#
    ))
    .unwrap()
}

fn card(e: &Evidence) -> Scorecard {
    evaluate(&rs(), e).unwrap()
}

fn item(c: &Scorecard, code: &str) -> (Decimal, bool) {
    let i = c.adjusted.as_ref().unwrap().item(code).unwrap();
    (i.points, i.claimed)
}

#[test]
fn an_item_at_its_cap_and_one_past_it() {
    // T.1: 3 × 0.5 = 1.5 = its cap → 1.5; 4 × 0.5 = 2 → capped at 1.5.
    let at = card(&ev("2", true, "2", r#""bonus":{"T.1":{"count":3}}"#));
    assert_eq!(item(&at, "T.1"), (d("1.5"), true));
    let past = card(&ev("2", true, "2", r#""bonus":{"T.1":{"count":4}}"#));
    assert_eq!(item(&past, "T.1"), (d("1.5"), true));
    let t1 = past.adjusted.as_ref().unwrap().item("T.1").unwrap();
    assert_eq!(
        t1.leaf.explanation.to_string(),
        "4 sáng kiến × 0.5 = 2, at most 1.5 → 1.5 of 1.5"
    );
    // 2 × 0.5 = 1, under the cap.
    let under = card(&ev("2", true, "2", r#""bonus":{"T.1":{"count":2}}"#));
    assert_eq!(item(&under, "T.1"), (d("1"), true));
}

#[test]
fn the_bonus_sum_at_bonus_max_and_one_past_it() {
    // At: T.1 3 × 0.5 = 1.5, T.2 `tinh` 0.5 → 2 = bonus_max: counted 2, not capped.
    let at = card(&ev(
        "2",
        true,
        "2",
        r#""bonus":{"T.1":{"count":3},"T.2":{"level":"tinh"}}"#,
    ));
    let b = &at.adjusted.as_ref().unwrap().bonus;
    assert_eq!((b.claimed, b.counted, b.capped()), (d("2"), d("2"), false));
    // Past: T.2 `bo` 0.75 → 1.5 + 0.75 = 2.25 claimed, counted 2.
    let past = card(&ev(
        "2",
        true,
        "2",
        r#""bonus":{"T.1":{"count":3},"T.2":{"level":"bo"}}"#,
    ));
    let b = &past.adjusted.as_ref().unwrap().bonus;
    assert_eq!(
        (b.claimed, b.counted, b.capped()),
        (d("2.25"), d("2"), true)
    );
    // Total: areas 2 + 2 + 2 = 6, + 2 = 8 of 10 → 80.00% → Khá.
    let t = &past.adjusted.as_ref().unwrap().total;
    assert_eq!((t.areas, t.bonus, t.points), (d("6"), d("2"), d("8")));
    assert_eq!(t.index, Some(d("80.00")));
    assert_eq!(t.classification.as_ref().unwrap().label, "Khá");
    assert!(t.clamped.is_none());
}

#[test]
fn the_penalty_sum_at_penalty_max_and_one_past_it() {
    // At: P.1 1 × 0.5 = 0.5, P.2 met → 1: 1.5 = penalty_max, counted 1.5.
    let at = card(&ev(
        "4",
        true,
        "2",
        r#""penalty":{"P.1":{"count":1},"P.2":{"met":true}}"#,
    ));
    let p = &at.adjusted.as_ref().unwrap().penalty;
    assert_eq!(
        (p.claimed, p.counted, p.capped()),
        (d("1.5"), d("1.5"), false)
    );
    // Past: P.1 2 × 0.5 = 1 (its cap), P.2 1 → 2 claimed, counted 1.5.
    let past = card(&ev(
        "4",
        true,
        "2",
        r#""penalty":{"P.1":{"count":2},"P.2":{"met":true}}"#,
    ));
    let a = past.adjusted.as_ref().unwrap();
    assert_eq!(
        (a.penalty.claimed, a.penalty.counted, a.penalty.capped()),
        (d("2"), d("1.5"), true)
    );
    // Total: areas 4 + 2 + 2 = 8, − 1.5 = 6.5 of 10 → 65.00% → Yếu.
    assert_eq!(a.total.points, d("6.5"));
    assert_eq!(a.total.index, Some(d("65.00")));
    assert_eq!(a.total.classification.as_ref().unwrap().label, "Yếu");
}

#[test]
fn the_total_is_clamped_at_the_maximum_unless_the_set_allows_more() {
    // Areas 4 + 2 + 3.5 = 9.5; bonus 1.5 + 0.5 = 2 → 11.5 > 10: brought down to 10, 100.00%.
    let claims = r#""bonus":{"T.1":{"count":3},"T.2":{"level":"tinh"}}"#;
    let e = ev("4", true, "3.5", claims);
    let c = card(&e);
    let t = &c.adjusted.as_ref().unwrap().total;
    assert_eq!((t.points, t.index), (d("10"), Some(d("100.00"))));
    let clamp = t.clamped.unwrap();
    assert_eq!((clamp.at, clamp.unclamped), (ClampAt::Max, d("11.5")));
    assert_eq!(
        clamp.to_string(),
        "11.5 is above the maximum: brought down to it"
    );
    let md = render_scorecard_markdown(&c, Lang::Vi).unwrap();
    assert!(
        md.contains("Tổng điểm 11,5 vượt điểm tối đa 10: tính bằng 10"),
        "{md}"
    );
    // Exactly at the maximum is not a clamp: 9.5 + 0.5 (T.2 `tinh` alone) = 10.
    let c = card(&ev("4", true, "3.5", r#""bonus":{"T.2":{"level":"tinh"}}"#));
    let t = &c.adjusted.as_ref().unwrap().total;
    assert_eq!((t.points, t.clamped), (d("10"), None));
    // A set that allows it: 11.5 of 10 → 115.00%.
    let open = RuleSet::from_toml_str(&SET.replace(
        "penalty_max = \"1.5\"\n",
        "penalty_max = \"1.5\"\ntotal_above_scale = true\n",
    ))
    .unwrap();
    let c = evaluate(&open, &e).unwrap();
    let t = &c.adjusted.as_ref().unwrap().total;
    assert_eq!(
        (t.points, t.index, t.clamped),
        (d("11.5"), Some(d("115.00")), None)
    );
}

#[test]
fn the_total_is_clamped_at_zero_unless_the_set_allows_less() {
    // Areas 1 + 0 + 0 = 1; penalty 1 + 1 = 2 → capped 1.5: 1 − 1.5 = −0.5 → 0, 0.00%.
    let claims = r#""penalty":{"P.1":{"count":2},"P.2":{"met":true}}"#;
    let e = ev("1", false, "0", claims);
    let c = card(&e);
    let t = &c.adjusted.as_ref().unwrap().total;
    assert_eq!((t.points, t.index), (d("0"), Some(d("0.00"))));
    let clamp = t.clamped.unwrap();
    assert_eq!((clamp.at, clamp.unclamped), (ClampAt::Zero, d("-0.5")));
    // Exactly 0 is not a clamp: 1 − P.1 (2 × 0.5 = 1) = 0.
    let level = ev("1", false, "0", r#""penalty":{"P.1":{"count":2}}"#);
    let c = card(&level);
    let t = &c.adjusted.as_ref().unwrap().total;
    assert_eq!((t.points, t.clamped), (d("0"), None));
    // A set that allows it: −0.5 of 10 → −5.00%, below every class.
    let open = RuleSet::from_toml_str(&SET.replace(
        "penalty_max = \"1.5\"\n",
        "penalty_max = \"1.5\"\ntotal_below_zero = true\n",
    ))
    .unwrap();
    let c = evaluate(&open, &e).unwrap();
    let t = &c.adjusted.as_ref().unwrap().total;
    assert_eq!(
        (t.points, t.index, t.clamped),
        (d("-0.5"), Some(d("-5.00")), None)
    );
    assert!(t.classification.is_none());
}

#[test]
fn an_unclaimed_item_scores_zero_and_is_not_missing_evidence() {
    let c = card(&ev("2", true, "2", r#""bonus":{"T.1":{"count":1}}"#));
    // T.2, P.1, P.2 not claimed: 0 each; T.1 1 × 0.5 = 0.5.
    assert_eq!(item(&c, "T.2"), (d("0"), false));
    assert_eq!(item(&c, "P.1"), (d("0"), false));
    let t2 = c.adjusted.as_ref().unwrap().item("T.2").unwrap();
    assert_eq!(t2.leaf.explanation.to_string(), "not claimed → 0 of 1");
    // Every leaf has evidence, and no item is reported: no findings at all.
    assert!(c.findings.is_empty(), "{:?}", c.findings);
    // Total 6 + 0.5 = 6.5.
    assert_eq!(c.adjusted.as_ref().unwrap().total.points, d("6.5"));
}

#[test]
fn area_sub_indexes_and_the_areas_total_never_include_them() {
    let plain = card(&ev("3", true, "2", ""));
    let with = card(&ev(
        "3",
        true,
        "2",
        r#""bonus":{"T.1":{"count":3}},"penalty":{"P.2":{"met":true}}"#,
    ));
    // Area 1 = 3 + 2 = 5 of 6 → 83.33% either way; the areas total 7 of 10 → 70.00%.
    for c in [&plain, &with] {
        assert_eq!(c.node("1").unwrap().score.index, Some(d("83.33")));
        assert_eq!((c.total.points, c.total.index), (d("7"), Some(d("70.00"))));
    }
    // With them: 7 + 1.5 − 1 = 7.5 → 75.00%.
    let t = &with.adjusted.as_ref().unwrap().total;
    assert_eq!((t.points, t.index), (d("7.5"), Some(d("75.00"))));
}

#[test]
fn an_appraisal_round_changes_a_claim() {
    // Self: areas 2 + 2 + 2 = 6; T.1 3 × 0.5 = 1.5; P.1 not declared → 0. Total 7.5.
    let e = ev("2", true, "2", r#""bonus":{"T.1":{"count":3}}"#);
    let a = Appraisal::from_json_str(
        r#"{"rounds":[
          {"round":1,"changes":{"T.1":{"evidence":{"count":1},"reason":"chỉ 1 sáng kiến được công nhận"}}},
          {"round":2,"changes":{"P.1":{"points":"0.5","reason":"1 hồ sơ trễ hạn"}}}
        ]}"#,
    )
    .unwrap();
    let card = evaluate_appraised(&rs(), &e, &a).unwrap();
    let total = |c: &Scorecard| c.adjusted.as_ref().unwrap().total.points;
    assert_eq!(total(&card.self_assessed), d("7.5"));
    // Round 1: T.1 1 × 0.5 = 0.5 → 6.5. Round 2: P.1 0.5 → 6 + 0.5 − 0.5 = 6 → 60.00%.
    assert_eq!(total(&card.rounds[0]), d("6.5"));
    assert_eq!(item(&card.rounds[1], "P.1"), (d("0.5"), true));
    assert_eq!(
        (card.total.points, card.total.index),
        (d("6"), Some(d("60.00")))
    );
    assert_eq!(
        (card.bonus.counted, card.penalty.counted),
        (d("0.5"), d("0.5"))
    );
    // The changes' effects: T.1 1.5 → 0.5, the total 7.5 → 6.5; P.1 0 → 0.5, 6.5 → 6.
    let rows: Vec<_> = card
        .changes
        .iter()
        .map(|c| {
            (
                c.code.as_str(),
                c.area.as_str(),
                c.leaf.before,
                c.leaf.after,
                c.total_points.after,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("T.1", "bonus", d("1.5"), d("0.5"), d("6.5")),
            ("P.1", "penalty", d("0"), d("0.5"), d("6")),
        ]
    );
    // The same effects, read from scorecards of each change alone.
    assert_eq!(support::assert_effects_match_scorecards(&rs(), &e, &a), 2);
}

#[test]
fn an_appraisal_names_the_item_at_fault() {
    let e = ev("2", true, "2", "");
    let err = |json: &str| {
        let a = Appraisal::from_json_str(json).unwrap();
        let e = evaluate_appraised(&rs(), &e, &a).unwrap_err();
        e.issues()
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        err(r#"{"rounds":[{"round":1,"changes":{"T.1":{"points":"2","reason":"x"}}}]}"#),
        [
            r#"appraisal.rounds[0].changes["T.1"].points: points `2` are outside [0, 1.5] of bonus item `T.1`"#
        ]
    );
    assert_eq!(
        err(
            r#"{"rounds":[{"round":1,"changes":{"T.2":{"evidence":{"level":"xa"},"reason":"x"}}}]}"#
        )[0]
        .split(':')
        .next()
        .unwrap(),
        r#"appraisal.rounds[0].changes["T.2"].evidence.level"#
    );
    // The set declares its items: a free list of bonus points is refused.
    assert_eq!(
        err(r#"{"bonus":[{"points":"1","reason":"x"}]}"#),
        [
            "appraisal.bonus: the set declares its bonus items (`[[bonus]]`): claim them in the unit's evidence, or change them in a round's `changes` by code"
        ]
    );
}

#[test]
fn claims_of_items_the_set_lacks_are_refused_with_their_path() {
    let e = Evidence::from_json_str(
        r#"{"unit":{"name":"Xã A","level":"commune"},"period":{"year":2025},"evidence":{},
        "bonus":{"P.1":{"count":1},"X":{"met":true}},"penalty":{"1.1":{"met":true}}}"#,
    )
    .unwrap();
    let err = evaluate(&rs(), &e).unwrap_err();
    let got: Vec<_> = err.issues().iter().map(ToString::to_string).collect();
    assert_eq!(
        got,
        [
            r#"bonus["P.1"]: `bonus-demo` has no bonus item `P.1`: `P.1` is a penalty item, claimed under `penalty`"#,
            r#"bonus.X: `bonus-demo` has no bonus item `X`"#,
            r#"penalty["1.1"]: `bonus-demo` has no penalty item `1.1`: `1.1` is a criterion, evidenced under `evidence`"#,
        ]
    );
}

#[test]
fn bad_items_are_refused_with_their_paths() {
    let bad = SET
        .replace(
            "per_item = \"0.5\", measure = \"sáng kiến\"",
            "per_item = \"-0.5\"",
        )
        .replace("code = \"P.2\"", "code = \"1.2\"")
        .replace(
            "rule = { kind = \"per_item\", per_item = \"0.5\", measure = \"vi phạm\" }",
            "rule = { kind = \"deduction\", per_item = \"0.5\" }",
        );
    let err = RuleSet::from_toml_str(&bad).unwrap_err();
    let got: Vec<_> = err.issues().iter().map(|i| i.path.to_string()).collect();
    assert_eq!(
        got,
        [
            "bonus[0].rule.per_item",
            "penalty[0].rule.kind",
            "penalty[1].code"
        ]
    );
}

#[test]
fn reports_show_the_items_in_vietnamese_first() {
    let e = ev(
        "2",
        true,
        "2",
        r#""bonus":{"T.1":{"count":3}},"penalty":{"P.2":{"met":true}}"#,
    );
    let card = evaluate(&rs(), &e).unwrap();
    let md = render_scorecard_markdown(&card, Lang::Vi).unwrap();
    // T.1 1,5 of 1,5; P.2 1 of 1; total 6 + 1,5 − 1 = 6,5 → 65,00%.
    // T.1 claimed 3 × 0.5 = 1,5 of 1,5; T.2 and P.1 not claimed; P.2 met → 1 of 1.
    for row in [
        "| T.1 | Điểm thưởng: Sáng kiến CCHC được công nhận | 1,5 | 1,5 |  |  | +1,5 |  |",
        "| T.2 | Điểm thưởng: Khen thưởng về CCHC | 1 | 0 |  |  | +0 |  |",
        "| P.2 | Điểm trừ: Bị phê bình về CCHC | 1 | 1 |  |  | −1 |  |",
        "|  | Điểm thưởng (tối đa 2) | 2 |  |  |  | +1,5 |  |",
        "|  | Điểm trừ (tối đa 1,5) | 1,5 |  |  |  | −1 |  |",
        "|  | **Chỉ số CCHC** | 10 |  |  |  | **6,5** | **65,00** |",
        "- **T.2** Điểm thưởng: Khen thưởng về CCHC: không kê khai → 0/1 điểm.",
    ] {
        assert!(md.contains(row), "{row}\n{md}");
    }
    let csv = render_scorecard_csv(&card, Lang::Vi).unwrap();
    assert!(csv.contains("T.1"), "{csv}");
    assert!(csv.contains("\"6,5\""), "{csv}");
}

#[test]
fn the_2025_templates_declare_content_9() {
    for id in ["vn-commune-2025", "vn-department-2025"] {
        let rs = RuleSet::builtin(id).unwrap();
        let level = rs.level();
        let e = Evidence::from_json_str(&format!(
            r#"{{"unit":{{"name":"Đơn vị A","level":"{level}"}},"period":{{"year":2025}},"evidence":{{}},
            "bonus":{{"T.1":{{"count":5}},"T.2":{{"level":"bo"}}}},"penalty":{{"P.1":{{"count":3}}}}}}"#
        ))
        .unwrap();
        let c = evaluate(&rs, &e).unwrap();
        let a = c.adjusted.as_ref().unwrap();
        // T.1 5 × 0.5 = 2.5 → its cap 2; T.2 `bo` 0.75; P.1 3 × 0.25 = 0.75; P.2 not claimed.
        // No leaf evidenced: areas 0 of 100; total 0 + 2.75 − 0.75 = 2 → 2.00%.
        assert_eq!((a.bonus.counted, a.penalty.counted), (d("2.75"), d("0.75")));
        assert_eq!((a.total.points, a.total.index), (d("2"), Some(d("2.00"))));
        // Every item unverified, and no item is a finding (only the leaves without evidence).
        assert!(
            a.bonus
                .items
                .iter()
                .chain(&a.penalty.items)
                .all(|i| !i.leaf.verified)
        );
        assert!(c.findings.iter().all(|f| !f.code.starts_with(['T', 'P'])));
    }
}

#[test]
fn the_points_card_carries_the_adjusted_total_computed_from_the_claims() {
    // Areas: 1.1 3.5 + 1.2 met 2 = 5.5 of 6; area 2 1 of 4 → 6.5 of 10, 65.00% → Yếu.
    // Bonus: T.1 4 × 0.5 = 2 → item cap 1.5; T.2 `thu_tuong` 1 → claimed 2.5, bonus_max 2.
    // Penalty: P.1 1 × 0.5 = 0.5; P.2 met 1 → 1.5 = penalty_max 1.5.
    // Total: 6.5 + 2 − 1.5 = 7 of 10 → 70.00% → Yếu.
    let e = ev(
        "3.5",
        true,
        "1",
        r#""bonus":{"T.1":{"count":4},"T.2":{"level":"thu_tuong"}},
        "penalty":{"P.1":{"count":1},"P.2":{"met":true}}"#,
    );
    let pc = par_index::scoring::points_card(&rs(), &e).unwrap();
    assert_eq!(
        (pc.total.points, pc.total.index),
        (d("6.5"), Some(d("65.00")))
    );
    assert_eq!(pc.classification.as_ref().unwrap().label, "Yếu");
    let t = pc.adjusted.as_ref().unwrap();
    assert_eq!(
        (t.areas, t.bonus, t.penalty, t.points),
        (d("6.5"), d("2"), d("1.5"), d("7"))
    );
    assert_eq!(t.index, Some(d("70.00")));
    assert_eq!(t.classification.as_ref().unwrap().label, "Yếu");
    assert!(t.clamped.is_none());
    // The whole scorecard's adjusted total is the same.
    assert_eq!(&card(&e).adjusted.unwrap().total, t);
    // Area 1's sub-index: 5.5 ÷ 6 × 100 = 91.666… → 91.67; below the areas none.
    assert_eq!(pc.node("1").unwrap().index, Some(d("91.67")));
    assert_eq!(pc.node("1.1").unwrap().index, None);
}

#[test]
fn the_points_card_clamps_like_the_scorecard() {
    // Areas 10 of 10 + bonus 1.5 = 11.5 → clamped at the maximum 10 (100.00%).
    let e = ev("4", true, "4", r#""bonus":{"T.1":{"count":3}}"#);
    let pc = par_index::scoring::points_card(&rs(), &e).unwrap();
    let t = pc.adjusted.unwrap();
    assert_eq!((t.points, t.index), (d("10"), Some(d("100.00"))));
    let clamp = t.clamped.unwrap();
    assert_eq!((clamp.at, clamp.unclamped), (ClampAt::Max, d("11.5")));
}
