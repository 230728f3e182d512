//! par-index against GoRules zen-engine on the same ~100-leaf district rule set, with criterion.
//!
//! 1. Generates the JDM graph from the par-index rule set (`par_index_vs_zen::jdm`) and writes
//!    it to `<target dir>/<rule set id>.jdm.json` for inspection.
//! 2. Checks that both engines give the same points for every leaf on 1,000 random evidence
//!    files (zen's numbers rounded half-up to 2 decimals); panics on any difference.
//! 3. Times both engines side by side in one run: one criterion group per mode, each with the
//!    functions `par-index` and `zen-engine`:
//!    - `pure`: par-index `evaluate(&RuleSet, &Evidence)` (the whole scorecard) against zen's
//!      compiled `Decision::evaluate` (the points of every leaf);
//!    - `pure_numbers`: par-index `evaluate_points` (points, maxima and status of every node,
//!      total and index) against the same zen call, and against `lower-bound`
//!      (`par_index_vs_zen::floor`: read each figure, compare it with the band edges, add
//!      exact decimals; the run prints on how many files its total equals par-index's);
//!    - `end_to_end`: evidence JSON text → parse → evaluate → result JSON text (par-index's
//!      default pretty JSON as `par-index`, its compact JSON as `par-index-compact`, its
//!      points card (`points_card`, the numbers without text) as `par-index-points`);
//!    - `explained`: par-index renders the text report with every leaf's working; zen runs with
//!      `trace: true` and serializes the trace.
//! 4. Prints a table of the medians and of zen ÷ par-index per mode, read back from criterion's
//!    `estimates.json` files.
//!
//! Every timed iteration checks its result: the total, or that the first leaf's output exists.
//! Converting evidence into zen's `Variable` happens before timing.
//!
//! ```text
//! cd benches/vs-zen && cargo bench                          # all four modes
//! cd benches/vs-zen && cargo bench -- pure                  # criterion filter
//! VS_ZEN_RULESET=../../criteria/<id>/ruleset.toml cargo bench   # another rule set
//! ```

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use criterion::measurement::WallTime;
use criterion::{BatchSize, BenchmarkGroup, Criterion};
use par_index::{
    Decimal, Evidence, RuleSet, evaluate, report::render_text, scoring::evaluate_points,
    scoring::points_card,
};
use par_index_vs_zen::floor::Floor;
use par_index_vs_zen::jdm;
use rust_decimal::RoundingStrategy;
use zen_engine::model::DecisionContent;
use zen_engine::{Decision, DecisionEngine, DecisionGraphResponse, EvaluationOptions, Variable};

/// Evidence files in the equality check.
const CHECKS: u64 = 1_000;
/// Distinct evidence files the timed closures cycle through.
const POOL: usize = 64;
/// Criterion's function name for par-index in every group.
const OURS: &str = "par-index";
/// Criterion's function name for zen-engine in every group.
const ZEN: &str = "zen-engine";
/// Criterion's function name for the lower bound (`pure_numbers` only).
const FLOOR: &str = "lower-bound";
/// Criterion's function name for par-index writing compact JSON (`end_to_end` only).
const COMPACT: &str = "par-index-compact";
/// Criterion's function name for par-index writing its points card (`end_to_end` only).
const POINTS: &str = "par-index-points";
/// The groups (modes), with what each compares, in the order they run.
const MODES: [(&str, &str); 4] = [
    (
        "pure",
        "`evaluate` (whole scorecard) vs compiled `Decision::evaluate`",
    ),
    ("pure_numbers", "`evaluate_points` vs the same zen call"),
    ("end_to_end", "JSON text → parse → evaluate → JSON text"),
    (
        "explained",
        "`render_text` vs `trace: true` + trace serialized",
    ),
];

/// zen-engine's compiled decision and the single-threaded runtime its async evaluate runs on.
struct Zen {
    decision: Decision,
    rt: tokio::runtime::Runtime,
}

impl Zen {
    /// Loads and compiles the JDM graph `graph_text`.
    fn new(graph_text: &str) -> Zen {
        let content: DecisionContent = serde_json::from_str(graph_text).expect("a valid JDM graph");
        let mut decision = DecisionEngine::default().create_decision(Arc::new(content));
        decision.compile();
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime");
        Zen { decision, rt }
    }

