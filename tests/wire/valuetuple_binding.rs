//! `NewOwner` (`ValueTuple<int, OwnerType>?`) in every spelling, through every channel, as
//! ServiceStack's binder took it (`valuetuple_forms.jsonl`):
//!
//! - the query decoder (the model of the server's binder for query strings and form bodies)
//!   binds what the server binds, or refuses by a documented stricter rule, never another value;
//! - the spelling the request builder sends binds on the server in every channel it uses.

use clubready_wire::dotnet::ValueTuple;
use clubready_wire::dto::{OwnerType, PaymentProfileImportEndpoint};
use clubready_wire::ops::{self, BodyFormat};
use clubready_wire::{json, query};
use serde_json::Value as Json;

use crate::dto_vectors::canon_eq_kind_aside;
use crate::support::load;

/// Query and form spellings the server binds but the decoder refuses, by the rule it documents.
const STRICTER: &[(&str, &str)] = &[
    (
        "{Item1:5} {Item2:User} {}",
        "a ValueTuple needs both items (the server takes a missing one as its default)",
    ),
    (
        "NewOwner.Item1=5&NewOwner.Item2=User NewOwner[Item1]=5&NewOwner[Item2]=User Item1=5&Item2=User",
        "an unknown name is an error (the server ignores it, binding no NewOwner)",
    ),
];

fn stricter(form: &str) -> bool {
    STRICTER
        .iter()
        .any(|(forms, _)| forms.split(' ').any(|f| f == form))
}

fn bind(query_text: &str) -> Result<Json, String> {
    let value: PaymentProfileImportEndpoint =
        query::from_str(query_text).map_err(|e| e.to_string())?;
    Ok(serde_json::to_value(value).unwrap())
}

/// What the decoder makes of a line's request: the query string, then the form body (a `POST`)
/// or the JSON body under the query string.
fn ours(request: &Json) -> Result<Json, String> {
    let query_text = request["query"].as_str().unwrap_or_default();
    let body = request["body"].as_str().unwrap_or_default();
    match request["content_type"].as_str() {
        None => bind(query_text),
        Some("application/x-www-form-urlencoded") => {
            assert!(query_text.is_empty());
            bind(body)
        }
        Some("application/json") => {
            let from_body: PaymentProfileImportEndpoint =
                json::from_str(body).map_err(|e| e.to_string())?;
            let mut bound = serde_json::to_value(from_body).unwrap();
            let from_query = bind(query_text)?;
            for name in query_text.split('&').filter_map(|p| p.split('=').next()) {
                bound[name] = from_query[name].clone();
            }
            Ok(bound)
        }
        Some(other) => panic!("{other}"),
    }
}

#[test]
fn the_query_decoder_binds_newowner_as_the_server_or_refuses() {
    let (mut same, mut both_refuse, mut stricter_refusals) = (0, 0, 0);
    for line in load("valuetuple_forms.jsonl") {
        let channel = line["channel"].as_str().unwrap();
        if !matches!(channel, "query" | "form_body" | "json_body+query") {
            continue;
        }
        let id = line["id"].as_str().unwrap();
        let form = line["form"].as_str().unwrap();
        let output = &line["output"];
        let canons: Vec<&Json> = [&output["canon"], &output["strict"]["canon"]]
            .into_iter()
            .filter(|c| !c.is_null())
            .collect();
        match ours(&line["request"]) {
            Ok(value) => {
                assert!(
                    canons
                        .iter()
                        .any(|c| canon_eq_kind_aside(&value, c, "").is_ok()),
                    "{id} {form} ({channel}): the decoder binds {value}, the server {canons:?}"
                );
                same += 1;
            }
            Err(_) if canons.is_empty() => both_refuse += 1,
            Err(e) => {
                assert!(
                    stricter(form),
                    "{id} {form} ({channel}): refused ({e}), the server binds {canons:?}"
                );
                stricter_refusals += 1;
            }
        }
    }
    assert_eq!((same, both_refuse, stricter_refusals), (13, 77, 10));
}

/// The line of `channel` and `variant` for the spelling `form`.
fn recorded<'a>(lines: &'a [Json], form: &str, channel: &str, variant: &str) -> &'a Json {
    lines
        .iter()
        .find(|l| l["form"] == form && l["channel"] == channel && l["variant"] == variant)
        .unwrap_or_else(|| panic!("no line for {form} {channel} {variant}"))
}

#[test]
fn the_request_builder_sends_the_spelling_the_server_binds() {
    let lines = load("valuetuple_forms.jsonl");
    let import = PaymentProfileImportEndpoint {
        api_key: Some("k".into()),
        new_owner: Some(ValueTuple(5, OwnerType::User)),
        ..Default::default()
    };
    let sent = |way| {
        ops::Options::new()
            .body(way)
            .validate(false)
            .request(&import)
            .unwrap()
    };
    let binds = |line: &Json| {
        assert_eq!(
            line["output"]["canon"]["NewOwner"],
            serde_json::json!([5, "User"]),
            "{}",
            line["id"]
        );
        assert_eq!(
            line["output"]["strict"]["canon"]["NewOwner"],
            serde_json::json!([5, "User"])
        );
    };

    let json_line = recorded(&lines, r#"{"Item1":5,"Item2":"User"}"#, "json_body", "raw");
    binds(json_line);
    let body = String::from_utf8(sent(BodyFormat::Json).into_body()).unwrap();
    assert!(
        body.contains(r#""NewOwner":{"Item1":5,"Item2":"User"}"#),
        "{body}"
    );

    let jsv_line = recorded(&lines, "{Item1:5,Item2:User}", "jsv_body", "raw");
    binds(jsv_line);
    let body = String::from_utf8(sent(BodyFormat::Jsv).into_body()).unwrap();
    assert!(body.contains("NewOwner:{Item1:5,Item2:User}"), "{body}");

    let query_line = recorded(&lines, "{Item1:5,Item2:User}", "query", "raw");
    binds(query_line);
    let request = sent(BodyFormat::Query);
    assert!(
        request
            .uri()
            .query()
            .unwrap()
            .contains("NewOwner={Item1:5,Item2:User}"),
        "{}",
        request.uri().query().unwrap()
    );

    let form_line = recorded(&lines, "{Item1:5,Item2:User}", "form_body", "raw");
    binds(form_line);
    let body = String::from_utf8(sent(BodyFormat::Form).into_body()).unwrap();
    assert!(body.contains("NewOwner={Item1:5,Item2:User}"), "{body}");
}
