//! par-index against GoRules zen-engine on the same ~100-leaf district rule set.
//!
//! 1. Generates the JDM graph from the par-index rule set (`jdm.rs`) and writes it to
//!    `target/district-100.jdm.json` for inspection.
//! 2. Checks that both engines give the same points for every leaf on 1,000 random evidence
//!    files (zen's numbers rounded half-up to 2 decimals); stops on any difference.
//! 3. Times both, each against its equivalent, and prints medians and ratios:
//!    - pure evaluation: par-index `evaluate(&RuleSet, &Evidence)` (the whole scorecard)
//!      against zen's compiled `Decision::evaluate(Variable)` (the points of every leaf);
//!    - pure, numbers only: par-index `evaluate_points` (points, maxima and status of every
//!      node, total and index) against the same zen call;
//!    - end to end: evidence JSON text → parse → evaluate → result JSON text;
//!    - explanation on: par-index renders the text report with every leaf's working; zen runs
//!      with `trace: true` and serializes the trace.
//!
//! ```text
//! cd benches/vs-zen && cargo run --release [-- path/to/ruleset.toml]
//! ```

mod jdm;

use std::hint::black_box;
use std::sync::Arc;
use std::time::Instant;

use par_index::{Decimal, Evidence, RuleSet, evaluate, evaluate_points, render_text};
use rust_decimal::RoundingStrategy;
use zen_engine::model::DecisionContent;
use zen_engine::{DecisionEngine, EvaluationOptions, Variable};

use jdm::synth;

