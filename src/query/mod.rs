//! DTOs as query strings and form bodies, in the three styles ServiceStack APIs meet, and the
//! server's binding of a query string or form body back into a DTO.
//!
//! ```
//! use clubready_wire::dto::{SaleEndpoint, SalePaymentMethodDto};
//! use clubready_wire::query;
//!
//! let sale = SaleEndpoint {
//!     api_key: Some("k+/=".into()),
//!     payment_amount: Some("2.00".parse()?),
//!     payment_methods: Some(vec![
//!         SalePaymentMethodDto { acct_token: Some("a,b+c".into()), payment_amount: Some("1.00".parse()?), ..Default::default() },
//!         SalePaymentMethodDto { payment_amount: Some("1.00".parse()?), use_preferred: Some(true), ..Default::default() },
//!     ]),
//!     ..Default::default()
//! };
//! // The ServiceStack C# client's GET query: camelCase, RFC 3986, list brackets trimmed.
//! assert_eq!(
//!     query::to_client_query(&sale)?,
//!     "apiKey=k%2B%2F%3D&paymentAmount=2.00&paymentMethods=%7BAcctToken%3A%22a%2Cb%2Bc%22%2C\
//!      PaymentAmount%3A1.00%7D%2C%7BPaymentAmount%3A1.00%2CUsePreferred%3ATrue%7D"
//! );
//! // ServiceStack's `QueryStringSerializer` (form bodies).
//! assert_eq!(
//!     query::to_form(&sale)?,
//!     "ApiKey=k%2b%2f%3d&PaymentAmount=2.00&PaymentMethods={AcctToken:%22a,b%2bc%22,\
//!      PaymentAmount:1.00},{PaymentAmount:1.00,UsePreferred:True}"
//! );
//! // What ClubReady's pages teach: JSV with its brackets and quotes, unsafe bytes escaped.
//! let url = query::to_clubready_query(&sale)?;
//! assert_eq!(
//!     url,
//!     "ApiKey=k%2B%2F%3D&PaymentAmount=2.00&PaymentMethods=[{AcctToken:%22a,b%2Bc%22,\
//!      PaymentAmount:1.00},{PaymentAmount:1.00,UsePreferred:True}]"
//! );
//! // All three read back as the server binds them.
//! assert_eq!(query::from_str::<SaleEndpoint>(&url)?, sale);
//! assert_eq!(query::from_str::<SaleEndpoint>(&query::to_client_query(&sale)?)?, sale);
//!
//! // A typo is an error, not a silently lost field; values of credentials are never shown.
//! let err = query::from_str::<SaleEndpoint>("ApiKey=secret&PaymentAmont=1.00").unwrap_err();
//! assert_eq!(err.to_string(), "unknown parameter `PaymentAmont`");
//! let err = query::from_str::<SaleEndpoint>("PaymentMethods={PaymentAmount:1.00},{UsePreferred:yes}")
//!     .unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     "PaymentMethods[1].UsePreferred: expected a bool (`true`, `false` in any case, `1` or `0`), \
//!      found `yes` at line 1 column 36 of its value"
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Writing
//!
//! A DTO (any `Serialize` struct, or a map) is walked by a small serializer: each top-level field
//! becomes a parameter, its value written with [`jsv`] and escaped by the style:
//!
//! | | [`to_client_query`] | [`to_form`] | [`to_clubready_query`] |
//! |---|---|---|---|
//! | names | camelCase (.NET `ToCamelCase`) | as declared | as declared |
//! | null (`None`) | left out | left out | left out |
//! | non-nullable default (`0`, `false`, `0.00`, `DateTime.MinValue`) | left out | written | written |
//! | strings | raw text, `Uri.EscapeDataString` | raw text, `UrlEncode` | raw text, [ClubReady set](#the-clubready-escaping-set) |
//! | other values | JSV, outer `[ ]` trimmed (not `[]`), `Uri.EscapeDataString` | JSV in `QueryStringMode` (below), outer `[ ]` trimmed | JSV as is, ClubReady set |
//!
//! - `Uri.EscapeDataString`: every UTF-8 byte but `A-Za-z0-9 - _ . ~` as `%XX` (uppercase).
//! - `UrlEncode` (ServiceStack's): `A-Za-z0-9 , - .` as they are, space as `+`, every other
//!   byte as `%xx` (lowercase; so `_` `~` `'` `(` are escaped too).
//! - `QueryStringMode` JSV: strings inside objects and lists lose JSV's quoting and are
//!   `UrlEncode`d, but a string holding `,`, or starting and ending with `"`, is first wrapped in
//!   `"` (inner quotes not doubled); `""` stays `""`; structure, property names and dates are
//!   written raw. A date's `+hh:mm` offset is thus a raw `+`, which every server reads as a space:
//!   ServiceStack's own flaw, reproduced for byte equality. Prefer the other styles for dates
//!   that are neither UTC nor midnight.
//! - Non-nullable defaults are recognised by their serde shape: integers, floats, bools,
//!   [`Decimal`](crate::dotnet::Decimal) and [`DateTime`](crate::dotnet::DateTime) (by ticks, as
//!   .NET compares). A non-nullable enum or `ValueTuple` at its default is written (serde shows
//!   them as text); no ClubReady DTO has one.
//! - [`to_form`]'s property names are written as they are, but a dictionary key inside a value is
//!   a string and is `UrlEncode`d (as ServiceStack does), so a nested property name holding `_`
//!   would be escaped where ServiceStack would not; no ClubReady DTO has one.
//!
//! ## The ClubReady escaping set
//!
//! ClubReady's pages ask for JSV with the brackets kept
//! (`PaymentMethods=[{PaymentAmount:1.00,UsePreferred:True}]`). [`to_clubready_query`] keeps JSV's
//! quoting inside values (a token `a,b` stays `"a,b"`, `""` stays `""`) and escapes, with
//! uppercase hex, every byte except `A-Za-z0-9 - . _ ~` and `: , { } [ ]`. So `+ & # % =`, space,
//! `"`, `'`, `(`, `)`, `/`, `?`, `;`, `@`, controls and non-ASCII are all escaped; what is left
//! raw is what the WHATWG URL parser (browsers, the `url` crate) leaves raw in a query too.
//! Top-level strings are written raw (no JSV quotes), because the server binds a string
//! parameter to the URL-decoded text as it is.
//!
//! # Reading
//!
//! [`from_str`] binds as ServiceStack's server does: names in any case, empty values skipped,
//! string properties take the decoded text as is (no JSV unquoting), every other property is
//! parsed as JSV, and list brackets are optional (`a,b,c` and `{..},{..}` are lists). `+` is a
//! space, in query strings as in form bodies: ServiceStack's hosts take the query from the
//! framework (`ListenerRequest.QueryString` is `HttpUtility.ParseQueryString(request.Url.Query)`,
//! `NetCoreRequest.QueryString` wraps ASP.NET Core's `request.Query`, classic ASP.NET's
//! `Request.QueryString`), and each of those decodes `+` as a space. Every writer here escapes a
//! literal `+` (except in `to_form`'s dates and number-shaped text such as `1E+5` inside a
//! value, which `QueryStringSerializer` writes raw like a double: both read back with a space).
//! [`DecodeOptions`] changes either rule.
//!
//! Deliberate differences from ServiceStack:
//! - an unknown name is an error naming it (ServiceStack drops it silently, so a typo loses a
//!   payment field); [`DecodeOptions::ignore_unknown`] restores the silence;
//! - a name given twice is an error (ASP.NET joins the values with `,`);
//! - a value that does not parse is an error naming the parameter and the path inside its JSV
//!   value (ServiceStack's lenient reader defaults it); values of parameters whose name looks
//!   like a credential ([`is_sensitive_key`](crate::jsv::is_sensitive_key)) are never shown.

