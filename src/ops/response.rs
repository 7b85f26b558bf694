//! Decoding a response: the format by `Content-Type`, ServiceStack's error envelope in every
//! format, and the response type.

use http::header::CONTENT_TYPE;
use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::api_error::{ApiError, Problem};
use super::Operation;
use crate::dto::ResponseStatus;
use crate::error::safe_text;
use crate::{csv, json, jsv};

/// Characters of an unexpected body shown in an error.
const SNIPPET: usize = 200;

/// The formats a response can come in.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum Format {
    Json,
    Jsv,
    Csv,
}

/// The format a `Content-Type` names (its parameters, such as `; charset=utf-8`, ignored).
fn format_of(content_type: &str) -> Option<Format> {
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    if essence.eq_ignore_ascii_case("application/json") || essence.eq_ignore_ascii_case("text/json")
    {
        Some(Format::Json)
    } else if essence.eq_ignore_ascii_case("text/jsv")
        || essence.eq_ignore_ascii_case("application/jsv")
    {
        Some(Format::Jsv)
    } else if essence.eq_ignore_ascii_case("text/csv") {
        Some(Format::Csv)
    } else {
        None
    }
}

fn decode<T: DeserializeOwned>(format: Format, body: &[u8]) -> crate::Result<T> {
    match format {
        Format::Json => json::from_slice(body),
        Format::Jsv => jsv::from_slice(body),
        Format::Csv => csv::from_slice(body),
    }
}

/// ServiceStack's `ErrorResponse`: what an error body holds.
#[derive(Deserialize)]
struct ErrorBody {
    #[serde(rename = "ResponseStatus")]
    response_status: Option<ResponseStatus>,
}

/// The top-level `Success` of a response, whatever its type (names match in any case).
#[derive(Deserialize)]
struct SuccessProbe {
    #[serde(rename = "Success")]
    success: Option<bool>,
}

/// The top-level `Message` of a response, when it is text.
#[derive(Deserialize)]
struct MessageProbe {
    #[serde(rename = "Message")]
    message: Option<String>,
}

/// Decodes the response of the operation `O` (see [`decode_response`]).
pub fn response<O: Operation + ?Sized>(
    response: &http::Response<impl AsRef<[u8]>>,
) -> Result<O::Response, ApiError<O::Response>> {
    decode_response(response)
}

/// Decodes a response into `R`, or the [`ApiError`] it is.
///
/// The body's format comes from `Content-Type` (parameters such as `; charset=utf-8` ignored):
/// JSON, JSV or CSV. In that order:
///
/// 1. a body holding ServiceStack's error envelope (`{"ResponseStatus":{…}}`, the same in JSV,
///    or CSV's single `ResponseStatus` column of JSV) is [`ApiError::Service`] when the status is
///    not 2xx, or when its `ErrorCode` is set whatever the status;
/// 2. any other status but 2xx is [`ApiError::Unexpected`] ([`Problem::Status`], with a short
///    redacted snippet of the body);
/// 3. a 2xx response is decoded as `R`: an empty body, an unknown `Content-Type` or a body that
///    does not decode as `R` (HTTP 200 with the bare text `Unauthorized`) is
///    [`ApiError::Unexpected`], never a response with every field `None`;
/// 4. a decoded response whose top-level `Success` (or `success`) is `false` is
///    [`ApiError::Unsuccessful`], carrying it.
pub fn decode_response<R: DeserializeOwned>(
    response: &http::Response<impl AsRef<[u8]>>,
) -> Result<R, ApiError<R>> {
    let status = response.status();
    let content_type = response
        .headers()
        .get(CONTENT_TYPE)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    let body = response.body().as_ref();
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let format = content_type.as_deref().and_then(format_of);
    let unexpected = |problem| ApiError::Unexpected {
        status,
        problem,
        content_type: content_type.as_deref().map(|ct| safe_text(ct, 100)),
        snippet: snippet(body),
    };

    let envelope = format
        .filter(|_| !body.iter().all(u8::is_ascii_whitespace))
        .and_then(|format| decode::<ErrorBody>(format, body).ok())
        .and_then(|e| e.response_status);
    if let Some(response_status) = envelope {
        let has_code = response_status
            .error_code
            .as_deref()
            .is_some_and(|c| !c.is_empty());
        if !status.is_success() || has_code {
            return Err(ApiError::Service {
                status,
                response_status: Box::new(response_status),
            });
        }
    }
    if !status.is_success() {
        return Err(unexpected(Problem::Status));
    }
    let Some(format) = format else {
        return Err(unexpected(Problem::ContentType));
    };
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(unexpected(Problem::EmptyBody));
    }
    let value: R = match decode(format, body) {
        Ok(value) => value,
        Err(e) => return Err(unexpected(Problem::Body(e))),
    };
    match decode::<SuccessProbe>(format, body) {
        Ok(SuccessProbe {
            success: Some(false),
        }) => Err(ApiError::Unsuccessful {
            status,
            response: Box::new(value),
            message: decode::<MessageProbe>(format, body)
                .ok()
                .and_then(|m| m.message),
        }),
        _ => Ok(value),
    }
}

/// The start of a body, safe to show.
fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    safe_text(text.trim(), SNIPPET)
}
