//! `rank`: a batch of units (a folder of evidence files or a batch JSON), scored and ranked.

use std::path::{Path, PathBuf};

use par_index::{
    assessment::Batch, assessment::BatchEntry, assessment::score_batch, report::render_ranking_csv,
    report::render_ranking_markdown,
};

use super::BOM;
use crate::args::{Format, LangArg, SetArg};
use crate::fail::Failure;
use crate::input;
use crate::outcome::{Outcome, pretty};

/// Scores and ranks the batch.
pub(crate) fn run(
    set: &SetArg,
    batch: &str,
    format: Format,
    lang: LangArg,
) -> Result<Outcome, Failure> {
    let batch_data = if Path::new(batch).is_dir() {
        folder(Path::new(batch))?
    } else {
        Batch::from_json_str(&input::read(batch)?).map_err(|e| Failure::from(e).in_file(batch))?
    };
    let rs = match (&set.ruleset, &set.builtin, &batch_data.ruleset) {
        (None, None, Some(id)) => input::builtin(id)?,
        _ => input::ruleset(set, batch_data.units.first().map(|e| &e.evidence))?,
    };
    let result = score_batch(&rs, &batch_data)?;
    let json = serde_json::to_value(&result)?;
    let text = match format {
        Format::Text | Format::Markdown => render_ranking_markdown(&result, lang.lang()),
        Format::Csv => format!("{BOM}{}", render_ranking_csv(&result, lang.lang())),
        Format::Json => pretty(&json),
    };
    Ok(Outcome::ok(text, json))
}

/// A batch of the `*.json` files of a folder, in file-name order.
fn folder(dir: &Path) -> Result<Batch, Failure> {
    let name = dir.display().to_string();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Failure::io(&name, &e))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut batch = Batch::default();
    for file in files {
        let f = file.display().to_string();
        let entry = BatchEntry::from_json_str(&input::read(&f)?)
            .map_err(|e| Failure::from(e).in_file(&f))?;
        batch.units.push(entry);
    }
    Ok(batch)
}
