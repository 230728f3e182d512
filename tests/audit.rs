//! The audit on the figures of the Duyên Hải Q3 2023 report (../shared/seeds), every expected
//! value checked by hand in the comment beside it.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "tests unwrap: a failure is the test failing"
)]
use par_index::{Evidence, RuleSet, analysis::AuditCheck, analysis::Severity, analysis::audit};

const RULES: &str = r#"
id = "audit-test"
title = "Bộ tiêu chí kiểm thử"
level = "district"
years = { from = 2023 }
scale = 5
document = { number = "01/QĐ-UBND" }
[[areas]]
code = "1"
title = "Công tác chỉ đạo, điều hành"
max = 2
provenance = { document = "01/QĐ-UBND", verified = false }
[[areas.criteria]]
code = "1.1"
title = "Chương trình công tác của tỉnh"
max = 1
rule = { kind = "ratio_bands", bands = [{ at_least = "100", points = "1" }, { at_least = "80", proportional = true }, { points = "0" }] }
[[areas.criteria]]
code = "1.2"
title = "Chương trình công tác của thị xã"
max = 1
rule = { kind = "ratio_bands", exclude = ["recurring"], bands = [{ at_least = "100", points = "1" }, { at_least = "80", proportional = true }, { points = "0" }] }
[[areas]]
code = "2"
title = "Thủ tục hành chính"
max = 3
provenance = { document = "01/QĐ-UBND", verified = false }
[[areas.criteria]]
code = "2.1"
title = "Hồ sơ trực tuyến"
max = 1
rule = { kind = "proportional" }
[[areas.criteria]]
code = "2.2"
title = "Hồ sơ giải quyết đúng và trước hạn"
max = 1
rule = { kind = "proportional" }
[[areas.criteria]]
code = "2.3"
title = "Hồ sơ tiếp nhận trên iGate"
max = 1
rule = { kind = "proportional" }
"#;

fn rules() -> RuleSet {
    RuleSet::from_toml_str(RULES).unwrap()
}

fn evidence(leaves: &str, figures: &str) -> Evidence {
    Evidence::from_json_str(&format!(
        r#"{{ "unit": {{ "name": "Thị xã Duyên Hải", "level": "district" }},
             "period": {{ "year": 2023, "quarter": 3 }},
             "evidence": {{ {leaves} }}, "figures": [ {figures} ] }}"#
    ))
    .unwrap()
}

/// The report's figures as they stand.
const SEED_LEAVES: &str = r#"
  "1.1": { "numerator": 13, "denominator": 16,
           "reported": { "percent": "81,25%", "text": "thực hiện đạt 13/16 nội dung, đạt 81,25%" } },
  "1.2": { "numerator": 30, "denominator": 36,
           "reported": { "percent": "83,33%", "text": "thực hiện đạt 30/36 nội dung, đạt 83,33%" } },
  "2.1": { "numerator": 3800, "denominator": 4857,
           "reported": { "percent": "78,24%", "parts": { "online": "3.800", "direct": "1.057" } } },
  "2.2": { "numerator": 4723, "denominator": 4733,
           "reported": { "parts": { "early": "3.072", "on_time": "1.651", "late": "10" } } },
  "2.3": { "numerator": 4337, "denominator": 4857,
           "reported": { "percent": "89,92%", "denominator": "4.857",
                         "text": "Tổng tiếp nhận trên hệ thống 4.337 hồ sơ đạt 89,92% so tổng hồ sơ tiếp nhận" } }
"#;

