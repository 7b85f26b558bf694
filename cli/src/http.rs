//! `request` and `response`: a ClubReady operation's HTTP request as it would be sent, and a raw
//! HTTP response decoded into the operation's typed response (or its error).

use std::io::{Read, Write};

use clubready_wire::dto::{self, WireType};
use clubready_wire::ops::{self, http, BodyFormat, Operation, RequestError, ResponseFormat};
use clubready_wire::{json, jsv};
use serde::de::DeserializeOwned;

use crate::cli::CliError;

/// Arguments of `request`.
#[derive(clap::Args, Debug)]
pub struct RequestArgs {
    /// The request type, by wire or Rust name (`SaleEndpoint`, `SellContractRequest`, ...).
    #[arg(long = "type", value_name = "TYPE")]
    pub type_name: String,
    /// Format of the request value read from stdin.
    #[arg(long, value_enum, default_value = "json")]
    pub from: ValueFormat,
    /// How the request's body properties are sent.
    #[arg(long = "as", value_enum, default_value = "json")]
    pub send_as: SendAs,
    /// The API's base URL (default: ClubReady's, https://www.clubready.com/api/current).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// The response format asked for (`Accept`).
    #[arg(long, value_enum, default_value = "json")]
    pub accept: Accept,
    /// Build the request even if it breaks its operation's rules.
    #[arg(long)]
    pub no_validate: bool,
    /// The server's zone, whose offsets dates of unspecified kind are sent with: `UTC` (the
    /// default), a fixed offset `-05:00`, or an IANA zone `America/New_York`.
    #[arg(long, value_name = "ZONE", value_parser = crate::formats::parse_zone, allow_hyphen_values = true)]
    pub local_zone: Option<clubready_wire::dotnet::Zone>,
}

/// Arguments of `response`.
#[derive(clap::Args, Debug)]
pub struct ResponseArgs {
    /// The operation, by its request or response type's wire or Rust name (`SaleEndpoint` or
    /// `SaleResponse`).
    #[arg(long = "type", value_name = "TYPE")]
    pub type_name: String,
}

/// Formats a request value is read in.
#[derive(Copy, Clone, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ValueFormat {
    /// JSON.
    Json,
    /// JSV, compact or pretty.
    Jsv,
}

/// How a request's body properties are sent.
#[derive(Copy, Clone, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum SendAs {
    /// A JSON body.
    Json,
    /// A JSV body.
    Jsv,
    /// A form body (`application/x-www-form-urlencoded`).
    Form,
    /// Everything in the query string, no body.
    Query,
}

/// Response formats asked for.
#[derive(Copy, Clone, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Accept {
    /// `application/json`.
    Json,
    /// `text/jsv`.
    Jsv,
    /// `text/csv`.
    Csv,
}

/// Builds an operation's HTTP/1.1 request from its value's text.
type Build = fn(&[u8], ValueFormat, &ops::Options) -> Result<Vec<u8>, CliError>;
/// Decodes an operation's response into JSON.
type Decode = fn(&http::Response<Vec<u8>>) -> Result<Vec<u8>, CliError>;

/// One operation's entry points, and its request's and response's (wire, Rust) names.
struct Op {
    request: (&'static str, &'static str),
    response: (&'static str, &'static str),
    build: Build,
    decode: Decode,
}

macro_rules! operations {
    ($($request:ident => $response:ident),* $(,)?) => {
        &[$(Op {
            request: (<dto::$request as WireType>::WIRE_NAME, stringify!($request)),
            response: (<dto::$response as WireType>::WIRE_NAME, stringify!($response)),
            build: build::<dto::$request>,
            decode: decode::<dto::$request>,
        },)*]
    };
}

const OPERATIONS: &[Op] = operations!(
    PaymentProfileBalanceInquiryEndpoint => PaymentProfileBalanceInquiryEndpointResponse,
    PaymentProfileImportEndpoint => PaymentProfileImportResponse,
    SellContractAndSetupClientRequest => SellContractAndSetupClientResponse,
    SaleEndpoint => SaleResponse,
    SellContractRequest => SellContractResultDto,
);

/// The operation a name stands for: a request's name, or (`responses`) a response's.
fn operation(name: &str, responses: bool) -> Result<&'static Op, CliError> {
    let names = |op: &Op| {
        let mut names = vec![op.request.0, op.request.1];
        if responses {
            names.extend([op.response.0, op.response.1]);
        }
        names
    };
    OPERATIONS
        .iter()
        .find(|op| names(op).contains(&name))
        .ok_or_else(|| {
            let known: Vec<&str> = OPERATIONS.iter().map(|op| op.request.0).collect();
            CliError::Usage(format!(
                "`{name}` is no operation; known: {}",
                known.join(", ")
            ))
        })
}

fn build<O>(input: &[u8], from: ValueFormat, options: &ops::Options) -> Result<Vec<u8>, CliError>
where
    O: Operation + DeserializeOwned,
{
    let value: O = match from {
        ValueFormat::Json => json::from_slice(input),
        ValueFormat::Jsv => jsv::from_slice(input),
    }
    .map_err(|e| CliError::Decode(e.to_string()))?;
    // A request that cannot be sent names why: every violation, a line each, or the property
    // whose value no header can carry.
    options
        .request(&value)
        .map(|request| ops::to_http1(&request))
        .map_err(|e: RequestError| CliError::Encode(e.to_string()))
}

