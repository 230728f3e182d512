//! Opening a rule set: TOML text or a file, parsed ([`crate::load`]) then validated
//! ([`crate::validate`]) into a [`RuleSet`]. The one place that joins the two steps, so that
//! neither imports the other back.

use std::path::Path;

use crate::error::LoadError;
use crate::limits::Limits;
use crate::load::{parse_toml, sort_issues, too_large, utf8};
use crate::ruleset::RuleSet;
use crate::validate::validate_with_lines;

impl RuleSet {
    /// Reads and validates a rule set from TOML text.
    ///
    /// # Errors
    /// [`LoadError::Syntax`] for malformed TOML; [`LoadError::Invalid`] with every problem
    /// found (path, line and message) otherwise.
    pub fn from_toml_str(text: &str) -> Result<RuleSet, LoadError> {
        ruleset_from_toml(text, &Limits::default())
    }

    /// [`RuleSet::from_toml_str`] with custom [`Limits`].
    ///
    /// # Errors
    /// As [`RuleSet::from_toml_str`], and [`IssueCode::Limit`](crate::IssueCode::Limit) issues
    /// for what passes the limits.
    pub fn from_toml_str_with_limits(text: &str, limits: &Limits) -> Result<RuleSet, LoadError> {
        ruleset_from_toml(text, limits)
    }

    /// Reads and validates a rule set from a `ruleset.toml` file, or from a folder holding one
    /// (`criteria/<id>/`).
    ///
    /// # Errors
    /// [`LoadError::Io`] when the file cannot be read; otherwise as
    /// [`RuleSet::from_toml_str`], with the file named.
    pub fn from_path(path: impl AsRef<Path>) -> Result<RuleSet, LoadError> {
        ruleset_from_path(path.as_ref(), &Limits::default())
    }
}

/// Parses and validates TOML text into a [`RuleSet`].
pub(crate) fn ruleset_from_toml(text: &str, limits: &Limits) -> Result<RuleSet, LoadError> {
    let (def, lines, mut issues) = parse_toml(text, limits)?;
    match validate_with_lines(def, Some(&lines), limits) {
        Ok(rs) if issues.is_empty() => Ok(rs),
        Ok(_) => {
            sort_issues(&mut issues);
            Err(LoadError::Invalid { file: None, issues })
        }
        Err(more) => {
            issues.extend(more);
            sort_issues(&mut issues);
            Err(LoadError::Invalid { file: None, issues })
        }
    }
}

/// Reads a rule set from a `ruleset.toml` file, or from a folder that holds one.
pub(crate) fn ruleset_from_path(path: &Path, limits: &Limits) -> Result<RuleSet, LoadError> {
    let file = if path.is_dir() {
        path.join("ruleset.toml")
    } else {
        path.to_path_buf()
    };
    let bytes = crate::limits::read_bounded(&file, limits.max_file_bytes).map_err(|source| {
        LoadError::Io {
            file: file.clone(),
            source,
        }
    })?;
    let bytes = bytes.map_err(|n| too_large(&n.to_string(), limits).with_file(file.clone()))?;
    let text = utf8(bytes).map_err(|e| e.with_file(file.clone()))?;
    ruleset_from_toml(&text, limits).map_err(|e| e.with_file(file))
}
