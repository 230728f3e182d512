//! Criterion benchmarks of the engine: load + validate of every rule set (and of the fixture
//! against an untyped TOML parse, and at 100, 1,000 and 10,000 leaves), one ~100-leaf unit,
//! a batch of 10,000 units on one and on two threads, and the audit and gap analysis of one
//! unit (the Duyên Hải sample under the bundled district set, and the 100-leaf fixture).
//!
//! Batches: `evaluate_points` over 10,000 units, `score_batch` (scorecards, rankings,
//! summaries) held and streamed, `evaluate_appraised` with two rounds over 2,000 units, each
//! on 1 and 2 threads, beside one unit of each (`batch_unit`). Before criterion runs, the peak
//! memory of a 10,000-unit `score_batch`, held and streamed, is measured (bytes per unit);
//! after it, the scaling ratios of this run are printed (`support/batch_report.rs`).
//!
//! Rule sets: the benchmark fixture `benches/data/district-100.toml` (100 leaves, all eight
//! rule kinds) and every `criteria/*/ruleset.toml` that exists. Evidence is synthetic and
//! seeded (`benches/support/synth.rs`). Every iteration checks its result.
//!
//! ```text
//! cargo bench --bench engine
//! ```
#![allow(missing_docs, reason = "a benchmark binary")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::print_stdout,
    clippy::float_arithmetic,
    clippy::cast_precision_loss,
    reason = "a benchmark binary"
)]

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group};
use par_index::{
    Decimal, Evidence, RuleSet, Scorecard, analysis::audit, analysis::gaps, assessment::Appraisal,
    assessment::Batch, assessment::BatchEntry, assessment::BatchOptions,
    assessment::evaluate_appraised, assessment::score_batch_to_writer,
    assessment::score_batch_with, criteria::Limits, evaluate, scoring::evaluate_points,
};

#[path = "support/synth.rs"]
#[allow(
    dead_code,
    reason = "shared with benches/vs-zen, which uses more of it"
)]
mod synth;

#[path = "support/batch_report.rs"]
mod ratios;

#[path = "support/batch_memory.rs"]
mod memory;

