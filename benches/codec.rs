//! Every codec of the crate against the serde_json / `csv` crate baseline on the same values, in
//! the same run (`benches/README.md` has the numbers and the profiles).
//!
//! - JSV and ServiceStack JSON: one realistic ClubReady request
//!   (`tests/data/sell_contract_new_user.*`), decoded and encoded, against serde_json on the same
//!   DTO and the JSON fixture.
//! - CSV: 100,000 rows of a flat DTO streamed out and back in, against the `csv` crate's own serde
//!   writer and reader on the same rows.
//!
//! A small hand-written harness (no criterion, so CI builds stay fast): it first checks that every
//! codec reproduces its fixture byte for byte (CSV: reads its own output back to the same rows),
//! then times the operations interleaved (warm-up, then rounds of ~50 ms; best round for µs/op,
//! ratio = median over rounds of baseline time / crate time in the same round). It ends with one
//! machine-readable line per ratio, `RATIO <op> <x> target <t>`, and `ALLOCS jsv-decode <n>`
//! (allocations of one typed JSV decode, counted by this binary's global allocator).
//!
//! `cargo bench --bench codec [FILTER]`: flags are ignored; a bare argument keeps only the
//! operation of that exact name, else those whose name contains it. `CODEC_ITERS=N` runs each
//! kept operation exactly N times and stops (for `valgrind --tool=callgrind`).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::RefCell;
use std::hint::black_box;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use clubready_wire::csv as ss_csv;
use clubready_wire::dotnet::{DateTime, DateTimeKind};
use clubready_wire::dto::SellContractAndSetupClientRequest;
use clubready_wire::{json, jsv, Secret};
use serde::{Deserialize, Serialize};
use serde_json as sj;

/// The system allocator, counting allocations (`alloc`, `alloc_zeroed`, `realloc`) while
/// [`COUNTING`] is on. Off during timing (one relaxed load per allocation).
struct Counting;

static COUNTING: AtomicBool = AtomicBool::new(false);
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

impl Counting {
    #[inline]
    fn count() {
        if COUNTING.load(Ordering::Relaxed) {
            ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        }
    }
}

// SAFETY: every call is passed to `System` unchanged; counting touches only atomics.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        Self::count();
        // SAFETY: the caller's contract is `System`'s.
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        Self::count();
        // SAFETY: as above.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        Self::count();
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations made by `f` (run once).
fn allocations<R>(f: impl FnOnce() -> R) -> usize {
    ALLOCATIONS.store(0, Ordering::Relaxed);
    COUNTING.store(true, Ordering::Relaxed);
    let result = black_box(f());
    COUNTING.store(false, Ordering::Relaxed);
    drop(result);
    ALLOCATIONS.load(Ordering::Relaxed)
}

/// The fixture as ServiceStack.Text writes it (compact JSV).
const JSV: &str = include_str!("../tests/data/sell_contract_new_user.jsv");
/// The same value as JSON, dates in ISO 8601.
const JSON: &str = include_str!("../tests/data/sell_contract_new_user.json");

/// Iterations of a round are chosen so that one round takes about this long.
const ROUND: Duration = Duration::from_millis(50);
/// Rounds per operation; the fastest one is reported, the ratios are medians over them.
const ROUNDS: usize = 15;
/// Rows of the CSV benchmark.
const CSV_ROWS: usize = 100_000;

/// The real DTO (decimals, dates and enums as the .NET types they are).
type Req = SellContractAndSetupClientRequest;

/// A flat row for the CSV benchmark: the field types of `dto::PaymentProfile` (ids, a
/// credential, optional names and address, small numbers, flags, a date), which both CSV
/// codecs read and write natively.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Row {
    payment_profile_id: i32,
    acct_token: Option<Secret>,
    owner_id: i32,
    owner_type_id: i16,
    acct_type_id: i16,
    first_name: Option<String>,
    middle_name: Option<String>,
    last_name: Option<String>,
    address1: Option<String>,
    address2: Option<String>,
    city: Option<String>,
    state: Option<String>,
    postal_code: Option<String>,
    last4: Option<String>,
    cc_exp_month: Option<u8>,
    cc_exp_year: Option<u8>,
    is_temp: bool,
    is_disabled: bool,
    created_by: i32,
    created_utc: DateTime,
}