mod decode;
mod encode;

use std::fmt;

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::jsv;

pub use encode::camel_case;

/// Writes `value` as the ServiceStack C# client writes a GET request's query string (without
/// the `?`): camelCase names, nulls and non-nullable defaults left out, strings and JSV values
/// escaped with `Uri.EscapeDataString`, outer list brackets trimmed.
pub fn to_client_query<T: ?Sized + Serialize>(value: &T) -> Result<String, Error> {
    encode::to_string(value, encode::Style::Client)
}

/// Writes `value` as ServiceStack's `QueryStringSerializer` does (a form body,
/// `application/x-www-form-urlencoded`): names as declared, defaults written, ServiceStack's
/// `UrlEncode`.
pub fn to_form<T: ?Sized + Serialize>(value: &T) -> Result<String, Error> {
    encode::to_string(value, encode::Style::Form)
}

/// Writes `value` in the style ClubReady's pages teach: names as declared, JSV values with
/// brackets and quotes kept, escaped with [the ClubReady set](self#the-clubready-escaping-set).
pub fn to_clubready_query<T: ?Sized + Serialize>(value: &T) -> Result<String, Error> {
    encode::to_string(value, encode::Style::ClubReady)
}

/// One value as the C# client writes it in a query string (`RestRoute.FormatQueryParameterValue`,
/// no default skipped); `None` for null.
pub fn client_query_value<T: ?Sized + Serialize>(value: &T) -> Result<Option<String>, Error> {
    encode::value(value, encode::Style::Client, false).map_err(|e| Error::encode(None, e))
}