const FIXTURE: &str = "benches/data/district-100.toml";
/// Units in a batch.
const BATCH: usize = 10_000;
/// Units in the batch of appraisals with two rounds.
const APPRAISED: usize = 2_000;
/// Distinct evidence files in a batch, each scored BATCH / POOL times (keeps memory small).
const POOL: usize = 1_000;
/// Distinct evidence files in the in-cache variant of the batch.
const SMALL_POOL: usize = 100;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The fixture, then every `criteria/*/ruleset.toml`, as (name, TOML text).
fn rule_sets() -> Vec<(String, String)> {
    let mut out = vec![(
        "bench-district-100".to_string(),
        read(&root().join(FIXTURE)),
    )];
    let mut found: Vec<PathBuf> = std::fs::read_dir(root().join("criteria"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("ruleset.toml"))
        .filter(|p| p.is_file())
        .collect();
    found.sort();
    for p in found {
        let name = p
            .parent()
            .and_then(Path::file_name)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        out.push((name, read(&p)));
    }
    out
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn total(card: &Scorecard) -> Decimal {
    card.total.points
}

fn load_validate(c: &mut Criterion) {
    let mut g = c.benchmark_group("load_validate");
    for (name, text) in rule_sets() {
        let leaves = RuleSet::from_toml_str(&text).unwrap().leaf_codes().count();
        g.bench_function(&name, |b| {
            b.iter(|| {
                let rs = RuleSet::from_toml_str(black_box(&text)).unwrap();
                assert_eq!(rs.leaf_codes().count(), leaves);
                rs
            });
        });
    }
    g.finish();
}

/// The fixture's areas `copies` times over, each copy's codes prefixed with its number
/// (`3.` + `1.2.1`), and its scale and parts multiplied to match: `copies` × 100 leaves.
fn scaled(text: &str, copies: usize) -> String {
    let (header, body) = text.split_at(text.find("[[areas]]").unwrap());
    let mut out = header
        .replace("scale = \"100\"", &format!("scale = \"{}\"", 100 * copies))
        .replace(
            "parts = { appraised = \"70\", survey = \"30\" }",
            &format!(
                "parts = {{ appraised = \"{}\", survey = \"{}\" }}",
                70 * copies,
                30 * copies
            ),
        );
    for k in 1..=copies {
        out.push_str(&body.replace("code = \"", &format!("code = \"{k}.")));
    }
    out
}

/// Load + validate against parsing the same text into an untyped `toml::Table` (100 leaves),
/// and load + validate at 100, 1,000 and 10,000 leaves; prints the ratio and the exponent of
/// the time against the number of leaves (least squares on the logarithms).
fn load_scaling(c: &mut Criterion) {
    let since = std::time::SystemTime::now();
    let fixture = read(&root().join(FIXTURE));
    let mut g = c.benchmark_group("load_scaling");
    let sizes = [1, 10, 100];
    // 10,000 leaves are 12,500 nodes with their parents: past the default `max_nodes`.
    let limits = Limits {
        max_nodes: 20_000,
        ..Limits::default()
    };
    for copies in sizes {
        let text = scaled(&fixture, copies);
        let leaves = 100 * copies;
        let load = |t: &str| RuleSet::from_toml_str_with_limits(t, &limits).unwrap();
        assert_eq!(load(&text).leaf_codes().count(), leaves);
        g.sample_size(if copies == 100 { 10 } else { 50 });
        g.bench_function(format!("toml_table/{leaves}"), |b| {
            b.iter(|| {
                let t: toml::Table = black_box(&text).parse().unwrap();
                assert_eq!(t.len(), 10);
                t
            });
        });
        g.bench_function(format!("load_validate/{leaves}"), |b| {
            b.iter(|| load(black_box(&text)));
        });
    }
    g.finish();
    let median = |f: &str| criterion_median(&format!("load_scaling/{f}"), since);
    let (Some(toml), Some(load)) = (median("toml_table/100"), median("load_validate/100")) else {
        return;
    };
    println!(
        "load + validate ÷ untyped TOML parse, 100 leaves: {:.2}×",
        load / toml
    );
    for (what, f) in [
        ("load + validate", "load_validate"),
        ("toml::Table", "toml_table"),
    ] {
        let points: Vec<(f64, f64)> = sizes
            .iter()
            .filter_map(|k| {
                let t = median(&format!("{f}/{}", 100 * k))?;
                Some(((100.0 * *k as f64).ln(), t.ln()))
            })
            .collect();
        if points.len() == sizes.len() {
            println!("{what}: time ∝ leaves^{:.3}", slope(&points));
        }
    }
}

/// The least-squares slope of `points`.
fn slope(points: &[(f64, f64)]) -> f64 {
    let n = points.len() as f64;
    let (mx, my) = points
        .iter()
        .fold((0.0, 0.0), |(a, b), (x, y)| (a + x / n, b + y / n));
    let sxy: f64 = points.iter().map(|(x, y)| (x - mx) * (y - my)).sum();
    let sxx: f64 = points.iter().map(|(x, _)| (x - mx) * (x - mx)).sum();
    sxy / sxx
}

/// The median time in ns of criterion's bench `id` (`group/function/parameter`), from its
/// `estimates.json`, when this run wrote it (after `since`).
fn criterion_median(id: &str, since: std::time::SystemTime) -> Option<f64> {
    let dir = std::env::var_os("CRITERION_HOME").map_or_else(
        || {
            std::env::var_os("CARGO_TARGET_DIR")
                .map_or_else(|| root().join("target"), PathBuf::from)
                .join("criterion")
        },
        PathBuf::from,
    );
    let path = dir.join(id).join("new").join("estimates.json");
    let modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok()?;
    if modified < since {
        return None;
    }
    let estimates: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).ok()?).ok()?;
    estimates["median"]["point_estimate"].as_f64()
}

