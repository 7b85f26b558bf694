//! [`ApiError`]: every way a response can fail to be the operation's successful response.

use std::fmt;

use http::StatusCode;

use crate::dto::{ResponseError, ResponseStatus};
use crate::error::{is_sensitive_key, safe_message};

/// Characters of a server's message that `Display` shows.
const SHOWN_MESSAGE: usize = 200;
/// Field errors that `Display` lists (then "and N more").
const SHOWN_FIELDS: usize = 10;

/// A response that is not the operation's successful response.
///
/// Three kinds, the ways ClubReady's ServiceStack services fail:
///
/// - [`Service`](ApiError::Service): ServiceStack's error envelope, `ResponseStatus {ErrorCode,
///   Message, StackTrace, Errors[{ErrorCode, FieldName, Message, Meta}]}`, read from a JSON, JSV
///   or CSV body (with an error status, or with a 2xx status when its `ErrorCode` is set);
/// - [`Unsuccessful`](ApiError::Unsuccessful): a 2xx response that decoded, but whose top-level
///   `Success` (or `success`) is `false`; the decoded response is in the error, so a declined
///   payment is an `Err` you cannot mistake for a sale;
/// - [`Unexpected`](ApiError::Unexpected): anything else that is not the response type: an error
///   status without an envelope, a bare text body such as `Unauthorized` (which ClubReady sends
///   with HTTP 200), an unknown content type, an empty body, or a body that does not decode.
///
/// `Display` and `Debug` are safe to log: the server's texts are cut to 200 characters, and
/// before any word naming a credential (`ApiKey`, `AcctToken`, ...) whose clause goes on with
/// anything but common message words (`ApiKey=…`, `AcctToken eyJ…`, `Invalid ApiKey provided:
/// …` are cut there; `Invalid ApiKey`, `ApiKey is not valid.` and `Card declined` are kept),
/// with control characters escaped;
/// messages of field errors about credentials, stack traces, `Meta` values and bodies are never
/// shown (an unexpected body only as a short redacted snippet). The accessors return the
/// server's texts as sent, which may echo what the request carried.
///
/// ```
/// use clubready_wire::dto::SaleEndpoint;
/// use clubready_wire::ops::{self, http};
///
/// let answer = http::Response::builder()
///     .status(400)
///     .header("Content-Type", "application/json")
///     .body(br#"{"ResponseStatus":{"ErrorCode":"NotEmpty","Message":"'Store Id' must not be empty.",
///         "Errors":[{"ErrorCode":"NotEmpty","FieldName":"StoreId","Message":"'Store Id' must not be empty."}]}}"#.to_vec())?;
/// let err = ops::response::<SaleEndpoint>(&answer).unwrap_err();
/// assert_eq!(err.status(), 400);
/// assert_eq!(err.code(), Some("NotEmpty"));
/// assert_eq!(err.field("storeId").and_then(|e| e.message.as_deref()), Some("'Store Id' must not be empty."));
/// assert_eq!(
///     err.to_string(),
///     "HTTP 400 Bad Request: NotEmpty: 'Store Id' must not be empty. \
///      (StoreId: NotEmpty: 'Store Id' must not be empty.)"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[non_exhaustive]
pub enum ApiError<R> {
    /// ServiceStack's error envelope.
    Service {
        /// The HTTP status.
        status: StatusCode,
        /// The envelope's `ResponseStatus`, as sent.
        response_status: Box<ResponseStatus>,
    },
    /// A 2xx response whose `Success` is `false`.
    Unsuccessful {
        /// The HTTP status.
        status: StatusCode,
        /// The response, decoded.
        response: Box<R>,
        /// Its top-level `Message` (or `message`), if it has one.
        message: Option<String>,
    },
    /// A response that is neither the operation's nor an error envelope.
    Unexpected {
        /// The HTTP status.
        status: StatusCode,
        /// What is wrong with it.
        problem: Problem,
        /// Its `Content-Type` (made safe to show, at most 100 characters), if it has one.
        content_type: Option<String>,
        /// The start of its body, made safe to show: at most 200 characters, cut before any word
        /// naming a credential, control characters escaped.
        snippet: String,
    },
}

/// What is wrong with an [`ApiError::Unexpected`] response.
#[derive(Debug)]
#[non_exhaustive]
pub enum Problem {
    /// An error status (not 2xx) without an error envelope in the body.
    Status,
    /// A 2xx response without a body.
    EmptyBody,
    /// A 2xx response whose `Content-Type` is none of JSON (`application/json`), JSV (`text/jsv`,
    /// `application/jsv`) and CSV (`text/csv`), or is missing.
    ContentType,
    /// A 2xx body that does not decode as the response type (such as a bare `Unauthorized`
    /// labelled `application/json`): the decoding error, which names the path and position.
    Body(crate::Error),
}

