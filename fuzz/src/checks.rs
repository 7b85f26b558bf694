//! The properties the fuzz targets check, one function per target. Each panics when its property
//! is violated and returns quietly otherwise (input the reader rejects is fine).
//!
//! Shared by the libFuzzer targets, their stable replay `main`s (`fuzz/fuzz_targets/*.rs`) and
//! the main crate's test suite (which `#[path]`-includes this file), so it depends only on
//! `clubready_wire`, std and crates the library itself depends on (`serde`, `indexmap`, `csv`).
//!
//! Every decoding target reads its input with the secret oracle's marker spliced in
//! ([`oracle`]); every typed value a reader makes goes through the fixed points of every format
//! ([`roundtrip`]).

#![allow(dead_code)]

#[path = "oracle.rs"]
pub mod oracle;
#[path = "roundtrip.rs"]
pub mod roundtrip;

use std::io::{self, Read};

use clubready_wire::dotnet::{DateTime, DateTimeKind, Decimal, ValueTuple};
use clubready_wire::dto::{
    AcctType, OwnerType, PaymentMethodType, PaymentProfileImportEndpoint,
    PaymentProfileImportResponse, RestrictedResourceType, SaleEndpoint,
    SellContractAndSetupClientRequest, SellContractRequest, SellContractResultDto,
};
use clubready_wire::jsv::{self, Value};
use clubready_wire::{csv, json, query};
use serde::{Deserialize, Serialize};

use oracle::{assert_hidden, splice, splice_csv, splice_query};
use roundtrip::{fixed_points, Dto};

/// `jsv_value`: reading any bytes as a [`Value`] never panics, and neither does rendering the
/// error (message, position, path) when the read fails; no error shows a credential.
pub fn jsv_value(data: &[u8]) {
    let input = splice(data);
    if let Err(err) = jsv::from_slice::<Value>(&input) {
        assert_hidden(data, &err, "jsv::from_slice::<Value>");
    }
}

/// `jsv_roundtrip`: printing is a fixed point. Whatever [`Value`] the reader makes of the input
/// prints (p1), p1 reads back, and that value prints as p1 again. The pretty layout of that value
/// reads back to a value that also prints as p1.
pub fn jsv_roundtrip(data: &[u8]) {
    let input = splice(data);
    match jsv::from_slice::<Value>(&input) {
        Ok(v1) => value_jsv_fixed_point(&v1),
        Err(err) => assert_hidden(data, &err, "jsv::from_slice::<Value>"),
    }
}

/// The JSV fixed point of a [`Value`] (compact and pretty).
fn value_jsv_fixed_point(v1: &Value) {
    let p1 = jsv::to_string(v1).unwrap_or_else(|e| panic!("to_string({v1:?}) failed: {e}"));
    let v2 = jsv::from_str::<Value>(&p1)
        .unwrap_or_else(|e| panic!("compact output {p1:?} of {v1:?} does not read back: {e}"));
    let p2 = jsv::to_string(&v2).unwrap_or_else(|e| panic!("to_string({v2:?}) failed: {e}"));
    assert_eq!(
        p1, p2,
        "compact printing is not idempotent: {v1:?} prints as {p1:?}, which reads as {v2:?}"
    );

    let pretty = jsv::to_string_pretty(&v2)
        .unwrap_or_else(|e| panic!("to_string_pretty({v2:?}) failed: {e}"));
    let v3 = jsv::from_str::<Value>(&pretty)
        .unwrap_or_else(|e| panic!("pretty output {pretty:?} of {v2:?} does not read back: {e}"));
    let p3 = jsv::to_string(&v3).unwrap_or_else(|e| panic!("to_string({v3:?}) failed: {e}"));
    assert_eq!(
        p1, p3,
        "pretty output {pretty:?} of {v2:?} reads back as {v3:?}"
    );
}

/// Finding F1 (reported to the lead, `fuzz/regressions/json_dto/top-level-null`): a top-level
/// null prints as the empty text, which the JSON reader rejects. Until that is decided, the JSON
/// fixed point of a top-level null is not checked.
pub const TOLERATE_EMPTY_JSON_NULL: bool = false;