    /// Evaluates the decision on `input`, with the trace when `trace` is set.
    fn eval(&self, input: Variable, trace: bool) -> DecisionGraphResponse {
        let options = EvaluationOptions {
            trace,
            max_depth: 10,
        };
        self.rt
            .block_on(self.decision.evaluate_with_opts(input, options))
            .expect("zen evaluates")
    }
}

/// Everything the timed closures read, prepared before timing.
struct Setup {
    rs: RuleSet,
    zen: Zen,
    /// (code, JDM identifier) of every leaf, in tree order.
    leaves: Vec<(String, String)>,
    /// The evidence files the timed closures cycle through.
    pool: Vec<Evidence>,
    /// par-index's total for each file of `pool`, to check every iteration against.
    totals: Vec<Decimal>,
    /// zen's input for each file of `pool`, converted before timing.
    zen_in: Vec<Variable>,
    /// Each file of `pool` as par-index evidence JSON text.
    ours_json: Vec<String>,
    /// Each file of `pool` as zen input JSON text.
    zen_json: Vec<String>,
    /// zen's output path of the first leaf's points, checked every iteration.
    leaf0: String,
    /// The lower-bound plan of the set.
    floor: Floor,
    /// The lower bound's total for each file of `pool`, checked every iteration.
    floor_totals: Vec<Decimal>,
}

impl Setup {
    /// Loads the rule set at `path`, generates, writes and compiles its JDM graph, and
    /// prepares the evidence pool in both engines' forms.
    fn new(path: &str) -> Setup {
        let rs = RuleSet::from_path(path).expect("the rule set loads");
        let graph = jdm::graph(&rs);
        let graph_text = serde_json::to_string_pretty(&graph).expect("json");
        let dir = target_dir();
        std::fs::create_dir_all(&dir).expect("create the target directory");
        let out = dir.join(format!("{}.jdm.json", rs.id()));
        std::fs::write(&out, &graph_text).expect("write the graph");
        let zen = Zen::new(&graph_text);
        let leaves: Vec<(String, String)> = jdm::leaves(&rs)
            .iter()
            .map(|(n, _)| (n.code.clone(), jdm::ident(&n.code)))
            .collect();
        println!(
            "rule set: {} ({} leaves); graph: {} nodes, written to {}",
            rs.id(),
            leaves.len(),
            graph["nodes"].as_array().map_or(0, Vec::len),
            out.display()
        );
        let pool: Vec<Evidence> = (0..POOL as u64).map(|s| jdm::evidence(&rs, s)).collect();
        let totals = pool
            .iter()
            .map(|ev| evaluate(&rs, ev).expect("par-index evaluates").total.points)
            .collect();
        let zen_in = pool
            .iter()
            .map(|ev| Variable::from(jdm::input(&rs, ev)))
            .collect();
        let ours_json = pool
            .iter()
            .map(|ev| ev.to_json_string().expect("evidence JSON"))
            .collect();
        let zen_json = pool
            .iter()
            .map(|ev| jdm::input(&rs, ev).to_string())
            .collect();
        let leaf0 = format!("points.{}", leaves[0].1);
        let floor = Floor::new(&rs);
        let floor_totals: Vec<Decimal> = pool.iter().map(|ev| floor.total(ev)).collect();
        let equal = floor_totals
            .iter()
            .zip(&totals)
            .filter(|(a, b)| a == b)
            .count();
        println!(
            "lower bound: its total equals par-index's on {equal} of {} evidence files",
            pool.len()
        );
        Setup {
            rs,
            zen,
            leaves,
            pool,
            totals,
            zen_in,
            ours_json,
            zen_json,
            leaf0,
            floor,
            floor_totals,
        }
    }

    /// Checks that both engines give the same points for every leaf on `CHECKS` random
    /// evidence files (zen's rounded half-up to 2 decimals); panics on the first difference.
    /// Returns how many leaf points were compared.
    fn check(&self) -> usize {
        let mut compared = 0;
        for seed in 0..CHECKS {
            let ev = jdm::evidence(&self.rs, 1_000_000 + seed);
            let card = evaluate(&self.rs, &ev).expect("par-index evaluates");
            let res = self
                .zen
                .eval(Variable::from(jdm::input(&self.rs, &ev)), false)
                .result;
            for (code, id) in &self.leaves {
                let ours = card.node(code).expect("leaf").score.points;
                let theirs = match res.dot(&format!("points.{id}")) {
                    Some(Variable::Number(n)) => {
                        n.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
                    }
                    other => panic!("seed {seed}, leaf {code}: zen gave {other:?}"),
                };
                assert_eq!(
                    ours.normalize(),
                    theirs.normalize(),
                    "seed {seed}, leaf {code}: par-index {ours}, zen {theirs}"
                );
                compared += 1;
            }
        }
        compared
    }
}

