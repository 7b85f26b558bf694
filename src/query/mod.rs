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
//! let client = query::Options::new().style(query::Style::Client);
//! assert_eq!(
//!     client.to_string(&sale)?,
//!     "apiKey=k%2B%2F%3D&paymentAmount=2.00&paymentMethods=%7BAcctToken%3A%22a%2Cb%2Bc%22%2C\
//!      PaymentAmount%3A1.00%7D%2C%7BPaymentAmount%3A1.00%2CUsePreferred%3ATrue%7D"
//! );
//! // ServiceStack's `QueryStringSerializer` (form bodies).
//! let form = query::Options::new().style(query::Style::Form);
//! assert_eq!(
//!     form.to_string(&sale)?,
//!     "ApiKey=k%2b%2f%3d&PaymentAmount=2.00&PaymentMethods={AcctToken:%22a,b%2bc%22,\
//!      PaymentAmount:1.00},{PaymentAmount:1.00,UsePreferred:True}"
//! );
//! // What ClubReady's pages teach (the default style): JSV with its brackets and quotes,
//! // unsafe bytes escaped.
//! let url = query::to_string(&sale)?;
//! assert_eq!(
//!     url,
//!     "ApiKey=k%2B%2F%3D&PaymentAmount=2.00&PaymentMethods=[{AcctToken:%22a,b%2Bc%22,\
//!      PaymentAmount:1.00},{PaymentAmount:1.00,UsePreferred:True}]"
//! );
//! // All three read back as the server binds them.
//! assert_eq!(query::from_str::<SaleEndpoint>(&url)?, sale);
//! assert_eq!(query::from_str::<SaleEndpoint>(&client.to_string(&sale)?)?, sale);
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
//! becomes a parameter, its value written with [`jsv`](crate::jsv) and escaped by the style:
//!
//! | | [`Style::Client`] | [`Style::Form`] | [`Style::ClubReady`] (default) |
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
//! - `QueryStringMode` JSV: structure, property names and dates are written raw; strings inside
//!   objects and lists are `UrlEncode`d, after JSV's quoting (in `"` when they hold
//!   `" : , { } [ ]` CR LF, inner quotes doubled; `""` for the empty string). **This departs from
//!   `QueryStringSerializer`'s bytes**, which quote only a string holding `,` or starting and
//!   ending with `"`, and never double inner quotes: there a crafted nested string
//!   (`",UsePreferred:true},{AcctToken:x,PaymentProfileId:"`) turns into structure on the server,
//!   one payment method becoming two. 57 of the 357 DTO vectors hold such a string; every other
//!   form is ServiceStack's byte for byte. A date's `+hh:mm` offset is still a raw `+`, which
//!   every server reads as a space: ServiceStack's own flaw, reproduced for byte equality. Prefer
//!   the other styles for dates that are neither UTC nor midnight.
//! - Non-nullable defaults are recognised by their serde shape: integers, floats, bools,
//!   [`Decimal`](crate::dotnet::Decimal) and [`DateTime`](crate::dotnet::DateTime) (by ticks, as
//!   .NET compares). A non-nullable enum or `ValueTuple` at its default is written (serde shows
//!   them as text); no ClubReady DTO has one.
//! - [`Style::Form`]'s property names are written as they are, but a dictionary key inside a value is
//!   a string and is `UrlEncode`d (as ServiceStack does), so a nested property name holding `_`
//!   would be escaped where ServiceStack would not; no ClubReady DTO has one.
//!
//! ## The ClubReady escaping set
//!
//! ClubReady's pages ask for JSV with the brackets kept
//! (`PaymentMethods=[{PaymentAmount:1.00,UsePreferred:True}]`). [`Style::ClubReady`] keeps JSV's
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
//! parts without `=` skipped (`ApiKey&StoreId=5` binds only `StoreId`: ASP.NET gives such a part
//! a null name, and a raw `&` inside a value cuts it there),
//! string properties take the decoded text as is (no JSV unquoting), every other property is
//! parsed as JSV, and list brackets are optional (`a,b,c` and `{..},{..}` are lists). `+` is a
//! space, in query strings as in form bodies: ServiceStack's hosts take the query from the
//! framework (`ListenerRequest.QueryString` is `HttpUtility.ParseQueryString(request.Url.Query)`,
//! `NetCoreRequest.QueryString` wraps ASP.NET Core's `request.Query`, classic ASP.NET's
//! `Request.QueryString`), and each of those decodes `+` as a space. Every writer here escapes a
//! literal `+` (except in the form style's dates and number-shaped text such as `1E+5` inside a
//! value, which `QueryStringSerializer` writes raw like a double: both read back with a space).
//! [`Options`] changes either rule.
//!
//! Deliberate differences from ServiceStack:
//! - an unknown name is an error naming it (ServiceStack drops it silently, so a typo loses a
//!   payment field); [`Options::ignore_unknown`] restores the silence;
//! - a name given twice is an error (ASP.NET joins the values with `,`);
//! - a value that does not parse is an error naming the parameter and the path inside its JSV
//!   value (ServiceStack's lenient reader defaults it, or reads `1,000.50`, `on`, `y` and
//!   culture-dependent dates); values of parameters whose name looks like a credential
//!   ([`is_sensitive_key`](crate::jsv::is_sensitive_key)) are never shown;
//! - percent-decoded text that is not UTF-8 is an error (ASP.NET reads U+FFFD); `%uXXXX` is
//!   decoded as System.Web does, a lone surrogate being an error;
//! - JSON inside a JSV value (`[{"PaymentAmount":"1.00"}]`: a property name quoted where JSV
//!   would not quote it) is an error, where the server silently binds an item with every
//!   property null.
//!
//! Where the server refuses a value (a 400), so does the decoder: a `ValueTuple` binds only from
//! its object form `{Item1:5,Item2:User}`, never from .NET's text `(5, User)` (quoted or not,
//! which the other readers accept) or a list. `tests/wire/query_binding.rs` checks every
//! hand-written case of `tests/vectors/bind_cases.jsonl` against what ServiceStack's binder made
//! of it.

