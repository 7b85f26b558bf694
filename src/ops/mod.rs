//! Calling ServiceStack operations over HTTP, sans I/O: an [`Operation`] (a request DTO that
//! knows its method, route, response type and where each property travels) becomes an
//! [`http::Request`]`<Vec<u8>>` that a ServiceStack server binds back to exactly the value it was
//! built from, and an [`http::Response`] becomes `Result<Response, `[`ApiError`]`>`.
//!
//! ```
//! use clubready_wire::dto::{SaleEndpoint, SalePaymentMethodDto};
//! use clubready_wire::ops::{self, http, ApiError};
//!
//! let sale = SaleEndpoint {
//!     x_forwarded_for: Some("203.0.113.7".into()),
//!     api_key: Some("k3y+/=".into()),
//!     member_id: Some(1234),
//!     store_id: Some(56),
//!     incomplete_agreement_token: Some("agreement-token".into()),
//!     payment_amount: Some("3.00".parse()?),
//!     payment_methods: Some(vec![SalePaymentMethodDto {
//!         use_preferred: Some(true),
//!         ..Default::default()
//!     }]),
//!     ..Default::default()
//! };
//! // Validated first; then ApiKey and MemberId in the query, X-Forwarded-For as a header, the
//! // rest as a JSON body (the defaults: see `Options`).
//! let request = ops::request(&sale)?;
//! assert_eq!(request.method(), http::Method::POST);
//! assert_eq!(
//!     request.uri(),
//!     "https://www.clubready.com/api/current/sales/agreement/sale?ApiKey=k3y%2B%2F%3D&MemberId=1234"
//! );
//! assert_eq!(request.headers()["X-Forwarded-For"], "203.0.113.7");
//! assert_eq!(request.headers()["Accept"], "application/json");
//! assert_eq!(
//!     String::from_utf8_lossy(request.body()),
//!     r#"{"XForwardedFor":"203.0.113.7","StoreId":56,"IncompleteAgreementToken":"agreement-token","PaymentAmount":3.00,"PaymentMethods":[{"UsePreferred":true}]}"#
//! );
//!
//! // Send `request` with any HTTP client (or `ops::Client`, feature `client`), then decode:
//! let answer = http::Response::builder()
//!     .status(200)
//!     .header("Content-Type", "application/json; charset=utf-8")
//!     .body(br#"{"success":false,"message":"Card declined"}"#.to_vec())?;
//! match ops::response::<SaleEndpoint>(&answer) {
//!     Ok(response) => println!("sold: {response:?}"),
//!     // HTTP 200 with `success: false` is an error you cannot overlook.
//!     Err(ApiError::Unsuccessful { response, .. }) => {
//!         assert_eq!(response.message.as_deref(), Some("Card declined"))
//!     }
//!     Err(other) => panic!("{other}"),
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # ClubReady's operations
//!
//! As their seed pages declare them (`ParameterType`; every property not listed travels in the
//! body of a `POST`, in the query string of the `GET`), each validated with its
//! [`Validate`](crate::validate::Validate) rules:
//!
//! | request | method, path | query string | header |
//! |---|---|---|---|
//! | [`PaymentProfileBalanceInquiryEndpoint`](crate::dto::PaymentProfileBalanceInquiryEndpoint) | `GET /sales/paymentProfile/balanceInquiry` | everything | |
//! | [`PaymentProfileImportEndpoint`](crate::dto::PaymentProfileImportEndpoint) | `POST /sales/paymentprofile/import` | `ApiKey` | |
//! | [`SellContractAndSetupClientRequest`](crate::dto::SellContractAndSetupClientRequest) | `POST /sales/contract/sold/new/user` | `ApiKey`, `ChainId`, `StoreId` | |
//! | [`SaleEndpoint`](crate::dto::SaleEndpoint) | `POST /sales/agreement/sale` | `ApiKey`, `MemberId` | `X-Forwarded-For` (`XForwardedFor`, also in the body) |
//! | [`SellContractRequest`](crate::dto::SellContractRequest) | `POST /sales/contract/sold` | `ApiKey`, `MemberId` | |
//!
//! Responses: [`ApiError`] says how a response failed: ServiceStack's error envelope in any
//! format, `Success: false` (the decoded response inside), or anything else that is not the
//! response (HTTP 200 with a bare `Unauthorized`, an error status without an envelope).
//!
//! # What a server reads, not what ServiceStack writes
//!
//! The format modules ([`jsv::to_string`](crate::jsv::to_string), [`json`](crate::json),
//! [`csv`](crate::csv), [`query::Style::Client`](crate::query::Style::Client) and
//! [`query::Style::Form`](crate::query::Style::Form)) reproduce ServiceStack.Text's bytes: what a
//! ServiceStack service *writes*, checked byte for byte. Some of those bytes are not what a
//! ServiceStack *server* reads back (measured on ServiceStack's own request binder,
//! `tests/vectors/BINDING.md`): a `ValueTuple` written as `"(5, User)"` binds as null or a 400,
//! the C# client's query drops `PaymentAmount=0.00`, the form serializer leaves a date's `+` raw
//! (read as a space) and JSV structure unquoted inside nested strings, and CSV request bodies do
//! not bind at all. Use the format modules to produce or check what ServiceStack writes (a
//! response of your own service, a fixture, a byte-for-byte comparison); use this module (or
//! [`query::Style::ClubReady`](crate::query::Style::ClubReady), which it uses for query strings and
//! form bodies) to *send* a request:
//!
//! - a `ValueTuple` is the object `{"Item1":5,"Item2":"User"}` (JSON) / `{Item1:5,Item2:User}`;
//! - query strings and form bodies are in the ClubReady style: JSV values with their quoting kept
//!   (doubled quotes inside quoted strings), list brackets kept (`[]` stays an empty list),
//!   `+ & % # =`, spaces, quotes, controls and non-ASCII percent-encoded, so a date's offset and
//!   a base64 token's `+` survive;
//! - defaults are written (`PaymentAmount=0.00` keeps its value and scale);
//! - JSON bodies carry ISO 8601 dates (7 fraction digits; the WCF form loses sub-millisecond
//!   ticks);
//! - the request's body formats are JSON, JSV, form and "everything in the query string" (no CSV,
//!   which no server binds reliably); responses are read in JSON, JSV and CSV.
//!
//! What cannot be exact, and is documented where it happens: an empty string in a query string or
//! form body reaches the server as null (it skips empty values), and a date's kind may change
//! (ServiceStack converts dates it reads to local time; the instant is kept).
//!
//! # Your own operations
//!
//! Implement [`Operation`] (or use [`operation!`](crate::operation)) for any ServiceStack request
//! DTO:
//!
//! ```
//! use clubready_wire::ops;
//! use serde::{Deserialize, Serialize};
//!
//! /// A request of another ServiceStack API (`[Route("/bookings", "POST")]`).
//! #[derive(Serialize, Default)]
//! #[serde(rename_all = "PascalCase")]
//! struct CreateBooking {
//!     api_key: Option<clubready_wire::Secret>,
//!     name: Option<String>,
//!     room_number: i32,
//! }
//!
//! #[derive(Deserialize, Debug)]
//! #[serde(rename_all = "PascalCase")]
//! struct IdResponse {
//!     id: Option<String>,
//! }
//!
//! clubready_wire::operation! {
//!     CreateBooking => IdResponse {
//!         method: POST,
//!         path: "/bookings",
//!         query: ["ApiKey"],
//!     }
//! }
//!
//! let booking = CreateBooking { api_key: Some("k".into()), name: Some("Ada".into()), room_number: 0 };
//! let request = ops::Options::new().base_url("https://api.example.org").request(&booking)?;
//! assert_eq!(request.uri(), "https://api.example.org/bookings?ApiKey=k");
//! assert_eq!(request.body(), br#"{"Name":"Ada","RoomNumber":0}"#);
//! # Ok::<(), ops::RequestError>(())
//! ```
//!
//! ServiceStack's predefined routes serve any operation by its name (`/json/reply/CreateBooking`,
//! or `/api/CreateBooking` on v6 and later), which is the simplest `path` for an operation whose
//! route has `{Placeholders}` (path variables are not filled in: put such a property in the query
//! of a predefined route instead).
//!
//! ## Validation
//!
//! [`Options::request`] runs [`Operation::check_request`] first and refuses the request with every
//! violation ([`RequestError::Invalid`]); [`Options::validate`]`(false)` turns that off. The
//! method does nothing by default, so an operation without rules costs nothing; the five
//! ClubReady operations run their [`Validate`](crate::validate::Validate) rules, and so does any
//! operation declared with `check: clubready_wire::validate::Validate::check` in
//! [`operation!`](crate::operation) (or whose `check_request` calls them).
//!
//! # DTOs of ServiceStack's own Rust crate
//!
//! The DTOs that ServiceStack's `servicestack` crate generates (`npx get-dtos rust`) are plain
//! serde types (`#[serde(default, rename_all = "camelCase")]`) and work with every codec here:
//! names match in any case on reading, so camelCase DTOs read PascalCase responses and the server
//! binds camelCase requests. Implement [`Operation`] for them next to their `IReturn` impl
//! (`path: "/api/Hello"`, the method of their `VERB`).
//!
//! What does not work is `#[serde(flatten)]` (their AutoQuery requests flatten `QueryDb`) with
//! fields that are not strings, when **reading** JSV, CSV or query strings: serde hands a
//! flattened struct's fields over untyped, and in those formats every scalar is text, so
//! `take: Option<i32>` fails with "invalid type: string". Writing works in every format
//! (requests built here are fine), and reading JSON works (its numbers are typed). Workaround:
//! read responses as JSON (the default), or declare the base's fields in the struct itself
//! instead of flattening it.