fn one_unit(c: &mut Criterion) {
    let mut g = c.benchmark_group("evaluate_one");
    for (name, text) in rule_sets() {
        let rs = RuleSet::from_toml_str(&text).unwrap();
        let ev = synth::evidence(&rs, 7);
        let expected = total(&evaluate(&rs, &ev).unwrap());
        g.bench_function(&name, |b| {
            b.iter(|| {
                let card = evaluate(black_box(&rs), black_box(&ev)).unwrap();
                assert_eq!(total(&card), expected);
                card
            });
        });
        // Numbers only: no scorecard text.
        g.bench_function(format!("{name}/points"), |b| {
            b.iter(|| {
                let points = evaluate_points(black_box(&rs), black_box(&ev)).unwrap();
                assert_eq!(points.total, expected);
                points
            });
        });
        // The same, with every leaf's explanation rendered to text.
        g.bench_function(format!("{name}/explained"), |b| {
            b.iter(|| {
                let card = evaluate(black_box(&rs), black_box(&ev)).unwrap();
                let text_len: usize = card
                    .nodes
                    .iter()
                    .filter_map(|n| n.leaf.as_ref())
                    .map(|l| l.explanation.to_string().len())
                    .sum();
                assert!(text_len > 0 && total(&card) == expected);
                text_len
            });
        });
        // End to end: evidence JSON text in, scorecard JSON text out.
        let json = ev.to_json_string().unwrap();
        g.bench_function(format!("{name}/json_in_json_out"), |b| {
            b.iter(|| {
                let ev = Evidence::from_json_str(black_box(&json)).unwrap();
                let card = evaluate(&rs, &ev).unwrap();
                assert_eq!(total(&card), expected);
                card.to_json_string().unwrap()
            });
        });
    }
    g.finish();
}

/// Scores `units` (cycling over `pool`) and returns the sum of the totals.
fn score_all(rs: &RuleSet, pool: &[Evidence], units: std::ops::Range<usize>) -> Decimal {
    units
        .map(|i| total(&evaluate(rs, &pool[i % pool.len()]).unwrap()))
        .sum()
}

/// [`score_all`] with [`evaluate_points`].
fn points_all(rs: &RuleSet, pool: &[Evidence], units: std::ops::Range<usize>) -> Decimal {
    units
        .map(|i| evaluate_points(rs, &pool[i % pool.len()]).unwrap().total)
        .sum()
}

fn batch(c: &mut Criterion) {
    let rs = RuleSet::from_toml_str(&read(&root().join(FIXTURE))).unwrap();
    let pool: Vec<Evidence> = (0..POOL as u64).map(|s| synth::evidence(&rs, s)).collect();
    let expected = score_all(&rs, &pool, 0..BATCH);
    let mut g = c.benchmark_group("batch_10k");
    g.throughput(Throughput::Elements(BATCH as u64));
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    g.bench_function("1_thread", |b| {
        b.iter(|| {
            let sum = score_all(black_box(&rs), black_box(&pool), 0..BATCH);
            assert_eq!(sum, expected);
        });
    });
    g.bench_function("2_threads", |b| {
        b.iter(|| {
            let sum = on_two_threads(|r| score_all(&rs, &pool, r));
            assert_eq!(sum, expected);
        });
    });
    g.bench_function("points_1_thread", |b| {
        b.iter(|| {
            let sum = points_all(black_box(&rs), black_box(&pool), 0..BATCH);
            assert_eq!(sum, expected);
        });
    });
    g.bench_function("points_2_threads", |b| {
        b.iter(|| {
            let sum = on_two_threads(|r| points_all(&rs, &pool, r));
            assert_eq!(sum, expected);
        });
    });
    // The same 10,000 units drawn from 100 distinct evidence files (about 4 MB, which stays
    // in cache) instead of 1,000 (about 40 MB, more than this machine's 32 MB L3): how much
    // of the batch time is waiting on memory.
    let small = &pool[..SMALL_POOL];
    let expected_small = points_all(&rs, small, 0..BATCH);
    g.bench_function("points_2_threads_100_files", |b| {
        b.iter(|| {
            let sum = on_two_threads(|r| points_all(&rs, small, r));
            assert_eq!(sum, expected_small);
        });
    });
    g.finish();
}

