//! What every target asserts: errors name a path, accepted inputs score within their bounds,
//! serializable results read back equal. Shared by the targets with `mod common;`.
#![allow(dead_code, reason = "each target uses part of it")]

use std::fmt::Debug;
use std::sync::OnceLock;

use par_index::{assessment::AppraisedScorecard, assessment::CycleError, Decimal, scoring::EvalError, evidence::EvidenceError, report::Lang, RuleSet, Scorecard};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The rule sets the targets score against, picked by the input's first byte: the test
/// fixtures (every rule kind, the appraisal cycle, a published province set) and two bundled
/// sets.
pub fn sets() -> &'static [RuleSet] {
    static SETS: OnceLock<Vec<RuleSet>> = OnceLock::new();
    SETS.get_or_init(|| {
        let mut v: Vec<RuleSet> = [
            include_str!("../../../tests/fixtures/all-kinds.toml"),
            include_str!("../../../tests/fixtures/cycle.toml"),
            include_str!("../../../tests/fixtures/par-2012.toml"),
        ]
        .iter()
        .map(|t| RuleSet::from_toml_str(t).expect("fixture loads"))
        .collect();
        for id in ["vn-district-2023", "vn-commune-2025"] {
            v.push(RuleSet::builtin(id).expect("bundled set loads"));
        }
        v
    })
}

/// Splits the input into the set its first byte picks and the rest as UTF-8 text.
pub fn pick(data: &[u8]) -> Option<(&'static RuleSet, &str)> {
    let (&first, rest) = data.split_first()?;
    let sets = sets();
    let rs = sets.get(usize::from(first) % sets.len())?;
    Some((rs, std::str::from_utf8(rest).ok()?))
}

/// An evidence error says where: a non-empty message that shows its path.
pub fn evidence_error(e: &EvidenceError) {
    let text = e.to_string();
    assert!(
        !e.to_text(Lang::Vi).is_empty(),
        "an empty Vietnamese message"
    );
    assert!(!text.is_empty(), "empty message: {e:?}");
    match e {
        EvidenceError::Json { path, .. } | EvidenceError::Limit { path, .. } => {
            assert!(
                text.contains(&path.to_string()),
                "{text} does not show its path"
            );
        }
        _ => {}
    }
}

/// An evaluation error names each problem's path, and there is at least one.
pub fn eval_error(e: &EvalError) {
    let text = e.to_string();
    assert!(
        !e.to_text(Lang::Vi).is_empty(),
        "an empty Vietnamese message"
    );
    match e {
        EvalError::Evidence { issues } => {
            assert!(!issues.is_empty(), "an evidence error without a problem");
            for i in issues {
                assert!(
                    text.contains(&i.path.to_string()),
                    "{text} misses {}",
                    i.path
                );
            }
        }
        EvalError::Overflow { path } => assert!(text.contains(&path.to_string())),
    }
}

/// A cycle error names each problem's path, and there is at least one.
pub fn cycle_error(e: &CycleError) {
    let text = e.to_string();
    assert!(
        !e.to_text(Lang::Vi).is_empty(),
        "an empty Vietnamese message"
    );
    match e {
        CycleError::Invalid { issues } => {
            assert!(!issues.is_empty(), "a cycle error without a problem");
            for i in issues {
                assert!(
                    text.contains(&i.path.to_string()),
                    "{text} misses {}",
                    i.path
                );
            }
        }
        CycleError::Overflow { path } => assert!(text.contains(&path.to_string())),
    }
}

/// The lowest points of each node in tree order: a leaf's floor (below 0 only for a
/// deduction that declares it), rounded as the set rounds points, away from zero so that
/// rounding never takes a leaf under it; a parent, the sum of its leaves' floors.
fn floors(rs: &RuleSet) -> Vec<Decimal> {
    let nodes: Vec<_> = rs.nodes().collect();
    let places = rs.def().rounding.points;
    let leaf: Vec<Decimal> = nodes
        .iter()
        .map(|n| {
            let f = n.floor();
            f.round_dp_with_strategy(places, rust_decimal::RoundingStrategy::AwayFromZero)
        })
        .collect();
    (0..nodes.len())
        .map(|i| {
            let d = nodes[i].depth();
            let end = (i + 1..nodes.len())
                .find(|&j| nodes[j].depth() <= d)
                .unwrap_or(nodes.len());
            if end == i + 1 {
                leaf[i]
            } else {
                leaf[i + 1..end]
                    .iter()
                    .copied()
                    .filter(|f| f.is_sign_negative())
                    .sum()
            }
        })
        .collect()
}

