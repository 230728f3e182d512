//! The result of an evaluation: every node's points with the working behind them, every
//! area's sub-index, the total, the classification and the findings.
//!
//! Serialized to JSON with the field names below (snake_case) and decimals as strings; these
//! names are part of the crate's stable interface.

mod adjusted;

use std::fmt;
use std::sync::Arc;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::decimal::{Dec, DecOpt, Plain, plain};
use crate::evidence::{Period, Unit};
use crate::model::{Part, RuleKind};
use crate::path::DataPath;
use crate::rules::working::Working;

pub(crate) use adjusted::clamp;
pub use adjusted::{Adjusted, AdjustedTotal, ClampAt, Clamped, ItemResult, ItemSum};

/// The scored result of one unit's evidence under one rule set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Scorecard {
    /// The engine that computed it: `par-index <version>`.
    pub engine: String,
    /// The rule set used.
    pub ruleset: RuleSetInfo,
    /// The unit scored.
    pub unit: Unit,
    /// The period of the evidence.
    pub period: Period,
    /// SHA-256 of the evidence's canonical JSON (see [`digest`](crate::criteria::digest)).
    pub evidence_sha256: String,
    /// True when the period is a quarter or a month: the index is annual, so the result is a
    /// provisional estimate.
    pub provisional: bool,
    /// Total points, maximum and index.
    pub total: Score,
    /// The class the total index falls in, when the set defines classes and the index reaches
    /// one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub classification: Option<Class>,
    /// The bonus and penalty items (điểm thưởng, điểm trừ) and the total areas + bonus −
    /// penalty, when the set declares items; `total` and `classification` above are the
    /// areas' alone, and `adjusted.total` is the result of record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adjusted: Option<Adjusted>,
    /// Points per part of the score (appraised, survey).
    pub parts: Vec<PartScore>,
    /// Every node, areas first in each subtree (pre-order): depth 1 nodes are the areas and
    /// their `score.index` is the area's sub-index (chỉ số thành phần).
    pub nodes: Vec<NodeResult>,
    /// What a reader must know: missing evidence, not-applicable leaves, leaves capped for
    /// citing no documents.
    pub findings: Vec<Finding>,
    /// How much of the result rests on rules not checked against the published text.
    pub provenance: ProvenanceSummary,
}

impl Scorecard {
    /// The result of the node with this code.
    #[must_use]
    pub fn node(&self, code: &str) -> Option<&NodeResult> {
        self.nodes.iter().find(|n| *n.code == *code)
    }

    /// The areas (lĩnh vực): the nodes at depth 1.
    pub fn areas(&self) -> impl Iterator<Item = &NodeResult> {
        self.nodes.iter().filter(|n| n.depth == 1)
    }

    /// The scorecard as pretty JSON.
    ///
    /// # Errors
    /// Only if serialization itself fails, which these types do not cause.
    pub fn to_json_string(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string_pretty(self)
    }

    /// The scorecard as compact JSON: the same fields and values as
    /// [`to_json_string`](Scorecard::to_json_string), without indentation or line breaks
    /// (about half the bytes, written in about half the time), for a service or a batch that
    /// stores or sends many scorecards.
    ///
    /// # Errors
    /// Only if serialization itself fails, which these types do not cause.
    ///
    /// # Example
    /// ```
    /// # let rs = par_index::RuleSet::builtin("vn-district-2023")?;
    /// # let ev = par_index::Evidence::from_path("examples/data/duyen-hai-2023-q3.json")?;
    /// let card = par_index::evaluate(&rs, &ev)?;
    /// let compact = card.to_json_compact()?;
    /// assert!(!compact.contains('\n'));
    /// let pretty: serde_json::Value = serde_json::from_str(&card.to_json_string()?)?;
    /// assert_eq!(serde_json::from_str::<serde_json::Value>(&compact)?, pretty);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_json_compact(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string(self)
    }
}

/// Which rule set produced a scorecard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct RuleSetInfo {
    /// The set's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The number of the document that issues it.
    pub document: String,
    /// SHA-256 of the set's canonical JSON (see [`digest`](crate::criteria::digest)).
    pub sha256: String,
}

