//! A lower bound for scoring one unit: only the work no engine can skip for the same leaves.
//!
//! [`Floor::new`] turns the rule set into a flat list of what each leaf compares its figure
//! with (band edges and points, a target, a weight per survey option), before timing.
//! [`Floor::total`] then does, per leaf: read its figure from the evidence (a count, a
//! numerator ÷ denominator, the done tasks of a list, the answers of a survey), compare it
//! with the band edges (or scale it), round the points to 2 decimals half-up and add them
//! exactly. It checks nothing, explains nothing, keeps no node's result and rolls up no
//! parent: what par-index does beyond it is the price of checking, explaining and the
//! scorecard's other numbers.
//!
//! It covers what the benchmark fixture uses (`at_least`/`above` edges, default task statuses,
//! no not-applicable evidence) and panics on anything else; the bench prints on how many of
//! the evidence files it times its total equals par-index's.

use par_index::criteria::{NodeDef, RuleDef, RuleKind, TaskStatus};
use par_index::{Decimal, Evidence, evidence::LeafEvidence, scoring::RoundingMode, RuleSet};

/// What one leaf compares its figure with.
#[derive(Debug)]
enum How {
    /// Bands, best first: (lower edge, inclusive, points; `None` points: share × max).
    Bands(Vec<(Option<Decimal>, bool, Option<Decimal>)>, Decimal),
    /// Share × max, or share ÷ target × max, 0 under `zero_below`.
    Share {
        max: Decimal,
        target: Option<Decimal>,
        zero_below: Option<Decimal>,
    },
    /// The points of the outcome whose id the evidence names.
    Levels(Vec<(String, Decimal)>),
    /// `met` (or every condition) scores `points`, else `otherwise`.
    Check(Decimal, Decimal),
    /// max − count × per item, at least `min`.
    Deduct {
        max: Decimal,
        per: Decimal,
        min: Decimal,
    },
    /// Σ answers × weight ÷ Σ answers × max ÷ 100, weights in option order.
    Survey(Vec<(String, Decimal)>, Decimal),
    /// The points given.
    Given,
}

/// The lower-bound plan of a rule set: one entry per leaf, in code order (the evidence
/// map's order).
#[derive(Debug)]
pub struct Floor {
    leaves: Vec<How>,
}

impl Floor {
    /// The plan of `rs` (every leaf, sorted by code).
    pub fn new(rs: &RuleSet) -> Floor {
        let mut leaves: Vec<(String, How)> = crate::jdm::leaves(rs)
            .into_iter()
            .map(|(n, r)| (n.code.clone(), how(n, r)))
            .collect();
        leaves.sort_by(|a, b| a.0.cmp(&b.0));
        Floor {
            leaves: leaves.into_iter().map(|(_, h)| h).collect(),
        }
    }

    /// The total points of `ev`, which must hold a value for every leaf.
    pub fn total(&self, ev: &Evidence) -> Decimal {
        let mut total = Decimal::ZERO;
        for (how, value) in self.leaves.iter().zip(ev.evidence.values()) {
            total += RoundingMode::HalfUp.round(points(how, value), 2);
        }
        total
    }
}

/// The plan of one leaf.
fn how(node: &NodeDef, rule: &RuleDef) -> How {
    let max = node.max;
    match rule.kind {
        RuleKind::RatioBands | RuleKind::CountBands => {
            let mut bands: Vec<_> = rule
                .bands
                .iter()
                .map(|b| (b.at_least.or(b.above), b.above.is_none(), b.points))
                .collect();
            if rule.kind == RuleKind::CountBands {
                bands.push((None, true, Some(rule.otherwise.unwrap_or_default())));
            }
            How::Bands(bands, max)
        }
        RuleKind::Proportional => How::Share {
            max,
            target: rule.target,
            zero_below: rule.zero_below,
        },
        RuleKind::Levels => How::Levels(
            rule.levels
                .iter()
                .map(|l| (l.id.clone(), l.points))
                .collect(),
        ),
        RuleKind::Check => How::Check(
            rule.points.unwrap_or(max),
            rule.otherwise.unwrap_or_default(),
        ),
        RuleKind::Deduction => How::Deduct {
            max,
            per: rule.per_item.unwrap_or_default(),
            min: rule.min_points.unwrap_or_default(),
        },
        RuleKind::Survey => How::Survey(weights(rule), max),
        RuleKind::Manual => How::Given,
        RuleKind::PerItem | RuleKind::Deadline => panic!("not in the fixture: {:?}", rule.kind),
    }
}

