//! Any bytes as an appraisal (`Appraisal` JSON) of a unit's evidence, under the set the first
//! byte picks: an error naming its paths, or an appraised scorecard whose every round lies in
//! its bounds, whose final total adds up, that reads back equal from its JSON and renders
//! (annex diff and scorecard, Markdown and CSV, both languages) without a panic.
#![no_main]

mod common;

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use par_index::{assessment::Appraisal, Evidence, report::Lang, assessment::evaluate_appraised, report::render_diff_csv, report::render_diff_markdown, report::render_scorecard_csv, report::render_scorecard_markdown, report::render_text};

/// The unit appraised: the cycle fixture's evidence (other sets see most of it as unknown
/// codes, which the appraisal must then refuse by path).
fn evidence() -> &'static Evidence {
    static EV: OnceLock<Evidence> = OnceLock::new();
    EV.get_or_init(|| {
        Evidence::from_json_str(include_str!("../../tests/fixtures/cycle.evidence.json"))
            .expect("fixture evidence loads")
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((rs, text)) = common::pick(data) else {
        return;
    };
    let appraisal = match Appraisal::from_json_str(text) {
        Ok(a) => a,
        Err(e) => return common::cycle_error(&e),
    };
    let json = serde_json::to_string(&appraisal).expect("an appraisal serializes");
    assert_eq!(
        Appraisal::from_json_str(&json).ok().as_ref(),
        Some(&appraisal)
    );
    let card = match evaluate_appraised(rs, evidence(), &appraisal) {
        Ok(c) => c,
        Err(e) => return common::cycle_error(&e),
    };
    common::appraised_in_bounds(rs, &card);
    common::round_trip(&card);
    let _ = render_text(card.final_card());
    for lang in [Lang::Vi, Lang::En] {
        let _ = render_diff_markdown(&card, lang);
        let _ = render_diff_csv(&card, lang);
        render_scorecard_markdown(&card, lang).expect("an appraised card renders");
        render_scorecard_csv(&card, lang).expect("an appraised card renders");
    }
});