/// An index cycling through `0..POOL`, one step per call.
fn cycle() -> impl FnMut() -> usize {
    let mut i = 0;
    move || {
        i = (i + 1) % POOL;
        i
    }
}

/// Times zen's compiled decision on the pool, with the trace serialized to JSON when `trace`
/// is set. The result is dropped inside the timed routine, as par-index's is.
fn bench_zen(g: &mut BenchmarkGroup<'_, WallTime>, s: &Setup, trace: bool) {
    g.bench_function(ZEN, |b| {
        let mut next = cycle();
        b.iter_batched(
            // Setup, not timed: zen's evaluate consumes its input, so each call gets its own
            // copy of the prepared Variable. `deep_clone`, because `clone` would share the
            // reference-counted maps with the pool.
            || s.zen_in[next()].deep_clone(),
            |input| {
                let r = s.zen.eval(black_box(input), trace);
                assert!(r.result.dot(&s.leaf0).is_some());
                if trace {
                    assert!(r.trace.is_some());
                    black_box(serde_json::to_string(&r.trace).expect("trace JSON"));
                }
            },
            BatchSize::SmallInput,
        );
    });
}

/// Times par-index on the pool: `run` scores one evidence file and returns its total, which
/// is checked against the total worked out before timing.
fn bench_ours(
    g: &mut BenchmarkGroup<'_, WallTime>,
    s: &Setup,
    run: impl Fn(&RuleSet, &Evidence) -> Decimal,
) {
    g.bench_function(OURS, |b| {
        let mut next = cycle();
        b.iter(|| {
            let i = next();
            assert_eq!(run(black_box(&s.rs), black_box(&s.pool[i])), s.totals[i]);
        });
    });
}

/// `pure`: par-index's whole scorecard against zen's compiled decision.
fn pure(c: &mut Criterion, s: &Setup) {
    let mut g = c.benchmark_group("pure");
    bench_ours(&mut g, s, |rs, ev| {
        evaluate(rs, ev).expect("evaluates").total.points
    });
    bench_zen(&mut g, s, false);
    g.finish();
}

/// `pure_numbers`: par-index's `evaluate_points` against zen's compiled decision and against
/// the lower bound.
fn pure_numbers(c: &mut Criterion, s: &Setup) {
    let mut g = c.benchmark_group("pure_numbers");
    bench_ours(&mut g, s, |rs, ev| {
        evaluate_points(rs, ev).expect("evaluates").total
    });
    bench_zen(&mut g, s, false);
    g.bench_function(FLOOR, |b| {
        let mut next = cycle();
        b.iter(|| {
            let i = next();
            assert_eq!(s.floor.total(black_box(&s.pool[i])), s.floor_totals[i]);
        });
    });
    g.finish();
}

/// `end_to_end`: evidence JSON text → parse → evaluate → result JSON text, for both.
fn end_to_end(c: &mut Criterion, s: &Setup) {
    let mut g = c.benchmark_group("end_to_end");
    // Each par-index output, as (function name, evidence → (total, JSON text)).
    type Write = fn(&RuleSet, &Evidence) -> (Decimal, String);
    let outputs: [(&str, Write); 3] = [
        (OURS, |rs, ev| {
            let card = evaluate(rs, ev).expect("evaluates");
            (card.total.points, card.to_json_string().expect("JSON"))
        }),
        (COMPACT, |rs, ev| {
            let card = evaluate(rs, ev).expect("evaluates");
            (card.total.points, card.to_json_compact().expect("JSON"))
        }),
        (POINTS, |rs, ev| {
            let card = points_card(rs, ev).expect("evaluates");
            (card.total.points, card.to_json().expect("JSON"))
        }),
    ];
    for (name, write) in outputs {
        g.bench_function(name, |b| {
            let mut next = cycle();
            b.iter(|| {
                let i = next();
                let ev = Evidence::from_json_str(black_box(&s.ours_json[i])).expect("parses");
                let (total, json) = write(&s.rs, &ev);
                assert_eq!(total, s.totals[i]);
                black_box(json);
            });
        });
    }
    g.bench_function(ZEN, |b| {
        let mut next = cycle();
        b.iter(|| {
            let input: Variable =
                serde_json::from_str(black_box(&s.zen_json[next()])).expect("parses");
            let r = s.zen.eval(input, false);
            assert!(r.result.dot(&s.leaf0).is_some());
            black_box(serde_json::to_string(&r.result).expect("result JSON"));
        });
    });
    g.finish();
}

