//! Any bytes given as evidence: an error or evidence that writes back and reads the same.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(ev) = par_index::Evidence::from_json_str(text) {
        let json = ev.to_json_string().expect("evidence serializes");
        let again = par_index::Evidence::from_json_str(&json).expect("written evidence reloads");
        assert_eq!(ev, again);
    }
});
