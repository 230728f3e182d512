//! Annex rows → a criteria set and a report.

use std::collections::BTreeMap;
use std::path::Path;

use par_index::criteria::{DocumentRef, NodeDef, Provenance, RuleDef, RuleKind, Years};
use par_index::{Decimal, criteria::RuleSetDef, criteria::wording};

use crate::table::{Row, csv_rows, xlsx_rows};
use crate::{AnnexError, EntryKind, ImportOptions, ImportReport, Imported, ReportEntry};

/// Reads an annex from CSV text (with or without a UTF-8 BOM).
///
/// The rows above the header are the preamble: the first line that is not "PHỤ LỤC" is the
/// title; "số 123/QĐ-UBND" gives the document; "năm 2025" the first year. The header row has
/// `STT`, the criteria column (`Lĩnh vực`, `Tiêu chí` or `Nội dung`) and `Điểm tối đa`, and
/// may have `Cách chấm điểm` (or `Hướng dẫn chấm điểm`), `Tài liệu kiểm chứng` and `Căn cứ`.
///
/// STT forms: `I`, `II` (areas); `1`, `2` (criteria of the area; areas when there is no
/// Roman numeral); `1.1`, `1.2.3` (under a Roman area, the code within it: `1.1` of area
/// `II` is `2.1.1`; without Roman areas, the code itself); `a)`, `b.` (sub-criteria of the last
/// numbered row); `-`, `+` (the next item of the last numbered or lettered row). A row with
/// an empty STT and an empty title continues the row above (a merged cell, or a rule written
/// over several rows): its texts are added on a new line.
///
/// # Errors
/// [`AnnexError::NoHeader`], [`AnnexError::NoYear`], or the CSV's own error. Everything else
/// goes into the report.
pub fn import_csv(text: &str, options: &ImportOptions) -> Result<Imported, AnnexError> {
    import_rows(&csv_rows(text)?, options)
}

/// Reads an annex from the first sheet of an XLSX workbook, as [`import_csv`] does.
///
/// # Errors
/// As [`import_csv`]; [`AnnexError::Xlsx`] for a file that is not a workbook.
pub fn import_xlsx(bytes: &[u8], options: &ImportOptions) -> Result<Imported, AnnexError> {
    import_rows(&xlsx_rows(bytes)?, options)
}

/// Reads an annex from a `.xlsx` or `.csv` file, by its extension.
///
/// # Errors
/// As [`import_csv`] and [`import_xlsx`], and [`AnnexError::Io`].
pub fn import_path(path: &Path, options: &ImportOptions) -> Result<Imported, AnnexError> {
    let bytes = std::fs::read(path)?;
    let csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if csv {
        import_csv(&String::from_utf8_lossy(&bytes), options)
    } else {
        import_xlsx(&bytes, options)
    }
}

/// The columns of the header row.
#[derive(Debug, Default)]
struct Columns {
    stt: usize,
    title: usize,
    max: usize,
    rule: Option<usize>,
    evidence: Option<usize>,
    source: Option<usize>,
}

