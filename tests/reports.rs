//! Reports and real figures: the published 2012 PAR Index reproduced from its two parts, and
//! the Markdown and CSV reports checked against values computed by hand.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed unwrap is a failed test"
)]

use par_index::{
    Decimal, Evidence, RuleSet, assessment::Appraisal, assessment::Batch,
    assessment::evaluate_appraised, assessment::score_batch, report::Lang, report::format_number,
    report::format_percent, report::render_diff_csv, report::render_diff_markdown,
    report::render_ranking_csv, report::render_ranking_markdown, report::render_scorecard_csv,
    report::render_scorecard_markdown,
};

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[test]
fn the_published_2012_results_are_reproduced_with_their_order() {
    let rs = RuleSet::from_toml_str(include_str!("fixtures/par-2012.toml")).unwrap();
    let batch = Batch::from_json_str(include_str!("fixtures/par-2012.batch.json")).unwrap();
    let result = score_batch(&rs, &batch).unwrap();
    // Published (HF dataset letrinhan/vn-par-master, columns score_moha + score_survey; index
    // on the 100-point scale = points):
    //   Đà Nẵng 53.25 + 33.87 = 87.12; BR-VT 54.35 + 31.79 = 86.14; TP HCM 52.75 + 31.08 = 83.83;
    //   Đồng Tháp 52.5 + 30.91 = 83.41; Quảng Ninh 49.75 + 30.46 = 80.21.
    // National ranks 1, 2, 3, 4 and 19; among these five, 1 to 5. The batch lists them out of
    // order (Quảng Ninh first) so that the ranking has to sort them.
    let got: Vec<(usize, &str, Decimal, Option<Decimal>)> = result
        .ranking
        .rows
        .iter()
        .map(|r| (r.rank, r.unit.as_str(), r.points, r.index))
        .collect();
    assert_eq!(
        got,
        [
            (1, "Đà Nẵng", d("87.12"), Some(d("87.12"))),
            (2, "Bà Rịa - Vũng Tàu", d("86.14"), Some(d("86.14"))),
            (3, "TP Hồ Chí Minh", d("83.83"), Some(d("83.83"))),
            (4, "Đồng Tháp", d("83.41"), Some(d("83.41"))),
            (5, "Quảng Ninh", d("80.21"), Some(d("80.21"))),
        ]
    );
    // Every leaf rests on an assumed part maximum: the scorecard says so.
    let card = &result.units[0].card;
    assert_eq!(card.final_card().provenance.unverified_leaves, 2);
    // Mean of the five: (87.12 + 86.14 + 83.83 + 83.41 + 80.21) / 5 = 420.71 / 5 = 84.142
    // → 84.14; median 83.83.
    let all = &result.summaries[0];
    assert_eq!(all.mean.unwrap().exact, d("84.142"));
    assert_eq!(all.mean.unwrap().rounded.to_string(), "84.14");
    assert_eq!(all.median.unwrap().exact, d("83.83"));
}

#[test]
fn vietnamese_number_formatting() {
    // Vietnamese writes a decimal comma and groups thousands with dots.
    assert_eq!(format_percent(d("81.25"), Lang::Vi), "81,25%");
    assert_eq!(format_number(d("4857"), None, Lang::Vi), "4.857");
    assert_eq!(
        format_number(d("234708830632"), None, Lang::Vi),
        "234.708.830.632"
    );
    // 2 decimals, half-up: 0.125 → 0,13 (half-even would give 0,12)
    assert_eq!(format_number(d("0.125"), Some(2), Lang::Vi), "0,13");
    assert_eq!(
        format_number(d("1234567.891"), Some(2), Lang::Vi),
        "1.234.567,89"
    );
    assert_eq!(
        format_number(d("1234567.891"), Some(2), Lang::En),
        "1,234,567.89"
    );
    assert_eq!(format_percent(d("7"), Lang::En), "7.00%");
}

fn cycle_card() -> par_index::assessment::AppraisedScorecard {
    let rs = RuleSet::from_toml_str(include_str!("fixtures/cycle.toml")).unwrap();
    let ev = Evidence::from_json_str(include_str!("fixtures/cycle.evidence.json")).unwrap();
    let a = Appraisal::from_json_str(include_str!("fixtures/cycle.appraisal.json")).unwrap();
    evaluate_appraised(&rs, &ev, &a).unwrap()
}

