//! `import` and `export`: the annex (phụ lục) in and out of CSV, XLSX and Markdown, through
//! the `par-index-annex` crate.

use par_index::criteria::UnitLevel;
use par_index_annex::{ImportOptions, import_path, to_toml};
use serde_json::json;

use crate::args::{ExportFormat, SetArg};
use crate::fail::{EXIT_INPUT, Failure};
use crate::input;
use crate::outcome::Outcome;

/// Reads an annex: the TOML as the text, the report of what was not read on standard error.
pub(crate) fn import(
    annex: &str,
    id: &str,
    level: &str,
    year: Option<u16>,
) -> Result<Outcome, Failure> {
    let level: UnitLevel = serde_json::from_value(json!(level)).map_err(|_| {
        Failure::usage(format!(
            "`{level}` is not a level: ministry, province, department, district or commune"
        ))
    })?;
    let options = ImportOptions {
        id: id.to_string(),
        level,
        year,
    };
    let imported = import_path(std::path::Path::new(annex), &options)
        .map_err(|e| Failure::new("annex", EXIT_INPUT, format!("{annex}: {e}")))?;
    let toml = to_toml(&imported.set)
        .map_err(|e| Failure::new("annex", EXIT_INPUT, format!("{annex}: {e}")))?;
    let report = imported.report.to_string();
    let mut out = Outcome::ok(toml.clone(), json!({ "toml": toml, "report": report }));
    out.notes = report;
    Ok(out)
}

/// Prints or writes a set as the annex or as the self-assessment form.
pub(crate) fn export(
    set: &SetArg,
    format: ExportFormat,
    form: bool,
    out: Option<&str>,
) -> Result<Outcome, Failure> {
    let rs = input::ruleset(set, None)?;
    let def = rs.def();
    let fail = |e: par_index_annex::AnnexError| Failure::new("annex", EXIT_INPUT, e.to_string());
    let bytes = match (form, format) {
        (true, _) => par_index_annex::export_form_xlsx(def, None).map_err(fail)?,
        (false, ExportFormat::Xlsx) => par_index_annex::export_annex_xlsx(def).map_err(fail)?,
        (false, ExportFormat::Csv) => par_index_annex::export_annex_csv(def)
            .map_err(fail)?
            .into_bytes(),
        (false, ExportFormat::Markdown) => par_index_annex::export_annex_markdown(def).into_bytes(),
    };
    let binary = form || format == ExportFormat::Xlsx;
    match out {
        Some(file) => {
            std::fs::write(file, &bytes)
                .map_err(|e| Failure::new("io", EXIT_INPUT, format!("{file}: {e}")))?;
            let text = format!("{file}: {} bytes\n", bytes.len());
            Ok(Outcome::ok(
                text,
                json!({ "file": file, "bytes": bytes.len() }),
            ))
        }
        None if binary => Err(Failure::usage("an XLSX workbook needs --out FILE")),
        None => {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            Ok(Outcome::ok(text.clone(), json!({ "text": text })))
        }
    }
}
