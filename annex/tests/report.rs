//! What the import reports: maxima that do not add up, rows it cannot place, a missing header
//! or year; STT forms without Roman areas.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed unwrap is a failed test"
)]

use par_index::Decimal;
use par_index_annex::{AnnexError, EntryKind, ImportOptions, import_csv};

const HEAD: &str = "Bộ tiêu chí thử (Kèm theo Quyết định số 01/QĐ-UBND năm 2024)\nSTT,Tiêu chí,Điểm tối đa,Cách chấm điểm\n";

fn kinds(csv: &str) -> Vec<(usize, Option<String>, EntryKind)> {
    import_csv(&format!("{HEAD}{csv}"), &ImportOptions::default())
        .unwrap()
        .report
        .entries
        .into_iter()
        .map(|e| (e.row, e.code, e.kind))
        .collect()
}

#[test]
fn a_max_that_is_not_the_sum_of_its_children_is_reported_on_the_parent_row() {
    // Area 1 says 3, its children 1 + 1,5 = 2,5.
    let csv = "1,Lĩnh vực,3,\n1.1,A,1,Có: 1 điểm; Không: 0 điểm\n1.2,B,\"1,5\",Có: 1 điểm; Không: 0 điểm\n";
    let imported = import_csv(&format!("{HEAD}{csv}"), &ImportOptions::default()).unwrap();
    let e = &imported.report.entries;
    assert_eq!(e.len(), 1, "{}", imported.report);
    assert_eq!((e[0].row, e[0].kind), (3, EntryKind::Max));
    assert!(
        e[0].message
            .contains("điểm tối đa 3 khác tổng các mục con 2,5")
    );
    // Without Roman numerals, `1` is an area and `1.1` its criterion.
    assert_eq!(
        imported.set.areas[0].criteria[1].max,
        "1.5".parse::<Decimal>().unwrap()
    );
    assert_eq!(imported.set.years.from, 2024);
}

#[test]
fn rows_without_a_place_are_reported_and_left_out() {
    let csv = "1,Lĩnh vực,1,\n1.1,A,1,Có: 1 điểm; Không: 0 điểm\n2.1,Mồ côi,1,Có: 1 điểm; Không: 0 điểm\nA.,Lạ,1,\n";
    assert_eq!(
        kinds(csv),
        [
            (5, Some("2.1".to_string()), EntryKind::Unplaced),
            (6, None, EntryKind::Unplaced)
        ]
    );
}

#[test]
fn a_point_in_a_max_is_refused_and_reported() {
    let csv = "1,Lĩnh vực,1.5,Có: 1 điểm; Không: 0 điểm\n";
    assert_eq!(kinds(csv), [(3, Some("1".to_string()), EntryKind::Max)]);
}

#[test]
fn no_header_and_no_year_are_errors() {
    let e = import_csv("STT,Tên\n1,A\n", &ImportOptions::default()).unwrap_err();
    assert!(matches!(e, AnnexError::NoHeader));
    let e = import_csv(
        "STT,Tiêu chí,Điểm tối đa\n1,A,1\n",
        &ImportOptions::default(),
    )
    .unwrap_err();
    assert!(matches!(e, AnnexError::NoYear));
    let opts = ImportOptions {
        year: Some(2026),
        ..ImportOptions::default()
    };
    let ok = import_csv("STT,Tiêu chí,Điểm tối đa\n1,A,1\n", &opts).unwrap();
    assert_eq!(ok.set.years.from, 2026);
    // No scoring column: the leaf is manual, and reported; no document number, reported.
    let kinds: Vec<EntryKind> = ok.report.entries.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, [EntryKind::Metadata, EntryKind::Manual]);
}
