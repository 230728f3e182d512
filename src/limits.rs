//! Input limits: how large and how deep a rule set may be, so that a hostile file cannot
//! exhaust memory or time.

/// Size limits applied when a rule set is loaded and validated.
///
/// The defaults are far above any real criteria set (the national province set has 88
/// sub-criteria) and far below what would strain a machine.
///
/// | limit | default |
/// |---|---|
/// | file size | 4 MiB |
/// | nodes in the tree | 10,000 |
/// | depth of the tree (areas are depth 1) | 8 |
/// | length of one text | 64 KiB |
/// | bands, levels, conditions or options in one rule | 1,000 |
///
/// # Example
/// ```
/// let limits = par_index::Limits::default();
/// assert_eq!(limits.max_depth, 8);
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
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 4 * 1024 * 1024,
            max_nodes: 10_000,
            max_depth: 8,
            max_string_len: 64 * 1024,
            max_rule_items: 1_000,
        }
    }
}