const SEED_FIGURES: &str = r#"
  { "id": "received", "label": "Tổng số hồ sơ", "value": "4.857", "parts": { "resolved": "4.733", "pending": "124" } },
  { "id": "resolved", "value": "4.733", "parts": { "early": "3.072", "on_time": "1.651", "late": "10" } },
  { "id": "early", "value": "3.072", "percent": "64,9%", "of": "resolved" },
  { "id": "on_time", "value": "1.651", "percent": "34,9%", "of": "resolved" },
  { "id": "late", "value": "10", "percent": "0,2%", "of": "resolved" },
  { "id": "igate", "value": "4.337", "percent": "89,92%", "of": "received", "parts": { "resolved": "4.213", "pending": "124" } },
  { "id": "vertical", "value": "3.621", "parts": { "resolved": "3.505", "pending": "116" } },
  { "id": "postal", "value": "211", "parts": { "resolved": "182", "pending": "29" } },
  { "id": "capital_plan", "value": "132.928.000.000 đồng", "parts": { "province": "66.929.000.000 đồng", "town": "65.999.000.000 đồng" } },
  { "id": "capital_plan_province", "value": "66.929.000.000 đồng" },
  { "id": "capital_plan_town", "value": "65.999.000.000 đồng" },
  { "id": "disbursed", "value": "38.072.000.000 đồng", "percent": "28,64%", "of": "capital_plan",
    "parts": { "province": "13.181.000.000 đồng", "town": "24.890.000.000 đồng" } },
  { "id": "disbursed_province", "value": "13.181.000.000 đồng", "percent": "19,69%", "of": "capital_plan_province" },
  { "id": "disbursed_town", "value": "24.890.000.000 đồng", "percent": "37,71%", "of": "capital_plan_town" },
  { "id": "certificates", "value": "162", "parts": { "organisations": "31", "persons": "131" } },
  { "id": "e_documents", "value": "1.845" },
  { "id": "e_signed", "value": "1.845", "percent": "100%", "of": "e_documents" }
"#;

#[test]
fn the_seed_report_has_two_mismatches() {
    let report = audit(&rules(), &evidence(SEED_LEAVES, SEED_FIGURES)).unwrap();
    let lines: Vec<String> = report.findings.iter().map(ToString::to_string).collect();
    // Right, and not flagged (each checked by hand):
    //  13/16 = 0.8125 → 81,25% exactly;  30/36 = 83.333…% → 83,33%;
    //  3800/4857: 4857 × 0.78235 = 3799.87 < 3800 < 4857 × 0.78245 = 3800.36 → 78,24%;
    //  3.800 + 1.057 = 4.857; 3.072 + 1.651 + 10 = 4.733; 4.733 + 124 = 4.857;
    //  3072/4733: 4733 × 0.6485 = 3069.4 < 3072 < 4733 × 0.6495 = 3074.1 → 64,9%;
    //  1651/4733: 4733 × 0.3485 = 1649.4 < 1651 < 4733 × 0.3495 = 1654.2 → 34,9%;
    //  10/4733 = 0.211…% (4733 × 0.0025 = 11.8 > 10 > 4733 × 0.0015 = 7.1) → 0,2%;
    //  4.213 + 124 = 4.337; 3.505 + 116 = 3.621; 182 + 29 = 211; 31 + 131 = 162;
    //  66.929 + 65.999 = 132.928 (billion đồng);
    //  38.072/132.928: 132928 × 0.28635 = 38064.9 < 38072 < 132928 × 0.28645 = 38077.2 → 28,64%;
    //  13.181/66.929: 66929 × 0.19685 = 13174.9 < 13181 < 66929 × 0.19695 = 13181.7 → 19,69%;
    //  24.890/65.999: 65999 × 0.37705 = 24884.9 < 24890 < 65999 × 0.37715 = 24891.7 → 37,71%;
    //  1.845/1.845 = 100%.
    // Wrong:
    //  4337/4857: 4857 × 0.89285 = 4336.6 < 4337 < 4857 × 0.89295 = 4337.1 → 89,29%, not 89,92%
    //  (digits swapped), on the leaf and on the figure;
    //  13.181.000.000 + 24.890.000.000 = 38.071.000.000, not 38.072.000.000: off by 1.000.000
    //  đồng, 0.0026% of the total → minor.
    assert_eq!(
        lines,
        [
            r#"evidence["2.3"].reported.percent: reported `89,92%`, computed `89,29%` (4337/4857 = 89.2938…%, 89,29 at 2 decimals; major)"#,
            "figures[5].percent: reported `89,92%`, computed `89,29%` (4337/4857 = 89.2938…%, 89,29 at 2 decimals; major)",
            "figures[11].value: reported `38.072.000.000 đồng`, computed `38.071.000.000` (the parts add up to 38.071.000.000 (province 13.181.000.000 đồng + town 24.890.000.000 đồng), off by 1.000.000; minor)",
        ]
    );
    assert_eq!(report.findings[0].check, AuditCheck::Percent);
    assert_eq!(report.findings[2].check, AuditCheck::Sum);
    assert_eq!(report.findings[2].severity, Severity::Minor);
    // 5 leaf percentages... counted: leaves 1.1, 1.2, 2.1, 2.3 percent (4) + 2.1, 2.2 parts (2)
    // + 2.3 denominator (1) = 7; figures: sums received, resolved, igate, vertical, postal,
    // capital_plan, disbursed, certificates (8) + percents early, on_time, late, igate,
    // disbursed, disbursed_province, disbursed_town, e_signed (8) = 16; 7 + 16 = 23.
    assert_eq!(report.checked, 23);
}

