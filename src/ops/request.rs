//! Building the HTTP request of an [`Operation`]: every property written where the operation
//! says, in the form a ServiceStack server binds back exactly.

use std::fmt::{self, Display};

use http::header::{HeaderName, HeaderValue, ACCEPT, CONTENT_TYPE};
use serde::ser::{self, Impossible, Serialize, SerializeMap, SerializeStruct};

use super::{placement, Operation};
use crate::dotnet::Zone;
use crate::error::Error;
use crate::json::{DateHandler, JsonFormatter};
use crate::jsv::CompactFormatter;
use crate::query::{self, Params};
use crate::ser::{
    reject, reject_scalars, write_leaf, Compound, Formatter, KeyText, Leaf, Serializer,
};
use crate::validate::{Checker, Violations};

/// ClubReady's API root, the host the seed pages show.
pub const DEFAULT_BASE_URL: &str = "https://www.clubready.com/api/current";

/// How the properties that travel in the body are sent.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum BodyFormat {
    /// A JSON body (`application/json`), dates in ISO 8601 (the default).
    #[default]
    Json,
    /// A JSV body (`text/jsv`).
    Jsv,
    /// A form body (`application/x-www-form-urlencoded`) in the ClubReady query style (not
    /// ServiceStack's `QueryStringSerializer`, whose bytes a server misreads; see the
    /// [module documentation](super#what-a-server-reads-not-what-servicestack-writes)).
    Form,
    /// No body: every property in the query string (ClubReady style), as ClubReady's pages and
    /// web site send them.
    Query,
}

impl BodyFormat {
    /// The `Content-Type` of a body in this format (`None` for [`BodyFormat::Query`]).
    pub fn content_type(self) -> Option<&'static str> {
        match self {
            BodyFormat::Json => Some("application/json"),
            BodyFormat::Jsv => Some("text/jsv"),
            BodyFormat::Form => Some("application/x-www-form-urlencoded"),
            BodyFormat::Query => None,
        }
    }
}

/// The format asked of the response (the `Accept` header).
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum ResponseFormat {
    /// `application/json` (the default).
    #[default]
    Json,
    /// `text/jsv`.
    Jsv,
    /// `text/csv`.
    Csv,
}

impl ResponseFormat {
    /// The media type asked for in `Accept`.
    pub fn media_type(self) -> &'static str {
        match self {
            ResponseFormat::Json => "application/json",
            ResponseFormat::Jsv => "text/jsv",
            ResponseFormat::Csv => "text/csv",
        }
    }
}

/// How requests are built: base URL, body format, response format, validation, and the local
/// zone of unspecified dates. [`request`] uses the defaults.
///
/// ```
/// use clubready_wire::dto::PaymentProfileBalanceInquiryEndpoint;
/// use clubready_wire::ops::{self, ResponseFormat};
///
/// let inquiry = PaymentProfileBalanceInquiryEndpoint {
///     api_key: Some("k".into()),
///     store_id: 12,
///     acct_token: Some("a+b".into()),
///     ..Default::default()
/// };
/// let options = ops::Options::new()
///     .base_url("http://127.0.0.1:8080/api/current/")
///     .accept(ResponseFormat::Csv);
/// let request = options.request(&inquiry)?;
/// // A GET: everything in the query string.
/// assert_eq!(
///     request.uri(),
///     "http://127.0.0.1:8080/api/current/sales/paymentProfile/balanceInquiry?ApiKey=k&StoreId=12&AcctToken=a%2Bb"
/// );
/// assert_eq!(request.headers()["Accept"], "text/csv");
/// assert!(request.body().is_empty());
/// # Ok::<(), ops::RequestError>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Options {
    base_url: String,
    body: BodyFormat,
    accept: ResponseFormat,
    validate: bool,
    zone: Zone,
}

impl Default for Options {
    fn default() -> Self {
        Self::new()
    }
}

impl Options {
    /// The defaults: [`DEFAULT_BASE_URL`], a JSON body, JSON responses, validation on, unspecified
    /// dates at UTC.
    pub fn new() -> Self {
        Options {
            base_url: DEFAULT_BASE_URL.to_owned(),
            body: BodyFormat::Json,
            accept: ResponseFormat::Json,
            validate: true,
            zone: Zone::UTC,
        }
    }

