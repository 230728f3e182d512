//! The layer order holds: no source file imports a file that imports it back, directly or
//! through others. Each file of `src/` is a node; `use crate::a::b` and `crate::a::b::C` in
//! code (not in comments) are edges to the file that defines `a::b`, and names re-exported at
//! the crate root are followed to the file that defines them.
//!
//! DESIGN.md ("Architecture") draws the layers this test keeps.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed unwrap is a failed test"
)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `src/`, as a module path (`cycle::batch`, `lib`).
fn files() -> BTreeMap<String, PathBuf> {
    let mut out = BTreeMap::new();
    let mut stack = vec![src()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "rs") {
                let rel = p.strip_prefix(src()).unwrap().with_extension("");
                let name = rel.to_string_lossy().replace('/', "::");
                out.insert(name, p);
            }
        }
    }
    out
}

/// The code of a file without comments, string literals and `#[cfg(test)]` modules.
fn code(text: &str) -> String {
    let mut out = String::new();
    let mut skip_depth: Option<i32> = None;
    let mut depth = 0i32;
    let mut cfg_test = false;
    for line in text.lines() {
        let line = strip_strings(line.split("//").next().unwrap_or(""));
        if line.trim_start().starts_with("#[cfg(test)]") {
            cfg_test = true;
            continue;
        }
        if cfg_test && line.contains("mod ") && skip_depth.is_none() {
            skip_depth = Some(depth);
        }
        cfg_test = false;
        depth += count(&line, '{') - count(&line, '}');
        if let Some(d) = skip_depth {
            if depth <= d {
                skip_depth = None;
            }
            continue;
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

fn count(s: &str, c: char) -> i32 {
    i32::try_from(s.matches(c).count()).unwrap()
}

fn strip_strings(line: &str) -> String {
    let mut out = String::new();
    let mut in_str = false;
    let mut prev = ' ';
    for c in line.chars() {
        if c == '"' && prev != '\\' {
            in_str = !in_str;
        } else if !in_str {
            out.push(c);
        }
        prev = c;
    }
    out
}

/// The module paths a file refers to: `crate::x::y...` and `super::x...`, and the items of
/// `use crate::x::{a, b}` groups one level deep.
fn references(module: &str, code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let parent: Vec<&str> = module.split("::").collect();
    let parent = parent.get(..parent.len().saturating_sub(1)).unwrap_or(&[]);
    for (prefix, base) in [("crate::", Vec::new()), ("super::", parent.to_vec())] {
        for (at, _) in code.match_indices(prefix) {
            let before = code[..at].chars().last().unwrap_or(' ');
            if before.is_alphanumeric() || before == '_' || (prefix == "super::" && before == ':') {
                continue;
            }
            let rest = &code[at + prefix.len()..];
            let path: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            let mut segs: Vec<String> = base.iter().map(ToString::to_string).collect();
            segs.extend(path.split("::").filter(|s| !s.is_empty()).map(String::from));
            let after = &rest[path.len()..];
            if path.ends_with("::") && after.starts_with('{') {
                let group = &after[1..after.find('}').unwrap_or(after.len())];
                for item in group.split(',') {
                    let item = item
                        .trim()
                        .split("::")
                        .next()
                        .unwrap_or("")
                        .trim()
                        .to_string();
                    let mut s = segs.clone();
                    if !item.is_empty() && item != "self" {
                        s.push(item);
                    }
                    out.push(s);
                }
            } else {
                out.push(segs);
            }
        }
    }
    out
}

/// The file a path refers to: the longest prefix that names a file.
fn resolve(segs: &[String], files: &BTreeMap<String, PathBuf>) -> Option<String> {
    (1..=segs.len())
        .rev()
        .map(|n| segs[..n].join("::"))
        .find(|m| files.contains_key(m))
}

/// Root re-exports: `pub use a::b::{X, Y}` in lib.rs maps `X` to `a::b`.
fn root_names(lib: &str) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    for stmt in lib.split(';') {
        let Some(rest) = stmt.trim().strip_prefix("pub use ") else {
            continue;
        };
        let (path, names) = match rest.split_once("::{") {
            Some((p, n)) => (p, n.trim_end_matches('}').to_string()),
            None => match rest.rsplit_once("::") {
                Some((p, n)) => (p, n.to_string()),
                None => continue,
            },
        };
        let segs: Vec<String> = path.split("::").map(String::from).collect();
        for n in names.split(',') {
            let n = n.split(" as ").last().unwrap_or("").trim();
            if !n.is_empty() {
                out.insert(n.to_string(), segs.clone());
            }
        }
    }
    out
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let files = files();
    let lib = code(&std::fs::read_to_string(src().join("lib.rs")).unwrap());
    let roots = root_names(&lib);
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, path) in &files {
        if module == "lib" {
            continue;
        }
        let text = code(&std::fs::read_to_string(path).unwrap());
        let set = edges.entry(module.clone()).or_default();
        for segs in references(module, &text) {
            let segs = match segs.first().and_then(|s| roots.get(s)) {
                Some(target) if segs.len() == 1 || !files.contains_key(&segs[0]) => target.clone(),
                _ => segs,
            };
            if let Some(target) = resolve(&segs, &files)
                && target != *module
                && target != "lib"
                && !module.starts_with(&format!("{target}::"))
            {
                set.insert(target);
            }
        }
    }
    edges
}

/// Every cycle's files (strongly connected components with more than one file).
fn cycles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    let reach = |from: &String| -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.clone()];
        while let Some(n) = stack.pop() {
            for m in edges.get(&n).into_iter().flatten() {
                if seen.insert(m.clone()) {
                    stack.push(m.clone());
                }
            }
        }
        seen
    };
    let reaches: BTreeMap<&String, BTreeSet<String>> =
        edges.keys().map(|k| (k, reach(k))).collect();
    let mut out: Vec<Vec<String>> = Vec::new();
    for (a, ra) in &reaches {
        if !ra.contains(*a) {
            continue;
        }
        let comp: Vec<String> = ra
            .iter()
            .filter(|b| reaches.get(b).is_some_and(|rb| rb.contains(*a)))
            .cloned()
            .collect();
        if !out.contains(&comp) {
            out.push(comp);
        }
    }
    out
}

#[test]
fn no_file_imports_one_that_imports_it_back() {
    let edges = graph();
    let found = cycles(&edges);
    let show: Vec<String> = found
        .iter()
        .map(|c| {
            let lines: Vec<String> = c
                .iter()
                .map(|a| {
                    let to: Vec<&String> = edges[a].iter().filter(|b| c.contains(b)).collect();
                    format!("  {a} -> {to:?}")
                })
                .collect();
            lines.join("\n")
        })
        .collect();
    assert!(found.is_empty(), "import circles:\n{}", show.join("\n\n"));
}

#[test]
fn the_checker_sees_a_circle_and_the_layers_it_expects() {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    edges.insert("a".into(), ["b".to_string()].into());
    edges.insert("b".into(), ["a".to_string()].into());
    edges.insert("c".into(), ["a".to_string()].into());
    assert_eq!(cycles(&edges), vec![vec!["a".to_string(), "b".to_string()]]);
    // The real graph has the edges the layers are made of.
    let g = graph();
    assert!(g["evaluate"].contains("scorecard"));
    assert!(g["cycle::batch"].contains("cycle::rank"));
    assert!(g["open"].contains("validate"));
    assert!(g["open"].contains("load"));
    assert!(!g["load"].contains("validate"));
    assert!(!g["cycle::rank"].contains("cycle::batch"));
}
