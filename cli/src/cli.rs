//! The `clubready-wire` command line: `convert` reads one document on stdin and writes it to
//! stdout in another wire format, exactly as encoded (no trailing newline added), either as a
//! ClubReady DTO (`--type SaleEndpoint`: typed, dates, decimals and enums as ServiceStack writes
//! them) or untyped. Bad input exits non-zero with the error (path, line, column) on stderr.

use std::io::{self, Read, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use clubready_wire::dto::{self, WireType};
use clubready_wire::json::{self, DateHandler};
use clubready_wire::{csv, jsv, query};

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
        /// ClubReady type of the document, by its wire name (`SaleEndpoint`,
        /// `PamentProfileBalanceInquiryEndpointResponse`, ...) or Rust name
        /// (`SalePaymentMethodDto`). Without it the document is converted untyped: JSV has no
        /// types, so every scalar stays text.
        #[arg(long = "type", value_name = "TYPE")]
        type_name: Option<String>,
        /// How JSON output writes dates (typed conversion only).
        #[arg(long, value_enum, default_value = "iso8601")]
        dates: Dates,
    },
    /// Write the HTTP/1.1 request of a ClubReady operation, exactly as it would be sent, for
    /// the request value read from stdin.
    Request(crate::http::RequestArgs),
    /// Decode a raw HTTP response read from stdin into the operation's response, written as
    /// JSON; an error response exits non-zero with the error on stderr.
    Response(crate::http::ResponseArgs),
}

/// Formats `convert` reads.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// JSON.
    Json,
    /// JSV, compact or pretty.
    Jsv,
    /// A query string or form body, bound as the ServiceStack server binds it (needs --type).
    Query,
    /// ServiceStack CSV: a header and one row (needs --type).
    Csv,
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
    /// The ServiceStack C# client's GET query string (needs --type).
    Query,
    /// `QueryStringSerializer`'s form body (needs --type).
    Form,
    /// The query string ClubReady's pages teach, JSV brackets kept (needs --type).
    QueryClubready,
    /// ServiceStack CSV: a header and one row (needs --type).
    Csv,
}

/// Date forms of JSON output.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum Dates {
    /// ISO 8601 `"0001-01-01T00:00:00.0000000"`, as ClubReady's pages show.
    Iso8601,
    /// ServiceStack's default `"\/Date(-62135596800000-0000)\/"`.
    Timestamp,
}

impl From<Dates> for json::Options {
    fn from(dates: Dates) -> json::Options {
        json::Options::new().dates(match dates {
            Dates::Iso8601 => DateHandler::Iso8601,
            Dates::Timestamp => DateHandler::Timestamp,
        })
    }
}

/// Converts a document as one DTO type.
type Converter = fn(&[u8], InputFormat, OutputFormat, json::Options) -> Result<Vec<u8>, CliError>;

/// Every DTO the command knows: wire name, Rust name, converter.
macro_rules! dto_table {
    ($($ty:ident),* $(,)?) => {
        &[$((<dto::$ty as WireType>::WIRE_NAME, stringify!($ty), convert_as::<dto::$ty> as Converter)),*]
    };
}

const TYPES: &[(&str, &str, Converter)] = clubready_wire::for_each_dto!(dto_table);

/// The converter for a type name: a Rust name first (so `SalePaymentMethodDto` picks its
/// shape), then a wire name.
fn converter(name: &str) -> Result<Converter, CliError> {
    TYPES
        .iter()
        .find(|(_, rust, _)| *rust == name)
        .or_else(|| TYPES.iter().find(|(wire, _, _)| *wire == name))
        .map(|(_, _, f)| *f)
        .ok_or_else(|| {
            // Wire names, or the Rust name where two types share one.
            let shared = |wire: &str| TYPES.iter().filter(|(w, _, _)| *w == wire).count() > 1;
            let known: Vec<&str> = TYPES
                .iter()
                .map(|(wire, rust, _)| if shared(wire) { *rust } else { *wire })
                .collect();
            CliError::Usage(format!(
                "unknown type `{name}`; known: {}",
                known.join(", ")
            ))
        })
}

