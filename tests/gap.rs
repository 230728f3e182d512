//! Gap analysis: the smallest change per rule kind, the plan and the attainable index, every
//! expected value computed by hand in the comment beside it.

#![allow(
    clippy::unwrap_used,
    reason = "tests unwrap: a failure is the test failing"
)]

use par_index::{Evidence, RuleSet, analysis::GapReport, analysis::gaps};

const RULES: &str = r#"
id = "gap-test"
title = "Bộ tiêu chí kiểm thử"
level = "district"
years = { from = 2023 }
scale = 13
document = { number = "01/QĐ-UBND" }
[[areas]]
code = "1"
title = "Chỉ đạo, điều hành"
max = 6
provenance = { document = "01/QĐ-UBND", verified = false }
[[areas.criteria]]
code = "1.1"
title = "Mức độ thực hiện kế hoạch"
max = 2
rule = { kind = "ratio_bands", measure = "tasks", bands = [{ above = "90", points = "2" }, { at_least = "70", points = "1" }, { points = "0" }] }
[[areas.criteria]]
code = "1.2"
title = "Họp giao ban"
max = 4
rule = { kind = "count_bands", measure = "meetings", bands = [{ at_least = 4, points = "4" }, { at_least = 3, points = "3" }, { at_least = 2, points = "2" }, { at_least = 1, points = "1" }] }
[[areas]]
code = "2"
title = "Thủ tục hành chính"
max = 3
provenance = { document = "01/QĐ-UBND", verified = false }
[[areas.criteria]]
code = "2.1"
title = "Hồ sơ trực tuyến"
max = 2
rule = { kind = "proportional", target = "50", zero_below = "20", measure = "applications" }
[[areas.criteria]]
code = "2.2"
title = "Hồ sơ trễ hạn"
max = 1
rule = { kind = "deduction", per_item = "0.25", measure = "late files" }
[[areas]]
code = "3"
title = "Khác"
max = 4
provenance = { document = "01/QĐ-UBND", verified = false }
[[areas.criteria]]
code = "3.1"
title = "Ban hành văn bản"
max = 1
rule = { kind = "levels", levels = [
  { id = "on_time", label = "Ban hành kịp thời", points = "1" },
  { id = "late", label = "Ban hành không kịp thời", points = "0.5" },
  { id = "none", label = "Không ban hành", points = "0" },
] }
[[areas.criteria]]
code = "3.2"
title = "Bố trí kinh phí"
max = 1
rule = { kind = "check", conditions = [{ id = "identified", label = "Xác định đầy đủ nhiệm vụ" }, { id = "funded", label = "Có bố trí kinh phí" }] }
[[areas.criteria]]
code = "3.3"
title = "Kế hoạch CCHC năm"
max = 1
rule = { kind = "deadline", deadline = "2023-01-15", late = "0.5" }
[[areas.criteria]]
code = "3.4"
title = "Điểm thẩm định"
max = 1
rule = { kind = "manual" }
"#;

const BASE: &str = r#"
  "1.1": { "numerator": 30, "denominator": 36 },
  "1.2": { "count": 2 },
  "2.1": { "numerator": 1500, "denominator": 4857 },
  "2.2": { "count": 2 },
  "3.1": { "level": "none" },
  "3.2": { "conditions": { "identified": true, "funded": false } },
  "3.3": { "documents": [] }
"#;

fn run(period: &str, leaves: &str) -> GapReport {
    let rs = RuleSet::from_toml_str(RULES).unwrap();
    let ev = Evidence::from_json_str(&format!(
        r#"{{ "unit": {{ "name": "Thị xã Duyên Hải", "level": "district" }},
             "period": {period}, "evidence": {{ {leaves} }} }}"#
    ))
    .unwrap();
    gaps(&rs, &ev).unwrap()
}

fn q3(leaves: &str) -> GapReport {
    run(r#"{ "year": 2023, "quarter": 3 }"#, leaves)
}

fn leaf<'a>(r: &'a GapReport, code: &str) -> &'a par_index::analysis::LeafGap {
    r.leaves.iter().find(|g| g.code == code).unwrap()
}

