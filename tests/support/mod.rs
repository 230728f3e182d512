//! Helpers shared by integration tests (`mod support;`).

#![allow(dead_code, reason = "each test crate uses some of the helpers")]

use par_index::RuleSet;
use par_index::criteria::LoadError;

/// The TOML of a one-leaf district set: area `1` is the leaf, with this max (also the scale)
/// and rule (a TOML inline table).
pub(crate) fn one_leaf_toml(max: &str, rule: &str) -> String {
    format!(
        r#"
id = "one-leaf"
title = "One leaf"
level = "district"
years = {{ from = 2023 }}
scale = "{max}"
document = {{ number = "01" }}
[[areas]]
code = "1"
title = "Leaf"
max = "{max}"
provenance = {{ document = "01", verified = false }}
rule = {rule}
"#
    )
}

/// The one-leaf set of [`one_leaf_toml`], loaded.
pub(crate) fn one_leaf(max: &str, rule: &str) -> Result<RuleSet, LoadError> {
    RuleSet::from_toml_str(&one_leaf_toml(max, rule))
}

/// Checks each change's effect against a scorecard: the appraisal cut to the rounds before the
/// change, plus one round with that change alone, scored in full (`evaluate_appraised`), must
/// give the effect's `after` values: the leaf's (or item's) points, its area's points and
/// index, and the total. The effects are computed from numbers only; this ties them to the
/// scorecards. Returns how many changes were checked.
pub(crate) fn assert_effects_match_scorecards(
    rs: &RuleSet,
    ev: &par_index::Evidence,
    appraisal: &par_index::assessment::Appraisal,
) -> usize {
    use par_index::assessment::{Appraisal, Round, evaluate_appraised};
    let card = evaluate_appraised(rs, ev, appraisal).unwrap_or_else(|e| panic!("{e}"));
    let mut effects = card.changes.iter();
    let mut checked = 0;
    for (at, round) in appraisal.rounds.iter().enumerate() {
        for (code, change) in &round.changes {
            let mut rounds: Vec<Round> = appraisal.rounds.iter().take(at).cloned().collect();
            rounds.push(Round {
                changes: [(code.clone(), change.clone())].into(),
                ..round.clone()
            });
            let alone = Appraisal {
                rounds,
                ..appraisal.clone()
            };
            let full = evaluate_appraised(rs, ev, &alone).unwrap_or_else(|e| panic!("{e}"));
            let after = full.final_card();
            let effect = effects
                .next()
                .unwrap_or_else(|| panic!("no effect for {code}"));
            assert_eq!(
                (effect.round, effect.code.as_str()),
                (round.round, code.as_str())
            );
            match after
                .adjusted
                .as_ref()
                .and_then(|a| a.item(code).map(|i| (a, i)))
            {
                Some((adjusted, item)) => {
                    let counted = match effect.area.as_str() {
                        "bonus" => adjusted.bonus.counted,
                        _ => adjusted.penalty.counted,
                    };
                    assert_eq!(
                        (effect.leaf.after, effect.area_points.after),
                        (item.points, counted),
                        "{code}"
                    );
                    assert_eq!(
                        (effect.total_points.after, effect.total_index.after),
                        (adjusted.total.points, adjusted.total.index),
                        "{code}"
                    );
                }
                None => {
                    let node =
                        |c: &str| after.node(c).unwrap_or_else(|| panic!("no node {c}")).score;
                    let area = node(&effect.area);
                    assert_eq!(effect.leaf.after, node(code).points, "{code}");
                    assert_eq!(
                        (effect.area_points.after, effect.area_index.after),
                        (area.points, area.index),
                        "{code}"
                    );
                    assert_eq!(
                        (effect.total_points.after, effect.total_index.after),
                        (after.total.points, after.total.index),
                        "{code}"
                    );
                }
            }
            checked += 1;
        }
    }
    assert!(effects.next().is_none(), "more effects than changes");
    checked
}