mod decode;
mod encode;

pub(crate) use encode::Params;

use std::io;

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::dotnet::Zone;
pub use crate::error::{Error, Result};
pub use encode::camel_case;

/// The ways of writing a DTO as `name=value&...`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Style {
    /// What ClubReady's pages teach: names as declared, JSV values with brackets and quotes
    /// kept, escaped with [the ClubReady set](self#the-clubready-escaping-set).
    #[default]
    ClubReady,
    /// The ServiceStack C# client's GET query string: camelCase names, nulls and non-nullable
    /// defaults left out, strings and JSV values escaped with `Uri.EscapeDataString`, outer list
    /// brackets trimmed.
    ///
    /// Like the client, it trims *every* `[` and `]` at a list's ends (`string.Trim('[', ']')`),
    /// so a list whose first or last item is a list loses that list's brackets too (`[[1]]` is
    /// written `1`) and binds as another value; [`Style::ClubReady`] keeps them.
    Client,
    /// ServiceStack's `QueryStringSerializer` (a form body, `application/x-www-form-urlencoded`):
    /// names as declared, defaults written, ServiceStack's `UrlEncode`. It trims list brackets
    /// as [`Style::Client`] does, with the same loss for lists of lists.
    Form,
}

/// How query strings are written and read: the [`Style`], the local zone of unspecified dates,
/// and the reader's rules. The functions of this module use the defaults.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    style: Style,
    zone: Zone,
    ignore_unknown: bool,
    plus_as_space: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self::new()
    }
}

impl Options {
    /// The defaults: [`Style::ClubReady`], unspecified dates at UTC, unknown names an error, `+`
    /// read as a space.
    pub const fn new() -> Self {
        Options {
            style: Style::ClubReady,
            zone: Zone::UTC,
            ignore_unknown: false,
            plus_as_space: true,
        }
    }

    /// How values are written (default [`Style::ClubReady`]); reading takes every style.
    pub const fn style(mut self, style: Style) -> Self {
        self.style = style;
        self
    }

