//! The criteria sets bundled with the crate, embedded at build time from `criteria/`.

use crate::error::Error;
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

    /// A bundled criteria set by id, parsed and validated.
    ///
    /// # Errors
    /// [`Error::UnknownSet`], naming the ids known, when no bundled set has this id. The
    /// bundled sets are validated by the crate's tests, so a known id gives a set.
    ///
    /// # Example
    /// ```
    /// let rs = par_index::RuleSet::builtin("ca-mau-1880-2013")?;
    /// assert_eq!(rs.scale().to_string(), "20");
    /// # Ok::<(), par_index::Error>(())
    /// ```
    pub fn builtin(id: &str) -> Result<RuleSet, Error> {
        let Some((_, text)) = BUILTIN.iter().find(|(i, _)| *i == id) else {
            return Err(Error::UnknownSet {
                id: id.to_string(),
                known: Self::builtin_ids().into_iter().map(String::from).collect(),
            });
        };
        Ok(RuleSet::from_toml_str(text)?)
    }
}
