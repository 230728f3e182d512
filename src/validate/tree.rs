//! Checks of the criteria tree, flattened into pre-order for evaluation.

mod items;

use std::collections::HashMap;
use std::sync::Arc;

use rust_decimal::Decimal;

use crate::decimal::plain;
use crate::error::IssueCode;
use crate::limits::Limits;
use crate::model::{NaPolicy, NodeDef, Part, Provenance, RuleKind, RuleSetDef};
use crate::path::DataPath;
use crate::rules::{Issues, Rule};

/// A validated node, in pre-order: a node's descendants are `index + 1 .. end`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    /// Shared with every scorecard's copy (an `Arc` clone, not a new string).
    pub(crate) code: Arc<str>,
    pub(crate) title: Arc<str>,
    pub(crate) title_en: Option<Arc<str>>,
    pub(crate) max: Decimal,
    /// 1 for an area, 2 for its criteria, and so on.
    pub(crate) depth: usize,
    pub(crate) parent: Option<usize>,
    pub(crate) end: usize,
    /// Where the node is in the rule-set file.
    pub(crate) path: DataPath,
    pub(crate) leaf: Option<Leaf>,
}

/// What a leaf adds to a node.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Leaf {
    pub(crate) rule: Rule,
    pub(crate) part: Part,
    pub(crate) na: NaPolicy,
    pub(crate) provenance: Provenance,
    /// The document and clause, as shown in a scorecard; built once here, not per evaluation.
    pub(crate) source: Arc<str>,
    pub(crate) evidence: Option<String>,
    /// The most the leaf scores when its evidence cites no document, when it requires them.
    pub(crate) without_documents: Option<Decimal>,
    /// The path of the leaf's evidence: `evidence["1.1.4"]`.
    pub(crate) evidence_path: DataPath,
}

/// The validated tree.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Tree {
    pub(crate) nodes: Vec<Node>,
    pub(crate) index: HashMap<String, usize>,
    /// Every leaf's index, ordered by code as a string sorts (the order of an evidence
    /// map's keys), so evidence is matched to leaves in one merged pass, without hashing.
    pub(crate) leaves_by_code: Vec<usize>,
    /// Every node's subtree end (`Node::end`), packed together: adding points up walks these
    /// rather than the whole nodes.
    pub(crate) ends: Vec<usize>,
    /// The bonus and penalty items (điểm thưởng, điểm trừ), bonus first, each a leaf outside
    /// the tree: not in `index`, `leaves_by_code` or `ends`, never in an area.
    pub(crate) items: Vec<(crate::model::Sign, Node)>,
}

struct Builder<'a> {
    issues: &'a mut Issues,
    limits: &'a Limits,
    tree: Tree,
    first_seen: HashMap<String, DataPath>,
    default_na: NaPolicy,
    points_dp: u32,
    over_limit: bool,
    /// Set when a leaf was left out of the tree for a problem already reported (its rule
    /// refused, or no provenance): the parts' sums would then report a follow-on mismatch.
    leaf_left_out: bool,
}

pub(crate) fn build(def: &RuleSetDef, issues: &mut Issues, limits: &Limits) -> Tree {
    let mut b = Builder {
        issues,
        limits,
        tree: Tree::default(),
        first_seen: HashMap::new(),
        default_na: def.not_applicable,
        points_dp: def.rounding.points,
        over_limit: false,
        leaf_left_out: false,
    };
    let areas = DataPath::root().key("areas");
    let mut total = Decimal::ZERO;
    for (i, area) in def.areas.iter().enumerate() {
        b.node(area, &areas.index(i), None, 1, None, None);
        total = total.checked_add(area.max).unwrap_or(Decimal::MAX);
    }
    if def.areas.is_empty() {
        b.issues
            .push(areas, IssueCode::NodeShape, "the set has no areas");
    } else if total != def.scale {
        b.issues.push(
            DataPath::root().key("scale"),
            IssueCode::ScaleMismatch,
            format!(
                "the areas add up to `{}`, not to the scale `{}`",
                plain(total),
                plain(def.scale)
            ),
        );
    }
    if let Some(parts) = &def.parts
        && !b.leaf_left_out
    {
        check_parts(&b.tree, parts.appraised, parts.survey, b.issues);
    }
    b.items(def);
    let mut tree = b.tree;
    let mut by_code: Vec<usize> = (0..tree.nodes.len())
        .filter(|&i| tree.nodes.get(i).is_some_and(|n| n.leaf.is_some()))
        .collect();
    by_code.sort_by(|&a, &b| {
        let code = |i: usize| tree.nodes.get(i).map(|n| &*n.code);
        code(a).cmp(&code(b))
    });
    tree.leaves_by_code = by_code;
    tree.ends = tree.nodes.iter().map(|n| n.end).collect();
    tree
}

