//! par-index computes Vietnam's PAR Index (Chỉ số cải cách hành chính) from a criteria set
//! (bộ tiêu chí) written as data and a unit's evidence (tài liệu kiểm chứng), into a scorecard
//! that shows its working.
//!
//! ```
//! use par_index::{Evidence, RuleSet, evaluate};
//!
//! let rs = RuleSet::from_toml_str(r#"
//! id = "demo"
//! title = "Chỉ số CCHC mẫu"
//! level = "district"
//! years = { from = 2023 }
//! scale = 1
//! document = { number = "01/QĐ-UBND" }
//! [[areas]]
//! code = "1"
//! title = "Mức độ thực hiện kế hoạch CCHC"
//! max = 1
//! provenance = { document = "01/QĐ-UBND", clause = "Phụ lục, mục 1", verified = false }
//! rule = { kind = "ratio_bands", measure = "tasks", bands = [
//!   { at_least = "100", points = "1" },
//!   { at_least = "80", proportional = true },
//!   { points = "0" },
//! ] }
//! "#)?;
//! let ev = Evidence::from_json_str(r#"{
//!   "unit": { "name": "Thị xã Duyên Hải", "level": "district" },
//!   "period": { "year": 2023, "quarter": 3 },
//!   "evidence": { "1": { "numerator": 13, "denominator": 16 } }
//! }"#)?;
//! let card = evaluate(&rs, &ev)?;
//! assert_eq!(card.total.points.to_string(), "0.81"); // 13/16 × 1 = 0.8125 → 0.81
//! assert_eq!(card.total.index.unwrap().to_string(), "81.00");
//! assert!(card.provisional);
//! # Ok::<(), par_index::Error>(())
//! ```
//!
//! # The crate in the order you learn it
//!
//! The data flows one way: a criteria set and a unit's evidence in, a scorecard out, then the
//! cycle around it and the reports.
//!
//! 1. [`criteria`]: the rule model (bộ tiêu chí): [`RuleSet`] read from TOML and checked,
//!    the bundled sets, wording, expected cases.
//! 2. [`evidence`]: what a unit submits (tài liệu kiểm chứng): [`Evidence`], read from JSON,
//!    and the Vietnamese number and document-reference forms it quotes.
//! 3. [`scoring`]: [`evaluate`] gives the [`Scorecard`], every leaf with its working.
//! 4. [`assessment`]: the cycle around it: appraisal rounds (thẩm định), bonus and penalty,
//!    survey, many units scored and ranked in groups.
//! 5. [`analysis`]: audit of reported figures, gaps, what-if, comparing years and set versions.
//! 6. [`report`]: text, Markdown and CSV in Vietnamese (the default) or English.
//! 7. [`schema`]: JSON Schemas of every file read or written.
//! 8. `testkit` (feature `proptest`): property tests for a criteria set's author.
//!
//! Every fallible function returns an error that converts into the one [`Error`], which
//! names the path of the bad value and serializes to JSON. [`prelude`] imports the common
//! names at once.
#![forbid(unsafe_code)]

mod audit;
mod builtin;
mod cases;
mod cycle;
mod decimal;
mod digest;
mod docref;
mod error;
mod evaluate;
mod extend;
mod gap;
mod json;
mod limits;
mod load;
mod model;
mod number;
mod open;
mod path;
mod points;
mod rules;
mod ruleset;
mod scorecard;
mod validate;
mod whatif;
mod wording;

pub mod analysis;
pub mod assessment;
pub mod criteria;
pub mod evidence;
pub mod prelude;
pub mod report;
pub mod schema;
pub mod scoring;
#[cfg(feature = "proptest")]
pub mod testkit;

pub use error::Error;
pub use evaluate::evaluate;
pub use evidence::Evidence;
pub use ruleset::RuleSet;
pub use scorecard::Scorecard;

/// Re-exported so that users name the same decimal type the engine computes with.
pub use rust_decimal::Decimal;

/// The Rust snippets of README.md and docs/, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
mod readme {}
