//! How the JSV reader reads: names, nulls, whitespace and layout, lists, scalars, borrowing,
//! bounds. Vector ids (`p008`) point at what ServiceStack.Text does with the same input.

use std::borrow::Cow;

use clubready_wire::jsv::{self, Value};
use serde::{Deserialize, Serialize};

#[derive(Deserialize, Serialize, Debug, PartialEq, Default)]
#[serde(rename_all = "PascalCase")]
struct Inquiry {
    api_key: Option<String>,
    #[serde(default)]
    store_id: i32,
    acct_token: Option<String>,
}

#[derive(Deserialize, Serialize, Debug, PartialEq, Default)]
#[serde(rename_all = "PascalCase")]
struct Method {
    acct_token: Option<String>,
    payment_amount: Option<String>,
    use_preferred: Option<bool>,
}

#[derive(Deserialize, Serialize, Debug, PartialEq, Default)]
#[serde(rename_all = "PascalCase")]
struct Sale {
    api_key: Option<String>,
    payment_methods: Option<Vec<Method>>,
}

fn inquiry(text: &str) -> Inquiry {
    jsv::from_str(text).unwrap_or_else(|e| panic!("{text:?}: {e}"))
}

fn api_key(text: &str) -> Option<String> {
    inquiry(text).api_key
}

#[test]
fn property_names_match_in_any_case_but_not_snake_case() {
    let expected = Inquiry {
        api_key: Some("abc".into()),
        store_id: 5,
        acct_token: None,
    };
    assert_eq!(inquiry("{apikey:abc,storeid:5}"), expected); // p021
    assert_eq!(inquiry("{APIKEY:abc,STOREID:5}"), expected); // p022
    assert_eq!(inquiry("{api_key:abc,store_id:5}"), Inquiry::default()); // p023
}

#[test]
fn unknown_properties_are_skipped_with_their_nested_values() {
    let text = "{ApiKey:abc,Unknown:{A:[1,{B:\"x,}]\"}],B:\"x,y\"},Other:[[],[{}]],StoreId:3}"; // p020
    assert_eq!(
        inquiry(text),
        Inquiry {
            api_key: Some("abc".into()),
            store_id: 3,
            acct_token: None
        }
    );
}

#[test]
fn empty_is_null_and_quoted_empty_is_the_empty_string() {
    assert_eq!(api_key("{ApiKey:}"), None); // p035
    assert_eq!(api_key("{ApiKey:\"\"}"), Some(String::new())); // p036
    assert_eq!(api_key("{ApiKey:null}"), Some("null".into())); // p068: no null literal
    assert_eq!(jsv::from_str::<Option<String>>("").unwrap(), None);
    assert_eq!(
        jsv::from_str::<Option<String>>("\"\"").unwrap(),
        Some(String::new())
    );
}

#[test]
fn compact_values_keep_every_byte_including_spaces() {
    assert_eq!(
        api_key("{ ApiKey : abc , StoreId : 12 }"),
        Some(" abc ".into())
    ); // p008
    assert_eq!(api_key("{ApiKey: abc}"), Some(" abc".into())); // p009
    assert_eq!(api_key("{ApiKey:  abc  }"), Some("  abc  ".into())); // p038
    assert_eq!(api_key("{ApiKey: }"), Some(" ".into())); // p037
    assert_eq!(api_key("{ApiKey:a\"b}"), Some("a\"b".into())); // p030
    assert_eq!(api_key("{ApiKey:a:b}"), Some("a:b".into())); // p032
    assert_eq!(
        jsv::from_str::<Vec<String>>("[a b, c ]").unwrap(),
        ["a b", " c "]
    ); // v222
    assert_eq!(jsv::from_str::<Vec<String>>("[ ]").unwrap(), [" "]); // v215
    assert_eq!(jsv::from_str::<String>(" lead ").unwrap(), " lead "); // top-level text
}

