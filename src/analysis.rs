//! Analysis of a unit's evidence and of results: checks, what is missing, what if, what
//! changed.
//!
//! - [`audit()`] (kiểm tra số liệu) recomputes the figures the unit reported: percentages at
//!   the precision they were written with, totals against their parts, counts against the
//!   evidence;
//! - [`gaps`] (phân tích điểm còn thiếu) finds, for each leaf, the smallest change of evidence
//!   that gains points, ranks them into a plan and gives the highest index still attainable;
//! - [`what_if`] (giả định) scores a [`Scenario`], a patch to the evidence, against its base;
//! - [`compare_scorecards`] compares two results of one unit, [`diff_rulesets`] two versions of
//!   a set, and [`rescore`] scores one evidence under both.
//!
//! Every change of a value is a [`Move`] (before and after), of a node a [`NodeMove`].
//!
//! # Example
//! ```
//! use par_index::analysis::gaps;
//! use par_index::{Evidence, RuleSet};
//!
//! let rs = RuleSet::builtin("vn-district-2023")?;
//! let ev = Evidence::from_path("examples/data/duyen-hai-2023-q3.json")?;
//! let report = gaps(&rs, &ev)?;
//! assert!(report.attainable.points >= report.points);
//! # Ok::<(), par_index::Error>(())
//! ```

pub use crate::audit::{AuditCheck, AuditFinding, AuditReport, Severity, audit};
pub use crate::cycle::{
    Move, NodeMove, OptMove, RankMove, Reweight, RuleSetDiff, ScorecardComparison,
    compare_scorecards, diff_rulesets, rescore,
};
pub use crate::gap::{Attainable, EvidenceChange, GapReport, Improvement, LeafGap, Step, gaps};
pub use crate::whatif::{Scenario, WhatIf, what_if};