/// The survey options and their percentages: the rule's own, or the default A/B/C/D.
fn weights(rule: &RuleDef) -> Vec<(String, Decimal)> {
    if rule.weights.is_empty() {
        [("A", 100), ("B", 60), ("C", 20), ("D", 0)]
            .map(|(o, p)| (o.to_string(), Decimal::from(p)))
            .to_vec()
    } else {
        let mut w: Vec<_> = rule
            .weights
            .iter()
            .map(|w| (w.option.clone(), w.percent))
            .collect();
        w.sort();
        w
    }
}

/// A ratio leaf's share in %: given, from its task list, or numerator ÷ denominator.
fn share(ev: &LeafEvidence) -> Decimal {
    if let Some(p) = ev.percent {
        return p;
    }
    let (num, den) = match &ev.tasks {
        Some(tasks) => {
            let done = tasks
                .iter()
                .filter(|t| matches!(t.status, TaskStatus::Done | TaskStatus::DoneLate))
                .count();
            (Decimal::from(done), Decimal::from(tasks.len()))
        }
        None => (
            ev.numerator.unwrap_or_default(),
            ev.denominator.unwrap_or_default(),
        ),
    };
    if den.is_zero() {
        Decimal::ZERO
    } else {
        num * Decimal::ONE_HUNDRED / den
    }
}

/// The exact points of one leaf.
fn points(how: &How, ev: &LeafEvidence) -> Decimal {
    match how {
        How::Bands(bands, max) => {
            let figure = ev.count.unwrap_or_else(|| share(ev));
            let hit = bands.iter().find(|(edge, inclusive, _)| match edge {
                Some(e) if *inclusive => figure >= *e,
                Some(e) => figure > *e,
                None => true,
            });
            match hit {
                Some((_, _, Some(p))) => *p,
                Some((_, _, None)) => figure * *max / Decimal::ONE_HUNDRED,
                None => Decimal::ZERO,
            }
        }
        How::Share {
            max,
            target,
            zero_below,
        } => {
            let s = share(ev);
            match (target, zero_below) {
                (_, Some(z)) if s < *z => Decimal::ZERO,
                (Some(t), _) if s >= *t => *max,
                (Some(t), _) => s * *max / *t,
                (None, _) => s * *max / Decimal::ONE_HUNDRED,
            }
        }
        How::Levels(levels) => {
            let id = ev.level.as_deref().unwrap_or_default();
            levels
                .iter()
                .find(|(l, _)| l == id)
                .map_or(Decimal::ZERO, |(_, p)| *p)
        }
        How::Check(met, otherwise) => {
            let all = match &ev.conditions {
                Some(c) => c.values().all(|&v| v),
                None => ev.met == Some(true),
            };
            if all { *met } else { *otherwise }
        }
        How::Deduct { max, per, min } => (*max - ev.count.unwrap_or_default() * *per).max(*min),
        How::Survey(weights, max) => {
            let answers = ev.answers.as_ref().map(|a| a.values());
            let (mut sum, mut n) = (Decimal::ZERO, Decimal::ZERO);
            for ((_, w), &count) in weights.iter().zip(answers.into_iter().flatten()) {
                let c = Decimal::from(count);
                sum += c * *w;
                n += c;
            }
            if n.is_zero() {
                Decimal::ZERO
            } else {
                sum / n * *max / Decimal::ONE_HUNDRED
            }
        }
        How::Given => ev.points.unwrap_or_default(),
    }
}
