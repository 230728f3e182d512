//! Embeds every bundled criteria set (`criteria/<id>/ruleset.toml`) into the library, so that
//! `RuleSet::builtin(id)` works offline and new sets are picked up without code changes.

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=criteria");
    let root =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default()).join("criteria");
    let mut sets: Vec<(String, PathBuf)> = std::fs::read_dir(&root)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("ruleset.toml").is_file())
        .filter_map(|p| Some((p.file_name()?.to_str()?.to_string(), p.join("ruleset.toml"))))
        .collect();
    sets.sort();
    let mut code = String::from(
        "/// Bundled criteria sets: (id, TOML text).\npub(crate) const BUILTIN: &[(&str, &str)] = &[\n",
    );
    for (id, file) in &sets {
        let _ = writeln!(
            code,
            "    ({id:?}, include_str!({:?})),",
            file.display().to_string()
        );
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join("builtin.rs");
    if let Err(e) = std::fs::write(&out, code) {
        println!("cargo:warning=cannot write {}: {e}", out.display());
    }
}