    /// The URL the operations' paths are appended to: `http` or `https`, a host, and a path
    /// (a trailing `/` is ignored); no user name, query or fragment. Checked when a request is
    /// built.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// How the body's properties are sent (default [`BodyFormat::Json`]). A method without a
    /// body (`GET`, `DELETE`) sends every property in the query string whatever this says.
    pub fn body(mut self, format: BodyFormat) -> Self {
        self.body = format;
        self
    }

    /// The response format asked for (default [`ResponseFormat::Json`]).
    pub fn accept(mut self, format: ResponseFormat) -> Self {
        self.accept = format;
        self
    }

    /// Whether [`request`](Self::request) validates the request first (default `true`).
    pub fn validate(mut self, validate: bool) -> Self {
        self.validate = validate;
        self
    }

    /// The zone whose offset dates of unspecified kind are written with in JSV, form bodies and
    /// query strings (default UTC; JSON's ISO 8601 writes them without an offset).
    pub fn local_zone(mut self, zone: Zone) -> Self {
        self.zone = zone;
        self
    }

    /// Builds the HTTP request of `operation`: validated first (unless turned off), then each
    /// property written where the operation says ([`Operation::PARAMETERS`]), in a form the
    /// server binds back to exactly this value (see the
    /// [module documentation](super#what-a-server-reads-not-what-servicestack-writes)).
    ///
    /// `Accept` is set, and `Content-Type` when there is a body; `Host` and `Content-Length` are
    /// left to the HTTP client ([`to_http1`] writes them). The URI holds the query string, and so
    /// the credentials that travel in it: the request's `Debug` (the `http` crate's) shows it, so
    /// do not log a request.
    pub fn request<O: Operation + ?Sized>(
        &self,
        operation: &O,
    ) -> Result<http::Request<Vec<u8>>, RequestError> {
        if self.validate {
            let mut checker = Checker::new();
            operation.check_request(&mut checker);
            checker.finish().map_err(RequestError::Invalid)?;
        }
        let base = base_url(&self.base_url)?;
        let path = route(O::PATH)?;
        let has_body = method_has_body(&O::METHOD) && self.body != BodyFormat::Query;
        let place = |name: &str| placement::<O>(name, has_body);
        let query_options = query::Options::new().local_zone(self.zone);

        let mut query = String::new();
        let mut form = String::new();
        let mut headers = Vec::new();
        let sinks = Sinks {
            place: &place,
            query: Params::new(&mut query, &query_options),
            form: (has_body && self.body == BodyFormat::Form)
                .then(|| Params::new(&mut form, &query_options)),
            headers: &mut headers,
            header_error: None,
            header_text: crate::jsv::Serializer::new(String::new())
                .with_zone(self.zone)
                .with_tuple_objects(true),
        };
        let body = match (has_body, self.body) {
            (true, BodyFormat::Json) => {
                let json = Serializer::with_formatter(
                    String::new(),
                    JsonFormatter::new(DateHandler::Iso8601),
                );
                split(operation, sinks, Some(json), self.zone)?.into_bytes()
            }
            (true, BodyFormat::Jsv) => {
                let jsv = Serializer::with_formatter(String::new(), CompactFormatter);
                split(operation, sinks, Some(jsv), self.zone)?.into_bytes()
            }
            _ => {
                split::<O, CompactFormatter>(operation, sinks, None, self.zone)?;
                std::mem::take(&mut form).into_bytes()
            }
        };

        let mut uri = String::with_capacity(base.len() + path.len() + query.len() + 1);
        uri.push_str(base);
        uri.push_str(path);
        if !query.is_empty() {
            uri.push('?');
            uri.push_str(&query);
        }
        let mut builder = http::Request::builder()
            .method(O::METHOD)
            .uri(uri)
            .header(ACCEPT, self.accept.media_type());
        if has_body {
            if let Some(content_type) = self.body.content_type() {
                builder = builder.header(CONTENT_TYPE, content_type);
            }
        }
        for (name, value) in headers {
            builder = builder.header(name, value);
        }
        // Every part was checked above; a failure here would be the `http` crate's own rule.
        builder
            .body(body)
            .map_err(|_| RequestError::Url("the `http` crate refuses the URL or a header"))
    }
}

