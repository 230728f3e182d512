//! The batch scaling ratios of this run, from criterion's estimates: n units on 2 threads
//! against (n × one unit) ÷ 2, and 1 thread against 2.

use std::path::Path;
use std::time::SystemTime;

/// A bench: (group, function).
type Bench = (&'static str, &'static str);

/// (what, units, one unit's bench, the batch on 1 thread, on 2 threads).
const ROWS: [(&str, usize, Bench, Bench, Bench); 4] = [
    (
        "evaluate_points",
        super::BATCH,
        ("batch_unit", "points"),
        ("batch_10k", "points_1_thread"),
        ("batch_10k", "points_2_threads"),
    ),
    (
        "score_batch (scorecards, rankings, summaries)",
        super::BATCH,
        ("batch_unit", "appraised"),
        ("batch_ranked", "score_batch_1_thread"),
        ("batch_ranked", "score_batch_2_threads"),
    ),
    (
        "score_batch_to_writer (the same, JSON Lines into a sink)",
        super::BATCH,
        ("batch_unit", "appraised"),
        ("batch_ranked", "streamed_1_thread"),
        ("batch_ranked", "streamed_2_threads"),
    ),
    (
        "evaluate_appraised, two rounds",
        super::APPRAISED,
        ("batch_unit", "appraised_rounds"),
        ("batch_ranked", "appraised_1_thread"),
        ("batch_ranked", "appraised_2_threads"),
    ),
];

/// The median time of one iteration in ns, from `<dir>/<group>/<function>/new/estimates.json`;
/// `None` when missing or older than `since` (not run this time).
fn median_ns(dir: &Path, (group, function): Bench, since: SystemTime) -> Option<f64> {
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

/// Prints the ratios as a Markdown table (targets: ≤ 1.2 and ≥ 1.8).
pub(crate) fn print(dir: &Path, since: SystemTime) {
    let ms = |ns: Option<f64>| ns.map_or("not run".to_string(), |ns| format!("{:.1} ms", ns / 1e6));
    println!();
    println!("batch scaling, medians of this run ({}):", dir.display());
    println!();
    println!(
        "| batch | units | one unit | ideal on 2 threads | 1 thread | 2 threads | 2 threads ÷ ideal (≤ 1.2) | 1 → 2 threads (≥ 1.8) |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    for (what, units, unit, one, two) in ROWS {
        let unit = median_ns(dir, unit, since);
        let ideal = unit.map(|u| u * units as f64 / 2.0);
        let (one, two) = (median_ns(dir, one, since), median_ns(dir, two, since));
        let ratio = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (Some(a), Some(b)) => format!("**{:.2}**", a / b),
            _ => "–".to_string(),
        };
        let unit_us = unit.map_or("not run".to_string(), |u| format!("{:.1} µs", u / 1e3));
        println!(
            "| {what} | {units} | {unit_us} | {} | {} | {} | {} | {} |",
            ms(ideal),
            ms(one),
            ms(two),
            ratio(two, ideal),
            ratio(one, two)
        );
    }
}
