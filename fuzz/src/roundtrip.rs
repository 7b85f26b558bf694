//! Typed fixed points: a value some reader made prints in every format; that text reads back
//! to the same value (modulo what the format documents it cannot carry); and the value read
//! back prints to the same bytes again (printing is idempotent).
//!
//! What each format is allowed to lose (each allowance is listed in `fuzz/README.md` too):
//!
//! - JSV (compact and pretty), and the JSV inside CSV cells and query values: a date's kind
//!   follows its text. Midnight is written `yyyy-MM-dd` and reads back unspecified (but a local
//!   midnight at an offset other than the writer's keeps its time and offset); an
//!   unspecified time of day is written with the writer's zone's offset (`+00:00`) and reads
//!   back local at that offset. The ticks are kept.
//! - JSON with WCF dates (`\/Date(ms±hhmm)\/`): milliseconds (computed in double precision, as
//!   .NET does), so the ticks may move by less than 1 ms; the kind is kept. A non-UTC date whose
//!   instant is before `MinValue` or within a millisecond of it is written as UTC's `MinValue`
//!   (.NET's rule), so it is given as what that reads back as (see `wcf_floor`).
//! - CSV and query strings: an empty top-level string is an empty cell or an empty parameter,
//!   which reads back as null (query strings are given the null from the start, since `Name=`
//!   and nothing at all are different texts). The form style writes an empty list as
//!   `Name=` too (it trims the brackets of `[]`, as `QueryStringSerializer` does), so it is
//!   given null for an empty top-level list.
//! - The form style ([`query::Style::Form`], ServiceStack's `QueryStringSerializer`) only gets
//!   what it can carry: nested strings without `"` `{` `}` `[` `]` and dictionary keys without
//!   those nor `:` `,` (it drops their JSV quoting, so those would read as structure) and dates
//!   in UTC (the `+` of an
//!   offset is written raw, and reads back as a space).
//! - The client and form styles write a `ValueTuple` as .NET's text `(5, User)`, as ServiceStack
//!   does; the server refuses that text, and so does the query reader: those styles are given
//!   no `ValueTuple` (the ClubReady style writes the object form, which binds).

use std::fmt::Debug;

use clubready_wire::dotnet::{DateTime, DateTimeKind, MAX_TICKS};
use clubready_wire::dto::{
    PaymentMethodDto, PaymentProfile, PaymentProfileImportEndpoint, PaymentProfileImportResponse,
    PendingPaymentResponse, ResponseError, ResponseStatus, SaleEndpoint, SalePaymentMethodDto,
    SellContractAndSetupClientRequest, SellContractRequest, SellContractResultDto,
};
use clubready_wire::json::{self, DateHandler};
use clubready_wire::{csv, jsv, query, Secret};
use indexmap::IndexMap;
use serde::de::DeserializeOwned;
use serde::Serialize;

const TICKS_PER_DAY: i64 = 864_000_000_000;
const TICKS_PER_MS: i64 = 10_000;