fn low(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn header(row: &Row) -> Option<Columns> {
    let find = |keys: &[&str]| {
        row.cells
            .iter()
            .position(|c| keys.iter().any(|k| low(c).contains(k)))
    };
    let stt = row.cells.iter().position(|c| low(c) == "stt")?;
    Some(Columns {
        stt,
        title: find(&["lĩnh vực", "tiêu chí", "nội dung"])?,
        max: find(&["điểm tối đa"])?,
        rule: find(&["cách chấm", "hướng dẫn chấm", "phương pháp chấm"]),
        evidence: find(&["tài liệu kiểm chứng"]),
        source: find(&["căn cứ"]),
    })
}

pub(crate) fn import_rows(rows: &[Row], options: &ImportOptions) -> Result<Imported, AnnexError> {
    let (at, cols) = rows
        .iter()
        .enumerate()
        .find_map(|(i, r)| header(r).map(|c| (i, c)))
        .ok_or(AnnexError::NoHeader)?;
    let mut report = ImportReport::default();
    let meta = preamble(rows.get(..at).unwrap_or_default(), options, &mut report)?;
    let placed = place(rows.get(at + 1..).unwrap_or_default(), &cols, &mut report);
    let areas = assemble(placed, &meta.document, &mut report);
    let scale = areas.iter().fold(Decimal::ZERO, |a, n| a + n.max);
    let set = RuleSetDef {
        id: options.id.clone(),
        title: meta.title,
        title_en: None,
        description: None,
        document: DocumentRef {
            number: meta.document,
            title: None,
            date: None,
            issuer: None,
            url: None,
        },
        level: options.level,
        years: Years {
            from: meta.year,
            to: None,
        },
        scale,
        parts: None,
        classification: vec![],
        rounding: Default::default(),
        not_applicable: Default::default(),
        survey_optional: None,
        bonus_max: None,
        penalty_max: None,
        bonus: Vec::new(),
        penalty: Vec::new(),
        total_above_scale: false,
        total_below_zero: false,
        tie_break: Default::default(),
        historical: None,
        ranking_groups: Vec::new(),
        areas,
    };
    report.entries.sort_by_key(|e| e.row);
    Ok(Imported { set, report })
}

/// What the preamble says.
#[derive(Debug)]
struct Meta {
    title: String,
    document: String,
    year: u16,
}

const UNKNOWN_DOCUMENT: &str = "(chưa rõ số văn bản)";

fn preamble(
    rows: &[Row],
    options: &ImportOptions,
    report: &mut ImportReport,
) -> Result<Meta, AnnexError> {
    let lines: Vec<&str> = rows
        .iter()
        .flat_map(|r| r.cells.iter())
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    let title = lines
        .iter()
        .find(|l| low(l) != "phụ lục" && !low(l).trim_start_matches('(').starts_with("kèm theo"))
        .map(|l| l.split(" (Kèm theo").next().unwrap_or(l).trim().to_string())
        .unwrap_or_else(|| "Bộ tiêu chí nhập từ phụ lục".to_string());
    let document = lines.iter().find_map(|l| document_number(l));
    let year = lines.iter().find_map(|l| year_of(l)).or(options.year);
    let Some(year) = year else {
        return Err(AnnexError::NoYear);
    };
    let document = document.unwrap_or_else(|| {
        report.entries.push(ReportEntry {
            row: 0,
            code: None,
            kind: EntryKind::Metadata,
            message: "phần đầu phụ lục không có số văn bản (\"số …/QĐ-…\") (no document number in the preamble)".into(),
        });
        UNKNOWN_DOCUMENT.to_string()
    });
    Ok(Meta {
        title,
        document,
        year,
    })
}

/// "Kèm theo Quyết định số 123/QĐ-UBND ngày …" → `123/QĐ-UBND`.
fn document_number(line: &str) -> Option<String> {
    let words: Vec<&str> = line.split_whitespace().collect();
    words.windows(2).find_map(|w| match w {
        [a, b] if low(a) == "số" && b.contains('/') => {
            Some(b.trim_matches(|c: char| "(),.;:".contains(c)).to_string())
        }
        _ => None,
    })
}

/// "… năm 2025 …" → 2025.
fn year_of(line: &str) -> Option<u16> {
    let words: Vec<&str> = line.split_whitespace().collect();
    words.windows(2).find_map(|w| match w {
        [a, b] if low(a) == "năm" => {
            let digits = b.trim_matches(|c: char| !c.is_ascii_digit());
            digits
                .parse::<u16>()
                .ok()
                .filter(|y| (1900..=2100).contains(y) && digits.len() == 4)
        }
        _ => None,
    })
}

/// A row placed in the tree: its code and its texts.
#[derive(Debug)]
struct Placed {
    row: usize,
    code: String,
    title: String,
    max: String,
    wording: String,
    evidence: String,
    source: String,
}

/// The forms of STT.
#[derive(Debug, PartialEq, Eq)]
enum Stt {
    Roman(u32),
    Number(String),
    Dotted(String),
    Letter(u32),
    Dash,
    Unknown,
}

fn roman(s: &str) -> Option<u32> {
    let value = |c| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        _ => None,
    };
    let vals: Vec<u32> = s.chars().map(value).collect::<Option<_>>()?;
    let mut total = 0;
    for (i, v) in vals.iter().enumerate() {
        match vals.get(i + 1) {
            Some(next) if next > v => total -= i64::from(*v),
            _ => total += i64::from(*v),
        }
    }
    u32::try_from(total).ok().filter(|t| *t > 0)
}

fn stt(text: &str) -> Stt {
    let t = text.trim().trim_end_matches('.');
    if t.is_empty() {
        return Stt::Unknown;
    }
    if ["-", "+", "•", "–", "*"].contains(&t) {
        return Stt::Dash;
    }
    if let Some(r) = roman(t) {
        return Stt::Roman(r);
    }
    if t.chars().all(|c| c.is_ascii_digit()) {
        return Stt::Number(t.trim_start_matches('0').to_string());
    }
    if t.split('.')
        .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    {
        return Stt::Dotted(t.to_string());
    }
    let letter = t.trim_end_matches(')');
    let mut chars = letter.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && c.is_ascii_lowercase()
    {
        return Stt::Letter(u32::from(c) - u32::from('a') + 1);
    }
    Stt::Unknown
}