/// One unit's `evaluate_points`, `evaluate_appraised` without and with appraisal rounds:
/// the per-unit figures the batch ratios are computed against, in the same run.
fn batch_units(c: &mut Criterion) {
    let rs = RuleSet::from_toml_str(&read(&root().join(FIXTURE))).unwrap();
    let ev = synth::evidence(&rs, 7);
    let rounds = appraisal(&rs);
    let mut g = c.benchmark_group("batch_unit");
    let expected = evaluate_points(&rs, &ev).unwrap().total;
    g.bench_function("points", |b| {
        b.iter(|| {
            evaluate_points(black_box(&rs), black_box(&ev))
                .unwrap()
                .total
                == expected
        })
    });
    let none = Appraisal::default();
    for (name, a) in [("appraised", &none), ("appraised_rounds", &rounds)] {
        let expected = evaluate_appraised(&rs, &ev, a).unwrap().total.points;
        g.bench_function(name, |b| {
            b.iter(|| {
                let card = evaluate_appraised(black_box(&rs), black_box(&ev), a).unwrap();
                assert_eq!(card.total.points, expected);
                card
            });
        });
    }
    g.finish();
}

/// Two appraisal rounds over the fixture: round 1 sets the first two leaves to 0 points,
/// round 2 the third (each with a reason).
fn appraisal(rs: &RuleSet) -> Appraisal {
    let codes: Vec<&str> = rs.leaf_codes().take(3).collect();
    let change =
        |code: &str| format!(r#""{code}": {{ "points": "0", "reason": "thiếu tài liệu" }}"#);
    Appraisal::from_json_str(&format!(
        r#"{{ "rounds": [ {{ "round": 1, "changes": {{ {}, {} }} }},
                          {{ "round": 2, "changes": {{ {} }} }} ] }}"#,
        change(codes[0]),
        change(codes[1]),
        change(codes[2])
    ))
    .unwrap()
}

/// 10,000 units named apart, drawn from the pool, each with `appraisal`.
fn batch_of(pool: &[Evidence], appraisal: &Appraisal) -> Batch {
    Batch {
        ruleset: None,
        units: (0..BATCH)
            .map(|i| {
                let mut evidence = pool[i % pool.len()].clone();
                evidence.unit.name = format!("Đơn vị {i}");
                BatchEntry {
                    evidence,
                    appraisal: appraisal.clone(),
                    group: None,
                }
            })
            .collect(),
        groups: Vec::new(),
    }
}

fn threads(n: usize) -> BatchOptions {
    BatchOptions {
        threads: std::num::NonZeroUsize::new(n),
    }
}

