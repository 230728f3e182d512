//! `appraise`: appraisal rounds, bonus and penalty (thẩm định) over a unit's self-assessment.

use par_index::{
    assessment::Appraisal, assessment::evaluate_appraised, report::render_diff_markdown,
};

use crate::args::{Format, LangArg, SetArg};
use crate::cmd::score;
use crate::fail::Failure;
use crate::input;
use crate::outcome::Outcome;

/// Applies the appraisal record to the evidence.
pub(crate) fn run(
    set: &SetArg,
    evidence: &str,
    appraisal: &str,
    format: Format,
    lang: LangArg,
) -> Result<Outcome, Failure> {
    let ev = input::evidence(evidence)?;
    let rs = input::ruleset(set, Some(&ev))?;
    let record = Appraisal::from_json_str(&input::read(appraisal)?)
        .map_err(|e| Failure::from(e).in_file(appraisal))?;
    let card = evaluate_appraised(&rs, &ev, &record)?;
    let json = serde_json::to_value(&card)?;
    let mut text = score::render(&card, &json, format, lang)?;
    if matches!(format, Format::Text | Format::Markdown) {
        text.push('\n');
        text.push_str(&render_diff_markdown(&card, lang.lang()));
    }
    Ok(Outcome::ok(text, json))
}
