//! `query::from_str`, the model of the server's binder for query strings and form bodies,
//! against what ServiceStack's own binder made of the hand-written requests of
//! `bind_cases.jsonl`: the same value (a date's kind aside), or a refusal, either where the server
//! refuses too (a 400) or by one of the crate's documented stricter rules. Never another value.

use clubready_wire::dto::*;
use clubready_wire::query;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value as Json;

use crate::dto_vectors::canon_eq_kind_aside;
use crate::support::load;

/// Binds `input` as `T`, rendered by serde_json.
fn bind_as<T: DeserializeOwned + Serialize>(input: &str) -> Result<Json, String> {
    let value: T = query::from_str(input).map_err(|e| e.to_string())?;
    Ok(serde_json::to_value(value).unwrap())
}

type Binder = fn(&str) -> Result<Json, String>;

macro_rules! binders {
    ($($ty:ident),* $(,)?) => {
        &[$((<$ty as WireType>::WIRE_NAME, bind_as::<$ty> as Binder),)*]
    };
}

const BINDERS: &[(&str, Binder)] = clubready_wire::for_each_dto!(binders);

fn binder(name: &str) -> Binder {
    BINDERS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, b)| *b)
        .unwrap_or_else(|| panic!("no type {name}"))
}

/// The cases the crate refuses where the server binds a value, by the rule the crate documents
/// (`query` module, "Deliberate differences").
const STRICTER: &[(&str, &str)] = &[
    (
        "c003 c116",
        "a name given twice is an error (ASP.NET joins the values with `,`)",
    ),
    (
        "c008",
        "an unknown name is an error (ServiceStack drops it silently)",
    ),
    (
        "c025",
        "percent-decoded text that is not UTF-8 is an error (ASP.NET reads U+FFFD)",
    ),
    (
        "c054 c067 c068 c069 c071 c072 c078 c095 c110 c119 c120 c138",
        "a value that does not parse as its type's JSV is an error (ServiceStack's lenient reader \
         reads thousands separators, `on`/`t`/`y`, the first of `true,false`, culture dates, and \
         silently defaults bad nested values or ignores what follows a list)",
    ),
    (
        "c128 c160",
        "a date whose offset's `+` was sent raw (read as a space) is an error (the server binds \
         midnight)",
    ),
    (
        "c159",
        "an unquoted `{` inside a nested string is an error (the server takes the rest of the \
         object as the string)",
    ),
    (
        "c118",
        "JSON inside a JSV value is an error (ServiceStack binds one item with every property null)",
    ),
];

fn stricter(id: &str) -> Option<&'static str> {
    STRICTER
        .iter()
        .find(|(ids, _)| ids.split(' ').any(|x| x == id))
        .map(|(_, why)| *why)
}

/// What the binder makes of one case: the query string (and, for a `POST` form, the form body
/// on top of it: a later source overrides an earlier one).
fn ours(case: &Json) -> Result<Json, String> {
    let bind = binder(case["type"].as_str().unwrap());
    let input = case["input"].as_str().unwrap();
    if case["kind"] == "query" {
        return bind(input);
    }
    let query = case["query"].as_str().unwrap_or_default();
    let from_query = bind(query)?;
    if case["verb"] != "POST" {
        // A form body is read for POST and PUT only.
        return Ok(from_query);
    }
    let mut bound = from_query;
    let from_form = bind(input)?;
    for pair in input.split('&').filter(|p| !p.is_empty()) {
        let name = pair.split_once('=').map_or(pair, |(n, _)| n);
        let object = bound.as_object_mut().unwrap();
        if let Some(key) = object
            .keys()
            .find(|k| k.eq_ignore_ascii_case(name))
            .cloned()
        {
            object.insert(key.clone(), from_form[&key].clone());
        }
    }
    Ok(bound)
}

#[test]
fn the_query_decoder_binds_as_the_server_or_refuses() {
    let (mut same, mut both_refuse, mut refused_by_rule) = (0, 0, 0);
    let mut listed_seen = Vec::new();
    for case in load("bind_cases.jsonl") {
        let id = case["id"].as_str().unwrap();
        let note = case["note"].as_str().unwrap();
        let output = &case["output"];
        let canons: Vec<&Json> = [&output["canon"], &output["strict"]["canon"]]
            .into_iter()
            .filter(|c| !c.is_null())
            .collect();
        match ours(&case) {
            Ok(value) => {
                assert!(
                    canons
                        .iter()
                        .any(|c| canon_eq_kind_aside(&value, c, "").is_ok()),
                    "{id} ({note}): the decoder binds {value}, the server {canons:?}"
                );
                assert!(
                    stricter(id).is_none(),
                    "{id} is listed as refused but binds"
                );
                same += 1;
            }
            Err(_) if canons.is_empty() => {
                assert!(stricter(id).is_none(), "{id}: the server refuses it too");
                both_refuse += 1;
            }
            Err(e) => {
                assert!(
                    stricter(id).is_some(),
                    "{id} ({note}): refused ({e}) where the server binds {canons:?}"
                );
                listed_seen.push(id.to_owned());
                refused_by_rule += 1;
            }
        }
    }
    let listed: usize = STRICTER.iter().map(|(ids, _)| ids.split(' ').count()).sum();
    assert_eq!(listed_seen.len(), listed, "every listed case is a case");
    eprintln!(
        "same {same}, both refuse {both_refuse}, refused by a stricter rule {refused_by_rule}"
    );
    assert_eq!((same, both_refuse, refused_by_rule), (73, 17, 20));
}

/// A part without `=` binds nothing, as on the server (c010): not an unknown name (which would
/// show the tail of a value that a raw `&` cut, a credential's included), not a given name (which
/// would make a later `ApiKey=b` a duplicate).
#[test]
fn parts_without_equals_bind_nothing() {
    let cut: PaymentProfileBalanceInquiryEndpoint =
        query::from_str("ApiKey=k&StoreId=1&AcctToken=eyJhY2N0&IjoiNjAx").unwrap();
    assert_eq!(
        cut.acct_token.as_ref().map(|t| t.expose()),
        Some("eyJhY2N0")
    );
    assert_eq!(cut.store_id, 1);
    let later: PaymentProfileBalanceInquiryEndpoint =
        query::from_str("ApiKey&ApiKey=b&&StoreId=5").unwrap();
    assert_eq!(later.api_key.as_ref().map(|t| t.expose()), Some("b"));
    assert_eq!(later.store_id, 5);
    // An empty value still counts as given: the server joins `ApiKey=&apiKey=b` into `,b`.
    assert!(query::from_str::<PaymentProfileBalanceInquiryEndpoint>("ApiKey=&apiKey=b").is_err());
}