/// Points, maximum and index of a node or of the total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Score {
    /// Points achieved (leaves rounded by the set's policy, parents their exact sums).
    #[serde(with = "Dec")]
    pub points: Decimal,
    /// Maximum points as declared.
    #[serde(with = "Dec")]
    pub max: Decimal,
    /// Maximum points without the not-applicable leaves that leave the maximum.
    #[serde(with = "Dec")]
    pub applicable_max: Decimal,
    /// points ÷ applicable_max × 100, rounded by the set's policy; absent when nothing applies.
    #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
    pub index: Option<Decimal>,
}

/// A classification reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Class {
    /// The label, e.g. `A`.
    pub label: String,
    /// The name, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// Points of one part of the score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct PartScore {
    /// The part.
    pub part: Part,
    /// Its points, maximum and index.
    pub score: Score,
}

/// Where a node stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NodeStatus {
    /// Scored from evidence (for a parent: every leaf below scored or not applicable).
    Scored,
    /// No evidence (for a parent: at least one leaf below has none); scored 0.
    MissingEvidence,
    /// Not applicable (for a parent: every leaf below).
    NotApplicable,
}

/// The result of one node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct NodeResult {
    /// The node's code.
    pub code: Arc<str>,
    /// Its title.
    pub title: Arc<str>,
    /// Its English title, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title_en: Option<Arc<str>>,
    /// The parent's code; absent for an area.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<Arc<str>>,
    /// 1 for an area, 2 for a criterion, 3 for a sub-criterion, ...
    pub depth: usize,
    /// Points, maximum and index (for an area: its sub-index).
    pub score: Score,
    /// Where the node stands.
    pub status: NodeStatus,
    /// For a leaf: its rule, part, source and explanation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leaf: Option<LeafResult>,
}

/// What a leaf adds to its [`NodeResult`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct LeafResult {
    /// The kind of rule.
    pub rule: RuleKind,
    /// The part of the score the leaf counts in.
    pub part: Part,
    /// Whether its rule was checked against the published text.
    pub verified: bool,
    /// The document and clause the rule comes from.
    pub source: Arc<str>,
    /// How the points were reached: as one line (`30/36 = 83.33% → band 80% to under 100% →
    /// 0.5 of 1`, the JSON field `explanation`) and as data (the JSON field `basis`).
    #[serde(flatten)]
    pub explanation: Explanation,
}

/// Why a leaf has its points: kept as data, rendered as one line by [`Display`](fmt::Display)
/// and in JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    pub(crate) basis: Basis,
    pub(crate) points: Decimal,
    pub(crate) max: Decimal,
}

/// The basis of a leaf's points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(crate) enum Basis<W = Working> {
    /// Scored from evidence, with the rule's working.
    Scored {
        /// How the rule reached the points.
        working: W,
    },
    /// No evidence: scored 0.
    MissingEvidence,
    /// A bonus or penalty item the unit does not claim: 0, and not missing evidence.
    NotClaimed,
    /// Not applicable: the leaf leaves the maximum or scores full points.
    NotApplicable {
        /// Why, as the evidence says.
        reason: String,
        /// Whether the set gives full points instead of leaving the maximum.
        full_points: bool,
    },
}

impl Explanation {
    /// The structured working, when the leaf was scored from evidence.
    #[must_use]
    pub fn working(&self) -> Option<&Working> {
        match &self.basis {
            Basis::Scored { working: w } => Some(w),
            _ => None,
        }
    }
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (p, m) = (Plain(self.points), Plain(self.max));
        match &self.basis {
            Basis::Scored { working: w } => write!(f, "{w} → {p} of {m}"),
            Basis::MissingEvidence => write!(f, "no evidence → 0 of {m}"),
            Basis::NotClaimed => write!(f, "not claimed → 0 of {m}"),
            Basis::NotApplicable {
                reason,
                full_points: true,
            } => {
                write!(f, "not applicable ({reason}) → full points, {m} of {m}")
            }
            Basis::NotApplicable {
                reason,
                full_points: false,
            } => {
                write!(f, "not applicable ({reason}) → leaves the maximum")
            }
        }
    }
}

