//! How the JSON reader reads, table-driven: exact error texts (where, what was expected, what
//! was found), credentials never shown, bounds, and ServiceStack's lenient scalars. Vector ids
//! (`p153`) point at what ServiceStack.Text does with the same input.

use std::borrow::Cow;

use clubready_wire::dotnet::Decimal;
use clubready_wire::dto::{
    PaymentProfileBalanceInquiryEndpoint as Inquiry,
    PaymentProfileBalanceInquiryEndpointResponse as InquiryResponse, RestrictedResourceType,
    SaleEndpoint,
};
use clubready_wire::json;
use clubready_wire::jsv::{self, Category, Value};
use indexmap::IndexMap;
use proptest::prelude::*;
use serde::de::IgnoredAny;
use serde::Deserialize;

fn inquiry(text: &str) -> Inquiry {
    json::from_str(text).unwrap_or_else(|e| panic!("{text:?}: {e}"))
}

fn response(text: &str) -> InquiryResponse {
    json::from_str(text).unwrap_or_else(|e| panic!("{text:?}: {e}"))
}

/// Each input's error text, read as `T`.
fn check_errors<T: for<'de> Deserialize<'de> + std::fmt::Debug>(cases: &[(&str, &str)]) {
    for (text, expected) in cases {
        let err = json::from_str::<T>(text).expect_err(text);
        assert_eq!(err.to_string(), *expected, "{text:?}");
    }
}

