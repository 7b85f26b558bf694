//! Decoding is bounded: the memory a decode takes is a small multiple of its input (at most 10x
//! for typed decodes, 16x for `jsv::Value`), or the decode stops at a documented limit with a
//! clear error, whatever the shape of the input. Measured over 50 MB inputs of the shapes an
//! audit found to cost 36–95x.
//!
//! The test binary's allocator counts the bytes each thread holds (`counting.rs`), so these
//! measurements are not disturbed by tests running beside them.

use clubready_wire::dto::{SaleEndpoint, SellContractAndSetupClientRequest};
use clubready_wire::{csv, json, jsv, query};

use crate::counting::peak_during;

const SIZE: usize = 50 * 1024 * 1024;

/// `unit` repeated to about 50 MB, between `head` and `tail`.
fn input(head: &str, unit: &str, tail: &str) -> String {
    let mut s = String::with_capacity(SIZE + head.len() + tail.len());
    s.push_str(head);
    while s.len() < SIZE {
        s.push_str(unit);
    }
    s.push_str(tail);
    s
}

/// Runs `decode` on `text` and checks its peak memory against `ratio` × the input.
fn bounded<'t, R>(what: &str, text: &'t str, ratio: usize, decode: impl FnOnce(&'t str) -> R) -> R {
    let (result, peak) = peak_during(|| decode(text));
    eprintln!(
        "{what}: peak {:.1} MB for {:.1} MB of input ({:.2}x)",
        peak as f64 / 1e6,
        text.len() as f64 / 1e6,
        peak as f64 / text.len() as f64
    );
    assert!(
        peak <= ratio * text.len(),
        "{what}: {peak} bytes at the peak for {} bytes of input",
        text.len()
    );
    result
}

#[test]
fn query_strings_of_many_pairs() {
    // An audit measured 4.85 GB for this shape (a copy of every pair, three strings each).
    let text = input("", "&a=", "");
    let e = bounded("query &a=", &text, 10, query::from_str::<SaleEndpoint>).unwrap_err();
    let count = text.len() / 3;
    assert_eq!(
        e.to_string(),
        format!("unknown parameters `a` and {} more", count - 1)
    );
    // Parts without `=` bind nothing, as on the server.
    let text = input("", "&a", "");
    let v = bounded("query &a", &text, 10, query::from_str::<SaleEndpoint>).unwrap();
    assert_eq!(v, SaleEndpoint::default());
    // Every name different: an error listing 26 million names was the other half.
    let mut i = 0u64;
    let mut text = String::with_capacity(SIZE + 32);
    while text.len() < SIZE {
        text.push('x');
        text.push_str(itoa::Buffer::new().format(i));
        text.push_str("=1&");
        i += 1;
    }
    let e = bounded("query names", &text, 10, query::from_str::<SaleEndpoint>).unwrap_err();
    assert!(
        e.to_string().ends_with(&format!(" and {} more", i - 10)),
        "{e}"
    );
    // Values that bind, repeated: the first repeat is an error.
    let text = input("StoreId=1", "&StoreId=1", "");
    let e = bounded("query repeats", &text, 10, query::from_str::<SaleEndpoint>).unwrap_err();
    assert_eq!(e.to_string(), "StoreId: given more than once");
}

#[test]
fn untyped_lists_of_empty_items() {
    // An audit measured 3.9 GB for this shape.
    let text = input("[", ",", "]");
    let e = bounded("jsv [,,,]", &text, 16, jsv::from_str::<jsv::Value>).unwrap_err();
    assert_eq!(
        e.to_string(),
        "more than 1000000 list items and object entries in one document (the limit is the \
         reader's `max_items` option) at line 1 column 1000002"
    );
    let text = input("[", "null,", "null]");
    let e = bounded("json [null,…]", &text, 16, json::from_str::<jsv::Value>).unwrap_err();
    assert!(
        e.to_string().starts_with("more than 1000000 list items"),
        "{e}"
    );
    let text = input("{", "a:,", "}");
    let e = bounded("jsv {a:,…}", &text, 16, jsv::from_str::<jsv::Value>).unwrap_err();
    assert!(
        e.to_string().starts_with("more than 1000000 list items"),
        "{e}"
    );
}

#[test]
fn typed_lists_of_empty_objects() {
    let text = input("{PaymentMethods:[", "{},", "{}]}");
    let e = bounded("jsv typed", &text, 10, jsv::from_str::<SaleEndpoint>).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("PaymentMethods: more than 1000000"),
        "{e}"
    );
    let text = input("{\"PaymentMethods\":[", "{},", "{}]}");
    let e = bounded("json typed", &text, 10, json::from_str::<SaleEndpoint>).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("PaymentMethods: more than 1000000"),
        "{e}"
    );
    // Under the limit, a big document reads, in memory a small multiple of it.
    let text = input(
        "{PaymentMethods:[",
        &format!("{{AcctToken:{},PaymentAmount:1.00}},", "t".repeat(200)),
        "{}]}",
    );
    let sale = bounded("jsv typed, read", &text, 10, jsv::from_str::<SaleEndpoint>).unwrap();
    assert!(sale.payment_methods.unwrap().len() > 200_000);
    // The limit can be raised.
    let text = input("[", "1,", "1]");
    let ints = jsv::Options::new()
        .max_items(usize::MAX)
        .from_str::<Vec<u8>>(&text)
        .unwrap();
    assert_eq!(ints.len(), text.len() / 2);
}

#[test]
fn csv_of_huge_cells_and_rows() {
    let text = input("ApiKey,StoreId\r\n", "k", ",1\r\n");
    let request = bounded(
        "csv cell",
        &text,
        10,
        csv::from_str::<SellContractAndSetupClientRequest>,
    )
    .unwrap();
    assert_eq!(request.api_key.unwrap().expose().len(), text.len() - 20);
    let text = input("ApiKey\r\n", "a,", "a\r\n");
    let e = bounded("csv cells", &text, 10, csv::from_str::<SaleEndpoint>).unwrap_err();
    assert!(e.to_string().starts_with("row 1: the row has"), "{e}");
}
