//! Reading inputs: files or standard input (`-`), rule sets by path or bundled id, evidence.

use std::io::Read as _;

use par_index::{Evidence, RuleSet};

use crate::args::SetArg;
use crate::fail::Failure;

/// The text of a file, or of standard input for `-`.
pub(crate) fn read(name: &str) -> Result<String, Failure> {
    if name == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| Failure::io("-", &e))?;
        return Ok(text);
    }
    std::fs::read_to_string(name).map_err(|e| Failure::io(name, &e))
}

/// Evidence read from a file or `-`.
pub(crate) fn evidence(name: &str) -> Result<Evidence, Failure> {
    let text = read(name)?;
    Evidence::from_json_str(&text).map_err(|e| Failure::from(e).in_file(name))
}

/// A bundled set by id; a usage error naming the ids when there is none.
pub(crate) fn builtin(id: &str) -> Result<RuleSet, Failure> {
    RuleSet::builtin(id).map_err(Failure::from)
}

/// A rule set from a file, a folder, `-`, or `builtin:ID`.
pub(crate) fn ruleset_spec(spec: &str) -> Result<RuleSet, Failure> {
    if let Some(id) = spec.strip_prefix("builtin:") {
        return builtin(id);
    }
    if spec == "-" {
        let text = read("-")?;
        return RuleSet::from_toml_str(&text).map_err(|e| Failure::from(e).in_file("-"));
    }
    RuleSet::from_path(spec).map_err(|e| Failure::from(e).in_file(spec))
}

/// The rule set the flags name, else the one the evidence names.
pub(crate) fn ruleset(set: &SetArg, ev: Option<&Evidence>) -> Result<RuleSet, Failure> {
    if let Some(spec) = &set.ruleset {
        return ruleset_spec(spec);
    }
    if let Some(id) = &set.builtin {
        return builtin(id);
    }
    match ev.and_then(|e| e.ruleset.as_deref()) {
        Some(id) => builtin(id),
        None => Err(Failure::usage(
            "which rule set? give --ruleset FILE or --builtin ID (see `par-index sets`)",
        )),
    }
}