#[test]
fn numbers_ignore_surrounding_spaces_as_dotnet_parsing_does() {
    assert_eq!(inquiry("{StoreId: 12 }").store_id, 12); // p169
    assert_eq!(inquiry("{StoreId:\"12\"}").store_id, 12); // p039
    assert_eq!(inquiry("{StoreId:-7}").store_id, -7); // p041
}

#[test]
fn pretty_layout_is_read_by_its_layout() {
    // p010, p011: the line break, the indentation and one space after `Key:` are layout.
    let expected = Inquiry {
        api_key: Some("abc".into()),
        store_id: 12,
        acct_token: None,
    };
    assert_eq!(inquiry("{\n\tApiKey: abc,\n\tStoreId: 12\n}"), expected);
    assert_eq!(
        inquiry("{\r\n  ApiKey: abc,\r\n  StoreId: 12\r\n}"),
        expected
    );
    // A second space, or a space before the comma, is data.
    assert_eq!(
        api_key("{\n\tApiKey:  lead,\n\tStoreId: 1\n}"),
        Some(" lead".into())
    );
    assert_eq!(
        api_key("{\n\tApiKey: trail ,\n\tStoreId: 1\n}"),
        Some("trail ".into())
    );
    assert_eq!(api_key("{\n\tApiKey: trail \n}"), Some("trail ".into()));
    assert_eq!(api_key("{\n\tApiKey: \n}"), None);
    // A property holding a list puts it on the next line.
    let sale: Sale = jsv::from_str(
        "{\n\tApiKey: k,\n\tPaymentMethods: \n\t[\n\t\t{\n\t\t\tAcctToken: \"a,b\",\n\t\t\tUsePreferred: True\n\t\t},\n\t\t{\n\t\t\t\n\t\t}\n\t]\n}",
    )
    .unwrap();
    assert_eq!(
        sale,
        Sale {
            api_key: Some("k".into()),
            payment_methods: Some(vec![
                Method {
                    acct_token: Some("a,b".into()),
                    use_preferred: Some(true),
                    ..Method::default()
                },
                Method::default(),
            ]),
        }
    );
}

#[test]
fn pretty_output_reads_back_to_the_same_value() {
    let value: Value = jsv::from_str(
        "{A: lead,B:trail ,C:\"\",D:[ x,,\"\",\"\tt\", ,[]],E:{ k : v ,\"a,b\":\"c:d\"},F:[{},{G:[[1,2],[]]}],H:{}}",
    )
    .unwrap();
    let pretty = jsv::to_string_pretty(&value).unwrap();
    let back: Value = jsv::from_str(&pretty).unwrap_or_else(|e| panic!("{pretty}\n{e}"));
    assert_eq!(back, value, "{pretty}");
}

#[test]
fn whitespace_around_objects_and_lists_is_layout() {
    let expected = Inquiry {
        api_key: Some("abc".into()),
        store_id: 12,
        acct_token: None,
    };
    assert_eq!(inquiry("{ApiKey:abc,StoreId:12}\n"), expected); // p007
    assert_eq!(inquiry("{ApiKey:abc,StoreId:12}\r\n"), expected); // p175
    assert_eq!(inquiry("  {ApiKey:abc,StoreId:12}  "), expected); // p012
    let sale: Sale = jsv::from_str("{PaymentMethods: [ {AcctToken:a} , {AcctToken:b} ]}").unwrap(); // p077, p173
    let tokens: Vec<_> = sale
        .payment_methods
        .unwrap()
        .into_iter()
        .map(|m| m.acct_token.unwrap())
        .collect();
    assert_eq!(tokens, ["a", "b"]);
}