impl fmt::Debug for Options {
    /// The base URL is shown only when it cannot hold a credential (no user name, no query).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let url: &str = match base_url(&self.base_url) {
            Ok(url) => url,
            Err(_) => "<not shown: not a usable base URL>",
        };
        f.debug_struct("Options")
            .field("base_url", &url)
            .field("body", &self.body)
            .field("accept", &self.accept)
            .field("validate", &self.validate)
            .field("zone", &self.zone)
            .finish()
    }
}

/// Builds the HTTP request of `operation` with the default [`Options`].
pub fn request<O: Operation + ?Sized>(
    operation: &O,
) -> Result<http::Request<Vec<u8>>, RequestError> {
    Options::new().request(operation)
}

/// Whether requests of this method carry a body.
fn method_has_body(method: &http::Method) -> bool {
    matches!(
        *method,
        http::Method::POST | http::Method::PUT | http::Method::PATCH
    )
}

/// The base URL without its trailing `/`, checked.
fn base_url(url: &str) -> Result<&str, RequestError> {
    let uri: http::Uri = url
        .parse()
        .map_err(|_| RequestError::Url("the base URL is not a URL"))?;
    if !matches!(uri.scheme_str(), Some("http" | "https")) {
        return Err(RequestError::Url(
            "the base URL's scheme is not http or https",
        ));
    }
    let Some(authority) = uri.authority() else {
        return Err(RequestError::Url("the base URL has no host"));
    };
    if authority.as_str().contains('@') {
        return Err(RequestError::Url(
            "the base URL holds a user name (credentials do not belong in a URL)",
        ));
    }
    if uri.query().is_some() || url.contains('#') {
        return Err(RequestError::Url(
            "the base URL has a query or a fragment (operations write their own query)",
        ));
    }
    Ok(url.trim_end_matches('/'))
}

/// The operation's path, checked: it starts with `/` and holds only what a path may hold
/// unescaped (RFC 3986 `pchar`s and `/`).
fn route(path: &'static str) -> Result<&'static str, RequestError> {
    let ok = path.starts_with('/')
        && path
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/%".contains(&b));
    if ok {
        Ok(path)
    } else {
        Err(RequestError::Url(
            "the operation's path does not start with `/` or holds characters a path cannot",
        ))
    }
}

/// Why a request could not be built.
#[derive(Debug)]
#[non_exhaustive]
pub enum RequestError {
    /// The request breaks its operation's rules: every violation, in order.
    Invalid(Violations),
    /// A property that travels as a header holds a value no header can carry exactly.
    Header {
        /// The property's wire name.
        property: String,
        /// The header's name.
        header: &'static str,
        /// What is wrong with the value (which is never shown).
        problem: HeaderProblem,
    },
    /// A property could not be written (the error names its path).
    Encode(Error),
    /// The base URL or the operation's path is unusable: why (the URL itself is not shown).
    Url(&'static str),
}

/// Why a header cannot carry a property's value exactly.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum HeaderProblem {
    /// The value is empty (a header without a value is not the value).
    Empty,
    /// The value holds a line break or another control character (a tab is allowed): sending it
    /// would end the header, or inject another.
    ControlCharacter,
    /// The value holds a character beyond ASCII, which HTTP does not define for header values.
    NonAscii,
    /// The value starts or ends with a space or tab, which HTTP strips from header values.
    SurroundingWhitespace,
    /// The header's name is not a valid HTTP header name.
    InvalidName,
}

impl Display for HeaderProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            HeaderProblem::Empty => "the value is empty",
            HeaderProblem::ControlCharacter => {
                "the value holds a line break or another control character"
            }
            HeaderProblem::NonAscii => "the value holds a character beyond ASCII",
            HeaderProblem::SurroundingWhitespace => {
                "the value starts or ends with a space or tab, which HTTP strips"
            }
            HeaderProblem::InvalidName => "the header's name is not a valid HTTP header name",
        })
    }
}