#[test]
fn the_vietnamese_scorecard_follows_the_annex_columns() {
    let md = render_scorecard_markdown(&cycle_card(), Lang::Vi).unwrap();
    // Values by hand (tests/cycle.rs): area 1 self 5, appraised 3.5 of 5 = 70%;
    // area 2 self 2.7, appraised 2.88, survey 1.68, points 4.56 = 91.20%;
    // areas 8.06 (80.60%), bonus 1.25 capped at 1, penalty 0.5 → 8.56 = 85.60%, class B.
    for line in [
        "| STT | Lĩnh vực/Tiêu chí/Tiêu chí thành phần | Điểm tối đa | Tự đánh giá | Thẩm định | Điều tra XHH | Điểm đạt | Chỉ số (%) |",
        "| 1 | **Công tác chỉ đạo, điều hành CCHC** | 5 | 5 | 3,5 |  | 3,5 | 70,00 |",
        "| 2 | **Cải cách thủ tục hành chính** | 5 | 2,7 | 2,88 | 1,68 | 4,56 | 91,20 |",
        "| 2.2 | Mức độ hài lòng của người dân | 2 |  |  | 1,68 | 1,68 | 84,00 |",
        "|  | **Tổng điểm các lĩnh vực** | 10 |  |  |  | 8,06 | 80,60 |",
        "|  | Điểm thưởng (tối đa 1) | 1 |  |  |  | +1 |  |",
        "|  | Điểm phạt (tối đa 2) | 2 |  |  |  | −0,5 |  |",
        "|  | **Chỉ số CCHC** | 10 |  |  |  | **8,56** | **85,60** |",
        "Chỉ số: 85,60%; xếp loại B (Khá).",
        // 30/36 = 83.33% falls in the 70% to 90% band → 1 of 2; the basis is cited.
        "- **1.2** Mức độ thực hiện kế hoạch CCHC: 30/36 = 83,33% → khung từ 70% đến 90% → 1/2 điểm. Căn cứ: 00/TEST-CYCLE, Phụ lục, mục 1 (chưa đối chiếu văn bản)",
        // (6 × 100 + 4 × 60) / 10 = 84% of 2 = 1.68
        "- **2.2** Mức độ hài lòng của người dân: 10 phiếu (A 6, B 4) → bình quân 84% điểm tối đa → 1,68/2 điểm.",
        "- Thưởng: 1,25 vượt mức tối đa, chỉ tính 1 điểm",
    ] {
        assert!(md.contains(line), "missing {line:?} in\n{md}");
    }
    let en = render_scorecard_markdown(&cycle_card(), Lang::En).unwrap();
    assert!(en.contains("| Code | Area/Criterion/Sub-criterion | Max | Self-assessed | Appraised | Survey | Points | Index (%) |"));
    assert!(
        en.contains("| 2 | **Administrative procedures** | 5 | 2.7 | 2.88 | 1.68 | 4.56 | 91.20 |")
    );
    assert!(en.contains("- **1.2** Mức độ thực hiện kế hoạch CCHC: 30/36 = 83.33% → band 70% to 90% → 1 of 2. Basis: 00/TEST-CYCLE, Phụ lục, mục 1 (not checked against the text)"));
    // CSV: numbers with a comma are quoted; each round has its column (area 1: 3 then 3.5).
    let csv = render_scorecard_csv(&cycle_card(), Lang::Vi).unwrap();
    let area1 = csv.lines().nth(1).unwrap();
    assert_eq!(
        area1,
        "1,\"Công tác chỉ đạo, điều hành CCHC\",5,5,\"3,5\",,\"3,5\",\"70,00\",,,3,\"3,5\""
    );
}

