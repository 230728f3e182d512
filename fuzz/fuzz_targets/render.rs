//! Any bytes as evidence under the set the first byte picks, scored and rendered by every
//! scorecard renderer (text, Markdown, CSV, JSON, both languages): an error naming its paths,
//! or a scorecard within its bounds that the numbers-only path agrees with, that reads back
//! equal from its JSON and renders the same from what was read back.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use par_index::{Evidence, report::Lang, Scorecard, evaluate, scoring::evaluate_points, report::render_scorecard_csv, report::render_scorecard_markdown, report::render_text};

fuzz_target!(|data: &[u8]| {
    let Some((rs, text)) = common::pick(data) else {
        return;
    };
    let ev = match Evidence::from_json_str(text) {
        Ok(ev) => ev,
        Err(e) => return common::evidence_error(&e),
    };
    let card = match evaluate(rs, &ev) {
        Ok(c) => c,
        Err(e) => {
            common::eval_error(&e);
            assert!(
                evaluate_points(rs, &ev).is_err(),
                "numbers-only accepts what evaluate refuses"
            );
            return;
        }
    };
    common::card_in_bounds(rs, &card);
    let points = evaluate_points(rs, &ev).expect("numbers-only accepts what evaluate accepts");
    assert_eq!(points.total, card.total.points, "numbers-only total");
    assert_eq!(points.index, card.total.index, "numbers-only index");
    let json = card.to_json_string().expect("a scorecard serializes");
    let back: Scorecard = serde_json::from_str(&json).expect("a scorecard reads back");
    assert_eq!(back, card);
    assert_eq!(render_text(&back), render_text(&card));
    for lang in [Lang::Vi, Lang::En] {
        let md = render_scorecard_markdown(&card, lang).expect("a scorecard renders");
        assert_eq!(render_scorecard_markdown(&back, lang).ok(), Some(md));
        let csv = render_scorecard_csv(&card, lang).expect("a scorecard renders");
        // No BOM here: the library's CSV starts with its header row (see its doc example).
        assert!(csv.contains("\r\n"), "a header row at least: {csv}");
        assert_eq!(render_scorecard_csv(&back, lang).ok(), Some(csv));
        let _ = card.to_text(lang);
    }
});