impl Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RequestError::Invalid(violations) => {
                let n = violations.len();
                let rules = if n == 1 { "rule" } else { "rules" };
                write!(f, "the request breaks {n} {rules}:\n{violations}")
            }
            RequestError::Header {
                property,
                header,
                problem,
            } => write!(
                f,
                "{}: cannot be sent as the header `{header}`: {problem}",
                crate::error::shown_key(property)
            ),
            RequestError::Encode(e) => write!(f, "cannot write the request: {e}"),
            RequestError::Url(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for RequestError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            RequestError::Invalid(v) => Some(v),
            RequestError::Encode(e) => Some(e),
            _ => None,
        }
    }
}

/// The problem, if any, with sending `text` as a header value.
fn header_problem(text: &str) -> Option<HeaderProblem> {
    if text.is_empty() {
        Some(HeaderProblem::Empty)
    } else if text.chars().any(|c| c.is_control() && c != '\t') {
        Some(HeaderProblem::ControlCharacter)
    } else if !text.is_ascii() {
        Some(HeaderProblem::NonAscii)
    } else if text.starts_with([' ', '\t']) || text.ends_with([' ', '\t']) {
        Some(HeaderProblem::SurroundingWhitespace)
    } else {
        None
    }
}

/// Where each property goes, and what has been written so far.
struct Sinks<'a, 'q> {
    /// (header, in the query string) of a property.
    place: &'a dyn Fn(&str) -> (Option<&'static str>, bool),
    query: Params<'q>,
    form: Option<Params<'q>>,
    headers: &'a mut Vec<(HeaderName, HeaderValue)>,
    header_error: Option<RequestError>,
    /// A header's text: strings raw, anything else as JSV.
    header_text: Serializer<String, CompactFormatter>,
}

impl Sinks<'_, '_> {
    fn header<T: ?Sized + Serialize>(
        &mut self,
        property: &str,
        header: &'static str,
        value: &T,
    ) -> crate::Result<()> {
        self.header_text.clear();
        let kind = write_leaf(value, &mut self.header_text).map_err(|e| e.within_key(property))?;
        if kind == Leaf::Null {
            return Ok(());
        }
        let text = self.header_text.text();
        let problem = header_problem(text).or_else(|| {
            HeaderName::from_bytes(header.as_bytes())
                .is_err()
                .then_some(HeaderProblem::InvalidName)
        });
        let checked = match problem {
            None => HeaderName::from_bytes(header.as_bytes())
                .ok()
                .zip(HeaderValue::from_str(text).ok()),
            Some(_) => None,
        };
        match checked {
            Some(pair) => {
                self.headers.push(pair);
                Ok(())
            }
            None => {
                self.header_error = Some(RequestError::Header {
                    property: property.to_owned(),
                    header,
                    problem: problem.unwrap_or(HeaderProblem::ControlCharacter),
                });
                Err(Error::data("a header cannot carry the value"))
            }
        }
    }
}

/// Serializes `operation` once, sending each property to its place; returns the JSON or JSV
/// body written into `body` (empty without one).
fn split<O, F>(
    operation: &O,
    sinks: Sinks<'_, '_>,
    body: Option<Serializer<String, F>>,
    zone: Zone,
) -> Result<String, RequestError>
where
    O: Operation + ?Sized,
    F: Formatter,
{
    let mut body = body.map(|b| b.with_zone(zone).with_tuple_objects(true));
    let mut top = Top {
        sinks,
        body: body.as_mut(),
    };
    let result = operation.serialize(&mut top);
    if let Some(e) = top.sinks.header_error.take() {
        return Err(e);
    }
    result.map_err(RequestError::Encode)?;
    Ok(body.map(Serializer::into_inner).unwrap_or_default())
}

/// The top-level value: a struct (or a map) whose entries are the properties.
struct Top<'a, 'q, 'b, F> {
    sinks: Sinks<'a, 'q>,
    body: Option<&'b mut Serializer<String, F>>,
}

fn not_an_object() -> Error {
    Error::data("an operation is a struct or a map (a request DTO), not a single value")
}

/// The properties being written: the sinks, and the body's object when there is one.
struct Fields<'t, 'a, 'q, F> {
    sinks: &'t mut Sinks<'a, 'q>,
    body: Option<Compound<'t, String, F>>,
    /// The pending map key's text.
    key: String,
}

