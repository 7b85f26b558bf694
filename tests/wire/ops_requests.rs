//! The HTTP requests `clubready_wire::ops` builds: the seed pages' samples sent each way
//! (snapshots), the route and method each page shows, headers refused rather than injected,
//! validation by default, and the operation trait used for an operation of one's own.

use clubready_wire::dotnet::ValueTuple;
use clubready_wire::dto::*;
use clubready_wire::json;
use clubready_wire::ops::{
    self, http, BodyFormat, HeaderProblem, Operation, RequestError, ResponseFormat,
};
use clubready_wire::validate::Rule;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::seed_samples::{
    exchange, method_and_path, seed, SEED_000, SEED_001, SEED_002, SEED_003, SEED_004,
};
use crate::support::{load, snapshots};

/// The sample value of a `samples.jsonl` line.
fn sample<T: DeserializeOwned>(id: &str) -> T {
    let line = load("samples.jsonl")
        .into_iter()
        .find(|l| l["id"] == id)
        .unwrap();
    json::from_str(line["output"]["json_iso8601"].as_str().unwrap()).unwrap()
}

/// The request of `value` sent each way, as HTTP/1.1 text, asking for `accept`; checks that
/// the method and path are the page's.
fn each_way<T: Operation>(page: &str, value: &T, accept: ResponseFormat) -> String {
    let ex = exchange(page);
    let mut text = String::new();
    for (way, name) in [
        (BodyFormat::Json, "JSON body"),
        (BodyFormat::Jsv, "JSV body"),
        (BodyFormat::Form, "form body"),
        (BodyFormat::Query, "everything in the query string"),
    ] {
        // The samples hold ServiceStack's placeholders (`String`, `0`), which break the
        // operations' rules: validation is off here (`validate.rs` checks them).
        let request = ops::Options::new()
            .body(way)
            .accept(accept)
            .validate(false)
            .request(value)
            .unwrap();
        assert_eq!(
            [request.method().as_str(), request.uri().path()],
            [
                method_and_path(&ex.request)[0],
                &format!("/api/current{}", method_and_path(&ex.request)[1])
            ]
        );
        let bytes = ops::to_http1(&request);
        text.push_str(&format!(
            "== {name} ==\n{}\n\n",
            String::from_utf8(bytes).unwrap()
        ));
    }
    text
}

