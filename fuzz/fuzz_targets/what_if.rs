//! Any bytes as a what-if scenario (`Scenario` JSON) over a unit's evidence, under the set
//! the first byte picks: an error naming its paths, or a comparison whose both scorecards lie
//! in their bounds and that reads back equal from its JSON.
#![no_main]

mod common;

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use par_index::{Evidence, analysis::Scenario, analysis::what_if};

/// Each set's base evidence: the all-kinds fixture's and the cycle fixture's (other sets see
/// them as unknown codes, which they must refuse by path).
fn base(i: u8) -> &'static Evidence {
    static EV: OnceLock<[Evidence; 2]> = OnceLock::new();
    let both = EV.get_or_init(|| {
        [
            include_str!("../../tests/fixtures/all-kinds.evidence.json"),
            include_str!("../../tests/fixtures/cycle.evidence.json"),
        ]
        .map(|t| Evidence::from_json_str(t).expect("fixture evidence loads"))
    });
    &both[usize::from(i % 2)]
}

fuzz_target!(|data: &[u8]| {
    let Some((rs, text)) = common::pick(data) else {
        return;
    };
    let scenario = match Scenario::from_json_str(text) {
        Ok(s) => s,
        Err(e) => return common::evidence_error(&e),
    };
    let result = match what_if(rs, base(data[0] / 5), &scenario) {
        Ok(r) => r,
        Err(e) => return common::eval_error(&e),
    };
    common::card_in_bounds(rs, &result.base);
    common::card_in_bounds(rs, &result.scenario);
    common::round_trip(&result);
    let _ = result.to_string();
});