mod api_error;
#[cfg(feature = "client")]
mod client;
mod clubready;
mod request;
mod response;

pub use http;
pub use http::Method;

pub use api_error::{ApiError, Problem};
#[cfg(feature = "client")]
pub use client::{Client, ClientError, TransportError, TransportErrorKind, MAX_RESPONSE_BYTES};
pub use request::{
    request, to_http1, BodyFormat, HeaderProblem, Options, RequestError, ResponseFormat,
    DEFAULT_BASE_URL,
};
pub use response::{decode_response, response};

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::validate::Checker;

/// A ServiceStack operation: a request DTO that knows how it is sent and what answers it.
///
/// Properties not named in [`PARAMETERS`](Operation::PARAMETERS) travel in the body of a `POST`,
/// `PUT` or `PATCH`, and in the query string of any other method. Implement it with
/// [`operation!`](crate::operation), or by hand:
///
/// ```
/// use clubready_wire::ops::{Location, Method, Operation, Parameter};
/// use clubready_wire::validate::{Checker, Rule};
///
/// #[derive(serde::Serialize)]
/// struct Ping { #[serde(rename = "Id")] id: i32 }
///
/// impl Operation for Ping {
///     type Response = clubready_wire::jsv::Value;
///     const METHOD: Method = Method::GET;
///     const PATH: &'static str = "/ping";
///     const PARAMETERS: &'static [Parameter] = &[Parameter::header("Id", "X-Ping-Id")];
///     fn check_request(&self, v: &mut Checker) {
///         if self.id < 0 {
///             v.report("Id", Rule::Range, "must not be negative");
///         }
///     }
/// }
/// ```
pub trait Operation: Serialize {
    /// The type of a successful response's body.
    type Response: DeserializeOwned;

