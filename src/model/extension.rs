//! A set written as a change to another (bộ tiêu chí bổ sung): `extends = "<id>"` with nodes
//! added, replaced and removed.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{DocumentRef, NodeDef, Years};

/// A criteria set that extends another (`extends = "<id>"`): a bundled set, or a set in a file
/// beside this one (`<id>.toml` or `<id>/ruleset.toml`), changed by removing, replacing and
/// adding nodes, in that order. The result is validated as a whole.
///
/// # Example
/// ```
/// let text = r#"
/// id = "ward-x-2025"
/// extends = "vn-commune-2025"
/// remove = ["9.9"]
///
/// [[add]]
/// parent = "2.1"
/// [[add.criteria]]
/// code = "2.1.1"
/// title = "Tiêu chí thành phần"
/// max = "1"
/// rule = { kind = "check" }
/// "#;
/// let ext: par_index::criteria::ExtensionDef = toml::from_str(text)?;
/// assert_eq!(ext.add[0].parent, "2.1");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ExtensionDef {
    /// Identifier of the new set.
    pub id: String,
    /// The id of the set extended (bộ tiêu chí gốc).
    pub extends: String,
    /// Title in Vietnamese; the extended set's when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Title in English; the extended set's when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
    /// The issuing decision; the extended set's when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<DocumentRef>,
    /// The assessment years; the extended set's when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<Years>,
    /// Codes of the nodes removed, with their children.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remove: Vec<String>,
    /// Nodes that replace the node of the same code, children included.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replace: Vec<NodeDef>,
    /// Nodes added under a parent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub add: Vec<Addition>,
}

/// Nodes added under one parent of the extended set (`[[add]]`).
///
/// Adding under a leaf makes it a parent: its rule is dropped and the new children must add
/// up to its maximum (a ward's sub-criteria under a province's criterion).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Addition {
    /// Code of the parent, e.g. `2.1`.
    pub parent: String,
    /// The nodes added, after the parent's own children.
    pub criteria: Vec<NodeDef>,
}
