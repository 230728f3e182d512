//! The criteria sets bundled with the crate, embedded at build time from `criteria/`.

use crate::ruleset::RuleSet;

include!(concat!(env!("OUT_DIR"), "/builtin.rs"));

impl RuleSet {
    /// The ids of the bundled criteria sets (the folder names under `criteria/`), sorted.
    ///
    /// # Example
    /// ```
    /// assert!(par_index::RuleSet::builtin_ids().contains(&"ca-mau-1880-2013"));
    /// ```
    #[must_use]
    pub fn builtin_ids() -> Vec<&'static str> {
        BUILTIN.iter().map(|(id, _)| *id).collect()
    }

    /// A bundled criteria set by id, parsed and validated; `None` when there is no such set.
    ///
    /// The bundled sets are validated by the crate's tests, so a known id always gives a set.
    ///
    /// # Example
    /// ```
    /// let rs = par_index::RuleSet::builtin("ca-mau-1880-2013").unwrap();
    /// assert_eq!(rs.scale().to_string(), "20");
    /// ```
    #[must_use]
    pub fn builtin(id: &str) -> Option<RuleSet> {
        let (_, text) = BUILTIN.iter().find(|(i, _)| *i == id)?;
        RuleSet::from_toml_str(text).ok()
    }
}
