//! Scoring (chấm điểm): a criteria set and a unit's evidence in, a scorecard out.
//!
//! [`evaluate`] gives the [`Scorecard`]: every node's points, maximum and index, each leaf with
//! a one-line [`Explanation`] of its points (the figures, the band met, the working), the total
//! and its class (xếp loại), and [`Finding`]s for what was missing or excluded. Missing
//! evidence scores 0 and is reported, never guessed. [`evaluate_points`] computes the same
//! numbers without explanations, for ranking many units fast; [`points_card`] gives them keyed by
//! code with each area's sub-index, the class and the leaves without evidence, as the JSON a
//! dashboard or a form reads on every change ([`PointsCard`]).
//!
//! Points are exact decimals ([`Decimal`](crate::Decimal)), rounded as the set says
//! ([`RoundingMode`]; 2 decimals, half-up, unless the set says otherwise).
//!
//! # Example
//! ```
//! use par_index::scoring::{NodeStatus, evaluate};
//! use par_index::{Evidence, RuleSet};
//!
//! let rs = RuleSet::builtin("vn-district-2023")?;
//! let ev = Evidence::from_path("examples/data/duyen-hai-2023-q3.json")?;
//! let card = evaluate(&rs, &ev)?;
//! let leaf = card.node("1.1.2").expect("a leaf of the set");
//! // 13 of 16 tasks done = 81.25%: the band "80% to under 100%" gives 0.5 of 1.
//! assert_eq!(leaf.score.points.to_string(), "0.5");
//! assert_eq!(leaf.status, NodeStatus::Scored);
//! # Ok::<(), par_index::Error>(())
//! ```

pub use crate::decimal::{RoundingMode, parse_decimal};
pub use crate::error::EvalError;
pub use crate::evaluate::{evaluate, evaluate_with_limits};
pub use crate::points::{
    NodeFigures, NodePoints, Points, PointsCard, evaluate_points, points_card,
};
pub use crate::rules::{BandView, Share, ShareSource, Working};
pub use crate::scorecard::{
    Adjusted, AdjustedTotal, ClampAt, Clamped, Class, Explanation, Finding, FindingKind,
    ItemResult, ItemSum, LeafResult, NodeResult, NodeStatus, PartScore, ProvenanceSummary,
    RuleSetInfo, Score, Scorecard,
};
