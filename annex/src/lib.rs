//! Criteria annexes (phụ lục) in and out of Excel and CSV, for par-index.
//!
//! A province publishes its criteria set as an annex table: STT | Lĩnh vực / Tiêu chí / Tiêu
//! chí thành phần | Điểm tối đa | Cách chấm điểm | Tài liệu kiểm chứng (and sometimes Căn cứ,
//! the clause of the source). This crate reads such a table from CSV ([`import_csv`]) or XLSX
//! ([`import_xlsx`]) into a [`RuleSetDef`] and a report of what it could not read
//! ([`ImportReport`], with row numbers); writes a set as TOML ([`to_toml`]); and prints a set
//! as the annex ([`export_annex_markdown`], [`export_annex_csv`], [`export_annex_xlsx`]) and
//! as the unit's self-assessment form ([`export_form_xlsx`], filled from a scorecard when one
//! is given).
//!
//! Every scoring text goes through [`par_index::wording`]: a text the parser reads becomes the
//! leaf's rule, a text it cannot read leaves the leaf `manual` with its wording and a line in
//! the report. Nothing is guessed.
//!
//! # Example
//! ```
//! use par_index_annex::{ImportOptions, import_csv, to_toml};
//! let csv = "\u{feff}PHỤ LỤC\n\
//! Bộ tiêu chí mẫu (Kèm theo Quyết định số 01/QĐ-UBND năm 2025)\n\
//! STT,Lĩnh vực/Tiêu chí/Tiêu chí thành phần,Điểm tối đa,Cách chấm điểm,Tài liệu kiểm chứng\n\
//! I,CÔNG TÁC CHỈ ĐẠO,\"1,5\",,\n\
//! 1,Ban hành kế hoạch,1,\"Ban hành kịp thời: 1; Ban hành không kịp thời: 0,5; Không ban hành: 0\",Kế hoạch\n\
//! 2,Tổ chức hội nghị,\"0,5\",Có: 0.5 điểm; không: 0 điểm,Biên bản\n";
//! let imported = import_csv(csv, &ImportOptions::default())?;
//! assert_eq!(imported.set.document.number, "01/QĐ-UBND");
//! assert_eq!(imported.set.areas[0].criteria[0].rule.as_ref().unwrap().kind.as_str(), "levels");
//! // "0.5" with a point is refused (Vietnamese writes "0,5"): the leaf stays manual, reported.
//! assert_eq!(imported.report.manual().count(), 1);
//! assert!(imported.report.to_string().contains("dòng 6 (1.2)"));
//! let toml = to_toml(&imported.set)?;
//! assert!(par_index::criteria::validate(toml::from_str(&toml)?).is_ok());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod cellref;
mod export;
mod form;
mod import;
mod table;

use std::fmt;

use par_index::criteria::UnitLevel;

pub use par_index::criteria::RuleSetDef;

pub use export::{export_annex_csv, export_annex_markdown, export_annex_xlsx};
pub use form::export_form_xlsx;

pub use import::{import_csv, import_path, import_xlsx};

/// What an annex cannot say about its set: the id, the level of units, and, when the
/// preamble gives no year, the year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOptions {
    /// The set's identifier (`criteria/<id>/`); default `imported-annex`.
    pub id: String,
    /// The level of units the set scores; default district.
    pub level: UnitLevel,
    /// The first assessment year, when the preamble does not say "năm YYYY".
    pub year: Option<u16>,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            id: "imported-annex".to_string(),
            level: UnitLevel::District,
            year: None,
        }
    }
}

/// A set read from an annex and what could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The set: every leaf whose text was read carries its rule, the others are `manual`.
    pub set: RuleSetDef,
    /// Every leaf left manual, every max that does not add up, every row not placed.
    pub report: ImportReport,
}

/// The report of an import (báo cáo nhập phụ lục), one line per problem, in row order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportReport {
    /// The lines.
    pub entries: Vec<ReportEntry>,
}

impl ImportReport {
    /// The leaves left `manual` (their text could not be read, or there was none).
    pub fn manual(&self) -> impl Iterator<Item = &ReportEntry> {
        self.entries.iter().filter(|e| e.kind == EntryKind::Manual)
    }

    /// Whether nothing was reported.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// One line of an [`ImportReport`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportEntry {
    /// The row of the sheet or file, from 1 (0: the file as a whole).
    pub row: usize,
    /// The code the row was given, when it was placed.
    pub code: Option<String>,
    /// What kind of problem.
    pub kind: EntryKind,
    /// What happened, in Vietnamese then English.
    pub message: String,
}

/// The kinds of [`ReportEntry`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// A leaf left `manual`: its scoring text could not be read, or it had none.
    Manual,
    /// A parent's max is not the sum of its children's (or a max could not be read).
    Max,
    /// A row that could not be placed in the tree (unknown STT, missing parent).
    Unplaced,
    /// Something the preamble did not say (document number, year).
    Metadata,
}

impl fmt::Display for ReportEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.code, self.row) {
            (Some(c), r) => write!(f, "dòng {r} ({c}): {}", self.message),
            (None, 0) => write!(f, "{}", self.message),
            (None, r) => write!(f, "dòng {r}: {}", self.message),
        }
    }
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for e in &self.entries {
            writeln!(f, "{e}")?;
        }
        Ok(())
    }
}

/// Why an annex could not be read or written at all.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AnnexError {
    /// No header row (a row with `STT`, the title column and `Điểm tối đa`).
    #[error(
        "không tìm thấy dòng tiêu đề bảng (STT | Tiêu chí | Điểm tối đa | Cách chấm điểm) (no header row with STT, the criteria and the maximum)"
    )]
    NoHeader,
    /// Neither the preamble nor the options give the first assessment year.
    #[error(
        "không rõ năm áp dụng: phần đầu phụ lục không có \"năm YYYY\" (no year: give `ImportOptions::year`)"
    )]
    NoYear,
    /// The CSV could not be read.
    #[error("CSV: {0}")]
    Csv(#[from] csv::Error),
    /// The XLSX could not be read.
    #[error("XLSX: {0}")]
    Xlsx(String),
    /// The XLSX could not be written.
    #[error("XLSX: {0}")]
    XlsxWrite(#[from] rust_xlsxwriter::XlsxError),
    /// The file could not be read.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The set could not be written as TOML.
    #[error("TOML: {0}")]
    Toml(#[from] toml::ser::Error),
}

/// Writes a set as the TOML of `criteria/<id>/ruleset.toml` (decimals as strings).
///
/// # Errors
/// [`AnnexError::Toml`] if serialization fails.
pub fn to_toml(set: &RuleSetDef) -> Result<String, AnnexError> {
    Ok(toml::to_string_pretty(set)?)
}

/// The Rust snippets of the authoring guide (they use this crate and the library), compiled
/// as doctests here.
#[cfg(doctest)]
#[doc = include_str!("../../docs/authoring.md")]
mod authoring {}