fn check_parts(tree: &Tree, appraised: Decimal, survey: Decimal, issues: &mut Issues) {
    let mut sums = [Decimal::ZERO, Decimal::ZERO];
    for leaf_node in tree.nodes.iter().filter(|n| n.leaf.is_some()) {
        let slot = usize::from(
            leaf_node
                .leaf
                .as_ref()
                .is_some_and(|l| l.part == Part::Survey),
        );
        if let Some(s) = sums.get_mut(slot) {
            *s = s.checked_add(leaf_node.max).unwrap_or(Decimal::MAX);
        }
    }
    let p = DataPath::root().key("parts");
    for ((name, declared), sum) in [("appraised", appraised), ("survey", survey)]
        .into_iter()
        .zip(sums)
    {
        if declared != sum {
            issues.push(
                p.key(name),
                IssueCode::ScaleMismatch,
                format!(
                    "the {name} part is `{}`, but its leaves add up to `{}`",
                    plain(declared),
                    plain(sum)
                ),
            );
        }
    }
}

impl Builder<'_> {
    /// Checks one node and adds it, then its rule or its children, to the tree.
    fn node(
        &mut self,
        def: &NodeDef,
        path: &DataPath,
        parent: Option<usize>,
        depth: usize,
        inherited: Option<&Provenance>,
        inherited_na: Option<NaPolicy>,
    ) {
        if self.over_limit || self.hits_limit(path, depth) {
            return;
        }
        self.check_node_fields(def, path);
        let provenance = def.provenance.as_ref().or(inherited);
        let na = def.not_applicable.or(inherited_na);
        let index = self.push_node(def, path, parent, depth);
        self.rule_or_children(def, path, index, depth, provenance, na);
        let end = self.tree.nodes.len();
        if let Some(n) = self.tree.nodes.get_mut(index) {
            n.end = end;
        }
    }

    /// Whether one more node at `depth` would pass the node or depth limit; reports it once.
    fn hits_limit(&mut self, path: &DataPath, depth: usize) -> bool {
        if self.tree.nodes.len() < self.limits.max_nodes && depth <= self.limits.max_depth {
            return false;
        }
        let what = if depth > self.limits.max_depth {
            format!("deeper than the limit of {} levels", self.limits.max_depth)
        } else {
            format!("more than the limit of {} nodes", self.limits.max_nodes)
        };
        self.issues.push(
            path.clone(),
            IssueCode::Limit,
            format!("the tree is {what}"),
        );
        self.over_limit = true;
        true
    }

    /// Checks a node's own fields: code, title, maximum and provenance document.
    fn check_node_fields(&mut self, def: &NodeDef, path: &DataPath) {
        self.check_code(&def.code, path);
        if def.title.trim().is_empty() {
            self.issues.push(
                path.key("title"),
                IssueCode::Empty,
                format!("the title of `{}` is empty", def.code),
            );
        }
        self.issues.non_negative(&path.key("max"), def.max);
        check_points(self.issues, &path.key("max"), def.max, self.limits);
        if let Some(p) = &def.provenance
            && p.document.trim().is_empty()
        {
            self.issues.push(
                path.key("provenance").key("document"),
                IssueCode::Empty,
                "the provenance document is empty",
            );
        }
    }

    /// Adds a node to the tree and its code to the index; returns its position.
    fn push_node(
        &mut self,
        def: &NodeDef,
        path: &DataPath,
        parent: Option<usize>,
        depth: usize,
    ) -> usize {
        let index = self.tree.nodes.len();
        self.tree.index.insert(def.code.clone(), index);
        self.tree.nodes.push(Node {
            code: Arc::from(def.code.as_str()),
            title: Arc::from(def.title.as_str()),
            title_en: def.title_en.as_deref().map(Arc::from),
            max: def.max,
            depth,
            parent,
            end: index + 1,
            path: path.clone(),
            leaf: None,
        });
        index
    }

    /// Lowers a node's rule (a leaf) or its sub-criteria; a node must have exactly one of them.
    fn rule_or_children(
        &mut self,
        def: &NodeDef,
        path: &DataPath,
        index: usize,
        depth: usize,
        provenance: Option<&Provenance>,
        na: Option<NaPolicy>,
    ) {
        match (&def.rule, def.criteria.is_empty()) {
            (Some(_), false) => self.issues.push(
                path.clone(),
                IssueCode::NodeShape,
                format!("`{}` has both a `rule` and sub-criteria: a node scores by its rule or by the sum of its children, not both", def.code),
            ),
            (None, true) => self.issues.push(
                path.clone(),
                IssueCode::NodeShape,
                format!("`{}` has neither a `rule` nor sub-criteria under `criteria`", def.code),
            ),
            (Some(rule), true) => self.leaf(def, rule, path, index, provenance, na),
            (None, false) => {
                if def.without_documents.is_some() {
                    self.issues.push(
                        path.key("without_documents"),
                        IssueCode::RuleField,
                        "`without_documents` applies to a leaf: evidence and documents are given per leaf",
                    );
                }
                self.children(def, path, index, depth, provenance, na);
            }
        }
    }

    fn check_code(&mut self, code: &str, path: &DataPath) {
        let p = path.key("code");
        if code.trim().is_empty() {
            self.issues.push(p, IssueCode::Empty, "the code is empty");
        } else if code.chars().any(char::is_whitespace) {
            self.issues.push(
                p,
                IssueCode::OutOfRange,
                format!("code `{code}` contains white space"),
            );
        } else if let Some(first) = self.first_seen.get(code) {
            self.issues.push(
                p,
                IssueCode::Duplicate,
                format!("duplicate code `{code}`: also used at {first}"),
            );
        } else {
            self.first_seen.insert(code.to_string(), path.clone());
        }
    }

    fn leaf(
        &mut self,
        def: &NodeDef,
        rule: &crate::model::RuleDef,
        path: &DataPath,
        index: usize,
        provenance: Option<&Provenance>,
        na: Option<NaPolicy>,
    ) {
        let lowered = Rule::lower(rule, def.max, &path.key("rule"), self.issues, self.limits);
        if def.max.normalize().scale() > self.points_dp {
            // Rounding a full score to fewer decimals than the max has would go above it
            // (max 2.5 kept to 0 decimals scores 3).
            self.issues.push(
                path.key("max"),
                IssueCode::OutOfRange,
                format!(
                    "max `{}` has more decimals than leaf points keep (`rounding.points = {}`): a full score would round past it",
                    plain(def.max),
                    self.points_dp
                ),
            );
        }
        let Some(provenance) = provenance else {
            self.issues.push(
                path.clone(),
                IssueCode::MissingProvenance,
                format!("leaf `{}` has no provenance: add `provenance = {{ document = \"...\", verified = false }}` to it or to a parent", def.code),
            );
            self.leaf_left_out = true;
            return;
        };
        if let Some(cap) = def.without_documents {
            self.issues
                .points_within(&path.key("without_documents"), cap, def.max);
        }
        let Some(rule) = lowered else {
            self.leaf_left_out = true;
            return;
        };
        let part = def.part.unwrap_or(if rule.kind() == RuleKind::Survey {
            Part::Survey
        } else {
            Part::Appraised
        });
        if let Some(n) = self.tree.nodes.get_mut(index) {
            n.leaf = Some(Leaf {
                rule,
                part,
                na: na.unwrap_or(self.default_na),
                source: source_of(provenance),
                provenance: provenance.clone(),
                evidence: def.evidence.clone(),
                without_documents: def.without_documents,
                evidence_path: DataPath::root().key("evidence").key(def.code.clone()),
            });
        }
    }

    fn children(
        &mut self,
        def: &NodeDef,
        path: &DataPath,
        index: usize,
        depth: usize,
        provenance: Option<&Provenance>,
        na: Option<NaPolicy>,
    ) {
        let list = path.key("criteria");
        let mut sum = Decimal::ZERO;
        for (i, child) in def.criteria.iter().enumerate() {
            self.node(
                child,
                &list.index(i),
                Some(index),
                depth + 1,
                provenance,
                na,
            );
            sum = sum.checked_add(child.max).unwrap_or(Decimal::MAX);
        }
        if sum != def.max {
            self.issues.push(
                path.key("max"),
                IssueCode::MaxMismatch,
                format!(
                    "max `{}` of `{}` differs from the sum of its sub-criteria's maxima `{}`",
                    plain(def.max),
                    def.code,
                    plain(sum)
                ),
            );
        }
    }
}

/// The document and clause of a provenance, as a scorecard shows them.
fn source_of(provenance: &Provenance) -> Arc<str> {
    Arc::from(match &provenance.clause {
        Some(c) => format!("{}, {c}", provenance.document),
        None => provenance.document.clone(),
    })
}

/// A node's `max` past [`Limits::max_points`](crate::criteria::Limits::max_points): refused here, so
/// that value × 100 × max stays far inside a decimal when the set is scored.
fn check_points(issues: &mut Issues, path: &DataPath, max: Decimal, limits: &Limits) {
    if max > limits.max_points {
        issues.push(
            path.clone(),
            IssueCode::Limit,
            format!(
                "`{}` is more than the limit `max_points` of {}",
                crate::decimal::plain(max),
                crate::decimal::plain(limits.max_points)
            ),
        );
    }
}