/// The JSON fixed point of a [`Value`]: its JSON reads back to a value that prints the same
/// JSON (a value from JSON holds no nulls in objects, which JSON leaves out, except as read).
fn value_json_fixed_point(v1: &Value) {
    if TOLERATE_EMPTY_JSON_NULL && v1.is_null() {
        return;
    }
    let p1 = json::to_string(v1).unwrap_or_else(|e| panic!("json::to_string({v1:?}) failed: {e}"));
    let v2 = json::from_str::<Value>(&p1)
        .unwrap_or_else(|e| panic!("JSON output {p1:?} of {v1:?} does not read back: {e}"));
    let p2 = json::to_string(&v2).unwrap_or_else(|e| panic!("json::to_string({v2:?}) failed: {e}"));
    assert_eq!(
        p1, p2,
        "JSON printing is not idempotent: {v1:?} prints as {p1:?}, which reads as {v2:?}"
    );
}

/// The six DTOs the targets read: the richest requests and responses.
macro_rules! each_dto {
    ($f:ident($($arg:expr),*)) => {{
        $f::<SellContractAndSetupClientRequest>($($arg),*);
        $f::<SaleEndpoint>($($arg),*);
        $f::<PaymentProfileImportEndpoint>($($arg),*);
        $f::<SellContractRequest>($($arg),*);
        $f::<PaymentProfileImportResponse>($($arg),*);
        $f::<SellContractResultDto>($($arg),*);
    }};
}

fn type_name<T>() -> &'static str {
    let name = std::any::type_name::<T>();
    name.rsplit("::").next().unwrap_or(name)
}

/// `dto_jsv`: any bytes read as each DTO (dates, decimals, enums, nested payment methods) never
/// panic and show no credential in errors; whatever reads is a fixed point in every format.
pub fn dto_jsv(data: &[u8]) {
    let input = splice(data);
    each_dto!(dto_jsv_as(data, &input));
}

fn dto_jsv_as<T: Dto>(data: &[u8], input: &[u8]) {
    match jsv::from_slice::<T>(input) {
        Ok(v) => fixed_points(&v),
        Err(err) => assert_hidden(
            data,
            &err,
            &format!("jsv::from_slice::<{}>", type_name::<T>()),
        ),
    }
}

/// `json_dto`: any bytes read as ServiceStack JSON into each DTO and into [`Value`] never panic
/// and show no credential in errors; typed values are fixed points in every format, a
/// [`Value`] in JSON and JSV.
pub fn json_dto(data: &[u8]) {
    let input = splice(data);
    each_dto!(json_dto_as(data, &input));
    match json::from_slice::<Value>(&input) {
        Ok(v) => {
            value_json_fixed_point(&v);
            value_jsv_fixed_point(&v);
        }
        Err(err) => assert_hidden(data, &err, "json::from_slice::<Value>"),
    }
}

fn json_dto_as<T: Dto>(data: &[u8], input: &[u8]) {
    match json::from_slice::<T>(input) {
        Ok(v) => fixed_points(&v),
        Err(err) => assert_hidden(
            data,
            &err,
            &format!("json::from_slice::<{}>", type_name::<T>()),
        ),
    }
}

/// A reader that hands out its bytes in short pieces (1 to 7 bytes, chosen by the data
/// itself), as a socket or a pipe may.
pub struct ShortReads<'a> {
    data: &'a [u8],
    pos: usize,
    step: usize,
}

impl<'a> ShortReads<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        ShortReads {
            data,
            pos: 0,
            step: 0,
        }
    }
}

impl Read for ShortReads<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let rest = &self.data[self.pos..];
        if rest.is_empty() || buf.is_empty() {
            return Ok(0);
        }
        let size = self
            .data
            .get(self.step % self.data.len())
            .map_or(1, |b| usize::from(b % 7) + 1);
        self.step += 1;
        let n = size.min(rest.len()).min(buf.len());
        buf[..n].copy_from_slice(&rest[..n]);
        self.pos += n;
        Ok(n)
    }
}

