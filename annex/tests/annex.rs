//! The fixture annexes (CSV and XLSX in the official layout) import into a valid set whose
//! leaves are all encoded except the ones the fixture makes unreadable; the round trip
//! import → TOML → validate → export → import gives the same set; the exported XLSX reads
//! back cell by cell.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed unwrap is a failed test"
)]

use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use par_index::criteria::NodeDef;
use par_index::{Decimal, criteria::RuleSetDef, report::Lang};
use par_index_annex::{
    EntryKind, ImportOptions, Imported, export_annex_csv, export_annex_markdown, export_annex_xlsx,
    export_form_xlsx, import_csv, import_xlsx, to_toml,
};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
    .unwrap()
}

fn opts() -> ImportOptions {
    ImportOptions {
        id: "mau-2025".into(),
        ..ImportOptions::default()
    }
}

fn from_csv() -> Imported {
    import_csv(&String::from_utf8(fixture("annex.csv")).unwrap(), &opts()).unwrap()
}

fn leaves<'a>(n: &'a NodeDef, out: &mut Vec<&'a NodeDef>) {
    if n.criteria.is_empty() {
        out.push(n);
    }
    for c in &n.criteria {
        leaves(c, out);
    }
}

fn all_leaves(set: &RuleSetDef) -> Vec<&NodeDef> {
    let mut out = Vec::new();
    set.areas.iter().for_each(|a| leaves(a, &mut out));
    out
}

/// The rule kind the fixture gives each leaf; the four marked `refused` have texts the parser
/// must not read (no `:`; "đạt 80%" alone; "trước ngày"; "1.5" with a point).
const EXPECTED: [(&str, &str); 26] = [
    ("1.1.1", "deadline"),
    ("1.1.2", "ratio_bands"),
    ("1.1.3", "check"),
    ("1.1.4", "check"),
    ("1.2.1", "proportional"),
    ("1.2.2", "levels"),
    ("1.3.1", "count_bands"),
    ("1.3.2", "per_item"),
    ("1.4.1", "ratio_bands"),
    ("1.4.2", "deduction"),
    ("2.1.1", "levels"),
    ("2.1.2", "ratio_bands"),
    ("2.2.1", "levels"),
    ("2.2.2", "refused"),
    ("2.3.1", "check"),
    ("2.3.2", "refused"),
    ("3.1", "check"),
    ("3.2", "ratio_bands"),
    ("3.3", "proportional"),
    ("3.4", "deduction"),
    ("4.1", "survey"),
    ("4.2", "survey"),
    ("5.1", "per_item"),
    ("5.2", "manual"),
    ("5.3", "refused"),
    ("5.4", "refused"),
];

fn check_fixture_import(imported: &Imported) {
    let set = &imported.set;
    assert_eq!(set.document.number, "99/QĐ-UBND");
    assert_eq!(set.years.from, 2025);
    // 14 + 8 + 12 + 6 + 8 = 48.
    assert_eq!(set.scale, Decimal::from(48));
    let got: Vec<(String, String)> = all_leaves(set)
        .iter()
        .map(|l| (l.code.clone(), l.rule.as_ref().unwrap().kind.to_string()))
        .collect();
    let want: Vec<(String, String)> = EXPECTED
        .iter()
        .map(|(c, k)| (c.to_string(), k.replace("refused", "manual")))
        .collect();
    assert_eq!(got, want);
    let manual: Vec<(usize, String)> = imported
        .report
        .manual()
        .map(|e| (e.row, e.code.clone().unwrap()))
        .collect();
    // Rows of the sheet: 4 preamble and header rows, then the table.
    assert_eq!(
        manual,
        [
            (28, "2.2.2".to_string()),
            (31, "2.3.2".to_string()),
            (43, "5.3".to_string()),
            (44, "5.4".to_string())
        ]
    );
    let unplaced: Vec<usize> = imported
        .report
        .entries
        .iter()
        .filter(|e| e.kind == EntryKind::Unplaced)
        .map(|e| e.row)
        .collect();
    assert_eq!(unplaced, [45], "the closing note is not a criterion");
    assert_eq!(imported.report.entries.len(), 5, "{}", imported.report);
}

#[test]
fn the_csv_fixture_imports_with_every_leaf_encoded_but_the_refused() {
    let imported = from_csv();
    check_fixture_import(&imported);
    let set = &imported.set;
    let leaf = |code: &str| *all_leaves(set).iter().find(|l| l.code == code).unwrap();
    // The multi-line cell: four bands, 1,75 read as 1.75.
    let r = leaf("1.1.2").rule.clone().unwrap();
    assert_eq!(r.bands[1].points, Some("1.75".parse().unwrap()));
    // The rule written over three rows (merged cells): one text, three levels.
    let l = leaf("1.2.2");
    assert_eq!(l.rule.as_ref().unwrap().levels.len(), 3);
    assert_eq!(
        l.evidence.as_deref(),
        Some("Báo cáo kết quả kiểm tra;\nVăn bản xử lý sau kiểm tra")
    );
    // A refused leaf keeps its wording, verbatim.
    assert_eq!(
        leaf("5.4").wording.as_deref(),
        Some("Có: 1.5 điểm; Không: 0 điểm")
    );
    assert_eq!(
        leaf("1.1.1").provenance.as_ref().unwrap().clause.as_deref(),
        Some("Điều 5, khoản 1")
    );
}