/// Every node of a scorecard lies in `[floor, max]`, its applicable maximum in `[0, max]`;
/// the total too, and its index (when any) in `[floor share, 100]`.
pub fn card_in_bounds(rs: &RuleSet, card: &Scorecard) {
    let floors = floors(rs);
    assert_eq!(card.nodes.len(), floors.len(), "a node per node of the set");
    for (node, floor) in card.nodes.iter().zip(&floors) {
        let s = node.score;
        assert!(
            s.points <= s.max,
            "`{}` {} above max {}",
            node.code,
            s.points,
            s.max
        );
        assert!(
            s.points >= *floor,
            "`{}` {} below floor {floor}",
            node.code,
            s.points
        );
        assert!(s.applicable_max <= s.max && s.applicable_max >= Decimal::ZERO);
    }
    let total_floor: Decimal = floors
        .iter()
        .zip(rs.nodes())
        .filter(|(_, n)| n.depth() == 1)
        .map(|(f, _)| *f)
        .sum();
    let t = card.total;
    assert!(t.points <= t.max, "total {} above {}", t.points, t.max);
    assert!(
        t.points >= total_floor,
        "total {} below {total_floor}",
        t.points
    );
    assert!(t.applicable_max <= t.max && t.applicable_max >= Decimal::ZERO);
    if let Some(i) = t.index {
        assert!(i <= Decimal::ONE_HUNDRED, "index {i} above 100");
    }
}

/// Every card of an appraisal lies in its bounds; the final total adds up.
pub fn appraised_in_bounds(rs: &RuleSet, card: &AppraisedScorecard) {
    card_in_bounds(rs, &card.self_assessed);
    for round in &card.rounds {
        card_in_bounds(rs, round);
    }
    let t = &card.total;
    assert!(t.bonus >= Decimal::ZERO && t.penalty >= Decimal::ZERO);
    assert_eq!(
        t.areas,
        card.final_card().total.points,
        "areas = the final card's total"
    );
    // A total brought to the scale or to 0 keeps the sum it was brought from.
    let sum = t.clamped.map_or(t.points, |c| c.unclamped);
    assert_eq!(sum, t.areas + t.bonus - t.penalty, "areas + bonus − penalty");
}

/// Serializes, reads back, and gets the same value (the committed JSON schemas are checked
/// by `tests/roundtrip.rs`: `jsonschema` is too heavy a build for the fuzzer).
pub fn round_trip<T: Serialize + DeserializeOwned + PartialEq + Debug>(value: &T) {
    let text = serde_json::to_string(value).expect("a result serializes");
    let back: T = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("written result does not read back: {e}\n{text}"));
    assert_eq!(&back, value, "changed on the way back");
}

/// An imported annex writes as TOML; when that set loads (it may not: the report says what
/// the import could not read), an empty submission scores within its bounds and every leaf
/// is reported missing.
pub fn imported_scores(imported: &par_index_annex::Imported) {
    let toml = par_index_annex::to_toml(&imported.set).expect("an imported set writes as TOML");
    let rs = match RuleSet::from_toml_str(&toml) {
        Ok(rs) => rs,
        Err(e) => {
            for issue in e.issues() {
                assert!(
                    e.to_string().contains(&issue.path.to_string()),
                    "{e} misses {}",
                    issue.path
                );
            }
            return;
        }
    };
    let unit = format!(
        r#"{{"unit":{{"name":"X","level":"{}"}},"period":{{"year":{}}},"evidence":{{}}}}"#,
        rs.level(),
        rs.def().years.from
    );
    let ev = par_index::Evidence::from_json_str(&unit).expect("an empty submission reads");
    match par_index::evaluate(&rs, &ev) {
        Ok(card) => card_in_bounds(&rs, &card),
        Err(e) => eval_error(&e),
    }
}
