//! The wire formats on the command line, and reading and writing each of them: typed (a DTO or
//! a list of them, noting unknown properties) or untyped (a [`jsv::Value`]).

use clap::ValueEnum;
use serde::de::DeserializeOwned;
use serde::Serialize;

use clubready_wire::dotnet::Zone;
use clubready_wire::json::{self, DateHandler};
use clubready_wire::{csv, jsv, query};

use crate::error::CliError;
use crate::unknown::{self, Unknowns};

/// Formats the commands read.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// ServiceStack JSON: an object, or an array of them.
    Json,
    /// JSV, compact or pretty: an object, or a list of them.
    Jsv,
    /// ServiceStack CSV: a header line, then one row per object.
    Csv,
    /// A query string or form body (any style, `?` optional), bound as the ServiceStack server
    /// binds it.
    Query,
}

/// Formats `convert` writes.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Compact ServiceStack JSON.
    Json,
    /// Compact JSV, as ServiceStack writes it.
    Jsv,
    /// JSV in the layout of ServiceStack's `Dump()`.
    JsvPretty,
    /// ServiceStack CSV: a header line, then one row per object.
    Csv,
    /// The ServiceStack C# client's GET query string.
    Query,
    /// `QueryStringSerializer`'s form body.
    Form,
    /// The query string ClubReady's pages teach, JSV brackets kept.
    QueryClubready,
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

/// A document read as a type: one value, or a list of them (a top-level array or list, several
/// CSV rows, or `--many`).
pub enum Doc<T> {
    /// One value.
    One(T),
    /// A list, and whether its items are CSV rows (numbered from 1 in messages) rather than
    /// list items (indexed from 0).
    Many(Vec<T>, bool),
}

/// Reads `input` as a `T`, or a list of them (see [`Doc`]), noting the properties `T` does not
/// know in `unknowns`. `many` reads a single value as a list of one.
pub fn read<T: DeserializeOwned>(
    input: &[u8],
    from: InputFormat,
    many: bool,
    unknowns: &mut Unknowns,
) -> Result<Doc<T>, CliError> {
    let doc = match from {
        InputFormat::Json if is_list(input) => Doc::Many(
            unknown::from_json(input, unknowns).map_err(CliError::decode)?,
            false,
        ),
        InputFormat::Json => {
            Doc::One(unknown::from_json(input, unknowns).map_err(CliError::decode)?)
        }
        InputFormat::Jsv if is_list(input) => Doc::Many(
            unknown::from_jsv(input, unknowns).map_err(CliError::decode)?,
            false,
        ),
        InputFormat::Jsv => Doc::One(unknown::from_jsv(input, unknowns).map_err(CliError::decode)?),
        InputFormat::Query => {
            let text = query_text(input)?;
            let value = query::from_str(text).map_err(CliError::decode)?;
            unknowns.check_query::<T>(text);
            Doc::One(value)
        }
        InputFormat::Csv => {
            let doc = read_csv(input, many)?;
            unknowns.check_csv::<T>(input);
            doc
        }
    };
    Ok(match doc {
        Doc::One(value) if many => Doc::Many(vec![value], false),
        doc => doc,
    })
}

/// Reads `input` untyped: JSON and JSV as they are, a CSV row as an object (header → cell),
/// several rows as a list of them, a query string as an object (name → value). `many` reads a
/// single value as a list of one.
pub fn read_value(input: &[u8], from: InputFormat, many: bool) -> Result<jsv::Value, CliError> {
    let value = match from {
        InputFormat::Json => json::from_slice(input).map_err(CliError::decode)?,
        InputFormat::Jsv => jsv::from_slice(input).map_err(CliError::decode)?,
        InputFormat::Query => query::from_str(query_text(input)?).map_err(CliError::decode)?,
        InputFormat::Csv => match read_csv(input, many)? {
            Doc::One(value) => value,
            Doc::Many(rows, _) => jsv::Value::List(rows),
        },
    };
    Ok(match value {
        jsv::Value::List(_) => value,
        value if many => jsv::Value::List(vec![value]),
        value => value,
    })
}

/// Reads CSV rows: one row is one value (read as the library reads one, with its errors), more
/// rows (or `many`) a list.
fn read_csv<T: DeserializeOwned>(input: &[u8], many: bool) -> Result<Doc<T>, CliError> {
    let mut rows = Vec::new();
    for row in csv::Reader::<_, T>::new(input) {
        rows.push(row.map_err(CliError::decode)?);
    }
    match rows.len() {
        _ if many => Ok(Doc::Many(rows, true)),
        0 => csv::from_slice(input)
            .map(Doc::One)
            .map_err(CliError::decode),
        1 => Ok(Doc::One(rows.remove(0))),
        _ => Ok(Doc::Many(rows, true)),
    }
}

