//! Test cases as data: evidence with the points, sub-indexes and total it must score, kept
//! beside a criteria set in `criteria/<id>/cases/*.toml` and run by `cargo test` and by
//! `cargo run --example check -- criteria/<id>`.
//!
//! A case file:
//!
//! ```toml
//! description = "13/16 tasks = 81.25% falls in the 80% band"
//! [evidence]                    # the evidence, as in an evidence JSON file
//! unit = { name = "Huyện A", level = "district" }
//! period = { year = 2023 }
//! [evidence.evidence."1.1.4"]
//! numerator = 13
//! denominator = 16
//! [expect]
//! total = "1.5"                 # total points
//! index = "75.00"               # total index, %
//! classification = "C"          # class label, or "none"
//! [expect.points]               # points per node code (any subset)
//! "1.1.4" = "0.5"
//! [expect.sub_index]            # index per node code, % (any subset)
//! "1" = "75.00"
//! [expect.status]               # scored | missing_evidence | not_applicable
//! "1.2.1" = "missing_evidence"
//! ```
//!
//! A case may instead expect the evidence to be refused: `[expect] error = "evidence[\"1.1.4\"].numerator"`
//! names the path of the problem it must report.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use serde::Deserialize;

use crate::decimal::plain;
use crate::error::Error;
use crate::evidence::Evidence;
use crate::ruleset::RuleSet;
use crate::scorecard::{NodeStatus, Scorecard};

/// One test case: evidence and what it must score.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// What the case checks, with the hand computation.
    pub description: String,
    /// The evidence.
    pub evidence: Evidence,
    /// What it must score.
    pub expect: Expect,
}

/// What a [`Case`] expects.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// Total points.
    #[serde(default, with = "crate::decimal::DecOpt")]
    pub total: Option<Decimal>,
    /// Total index, %.
    #[serde(default, with = "crate::decimal::DecOpt")]
    pub index: Option<Decimal>,
    /// Class label, or `none` when no class is reached.
    #[serde(default)]
    pub classification: Option<String>,
    /// Points per node code.
    #[serde(default)]
    pub points: BTreeMap<String, String>,
    /// Index per node code, %.
    #[serde(default)]
    pub sub_index: BTreeMap<String, String>,
    /// Status per node code.
    #[serde(default)]
    pub status: BTreeMap<String, NodeStatusName>,
    /// Whether the result is provisional.
    #[serde(default)]
    pub provisional: Option<bool>,
    /// The evidence must be refused with a problem at this path.
    #[serde(default)]
    pub error: Option<String>,
}

/// A node status as written in a case file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeStatusName {
    /// [`NodeStatus::Scored`].
    Scored,
    /// [`NodeStatus::MissingEvidence`].
    MissingEvidence,
    /// [`NodeStatus::NotApplicable`].
    NotApplicable,
}

impl NodeStatusName {
    fn matches(self, s: NodeStatus) -> bool {
        matches!(
            (self, s),
            (NodeStatusName::Scored, NodeStatus::Scored)
                | (NodeStatusName::MissingEvidence, NodeStatus::MissingEvidence)
                | (NodeStatusName::NotApplicable, NodeStatus::NotApplicable)
        )
    }
}

impl Case {
    /// Reads a case from TOML.
    ///
    /// # Errors
    /// [`Error::Case`] with the line of the problem when the text is not a valid case.
    pub fn from_toml_str(text: &str) -> Result<Case, Error> {
        toml::from_str(text).map_err(|e| Error::Case {
            file: "(text)".into(),
            message: e.to_string().trim().to_string(),
        })
    }

    /// Runs the case against a rule set; returns every difference, expected against actual.
    #[must_use]
    pub fn run(&self, rs: &RuleSet) -> Vec<String> {
        let result = crate::evaluate(rs, &self.evidence);
        match (&self.expect.error, result) {
            (Some(path), Err(e)) => {
                let paths: Vec<String> = e.issues().iter().map(|i| i.path.to_string()).collect();
                if paths.iter().any(|p| p == path) {
                    Vec::new()
                } else {
                    vec![format!("expected a problem at `{path}`, got: {e}")]
                }
            }
            (Some(path), Ok(_)) => vec![format!(
                "expected a problem at `{path}`, but the evidence was scored"
            )],
            (None, Err(e)) => vec![format!("the evidence was refused: {e}")],
            (None, Ok(card)) => self.expect.compare(&card),
        }
    }
}

