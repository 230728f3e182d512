//! Document references: every form found in the Duyên Hải Q3 2023 report parses; malformed
//! ones are refused with a reason.

#![allow(
    clippy::unwrap_used,
    reason = "tests unwrap: a failure is the test failing"
)]

use par_index::{evidence::DocDate, evidence::DocKind, evidence::DocRef};

/// (reference as in the report, kind, number, year, symbol, issuer, unit, date)
type Row = (
    &'static str,
    DocKind,
    u32,
    Option<u16>,
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
);

#[rustfmt::skip]
const SEED: &[Row] = &[
    ("Kế hoạch số 97/KH-UBND ngày 30/12/2022 của Ủy ban nhân dân tỉnh Trà Vinh về cải cách hành chính tỉnh Trà Vinh năm 2023", DocKind::Plan, 97, None, "KH-UBND", "UBND", None, Some("2022-12-30")),
    ("Quyết định số 3379/QĐ-UBND ngày 14/10/2021 của Ủy ban nhân dân thị xã", DocKind::Decision, 3379, None, "QĐ-UBND", "UBND", None, Some("2021-10-14")),
    ("Quyết định số 339/QĐ-UBND ngày 02/3/2022", DocKind::Decision, 339, None, "QĐ-UBND", "UBND", None, Some("2022-03-02")),
    ("Kế hoạch số 05/KH-UBND ngày 12/01/2023 về cải cách hành chính thị xã Duyên Hải năm 2023", DocKind::Plan, 5, None, "KH-UBND", "UBND", None, Some("2023-01-12")),
    ("Kế hoạch số 62/KH-UBND ngày 13/4/2023 về thông tin", DocKind::Plan, 62, None, "KH-UBND", "UBND", None, Some("2023-04-13")),
    ("Kế hoạch số 65/KH-UBND ngày 24/4/2023", DocKind::Plan, 65, None, "KH-UBND", "UBND", None, Some("2023-04-24")),
    ("Kế hoạch số 68/KH-UBND ngày 02/5/2023 triển khai các giải pháp khắc phục hạn chế", DocKind::Plan, 68, None, "KH-UBND", "UBND", None, Some("2023-05-02")),
    ("Kế hoạch số 77/KH-UBND ngày 19/5/2023", DocKind::Plan, 77, None, "KH-UBND", "UBND", None, Some("2023-05-19")),
    ("Công văn số 1198/UBND-VX ngày 15/5/2023 về việc đánh giá", DocKind::OfficialLetter, 1198, None, "UBND-VX", "UBND", Some("VX"), Some("2023-05-15")),
    ("Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ", DocKind::Decision, 6, None, "QĐ-TTg", "TTg", None, Some("2022-01-06")),
    ("Quyết định số 510/QĐ-UBND ngày 12/4/2023 về thành lập Tổ kiểm tra", DocKind::Decision, 510, None, "QĐ-UBND", "UBND", None, Some("2023-04-12")),
    ("Kế hoạch số 01/KH-TKT ngày 08/6/2023 về kiểm tra công tác cải cách hành chính năm 2023", DocKind::Plan, 1, None, "KH-TKT", "TKT", None, Some("2023-06-08")),
    ("Kế hoạch số 22/KH-UBND ngày 08/02/2023", DocKind::Plan, 22, None, "KH-UBND", "UBND", None, Some("2023-02-08")),
    ("Chỉ thị số 35-CT/TU ngày 25/6/2018 của Ban Thường vụ Tỉnh ủy", DocKind::Directive, 35, None, "CT/TU", "TU", None, Some("2018-06-25")),
    ("Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ về thực hiện cơ chế một cửa", DocKind::Decree, 61, Some(2018), "NĐ-CP", "CP", None, Some("2018-04-23")),
    ("Nghị định số 107/2021/NĐ-CP ngày 06/12/2021", DocKind::Decree, 107, Some(2021), "NĐ-CP", "CP", None, Some("2021-12-06")),
    ("Công văn số 2004/UBND-VX, ngày 04/8/2023", DocKind::OfficialLetter, 2004, None, "UBND-VX", "UBND", Some("VX"), Some("2023-08-04")),
    ("Công văn số 1975/UBND-NC, ngày 02/8/2023", DocKind::OfficialLetter, 1975, None, "UBND-NC", "UBND", Some("NC"), Some("2023-08-02")),
    ("Công văn số 2214/UBND-XV ngày 28/8/2023 về việc rà soát", DocKind::OfficialLetter, 2214, None, "UBND-XV", "UBND", Some("XV"), Some("2023-08-28")),
    ("Quyết định số 45/2016/QĐ-TTg ngày 19/10/2016 của Thủ tướng Chính phủ", DocKind::Decision, 45, Some(2016), "QĐ-TTg", "TTg", None, Some("2016-10-19")),
    ("Quyết định số 07/2018/QĐ-UBND ngày 02/3/2018", DocKind::Decision, 7, Some(2018), "QĐ-UBND", "UBND", None, Some("2018-03-02")),
    ("Nghị định số 108/2020/NĐ-CP ngày 14/9/2020", DocKind::Decree, 108, Some(2020), "NĐ-CP", "CP", None, Some("2020-09-14")),
    ("Nghị định số 37/2014/NĐ-CP ngày 05/5/2014", DocKind::Decree, 37, Some(2014), "NĐ-CP", "CP", None, Some("2014-05-05")),
    ("Nghị định số 33/2023/NĐ-CP ngày 10/6/2023", DocKind::Decree, 33, Some(2023), "NĐ-CP", "CP", None, Some("2023-06-10")),
    ("Nghị quyết số 21/2023/NQ-HĐND ngày 31/7/2023 của Hội đồng nhân dân", DocKind::Resolution, 21, Some(2023), "NQ-HĐND", "HĐND", None, Some("2023-07-31")),
    ("Nghị quyết số 29/NQ-HĐND ngày 31/7/2023 về việc giao số lượng cán bộ", DocKind::Resolution, 29, None, "NQ-HĐND", "HĐND", None, Some("2023-07-31")),
    ("Nghị định số 106/2020/NĐ-CP ngày 10/9/2020", DocKind::Decree, 106, Some(2020), "NĐ-CP", "CP", None, Some("2020-09-10")),
    ("Kế hoạch số 21/KH-UBND ngày 08/02/2023", DocKind::Plan, 21, None, "KH-UBND", "UBND", None, Some("2023-02-08")),
    ("Kế hoạch số 19/KH-UBND ngày 03/02/2023 về đào tạo", DocKind::Plan, 19, None, "KH-UBND", "UBND", None, Some("2023-02-03")),
    ("Kế hoạch số 67/KH-UBND ngày 27/4/2023 về chuyển đổi số thị xã Duyên Hải năm 2023", DocKind::Plan, 67, None, "KH-UBND", "UBND", None, Some("2023-04-27")),
    ("Công văn số 1112/UBND-VX ngày 04/5/2023", DocKind::OfficialLetter, 1112, None, "UBND-VX", "UBND", Some("VX"), Some("2023-05-04")),
    ("Chỉ thị số 14/CT-UBND ngày 9/10/2021 của Chủ tịch UBND tỉnh về tăng cường tổ chức sử dụng đồng bộ các hệ thống dùng chung", DocKind::Directive, 14, None, "CT-UBND", "UBND", None, Some("2021-10-09")),
    ("Công văn số 2101/UBND-NC ngày 15/8/2023", DocKind::OfficialLetter, 2101, None, "UBND-NC", "UBND", Some("NC"), Some("2023-08-15")),
    ("Công văn số 2626/UBND-NC ngày 17/12/2020 của Chủ tịch UBND thị xã", DocKind::OfficialLetter, 2626, None, "UBND-NC", "UBND", Some("NC"), Some("2020-12-17")),
    ("Công văn số 1110/UBND-VX ngày 04/5/2023", DocKind::OfficialLetter, 1110, None, "UBND-VX", "UBND", Some("VX"), Some("2023-05-04")),
    ("Chương trình số 12-CTr/TU ngày 26/3/2021 của Ban Thường vụ Tỉnh ủy", DocKind::Programme, 12, None, "CTr/TU", "TU", None, Some("2021-03-26")),
    ("Nghị quyết số 18-NQ/TW", DocKind::Resolution, 18, None, "NQ/TW", "TW", None, None),
    ("Nghị định số 60/2021/NĐ-CP ngày 21/6/2021 của Chính phủ", DocKind::Decree, 60, Some(2021), "NĐ-CP", "CP", None, Some("2021-06-21")),
];