/// Where the numbering stands while rows are read.
#[derive(Debug, Default)]
struct Numbering {
    roman: bool,
    area: Option<String>,
    numbered: Option<String>,
    structured: Option<String>,
    dashes: BTreeMap<String, usize>,
}

impl Numbering {
    fn code(&mut self, form: Stt) -> Option<String> {
        let code = match form {
            Stt::Roman(n) => {
                self.roman = true;
                self.area = Some(n.to_string());
                n.to_string()
            }
            Stt::Number(n) if self.roman => format!("{}.{n}", self.area.as_ref()?),
            Stt::Number(n) => n,
            Stt::Dotted(d) if self.roman => format!("{}.{d}", self.area.as_ref()?),
            Stt::Dotted(d) => d,
            Stt::Letter(k) => {
                let code = format!("{}.{k}", self.numbered.as_ref()?);
                self.structured = Some(code.clone());
                return Some(code);
            }
            Stt::Dash => {
                let parent = self.structured.clone()?;
                let n = self.dashes.entry(parent.clone()).or_insert(0);
                *n += 1;
                return Some(format!("{parent}.{n}"));
            }
            Stt::Unknown => return None,
        };
        self.numbered = Some(code.clone());
        self.structured = Some(code.clone());
        Some(code)
    }
}

fn cell(row: &Row, i: Option<usize>) -> String {
    i.and_then(|i| row.cells.get(i))
        .map(|c| c.trim().to_string())
        .unwrap_or_default()
}

fn place(rows: &[Row], cols: &Columns, report: &mut ImportReport) -> Vec<Placed> {
    let mut out: Vec<Placed> = Vec::new();
    let mut numbering = Numbering::default();
    for row in rows {
        let get = |i| cell(row, i);
        let (s, title) = (get(Some(cols.stt)), get(Some(cols.title)));
        let (wording, evidence, source) = (get(cols.rule), get(cols.evidence), get(cols.source));
        if s.is_empty() && title.is_empty() {
            if let Some(last) = out.last_mut() {
                for (to, more) in [
                    (&mut last.wording, wording),
                    (&mut last.evidence, evidence),
                    (&mut last.source, source),
                ] {
                    if !more.is_empty() {
                        *to = if to.is_empty() {
                            more
                        } else {
                            format!("{to}\n{more}")
                        };
                    }
                }
            }
            continue;
        }
        let Some(code) = numbering.code(stt(&s)) else {
            report.entries.push(ReportEntry {
                row: row.number,
                code: None,
                kind: EntryKind::Unplaced,
                message: format!("không xếp được dòng có STT `{s}` (`{title}`) vào cây tiêu chí (row not placed: unknown STT or no row above to hang it on)"),
            });
            continue;
        };
        out.push(Placed {
            row: row.number,
            code,
            title,
            max: get(Some(cols.max)),
            wording,
            evidence,
            source,
        });
    }
    out
}

/// Why the imported rules are not marked verified.
pub(crate) const BASIS: &str = "Nhập từ bảng phụ lục: quy tắc đọc từ cột \"Cách chấm điểm\", chưa đối chiếu với văn bản gốc (imported from the annex table; not checked against the published text)";

fn assemble(placed: Vec<Placed>, document: &str, report: &mut ImportReport) -> Vec<NodeDef> {
    let mut order: Vec<String> = Vec::new();
    let mut by_code: BTreeMap<String, Placed> = BTreeMap::new();
    for p in placed {
        let parent = p.code.rsplit_once('.').map(|(a, _)| a.to_string());
        let problem = if by_code.contains_key(&p.code) {
            Some(format!(
                "mã `{}` trùng với một dòng trên (duplicate code)",
                p.code
            ))
        } else {
            parent
                .filter(|par| !by_code.contains_key(par))
                .map(|par| format!("không có mục cha `{par}` ở trên (no parent row `{par}` above)"))
        };
        if let Some(message) = problem {
            report.entries.push(ReportEntry {
                row: p.row,
                code: Some(p.code.clone()),
                kind: EntryKind::Unplaced,
                message,
            });
            continue;
        }
        order.push(p.code.clone());
        by_code.insert(p.code.clone(), p);
    }
    let mut ctx = Ctx {
        order: &order,
        by_code: &by_code,
        document,
        report,
    };
    order
        .iter()
        .filter(|c| !c.contains('.'))
        .map(|c| ctx.build(c))
        .collect()
}