#[test]
fn seed_sample_requests_sent_each_way() {
    // Seed 000 is a GET without a sample body: ServiceStack's placeholders, on its CSV page.
    let inquiry = PaymentProfileBalanceInquiryEndpoint {
        api_key: Some("String".into()),
        store_id: 0,
        acct_token: Some("String".into()),
        profile_token: Some("String".into()),
        terminal_ip_address: Some("String".into()),
    };
    let page = seed(SEED_000);
    assert_eq!(
        exchange(&page).request.start_line,
        "GET /sales/paymentProfile/balanceInquiry HTTP/1.1"
    );
    let text = each_way(&page, &inquiry, ResponseFormat::Csv);
    assert!(text.contains("Accept: text/csv\r\n"));
    snapshots(|| insta::assert_snapshot!("ops_request_seed_000", text));

    // Seed 001's sample, whose NewOwner `(0, Unknown)` is sent as the object that binds.
    let import: PaymentProfileImportEndpoint = sample("s02");
    assert_eq!(import.new_owner, Some(ValueTuple(0, OwnerType::Unknown)));
    let text = each_way(&seed(SEED_001), &import, ResponseFormat::Json);
    assert!(text.contains(r#""NewOwner":{"Item1":0,"Item2":"Unknown"}"#));
    snapshots(|| insta::assert_snapshot!("ops_request_seed_001", text));

    // Seed 002's JSV page: the JSV body's Content-Type is the page's.
    let page = seed(SEED_002);
    assert_eq!(exchange(&page).request.content_type, Some("text/jsv"));
    let new_user: SellContractAndSetupClientRequest = sample("s04");
    let text = each_way(&page, &new_user, ResponseFormat::Jsv);
    assert!(text.contains("Content-Type: text/jsv\r\n"));
    snapshots(|| insta::assert_snapshot!("ops_request_seed_002", text));

    // Seed 003: X-Forwarded-For as a header, ApiKey and MemberId in the query string.
    let sale: SaleEndpoint = sample("s06");
    let text = each_way(&seed(SEED_003), &sale, ResponseFormat::Csv);
    assert_eq!(text.matches("X-Forwarded-For: String\r\n").count(), 4);
    snapshots(|| insta::assert_snapshot!("ops_request_seed_003", text));

    let sold: SellContractRequest = sample("s08");
    let text = each_way(&seed(SEED_004), &sold, ResponseFormat::Json);
    snapshots(|| insta::assert_snapshot!("ops_request_seed_004", text));
}

/// A valid agreement sale.
fn sale() -> SaleEndpoint {
    SaleEndpoint {
        x_forwarded_for: Some("203.0.113.7".into()),
        api_key: Some("k3y+/=&#%".into()),
        member_id: Some(1234),
        store_id: Some(56),
        incomplete_agreement_token: Some("agreement".into()),
        payment_amount: Some("0.00".parse().unwrap()),
        payment_methods: Some(vec![SalePaymentMethodDto {
            acct_token: Some("eyJ+a/b==".into()),
            payment_amount: Some("0.00".parse().unwrap()),
            ..Default::default()
        }]),
        ..Default::default()
    }
}

#[test]
fn the_five_operations_are_declared_as_their_pages_say() {
    use http::Method;
    fn route<O: Operation>() -> (Method, &'static str) {
        (O::METHOD, O::PATH)
    }
    assert_eq!(
        route::<PaymentProfileBalanceInquiryEndpoint>(),
        (Method::GET, "/sales/paymentProfile/balanceInquiry")
    );
    assert_eq!(
        route::<PaymentProfileImportEndpoint>(),
        (Method::POST, "/sales/paymentprofile/import")
    );
    assert_eq!(
        route::<SellContractAndSetupClientRequest>(),
        (Method::POST, "/sales/contract/sold/new/user")
    );
    assert_eq!(
        route::<SaleEndpoint>(),
        (Method::POST, "/sales/agreement/sale")
    );
    assert_eq!(
        route::<SellContractRequest>(),
        (Method::POST, "/sales/contract/sold")
    );
    for page in [SEED_000, SEED_001, SEED_002, SEED_003, SEED_004] {
        let page = seed(page);
        let [method, path] = method_and_path(&exchange(&page).request)[..] else {
            panic!("a request line")
        };
        let declared = [
            route::<PaymentProfileBalanceInquiryEndpoint>(),
            route::<PaymentProfileImportEndpoint>(),
            route::<SellContractAndSetupClientRequest>(),
            route::<SaleEndpoint>(),
            route::<SellContractRequest>(),
        ];
        assert!(
            declared
                .iter()
                .any(|(m, p)| m.as_str() == method && *p == path),
            "{method} {path}"
        );
    }
}

#[test]
fn values_are_written_as_the_server_reads_them() {
    let request = ops::request(&sale()).unwrap();
    // `+ & # % =` and `/` escaped in the query string; the zero amounts and their scale kept.
    assert_eq!(
        request.uri().query(),
        Some("ApiKey=k3y%2B%2F%3D%26%23%25&MemberId=1234")
    );
    assert_eq!(
        String::from_utf8(request.body().clone()).unwrap(),
        r#"{"XForwardedFor":"203.0.113.7","StoreId":56,"IncompleteAgreementToken":"agreement","PaymentAmount":0.00,"PaymentMethods":[{"AcctToken":"eyJ+a/b==","PaymentAmount":0.00}]}"#
    );
    let query = ops::Options::new()
        .body(BodyFormat::Query)
        .request(&sale())
        .unwrap();
    assert_eq!(
        query.uri().query(),
        Some(
            "XForwardedFor=203.0.113.7&ApiKey=k3y%2B%2F%3D%26%23%25&MemberId=1234&StoreId=56&\
             IncompleteAgreementToken=agreement&PaymentAmount=0.00&\
             PaymentMethods=[{AcctToken:eyJ%2Ba%2Fb%3D%3D,PaymentAmount:0.00}]"
        )
    );
    assert!(query.body().is_empty());
    assert_eq!(query.headers().get(http::header::CONTENT_TYPE), None);
    // JSV quoting, doubled quotes, inside query and form values.
    let mut quoted = sale();
    quoted.payment_methods.as_mut().unwrap()[0].acct_token = Some("a\"b,c".into());
    let form = ops::Options::new()
        .body(BodyFormat::Form)
        .request(&quoted)
        .unwrap();
    let body = String::from_utf8(form.body().clone()).unwrap();
    assert!(
        body.contains("PaymentMethods=[{AcctToken:%22a%22%22b,c%22,PaymentAmount:0.00}]"),
        "{body}"
    );
    assert_eq!(
        form.headers()[http::header::CONTENT_TYPE],
        "application/x-www-form-urlencoded"
    );
    // A date's offset `+` is escaped.
    let new_user = SellContractAndSetupClientRequest {
        start_date: Some("2024-01-02T03:04:05.5+02:00".parse().unwrap()),
        ..Default::default()
    };
    let query = ops::Options::new()
        .body(BodyFormat::Query)
        .validate(false)
        .request(&new_user)
        .unwrap();
    assert!(
        query
            .uri()
            .query()
            .unwrap()
            .contains("StartDate=2024-01-02T03:04:05.5000000%2B02:00"),
        "{}",
        query.uri()
    );
}

#[test]
fn a_value_no_header_can_carry_is_refused_with_the_property_named() {
    for (value, problem) in [
        ("", HeaderProblem::Empty),
        (
            "203.0.113.7\r\nX-Injected: 1",
            HeaderProblem::ControlCharacter,
        ),
        ("203.0.113.7\n", HeaderProblem::ControlCharacter),
        ("203.0.113.7\u{0}", HeaderProblem::ControlCharacter),
        ("2001:db8::1\u{7f}", HeaderProblem::ControlCharacter),
        ("203.0.113.7 é", HeaderProblem::NonAscii),
        (" 203.0.113.7", HeaderProblem::SurroundingWhitespace),
        ("203.0.113.7\t", HeaderProblem::SurroundingWhitespace),
    ] {
        let mut sale = sale();
        sale.x_forwarded_for = Some(value.into());
        for way in [
            BodyFormat::Json,
            BodyFormat::Jsv,
            BodyFormat::Form,
            BodyFormat::Query,
        ] {
            let err = ops::Options::new()
                .body(way)
                .validate(false)
                .request(&sale)
                .unwrap_err();
            let RequestError::Header {
                property,
                header,
                problem: found,
            } = &err
            else {
                panic!("{value:?}: {err}")
            };
            assert_eq!(
                (property.as_str(), *header, *found),
                ("XForwardedFor", "X-Forwarded-For", problem)
            );
            let shown = err.to_string();
            assert!(
                shown.starts_with("XForwardedFor: cannot be sent as the header `X-Forwarded-For`"),
                "{shown}"
            );
            assert!(
                !shown.contains("203.0.113.7"),
                "the value is not shown: {shown}"
            );
        }
    }
    // A tab inside is a header's to carry; absent, the header is not sent.
    let mut sale = sale();
    sale.x_forwarded_for = Some("a\tb".into());
    let request = ops::Options::new().validate(false).request(&sale).unwrap();
    assert_eq!(request.headers()["X-Forwarded-For"], "a\tb");
    sale.x_forwarded_for = None;
    let request = ops::Options::new().validate(false).request(&sale).unwrap();
    assert!(request.headers().get("X-Forwarded-For").is_none());
}

#[test]
fn requests_are_validated_first_unless_turned_off() {
    let mut sale = sale();
    sale.api_key = None;
    sale.x_forwarded_for = Some("203.0.113.7\r\nX-Injected: 1".into());
    let err = ops::request(&sale).unwrap_err();
    let RequestError::Invalid(violations) = &err else {
        panic!("{err}")
    };
    let rules: Vec<_> = violations.iter().map(|v| (v.path(), v.rule())).collect();
    assert_eq!(
        rules,
        [
            ("XForwardedFor", Rule::IpAddress),
            ("ApiKey", Rule::Required)
        ]
    );
    assert_eq!(
        err.to_string(),
        "the request breaks 2 rules:\n\
         XForwardedFor: must be an IP address (IPv4 or IPv6) (found `203.0.113.7\\r\\nX-Injected: 1`)\n\
         ApiKey: is required"
    );
    // Off: the header is still refused, never injected.
    let err = ops::Options::new()
        .validate(false)
        .request(&sale)
        .unwrap_err();
    assert!(matches!(
        err,
        RequestError::Header {
            problem: HeaderProblem::ControlCharacter,
            ..
        }
    ));
}

#[test]
fn base_urls_and_paths_are_checked_and_never_shown() {
    let sale = sale();
    for (url, why) in [
        ("ftp://h/x", "scheme"),
        ("https://user:secret@h/x", "user name"),
        ("https://h/x?apikey=secret", "query"),
        ("not a url", "not a URL"),
    ] {
        let err = ops::Options::new()
            .base_url(url)
            .request(&sale)
            .unwrap_err();
        let shown = err.to_string();
        assert!(matches!(err, RequestError::Url(_)), "{url}");
        assert!(shown.contains(why), "{url}: {shown}");
        assert!(!shown.contains("secret") && !shown.contains(url), "{shown}");
    }
    let request = ops::Options::new()
        .base_url("http://127.0.0.1:9/")
        .request(&sale)
        .unwrap();
    assert_eq!(
        request.uri().to_string(),
        "http://127.0.0.1:9/sales/agreement/sale?ApiKey=k3y%2B%2F%3D%26%23%25&MemberId=1234"
    );
}

/// An operation of another ServiceStack API, declared by hand: a GET whose header property is
/// also in the query string, and a map-shaped DTO (what `#[serde(flatten)]` serializes as).
#[derive(Serialize)]
struct Search {
    #[serde(rename = "q")]
    query: String,
    #[serde(rename = "traceId")]
    trace_id: Option<String>,
    #[serde(flatten)]
    paging: Paging,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Paging {
    skip: Option<i32>,
    take: Option<i32>,
}

clubready_wire::operation! {
    Search => clubready_wire::jsv::Value {
        method: GET,
        path: "/api/Search",
        headers: ["TraceId" => "X-Trace-Id"],
    }
}

#[test]
fn an_operation_of_ones_own() {
    let search = Search {
        query: "a b&c".into(),
        trace_id: Some("t-1".into()),
        paging: Paging {
            skip: None,
            take: Some(5),
        },
    };
    let request = ops::Options::new()
        .base_url("https://api.example.org")
        .request(&search)
        .unwrap();
    assert_eq!(
        request.uri(),
        "https://api.example.org/api/Search?q=a%20b%26c&traceId=t-1&take=5"
    );
    assert_eq!(request.headers()["X-Trace-Id"], "t-1");
    // No rules declared: nothing to validate.
    let mut checker = clubready_wire::validate::Checker::new();
    search.check_request(&mut checker);
    assert!(checker.finish().is_ok());
}

/// DTOs in the shape ServiceStack's `servicestack` crate generates: camelCase, `#[serde(default)]`,
/// AutoQuery's `QueryDb` flattened in.
mod generated {
    use serde::{Deserialize, Serialize};

    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(default, rename_all = "camelCase")]
    pub struct Hello {
        pub name: Option<String>,
        pub times: i32,
    }

    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(default, rename_all = "camelCase")]
    pub struct HelloResponse {
        pub result: String,
    }

    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(default, rename_all = "camelCase")]
    pub struct QueryBase {
        #[serde(skip_serializing_if = "Option::is_none")]
        pub skip: Option<i32>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub take: Option<i32>,
    }

    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(default, rename_all = "camelCase")]
    pub struct QueryBookings {
        #[serde(flatten)]
        pub query_db: QueryBase,
        pub id: Option<i32>,
    }
}