/// One leaf 3072/4733 (64.9059…%) with a reported percentage.
fn one(percent: &str) -> Vec<(String, String, Severity)> {
    let leaves = format!(
        r#""2.2": {{ "numerator": 3072, "denominator": 4733, "reported": {{ "percent": "{percent}" }} }}"#
    );
    audit(&rules(), &evidence(&leaves, ""))
        .unwrap()
        .findings
        .into_iter()
        .map(|f| (f.reported, f.computed, f.severity))
        .collect()
}

#[test]
fn a_percentage_is_judged_at_the_precision_it_was_reported_with() {
    // 3072/4733 = 64.9059…%: 4733 × 0.649055 = 3071.97 < 3072 < 4733 × 0.649065 = 3072.02
    for right in ["65%", "64,9%", "64,91%", "64,906%", "64.9%"] {
        assert!(one(right).is_empty(), "{right} is right");
    }
    // one unit off in the last reported digit: a rounding slip
    assert_eq!(
        one("65,0%"),
        [("65,0%".into(), "64,9%".into(), Severity::Minor)]
    );
    assert_eq!(
        one("64,90%"),
        [("64,90%".into(), "64,91%".into(), Severity::Minor)]
    );
    // truncation to 64% is one unit off at 0 decimals
    assert_eq!(one("64%"), [("64%".into(), "65%".into(), Severity::Minor)]);
    // further off: wrong
    assert_eq!(
        one("69,4%"),
        [("69,4%".into(), "64,9%".into(), Severity::Major)]
    );
    assert_eq!(
        one("46,09%"),
        [("46,09%".into(), "64,91%".into(), Severity::Major)]
    );
}

#[test]
fn parts_that_do_not_add_up_and_contradictory_counts() {
    let leaves = r#"
      "2.1": { "numerator": 3800, "denominator": 4857,
               "reported": { "numerator": "3.080", "parts": { "online": "3.800", "direct": "1.075" } } },
      "2.2": { "numerator": 4723, "denominator": 4733,
               "reported": { "total": "4.733", "parts": { "early": "3.072", "on_time": "1.561", "late": "10" } } }
    "#;
    let figures = r#"
      { "id": "received", "value": "4.857", "parts": { "resolved": "4.733", "pending": "142" } }
    "#;
    let report = audit(&rules(), &evidence(leaves, figures)).unwrap();
    let lines: Vec<String> = report.findings.iter().map(ToString::to_string).collect();
    // 2.1: the report says 3.080 online where the evidence scores 3800: contradictory;
    //      3.800 + 1.075 = 4.875 ≠ 4.857 (off by 18).
    // 2.2: 3.072 + 1.561 + 10 = 4.643 ≠ 4.733 (off by 90).
    // received: 4.733 + 142 = 4.875 ≠ 4.857 (off by 18).
    assert_eq!(
        lines,
        [
            r#"evidence["2.1"].reported.numerator: reported `3.080`, computed `3.800` (the evidence scores with numerator 3800; major)"#,
            r#"evidence["2.1"].denominator: reported `4857`, computed `4.875` (the parts add up to 4.875 (direct 1.075 + online 3.800), off by 18; major)"#,
            r#"evidence["2.2"].reported.total: reported `4.733`, computed `4.643` (the parts add up to 4.643 (early 3.072 + late 10 + on_time 1.561), off by 90; major)"#,
            "figures[0].value: reported `4.857`, computed `4.875` (the parts add up to 4.875 (pending 142 + resolved 4.733), off by 18; major)",
        ]
    );
}

