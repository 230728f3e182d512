//! Opening a rule set: TOML text or a file, parsed ([`crate::load`]) then validated
//! ([`crate::criteria::validate`]) into a [`RuleSet`]. The one place that joins the two steps, so that
//! neither imports the other back.

use std::path::Path;

use crate::error::{IssueCode, LoadError, ValidationIssue};
use crate::extend::{merge, name_origins};
use crate::limits::Limits;
use crate::load::{extends_another, parse_toml, sort_issues, too_large, utf8};
use crate::model::{ExtensionDef, RuleSetDef};
use crate::path::DataPath;
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
    /// As [`RuleSet::from_toml_str`], and [`IssueCode::Limit`](crate::criteria::IssueCode::Limit) issues
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

/// How many sets deep `extends` may go (framework → province → ward is 3).
const MAX_EXTENDS: usize = 8;

/// Parses and validates TOML text into a [`RuleSet`].
pub(crate) fn ruleset_from_toml(text: &str, limits: &Limits) -> Result<RuleSet, LoadError> {
    ruleset_from_toml_in(text, None, limits, 0)
}

/// [`ruleset_from_toml`] for the text of `file` (when known), `depth` sets down an `extends`
/// chain.
fn ruleset_from_toml_in(
    text: &str,
    file: Option<&Path>,
    limits: &Limits,
    depth: usize,
) -> Result<RuleSet, LoadError> {
    if extends_another(text, limits) {
        return extended(text, file, limits, depth);
    }
    let (def, lines, mut issues) = parse_toml::<RuleSetDef>(text, limits)?;
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

/// A set that extends another: the base found and loaded, the change merged, the whole
/// validated; issues about nodes name the file each node came from.
fn extended(
    text: &str,
    file: Option<&Path>,
    limits: &Limits,
    depth: usize,
) -> Result<RuleSet, LoadError> {
    let (ext, lines, mut issues) = parse_toml::<ExtensionDef>(text, limits)?;
    let (base, base_origin) = load_base(&ext.extends, file, limits, depth)?;
    let origin = file
        .and_then(Path::file_name)
        .map_or_else(|| ext.id.clone(), |n| n.to_string_lossy().into_owned());
    match merge(base, &base_origin, ext, &origin) {
        Ok(def) if issues.is_empty() => validate_merged(def, limits),
        Ok(_) => Err(invalid(issues)),
        Err(more) => {
            issues.extend(more.into_iter().map(|mut i| {
                i.line = lines.line_of(&i.path);
                i
            }));
            Err(invalid(issues))
        }
    }
}

fn validate_merged(def: RuleSetDef, limits: &Limits) -> Result<RuleSet, LoadError> {
    validate_with_lines(def.clone(), None, limits).map_err(|mut issues| {
        name_origins(&mut issues, &def);
        invalid(issues)
    })
}

fn invalid(mut issues: Vec<ValidationIssue>) -> LoadError {
    sort_issues(&mut issues);
    LoadError::Invalid { file: None, issues }
}

/// The set `id` extends, with the origin of its nodes: a file beside `file` (`<id>.toml` or
/// `<id>/ruleset.toml`) first, else a bundled set (`builtin:<id>`).
fn load_base(
    id: &str,
    file: Option<&Path>,
    limits: &Limits,
    depth: usize,
) -> Result<(RuleSetDef, String), LoadError> {
    let at = DataPath::root().key("extends");
    if depth >= MAX_EXTENDS {
        let message = format!("more than {MAX_EXTENDS} sets extend one another from here");
        return Err(invalid(vec![ValidationIssue::new(
            at,
            IssueCode::Limit,
            message,
        )]));
    }
    let dir = file.and_then(Path::parent);
    let beside = dir.into_iter().flat_map(|d| {
        [
            d.join(format!("{id}.toml")),
            d.join(id).join("ruleset.toml"),
        ]
    });
    if let Some(found) = beside.into_iter().find(|p| p.is_file()) {
        let rs = read_set(&found, limits, depth + 1)?;
        return Ok((rs.def().clone(), relative_name(&found, dir)));
    }
    let Some(text) = crate::builtin::builtin_text(id) else {
        let message = format!(
            "no set `{id}` beside this file (`{id}.toml`, `{id}/ruleset.toml`) nor bundled"
        );
        return Err(invalid(vec![ValidationIssue::new(
            at,
            IssueCode::Extends,
            message,
        )]));
    };
    let rs = ruleset_from_toml_in(text, None, limits, depth + 1)?;
    Ok((rs.def().clone(), format!("builtin:{id}")))
}

/// `found` as written beside the extending file, e.g. `province.toml`.
fn relative_name(found: &Path, dir: Option<&Path>) -> String {
    let rel = dir
        .and_then(|d| found.strip_prefix(d).ok())
        .unwrap_or(found);
    rel.display().to_string()
}

/// Reads a rule set from a `ruleset.toml` file, or from a folder that holds one.
pub(crate) fn ruleset_from_path(path: &Path, limits: &Limits) -> Result<RuleSet, LoadError> {
    read_set(path, limits, 0)
}

fn read_set(path: &Path, limits: &Limits, depth: usize) -> Result<RuleSet, LoadError> {
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
    ruleset_from_toml_in(&text, Some(&file), limits, depth).map_err(|e| e.with_file(file))
}
