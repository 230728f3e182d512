//! Any bytes given as a rule set: an error or a rule set, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = par_index::RuleSet::from_toml_str(text);
        let _ = par_index::criteria::load_str(text);
    }
});
