//! The `par-index` command as a library: [`run`] takes the command line and returns what the
//! command prints and its exit code. The binary prints it; the fuzz target (`fuzz/`, `cli`)
//! and tests call it in-process.
//!
//! # Example
//! ```
//! let ran = par_index_cli::run(["par-index", "--json", "sets"]);
//! assert_eq!(ran.exit, 0);
//! let out: serde_json::Value = serde_json::from_str(&ran.stdout).unwrap();
//! // The bundled criteria sets, each with its id.
//! assert!(out["sets"].as_array().is_some_and(|s| s.iter().all(|s| s["id"].is_string())));
//!
//! let bad = par_index_cli::run(["par-index", "score", "--no-such-flag"]);
//! assert_eq!((bad.exit, bad.stdout.as_str()), (2, ""));
//! assert!(bad.stderr.contains("--no-such-flag"));
//! ```
#![forbid(unsafe_code)]

mod args;
mod cmd;
mod fail;
mod input;
mod outcome;
#[cfg(feature = "serve")]
mod serve;

use std::ffi::OsString;

use clap::Parser as _;

use crate::args::{Cli, Command};
use crate::fail::Failure;
use crate::outcome::pretty;

/// What one run of the command printed, and its exit code.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Ran {
    /// What goes to standard output: the report, or with `--json` every output, errors
    /// included, as one JSON document.
    pub stdout: String,
    /// What goes to standard error: errors and notes without `--json`.
    pub stderr: String,
    /// 0 ok; 1 input rejected; 2 usage error; 3 it ran, but the audit found mismatches or a
    /// test case failed.
    pub exit: u8,
}

/// Runs the command on these arguments, the first being the program's name (as
/// [`std::env::args_os`] gives them). Inputs named `-` are read from standard input.
///
/// `serve` runs the service until Ctrl-C or SIGTERM (with the `serve` feature, on by
/// default; without it, a usage error).
pub fn run<I, T>(args: I) -> Ran
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) => return clap_error(&e, args.iter().any(|a| a == "--json")),
    };
    let vi = cli.lang == args::LangArg::Vi;
    if let Command::Serve(serve_args) = &cli.command {
        return match serve(serve_args) {
            Ok(()) => Ran::default(),
            Err(f) => report(&f, cli.json, vi),
        };
    }
    match cmd::run(&cli) {
        Ok(out) if cli.json => Ran {
            stdout: pretty(&out.json),
            stderr: String::new(),
            exit: out.exit,
        },
        Ok(out) => Ran {
            stdout: out.text,
            stderr: out.notes,
            exit: out.exit,
        },
        Err(f) => report(&f, cli.json, vi),
    }
}

#[cfg(feature = "serve")]
fn serve(args: &args::ServeArgs) -> Result<(), Failure> {
    serve::run(args)
}

#[cfg(not(feature = "serve"))]
fn serve(_: &args::ServeArgs) -> Result<(), Failure> {
    Err(Failure::usage(
        "`serve` is not built in: build par-index-cli with the `serve` feature",
    ))
}

/// A failure: JSON on standard output with --json, else text on standard error.
fn report(f: &Failure, json: bool, vi: bool) -> Ran {
    let (stdout, stderr) = if json {
        (pretty(&f.to_json()), String::new())
    } else {
        (String::new(), f.to_text(vi))
    };
    Ran {
        stdout,
        stderr,
        exit: f.exit,
    }
}

/// Help and version go to standard output (exit 0); usage errors exit 2 (help shown for a
/// missing subcommand goes to standard error, as clap prints it), as JSON with --json.
fn clap_error(e: &clap::Error, json: bool) -> Ran {
    use clap::error::ErrorKind;
    let text = e.render().to_string();
    let exit = match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => 0,
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => fail::EXIT_USAGE,
        _ if json => {
            let f = Failure::usage(e.kind().to_string()).with_detail(&text);
            return report(&f, true, false);
        }
        _ => fail::EXIT_USAGE,
    };
    let (stdout, stderr) = if e.use_stderr() {
        (String::new(), text)
    } else {
        (text, String::new())
    };
    Ran {
        stdout,
        stderr,
        exit,
    }
}