fn same(expected: &str, actual: Decimal) -> bool {
    crate::decimal::parse_plain(expected).is_ok_and(|e| e == actual)
}

impl Expect {
    /// Every difference between this expectation and a scorecard.
    #[must_use]
    pub fn compare(&self, card: &Scorecard) -> Vec<String> {
        let mut diffs = Vec::new();
        if let Some(t) = self.total
            && t != card.total.points
        {
            diffs.push(format!(
                "total: expected `{}`, got `{}`",
                plain(t),
                plain(card.total.points)
            ));
        }
        if let Some(i) = self.index
            && Some(i) != card.total.index
        {
            diffs.push(format!(
                "index: expected `{}`, got `{}`",
                plain(i),
                card.total.index.map_or("none".into(), plain)
            ));
        }
        if let Some(c) = &self.classification {
            let got = card
                .classification
                .as_ref()
                .map_or("none", |c| c.label.as_str());
            if c != got {
                diffs.push(format!("classification: expected `{c}`, got `{got}`"));
            }
        }
        if let Some(p) = self.provisional
            && p != card.provisional
        {
            diffs.push(format!(
                "provisional: expected `{p}`, got `{}`",
                card.provisional
            ));
        }
        for (code, want) in &self.points {
            match card.node(code) {
                None => diffs.push(format!("node `{code}`: not in the rule set")),
                Some(n) if !same(want, n.score.points) => diffs.push(format!(
                    "node `{code}` points: expected `{want}`, got `{}`",
                    plain(n.score.points)
                )),
                Some(_) => {}
            }
        }
        for (code, want) in &self.sub_index {
            match card.node(code) {
                None => diffs.push(format!("node `{code}`: not in the rule set")),
                Some(n) if !n.score.index.is_some_and(|i| same(want, i)) => {
                    diffs.push(format!(
                        "node `{code}` index: expected `{want}`, got `{}`",
                        n.score.index.map_or("none".into(), plain)
                    ));
                }
                Some(_) => {}
            }
        }
        for (code, want) in &self.status {
            match card.node(code) {
                None => diffs.push(format!("node `{code}`: not in the rule set")),
                Some(n) if !want.matches(n.status) => diffs.push(format!(
                    "node `{code}` status: expected `{want:?}`, got `{:?}`",
                    n.status
                )),
                Some(_) => {}
            }
        }
        diffs
    }
}

/// The outcome of one case file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseReport {
    /// The file.
    pub file: PathBuf,
    /// The case's description, when it could be read.
    pub description: String,
    /// Every difference or problem; empty when the case passes.
    pub problems: Vec<String>,
}

/// Runs every `cases/*.toml` of a criteria folder against its rule set, in file-name order.
///
/// # Errors
/// [`Error::Case`] naming the folder when the `cases/` folder cannot be read.
pub fn run_folder(rs: &RuleSet, folder: &Path) -> Result<Vec<CaseReport>, Error> {
    let dir = folder.join("cases");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| Error::Case {
            file: dir.display().to_string(),
            message: format!("cannot read the folder: {e}"),
        })?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    Ok(files
        .into_iter()
        .map(|file| {
            let text = std::fs::read_to_string(&file);
            let (description, problems) = match text
                .map_err(|e| e.to_string())
                .and_then(|t| Case::from_toml_str(&t).map_err(|e| e.to_string()))
            {
                Ok(case) => (case.description.clone(), case.run(rs)),
                Err(e) => (String::new(), vec![e.replace("(text): ", "")]),
            };
            CaseReport {
                file,
                description,
                problems,
            }
        })
        .collect())
}