impl<F: Formatter> Fields<'_, '_, '_, F> {
    fn property<T: ?Sized + Serialize>(
        &mut self,
        name: &str,
        field: Option<&'static str>,
        value: &T,
    ) -> crate::Result<()> {
        let (header, in_query) = (self.sinks.place)(name);
        if let Some(header) = header {
            self.sinks.header(name, header, value)?;
        }
        if in_query {
            return self.sinks.query.param(name, value);
        }
        if let Some(form) = &mut self.sinks.form {
            return form.param(name, value);
        }
        match (&mut self.body, field) {
            (Some(body), Some(field)) => SerializeStruct::serialize_field(body, field, value),
            (Some(body), None) => {
                SerializeMap::serialize_key(body, name)?;
                SerializeMap::serialize_value(body, value)
            }
            // Without a body every property is in the query string.
            (None, _) => Ok(()),
        }
    }

    fn end(self) -> crate::Result<()> {
        match self.body {
            Some(body) => SerializeStruct::end(body),
            None => Ok(()),
        }
    }
}

impl<F: Formatter> SerializeStruct for Fields<'_, '_, '_, F> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> crate::Result<()> {
        self.property(key, Some(key), value)
    }
    fn end(self) -> crate::Result<()> {
        Fields::end(self)
    }
}

impl<F: Formatter> SerializeMap for Fields<'_, '_, '_, F> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> crate::Result<()> {
        self.key.clear();
        key.serialize(KeyText {
            out: &mut self.key,
            fmt: &mut CompactFormatter,
            zone: &Zone::UTC,
        })
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> crate::Result<()> {
        let key = std::mem::take(&mut self.key);
        let result = self.property(&key, None, value);
        self.key = key;
        result
    }
    fn end(self) -> crate::Result<()> {
        Fields::end(self)
    }
}

impl<'t, 'a, 'q, 'b, F: Formatter> ser::Serializer for &'t mut Top<'a, 'q, 'b, F> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Fields<'t, 'a, 'q, F>;
    type SerializeStruct = Fields<'t, 'a, 'q, F>;
    type SerializeStructVariant = Impossible<(), Error>;

    reject_scalars!(not_an_object(); ());
    reject! { not_an_object();
        serialize_char(v: char) -> ();
        serialize_str(v: &str) -> ();
        serialize_none() -> ();
        serialize_seq(len: Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(len: usize) -> Self::SerializeTuple;
        serialize_tuple_struct(name: &'static str, len: usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(name: &'static str, index: u32, variant: &'static str, len: usize) -> Self::SerializeTupleVariant;
        serialize_struct_variant(name: &'static str, index: u32, variant: &'static str, len: usize) -> Self::SerializeStructVariant;
    }

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> crate::Result<()> {
        value.serialize(self)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        name: &'static str,
        value: &T,
    ) -> crate::Result<()> {
        if name == crate::dotnet::DATETIME_TOKEN
            || name == crate::dotnet::DECIMAL_TOKEN
            || name == crate::dotnet::VALUETUPLE_TOKEN
        {
            return Err(not_an_object());
        }
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> crate::Result<()> {
        Err(not_an_object())
    }
    fn serialize_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> crate::Result<Fields<'t, 'a, 'q, F>> {
        let Top { sinks, body } = self;
        let body = match body.as_deref_mut() {
            Some(body) => Some(ser::Serializer::serialize_struct(body, name, len)?),
            None => None,
        };
        Ok(Fields {
            sinks,
            body,
            key: String::new(),
        })
    }
    fn serialize_map(self, len: Option<usize>) -> crate::Result<Fields<'t, 'a, 'q, F>> {
        let Top { sinks, body } = self;
        let body = match body.as_deref_mut() {
            Some(body) => Some(ser::Serializer::serialize_map(body, len)?),
            None => None,
        };
        Ok(Fields {
            sinks,
            body,
            key: String::new(),
        })
    }
}

