//! The names most programs need, in one import: `use par_index::prelude::*;`.
//!
//! # Example
//! ```
//! use par_index::prelude::*;
//!
//! fn total(set: &str, evidence: &str) -> Result<Decimal> {
//!     let card = evaluate(&RuleSet::builtin(set)?, &Evidence::from_json_str(evidence)?)?;
//!     Ok(card.total.points)
//! }
//! # let ev = std::fs::read_to_string("examples/data/duyen-hai-2023-q3.json").unwrap();
//! # assert!(total("vn-district-2023", &ev).is_ok());
//! ```

pub use crate::assessment::{
    Appraisal, AppraisedScorecard, Batch, evaluate_appraised, score_batch,
};
pub use crate::error::{Error, Result};
pub use crate::evaluate::evaluate;
pub use crate::evidence::Evidence;
pub use crate::report::{Lang, ReportSource};
pub use crate::ruleset::RuleSet;
pub use crate::scorecard::Scorecard;
pub use rust_decimal::Decimal;