#[test]
fn task_lists_are_counted_with_the_rules_statuses() {
    // 1.2 excludes recurring tasks: 3 done, 1 not done, 2 recurring → 3/4 = 75%;
    // reported 50% (3/6, counting the recurring ones) is wrong, 75% is right.
    let tasks = r#"[{"name":"a","status":"done"},{"name":"b","status":"done"},{"name":"c","status":"done"},
                    {"name":"d","status":"not_done"},{"name":"e","status":"recurring"},{"name":"f","status":"recurring"}]"#;
    let wrong = format!(r#""1.2": {{ "tasks": {tasks}, "reported": {{ "percent": "50%" }} }}"#);
    let f = audit(&rules(), &evidence(&wrong, "")).unwrap().findings;
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].computed, "75%");
    let right = format!(r#""1.2": {{ "tasks": {tasks}, "reported": {{ "percent": "75%" }} }}"#);
    assert!(
        audit(&rules(), &evidence(&right, ""))
            .unwrap()
            .findings
            .is_empty()
    );
}

#[test]
fn malformed_figures_and_unknown_ids_are_errors_with_their_path() {
    let leaves =
        r#""2.1": { "numerator": 1, "denominator": 2, "reported": { "percent": "5,0,0%" } }"#;
    let figures = r#"
      { "id": "a", "value": "1.84.5" },
      { "id": "b", "value": "10", "percent": "10%", "of": "nope" },
      { "id": "b", "value": "10" },
      { "id": "c", "value": "10", "percent": "10" , "of": "b" }
    "#;
    let err = audit(&rules(), &evidence(leaves, figures)).unwrap_err();
    let issues: Vec<String> = err.issues().iter().map(ToString::to_string).collect();
    assert_eq!(
        issues,
        [
            r#"evidence["2.1"].reported.percent: `5,0,0%` is not a number as reports write it: more than one `,` (the decimal point)"#,
            "figures[0].value: `1.84.5` is not a number as reports write it: thousands groups have three digits, but `84` has 2",
            "figures[2].id: figure id `b` is used by figures[1] already",
            "figures[1].of: no figure has id `nope`: `of` names the figure the percentage is of",
            "figures[3].percent: `10` is not a percentage: write it with `%`, e.g. `81,25%`",
        ]
    );
}

#[test]
fn evidence_that_does_not_fit_the_set_is_refused_before_the_audit() {
    let leaves = r#""9.9": { "numerator": 1, "denominator": 2 }"#;
    let err = audit(&rules(), &evidence(leaves, "")).unwrap_err();
    assert_eq!(
        err.issues()[0].to_string(),
        r#"evidence["9.9"]: `audit-test` has no criterion `9.9`"#
    );
}

#[test]
fn malformed_document_citations_are_findings() {
    let leaves = r#""1.1": { "numerator": 13, "denominator": 16,
        "documents": ["Kế hoạch số 05/KH-UBND ngày 12/01/2023", "Kế hoạch số 05/KH-UBND ngày 31/02/2023"] }"#;
    let f = audit(&rules(), &evidence(leaves, "")).unwrap().findings;
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].path.to_string(), r#"evidence["1.1"].documents[1]"#);
    assert_eq!(f[0].message, "`31/02/2023` is not a calendar date");
}

