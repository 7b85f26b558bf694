//! A small blocking client on `ureq` (feature `client`): builds an operation's request with
//! [`Options`], sends it, and decodes the answer.

use std::fmt;
use std::io;
use std::time::Duration;

use super::{response, ApiError, Operation, Options, RequestError};

/// The most bytes of a response body read (larger ones are a [`TransportErrorKind::BodyTooLarge`]
/// error).
pub const MAX_RESPONSE_BYTES: u64 = 16 * 1024 * 1024;

/// A blocking HTTP client for [`Operation`]s (feature `client`), on `ureq` with rustls.
///
/// It sends what [`Options::request`] builds (validation included), follows no redirect (a
/// redirect of a payment `POST` would turn it into a `GET`, and could carry the API key to
/// another host: a `3xx` is an [`ApiError`]), and decodes the response with
/// [`response`](super::response). Timeouts: 30 seconds for the whole call, 10 for connecting
/// (change them with [`timeout`](Client::timeout) and [`connect_timeout`](Client::connect_timeout)).
/// Proxies are taken from the environment (`HTTPS_PROXY`, `NO_PROXY`, ...), as `ureq` does.
///
/// ```no_run
/// use clubready_wire::dto::PaymentProfileBalanceInquiryEndpoint;
/// use clubready_wire::ops::{self, Client, ClientError};
///
/// let client = Client::new(ops::Options::new());
/// let inquiry = PaymentProfileBalanceInquiryEndpoint {
///     api_key: Some("my-api-key".into()),
///     store_id: 12,
///     acct_token: Some("eyJ...".into()),
///     ..Default::default()
/// };
/// match client.send(&inquiry) {
///     Ok(balance) => println!("balance: {:?}", balance.account_balance),
///     Err(ClientError::Api(e)) => eprintln!("the service said no: {e}"),
///     Err(e) => eprintln!("not sent: {e}"),
/// }
/// ```
#[derive(Clone)]
pub struct Client {
    agent: ureq::Agent,
    options: Options,
    timeout: Duration,
    connect_timeout: Duration,
}

impl Client {
    /// A client building requests with `options`, with the default timeouts.
    pub fn new(options: Options) -> Client {
        let timeout = Duration::from_secs(30);
        let connect_timeout = Duration::from_secs(10);
        Client {
            agent: agent(timeout, connect_timeout),
            options,
            timeout,
            connect_timeout,
        }
    }

    /// The most a call may take, from connecting to the end of the response (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Client {
        self.timeout = timeout;
        self.agent = agent(self.timeout, self.connect_timeout);
        self
    }

    /// The most connecting may take (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Client {
        self.connect_timeout = timeout;
        self.agent = agent(self.timeout, self.connect_timeout);
        self
    }

    /// The options requests are built with.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Builds `operation`'s request, sends it and decodes the response.
    pub fn send<O: Operation + ?Sized>(
        &self,
        operation: &O,
    ) -> Result<O::Response, ClientError<O::Response>> {
        let request = self
            .options
            .request(operation)
            .map_err(ClientError::Request)?;
        let answer = self.agent.run(request).map_err(TransportError::from)?;
        let (parts, body) = answer.into_parts();
        let bytes = body
            .into_with_config()
            .limit(MAX_RESPONSE_BYTES)
            .read_to_vec()
            .map_err(TransportError::from)?;
        response::<O>(&http::Response::from_parts(parts, bytes)).map_err(ClientError::Api)
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("options", &self.options)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .finish_non_exhaustive()
    }
}

fn agent(timeout: Duration, connect_timeout: Duration) -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .timeout_connect(Some(connect_timeout))
        // Error statuses are responses to decode (ServiceStack's envelope is in their body).
        .http_status_as_error(false)
        // A redirect is returned as it is, never followed.
        .max_redirects(0)
        .max_redirects_will_error(false)
        .build()
        .into()
}

