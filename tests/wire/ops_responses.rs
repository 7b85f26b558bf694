//! Responses decoded by `clubready_wire::ops`: ServiceStack's error envelope in JSON, JSV and
//! CSV (`error_bodies.jsonl`, snapshots of each decoded), and every way a response can fail to be
//! the operation's: `Success: false`, a bare `Unauthorized`, an error status without an
//! envelope, an unknown content type, an empty body. Credentials never appear in what is shown.

use clubready_wire::dto::*;
use clubready_wire::ops::{self, http, ApiError, Problem};
use serde_json::Value as Json;

use crate::dto_vectors::canon_eq_kind_aside;
use crate::support::{load, snapshots};

fn answer(status: u16, content_type: Option<&str>, body: &str) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(status);
    if let Some(ct) = content_type {
        builder = builder.header("Content-Type", ct);
    }
    builder.body(body.as_bytes().to_vec()).unwrap()
}

#[test]
fn error_envelopes_in_every_format() {
    let mut shown = String::new();
    let mut decoded = 0;
    for line in load("error_bodies.jsonl") {
        let id = line["id"].as_str().unwrap();
        let out = &line["output"];
        let canon = &out["canon"]["ResponseStatus"];
        let mut texts = Vec::new();
        for (format, content_type) in [
            ("json", "application/json; charset=utf-8"),
            ("jsv", "text/jsv"),
            ("csv", "text/csv; charset=UTF-8"),
        ] {
            let body = out[format].as_str().unwrap();
            let err =
                ops::response::<SaleEndpoint>(&answer(400, Some(content_type), body)).unwrap_err();
            assert_eq!(err.status(), 400);
            if canon.is_null() {
                // An `ErrorResponse` without a status: an error status without an envelope.
                assert!(
                    matches!(
                        err,
                        ApiError::Unexpected {
                            problem: Problem::Status,
                            ..
                        }
                    ),
                    "{id} {format}: {err}"
                );
            } else {
                let status = err
                    .response_status()
                    .unwrap_or_else(|| panic!("{id} {format}: {err}"));
                let ours = serde_json::to_value(status).unwrap();
                canon_eq_kind_aside(&ours, canon, "").unwrap_or_else(|e| {
                    panic!("{id} {format}: {e}");
                });
                assert_eq!(err.code(), canon["ErrorCode"].as_str());
                assert_eq!(err.message(), canon["Message"].as_str());
                let errors = canon["Errors"].as_array().map_or(0, Vec::len);
                assert_eq!(err.field_errors().len(), errors);
                if let Some(first) = canon["Errors"].get(0) {
                    let name = first["FieldName"].as_str().unwrap();
                    assert_eq!(
                        err.field(&name.to_ascii_lowercase())
                            .and_then(|e| e.message.as_deref()),
                        first["Message"].as_str(),
                        "{id}"
                    );
                }
            }
            texts.push(err.to_string());
            decoded += 1;
        }
        // The same error, whatever the format (a body without an envelope shows its own text).
        if !canon.is_null() {
            assert!(texts.iter().all(|t| *t == texts[0]), "{id}: {texts:#?}");
        }
        shown.push_str(&format!(
            "{id} ({}):\n{}\n\n",
            line["note"].as_str().unwrap(),
            texts[0]
        ));
    }
    assert_eq!(decoded, 14 * 3);
    // Credentials in the bodies (a stack trace's `[REQUEST: {ApiKey:k,…}]`, an `Invalid ApiKey`
    // message) do not reach the text.
    assert!(!shown.contains("ApiKey:k"));
    snapshots(|| insta::assert_snapshot!("ops_error_bodies_decoded", shown));
}

/// `ErrorResponse` is written as ServiceStack writes it, in every format (CSV: one
/// `ResponseStatus` cell holding the status as JSV, its `Errors` a plain list there), and each
/// text reads back to the same envelope.
#[test]
fn error_envelopes_are_written_byte_for_byte() {
    use clubready_wire::{csv, json, jsv};
    let mut written = 0;
    for line in load("error_bodies.jsonl") {
        let id = line["id"].as_str().unwrap();
        assert_eq!(line["input"]["type"], "ErrorResponse", "{id}");
        let out = &line["output"];
        let envelope: ErrorResponse = json::from_str(out["json"].as_str().unwrap()).unwrap();
        let texts = [
            ("json", json::to_string(&envelope).unwrap()),
            ("jsv", jsv::to_string(&envelope).unwrap()),
            ("csv", csv::to_string(&envelope).unwrap()),
        ];
        for (format, text) in texts {
            assert_eq!(text, out[format].as_str().unwrap(), "{id} {format}");
            let back: ErrorResponse = match format {
                "json" => json::from_str(&text),
                "jsv" => jsv::from_str(&text),
                _ => csv::from_str(&text),
            }
            .unwrap_or_else(|e| panic!("{id} {format}: {e}"));
            assert_eq!(back, envelope, "{id} {format} read back");
            written += 1;
        }
    }
    assert_eq!(written, 14 * 3);
}

