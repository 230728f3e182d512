//! Any bytes as evidence under the set the first byte picks, through the audit (kiểm tra) and
//! the gap analysis: an error naming its paths, or reports that read back equal from their
//! JSON and print in both languages; no gap promises more than the set's maximum.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use par_index::{Evidence, report::Lang, analysis::audit, analysis::gaps};

fuzz_target!(|data: &[u8]| {
    let Some((rs, text)) = common::pick(data) else {
        return;
    };
    let ev = match Evidence::from_json_str(text) {
        Ok(ev) => ev,
        Err(e) => return common::evidence_error(&e),
    };
    match audit(rs, &ev) {
        Ok(report) => {
            common::round_trip(&report);
            for lang in [Lang::Vi, Lang::En] {
                let _ = report.to_text(lang);
            }
        }
        Err(e) => common::eval_error(&e),
    }
    match gaps(rs, &ev) {
        Ok(report) => {
            common::round_trip(&report);
            for lang in [Lang::Vi, Lang::En] {
                let _ = report.to_text(lang);
            }
        }
        Err(e) => common::eval_error(&e),
    }
});
