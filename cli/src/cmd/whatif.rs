//! `whatif`: scores a scenario (a patch to the evidence) against its base.

use par_index::{analysis::Scenario, analysis::what_if};

use crate::args::{LangArg, SetArg};
use crate::fail::Failure;
use crate::input;
use crate::outcome::Outcome;

/// Scores the scenario against the evidence.
pub(crate) fn run(
    set: &SetArg,
    evidence: &str,
    scenario: &str,
    _lang: LangArg,
) -> Result<Outcome, Failure> {
    let ev = input::evidence(evidence)?;
    let rs = input::ruleset(set, Some(&ev))?;
    let sc = Scenario::from_json_str(&input::read(scenario)?)
        .map_err(|e| Failure::from(e).in_file(scenario))?;
    let result = what_if(&rs, &ev, &sc).map_err(|e| Failure::from(e).in_file(scenario))?;
    Outcome::of(format!("{result}\n"), &result)
}
