//! Semantic validation: from a [`RuleSetDef`] as written to a [`RuleSet`] that evaluation can
//! trust. Every problem is collected, each with its path and, for files, its line.

mod header;
pub(crate) mod tree;

use crate::error::ValidationIssue;
use crate::limits::Limits;
use crate::load::{LineMap, sort_issues};
use crate::model::RuleSetDef;
use crate::rules::Issues;
use crate::ruleset::RuleSet;

/// Checks a rule set as written and returns the validated [`RuleSet`], or every problem found.
///
/// Checks: non-empty ids, titles and codes; duplicate codes and ids; parents whose max differs
/// from the sum of their children's maxima; areas that do not add up to the scale; parts that
/// do not add up to the scale or to their leaves; nodes with both a rule and children, or
/// neither; leaves without provenance; every rule's own fields (bands with gaps, overlaps or
/// wrong order, points above the max, negative numbers, fields of another kind);
/// classification bands out of order, with gaps or overlaps; the [`Limits`].
///
/// # Errors
/// Every [`ValidationIssue`] found, in file order when lines are known.
///
/// # Example
/// ```
/// let mut def = par_index::criteria::load_str(r#"
/// id = "demo"
/// title = "Demo"
/// level = "commune"
/// years = { from = 2024 }
/// scale = 10
/// document = { number = "1/QĐ" }
/// [[areas]]
/// code = "1"
/// title = "Area"
/// max = 10
/// provenance = { document = "1/QĐ", verified = false }
/// rule = { kind = "manual" }
/// "#)?;
/// assert!(par_index::criteria::validate(def.clone()).is_ok());
/// def.scale = "20".parse()?;
/// let issues = par_index::criteria::validate(def).unwrap_err();
/// assert_eq!(issues[0].to_string(), "scale: the areas add up to `10`, not to the scale `20`");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn validate(def: RuleSetDef) -> Result<RuleSet, Vec<ValidationIssue>> {
    validate_with_lines(def, None, &Limits::default())
}

/// [`validate`] with custom [`Limits`].
///
/// # Errors
/// As [`validate`].
pub fn validate_with_limits(
    def: RuleSetDef,
    limits: &Limits,
) -> Result<RuleSet, Vec<ValidationIssue>> {
    validate_with_lines(def, None, limits)
}

pub(crate) fn validate_with_lines(
    def: RuleSetDef,
    lines: Option<&LineMap<'_>>,
    limits: &Limits,
) -> Result<RuleSet, Vec<ValidationIssue>> {
    let mut issues = Issues::default();
    header::check(&def, &mut issues);
    let tree = tree::build(&def, &mut issues, limits);
    let mut list = issues.list;
    if list.is_empty() {
        return Ok(RuleSet::new(def, tree));
    }
    if let Some(lines) = lines {
        for issue in &mut list {
            issue.line = lines.line_of(&issue.path);
        }
    }
    sort_issues(&mut list);
    Err(list)
}
