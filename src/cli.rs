//! The `clubready-wire` command line: `convert` reads one document on stdin and writes it to
//! stdout in another wire format, exactly as encoded (no trailing newline added). Bad input
//! exits non-zero with the error (path, line, column) on stderr.

use std::io::{self, Read, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::jsv;

/// Command-line arguments.
#[derive(Parser, Debug)]
#[command(
    name = "clubready-wire",
    version,
    about = "ServiceStack wire formats (JSV, JSON) for ClubReady APIs"
)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Convert a document read from stdin, writing the result to stdout.
    Convert {
        /// Format of the input.
        #[arg(long, value_enum)]
        from: InputFormat,
        /// Format of the output.
        #[arg(long, value_enum)]
        to: OutputFormat,
    },
}

/// Formats `convert` reads.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// JSON.
    Json,
    /// JSV, compact or pretty.
    Jsv,
}

/// Formats `convert` writes.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Compact JSON.
    Json,
    /// Compact JSV, as ServiceStack writes it.
    Jsv,
    /// JSV in the layout of ServiceStack's `Dump()`.
    JsvPretty,
}

/// Why a command failed.
#[derive(Debug)]
pub enum CliError {
    /// The input could not be decoded.
    Decode(String),
    /// The value could not be encoded.
    Encode(String),
    /// Reading stdin or writing stdout failed.
    Io(io::Error),
}

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CliError::Decode(e) => write!(f, "cannot decode input: {e}"),
            CliError::Encode(e) => write!(f, "cannot encode output: {e}"),
            CliError::Io(e) => write!(f, "I/O error: {e}"),
        }
    }
}

impl std::error::Error for CliError {}

/// Converts `input` (untyped) from one format to another.
pub fn convert(input: &[u8], from: InputFormat, to: OutputFormat) -> Result<Vec<u8>, CliError> {
    let value: jsv::Value = match from {
        InputFormat::Json => {
            serde_json::from_slice(input).map_err(|e| CliError::Decode(e.to_string()))?
        }
        InputFormat::Jsv => jsv::from_slice(input).map_err(|e| CliError::Decode(e.to_string()))?,
    };
    match to {
        OutputFormat::Json => {
            serde_json::to_vec(&value).map_err(|e| CliError::Encode(e.to_string()))
        }
        OutputFormat::Jsv => jsv::to_vec(&value).map_err(|e| CliError::Encode(e.to_string())),
        OutputFormat::JsvPretty => {
            jsv::to_vec_pretty(&value).map_err(|e| CliError::Encode(e.to_string()))
        }
    }
}

/// Runs the command described by `args` on the given streams.
pub fn run(args: Args, mut stdin: impl Read, mut stdout: impl Write) -> Result<(), CliError> {
    match args.command {
        Command::Convert { from, to } => {
            let mut input = Vec::new();
            stdin.read_to_end(&mut input).map_err(CliError::Io)?;
            let output = convert(&input, from, to)?;
            stdout.write_all(&output).map_err(CliError::Io)?;
            stdout.flush().map_err(CliError::Io)
        }
    }
}

/// Entry point of the binary: parses the process arguments and runs.
pub fn main() -> ExitCode {
    let args = Args::parse();
    match run(args, io::stdin().lock(), io::stdout().lock()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("clubready-wire: {e}");
            ExitCode::FAILURE
        }
    }
}