fn convert_as<T>(
    input: &[u8],
    from: InputFormat,
    to: OutputFormat,
    options: json::Options,
) -> Result<Vec<u8>, CliError>
where
    T: serde::Serialize + serde::de::DeserializeOwned,
{
    let decode = |e: &dyn std::fmt::Display| CliError::Decode(e.to_string());
    let value: T = match from {
        InputFormat::Json => json::from_slice(input).map_err(|e| decode(&e))?,
        InputFormat::Jsv => jsv::from_slice(input).map_err(|e| decode(&e))?,
        InputFormat::Query => {
            let text = std::str::from_utf8(input).map_err(|e| decode(&e))?;
            // A query string may come with its `?` and a trailing line break.
            let text = text.trim_end_matches(['\r', '\n']);
            query::from_str(text.strip_prefix('?').unwrap_or(text)).map_err(|e| decode(&e))?
        }
        InputFormat::Csv => csv::from_slice(input).map_err(|e| decode(&e))?,
    };
    let encode = |e: &dyn std::fmt::Display| CliError::Encode(e.to_string());
    let text = match to {
        OutputFormat::Json => options.to_string(&value).map_err(|e| encode(&e))?,
        OutputFormat::Jsv => jsv::to_string(&value).map_err(|e| encode(&e))?,
        OutputFormat::JsvPretty => jsv::to_string_pretty(&value).map_err(|e| encode(&e))?,
        OutputFormat::Query => query::Options::new()
            .style(query::Style::Client)
            .to_string(&value)
            .map_err(|e| encode(&e))?,
        OutputFormat::Form => query::Options::new()
            .style(query::Style::Form)
            .to_string(&value)
            .map_err(|e| encode(&e))?,
        OutputFormat::QueryClubready => query::to_string(&value).map_err(|e| encode(&e))?,
        OutputFormat::Csv => csv::to_string(&value).map_err(|e| encode(&e))?,
    };
    Ok(text.into_bytes())
}

/// Converts `input` as the named DTO type.
pub fn convert_typed(
    input: &[u8],
    type_name: &str,
    from: InputFormat,
    to: OutputFormat,
    dates: Dates,
) -> Result<Vec<u8>, CliError> {
    converter(type_name)?(input, from, to, dates.into())
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
    /// The arguments name something unknown.
    Usage(String),
}

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CliError::Decode(e) => write!(f, "cannot decode input: {e}"),
            CliError::Encode(e) => write!(f, "cannot encode output: {e}"),
            CliError::Io(e) => write!(f, "I/O error: {e}"),
            CliError::Usage(e) => f.write_str(e),
        }
    }
}

impl std::error::Error for CliError {}

/// Converts `input` (untyped) from one format to another.
pub fn convert(input: &[u8], from: InputFormat, to: OutputFormat) -> Result<Vec<u8>, CliError> {
    let needs_type = || {
        CliError::Usage(
            "CSV, query strings and form bodies need --type (which fields, which are strings)"
                .into(),
        )
    };
    let value: jsv::Value = match from {
        InputFormat::Json => {
            json::from_slice(input).map_err(|e| CliError::Decode(e.to_string()))?
        }
        InputFormat::Jsv => jsv::from_slice(input).map_err(|e| CliError::Decode(e.to_string()))?,
        InputFormat::Query | InputFormat::Csv => return Err(needs_type()),
    };
    match to {
        OutputFormat::Json => json::to_vec(&value).map_err(|e| CliError::Encode(e.to_string())),
        OutputFormat::Jsv => jsv::to_vec(&value).map_err(|e| CliError::Encode(e.to_string())),
        OutputFormat::JsvPretty => {
            jsv::to_vec_pretty(&value).map_err(|e| CliError::Encode(e.to_string()))
        }
        OutputFormat::Query
        | OutputFormat::Form
        | OutputFormat::QueryClubready
        | OutputFormat::Csv => Err(needs_type()),
    }
}

/// Runs the command described by `args` on the given streams.
pub fn run(args: Args, mut stdin: impl Read, mut stdout: impl Write) -> Result<(), CliError> {
    match args.command {
        Command::Convert {
            from,
            to,
            type_name,
            dates,
        } => {
            let mut input = Vec::new();
            stdin.read_to_end(&mut input).map_err(CliError::Io)?;
            let output = match type_name {
                Some(name) => convert_typed(&input, &name, from, to, dates)?,
                None => convert(&input, from, to)?,
            };
            stdout.write_all(&output).map_err(CliError::Io)?;
            stdout.flush().map_err(CliError::Io)
        }
        Command::Request(args) => crate::http::request(args, stdin, stdout),
        Command::Response(args) => crate::http::response(args, stdin, stdout),
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

#[cfg(test)]
mod tests {
    use super::{convert, InputFormat, OutputFormat};

    #[test]
    fn untyped_convert_keeps_number_text_and_quotes_only_what_jsv_must() {
        let out = convert(
            br#"{"A":[true,1.50,null,"x,y"]}"#,
            InputFormat::Json,
            OutputFormat::Jsv,
        )
        .unwrap();
        assert_eq!(out, br#"{A:[True,1.50,,"x,y"]}"#);
    }
}
