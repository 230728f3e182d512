//! Criteria sets (bộ tiêu chí): the rule model, reading it from TOML and checking it.
//!
//! A criteria set is data: areas (lĩnh vực) → criteria (tiêu chí) → sub-criteria (tiêu chí
//! thành phần), each with a maximum and, on the leaves, a scoring rule. [`RuleSetDef`] is what
//! a TOML file says; [`validate`] checks it as a whole and gives a [`RuleSet`], the only form
//! the engine scores with. [`RuleSet::from_toml_str`] and [`RuleSet::from_path`] do both steps;
//! [`RuleSet::builtin`] and [`RuleSet::builtin_for`] (the set in force for a level and a year)
//! give the bundled sets.
//!
//! Beside the model: [`wording`] reads the rule an official's sentence states and writes a
//! rule back as such a sentence; [`cases`] runs a set's expected cases; [`digest`] gives the
//! SHA-256 that identifies a set and an evidence file.
//!
//! # Example
//! ```
//! use par_index::criteria::{RuleSet, UnitLevel};
//!
//! let rs = RuleSet::builtin("vn-district-2023")?;
//! assert_eq!(rs.level(), UnitLevel::District);
//! assert_eq!(rs.leaf_codes().count(), 56);
//! # Ok::<(), par_index::Error>(())
//! ```

pub use crate::error::{IssueCode, LoadError, ValidationIssue};
pub use crate::limits::Limits;
pub use crate::load::load_str;
pub use crate::model::*;
pub use crate::path::{DataPath, Segment};
pub use crate::ruleset::{NodeInfo, RuleSet};
pub use crate::validate::{validate, validate_with_limits};

/// Criteria written as officials write them: wording → rule and rule → wording.
///
/// See [`parse`](crate::criteria::wording::parse) and
/// [`render`](crate::criteria::wording::render).
pub mod wording {
    pub use crate::wording::*;
}

/// A set's expected cases (`cases/*.toml` beside a `ruleset.toml`), run against the set.
pub mod cases {
    pub use crate::cases::*;
}

/// SHA-256 digests that identify a criteria set and an evidence file in a scorecard.
pub mod digest {
    pub use crate::digest::*;
}
