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

/// One leaf of max `max` (also the scale) in a set of its own, scored in the third quarter of
/// 2023; the rest of the node (`rule`, `without_documents`) is given as TOML lines.
fn one_leaf(max: u32, node: &str, leaf_ev: &str) -> GapReport {
    let rs = RuleSet::from_toml_str(&format!(
        r#"
id = "gap-one"
title = "Bộ tiêu chí kiểm thử"
level = "district"
years = {{ from = 2023 }}
scale = {max}
document = {{ number = "01/QĐ-UBND" }}
[[areas]]
code = "1"
title = "Chỉ tiêu"
max = {max}
provenance = {{ document = "01/QĐ-UBND", verified = false }}
{node}
"#
    ))
    .unwrap();
    let ev = Evidence::from_json_str(&format!(
        r#"{{ "unit": {{ "name": "Thị xã Duyên Hải", "level": "district" }},
             "period": {{ "year": 2023, "quarter": 3 }}, "evidence": {{ {leaf_ev} }} }}"#
    ))
    .unwrap();
    gaps(&rs, &ev).unwrap()
}

/// Meetings counted in bands 1 → 1 … 4 → 4 (max 4), at most 1 without cited documents.
const CAPPED_MEETINGS: &str = r#"
without_documents = "1"
rule = { kind = "count_bands", measure = "meetings", bands = [{ at_least = 4, points = "4" }, { at_least = 3, points = "3" }, { at_least = 2, points = "2" }, { at_least = 1, points = "1" }] }
"#;