/// `score_batch` (every unit's scorecard with its appraisal, here none; the ranking, the area
/// rankings and the per-class summaries) on 1 and 2 threads, held and streamed to a sink;
/// `evaluate_appraised` with two rounds over 2,000 units on 1 and 2 threads.
fn batch_ranked(c: &mut Criterion) {
    let rs = RuleSet::from_toml_str(&read(&root().join(FIXTURE))).unwrap();
    let pool: Vec<Evidence> = (0..POOL as u64).map(|s| synth::evidence(&rs, s)).collect();
    let entries = batch_of(&pool, &Appraisal::default());
    let mut g = c.benchmark_group("batch_ranked");
    g.throughput(Throughput::Elements(BATCH as u64));
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    for n in [1, 2] {
        let threads_name = if n == 1 { "1_thread" } else { "2_threads" };
        // The held result (870 MB for 10,000 units) is dropped outside the timing, as a
        // caller that writes it out drops it later: its drop is one thread freeing millions of
        // allocations, about a fifth of the time otherwise (perf).
        g.bench_function(format!("score_batch_{threads_name}"), |b| {
            b.iter_with_large_drop(|| {
                let result = score_batch_with(black_box(&rs), &entries, &threads(n)).unwrap();
                assert_eq!(result.ranking.rows.len(), BATCH);
                result
            });
        });
        g.bench_function(format!("streamed_{threads_name}"), |b| {
            b.iter(|| {
                let out = std::io::sink();
                let result = score_batch_to_writer(&rs, &entries, &threads(n), out).unwrap();
                assert_eq!(result.ranking.rows.len(), BATCH);
                result
            });
        });
    }
    let rounds = appraisal(&rs);
    let appraise = |r: std::ops::Range<usize>| -> Decimal {
        r.map(|i| {
            let ev = &pool[i % POOL];
            evaluate_appraised(&rs, ev, &rounds).unwrap().total.points
        })
        .sum()
    };
    // Seven scorecards per unit (the self-assessment, three changes alone, two rounds): a
    // batch of APPRAISED units keeps the bench within minutes.
    let expected = appraise(0..APPRAISED);
    g.throughput(Throughput::Elements(APPRAISED as u64));
    g.bench_function("appraised_1_thread", |b| {
        b.iter(|| assert_eq!(appraise(0..APPRAISED), expected));
    });
    g.bench_function("appraised_2_threads", |b| {
        b.iter(|| {
            let half = APPRAISED / 2;
            let sum = std::thread::scope(|s| {
                let a = s.spawn(|| appraise(0..half));
                appraise(half..APPRAISED) + a.join().unwrap()
            });
            assert_eq!(sum, expected);
        });
    });
    g.finish();
}

/// Splits `0..BATCH` in two halves, one on a scoped thread and one on this thread.
fn on_two_threads(f: impl Fn(std::ops::Range<usize>) -> Decimal + Sync) -> Decimal {
    let half = BATCH / 2;
    std::thread::scope(|s| {
        let a = s.spawn(|| f(0..half));
        let b = f(half..BATCH);
        a.join().unwrap() + b
    })
}

/// Audit (figures recomputed) and gap analysis (the smallest evidence change per leaf) of
/// one unit.
fn analysis(c: &mut Criterion) {
    let mut g = c.benchmark_group("analysis");
    let sample_set = RuleSet::builtin("vn-district-2023").unwrap();
    let sample =
        Evidence::from_json_str(&read(&root().join("examples/data/duyen-hai-2023-q3.json")))
            .unwrap();
    let findings = audit(&sample_set, &sample).unwrap().findings.len();
    g.bench_function("audit/duyen-hai-2023-q3", |b| {
        b.iter(|| {
            let report = audit(black_box(&sample_set), black_box(&sample)).unwrap();
            assert_eq!(report.findings.len(), findings);
            report
        });
    });
    let fixture = RuleSet::from_toml_str(&read(&root().join(FIXTURE))).unwrap();
    let synthetic = synth::evidence(&fixture, 7);
    for (name, rs, ev) in [
        ("gaps/duyen-hai-2023-q3", &sample_set, &sample),
        ("gaps/bench-district-100", &fixture, &synthetic),
    ] {
        let leaves = gaps(rs, ev).unwrap().leaves.len();
        g.bench_function(name, |b| {
            b.iter(|| {
                let report = gaps(black_box(rs), black_box(ev)).unwrap();
                assert_eq!(report.leaves.len(), leaves);
                report
            });
        });
    }
    g.finish();
}

criterion_group!(
    benches,
    load_validate,
    load_scaling,
    one_unit,
    batch,
    batch_units,
    batch_ranked,
    analysis
);

fn main() {
    // Before this run writes any estimates: older ones are from an earlier run.
    let since = std::time::SystemTime::now();
    let memory = memory::report(&root().join(FIXTURE));
    benches();
    Criterion::default().configure_from_args().final_summary();
    ratios::print(&criterion_dir(), since);
    println!("{}", memory::describe(&memory));
}

/// Where criterion writes its estimates: `$CRITERION_HOME`, else `<target dir>/criterion`.
fn criterion_dir() -> PathBuf {
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root().join("target"), PathBuf::from);
    std::env::var_os("CRITERION_HOME").map_or_else(|| target.join("criterion"), PathBuf::from)
}
