//! par-index computes Vietnam's PAR Index (Chỉ số cải cách hành chính) from a criteria set
//! (bộ tiêu chí) written as data and a unit's evidence (tài liệu kiểm chứng), into a scorecard
//! that shows its working.
//!
//! The data flows one way:
//! [`RuleSetDef`] (what a TOML file says) → [`validate`] → [`RuleSet`] (checked, the only form
//! [`evaluate`] takes) → [`evaluate`] with an [`Evidence`] → [`Scorecard`] → [`render_text`]
//! or JSON.
//!
//! Beside the scorecard, four analyses work on the same rule set and evidence:
//! - [`audit()`] (kiểm tra số liệu) recomputes the figures the unit reported — percentages at
//!   the precision they were reported with, totals against their parts, counts against the
//!   evidence — reading Vietnamese number forms ([`number`]: `81,25%`, `4.857`);
//! - [`gaps`] (phân tích điểm còn thiếu) finds the smallest evidence change that gains points on
//!   each leaf, ranks them into a plan and gives the highest index still attainable;
//! - [`what_if`] (giả định) scores a [`Scenario`], a patch to the evidence, against its base;
//! - [`DocRef`] reads official document references (`Kế hoạch số 05/KH-UBND ngày 12/01/2023`),
//!   which the `deadline` rule kind scores against a deadline.
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
//!
//! Around [`evaluate`], the assessment cycle: [`evaluate_appraised`] applies appraisal rounds
//! (thẩm định), bonus and penalty (điểm thưởng, điểm phạt) and the no-survey rescale;
//! [`score_batch`] scores and ranks many units; [`compare_scorecards`], [`diff_rulesets`] and
//! [`rescore`] compare years and set versions; [`render_scorecard_markdown`] and the other
//! `render_*` functions write Markdown and CSV reports in Vietnamese ([`Lang::Vi`], the default)
//! or English.
#![forbid(unsafe_code)]

pub mod audit;
mod builtin;
pub mod cases;
mod cycle;
mod decimal;
pub mod digest;
pub mod docref;
mod error;
mod evaluate;
mod evidence;
mod extend;
pub mod gap;
mod json;
mod limits;
mod load;
pub mod model;
pub mod number;
mod open;
mod path;
mod points;
mod report;
pub mod rules;
mod ruleset;
pub mod schema;
mod scorecard;
#[cfg(feature = "proptest")]
pub mod testkit;
mod validate;
pub mod whatif;
pub mod wording;

pub use audit::{AuditCheck, AuditFinding, AuditReport, Severity, audit};
pub use cycle::Change as AppraisalChange;
pub use cycle::{
    Adjustment, Appraisal, AppraisedScorecard, Batch, BatchEntry, BatchOptions, BatchResult,
    BatchWriteError, ChangeEffect, FinalTotal, GroupResult, Move, NodeColumns, NodeMove, OptMove,
    PointsAdjustment, RankMove, RankRow, RankedBy, Ranking, Reweight, Round, RuleSetDiff,
    ScorecardComparison, Stat, Summary, UnitResult, compare_scorecards, diff_rulesets,
    evaluate_appraised, rescore, score_batch, score_batch_to_writer, score_batch_with,
};
pub use decimal::{RoundingMode, parse_decimal};
pub use docref::{DateError, DocDate, DocKind, DocRef, DocRefError};
pub use error::{
    CycleError, CycleIssue, CycleIssueCode, Error, EvalError, EvidenceError, EvidenceIssue,
    EvidenceIssueCode, IssueCode, LoadError, Result, ValidationIssue,
};
pub use evaluate::{evaluate, evaluate_with_limits};
pub use evidence::{Evidence, Figure, LeafEvidence, Period, Reported, Task, Unit};
pub use gap::{Attainable, Change, GapReport, Improvement, LeafGap, Step, gaps};
pub use limits::Limits;
pub use load::load_str;
pub use model::{RuleSetDef, UnitLevel};
pub use number::{NumberError, ReportedNumber, parse_reported};
pub use path::{DataPath, Segment};
pub use points::{NodePoints, Points, evaluate_points};
pub use report::{
    Lang, ReportSource, format_number, format_percent, render_diff_csv, render_diff_markdown,
    render_ranking_csv, render_ranking_markdown, render_scorecard_csv, render_scorecard_markdown,
    render_text,
};
pub use ruleset::{NodeInfo, RuleSet};
pub use scorecard::{
    Class, Explanation, Finding, FindingKind, LeafResult, NodeResult, NodeStatus, PartScore,
    ProvenanceSummary, RuleSetInfo, Score, Scorecard,
};
pub use validate::{validate, validate_with_limits};
pub use whatif::{Delta, NodeDelta, Scenario, WhatIf, what_if};

/// Re-exported so that users name the same decimal type the engine computes with.
pub use rust_decimal::Decimal;

/// The Rust snippets of README.md and docs/, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
mod readme {}
