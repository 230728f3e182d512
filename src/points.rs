//! Scoring without the scorecard: the points of every node and the total, for batches and for
//! forms that re-score on every change.

use rust_decimal::Decimal;

use crate::error::EvalError;
use crate::evaluate::{Scored, index, score, status};
use crate::evidence::Evidence;
use crate::path::DataPath;
use crate::rules::Silent;
use crate::ruleset::RuleSet;
use crate::scorecard::NodeStatus;

/// The points of one unit under a rule set: what [`evaluate`](crate::evaluate) computes,
/// without the titles, explanations and findings of a [`Scorecard`](crate::Scorecard).
///
/// The numbers are those of the scorecard: the same leaf points (rounded by the set's
/// policy), the same sums, the same total index.
#[derive(Debug, Clone, PartialEq)]
pub struct Points {
    /// Every node, in the order of [`RuleSet::nodes`].
    pub nodes: Vec<NodePoints>,
    /// Total points.
    pub total: Decimal,
    /// The maximum without the not-applicable leaves that leave it.
    pub applicable_max: Decimal,
    /// Total points ÷ applicable maximum × 100, rounded by the set's policy; absent when
    /// nothing applies.
    pub index: Option<Decimal>,
}

/// The points of one node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NodePoints {
    /// Points achieved.
    pub points: Decimal,
    /// Maximum points without the not-applicable leaves that leave the maximum.
    pub applicable_max: Decimal,
    /// Where the node stands.
    pub status: NodeStatus,
}

/// Scores a unit's evidence like [`evaluate`](crate::evaluate), keeping only the numbers.
///
/// The same rules run as for the scorecard, but none builds its explanation and no text is
/// copied per node: about 5.5 times as fast as `evaluate` on the 100-leaf bench fixture
/// (9.4 µs against 51.8 µs), for batches and for forms that re-score on every change.
///
/// # Errors
/// The same as [`evaluate`](crate::evaluate), for the same evidence (the default
/// [`Limits`](crate::criteria::Limits) included).
///
/// # Example
/// ```
/// use par_index::{Evidence, RuleSet, evaluate, scoring::evaluate_points};
/// let rs = RuleSet::from_toml_str(r#"
/// id = "demo"
/// title = "Demo"
/// level = "commune"
/// years = { from = 2024 }
/// scale = 1
/// document = { number = "1/QĐ" }
/// [[areas]]
/// code = "1"
/// title = "Báo cáo"
/// max = 1
/// provenance = { document = "1/QĐ", verified = true }
/// rule = { kind = "check" }
/// "#)?;
/// let ev = Evidence::from_json_str(
///     r#"{"unit":{"name":"Xã A","level":"commune"},"period":{"year":2024},"evidence":{"1":{"met":true}}}"#,
/// )?;
/// let points = evaluate_points(&rs, &ev)?;
/// assert_eq!(points.total, evaluate(&rs, &ev)?.total.points);
/// assert_eq!(points.index.unwrap().to_string(), "100.00");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn evaluate_points(rs: &RuleSet, ev: &Evidence) -> Result<Points, EvalError> {
    let Scored { acc, .. } = score::<Silent>(
        rs,
        ev,
        &crate::limits::Limits::default(),
        &std::collections::BTreeMap::new(),
    )?;
    let mut total = Decimal::ZERO;
    let mut applicable_max = Decimal::ZERO;
    let overflow = || EvalError::Overflow {
        path: DataPath::root(),
    };
    for (node, a) in rs.tree().nodes.iter().zip(&acc) {
        if node.parent.is_none() {
            total = total.checked_add(a.points).ok_or_else(overflow)?;
            applicable_max = applicable_max
                .checked_add(a.applicable)
                .ok_or_else(overflow)?;
        }
    }
    // By value: the same size as `Acc`, so the collected vector reuses its memory.
    let nodes = acc
        .into_iter()
        .map(|a| NodePoints {
            points: a.points,
            applicable_max: a.applicable,
            status: status(&a),
        })
        .collect();
    Ok(Points {
        nodes,
        total,
        applicable_max,
        index: index(rs, total, applicable_max, &DataPath::root())?,
    })
}
