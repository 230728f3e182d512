//! Any bytes as a batch (`Batch` JSON, and the same bytes as one `BatchEntry`) under the set
//! the first byte picks, scored and ranked on one thread: an error naming its paths, or a
//! result whose every unit lies in its bounds, whose ranking lists every unit once, that
//! reads back equal from its JSON and renders (Markdown, CSV, both languages).
#![no_main]

mod common;

use std::num::NonZeroUsize;

use libfuzzer_sys::fuzz_target;
use par_index::{assessment::Batch, assessment::BatchEntry, assessment::BatchOptions, report::Lang, report::render_ranking_csv, report::render_ranking_markdown, assessment::score_batch_with};

fuzz_target!(|data: &[u8]| {
    let Some((rs, text)) = common::pick(data) else {
        return;
    };
    if let Err(e) = BatchEntry::from_json_str(text) {
        common::cycle_error(&e);
    }
    let batch = match Batch::from_json_str(text) {
        Ok(b) => b,
        Err(e) => return common::cycle_error(&e),
    };
    let one = BatchOptions {
        threads: NonZeroUsize::new(1),
    };
    let result = match score_batch_with(rs, &batch, &one) {
        Ok(r) => r,
        Err(e) => return common::cycle_error(&e),
    };
    assert_eq!(result.units.len(), batch.units.len(), "a result per unit");
    for unit in &result.units {
        common::appraised_in_bounds(rs, &unit.card);
    }
    assert_eq!(
        result.ranking.rows.len(),
        batch.units.len(),
        "every unit ranked once"
    );
    common::round_trip(&result);
    for lang in [Lang::Vi, Lang::En] {
        let _ = render_ranking_markdown(&result, lang);
        let _ = render_ranking_csv(&result, lang);
    }
});