const CHECKS: u64 = 1_000;
const POOL: usize = 64;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../data/district-100.toml").to_string()
    });
    let rs = RuleSet::from_path(&path).expect("the rule set loads");
    let graph = jdm::graph(&rs);
    let graph_text = serde_json::to_string_pretty(&graph).expect("json");
    let out = concat!(env!("CARGO_MANIFEST_DIR"), "/target/district-100.jdm.json");
    std::fs::write(out, &graph_text).expect("write the graph");
    let content: DecisionContent = serde_json::from_str(&graph_text).expect("a valid JDM graph");
    let engine = DecisionEngine::default();
    let mut decision = engine.create_decision(Arc::new(content));
    decision.compile();
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    let zen = |input: Variable, trace: bool| {
        rt.block_on(decision.evaluate_with_opts(
            input,
            EvaluationOptions {
                trace,
                max_depth: 10,
            },
        ))
        .expect("zen evaluates")
    };
    let leaves: Vec<(String, String)> = jdm::leaves(&rs)
        .iter()
        .map(|(n, _)| (n.code.clone(), jdm::ident(&n.code)))
        .collect();
    println!(
        "rule set: {} ({} leaves); graph: {} nodes",
        rs.id(),
        leaves.len(),
        graph["nodes"].as_array().map_or(0, Vec::len)
    );

    // 1. Same points on every leaf.
    let mut compared = 0;
    for seed in 0..CHECKS {
        let ev = synth::evidence(&rs, 1_000_000 + seed);
        let card = evaluate(&rs, &ev).expect("par-index evaluates");
        let res = zen(Variable::from(jdm::input(&rs, &ev)), false).result;
        for (code, id) in &leaves {
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
    println!("check: {CHECKS} evidence files, {compared} leaf points, all equal");

    // 2. Timings.
    let pool: Vec<Evidence> = (0..POOL as u64).map(|s| synth::evidence(&rs, s)).collect();
    let totals: Vec<Decimal> = pool
        .iter()
        .map(|ev| evaluate(&rs, ev).unwrap().total.points)
        .collect();
    let zen_in: Vec<Variable> = pool
        .iter()
        .map(|ev| Variable::from(jdm::input(&rs, ev)))
        .collect();
    let ours_json: Vec<String> = pool.iter().map(|ev| ev.to_json_string().unwrap()).collect();
    let zen_json: Vec<String> = pool
        .iter()
        .map(|ev| jdm::input(&rs, ev).to_string())
        .collect();
    let leaf0 = format!("points.{}", leaves[0].1);

    let mut rows = Vec::new();
    let mut pair = |mode: &str, ours: &mut dyn FnMut(usize), theirs: &mut dyn FnMut(usize)| {
        let (a, ac) = median_ns(ours);
        let (b, bc) = median_ns(theirs);
        println!(
            "{mode:<26} par-index {:>8.2} µs ({:>7.2} on CPU)   zen-engine {:>8.2} µs ({:>7.2} on CPU)   ratio {:>5.1}× ({:>5.1}× on CPU)",
            a / 1e3,
            ac / 1e3,
            b / 1e3,
            bc / 1e3,
            b / a,
            bc / ac
        );
        rows.push((mode.to_string(), a, b));
    };
    pair(
        "pure evaluation",
        &mut |i| {
            let card = evaluate(black_box(&rs), black_box(&pool[i % POOL])).unwrap();
            assert_eq!(card.total.points, totals[i % POOL]);
        },
        &mut |i| {
            let r = zen(black_box(zen_in[i % POOL].clone()), false);
            assert!(r.result.dot(&leaf0).is_some());
        },
    );
    pair(
        "pure, numbers only",
        &mut |i| {
            let points = evaluate_points(black_box(&rs), black_box(&pool[i % POOL])).unwrap();
            assert_eq!(points.total, totals[i % POOL]);
        },
        &mut |i| {
            let r = zen(black_box(zen_in[i % POOL].clone()), false);
            assert!(r.result.dot(&leaf0).is_some());
        },
    );
    pair(
        "end to end (JSON → JSON)",
        &mut |i| {
            let ev = Evidence::from_json_str(black_box(&ours_json[i % POOL])).unwrap();
            let card = evaluate(&rs, &ev).unwrap();
            assert_eq!(card.total.points, totals[i % POOL]);
            black_box(card.to_json_string().unwrap());
        },
        &mut |i| {
            let input: Variable = serde_json::from_str(black_box(&zen_json[i % POOL])).unwrap();
            let r = zen(input, false);
            assert!(r.result.dot(&leaf0).is_some());
            black_box(serde_json::to_string(&r.result).unwrap());
        },
    );
    pair(
        "explanation/trace on",
        &mut |i| {
            let card = evaluate(black_box(&rs), black_box(&pool[i % POOL])).unwrap();
            assert_eq!(card.total.points, totals[i % POOL]);
            black_box(render_text(&card));
        },
        &mut |i| {
            let r = zen(black_box(zen_in[i % POOL].clone()), true);
            assert!(r.result.dot(&leaf0).is_some() && r.trace.is_some());
            black_box(serde_json::to_string(&r.trace).unwrap());
        },
    );
    let (a, b): (f64, f64) = rows.iter().fold((0.0, 0.0), |(x, y), r| (x + r.1, y + r.2));
    println!(
        "sum of medians: par-index {:.2} µs, zen-engine {:.2} µs, ratio {:.1}×",
        a / 1e3,
        b / 1e3,
        b / a
    );
}

/// Median time of one call in ns: 31 samples, each long enough (≥ 20 ms) to time well.
/// Returns the wall-clock median and the on-CPU median (from `/proc/thread-self/schedstat`,
/// which leaves out the time spent waiting for a core on a loaded machine; 0 where missing).
fn median_ns(f: &mut dyn FnMut(usize)) -> (f64, f64) {
    let mut i = 0;
    // warm up and size the samples
    let start = Instant::now();
    let mut n = 0usize;
    while start.elapsed().as_millis() < 200 {
        f(i);
        i += 1;
        n += 1;
    }
    let per_sample = (n / 10).max(1);
    let (mut wall, mut cpu): (Vec<f64>, Vec<f64>) = (0..31)
        .map(|_| {
            let (t, c) = (Instant::now(), on_cpu_ns());
            for _ in 0..per_sample {
                f(i);
                i += 1;
            }
            let wall = t.elapsed().as_nanos() as f64 / per_sample as f64;
            (wall, (on_cpu_ns() - c) as f64 / per_sample as f64)
        })
        .unzip();
    wall.sort_by(f64::total_cmp);
    cpu.sort_by(f64::total_cmp);
    (wall[wall.len() / 2], cpu[cpu.len() / 2])
}

/// Nanoseconds this thread has run on a CPU.
fn on_cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|v| v.parse().ok()))
        .unwrap_or(0)
}
