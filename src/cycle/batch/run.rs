//! How a batch is scored: units split among threads in contiguous shares, each unit checked
//! in batch order, and the rankings and summaries computed from each unit's [`UnitKeys`]
//! rather than from its scorecard.

use super::{
    Batch, BatchEntry, BatchOptions, BatchResult, GroupResult, SeenUnits, batch_set_issue,
    check_group, unit_set_issue, year_issue,
};
use crate::cycle::appraisal::{AppraisedScorecard, evaluate_appraised};
use crate::cycle::rank::{RankedBy, Ranking, UnitKeys, rank, summaries};
use crate::error::{CycleError, CycleIssue};
use crate::model::{RankingGroup, TieBreak};
use crate::path::DataPath;
use crate::ruleset::RuleSet;

/// Units per thread below which a batch is scored on one thread (starting a thread costs
/// about as much as scoring a few units).
const MIN_UNITS_PER_THREAD: usize = 64;

/// How many threads score `units` units: the cap of `options` (else every core the machine
/// offers), at most one per [`MIN_UNITS_PER_THREAD`] units, at least one.
fn threads(options: &BatchOptions, units: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    options
        .threads
        .map_or(cores, std::num::NonZeroUsize::get)
        .min(units / MIN_UNITS_PER_THREAD)
        .max(1)
}

/// What a worker thread makes of one scored unit: its keys and what `keep` kept of it.
type Kept<T> = Result<(UnitKeys, T), CycleError>;

/// Every entry's appraised scorecard, in entry order, turned into its keys and into what `keep`
/// returns, on `threads` threads: each scores a contiguous share of the entries (this thread
/// the last share), so the result does not depend on how many there are. `keep` runs on the
/// thread that scored the unit (a streamed batch writes each unit's JSON there).
fn score_entries<T: Send>(
    rs: &RuleSet,
    entries: &[BatchEntry],
    threads: usize,
    keep: &(dyn Fn(&BatchEntry, AppraisedScorecard) -> T + Sync),
) -> Vec<Kept<T>> {
    let tie = &rs.def().tie_break;
    let score = |e: &BatchEntry| -> Kept<T> {
        let card = evaluate_appraised(rs, &e.evidence, &e.appraisal)?;
        let keys = UnitKeys::of(&e.evidence.unit.name, &card, tie);
        Ok((keys, keep(e, card)))
    };
    if threads <= 1 {
        return entries.iter().map(score).collect();
    }
    let share = entries.len().div_ceil(threads).max(1);
    let mut parts = entries.chunks(share);
    let last = parts.next_back().unwrap_or_default();
    std::thread::scope(|s| {
        let handles: Vec<_> = parts
            .map(|part| s.spawn(move || part.iter().map(score).collect::<Vec<_>>()))
            .collect();
        let mine: Vec<_> = last.iter().map(score).collect();
        let mut out = Vec::with_capacity(entries.len());
        for h in handles {
            // A thread that panicked hit a bug: raise it here, as scoring on this thread would.
            out.extend(h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
        }
        out.extend(mine);
        out
    })
}

/// The checks of each unit in batch order: its set, its year against the first unit's, its
/// group, a duplicate name or code, and its scoring's own problems.
struct UnitChecks<'a> {
    rs: &'a RuleSet,
    declared: &'a [RankingGroup],
    first_year: Option<u16>,
    seen: SeenUnits,
}

impl UnitChecks<'_> {
    /// Unit `i`'s problems go to `issues`; what was kept of it when it has none of its own.
    ///
    /// # Errors
    /// [`CycleError::Overflow`] from scoring it, which stops the batch.
    fn unit<T>(
        &mut self,
        i: usize,
        entry: &BatchEntry,
        scored: Result<T, CycleError>,
        issues: &mut Vec<CycleIssue>,
    ) -> Result<Option<T>, CycleError> {
        let at = DataPath::root().key("units").index(i);
        let duplicate = self.seen.check(&entry.evidence.unit, i, &at);
        if let Some(issue) = unit_set_issue(self.rs, entry, &at) {
            issues.push(issue);
            return Ok(None);
        }
        issues.extend(year_issue(self.first_year, entry, &at));
        check_group(self.declared, entry, &at, issues);
        issues.extend(duplicate);
        match scored {
            Ok(kept) => Ok(Some(kept)),
            Err(e) => match e.under(&at) {
                CycleError::Invalid { issues: more } => {
                    issues.extend(more);
                    Ok(None)
                }
                overflow @ CycleError::Overflow { .. } => Err(overflow),
            },
        }
    }
}

/// The ranking groups in force: the batch's when it declares any, else the set's.
pub(super) fn declared<'a>(rs: &'a RuleSet, batch: &'a Batch) -> &'a [RankingGroup] {
    if batch.groups.is_empty() {
        &rs.def().ranking_groups
    } else {
        &batch.groups
    }
}