#[test]
fn figures_past_the_range_of_a_decimal_overflow_instead_of_panicking() {
    // 79.228.162.514.264.337.593.543.950.335 is the largest decimal; × 100 does not fit
    let figures = r#"
      { "id": "one", "value": "1" },
      { "id": "huge", "value": "79.228.162.514.264.337.593.543.950.335", "percent": "1%", "of": "one" }
    "#;
    let err = audit(&rules(), &evidence("", figures)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "figures[1].percent: the computation overflows the range of a decimal"
    );
    // one more digit is not a number at all
    let figures = r#"{ "id": "huger", "value": "792.281.625.142.643.375.935.439.503.350" }"#;
    let err = audit(&rules(), &evidence("", figures)).unwrap_err();
    assert!(err.to_string().contains("too many digits"), "{err}");
}

#[test]
fn a_reported_total_is_checked_against_the_denominator() {
    // 4.737 reported where the evidence scores 4723/4733: the totals contradict (4737 ≠ 4733)
    let leaves =
        r#""2.2": { "numerator": 4723, "denominator": 4733, "reported": { "total": "4.737" } }"#;
    let f = audit(&rules(), &evidence(leaves, "")).unwrap().findings;
    assert_eq!(
        f[0].to_string(),
        r#"evidence["2.2"].reported.total: reported `4.737`, computed `4.733` (the evidence scores with denominator 4733; major)"#
    );
    assert_eq!(f[0].check, AuditCheck::Count);
    // and no alarm when it agrees
    let leaves =
        r#""2.2": { "numerator": 4723, "denominator": 4733, "reported": { "total": "4.733" } }"#;
    assert!(
        audit(&rules(), &evidence(leaves, ""))
            .unwrap()
            .findings
            .is_empty()
    );
}

#[test]
fn the_same_count_stated_twice_must_agree() {
    // the report gives the pending files twice: 124 among all received, 124 on iGate; a
    // version saying 142 on iGate contradicts it
    let figures = r#"
      { "id": "pending", "value": "124" },
      { "id": "pending_igate", "value": "124", "equals": "pending" },
      { "id": "pending_typo", "value": "142", "equals": "pending" }
    "#;
    let r = audit(&rules(), &evidence("", figures)).unwrap();
    assert_eq!(r.checked, 2);
    assert_eq!(
        r.findings
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        [
            "figures[2].value: reported `142`, computed `124` (figures[0] (`pending`) states 124; major)"
        ]
    );
    let err = audit(
        &rules(),
        &evidence("", r#"{ "id": "a", "value": "1", "equals": "b" }"#),
    )
    .unwrap_err();
    assert_eq!(
        err.issues()[0].to_string(),
        "figures[0].equals: no figure has id `b`: `equals` names a figure stating the same value"
    );
}

#[test]
fn a_document_dated_after_the_period_is_a_finding() {
    // Q3 2023 ends on 30/09/2023: a plan of 01/10/2023 cannot be evidence for it
    let leaves = r#""1.1": { "numerator": 13, "denominator": 16,
        "documents": ["Kế hoạch số 05/KH-UBND ngày 30/9/2023", "Kế hoạch số 06/KH-UBND ngày 01/10/2023"] }"#;
    let f = audit(&rules(), &evidence(leaves, "")).unwrap().findings;
    assert_eq!(f.len(), 1);
    assert_eq!(
        f[0].to_string(),
        r#"evidence["1.1"].documents[1]: reported `Kế hoạch số 06/KH-UBND ngày 01/10/2023`, computed `a date by 2023-09-30` (dated 2023-10-01, after the period the evidence covers ends on 2023-09-30; major)"#
    );
}

/// `checked` counts every check made: two cited documents, a reported percentage of counts and
/// one of a percentage: 2 + 1 + 1 = 4 (kills `+=` → `*=` / `-=` in `documents` and
/// `reported_percent`).
#[test]
fn every_check_made_is_counted() {
    let leaves = r#"
      "1.1": { "numerator": 13, "denominator": 16, "reported": { "percent": "81,25%" },
               "documents": [ "Kế hoạch số 05/KH-UBND ngày 12/01/2023",
                              "Báo cáo số 10/BC-UBND ngày 05/09/2023" ] },
      "2.3": { "percent": "89.92", "reported": { "percent": "89,92%" } }
    "#;
    let report = audit(&rules(), &evidence(leaves, "")).unwrap();
    assert!(report.findings.is_empty(), "{:?}", report.findings);
    assert_eq!(report.checked, 4);
}