/// Why [`Client::send`] failed.
#[non_exhaustive]
pub enum ClientError<R> {
    /// The request could not be built (its violations, a header, the URL).
    Request(RequestError),
    /// The request could not be sent, or the response not received.
    Transport(TransportError),
    /// The response is not the operation's successful response.
    Api(ApiError<R>),
}

impl<R> From<TransportError> for ClientError<R> {
    fn from(e: TransportError) -> Self {
        ClientError::Transport(e)
    }
}

impl<R> fmt::Display for ClientError<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientError::Request(e) => fmt::Display::fmt(e, f),
            ClientError::Transport(e) => fmt::Display::fmt(e, f),
            ClientError::Api(e) => fmt::Display::fmt(e, f),
        }
    }
}

impl<R> fmt::Debug for ClientError<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientError::Request(e) => f.debug_tuple("Request").field(e).finish(),
            ClientError::Transport(e) => f.debug_tuple("Transport").field(e).finish(),
            ClientError::Api(e) => f.debug_tuple("Api").field(e).finish(),
        }
    }
}

impl<R: 'static> std::error::Error for ClientError<R> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ClientError::Request(e) => Some(e),
            ClientError::Transport(e) => Some(e),
            ClientError::Api(e) => Some(e),
        }
    }
}

/// A failure to send a request or receive its response. It never holds the URL (which carries
/// credentials in its query string), nor `ureq`'s error (which may).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TransportError {
    kind: TransportErrorKind,
}

/// What kind of [`TransportError`] happened.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// A timeout ran out.
    Timeout,
    /// The host was not found, or a connection could not be made or was lost.
    Connect,
    /// The TLS handshake or certificate check failed.
    Tls,
    /// The response was larger than [`MAX_RESPONSE_BYTES`].
    BodyTooLarge,
    /// The server's answer was not valid HTTP.
    Protocol,
    /// Another I/O error, of this kind.
    Io(io::ErrorKind),
    /// Anything else (a proxy, the client's configuration).
    Other,
}

impl TransportError {
    /// What kind of failure it is.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }
}

impl From<ureq::Error> for TransportError {
    fn from(e: ureq::Error) -> Self {
        use ureq::Error as E;
        let kind = match e {
            E::Timeout(_) => TransportErrorKind::Timeout,
            E::HostNotFound | E::ConnectionFailed => TransportErrorKind::Connect,
            E::Io(e) => match e.kind() {
                io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => TransportErrorKind::Timeout,
                io::ErrorKind::ConnectionRefused
                | io::ErrorKind::ConnectionReset
                | io::ErrorKind::ConnectionAborted
                | io::ErrorKind::NotConnected
                | io::ErrorKind::AddrNotAvailable
                | io::ErrorKind::BrokenPipe
                | io::ErrorKind::UnexpectedEof => TransportErrorKind::Connect,
                kind => TransportErrorKind::Io(kind),
            },
            E::Tls(_) | E::Rustls(_) | E::Pem(_) | E::TlsRequired => TransportErrorKind::Tls,
            E::BodyExceedsLimit(_) => TransportErrorKind::BodyTooLarge,
            E::Protocol(_) | E::LargeResponseHeader(..) | E::BodyStalled => {
                TransportErrorKind::Protocol
            }
            _ => TransportErrorKind::Other,
        };
        TransportError { kind }
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the request could not be sent or its response received: ")?;
        match self.kind {
            TransportErrorKind::Timeout => f.write_str("timed out"),
            TransportErrorKind::Connect => f.write_str("no connection to the host"),
            TransportErrorKind::Tls => f.write_str("TLS failed"),
            TransportErrorKind::BodyTooLarge => {
                write!(f, "the response is larger than {MAX_RESPONSE_BYTES} bytes")
            }
            TransportErrorKind::Protocol => f.write_str("the answer is not valid HTTP"),
            TransportErrorKind::Io(kind) => write!(f, "I/O error ({kind})"),
            TransportErrorKind::Other => f.write_str("the HTTP client failed"),
        }
    }
}

impl std::error::Error for TransportError {}
