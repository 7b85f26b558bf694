//! `clubready-wire request` and `clubready-wire response`, run as a user runs them.

mod support;
use support::run;

const SALE: &str = r#"{"XForwardedFor":"203.0.113.7","ApiKey":"k+1","MemberId":7,"StoreId":5,
    "IncompleteAgreementToken":"t","PaymentAmount":"0.00","PaymentMethods":[{"UsePreferred":true}]}"#;

#[test]
fn request_writes_the_http_message_as_sent() {
    let (ok, out, err) = run(
        &[
            "request",
            "--type",
            "SaleEndpoint",
            "--as",
            "form",
            "--base-url",
            "http://127.0.0.1:8080/api",
        ],
        SALE,
    );
    assert!(ok, "{err}");
    let body = "XForwardedFor=203.0.113.7&StoreId=5&IncompleteAgreementToken=t&PaymentAmount=0.00&\
                PaymentMethods=[{UsePreferred:True}]";
    assert_eq!(
        out,
        format!(
            "POST /api/sales/agreement/sale?ApiKey=k%2B1&MemberId=7 HTTP/1.1\r\n\
             Host: 127.0.0.1:8080\r\n\
             Accept: application/json\r\n\
             Content-Type: application/x-www-form-urlencoded\r\n\
             X-Forwarded-For: 203.0.113.7\r\n\
             Content-Length: {}\r\n\
             \r\n\
             {body}",
            body.len()
        )
    );
    // JSV in, everything in the query string, CSV asked for.
    let (ok, out, err) = run(
        &[
            "request",
            "--type",
            "PaymentProfileBalanceInquiryEndpoint",
            "--from",
            "jsv",
            "--as",
            "query",
            "--accept",
            "csv",
        ],
        "{ApiKey:k,StoreId:12,AcctToken:\"a,b\"}",
    );
    assert!(ok, "{err}");
    assert_eq!(
        out,
        "GET /api/current/sales/paymentProfile/balanceInquiry?ApiKey=k&StoreId=12&AcctToken=a,b HTTP/1.1\r\n\
         Host: www.clubready.com\r\n\
         Accept: text/csv\r\n\
         \r\n"
    );
}

#[test]
fn a_request_that_cannot_be_sent_exits_non_zero_naming_the_property() {
    let invalid = SALE.replace(r#""ApiKey":"k+1","#, "");
    let (ok, out, err) = run(&["request", "--type", "SaleEndpoint"], &invalid);
    assert!(!ok);
    assert!(out.is_empty());
    assert!(
        err.contains("the request breaks 1 rule:\nclubready-wire: ApiKey: is required"),
        "{err}"
    );
    let injected = SALE.replace("203.0.113.7", "203.0.113.7\\r\\nX-Injected: 1");
    let (ok, out, err) = run(
        &["request", "--type", "SaleEndpoint", "--no-validate"],
        &injected,
    );
    assert!(!ok && out.is_empty());
    assert!(
        err.contains("XForwardedFor: cannot be sent as the header `X-Forwarded-For`"),
        "{err}"
    );
    let (ok, _, err) = run(&["request", "--type", "SaleResponse"], "{}");
    assert!(!ok);
    assert!(err.contains("`SaleResponse` is no operation"), "{err}");
}

#[test]
fn response_prints_the_typed_value_or_the_error() {
    let (ok, out, err) = run(
        &["response", "--type", "SaleEndpoint"],
        "HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: 30\r\n\r\n{\"success\":true,\"message\":\"o\"}",
    );
    assert!(ok, "{err}");
    assert_eq!(out, r#"{"success":true,"message":"o"}"#);
    let (ok, out, err) = run(
        &["response", "--type", "SellContractResultDto"],
        "HTTP/1.1 400 Bad Request\r\nContent-Type: text/jsv\r\n\r\n{ResponseStatus:{ErrorCode:NotEmpty,Message:Bad,Errors:[{ErrorCode:NotEmpty,FieldName:StoreId,Message:'Store Id' must not be empty.}]}}",
    );
    assert!(!ok && out.is_empty());
    assert!(
        err.contains("HTTP 400 Bad Request: NotEmpty: Bad (StoreId: NotEmpty: 'Store Id' must not be empty.)"),
        "{err}"
    );
    let (ok, _, err) = run(
        &["response", "--type", "SaleResponse"],
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nUnauthorized",
    );
    assert!(!ok);
    assert!(
        err.contains("HTTP 200 OK: a body that is not JSON, JSV or CSV"),
        "{err}"
    );
    let (ok, _, err) = run(&["response", "--type", "SaleResponse"], "not http");
    assert!(!ok);
    assert!(err.contains("no blank line"), "{err}");
}
