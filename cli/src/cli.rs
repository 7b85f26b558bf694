//! The `clubready-wire` command line: its arguments, and which module runs each subcommand.
//! Every command reads stdin and writes stdout; a failure exits non-zero with its error
//! (path, line, column for bad input) on stderr.

use std::io::{self, Read, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::convert::{self, ConvertArgs};
pub use crate::error::CliError;
use crate::types;
use crate::validate::{self, ValidateArgs};

/// Command-line arguments.
#[derive(Parser, Debug)]
#[command(
    name = "clubready-wire",
    version,
    about = "ServiceStack wire formats (JSON, JSV, CSV, query strings and form bodies) for \
             ClubReady APIs"
)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Convert stdin to another wire format on stdout: JSON, JSV, CSV, query strings.
    ///
    /// Reads JSON, JSV (compact or pretty), CSV or a query string / form body; writes JSON, JSV,
    /// pretty JSV, CSV, or a query string in the C# client's, the form body's or ClubReady's
    /// style. Typed with `--type`, untyped without.
    Convert(ConvertArgs),
    /// List the ClubReady types `--type` takes, one a line.
    Types,
    /// Check a request (JSON, JSV, CSV or a query string on stdin) against ClubReady's rules.
    ///
    /// Prints each violation on stdout, one a line (`path: rule: message`), and exits non-zero
    /// if there is any; prints `valid` otherwise.
    Validate(ValidateArgs),
    /// Write the HTTP/1.1 request of a ClubReady operation, exactly as it would be sent, for
    /// the request value read from stdin.
    Request(crate::http::RequestArgs),
    /// Decode a raw HTTP response read from stdin into the operation's response, written as
    /// JSON; an error response exits non-zero with the error on stderr.
    Response(crate::http::ResponseArgs),
}

/// Runs the command described by `args` on the given streams.
pub fn run(
    args: Args,
    stdin: impl Read,
    stdout: impl Write,
    stderr: impl Write,
) -> Result<(), CliError> {
    match args.command {
        Command::Convert(args) => convert::run(args, stdin, stdout, stderr),
        Command::Types => types::run(stdout),
        Command::Validate(args) => validate::run(args, stdin, stdout, stderr),
        Command::Request(args) => crate::http::request(args, stdin, stdout),
        Command::Response(args) => crate::http::response(args, stdin, stdout),
    }
}

/// Entry point of the binary: parses the process arguments and runs.
pub fn main() -> ExitCode {
    let args = Args::parse();
    match run(
        args,
        io::stdin().lock(),
        io::stdout().lock(),
        io::stderr().lock(),
    ) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            for line in e.to_string().lines() {
                eprintln!("clubready-wire: {line}");
            }
            ExitCode::FAILURE
        }
    }
}
