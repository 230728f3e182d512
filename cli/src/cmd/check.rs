//! `check`: validates rule sets; every problem with its file, line and path.

use serde_json::json;

use crate::args::LangArg;
use crate::fail::{EXIT_INPUT, Failure};
use crate::input;
use crate::outcome::Outcome;

/// Checks each path; fails (exit 1) with every problem of every set when any is invalid.
pub(crate) fn run(paths: &[String], lang: LangArg) -> Result<Outcome, Failure> {
    let mut text = String::new();
    let mut valid = Vec::new();
    let mut rejected = Failure::new("ruleset", EXIT_INPUT, "");
    let mut bad = 0;
    for path in paths {
        match input::ruleset_spec(path) {
            Ok(rs) => {
                let leaves = rs.leaf_codes().count();
                text.push_str(&match lang {
                    LangArg::Vi => format!(
                        "{path}: bộ tiêu chí `{}` hợp lệ ({leaves} tiêu chí lá)\n",
                        rs.id()
                    ),
                    LangArg::En => format!(
                        "{path}: rule set `{}` is valid ({leaves} leaves)\n",
                        rs.id()
                    ),
                });
                valid.push(json!({ "path": path, "id": rs.id(), "leaves": leaves }));
            }
            Err(f) => {
                bad += 1;
                rejected.issues.extend(issues_of(f));
            }
        }
    }
    if bad > 0 {
        rejected.message = format!("{bad} of {} rule set(s) rejected", paths.len());
        return Err(rejected);
    }
    Ok(Outcome::ok(text, json!({ "valid": valid })))
}

/// The issues of a failure; a failure without issues (an unreadable file) becomes one.
fn issues_of(f: Failure) -> Vec<crate::fail::Issue> {
    if f.issues.is_empty() {
        return vec![crate::fail::Issue {
            file: None,
            path: String::new(),
            line: None,
            message: f.message,
        }];
    }
    f.issues
}