/// `n` rows of varied, realistic values (deterministic).
fn csv_rows(n: usize) -> Vec<Row> {
    const FIRST: [&str; 6] = ["Maria", "Luis", "Ann", "Tomás", "Jo", "Christopher"];
    const LAST: [&str; 5] = [
        "Gonzalez-Whitfield",
        "Smith",
        "O'Brien",
        "Nguyen",
        "Van der Berg",
    ];
    const CITY: [&str; 4] = ["St. Louis", "Kansas City", "Springfield", "Columbia"];
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    (0..n)
        .map(|i| {
            let r = next();
            let pick = |k: u64, len: usize| (r >> k) as usize % len;
            let card = r % 3 != 0;
            Row {
                payment_profile_id: 1_000_000 + i as i32,
                acct_token: Some(Secret::from(format!("tok_{r:016x}{:08x}", i))),
                owner_id: 20_000 + (r % 90_000) as i32,
                owner_type_id: (r % 4) as i16,
                acct_type_id: (r % 12) as i16,
                first_name: Some(FIRST[pick(8, FIRST.len())].to_owned()),
                middle_name: (r % 5 == 0).then(|| "Q.".to_owned()),
                last_name: Some(LAST[pick(16, LAST.len())].to_owned()),
                address1: Some(format!("{} Market St, Apt {}", r % 9000 + 100, r % 40)),
                address2: None,
                city: Some(CITY[pick(24, CITY.len())].to_owned()),
                state: Some("MO".to_owned()),
                postal_code: Some(format!("{:05}", 63000 + r % 999)),
                last4: Some(format!("{:04}", r % 10_000)),
                cc_exp_month: card.then_some((r % 12 + 1) as u8),
                cc_exp_year: card.then_some((r % 10 + 26) as u8),
                is_temp: r % 7 == 0,
                is_disabled: false,
                created_by: (r % 500) as i32,
                created_utc: DateTime::from_ticks(
                    638_000_000_000_000_000 + (r % 10_000_000_000_000) as i64,
                    DateTimeKind::Utc,
                )
                .expect("a date in range"),
            }
        })
        .collect()
}

/// The crate's CSV of `rows`, streamed through `csv::Writer` into `out` (cleared first).
fn ss_csv_write(rows: &[Row], out: &mut Vec<u8>) {
    out.clear();
    let mut w = ss_csv::Writer::new(out);
    for row in rows {
        w.serialize(row).expect("the crate writes CSV");
    }
    w.finish().expect("the crate flushes CSV");
}

/// Streams the rows of the crate's CSV text through `csv::Reader`, handing each to `f`.
fn ss_csv_read(text: &[u8], mut f: impl FnMut(Row)) {
    for row in ss_csv::Reader::<_, Row>::new(text) {
        f(row.expect("the crate reads its CSV"));
    }
}

/// The `csv` crate's own serde CSV of `rows`, into `out` (cleared first).
fn csv_crate_write(rows: &[Row], out: &mut Vec<u8>) {
    out.clear();
    let mut w = ::csv::Writer::from_writer(out);
    for row in rows {
        w.serialize(row).expect("the csv crate writes CSV");
    }
    w.flush().expect("the csv crate flushes CSV");
}

/// Streams the rows of the `csv` crate's text through its own serde reader, handing each to
/// `f`.
fn csv_crate_read(text: &[u8], mut f: impl FnMut(Row)) {
    for row in ::csv::Reader::from_reader(text).deserialize() {
        f(row.expect("the csv crate reads its CSV"));
    }
}

/// Where a reader hands its rows.
type RowSink<'a> = &'a mut dyn FnMut(Row);

/// Rows read back, to compare with those written.
fn collect_rows(read: impl FnOnce(RowSink)) -> Vec<Row> {
    let mut rows = Vec::new();
    read(&mut |row| rows.push(row));
    rows
}

/// Checks the fixtures: JSV and ServiceStack JSON round-trip byte for byte through the crate,
/// serde_json decodes the JSON fixture to the same value and reads its own output back; each
/// CSV codec reads its own text back to the rows (when there are rows). Panics (so the process exits non-zero) if
/// not. Returns the value to encode in the benchmarks.
fn check(rows: &[Row]) -> (Req, Vec<u8>, Vec<u8>) {
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
    let from_ss_json: Req = json::from_str(JSON).expect("ServiceStack JSON fixture decodes");
    assert_eq!(
        from_ss_json, from_jsv,
        "JSV and ServiceStack JSON values differ"
    );

    let from_json: Req = sj::from_str(JSON).expect("serde_json decodes the JSON fixture");
    assert_eq!(from_json, from_jsv, "JSV and JSON values differ");
    let sj_text = sj::to_string(&from_json).expect("serde_json encodes");
    let back: Req = sj::from_str(&sj_text).expect("serde_json reads its own output");
    assert_eq!(back, from_jsv, "serde_json round trip changed the value");

    let mut ss_text = Vec::new();
    let mut crate_text = Vec::new();
    if !rows.is_empty() {
        ss_csv_write(rows, &mut ss_text);
        let back = collect_rows(|f| ss_csv_read(&ss_text, f));
        assert!(back == rows, "the crate's CSV round trip changed the rows");
        csv_crate_write(rows, &mut crate_text);
        let back = collect_rows(|f| csv_crate_read(&crate_text, f));
        assert!(back == rows, "the csv crate's round trip changed the rows");
    }
    (from_jsv, ss_text, crate_text)
}