    /// The HTTP method.
    const METHOD: Method;

    /// The route's path below the base URL, starting with `/` (`/sales/agreement/sale`).
    const PATH: &'static str;

    /// Where properties travel when not in their default place (see the trait's documentation),
    /// by wire name (matched in any case). Default: none.
    const PARAMETERS: &'static [Parameter] = &[];

    /// Reports the request's violations to `v` before it is built (see
    /// [Validation](self#validation)). Default: none.
    fn check_request(&self, v: &mut Checker) {
        let _ = v;
    }
}

/// Where one property of an [`Operation`] travels.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub struct Parameter {
    /// The property's wire name (as serialized; matched in any case).
    pub name: &'static str,
    /// Where it goes.
    pub location: Location,
}

impl Parameter {
    /// A property sent in the query string (ServiceStack's `ParameterType="query"`).
    pub const fn query(name: &'static str) -> Parameter {
        Parameter {
            name,
            location: Location::Query,
        }
    }

    /// A property sent in the body (`ParameterType="body"` or `"form"`; in the query string of
    /// a method without a body).
    pub const fn body(name: &'static str) -> Parameter {
        Parameter {
            name,
            location: Location::Body,
        }
    }

    /// A property sent as the HTTP header `header` (`ParameterType="header"`), and in its
    /// default place as well.
    pub const fn header(name: &'static str, header: &'static str) -> Parameter {
        Parameter {
            name,
            location: Location::Header(header),
        }
    }
}

