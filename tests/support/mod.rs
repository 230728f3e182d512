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
