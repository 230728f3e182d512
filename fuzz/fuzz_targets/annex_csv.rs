//! Any bytes as an annex in CSV (`par_index_annex::import_csv`): an error with a message, or
//! a set and a report; the set writes as TOML, and when it passes validation it scores an
//! empty submission within its bounds, every leaf reported missing.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use par_index_annex::{ImportOptions, import_csv};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match import_csv(&text, &ImportOptions::default()) {
        Ok(imported) => common::imported_scores(&imported),
        Err(e) => assert!(!e.to_string().is_empty(), "an empty message: {e:?}"),
    }
});
