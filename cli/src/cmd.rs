//! The subcommands, one module each; each returns an [`Outcome`] or a [`Failure`].

mod annex;
mod appraise;
mod audit;
mod check;
mod diff;
mod gaps;
mod rank;
pub(crate) mod schema;
pub(crate) mod score;
pub(crate) mod sets;
mod test;
mod whatif;

use crate::args::{Cli, Command};
use crate::fail::Failure;
use crate::outcome::Outcome;

/// The UTF-8 byte-order mark that CSV written for Excel starts with: without it Excel reads
/// the Vietnamese text as another code page.
pub(crate) const BOM: &str = "\u{feff}";

/// Runs the subcommand the command line names (all but `serve`).
pub(crate) fn run(cli: &Cli) -> Result<Outcome, Failure> {
    let lang = cli.lang;
    match &cli.command {
        Command::Score {
            set,
            evidence,
            format,
            points: false,
        } => score::run(set, evidence, *format, lang),
        Command::Score {
            set,
            evidence,
            points: true,
            ..
        } => score::points(set, evidence),
        Command::Check { paths } => check::run(paths, lang),
        Command::Sets => sets::run(lang),
        Command::Test { folder } => test::run(folder, lang),
        Command::Appraise {
            set,
            evidence,
            appraisal,
            format,
        } => appraise::run(set, evidence, appraisal, *format, lang),
        Command::Rank { set, batch, format } => rank::run(set, batch, *format, lang),
        Command::Audit { set, evidence } => audit::run(set, evidence, lang),
        Command::Gaps { set, evidence, top } => gaps::run(set, evidence, *top, lang),
        Command::Whatif {
            set,
            evidence,
            scenario,
        } => whatif::run(set, evidence, scenario, lang),
        Command::Diff { set, before, after } => diff::run(set, before, after, lang),
        Command::Schema { name, set } => schema::run(*name, set),
        Command::Import {
            annex,
            id,
            level,
            year,
        } => annex::import(annex, id, level, *year),
        Command::Export {
            set,
            format,
            form,
            out,
        } => annex::export(set, *format, *form, out.as_deref()),
        Command::Serve(_) => Err(Failure::usage("`serve` runs a server, not a report")),
    }
}