clubready_wire::operation! {
    generated::Hello => generated::HelloResponse {
        method: POST,
        path: "/api/Hello",
    }
}

#[test]
fn servicestack_crate_dtos_work_flat_and_flatten_reads_json_only() {
    use clubready_wire::{csv, jsv, query};
    use generated::*;

    // Flat DTOs: sent and read in every format, names in any case.
    let hello = Hello {
        name: Some("World".into()),
        times: 2,
    };
    let request = ops::Options::new()
        .base_url("https://api.example.org")
        .request(&hello)
        .unwrap();
    assert_eq!(request.body(), br#"{"name":"World","times":2}"#);
    for (content_type, body) in [
        ("application/json", r#"{"Result":"Hi"}"#),
        ("text/jsv", "{Result:Hi}"),
        ("text/csv", "Result\r\nHi\r\n"),
    ] {
        let answer = http::Response::builder()
            .header("Content-Type", content_type)
            .body(body.as_bytes().to_vec())
            .unwrap();
        assert_eq!(ops::response::<Hello>(&answer).unwrap().result, "Hi");
    }
    assert_eq!(
        query::from_str::<Hello>("Name=World&Times=2").unwrap(),
        hello
    );

    // `#[serde(flatten)]`: written in every format, read back from JSON only.
    let bookings = QueryBookings {
        query_db: QueryBase {
            skip: None,
            take: Some(5),
        },
        id: Some(7),
    };
    assert_eq!(jsv::to_string(&bookings).unwrap(), "{take:5,id:7}");
    assert_eq!(query::to_string(&bookings).unwrap(), "take=5&id=7");
    assert_eq!(
        json::from_str::<QueryBookings>(r#"{"take":5,"id":7}"#).unwrap(),
        bookings
    );
    let jsv_err = jsv::from_str::<QueryBookings>("{take:5,id:7}").unwrap_err();
    assert!(
        jsv_err.to_string().contains("invalid type: string"),
        "{jsv_err}"
    );
    assert!(query::from_str::<QueryBookings>("take=5&id=7").is_err());
    assert!(csv::from_str::<QueryBookings>("take,id\r\n5,7\r\n").is_err());
}
