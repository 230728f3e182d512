//! Load → to_toml_string → load gives the same rule set.
#![no_main]

use libfuzzer_sys::fuzz_target;
use par_index::RuleSet;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(rs) = RuleSet::from_toml_str(text) else {
        return;
    };
    let written = rs.to_toml_string().expect("a rule set writes as TOML");
    let again = RuleSet::from_toml_str(&written)
        .unwrap_or_else(|e| panic!("written rule set does not reload: {e}\n{written}"));
    assert_eq!(rs, again);
});
