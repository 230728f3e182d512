//! A set → the printable annex: Markdown, CSV (with a UTF-8 BOM) and XLSX.

use std::collections::BTreeMap;

use par_index::criteria::NodeDef;
use par_index::{Decimal, criteria::RuleSetDef, criteria::wording, report::Lang};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet};

use crate::AnnexError;

/// The header of the annex table.
pub(crate) const HEADER: [&str; 6] = [
    "STT",
    "Lĩnh vực/Tiêu chí/Tiêu chí thành phần",
    "Điểm tối đa",
    "Cách chấm điểm",
    "Tài liệu kiểm chứng",
    "Căn cứ",
];

/// One row of the printed annex.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line {
    pub(crate) stt: String,
    pub(crate) title: String,
    pub(crate) max: Decimal,
    pub(crate) wording: String,
    pub(crate) evidence: String,
    pub(crate) source: String,
    pub(crate) depth: usize,
    pub(crate) code: String,
}

/// An area's code as a Roman numeral (`3` → `III`), as annexes number areas.
pub(crate) fn roman(code: &str) -> String {
    let Ok(mut n) = code.parse::<u32>() else {
        return code.to_string();
    };
    let mut out = String::new();
    for (v, s) in [
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ] {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// The STT of a node: an area as a Roman numeral, any other node by its code within the
/// area (`2.1.1` → `1.1`), as annexes number them and as the importer reads them.
pub(crate) fn stt(code: &str, depth: usize) -> String {
    match (depth, code.split_once('.')) {
        (0, _) => roman(code),
        (_, Some((_, rest))) => rest.to_string(),
        (_, None) => code.to_string(),
    }
}

/// The rows of the annex, in tree order. A leaf's text is its `wording` when it has one (the
/// official text, verbatim), else its rule rendered in Vietnamese.
pub(crate) fn lines(set: &RuleSetDef) -> Vec<Line> {
    let mut out = Vec::new();
    for area in &set.areas {
        walk(area, 0, &mut out);
    }
    out
}

fn walk(node: &NodeDef, depth: usize, out: &mut Vec<Line>) {
    let leaf = node.criteria.is_empty();
    let wording = match (&node.wording, &node.rule, leaf) {
        (Some(w), _, true) => w.clone(),
        (None, Some(rule), true) => wording::render(rule, node.max, Lang::Vi),
        _ => String::new(),
    };
    out.push(Line {
        stt: stt(&node.code, depth),
        title: node.title.clone(),
        max: node.max,
        wording,
        evidence: node.evidence.clone().unwrap_or_default(),
        source: node
            .provenance
            .as_ref()
            .and_then(|p| p.clause.clone())
            .unwrap_or_default(),
        depth,
        code: node.code.clone(),
    });
    for c in &node.criteria {
        walk(c, depth + 1, out);
    }
}

/// A decimal with a decimal comma (`1,75`).
pub(crate) fn vi(d: Decimal) -> String {
    d.normalize().to_string().replace('.', ",")
}

/// The lines above the table: "PHỤ LỤC", the title, the document and year.
pub(crate) fn preamble(set: &RuleSetDef) -> [String; 3] {
    [
        "PHỤ LỤC".to_string(),
        set.title.clone(),
        format!(
            "(Kèm theo văn bản số {} năm {})",
            set.document.number, set.years.from
        ),
    ]
}

/// The annex as Markdown: the preamble and one table row per node (line breaks as `<br>`).
#[must_use]
pub fn export_annex_markdown(set: &RuleSetDef) -> String {
    let cell = |s: &str| s.replace('|', "\\|").replace('\n', "<br>");
    let [head, title, doc] = preamble(set);
    let mut out = format!("# {head}\n\n**{}**\n\n_{}_\n\n", cell(&title), cell(&doc));
    out.push_str(&format!("| {} |\n", HEADER.join(" | ")));
    out.push_str("|---|---|---:|---|---|---|\n");
    for l in lines(set) {
        let bold = |s: &str| {
            if l.depth == 0 && !s.is_empty() {
                format!("**{}**", cell(s))
            } else {
                cell(s)
            }
        };
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            bold(&l.stt),
            bold(&l.title),
            bold(&vi(l.max)),
            cell(&l.wording),
            cell(&l.evidence),
            cell(&l.source)
        ));
    }
    out
}

/// The annex as CSV for Excel: a UTF-8 BOM, the preamble, the header and one row per node,
/// numbers with a decimal comma, CRLF line ends. [`crate::import_csv`] reads it back.
///
/// # Errors
/// [`AnnexError::Csv`] if writing fails.
pub fn export_annex_csv(set: &RuleSetDef) -> Result<String, AnnexError> {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for p in preamble(set) {
        w.write_record([p])?;
    }
    w.write_record(HEADER)?;
    for l in lines(set) {
        w.write_record([l.stt, l.title, vi(l.max), l.wording, l.evidence, l.source])?;
    }
    let bytes = w.into_inner().map_err(|e| AnnexError::Io(e.into_error()))?;
    Ok(format!("\u{feff}{}", String::from_utf8_lossy(&bytes)))
}

