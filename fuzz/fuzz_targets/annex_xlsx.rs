//! Any bytes as an annex workbook (`par_index_annex::import_xlsx`): an error with a message,
//! or a set and a report, as for CSV.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use par_index_annex::{ImportOptions, import_xlsx};

fuzz_target!(|data: &[u8]| {
    match import_xlsx(data, &ImportOptions::default()) {
        Ok(imported) => common::imported_scores(&imported),
        Err(e) => assert!(!e.to_string().is_empty(), "an empty message: {e:?}"),
    }
});
