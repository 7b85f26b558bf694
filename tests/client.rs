//! `ops::Client` (feature `client`) against an HTTP server on 127.0.0.1 that these tests start:
//! a thread serving a fixed list of canned answers (a bounded number of connections, for at
//! most a few seconds, then it stops by itself) and recording what arrives.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use clubready_wire::dto::*;
use clubready_wire::ops::{
    self, ApiError, BodyFormat, Client, ClientError, RequestError, ResponseFormat,
    TransportErrorKind,
};

/// How the server answers one connection.
enum Answer {
    /// Status, Content-Type (if any), extra headers, body.
    Canned(u16, Option<&'static str>, &'static str, String),
    /// Read the request, then say nothing for this long and close.
    Silence(Duration),
}

/// One request as it arrived.
#[derive(Debug)]
struct Arrived {
    request_line: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Arrived {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

struct Server {
    addr: SocketAddr,
    thread: JoinHandle<Vec<Arrived>>,
}

impl Server {
    /// Serves `answers`, one connection each, in order; stops after the last one or after 10
    /// seconds, whichever comes first.
    fn start(answers: Vec<Answer>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        listener.set_nonblocking(true).unwrap();
        let thread = std::thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(10);
            let mut arrived = Vec::new();
            for answer in answers {
                let stream = loop {
                    match listener.accept() {
                        Ok((stream, _)) => break Some(stream),
                        Err(_) if Instant::now() < deadline => {
                            std::thread::sleep(Duration::from_millis(5))
                        }
                        Err(_) => break None,
                    }
                };
                let Some(stream) = stream else { break };
                if let Some(request) = serve(stream, answer) {
                    arrived.push(request);
                }
            }
            arrived
        });
        Server { addr, thread }
    }

    fn base_url(&self) -> String {
        format!("http://{}/api/current", self.addr)
    }

    /// What arrived, once the server has stopped.
    fn arrived(self) -> Vec<Arrived> {
        self.thread.join().unwrap()
    }
}

/// Reads one request from `stream` (head and `Content-Length` body) and answers it.
fn serve(mut stream: TcpStream, answer: Answer) -> Option<Arrived> {
    stream.set_nonblocking(false).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(3))).ok()?;
    let mut data = Vec::new();
    let mut buf = [0u8; 4096];
    let head_end = loop {
        if let Some(i) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        if data.len() > 64 * 1024 {
            return None;
        }
        let n = stream.read(&mut buf).ok()?;
        if n == 0 {
            return None;
        }
        data.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&data[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let request_line = lines.next()?.to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = data[head_end + 4..].to_vec();
    while body.len() < length.min(1024 * 1024) {
        let n = stream.read(&mut buf).ok()?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&buf[..n]);
    }
    match answer {
        Answer::Canned(status, content_type, extra, text) => {
            let mut response = format!("HTTP/1.1 {status} Status\r\n");
            if let Some(ct) = content_type {
                response.push_str(&format!("Content-Type: {ct}\r\n"));
            }
            response.push_str(extra);
            response.push_str(&format!(
                "Content-Length: {}\r\nConnection: close\r\n\r\n{text}",
                text.len()
            ));
            stream.write_all(response.as_bytes()).ok()?;
        }
        Answer::Silence(wait) => std::thread::sleep(wait),
    }
    Some(Arrived {
        request_line,
        headers,
        body,
    })
}

fn sale() -> SaleEndpoint {
    SaleEndpoint {
        x_forwarded_for: Some("203.0.113.7".into()),
        api_key: Some("SECRET-API-KEY+1".into()),
        member_id: Some(1234),
        store_id: Some(56),
        incomplete_agreement_token: Some("agreement".into()),
        payment_amount: Some("3.00".parse().unwrap()),
        payment_methods: Some(vec![SalePaymentMethodDto {
            use_preferred: Some(true),
            ..Default::default()
        }]),
        ..Default::default()
    }
}

fn canned(status: u16, content_type: &'static str, body: &str) -> Answer {
    Answer::Canned(status, Some(content_type), "", body.to_owned())
}

/// Nothing the client shows holds the API key or the URL.
fn safe<R>(err: &ClientError<R>, server: &str) {
    let shown = format!("{err}\n{err:?}");
    assert!(!shown.contains("SECRET"), "{shown}");
    assert!(!shown.contains(server), "{shown}");
}

