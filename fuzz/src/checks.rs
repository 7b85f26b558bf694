//! The properties the fuzz targets check, one function per target. Each panics when its property
//! is violated and returns quietly otherwise (input the reader rejects is fine).
//!
//! Shared by the libFuzzer targets, their stable replay `main`s (`fuzz/fuzz_targets/*.rs`) and
//! the main crate's test suite (which `#[path]`-includes this file), so it depends on nothing but
//! `clubready_wire` and std.

#![allow(dead_code)]

use clubready_wire::jsv::{self, Value};

/// `jsv_value`: reading any bytes as a [`Value`] never panics, and neither does rendering the
/// error (message, position, path) when the read fails.
pub fn jsv_value(data: &[u8]) {
    if let Err(err) = jsv::from_slice::<Value>(data) {
        let _ = err.to_string();
        let _ = (err.line(), err.column(), err.path(), err.classify());
    }
}

/// `jsv_roundtrip`: printing is a fixed point. Whatever [`Value`] the reader makes of the input
/// prints (p1), p1 reads back, and that value prints as p1 again. The pretty layout of that value
/// reads back to a value that also prints as p1.
pub fn jsv_roundtrip(data: &[u8]) {
    let Ok(v1) = jsv::from_slice::<Value>(data) else {
        return;
    };
    let p1 = jsv::to_string(&v1).unwrap_or_else(|e| panic!("to_string({v1:?}) failed: {e}"));
    let v2 = jsv::from_str::<Value>(&p1)
        .unwrap_or_else(|e| panic!("compact output {p1:?} of {v1:?} does not read back: {e}"));
    let p2 = jsv::to_string(&v2).unwrap_or_else(|e| panic!("to_string({v2:?}) failed: {e}"));
    assert_eq!(
        p1, p2,
        "compact printing is not idempotent: {v1:?} prints as {p1:?}, which reads as {v2:?}"
    );

    let pretty = jsv::to_string_pretty(&v2)
        .unwrap_or_else(|e| panic!("to_string_pretty({v2:?}) failed: {e}"));
    let v3 = jsv::from_str::<Value>(&pretty)
        .unwrap_or_else(|e| panic!("pretty output {pretty:?} of {v2:?} does not read back: {e}"));
    let p3 = jsv::to_string(&v3).unwrap_or_else(|e| panic!("to_string({v3:?}) failed: {e}"));
    assert_eq!(
        p1, p3,
        "pretty output {pretty:?} of {v2:?} reads back as {v3:?}"
    );
}

/// `dto_jsv`: any bytes read as a ClubReady request (dates, decimals, enums, nested payment
/// methods) never panic; whatever reads prints JSV that reads back and prints the same (a fixed
/// point), and its ServiceStack JSON reads back to a value that prints the same JSV again.
pub fn dto_jsv(data: &[u8]) {
    use clubready_wire::dto::SellContractAndSetupClientRequest as Request;
    use clubready_wire::json;
    let Ok(v1) = jsv::from_slice::<Request>(data) else {
        return;
    };
    let p1 = jsv::to_string(&v1).unwrap_or_else(|e| panic!("to_string failed: {e}"));
    let v2: Request = jsv::from_str(&p1)
        .unwrap_or_else(|e| panic!("compact output {p1:?} does not read back: {e}"));
    let p2 = jsv::to_string(&v2).unwrap_or_else(|e| panic!("to_string failed: {e}"));
    assert_eq!(p1, p2, "JSV printing of a request is not a fixed point");
    let j = json::to_string(&v2).unwrap_or_else(|e| panic!("json::to_string failed: {e}"));
    let v3: Request =
        json::from_str(&j).unwrap_or_else(|e| panic!("JSON output {j:?} does not read back: {e}"));
    assert_eq!(
        jsv::to_string(&v3).unwrap(),
        p1,
        "JSON round trip changed the request"
    );
}
