//! The one error design, across every format: I/O errors stay I/O errors (also in the middle of
//! a stream), messages are bounded and escape control characters, no credential value ever
//! appears in a message whatever the shape of the input, and each format's errors have exact
//! texts with a structured location.

use std::io::{self, Write};

use clubready_wire::dto::{
    PaymentProfileBalanceInquiryEndpoint, PaymentProfileImportEndpoint, SaleEndpoint,
    SalePaymentMethodDto, SellContractAndSetupClientRequest,
};
use clubready_wire::{csv, json, jsv, query, Category, Error, Position};

/// A writer that fails once `limit` bytes have been written.
struct Failing {
    written: usize,
    limit: usize,
}

impl Write for Failing {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.written + buf.len() > self.limit {
            return Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"));
        }
        self.written += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn failing(limit: usize) -> Failing {
    Failing { written: 0, limit }
}

fn sale(i: usize) -> SalePaymentMethodDto {
    SalePaymentMethodDto {
        acct_token: Some(format!("tok-{i}").into()),
        payment_amount: Some(format!("{i}.00").parse().unwrap()),
        ..Default::default()
    }
}

fn assert_io(e: &Error, what: &str) {
    assert!(e.is_io(), "{what}: {e:?}");
    assert_eq!(e.classify(), Category::Io, "{what}");
    let source = std::error::Error::source(e).expect("the I/O error is the source");
    let io = source.downcast_ref::<io::Error>().expect("an io::Error");
    assert_eq!(io.kind(), io::ErrorKind::StorageFull, "{what}");
}

#[test]
fn write_errors_are_io_errors_in_every_format() {
    let rows: Vec<_> = (0..2_000).map(sale).collect();
    let e = jsv::to_writer(failing(10_000), &rows).unwrap_err();
    assert_io(&e, "jsv");
    let e = jsv::to_writer_pretty(failing(10_000), &rows).unwrap_err();
    assert_io(&e, "jsv pretty");
    let e = json::to_writer(failing(10_000), &rows).unwrap_err();
    assert_io(&e, "json");
    let e = csv::to_writer(failing(10_000), &rows).unwrap_err();
    assert_io(&e, "csv");
    let e = query::to_writer(failing(5), &rows[0]).unwrap_err();
    assert_io(&e, "query");
    // Back to `io::Error`: the original one.
    assert_eq!(io::Error::from(e).kind(), io::ErrorKind::StorageFull);

    // In the middle of a CSV stream, row by row.
    let mut writer = csv::Writer::new(failing(5_000));
    let mut failed = None;
    for (i, row) in rows.iter().enumerate() {
        if let Err(e) = writer.serialize(row) {
            failed = Some((i, e));
            break;
        }
    }
    let (i, e) = match failed {
        Some(failed) => failed,
        None => (rows.len(), writer.finish().map(drop).unwrap_err()),
    };
    assert!(i > 10, "failed at row {i}");
    assert_io(&e, "csv stream");
    assert!(
        e.row().is_none(),
        "an I/O error is about the stream, not a row"
    );
}

#[test]
fn writers_stream_the_same_bytes_as_to_string() {
    let rows: Vec<_> = (0..3_000).map(sale).collect();
    let mut out = Vec::new();
    jsv::to_writer(&mut out, &rows).unwrap();
    assert_eq!(out, jsv::to_vec(&rows).unwrap());
    assert!(out.len() > 3 * 8192, "crosses the writer's buffer");
    out.clear();
    json::to_writer(&mut out, &rows).unwrap();
    assert_eq!(out, json::to_vec(&rows).unwrap());
    out.clear();
    csv::to_writer(&mut out, &rows).unwrap();
    assert_eq!(out, csv::to_vec(&rows).unwrap());
}

const MARKER: &str = "SECRET-MARKER-7f3a";

/// Every message of `result`'s error, and its `Debug`, is free of the marker.
fn assert_hidden<T: std::fmt::Debug>(what: &str, input: &str, result: Result<T, Error>) {
    match result {
        Ok(v) => {
            // Read without error: then the marker must have landed in a credential field,
            // whose `Debug` hides it.
            let shown = format!("{v:?}");
            assert!(
                !shown.contains(MARKER),
                "{what} {input:?}: Debug shows it: {shown}"
            );
        }
        Err(e) => {
            let shown = format!("{e} {e:?}");
            assert!(!shown.contains(MARKER), "{what} {input:?}: {shown}");
            assert!(!shown.contains("7f3a"), "{what} {input:?}: {shown}");
        }
    }
}

/// Malformed inputs in each format with the marker in a credential's place.
#[test]
fn credential_values_never_appear_in_errors_of_any_format() {
    let m = MARKER;
    let jsv_inputs = [
        format!("{{StoreId:1 ApiKey:{m}}}"),
        format!("{{StoreId:x,ApiKey:{m}}}"),
        format!("{{ApiKey:{m}"),
        format!("{{ApiKey:\"{m}"),
        format!("{{ApiKey:\"{m}\"x}}"),
        format!("{{ApiKey:{m},StoreId:x}}"),
        format!("{{AcctToken:{m},StoreId:[}}"),
        format!("[ApiKey:{m}]"),
        format!("ApiKey:{m}"),
        format!("{{StoreId:\"1 AcctToken:{m}\"}}"),
        format!("{{ProfileToken:{{{m}:1}}}}"),
        format!("{{StoreId:{{AcctToken:{m}}}}}"),
        format!("{{ApiKey:[{m}]}}"),
        format!("{{\n\tApiKey: {m}\n\tStoreId: 1\n}}"),
        format!("{{StoreId:1,,ApiKey:{m}}}"),
        format!("{{ApiKey {m}}}"),
        // Fuzzing (F2): a missing closing quote puts a credential's name inside the string
        // before it, and its value right after that string's quote.
        format!("{{PromoCode:\"x,AcctToken:\"{m}\"}}"),
        format!("{{PromoCode:\"x,AcctToken:\"{m}"),
    ];
    for input in &jsv_inputs {
        assert_hidden(
            "jsv",
            input,
            jsv::from_str::<PaymentProfileBalanceInquiryEndpoint>(input),
        );
        assert_hidden("jsv sale", input, jsv::from_str::<SaleEndpoint>(input));
        assert_hidden(
            "jsv value",
            input,
            jsv::from_str::<jsv::Value>(input).map(|v| format!("{v:?}")),
        );
    }
    let json_inputs = [
        format!(r#"{{"StoreId":1 "ApiKey":"{m}"}}"#),
        format!(r#"{{"StoreId":"x","ApiKey":"{m}"}}"#),
        format!(r#"{{"ApiKey":"{m}"#),
        format!(r#"{{"ApiKey":"{m}"x}}"#),
        format!(r#"{{"ApiKey":{m}}}"#),
        format!(r#"{{"ApiKey":["{m}"]}}"#),
        format!(r#"{{"ApiKey":{{"a":"{m}"}}}}"#),
        format!(r#"{{"StoreId":"1 ApiKey {m}"}}"#),
        format!(r#"{{"StoreId":"{{\"AcctToken\":\"{m}\"}}"}}"#),
        format!(r#"{{"PaymentMethods":[{{"AcctToken":"{m}","PaymentAmount":"x"}}]}}"#),
        format!(r#"{{"PaymentMethods":[{{"AcctToken":"{m}"}},{{"AcctToken":{m}}}]}}"#),
        format!(r#"{{"IncompleteAgreementToken":"{m}\u"}}"#),
        format!(r#"["ApiKey","{m}"]"#),
        format!(r#"{{"PromoCode":"x,ApiKey:"{m}"}}"#),
        format!(r#"{{"PromoCode":"x,\"ApiKey\":"{m}"}}"#),
    ];
    for input in &json_inputs {
        assert_hidden(
            "json",
            input,
            json::from_str::<PaymentProfileBalanceInquiryEndpoint>(input),
        );
        assert_hidden("json sale", input, json::from_str::<SaleEndpoint>(input));
    }
    // Fuzzing (F4): a backtick in a date ends the quote of a `Deserialize` impl's message early.
    let dated = [
        ("jsv", format!("{{StartDate:\"x`, ProfileToken={m}\"}}")),
        ("jsv", format!("{{StartDate:\"`AcctToken:{m}\"}}")),
        ("json", format!(r#"{{"StartDate":"x` AcctToken: {m}"}}"#)),
        ("query", format!("StartDate=x%60+AcctToken%3A{m}")),
    ];
    for (format, input) in &dated {
        let result = match *format {
            "jsv" => jsv::from_str::<clubready_wire::dto::SellContractRequest>(input),
            "json" => json::from_str::<clubready_wire::dto::SellContractRequest>(input),
            _ => query::from_str::<clubready_wire::dto::SellContractRequest>(input),
        };
        assert_hidden(format, input, result);
    }
    let csv_inputs = [
        format!("ApiKey,StoreId\r\n{m},x\r\n"),
        format!("ApiKey,StoreId\r\n\"{m}\"x,1\r\n"),
        format!("ApiKey,StoreId\r\n\"{m},1\r\n"),
        format!("StoreId,ApiKey\r\nx,{m}\r\n"),
        format!("StoreId,ApiKey\r\n1,{m},extra\r\n"),
        format!("PaymentMethods\r\n\"[{{AcctToken:{m},PaymentAmount:x}}]\"\r\n"),
        format!("PaymentMethods\r\n\"[{{AcctToken:{m}\"\r\n"),
        format!("{m}\r\n1\r\n"),
    ];
    for input in &csv_inputs {
        assert_hidden(
            "csv",
            input,
            csv::from_str::<PaymentProfileBalanceInquiryEndpoint>(input),
        );
        assert_hidden("csv sale", input, csv::from_str::<SaleEndpoint>(input));
    }
    let query_inputs = [
        format!("ApiKey={m}&StoreId=x"),
        format!("ApiKey={m}&ApiKey={m}"),
        format!("ApiKey%3D{m}=1"),
        format!("{m}=1"),
        format!("StoreId=1%20ApiKey%3D{m}"),
        format!("PaymentMethods=[{{AcctToken:{m},PaymentAmount:x}}]"),
        format!("PaymentMethods={{AcctToken:{m}"),
        format!("AcctToken={m}%FF"),
        format!("ApiKey=%FF{m}"),
    ];
    for input in &query_inputs {
        assert_hidden(
            "query",
            input,
            query::from_str::<PaymentProfileBalanceInquiryEndpoint>(input),
        );
        assert_hidden("query sale", input, query::from_str::<SaleEndpoint>(input));
        assert_hidden(
            "query import",
            input,
            query::from_str::<PaymentProfileImportEndpoint>(input),
        );
    }
}

#[test]
fn messages_are_bounded_and_escape_control_characters() {
    let huge = "x".repeat(1_000_000);
    let cases: Vec<(&str, Error)> = vec![
        (
            "jsv",
            jsv::from_str::<PaymentProfileBalanceInquiryEndpoint>(&format!("{{StoreId:{huge}}}"))
                .unwrap_err(),
        ),
        (
            "json",
            json::from_str::<PaymentProfileBalanceInquiryEndpoint>(&format!(
                r#"{{"StoreId":"{huge}"}}"#
            ))
            .unwrap_err(),
        ),
        (
            "csv",
            csv::from_str::<PaymentProfileBalanceInquiryEndpoint>(&format!(
                "StoreId\r\n{huge}\r\n"
            ))
            .unwrap_err(),
        ),
        (
            "query",
            query::from_str::<PaymentProfileBalanceInquiryEndpoint>(&format!("StoreId={huge}"))
                .unwrap_err(),
        ),
        (
            "query name",
            query::from_str::<PaymentProfileBalanceInquiryEndpoint>(&format!("{huge}=1"))
                .unwrap_err(),
        ),
        (
            "jsv key",
            jsv::from_str::<std::collections::HashMap<i32, i32>>(&format!("{{{huge}:1}}"))
                .unwrap_err(),
        ),
        (
            "decimal",
            jsv::from_str::<SellContractAndSetupClientRequest>(&format!(
                "{{PaymentAmount:{huge}}}"
            ))
            .unwrap_err(),
        ),
    ];
    for (what, e) in &cases {
        let text = e.to_string();
        assert!(
            text.chars().count() < 300,
            "{what}: {} characters: {}",
            text.len(),
            &text[..300]
        );
    }
    // Control characters in the found text, in keys, in names: escaped.
    let e =
        jsv::from_str::<PaymentProfileBalanceInquiryEndpoint>("{StoreId:a\u{1b}[2Jb}").unwrap_err();
    assert_eq!(
        e.to_string(),
        "StoreId: expected an integer in the range of i32, found `a\\u{1b}[2Jb` at line 1 column 10"
    );
    let e = jsv::from_str::<std::collections::BTreeMap<String, i32>>("{\"a\nb\":x}").unwrap_err();
    assert_eq!(
        e.to_string(),
        "a\\nb: expected an integer in the range of i32, found `x` at line 2 column 4"
    );
    let e = query::from_str::<PaymentProfileBalanceInquiryEndpoint>("Store%0AId=1").unwrap_err();
    assert_eq!(e.to_string(), "unknown parameter `Store\\nId`");
}

#[test]
fn locations_are_structured_in_every_format() {
    let e = jsv::from_str::<SaleEndpoint>("{\n\tStoreId: x\n}").unwrap_err();
    assert_eq!(
        e.position(),
        Some(Position {
            line: 2,
            column: 11,
            offset: 12
        })
    );
    assert_eq!(
        (e.path(), e.row(), e.field()),
        ("StoreId".into(), None, None)
    );

    let e = json::from_str::<SaleEndpoint>("{\n  \"StoreId\": \"x\"\n}").unwrap_err();
    assert_eq!((e.line(), e.path()), (2, "StoreId".into()));
    assert_eq!(e.classify(), Category::Data);

    let e = csv::from_str::<SaleEndpoint>("ApiKey,PaymentMethods\r\nk,\"[{UsePreferred:x}]\"\r\n")
        .unwrap_err();
    assert_eq!((e.row(), e.field()), (Some(1), Some(1)));
    assert_eq!((e.line(), e.column()), (1, 16));
    assert_eq!(e.path(), "PaymentMethods[0].UsePreferred");

    let e = query::from_str::<SaleEndpoint>("PaymentMethods={UsePreferred:x}").unwrap_err();
    assert_eq!((e.line(), e.column()), (1, 15));
    assert_eq!(e.path(), "PaymentMethods[0].UsePreferred");
    assert_eq!(
        e.to_string(),
        "PaymentMethods[0].UsePreferred: expected a bool (`true`, `false` in any case, `1` or `0`), found `x` at line 1 column 15 of its value"
    );

    // Categories.
    assert_eq!(
        jsv::from_str::<SaleEndpoint>("{StoreId:1")
            .unwrap_err()
            .classify(),
        Category::Eof
    );
    assert_eq!(
        jsv::from_str::<SaleEndpoint>("{StoreId:1}}")
            .unwrap_err()
            .classify(),
        Category::Syntax
    );
    assert_eq!(
        json::from_str::<SaleEndpoint>("{\"StoreId\":")
            .unwrap_err()
            .classify(),
        Category::Eof
    );
    assert_eq!(
        json::from_str::<SaleEndpoint>("{\"StoreId\" 1}")
            .unwrap_err()
            .classify(),
        Category::Syntax
    );
    assert_eq!(
        csv::from_str::<SaleEndpoint>("StoreId\r\nx\r\n")
            .unwrap_err()
            .classify(),
        Category::Data
    );
    assert_eq!(
        query::from_str::<SaleEndpoint>("Nope=1")
            .unwrap_err()
            .classify(),
        Category::Data
    );
}
