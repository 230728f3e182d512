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
/// | `max_file_bytes` | a rule-set file, an evidence file | 4 MiB | [`IssueCode::Limit`](crate::criteria::IssueCode::Limit); [`EvidenceError::TooLarge`](crate::evidence::EvidenceError::TooLarge) |
/// | `max_nodes` | nodes in the tree | 10,000 | [`IssueCode::Limit`](crate::criteria::IssueCode::Limit) at the first node past it |
/// | `max_depth` | depth of the tree (areas are depth 1) | 8 | [`IssueCode::Limit`](crate::criteria::IssueCode::Limit) at the first node too deep |
/// | `max_string_len` | one text of a rule set | 64 KiB | [`IssueCode::Limit`](crate::criteria::IssueCode::Limit) at the text |
/// | `max_rule_items` | bands, levels, conditions or options in one rule | 1,000 | [`IssueCode::Limit`](crate::criteria::IssueCode::Limit) at the list |
/// | `max_evidence_entries` | leaf values in one evidence file | 10,000 | [`EvidenceIssueCode::Limit`](crate::evidence::EvidenceIssueCode::Limit) at `evidence` |
/// | `max_tasks_per_leaf` | tasks in one leaf's task list | 10,000 | [`EvidenceIssueCode::Limit`](crate::evidence::EvidenceIssueCode::Limit) at the list |
/// | `max_magnitude` | `numerator`, `denominator`, `count`, `percent`, `points` and each survey answer count | 10^15 (in absolute value) | [`EvidenceIssueCode::Limit`](crate::evidence::EvidenceIssueCode::Limit) at the value |
/// | `max_points` | the `max` of every node of a rule set | 10^6 | [`IssueCode::Limit`](crate::criteria::IssueCode::Limit) at the `max`, when the set is validated |
/// | `max_nesting` | objects and arrays open at once in any JSON input (at most 128 is used) | 32 | [`EvidenceError::Limit`](crate::evidence::EvidenceError::Limit) or [`CycleIssueCode::Limit`](crate::assessment::CycleIssueCode::Limit) at the first one too deep |
/// | `max_string_len` | also one string or key of any JSON input (as written) | 64 KiB | the same, at the string |
/// | `max_file_bytes` | also an appraisal, a batch entry or a what-if scenario | 4 MiB | the same |
/// | `max_batch_bytes` | a batch | 64 MiB | [`CycleIssueCode::Limit`](crate::assessment::CycleIssueCode::Limit) |
/// | `max_batch_units` | `units` of a batch | 20,000 | [`CycleIssueCode::Limit`](crate::assessment::CycleIssueCode::Limit) at `units` |
/// | `max_rounds` | `appraisal.rounds` | 10 | [`CycleIssueCode::Limit`](crate::assessment::CycleIssueCode::Limit) at the list |
/// | `max_adjustments` | `appraisal.bonus`, `appraisal.penalty` (each) | 1,000 | [`CycleIssueCode::Limit`](crate::assessment::CycleIssueCode::Limit) at the list |
/// | `max_scenario_entries` | a scenario's `set`, `replace`, `remove` (each) | 10,000 | [`EvidenceError::Limit`](crate::evidence::EvidenceError::Limit) at the list |
///
/// Every JSON limit is checked by one scan of the text that builds nothing of the input's
/// size (src/json.rs), before serde_json reads it: the file size first, then nesting, string
/// lengths and counts as the scan meets them, so an over-size input is refused in time linear
/// in the bytes read up to the fault and in memory bounded by the limits. `from_path` readers
/// read at most `max_file_bytes + 1` bytes. Measured refusals (release build, peak resident
/// memory by `/usr/bin/time -v`, file reading included): evidence nested 100,000 deep, 0.7 ms
/// and 2.7 MB; a 200 MB evidence or rule-set file, ~30 ms and 6.4 MB; a 50 MB unit name in a
/// batch, 54 MB (the text itself); a 170 MB batch of 420,000 units, 165 MB (the text; before
/// these limits it was accepted at 11.6 GB); a 1,000,000-item bonus list, 32 MB (the text).
/// The full table is in DESIGN.md, "Limits cover evidence too".
///
/// Evidence limits are checked by [`evaluate_with_limits`](crate::scoring::evaluate_with_limits)
/// (and by [`evaluate`](crate::evaluate) with the defaults) before any leaf is scored; 10^15
/// and maxima of at most 10^6 leave every product the engine forms (value × 100 × max, at most
/// 10^23) far inside a decimal's 28 digits, so a set that loads cannot overflow when scored.
///
/// # Example
/// ```
/// let limits = par_index::criteria::Limits::default();
/// assert_eq!(limits.max_depth, 8);
/// assert_eq!(limits.max_magnitude.to_string(), "1000000000000000");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest file, in bytes.
    pub max_file_bytes: usize,
    /// Most nodes (areas, criteria, sub-criteria) in one set.
    pub max_nodes: usize,
    /// Deepest tree; areas are at depth 1. TOML may nest `max_depth × 2 + 8` tables and
    /// arrays, computed saturating, so any value is safe.
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
    /// Largest `max` of a node of a rule set, in points.
    pub max_points: Decimal,
    /// Most objects and arrays open at once in a JSON input; at most 128 is used, whatever
    /// is set (serde_json's own limit).
    pub max_nesting: usize,
    /// Largest batch text, in bytes (a batch holds many units' evidence).
    pub max_batch_bytes: usize,
    /// Most units in one batch.
    pub max_batch_units: usize,
    /// Most appraisal rounds in one appraisal record.
    pub max_rounds: usize,
    /// Most bonus items, and most penalty items, in one appraisal record.
    pub max_adjustments: usize,
    /// Most entries in each of a what-if scenario's `set`, `replace` and `remove`.
    pub max_scenario_entries: usize,
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
            max_points: Decimal::from(1_000_000),
            max_nesting: 32,
            max_batch_bytes: 64 * 1024 * 1024,
            max_batch_units: 20_000,
            max_rounds: 10,
            max_adjustments: 1_000,
            max_scenario_entries: 10_000,
        }
    }
}

impl Limits {
    /// How deep TOML tables and arrays may nest in a rule set: two levels per level of
    /// criteria (`areas[0].criteria[1]`) and eight more for rules, saturating, so that a
    /// caller's huge `max_depth` cannot overflow.
    pub(crate) fn toml_nesting(&self) -> usize {
        self.max_depth.saturating_mul(2).saturating_add(8)
    }
}

/// The file's bytes, reading at most `limit + 1` bytes: `Err(bytes)` when the file is larger
/// (its size as the system gives it, or the bytes read), so a huge file is never read whole.
pub(crate) fn read_bounded(
    path: &std::path::Path,
    limit: usize,
) -> std::io::Result<Result<Vec<u8>, usize>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let size = file.metadata().map_or(0, |m| m.len());
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    let mut bytes = Vec::new();
    file.take(cap).read_to_end(&mut bytes)?;
    if bytes.len() > limit {
        let size = usize::try_from(size).unwrap_or(usize::MAX);
        return Ok(Err(size.max(bytes.len())));
    }
    Ok(Ok(bytes))
}