#[test]
fn the_xlsx_fixture_imports_as_the_csv_does() {
    let xlsx = import_xlsx(&fixture("annex.xlsx"), &opts()).unwrap();
    check_fixture_import(&xlsx);
    assert_eq!(xlsx.set, from_csv().set);
}

#[test]
fn round_trip_through_toml_validation_and_both_exports() {
    let first = from_csv().set;
    let toml_text = to_toml(&first).unwrap();
    let back: RuleSetDef = toml::from_str(&toml_text).unwrap();
    assert_eq!(back, first);
    par_index::criteria::validate(back.clone()).unwrap();
    assert!(
        par_index::criteria::wording::check_wording(&back).len() == 4,
        "only the refused texts"
    );

    let again = import_xlsx(&export_annex_xlsx(&back).unwrap(), &opts()).unwrap();
    assert_eq!(again.set, first);
    let csv = export_annex_csv(&back).unwrap();
    assert!(csv.starts_with('\u{feff}'));
    assert_eq!(import_csv(&csv, &opts()).unwrap().set, first);
}

#[test]
fn a_bundled_set_exports_and_imports_to_the_same_rules() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../criteria/ca-mau-1880-2013/ruleset.toml"),
    )
    .unwrap();
    let set: RuleSetDef = toml::from_str(&text).unwrap();
    let opts = ImportOptions {
        id: set.id.clone(),
        ..ImportOptions::default()
    };
    let back = import_xlsx(&export_annex_xlsx(&set).unwrap(), &opts).unwrap();
    // 1.3 and 1.4 are manual: their rendered text ("Thẩm định chấm trực tiếp …") reads back
    // as manual, so nothing is reported.
    assert!(back.report.is_empty(), "{}", back.report);
    let (a, b) = (all_leaves(&set), all_leaves(&back.set));
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x.code, y.code);
        assert!(
            par_index::criteria::wording::same_rule(
                x.rule.as_ref().unwrap(),
                y.rule.as_ref().unwrap(),
                x.max
            ),
            "{}",
            x.code
        );
    }
}

fn cell_text(c: &Data) -> String {
    match c {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) => format!("{f}"),
        other => other.to_string(),
    }
}

/// The cells the annex should hold for a node: STT, title, max, text, evidence, clause.
fn expected_rows(set: &RuleSetDef) -> Vec<[String; 6]> {
    fn walk(n: &NodeDef, depth: usize, out: &mut Vec<[String; 6]>) {
        let stt = match depth {
            0 => ["I", "II", "III", "IV", "V"][n.code.parse::<usize>().unwrap() - 1].to_string(),
            _ => n.code.split_once('.').unwrap().1.to_string(),
        };
        let text = match (&n.wording, &n.rule, n.criteria.is_empty()) {
            (Some(w), _, true) => w.clone(),
            (None, Some(r), true) => par_index::criteria::wording::render(r, n.max, Lang::Vi),
            _ => String::new(),
        };
        out.push([
            stt,
            n.title.clone(),
            n.max.normalize().to_string(),
            text,
            n.evidence.clone().unwrap_or_default(),
            n.provenance
                .as_ref()
                .and_then(|p| p.clause.clone())
                .unwrap_or_default(),
        ]);
        for c in &n.criteria {
            walk(c, depth + 1, out);
        }
    }
    let mut out = Vec::new();
    set.areas.iter().for_each(|a| walk(a, 0, &mut out));
    out
}

#[test]
fn the_exported_xlsx_reads_back_cell_by_cell_with_its_vietnamese() {
    let set = from_csv().set;
    let bytes = export_annex_xlsx(&set).unwrap();
    let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(book.sheet_names(), ["Phụ lục"]);
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    let grid: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(cell_text).collect())
        .collect();
    assert_eq!(grid[0][0], "PHỤ LỤC");
    assert_eq!(grid[1][0], set.title);
    assert_eq!(grid[2][0], "(Kèm theo văn bản số 99/QĐ-UBND năm 2025)");
    assert_eq!(
        grid[3],
        [
            "STT",
            "Lĩnh vực/Tiêu chí/Tiêu chí thành phần",
            "Điểm tối đa",
            "Cách chấm điểm",
            "Tài liệu kiểm chứng",
            "Căn cứ"
        ]
    );
    let want = expected_rows(&set);
    assert_eq!(grid.len(), 4 + want.len());
    for (got, want) in grid[4..].iter().zip(&want) {
        assert_eq!(got.as_slice(), want.as_slice());
    }
    // One cell checked by hand: the multi-line rule of 1.1.2 keeps its lines and its accents.
    assert!(grid.iter().any(|r| r[3]
        == "- Hoàn thành 100% kế hoạch: 2 điểm\n- Từ 95% đến dưới 100%: 1,75 điểm\n- Từ 80% đến dưới 95%: 1 điểm\n- Dưới 80%: 0 điểm"));
}