/// Owned strings and lists in a decoded request: what a decode must allocate at least.
fn owned_parts(r: &Req) -> (usize, usize) {
    let secret = |s: &Option<Secret>| usize::from(s.is_some());
    let string = |s: &Option<String>| usize::from(s.is_some());
    let mut strings = [&r.api_key, &r.auth_token, &r.acct_token]
        .into_iter()
        .map(secret)
        .sum::<usize>();
    strings += [
        &r.first_name,
        &r.last_name,
        &r.email,
        &r.gender,
        &r.address,
        &r.city,
        &r.state,
        &r.zip,
        &r.phone,
        &r.work_phone,
        &r.cell_phone,
        &r.note,
        &r.external_id,
        &r.promo_code,
        &r.username,
        &r.emergency_contact_name,
        &r.emergency_contact_phone,
        &r.emergency_contact_type,
        &r.last4,
    ]
    .into_iter()
    .map(string)
    .sum::<usize>();
    let mut lists = 0;
    if let Some(methods) = &r.payment_methods {
        lists += 1;
        for m in methods {
            strings += secret(&m.acct_token) + secret(&m.profile_token);
            strings += string(&m.payment_profile_id);
        }
    }
    (strings, lists)
}

/// One operation under test: `run(n)` times `n` calls (monomorphized inner loop).
struct Op<'a> {
    name: &'static str,
    /// Bytes read or written per call, for MB/s.
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
    fn new<R>(name: &'static str, bytes: usize, f: impl Fn() -> R + 'a) -> Self {
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
        self.iters = ((self.iters as f64 * scale).ceil() as u64).max(1);
        (self.run)(self.iters);
    }
}

/// ServiceStack.Text 6.0 on Mono, µs per operation (the shared bench README, `shared/bench/README.md`).
fn servicestack_us(name: &str) -> Option<f64> {
    match name {
        "jsv decode" => Some(29.0),
        "jsv encode" => Some(12.0),
        "ss-json decode" => Some(25.3),
        "ss-json encode" => Some(12.7),
        _ => None,
    }
}

/// The ratios: (name in the RATIO line, the crate's operation, the baseline's, target).
const RATIOS: [(&str, &str, &str, f64); 6] = [
    ("jsv-decode", "jsv decode", "serde_json decode", 1.5),
    ("jsv-encode", "jsv encode", "serde_json encode", 2.0),
    ("json-decode", "ss-json decode", "serde_json decode", 1.0),
    ("json-encode", "ss-json encode", "serde_json encode", 1.0),
    ("csv-read", "csv read", "csv-crate read", 1.0),
    ("csv-write", "csv write", "csv-crate write", 1.0),
];

/// The median over rounds of `baseline` time over `ours` in the same round: the operations run
/// interleaved, so a slow spell of the machine hits both sides of a pair.
fn paired_ratio(ours: &Op, baseline: &Op) -> f64 {
    let mut paired: Vec<f64> = baseline
        .rounds
        .iter()
        .zip(&ours.rounds)
        .map(|(b, o)| b / o)
        .collect();
    paired.sort_by(f64::total_cmp);
    paired[paired.len() / 2]
}

