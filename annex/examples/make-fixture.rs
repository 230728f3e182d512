//! Writes `tests/fixtures/annex.xlsx` from `tests/fixtures/annex.csv`, as a province's Excel
//! annex looks: the preamble merged across the table, maxima as numbers, multi-line cells,
//! and a rule written over several rows with its STT, title and max merged down.
//!
//! Run: `cargo run -p par-index-annex --example make-fixture`.

use std::path::Path;

use rust_xlsxwriter::{Format, FormatBorder, Workbook};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let text = std::fs::read_to_string(dir.join("annex.csv"))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.map(|r| r.iter().map(str::to_string).collect()))
        .collect::<Result<_, _>>()?;
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Phụ lục")?;
    let cell = Format::new().set_text_wrap().set_border(FormatBorder::Thin);
    let number = cell.clone().set_num_format("[$-42A]0.##");
    let title = Format::new().set_bold();
    for (col, width) in [6.0, 40.0, 8.0, 60.0, 30.0, 14.0].into_iter().enumerate() {
        ws.set_column_width(u16::try_from(col)?, width)?;
    }
    let continues = |row: Option<&Vec<String>>| {
        row.is_some_and(|row| {
            let get = |c: usize| row.get(c).map_or("", String::as_str);
            row.len() > 1 && get(0).is_empty() && get(1).is_empty() && !get(3).is_empty()
        })
    };
    for (r, row) in (0u32..).zip(&rows) {
        let get = |c: usize| row.get(c).map_or("", String::as_str);
        if row.len() == 1 {
            ws.merge_range(r, 0, r, 5, get(0), &title)?;
            continue;
        }
        let i = usize::try_from(r)?;
        let here = continues(rows.get(i));
        // A rule written over the next rows: STT, title and max merged down over them, as
        // Excel writes a merged cell (the value in the first cell, the others empty).
        let more = (i + 1..rows.len())
            .take_while(|j| continues(rows.get(*j)))
            .count();
        for c in 0..6u16 {
            if here && c < 3 {
                continue;
            }
            if more > 0 && c < 3 {
                let last = r + u32::try_from(more)?;
                ws.merge_range(r, c, last, c, "", &cell)?;
            }
            write(ws, r, c, get(usize::from(c)), &cell, &number)?;
        }
    }
    book.save(dir.join("annex.xlsx"))?;
    Ok(())
}

/// A max as a number (read from its text with a decimal comma), anything else as text.
fn write(
    ws: &mut rust_xlsxwriter::Worksheet,
    r: u32,
    c: u16,
    v: &str,
    cell: &Format,
    number: &Format,
) -> Result<(), Box<dyn std::error::Error>> {
    match (c, v.replace(',', ".").parse::<f64>()) {
        (2, Ok(n)) if r > 3 => ws.write_number_with_format(r, c, n, number)?,
        _ => ws.write_string_with_format(r, c, v, cell)?,
    };
    Ok(())
}
