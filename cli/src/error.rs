//! Why a command failed: what `main` prints after `clubready-wire: ` before exiting non-zero.

use std::fmt;
use std::io;

/// Why a command failed.
#[derive(Debug)]
pub enum CliError {
    /// The input could not be decoded.
    Decode(String),
    /// The value could not be encoded.
    Encode(String),
    /// Reading stdin or writing stdout failed.
    Io(io::Error),
    /// The arguments name something unknown, or ask for something that cannot be done.
    Usage(String),
    /// `--strict`: the input has properties its type does not know (one line each).
    Unknown(Vec<String>),
    /// `validate`: the request breaks rules (one line each, already written to stdout).
    Invalid(usize),
}

impl CliError {
    /// A decoding error of the library (its text names the path, line and column).
    pub fn decode(e: impl fmt::Display) -> CliError {
        CliError::Decode(e.to_string())
    }

    /// An encoding error of the library.
    pub fn encode(e: impl fmt::Display) -> CliError {
        CliError::Encode(e.to_string())
    }
}

impl fmt::Display for CliError {
    /// One line, or one line per unknown property (`main` prefixes each).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Decode(e) => write!(f, "cannot decode input: {e}"),
            CliError::Encode(e) => write!(f, "cannot encode output: {e}"),
            CliError::Io(e) => write!(f, "I/O error: {e}"),
            CliError::Usage(e) => f.write_str(e),
            CliError::Unknown(lines) => {
                for line in lines {
                    writeln!(f, "cannot decode input: {line}")?;
                }
                f.write_str("unknown properties are errors with --strict (without it, warnings)")
            }
            CliError::Invalid(1) => f.write_str("the input breaks 1 rule"),
            CliError::Invalid(n) => write!(f, "the input breaks {n} rules"),
        }
    }
}

impl std::error::Error for CliError {}