#[test]
fn one_object_where_a_list_is_expected_is_a_one_element_list() {
    let sale: Sale = jsv::from_str("{PaymentMethods:{AcctToken:a}}").unwrap(); // p075
    assert_eq!(sale.payment_methods.unwrap().len(), 1);
    let methods: Vec<Method> = jsv::from_str("{UsePreferred:True}").unwrap();
    assert_eq!(
        methods,
        [Method {
            use_preferred: Some(true),
            ..Method::default()
        }]
    );
}

#[test]
fn trailing_commas_and_empty_list_items() {
    assert_eq!(api_key("{ApiKey:abc,}"), Some("abc".into())); // p016
    let sale: Sale = jsv::from_str("{PaymentMethods:[{AcctToken:a},]}").unwrap(); // p076
    assert_eq!(sale.payment_methods.unwrap().len(), 1);
    // A trailing comma right after an object adds nothing; after anything else, a null (so
    // that whatever is read prints back the same: found by fuzzing).
    let v: Value = jsv::from_str("[{},,]").unwrap();
    assert_eq!(v.as_list().map(Vec::len), Some(3));
    assert_eq!(jsv::to_string(&v).unwrap(), "[{},,]");
    let v: Value = jsv::from_str("[a,{},]").unwrap();
    assert_eq!(jsv::to_string(&v).unwrap(), "[a,{},]");
    let items: Vec<Option<String>> = jsv::from_str("[x,,y,]").unwrap();
    assert_eq!(items, [Some("x".into()), None, Some("y".into()), None]);
    assert_eq!(
        jsv::from_str::<Vec<String>>("[]").unwrap(),
        Vec::<String>::new()
    );
    assert_eq!(jsv::from_str::<Vec<String>>("[\"\"]").unwrap(), [""]);
}

#[test]
fn a_string_property_given_brackets_holds_their_text() {
    assert_eq!(api_key("{ApiKey:{x}}"), Some("{x}".into())); // p033
    assert_eq!(api_key("{ApiKey:[1,2]}"), Some("[1,2]".into())); // p034
    assert_eq!(
        api_key("{ApiKey:[\"a]\",{b:\"}\"}]}"),
        Some("[\"a]\",{b:\"}\"}]".into())
    );
}

#[test]
fn scalars_are_parsed_by_the_type_that_asks() {
    #[derive(Deserialize, Debug, PartialEq)]
    struct All {
        b: bool,
        i: i8,
        u: u64,
        f: f64,
        c: char,
        s: String,
        o: Option<u16>,
        l: Vec<i32>,
    }
    let all: All = jsv::from_str(
        "{b:FALSE,i:-128,u:18446744073709551615,f:1E+20,c:\",\",s:1,o:7,l:[1,\"2\", 3]}",
    )
    .unwrap();
    assert_eq!(
        all,
        All {
            b: false,
            i: -128,
            u: u64::MAX,
            f: 1e20,
            c: ',',
            s: "1".into(),
            o: Some(7),
            l: vec![1, 2, 3]
        }
    );
    for text in ["true", "True", "TRUE", "1"] {
        assert!(jsv::from_str::<bool>(text).unwrap(), "{text}");
    }
    for text in ["yes", "t", "Y", "on", "True ", "2"] {
        assert!(jsv::from_str::<bool>(text).is_err(), "{text}");
    }
    for text in ["12.0", "1e3", "0x10", "99999999999", "abc", ""] {
        assert!(jsv::from_str::<i32>(text).is_err(), "{text}");
    }
}

#[test]
fn enums_are_read_by_name_in_any_case() {
    #[derive(Deserialize, Serialize, Debug, PartialEq)]
    enum Kind {
        Store,
        Chain,
        Amount(u32),
        Pair { a: u8, b: u8 },
    }
    assert_eq!(jsv::from_str::<Kind>("chain").unwrap(), Kind::Chain);
    assert_eq!(
        jsv::from_str::<Vec<Kind>>("[Store,STORE]").unwrap(),
        [Kind::Store, Kind::Store]
    );
    assert_eq!(jsv::to_string(&Kind::Amount(5)).unwrap(), "{Amount:5}");
    assert_eq!(
        jsv::from_str::<Kind>("{amount:5}").unwrap(),
        Kind::Amount(5)
    );
    assert_eq!(
        jsv::to_string(&Kind::Pair { a: 1, b: 2 }).unwrap(),
        "{Pair:{a:1,b:2}}"
    );
    assert_eq!(
        jsv::from_str::<Kind>("{Pair:{a:1,b:2}}").unwrap(),
        Kind::Pair { a: 1, b: 2 }
    );
    assert!(jsv::from_str::<Kind>("Nope").is_err());
}