/// One value as `QueryStringSerializer` writes a property holding it; `None` for null.
pub fn form_value<T: ?Sized + Serialize>(value: &T) -> Result<Option<String>, Error> {
    encode::value(value, encode::Style::Form, false).map_err(|e| Error::encode(None, e))
}

/// One value as [`to_clubready_query`] writes a property holding it; `None` for null.
pub fn clubready_query_value<T: ?Sized + Serialize>(value: &T) -> Result<Option<String>, Error> {
    encode::value(value, encode::Style::ClubReady, false).map_err(|e| Error::encode(None, e))
}

/// How [`from_str_with`] reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DecodeOptions {
    /// Skip names that match no property, as ServiceStack does (default `false`: an error).
    pub ignore_unknown: bool,
    /// Read `+` as a space (default `true`, as ServiceStack's server does in query strings and
    /// form bodies alike).
    pub plus_as_space: bool,
}

impl Default for DecodeOptions {
    fn default() -> Self {
        DecodeOptions {
            ignore_unknown: false,
            plus_as_space: true,
        }
    }
}

/// Binds a query string (with or without its leading `?`) or a form body to a `T`, as
/// ServiceStack's server does, with the [default options](DecodeOptions).
pub fn from_str<T: DeserializeOwned>(input: &str) -> Result<T, Error> {
    decode::from_str(input, DecodeOptions::default())
}

/// [`from_str`] with options.
pub fn from_str_with<T: DeserializeOwned>(input: &str, options: DecodeOptions) -> Result<T, Error> {
    decode::from_str(input, options)
}

/// An error writing or reading a query string: the parameter, the path inside its value, and
/// what went wrong (never a credential's value).
pub struct Error {
    param: Option<String>,
    /// Path inside the parameter's JSV value (`[1].UsePreferred`), empty for the value itself.
    inner_path: String,
    message: String,
    /// Line and column inside the parameter's value.
    position: Option<(usize, usize)>,
}

