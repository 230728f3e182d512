//! The criteria sets bundled with the crate, embedded at build time from `criteria/`.

use crate::error::Error;
use crate::model::{NoSetInForce, UnitLevel};
use crate::ruleset::RuleSet;

include!(concat!(env!("OUT_DIR"), "/builtin.rs"));

/// The TOML text of a bundled set, by id.
pub(crate) fn builtin_text(id: &str) -> Option<&'static str> {
    BUILTIN
        .iter()
        .find(|(i, _)| *i == id)
        .map(|(_, text)| *text)
}

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

    /// The bundled set in force for units of `level` in the assessment `year` (bộ tiêu chí
    /// áp dụng): the set of that level whose years contain the year; when several do, the one
    /// whose years start latest (the most recent decision).
    ///
    /// # Errors
    /// [`NoSetInForce`] naming every bundled set considered, with its level and years, when
    /// none applies (a district in 2025: the level was abolished on 1/7/2025).
    ///
    /// # Example
    /// ```
    /// use par_index::{RuleSet, criteria::UnitLevel};
    /// let rs = RuleSet::builtin_for(UnitLevel::Province, 2024)?;
    /// assert_eq!(rs.id(), "bnv-892-2024-province");
    /// let none = RuleSet::builtin_for(UnitLevel::District, 2026).unwrap_err();
    /// assert!(none.to_string().contains("`vn-district-2023` (district, 2023–2024)"));
    /// # Ok::<(), par_index::criteria::NoSetInForce>(())
    /// ```
    pub fn builtin_for(level: UnitLevel, year: u16) -> Result<RuleSet, NoSetInForce> {
        let sets: Vec<RuleSet> = BUILTIN
            .iter()
            .filter_map(|(_, text)| RuleSet::from_toml_str(text).ok())
            .collect();
        let best = sets
            .iter()
            .filter(|rs| rs.level() == level && rs.def().years.contains(year))
            .max_by_key(|rs| rs.def().years.from)
            .cloned();
        best.ok_or_else(|| NoSetInForce {
            level,
            year,
            considered: sets
                .iter()
                .map(|rs| (rs.id().to_string(), rs.level(), rs.def().years.to_string()))
                .collect(),
        })
    }
}
