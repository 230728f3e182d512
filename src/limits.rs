//! Input limits: how large and how deep a rule set or an evidence file may be, so that a
//! hostile file cannot exhaust memory or time.

use rust_decimal::Decimal;

/// Size limits applied when a rule set is loaded and validated, and when evidence is read and
/// evaluated.
///
/// The defaults are far above any real criteria set (the national province set has 88
/// sub-criteria) and far below what would strain a machine.
///
/// | limit | applies to | default | past it |
/// |---|---|---|---|
/// | `max_file_bytes` | a rule-set file, an evidence file | 4 MiB | [`IssueCode::Limit`](crate::IssueCode::Limit); [`EvidenceError::TooLarge`](crate::EvidenceError::TooLarge) |
/// | `max_nodes` | nodes in the tree | 10,000 | [`IssueCode::Limit`](crate::IssueCode::Limit) at the first node past it |
/// | `max_depth` | depth of the tree (areas are depth 1) | 8 | [`IssueCode::Limit`](crate::IssueCode::Limit) at the first node too deep |
/// | `max_string_len` | one text of a rule set | 64 KiB | [`IssueCode::Limit`](crate::IssueCode::Limit) at the text |
/// | `max_rule_items` | bands, levels, conditions or options in one rule | 1,000 | [`IssueCode::Limit`](crate::IssueCode::Limit) at the list |
/// | `max_evidence_entries` | leaf values in one evidence file | 10,000 | [`EvidenceIssueCode::Limit`] at `evidence` |
/// | `max_tasks_per_leaf` | tasks in one leaf's task list | 10,000 | [`EvidenceIssueCode::Limit`] at the list |
/// | `max_magnitude` | `numerator`, `denominator`, `count`, `percent`, `points` and each survey answer count | 10^15 (in absolute value) | [`EvidenceIssueCode::Limit`] at the value |
///
/// Evidence limits are checked by [`evaluate_with_limits`](crate::evaluate_with_limits)
/// (and by [`evaluate`](crate::evaluate) with the defaults) before any leaf is scored; 10^15
/// leaves every product the engine forms (value × 100 × max) far inside a decimal's 28 digits.
///
/// # Example
/// ```
/// let limits = par_index::Limits::default();
/// assert_eq!(limits.max_depth, 8);
/// assert_eq!(limits.max_magnitude.to_string(), "1000000000000000");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest file, in bytes.
    pub max_file_bytes: usize,
    /// Most nodes (areas, criteria, sub-criteria) in one set.
    pub max_nodes: usize,
    /// Deepest tree; areas are at depth 1.
    pub max_depth: usize,
    /// Longest text, in bytes.
    pub max_string_len: usize,
    /// Most bands, levels, conditions or weights in one rule.
    pub max_rule_items: usize,
    /// Most leaf values in one evidence submission.
    pub max_evidence_entries: usize,
    /// Most tasks in one leaf's task list.
    pub max_tasks_per_leaf: usize,
    /// Largest absolute value of a number in evidence.
    pub max_magnitude: Decimal,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 4 * 1024 * 1024,
            max_nodes: 10_000,
            max_depth: 8,
            max_string_len: 64 * 1024,
            max_rule_items: 1_000,
            max_evidence_entries: 10_000,
            max_tasks_per_leaf: 10_000,
            max_magnitude: Decimal::from(1_000_000_000_000_000_i64),
        }
    }
}
