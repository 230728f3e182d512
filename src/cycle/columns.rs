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
use crate::ruleset::RuleSet;
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
///
/// Every card is a scorecard of one rule set, so their nodes come in the same order; the sums
/// are kept by node position, and `parents` gives each node's parent by position
/// ([`Parents`]).
pub(super) fn columns(
    parents: &Parents,
    self_card: &Scorecard,
    rounds: &[Scorecard],
    final_card: &Scorecard,
) -> Result<Vec<NodeColumns>, CycleError> {
    let self_sums = part_sums(parents, self_card, Part::Appraised)?;
    let round_sums = rounds
        .iter()
        .map(|c| part_sums(parents, c, Part::Appraised))
        .collect::<Result<Vec<_>, _>>()?;
    // Without rounds the final scorecard is the self-assessment.
    let appraised = match round_sums.last() {
        Some(last) => last.clone(),
        None => self_sums.clone(),
    };
    let survey = part_sums(parents, final_card, Part::Survey)?;
    let get = |sums: &[Decimal], i: usize| sums.get(i).copied().unwrap_or_default();
    Ok(final_card
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| NodeColumns {
            code: n.code.to_string(),
            max: n.score.max,
            self_assessed: get(&self_sums, i),
            rounds: round_sums.iter().map(|m| get(m, i)).collect(),
            appraised: get(&appraised, i),
            survey: get(&survey, i),
            points: n.score.points,
            index: n.score.index,
        })
        .collect())
}

/// Each node's parent, by position in a scorecard's nodes.
pub(super) struct Parents(Vec<Option<usize>>);

impl Parents {
    /// The parents of `rs`'s nodes, from its tree: the order of its scorecards' nodes.
    pub(super) fn of_set(rs: &RuleSet) -> Self {
        Parents(rs.tree().nodes.iter().map(|n| n.parent).collect())
    }

    /// The parents of a scorecard's nodes, from their parents' codes (a scorecard given
    /// without its rule set).
    pub(super) fn of_card(card: &Scorecard) -> Self {
        let at: HashMap<&str, usize> = card
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (&*n.code, i))
            .collect();
        Parents(
            card.nodes
                .iter()
                .map(|n| n.parent.as_deref().and_then(|p| at.get(p).copied()))
                .collect(),
        )
    }
}

/// For every node, by position, the points of the leaves of `part` at or below it: each
/// leaf's points added to it and to each of its parents.
fn part_sums(parents: &Parents, card: &Scorecard, part: Part) -> Result<Vec<Decimal>, CycleError> {
    let mut sums = vec![Decimal::ZERO; card.nodes.len()];
    for (i, n) in card.nodes.iter().enumerate() {
        let Some(leaf) = &n.leaf else { continue };
        if leaf.part != part {
            continue;
        }
        let mut cur = Some(i);
        // A node's parent comes before it, so no walk is longer than the tree is deep; the
        // guard only keeps a malformed tree from looping.
        let mut guard = card.nodes.len();
        while let (Some(at), true) = (cur, guard > 0) {
            if let Some(slot) = sums.get_mut(at) {
                *slot = slot
                    .checked_add(n.score.points)
                    .ok_or_else(|| CycleError::Overflow {
                        path: DataPath::root().key("evidence").key(&*n.code),
                    })?;
            }
            guard -= 1;
            cur = parents.0.get(at).copied().flatten();
        }
    }
    Ok(sums)
}