/// The request as HTTP/1.1 bytes, as a client sends it: the request line (method, path and query),
/// `Host` (unless set), the request's headers (names in their usual capitalisation,
/// `X-Forwarded-For`), `Content-Length` for a body (and for a `POST`, `PUT` or `PATCH` without
/// one), a blank line, and the body.
///
/// ```
/// use clubready_wire::dto::PaymentProfileBalanceInquiryEndpoint;
/// use clubready_wire::ops;
///
/// let inquiry = PaymentProfileBalanceInquiryEndpoint { api_key: Some("k".into()), store_id: 1, acct_token: Some("t".into()), ..Default::default() };
/// let bytes = ops::to_http1(&ops::request(&inquiry)?);
/// assert_eq!(
///     String::from_utf8(bytes).unwrap(),
///     "GET /api/current/sales/paymentProfile/balanceInquiry?ApiKey=k&StoreId=1&AcctToken=t HTTP/1.1\r\n\
///      Host: www.clubready.com\r\n\
///      Accept: application/json\r\n\
///      \r\n"
/// );
/// # Ok::<(), ops::RequestError>(())
/// ```
pub fn to_http1(request: &http::Request<Vec<u8>>) -> Vec<u8> {
    let uri = request.uri();
    let target = uri.path_and_query().map_or("/", |p| p.as_str());
    let mut out = Vec::with_capacity(256 + request.body().len());
    out.extend_from_slice(request.method().as_str().as_bytes());
    out.push(b' ');
    out.extend_from_slice(target.as_bytes());
    out.extend_from_slice(b" HTTP/1.1\r\n");
    if let Some(authority) = uri.authority() {
        if !request.headers().contains_key(http::header::HOST) {
            out.extend_from_slice(b"Host: ");
            out.extend_from_slice(authority.as_str().as_bytes());
            out.extend_from_slice(b"\r\n");
        }
    }
    for (name, value) in request.headers() {
        out.extend_from_slice(title_case(name.as_str()).as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(value.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    let body = request.body();
    if (!body.is_empty() || method_has_body(request.method()))
        && !request.headers().contains_key(http::header::CONTENT_LENGTH)
    {
        out.extend_from_slice(format!("Content-Length: {}\r\n", body.len()).as_bytes());
    }
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(body);
    out
}

/// `x-forwarded-for` → `X-Forwarded-For`.
fn title_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = true;
    for c in name.chars() {
        out.push(if upper { c.to_ascii_uppercase() } else { c });
        upper = c == '-';
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_values_a_header_cannot_carry_are_named() {
        assert_eq!(header_problem(""), Some(HeaderProblem::Empty));
        assert_eq!(
            header_problem("1.2.3.4\r\nX-Evil: 1"),
            Some(HeaderProblem::ControlCharacter)
        );
        assert_eq!(
            header_problem("a\u{7f}"),
            Some(HeaderProblem::ControlCharacter)
        );
        assert_eq!(header_problem("é"), Some(HeaderProblem::NonAscii));
        assert_eq!(
            header_problem(" 1.2.3.4"),
            Some(HeaderProblem::SurroundingWhitespace)
        );
        assert_eq!(
            header_problem("1.2.3.4\t"),
            Some(HeaderProblem::SurroundingWhitespace)
        );
        assert_eq!(header_problem("a\tb"), None);
        assert_eq!(header_problem("203.0.113.7"), None);
    }

    #[test]
    fn options_debug_never_shows_a_credential_in_the_base_url() {
        let shown = format!("{:?}", Options::new().base_url("https://u:secret@h/x"));
        assert!(!shown.contains("secret"), "{shown}");
        let shown = format!("{:?}", Options::new().base_url("https://h/x?ApiKey=secret"));
        assert!(!shown.contains("secret"), "{shown}");
        let shown = format!("{:?}", Options::new());
        assert!(
            shown.contains("https://www.clubready.com/api/current"),
            "{shown}"
        );
    }

    #[test]
    fn base_urls_and_paths_are_checked() {
        assert_eq!(base_url("https://h/x/").unwrap(), "https://h/x");
        assert!(base_url("ftp://h").is_err());
        assert!(base_url("https://u:p@h").is_err());
        assert!(base_url("https://h/?a=b").is_err());
        assert!(base_url("https://h/#f").is_err());
        assert!(base_url("/relative").is_err());
        assert!(route("/a/b").is_ok());
        assert!(route("a").is_err());
        assert!(route("/a b").is_err());
        assert!(route("/a?b").is_err());
        assert_eq!(title_case("x-forwarded-for"), "X-Forwarded-For");
    }
}