/// Formats for a printed sheet: text, bold, header, and one number format per count of
/// decimals, each in the Vietnamese locale (`[$-42A]`: `1,75`).
#[derive(Debug)]
pub(crate) struct Formats {
    pub(crate) text: Format,
    pub(crate) bold: Format,
    pub(crate) header: Format,
    pub(crate) title: Format,
    numbers: BTreeMap<(u32, bool), Format>,
}

impl Formats {
    pub(crate) fn new() -> Self {
        let text = Format::new()
            .set_text_wrap()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Top)
            .set_font_name("Times New Roman")
            .set_font_size(11);
        Formats {
            bold: text.clone().set_bold(),
            header: text
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color("#D9D9D9"),
            title: Format::new()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_font_name("Times New Roman")
                .set_font_size(13)
                .set_text_wrap(),
            text,
            numbers: BTreeMap::new(),
        }
    }

    /// The format of a number with its own count of decimals (`2`, `1,5`, `1,75`).
    pub(crate) fn number(&mut self, value: Decimal, bold: bool) -> &Format {
        let scale = value.normalize().scale();
        let base = if bold { &self.bold } else { &self.text };
        let code = if scale == 0 {
            "[$-42A]0".to_string()
        } else {
            format!("[$-42A]0.{}", "0".repeat(scale as usize))
        };
        let fmt = base
            .clone()
            .set_num_format(code)
            .set_align(FormatAlign::Center);
        self.numbers.entry((scale, bold)).or_insert(fmt)
    }
}

/// Writes an exact decimal into a numeric cell. The cell holds the nearest binary value; its
/// text (`to_string`) is exact, and the format shows the decimal's own digits.
pub(crate) fn write_decimal(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    value: Decimal,
    format: &Format,
) -> Result<(), AnnexError> {
    let number: f64 = value.to_string().parse().unwrap_or_default();
    ws.write_number_with_format(row, col, number, format)?;
    Ok(())
}

/// A row height (points) that shows every line of its wrapped cells: each cell's text broken
/// at its line breaks and every `width` × 1.2 characters (Times New Roman 11 fits about that
/// many in a column `width` characters wide). LibreOffice and Excel do not grow a row
/// written without a height, so the printed page would cut the text.
pub(crate) fn row_height(cells: &[(&str, u16)]) -> f64 {
    let lines = cells
        .iter()
        .map(|(text, width)| {
            let w = (usize::from(*width) * 6 / 5).max(1);
            text.split('\n')
                .map(|l| l.chars().count().div_ceil(w).max(1))
                .sum::<usize>()
        })
        .max()
        .unwrap_or(1);
    f64::from(
        u32::try_from(lines.saturating_mul(16))
            .unwrap_or(409)
            .min(409),
    )
}

/// Sets A4 landscape, one page wide, narrow margins, and `rows` repeated on every page.
pub(crate) fn print_setup(ws: &mut Worksheet, first: u32, last: u32) -> Result<(), AnnexError> {
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    ws.set_repeat_rows(first, last)?;
    ws.set_footer("&CTrang &P/&N");
    Ok(())
}

/// Column widths of the printed annex, in characters.
const WIDTHS: [u16; 6] = [6, 36, 8, 62, 34, 16];

/// The annex as an XLSX workbook (one sheet "Phụ lục"), for print: A4 landscape, the header
/// row repeated on every page, areas in bold, texts wrapped, maxima as numbers in the
/// Vietnamese format (`1,75`). [`crate::import_xlsx`] reads it back.
///
/// # Errors
/// [`AnnexError::XlsxWrite`] if the workbook cannot be written.
pub fn export_annex_xlsx(set: &RuleSetDef) -> Result<Vec<u8>, AnnexError> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Phụ lục")?;
    let mut f = Formats::new();
    for (col, width) in (0u16..).zip(WIDTHS) {
        ws.set_column_width(col, width)?;
    }
    for (row, text) in (0u32..).zip(preamble(set)) {
        ws.merge_range(row, 0, row, 5, &text, &f.title)?;
    }
    for (col, h) in (0u16..).zip(HEADER) {
        ws.write_string_with_format(3, col, h, &f.header)?;
    }
    print_setup(ws, 3, 3)?;
    for (row, l) in (4u32..).zip(lines(set)) {
        let area = l.depth == 0;
        let text = if area { f.bold.clone() } else { f.text.clone() };
        ws.write_string_with_format(row, 0, &l.stt, &text)?;
        ws.write_string_with_format(row, 1, &l.title, &text)?;
        let nf = f.number(l.max, area).clone();
        write_decimal(ws, row, 2, l.max, &nf)?;
        ws.write_string_with_format(row, 3, &l.wording, &f.text)?;
        ws.write_string_with_format(row, 4, &l.evidence, &f.text)?;
        ws.write_string_with_format(row, 5, &l.source, &f.text)?;
        let texts = [&l.title, &l.wording, &l.evidence, &l.source];
        let cells: Vec<(&str, u16)> = texts
            .iter()
            .zip([1, 3, 4, 5])
            .map(|(t, c)| (t.as_str(), WIDTHS.get(c).copied().unwrap_or(10)))
            .collect();
        ws.set_row_height(row, row_height(&cells))?;
    }
    Ok(book.save_to_buffer()?)
}