#[test]
fn every_form_in_the_seed_report_parses() {
    for &(text, kind, number, year, symbol, issuer, unit, date) in SEED {
        let r = DocRef::parse(text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(r.kind, kind, "{text}");
        assert_eq!(r.number, number, "{text}");
        assert_eq!(r.year, year, "{text}");
        assert_eq!(r.symbol, symbol, "{text}");
        assert_eq!(r.issuer, issuer, "{text}");
        assert_eq!(r.unit.as_deref(), unit, "{text}");
        assert_eq!(r.date.map(|d| d.to_string()).as_deref(), date, "{text}");
    }
}

#[test]
fn signer_and_subject_are_split() {
    let r = DocRef::parse(SEED[0].0).unwrap();
    assert_eq!(r.signer.as_deref(), Some("Ủy ban nhân dân tỉnh Trà Vinh"));
    assert_eq!(
        r.subject.as_deref(),
        Some("cải cách hành chính tỉnh Trà Vinh năm 2023")
    );
    let r = DocRef::parse(SEED[3].0).unwrap();
    assert_eq!(r.signer, None);
    assert_eq!(
        r.subject.as_deref(),
        Some("cải cách hành chính thị xã Duyên Hải năm 2023")
    );
    // no `về`: the rest is the subject
    let r = DocRef::parse(SEED[6].0).unwrap();
    assert_eq!(
        r.subject.as_deref(),
        Some("triển khai các giải pháp khắc phục hạn chế")
    );
    // lower case kind, as mid-sentence
    assert_eq!(
        DocRef::parse("kế hoạch số 05/KH-UBND").unwrap().kind,
        DocKind::Plan
    );
}

#[test]
fn malformed_references_are_refused_with_a_reason() {
    for (text, reason) in [
        (
            "Kế hoạch 05/KH-UBND ngày 12/01/2023",
            "expected `<kind> số <number>/<symbol>`, e.g. `Kế hoạch số 05/KH-UBND`",
        ),
        (
            "Tờ trình số 05/TTr-UBND",
            "unknown kind `Tờ trình`: expected one of `kế hoạch`, `công văn`, `quyết định`, `nghị định`, `chỉ thị`, `thông tư`, `báo cáo`, `nghị quyết`, `chương trình`, `thông báo`, `hướng dẫn`",
        ),
        (
            "Kế hoạch số 05/KH-UBND ngày 31/02/2023",
            "`31/02/2023` is not a calendar date",
        ),
        (
            "Kế hoạch số 05/KH-UBND ngày 29/02/2023",
            "`29/02/2023` is not a calendar date",
        ),
        (
            "Kế hoạch số 05/KH-UBND ngày 12/13/2023",
            "`12/13/2023` is not a calendar date",
        ),
        (
            "Kế hoạch số 05/KH-UBND ngày 12/01/23",
            "`12/01/23` is not a date: expected `D/M/YYYY`, e.g. `12/01/2023`",
        ),
        (
            "Kế hoạch số 05/QĐ-UBND",
            "the symbol `QĐ-UBND` is of type `QĐ`, but a kế hoạch is `KH`",
        ),
        (
            "Kế hoạch số KH-UBND",
            "`KH-UBND` has no `/`: expected a number and symbol such as `05/KH-UBND`",
        ),
        (
            "Kế hoạch số A5/KH-UBND",
            "`A5/KH-UBND` does not start with a number",
        ),
        (
            "Kế hoạch số 05/KHUBND",
            "`05/KHUBND` has no `-` in its symbol: expected e.g. `KH-UBND` or `UBND-VX`",
        ),
        (
            "Nghị định số 61/18/NĐ-CP",
            "`61/18/NĐ-CP` has a part between `/` that is not a year",
        ),
        (
            "Công văn số 1198/UBND-",
            "`1198/UBND-` has an empty part in its symbol",
        ),
    ] {
        let e = DocRef::parse(text).unwrap_err();
        assert_eq!(e.reason, reason, "{text}");
    }
}

#[test]
fn dates_are_calendar_dates() {
    // 2024 is a leap year (divisible by 4, not by 100); 1900 is not (by 100, not by 400);
    // 2000 is (by 400).
    assert!(DocDate::new(2024, 2, 29).is_some());
    assert!(DocDate::new(1900, 2, 29).is_none());
    assert!(DocDate::new(2000, 2, 29).is_some());
    assert!(DocDate::new(2023, 4, 31).is_none());
    assert_eq!(
        DocDate::parse_iso("2023-01-15").unwrap(),
        DocDate::new(2023, 1, 15).unwrap()
    );
    assert!(DocDate::parse_iso("2023-1-15").is_err());
    // 1970-01-01 is day 0; 2023-01-01 is 53 years later with 13 leap days
    // (1972, 76, ..., 2020): 53 × 365 + 13 = 19358.
    assert_eq!(DocDate::new(1970, 1, 1).unwrap().days(), 0);
    assert_eq!(DocDate::new(2023, 1, 1).unwrap().days(), 19_358);
    // 12/01/2023 is 11 days after 01/01/2023; 01/03/2024 is 2 days after 28/02/2024 (leap).
    assert_eq!(DocDate::new(2023, 1, 12).unwrap().days() - 19_358, 11);
    assert_eq!(
        DocDate::new(2024, 3, 1).unwrap().days() - DocDate::new(2024, 2, 28).unwrap().days(),
        2
    );
}

/// `số` (and `ngày`, `của`, `về`) count only as whole words: `sốhóa` is part of the kind's
/// text, which is then no known kind; the search goes on past it to the real `số`. A number
/// has at most six digits.
#[test]
fn words_are_whole_words_and_numbers_have_at_most_six_digits() {
    let e = DocRef::parse("sốhóa số 05/KH-UBND").unwrap_err();
    assert!(
        e.reason
            .starts_with("unknown kind `sốhóa`: expected one of `kế hoạch`"),
        "{}",
        e.reason
    );
    let e = DocRef::parse("Kế hoạch sốhóa số 05/KH-UBND").unwrap_err();
    assert!(
        e.reason.starts_with("unknown kind `Kế hoạch sốhóa`:"),
        "{}",
        e.reason
    );
    let r = DocRef::parse("Kế hoạch số 123456/KH-UBND").unwrap();
    assert_eq!(r.number, 123_456);
    assert_eq!(
        DocRef::parse("Kế hoạch số 1234567/KH-UBND")
            .unwrap_err()
            .reason,
        "`1234567/KH-UBND` does not start with a number"
    );
}

/// `D/M/YYYY` takes one or two digits for the day and the month, and digits only: a
/// three-digit day (`012`) or a signed one (`+5`, which `u32`'s parser alone would read as 5)
/// is not a date, whatever day it names. A day past the month's end is a date in the right
/// form but not a calendar date, and says so.
#[test]
fn day_month_year_takes_only_one_or_two_plain_digits() {
    assert_eq!(
        DocDate::parse_dmy("9/10/2021").unwrap(),
        DocDate::new(2021, 10, 9).unwrap()
    );
    for text in [
        "012/01/2023",
        "12/001/2023",
        "+5/01/2023",
        "5/+1/2023",
        "5/1/+202",
    ] {
        let err = DocDate::parse_dmy(text).unwrap_err();
        assert_eq!(err.text, text);
        assert_eq!(
            err.message,
            format!("`{text}` is not a date: expected `D/M/YYYY`, e.g. `12/01/2023`"),
        );
    }
    assert_eq!(
        DocDate::parse_dmy("31/04/2023").unwrap_err().message,
        "`31/04/2023` is not a calendar date"
    );
}

const PLAN_RULES: &str = r#"
id = "deadline-test"
title = "Bộ tiêu chí kiểm thử"
level = "district"
years = { from = 2023 }
scale = 2
document = { number = "01/QĐ-UBND" }
[[areas]]
code = "1"
title = "Công tác chỉ đạo, điều hành"
max = 2
provenance = { document = "01/QĐ-UBND", verified = false }
[[areas.criteria]]
code = "1.1"
title = "Ban hành kế hoạch CCHC năm"
max = 1
rule = { kind = "deadline", deadline = "2023-01-15", late = "0.5" }
[[areas.criteria]]
code = "1.2"
title = "Kiểm tra CCHC"
max = 1
without_documents = "0.5"
rule = { kind = "check" }
"#;

fn card(leaves: &str) -> Result<par_index::Scorecard, par_index::scoring::EvalError> {
    let rs = par_index::RuleSet::from_toml_str(PLAN_RULES).unwrap();
    let ev = par_index::Evidence::from_json_str(&format!(
        r#"{{ "unit": {{ "name": "Thị xã Duyên Hải", "level": "district" }},
             "period": {{ "year": 2023 }}, "evidence": {{ {leaves} }} }}"#
    ))
    .unwrap();
    par_index::evaluate(&rs, &ev)
}