struct Ctx<'a> {
    order: &'a [String],
    by_code: &'a BTreeMap<String, Placed>,
    document: &'a str,
    report: &'a mut ImportReport,
}

impl Ctx<'_> {
    fn push(&mut self, row: usize, code: &str, kind: EntryKind, message: String) {
        self.report.entries.push(ReportEntry {
            row,
            code: Some(code.to_string()),
            kind,
            message,
        });
    }

    fn build(&mut self, code: &str) -> NodeDef {
        let children: Vec<NodeDef> = self
            .order
            .iter()
            .filter(|c| c.rsplit_once('.').is_some_and(|(p, _)| p == code))
            .map(|c| self.build(c))
            .collect();
        let Some(p) = self.by_code.get(code) else {
            return empty_node(code);
        };
        let max = self.max(p);
        let text = |s: &str| (!s.is_empty()).then(|| s.to_string());
        let provenance = match (text(&p.source), code.contains('.')) {
            (Some(clause), _) => Some(provenance(self.document, clause)),
            (None, false) => Some(provenance(self.document, "Phụ lục".to_string())),
            (None, true) => None,
        };
        let mut node = NodeDef {
            code: code.to_string(),
            title: p.title.clone(),
            title_en: None,
            max,
            rule: None,
            wording: text(&p.wording),
            evidence: text(&p.evidence),
            without_documents: None,
            provenance,
            part: None,
            not_applicable: None,
            note: None,
            origin: None,
            criteria: children,
        };
        if node.criteria.is_empty() {
            node.rule = Some(self.rule(p, max));
        } else {
            self.parent_checks(p, &mut node);
        }
        node
    }

    fn max(&mut self, p: &Placed) -> Decimal {
        let read = if p.max.contains('.') {
            None
        } else {
            par_index::scoring::parse_decimal(&p.max.replace(',', ".")).ok()
        };
        read.unwrap_or_else(|| {
            let message = format!(
                "không đọc được điểm tối đa `{}` (viết số với dấu phẩy thập phân, vd. `1,5`) (the maximum could not be read; 0 is used)",
                p.max
            );
            self.push(p.row, &p.code, EntryKind::Max, message);
            Decimal::ZERO
        })
    }

    fn rule(&mut self, p: &Placed, max: Decimal) -> RuleDef {
        let manual = RuleDef::of_kind(RuleKind::Manual);
        if p.wording.is_empty() {
            let message = "không có cách chấm điểm: để chấm trực tiếp (manual) (no scoring text: left manual)".to_string();
            self.push(p.row, &p.code, EntryKind::Manual, message);
            return manual;
        }
        match wording::parse(&p.wording, max) {
            Ok(rule) => rule,
            Err(u) => {
                self.push(
                    p.row,
                    &p.code,
                    EntryKind::Manual,
                    format!("{u}; để chấm trực tiếp (left manual)"),
                );
                manual
            }
        }
    }

    fn parent_checks(&mut self, p: &Placed, node: &mut NodeDef) {
        if !p.wording.is_empty() {
            let message = "dòng có mục con nhưng có cách chấm điểm: ghi vào `note` (a parent row with a scoring text: kept as its note)".to_string();
            self.push(p.row, &p.code, EntryKind::Unplaced, message);
            node.note = node.wording.take();
        }
        let sum = node.criteria.iter().fold(Decimal::ZERO, |a, c| a + c.max);
        if sum != node.max {
            let message = format!(
                "điểm tối đa {} khác tổng các mục con {} (the maximum is not the sum of its children's)",
                vi(node.max),
                vi(sum)
            );
            self.push(p.row, &p.code, EntryKind::Max, message);
        }
    }
}

fn vi(d: Decimal) -> String {
    d.normalize().to_string().replace('.', ",")
}

fn provenance(document: &str, clause: String) -> Provenance {
    Provenance {
        document: document.to_string(),
        clause: Some(clause),
        verified: false,
        basis: Some(BASIS.to_string()),
        url: None,
    }
}

fn empty_node(code: &str) -> NodeDef {
    NodeDef {
        code: code.to_string(),
        title: String::new(),
        title_en: None,
        max: Decimal::ZERO,
        rule: None,
        wording: None,
        evidence: None,
        without_documents: None,
        provenance: None,
        part: None,
        not_applicable: None,
        note: None,
        origin: None,
        criteria: vec![],
    }
}
