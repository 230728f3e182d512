//! Per-node columns of an appraised scorecard: the self-assessed, per-round, appraised and
//! survey points of the leaves below each node, as the official annex shows them.

use std::collections::HashMap;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::decimal::{Dec, DecOpt, DecVec};
use crate::error::CycleError;
use crate::model::Part;
use crate::path::DataPath;
use crate::scorecard::Scorecard;

/// One node's points side by side, as in the official annex.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct NodeColumns {
    /// The node's code.
    pub code: String,
    /// Maximum points (điểm tối đa).
    #[serde(with = "Dec")]
    pub max: Decimal,
    /// Self-assessed points of the appraised leaves below (tự đánh giá).
    #[serde(with = "Dec")]
    pub self_assessed: Decimal,
    /// Appraised-leaf points after each round (thẩm định lần 1, lần 2).
    #[serde(with = "DecVec")]
    pub rounds: Vec<Decimal>,
    /// Final points of the appraised leaves below (thẩm định).
    #[serde(with = "Dec")]
    pub appraised: Decimal,
    /// Points of the survey leaves below (điều tra xã hội học).
    #[serde(with = "Dec")]
    pub survey: Decimal,
    /// Final points (điểm đạt) = appraised + survey.
    #[serde(with = "Dec")]
    pub points: Decimal,
    /// Final index (chỉ số, %), for an area its sub-index.
    #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
    pub index: Option<Decimal>,
}

/// Per node: the sums of leaf points by part, for the self-assessment and each round.
pub(super) fn columns(
    self_card: &Scorecard,
    rounds: &[Scorecard],
    final_card: &Scorecard,
) -> Result<Vec<NodeColumns>, CycleError> {
    let self_sums = part_sums(self_card, Part::Appraised)?;
    let round_sums = rounds
        .iter()
        .map(|c| part_sums(c, Part::Appraised))
        .collect::<Result<Vec<_>, _>>()?;
    let appraised = part_sums(final_card, Part::Appraised)?;
    let survey = part_sums(final_card, Part::Survey)?;
    let get = |m: &HashMap<String, Decimal>, code: &str| m.get(code).copied().unwrap_or_default();
    Ok(final_card
        .nodes
        .iter()
        .map(|n| NodeColumns {
            code: n.code.to_string(),
            max: n.score.max,
            self_assessed: get(&self_sums, &n.code),
            rounds: round_sums.iter().map(|m| get(m, &n.code)).collect(),
            appraised: get(&appraised, &n.code),
            survey: get(&survey, &n.code),
            points: n.score.points,
            index: n.score.index,
        })
        .collect())
}

/// For every node, the points of the leaves of `part` at or below it.
fn part_sums(card: &Scorecard, part: Part) -> Result<HashMap<String, Decimal>, CycleError> {
    let parents: HashMap<&str, Option<&str>> = card
        .nodes
        .iter()
        .map(|n| (&*n.code, n.parent.as_deref()))
        .collect();
    let mut sums: HashMap<String, Decimal> = HashMap::new();
    for n in &card.nodes {
        let Some(leaf) = &n.leaf else { continue };
        if leaf.part != part {
            continue;
        }
        let mut cur = Some(&*n.code);
        let mut guard = card.nodes.len();
        while let Some(code) = cur {
            let slot = sums.entry(code.to_string()).or_default();
            *slot = slot
                .checked_add(n.score.points)
                .ok_or_else(|| CycleError::Overflow {
                    path: DataPath::root().key("evidence").key(&*n.code),
                })?;
            guard = guard.saturating_sub(1);
            cur = if guard == 0 {
                None
            } else {
                parents.get(code).copied().flatten()
            };
        }
    }
    Ok(sums)
}
