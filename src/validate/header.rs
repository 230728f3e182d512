//! Checks of the set's metadata: ids, scale, parts, rounding, classification.

use rust_decimal::Decimal;

use crate::decimal::plain;
use crate::error::IssueCode;
use crate::model::RuleSetDef;
use crate::path::DataPath;
use crate::rules::Issues;

pub(super) fn check(def: &RuleSetDef, issues: &mut Issues) {
    let root = DataPath::root();
    for (field, text) in [("id", &def.id), ("title", &def.title)] {
        if text.trim().is_empty() {
            issues.push(
                root.key(field),
                IssueCode::Empty,
                format!("`{field}` is empty"),
            );
        }
    }
    if def.document.number.trim().is_empty() {
        issues.push(
            root.key("document").key("number"),
            IssueCode::Empty,
            "the document number is empty",
        );
    }
    if def.scale <= Decimal::ZERO {
        issues.push(
            root.key("scale"),
            IssueCode::OutOfRange,
            format!("the scale `{}` must be above 0", plain(def.scale)),
        );
    }
    if let Some(to) = def.years.to
        && to < def.years.from
    {
        issues.push(
            root.key("years").key("to"),
            IssueCode::OutOfRange,
            format!("`to = {to}` is before `from = {}`", def.years.from),
        );
    }
    for (field, n) in [
        ("points", def.rounding.points),
        ("index", def.rounding.index),
    ] {
        if n > 10 {
            issues.push(
                root.key("rounding").key(field),
                IssueCode::OutOfRange,
                format!("`{n}` decimals: expected 0 to 10"),
            );
        }
    }
    if let Some(parts) = &def.parts {
        let p = root.key("parts");
        let ok = issues.non_negative(&p.key("appraised"), parts.appraised)
            & issues.non_negative(&p.key("survey"), parts.survey);
        let sum = parts.appraised.checked_add(parts.survey);
        if ok && sum != Some(def.scale) {
            issues.push(
                p,
                IssueCode::ScaleMismatch,
                format!(
                    "the parts add up to `{}`, not to the scale `{}`",
                    sum.map_or_else(|| "?".to_string(), plain),
                    plain(def.scale)
                ),
            );
        }
    }
    classification(def, issues);
    cycle(def, issues);
}

/// The cycle fields: caps are 0 or more; a tie-break area exists.
fn cycle(def: &RuleSetDef, issues: &mut Issues) {
    let root = DataPath::root();
    for (field, cap) in [
        ("bonus_max", def.bonus_max),
        ("penalty_max", def.penalty_max),
    ] {
        if let Some(cap) = cap {
            issues.non_negative(&root.key(field), cap);
        }
    }
    if let crate::model::TieBreak::Area { code } = &def.tie_break
        && !def.areas.iter().any(|a| &a.code == code)
    {
        let known: Vec<String> = def.areas.iter().map(|a| format!("`{}`", a.code)).collect();
        issues.push(
            root.key("tie_break").key("code"),
            IssueCode::OutOfRange,
            format!(
                "`{code}` is not an area of the set: expected one of {}",
                known.join(", ")
            ),
        );
    }
}

fn classification(def: &RuleSetDef, issues: &mut Issues) {
    let p = DataPath::root().key("classification");
    let mut labels: Vec<&str> = Vec::new();
    for (i, band) in def.classification.iter().enumerate() {
        let bp = p.index(i);
        if band.label.trim().is_empty() {
            issues.push(
                bp.key("label"),
                IssueCode::Empty,
                "the class label is empty",
            );
        } else if labels.contains(&band.label.as_str()) {
            issues.push(
                bp.key("label"),
                IssueCode::Duplicate,
                format!("duplicate class label `{}`", band.label),
            );
        }
        labels.push(&band.label);
        issues.non_negative(&bp.key("at_least"), band.at_least);
        let Some(prev) = i.checked_sub(1).and_then(|j| def.classification.get(j)) else {
            if band.below.is_some() {
                issues.push(bp.key("below"), IssueCode::Classification, format!("the best class `{}` cannot have `below`: an index above it would have no class", band.label));
            }
            continue;
        };
        if band.at_least >= prev.at_least {
            issues.push(
                bp.key("at_least"),
                IssueCode::Classification,
                format!(
                    "classes must be listed best first: `{}` starts at `{}`, not below `{}` of `{}`",
                    band.label,
                    plain(band.at_least),
                    plain(prev.at_least),
                    prev.label
                ),
            );
            continue;
        }
        if let Some(below) = band.below {
            let what = if below < prev.at_least {
                "gap"
            } else if below > prev.at_least {
                "overlap"
            } else {
                continue;
            };
            issues.push(
                bp.key("below"),
                IssueCode::Classification,
                format!(
                    "{what}: `{}` ends below `{}` but `{}` starts at `{}`",
                    band.label,
                    plain(below),
                    prev.label,
                    plain(prev.at_least)
                ),
            );
        }
    }
}
