//! JSV vs serde_json on one realistic ClubReady request (`tests/data/sell_contract_new_user.*`).
//!
//! A small hand-written harness (no criterion, so CI builds stay fast): it first checks that both
//! codecs reproduce their fixture byte for byte, then times decode and encode of each format in
//! the same run (warm-up, then 15 interleaved rounds of ~50 ms; best round for µs/op, median paired ratio) and prints the ratios.
//!
//! `cargo bench --bench codec [FILTER]`: flags are ignored; a bare argument keeps only the
//! operations whose name contains it.

use std::fmt;
use std::hint::black_box;
use std::time::{Duration, Instant};

use clubready_wire::jsv;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};
use serde_json as sj;

/// The fixture as ServiceStack.Text writes it (compact JSV).
const JSV: &str = include_str!("../tests/data/sell_contract_new_user.jsv");
/// The same value as JSON, dates in ISO 8601.
const JSON: &str = include_str!("../tests/data/sell_contract_new_user.json");

/// Iterations of a round are chosen so that one round takes about this long.
const ROUND: Duration = Duration::from_millis(50);
/// Rounds per operation; the fastest one is reported.
const ROUNDS: usize = 15;

/// A decimal amount kept as its exact text, never as a float (a real decimal type comes later).
///
/// JSV hands it over as text (`149.99`); serde_json, built with `arbitrary_precision`, hands a
/// number over as a one-entry map holding its text. Written back, it is bare text in JSV and a
/// bare number in JSON, so both fixtures round-trip byte for byte.
#[derive(Clone, Debug, PartialEq)]
struct Amount(String);

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        /// Accepts a string (JSV) or an arbitrary-precision number (serde_json).
        struct AmountVisitor;

        impl<'de> Visitor<'de> for AmountVisitor {
            type Value = Amount;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a decimal amount")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Amount, E> {
                Ok(Amount(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Amount, E> {
                Ok(Amount(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Amount, A::Error> {
                // serde_json's private number token is the key; the digits are the value.
                let key = map.next_key::<de::IgnoredAny>()?;
                let text = key.map(|_| map.next_value()).transpose()?;
                text.map(Amount)
                    .ok_or_else(|| de::Error::invalid_length(0, &self))
            }
        }

        deserializer.deserialize_any(AmountVisitor)
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // serde's data model has no "raw number", and JSV has no use for one. For serde_json
        // (arbitrary_precision), emit the struct `serde_json::Number` itself serializes as, which
        // writes the digits unquoted. Both the check and the token are compile-time constants.
        const NUMBER_TOKEN: &str = "$serde_json::private::Number";
        if std::any::type_name::<S>().starts_with("&mut serde_json::") {
            let mut number = serializer.serialize_struct(NUMBER_TOKEN, 1)?;
            number.serialize_field(NUMBER_TOKEN, &self.0)?;
            number.end()
        } else {
            serializer.serialize_str(&self.0)
        }
    }
}

/// ClubReady's `SellContractAndSetupClientRequest`, fields in the fixture's order. Dates are
/// `Option<String>` for now (a date type comes later), so they hold different text per format.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct SellContractAndSetupClientRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    api_key: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    chain_id: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    store_id: Option<i32>,
    package_id: i32,
    installment_plan_id: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    payment_amount: Option<Amount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    gender: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    city: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    state: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    zip: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    work_phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_of_birth: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cell_phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    promo_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    username: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    referral_type_id: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    emergency_contact_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    emergency_contact_phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    emergency_contact_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    payment_methods: Option<Vec<PaymentMethodDto>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    restricted_resource_type: Option<String>,
    is_temp: bool,
}

/// Short name for the request type.
type Req = SellContractAndSetupClientRequest;

/// One way of paying (gift card, card on file, new card token).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct PaymentMethodDto {
    #[serde(skip_serializing_if = "Option::is_none")]
    acct_token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    profile_token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    payment_profile_id: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    payment_amount: Option<Amount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    payment_method_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    do_not_update_payment_type_preference: Option<bool>,
}

/// Checks both fixtures round-trip byte for byte and decode to the same value; panics (so the
/// process exits non-zero) if not. Returns the decoded value to encode in the benchmarks.
fn check() -> Req {
    let from_jsv: Req = jsv::from_str(JSV).expect("JSV fixture decodes");
    let jsv_again = jsv::to_string(&from_jsv).expect("JSV encodes");
    assert_eq!(jsv_again, JSV, "JSV round trip is not byte for byte");

    let from_json: Req = sj::from_str(JSON).expect("JSON fixture decodes");
    let json_again = sj::to_string(&from_json).expect("JSON encodes");
    assert_eq!(json_again, JSON, "JSON round trip is not byte for byte");

    // The date fields hold each format's own text (JSON's `2026-12-01T00:00:00.0000000`,
    // JSV's `2026-12-01`): compare with JSON's midnight suffix removed.
    let mut normalized = from_json;
    for date in [&mut normalized.start_date, &mut normalized.date_of_birth] {
        let text = date.as_mut().expect("fixture has this date");
        let day = text
            .strip_suffix("T00:00:00.0000000")
            .expect("a midnight date");
        *text = day.to_owned();
    }
    assert_eq!(normalized, from_jsv, "JSV and JSON values differ");
    from_jsv
}

/// One operation under test: `run(n)` times `n` calls (monomorphized inner loop).
struct Op<'a> {
    name: &'static str,
    /// Bytes of JSV or JSON read or written per call (the fixture's size), for MB/s.
    bytes: usize,
    run: Box<dyn Fn(u64) -> Duration + 'a>,
    /// Calls per round, from calibration.
    iters: u64,
    /// Nanoseconds per call in the fastest round so far.
    ns: f64,
    /// Nanoseconds per call in each round, in order (rounds interleave the operations).
    rounds: Vec<f64>,
}

