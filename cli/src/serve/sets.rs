//! The rule sets a service serves: the bundled ones and those of `--sets DIR`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use par_index::RuleSet;

use crate::fail::Failure;

/// The rule sets by id.
#[derive(Debug, Default)]
pub(crate) struct Sets {
    by_id: BTreeMap<String, Arc<RuleSet>>,
}

impl Sets {
    /// The bundled sets, and those of a folder (`<id>/ruleset.toml` or `*.toml`), which may
    /// replace a bundled set of the same id.
    pub(crate) fn load(dir: Option<&Path>) -> Result<Sets, Failure> {
        let mut sets = Sets::default();
        for rs in RuleSet::builtin_ids()
            .into_iter()
            .filter_map(|id| RuleSet::builtin(id).ok())
        {
            sets.by_id.insert(rs.id().to_string(), Arc::new(rs));
        }
        if let Some(dir) = dir {
            for path in set_files(dir)? {
                let name = path.display().to_string();
                let rs = RuleSet::from_path(&path).map_err(|e| Failure::from(e).in_file(&name))?;
                sets.by_id.insert(rs.id().to_string(), Arc::new(rs));
            }
        }
        Ok(sets)
    }

    /// A set by id, or a 404 failure naming the ids.
    pub(crate) fn get(&self, id: &str) -> Result<Arc<RuleSet>, Failure> {
        self.by_id.get(id).cloned().ok_or_else(|| {
            let ids: Vec<&str> = self.by_id.keys().map(String::as_str).collect();
            Failure::new(
                "not_found",
                2,
                format!("no rule set `{id}`; served: {}", ids.join(", ")),
            )
        })
    }

    /// Every set, by id.
    pub(crate) fn all(&self) -> impl Iterator<Item = &RuleSet> {
        self.by_id.values().map(AsRef::as_ref)
    }
}

fn set_files(dir: &Path) -> Result<Vec<PathBuf>, Failure> {
    let name = dir.display().to_string();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Failure::io(&name, &e))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("ruleset.toml").is_file() || p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    Ok(files)
}
