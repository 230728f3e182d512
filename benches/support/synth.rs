//! Synthetic evidence for benchmarks: deterministic, seeded, one full value per leaf in the
//! shape its rule kind takes. Shared by `benches/engine.rs` and `benches/vs-zen`.
//!
//! The values are plausible rather than realistic: ratios with 1 to 60 items, task lists of 3
//! to 12 tasks, counts 0 to 6, 1 to 200 survey respondents per option.

use std::collections::BTreeMap;

use par_index::criteria::{NodeDef, RuleDef, RuleKind, TaskStatus};
use par_index::{
    Decimal, Evidence, RuleSet, evidence::LeafEvidence, evidence::Period, evidence::Task,
    evidence::Unit,
};

/// SplitMix64: a tiny deterministic generator, enough for benchmark inputs.
#[derive(Debug, Clone)]
pub(crate) struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub(crate) fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    pub(crate) fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }

    /// True with probability `percent` %.
    pub(crate) fn chance(&mut self, percent: u64) -> bool {
        self.range(1, 100) <= percent
    }
}

/// Evidence for every leaf of `rs`, from `seed`.
pub(crate) fn evidence(rs: &RuleSet, seed: u64) -> Evidence {
    let mut rng = Rng::new(seed);
    let mut evidence = BTreeMap::new();
    for area in &rs.def().areas {
        leaves(area, &mut |node, rule| {
            evidence.insert(node.code.clone(), leaf(node, rule, &mut rng));
        });
    }
    Evidence {
        unit: Unit {
            name: format!("Đơn vị thử {seed}"),
            level: rs.level(),
            code: None,
            province: None,
        },
        period: Period {
            year: rs.def().years.from,
            quarter: None,
            month: None,
        },
        ruleset: None,
        evidence,
        bonus: Default::default(),
        penalty: Default::default(),
        figures: Vec::new(),
    }
}

/// Calls `f` on every leaf under `node`, in tree order.
pub(crate) fn leaves<'a>(node: &'a NodeDef, f: &mut impl FnMut(&'a NodeDef, &'a RuleDef)) {
    match &node.rule {
        Some(rule) => f(node, rule),
        None => node.criteria.iter().for_each(|c| leaves(c, f)),
    }
}

fn dec(n: u64) -> Decimal {
    Decimal::from(n)
}

fn leaf(node: &NodeDef, rule: &RuleDef, rng: &mut Rng) -> LeafEvidence {
    let mut ev = LeafEvidence::default();
    match rule.kind {
        RuleKind::Levels => {
            let i = rng.range(0, rule.levels.len() as u64 - 1) as usize;
            ev.level = rule.levels.get(i).map(|l| l.id.clone());
        }
        RuleKind::Check if rule.conditions.is_empty() => ev.met = Some(rng.chance(80)),
        RuleKind::Check => {
            let conds = rule
                .conditions
                .iter()
                .map(|c| (c.id.clone(), rng.chance(90)));
            ev.conditions = Some(conds.collect());
        }
        RuleKind::RatioBands | RuleKind::Proportional => ratio(&mut ev, rule, rng),
        RuleKind::CountBands | RuleKind::Deduction | RuleKind::PerItem => {
            ev.count = Some(dec(rng.range(0, 6)));
        }
        RuleKind::Survey => {
            let options: Vec<String> = if rule.weights.is_empty() {
                ["A", "B", "C", "D"].map(String::from).to_vec()
            } else {
                rule.weights.iter().map(|w| w.option.clone()).collect()
            };
            let answers = options.into_iter().map(|o| (o, rng.range(1, 200)));
            ev.answers = Some(answers.collect());
        }
        RuleKind::Deadline => {
            // a date in January or February of the set's first year
            let day = rng.range(1, 59);
            let (month, day) = if day > 31 { (2, day - 31) } else { (1, day) };
            ev.date = Some(format!("2023-{month:02}-{day:02}"));
        }
        RuleKind::Manual => {
            // 0 to max in quarter steps
            let quarters = (node.max * dec(4)).trunc().try_into().unwrap_or(0u64);
            ev.points = Some(dec(rng.range(0, quarters)) / dec(4));
        }
    }
    ev
}

fn ratio(ev: &mut LeafEvidence, rule: &RuleDef, rng: &mut Rng) {
    let tasks = rule.measure.as_deref() == Some("tasks");
    if tasks || rng.chance(15) {
        let statuses = [
            TaskStatus::Done,
            TaskStatus::Done,
            TaskStatus::Done,
            TaskStatus::DoneLate,
            TaskStatus::InProgress,
            TaskStatus::NotDone,
        ];
        let n = rng.range(3, 12);
        let list = (0..n).map(|i| Task {
            name: format!("Nhiệm vụ {}", i + 1),
            status: statuses
                .get(rng.range(0, statuses.len() as u64 - 1) as usize)
                .copied()
                .unwrap_or(TaskStatus::Done),
        });
        ev.tasks = Some(list.collect());
    } else if rng.chance(15) {
        ev.percent = Some(Decimal::new(rng.range(0, 10_000) as i64, 2));
    } else {
        let den = rng.range(1, 60);
        // skew towards high shares, as real units report
        let num = if rng.chance(30) {
            den
        } else {
            rng.range(0, den)
        };
        ev.numerator = Some(dec(num));
        ev.denominator = Some(dec(den));
    }
}
