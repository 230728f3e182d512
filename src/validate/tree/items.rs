//! Checks of the bonus and penalty items (`[[bonus]]`, `[[penalty]]`): each becomes a leaf
//! outside the tree, scored by its rule within `[0, max]`.

use std::sync::Arc;

use rust_decimal::Decimal;

use super::{Builder, Leaf, Node, check_points, source_of};
use crate::decimal::plain;
use crate::error::IssueCode;
use crate::model::{AdjustmentDef, NaPolicy, Part, RuleKind, RuleSetDef, Sign};
use crate::path::DataPath;
use crate::rules::Rule;

/// The rule kinds an item takes: a claim is counted, picked from levels or checked; a share or
/// a survey is not a claim.
const KINDS: [RuleKind; 5] = [
    RuleKind::Levels,
    RuleKind::Check,
    RuleKind::PerItem,
    RuleKind::CountBands,
    RuleKind::Manual,
];

impl Builder<'_> {
    /// Checks every bonus and penalty item and keeps the valid ones, bonus first.
    pub(super) fn items(&mut self, def: &RuleSetDef) {
        for (sign, list) in [(Sign::Bonus, &def.bonus), (Sign::Penalty, &def.penalty)] {
            let at = DataPath::root().key(sign.as_str());
            for (i, item) in list.iter().enumerate() {
                if let Some(node) = self.item(item, &at.index(i), sign) {
                    self.tree.items.push((sign, node));
                }
            }
        }
    }

    fn item(&mut self, def: &AdjustmentDef, path: &DataPath, sign: Sign) -> Option<Node> {
        self.check_code(&def.code, path);
        if def.title.trim().is_empty() {
            self.issues.push(
                path.key("title"),
                IssueCode::Empty,
                format!("the title of `{}` is empty", def.code),
            );
        }
        let max_ok = self.item_max(def, path);
        if def.provenance.document.trim().is_empty() {
            self.issues.push(
                path.key("provenance").key("document"),
                IssueCode::Empty,
                "the provenance document is empty",
            );
        }
        let rule_path = path.key("rule");
        if !KINDS.contains(&def.rule.kind) {
            self.issues.push(
                rule_path.key("kind"),
                IssueCode::RuleField,
                format!(
                    "a {} item takes a `levels`, `check`, `per_item`, `count_bands` or `manual` rule, not `{}`{}",
                    sign.as_str(),
                    def.rule.kind,
                    if def.rule.kind == RuleKind::Deduction {
                        " (points taken off per violation are a `per_item` penalty item)"
                    } else {
                        ""
                    }
                ),
            );
            return None;
        }
        let rule = Rule::lower(&def.rule, def.max, &rule_path, self.issues, self.limits)?;
        max_ok.then(|| item_node(def, path, sign, rule))
    }

    /// Checks an item's max: above 0, within the limit, no more decimals than points keep.
    fn item_max(&mut self, def: &AdjustmentDef, path: &DataPath) -> bool {
        let at = path.key("max");
        let before = self.issues.list.len();
        if def.max <= Decimal::ZERO {
            self.issues.push(
                at.clone(),
                IssueCode::OutOfRange,
                format!(
                    "max `{}` of item `{}`: expected more than 0",
                    plain(def.max),
                    def.code
                ),
            );
        }
        check_points(self.issues, &at, def.max, self.limits);
        if def.max.normalize().scale() > self.points_dp {
            self.issues.push(
                at,
                IssueCode::OutOfRange,
                format!(
                    "max `{}` has more decimals than points keep (`rounding.points = {}`)",
                    plain(def.max),
                    self.points_dp
                ),
            );
        }
        self.issues.list.len() == before
    }
}

fn item_node(def: &AdjustmentDef, path: &DataPath, sign: Sign, rule: Rule) -> Node {
    Node {
        code: Arc::from(def.code.as_str()),
        title: Arc::from(def.title.as_str()),
        title_en: def.title_en.as_deref().map(Arc::from),
        max: def.max,
        depth: 0,
        parent: None,
        end: 0,
        path: path.clone(),
        leaf: Some(Leaf {
            rule,
            part: Part::Appraised,
            na: NaPolicy::Exclude,
            source: source_of(&def.provenance),
            provenance: def.provenance.clone(),
            evidence: def.evidence.clone(),
            without_documents: None,
            evidence_path: DataPath::root().key(sign.as_str()).key(def.code.clone()),
        }),
    }
}