/// A row of [`csv::Reader`] as the comparisons see it: the value, or the error's message.
fn csv_rows<T: Dto, R: Read>(reader: R, data: &[u8], len: usize) -> Vec<Result<T, String>> {
    let mut rows = Vec::new();
    for row in csv::Reader::<R, T>::new(reader) {
        match row {
            Ok(v) => rows.push(Ok(v)),
            Err(err) => {
                assert_hidden(data, &err, "csv::Reader");
                rows.push(Err(err.to_string()));
            }
        }
        // A row takes at least one byte, an error at most as many as the input has.
        assert!(
            rows.len() <= len + 2,
            "csv::Reader yields more items than the input has bytes"
        );
    }
    rows
}

/// `csv_dto`: any bytes read as CSV into each DTO, with `csv::from_slice` and with the
/// streaming `csv::Reader` (over the bytes at once and over a reader that returns short reads),
/// never panic and show no credential in errors. Both streams give the same rows and errors;
/// `from_slice` agrees with the stream; every row read is a fixed point in every format; and
/// the rows written again as one CSV text read back as the same rows.
pub fn csv_dto(data: &[u8]) {
    let input = splice_csv(data);
    each_dto!(csv_dto_as(data, &input));
}

fn csv_dto_as<T: Dto>(data: &[u8], input: &[u8]) {
    let what = format!("csv::from_slice::<{}>", type_name::<T>());
    let one = csv::from_slice::<T>(input);
    if let Err(err) = &one {
        assert_hidden(data, err, &what);
    }
    let rows: Vec<Result<T, String>> = csv_rows(input, data, input.len());
    let trickled: Vec<Result<T, String>> = csv_rows(ShortReads::new(input), data, input.len());
    assert!(
        rows == trickled,
        "{what}: short reads give other rows\nat once: {rows:?}\nshort reads: {trickled:?}"
    );
    match (&one, rows.first()) {
        (Ok(v), Some(first)) => assert!(
            first.as_ref() == Ok(v),
            "{what} reads {v:?}, the stream's first row is {first:?}"
        ),
        (Ok(_), None) => {
            // The one-column blank row, which the stream skips (documented).
        }
        (Err(_), _) => {}
    }
    if let [Ok(v)] = rows.as_slice() {
        assert!(
            one.as_ref().ok() == Some(v),
            "{what}: the stream reads one row {v:?}, from_slice gives {one:?}"
        );
    }
    let ok: Vec<T> = rows
        .iter()
        .filter_map(|r| r.as_ref().ok().cloned())
        .collect();
    for v in &ok {
        fixed_points(v);
    }
    if ok.len() > 1 {
        csv_many_rows(&ok);
    }
}

/// Many rows: written as one CSV text, they stream back as the same rows (modulo CSV's
/// documented loss), and print the same text again.
fn csv_many_rows<T: Dto>(rows: &[T]) {
    let text = csv::to_string(rows).unwrap_or_else(|e| panic!("csv::to_string of rows fails: {e}"));
    let back: Vec<T> = csv::Reader::<_, T>::new(text.as_bytes())
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("CSV rows {text:?} do not read back: {e}"));
    let again = csv::to_string(&back).unwrap_or_else(|e| panic!("csv::to_string fails: {e}"));
    assert_eq!(text, again, "CSV rows print differently once read back");
    assert_eq!(
        back.len(),
        rows.len(),
        "CSV rows {text:?} read back as another number of rows"
    );
}

/// `query_dto`: any bytes bound as a query string to each DTO, with each reader option
/// (`ignore_unknown`, `plus_as_space`), never panic and show no credential in errors; whatever
/// binds is a fixed point in every format (each query style included).
pub fn query_dto(data: &[u8]) {
    let input = splice_query(data);
    for plus_as_space in [true, false] {
        let strict = query::Options::new().plus_as_space(plus_as_space);
        let lax = strict.ignore_unknown(true);
        each_dto!(query_dto_as(data, &input, &strict, &lax));
    }
    if let Ok(text) = std::str::from_utf8(&input) {
        // `from_str` and `from_slice` are one reader.
        let a = query::from_str::<SaleEndpoint>(text).map_err(|e| e.to_string());
        let b = query::from_slice::<SaleEndpoint>(&input).map_err(|e| e.to_string());
        assert!(a == b, "query::from_str gives {a:?}, from_slice {b:?}");
    }
}