fn next(r: &GapReport, code: &str) -> String {
    leaf(r, code).next.as_ref().unwrap().to_string()
}

fn full(r: &GapReport, code: &str) -> Option<String> {
    leaf(r, code).full.as_ref().map(ToString::to_string)
}

#[test]
fn ratio_bands_minimal_numerator_with_the_denominator_fixed() {
    let r = q3(BASE);
    // 30/36 = 83.33% → band 70–90 → 1. Above 90% of 36: 0.9 × 36 = 32.4, so 33 (32/36 =
    // 88.9% is not above 90): 3 more → 2 points, +1.
    assert_eq!(
        next(&r, "1.1"),
        "tasks done 30 → 33 of 36 (3 more): +1 (→ 2)"
    );
    assert_eq!(full(&r, "1.1"), None);
    // 20/36 = 55.6% → 0. At least 70% of 36: 25.2 → 26: 6 more → 1; to the top band 33: 13 more → 2.
    let r = q3(r#""1.1": { "numerator": 20, "denominator": 36 }"#);
    assert_eq!(
        next(&r, "1.1"),
        "tasks done 20 → 26 of 36 (6 more): +1 (→ 1)"
    );
    assert_eq!(
        full(&r, "1.1").unwrap(),
        "tasks done 20 → 33 of 36 (13 more): +2 (→ 2)"
    );
    // exactly 90% (27/30) is not above 90: the next is 28, one more.
    let r = q3(r#""1.1": { "numerator": 27, "denominator": 30 }"#);
    assert_eq!(
        next(&r, "1.1"),
        "tasks done 27 → 28 of 30 (1 more): +1 (→ 2)"
    );
    // a task list counts its done tasks: 2 done of 3 (66.7%) → 0; 70% of 3 = 2.1 → 3 done,
    // which is 100%, above 90 as well: the one more task that reaches the next band lands in
    // the top one, +2, and there is no further step.
    let r = q3(
        r#""1.1": { "tasks": [{"name":"a","status":"done"},{"name":"b","status":"done"},{"name":"c","status":"in_progress"}] }"#,
    );
    assert_eq!(next(&r, "1.1"), "tasks done 2 → 3 of 3 (1 more): +2 (→ 2)");
    assert_eq!(full(&r, "1.1"), None);
}

#[test]
fn count_bands_one_more_meeting() {
    let r = q3(BASE);
    // 2 meetings → 2; 3 → 3 (+1); 4 → 4 (+2)
    assert_eq!(next(&r, "1.2"), "meetings 2 → 3 (1 more): +1 (→ 3)");
    assert_eq!(
        full(&r, "1.2").unwrap(),
        "meetings 2 → 4 (2 more): +2 (→ 4)"
    );
    // 0 meetings → below every band, 0; 1 → 1
    let r = q3(r#""1.2": { "count": 0 }"#);
    assert_eq!(next(&r, "1.2"), "meetings 0 → 1 (1 more): +1 (→ 1)");
}

#[test]
fn proportional_points_per_unit_and_units_to_target() {
    let r = q3(BASE);
    let g = leaf(&r, "2.1");
    // 1500/4857 = 30.88% of a 50% target: 1500 × 2 × 100 ÷ (50 × 4857) = 300000 ÷ 242850
    // = 1.2353… → 1.24. Each unit: 2 × 100 ÷ (50 × 4857) = 200 ÷ 242850 = 0.000823…
    assert_eq!(g.points.to_string(), "1.24");
    assert_eq!(
        g.per_unit.unwrap(),
        par_index::Decimal::from(200) / par_index::Decimal::from(242_850)
    );
    // one more unit is hidden by rounding until 1.245: n × 200 ÷ 242850 ≥ 1.245 ⇔ n ≥ 1511.7,
    // so 1512 (302400 ÷ 242850 = 1.2452 → 1.25): 12 more, +0.01.
    assert_eq!(
        next(&r, "2.1"),
        "applications done 1500 → 1512 of 4857 (12 more): +0.01 (→ 1.25)"
    );
    // the target: 50% of 4857 = 2428.5 → 2429, 929 more → 2, +0.76
    assert_eq!(
        full(&r, "2.1").unwrap(),
        "applications done 1500 → 2429 of 4857 (929 more): +0.76 (→ 2)"
    );
    // under the 20% floor: 900/4857 = 18.5% → 0; 20% of 4857 = 971.4 → 972: 72 more,
    // 972 × 200 ÷ 242850 = 0.8005 → 0.8
    let r = q3(r#""2.1": { "numerator": 900, "denominator": 4857 }"#);
    assert_eq!(
        next(&r, "2.1"),
        "applications done 900 → 972 of 4857 (72 more): +0.8 (→ 0.8)"
    );
}

#[test]
fn deduction_one_fewer_and_past_the_floor() {
    let r = q3(BASE);
    // 2 late files: 1 − 2 × 0.25 = 0.5; 1 fewer → 0.75 (+0.25); none → 1 (+0.5)
    assert_eq!(
        next(&r, "2.2"),
        "late files 2 → 1 (1 fewer): +0.25 (→ 0.75)"
    );
    assert_eq!(
        full(&r, "2.2").unwrap(),
        "late files 2 → 0 (2 fewer): +0.5 (→ 1)"
    );
    // 6 late files: 1 − 1.5 < 0, floored at 0; 5 is still floored (1 − 1.25 < 0); the
    // largest count above the floor is c < (1 − 0) ÷ 0.25 = 4, so 3: 1 − 0.75 = 0.25.
    let r = q3(r#""2.2": { "count": 6 }"#);
    assert_eq!(
        next(&r, "2.2"),
        "late files 6 → 3 (3 fewer): +0.25 (→ 0.25)"
    );
}

#[test]
fn levels_check_deadline_and_missing_evidence() {
    let r = q3(BASE);
    assert_eq!(
        next(&r, "3.1"),
        "outcome `none` → `late` (Ban hành không kịp thời): +0.5 (→ 0.5)"
    );
    assert_eq!(
        full(&r, "3.1").unwrap(),
        "outcome `none` → `on_time` (Ban hành kịp thời): +1 (→ 1)"
    );
    assert_eq!(
        next(&r, "3.2"),
        "meet: Có bố trí kinh phí (`funded`): +1 (→ 1)"
    );
    // Q3 ends 30/09/2023, after the 15/01 deadline: issuing now is late, 0.5
    assert_eq!(
        next(&r, "3.3"),
        "issue the document (deadline 2023-01-15): late: +0.5 (→ 0.5)"
    );
    assert_eq!(
        next(&r, "3.4"),
        "supply the evidence (no evidence scores 0): +1 (→ 1)"
    );
    assert!(leaf(&r, "3.4").note.is_none());
    // a manual leaf with evidence has no computed step
    let r = q3(r#""3.4": { "points": "0.5" }"#);
    assert!(leaf(&r, "3.4").next.is_none());
    assert!(leaf(&r, "3.4").note.is_some());
}

#[test]
fn the_plan_ranks_by_points_then_effort() {
    let r = q3(BASE);
    let plan: Vec<String> = r
        .plan
        .iter()
        .map(|i| format!("{} +{} ({})", i.code, i.step.gain, i.step.effort))
        .collect();
    // +1: 1.2 (1 meeting), 3.2 (1 condition), 3.4 (supply), then 1.1 (3 tasks);
    // +0.76: 2.1 to its target (929 units); +0.5: 3.1, 3.3; +0.25: 2.2
    assert_eq!(
        plan,
        [
            "1.2 +1 (1)",
            "3.2 +1 (1)",
            "3.4 +1 (1)",
            "1.1 +1 (3)",
            "2.1 +0.76 (929)",
            "3.1 +0.5 (1)",
            "3.3 +0.5 (1)",
            "2.2 +0.25 (1)"
        ]
    );
}

#[test]
fn attainable_index_provisional_and_annual() {
    let r = q3(BASE);
    // now: 1 + 2 + 1.24 + 0.5 + 0 + 0 + 0 + 0 = 4.74 of 13 = 36.4615…% → 36.46
    assert_eq!(r.points.to_string(), "4.74");
    assert_eq!(r.index.unwrap().to_string(), "36.46");
    // a quarter: every leaf open, at its max, except the plan due 15/01 and not issued by
    // 30/09: 0.5. 13 − 0.5 = 12.5 of 13 = 96.1538…% → 96.15
    assert_eq!(r.attainable.points.to_string(), "12.5");
    assert_eq!(r.attainable.index.unwrap().to_string(), "96.15");
    assert_eq!(
        (r.attainable.final_leaves, r.attainable.open_leaves),
        (0, 8)
    );
    // the year: the 7 leaves with evidence are final at 4.74; 3.4 can still be supplied, 1:
    // 5.74 of 13 = 44.1538…% → 44.15; only 3.4 is in the plan
    let r = run(r#"{ "year": 2023 }"#, BASE);
    assert_eq!(r.attainable.points.to_string(), "5.74");
    assert_eq!(r.attainable.index.unwrap().to_string(), "44.15");
    assert_eq!(
        (r.attainable.final_leaves, r.attainable.open_leaves),
        (7, 1)
    );
    assert_eq!(r.plan.len(), 1);
    assert_eq!(r.plan[0].code, "3.4");
}

#[test]
fn citing_documents_lifts_a_capped_leaf() {
    let rules = r#"
id = "cap-test"
title = "Bộ tiêu chí kiểm thử"
level = "district"
years = { from = 2023 }
scale = 1
document = { number = "01/QĐ-UBND" }
[[areas]]
code = "1"
title = "Kiểm tra CCHC"
max = 1
without_documents = "0.5"
provenance = { document = "01/QĐ-UBND", verified = false }
rule = { kind = "check" }
"#;
    let rs = RuleSet::from_toml_str(rules).unwrap();
    let ev = Evidence::from_json_str(
        r#"{ "unit": { "name": "Thị xã Duyên Hải", "level": "district" },
             "period": { "year": 2023, "quarter": 3 }, "evidence": { "1": { "met": true } } }"#,
    )
    .unwrap();
    let r = gaps(&rs, &ev).unwrap();
    // met → 1, capped at 0.5 without documents; citing them gives back 0.5
    assert_eq!(r.points.to_string(), "0.5");
    assert_eq!(
        r.plan[0].to_string(),
        "1 Kiểm tra CCHC: cite the documents (tài liệu kiểm chứng): +0.5 (→ 1)"
    );
}

#[test]
fn every_step_gains_exactly_what_a_what_if_shows() {
    // Cross-check: the evidence after each step, tried as a what-if, moves the leaf by the
    // step's gain and no other leaf.
    let rs = RuleSet::from_toml_str(RULES).unwrap();
    let ev = Evidence::from_json_str(&format!(
        r#"{{ "unit": {{ "name": "Thị xã Duyên Hải", "level": "district" }},
             "period": {{ "year": 2023, "quarter": 3 }}, "evidence": {{ {BASE} }} }}"#
    ))
    .unwrap();
    let r = gaps(&rs, &ev).unwrap();
    let mut tried = 0;
    for g in &r.leaves {
        for step in g.next.iter().chain(&g.full) {
            let Some(after) = &step.evidence else {
                continue;
            };
            let mut s = par_index::analysis::Scenario::default();
            s.replace.insert(g.code.clone(), after.clone());
            let w = par_index::analysis::what_if(&rs, &ev, &s).unwrap();
            let leaf = w.nodes.iter().find(|n| n.code == g.code).unwrap();
            assert_eq!(leaf.points_delta(), Some(step.gain), "{} {step}", g.code);
            assert_eq!(w.total.points_delta(), Some(step.gain), "{} {step}", g.code);
            tried += 1;
        }
    }
    // next and full of 1.1 (1), 1.2 (2), 2.1 (2), 2.2 (2), 3.1 (2), 3.2 (1), 3.3 (1) = 11
    assert_eq!(tried, 11);
}

#[test]
fn the_report_serializes_with_decimals_as_strings() {
    let r = q3(BASE);
    let json = serde_json::to_value(&r).unwrap();
    let first = &json["plan"][0];
    assert_eq!(first["code"], "1.2");
    assert_eq!(first["step"]["gain"], "1");
    assert_eq!(first["step"]["change"]["change"], "more");
    assert_eq!(first["step"]["change"]["to"], "3");
    assert_eq!(json["attainable"]["index"], "96.15");
    assert_eq!(json["leaves"][0]["final"], false);
}

#[test]
fn amounts_find_the_smallest_gain_by_search() {
    // Capital disbursed 38.072.000.000 of 132.928.000.000 đồng against a 50% target, max 2:
    // points = n × 2 × 100 ÷ (50 × 132928000000) = n × 4 ÷ 132928000000;
    // now 152288 ÷ 132928 = 1.1456… → 1.15. The next 0.01 needs exact ≥ 1.155:
    // n ≥ 1.155 × 132928000000 ÷ 4 = 1.155 × 33232000000 = 38382960000 (exactly 1.155 there),
    // 310960000 more. The target: 50% of 132928000000 = 66464000000, +0.85 → 2.
    let r = q3(r#""2.1": { "numerator": 38072000000, "denominator": 132928000000 }"#);
    assert_eq!(
        next(&r, "2.1"),
        "applications done 38072000000 → 38382960000 of 132928000000 (310960000 more): +0.01 (→ 1.16)"
    );
    assert_eq!(
        full(&r, "2.1").unwrap(),
        "applications done 38072000000 → 66464000000 of 132928000000 (28392000000 more): +0.85 (→ 2)"
    );
    let plan = r.plan.iter().find(|i| i.code == "2.1").unwrap();
    assert_eq!(plan.step.gain.to_string(), "0.85");
}

#[test]
fn per_item_one_more_item_and_the_count_that_reaches_the_cap() {
    let rs = RuleSet::from_toml_str(
        r#"
id = "gap-per-item"
title = "Sáng kiến"
level = "commune"
years = { from = 2025 }
scale = 3
document = { number = "01/QĐ-UBND" }
[[areas]]
code = "1"
title = "Sáng kiến CCHC"
max = 3
provenance = { document = "01/QĐ-UBND", verified = false }
rule = { kind = "per_item", per_item = "0.5", cap = "2", measure = "initiatives" }
"#,
    )
    .unwrap();
    let at = |count: u32| {
        let ev = Evidence::from_json_str(&format!(
            r#"{{ "unit": {{ "name": "Phường Một", "level": "commune" }},
                 "period": {{ "year": 2025 }}, "evidence": {{ "1": {{ "count": {count} }} }} }}"#
        ))
        .unwrap();
        gaps(&rs, &ev).unwrap()
    };
    // 1 initiative: 0.5; one more → 1 (+0.5); ⌈2 ÷ 0.5⌉ = 4 → the cap 2 (+1.5)
    let r = at(1);
    assert_eq!(next(&r, "1"), "initiatives 1 → 2 (1 more): +0.5 (→ 1)");
    assert_eq!(
        full(&r, "1").unwrap(),
        "initiatives 1 → 4 (3 more): +1.5 (→ 2)"
    );
    // 3 initiatives: 1.5; the next one reaches the cap, no further step
    let r = at(3);
    assert_eq!(next(&r, "1"), "initiatives 3 → 4 (1 more): +0.5 (→ 2)");
    assert_eq!(full(&r, "1"), None);
    // At the cap (4 → 2) and past it (5 → 2): nothing more to gain, though the leaf is below
    // its max 3 (the cap, not the max, is its ceiling).
    for n in [4, 5] {
        let r = at(n);
        assert!(
            r.leaves
                .iter()
                .find(|g| g.code == "1")
                .is_none_or(|g| g.next.is_none()),
            "{n}"
        );
    }
}

/// "Meet the criterion" when a check leaf has no named conditions; the conditions otherwise
/// (kills the `conditions.is_empty()` guard → `false` in `EvidenceChange`'s `Display`).
#[test]
fn meeting_a_check_reads_with_or_without_its_conditions() {
    use par_index::analysis::EvidenceChange;
    let plain = EvidenceChange::Meet { conditions: vec![] };
    assert_eq!(plain.to_string(), "meet the criterion");
    let named = EvidenceChange::Meet {
        conditions: vec!["kế hoạch ban hành".into(), "báo cáo đúng hạn".into()],
    };
    assert_eq!(
        named.to_string(),
        "meet: kế hoạch ban hành; báo cáo đúng hạn"
    );
}