/// The paths of the issues refusing this audit.
fn audit_issue_paths(leaves: &str) -> Vec<String> {
    match audit(&rules(), &evidence(leaves, "")) {
        Err(e) => e.issues().iter().map(|i| i.path.to_string()).collect(),
        Ok(r) => panic!("audited: {r:?}"),
    }
}

/// Reported parts need something to add up to, and a reported total something to be checked
/// against: a leaf scored from a percentage has neither; a total that does not read as a
/// number is reported once, not also as missing (kills the `rep.total.is_none()` guard → `true`
/// / `false` and the `den.is_none()` guard → `false`).
#[test]
fn reported_parts_or_a_total_with_nothing_to_check_them_against_are_refused() {
    let parts = r#""2.3": { "percent": "89.92", "reported": { "parts": { "a": "1", "b": "2" } } }"#;
    assert_eq!(
        audit_issue_paths(parts),
        [r#"evidence["2.3"].reported.parts"#]
    );
    let total = r#""2.3": { "percent": "89.92", "reported": { "total": "4.857" } }"#;
    assert_eq!(
        audit_issue_paths(total),
        [r#"evidence["2.3"].reported.total"#]
    );
    let unread = r#""2.2": { "numerator": 4723, "denominator": 4733,
        "reported": { "total": "bốn nghìn", "parts": { "a": "1", "b": "2" } } }"#;
    assert_eq!(
        audit_issue_paths(unread),
        [r#"evidence["2.2"].reported.total"#]
    );
}

/// Parts that miss their total by no more than 1 in 1,000 are a minor finding when an amount
/// carries a unit (here only the parts: 600 + 399 đồng = 999 against 1.000, off by 1), a major
/// one when they miss by more (600 + 300 = 900 against 1.000 đồng, off by 100) (kills `|=` →
/// `&=` and `&&` → `||` in `sum`).
#[test]
fn a_sum_off_by_a_rounding_is_minor_only_for_amounts_with_a_unit() {
    let figures = r#"
      { "id": "x", "value": "1.000", "parts": { "a": "600 đồng", "b": "399 đồng" } },
      { "id": "y", "value": "1.000 đồng", "parts": { "a": "600 đồng", "b": "300 đồng" } }
    "#;
    let report = audit(&rules(), &evidence("", figures)).unwrap();
    let got: Vec<(String, Severity)> = report
        .findings
        .iter()
        .map(|f| (f.path.to_string(), f.severity))
        .collect();
    assert_eq!(
        got,
        [
            ("figures[0].value".to_string(), Severity::Minor),
            ("figures[1].value".to_string(), Severity::Major)
        ]
    );
}

/// The audit as text for officials: a header with the counts, then one line per finding in
/// Vietnamese. 4337/4857 = 89,29…%, reported as 89,92%: a major mismatch of a percentage
/// (kills `to_text` and `finding_vi` → `""` / `"xyzzy"`).
#[test]
fn the_audit_reads_in_vietnamese_with_its_counts() {
    use par_index::report::Lang;
    let leaves =
        r#""2.3": { "numerator": 4337, "denominator": 4857, "reported": { "percent": "89,92%" } }"#;
    let report = audit(&rules(), &evidence(leaves, "")).unwrap();
    assert_eq!(
        report.to_text(Lang::Vi),
        "Kiểm tra số liệu: 1 phép kiểm tra, 1 số liệu không khớp\n  - evidence[\"2.3\"].reported.percent: báo cáo ghi `89,92%`, tính lại được `89,29%` (tỷ lệ phần trăm; sai số liệu)\n"
    );
    let en = report.to_text(Lang::En);
    assert!(
        en.starts_with("Audit: 1 check, 1 mismatch\n  - evidence[\"2.3\"].reported.percent: "),
        "{en}"
    );
}