#[test]
fn a_successful_response_in_each_format() {
    let sold = SellContractResultDto {
        contract_sale_id: Some("42".into()),
        description: Some("ok".into()),
        success: Some(true),
        payment_responses: None,
    };
    for (content_type, body) in [
        (
            "application/json",
            clubready_wire::json::to_string(&sold).unwrap(),
        ),
        ("text/jsv", clubready_wire::jsv::to_string(&sold).unwrap()),
        ("text/csv", clubready_wire::csv::to_string(&sold).unwrap()),
    ] {
        let got = ops::response::<SellContractRequest>(&answer(200, Some(content_type), &body))
            .unwrap_or_else(|e| panic!("{content_type}: {e}"));
        assert_eq!(got, sold);
    }
    // A response without properties.
    let empty = ops::response::<SellContractAndSetupClientRequest>(&answer(
        200,
        Some("text/jsv"),
        "{\n\t\n}",
    ));
    assert_eq!(empty.unwrap(), SellContractAndSetupClientResponse {});
}

#[test]
fn success_false_is_an_error_carrying_the_response() {
    for (content_type, body) in [
        (
            "application/json",
            r#"{"success":false,"message":"Card declined"}"#,
        ),
        ("text/jsv", "{success:False,message:Card declined}"),
        ("text/csv", "success,message\r\nFalse,Card declined\r\n"),
    ] {
        let err =
            ops::response::<SaleEndpoint>(&answer(200, Some(content_type), body)).unwrap_err();
        assert_eq!(err.message(), Some("Card declined"));
        assert_eq!(
            err.to_string(),
            "HTTP 200 OK: the response says Success: false: Card declined"
        );
        assert_eq!(
            err.into_response(),
            Some(SaleResponse {
                success: Some(false),
                message: Some("Card declined".into()),
            })
        );
    }
    // `Success` (PascalCase) too, and a response with a non-nullable `Success`.
    let err = ops::response::<PaymentProfileBalanceInquiryEndpoint>(&answer(
        200,
        Some("application/json"),
        r#"{"Success":false,"Message":"Unknown card"}"#,
    ))
    .unwrap_err();
    assert!(!err.response().unwrap().success);
    // `Success: true`, or none, is a success.
    assert!(ops::response::<SaleEndpoint>(&answer(
        200,
        Some("application/json"),
        r#"{"success":true}"#
    ))
    .is_ok());
}

#[test]
fn what_is_not_the_response_is_an_error_never_an_empty_response() {
    let cases: &[(u16, Option<&str>, &str, &str)] = &[
        // ClubReady's bare text, with HTTP 200, in every labelling.
        (
            200,
            Some("text/plain"),
            "Unauthorized",
            "a body that is not JSON, JSV or CSV",
        ),
        (
            200,
            Some("application/json"),
            "Unauthorized",
            "a body that is not the response type",
        ),
        (
            200,
            Some("text/jsv"),
            "Unauthorized",
            "a body that is not the response type",
        ),
        (
            200,
            Some("text/csv"),
            "Unauthorized",
            "a body that is not the response type",
        ),
        (
            200,
            None,
            "Unauthorized",
            "a body that is not JSON, JSV or CSV",
        ),
        (200, Some("application/json"), "", "an empty body"),
        (
            200,
            Some("text/html"),
            "<html>Service Unavailable</html>",
            "a body that is not JSON",
        ),
        // Error statuses without an envelope.
        (
            401,
            Some("text/plain"),
            "Unauthorized",
            "an error status without an error envelope",
        ),
        (
            500,
            Some("application/json"),
            "{}",
            "an error status without an error envelope",
        ),
        (
            503,
            Some("text/html"),
            "<h1>down</h1>",
            "an error status without an error envelope",
        ),
        (
            302,
            Some("text/html"),
            "moved",
            "an error status without an error envelope",
        ),
    ];
    for (status, content_type, body, expected) in cases {
        let err = ops::response::<SaleEndpoint>(&answer(*status, *content_type, body)).unwrap_err();
        let shown = err.to_string();
        assert!(
            matches!(err, ApiError::Unexpected { .. }),
            "{status} {body}: {shown}"
        );
        assert!(shown.contains(expected), "{shown}");
        assert_eq!(err.status(), *status);
        assert!(err.response_status().is_none() && err.field_errors().is_empty());
    }
    // An envelope with a 2xx status and an `ErrorCode` is the service's error.
    let err = ops::response::<SaleEndpoint>(&answer(
        200,
        Some("application/json"),
        r#"{"ResponseStatus":{"ErrorCode":"Forbidden","Message":"no"}}"#,
    ))
    .unwrap_err();
    assert_eq!(err.code(), Some("Forbidden"));
}