/// Binds `input` with the `strict` options (unknown names an error) and the `lax` ones
/// (ignored): every error hides credentials, whatever binds is a fixed point, and whatever binds
/// strictly binds laxly to the same value.
fn query_dto_as<T: Dto>(data: &[u8], input: &[u8], strict: &query::Options, lax: &query::Options) {
    let name = type_name::<T>();
    let strict_read = strict.from_slice::<T>(input);
    let lax_read = lax.from_slice::<T>(input);
    for (options, read) in [(strict, &strict_read), (lax, &lax_read)] {
        match read {
            // (A value both read is checked once.)
            Ok(v) if options == lax && strict_read.as_ref().ok() == Some(v) => {}
            Ok(v) => fixed_points(v),
            Err(err) => assert_hidden(
                data,
                err,
                &format!("query::from_slice::<{name}> ({options:?})"),
            ),
        }
    }
    if let Ok(v) = &strict_read {
        assert!(
            lax_read.as_ref().ok() == Some(v),
            "query::from_slice::<{name}>: binds as {v:?}, but ignoring unknown names gives {lax_read:?}"
        );
    }
}

// -------------------------------------------------------------------------------------------
// dotnet_text

/// A struct holding one value of each .NET wire type under a credential's name: a value that
/// does not parse must not be shown in the error.
#[derive(Debug, Deserialize)]
struct Credentials {
    #[serde(rename = "ApiKey")]
    api_key: Option<DateTime>,
    #[serde(rename = "AcctToken")]
    acct_token: Option<Decimal>,
    #[serde(rename = "ProfileToken")]
    profile_token: Option<AcctType>,
    #[serde(rename = "AuthToken")]
    auth_token: Option<ValueTuple<i32, OwnerType>>,
    #[serde(rename = "IncompleteAgreementToken")]
    incomplete_agreement_token: Option<RestrictedResourceType>,
}

/// One value under the property `V`, for the readers and writers of whole documents.
#[derive(Debug, Serialize, Deserialize)]
struct One<T> {
    #[serde(rename = "V")]
    v: T,
}

