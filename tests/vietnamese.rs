//! The plain-text scorecard, the audit, the gaps and the errors in Vietnamese (decimal comma),
//! chosen by the caller, against lines written by hand.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed unwrap is a failed test"
)]

use par_index::{Evidence, RuleSet, analysis::audit, analysis::gaps, evaluate, report::Lang};

const SET: &str = r#"
id = "demo"
title = "Chỉ số CCHC mẫu"
level = "district"
years = { from = 2023 }
scale = 3
document = { number = "01/QĐ-UBND" }
[[areas]]
code = "1"
title = "Chỉ đạo, điều hành"
max = 3
provenance = { document = "01/QĐ-UBND", clause = "Phụ lục, mục 1", verified = false }
[[areas.criteria]]
code = "1.1"
title = "Mức độ thực hiện kế hoạch CCHC"
max = 2
rule = { kind = "ratio_bands", measure = "tasks", bands = [
  { above = "90", points = "2" },
  { at_least = "70", at_most = "90", points = "1" },
  { points = "0" },
] }
[[areas.criteria]]
code = "1.2"
title = "Kiểm tra công tác CCHC"
max = 1
rule = { kind = "check" }
"#;

// 1.1: 13/16 = 81.25%, in the band 70%–90% → 1 of 2; 1.2: no evidence → 0 of 1.
// Total 1 of 3 → 33.33%; area 1 the same; 1.1 at 1/2 = 50.00%, 1.2 at 0/1 = 0.00%.
const EVIDENCE: &str = r#"{
  "unit": { "name": "Huyện A", "level": "district" },
  "period": { "year": 2023, "quarter": 3 },
  "evidence": { "1.1": { "numerator": 13, "denominator": 16,
                         "reported": { "percent": "82,25%" } } }
}"#;

fn rs() -> RuleSet {
    RuleSet::from_toml_str(SET).unwrap()
}

fn ev() -> Evidence {
    Evidence::from_json_str(EVIDENCE).unwrap()
}

/// The lines of `text` with runs of spaces made one and the ends trimmed: the columns' padding
/// is not what is checked.
fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

#[test]
fn the_plain_text_scorecard_in_vietnamese() {
    let card = evaluate(&rs(), &ev()).unwrap();
    let got = lines(&card.to_text(Lang::Vi));
    let want = [
        "Bảng điểm Chỉ số CCHC: Huyện A (cấp huyện), quý III năm 2023 [tạm tính: chỉ số được đánh giá theo năm]",
        "Bộ tiêu chí: demo (01/QĐ-UBND), Chỉ số CCHC mẫu",
        "",
        "Mã Tiêu chí Điểm / Tối đa Chỉ số",
        // The area is marked `!` too: one of its leaves has no evidence.
        "1 Chỉ đạo, điều hành 1,00 / 3,00 33,33% !",
        "1.1 Mức độ thực hiện kế hoạch CCHC 1,00 / 2,00 50,00%",
        "↳ 13/16 = 81,25% → khung từ 70% đến 90% → 1/2 điểm [chưa đối chiếu văn bản]",
        "1.2 Kiểm tra công tác CCHC 0,00 / 1,00 0,00% !",
        "↳ không có tài liệu kiểm chứng → 0/1 điểm [chưa đối chiếu văn bản]",
        "",
        "Tổng: 1,00 / 3,00, chỉ số 33,33%, chưa đạt xếp loại",
        // A set without `parts` scores every leaf as appraised.
        "Các phần: thẩm định 1,00 / 3,00",
        "Chỉ số thành phần: 1 33,33%",
        "Nguồn gốc: 2/2 tiêu chí chưa được đối chiếu với văn bản gốc (3 điểm tối đa, 1 điểm đạt)",
        "",
        "Phát hiện (1):",
        "- evidence[\"1.2\"]: không có tài liệu kiểm chứng: tính 0 điểm và báo cáo",
    ];
    assert_eq!(got, want);
    // The English rendering is the one `render_text` gives.
    assert_eq!(
        card.to_text(Lang::En),
        par_index::report::render_text(&card)
    );
}