impl<'a> Op<'a> {
    /// Wraps `f`, not yet calibrated; black_box keeps its result from being optimized away.
    fn new<R>(name: &'static str, f: impl Fn() -> R + 'a) -> Self {
        let bytes = if name.starts_with("jsv") { JSV } else { JSON }.len();
        let run = Box::new(move |iters| {
            let start = Instant::now();
            (0..iters).for_each(|_| drop(black_box(f())));
            start.elapsed()
        });
        let (iters, ns) = (1, f64::INFINITY);
        Op {
            name,
            bytes,
            run,
            iters,
            ns,
            rounds: Vec::new(),
        }
    }

    /// Doubles the batch until it takes a tenth of a round (this also warms up), then scales it
    /// to a full round and runs one full round as a last warm-up.
    fn calibrate(&mut self) {
        let mut elapsed = (self.run)(self.iters);
        while elapsed < ROUND / 10 {
            self.iters *= 2;
            elapsed = (self.run)(self.iters);
        }
        let scale = ROUND.as_secs_f64() / elapsed.as_secs_f64();
        self.iters = (self.iters as f64 * scale).ceil() as u64;
        (self.run)(self.iters);
    }
}

/// ServiceStack.Text 6.0 on Mono, µs per operation (`/work/shared/bench/README.md`).
fn servicestack_us(name: &str) -> Option<f64> {
    match name {
        "jsv decode" => Some(29.0),
        "jsv encode" => Some(12.0),
        "json decode" => Some(25.3),
        "json encode" => Some(12.7),
        _ => None,
    }
}

/// Prints how JSV compares with serde_json (against `target`) and with ServiceStack.Text.
///
/// The ratio is the median over rounds of serde_json's time over JSV's time in the same round:
/// the operations run interleaved, so a slow spell of the machine hits both sides of a pair.
fn ratio(ops: &[Op], what: &str, target: f64) {
    let op = |name: &str| ops.iter().find(|o| o.name == name);
    let jsv_name = format!("jsv {what}");
    if let (Some(jsv_op), Some(json_op)) = (op(&jsv_name), op(&format!("json {what}"))) {
        let mut paired: Vec<f64> = json_op
            .rounds
            .iter()
            .zip(&jsv_op.rounds)
            .map(|(j, v)| j / v)
            .collect();
        paired.sort_by(f64::total_cmp);
        let r = paired[paired.len() / 2];
        let jsv = jsv_op.ns;
        let verdict = if r >= target { "met" } else { "NOT met" };
        println!("JSV {what} is {r:.2}x serde_json {what} speed (median of {} paired rounds; target >= {target}x: {verdict})", paired.len());
        let ss = servicestack_us(&jsv_name).unwrap_or(f64::NAN) * 1000.0 / jsv;
        println!("JSV {what} is {ss:.1}x ServiceStack.Text {what} speed");
    }
}

/// Checks, then benchmarks the four operations and reports.
fn main() {
    let filter = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let value = check();
    let (jsv_len, json_len) = (JSV.len(), JSON.len());
    println!("fixture: {jsv_len} bytes JSV, {json_len} bytes JSON; both round-trip byte for byte");

    let mut ops = vec![
        Op::new("jsv decode", || jsv::from_str::<Req>(black_box(JSV))),
        Op::new("jsv encode", || jsv::to_string(black_box(&value))),
        Op::new("json decode", || sj::from_str::<Req>(black_box(JSON))),
        Op::new("json encode", || sj::to_string(black_box(&value))),
    ];
    ops.retain(|op| filter.as_deref().map_or(true, |f| op.name.contains(f)));

    // `CODEC_ITERS=N`: run each operation exactly N times and stop, for instruction counting
    // under `valgrind --tool=callgrind` (timings on a busy machine are noisy; counts are not).
    if let Some(n) = std::env::var("CODEC_ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        for op in &ops {
            (op.run)(n);
            println!("{}: ran {n} times", op.name);
        }
        return;
    }
    ops.iter_mut().for_each(Op::calibrate);

    // Rounds alternate between operations so that a burst of noise from the rest of the
    // machine hits them all alike.
    for _ in 0..ROUNDS {
        for op in &mut ops {
            let ns = (op.run)(op.iters).as_nanos() as f64 / op.iters as f64;
            op.ns = op.ns.min(ns);
            op.rounds.push(ns);
        }
    }

    println!("best of {ROUNDS} interleaved rounds of ~50 ms; ServiceStack.Text on Mono (README)");
    println!("operation        µs/op      MB/s  ServiceStack µs/op");
    for op in &ops {
        let reference = servicestack_us(op.name).map_or(String::new(), |us| format!("{us:>9.1}"));
        let (ns, name) = (op.ns, op.name);
        let mbps = op.bytes as f64 * 1000.0 / ns;
        println!("{name:<12} {:>9.2} {mbps:>9.0} {reference}", ns / 1000.0);
    }
    println!();
    ratio(&ops, "decode", 1.5);
    ratio(&ops, "encode", 2.0);
}