#[test]
fn the_appraisal_diff_report_lists_each_change() {
    let md = render_diff_markdown(&cycle_card(), Lang::Vi);
    assert!(md.contains("Tự đánh giá 9,38 (93,80%) → thẩm định 8,06 (80,60%); thưởng +1, phạt −0,5 → chỉ số 8,56 (85,60%)."));
    assert!(md.contains("| 2 | 2.1 | Tỷ lệ hồ sơ giải quyết đúng hạn | 2,7 | 2,88 | +0,18 | 2: 87,60 → 91,20 | 73,80 → 75,60 | bổ sung 3 hồ sơ đúng hạn bị bỏ sót |"));
    let csv = render_diff_csv(&cycle_card(), Lang::En);
    assert_eq!(csv.lines().count(), 5); // header + 4 changes
    assert!(csv.contains("1,1.2,Mức độ thực hiện kế hoạch CCHC,2,1,-1,1: 100.00 → 80.00,93.80 → 83.80,6 nhiệm vụ không có tài liệu kiểm chứng,30/36 = 83.33% → band 70% to 90% → 1 of 2"));
}

#[test]
fn the_ranking_report_shows_ranks_ties_and_summaries() {
    let rs = RuleSet::from_toml_str(include_str!("fixtures/par-2012.toml")).unwrap();
    let batch = Batch::from_json_str(include_str!("fixtures/par-2012.batch.json")).unwrap();
    let result = score_batch(&rs, &batch).unwrap();
    let md = render_ranking_markdown(&result, Lang::Vi);
    // Area 1 sub-index: 53.25 / 60 = 88.75%; area 2: 33.87 / 40 = 84.675% → 84.68 (half-up).
    assert!(
        md.contains("| 1 | Đà Nẵng | 87,12 | 87,12 |  | 88,75 (2) | 84,68 (1) |"),
        "{md}"
    );
    // BR-VT appraised 54.35 / 60 = 90.5833% → 90.58, first in area 1.
    assert!(
        md.contains("| 2 | Bà Rịa - Vũng Tàu | 86,14 | 86,14 |  | 90,58 (1) |"),
        "{md}"
    );
    assert!(
        md.contains("| Tất cả | 5 | 84,14 | 83,83 | 80,21 | 87,12 |"),
        "{md}"
    );
    let csv = render_ranking_csv(&result, Lang::En);
    assert!(csv.starts_with("Rank,Unit,Points,Index (%),Class,Area 1 (%),Area rank 1,Area 2 (%),Area rank 2\r\n1,Đà Nẵng,87.12,87.12,,88.75,2,84.68,1\r\n"));
}