/// Checks, then benchmarks the operations and reports.
fn main() {
    let filter = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    // Only the operations asked for run (exactly that name, else every name holding it); the
    // CSV rows are only made when a CSV operation runs.
    const NAMES: [&str; 10] = [
        "jsv decode",
        "jsv encode",
        "serde_json decode",
        "serde_json encode",
        "ss-json decode",
        "ss-json encode",
        "csv write",
        "csv-crate write",
        "csv read",
        "csv-crate read",
    ];
    let keep = |name: &str| match filter.as_deref() {
        None => true,
        Some(f) if NAMES.contains(&f) => name == f,
        Some(f) => name.contains(f),
    };
    let rows = if NAMES.iter().any(|n| n.starts_with("csv") && keep(n)) {
        csv_rows(CSV_ROWS)
    } else {
        Vec::new()
    };
    let (value, ss_csv_text, crate_csv_text) = check(&rows);
    let (jsv_len, json_len) = (JSV.len(), JSON.len());
    println!("fixture: {jsv_len} bytes JSV, {json_len} bytes JSON; both round-trip byte for byte");
    if !rows.is_empty() {
        println!(
            "csv: {} rows, {} bytes as the crate writes them (JSV cells), {} bytes as the csv \
             crate does; each reads its own text back to the same rows",
            rows.len(),
            ss_csv_text.len(),
            crate_csv_text.len()
        );
    }

    let (strings, lists) = owned_parts(&value);
    let allocs = allocations(|| jsv::from_str::<Req>(JSV).unwrap());

    // The CSV writers write into a buffer kept from call to call, and the readers hand each row
    // on as it is read: 100,000 rows stream through without a 16 MB allocation per call.
    let ss_out = RefCell::new(Vec::with_capacity(ss_csv_text.len()));
    let crate_out = RefCell::new(Vec::with_capacity(crate_csv_text.len()));
    let sum_ids = |read: &dyn Fn(RowSink)| {
        let mut sum = 0i64;
        read(&mut |row| sum += i64::from(black_box(row).payment_profile_id));
        sum
    };
    let mut ops = vec![
        Op::new("jsv decode", jsv_len, || {
            jsv::from_str::<Req>(black_box(JSV))
        }),
        Op::new("jsv encode", jsv_len, || jsv::to_string(black_box(&value))),
        Op::new("serde_json decode", json_len, || {
            sj::from_str::<Req>(black_box(JSON))
        }),
        Op::new("serde_json encode", json_len, || {
            sj::to_string(black_box(&value))
        }),
        Op::new("ss-json decode", json_len, || {
            json::from_str::<Req>(black_box(JSON))
        }),
        Op::new("ss-json encode", json_len, || {
            json::to_string(black_box(&value))
        }),
        Op::new("csv write", ss_csv_text.len(), || {
            ss_csv_write(black_box(&rows), &mut ss_out.borrow_mut())
        }),
        Op::new("csv-crate write", crate_csv_text.len(), || {
            csv_crate_write(black_box(&rows), &mut crate_out.borrow_mut())
        }),
        Op::new("csv read", ss_csv_text.len(), || {
            sum_ids(&|f| ss_csv_read(black_box(&ss_csv_text), f))
        }),
        Op::new("csv-crate read", crate_csv_text.len(), || {
            sum_ids(&|f| csv_crate_read(black_box(&crate_csv_text), f))
        }),
    ];
    ops.retain(|op| keep(op.name));

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

    println!("best of {ROUNDS} interleaved rounds of ~50 ms; ServiceStack.Text on Mono (shared/bench/README.md)");
    println!("operation              µs/op      MB/s  ServiceStack µs/op");
    for op in &ops {
        let reference = servicestack_us(op.name).map_or(String::new(), |us| format!("{us:>9.1}"));
        let (ns, name) = (op.ns, op.name);
        let mbps = op.bytes as f64 * 1000.0 / ns;
        println!("{name:<18} {:>11.2} {mbps:>9.0} {reference}", ns / 1000.0);
    }
    println!();
    let find = |name: &str| ops.iter().find(|o| o.name == name);
    let mut lines = Vec::new();
    for (id, ours, baseline, target) in RATIOS {
        if let (Some(o), Some(b)) = (find(ours), find(baseline)) {
            let r = paired_ratio(o, b);
            let verdict = if r >= target { "met" } else { "NOT met" };
            println!(
                "{ours} is {r:.2}x {baseline} speed (median of {} paired rounds; target >= \
                 {target}x: {verdict})",
                o.rounds.len()
            );
            lines.push(format!("RATIO {id} {r:.2} target {target}"));
        }
    }
    if let Some(o) = find("jsv decode") {
        let ss = servicestack_us(o.name).unwrap_or(f64::NAN) * 1000.0 / o.ns;
        println!("jsv decode is {ss:.1}x ServiceStack.Text's speed");
    }
    println!(
        "a typed JSV decode of the fixture: {allocs} allocations; the value holds {strings} owned \
         strings and {lists} lists (target <= {})",
        strings + lists
    );
    println!();
    for line in lines {
        println!("{line}");
    }
    println!("ALLOCS jsv-decode {allocs}");
}
