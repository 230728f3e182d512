//! `test`: runs a criteria folder's cases; exit 3 when a case fails.

use std::path::Path;

use par_index::RuleSet;
use serde_json::json;

use crate::args::LangArg;
use crate::fail::{EXIT_INPUT, Failure};
use crate::outcome::Outcome;

/// Runs every `cases/*.toml` of the folder against its `ruleset.toml`.
pub(crate) fn run(folder: &Path, lang: LangArg) -> Result<Outcome, Failure> {
    let name = folder.display().to_string();
    let rs = RuleSet::from_path(folder).map_err(|e| Failure::from(e).in_file(&name))?;
    let reports = par_index::criteria::cases::run_folder(&rs, folder)
        .map_err(|e| Failure::new("io", EXIT_INPUT, e.to_string()))?;
    let mut text = String::new();
    let mut cases = Vec::new();
    for r in &reports {
        let file = r
            .file
            .file_name()
            .map_or_else(String::new, |f| f.to_string_lossy().into_owned());
        let verdict = match (r.problems.is_empty(), lang) {
            (true, LangArg::Vi) => "đạt",
            (true, LangArg::En) => "ok",
            (false, LangArg::Vi) => "KHÔNG ĐẠT",
            (false, LangArg::En) => "FAILED",
        };
        text.push_str(&format!("{file}: {verdict} — {}\n", r.description));
        for p in &r.problems {
            text.push_str(&format!("  {p}\n"));
        }
        cases.push(json!({ "file": file, "description": r.description, "passed": r.problems.is_empty(), "problems": r.problems }));
    }
    let failed = reports.iter().filter(|r| !r.problems.is_empty()).count();
    text.push_str(&match lang {
        LangArg::Vi => format!("{} trường hợp, {failed} không đạt\n", reports.len()),
        LangArg::En => format!("{} case(s), {failed} failed\n", reports.len()),
    });
    let json = json!({ "ruleset": rs.id(), "cases": cases, "failed": failed });
    Ok(Outcome::ok(text, json).failed_if(failed > 0))
}
