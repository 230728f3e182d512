//! `sets`: the bundled rule sets with level, years, scale and verified share.

use par_index::RuleSet;
use serde::Serialize;

use crate::args::LangArg;
use crate::fail::Failure;
use crate::outcome::Outcome;

/// One bundled set, as listed.
#[derive(Debug, Serialize)]
pub(crate) struct SetSummary {
    /// The id.
    pub(crate) id: String,
    /// The title.
    pub(crate) title: String,
    /// The level of unit it scores.
    pub(crate) level: String,
    /// The first year it applies to.
    pub(crate) from: u16,
    /// The last year, when bounded.
    pub(crate) to: Option<u16>,
    /// The scale.
    pub(crate) scale: String,
    /// Its leaves.
    pub(crate) leaves: usize,
    /// Its leaves checked against the published text.
    pub(crate) verified: usize,
}

/// The summary of a set.
pub(crate) fn summary(rs: &RuleSet) -> SetSummary {
    let leaves: Vec<_> = rs.nodes().filter(|n| n.rule_kind().is_some()).collect();
    let def = rs.def();
    SetSummary {
        id: rs.id().to_string(),
        title: def.title.clone(),
        level: rs.level().to_string(),
        from: def.years.from,
        to: def.years.to,
        scale: rs.scale().normalize().to_string(),
        leaves: leaves.len(),
        verified: leaves.iter().filter(|n| n.verified() == Some(true)).count(),
    }
}

/// Lists the bundled sets.
pub(crate) fn run(lang: LangArg) -> Result<Outcome, Failure> {
    let sets: Vec<SetSummary> = RuleSet::builtin_ids()
        .into_iter()
        .filter_map(|id| RuleSet::builtin(id).ok())
        .map(|rs| summary(&rs))
        .collect();
    let mut text = match lang {
        LangArg::Vi => "id | cấp | năm | thang điểm | tiêu chí lá | đã đối chiếu\n",
        LangArg::En => "id | level | years | scale | leaves | verified\n",
    }
    .to_string();
    for s in &sets {
        let to = s.to.map_or_else(String::new, |t| t.to_string());
        text.push_str(&format!(
            "{} | {} | {}–{to} | {} | {} | {}/{}\n",
            s.id, s.level, s.from, s.scale, s.leaves, s.verified, s.leaves
        ));
    }
    Outcome::of(text, &serde_json::json!({ "sets": sets }))
}
