//! `par-index`: the PAR Index (Chỉ số cải cách hành chính) without writing Rust — score,
//! check, rank, audit from the command line, or `serve` the same over HTTP with a form page.
#![forbid(unsafe_code)]
#![expect(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a command-line program"
)]

mod args;
mod cmd;
mod fail;
mod input;
mod outcome;
mod serve;

use std::process::ExitCode;

use clap::Parser as _;

use crate::args::{Cli, Command};
use crate::fail::Failure;
use crate::outcome::pretty;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return clap_error(&e),
    };
    if let Command::Serve(args) = &cli.command {
        return match serve::run(args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(f) => report(&f, cli.json, cli.lang == args::LangArg::Vi),
        };
    }
    match cmd::run(&cli) {
        Ok(out) => {
            if cli.json {
                print!("{}", pretty(&out.json));
            } else {
                print!("{}", out.text);
                eprint!("{}", out.notes);
            }
            ExitCode::from(out.exit)
        }
        Err(f) => report(&f, cli.json, cli.lang == args::LangArg::Vi),
    }
}

/// Prints a failure (JSON on standard output with --json, else text on standard error).
fn report(f: &Failure, json: bool, vi: bool) -> ExitCode {
    if json {
        print!("{}", pretty(&f.to_json()));
    } else {
        eprint!("{}", f.to_text(vi));
    }
    ExitCode::from(f.exit)
}

/// Help and version go to standard output (exit 0); usage errors exit 2, as JSON with --json.
fn clap_error(e: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = e.print();
        return ExitCode::from(
            if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                2
            } else {
                0
            },
        );
    }
    if std::env::args().any(|a| a == "--json") {
        let f = Failure::usage(e.kind().to_string()).with_detail(&e.render().to_string());
        return report(&f, true, false);
    }
    let _ = e.print();
    ExitCode::from(fail::EXIT_USAGE)
}
