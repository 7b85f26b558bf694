//! JSV vs serde_json on one realistic ClubReady request (`tests/data/sell_contract_new_user.*`).
//!
//! A small hand-written harness (no criterion, so CI builds stay fast): it first checks that both
//! codecs reproduce their fixture byte for byte, then times decode and encode of each format in
//! the same run (warm-up, then 15 interleaved rounds of ~50 ms; best round for µs/op, median paired ratio) and prints the ratios.
//!
//! `cargo bench --bench codec [FILTER]`: flags are ignored; a bare argument keeps only the
//! operations whose name contains it.

use std::hint::black_box;
use std::time::{Duration, Instant};

use clubready_wire::dto::SellContractAndSetupClientRequest;
use clubready_wire::{json, jsv};
use serde_json as sj;

/// The fixture as ServiceStack.Text writes it (compact JSV).
const JSV: &str = include_str!("../tests/data/sell_contract_new_user.jsv");
/// The same value as JSON, dates in ISO 8601.
const JSON: &str = include_str!("../tests/data/sell_contract_new_user.json");

/// Iterations of a round are chosen so that one round takes about this long.
const ROUND: Duration = Duration::from_millis(50);
/// Rounds per operation; the fastest one is reported.
const ROUNDS: usize = 15;

/// The real DTO (decimals, dates and enums as the .NET types they are).
type Req = SellContractAndSetupClientRequest;

/// Checks the fixtures: JSV and ServiceStack JSON round-trip byte for byte through the crate,
/// serde_json decodes the JSON fixture to the same value and reads its own output back. Panics
/// (so the process exits non-zero) if not. Returns the value to encode in the benchmarks.
fn check() -> Req {
    let from_jsv: Req = jsv::from_str(JSV).expect("JSV fixture decodes");
    assert_eq!(
        jsv::to_string(&from_jsv).unwrap(),
        JSV,
        "JSV round trip is not byte for byte"
    );
    assert_eq!(
        json::to_string(&from_jsv).unwrap(),
        JSON,
        "ServiceStack JSON is not byte for byte"
    );

    let from_json: Req = sj::from_str(JSON).expect("serde_json decodes the JSON fixture");
    assert_eq!(from_json, from_jsv, "JSV and JSON values differ");
    let sj_text = sj::to_string(&from_json).expect("serde_json encodes");
    let back: Req = sj::from_str(&sj_text).expect("serde_json reads its own output");
    assert_eq!(back, from_jsv, "serde_json round trip changed the value");
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

/// Prints how the crate's ServiceStack JSON compares with serde_json on the same `what` (median
/// of the paired rounds, as in [`ratio`]).
fn ss_json_ratio(ops: &[Op], what: &str, target: f64) {
    let op = |name: &str| ops.iter().find(|o| o.name == name);
    if let (Some(ss), Some(sj)) = (op(&format!("ss-json {what}")), op(&format!("json {what}"))) {
        let mut paired: Vec<f64> = sj
            .rounds
            .iter()
            .zip(&ss.rounds)
            .map(|(j, s)| j / s)
            .collect();
        paired.sort_by(f64::total_cmp);
        let r = paired[paired.len() / 2];
        let verdict = if r >= target { "met" } else { "NOT met" };
        println!("ServiceStack JSON {what} is {r:.2}x serde_json {what} speed (median of {} paired rounds; target >= {target}x: {verdict})", paired.len());
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
        // The crate's own ServiceStack JSON, for reference (not part of the ratios).
        Op::new("ss-json decode", || json::from_str::<Req>(black_box(JSON))),
        Op::new("ss-json encode", || json::to_string(black_box(&value))),
    ];
    ops.retain(|op| filter.as_deref().is_none_or(|f| op.name.contains(f)));

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
    ss_json_ratio(&ops, "decode", 1.0);
}
