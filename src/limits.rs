//! Input limits: how large and how deep a rule set or an evidence file may be, so that a
//! hostile file cannot exhaust memory or time.

use rust_decimal::Decimal;

use crate::decimal::plain;
use crate::error::{EvidenceIssue, EvidenceIssueCode, IssueCode};
use crate::evidence::{Evidence, LeafEvidence};
use crate::path::DataPath;
use crate::rules::Issues;

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
/// | `max_points` | the `max` of every node of a rule set | 10^6 | [`IssueCode::Limit`](crate::IssueCode::Limit) at the `max`, when the set is validated |
/// | `max_nesting` | objects and arrays open at once in any JSON input (at most 128 is used) | 32 | [`EvidenceError::Limit`](crate::EvidenceError::Limit) or [`CycleIssueCode::Limit`](crate::CycleIssueCode::Limit) at the first one too deep |
/// | `max_string_len` | also one string or key of any JSON input (as written) | 64 KiB | the same, at the string |
/// | `max_file_bytes` | also an appraisal, a batch entry or a what-if scenario | 4 MiB | the same |
/// | `max_batch_bytes` | a batch | 64 MiB | [`CycleIssueCode::Limit`](crate::CycleIssueCode::Limit) |
/// | `max_batch_units` | `units` of a batch | 20,000 | [`CycleIssueCode::Limit`](crate::CycleIssueCode::Limit) at `units` |
/// | `max_rounds` | `appraisal.rounds` | 10 | [`CycleIssueCode::Limit`](crate::CycleIssueCode::Limit) at the list |
/// | `max_adjustments` | `appraisal.bonus`, `appraisal.penalty` (each) | 1,000 | [`CycleIssueCode::Limit`](crate::CycleIssueCode::Limit) at the list |
/// | `max_scenario_entries` | a scenario's `set`, `replace`, `remove` (each) | 10,000 | [`EvidenceError::Limit`](crate::EvidenceError::Limit) at the list |
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
/// Evidence limits are checked by [`evaluate_with_limits`](crate::evaluate_with_limits)
/// (and by [`evaluate`](crate::evaluate) with the defaults) before any leaf is scored; 10^15
/// and maxima of at most 10^6 leave every product the engine forms (value × 100 × max, at most
/// 10^23) far inside a decimal's 28 digits, so a set that loads cannot overflow when scored.
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

/// An issue at `path` when a node's maximum is past `max_points` (a maximum that would
/// overflow a decimal when scored is refused here, when the set is validated).
pub(crate) fn check_points(issues: &mut Issues, path: &DataPath, max: Decimal, limits: &Limits) {
    if max > limits.max_points {
        issues.push(
            path.clone(),
            IssueCode::Limit,
            format!(
                "`{}` is more than the limit `max_points` of {}",
                plain(max),
                plain(limits.max_points)
            ),
        );
    }
}

/// Every evidence value past the limits, with its path.
pub(crate) fn check_evidence(ev: &Evidence, limits: &Limits) -> Vec<EvidenceIssue> {
    let root = DataPath::root().key("evidence");
    let n = ev.evidence.len();
    if n > limits.max_evidence_entries {
        return vec![EvidenceIssue::new(
            root,
            EvidenceIssueCode::Limit,
            format!(
                "{n} values, more than the limit of {}",
                limits.max_evidence_entries
            ),
        )];
    }
    let bounds = LeafBounds::new(limits);
    let mut issues = Vec::new();
    for (code, leaf) in &ev.evidence {
        bounds.check(code, leaf, &mut issues);
    }
    issues
}

/// The per-value limits of one leaf's evidence: the tasks of a list, and the magnitude of
/// every number.
pub(crate) struct LeafBounds {
    max_tasks: usize,
    magnitude: Magnitude,
}

impl LeafBounds {
    pub(crate) fn new(limits: &Limits) -> Self {
        LeafBounds {
            max_tasks: limits.max_tasks_per_leaf,
            magnitude: Magnitude::new(limits.max_magnitude),
        }
    }

    /// Whether every value of a leaf's evidence is within the limits: what
    /// [`LeafBounds::check`] reports on, as a yes or no (the quick test of every evaluation).
    pub(crate) fn within(&self, leaf: &LeafEvidence) -> bool {
        leaf.tasks
            .as_ref()
            .is_none_or(|t| t.len() <= self.max_tasks)
            && numbers(leaf)
                .iter()
                .all(|(_, v)| v.is_none_or(|v| self.magnitude.holds(v)))
            && leaf
                .answers
                .iter()
                .flatten()
                .all(|(_, n)| u128::from(*n) <= self.magnitude.whole)
    }

    /// Adds an issue for every value of `evidence[code]` past the limits. Paths and messages
    /// are built only for such a value: this runs on every evaluation.
    pub(crate) fn check(&self, code: &str, leaf: &LeafEvidence, issues: &mut Vec<EvidenceIssue>) {
        let p = || DataPath::root().key("evidence").key(code);
        if let Some(tasks) = &leaf.tasks
            && tasks.len() > self.max_tasks
        {
            issues.push(EvidenceIssue::new(
                p().key("tasks"),
                EvidenceIssueCode::Limit,
                format!(
                    "{} tasks, more than the limit of {}",
                    tasks.len(),
                    self.max_tasks
                ),
            ));
        }
        for (field, value) in numbers(leaf) {
            if let Some(v) = value
                && !self.magnitude.holds(v)
            {
                self.magnitude.push(p().key(field), v, issues);
            }
        }
        for (option, count) in leaf.answers.iter().flatten() {
            // A count is whole: within the limit exactly when within its whole part.
            if u128::from(*count) > self.magnitude.whole {
                let path = p().key("answers").key(option.clone());
                self.magnitude.push(path, Decimal::from(*count), issues);
            }
        }
    }
}

/// The numbers of a leaf's evidence that the magnitude limit applies to, by field name.
fn numbers(leaf: &LeafEvidence) -> [(&'static str, Option<Decimal>); 5] {
    [
        ("numerator", leaf.numerator),
        ("denominator", leaf.denominator),
        ("count", leaf.count),
        ("percent", leaf.percent),
        ("points", leaf.points),
    ]
}

/// The magnitude limit, with its whole part as an integer for a quick first test.
struct Magnitude {
    max: Decimal,
    /// The whole part of `max`: a value whose digits (its mantissa) are no larger is within
    /// the limit whatever its scale, which settles almost every value without a decimal
    /// comparison.
    whole: u128,
}

impl Magnitude {
    fn new(max: Decimal) -> Self {
        let t = max.abs().trunc();
        let whole = 10u128
            .checked_pow(t.scale())
            .map_or(0, |p| t.mantissa().unsigned_abs() / p);
        Magnitude { max, whole }
    }

    fn holds(&self, v: Decimal) -> bool {
        v.mantissa().unsigned_abs() <= self.whole || v.abs() <= self.max
    }

    fn push(&self, path: DataPath, v: Decimal, issues: &mut Vec<EvidenceIssue>) {
        issues.push(EvidenceIssue::new(
            path,
            EvidenceIssueCode::Limit,
            format!(
                "`{}` is larger than the limit of {}",
                plain(v),
                plain(self.max)
            ),
        ));
    }
}
