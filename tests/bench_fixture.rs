//! The benchmark fixture validates, its synthetic evidence scores, and `evaluate_points`
//! gives the numbers of `evaluate` on it.

use par_index::{RuleSet, evaluate, scoring::evaluate_points};

#[path = "../benches/support/synth.rs"]
#[allow(dead_code, unreachable_pub, reason = "shared with the benches")]
mod synth;

#[test]
fn points_match_the_scorecard_on_the_bench_fixture() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/benches/data/district-100.toml"
    );
    let rs = RuleSet::from_path(path).unwrap();
    assert_eq!(rs.leaf_codes().count(), 100);
    for seed in 0..200 {
        let ev = synth::evidence(&rs, seed);
        let card = evaluate(&rs, &ev).unwrap();
        let points = evaluate_points(&rs, &ev).unwrap();
        assert!(card.findings.is_empty(), "seed {seed}: full evidence");
        assert_eq!(points.total, card.total.points, "seed {seed}");
        assert_eq!(points.applicable_max, card.total.applicable_max);
        assert_eq!(points.index, card.total.index);
        assert_eq!(points.nodes.len(), card.nodes.len());
        for (p, n) in points.nodes.iter().zip(&card.nodes) {
            assert_eq!(p.points, n.score.points, "seed {seed}, node {}", n.code);
            assert_eq!(p.applicable_max, n.score.applicable_max);
            assert_eq!(p.status, n.status);
        }
    }
}