/// Scores the batch `chunk` units at a time, checks each unit in batch order and hands what
/// `keep` kept of it to `sink`, in batch order, while no problem has been found; returns
/// every unit's keys, or every problem of every unit.
///
/// # Errors
/// [`CycleError::Invalid`] with every problem; [`CycleError::Overflow`]; `sink`'s errors.
pub(super) fn run<T: Send, E: From<CycleError>>(
    rs: &RuleSet,
    batch: &Batch,
    (options, chunk): (&BatchOptions, usize),
    keep: &(dyn Fn(&BatchEntry, AppraisedScorecard) -> T + Sync),
    sink: &mut dyn FnMut(T) -> Result<(), E>,
) -> Result<Vec<UnitKeys>, E> {
    let mut issues: Vec<CycleIssue> = batch_set_issue(rs, batch).into_iter().collect();
    let mut checks = UnitChecks {
        rs,
        declared: declared(rs, batch),
        first_year: batch.units.first().map(|e| e.evidence.period.year),
        seen: SeenUnits::default(),
    };
    let mut keys = Vec::with_capacity(batch.units.len());
    let chunk = chunk.max(1);
    for (c, entries) in batch.units.chunks(chunk).enumerate() {
        let scored = score_entries(rs, entries, threads(options, entries.len()), keep);
        for (j, (entry, kept)) in entries.iter().zip(scored).enumerate() {
            let Some((k, kept)) = checks.unit(c * chunk + j, entry, kept, &mut issues)? else {
                continue;
            };
            keys.push(k);
            if issues.is_empty() {
                sink(kept)?;
            }
        }
    }
    if !issues.is_empty() {
        return Err(CycleError::Invalid { issues }.into());
    }
    Ok(keys)
}

/// The batch's rankings and summaries from its units' keys (every unit scored, in batch
/// order), with no unit results: the caller adds them, or has streamed them.
///
/// # Errors
/// [`CycleError::Overflow`] if a summary overflows a decimal.
pub(super) fn rankings(
    rs: &RuleSet,
    batch: &Batch,
    keys: &[UnitKeys],
) -> Result<BatchResult, CycleError> {
    let declared = declared(rs, batch);
    let tie = &rs.def().tie_break;
    let all: Vec<usize> = (0..keys.len()).collect();
    let groups = group_results(rs, declared, &batch.units, keys)?;
    // Units of a group that is not ranked stay out of the overall ranking too.
    let ranked: Vec<usize> = all
        .iter()
        .copied()
        .filter(|&i| in_ranked_group(declared, batch.units.get(i)))
        .collect();
    Ok(BatchResult {
        ruleset: rs.id().to_string(),
        units: Vec::new(),
        ranking: rank(keys, &ranked, (RankedBy::Total, None), tie),
        area_rankings: area_rankings(rs, keys, &all),
        summaries: summaries(rs, keys, &all)?,
        groups,
    })
}

/// One ranking per area of the set, by its sub-index, without a tie-break; none for an
/// empty batch.
fn area_rankings(rs: &RuleSet, keys: &[UnitKeys], all: &[usize]) -> Vec<Ranking> {
    if keys.is_empty() {
        return Vec::new();
    }
    rs.tree()
        .nodes
        .iter()
        .filter(|n| n.depth == 1)
        .enumerate()
        .map(|(k, a)| {
            let by = RankedBy::Area {
                code: a.code.to_string(),
                title: a.title.to_string(),
            };
            rank(keys, all, (by, Some(k)), &TieBreak::None)
        })
        .collect()
}

fn in_ranked_group(declared: &[RankingGroup], entry: Option<&BatchEntry>) -> bool {
    let group = entry.and_then(|e| e.group.as_deref());
    declared
        .iter()
        .find(|g| Some(g.id.as_str()) == group)
        .is_none_or(|g| g.ranked)
}

/// Every declared group's ranking and summaries.
fn group_results(
    rs: &RuleSet,
    declared: &[RankingGroup],
    entries: &[BatchEntry],
    keys: &[UnitKeys],
) -> Result<Vec<GroupResult>, CycleError> {
    declared
        .iter()
        .map(|g| {
            let members: Vec<usize> = (0..keys.len())
                .filter(|&i| entries.get(i).and_then(|e| e.group.as_deref()) == Some(g.id.as_str()))
                .collect();
            let tie = &rs.def().tie_break;
            Ok(GroupResult {
                group: g.clone(),
                ranking: g
                    .ranked
                    .then(|| rank(keys, &members, (RankedBy::Total, None), tie)),
                summaries: summaries(rs, keys, &members)?,
            })
        })
        .collect()
}