#[test]
fn strings_borrow_from_the_input_unless_a_quote_was_doubled() {
    #[derive(Deserialize)]
    struct Borrowed<'a> {
        #[serde(borrow)]
        a: Cow<'a, str>,
        #[serde(borrow)]
        b: Cow<'a, str>,
        #[serde(borrow)]
        c: Cow<'a, str>,
        d: &'a str,
    }
    let text = String::from("{a:plain,b:\"a,b\",c:\"say \"\"hi\"\"\",d:x}");
    let v: Borrowed = jsv::from_str(&text).unwrap();
    assert!(matches!(v.a, Cow::Borrowed("plain")));
    assert!(matches!(v.b, Cow::Borrowed("a,b")));
    assert!(matches!(&v.c, Cow::Owned(s) if s == "say \"hi\""));
    assert_eq!(v.d, "x");
}

#[test]
fn nesting_is_bounded() {
    let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    assert!(jsv::from_str::<Value>(&nested(128)).is_ok());
    let err = jsv::from_str::<Value>(&nested(129)).unwrap_err();
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
    // Far deeper input is an error too, not a stack overflow.
    assert!(jsv::from_str::<Value>(&nested(1_000_000)).is_err());
    let deep_objects = format!("{}{}", "{a:".repeat(200_000), "}".repeat(200_000));
    assert!(jsv::from_str::<Value>(&deep_objects).is_err());
    // The limit can be changed.
    let mut de = jsv::Deserializer::from_str("[[[]]]").with_recursion_limit(2);
    assert!(<Value as Deserialize>::deserialize(&mut de).is_err());
}

#[test]
fn value_keeps_key_order_and_the_last_duplicate() {
    let v: Value = jsv::from_str("{b:1,a:2,b:3}").unwrap();
    let keys: Vec<_> = v.as_map().unwrap().keys().cloned().collect();
    assert_eq!(keys, ["b", "a"]);
    assert_eq!(v["b"].as_str(), Some("3"));
    assert_eq!(v["B"].as_str(), Some("3"));
}