/// How an [`Explanation`] is written in JSON: the one line a reader sees, and the data it is
/// rendered from, so that a stored scorecard can be read back and rendered again (in another
/// language, say). The line is output only: reading takes the data.
#[derive(Serialize)]
struct ExplanationOut<'a> {
    /// Written straight into the output, without a `String` of its own.
    #[serde(serialize_with = "line")]
    explanation: &'a Explanation,
    basis: BasisOut<'a>,
}

/// Writes an explanation's one line (its [`Display`](fmt::Display)) as a JSON string.
fn line<S: serde::Serializer>(e: &&Explanation, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(*e)
}

#[derive(Serialize)]
struct BasisOut<'a> {
    #[serde(with = "Dec")]
    points: Decimal,
    #[serde(with = "Dec")]
    max: Decimal,
    #[serde(flatten)]
    how: &'a Basis,
}

/// The stored form of an [`Explanation`] (see [`ExplanationOut`]).
#[derive(Deserialize, JsonSchema)]
#[schemars(rename = "Explanation")]
struct ExplanationIn {
    /// The working as one line (English), e.g. `30/36 = 83.33% → band 80% to under 100% → 0.5 of 1`.
    #[allow(
        dead_code,
        reason = "written for readers, recomputed from `basis` when read"
    )]
    explanation: String,
    /// The data the line is rendered from.
    basis: BasisIn,
}

/// The data behind an explanation: the leaf's points and max, and why.
#[derive(Deserialize, JsonSchema)]
#[schemars(rename = "Basis")]
struct BasisIn {
    /// The leaf's points.
    #[serde(with = "Dec")]
    points: Decimal,
    /// The leaf's max.
    #[serde(with = "Dec")]
    max: Decimal,
    /// Why the leaf has its points.
    #[serde(flatten)]
    how: Basis,
}

impl Serialize for Explanation {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        ExplanationOut {
            explanation: self,
            basis: BasisOut {
                points: self.points,
                max: self.max,
                how: &self.basis,
            },
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Explanation {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let ExplanationIn { basis, .. } = ExplanationIn::deserialize(d)?;
        Ok(Explanation {
            basis: basis.how,
            points: basis.points,
            max: basis.max,
        })
    }
}

impl JsonSchema for Explanation {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        ExplanationIn::schema_name()
    }

    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        ExplanationIn::json_schema(g)
    }
}

/// Something a reader of the scorecard must know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Finding {
    /// What kind of finding.
    pub kind: FindingKind,
    /// The leaf's code.
    pub code: Arc<str>,
    /// The path of its evidence: `evidence["1.2.1"]`.
    pub path: DataPath,
    /// What happened and what follows.
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// The kinds of [`Finding`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FindingKind {
    /// A leaf without evidence, scored 0.
    MissingEvidence,
    /// A leaf marked not applicable (or with an empty denominator).
    NotApplicable,
    /// A leaf that requires documents cites none: its points are capped as the set says.
    DocumentsMissing,
}

/// How much of the result rests on rules not checked against the published text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ProvenanceSummary {
    /// Leaves in the set.
    pub leaves: usize,
    /// Leaves whose rule was not checked against the published text.
    pub unverified_leaves: usize,
    /// The maximum points of those leaves.
    #[serde(with = "Dec")]
    pub unverified_max: Decimal,
    /// The points scored on those leaves.
    #[serde(with = "Dec")]
    pub unverified_points: Decimal,
}

impl fmt::Display for ProvenanceSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.unverified_leaves == 0 {
            return write!(
                f,
                "all {} leaves checked against the published text",
                self.leaves
            );
        }
        write!(
            f,
            "{} of {} leaves are not checked against the published text; they carry {} points of the maximum and {} of the points scored",
            self.unverified_leaves,
            self.leaves,
            plain(self.unverified_max),
            plain(self.unverified_points)
        )
    }
}
