//! Every TOML and JSON snippet of README.md and docs/*.md is checked: a whole rule set must
//! validate, a case file must read, a header must load, a fragment (`rule = ...`,
//! `[[areas.criteria]]`, `provenance = ...`) must read as the model's type; evidence, an
//! appraisal or leaf evidence must read as such. The Rust snippets are compiled and run as
//! doctests (see the hidden `docs` module in src/lib.rs).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed unwrap is a failed test"
)]

use std::collections::BTreeMap;

use par_index::criteria::{NodeDef, Provenance, RuleDef};
use par_index::{Evidence, RuleSet, assessment::Appraisal, evidence::LeafEvidence};
use serde::Deserialize;

/// A fenced block: the file, the line of its opening fence, its language and its text.
struct Block {
    at: String,
    lang: String,
    text: String,
}

fn blocks() -> Vec<Block> {
    let mut files = vec!["README.md".to_string()];
    for entry in std::fs::read_dir("docs").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "md") {
            files.push(path.to_string_lossy().into_owned());
        }
    }
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let mut open: Option<Block> = None;
        for (n, line) in text.lines().enumerate() {
            let fence = line.trim_start().strip_prefix("```");
            match (fence, open.take()) {
                (Some(_), Some(block)) => out.push(block),
                (Some(lang), None) => {
                    open = Some(Block {
                        at: format!("{file}:{}", n + 1),
                        lang: lang.trim().to_string(),
                        text: String::new(),
                    });
                }
                (None, Some(mut block)) => {
                    block.text.push_str(line);
                    block.text.push('\n');
                    open = Some(block);
                }
                (None, None) => {}
            }
        }
        assert!(open.is_none(), "{file}: a fence is not closed");
    }
    out
}

#[derive(Deserialize)]
#[allow(dead_code, reason = "read only to check the shape")]
struct RuleOnly {
    rule: RuleDef,
}

#[derive(Deserialize)]
#[allow(dead_code, reason = "read only to check the shape")]
struct ProvenanceOnly {
    provenance: Provenance,
}

#[derive(Deserialize)]
#[allow(dead_code, reason = "read only to check the shape")]
struct AreasOnly {
    areas: CriteriaOnly,
}

#[derive(Deserialize)]
#[allow(dead_code, reason = "read only to check the shape")]
struct CriteriaOnly {
    criteria: Vec<NodeDef>,
}

/// The top-level statements of a fragment: a line at column 0 that is not a comment or a
/// table header starts one (two `rule = ...` lines are two alternatives, not one table).
fn statements(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in text.lines() {
        let starts = line.starts_with(|c: char| c.is_ascii_alphabetic() || c == '"');
        match out.last_mut() {
            Some(last) if !starts => {
                last.push_str(line);
                last.push('\n');
            }
            _ => out.push(format!("{line}\n")),
        }
    }
    out
}

fn check_toml(b: &Block) -> Result<(), String> {
    let t = &b.text;
    if t.contains("[[areas]]") || t.contains("\nextends = ") {
        return RuleSet::from_toml_str(t)
            .map(|_| ())
            .map_err(|e| e.to_string());
    }
    if t.contains("[expect]") {
        return par_index::criteria::cases::Case::from_toml_str(t)
            .map(|_| ())
            .map_err(|e| e.to_string());
    }
    if t.starts_with("id = ") {
        let whole = format!("{t}areas = []\n");
        return par_index::criteria::load_str(&whole)
            .map(|_| ())
            .map_err(|e| e.to_string());
    }
    if t.starts_with("[[areas.criteria]]") {
        return toml::from_str::<AreasOnly>(t)
            .map(|_| ())
            .map_err(|e| e.to_string());
    }
    for s in statements(t) {
        let r = if s.starts_with("rule ") {
            toml::from_str::<RuleOnly>(&s).map(|_| ())
        } else if s.starts_with("provenance ") {
            toml::from_str::<ProvenanceOnly>(&s).map(|_| ())
        } else {
            toml::from_str::<toml::Table>(&s).map(|_| ())
        };
        r.map_err(|e| format!("{e}\n{s}"))?;
    }
    Ok(())
}

fn check_json(b: &Block) -> Result<(), String> {
    let t = b.text.trim();
    if t.contains("\"rounds\"") {
        return Appraisal::from_json_str(t)
            .map(|_| ())
            .map_err(|e| e.to_string());
    }
    if t.starts_with('{') {
        return Evidence::from_json_str(t)
            .map(|_| ())
            .map_err(|e| e.to_string());
    }
    // Leaf evidence by code: `"1.1": { ... }`.
    serde_json::from_str::<BTreeMap<String, LeafEvidence>>(&format!("{{{t}}}"))
        .map(|_| ())
        .map_err(|e| e.to_string())
}

#[test]
fn every_toml_and_json_snippet_in_the_docs_is_valid() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for b in blocks() {
        let result = match b.lang.as_str() {
            "toml" => check_toml(&b),
            "json" => check_json(&b),
            _ => continue,
        };
        checked += 1;
        if let Err(e) = result {
            failures.push(format!("{} ({}): {e}", b.at, b.lang));
        }
    }
    assert!(checked >= 20, "only {checked} snippets found");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_fence_names_its_language() {
    // An unnamed fence would be compiled as Rust by the doctests: name it (`text`, `sh`...).
    let unnamed: Vec<String> = blocks()
        .into_iter()
        .filter(|b| b.lang.is_empty())
        .map(|b| b.at)
        .collect();
    assert!(unnamed.is_empty(), "{unnamed:?}");
}
