//! Merging a set that extends another (`extends`): nodes removed, replaced and added, each
//! stamped with the file it came from. Pure data work; [`crate::open`] finds the sets.

use crate::error::{IssueCode, ValidationIssue};
use crate::model::{ExtensionDef, NodeDef, RuleSetDef};
use crate::path::{DataPath, Segment};

/// The extended set: `base` changed by `ext`; base nodes without an origin get `base_origin`,
/// the nodes of `ext` get `origin`. Every code that names no node of the base is an issue at
/// its place in the extension (`remove[0]`, `replace[1].code`, `add[0].parent`).
pub(crate) fn merge(
    mut base: RuleSetDef,
    base_origin: &str,
    ext: ExtensionDef,
    origin: &str,
) -> Result<RuleSetDef, Vec<ValidationIssue>> {
    stamp(&mut base.areas, base_origin);
    let mut issues = Vec::new();
    let root = DataPath::root();
    for (i, code) in ext.remove.iter().enumerate() {
        if !remove(&mut base.areas, code) {
            issues.push(missing(root.key("remove").index(i), code, &ext.extends));
        }
    }
    for (i, mut node) in ext.replace.iter().cloned().enumerate() {
        stamp(std::slice::from_mut(&mut node), origin);
        let path = root.key("replace").index(i).key("code");
        match find_mut(&mut base.areas, &node.code) {
            Some(slot) => *slot = node,
            None => issues.push(missing(path, &node.code, &ext.extends)),
        }
    }
    add_all(&mut base, &ext, origin, &mut issues);
    header(&mut base, ext);
    if issues.is_empty() {
        Ok(base)
    } else {
        Err(issues)
    }
}

/// Adds the `[[add]]` nodes under their parents; a leaf parent drops its rule.
fn add_all(
    base: &mut RuleSetDef,
    ext: &ExtensionDef,
    origin: &str,
    issues: &mut Vec<ValidationIssue>,
) {
    for (i, add) in ext.add.iter().enumerate() {
        let Some(parent) = find_mut(&mut base.areas, &add.parent) else {
            let path = DataPath::root().key("add").index(i).key("parent");
            issues.push(missing(path, &add.parent, &ext.extends));
            continue;
        };
        let mut nodes = add.criteria.clone();
        stamp(&mut nodes, origin);
        if parent.criteria.is_empty() {
            parent.rule = None;
            parent.wording = None;
        }
        parent.criteria.extend(nodes);
    }
}

/// The header of the extended set: the extension's id, and what it restates.
fn header(base: &mut RuleSetDef, ext: ExtensionDef) {
    base.id = ext.id;
    if let Some(title) = ext.title {
        base.title = title;
        base.title_en = ext.title_en;
    }
    if let Some(document) = ext.document {
        base.document = document;
    }
    if let Some(years) = ext.years {
        base.years = years;
    }
}

fn missing(path: DataPath, code: &str, base: &str) -> ValidationIssue {
    ValidationIssue::new(
        path,
        IssueCode::Extends,
        format!("no node `{code}` in the extended set `{base}`"),
    )
}

/// Sets `origin` on every node, at any depth, that has none.
fn stamp(nodes: &mut [NodeDef], origin: &str) {
    for node in nodes {
        if node.origin.is_none() {
            node.origin = Some(origin.to_string());
        }
        stamp(&mut node.criteria, origin);
    }
}

fn find_mut<'a>(nodes: &'a mut [NodeDef], code: &str) -> Option<&'a mut NodeDef> {
    for node in nodes {
        if node.code == code {
            return Some(node);
        }
        if let Some(found) = find_mut(&mut node.criteria, code) {
            return Some(found);
        }
    }
    None
}

fn remove(nodes: &mut Vec<NodeDef>, code: &str) -> bool {
    if let Some(at) = nodes.iter().position(|n| n.code == code) {
        nodes.remove(at);
        return true;
    }
    nodes.iter_mut().any(|n| remove(&mut n.criteria, code))
}

/// Names, in each issue about a node of the extended set, the node and the file it came from:
/// `… (node \`2.1.3\` from \`ward.toml\`)`.
pub(crate) fn name_origins(issues: &mut [ValidationIssue], def: &RuleSetDef) {
    for issue in issues {
        if let Some(node) = node_at(&def.areas, issue.path.segments()) {
            if let Some(origin) = &node.origin {
                let note = format!(" (node `{}` from `{origin}`)", node.code);
                issue.message.push_str(&note);
            }
        }
    }
}

/// The deepest node on `segments` (`areas[1].criteria[0]…`).
fn node_at<'a>(areas: &'a [NodeDef], segments: &[Segment]) -> Option<&'a NodeDef> {
    let mut nodes = areas;
    let mut found = None;
    let mut rest = segments;
    while let [Segment::Key(k), Segment::Index(i), tail @ ..] = rest {
        if k != "areas" && k != "criteria" {
            break;
        }
        let Some(node) = nodes.get(*i) else { break };
        found = Some(node);
        nodes = &node.criteria;
        rest = tail;
    }
    found
}
