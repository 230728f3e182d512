//! The assessment cycle around [`evaluate`](crate::evaluate): appraisal rounds (thẩm định),
//! bonus and penalty (điểm thưởng, điểm phạt), assessment without survey, batches and rankings,
//! and comparisons between years and set versions.
//!
//! The flow for one unit: the unit's evidence is scored as its self-assessment (tự đánh giá);
//! each appraisal round changes some leaves (replacement evidence or points, each with a
//! reason) and is scored again; bonus and penalty are added outside the areas, each capped by
//! the set; the final total is areas + bonus − penalty. A batch scores many units this way
//! and ranks them.

mod adjust;
mod appraisal;
mod batch;
mod columns;
mod compare;
mod effect;
mod input;

mod rank;

pub use adjust::{FinalTotal, PointsAdjustment};
pub use appraisal::{AppraisedScorecard, evaluate_appraised};
pub use batch::{
    Batch, BatchEntry, BatchOptions, BatchResult, BatchWriteError, GroupResult, score_batch,
    score_batch_to_writer, score_batch_with,
};
pub use columns::NodeColumns;
pub use compare::{
    NodeMove, RankMove, Reweight, RuleSetDiff, ScorecardComparison, compare_scorecards,
    diff_rulesets, rescore,
};
pub use effect::{ChangeEffect, Move, OptMove};
pub use input::{Adjustment, Appraisal, Change, Round};
pub use rank::{RankRow, RankedBy, Ranking, Stat, Summary, UnitResult};