/// Where a property travels: ServiceStack's `ParameterType`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum Location {
    /// In the query string.
    Query,
    /// In the body (the query string of a method without a body, such as `GET`).
    Body,
    /// As the named HTTP header, **and** in the property's default place (body, or query string
    /// without a body): ServiceStack never binds a header to a property, so a server reading the
    /// property needs it there too, and one reading the header finds it. Its value must be text
    /// a header carries exactly: see [`HeaderProblem`].
    Header(&'static str),
}

/// Implements [`Operation`] for a request type, from a table: method, path, response type,
/// the properties sent elsewhere than their default place, and (optionally) the validation.
///
/// ```
/// # use serde::{Deserialize, Serialize};
/// # #[derive(Serialize)] struct GiftCardTopUp { #[serde(rename = "ApiKey")] api_key: String }
/// # #[derive(Deserialize)] struct GiftCardTopUpResponse {}
/// # impl clubready_wire::validate::Validate for GiftCardTopUp {
/// #     fn check(&self, v: &mut clubready_wire::validate::Checker) { v.required("ApiKey", &self.api_key); }
/// # }
/// clubready_wire::operation! {
///     GiftCardTopUp => GiftCardTopUpResponse {
///         method: POST,
///         path: "/giftcards/topup",
///         query: ["ApiKey", "StoreId"],
///         headers: ["CustomerIp" => "X-Forwarded-For"],
///         body: [],
///         check: clubready_wire::validate::Validate::check,
///     }
/// }
/// ```
///
/// `method` is an [`http::Method`] constant name (`GET`, `POST`, `PUT`, `PATCH`, `DELETE`);
/// `query`, `headers` (property `=>` header name), `body` and `check` (a function
/// `fn(&Self, &mut Checker)`) may be left out, in that order.
#[macro_export]
macro_rules! operation {
    (
        $ty:ty => $response:ty {
            method: $method:ident,
            path: $path:expr
            $(, query: [$($query:expr),* $(,)?])?
            $(, headers: [$($header:expr => $header_name:expr),* $(,)?])?
            $(, body: [$($body:expr),* $(,)?])?
            $(, check: $check:expr)?
            $(,)?
        }
    ) => {
        impl $crate::ops::Operation for $ty {
            type Response = $response;
            const METHOD: $crate::ops::Method = $crate::ops::Method::$method;
            const PATH: &'static str = $path;
            const PARAMETERS: &'static [$crate::ops::Parameter] = &[
                $($($crate::ops::Parameter::query($query),)*)?
                $($($crate::ops::Parameter::header($header, $header_name),)*)?
                $($($crate::ops::Parameter::body($body),)*)?
            ];
            $(
                fn check_request(&self, v: &mut $crate::validate::Checker) {
                    ($check)(self, v)
                }
            )?
        }
    };
}

/// Where a property of `O` goes: its header (if any), and whether it is in the query string
/// (else in the body).
pub(crate) fn placement<O: Operation + ?Sized>(
    name: &str,
    has_body: bool,
) -> (Option<&'static str>, bool) {
    let found = O::PARAMETERS
        .iter()
        .find(|p| p.name == name)
        .or_else(|| {
            O::PARAMETERS
                .iter()
                .find(|p| p.name.eq_ignore_ascii_case(name))
        })
        .map(|p| p.location);
    match found {
        Some(Location::Query) => (None, true),
        Some(Location::Header(header)) => (Some(header), !has_body),
        Some(Location::Body) | None => (None, !has_body),
    }
}