#[test]
fn the_markdown_annex_and_the_form() {
    let set = from_csv().set;
    let md = export_annex_markdown(&set);
    assert!(
        md.contains("| **I** | **CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH** | **14** |")
    );
    assert!(md.contains("Từ 95% đến dưới 100%: 1,75 điểm<br>"));
    let form = export_form_xlsx(&set, None).unwrap();
    let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(form)).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    let grid: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(cell_text).collect())
        .collect();
    assert_eq!(
        grid[3][..4],
        [
            "STT",
            "Lĩnh vực/Tiêu chí/Tiêu chí thành phần",
            "Điểm tối đa",
            "Điểm đánh giá"
        ]
    );
    // "Điểm đánh giá" spans two columns; the other header cells are merged down (empty).
    assert_eq!(grid[4][2..7], ["", "Tự đánh giá", "Thẩm định", "", ""]);
    let last = grid.last().unwrap();
    assert_eq!((last[0].as_str(), last[2].as_str()), ("TỔNG CỘNG", "48"));
}

#[test]
fn the_form_is_filled_from_a_scorecard() {
    let set = from_csv().set;
    let rs = par_index::criteria::validate(set.clone()).unwrap();
    let evidence: par_index::Evidence = serde_json::from_str(
        r#"{"unit": {"name": "Huyện Mẫu", "level": "district"}, "period": {"year": 2025},
            "evidence": {"1.1.4": {"met": true}, "1.2.2": {"level": "l1"},
                         "1.1.2": {"numerator": 19, "denominator": 20}}}"#,
    )
    .unwrap();
    let card = par_index::evaluate(&rs, &evidence).unwrap();
    let form = export_form_xlsx(&set, Some(&card)).unwrap();
    let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(form)).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    let grid: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(cell_text).collect())
        .collect();
    let row = |stt: &str, title_start: &str| {
        grid.iter()
            .find(|r| r[0] == stt && r[1].starts_with(title_start))
            .unwrap()
            .clone()
    };
    // 19/20 = 95%: the band "từ 95% đến dưới 100%" pays 1.75.
    assert_eq!(row("1.2", "Mức độ hoàn thành")[3], "1.75");
    // Area I: 1 (1.1.4, met) + 2 (1.2.2, first level) + 1.75 = 4.75; nothing else has evidence.
    assert_eq!(row("I", "CÔNG TÁC")[3], "4.75");
    assert_eq!(
        row("1.1", "Ban hành kế hoạch")[6],
        "Chưa có tài liệu kiểm chứng"
    );
    assert!(grid[2][0].contains("Huyện Mẫu"));
    let last = grid.last().unwrap();
    assert_eq!((last[2].as_str(), last[3].as_str()), ("48", "4.75"));
}

/// The workbook `from` with `old` replaced by `new` in the first sheet's XML (the other parts
/// copied as they are).
fn with_sheet_text(from: &[u8], old: &str, new: &str) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(from)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zin.len() {
        let mut part = zin.by_index(i).unwrap();
        let name = part.name().to_string();
        let mut bytes = Vec::new();
        part.read_to_end(&mut bytes).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            let text = String::from_utf8(bytes).unwrap();
            assert!(text.contains(old), "{old} not in the sheet");
            bytes = text.replacen(old, new, 1).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn a_cell_reference_past_excels_limits_is_refused_before_calamine_reads_it() {
    let good = export_annex_xlsx(&from_csv().set).unwrap();
    // Column XFD and row 1,048,576 are Excel's last: the same workbook with its first cell
    // moved there still reads (calamine then places it; the import finds the same header).
    assert!(import_xlsx(&with_sheet_text(&good, r#"r="A1""#, r#"r="XFD1""#), &opts()).is_ok());
    // Seven letters overflow calamine's `u32` column arithmetic (a panic with overflow checks):
    // refused with the part and the reference named.
    for (bad, shown) in [
        (r#"r="AAAAAAA1""#, "`AAAAAAA1`"),
        (r#"r="A12345678""#, "`A12345678`"),
    ] {
        let err = import_xlsx(&with_sheet_text(&good, r#"r="A1""#, bad), &opts()).unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("`xl/worksheets/sheet1.xml`") && text.contains(shown),
            "{text}"
        );
        assert!(text.contains("vượt giới hạn của Excel"), "{text}");
    }
    // The fuzzer's input (a 19-letter column in a part whose checksum is also wrong).
    let err = import_xlsx(&fixture("calamine-overflow.xlsx"), &opts()).unwrap_err();
    assert!(err.to_string().contains("tham chiếu ô"), "{err}");
}