fn decode<O>(response: &http::Response<Vec<u8>>) -> Result<Vec<u8>, CliError>
where
    O: Operation,
    O::Response: serde::Serialize,
{
    match ops::response::<O>(response) {
        Ok(value) => json::to_vec(&value).map_err(|e| CliError::Encode(e.to_string())),
        Err(e) => Err(CliError::Decode(e.to_string())),
    }
}

/// `clubready-wire request`: reads the request value on stdin, writes the HTTP/1.1 message.
pub fn request(
    args: RequestArgs,
    mut stdin: impl Read,
    mut stdout: impl Write,
) -> Result<(), CliError> {
    let op = operation(&args.type_name, false)?;
    let mut options = ops::Options::new()
        .body(match args.send_as {
            SendAs::Json => BodyFormat::Json,
            SendAs::Jsv => BodyFormat::Jsv,
            SendAs::Form => BodyFormat::Form,
            SendAs::Query => BodyFormat::Query,
        })
        .accept(match args.accept {
            Accept::Json => ResponseFormat::Json,
            Accept::Jsv => ResponseFormat::Jsv,
            Accept::Csv => ResponseFormat::Csv,
        })
        .validate(!args.no_validate);
    if let Some(zone) = args.local_zone {
        options = options.local_zone(zone);
    }
    if let Some(url) = args.base_url {
        options = options.base_url(url);
    }
    let mut input = Vec::new();
    stdin.read_to_end(&mut input).map_err(CliError::Io)?;
    let message = (op.build)(&input, args.from, &options)?;
    stdout.write_all(&message).map_err(CliError::Io)?;
    stdout.flush().map_err(CliError::Io)
}

/// `clubready-wire response`: reads a raw HTTP response on stdin, writes the typed response as
/// JSON, or fails with the error it is.
pub fn response(
    args: ResponseArgs,
    mut stdin: impl Read,
    mut stdout: impl Write,
) -> Result<(), CliError> {
    let op = operation(&args.type_name, true)?;
    let mut input = Vec::new();
    stdin.read_to_end(&mut input).map_err(CliError::Io)?;
    let response = parse_response(&input).map_err(|e| CliError::Decode(e.into()))?;
    let json = (op.decode)(&response)?;
    stdout.write_all(&json).map_err(CliError::Io)?;
    stdout.flush().map_err(CliError::Io)
}

/// Reads a raw HTTP/1.x response: status line, headers, blank line (CRLF or LF), body (to its
/// `Content-Length`, de-chunked for `Transfer-Encoding: chunked`, else the rest).
fn parse_response(raw: &[u8]) -> Result<http::Response<Vec<u8>>, &'static str> {
    let (head, body) = split_head(raw).ok_or("no blank line ends the response's headers")?;
    let head = std::str::from_utf8(head).map_err(|_| "the response's head is not UTF-8")?;
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or_default();
    let mut parts = status_line.split_whitespace();
    if !parts.next().is_some_and(|v| v.starts_with("HTTP/1.")) {
        return Err("the first line is not an HTTP/1.x status line");
    }
    let status: u16 = parts
        .next()
        .and_then(|s| s.parse().ok())
        .ok_or("the status line has no status code")?;
    let mut builder = http::Response::builder().status(status);
    let (mut length, mut chunked) = (None, false);
    for line in lines {
        let (name, value) = line.split_once(':').ok_or("a header line has no `:`")?;
        let (name, value) = (name.trim(), value.trim());
        if name.eq_ignore_ascii_case("content-length") {
            length = Some(value.parse::<usize>().map_err(|_| "a bad Content-Length")?);
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            chunked = value.eq_ignore_ascii_case("chunked");
        }
        builder = builder.header(name, value);
    }
    let body = if chunked {
        dechunk(body).ok_or("a broken chunked body")?
    } else if let Some(length) = length {
        body.get(..length)
            .ok_or("the body is shorter than its Content-Length")?
            .to_vec()
    } else {
        body.to_vec()
    };
    builder
        .body(body)
        .map_err(|_| "a status or header the http crate refuses")
}

/// The head and the body of a message.
fn split_head(raw: &[u8]) -> Option<(&[u8], &[u8])> {
    if let Some(i) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
        return Some((&raw[..i], &raw[i + 4..]));
    }
    let i = raw.windows(2).position(|w| w == b"\n\n")?;
    Some((&raw[..i], &raw[i + 2..]))
}

/// The data of a chunked body.
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let end = body.windows(2).position(|w| w == b"\r\n")?;
        let size_text = std::str::from_utf8(&body[..end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        body = &body[end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = body.get(size + 2..)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_responses_are_read_with_their_length_or_chunks() {
        let r = parse_response(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/jsv\r\nContent-Length: 2\r\n\r\n{}xx",
        )
        .unwrap();
        assert_eq!(
            (r.status().as_u16(), r.body().as_slice()),
            (200, &b"{}"[..])
        );
        let r = parse_response(
            b"HTTP/1.1 400 Bad Request\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n",
        )
        .unwrap();
        assert_eq!(r.body().as_slice(), b"abcde");
        let r =
            parse_response(b"HTTP/1.0 200 OK\nContent-Type: text/plain\n\nUnauthorized").unwrap();
        assert_eq!(r.body().as_slice(), b"Unauthorized");
        assert!(parse_response(b"garbage").is_err());
        assert!(parse_response(b"HTTP/1.1 abc\r\n\r\n").is_err());
        assert!(parse_response(b"HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n{}").is_err());
    }
}
