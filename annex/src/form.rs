//! The unit's self-assessment form (biểu tự đánh giá, chấm điểm) as XLSX.

use par_index::criteria::NodeDef;
use par_index::{Scorecard, criteria::RuleSetDef, scoring::NodeStatus};
use rust_xlsxwriter::{Workbook, Worksheet};

use crate::AnnexError;
use crate::export::{Formats, print_setup, row_height, stt, write_decimal};

/// The form's columns after STT and the criterion: Điểm tối đa | Tự đánh giá | Thẩm định |
/// Tài liệu kiểm chứng | Ghi chú.
pub(crate) const FORM_COLUMNS: [&str; 5] = [
    "Điểm tối đa",
    "Tự đánh giá",
    "Thẩm định",
    "Tài liệu kiểm chứng",
    "Ghi chú",
];

/// Column widths of the form, in characters.
const FORM_WIDTHS: [u16; 7] = [6, 48, 9, 10, 10, 40, 22];

/// The self-assessment form of a set as an XLSX workbook: STT | Lĩnh vực/Tiêu chí | Điểm tối
/// đa | Điểm đánh giá (Tự đánh giá | Thẩm định) | Tài liệu kiểm chứng | Ghi chú, with a total
/// row. With a scorecard, "Tự đánh giá" holds its points for every node and the total, and
/// "Ghi chú" says which leaves are not applicable or lack evidence; "Thẩm định" is left for
/// the appraiser. A4 landscape, the two header rows repeated on every page, numbers in the
/// Vietnamese format.
///
/// # Errors
/// [`AnnexError::XlsxWrite`] if the workbook cannot be written.
pub fn export_form_xlsx(set: &RuleSetDef, card: Option<&Scorecard>) -> Result<Vec<u8>, AnnexError> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Tự đánh giá")?;
    let mut f = Formats::new();
    heading(ws, &f, set, card)?;
    let mut nodes = Vec::new();
    for area in &set.areas {
        flatten(area, 0, &mut nodes);
    }
    let mut row = 5u32;
    for (node, depth) in nodes {
        node_row(ws, &mut f, row, node, depth, card)?;
        row += 1;
    }
    total_row(ws, &mut f, row, set, card)?;
    Ok(book.save_to_buffer()?)
}

/// The title lines and the two header rows ("Điểm đánh giá" over Tự đánh giá | Thẩm định).
fn heading(
    ws: &mut Worksheet,
    f: &Formats,
    set: &RuleSetDef,
    card: Option<&Scorecard>,
) -> Result<(), AnnexError> {
    for (col, width) in (0u16..).zip(FORM_WIDTHS) {
        ws.set_column_width(col, width)?;
    }
    let unit = card.map_or(String::from("Đơn vị: ……………………"), |c| {
        format!("Đơn vị: {} — kỳ đánh giá: {}", c.unit.name, c.period)
    });
    let lines = [
        "BIỂU TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH".to_string(),
        set.title.clone(),
        unit,
    ];
    for (row, text) in (0u32..).zip(lines) {
        ws.merge_range(row, 0, row, 6, &text, &f.title)?;
    }
    ws.merge_range(3, 0, 4, 0, "STT", &f.header)?;
    ws.merge_range(
        3,
        1,
        4,
        1,
        "Lĩnh vực/Tiêu chí/Tiêu chí thành phần",
        &f.header,
    )?;
    ws.merge_range(3, 2, 4, 2, FORM_COLUMNS[0], &f.header)?;
    ws.merge_range(3, 3, 3, 4, "Điểm đánh giá", &f.header)?;
    ws.write_string_with_format(4, 3, FORM_COLUMNS[1], &f.header)?;
    ws.write_string_with_format(4, 4, FORM_COLUMNS[2], &f.header)?;
    ws.merge_range(3, 5, 4, 5, FORM_COLUMNS[3], &f.header)?;
    ws.merge_range(3, 6, 4, 6, FORM_COLUMNS[4], &f.header)?;
    print_setup(ws, 3, 4)
}

fn node_row(
    ws: &mut Worksheet,
    f: &mut Formats,
    row: u32,
    node: &NodeDef,
    depth: usize,
    card: Option<&Scorecard>,
) -> Result<(), AnnexError> {
    let area = depth == 0;
    let text = if area { f.bold.clone() } else { f.text.clone() };
    ws.write_string_with_format(row, 0, stt(&node.code, depth), &text)?;
    ws.write_string_with_format(row, 1, &node.title, &text)?;
    let nf = f.number(node.max, area).clone();
    write_decimal(ws, row, 2, node.max, &nf)?;
    let result = card.and_then(|c| c.node(&node.code));
    if let Some(r) = result {
        let pf = f.number(r.score.points, area).clone();
        write_decimal(ws, row, 3, r.score.points, &pf)?;
    } else {
        ws.write_blank(row, 3, &text)?;
    }
    ws.write_blank(row, 4, &text)?;
    let evidence = node.evidence.clone().unwrap_or_default();
    ws.write_string_with_format(row, 5, &evidence, &f.text)?;
    let note = match result.map(|r| r.status) {
        Some(NodeStatus::NotApplicable) => "Không áp dụng",
        Some(NodeStatus::MissingEvidence) => "Chưa có tài liệu kiểm chứng",
        _ => "",
    };
    ws.write_string_with_format(row, 6, note, &f.text)?;
    let cells = [
        (node.title.as_str(), 48),
        (evidence.as_str(), 40),
        (note, 22),
    ];
    ws.set_row_height(row, row_height(&cells))?;
    Ok(())
}

fn total_row(
    ws: &mut Worksheet,
    f: &mut Formats,
    row: u32,
    set: &RuleSetDef,
    card: Option<&Scorecard>,
) -> Result<(), AnnexError> {
    ws.merge_range(row, 0, row, 1, "TỔNG CỘNG", &f.bold)?;
    let sf = f.number(set.scale, true).clone();
    write_decimal(ws, row, 2, set.scale, &sf)?;
    if let Some(c) = card {
        let tf = f.number(c.total.points, true).clone();
        write_decimal(ws, row, 3, c.total.points, &tf)?;
    } else {
        ws.write_blank(row, 3, &f.bold)?;
    }
    for col in 4..=6 {
        ws.write_blank(row, col, &f.bold)?;
    }
    Ok(())
}

fn flatten<'a>(node: &'a NodeDef, depth: usize, out: &mut Vec<(&'a NodeDef, usize)>) {
    out.push((node, depth));
    for c in &node.criteria {
        flatten(c, depth + 1, out);
    }
}
