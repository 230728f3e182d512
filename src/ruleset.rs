//! The validated criteria set: the only form that [`evaluate`](crate::evaluate) accepts.

use std::sync::OnceLock;

use rust_decimal::Decimal;

use crate::model::{Part, RuleKind, RuleSetDef, UnitLevel};
use crate::validate::tree::{Node, Tree};

/// A criteria set (bộ tiêu chí) that passed validation.
///
/// It can only be obtained through [`RuleSet::from_toml_str`], [`RuleSet::from_path`],
/// [`RuleSet::builtin`] or [`validate`](crate::criteria::validate), so evaluation never meets a broken
/// rule.
///
/// # Example
/// ```
/// let rs = par_index::RuleSet::from_toml_str(r#"
/// id = "demo"
/// title = "Bộ tiêu chí mẫu"
/// level = "district"
/// years = { from = 2023 }
/// scale = 2
/// document = { number = "01/QĐ-UBND" }
/// [[areas]]
/// code = "1"
/// title = "Công tác chỉ đạo, điều hành"
/// max = 2
/// provenance = { document = "01/QĐ-UBND", verified = false }
/// [[areas.criteria]]
/// code = "1.1"
/// title = "Mức độ thực hiện kế hoạch"
/// max = 2
/// rule = { kind = "ratio_bands", bands = [
///   { above = "90", points = "2" }, { at_least = "70", points = "1" }, { points = "0" },
/// ] }
/// "#)?;
/// assert_eq!(rs.id(), "demo");
/// assert_eq!(rs.leaf_codes().collect::<Vec<_>>(), ["1.1"]);
/// # Ok::<(), par_index::criteria::LoadError>(())
/// ```
#[derive(Debug, Clone)]
pub struct RuleSet {
    def: RuleSetDef,
    tree: Tree,
    /// The SHA-256 of `def`, worked out on first use (every scorecard records it).
    sha256: OnceLock<String>,
}

/// Two rule sets are equal when their definitions are; whether the digest was worked out yet
/// does not matter.
impl PartialEq for RuleSet {
    fn eq(&self, other: &Self) -> bool {
        self.def == other.def && self.tree == other.tree
    }
}

impl RuleSet {
    pub(crate) fn new(def: RuleSetDef, tree: Tree) -> Self {
        RuleSet {
            def,
            tree,
            sha256: OnceLock::new(),
        }
    }

    /// The SHA-256 of the set's canonical JSON ([`digest::ruleset_sha256`](crate::digest::ruleset_sha256)),
    /// worked out once and kept: every scorecard records it.
    ///
    /// # Example
    /// ```
    /// let rs = par_index::RuleSet::builtin("bnv-876-2022-province").unwrap();
    /// assert_eq!(rs.sha256(), par_index::criteria::digest::ruleset_sha256(rs.def()));
    /// ```
    #[must_use]
    pub fn sha256(&self) -> &str {
        self.sha256
            .get_or_init(|| crate::digest::ruleset_sha256(&self.def))
    }

    /// The rule set as written.
    #[must_use]
    pub fn def(&self) -> &RuleSetDef {
        &self.def
    }

    /// The set's id.
    #[must_use]
    pub fn id(&self) -> &str {
        &self.def.id
    }

    /// The level of units it scores.
    #[must_use]
    pub fn level(&self) -> UnitLevel {
        self.def.level
    }

    /// The scale maximum.
    #[must_use]
    pub fn scale(&self) -> Decimal {
        self.def.scale
    }

    /// The codes of every leaf, in tree order.
    pub fn leaf_codes(&self) -> impl Iterator<Item = &str> {
        self.tree
            .nodes
            .iter()
            .filter(|n| n.leaf.is_some())
            .map(|n| &*n.code)
    }

    /// Facts about the node with this code, when the set has it.
    #[must_use]
    pub fn node(&self, code: &str) -> Option<NodeInfo<'_>> {
        self.tree
            .index
            .get(code)
            .and_then(|&i| self.tree.nodes.get(i))
            .map(|node| NodeInfo { node })
    }

    /// Every node, in tree order.
    pub fn nodes(&self) -> impl Iterator<Item = NodeInfo<'_>> {
        self.tree.nodes.iter().map(|node| NodeInfo { node })
    }

    /// The rule set written back as TOML.
    ///
    /// # Errors
    /// Only if serialization itself fails, which these types do not cause.
    pub fn to_toml_string(&self) -> Result<String, toml::ser::Error> {
        toml::to_string(&self.def)
    }

    /// The bonus or penalty item with this code, and its sign.
    pub(crate) fn item(&self, code: &str) -> Option<(crate::model::Sign, &Node)> {
        self.tree
            .items
            .iter()
            .find(|(_, n)| *n.code == *code)
            .map(|(s, n)| (*s, n))
    }

    pub(crate) fn tree(&self) -> &Tree {
        &self.tree
    }
}

/// Read-only facts about one node of a [`RuleSet`].
#[derive(Debug, Clone, Copy)]
pub struct NodeInfo<'a> {
    node: &'a Node,
}

impl<'a> NodeInfo<'a> {
    /// The code.
    #[must_use]
    pub fn code(&self) -> &'a str {
        &self.node.code
    }

    /// The title.
    #[must_use]
    pub fn title(&self) -> &'a str {
        &self.node.title
    }

    /// The maximum points.
    #[must_use]
    pub fn max(&self) -> Decimal {
        self.node.max
    }

    /// The lowest points a leaf can score: its rule's floor (a `deduction` rule's
    /// `min_points`, which a set may put below 0), else 0; 0 for a parent. An appraisal
    /// round may set a leaf's points anywhere in `[floor, max]`.
    #[must_use]
    pub fn floor(&self) -> Decimal {
        self.node
            .leaf
            .as_ref()
            .map_or(Decimal::ZERO, |l| l.rule.floor().min(Decimal::ZERO))
    }

    /// 1 for an area, 2 for its criteria, ...
    #[must_use]
    pub fn depth(&self) -> usize {
        self.node.depth
    }

    /// The rule kind of a leaf; `None` for a parent.
    #[must_use]
    pub fn rule_kind(&self) -> Option<RuleKind> {
        self.node.leaf.as_ref().map(|l| l.rule.kind())
    }

    /// The part of a leaf; `None` for a parent.
    #[must_use]
    pub fn part(&self) -> Option<Part> {
        self.node.leaf.as_ref().map(|l| l.part)
    }

    /// Whether a leaf's rule was checked against the published text; `None` for a parent.
    #[must_use]
    pub fn verified(&self) -> Option<bool> {
        self.node.leaf.as_ref().map(|l| l.provenance.verified)
    }

    /// The evidence a leaf expects (tài liệu kiểm chứng), when the set says.
    #[must_use]
    pub fn expected_evidence(&self) -> Option<&'a str> {
        self.node.leaf.as_ref().and_then(|l| l.evidence.as_deref())
    }
}