    /// The zone whose offset dates of unspecified kind are written with (default UTC).
    pub const fn local_zone(mut self, zone: Zone) -> Self {
        self.zone = zone;
        self
    }

    /// Skip names that match no property when reading, as ServiceStack does (default `false`:
    /// an error naming them).
    pub const fn ignore_unknown(mut self, ignore: bool) -> Self {
        self.ignore_unknown = ignore;
        self
    }

    /// Read `+` as a space (default `true`, as ServiceStack's server does in query strings and
    /// form bodies alike).
    pub const fn plus_as_space(mut self, plus_as_space: bool) -> Self {
        self.plus_as_space = plus_as_space;
        self
    }

    /// Writes `value` (a struct or a map: a DTO) as a query string, without the `?`.
    pub fn to_string<T: ?Sized + Serialize>(&self, value: &T) -> Result<String> {
        encode::to_string(value, self)
    }

    /// Writes `value` as query-string bytes.
    pub fn to_vec<T: ?Sized + Serialize>(&self, value: &T) -> Result<Vec<u8>> {
        self.to_string(value).map(String::into_bytes)
    }

    /// Writes `value` as a query string into `writer`.
    pub fn to_writer<W: io::Write, T: ?Sized + Serialize>(
        &self,
        mut writer: W,
        value: &T,
    ) -> Result<()> {
        let text = self.to_string(value)?;
        writer.write_all(text.as_bytes()).map_err(Error::io)
    }

    /// One value as this style writes a parameter holding it (no default left out); `None`
    /// for null.
    pub fn value_to_string<T: ?Sized + Serialize>(&self, value: &T) -> Result<Option<String>> {
        encode::value(value, self)
    }

    /// Binds a query string (with or without its leading `?`) or a form body to a `T`, as
    /// ServiceStack's server does (see [Reading](self#reading)).
    pub fn from_str<T: DeserializeOwned>(&self, input: &str) -> Result<T> {
        decode::from_str(input, self)
    }

    /// Binds query-string bytes (UTF-8) to a `T`.
    pub fn from_slice<T: DeserializeOwned>(&self, input: &[u8]) -> Result<T> {
        let text = std::str::from_utf8(input).map_err(|e| {
            Error::new(crate::error::ErrorCode::InvalidUtf8).at(input, e.valid_up_to())
        })?;
        self.from_str(text)
    }

    /// Binds a query string read from `reader` (to its end) to a `T`.
    pub fn from_reader<R: io::Read, T: DeserializeOwned>(&self, mut reader: R) -> Result<T> {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).map_err(Error::io)?;
        self.from_slice(&bytes)
    }
}

/// Writes `value` as a query string in [`Style::ClubReady`] (see [`Options::to_string`]).
pub fn to_string<T: ?Sized + Serialize>(value: &T) -> Result<String> {
    Options::new().to_string(value)
}

/// Writes `value` as query-string bytes in [`Style::ClubReady`].
pub fn to_vec<T: ?Sized + Serialize>(value: &T) -> Result<Vec<u8>> {
    Options::new().to_vec(value)
}

/// Writes `value` as a query string in [`Style::ClubReady`] into `writer`.
pub fn to_writer<W: io::Write, T: ?Sized + Serialize>(writer: W, value: &T) -> Result<()> {
    Options::new().to_writer(writer, value)
}

/// Binds a query string (with or without its leading `?`) or a form body to a `T`, as
/// ServiceStack's server does, with the default [`Options`].
pub fn from_str<T: DeserializeOwned>(input: &str) -> Result<T> {
    Options::new().from_str(input)
}

/// Binds query-string bytes (UTF-8) to a `T`.
pub fn from_slice<T: DeserializeOwned>(input: &[u8]) -> Result<T> {
    Options::new().from_slice(input)
}

/// Binds a query string read from `reader` to a `T`.
pub fn from_reader<R: io::Read, T: DeserializeOwned>(reader: R) -> Result<T> {
    Options::new().from_reader(reader)
}