#[test]
fn a_sale_is_sent_as_built_and_its_answers_decoded_in_every_format() {
    let envelope = |format: &str| {
        match format {
        "json" => r#"{"ResponseStatus":{"ErrorCode":"NotFound","Message":"No such member","Errors":[{"ErrorCode":"NotFound","FieldName":"MemberId","Message":"No such member"}]}}"#.to_owned(),
        "jsv" => "{ResponseStatus:{ErrorCode:NotFound,Message:No such member,Errors:[{ErrorCode:NotFound,FieldName:MemberId,Message:No such member}]}}".to_owned(),
        _ => "ResponseStatus\r\n\"{ErrorCode:NotFound,Message:No such member,Errors:[{ErrorCode:NotFound,FieldName:MemberId,Message:No such member}]}\"\r\n".to_owned(),
    }
    };
    let server = Server::start(vec![
        canned(
            200,
            "application/json; charset=utf-8",
            r#"{"success":true,"message":"Sold"}"#,
        ),
        canned(200, "text/jsv", "{success:False,message:Card declined}"),
        canned(200, "text/csv", "success,message\r\nTrue,Sold\r\n"),
        canned(404, "application/json", &envelope("json")),
        canned(404, "text/jsv", &envelope("jsv")),
        canned(404, "text/csv", &envelope("csv")),
        canned(200, "text/plain", "Unauthorized"),
    ]);
    let base = server.base_url();
    let client = |body, accept| {
        Client::new(
            ops::Options::new()
                .base_url(&base)
                .body(body)
                .accept(accept),
        )
        .timeout(Duration::from_secs(5))
    };
    let json = client(BodyFormat::Json, ResponseFormat::Json);
    let sold = json.send(&sale()).unwrap();
    assert_eq!(sold.message.as_deref(), Some("Sold"));

    let jsv = client(BodyFormat::Jsv, ResponseFormat::Jsv);
    match jsv.send(&sale()) {
        Err(ClientError::Api(ApiError::Unsuccessful { response, .. })) => {
            assert_eq!(response.message.as_deref(), Some("Card declined"))
        }
        other => panic!("{other:?}"),
    }
    let csv = client(BodyFormat::Form, ResponseFormat::Csv);
    assert_eq!(csv.send(&sale()).unwrap().success, Some(true));

    for client in [&json, &jsv, &csv] {
        let err = client.send(&sale()).unwrap_err();
        let ClientError::Api(api) = &err else {
            panic!("{err}")
        };
        assert_eq!((api.status().as_u16(), api.code()), (404, Some("NotFound")));
        assert_eq!(
            api.field("memberId").and_then(|e| e.message.as_deref()),
            Some("No such member")
        );
        safe(&err, &base);
    }
    let query = client(BodyFormat::Query, ResponseFormat::Json);
    let err = query.send(&sale()).unwrap_err();
    assert!(
        matches!(err, ClientError::Api(ApiError::Unexpected { .. })),
        "{err}"
    );

    // What arrived is what the builder built.
    let arrived = server.arrived();
    assert_eq!(arrived.len(), 7);
    let built = |body, accept| {
        ops::Options::new()
            .base_url(&base)
            .body(body)
            .accept(accept)
            .request(&sale())
            .unwrap()
    };
    for (i, (body, accept)) in [
        (BodyFormat::Json, ResponseFormat::Json),
        (BodyFormat::Jsv, ResponseFormat::Jsv),
        (BodyFormat::Form, ResponseFormat::Csv),
        (BodyFormat::Json, ResponseFormat::Json),
        (BodyFormat::Jsv, ResponseFormat::Jsv),
        (BodyFormat::Form, ResponseFormat::Csv),
        (BodyFormat::Query, ResponseFormat::Json),
    ]
    .into_iter()
    .enumerate()
    {
        let request = built(body, accept);
        let got = &arrived[i];
        assert_eq!(
            got.request_line,
            format!("POST {} HTTP/1.1", request.uri().path_and_query().unwrap())
        );
        assert_eq!(got.body, *request.body(), "{i}");
        assert_eq!(got.header("X-Forwarded-For"), Some("203.0.113.7"));
        assert_eq!(got.header("Accept"), Some(accept.media_type()));
        assert_eq!(got.header("Content-Type"), body.content_type());
    }
}

#[test]
fn transport_failures_redirects_and_invalid_requests() {
    // Nothing listens on a port just freed: no connection.
    let free = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let nowhere = format!("http://{free}/api/current");
    let client = Client::new(ops::Options::new().base_url(&nowhere))
        .connect_timeout(Duration::from_secs(2))
        .timeout(Duration::from_secs(3));
    let err = client.send(&sale()).unwrap_err();
    match &err {
        ClientError::Transport(e) => assert_eq!(e.kind(), TransportErrorKind::Connect, "{e}"),
        other => panic!("{other}"),
    }
    safe(&err, &nowhere);

    let server = Server::start(vec![
        Answer::Silence(Duration::from_millis(1500)),
        Answer::Canned(
            302,
            Some("text/html"),
            "Location: http://127.0.0.1:1/elsewhere?ApiKey=x\r\n",
            "moved".into(),
        ),
    ]);
    let base = server.base_url();
    let client =
        Client::new(ops::Options::new().base_url(&base)).timeout(Duration::from_millis(500));
    let err = client.send(&sale()).unwrap_err();
    match &err {
        ClientError::Transport(e) => assert_eq!(e.kind(), TransportErrorKind::Timeout, "{e}"),
        other => panic!("{other}"),
    }
    safe(&err, &base);
    // A redirect is not followed: it is an error of its own.
    let client = client.timeout(Duration::from_secs(5));
    let err = client.send(&sale()).unwrap_err();
    match &err {
        ClientError::Api(api) => assert_eq!(api.status(), 302),
        other => panic!("{other}"),
    }
    safe(&err, &base);
    // An invalid request is refused before anything is sent.
    let mut invalid = sale();
    invalid.api_key = None;
    let err = client.send(&invalid).unwrap_err();
    assert!(matches!(
        err,
        ClientError::Request(RequestError::Invalid(_))
    ));
    assert_eq!(server.arrived().len(), 2);
}
