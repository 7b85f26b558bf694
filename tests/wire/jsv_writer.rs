//! How the JSV writer writes: ServiceStack's exact bytes, and the pretty layout of `Dump()`.

use std::collections::BTreeMap;

use clubready_wire::jsv::{self, Value};
use serde::Serialize;

use crate::support::load;

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Method<'a> {
    acct_token: Option<&'a str>,
    payment_amount: Option<&'a str>,
    use_preferred: Option<bool>,
}

#[derive(Serialize)]
enum Kind {
    Store,
    Amount(u32),
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Sale<'a> {
    api_key: Option<&'a str>,
    store_id: i32,
    is_temp: bool,
    payment_methods: Vec<Method<'a>>,
    kinds: Vec<Kind>,
    meta: BTreeMap<&'a str, Option<&'a str>>,
    tags: Vec<Option<&'a str>>,
    nothing: (),
}

#[test]
fn objects_drop_nulls_and_nest_inline() {
    let sale = Sale {
        api_key: None,
        store_id: 0,
        is_temp: false,
        payment_methods: vec![
            Method {
                acct_token: Some("a,b"),
                payment_amount: Some("1.00"),
                use_preferred: Some(true),
            },
            Method {
                acct_token: None,
                payment_amount: None,
                use_preferred: None,
            },
        ],
        kinds: vec![Kind::Store, Kind::Amount(7)],
        meta: [("k", Some("")), ("gone", None), ("x:y", Some(" v "))]
            .into_iter()
            .collect(),
        tags: vec![Some("x"), None, Some("y"), None],
        nothing: (),
    };
    assert_eq!(
        jsv::to_string(&sale).unwrap(),
        r#"{StoreId:0,IsTemp:False,PaymentMethods:[{AcctToken:"a,b",PaymentAmount:1.00,UsePreferred:True},{}],Kinds:[Store,{Amount:7}],Meta:{k:"","x:y": v },Tags:[x,,y,]}"#
    );
}

#[test]
fn strings_are_quoted_only_when_they_must_be() {
    let cases = [
        ("", r#""""#),
        ("plain text", "plain text"),
        (" lead", " lead"),
        ("tab\there", "tab\there"),
        ("a\"b", r#""a""b""#),
        ("x,y:z{w}[v]", r#""x,y:z{w}[v]""#),
        ("line\r\nbreak", "\"line\r\nbreak\""),
        ("café 日本", "café 日本"),
        ("\\/Date(0)\\/", "\\/Date(0)\\/"),
    ];
    for (s, expected) in cases {
        assert_eq!(jsv::to_string(s).unwrap(), expected, "{s:?}");
        assert_eq!(
            jsv::from_str::<String>(expected).unwrap(),
            s,
            "{expected:?} reads back"
        );
    }
    assert!(jsv::needs_quotes("a:b") && !jsv::needs_quotes("a b"));
}

#[test]
fn writer_entry_points_agree() {
    let v: Value = jsv::from_str("{A:[1,{B:\"c,d\"}]}").unwrap();
    let text = jsv::to_string(&v).unwrap();
    assert_eq!(jsv::to_vec(&v).unwrap(), text.as_bytes());
    let mut out = Vec::new();
    jsv::to_writer(&mut out, &v).unwrap();
    assert_eq!(out, text.as_bytes());
    let mut pretty = Vec::new();
    jsv::to_writer_pretty(&mut pretty, &v).unwrap();
    assert_eq!(pretty, jsv::to_string_pretty(&v).unwrap().as_bytes());
    assert_eq!(v.to_string(), text);
}

/// Whether ServiceStack's formatter breaks this text: some quoted value holds `{ } [ ]` (it
/// tracks quotes for `,`, whose line breaks it leaves out of quoted text, but not for brackets).
fn quoted_value_has_structure(jsv: &str) -> bool {
    jsv.split('"')
        .skip(1)
        .step_by(2)
        .any(|quoted| quoted.contains(['{', '}', '[', ']']))
}

#[test]
fn pretty_layout_is_servicestack_dump_byte_for_byte() {
    let mut compared = 0;
    let mut broken_by_servicestack = 0;
    for file in ["samples.jsonl", "dtos.jsonl"] {
        for line in load(file) {
            let out = &line["output"];
            let (Some(compact), Some(expected)) = (out["jsv"].as_str(), out["jsv_pretty"].as_str())
            else {
                continue;
            };
            // Untyped, JSV cannot tell a date (written bare) from text holding `:` (quoted), so
            // compare the texts that an untyped round trip reproduces exactly.
            let value: Value =
                jsv::from_str(compact).unwrap_or_else(|e| panic!("{}: {e}", line["id"]));
            if jsv::to_string(&value).unwrap() != compact {
                continue;
            }
            let pretty = jsv::to_string_pretty(&value).unwrap();
            // Our layout always reads back.
            assert_eq!(
                jsv::from_str::<Value>(&pretty).unwrap(),
                value,
                "{} pretty reads back",
                line["id"]
            );
            if quoted_value_has_structure(compact) {
                broken_by_servicestack += 1;
                continue;
            }
            assert_eq!(pretty, expected, "{} jsv_pretty", line["id"]);
            compared += 1;
        }
    }
    eprintln!("compared {compared}, broken by ServiceStack {broken_by_servicestack}");
    assert!(compared >= 100, "pretty texts compared: {compared}");
    assert!(broken_by_servicestack > 0);
}