/// `explained`: par-index's text report with every leaf's working against zen's trace.
fn explained(c: &mut Criterion, s: &Setup) {
    let mut g = c.benchmark_group("explained");
    bench_ours(&mut g, s, |rs, ev| {
        let card = evaluate(rs, ev).expect("evaluates");
        black_box(render_text(&card));
        card.total.points
    });
    bench_zen(&mut g, s, true);
    g.finish();
}

/// Cargo's target directory: `$CARGO_TARGET_DIR`, else this package's `target`.
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("target"),
        PathBuf::from,
    )
}

/// Where criterion writes its reports: `$CRITERION_HOME`, else `<target dir>/criterion`.
/// Given to criterion explicitly, so that the summary reads the files this run wrote.
fn criterion_dir() -> PathBuf {
    std::env::var_os("CRITERION_HOME").map_or_else(|| target_dir().join("criterion"), PathBuf::from)
}

/// The median time of one call in ns, from criterion's
/// `<dir>/<group>/<function>/new/estimates.json` (`median.point_estimate`).
/// `None` when the file is missing or unreadable, or older than `since` (not run this time,
/// e.g. filtered out).
fn median_ns(dir: &Path, group: &str, function: &str, since: SystemTime) -> Option<f64> {
    let path = dir
        .join(group)
        .join(function)
        .join("new")
        .join("estimates.json");
    let modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok()?;
    if modified < since {
        return None;
    }
    let text = std::fs::read_to_string(&path).ok()?;
    let estimates: serde_json::Value = serde_json::from_str(&text).ok()?;
    estimates["median"]["point_estimate"].as_f64()
}

/// Prints the medians of this run and zen ÷ par-index per mode, as a Markdown table.
fn print_ratios(dir: &Path, since: SystemTime) {
    println!();
    println!("medians of this run (criterion, {}):", dir.display());
    println!();
    println!("| mode | compares | par-index | zen-engine | zen ÷ par-index |");
    println!("|---|---|---|---|---|");
    for (group, what) in MODES {
        let ours = median_ns(dir, group, OURS, since);
        let zen = median_ns(dir, group, ZEN, since);
        let micros =
            |ns: Option<f64>| ns.map_or("not run".to_string(), |ns| format!("{:.1} µs", ns / 1e3));
        let ratio = match (ours, zen) {
            (Some(a), Some(b)) => format!("**{:.1}×**", b / a),
            _ => "–".to_string(),
        };
        println!(
            "| {group} | {what} | {} | {} | {ratio} |",
            micros(ours),
            micros(zen)
        );
    }
    let zen = median_ns(dir, "end_to_end", ZEN, since);
    for (name, what) in [
        (COMPACT, "the same, scorecard as compact JSON"),
        (POINTS, "the same, points card JSON (`points_card`: numbers, no text)"),
    ] {
        if let (Some(a), Some(b)) = (median_ns(dir, "end_to_end", name, since), zen) {
            println!(
                "| end_to_end | {what} | {:.1} µs | {:.1} µs | **{:.1}×** |",
                a / 1e3,
                b / 1e3,
                b / a
            );
        }
    }
    let ours = median_ns(dir, "pure_numbers", OURS, since);
    let floor = median_ns(dir, "pure_numbers", FLOOR, since);
    if let (Some(a), Some(b)) = (ours, floor) {
        println!();
        println!(
            "lower bound (read, compare, add): {:.2} µs; `evaluate_points` ÷ lower bound: **{:.2}×**",
            b / 1e3,
            a / b
        );
    }
}

fn main() {
    // Before this run writes any estimates: older ones are from an earlier run.
    let since = SystemTime::now();
    let path = std::env::var("VS_ZEN_RULESET").unwrap_or_else(|_| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../data/district-100.toml").to_string()
    });
    let setup = Setup::new(&path);
    let compared = setup.check();
    println!("check: {CHECKS} evidence files, {compared} leaf points, all equal");

    let dir = criterion_dir();
    let mut c = Criterion::default()
        .output_directory(&dir)
        .configure_from_args();
    pure(&mut c, &setup);
    pure_numbers(&mut c, &setup);
    end_to_end(&mut c, &setup);
    explained(&mut c, &setup);
    c.final_summary();
    print_ratios(&dir, since);
}