/// The `without_documents` cap applies to the hypothetical evidence of a step when it cites
/// no document, and not when it cites some; the steps keep the documents cited.
///
/// No documents, 0 meetings → 0. Candidates: 1 meeting → min(1, cap 1) = 1, 2 → min(2, 1) = 1,
/// 3 → 1, 4 → 1: all +1, the least effort is 1 meeting, which is `next`, so no `full`. Citing
/// documents with 0 meetings still scores 0: no "cite" step.
/// With a document cited, 0 → 0; 1 meeting → 1 (+1), 4 → 4 (+4): `next` 1 more, `full` 4 more,
/// and the step's evidence still cites the document.
///
/// Kills, in src/gap/steps.rs: the guard `!cited(ev)` → `false` in `LeafCtx::score` (the full
/// step 0 → 4 would pay +4 uncapped); `fresh` → `Default::default()` and deleting its
/// `documents` field (the cited case would be capped: +1 and no `full`); in `best`, `>` → `>=`,
/// `&&` → `||` and `<` → `>` (each picks the later 4-meeting step among the equal +1s, a
/// `full` of 4 more).
#[test]
fn the_documents_cap_applies_to_a_step_only_when_it_cites_none() {
    let r = one_leaf(4, CAPPED_MEETINGS, r#""1": { "count": 0 }"#);
    assert_eq!(r.points.to_string(), "0");
    assert_eq!(next(&r, "1"), "meetings 0 → 1 (1 more): +1 (→ 1)");
    assert_eq!(full(&r, "1"), None);

    let doc = "Biên bản số 01/BB-UBND ngày 10/3/2023 về họp giao ban";
    let r = one_leaf(
        4,
        CAPPED_MEETINGS,
        &format!(r#""1": {{ "count": 0, "documents": ["{doc}"] }}"#),
    );
    assert_eq!(r.points.to_string(), "0");
    assert_eq!(next(&r, "1"), "meetings 0 → 1 (1 more): +1 (→ 1)");
    assert_eq!(full(&r, "1").unwrap(), "meetings 0 → 4 (4 more): +4 (→ 4)");
    let after = leaf(&r, "1")
        .full
        .as_ref()
        .unwrap()
        .evidence
        .as_ref()
        .unwrap();
    assert_eq!(after.count.unwrap().to_string(), "4");
    assert_eq!(after.documents.as_deref().unwrap(), [doc.to_string()]);
}

/// Among outcomes that reach the most points with the same effort, the first listed is the
/// one reached, so it is `next` and there is no separate `full`.
///
/// Levels `complete` 1, `early` 1, `none` 0; now `none` → 0. The better outcomes, by points (a
/// stable sort keeps the listed order): `complete` (+1, effort 1), `early` (+1, effort 1). `next`
/// is `complete`; the best is still `complete` (no more points, no less effort): no `full` step.
///
/// Kills, in `best` of src/gap/steps.rs: `>` → `>=`, `&&` → `||`, `<` → `==` and `<` → `<=`
/// (each takes `early` on the tie, a `full` step to `early`).
#[test]
fn outcomes_tied_on_points_and_effort_keep_the_first() {
    let r = one_leaf(
        1,
        r#"
rule = { kind = "levels", levels = [
  { id = "complete", label = "Ban hành đầy đủ", points = "1" },
  { id = "early", label = "Ban hành sớm", points = "1" },
  { id = "none", label = "Không ban hành", points = "0" },
] }
"#,
        r#""1": { "level": "none" }"#,
    );
    assert_eq!(
        next(&r, "1"),
        "outcome `none` → `complete` (Ban hành đầy đủ): +1 (→ 1)"
    );
    assert_eq!(full(&r, "1"), None);
}

/// Two steps capped to the same points: the one with less effort is `full`, even when it
/// comes second.
///
/// A share in bands `at_least 70.005` → 2, `above 70` → 1, else 0 (max 2), at most 1 without
/// documents; 60% → 0. The nearer band first: above 70 needs 70.01% (effort 10.01), min(1, 1)
/// = 1, +1: `next`. Then at least 70.005 needs 70.005% (effort 10.005), min(2, 1) = 1, +1:
/// same points, less effort, so it is the best: `full` = 60% → 70.005%, +1.
///
/// Kills `==` → `!=` in `best` of src/gap/steps.rs (equal points no longer compare effort:
/// the first, `next`, stays best and there is no `full`), and `>` → `<` in the percent branch
/// of `reach_share` (70.01% and 70.005%, below 100%, would be out of reach: no step).
#[test]
fn of_two_capped_steps_the_lesser_effort_is_full() {
    let r = one_leaf(
        2,
        r#"
without_documents = "1"
rule = { kind = "ratio_bands", bands = [{ at_least = "70.005", points = "2" }, { above = "70", points = "1" }, { points = "0" }] }
"#,
        r#""1": { "percent": 60 }"#,
    );
    assert_eq!(next(&r, "1"), "share 60% → 70.01%: +1 (→ 1)");
    assert_eq!(full(&r, "1").unwrap(), "share 60% → 70.005%: +1 (→ 1)");
}

/// A leaf without evidence whose most is what it scores now has no "supply" step.
///
/// A plan due 15/01/2023 (`deadline`, max 1, `late` left at its default 0), no evidence, in
/// the third quarter (ends 30/09/2023): issuing now is late, 0, and the missing leaf scores 0.
/// Ceiling 0 = points 0: no step. The leaf is still listed (0 of 1, 1 left); attainable 0.
///
/// Kills `>` → `>=` in `leaf_gap` of src/gap/steps.rs (a "supply" step gaining 0).
#[test]
fn no_supply_step_when_supplying_cannot_gain() {
    let r = one_leaf(
        1,
        r#"
rule = { kind = "deadline", deadline = "2023-01-15" }
"#,
        "",
    );
    let g = leaf(&r, "1");
    assert_eq!(
        (g.points.to_string(), g.points_left.to_string()),
        ("0".to_string(), "1".to_string())
    );
    assert!(g.next.is_none());
    assert!(g.full.is_none());
    assert!(r.plan.is_empty());
    assert_eq!(r.attainable.points.to_string(), "0");
}

/// A `per_item` leaf without evidence can be supplied up to its cap, not its max.
///
/// Initiatives at 0.5 each, capped at 2, on a leaf of max 3; no evidence in a quarter → 0.
/// Supplying it reaches the cap 2: +2 (→ 2); the leaf is open, counted at 2 of 3 in the
/// attainable: 2 ÷ 3 × 100 = 66.666…% → 66.67.
///
/// Kills deleting the `Rule::PerItem` arm of `ceiling` in src/gap/steps.rs (the ceiling would
/// be the max 3: +3, attainable 3 of 3 = 100.00).
#[test]
fn a_per_item_leaf_without_evidence_reaches_its_cap() {
    let r = one_leaf(
        3,
        r#"rule = { kind = "per_item", per_item = "0.5", cap = "2", measure = "initiatives" }"#,
        "",
    );
    assert_eq!(
        next(&r, "1"),
        "supply the evidence (no evidence scores 0): +2 (→ 2)"
    );
    assert_eq!(r.attainable.points.to_string(), "2");
    assert_eq!(r.attainable.index.unwrap().to_string(), "66.67");
}

/// A `deadline` document already issued, by a `date` or by a cited document, keeps the points
/// it has: issuing "again" by the end of the period is not its ceiling.
///
/// Due 15/01/2023, late 0.5 until 28/02/2023, then 0 (`not_issued` default); issued 20/01/2023
/// → late, 0.5 (of max 1). In the third quarter the leaf is open; issued, its ceiling is its
/// points 0.5, so attainable 0.5 of 1 = 50.00. (Were it taken as not issued, issuing by
/// 30/09/2023 is after 28/02: too late, 0, attainable 0.00.) No step: it is not `not_issued`.
///
/// Kills `||` → `&&` in `ceiling` of src/gap/steps.rs (`date` without documents, and documents
/// without `date`, would each count as not issued).
#[test]
fn an_issued_deadline_document_keeps_its_points_as_ceiling() {
    let node = r#"rule = { kind = "deadline", deadline = "2023-01-15", late = "0.5", late_until = "2023-02-28" }"#;
    for ev in [
        r#""1": { "date": "2023-01-20" }"#,
        r#""1": { "documents": ["Kế hoạch số 05/KH-UBND ngày 20/1/2023 về cải cách hành chính năm 2023"] }"#,
    ] {
        let r = one_leaf(1, node, ev);
        assert_eq!(r.points.to_string(), "0.5", "{ev}");
        assert!(leaf(&r, "1").next.is_none(), "{ev}");
        assert_eq!(r.attainable.points.to_string(), "0.5", "{ev}");
        assert_eq!(r.attainable.index.unwrap().to_string(), "50.00", "{ev}");
    }
}

/// A `proportional` leaf one unit short of its target: that one unit is the step, and it is
/// also the way to the target (no separate `full`).
///
/// Target 50%, max 2, 4 of 10 done: 4 ÷ 10 × 2 × 100 ÷ 50 = 1.6; each unit 2 × 100 ÷ (50 × 10)
/// = 0.4. The target: 50% of 10 = 5, one more → 2, +0.4; the search runs from 5 to 5.
///
/// Kills `>` → `>=` and `>` → `==` in `one_more` of src/gap/steps.rs (a search from 5 to 5
/// would be taken as empty: no step).
#[test]
fn one_unit_short_of_the_target_is_one_step() {
    let r = one_leaf(
        2,
        r#"rule = { kind = "proportional", target = "50", measure = "applications" }"#,
        r#""1": { "numerator": 4, "denominator": 10 }"#,
    );
    // compared as decimals: the scale the computation leaves (1.60) is not the point
    let dec = |s: &str| s.parse::<par_index::Decimal>().unwrap();
    assert_eq!(leaf(&r, "1").points, dec("1.6"));
    assert_eq!(leaf(&r, "1").per_unit.unwrap(), dec("0.4"));
    assert_eq!(
        next(&r, "1"),
        "applications done 4 → 5 of 10 (1 more): +0.4 (→ 2)"
    );
    assert_eq!(full(&r, "1"), None);
}

/// Under `allow_over`, a target above 100% is searched past the denominator.
///
/// Target 120%, `allow_over`, max 12, 10 of 10 done (100%): 10 ÷ 10 × 12 × 100 ÷ 120 = 10;
/// each unit 12 × 100 ÷ (120 × 10) = 1. One more, 11 of 10 → 11, +1; the target, 120% of 10
/// = 12 → 12, +2.
///
/// Kills deleting the `!` of `!r.opts.allow_over` in `proportional` of src/gap/steps.rs (the
/// search would stop at the denominator 10, below 11: no `next`).
#[test]
fn over_the_denominator_under_allow_over() {
    let r = one_leaf(
        12,
        r#"rule = { kind = "proportional", target = "120", allow_over = true, measure = "revenue items" }"#,
        r#""1": { "numerator": 10, "denominator": 10 }"#,
    );
    assert_eq!(
        leaf(&r, "1").points,
        "10".parse::<par_index::Decimal>().unwrap()
    );
    assert_eq!(
        next(&r, "1"),
        "revenue items done 10 → 11 of 10 (1 more): +1 (→ 11)"
    );
    assert_eq!(
        full(&r, "1").unwrap(),
        "revenue items done 10 → 12 of 10 (2 more): +2 (→ 12)"
    );
}

/// A share given as a percentage reaches a band at exactly 100% without `allow_over`, and one
/// past 100% with it.
///
/// Bands `at_least 100` → 2, `at_least 70` → 1, else 0 (max 2); 80% → 1. The next band needs
/// 100%, which a share can be: 80% → 100%, +1 (→ 2).
/// With `allow_over`, bands `at_least 120` → 2, `at_least 100` → 1, else 0; 110% → 1. The next
/// band needs 120%, allowed: 110% → 120%, +1 (→ 2).
///
/// Kills, in `reach_share` of src/gap/steps.rs (the percent branch): `>` → `>=` and `>` → `==`
/// (100% would be out of reach: no step), `&&` → `||` (every share out of reach without
/// `allow_over`) and deleting the `!` of `!opts.allow_over` (120% out of reach with it).
#[test]
fn a_percent_reaches_100_and_past_it_only_under_allow_over() {
    let r = one_leaf(
        2,
        r#"rule = { kind = "ratio_bands", bands = [{ at_least = "100", points = "2" }, { at_least = "70", points = "1" }, { points = "0" }] }"#,
        r#""1": { "percent": 80 }"#,
    );
    assert_eq!(next(&r, "1"), "share 80% → 100%: +1 (→ 2)");
    assert_eq!(full(&r, "1"), None);
    let r = one_leaf(
        2,
        r#"rule = { kind = "ratio_bands", allow_over = true, bands = [{ at_least = "120", points = "2" }, { at_least = "100", points = "1" }, { points = "0" }] }"#,
        r#""1": { "percent": 110 }"#,
    );
    assert_eq!(next(&r, "1"), "share 110% → 120%: +1 (→ 2)");
    assert_eq!(full(&r, "1"), None);
}

/// The plain-text analysis of the test set in the third quarter, whole, in Vietnamese and in
/// English: the header (points, index, attainable, final and open leaves) and the plan, one
/// step a line, in the order of `the_plan_ranks_by_points_then_effort`.
///
/// By hand, from the figures of the tests above: now 4.74 points, index 36.46%; attainable
/// 12.5 of 13, 96.15%; 0 final, 8 open. Vietnamese numbers use a decimal comma and a dot
/// between thousands (1.500, 0,76), dates `DD/MM/YYYY` (30/09/2023; the deadline 15/01/2023),
/// measures in Vietnamese where known (tasks → nhiệm vụ, meetings → cuộc họp, applications →
/// hồ sơ; "late files" as written); the plan step of 2.1 is the way to its target.
///
/// Kills, in src/gap/text.rs: `GapReport::to_text` → `String::new()` / `"xyzzy"`; `date_vi`
/// → `String::new()` / `"xyzzy"` and deleting its `(Some(y), Some(m), Some(d))` arm (the date
/// would be left `2023-09-30`); `change_vi` → `String::new()` / `"xyzzy"`; its guard
/// `conditions.is_empty()` → `true` (3.2 would read "đáp ứng tiêu chí").
#[test]
fn the_gap_text_whole_in_vietnamese_and_english() {
    use par_index::report::Lang;
    let r = q3(BASE);
    assert_eq!(
        r.to_text(Lang::Vi),
        "Phân tích điểm còn thiếu (tạm tính, đến ngày 30/09/2023): 4,74 điểm, chỉ số 36,46%\n\
         Có thể đạt tối đa: 12,5 / 13 điểm, chỉ số 96,15% (0 tiêu chí đã chốt, 8 tiêu chí còn thay đổi được)\n\
         Kế hoạch:\n\
         \x20 - 1.2 Họp giao ban: cuộc họp 2 → 3 (thêm 1): +1 (→ 3)\n\
         \x20 - 3.2 Bố trí kinh phí: đáp ứng: Có bố trí kinh phí (`funded`): +1 (→ 1)\n\
         \x20 - 3.4 Điểm thẩm định: bổ sung tài liệu kiểm chứng (không có thì tính 0 điểm): +1 (→ 1)\n\
         \x20 - 1.1 Mức độ thực hiện kế hoạch: nhiệm vụ hoàn thành 30 → 33 trên 36 (thêm 3): +1 (→ 2)\n\
         \x20 - 2.1 Hồ sơ trực tuyến: hồ sơ hoàn thành 1.500 → 2.429 trên 4.857 (thêm 929): +0,76 (→ 2)\n\
         \x20 - 3.1 Ban hành văn bản: kết quả `none` → `late` (Ban hành không kịp thời): +0,5 (→ 0,5)\n\
         \x20 - 3.3 Kế hoạch CCHC năm: ban hành văn bản (hạn 15/01/2023): chậm: +0,5 (→ 0,5)\n\
         \x20 - 2.2 Hồ sơ trễ hạn: late files 2 → 1 (bớt 1): +0,25 (→ 0,75)\n"
    );
    assert_eq!(
        r.to_text(Lang::En),
        "Gaps (provisional, as of 2023-09-30): 4.74 points, index 36.46%\n\
         Attainable: 12.5 / 13 points, index 96.15% (0 final leaves, 8 open)\n\
         Plan:\n\
         \x20 - 1.2 Họp giao ban: meetings 2 → 3 (1 more): +1 (→ 3)\n\
         \x20 - 3.2 Bố trí kinh phí: meet: Có bố trí kinh phí (`funded`): +1 (→ 1)\n\
         \x20 - 3.4 Điểm thẩm định: supply the evidence (no evidence scores 0): +1 (→ 1)\n\
         \x20 - 1.1 Mức độ thực hiện kế hoạch: tasks done 30 → 33 of 36 (3 more): +1 (→ 2)\n\
         \x20 - 2.1 Hồ sơ trực tuyến: applications done 1500 → 2429 of 4857 (929 more): +0.76 (→ 2)\n\
         \x20 - 3.1 Ban hành văn bản: outcome `none` → `late` (Ban hành không kịp thời): +0.5 (→ 0.5)\n\
         \x20 - 3.3 Kế hoạch CCHC năm: issue the document (deadline 2023-01-15): late: +0.5 (→ 0.5)\n\
         \x20 - 2.2 Hồ sơ trễ hạn: late files 2 → 1 (1 fewer): +0.25 (→ 0.75)\n"
    );
}

/// A check without named conditions reads "đáp ứng tiêu chí" in the Vietnamese text.
///
/// A `check` leaf of max 1, not met, in the third quarter: 0 points, index 0 ÷ 1 = 0,00%;
/// attainable 1 / 1, 100,00%, the leaf open; the one step: meet it, +1 (→ 1).
///
/// Kills the guard `conditions.is_empty()` → `false` in `change_vi` of src/gap/text.rs (it
/// would read "đáp ứng: " with nothing after).
#[test]
fn a_check_without_conditions_reads_meet_the_criterion_in_vietnamese() {
    let r = one_leaf(
        1,
        r#"rule = { kind = "check" }"#,
        r#""1": { "met": false }"#,
    );
    assert_eq!(
        r.to_text(par_index::report::Lang::Vi),
        "Phân tích điểm còn thiếu (tạm tính, đến ngày 30/09/2023): 0 điểm, chỉ số 0,00%\n\
         Có thể đạt tối đa: 1 / 1 điểm, chỉ số 100,00% (0 tiêu chí đã chốt, 1 tiêu chí còn thay đổi được)\n\
         Kế hoạch:\n\
         \x20 - 1 Chỉ tiêu: đáp ứng tiêu chí: +1 (→ 1)\n"
    );
}

/// A band out of reach does not hide the bands above it. Bands `at_least 100` → 2, `above
/// 99.995` (to under 100) → 1, else 0 (max 2); 80% → 0. The band above 99.995% would need
/// 99.995 + 0.01 = 100.005%, past 100% (no `allow_over`): out of reach; the band at 100% is
/// not: 80% → 100%, +2 (→ 2). (The search used to stop at the first band out of reach, and
/// the leaf had no step at all.)
#[test]
fn a_band_out_of_reach_does_not_hide_a_higher_one() {
    let r = one_leaf(
        2,
        r#"rule = { kind = "ratio_bands", bands = [{ at_least = "100", points = "2" }, { above = "99.995", below = "100", points = "1" }, { points = "0" }] }"#,
        r#""1": { "percent": 80 }"#,
    );
    assert_eq!(next(&r, "1"), "share 80% → 100%: +2 (→ 2)");
    assert_eq!(full(&r, "1"), None);
}

/// When rounding hides the gain of one fewer item, the next step is the largest count that
/// gains. `per_item = "0.001"` off a max of 1, points to 2 decimals, half-up: 7 items →
/// 1 − 0.007 = 0.993 → 0.99; 6 → 0.994 → 0.99 (no gain); 5 → 0.995 → 1.00 (+0.01). So the
/// next step is 7 → 5, and the full one 7 → 0 (1, also +0.01). (The leaf used to get no next
/// step, and so no step in the plan.)
#[test]
fn a_deduction_hidden_by_rounding_steps_to_the_largest_count_that_gains() {
    let r = one_leaf(
        1,
        r#"rule = { kind = "deduction", per_item = "0.001", measure = "late files" }"#,
        r#""1": { "count": 7 }"#,
    );
    assert_eq!(next(&r, "1"), "late files 7 → 5 (2 fewer): +0.01 (→ 1)");
    assert_eq!(
        full(&r, "1").unwrap(),
        "late files 7 → 0 (7 fewer): +0.01 (→ 1)"
    );
    assert_eq!(r.plan.len(), 1, "{:?}", r.plan);
}