#[test]
fn the_deadline_rule_scores_the_seed_plan_through_evaluate() {
    // Kế hoạch 05/KH-UBND of 12/01/2023: 3 days before 15/01 → on time, the max 1.
    // Quyết định 510/QĐ-UBND of 12/4/2023 cited for 1.2: met → 1, documents cited → no cap.
    let c = card(
        r#""1.1": { "documents": ["Kế hoạch số 05/KH-UBND ngày 12/01/2023 về cải cách hành chính thị xã Duyên Hải năm 2023"] },
           "1.2": { "met": true, "documents": ["Quyết định số 510/QĐ-UBND ngày 12/4/2023"] }"#,
    )
    .unwrap();
    assert_eq!(c.node("1.1").unwrap().score.points.to_string(), "1");
    assert_eq!(c.total.points.to_string(), "2");
    assert!(c.findings.is_empty());
    // a plan of 20/01/2023 is 5 days late → 0.5; a check without documents is capped at 0.5
    let c = card(r#""1.1": { "date": "2023-01-20" }, "1.2": { "met": true }"#).unwrap();
    assert_eq!(c.node("1.1").unwrap().score.points.to_string(), "0.5");
    assert_eq!(c.node("1.2").unwrap().score.points.to_string(), "0.5");
    assert_eq!(
        c.findings[0].to_string(),
        r#"evidence["1.2"].documents: no document cited: the leaf requires documents and scores at most 0.5 without them; 1 capped to 0.5"#
    );
    assert_eq!(
        c.findings[0].kind,
        par_index::scoring::FindingKind::DocumentsMissing
    );
    // no plan issued → 0
    let c = card(r#""1.1": { "documents": [] }, "1.2": { "met": false, "documents": ["Kế hoạch số 01/KH-TKT ngày 08/6/2023"] }"#).unwrap();
    assert_eq!(c.total.points.to_string(), "0");
}

#[test]
fn a_cap_above_the_max_is_a_validation_error() {
    let bad = PLAN_RULES.replace(r#"without_documents = "0.5""#, r#"without_documents = "2""#);
    let err = par_index::RuleSet::from_toml_str(&bad).unwrap_err();
    assert_eq!(
        err.issues()[0].to_string(),
        "areas[0].criteria[1].without_documents (line 22): points `2` are above the leaf's max `1`"
    );
}

/// Points equal to the cap without documents are within it, not capped (kills `>` → `>=` in
/// `cap_without_documents`): a met check (1) under a cap of 1.
#[test]
fn points_equal_to_the_cap_without_documents_are_within_it() {
    let rules = PLAN_RULES.replace(r#"without_documents = "0.5""#, r#"without_documents = "1""#);
    let rs = par_index::RuleSet::from_toml_str(&rules).unwrap();
    let ev = par_index::Evidence::from_json_str(
        r#"{ "unit": { "name": "Thị xã Duyên Hải", "level": "district" },
             "period": { "year": 2023 }, "evidence": { "1.2": { "met": true } } }"#,
    )
    .unwrap();
    let c = par_index::evaluate(&rs, &ev).unwrap();
    assert_eq!(c.node("1.2").unwrap().score.points.to_string(), "1");
    // 1.1 has no evidence (a finding of its own); 1.2's finding is the cap's.
    let found: Vec<String> = c.findings.iter().map(ToString::to_string).collect();
    assert!(
        found.contains(&r#"evidence["1.2"].documents: no document cited: the leaf requires documents and scores at most 1 without them; 1 is within the cap"#.to_string()),
        "{found:?}"
    );
}
