//! The assessment cycle (quy trình đánh giá): appraisal, survey, many units, ranking.
//!
//! A unit scores itself ([`evaluate`](crate::evaluate)); the appraisal council (hội đồng thẩm
//! định) corrects leaves in one or more [`Round`]s of an [`Appraisal`], adds bonus and
//! penalty points (điểm thưởng, điểm trừ) and the survey points; [`evaluate_appraised`] gives
//! the [`AppraisedScorecard`] with every change, its effect and who made it. [`score_batch`]
//! scores the units of a [`Batch`] and ranks them, in the groups the set or the batch declares
//! (departments, wards, communes), with a [`Summary`] per group.
//!
//! # Example
//! ```
//! use par_index::assessment::{Appraisal, evaluate_appraised};
//! use par_index::{Evidence, RuleSet};
//!
//! let rs = RuleSet::builtin("vn-district-2023")?;
//! let ev = Evidence::from_path("examples/data/duyen-hai-2023-q3.json")?;
//! // The council finds all 16 tasks of 1.1.2 done: 100% gives the leaf's full point.
//! let appraisal = Appraisal::from_json_str(r#"{ "rounds": [ { "round": 1, "changes": {
//!   "1.1.2": { "evidence": { "numerator": 16, "denominator": 16 }, "reason": "Biên bản thẩm định" }
//! } } ] }"#)?;
//! let card = evaluate_appraised(&rs, &ev, &appraisal)?;
//! let effect = &card.changes[0];
//! assert_eq!(effect.leaf.before.to_string(), "0.5");
//! assert_eq!(effect.leaf.after.to_string(), "1");
//! # Ok::<(), par_index::Error>(())
//! ```

pub use crate::cycle::{
    Adjustment, Appraisal, AppraisedScorecard, Batch, BatchEntry, BatchOptions, BatchResult,
    BatchWriteError, Change, ChangeEffect, FinalTotal, GroupResult, NodeColumns, PointsAdjustment,
    RankRow, RankedBy, Ranking, Round, Stat, Summary, UnitResult, evaluate_appraised, score_batch,
    score_batch_to_writer, score_batch_with,
};
pub use crate::error::{CycleError, CycleIssue, CycleIssueCode};