#[test]
fn credentials_never_appear_in_errors_or_debug() {
    let secret = "SECRET-KEY-42";
    let bodies = [
        // A bare body echoing the request.
        (401, "text/plain", format!("Invalid ApiKey={secret}")),
        // A message echoing it.
        (
            400,
            "application/json",
            format!(r#"{{"ResponseStatus":{{"ErrorCode":"Invalid","Message":"ApiKey {secret} is not valid","StackTrace":"[REQUEST: {{ApiKey:{secret}}}]"}}}}"#),
        ),
        // A field error about the credential, and Meta holding its value.
        (
            400,
            "text/jsv",
            format!("{{ResponseStatus:{{ErrorCode:NotValid,Message:Bad request,Errors:[{{ErrorCode:NotValid,FieldName:ApiKey,Message:'{secret}' is not valid,Meta:{{PropertyValue:{secret}}}}}]}}}}"),
        ),
        // A declined sale whose message echoes a token.
        (
            200,
            "application/json",
            format!(r#"{{"success":false,"message":"AcctToken {secret} declined"}}"#),
        ),
        // A body that does not decode.
        (200, "application/json", format!(r#"{{"success":"AcctToken={secret}"}}"#)),
        // Message words between the name and its value.
        (
            401,
            "application/json",
            format!(r#"{{"ResponseStatus":{{"ErrorCode":"Unauthorized","Message":"Invalid ApiKey provided: {secret}"}}}}"#),
        ),
        (
            401,
            "text/csv",
            format!("ResponseStatus\r\n\"{{ErrorCode:Unauthorized,Message:AcctToken is {secret}}}\"\r\n"),
        ),
        (
            200,
            "text/jsv",
            format!("{{success:False,message:Profile token expired: {secret}}}"),
        ),
    ];
    for (status, content_type, body) in bodies {
        let err =
            ops::response::<SaleEndpoint>(&answer(status, Some(content_type), &body)).unwrap_err();
        let shown = format!("{err}\n{err:?}");
        assert!(!shown.contains(secret), "{shown}");
    }
}

#[test]
fn long_and_control_laden_bodies_are_bounded_and_escaped() {
    let body = format!("\u{1b}[31mred\r\n{}", "x".repeat(10_000));
    let err = ops::response::<SaleEndpoint>(&answer(500, Some("text/plain"), &body)).unwrap_err();
    let shown = err.to_string();
    assert!(shown.len() < 400, "{}", shown.len());
    assert!(shown.contains("\\u{1b}[31mred\\r\\n"), "{shown}");
    let ApiError::Unexpected { snippet, .. } = &err else {
        panic!()
    };
    assert_eq!(
        snippet.chars().filter(|c| *c == 'x').count(),
        200 - "\u{1b}[31mred\r\n".len()
    );
    // Many field errors: the first ten are shown.
    let errors: Vec<Json> = (0..30)
        .map(
            |i| serde_json::json!({"ErrorCode": "E", "FieldName": format!("F{i}"), "Message": "m"}),
        )
        .collect();
    let body = serde_json::json!({"ResponseStatus": {"ErrorCode": "Many", "Errors": errors}});
    let err =
        ops::response::<SaleEndpoint>(&answer(400, Some("application/json"), &body.to_string()))
            .unwrap_err();
    assert_eq!(err.field_errors().len(), 30);
    assert!(err.to_string().ends_with("F9: E: m; and 20 more)"), "{err}");
}