/// `text` as a JSON string literal.
fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `text` as a CSV cell (always quoted, inner quotes doubled).
fn csv_cell(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// `text` percent-escaped (every byte but ASCII letters and digits).
fn percent(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Whether JSV reads `text` at the top level as the bare scalar `text` itself (no quotes, no
/// brackets; a final line break is dropped, which every parser here trims anyway).
fn bare_jsv(text: &str) -> bool {
    // JSV skips whitespace before a top-level value, a quoted one included.
    let t = text.trim_start();
    !t.starts_with(['{', '[', '"'])
}

/// Whether a CSV cell of `text` reads as `text` (which parsers then trim); quoted text would be
/// read as JSV by the cell's scalar reader.
fn plain_cell(text: &str) -> bool {
    bare_jsv(text) && !text.trim_start().starts_with('"')
}

/// `FromStr` and each reader (JSV, JSON, CSV, query) agree on `text` as a `T`: the same value,
/// or all an error.
fn readers_agree<T>(text: &str, from_str: &Result<T, String>)
where
    T: for<'de> Deserialize<'de> + PartialEq + std::fmt::Debug,
{
    let name = type_name::<T>();
    let ok = |r: &Result<T, String>| r.as_ref().ok().map(|_| ()).ok_or(());
    // A byte order mark at the start of a document is skipped by design (not by `FromStr`):
    // the JSV comparison leaves such text out (in a CSV cell or a query parameter it is text).
    let bom = text.starts_with('\u{feff}');
    if bare_jsv(text) && !bom {
        let jsv_read = jsv::from_str::<T>(text).map_err(|e| e.to_string());
        match (&jsv_read, from_str) {
            (Ok(a), Ok(b)) => assert!(
                a == b,
                "{name}: JSV reads {text:?} as {a:?}, FromStr as {b:?}"
            ),
            _ => assert_eq!(
                ok(&jsv_read),
                ok(from_str),
                "{name}: JSV reads {text:?} as {jsv_read:?}, FromStr as {from_str:?}"
            ),
        }
    }
    let json_read = json::from_str::<T>(&json_string(text)).map_err(|e| e.to_string());
    match (&json_read, from_str) {
        (Ok(a), Ok(b)) => assert!(
            a == b,
            "{name}: JSON reads {text:?} as {a:?}, FromStr as {b:?}"
        ),
        _ => assert_eq!(
            ok(&json_read),
            ok(from_str),
            "{name}: JSON reads {text:?} as {json_read:?}, FromStr as {from_str:?}"
        ),
    }
    if plain_cell(text) && !text.is_empty() {
        let csv_read =
            csv::from_str::<One<T>>(&format!("V\r\n{}\r\n", csv_cell(text))).map(|o| o.v);
        let csv_read = csv_read.map_err(|e| e.to_string());
        match (&csv_read, from_str) {
            (Ok(a), Ok(b)) => assert!(
                a == b,
                "{name}: CSV reads {text:?} as {a:?}, FromStr as {b:?}"
            ),
            _ => assert_eq!(
                ok(&csv_read),
                ok(from_str),
                "{name}: CSV reads {text:?} as {csv_read:?}, FromStr as {from_str:?}"
            ),
        }
    }
    if bare_jsv(text) && !text.is_empty() {
        let query_read = query::from_str::<One<T>>(&format!("V={}", percent(text))).map(|o| o.v);
        let query_read = query_read.map_err(|e| e.to_string());
        if std::any::type_name::<T>().contains("ValueTuple<") {
            // The server binds a `ValueTuple` only from its object form, never from .NET's
            // text (BINDING.md), and neither does the query reader.
            assert!(
                query_read.is_err(),
                "{name}: a query binds the text {text:?} as {query_read:?}"
            );
            return;
        }
        match (&query_read, from_str) {
            (Ok(a), Ok(b)) => {
                assert!(
                    a == b,
                    "{name}: a query reads {text:?} as {a:?}, FromStr as {b:?}"
                )
            }
            _ => assert_eq!(
                ok(&query_read),
                ok(from_str),
                "{name}: a query reads {text:?} as {query_read:?}, FromStr as {from_str:?}"
            ),
        }
    }
}

/// A date's own forms read back: ISO 8601 `"o"` exactly, JSV's XSD with the kind its text
/// gives, WCF to the millisecond; each printing of the value read back is the same text.
fn date_forms(d: DateTime) {
    use clubready_wire::dotnet::Zone;
    let iso = d.to_iso8601();
    let back: DateTime = iso
        .parse()
        .unwrap_or_else(|e| panic!("{iso:?} does not read back: {e}"));
    assert_eq!(back, d, "ISO 8601 {iso:?} reads back as another date");

    let xsd = d.to_xsd(&Zone::UTC);
    let back: DateTime = xsd
        .parse()
        .unwrap_or_else(|e| panic!("{xsd:?} does not read back: {e}"));
    assert_eq!(
        back,
        roundtrip::jsv_date(d),
        "XSD {xsd:?} of {d:?} reads back as {back:?}"
    );
    assert_eq!(
        back.to_xsd(&Zone::UTC),
        xsd,
        "XSD printing is not idempotent"
    );

    let ticks_near_max = d.ticks() > clubready_wire::dotnet::MAX_TICKS - 864_000_000_000;
    let negative_offset =
        matches!(d.kind(), DateTimeKind::Local { offset_minutes } if offset_minutes < 0);
    // Near `MAX` at a negative offset the instant lies past year 9999 in UTC, which the WCF
    // form clamps to the range's end as .NET does (documented on `DateTime::to_wcf`): such a
    // date does not come back.
    let known_wcf_issue = ticks_near_max && negative_offset;
    // A non-UTC date at or before `MinValue`'s instant (or within a millisecond after it) is
    // written as UTC's `MinValue` (.NET's rule and clamp) and reads back at its offset.
    let floor = roundtrip::wcf_floor(&d);
    let expected_ticks = floor.unwrap_or(d.ticks());
    if !known_wcf_issue {
        let wcf = d.to_wcf(&Zone::UTC);
        let back: DateTime = wcf
            .parse()
            .unwrap_or_else(|e| panic!("{wcf:?} of {d:?} does not read back: {e}"));
        assert_eq!(back.kind(), d.kind(), "WCF {wcf:?} changes the kind");
        assert!(
            (back.ticks() - expected_ticks).abs() <= 10_000,
            "WCF {wcf:?} of {d:?} reads back as {back:?}"
        );
        let again = back.to_wcf(&Zone::UTC);
        // F3: .NET's double-precision milliseconds may drift by one per cycle far from 1970.
        let drift = roundtrip::TOLERATE_WCF_DRIFT && roundtrip::wcf_drift_only(&again, &wcf);
        let min_value = floor.is_some();
        if !(drift || min_value) {
            assert_eq!(again, wcf, "WCF printing is not idempotent");
        }
    }
    // And through each writer, as a document's value `V`.
    for fmt in roundtrip::FORMATS {
        let text = fmt
            .encode(&One { v: d })
            .unwrap_or_else(|e| panic!("{fmt:?} does not write {d:?}: {e}"));
        let skip = match fmt {
            // (.NET's clamping near `MAX` at a negative offset, as above.)
            roundtrip::Fmt::JsonWcf => known_wcf_issue,
            // The client style leaves out `DateTime.MinValue`, a non-nullable default.
            roundtrip::Fmt::Query(query::Style::Client) => text.is_empty(),
            // The form style writes an offset's `+` raw, which reads back as a space.
            roundtrip::Fmt::Query(query::Style::Form) => text.contains('+'),
            _ => false,
        };
        if skip {
            continue;
        }
        let back: One<DateTime> = fmt
            .decode(&text)
            .unwrap_or_else(|e| panic!("{fmt:?}: {text:?} of {d:?} does not read back: {e}"));
        let back = back.v;
        let again = fmt
            .encode(&One { v: back })
            .expect("a date read back prints");
        let drift = fmt == roundtrip::Fmt::JsonWcf
            && roundtrip::TOLERATE_WCF_DRIFT
            && roundtrip::wcf_drift_only(&text, &again);
        // (`MinValue`'s instant, as above.)
        let min_value = fmt == roundtrip::Fmt::JsonWcf && floor.is_some();
        if !(drift || min_value) {
            assert_eq!(text, again, "{fmt:?}: printing {d:?} is not idempotent");
        }
        match fmt {
            roundtrip::Fmt::JsonIso => assert_eq!(back, d, "{fmt:?}: {text:?}"),
            roundtrip::Fmt::JsonWcf => assert!(
                back.kind() == d.kind() && (back.ticks() - expected_ticks).abs() <= 10_000,
                "{fmt:?}: {text:?} of {d:?} reads back as {back:?}"
            ),
            _ => assert_eq!(back, roundtrip::jsv_date(d), "{fmt:?}: {text:?} of {d:?}"),
        }
    }
}

/// `dotnet_text`: the .NET wire types parse from any text without panicking, with `FromStr`
/// and through each reader (JSV, JSON, CSV, query), which all agree; what parses prints in its
/// forms, which read back (`DateTime`: ISO exactly, XSD with its kind, WCF to the millisecond;
/// `Decimal`, enums, `ValueTuple`: exactly, scale kept); and a value under a credential's name
/// that does not parse is never shown in an error.
pub fn dotnet_text(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };

    let date = text.parse::<DateTime>().map_err(|e| e.to_string());
    readers_agree::<DateTime>(text, &date);
    if let Ok(d) = date {
        date_forms(d);
    }

    let decimal = text.parse::<Decimal>().map_err(|e| e.to_string());
    readers_agree::<Decimal>(text, &decimal);
    if let Ok(d) = decimal {
        let printed = d.to_string();
        let back: Decimal = printed
            .parse()
            .unwrap_or_else(|e| panic!("{printed:?}: {e}"));
        assert_eq!(
            back.to_string(),
            printed,
            "decimal {text:?} prints as {printed:?}, which reads back otherwise"
        );
        for fmt in [roundtrip::Fmt::Jsv, roundtrip::Fmt::JsonIso] {
            let t = fmt
                .encode(&d)
                .unwrap_or_else(|e| panic!("{fmt:?} of {d}: {e}"));
            let back: Decimal = fmt
                .decode(&t)
                .unwrap_or_else(|e| panic!("{fmt:?} {t:?}: {e}"));
            assert_eq!(
                back.to_string(),
                printed,
                "{fmt:?} {t:?} of {printed} reads back otherwise"
            );
        }
    }

    enum_text::<RestrictedResourceType>(text);
    enum_text::<AcctType>(text);
    enum_text::<PaymentMethodType>(text);
    enum_text::<OwnerType>(text);

    let tuple = text
        .parse::<ValueTuple<i32, OwnerType>>()
        .map_err(|e| e.to_string());
    readers_agree::<ValueTuple<i32, OwnerType>>(text, &tuple);
    if let Ok(t) = tuple {
        let printed = t.to_string();
        let back: ValueTuple<i32, OwnerType> = printed
            .parse()
            .unwrap_or_else(|e| panic!("{printed:?}: {e}"));
        assert_eq!(back, t, "ValueTuple {printed:?} reads back otherwise");
        for fmt in roundtrip::FORMATS.into_iter().take(4) {
            let s = fmt
                .encode(&t)
                .unwrap_or_else(|e| panic!("{fmt:?} of {t:?}: {e}"));
            let back: ValueTuple<i32, OwnerType> = fmt
                .decode(&s)
                .unwrap_or_else(|e| panic!("{fmt:?} {s:?}: {e}"));
            assert_eq!(back, t, "{fmt:?} {s:?} reads back otherwise");
        }
    }

    credentials_hidden(data, text);
}

fn enum_text<T>(text: &str)
where
    T: std::str::FromStr + std::fmt::Display + serde::Serialize + for<'de> Deserialize<'de>,
    T: PartialEq + std::fmt::Debug + Copy,
    T::Err: std::fmt::Display,
{
    let parsed = text.parse::<T>().map_err(|e| e.to_string());
    readers_agree::<T>(text, &parsed);
    if let Ok(v) = parsed {
        let printed = v.to_string();
        let back: T = printed
            .parse()
            .unwrap_or_else(|e| panic!("{} {printed:?}: {e}", type_name::<T>()));
        assert_eq!(back, v, "{printed:?} reads back as another member");
        for fmt in roundtrip::FORMATS.into_iter().take(4) {
            let s = fmt
                .encode(&v)
                .unwrap_or_else(|e| panic!("{fmt:?} of {v:?}: {e}"));
            let back: T = fmt
                .decode(&s)
                .unwrap_or_else(|e| panic!("{fmt:?} {s:?}: {e}"));
            assert_eq!(back, v, "{fmt:?} {s:?} reads back otherwise");
        }
    }
}

/// The text after the marker, under each credential's name, in each reader: errors (the text
/// is no date, decimal, enum or tuple with the marker in front) never show the marker.
fn credentials_hidden(data: &[u8], text: &str) {
    use oracle::MARKER;
    let value = format!("{MARKER}{text}");
    for name in oracle::CREDENTIALS {
        let jsv_text = format!("{{{name}:{value}}}");
        if let Err(e) = jsv::from_str::<Credentials>(&jsv_text) {
            assert_hidden(data, &e, "jsv (dotnet_text)");
        }
        let json_text = format!("{{\"{name}\":{}}}", json_string(&value));
        if let Err(e) = json::from_str::<Credentials>(&json_text) {
            assert_hidden(data, &e, "json (dotnet_text)");
        }
        let csv_text = format!("{name}\r\n{}\r\n", csv_cell(&value));
        if let Err(e) = csv::from_str::<Credentials>(&csv_text) {
            assert_hidden(data, &e, "csv (dotnet_text)");
        }
        let query_text = format!("{name}={}", percent(&value));
        if let Err(e) = query::from_str::<Credentials>(&query_text) {
            assert_hidden(data, &e, "query (dotnet_text)");
        }
    }
}