#[test]
fn value_converts_to_and_from_json() {
    let json: serde_json::Value =
        serde_json::from_str(r#"{"Amount":25.5,"Ok":true,"Items":[1,null,"x"],"None":null}"#)
            .unwrap();
    let value = Value::from(json);
    assert_eq!(
        jsv::to_string(&value).unwrap(),
        "{Amount:25.5,Ok:True,Items:[1,,x]}"
    );
    let back = serde_json::Value::from(value);
    assert_eq!(
        back.to_string(),
        r#"{"Amount":"25.5","Ok":"True","Items":["1",null,"x"],"None":null}"#
    );
}

#[test]
fn value_debug_hides_credentials() {
    let v: Value = jsv::from_str(
        "{ApiKey:k-123,PaymentMethods:[{AcctToken:tok-456,ProfileToken:jwt-789,Last4:1111}]}",
    )
    .unwrap();
    let debug = format!("{v:?}");
    for secret in ["k-123", "tok-456", "jwt-789"] {
        assert!(!debug.contains(secret), "{debug}");
    }
    assert!(
        debug.contains("1111") && debug.contains("<redacted>"),
        "{debug}"
    );
    // Passwords, PINs, card numbers and codes too, at any depth, keys below them included;
    // and text that names a credential is cut there.
    let v: Value = jsv::from_str(
        "{User:{pwd:p-1,Pin:p-2,CardNumber:p-3,card_cvv:p-4,PAN:p-5,Password:p-6},\
         Token:{nested:{p-7:x}},Note:see ApiKey p-8,Shipping:ok,Company:ok}",
    )
    .unwrap();
    let debug = format!("{v:?}");
    for secret in ["p-1", "p-2", "p-3", "p-4", "p-5", "p-6", "p-7", "p-8"] {
        assert!(!debug.contains(secret), "{secret}: {debug}");
    }
    assert!(debug.contains(r#""Shipping": String("ok")"#), "{debug}");
    assert!(
        debug.contains(r#""Note": String("see "<redacted>)"#),
        "{debug}"
    );
}

#[test]
fn from_slice_requires_utf8() {
    let err = jsv::from_slice::<Value>(b"{A:\xff}").unwrap_err();
    assert_eq!(
        err.to_string(),
        "input is not valid UTF-8 at line 1 column 4"
    );
}

/// The rows of the differences table in `docs/jsv-grammar.md` not covered elsewhere.
#[test]
fn deliberate_differences_from_servicestack() {
    // p024: JSON text is valid JSV with quoted keys and values; ServiceStack reads nothing.
    assert_eq!(
        inquiry("{\"ApiKey\":\"abc\",\"StoreId\":5}"),
        Inquiry {
            api_key: Some("abc".into()),
            store_id: 5,
            acct_token: None
        }
    );
    // ...with JSON's usual spacing too (found by review: keys after whitespace were skipped).
    let expected = Inquiry {
        api_key: Some("abc".into()),
        store_id: 5,
        acct_token: None,
    };
    for text in [
        "{\n  \"ApiKey\": \"abc\",\n  \"StoreId\": 5\n}",
        "{\"ApiKey\":\"abc\", \"StoreId\":5}",
        "{ \"ApiKey\" : \"abc\" , \"StoreId\" : 5 }",
    ] {
        assert_eq!(inquiry(text), expected, "{text}");
    }
    // p047: a duplicate property in a typed object is an error; in a Value the last one wins.
    let err = jsv::from_str::<Inquiry>("{StoreId:1,StoreId:2}").unwrap_err();
    assert_eq!(
        err.to_string(),
        "duplicate field `StoreId` at line 1 column 12"
    );
    // p004: empty text is None for Option<T>, an error for T.
    assert_eq!(jsv::from_str::<Option<Inquiry>>("").unwrap(), None);
    assert!(jsv::from_str::<Inquiry>("").is_err());
    // A malformed value under an unknown property is still an error.
    assert!(jsv::from_str::<Inquiry>("{Unknown:{A:[1,2},StoreId:3}").is_err());
    // p029, p014, p092: truncated text is an error, not a shorter value.
    for text in [
        "{ApiKey:\"abc}",
        "{ApiKey:abc,StoreId:12",
        "{ApiKey:abc,Unknown:[{A:a}}",
    ] {
        assert!(jsv::from_str::<Inquiry>(text).is_err(), "{text}");
    }
    // p086: ServiceStack's own Dump() output, read by its layout.
    let sale: Sale = jsv::from_str(
        "{\n\tApiKey: abc,\n\tPaymentMethods: \n\t[\n\t\t{\n\t\t\tAcctToken: \"a,b\",\n\t\t\tUsePreferred: True\n\t\t},\n\t\t{\n\t\t\t\n\t\t}\n\t],\n\tRestrictedResourceType: Chain\n}",
    )
    .unwrap();
    assert_eq!(
        sale.payment_methods.unwrap()[0].acct_token.as_deref(),
        Some("a,b")
    );
}

#[test]
fn serde_path_to_error_can_wrap_the_deserializer() {
    let mut de = jsv::Deserializer::from_str("{PaymentMethods:[{},{UsePreferred:maybe}]}");
    let err = serde_path_to_error::deserialize::<_, Sale>(&mut de).unwrap_err();
    assert_eq!(err.path().to_string(), "PaymentMethods[1].UsePreferred");
    // The crate's own error carries the same path.
    assert_eq!(err.into_inner().path(), "PaymentMethods[1].UsePreferred");
    let mut de = jsv::Deserializer::from_str("{ApiKey:a} trailing");
    let _: Sale = serde_path_to_error::deserialize(&mut de).unwrap();
    assert_eq!(
        de.end().unwrap_err().to_string(),
        "expected end of input, found `trailing` at line 1 column 12"
    );
}

/// Findings of the review that are not errors-table material.
#[test]
fn review_findings_stay_fixed() {
    // Bytes: written as a list of numbers, read back from it.
    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct Blob(#[serde(with = "bytes_as_bytes")] Vec<u8>);
    mod bytes_as_bytes {
        pub fn serialize<S: serde::Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(v)
        }
        pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
            struct V;
            impl<'de> serde::de::Visitor<'de> for V {
                type Value = Vec<u8>;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("bytes")
                }
                fn visit_bytes<E>(self, v: &[u8]) -> Result<Vec<u8>, E> {
                    Ok(v.to_vec())
                }
                fn visit_seq<A: serde::de::SeqAccess<'de>>(
                    self,
                    mut a: A,
                ) -> Result<Vec<u8>, A::Error> {
                    let mut out = Vec::new();
                    while let Some(b) = a.next_element()? {
                        out.push(b);
                    }
                    Ok(out)
                }
            }
            d.deserialize_bytes(V)
        }
    }
    let blob = Blob(b"hi".to_vec());
    assert_eq!(jsv::to_string(&blob).unwrap(), "[104,105]");
    assert_eq!(jsv::from_str::<Blob>("[104,105]").unwrap(), blob);
    // An unterminated quote is reported where it opens.
    let err =
        jsv::from_str::<Sale>("{\n\tApiKey: \"unterminated,\n\tPaymentMethods: \n\t[\n\t]\n}")
            .unwrap_err();
    assert_eq!((err.line(), err.column()), (2, 10), "{err}");
    // A dictionary key that does not parse names itself in the path.
    let err = jsv::from_str::<std::collections::BTreeMap<i32, String>>("{1:a,x:b}").unwrap_err();
    assert_eq!(err.path(), "x", "{err}");
    // An enum variant names itself in the path.
    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    enum Pm {
        Card {
            #[serde(rename = "Amount")]
            amount: u32,
        },
    }
    let err = jsv::from_str::<Vec<Pm>>("[{Card:{Amount:x}}]").unwrap_err();
    assert_eq!(err.path(), "[0].Card.Amount", "{err}");
    // A top-level bare scalar ends before a final line break.
    assert!(jsv::from_str::<bool>("True\n").unwrap());
    assert_eq!(jsv::from_str::<String>("abc\r\n").unwrap(), "abc");
    // A date token whose zone is not digits falls back to quoted text, never breaking the object.
    #[derive(Serialize)]
    #[serde(rename = "$jsv::DateTime")]
    struct RawDate(&'static str);
    #[derive(Serialize)]
    struct Pair {
        #[serde(rename = "D")]
        d: RawDate,
        #[serde(rename = "E")]
        e: &'static str,
    }
    let text = jsv::to_string(&Pair {
        d: RawDate("2020-01-02T03:04:05.0000000+0,:}0"),
        e: "x",
    })
    .unwrap();
    let back: Value = jsv::from_str(&text).unwrap();
    assert_eq!(back["E"].as_str(), Some("x"), "{text}");
}

#[test]
fn a_byte_order_mark_at_the_start_is_skipped() {
    // Regression: untyped, the whole document was read as one string.
    let v: Value = jsv::from_str("\u{feff}{A:1,B:[x]}").unwrap();
    assert_eq!(v["A"].as_str(), Some("1"));
    assert_eq!(v["B"][0].as_str(), Some("x"));
    let v: Value = jsv::from_slice(b"\xEF\xBB\xBF[1,2]").unwrap();
    assert_eq!(v.as_list().map(Vec::len), Some(2));
    // Positions count from after it; a mark anywhere else is data.
    let e = jsv::from_str::<Value>("\u{feff}{A:1}x").unwrap_err();
    assert_eq!((e.line(), e.column()), (1, 6));
    let v: Value = jsv::from_str("{A:\u{feff}x}").unwrap();
    assert_eq!(v["A"].as_str(), Some("\u{feff}x"));
}

#[test]
fn a_top_level_list_may_come_without_brackets() {
    // As ServiceStack reads it, and as query-string values carry lists.
    assert_eq!(
        jsv::from_str::<Vec<String>>("Hello,World").unwrap(),
        ["Hello", "World"]
    );
    assert_eq!(
        jsv::from_str::<Vec<String>>("\"a,b\",c").unwrap(),
        ["a,b", "c"]
    );
    assert_eq!(jsv::from_str::<Vec<String>>("one").unwrap(), ["one"]);
    assert_eq!(jsv::from_str::<Vec<String>>("a,b\n").unwrap(), ["a", "b"]);
    assert_eq!(jsv::from_str::<Vec<i32>>("1,2,3").unwrap(), [1, 2, 3]);
    assert_eq!(
        jsv::from_str::<Vec<Option<String>>>("a,,b").unwrap(),
        [Some("a".into()), None, Some("b".into())]
    );
    #[derive(Deserialize, Debug, PartialEq)]
    struct Item {
        #[serde(rename = "A")]
        a: i32,
    }
    assert_eq!(
        jsv::from_str::<Vec<Item>>("{A:1},{A:2}").unwrap(),
        [Item { a: 1 }, Item { a: 2 }]
    );
    assert_eq!(
        jsv::from_str::<Vec<Item>>("{A:1}\n").unwrap(),
        [Item { a: 1 }]
    );
    // Errors name the item; inside a document a bare list is still an error.
    let e = jsv::from_str::<Vec<i32>>("1,x").unwrap_err();
    assert_eq!(
        e.to_string(),
        "[1]: expected an integer in the range of i32, found `x` at line 1 column 3"
    );
    let e = jsv::from_str::<Vec<Item>>("{A:1}{A:2}").unwrap_err();
    assert_eq!(
        e.to_string(),
        "expected `,` between list items, found `{A` at line 1 column 6"
    );
    #[derive(Deserialize, Debug)]
    struct Tags {
        #[serde(rename = "T")]
        _t: Vec<String>,
    }
    assert!(jsv::from_str::<Tags>("{T:a,b}").is_err());
}

/// Unknown properties are skipped, unless the type refuses them with serde's own attribute
/// (the README's advice): then every reader reports the name.
#[test]
fn deny_unknown_fields_is_honoured_by_every_reader() {
    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Strict {
        #[serde(rename = "PaymentAmount")]
        payment_amount: String,
    }
    let jsv_err = jsv::from_str::<Strict>("{PaymentAmount:1.00,PaymentAmont:2.00}").unwrap_err();
    let json_err = clubready_wire::json::from_str::<Strict>(
        r#"{"PaymentAmount":"1.00","PaymentAmont":"2.00"}"#,
    )
    .unwrap_err();
    let csv_err =
        clubready_wire::csv::from_str::<Strict>("PaymentAmount,PaymentAmont\r\n1.00,2.00\r\n")
            .unwrap_err();
    for e in [jsv_err, json_err, csv_err] {
        assert!(
            e.to_string().contains("unknown field `PaymentAmont`"),
            "{e}"
        );
    }
}
