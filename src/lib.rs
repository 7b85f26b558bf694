//! # clubready-wire
//!
//! The wire formats of ServiceStack APIs, as ClubReady's sales and payment endpoints speak them:
//! JSV (ServiceStack's "JSON-like Separated Values"), and JSV inside query strings, with serde.
//! Output is byte-for-byte what ServiceStack.Text writes; input is read the way ServiceStack
//! reads it, except where ServiceStack would silently lose data: there you get the value or a
//! clear error with the path, line and column.
//!
//! ```
//! use serde::{Deserialize, Serialize};
//! use clubready_wire::jsv;
//!
//! #[derive(Serialize, Deserialize, Debug, PartialEq)]
//! #[serde(rename_all = "PascalCase")]
//! struct PaymentMethod {
//!     payment_amount: String,
//!     use_preferred: Option<bool>,
//! }
//!
//! #[derive(Serialize, Deserialize, Debug, PartialEq)]
//! #[serde(rename_all = "PascalCase")]
//! struct Sale {
//!     payment_methods: Vec<PaymentMethod>,
//! }
//!
//! let sale = Sale {
//!     payment_methods: vec![PaymentMethod { payment_amount: "1.00".into(), use_preferred: Some(true) }],
//! };
//! let text = jsv::to_string(&sale)?;
//! assert_eq!(text, "{PaymentMethods:[{PaymentAmount:1.00,UsePreferred:True}]}");
//! assert_eq!(jsv::from_str::<Sale>(&text)?, sale);
//!
//! // Errors name the path, the position and what was expected.
//! let err = jsv::from_str::<Sale>("{PaymentMethods:[{PaymentAmount:1},{UsePreferred:yes}]}").unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     "PaymentMethods[1].UsePreferred: expected a bool (`true`, `false` in any case, `1` or `0`), \
//!      found `yes` at line 1 column 50"
//! );
//! # Ok::<(), jsv::Error>(())
//! ```
//!
//! With the ClubReady DTOs, one request in each of ServiceStack's wire forms:
//!
//! ```
//! use clubready_wire::dto::{SaleEndpoint, SalePaymentMethodDto};
//! use clubready_wire::{csv, json, jsv, query};
//!
//! let sale = SaleEndpoint {
//!     api_key: Some("k3y+/=".into()),
//!     payment_amount: Some("1.00".parse()?),
//!     payment_methods: Some(vec![SalePaymentMethodDto {
//!         payment_amount: Some("1.00".parse()?),
//!         use_preferred: Some(true),
//!         ..Default::default()
//!     }]),
//!     ..Default::default()
//! };
//! assert_eq!(
//!     query::to_string(&sale)?,
//!     "ApiKey=k3y%2B%2F%3D&PaymentAmount=1.00&PaymentMethods=[{PaymentAmount:1.00,UsePreferred:True}]"
//! );
//! assert_eq!(
//!     jsv::to_string(&sale)?,
//!     "{ApiKey:k3y+/=,PaymentAmount:1.00,PaymentMethods:[{PaymentAmount:1.00,UsePreferred:True}]}"
//! );
//! assert_eq!(
//!     json::to_string(&sale)?,
//!     r#"{"ApiKey":"k3y+/=","PaymentAmount":1.00,"PaymentMethods":[{"PaymentAmount":1.00,"UsePreferred":true}]}"#
//! );
//! assert!(csv::to_string(&sale)?.starts_with("XForwardedFor,ApiKey,MemberId,"));
//! // Credentials never reach logs through Debug.
//! assert!(!format!("{sale:?}").contains("k3y"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Modules:
//! - [`jsv`]: the JSV format itself, generic (`to_string`, `from_str`, [`jsv::Value`], ...).
//! - [`dotnet`]: .NET wire types (`DateTime`, `decimal`, enums, `ValueTuple`) on top of it.
//! - [`json`]: ServiceStack's JSON dialect (writer byte for byte; reader reading as ServiceStack).
//! - [`csv`]: ServiceStack's CSV (a header and a row per object, cells as JSV text).
//! - [`Secret`]: credentials that `Debug` never shows.
//! - [`dto`]: ClubReady's request and response types.
//! - [`query`]: DTOs as query strings and form bodies (three styles), and the server's binding.
//! - [`validate`]: every rule ClubReady's pages state, checked before a request is sent (all
//!   violations at once, with wire paths; the HTTP request builder validates by default).
//! - [`ops`]: calling operations over HTTP, sans I/O: the five ClubReady operations (and any
//!   [`Operation`](ops::Operation) of your own) as an `http::Request` a server binds back
//!   exactly, responses as `Result<Response, ApiError>`; a blocking client behind the `client`
//!   feature.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod csv;
pub mod dotnet;
pub mod dto;
mod error;
pub mod json;
pub mod jsv;
pub mod ops;
pub mod query;
mod secret;
mod ser;
mod swar;
pub mod validate;

pub use error::{is_sensitive_key, Category, Error, Position, Result, Segment};
pub use secret::Secret;

/// serde, re-exported for the code [`dotnet_enum!`] generates.
#[doc(hidden)]
pub use serde as __serde;

/// The README's example, compiled and run as a doc test.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