/// Whether JSON or JSV text holds a list at its top (its first character past a byte order
/// mark and whitespace is `[`).
fn is_list(input: &[u8]) -> bool {
    let input = input.strip_prefix("\u{feff}".as_bytes()).unwrap_or(input);
    input.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[')
}

/// The query string in `input`: UTF-8, without a trailing line break (its `?` the reader skips).
fn query_text(input: &[u8]) -> Result<&str, CliError> {
    let text = std::str::from_utf8(input).map_err(CliError::decode)?;
    Ok(text.trim_end_matches(['\r', '\n']))
}

/// How output is written: JSON's date form, and the local zone of unspecified dates.
#[derive(Copy, Clone, Debug)]
pub struct WriteOptions {
    /// JSON output's options (its date form).
    pub json: json::Options,
    /// The zone whose offsets dates of unspecified kind are written with.
    pub zone: Zone,
}

/// Writes `value` in the format `to`.
pub fn write<T: ?Sized + Serialize>(
    value: &T,
    to: OutputFormat,
    options: WriteOptions,
) -> Result<Vec<u8>, CliError> {
    let zone = options.zone;
    let query = |style| query::Options::new().style(style).local_zone(zone);
    let jsv = jsv::Options::new().local_zone(zone);
    match to {
        OutputFormat::Json => options.json.local_zone(zone).to_vec(value),
        OutputFormat::Jsv => jsv.to_vec(value),
        OutputFormat::JsvPretty => jsv.pretty(true).to_vec(value),
        OutputFormat::Csv => csv::Options::new().local_zone(zone).to_vec(value),
        OutputFormat::Query => {
            refuse_trimmed_lists(value)?;
            query(query::Style::Client).to_vec(value)
        }
        OutputFormat::Form => {
            refuse_trimmed_lists(value)?;
            query(query::Style::Form).to_vec(value)
        }
        OutputFormat::QueryClubready => query(query::Style::ClubReady).to_vec(value),
    }
    .map_err(CliError::encode)
}

/// The client and form styles trim every `[` and `]` at the ends of a list's text, as
/// ServiceStack does (the library keeps its bytes): a list whose first or last item is a list
/// loses that list's brackets too (`[[1]]` is written `1`). The command line refuses to write
/// such a value in those styles rather than print what reads back as another value.
fn refuse_trimmed_lists<T: ?Sized + Serialize>(value: &T) -> Result<(), CliError> {
    let text = jsv::to_string(value).map_err(CliError::encode)?;
    let Ok(value) = jsv::from_str::<jsv::Value>(&text) else {
        return Ok(());
    };
    let nested_at_an_end = |v: &jsv::Value| {
        v.as_list().is_some_and(|items| {
            let is_list = |i: Option<&jsv::Value>| i.is_some_and(|i| i.as_list().is_some());
            is_list(items.first()) || is_list(items.last())
        })
    };
    let lossy = match &value {
        jsv::Value::Map(map) => map.values().any(nested_at_an_end),
        other => nested_at_an_end(other),
    };
    if lossy {
        return Err(CliError::encode(
            "a list whose first or last item is a list cannot be written as --to query or \
             --to form (those styles trim every bracket at the list's ends, as ServiceStack \
             does: `[[1]]` becomes `1`); use --to query-clubready",
        ));
    }
    Ok(())
}

/// Writes a document read as a type.
pub fn write_doc<T: Serialize>(
    doc: &Doc<T>,
    to: OutputFormat,
    options: WriteOptions,
) -> Result<Vec<u8>, CliError> {
    match doc {
        Doc::One(value) => write(value, to, options),
        Doc::Many(values, _) => write(values, to, options),
    }
}

/// Reads a `--local-zone`: `UTC`, a fixed offset `±hh:mm`, or an IANA zone name
/// (`America/New_York`).
pub fn parse_zone(text: &str) -> Result<Zone, String> {
    if text.eq_ignore_ascii_case("utc") || text == "Z" {
        return Ok(Zone::UTC);
    }
    if let Some(rest) = text.strip_prefix(['+', '-']) {
        let two_digits = |s: &str| {
            (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<i16>().ok())?
        };
        let minutes = rest
            .split_once(':')
            .and_then(|(h, m)| Some(two_digits(h)? * 60 + two_digits(m).filter(|m| *m < 60)?));
        let signed = minutes.map(|m| if text.starts_with('-') { -m } else { m });
        return signed.and_then(Zone::fixed).ok_or_else(|| {
            format!("`{text}` is not an offset from -14:00 to +14:00 in the form ±hh:mm")
        });
    }
    chrono_tz::TZ_VARIANTS
        .iter()
        .find(|tz| tz.name().eq_ignore_ascii_case(text))
        .map(Zone::of)
        .ok_or_else(|| {
            format!("`{text}` is not UTC, an offset (±hh:mm) or an IANA zone (America/New_York)")
        })
}
