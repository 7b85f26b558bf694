//! `clubready-wire convert`: reads one document on stdin and writes it to stdout in another wire
//! format, exactly as encoded (no trailing newline added).
//!
//! With `--type`, the document is read as that ClubReady DTO (or a list of them): dates,
//! decimals and enums as ServiceStack writes them, and a warning on stderr for each property the
//! type does not know (`--strict`: an error). Without it, it goes through [`jsv::Value`] (text,
//! lists, ordered maps, null), as ServiceStack converts any value.

use std::io::{Read, Write};

use clap::Args;
use serde::de::DeserializeOwned;
use serde::Serialize;

use clubready_wire::dotnet::Zone;
use clubready_wire::jsv;

use crate::error::CliError;
use crate::formats::{self, Dates, InputFormat, OutputFormat, WriteOptions};
use crate::types;
use crate::unknown::Unknowns;

/// Arguments of `convert`.
#[derive(Args, Debug)]
#[command(after_long_help = types::help())]
pub struct ConvertArgs {
    /// Format of the input.
    #[arg(long, value_enum)]
    pub from: InputFormat,
    /// Format of the output.
    #[arg(long, value_enum)]
    pub to: OutputFormat,
    /// ClubReady type of the document (or of each item of a list), by its wire name
    /// (`SaleEndpoint`, `PamentProfileBalanceInquiryEndpointResponse`, ...) or Rust name
    /// (`SalePaymentMethodDto`); `clubready-wire types` lists them. Without it the document is
    /// converted untyped: every scalar stays text, as JSV has no types.
    #[arg(long = "type", value_name = "TYPE")]
    pub type_name: Option<String>,
    /// Read the input as a list even when it holds one value: a CSV of one row, or a single
    /// object, becomes a list of one. (A top-level array or list, or several CSV rows, is a
    /// list anyway.)
    #[arg(long)]
    pub many: bool,
    /// Refuse a property the type does not know (exit non-zero, nothing written) instead of
    /// warning of it on stderr.
    #[arg(long, requires = "type_name")]
    pub strict: bool,
    /// How JSON output writes dates [default: iso8601]. Typed JSON output only: JSV, CSV and
    /// query strings have one date form each, and untyped values have no dates.
    #[arg(long, value_enum, value_name = "FORM")]
    pub dates: Option<Dates>,
    /// The server's zone, whose offsets dates of unspecified kind are written with (as a
    /// ServiceStack server there writes them): `UTC` (the default), a fixed offset `-05:00`, or
    /// an IANA zone `America/New_York` (daylight saving time and history included). Typed
    /// output only: untyped values have no dates.
    #[arg(long, value_name = "ZONE", value_parser = formats::parse_zone, requires = "type_name", allow_hyphen_values = true)]
    pub local_zone: Option<Zone>,
}

/// What a typed conversion is asked to do.
pub struct Job {
    /// Format of the input.
    pub from: InputFormat,
    /// Format of the output.
    pub to: OutputFormat,
    /// Read a single value as a list of one.
    pub many: bool,
    /// How output is written (JSON's dates, the local zone).
    pub write: WriteOptions,
}

/// What a typed conversion gives: the output, and the properties the type did not know.
pub struct Converted {
    /// The encoded document.
    pub bytes: Vec<u8>,
    /// The properties skipped.
    pub unknowns: Unknowns,
}

/// Converts a document as one DTO type.
pub type Convert = fn(&[u8], &Job) -> Result<Converted, CliError>;

/// Converts `input` as a `T`, or a list of them.
pub fn typed<T: Serialize + DeserializeOwned>(
    input: &[u8],
    job: &Job,
) -> Result<Converted, CliError> {
    let mut unknowns = Unknowns::default();
    let doc = formats::read::<T>(input, job.from, job.many, &mut unknowns)?;
    let bytes = formats::write_doc(&doc, job.to, job.write)?;
    Ok(Converted { bytes, unknowns })
}

