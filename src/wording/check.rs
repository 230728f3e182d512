//! `check_wording`: every leaf whose `wording` does not read as its rule.

use std::fmt;

use rust_decimal::Decimal;

use super::{Unreadable, canonical, parse, render};
use crate::model::{NodeDef, RuleDef, RuleSetDef};
use crate::path::DataPath;
use crate::report::Lang;

/// A leaf whose wording and rule disagree (cách chấm ghi trong văn bản khác quy tắc).
#[derive(Debug, Clone, PartialEq)]
pub struct WordingFinding {
    /// The leaf's code, e.g. `1.1.4`.
    pub code: String,
    /// Where the leaf is in the file, e.g. `areas[0].criteria[0].criteria[3]`.
    pub path: DataPath,
    /// The leaf's `wording`, verbatim.
    pub wording: String,
    /// The leaf's maximum, which gives defaults their value ("điểm tối đa").
    pub max: Decimal,
    /// What is wrong.
    pub problem: WordingProblem,
}

/// What is wrong between a leaf's wording and its rule.
#[derive(Debug, Clone, PartialEq)]
pub enum WordingProblem {
    /// The wording could not be read.
    Unreadable(Unreadable),
    /// The wording reads as another rule: both in canonical form.
    Differs {
        /// The rule the file encodes.
        encoded: Box<RuleDef>,
        /// The rule the wording reads as.
        parsed: Box<RuleDef>,
    },
    /// The leaf has a wording and no rule.
    NoRule,
}

impl fmt::Display for WordingFinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (code, path) = (&self.code, &self.path);
        match &self.problem {
            WordingProblem::Unreadable(u) => write!(f, "{code} ({path}): {u}"),
            WordingProblem::NoRule => write!(
                f,
                "{code} ({path}): có cách chấm nhưng không có quy tắc (`wording` without `rule`)"
            ),
            WordingProblem::Differs { encoded, parsed } => {
                let show = |r: &RuleDef| {
                    let json = serde_json::to_string(r).unwrap_or_default();
                    format!("`{}` {json}", render(r, self.max, Lang::Vi))
                };
                write!(
                    f,
                    "{code} ({path}): cách chấm đọc ra {} nhưng quy tắc đã mã hoá là {} \
                     (the wording reads as the first rule, the file encodes the second)",
                    show(parsed),
                    show(encoded)
                )
            }
        }
    }
}

/// Checks every leaf that has a `wording`: it must read ([`parse`]) as the leaf's rule, in
/// canonical form. Returns one finding per leaf that does not, in file order; an empty list
/// says every wording agrees. A separate check, not part of [`crate::criteria::validate`]: a set with a
/// disagreement still scores by its rules.
///
/// # Example
/// ```
/// let set: par_index::criteria::RuleSetDef = toml::from_str(r#"
/// id = "demo"
/// title = "Mẫu"
/// level = "district"
/// years = { from = 2023 }
/// scale = "1"
/// document = { number = "01/QĐ-UBND" }
/// [[areas]]
/// code = "1"
/// title = "Kế hoạch"
/// max = "1"
/// wording = "Ban hành kịp thời: 1; Ban hành không kịp thời: 0,5; Không ban hành: 0"
/// provenance = { document = "01/QĐ-UBND", verified = false }
/// rule = { kind = "levels", levels = [
///   { id = "on_time", label = "Ban hành kịp thời", points = "1" },
///   { id = "late", label = "Ban hành không kịp thời", points = "0.25" },
///   { id = "none", label = "Không ban hành", points = "0" },
/// ] }
/// "#)?;
/// let findings = par_index::criteria::wording::check_wording(&set);
/// assert_eq!(findings.len(), 1);
/// assert!(findings[0].to_string().contains("0,25 điểm"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn check_wording(set: &RuleSetDef) -> Vec<WordingFinding> {
    let mut out = Vec::new();
    let root = DataPath::root().key("areas");
    for (i, area) in set.areas.iter().enumerate() {
        walk(area, root.index(i), &mut out);
    }
    out
}

fn walk(node: &NodeDef, path: DataPath, out: &mut Vec<WordingFinding>) {
    for (i, child) in node.criteria.iter().enumerate() {
        walk(child, path.key("criteria").index(i), out);
    }
    let Some(wording) = &node.wording else {
        return;
    };
    if let Some(problem) = problem(wording, node.rule.as_ref(), node.max) {
        out.push(WordingFinding {
            code: node.code.clone(),
            path,
            wording: wording.clone(),
            max: node.max,
            problem,
        });
    }
}

fn problem(wording: &str, rule: Option<&RuleDef>, max: Decimal) -> Option<WordingProblem> {
    let Some(rule) = rule else {
        return Some(WordingProblem::NoRule);
    };
    let parsed = match parse(wording, max) {
        Ok(p) => p,
        Err(u) => return Some(WordingProblem::Unreadable(u)),
    };
    let encoded = canonical(rule, max);
    (parsed != encoded).then(|| WordingProblem::Differs {
        encoded: Box::new(encoded),
        parsed: Box::new(parsed),
    })
}
