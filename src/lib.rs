//! par-index computes Vietnam's PAR Index (Chỉ số cải cách hành chính) from a criteria set
//! (bộ tiêu chí) written as data and a unit's evidence (tài liệu kiểm chứng), into a scorecard
//! that shows its working.
//!
//! The data flows one way:
//! [`RuleSetDef`] (what a TOML file says) → [`validate`] → [`RuleSet`] (checked, the only form
//! [`evaluate`] takes) → [`evaluate`] with an [`Evidence`] → [`Scorecard`] → [`render_text`]
//! or JSON.
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
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]

mod builtin;
pub mod cases;
mod decimal;
pub mod digest;
mod error;
mod evaluate;
mod evidence;
mod limits;
mod load;
pub mod model;
mod path;
mod report;
pub mod rules;
mod ruleset;
pub mod schema;
mod scorecard;
#[cfg(feature = "proptest")]
pub mod testkit;
mod validate;

pub use decimal::{RoundingMode, parse_decimal};
pub use error::{
    EvalError, EvidenceError, EvidenceIssue, EvidenceIssueCode, IssueCode, LoadError,
    ValidationIssue,
};
pub use evaluate::{evaluate, evaluate_with_limits};
pub use evidence::{Evidence, LeafEvidence, Period, Task, Unit};
pub use limits::Limits;
pub use load::load_str;
pub use model::{RuleSetDef, UnitLevel};
pub use path::{DataPath, Segment};
pub use report::render_text;
pub use ruleset::{NodeInfo, RuleSet};
pub use scorecard::{
    Class, Explanation, Finding, FindingKind, LeafResult, NodeResult, NodeStatus, PartScore,
    ProvenanceSummary, RuleSetInfo, Score, Scorecard,
};
pub use validate::{validate, validate_with_limits};

/// Re-exported so that users name the same decimal type the engine computes with.
pub use rust_decimal::Decimal;