/// Converts `input` untyped, through [`jsv::Value`].
pub fn untyped(input: &[u8], job: &Job) -> Result<Vec<u8>, CliError> {
    let value: jsv::Value = formats::read_value(input, job.from, job.many)?;
    formats::write(&value, job.to, job.write)
}

/// Refuses `--dates` where it would change nothing.
fn check_dates(args: &ConvertArgs) -> Result<(), CliError> {
    if args.dates.is_none() {
        Ok(())
    } else if args.to != OutputFormat::Json {
        Err(CliError::Usage(
            "--dates sets the date form of JSON output (--to json); JSV, CSV and query strings \
             write dates in one form each"
                .into(),
        ))
    } else if args.type_name.is_none() {
        Err(CliError::Usage(
            "--dates needs --type: untyped values have no dates (they are text)".into(),
        ))
    } else {
        Ok(())
    }
}

/// Warns of the unknown properties on `stderr`, or refuses them with `strict`.
pub fn report_unknowns(
    unknowns: &Unknowns,
    strict: bool,
    mut stderr: impl Write,
) -> Result<(), CliError> {
    if strict && !unknowns.is_empty() {
        return Err(CliError::Unknown(unknowns.lines()));
    }
    for line in unknowns.lines() {
        writeln!(stderr, "clubready-wire: warning: {line}").map_err(CliError::Io)?;
    }
    Ok(())
}

/// Runs `convert`.
pub fn run(
    args: ConvertArgs,
    mut stdin: impl Read,
    mut stdout: impl Write,
    stderr: impl Write,
) -> Result<(), CliError> {
    check_dates(&args)?;
    let dto = args.type_name.as_deref().map(types::find).transpose()?;
    let job = Job {
        from: args.from,
        to: args.to,
        many: args.many,
        write: WriteOptions {
            json: args.dates.unwrap_or(Dates::Iso8601).into(),
            zone: args.local_zone.unwrap_or(Zone::UTC),
        },
    };
    let mut input = Vec::new();
    stdin.read_to_end(&mut input).map_err(CliError::Io)?;
    let output = match dto {
        Some(dto) => {
            let converted = (dto.convert)(&input, &job)?;
            report_unknowns(&converted.unknowns, args.strict, stderr)?;
            converted.bytes
        }
        None => untyped(&input, &job)?,
    };
    stdout.write_all(&output).map_err(CliError::Io)?;
    stdout.flush().map_err(CliError::Io)
}

#[cfg(test)]
mod tests {
    use super::{untyped, Job};
    use crate::formats::{InputFormat, OutputFormat, WriteOptions};
    use clubready_wire::dotnet::Zone;

    #[test]
    fn untyped_convert_keeps_number_text_and_quotes_only_what_jsv_must() {
        let job = Job {
            from: InputFormat::Json,
            to: OutputFormat::Jsv,
            many: false,
            write: WriteOptions {
                json: Default::default(),
                zone: Zone::UTC,
            },
        };
        let out = untyped(br#"{"A":[true,1.50,null,"x,y"]}"#, &job).unwrap();
        assert_eq!(out, br#"{A:[True,1.50,,"x,y"]}"#);
    }

    #[test]
    fn lists_the_client_and_form_styles_would_cut_are_refused() {
        let job = |to| Job {
            from: InputFormat::Json,
            to,
            many: false,
            write: WriteOptions {
                json: Default::default(),
                zone: Zone::UTC,
            },
        };
        for to in [OutputFormat::Query, OutputFormat::Form] {
            for input in [&b"[[1]]"[..], b"[[]]", br#"{"A":[1,[2]]}"#] {
                let err = untyped(input, &job(to)).unwrap_err().to_string();
                assert!(err.contains("use --to query-clubready"), "{err}");
            }
            // An inner list between other items keeps its brackets.
            assert!(untyped(br#"{"A":[1,[2],3]}"#, &job(to)).is_ok());
        }
        let kept = untyped(b"[[1]]", &job(OutputFormat::QueryClubready)).unwrap();
        assert_eq!(kept, b"[[1]]");
    }
}
