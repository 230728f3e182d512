//! `score`: evidence → scorecard, as text, Markdown, JSON or CSV.

use par_index::{
    assessment::Appraisal, assessment::AppraisedScorecard, assessment::evaluate_appraised,
    evaluate, report::render_scorecard_csv, report::render_scorecard_markdown, report::render_text,
};

use super::BOM;
use crate::args::{Format, LangArg, SetArg};
use crate::fail::Failure;
use crate::input;
use crate::outcome::{Outcome, pretty};

/// Scores the evidence under the set the flags (or the evidence) name.
pub(crate) fn run(
    set: &SetArg,
    evidence: &str,
    format: Format,
    lang: LangArg,
) -> Result<Outcome, Failure> {
    let ev = input::evidence(evidence)?;
    let rs = input::ruleset(set, Some(&ev))?;
    let plain = evaluate(&rs, &ev).map_err(|e| Failure::from(e).in_file(evidence))?;
    let json = serde_json::to_value(&plain)?;
    let card = evaluate_appraised(&rs, &ev, &Appraisal::default())?;
    Ok(Outcome::ok(render(&card, &json, format, lang)?, json))
}

/// Scores the evidence into a points card (the numbers without text), written as JSON.
pub(crate) fn points(set: &SetArg, evidence: &str) -> Result<Outcome, Failure> {
    let ev = input::evidence(evidence)?;
    let rs = input::ruleset(set, Some(&ev))?;
    let card = par_index::scoring::points_card(&rs, &ev)
        .map_err(|e| Failure::from(e).in_file(evidence))?;
    let json = serde_json::to_value(&card)?;
    Ok(Outcome::ok(pretty(&json), json))
}

/// The scorecard in a format: English text, Markdown (Vietnamese text), JSON or CSV.
pub(crate) fn render(
    card: &AppraisedScorecard,
    json: &serde_json::Value,
    format: Format,
    lang: LangArg,
) -> Result<String, Failure> {
    Ok(match (format, lang) {
        (Format::Text, LangArg::En) => render_text(card.final_card()),
        (Format::Text | Format::Markdown, _) => render_scorecard_markdown(card, lang.lang())?,
        (Format::Csv, _) => format!("{BOM}{}", render_scorecard_csv(card, lang.lang())?),
        (Format::Json, _) => pretty(json),
    })
}