#[test]
fn syntax_errors_say_where_what_was_expected_and_what_was_found() {
    check_errors::<Inquiry>(&[
        (
            r#"{"StoreId":1 "TerminalIpAddress":"x"}"#,
            r#"StoreId: expected `,` or `}` after a value, found `"TerminalIpAddress"` at line 1 column 14"#,
        ),
        (
            r#"{"StoreId":1,}"#,
            r#"expected a property name (a `"`-quoted string), found `}` at line 1 column 14"#,
        ), // p149
        (
            r#"{,"StoreId":1}"#,
            r#"expected a property name (a `"`-quoted string) or `}`, found `,` at line 1 column 2"#,
        ),
        (
            r#"{StoreId:1}"#,
            r#"expected a property name (a `"`-quoted string) or `}`, found `StoreId` at line 1 column 2"#,
        ),
        (
            r#"{"StoreId" 1}"#,
            "StoreId: expected `:` after the property name, found `1` at line 1 column 12",
        ),
        (
            r#"{"StoreId":}"#,
            "StoreId: expected a JSON value, found `}` at line 1 column 12",
        ),
        (
            r#"{"StoreId":01}"#,
            "StoreId: expected a number without leading zeros, found `01` at line 1 column 12",
        ),
        (
            r#"{"StoreId":1.}"#,
            "StoreId: expected a digit after the decimal point, found `}` at line 1 column 14",
        ),
        (
            r#"{"StoreId":-}"#,
            "StoreId: expected a digit, found `}` at line 1 column 13",
        ),
        (
            r#"{"TerminalIpAddress":abc}"#,
            "TerminalIpAddress: expected a JSON value, found `abc` at line 1 column 22",
        ), // p150
        (
            r#"{"TerminalIpAddress":'x'}"#,
            "TerminalIpAddress: expected a JSON value, found `'x'` at line 1 column 22",
        ), // p151
        (
            r#"{"TerminalIpAddress":tru}"#,
            "TerminalIpAddress: expected a JSON value, found `tru` at line 1 column 22",
        ),
        (
            r#"{"TerminalIpAddress":"x"} x"#,
            "expected end of input, found `x` at line 1 column 27",
        ),
        (
            r#"{"TerminalIpAddress":"x"}}"#,
            "expected end of input, found `}` at line 1 column 26",
        ),
        (
            "{\n  \"StoreId\": 1,\n  \"TerminalIpAddress\": x\n}",
            "TerminalIpAddress: expected a JSON value, found `x` at line 3 column 24",
        ),
    ]);
    check_errors::<SaleEndpoint>(&[
        (
            r#"{"PaymentMethods":[{"UsePreferred":true}}"#,
            "PaymentMethods: expected `,` or `]` after a list item, found `}` at line 1 column 41",
        ),
        (
            r#"{"PaymentMethods":[{"UsePreferred":true},]}"#,
            "PaymentMethods[1]: expected a JSON value, found `]` at line 1 column 42",
        ),
        (
            r#"{"RestrictedResourceType":"Chain",,"StoreId":1}"#,
            r#"expected a property name (a `"`-quoted string), found `,` at line 1 column 35"#,
        ),
    ]);
    let err = json::from_str::<Inquiry>(r#"{"StoreId" 1}"#).unwrap_err();
    assert_eq!(err.classify(), Category::Syntax);
    assert_eq!(err.path(), "StoreId");
}

#[test]
fn input_that_ends_early_is_reported_where_it_ends_or_where_the_string_opened() {
    check_errors::<Inquiry>(&[
        ("", "expected `{` (an object), found end of input at line 1 column 1"),
        (" \n ", "expected `{` (an object), found end of input at line 2 column 2"),
        ("{", r#"expected a property name (a `"`-quoted string) or `}`, found end of input at line 1 column 2"#),
        (r#"{"Stor"#, r#"expected a closing `"` for the string opened here, found end of input at line 1 column 2"#),
        (r#"{"StoreId""#, "StoreId: expected `:` after the property name, found end of input at line 1 column 11"),
        (r#"{"StoreId":"#, "StoreId: expected an integer in the range of i32, found end of input at line 1 column 12"),
        (r#"{"StoreId":1"#, "StoreId: expected `,` or `}` after a value, found end of input at line 1 column 13"),
        (r#"{"StoreId":1,"#, r#"expected a property name (a `"`-quoted string), found end of input at line 1 column 14"#),
        (r#"{"TerminalIpAddress":"abc"#, r#"TerminalIpAddress: expected a closing `"` for the string opened here, found end of input at line 1 column 22"#),
        (r#"{"TerminalIpAddress":"a\"#, r#"TerminalIpAddress: expected a closing `"` for the string opened here, found end of input at line 1 column 22"#),
    ]);
    check_errors::<SaleEndpoint>(&[
        (r#"{"PaymentMethods":["#, "PaymentMethods[0]: expected `{` (an object), found end of input at line 1 column 20"),
        (r#"{"PaymentMethods":[{"UsePreferred":true}"#, "PaymentMethods: expected `,` or `]` after a list item, found end of input at line 1 column 41"),
        (r#"{"PaymentMethods":[{"UsePreferred":true"#, "PaymentMethods[0].UsePreferred: expected `,` or `}` after a value, found end of input at line 1 column 40"),
    ]);
    for text in ["{", r#"{"StoreId":1"#, r#"{"TerminalIpAddress":"abc"#, "["] {
        let err = json::from_str::<Value>(text).unwrap_err();
        assert_eq!(err.classify(), Category::Eof, "{text}");
        assert!(err.is_eof());
    }
}

#[test]
fn escapes_are_rfc_8259_and_a_lone_surrogate_is_an_error() {
    check_errors::<Inquiry>(&[
        (
            r#"{"TerminalIpAddress":"a\qb"}"#,
            r#"TerminalIpAddress: expected an escape character after `\` (one of `"` `\` `/` `b` `f` `n` `r` `t` `u`), found `q` at line 1 column 24"#,
        ),
        (
            r#"{"TerminalIpAddress":"\u00zz"}"#,
            r#"TerminalIpAddress: expected four hex digits after `\u`, found `00zz` at line 1 column 25"#,
        ),
        (
            r#"{"TerminalIpAddress":"\ud800"}"#,
            r#"TerminalIpAddress: lone UTF-16 surrogate `\uD800` in a string (no Rust string can hold it) at line 1 column 23"#,
        ),
        (
            r#"{"TerminalIpAddress":"x\udc00"}"#,
            r#"TerminalIpAddress: lone UTF-16 surrogate `\uDC00` in a string (no Rust string can hold it) at line 1 column 24"#,
        ),
        (
            r#"{"TerminalIpAddress":"\ud83d\u0041"}"#,
            r#"TerminalIpAddress: lone UTF-16 surrogate `\uD83D` in a string (no Rust string can hold it) at line 1 column 23"#,
        ),
        // Skipped values are checked too.
        (
            r#"{"Unknown":"\ud800"}"#,
            r#"Unknown: lone UTF-16 surrogate `\uD800` in a string (no Rust string can hold it) at line 1 column 13"#,
        ),
    ]);
    let ip = |text: &str| inquiry(text).terminal_ip_address.unwrap();
    assert_eq!(ip(r#"{"TerminalIpAddress":"a\u0041\n"}"#), "aA\n"); // p154
    assert_eq!(
        ip(r#"{"TerminalIpAddress":"\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"}"#),
        "\"\\/\u{8}\u{c}\n\r\t\u{e9}\u{1F600}"
    );
    // Raw control characters (RFC 8259 has them escaped) are kept as they are, as ServiceStack
    // reads them: rejecting them would lose a value that means what it holds.
    assert_eq!(
        ip("{\"TerminalIpAddress\":\"a\tb\u{1}\nc\"}"),
        "a\tb\u{1}\nc"
    );
}

#[test]
fn types_that_do_not_fit_are_data_errors() {
    check_errors::<Inquiry>(&[
        (r#"{"StoreId":null}"#, "StoreId: expected an integer in the range of i32, found `null` at line 1 column 12"), // p153
        (r#"{"StoreId":"abc"}"#, "StoreId: expected an integer in the range of i32, found a string `abc` at line 1 column 12"),
        (r#"{"StoreId":12.5}"#, "StoreId: expected an integer in the range of i32, found `12.5` at line 1 column 12"),
        (r#"{"StoreId":1e3}"#, "StoreId: expected an integer in the range of i32, found `1e3` at line 1 column 12"),
        (r#"{"StoreId":99999999999}"#, "StoreId: expected an integer in the range of i32, found `99999999999` at line 1 column 12"),
        (r#"{"StoreId":true}"#, "StoreId: expected an integer in the range of i32, found `true` at line 1 column 12"),
        (r#"{"StoreId":{"a":1}}"#, "StoreId: expected an integer in the range of i32, found an object at line 1 column 12"),
        (r#"{"StoreId":[1]}"#, "StoreId: expected an integer in the range of i32, found a list at line 1 column 12"),
        // A number where text is expected is not taken as its text.
        (r#"{"TerminalIpAddress":12}"#, "TerminalIpAddress: expected a string, found `12` at line 1 column 22"),
        ("[1]", "expected `{` (an object), found a list at line 1 column 1"),
        (r#""x""#, "expected `{` (an object), found a string `x` at line 1 column 1"),
    ]);
    check_errors::<InquiryResponse>(&[
        (r#"{"Success":"yes"}"#, "Success: expected a bool (`true`, `false`, `1` or `0`, also as a string in any case), found a string `yes` at line 1 column 12"),
        (r#"{"Success":2}"#, "Success: expected a bool (`true`, `false`, `1` or `0`, also as a string in any case), found `2` at line 1 column 12"),
        (r#"{"Success":null}"#, "Success: expected a bool (`true`, `false`, `1` or `0`, also as a string in any case), found `null` at line 1 column 12"),
        (r#"{"AccountBalance":true}"#, "AccountBalance: expected a decimal number, found `true` at line 1 column 19"),
        (r#"{"AccountBalance":1e3}"#, "AccountBalance: expected a decimal number (digits, optional sign and point, no exponent, at most 28 digits after the point and 29 in all), found `1e3` at line 1 column 19"),
        (r#"{"AccountBalance":"1.2.3"}"#, "AccountBalance: expected a decimal number (digits, optional sign and point, no exponent, at most 28 digits after the point and 29 in all), found `1.2.3` at line 1 column 19"),
    ]);
    check_errors::<SaleEndpoint>(&[
        // An array where a payment method is expected is not bound by position.
        (r#"{"PaymentMethods":[["tok","ptok","pid",5.00,1,true]]}"#, "PaymentMethods[0]: expected `{` (an object), found a list at line 1 column 20"),
        // One payment method where a list is expected is not a list.
        (r#"{"PaymentMethods":{"UsePreferred":true}}"#, "PaymentMethods: expected `[` (a list), found an object at line 1 column 19"),
        (r#"{"RestrictedResourceType":"Planet"}"#, "RestrictedResourceType: expected a RestrictedResourceType (Store, Chain, User, Undefined or a number), found `Planet` at line 1 column 27"),
    ]);
    let err = json::from_str::<Inquiry>(r#"{"StoreId":null}"#).unwrap_err();
    assert_eq!(err.classify(), Category::Data);
}

#[test]
fn duplicates_are_reported_at_their_key() {
    check_errors::<Inquiry>(&[
        (
            r#"{"StoreId":1,"StoreId":2}"#,
            "duplicate field `StoreId` at line 1 column 14",
        ),
        (
            r#"{"StoreId":1, "storeid":2}"#,
            "duplicate field `StoreId` at line 1 column 15",
        ),
    ]);
    // Untyped, the last one wins (as in ServiceStack), in the first one's place.
    let v: Value = json::from_str(r#"{"b":1,"a":2,"b":3}"#).unwrap();
    assert_eq!(jsv::to_string(&v).unwrap(), "{b:3,a:2}");
}

#[test]
fn nesting_is_bounded() {
    let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    assert!(json::from_str::<Value>(&nested(128)).is_ok());
    let err = json::from_str::<Value>(&nested(129)).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{}…{}: nesting is deeper than the limit of 128 at line 1 column 129",
            "[0]".repeat(13),
            "[0]".repeat(24)
        )
    );
    // The path's middle is elided in the message; `segments` has all of it.
    assert_eq!(err.segments().count(), 128);
    // Far deeper input is an error too, not a stack overflow: untyped, skipped, or as
    // ignored JSON.
    let limit = "nesting is deeper than the limit of 128 at line 1 column";
    let err = json::from_str::<Value>(&"[".repeat(100_000)).unwrap_err();
    assert!(err.to_string().contains(limit), "{err}");
    let err = json::from_str::<Inquiry>(&format!("{{\"X\":{}", "[".repeat(100_000))).unwrap_err();
    assert!(err.to_string().starts_with("X[0][0]"), "{err}");
    assert!(err.to_string().contains(limit), "{err}");
    let objects = format!("{}1{}", "{\"a\":".repeat(200_000), "}".repeat(200_000));
    let err = json::from_str::<serde::de::IgnoredAny>(&objects).unwrap_err();
    assert!(err.to_string().contains(limit), "{err}");
    // The limit can be changed.
    let mut de = json::Deserializer::from_str("[[[]]]").with_recursion_limit(2);
    let err = <Value as Deserialize>::deserialize(&mut de).unwrap_err();
    assert_eq!(
        err.to_string(),
        "[0][0]: nesting is deeper than the limit of 2 at line 1 column 3"
    );
    let mut de = json::Deserializer::from_str("[[]] ").with_recursion_limit(2);
    assert!(<Value as Deserialize>::deserialize(&mut de).is_ok());
    de.end().unwrap();
}

#[test]
fn credential_values_never_appear_in_errors() {
    const MARKER: &str = "SECRET-MARKER";
    let shapes = [
        r#"{"ApiKey":SECRET-MARKER}"#,
        r#"{"ApiKey":"SECRET-MARKER}"#,
        r#"{"ApiKey":"SECRET-MARKER" x}"#,
        r#"{"ApiKey":"SECRET-MARKER"SECRET-MARKER}"#,
        r#"{"ApiKey":"SECRET-MARKER"]"#,
        r#"{"ApiKey" "SECRET-MARKER"}"#,
        r#"{"ApiKey" SECRET-MARKER}"#,
        r#"{"ApiKey:"SECRET-MARKER"}"#,
        r#"{ApiKey:"SECRET-MARKER"}"#,
        r#"{"ApiKey":"SECRET-MARKER\q"}"#,
        r#"{"ApiKey":"SECRET-MARKER\ud800"}"#,
        r#"{"ApiKey":["SECRET-MARKER"]}"#,
        r#"{"ApiKey":'SECRET-MARKER'}"#,
        r#"{"AcctToken":{"x":"SECRET-MARKER"}}"#,
        r#"{"AcctToken":SECRET-MARKER,"StoreId":1}"#,
        r#"{"ProfileToken":"x","AcctToken" SECRET-MARKER}"#,
        r#"{"StoreId":1,"ProfileToken":"SECRET-MARKER" "StoreId":2}"#,
        r#"{"StoreId":1 ApiKey:"SECRET-MARKER"}"#,
        r#"{"StoreId":{"ApiKey":"SECRET-MARKER"}}"#,
        r#"{"MyAuthToken":SECRET-MARKER}"#,
        r#"{"MyAuthToken":{"a":"SECRET-MARKER" 1}}"#,
        r#"{"ProfileToken":12SECRET-MARKER}"#,
    ];
    for text in shapes {
        let err = json::from_str::<Inquiry>(text).expect_err(text);
        let shown = format!("{err} {err:?}");
        assert!(!shown.contains(MARKER), "{text}: {shown}");
    }
    // Nested, and a credential that does not fit its type.
    let err = json::from_str::<SaleEndpoint>(
        r#"{"PaymentMethods":[{"AcctToken":"SECRET-MARKER" "x":1}]}"#,
    )
    .unwrap_err();
    assert_eq!(err.to_string(), "PaymentMethods[0].AcctToken: expected `,` or `}` after a value, found a value that is not shown (secret) at line 1 column 49");
    #[derive(Deserialize, Debug)]
    #[serde(rename_all = "PascalCase")]
    #[allow(dead_code)]
    struct Mistyped {
        api_key: Option<bool>,
        acct_token: Option<u32>,
    }
    check_errors::<Mistyped>(&[
        (r#"{"ApiKey":"SECRET-MARKER"}"#, "ApiKey: expected a bool (`true`, `false`, `1` or `0`, also as a string in any case), found a value that is not shown (secret) at line 1 column 11"),
        (r#"{"AcctToken":"SECRET-MARKER"}"#, "AcctToken: expected an integer in the range of u32, found a value that is not shown (secret) at line 1 column 14"),
        (r#"{"AcctToken":1.5}"#, "AcctToken: expected an integer in the range of u32, found a value that is not shown (secret) at line 1 column 14"),
        (r#"{"ApiKey" "SECRET-MARKER"}"#, "ApiKey: expected `:` after the property name, found a value that is not shown (secret) at line 1 column 11"),
    ]);
}

#[test]
fn names_match_exactly_then_in_any_case_and_unknown_ones_are_skipped() {
    let expected = |key: &str, store: i32| (Some(key.to_owned()), store);
    let read = |text: &str| {
        let v = inquiry(text);
        (v.api_key.map(|k| k.expose().to_owned()), v.store_id)
    };
    assert_eq!(
        read(r#"{"ApiKey":"abc","StoreId":12}"#),
        expected("abc", 12)
    ); // p146
    assert_eq!(
        read(r#"{"apiKey":"abc","storeId":12}"#),
        expected("abc", 12)
    ); // p147
    assert_eq!(read(r#"{"APIKEY":"abc"}"#), expected("abc", 0)); // p148
    assert_eq!(read(r#"{"api_key":"abc"}"#), (None, 0));
    // Escapes in a name; fields in any order; whitespace around every token.
    assert_eq!(
        read(" {\r\n\t\"StoreId\" : 7 ,\n \"Api\\u004bey\" :\"k\" } \n"),
        expected("k", 7)
    );
    let text = r#"{"ApiKey":"abc","Unknown":{"A":[1,{"B":"x\"}]"}],"C":null,"D":-1.5e3},"Other":[[],[{}],true,false],"StoreId":3}"#;
    assert_eq!(read(text), expected("abc", 3));
    // A skipped value is still checked.
    check_errors::<Inquiry>(&[
        (
            r#"{"Unknown":[1,}"#,
            "Unknown[1]: expected a JSON value, found `}` at line 1 column 15",
        ),
        (
            r#"{"Unknown":{"a" 1}}"#,
            "Unknown.a: expected `:` after the property name, found `1` at line 1 column 17",
        ),
        (
            r#"{"Unknown":01}"#,
            "Unknown: expected a number without leading zeros, found `01` at line 1 column 12",
        ),
    ]);
    // Lower-case declared names (ServiceStack's `success`) match PascalCase input (p162).
    let sale: clubready_wire::dto::SaleResponse =
        json::from_str(r#"{"Success":true,"Message":"m"}"#).unwrap();
    assert_eq!(
        (sale.success, sale.message.as_deref()),
        (Some(true), Some("m"))
    );
    // Dictionaries keep keys as written, in order.
    let map: IndexMap<String, i32> = json::from_str(r#"{"b":1,"A":"2","a":3}"#).unwrap();
    assert_eq!(
        map.into_iter().collect::<Vec<_>>(),
        [("b".into(), 1), ("A".into(), 2), ("a".into(), 3)]
    );
    let err = json::from_str::<IndexMap<i32, i32>>(r#"{"1":1,"x":2}"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        "x: expected an integer in the range of i32, found `x` at line 1 column 8"
    );
}

#[test]
fn numbers_and_bools_are_also_read_from_strings() {
    assert_eq!(inquiry(r#"{"StoreId":"12"}"#).store_id, 12); // p152
    assert_eq!(inquiry(r#"{"StoreId":" 12 "}"#).store_id, 12);
    assert_eq!(inquiry(r#"{"StoreId":-0}"#).store_id, 0);
    for (text, success) in [
        (r#"{"Success":true}"#, true),
        (r#"{"Success":"true"}"#, true), // p155
        (r#"{"Success":"TRUE"}"#, true),
        (r#"{"Success":"False"}"#, false),
        (r#"{"Success":1}"#, true),
        (r#"{"Success":"1"}"#, true),
        (r#"{"Success":0}"#, false),
        (r#"{"success":false}"#, false),
    ] {
        assert_eq!(response(text).success, success, "{text}");
    }
    #[derive(Deserialize, Debug, PartialEq)]
    struct Numbers {
        a: f64,
        b: f32,
        c: u64,
        d: i8,
        e: u128,
        f: char,
    }
    let n: Numbers = json::from_str(
        r#"{"a":"1E+20","b":0.5,"c":"18446744073709551615","d":-128,"e":1,"f":"x"}"#,
    )
    .unwrap();
    assert_eq!(
        n,
        Numbers {
            a: 1e20,
            b: 0.5,
            c: u64::MAX,
            d: -128,
            e: 1,
            f: 'x'
        }
    );
}

#[test]
fn decimals_keep_their_scale() {
    let balance = |text: &str| {
        let r = response(text);
        (
            r.account_balance.map(|d| d.to_string()),
            json::to_string(&r).unwrap(),
        )
    };
    assert_eq!(
        balance(r#"{"AccountBalance":1.50}"#), // p156
        (
            Some("1.50".into()),
            r#"{"Success":false,"AccountBalance":1.50}"#.into()
        )
    );
    assert_eq!(
        balance(r#"{"Success":"true","AccountBalance":"1.00"}"#), // p155
        (
            Some("1.00".into()),
            r#"{"Success":true,"AccountBalance":1.00}"#.into()
        )
    );
    assert_eq!(balance(r#"{"AccountBalance":null}"#).0, None);
    let d: Decimal = json::from_str("-0.000").unwrap();
    assert_eq!(d.to_string(), "0.000");
    let d: Vec<Decimal> = json::from_str(r#"[12.3400, "\u0031.5", 7]"#).unwrap();
    assert_eq!(
        d.iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["12.3400", "1.5", "7"]
    );
}

#[test]
fn untyped_values_keep_numbers_exact_text() {
    // Exact, as the text ServiceStack writes for them: an exponent written out, no `-0`.
    let v: Value = json::from_str(
        r#"{"A":1e2,"B":1.50,"C":-0.0,"D":[1E+20,true,null,"x",{}],"E":18446744073709551616}"#,
    )
    .unwrap();
    assert_eq!(v["A"].as_str(), Some("100"));
    assert_eq!(v["B"].as_str(), Some("1.50"));
    assert_eq!(v["C"].as_str(), Some("0.0"));
    assert_eq!(v["D"][0].as_str(), Some("100000000000000000000"));
    assert_eq!(v["E"].as_str(), Some("18446744073709551616"));
    assert_eq!(
        jsv::to_string(&v).unwrap(),
        "{A:100,B:1.50,C:0.0,D:[100000000000000000000,True,,x,{}],E:18446744073709551616}"
    );
    // Other untyped readers get numbers as serde_json gives them.
    let j: serde_json::Value = json::from_str(r#"[1,-2,1.5,18446744073709551616]"#).unwrap();
    assert_eq!(j, serde_json::json!([1, -2, 1.5, 18446744073709551616.0]));
}

#[test]
fn enums_read_names_in_any_case_and_variant_objects() {
    #[derive(Deserialize, Debug, PartialEq)]
    enum Shape {
        Dot,
        Circle(u32),
        Rect { w: u32, h: u32 },
        Pair(u8, u8),
    }
    for (text, shape) in [
        (r#""Dot""#, Shape::Dot),
        (r#""dot""#, Shape::Dot),
        (r#"{"Dot":null}"#, Shape::Dot),
        (r#"{"circle": 3}"#, Shape::Circle(3)),
        (r#"{"Rect":{"W":1,"h":"2"}}"#, Shape::Rect { w: 1, h: 2 }),
        (r#"{"Pair":[1,2]}"#, Shape::Pair(1, 2)),
    ] {
        assert_eq!(json::from_str::<Shape>(text).unwrap(), shape, "{text}");
    }
    check_errors::<Shape>(&[
        (r#"{"Circle":3,"Dot":null}"#, "Circle: expected `}` after the variant's value (one variant only), found `,` at line 1 column 12"),
        (r#"{"Circle":"x"}"#, "Circle: expected an integer in the range of u32, found a string `x` at line 1 column 11"),
        (r#""Square""#, "unknown variant `Square`, expected one of `Dot`, `Circle`, `Rect`, `Pair` at line 1 column 1"),
        ("3", "expected an enum variant (a string or `{\"Variant\":value}`), found `3` at line 1 column 1"),
    ]);
    // ServiceStack's enums: names in any case or numbers (p160, p161).
    let sale: SaleEndpoint = json::from_str(r#"{"RestrictedResourceType":1}"#).unwrap();
    assert_eq!(
        sale.restricted_resource_type,
        Some(RestrictedResourceType::Chain)
    );
    let sale: SaleEndpoint = json::from_str(r#"{"RestrictedResourceType":"chain"}"#).unwrap();
    assert_eq!(
        sale.restricted_resource_type,
        Some(RestrictedResourceType::Chain)
    );
}

#[test]
fn strings_borrow_from_the_input_unless_escaped() {
    #[derive(Deserialize)]
    struct Borrowing<'a> {
        #[serde(borrow)]
        a: Cow<'a, str>,
        #[serde(borrow)]
        b: Cow<'a, str>,
        c: &'a str,
    }
    let v: Borrowing = json::from_str(r#"{"a":"plain","b":"say \"hi\"","c":"x"}"#).unwrap();
    assert!(matches!(v.a, Cow::Borrowed("plain")));
    assert!(matches!(&v.b, Cow::Owned(s) if s == "say \"hi\""));
    assert_eq!(v.c, "x");
}

#[test]
fn bom_utf8_slices_and_readers() {
    assert_eq!(inquiry("\u{feff}{\"StoreId\":1}").store_id, 1);
    let v: Inquiry = json::from_slice(b"\xef\xbb\xbf {\"StoreId\":2}").unwrap();
    assert_eq!(v.store_id, 2);
    let v: Inquiry = json::from_reader(&b"{\"StoreId\":3}\n"[..]).unwrap();
    assert_eq!(v.store_id, 3);
    // Columns count from after the mark, as editors show them.
    let err = json::from_str::<Inquiry>("\u{feff}{\"StoreId\":x}").unwrap_err();
    assert_eq!(
        err.to_string(),
        "StoreId: expected a JSON value, found `x` at line 1 column 12"
    );
    // Only at the very start.
    let err = json::from_str::<Inquiry>(" \u{feff}{}").unwrap_err();
    assert_eq!(
        err.to_string(),
        "expected a JSON value, found `\\u{feff}{` at line 1 column 2"
    );
    let err = json::from_slice::<Inquiry>(b"{\"TerminalIpAddress\":\"\xff\"}").unwrap_err();
    assert_eq!(
        err.to_string(),
        "input is not valid UTF-8 at line 1 column 23"
    );
    let err = json::from_reader::<_, Inquiry>(&b"{\"StoreId\":"[..]).unwrap_err();
    assert!(err.is_eof(), "{err}");
}

/// Pieces of JSON, well-formed and not, for [`accepts_exactly_what_serde_json_accepts`].
const PIECES: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    " ",
    "\"a\"",
    "\"ApiKey\"",
    "\"\"",
    "\"x",
    "\"\\u00e9\"",
    "\"\\ud800\"",
    "\"\\ud83d\\ude00\"",
    "\"\\udc00\"",
    "\"\\q\"",
    "\"\\\"\"",
    "\\",
    "0",
    "1",
    "-0.5e3",
    "1E+2",
    "01",
    "1.",
    "-",
    "2e",
    "true",
    "false",
    "null",
    "nul",
    "tru",
    "x",
    "'a'",
    "\u{e9}",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    /// Any sequence of JSON pieces is read exactly when serde_json reads it (the one
    /// leniency, raw control characters inside strings, is not among the pieces), errors are
    /// never a panic, and a read value is read the same untyped.
    #[test]
    fn accepts_exactly_what_serde_json_accepts(
        picks in proptest::collection::vec(0..PIECES.len(), 0..16),
    ) {
        let text: String = picks.iter().map(|&i| PIECES[i]).collect();
        let theirs = serde_json::from_str::<serde_json::Value>(&text);
        // A number beyond a `double` is valid JSON (RFC 8259 lets a reader limit them):
        // serde_json refuses it, the crate reads it as text (a decimal or a double would fail).
        if theirs.as_ref().is_err_and(|e| e.to_string().starts_with("number out of range")) {
            return Ok(());
        }
        // An empty document is null (what the writers write for one), untyped too.
        if text.trim().is_empty() {
            prop_assert_eq!(json::from_str::<Value>(&text).unwrap(), Value::Null);
            prop_assert!(json::from_str::<IgnoredAny>(&text).is_err());
            return Ok(());
        }
        let ours = json::from_str::<IgnoredAny>(&text);
        if let Err(e) = &ours {
            prop_assert!(e.line() >= 1 && e.column() >= 1, "{}", e);
            let _ = format!("{e} {e:?}");
        }
        prop_assert_eq!(ours.is_ok(), theirs.is_ok(), "{:?}: ours {:?}, serde_json {:?}", text, ours.err(), theirs.err());
        prop_assert_eq!(json::from_str::<Value>(&text).is_ok(), theirs.is_ok(), "{:?}", text);
        prop_assert_eq!(json::from_slice::<Value>(text.as_bytes()).is_ok(), theirs.is_ok(), "{:?}", text);
        // Strings and lists of strings decode to what serde_json decodes.
        if let Ok(strings) = serde_json::from_str::<Vec<String>>(&text) {
            prop_assert_eq!(json::from_str::<Vec<String>>(&text).unwrap(), strings);
        }
    }

    /// Typed reads of arbitrary bytes fail cleanly.
    #[test]
    fn typed_reads_of_any_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
        let _ = json::from_slice::<SaleEndpoint>(&bytes).map_err(|e| e.to_string());
        let _ = json::from_slice::<Inquiry>(&bytes).map_err(|e| e.to_string());
        let _ = json::from_slice::<Value>(&bytes).map_err(|e| e.to_string());
    }
}

#[test]
fn untyped_numbers_are_the_text_servicestack_writes_for_them() {
    use clubready_wire::jsv;
    let v: jsv::Value =
        json::from_str(r#"{"A":1e2,"B":1.50,"C":[1E+3,-0,-0.00,1.5e-3,25.00,1e300,-7]}"#).unwrap();
    assert_eq!(
        jsv::to_string(&v).unwrap(),
        "{A:100,B:1.50,C:[1000,0,0.00,0.0015,25.00,1E+300,-7]}"
    );
    // A string that looks like a number is text, kept as it is.
    let v: jsv::Value = json::from_str(r#"{"A":"1e2"}"#).unwrap();
    assert_eq!(v["A"].as_str(), Some("1e2"));
}

#[test]
fn an_empty_document_is_null() {
    // Regression (fuzzing, F1): `json::to_string` of a null is "", which did not read back.
    assert_eq!(json::to_string(&Value::Null).unwrap(), "");
    assert_eq!(json::from_str::<Value>("").unwrap(), Value::Null);
    assert_eq!(json::from_str::<Option<i32>>(" \n").unwrap(), None);
    assert_eq!(json::from_str::<()>("").unwrap(), ());
    let e = json::from_str::<SaleEndpoint>("").unwrap_err();
    assert_eq!(
        e.to_string(),
        "expected `{` (an object), found end of input at line 1 column 1"
    );
    assert!(json::from_str::<i32>("").is_err());
    assert!(json::from_str::<Vec<i32>>("[,]").is_err());
}