/// A parameter name as errors show it: a name that looks like a credential, or holds one
/// (`ApiKey%3Dsecret`), or is long enough to be a pasted token (over 32 characters), shows only
/// its start.
fn shown_name(name: &str) -> String {
    let len = name.chars().count();
    let looks_secret = crate::jsv::is_sensitive_key(name) && !is_plain_identifier(name);
    if len > 32 || looks_secret {
        let start: String = name.chars().take(6).collect();
        format!("{start}… ({len} characters)")
    } else {
        name.to_owned()
    }
}

/// Letters, digits and `_` only (a property name, not text with a value in it).
fn is_plain_identifier(name: &str) -> bool {
    name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

impl Error {
    fn from_jsv(param: Option<String>, e: jsv::Error, shift: bool) -> Error {
        let has_path = e.segments().next().is_some();
        let path = if has_path { e.path() } else { String::new() };
        let mut message = e.to_string();
        if has_path {
            if let Some(rest) = message.strip_prefix(&format!("{path}: ")) {
                message = rest.to_owned();
            }
        }
        let position = (e.line() != 0).then(|| {
            let suffix = format!(" at line {} column {}", e.line(), e.column());
            if let Some(rest) = message.strip_suffix(&suffix) {
                message = rest.to_owned();
            }
            let column = if shift && e.line() == 1 {
                e.column().saturating_sub(1).max(1)
            } else {
                e.column()
            };
            (e.line(), column)
        });
        if param.as_deref().is_some_and(jsv::is_sensitive_key) {
            message = "invalid value (not shown: it is a credential)".to_owned();
        }
        Error {
            param,
            inner_path: path,
            message,
            position,
        }
    }

    fn encode(param: Option<String>, e: jsv::Error) -> Error {
        Error::from_jsv(param, e, false)
    }

    fn decode(param: Option<String>, e: jsv::Error, bracketed: bool) -> Error {
        Error::from_jsv(param, e, bracketed)
    }

    fn unknown(names: Vec<String>) -> Error {
        // At most ten names, each shown as `shown_name` allows.
        let mut list: Vec<String> = names
            .iter()
            .take(10)
            .map(|n| format!("`{}`", shown_name(n)))
            .collect();
        if names.len() > 10 {
            list.push(format!("and {} more", names.len() - 10));
        }
        let message = if names.len() == 1 {
            format!("unknown parameter {}", list[0])
        } else {
            format!("unknown parameters {}", list.join(", "))
        };
        Error {
            param: None,
            inner_path: String::new(),
            message,
            position: None,
        }
    }

    fn duplicate(name: String) -> Error {
        let name = shown_name(&name);
        Error {
            param: Some(name),
            inner_path: String::new(),
            message: "given more than once".to_owned(),
            position: None,
        }
    }

    fn not_utf8(name: String) -> Error {
        Error {
            param: Some(shown_name(&name)),
            inner_path: String::new(),
            message: "its percent-decoded text is not UTF-8".to_owned(),
            position: None,
        }
    }

    /// The parameter the error is about, if it is about one.
    pub fn param(&self) -> Option<&str> {
        self.param.as_deref()
    }

    /// The full path: the parameter and the path inside its value
    /// (`PaymentMethods[1].UsePreferred`); `.` when the error is about no parameter.
    pub fn path(&self) -> String {
        match (&self.param, self.inner_path.as_str()) {
            (None, "") => ".".to_owned(),
            (None, inner) => inner.to_owned(),
            (Some(p), "") => p.clone(),
            (Some(p), inner) if inner.starts_with('[') => format!("{p}{inner}"),
            (Some(p), inner) => format!("{p}.{inner}"),
        }
    }

    /// Line and column (1-based, in characters) inside the parameter's decoded value.
    pub fn position(&self) -> Option<(usize, usize)> {
        self.position
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.param.is_some() || !self.inner_path.is_empty() {
            write!(f, "{}: ", self.path())?;
        }
        f.write_str(&self.message)?;
        if let Some((line, column)) = self.position {
            write!(f, " at line {line} column {column} of its value")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "query::Error({:?})", self.to_string())
    }
}

impl std::error::Error for Error {}
