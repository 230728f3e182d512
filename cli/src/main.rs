//! `par-index`: the PAR Index (Chỉ số cải cách hành chính) without writing Rust — score,
//! check, rank, audit from the command line, or `serve` the same over HTTP with a form page.
#![forbid(unsafe_code)]
#![expect(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a command-line program"
)]

use std::process::ExitCode;

fn main() -> ExitCode {
    let ran = par_index_cli::run(std::env::args_os());
    print!("{}", ran.stdout);
    eprint!("{}", ran.stderr);
    ExitCode::from(ran.exit)
}