impl<R> ApiError<R> {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::Service { status, .. }
            | ApiError::Unsuccessful { status, .. }
            | ApiError::Unexpected { status, .. } => *status,
        }
    }

    /// The envelope's `ResponseStatus`, for a [`Service`](ApiError::Service) error.
    pub fn response_status(&self) -> Option<&ResponseStatus> {
        match self {
            ApiError::Service {
                response_status, ..
            } => Some(response_status),
            _ => None,
        }
    }

    /// The envelope's `ErrorCode` (`NotEmpty`, `SerializationException`, ...).
    pub fn code(&self) -> Option<&str> {
        self.response_status()?.error_code.as_deref()
    }

    /// The envelope's `Message`, or the `Message` of an [`Unsuccessful`](ApiError::Unsuccessful)
    /// response, as the server sent it.
    pub fn message(&self) -> Option<&str> {
        match self {
            ApiError::Service {
                response_status, ..
            } => response_status.message.as_deref(),
            ApiError::Unsuccessful { message, .. } => message.as_deref(),
            ApiError::Unexpected { .. } => None,
        }
    }

    /// The envelope's per-field errors (`Errors`), in order; empty for the other kinds.
    pub fn field_errors(&self) -> &[ResponseError] {
        self.response_status()
            .and_then(|s| s.errors.as_deref())
            .unwrap_or_default()
    }

    /// The first field error about the property `name` (`FieldName`, matched in any case).
    pub fn field(&self, name: &str) -> Option<&ResponseError> {
        self.field_errors().iter().find(|e| {
            e.field_name
                .as_deref()
                .is_some_and(|f| f.eq_ignore_ascii_case(name))
        })
    }

    /// The decoded response of an [`Unsuccessful`](ApiError::Unsuccessful) one.
    pub fn response(&self) -> Option<&R> {
        match self {
            ApiError::Unsuccessful { response, .. } => Some(response),
            _ => None,
        }
    }

    /// The decoded response of an [`Unsuccessful`](ApiError::Unsuccessful) one, owned.
    pub fn into_response(self) -> Option<R> {
        match self {
            ApiError::Unsuccessful { response, .. } => Some(*response),
            _ => None,
        }
    }
}

/// `HTTP 400 Bad Request`.
fn write_status(f: &mut fmt::Formatter<'_>, status: StatusCode) -> fmt::Result {
    write!(f, "HTTP {}", status.as_u16())?;
    match status.canonical_reason() {
        Some(reason) => write!(f, " {reason}"),
        None => Ok(()),
    }
}

/// `code: message`, either part left out when absent.
fn write_code_message(
    f: &mut fmt::Formatter<'_>,
    code: Option<&str>,
    message: Option<&str>,
) -> fmt::Result {
    let code = code.filter(|c| !c.is_empty());
    let message = message.filter(|m| !m.is_empty());
    if let Some(code) = code {
        f.write_str(&safe_message(code, SHOWN_MESSAGE))?;
        if message.is_some() {
            f.write_str(": ")?;
        }
    }
    if let Some(message) = message {
        f.write_str(&safe_message(message, SHOWN_MESSAGE))?;
    }
    if code.is_none() && message.is_none() {
        f.write_str("(no code or message)")?;
    }
    Ok(())
}

fn write_field_errors(f: &mut fmt::Formatter<'_>, errors: &[ResponseError]) -> fmt::Result {
    if errors.is_empty() {
        return Ok(());
    }
    f.write_str(" (")?;
    for (i, e) in errors.iter().take(SHOWN_FIELDS).enumerate() {
        if i > 0 {
            f.write_str("; ")?;
        }
        let field = e.field_name.as_deref().unwrap_or_default();
        if !field.is_empty() {
            write!(f, "{}: ", safe_message(field, 40))?;
        }
        if is_sensitive_key(field) {
            // A message about a credential may quote it.
            write_code_message(f, e.error_code.as_deref(), None)?;
            f.write_str(" (message not shown: the field is a credential)")?;
        } else {
            write_code_message(f, e.error_code.as_deref(), e.message.as_deref())?;
        }
    }
    if errors.len() > SHOWN_FIELDS {
        write!(f, "; and {} more", errors.len() - SHOWN_FIELDS)?;
    }
    f.write_str(")")
}

impl<R> fmt::Display for ApiError<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_status(f, self.status())?;
        f.write_str(": ")?;
        match self {
            ApiError::Service {
                response_status, ..
            } => {
                write_code_message(
                    f,
                    response_status.error_code.as_deref(),
                    response_status.message.as_deref(),
                )?;
                write_field_errors(f, self.field_errors())
            }
            ApiError::Unsuccessful { message, .. } => {
                f.write_str("the response says Success: false")?;
                match message.as_deref().filter(|m| !m.is_empty()) {
                    Some(m) => write!(f, ": {}", safe_message(m, SHOWN_MESSAGE)),
                    None => Ok(()),
                }
            }
            ApiError::Unexpected {
                problem,
                content_type,
                snippet,
                ..
            } => {
                match problem {
                    Problem::Status => f.write_str("an error status without an error envelope")?,
                    Problem::EmptyBody => f.write_str("an empty body")?,
                    Problem::ContentType => f.write_str("a body that is not JSON, JSV or CSV")?,
                    Problem::Body(e) => write!(f, "a body that is not the response type: {e}")?,
                }
                match content_type {
                    Some(ct) => write!(f, " (Content-Type: {ct})")?,
                    None => f.write_str(" (no Content-Type)")?,
                }
                if !snippet.is_empty() {
                    write!(f, ": `{snippet}`")?;
                }
                Ok(())
            }
        }
    }
}

impl<R> fmt::Debug for ApiError<R> {
    /// The kind and the `Display` text (which is safe to log); never the body or the response.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self {
            ApiError::Service { .. } => "Service",
            ApiError::Unsuccessful { .. } => "Unsuccessful",
            ApiError::Unexpected { .. } => "Unexpected",
        };
        write!(f, "ApiError::{kind}({:?})", self.to_string())
    }
}

impl<R> std::error::Error for ApiError<R> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ApiError::Unexpected {
                problem: Problem::Body(e),
                ..
            } => Some(e),
            _ => None,
        }
    }
}
