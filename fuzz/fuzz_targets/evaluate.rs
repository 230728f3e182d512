//! Arbitrary evidence against the all-kinds fixture: a scorecard or an error, never a panic;
//! a scorecard's points stay within each leaf's bounds and its parents add up.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use par_index::{Evidence, RuleSet, evaluate};

fn ruleset() -> &'static RuleSet {
    static RS: OnceLock<RuleSet> = OnceLock::new();
    RS.get_or_init(|| {
        RuleSet::from_toml_str(include_str!("../../tests/fixtures/all-kinds.toml"))
            .expect("fixture loads")
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(ev) = Evidence::from_json_str(text) else {
        return;
    };
    let rs = ruleset();
    if let Ok(card) = evaluate(rs, &ev) {
        for node in &card.nodes {
            assert!(
                node.score.points <= node.score.max,
                "{} above its max",
                node.code
            );
            assert!(node.score.applicable_max <= node.score.max);
        }
        assert!(card.total.points <= card.total.max);
        assert_eq!(evaluate(rs, &ev).ok(), Some(card));
    }
});
