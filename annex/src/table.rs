//! Sheets as rows of text cells: CSV and XLSX read alike.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};

use crate::AnnexError;

/// One row of a sheet: its number from 1 and its cells as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row {
    pub(crate) number: usize,
    pub(crate) cells: Vec<String>,
}

/// Reads CSV text (a UTF-8 BOM is skipped; rows may have different lengths; a quoted cell may
/// hold line breaks). Row numbers count records, as a spreadsheet shows them.
pub(crate) fn csv_rows(text: &str) -> Result<Vec<Row>, AnnexError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record?;
        out.push(Row {
            number: i + 1,
            cells: record.iter().map(str::to_string).collect(),
        });
    }
    Ok(out)
}

/// Reads the first sheet of an XLSX workbook, its cell references first checked against
/// Excel's limits. A merged range holds its value in its first
/// cell and empty cells elsewhere, as Excel writes it.
pub(crate) fn xlsx_rows(bytes: &[u8]) -> Result<Vec<Row>, AnnexError> {
    crate::cellref::check_cell_refs(bytes)?;
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|e: calamine::XlsxError| AnnexError::Xlsx(e.to_string()))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| AnnexError::Xlsx("the workbook has no sheet".into()))?
        .map_err(|e| AnnexError::Xlsx(e.to_string()))?;
    let (top, left) = range.start().unwrap_or((0, 0));
    let pad = usize::try_from(left).unwrap_or(0);
    let mut out = Vec::new();
    for (i, cells) in range.rows().enumerate() {
        let mut row: Vec<String> = vec![String::new(); pad];
        row.extend(cells.iter().map(cell_text));
        out.push(Row {
            number: usize::try_from(top).unwrap_or(0) + i + 1,
            cells: row,
        });
    }
    Ok(out)
}

/// A cell as text. A number is written in its shortest form that reads back as the same
/// binary value (`1.75`, not `1.7500000000000002`), with a decimal comma as a CSV annex
/// writes it (`1,75`), so it is then read as an exact decimal from text, never converted
/// from a float.
pub(crate) fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) => format!("{f}").replace('.', ","),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        other => other.to_string(),
    }
}
