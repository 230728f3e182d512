//! The evidence limits of [`Limits`]: how many values, how many tasks in a list, how large a
//! number; checked while evidence is matched to leaves.

use rust_decimal::Decimal;

use super::{Evidence, LeafEvidence};
use crate::decimal::plain;
use crate::error::{EvidenceIssue, EvidenceIssueCode};
use crate::limits::Limits;
use crate::path::DataPath;

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
    for (section, map) in [("bonus", &ev.bonus), ("penalty", &ev.penalty)] {
        if map.len() > limits.max_evidence_entries {
            issues.push(EvidenceIssue::new(
                DataPath::root().key(section),
                EvidenceIssueCode::Limit,
                format!(
                    "{} values, more than the limit of {}",
                    map.len(),
                    limits.max_evidence_entries
                ),
            ));
            return issues;
        }
    }
    for (code, leaf) in &ev.evidence {
        bounds.check(code, leaf, &mut issues);
    }
    for (section, map) in [("bonus", &ev.bonus), ("penalty", &ev.penalty)] {
        for (code, leaf) in map {
            bounds.check_in(section, code, leaf, &mut issues);
        }
    }
    issues
}

/// Whether the evidence has more values in a map than `max_evidence_entries`.
pub(crate) fn too_many(ev: &Evidence, limits: &Limits) -> bool {
    [&ev.evidence, &ev.bonus, &ev.penalty]
        .iter()
        .any(|m| m.len() > limits.max_evidence_entries)
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
        self.check_in("evidence", code, leaf, issues);
    }

    /// [`LeafBounds::check`] for a value of the evidence's `section` (`bonus`, `penalty`).
    pub(crate) fn check_in(
        &self,
        section: &str,
        code: &str,
        leaf: &LeafEvidence,
        issues: &mut Vec<EvidenceIssue>,
    ) {
        let p = || DataPath::root().key(section).key(code);
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