#[test]
fn the_audit_in_vietnamese() {
    // 13/16 = 81.25%, reported 82,25%: off by 1 point, more than its last digit → major.
    let report = audit(&rs(), &ev()).unwrap();
    assert_eq!(
        lines(&report.to_text(Lang::Vi)),
        [
            "Kiểm tra số liệu: 1 phép kiểm tra, 1 số liệu không khớp",
            "- evidence[\"1.1\"].reported.percent: báo cáo ghi `82,25%`, tính lại được `81,25%` (tỷ lệ phần trăm; sai số liệu)",
        ]
    );
    assert_eq!(
        lines(&report.to_text(Lang::En)),
        [
            "Audit: 1 check, 1 mismatch",
            &format!("- {}", report.findings[0]),
        ]
    );
}

#[test]
fn the_gaps_in_vietnamese() {
    // 1.1 needs above 90%: 15/16 = 93.75% (14/16 = 87.5% is not) → 2 more tasks, +1 → 2.
    // 1.2 has no evidence: supplying it (met) gains 1 → 1.
    // Attainable: both leaves open (a quarter) → 3 of 3 = 100.00%.
    let report = gaps(&rs(), &ev()).unwrap();
    let got = lines(&report.to_text(Lang::Vi));
    assert_eq!(
        got[..3],
        [
            "Phân tích điểm còn thiếu (tạm tính, đến ngày 30/09/2023): 1 điểm, chỉ số 33,33%",
            "Có thể đạt tối đa: 3 / 3 điểm, chỉ số 100,00% (0 tiêu chí đã chốt, 2 tiêu chí còn thay đổi được)",
            "Kế hoạch:",
        ]
    );
    assert!(got.contains(&"- 1.1 Mức độ thực hiện kế hoạch CCHC: nhiệm vụ hoàn thành 13 → 15 trên 16 (thêm 2): +1 (→ 2)".to_string()), "{got:#?}");
    assert!(got.contains(&"- 1.2 Kiểm tra công tác CCHC: bổ sung tài liệu kiểm chứng (không có thì tính 0 điểm): +1 (→ 1)".to_string()), "{got:#?}");
}

#[test]
fn the_errors_in_vietnamese() {
    let bad = Evidence::from_json_str(
        r#"{ "unit": { "name": "Huyện A", "level": "district" }, "period": { "year": 2023 },
             "evidence": { "1.1": { "numerator": 17, "denominator": 16 }, "9.9": { "met": true } } }"#,
    )
    .unwrap();
    let err = evaluate(&rs(), &bad).unwrap_err();
    assert_eq!(
        lines(&err.to_text(Lang::Vi)),
        [
            "2 lỗi trong tài liệu kiểm chứng:",
            "- evidence[\"9.9\"]: mã không có trong bộ tiêu chí (`demo` has no criterion `9.9`)",
            "- evidence[\"1.1\"].numerator: tử số lớn hơn mẫu số (numerator `17` is above the denominator `16`)",
        ]
    );
    assert_eq!(err.to_text(Lang::En), err.to_string());

    let load = RuleSet::from_toml_str(&SET.replace("scale = 3", "scale = 4")).unwrap_err();
    let got = lines(&load.to_text(Lang::Vi));
    assert_eq!(got[0], "1 lỗi trong bộ tiêu chí:");
    assert!(got[1].starts_with("- scale (dòng 6): "), "{got:?}");

    let json = Evidence::from_json_str("{ \"unit\": 5 }").unwrap_err();
    assert!(
        json.to_text(Lang::Vi)
            .starts_with("unit (dòng 1, cột 11): "),
        "{}",
        json.to_text(Lang::Vi)
    );
}

#[test]
fn the_cycle_errors_in_vietnamese() {
    let batch = par_index::assessment::Batch::from_json_str(
        r#"{ "units": [
  { "unit": { "name": "Huyện A", "level": "district" }, "period": { "year": 2023 } },
  { "unit": { "name": "Huyện A", "level": "district" }, "period": { "year": 2023 } }
] }"#,
    )
    .unwrap();
    let err = par_index::assessment::score_batch(&rs(), &batch).unwrap_err();
    assert_eq!(
        lines(&err.to_text(Lang::Vi)),
        [
            "1 lỗi trong hồ sơ đánh giá:",
            "- units[1].unit.name: đơn vị đã có trong danh sách (`Huyện A` is already in the batch at units[0])",
        ]
    );
    assert_eq!(err.to_text(Lang::En), err.to_string());
}
