//! A node of the criteria tree: area, criterion or sub-criterion.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{NaPolicy, RuleDef};
use crate::decimal::{Dec, DecOpt};

/// A node of the tree: an area (lĩnh vực), a criterion (tiêu chí) or a sub-criterion (tiêu chí
/// thành phần), at any depth.
///
/// A node either has children (`criteria`), and scores their sum, or is a leaf with one `rule`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct NodeDef {
    /// Code such as `1`, `1.1` or `1.1.4`, unique in the set; evidence is keyed by it.
    pub code: String,
    /// Title in Vietnamese, as in the annex.
    pub title: String,
    /// Title in English, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
    /// Maximum points (điểm tối đa).
    #[serde(with = "Dec")]
    pub max: Decimal,
    /// The scoring rule of a leaf.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<RuleDef>,
    /// The scoring rule as the annex writes it (cách chấm điểm), verbatim: e.g. `Ban hành kịp
    /// thời: 1; Ban hành không kịp thời: 0,5; Không ban hành: 0`. [`crate::wording::check_wording`]
    /// reads it and reports a leaf whose `rule` says something else.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wording: Option<String>,
    /// The evidence a leaf expects (tài liệu kiểm chứng), as text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    /// A leaf that requires documents (tài liệu kiểm chứng): the most it scores when its
    /// evidence cites none (`documents` absent or empty), e.g. `"0"` or `"0.5"`. Absent: the
    /// leaf does not require documents.
    #[serde(default, with = "DecOpt", skip_serializing_if = "Option::is_none")]
    pub without_documents: Option<Decimal>,
    /// Where the rule comes from; inherited by the children of a node that has it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
    /// Which part of the score a leaf counts in; survey rules default to `survey`, every other
    /// rule to `appraised`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<Part>,
    /// What this leaf scores when not applicable; the set's policy when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_applicable: Option<NaPolicy>,
    /// A free note for authors and users.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The file this node came from (nguồn), filled in when a set extends another
    /// (`extends`): e.g. `ward.toml`, or `builtin:vn-commune-2025` for a bundled set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    /// The children: criteria of an area, sub-criteria of a criterion, and so on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub criteria: Vec<NodeDef>,
}

/// Where a rule comes from: the document and clause, and whether the rule was checked against
/// the published text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Provenance {
    /// Document number and symbol, e.g. `1880/QĐ-UBND`.
    pub document: String,
    /// Article, annex row or clause, e.g. `Phụ lục, mục 1.1.4`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
    /// Whether the rule was checked against the published text of the document.
    pub verified: bool,
    /// For an unverified rule: what it is based on (an analogue, common practice, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    /// Where the source can be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// The part of the score a leaf belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// Scored by self-assessment (tự đánh giá) and appraisal (thẩm định).
    Appraised,
    /// Scored by the sociological survey (điều tra xã hội học).
    Survey,
}

impl std::fmt::Display for Part {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Part::Appraised => "appraised",
            Part::Survey => "survey",
        })
    }
}