#[test]
fn the_bundled_example_batch_ranks_as_computed_by_hand() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let rs = RuleSet::from_path(root.join("tests/fixtures/cycle.toml")).unwrap();
    let mut files: Vec<_> = std::fs::read_dir(root.join("examples/data/batch"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut batch = Batch::default();
    for f in files {
        let text = std::fs::read_to_string(f).unwrap();
        batch
            .units
            .push(par_index::assessment::BatchEntry::from_json_str(&text).unwrap());
    }
    let result = score_batch(&rs, &batch).unwrap();
    let got: Vec<(usize, &str, Option<Decimal>)> = result
        .ranking
        .rows
        .iter()
        .map(|r| (r.rank, r.unit.as_str(), r.index))
        .collect();
    // By hand (set tests/fixtures/cycle.toml):
    // Duyên Hải: no survey → rescaled: (1 + 2 + 2 + 47/50 × 3 = 2.82) = 7.82 ÷ 8 = 97.75%
    // Càng Long: 1 + 2 (35/36 = 97.22%) + 1 + 2.88 (48/50 × 3) + 1.76 (A7 B3 = 88% × 2)
    //            = 8.64, bonus 0.5 + 0.75 = 1.25 capped at 1 → 9.64 → 96.40%
    // An Phú, Tiểu Cần: 1 + 2 + 2 + 2.7 + 1.68 = 9.38 → 93.80%, area 2 both 87.60%: tied 3rd
    // Bình Minh: 1 + 2 + 1.5 (round 1: 1, round 2: 1.5) + 3 + 1.84 (A8 B2 = 92%) = 9.34 → 93.40%
    // Châu Thành: 0.5 + 1 (32/36 = 88.89%) + 1.5 + 2.64 + 1.44 (A5 B3 C2 = 72%) = 7.08 → 70.80%
    // Cầu Kè: 0.5 + 1 + 1 + 2.4 + 1.28 (A3 B5 C2 = 64%) = 6.18, penalty 0.5 → 5.68 → 56.80%
    // Trà Cú: 0 + 0 (round 1: 22/36 = 61.11%, still under 70%) + 0.5 + 2.1 + 0.88 (B6 C4 = 44%)
    //         = 3.48 → 34.80%
    let s = |x: &str| Some(d(x));
    assert_eq!(
        got,
        [
            (1, "Thị xã Duyên Hải", s("97.75")),
            (2, "Huyện Càng Long", s("96.40")),
            (3, "Huyện An Phú", s("93.80")),
            (3, "Huyện Tiểu Cần", s("93.80")),
            (5, "Huyện Bình Minh", s("93.40")),
            (6, "Huyện Châu Thành", s("70.80")),
            (7, "Huyện Cầu Kè", s("56.80")),
            (8, "Huyện Trà Cú", s("34.80")),
        ]
    );
    // Mean of all eight: 637.55 / 8 = 79.69375 → 79.69; median (93.40 + 93.80) / 2 = 93.60.
    let all = &result.summaries[0];
    assert_eq!(all.mean.unwrap().exact, d("79.69375"));
    assert_eq!(all.mean.unwrap().rounded, d("79.69"));
    assert_eq!(all.median.unwrap().exact, d("93.60"));
    // Class A: 97.75 + 96.40 + 93.80 + 93.80 + 93.40 = 475.15 / 5 = 95.03.
    assert_eq!(result.summaries[1].mean.unwrap().exact, d("95.03"));
}

fn duyen_hai_card() -> par_index::assessment::AppraisedScorecard {
    let rs = RuleSet::builtin("vn-district-2023").unwrap();
    let ev =
        Evidence::from_json_str(include_str!("../examples/data/duyen-hai-2023-q3.json")).unwrap();
    evaluate_appraised(&rs, &ev, &Appraisal::default()).unwrap()
}

#[test]
fn the_heading_names_a_quarter_as_a_quarter_and_keeps_single_parentheses() {
    let md = render_scorecard_markdown(&duyen_hai_card(), Lang::Vi).unwrap();
    let lines: Vec<&str> = md.lines().collect();
    assert_eq!(
        lines[0],
        "# Chỉ số cải cách hành chính: Thị xã Duyên Hải — quý III năm 2023"
    );
    assert_eq!(
        lines[2],
        "Bộ tiêu chí: `vn-district-2023` (dựng lại, không phải văn bản chính thức), Bộ chỉ số CCHC cấp huyện năm 2023 (dựng lại theo khung 876/QĐ-BNV)"
    );
    assert!(!md.contains("(("), "{md}");
    let en = render_scorecard_markdown(&duyen_hai_card(), Lang::En).unwrap();
    assert_eq!(
        en.lines().next().unwrap(),
        "# PAR Index: Thị xã Duyên Hải — Q3 2023"
    );
    let diff = render_diff_markdown(&duyen_hai_card(), Lang::Vi);
    assert_eq!(
        diff.lines().next().unwrap(),
        "# Kết quả thẩm định: Thị xã Duyên Hải — quý III năm 2023"
    );
}

#[test]
fn numbers_in_one_ranking_column_have_the_same_decimals() {
    let rs = RuleSet::from_toml_str(
        r#"
id = "demo"
title = "Demo"
level = "commune"
years = { from = 2024 }
scale = 100
document = { number = "1/QĐ" }
[[areas]]
code = "1"
title = "Kết quả"
max = 100
provenance = { document = "1/QĐ", verified = false }
rule = { kind = "manual" }
"#,
    )
    .unwrap();
    let batch = Batch::from_json_str(
        r#"{ "units": [
  { "unit": { "name": "Xã A", "level": "commune" }, "period": { "year": 2024 }, "evidence": { "1": { "points": "44.2" } } },
  { "unit": { "name": "Xã B", "level": "commune" }, "period": { "year": 2024 }, "evidence": { "1": { "points": "46.09" } } }
] }"#,
    )
    .unwrap();
    let md = render_ranking_markdown(&score_batch(&rs, &batch).unwrap(), Lang::Vi);
    // 46.09 / 100 → 46,09%; 44.2 / 100 → 44,20%: points written with 2 decimals like the index.
    assert!(md.contains("| 1 | Xã B | 46,09 | 46,09 |"), "{md}");
    assert!(md.contains("| 2 | Xã A | 44,20 | 44,20 |"), "{md}");
}