/// A place in a value that a format may change: a string (with whether it is a top-level
/// property), or a date.
pub enum Leaf<'a> {
    /// A string property, list item, dictionary key or value; `top` for a DTO's own property.
    Str {
        value: &'a mut Option<String>,
        top: bool,
    },
    /// A dictionary key (nested).
    Key(&'a mut String),
    /// A date.
    Date(&'a mut DateTime),
    /// A list property (of objects): whether it is present and empty; set `to_null` to make
    /// it null.
    List {
        empty: bool,
        top: bool,
        to_null: &'a mut bool,
    },
    /// A `ValueTuple` property: set `to_null` to make it null.
    Tuple { to_null: &'a mut bool },
}

/// Visits every [`Leaf`] of a DTO, in declaration order.
pub trait Walk {
    fn walk(&mut self, top: bool, f: &mut dyn FnMut(Leaf<'_>));
}

fn string(v: &mut Option<String>, top: bool, f: &mut dyn FnMut(Leaf<'_>)) {
    f(Leaf::Str { value: v, top });
}

fn secret(v: &mut Option<Secret>, top: bool, f: &mut dyn FnMut(Leaf<'_>)) {
    let mut text = v.take().map(Secret::into_inner);
    f(Leaf::Str {
        value: &mut text,
        top,
    });
    *v = text.map(Secret::from);
}

fn date(v: &mut DateTime, f: &mut dyn FnMut(Leaf<'_>)) {
    f(Leaf::Date(v));
}

fn opt_date(v: &mut Option<DateTime>, f: &mut dyn FnMut(Leaf<'_>)) {
    if let Some(d) = v {
        f(Leaf::Date(d));
    }
}

fn nested<T: Walk>(v: &mut Option<T>, f: &mut dyn FnMut(Leaf<'_>)) {
    if let Some(x) = v {
        x.walk(false, f);
    }
}

fn list<T: Walk>(v: &mut Option<Vec<T>>, top: bool, f: &mut dyn FnMut(Leaf<'_>)) {
    if let Some(items) = v {
        let mut to_null = false;
        f(Leaf::List {
            empty: items.is_empty(),
            top,
            to_null: &mut to_null,
        });
        if to_null {
            *v = None;
        }
    }
    for x in v.iter_mut().flatten() {
        x.walk(false, f);
    }
}

fn meta(v: &mut Option<IndexMap<String, String>>, f: &mut dyn FnMut(Leaf<'_>)) {
    if let Some(map) = v {
        for (mut k, v) in std::mem::take(map) {
            let mut v = Some(v);
            f(Leaf::Key(&mut k));
            f(Leaf::Str {
                value: &mut v,
                top: false,
            });
            map.insert(k, v.unwrap_or_default());
        }
    }
}

impl Walk for SellContractAndSetupClientRequest {
    fn walk(&mut self, top: bool, f: &mut dyn FnMut(Leaf<'_>)) {
        secret(&mut self.api_key, top, f);
        opt_date(&mut self.start_date, f);
        for s in [
            &mut self.first_name,
            &mut self.last_name,
            &mut self.email,
            &mut self.gender,
            &mut self.address,
            &mut self.city,
            &mut self.state,
            &mut self.zip,
            &mut self.phone,
            &mut self.work_phone,
        ] {
            string(s, top, f);
        }
        opt_date(&mut self.date_of_birth, f);
        for s in [
            &mut self.cell_phone,
            &mut self.note,
            &mut self.external_id,
            &mut self.promo_code,
            &mut self.username,
            &mut self.emergency_contact_name,
            &mut self.emergency_contact_phone,
            &mut self.emergency_contact_type,
        ] {
            string(s, top, f);
        }
        list(&mut self.payment_methods, top, f);
        secret(&mut self.auth_token, top, f);
        secret(&mut self.acct_token, top, f);
        string(&mut self.last4, top, f);
    }
}

impl Walk for PaymentMethodDto {
    fn walk(&mut self, top: bool, f: &mut dyn FnMut(Leaf<'_>)) {
        secret(&mut self.acct_token, top, f);
        secret(&mut self.profile_token, top, f);
        string(&mut self.payment_profile_id, top, f);
    }
}

impl Walk for SalePaymentMethodDto {
    fn walk(&mut self, top: bool, f: &mut dyn FnMut(Leaf<'_>)) {
        secret(&mut self.acct_token, top, f);
        secret(&mut self.profile_token, top, f);
        string(&mut self.payment_profile_id, top, f);
    }
}

impl Walk for SaleEndpoint {
    fn walk(&mut self, top: bool, f: &mut dyn FnMut(Leaf<'_>)) {
        string(&mut self.x_forwarded_for, top, f);
        secret(&mut self.api_key, top, f);
        secret(&mut self.incomplete_agreement_token, top, f);
        string(&mut self.promo_code, top, f);
        list(&mut self.payment_methods, top, f);
    }
}

impl Walk for PaymentProfileImportEndpoint {
    fn walk(&mut self, top: bool, f: &mut dyn FnMut(Leaf<'_>)) {
        secret(&mut self.api_key, top, f);
        secret(&mut self.acct_token, top, f);
        secret(&mut self.profile_token, top, f);
        if self.new_owner.is_some() {
            let mut to_null = false;
            f(Leaf::Tuple {
                to_null: &mut to_null,
            });
            if to_null {
                self.new_owner = None;
            }
        }
    }
}

impl Walk for SellContractRequest {
    fn walk(&mut self, top: bool, f: &mut dyn FnMut(Leaf<'_>)) {
        secret(&mut self.api_key, top, f);
        string(&mut self.promo_code, top, f);
        list(&mut self.payment_methods, top, f);
        opt_date(&mut self.start_date, f);
    }
}

impl Walk for PaymentProfile {
    fn walk(&mut self, top: bool, f: &mut dyn FnMut(Leaf<'_>)) {
        secret(&mut self.acct_token, top, f);
        for s in [
            &mut self.prefix_name,
            &mut self.first_name,
            &mut self.middle_name,
            &mut self.last_name,
            &mut self.suffix_name,
            &mut self.address1,
            &mut self.address2,
            &mut self.urbanization,
            &mut self.city,
            &mut self.state,
            &mut self.postal_code,
            &mut self.country_code,
            &mut self.last4,
        ] {
            string(s, top, f);
        }
        opt_date(&mut self.on_hold_utc, f);
        string(&mut self.on_hold_reason_detail, top, f);
        opt_date(&mut self.acct_updater_flag_utc, f);
        date(&mut self.created_utc, f);
        date(&mut self.modified_utc, f);
    }
}

impl Walk for PaymentProfileImportResponse {
    fn walk(&mut self, top: bool, f: &mut dyn FnMut(Leaf<'_>)) {
        string(&mut self.message, top, f);
        nested(&mut self.payment_profile, f);
    }
}

impl Walk for ResponseError {
    fn walk(&mut self, top: bool, f: &mut dyn FnMut(Leaf<'_>)) {
        string(&mut self.error_code, top, f);
        string(&mut self.field_name, top, f);
        string(&mut self.message, top, f);
        meta(&mut self.meta, f);
    }
}

impl Walk for ResponseStatus {
    fn walk(&mut self, top: bool, f: &mut dyn FnMut(Leaf<'_>)) {
        string(&mut self.error_code, top, f);
        string(&mut self.message, top, f);
        string(&mut self.stack_trace, top, f);
        list(&mut self.errors, top, f);
        meta(&mut self.meta, f);
    }
}

impl Walk for PendingPaymentResponse {
    fn walk(&mut self, top: bool, f: &mut dyn FnMut(Leaf<'_>)) {
        string(&mut self.response_transaction_id, top, f);
        string(&mut self.response_txn_id, top, f);
        nested(&mut self.response_status, f);
        string(&mut self.response_text, top, f);
        string(&mut self.last4, top, f);
        string(&mut self.acct_class, top, f);
        string(&mut self.acct_type, top, f);
        secret(&mut self.acct_token, top, f);
    }
}

impl Walk for SellContractResultDto {
    fn walk(&mut self, top: bool, f: &mut dyn FnMut(Leaf<'_>)) {
        string(&mut self.contract_sale_id, top, f);
        string(&mut self.description, top, f);
        list(&mut self.payment_responses, top, f);
    }
}

/// What a DTO needs for the fixed-point checks.
pub trait Dto: Walk + Serialize + DeserializeOwned + PartialEq + Debug + Clone {}
impl<T: Walk + Serialize + DeserializeOwned + PartialEq + Debug + Clone> Dto for T {}

/// The formats (and their variants) a DTO is written in.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Fmt {
    Jsv,
    JsvPretty,
    JsonIso,
    JsonWcf,
    Csv,
    Query(query::Style),
}

pub const FORMATS: [Fmt; 8] = [
    Fmt::Jsv,
    Fmt::JsvPretty,
    Fmt::JsonIso,
    Fmt::JsonWcf,
    Fmt::Csv,
    Fmt::Query(query::Style::ClubReady),
    Fmt::Query(query::Style::Client),
    Fmt::Query(query::Style::Form),
];

impl Fmt {
    pub fn encode<T: Serialize>(self, v: &T) -> clubready_wire::Result<String> {
        match self {
            Fmt::Jsv => jsv::to_string(v),
            Fmt::JsvPretty => jsv::to_string_pretty(v),
            Fmt::JsonIso => json::to_string(v),
            Fmt::JsonWcf => json::Options::new()
                .dates(DateHandler::Timestamp)
                .to_string(v),
            Fmt::Csv => csv::to_string(v),
            Fmt::Query(style) => query::Options::new().style(style).to_string(v),
        }
    }

    pub fn decode<T: DeserializeOwned>(self, text: &str) -> clubready_wire::Result<T> {
        match self {
            Fmt::Jsv | Fmt::JsvPretty => jsv::from_str(text),
            Fmt::JsonIso | Fmt::JsonWcf => json::from_str(text),
            Fmt::Csv => csv::from_str(text),
            Fmt::Query(_) => query::from_str(text),
        }
    }

    /// Whether dates travel as JSV's XSD text in this format.
    fn jsv_dates(self) -> bool {
        matches!(self, Fmt::Jsv | Fmt::JsvPretty | Fmt::Csv | Fmt::Query(_))
    }
}

/// A date as JSV's text gives it back: same ticks; unspecified at midnight (written
/// `yyyy-MM-dd`) unless it is local at an offset other than the writer's zone's (UTC), which
/// keeps its time and offset; local at +00:00 for an unspecified time of day (written with the
/// writer's zone); else the same kind.
pub fn jsv_date(d: DateTime) -> DateTime {
    let foreign_local =
        matches!(d.kind(), DateTimeKind::Local { offset_minutes } if offset_minutes != 0);
    let kind = if d.ticks() % TICKS_PER_DAY == 0 && !foreign_local {
        DateTimeKind::Unspecified
    } else if d.kind() == DateTimeKind::Unspecified {
        DateTimeKind::Local { offset_minutes: 0 }
    } else {
        d.kind()
    };
    DateTime::from_ticks(d.ticks(), kind).expect("same ticks")
}

/// For a non-UTC date that the WCF form writes as UTC's `MinValue` (its instant before
/// `MinValue`, or within a millisecond after it), the local ticks that reads back as: the
/// offset past `MinValue` for a positive offset, `MinValue` itself otherwise.
pub fn wcf_floor(d: &DateTime) -> Option<i64> {
    let floor = match d.kind() {
        DateTimeKind::Utc => return None,
        DateTimeKind::Local { offset_minutes } => {
            i64::from(offset_minutes.max(0)) * 60 * 10_000_000
        }
        DateTimeKind::Unspecified => 0,
    };
    (d.ticks() < floor + TICKS_PER_MS).then_some(floor)
}

/// What the form style cannot carry in a nested string: it drops their JSV quoting.
const FORM_STRUCTURE: [char; 5] = ['"', '{', '}', '[', ']'];

/// Makes `v` what `fmt` can carry (see the module docs), before it is written.
fn carry<T: Walk>(v: &mut T, fmt: Fmt) {
    if let Fmt::Query(style) = fmt {
        // `Name=` binds as null: write the empty string as null from the start. The form
        // style writes an empty list as `Name=` too (it trims the brackets of `[]`).
        v.walk(true, &mut |leaf| match leaf {
            Leaf::Str { value, top: true } if value.as_deref() == Some("") => *value = None,
            Leaf::List {
                empty: true,
                top: true,
                to_null,
            } if style == query::Style::Form => *to_null = true,
            Leaf::Tuple { to_null } if style != query::Style::ClubReady => *to_null = true,
            _ => {}
        });
    }
    match fmt {
        Fmt::Query(query::Style::Form) => v.walk(true, &mut |leaf| match leaf {
            Leaf::Str { value, top: false } => {
                if let Some(s) = value {
                    if s.contains(FORM_STRUCTURE) {
                        *s = s.replace(FORM_STRUCTURE, "x");
                    }
                }
            }
            // A key is written without JSV's quoting at all: `:` and `,` end it too.
            Leaf::Key(k) => {
                if k.contains(FORM_STRUCTURE) || k.contains([':', ',']) {
                    *k = k.replace(FORM_STRUCTURE, "x").replace([':', ','], "x");
                }
            }
            Leaf::Date(d) => {
                *d = DateTime::from_ticks(d.ticks(), DateTimeKind::Utc).expect("same ticks")
            }
            Leaf::Str { .. } | Leaf::List { .. } | Leaf::Tuple { .. } => {}
        }),
        Fmt::JsonWcf => v.walk(true, &mut |leaf| {
            // Near `DateTime::MAX` at a negative offset the instant lies past year 9999 in
            // UTC, which the WCF form clamps to the range's end as .NET does (documented on
            // `DateTime::to_wcf`), so it would not come back. Keep such dates a day away.
            if let Leaf::Date(d) = leaf {
                if matches!(d.kind(), DateTimeKind::Local { offset_minutes } if offset_minutes < 0)
                    && d.ticks() > MAX_TICKS - TICKS_PER_DAY
                {
                    *d = DateTime::from_ticks(MAX_TICKS - TICKS_PER_DAY, d.kind()).expect("valid");
                }
                // A non-UTC date whose instant is before `MinValue` (or within a millisecond
                // of it) is written as UTC's `MinValue` (.NET's rule and clamp), which reads
                // back at the date's offset: start there.
                if let Some(floor) = wcf_floor(d) {
                    *d = DateTime::from_ticks(floor, d.kind()).expect("valid");
                }
            }
        }),
        _ => {}
    }
}

/// Applies the format's documented loss to `v` (to both sides of a comparison).
fn normalize<T: Walk>(v: &mut T, fmt: Fmt) {
    let empty_is_null = matches!(fmt, Fmt::Csv | Fmt::Query(_));
    v.walk(true, &mut |leaf| match leaf {
        Leaf::Str { value, top: true } if empty_is_null && value.as_deref() == Some("") => {
            *value = None;
        }
        Leaf::Date(d) if fmt.jsv_dates() => *d = jsv_date(*d),
        _ => {}
    });
}

fn dates<T: Walk>(v: &mut T) -> Vec<DateTime> {
    let mut out = Vec::new();
    v.walk(true, &mut |leaf| {
        if let Leaf::Date(d) = leaf {
            out.push(*d);
        }
    });
    out
}

/// WCF dates: when `b`'s dates are `a`'s to the millisecond with the same kind, gives `b`
/// exactly `a`'s dates (so the rest can be compared with `==`). The form drops what is below
/// the millisecond; with F3's drift (`TOLERATE_WCF_DRIFT`) the millisecond itself may come back
/// one less, so a date may read back up to two milliseconds less one tick earlier
/// (`9902-06-03T10:46:17.7060001` as `.7050000`, `fuzz/regressions/dto_jsv/wcf-drift-sub-ms`).
fn align_wcf_dates<T: Walk>(a: &mut T, b: &mut T) {
    let (da, db) = (dates(a), dates(b));
    let slack = if TOLERATE_WCF_DRIFT {
        2 * TICKS_PER_MS - 1
    } else {
        TICKS_PER_MS
    };
    let close = da.len() == db.len()
        && da
            .iter()
            .zip(&db)
            .all(|(x, y)| x.kind() == y.kind() && (x.ticks() - y.ticks()).abs() <= slack);
    if close {
        let mut it = da.into_iter();
        b.walk(true, &mut |leaf| {
            if let Leaf::Date(d) = leaf {
                *d = it.next().expect("same count");
            }
        });
    }
}

/// Finding F3 (reported to the lead, `fuzz/regressions/dto_jsv/wcf-drift`): the WCF writer
/// computes milliseconds in double precision and truncates, so for some dates a whole
/// millisecond comes out one less (`6125-09-23T22:43:45Z` is `\/Date(131142149024999)\/`), and
/// every write/read cycle loses one more. Until that is decided, two WCF texts that differ only
/// by 1 in a date's milliseconds count as the same print.
pub const TOLERATE_WCF_DRIFT: bool = true;

/// Whether `a` and `b` are the same text but for `Date(ms` numbers that differ by at most 1.
pub fn wcf_drift_only(a: &str, b: &str) -> bool {
    fn split(s: &str) -> (Vec<&str>, Vec<i64>) {
        let mut texts = Vec::new();
        let mut numbers = Vec::new();
        let mut rest = s;
        while let Some(i) = rest.find("Date(") {
            let after = &rest[i + 5..];
            let len = after
                .char_indices()
                .find(|&(j, c)| !(c.is_ascii_digit() || (j == 0 && c == '-')))
                .map_or(after.len(), |(j, _)| j);
            texts.push(&rest[..i + 5]);
            numbers.push(after[..len].parse().unwrap_or(i64::MIN));
            rest = &after[len..];
        }
        texts.push(rest);
        (texts, numbers)
    }
    let ((ta, na), (tb, nb)) = (split(a), split(b));
    ta == tb && na.len() == nb.len() && na.iter().zip(&nb).all(|(x, y)| x.abs_diff(*y) <= 1)
}

/// The fixed point of `v` in `fmt`: it prints, the text reads back to `v` (modulo the
/// format's loss), and the value read back prints the same text.
pub fn fixed_point<T: Dto>(v: &T, fmt: Fmt) {
    let mut v1 = v.clone();
    carry(&mut v1, fmt);
    let e1 = fmt.encode(&v1).unwrap_or_else(|e| {
        panic!("{fmt:?}: a value read from text does not print: {e}\nvalue: {v1:?}")
    });
    let v2: T = fmt.decode(&e1).unwrap_or_else(|e| {
        panic!("{fmt:?}: the text {e1:?} does not read back: {e}\nvalue: {v1:?}")
    });
    let e2 = fmt.encode(&v2).unwrap_or_else(|e| {
        panic!("{fmt:?}: a value read back does not print: {e}\nvalue: {v2:?}")
    });
    if !(fmt == Fmt::JsonWcf && TOLERATE_WCF_DRIFT && wcf_drift_only(&e1, &e2)) {
        assert_eq!(
            e1, e2,
            "{fmt:?}: printing is not idempotent\nvalue: {v1:?}\nread back: {v2:?}"
        );
    }
    let (mut a, mut b) = (v1, v2);
    normalize(&mut a, fmt);
    normalize(&mut b, fmt);
    if fmt == Fmt::JsonWcf {
        align_wcf_dates(&mut a, &mut b);
    }
    assert!(
        a == b,
        "{fmt:?}: {e1:?} reads back as another value\nwritten: {a:?}\nread back: {b:?}"
    );
}

/// [`fixed_point`] in every format.
pub fn fixed_points<T: Dto>(v: &T) {
    for fmt in FORMATS {
        fixed_point(v, fmt);
    }
}
