//! .NET's `System.DateTime` on the wire: 100-nanosecond ticks since 0001-01-01T00:00:00 and a
//! kind (UTC, local at an offset, unspecified).
//!
//! Read from every form ServiceStack reads (`yyyy-MM-dd`, `yyyyMMdd`, ISO 8601 with up to 7
//! fraction digits, more rounded, `Z` or an offset, `yyyy-MM-dd HH:mm:ss`, and the WCF form
//! `\/Date(ms±hhmm)\/`); written as ServiceStack writes it: JSV's shortest XSD form
//! (`0001-01-01`), JSON's ISO 8601 `"o"` form (`0001-01-01T00:00:00.0000000`, as ClubReady's pages
//! show) or the WCF form (`\/Date(-62135596800000-0000)\/`, ServiceStack's default).
//!
//! The text parsers are small `nom` combinators (grammar in `docs/jsv-grammar.md`, "Dates").

use std::fmt;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::character::complete::digit1;
use nom::combinator::{all_consuming, opt, recognize};
use nom::error::{Error as NomError, ErrorKind};
use nom::sequence::preceded;
use nom::{IResult, Parser};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Zone;

/// 100-ns ticks in a second, a day.
const TICKS_PER_SECOND: i64 = 10_000_000;
const TICKS_PER_MINUTE: i64 = 60 * TICKS_PER_SECOND;
const TICKS_PER_DAY: i64 = 86_400 * TICKS_PER_SECOND;
/// Ticks of 9999-12-31T23:59:59.9999999 (`DateTime.MaxValue`).
pub const MAX_TICKS: i64 = 3_155_378_975_999_999_999;
/// Ticks of 1970-01-01T00:00:00.
const UNIX_EPOCH_TICKS: i64 = 621_355_968_000_000_000;

/// What a `DateTime`'s ticks mean.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum DateTimeKind {
    /// No zone: ClubReady's dates of birth and start dates.
    Unspecified,
    /// Coordinated universal time.
    Utc,
    /// Local time at this offset from UTC, in minutes (east positive).
    Local {
        /// Minutes east of UTC.
        offset_minutes: i16,
    },
}

/// A .NET `DateTime`: wall-clock ticks plus their kind.
///
/// ```
/// use clubready_wire::dotnet::{DateTime, Zone};
/// let min = DateTime::MIN;
/// assert_eq!(min.to_iso8601(), "0001-01-01T00:00:00.0000000");
/// let t: DateTime = "2020-01-02T03:04:05.5Z".parse().unwrap();
/// assert_eq!(t.to_xsd(&Zone::UTC), "2020-01-02T03:04:05.5Z");
/// assert_eq!(t.to_wcf(&Zone::UTC), r"\/Date(1577934245500)\/");
/// ```
#[derive(Copy, Clone, PartialEq, Eq, Hash)]
pub struct DateTime {
    ticks: i64,
    kind: DateTimeKind,
}

/// Why a text is not a `DateTime`.
///
/// Its message shows an excerpt of the text: at most 40 characters, cut before a word naming a
/// credential.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseDateTimeError {
    text: String,
}

impl fmt::Display for ParseDateTimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "expected a date (yyyy-MM-dd, yyyyMMdd, ISO 8601 or \\/Date(ms)\\/), found `{}`",
            self.text.escape_debug()
        )
    }
}

impl std::error::Error for ParseDateTimeError {}

impl DateTime {
    /// `DateTime.MinValue`: 0001-01-01T00:00:00, unspecified.
    pub const MIN: DateTime = DateTime {
        ticks: 0,
        kind: DateTimeKind::Unspecified,
    };
    /// `DateTime.MaxValue`: 9999-12-31T23:59:59.9999999, unspecified.
    pub const MAX: DateTime = DateTime {
        ticks: MAX_TICKS,
        kind: DateTimeKind::Unspecified,
    };

    /// A `DateTime` from ticks and kind; `None` outside 0001-01-01 ..= 9999-12-31T23:59:59.9999999
    /// or for an offset beyond ±14:00.
    pub fn from_ticks(ticks: i64, kind: DateTimeKind) -> Option<DateTime> {
        let offset_ok = match kind {
            DateTimeKind::Local { offset_minutes } => offset_minutes.unsigned_abs() <= 14 * 60,
            _ => true,
        };
        ((0..=MAX_TICKS).contains(&ticks) && offset_ok).then_some(DateTime { ticks, kind })
    }

    /// Wall-clock ticks (100 ns since 0001-01-01T00:00:00 in this value's own kind).
    pub fn ticks(&self) -> i64 {
        self.ticks
    }

    /// The kind.
    pub fn kind(&self) -> DateTimeKind {
        self.kind
    }

    /// Ticks of the UTC instant, taking an unspecified time as local time in `zone` (the
    /// writer's local zone).
    pub fn utc_ticks(&self, zone: &Zone) -> i64 {
        self.ticks - i64::from(self.offset_minutes(zone)) * TICKS_PER_MINUTE
    }

    /// Minutes east of UTC of this time: 0 for UTC, its own offset for local time, the zone's
    /// offset at this wall-clock time for an unspecified one.
    fn offset_minutes(&self, zone: &Zone) -> i16 {
        match self.kind {
            DateTimeKind::Utc => 0,
            DateTimeKind::Local { offset_minutes } => offset_minutes,
            DateTimeKind::Unspecified => zone.offset_at_local(self.ticks),
        }
    }

    /// The compact form a [`DateTime`] takes in serializers that are not human-readable: the
    /// ticks (8 bytes, little-endian), then the kind (2 bytes: `i16::MIN` unspecified, `i16::MAX`
    /// UTC, else the local offset in minutes).
    pub(crate) fn to_compact_bytes(self) -> [u8; 10] {
        let kind = match self.kind {
            DateTimeKind::Unspecified => i16::MIN,
            DateTimeKind::Utc => i16::MAX,
            DateTimeKind::Local { offset_minutes } => offset_minutes,
        };
        let mut out = [0; 10];
        out[..8].copy_from_slice(&self.ticks.to_le_bytes());
        out[8..].copy_from_slice(&kind.to_le_bytes());
        out
    }

    /// Reads [`to_compact_bytes`](Self::to_compact_bytes); `None` for anything else.
    pub(crate) fn from_compact_bytes(bytes: &[u8]) -> Option<DateTime> {
        let ticks = i64::from_le_bytes(bytes.get(..8)?.try_into().ok()?);
        let kind = i16::from_le_bytes(bytes.get(8..10)?.try_into().ok()?);
        if bytes.len() != 10 {
            return None;
        }
        let kind = match kind {
            i16::MIN => DateTimeKind::Unspecified,
            i16::MAX => DateTimeKind::Utc,
            offset_minutes => DateTimeKind::Local { offset_minutes },
        };
        DateTime::from_ticks(ticks, kind)
    }

    /// The wall-clock date and time (100-ns precision kept as nanoseconds).
    pub fn to_naive(&self) -> NaiveDateTime {
        let days = self.ticks.div_euclid(TICKS_PER_DAY);
        let rest = self.ticks.rem_euclid(TICKS_PER_DAY);
        let date = NaiveDate::from_ymd_opt(1, 1, 1)
            .and_then(|d| d.checked_add_days(chrono::Days::new(days as u64)))
            .unwrap_or(NaiveDate::MIN);
        let secs = (rest / TICKS_PER_SECOND) as u32;
        let nanos = (rest % TICKS_PER_SECOND) as u32 * 100;
        date.and_hms_nano_opt(secs / 3600, secs / 60 % 60, secs % 60, nanos)
            .unwrap_or_default()
    }

    /// A `DateTime` of the given kind from a wall-clock date and time (sub-100-ns truncated).
    pub fn from_naive(naive: NaiveDateTime, kind: DateTimeKind) -> Option<DateTime> {
        let date = naive.date();
        if date.year() < 1 || date.year() > 9999 {
            return None;
        }
        let epoch = NaiveDate::from_ymd_opt(1, 1, 1)?;
        let days = date.signed_duration_since(epoch).num_days();
        let time = naive.time();
        let ticks = days * TICKS_PER_DAY
            + i64::from(time.num_seconds_from_midnight()) * TICKS_PER_SECOND
            + i64::from(time.nanosecond() / 100);
        DateTime::from_ticks(ticks, kind)
    }

    fn date_part(&self) -> (i32, u32, u32) {
        let d = self.to_naive().date();
        (d.year(), d.month(), d.day())
    }

    fn time_parts(&self) -> (i64, i64, i64, i64) {
        let rest = self.ticks.rem_euclid(TICKS_PER_DAY);
        let secs = rest / TICKS_PER_SECOND;
        (
            secs / 3600,
            secs / 60 % 60,
            secs % 60,
            rest % TICKS_PER_SECOND,
        )
    }

    fn push_date<W: ?Sized + fmt::Write>(&self, out: &mut W) {
        let (y, m, d) = self.date_part();
        push_padded(out, y as i64, 4);
        push_char(out, '-');
        push_padded(out, m as i64, 2);
        push_char(out, '-');
        push_padded(out, d as i64, 2);
    }

    fn push_hms<W: ?Sized + fmt::Write>(&self, out: &mut W) {
        let (h, mi, s, _) = self.time_parts();
        push_char(out, 'T');
        push_padded(out, h, 2);
        push_char(out, ':');
        push_padded(out, mi, 2);
        push_char(out, ':');
        push_padded(out, s, 2);
    }

    /// Writes the ISO 8601 `"o"` form (see [`to_iso8601`](Self::to_iso8601)) to `out`.
    pub fn write_iso8601<W: ?Sized + fmt::Write>(&self, out: &mut W) {
        self.push_date(out);
        self.push_hms(out);
        push_char(out, '.');
        push_padded(out, self.time_parts().3, 7);
        match self.kind {
            DateTimeKind::Utc => push_char(out, 'Z'),
            DateTimeKind::Local { offset_minutes } => push_offset(out, offset_minutes, true),
            DateTimeKind::Unspecified => {}
        }
    }

    /// ISO 8601 as .NET's `ToString("o")` writes it (ServiceStack's `DateHandler.ISO8601`, the form
    /// on ClubReady's pages): 7 fraction digits, then `Z`, `±hh:mm` or nothing (unspecified).
    pub fn to_iso8601(&self) -> String {
        let mut out = String::with_capacity(33);
        self.write_iso8601(&mut out);
        out
    }

    /// Writes JSV's shortest XSD form (see [`to_xsd`](Self::to_xsd)) to `out`.
    pub fn write_xsd<W: ?Sized + fmt::Write>(&self, out: &mut W, zone: &Zone) -> fmt::Result {
        self.push_date(out);
        let (h, mi, s, frac) = self.time_parts();
        // ServiceStack writes a midnight as the bare date, which a reader takes at its own
        // midnight. For a local time whose offset is not the writer's, that would move the
        // instant: it keeps its time and offset instead.
        let foreign_offset = match self.kind {
            DateTimeKind::Local { offset_minutes } => {
                offset_minutes != zone.offset_at_local(self.ticks)
            }
            _ => false,
        };
        if h == 0 && mi == 0 && s == 0 && frac == 0 && !foreign_offset {
            return Ok(());
        }
        self.push_hms(out);
        if self.kind == DateTimeKind::Utc {
            if frac != 0 {
                // The fraction with its trailing zeros trimmed.
                let mut digits = frac;
                let mut width = 7;
                while digits % 10 == 0 {
                    digits /= 10;
                    width -= 1;
                }
                push_char(out, '.');
                push_padded(out, digits, width);
            }
            push_char(out, 'Z');
        } else {
            push_fraction7(out, frac);
            push_offset(out, self.offset_minutes(zone), true);
        }
        Ok(())
    }

    /// JSV's shortest XSD form (ServiceStack's `ToShortestXsdDateTimeString`): `yyyy-MM-dd` at
    /// midnight; UTC with trailing fraction zeros trimmed and `Z`; local and unspecified with 7
    /// fraction digits (if any) and the offset (`zone`'s for unspecified). A local midnight at an
    /// offset other than `zone`'s keeps its time and offset (`2020-01-02T00:00:00+02:00`), so that
    /// the instant survives (ServiceStack, whose local times are always the server's, writes the
    /// bare date).
    pub fn to_xsd(&self, zone: &Zone) -> String {
        let mut out = String::with_capacity(33);
        let _ = self.write_xsd(&mut out, zone);
        out
    }

    /// Writes the WCF form (see [`to_wcf`](Self::to_wcf)) to `out`.
    pub fn write_wcf<W: ?Sized + fmt::Write>(&self, out: &mut W, zone: &Zone) -> fmt::Result {
        // .NET's conversion to UTC: MinValue stays MinValue (ServiceStack's special case), and an
        // instant beyond the range is the range's end.
        let utc = match self.kind {
            DateTimeKind::Utc => self.ticks,
            _ if self.ticks == 0 => 0,
            _ => self.utc_ticks(zone).clamp(0, MAX_TICKS),
        };
        let ticks = utc - UNIX_EPOCH_TICKS;
        let ms = (ticks as f64 / 10_000.0) as i64;
        out.write_str("\\/Date(")?;
        out.write_str(itoa::Buffer::new().format(ms))?;
        match self.kind {
            DateTimeKind::Utc => {}
            DateTimeKind::Local { offset_minutes } => push_offset(out, offset_minutes, false),
            DateTimeKind::Unspecified => out.write_str("-0000")?,
        }
        out.write_str(")\\/")
    }

    /// The WCF form ServiceStack's JSON writes by default (`DateHandler.TimestampOffset`):
    /// `\/Date(ms)\/` for UTC, `\/Date(ms±hhmm)\/` for local, `\/Date(ms-0000)\/` for unspecified,
    /// where ms is the UTC instant in milliseconds since 1970 (an unspecified time taken in
    /// `zone`), computed in double precision and truncated as .NET does (so `.9999999` s rounds
    /// up). As in .NET, a non-UTC `MinValue` counts as UTC's, and an instant outside
    /// 0001-01-01..=9999-12-31 is the range's end. The backslashes are part of the text.
    pub fn to_wcf(&self, zone: &Zone) -> String {
        let mut out = String::with_capacity(32);
        let _ = self.write_wcf(&mut out, zone);
        out
    }

    /// Reads any form ServiceStack reads. An unspecified WCF time (`-0000`) is taken at
    /// `local_offset_minutes`; `Z` gives UTC, an offset gives local time at that offset, no zone
    /// gives an unspecified time.
    pub fn parse_with_offset(
        text: &str,
        local_offset_minutes: i16,
    ) -> Result<DateTime, ParseDateTimeError> {
        let err = || ParseDateTimeError {
            text: crate::error::excerpt(text),
        };
        let trimmed = text.trim_matches(|c: char| c.is_ascii_whitespace());
        // The WCF form alone starts with `\\` or `/`, the others with a digit: one byte picks.
        let parsed = if trimmed.starts_with(['\\', '/']) {
            all_consuming(wcf).parse(trimmed)
        } else {
            all_consuming(alt((iso, compact_date))).parse(trimmed)
        }
        .map_err(|_| err())?
        .1;
        parsed.resolve(local_offset_minutes).ok_or_else(err)
    }
}

impl std::str::FromStr for DateTime {
    type Err = ParseDateTimeError;
    /// Reads any form, unspecified WCF times at UTC (see [`DateTime::parse_with_offset`]).
    fn from_str(s: &str) -> Result<DateTime, ParseDateTimeError> {
        DateTime::parse_with_offset(s, 0)
    }
}

impl fmt::Debug for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DateTime({})", self.to_iso8601())
    }
}

impl fmt::Display for DateTime {
    /// The ISO 8601 `"o"` form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_iso8601(f);
        Ok(())
    }
}

// Writing to a `String` cannot fail, and the `Display` of a date has no other error to report.
fn push_char<W: ?Sized + fmt::Write>(out: &mut W, c: char) {
    let _ = out.write_char(c);
}

fn push_padded<W: ?Sized + fmt::Write>(out: &mut W, v: i64, width: usize) {
    let mut buf = itoa::Buffer::new();
    let s = buf.format(v);
    for _ in s.len()..width {
        push_char(out, '0');
    }
    let _ = out.write_str(s);
}

fn push_fraction7<W: ?Sized + fmt::Write>(out: &mut W, frac: i64) {
    if frac != 0 {
        push_char(out, '.');
        push_padded(out, frac, 7);
    }
}

fn push_offset<W: ?Sized + fmt::Write>(out: &mut W, minutes: i16, colon: bool) {
    push_char(out, if minutes < 0 { '-' } else { '+' });
    let abs = i64::from(minutes.unsigned_abs());
    push_padded(out, abs / 60, 2);
    if colon {
        push_char(out, ':');
    }
    push_padded(out, abs % 60, 2);
}

/// A parsed text before its zone is applied.
enum Parsed {
    /// Wall-clock ticks and the zone written after them.
    Wall(i64, TextZone),
    /// WCF: milliseconds since 1970 (UTC instant) and an optional offset; `-0000` (how
    /// ServiceStack marks an unspecified time) is `Unspecified`, distinct from `+0000`.
    Wcf(i64, WcfZone),
}

enum WcfZone {
    Utc,
    Unspecified,
    Offset(i16),
}

enum TextZone {
    None,
    Utc,
    Offset(i16),
}

impl Parsed {
    fn resolve(self, local_offset_minutes: i16) -> Option<DateTime> {
        match self {
            Parsed::Wall(ticks, TextZone::None) => {
                DateTime::from_ticks(ticks, DateTimeKind::Unspecified)
            }
            Parsed::Wall(ticks, TextZone::Utc) => DateTime::from_ticks(ticks, DateTimeKind::Utc),
            Parsed::Wall(ticks, TextZone::Offset(offset_minutes)) => {
                DateTime::from_ticks(ticks, DateTimeKind::Local { offset_minutes })
            }
            Parsed::Wcf(ms, zone) => {
                let utc = ms.checked_mul(10_000)?.checked_add(UNIX_EPOCH_TICKS)?;
                let (offset_minutes, kind) = match zone {
                    WcfZone::Utc => (0, DateTimeKind::Utc),
                    WcfZone::Unspecified => (local_offset_minutes, DateTimeKind::Unspecified),
                    WcfZone::Offset(offset_minutes) => {
                        (offset_minutes, DateTimeKind::Local { offset_minutes })
                    }
                };
                let mut wall = utc.checked_add(i64::from(offset_minutes) * TICKS_PER_MINUTE)?;
                if (0..=MAX_TICKS + 10_000).contains(&utc) {
                    // An instant in the range: its local time is clamped to the range, as .NET
                    // converts (`MinValue` written at a negative offset, `MaxValue` at a
                    // positive one; the writer's double-precision milliseconds also round the
                    // last millisecond of year 9999 up, past `MaxValue`).
                    wall = wall.clamp(0, MAX_TICKS);
                } else if wall > MAX_TICKS && wall - MAX_TICKS <= 10_000 {
                    wall = MAX_TICKS;
                }
                // Otherwise the wall clock must be in the range (an instant past year 9999 at a
                // negative offset, as writers that do not clamp write `MaxValue`).
                DateTime::from_ticks(wall, kind)
            }
        }
    }
}

fn digits(n: usize) -> impl Fn(&str) -> IResult<&str, u32> {
    digits_between(n, n)
}

/// `min..=max` ASCII digits (at most 4: no overflow) as a number. A leaf parser of its own
/// rather than `take_while_m_n` and `str::parse`, which decode each `char` and parse the digits
/// a second time: together they were most of a date's ~1,100 instructions (callgrind, the
/// bench's two dates).
fn digits_between(min: usize, max: usize) -> impl Fn(&str) -> IResult<&str, u32> {
    move |input| {
        let b = input.as_bytes();
        let mut n = 0;
        let mut value = 0u32;
        while n < max && n < b.len() && b[n].is_ascii_digit() {
            value = value * 10 + u32::from(b[n] - b'0');
            n += 1;
        }
        if n < min {
            return Err(rejected(input, ErrorKind::TakeWhileMN));
        }
        Ok((&input[n..], value))
    }
}

/// One ASCII byte of `set` (every token of the date grammar is ASCII), without decoding a
/// `char` as `nom`'s `char`/`one_of` do.
fn byte_of(set: &'static [u8]) -> impl Fn(&str) -> IResult<&str, u8> {
    move |input| match input.as_bytes().first() {
        Some(&c) if set.contains(&c) => Ok((&input[1..], c)),
        _ => Err(rejected(input, ErrorKind::OneOf)),
    }
}

/// Days since 0001-01-01 of a valid calendar date (proleptic Gregorian, as .NET counts), as
/// ticks. Arithmetic rather than `chrono` (~140 instructions a date there); a test checks it
/// against `chrono` for every month of every year.
fn date_ticks(y: u32, m: u32, d: u32) -> Option<i64> {
    /// Days before each month in a common year.
    const BEFORE: [u32; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    if !(1..=9999).contains(&y) || !(1..=12).contains(&m) || d == 0 {
        return None;
    }
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let month_days = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if d > month_days {
        return None;
    }
    let past = y - 1;
    let days = past * 365 + past / 4 - past / 100
        + past / 400
        + BEFORE[m as usize - 1]
        + u32::from(leap && m > 2)
        + (d - 1);
    Some(i64::from(days) * TICKS_PER_DAY)
}

/// `yyyy-MM-dd` (month and day of one digit too: `2011-8-4`, as ServiceStack reads them) then
/// optionally `T` or space and `HH:mm[:ss[.fffffff…]]`, then `Z` / `±hh:mm` / `±hhmm`. More than
/// 7 fraction digits are rounded to 7.
fn iso(input: &str) -> IResult<&str, Parsed> {
    let (rest, (y, _, m, _, d)) = (
        digits(4),
        byte_of(b"-"),
        digits_between(1, 2),
        byte_of(b"-"),
        digits_between(1, 2),
    )
        .parse(input)?;
    let day = date_ticks(y, m, d).ok_or_else(|| rejected(input, ErrorKind::Verify))?;
    let (rest, time) = opt(preceded(byte_of(b"T "), time_of_day)).parse(rest)?;
    let time = match time {
        Some(Some(t)) => t,
        Some(None) => return Err(rejected(input, ErrorKind::Verify)),
        None => 0,
    };
    let (rest, zone) = zone(rest)?;
    Ok((rest, Parsed::Wall(day + time, zone)))
}

/// `HH:mm[:ss[.f+]]` as ticks; `None` when out of range.
fn time_of_day(input: &str) -> IResult<&str, Option<i64>> {
    let (rest, (h, _, mi)) = (digits(2), byte_of(b":"), digits(2)).parse(input)?;
    let (rest, s) = opt(preceded(byte_of(b":"), digits(2))).parse(rest)?;
    let (rest, frac) = opt(preceded(byte_of(b"."), digit1)).parse(rest)?;
    let s = s.unwrap_or(0);
    if h > 23 || mi > 59 || s > 59 {
        return Ok((rest, None));
    }
    let mut ticks = (i64::from(h) * 3600 + i64::from(mi) * 60 + i64::from(s)) * TICKS_PER_SECOND;
    if let Some(frac) = frac {
        // Seven digits are 100-ns ticks; round the eighth.
        let mut value = 0i64;
        for (i, c) in frac.bytes().take(7).enumerate() {
            value += i64::from(c - b'0') * 10i64.pow(6 - i as u32);
        }
        if frac.as_bytes().get(7).is_some_and(|&c| c >= b'5') {
            value += 1;
        }
        ticks += value;
    }
    Ok((rest, Some(ticks)))
}

fn zone(input: &str) -> IResult<&str, TextZone> {
    let (rest, sign) = opt(byte_of(b"Z+-")).parse(input)?;
    let sign = match sign {
        None => return Ok((input, TextZone::None)),
        Some(b'Z') => return Ok((rest, TextZone::Utc)),
        Some(sign) => sign,
    };
    let (rest, (h, _, m)) = (digits(2), opt(byte_of(b":")), digits(2)).parse(rest)?;
    Ok((rest, TextZone::Offset(offset_minutes(input, sign, h, m)?)))
}

/// The offset `±hh:mm` in minutes; minutes past 59 are an error (`+00:99` is no offset).
fn offset_minutes(input: &str, sign: u8, h: u32, m: u32) -> Result<i16, nom::Err<NomError<&str>>> {
    if m > 59 {
        return Err(rejected(input, ErrorKind::Verify));
    }
    let minutes = (h * 60 + m) as i16;
    Ok(if sign == b'-' { -minutes } else { minutes })
}

/// A parse error of `input`.
fn rejected(input: &str, kind: ErrorKind) -> nom::Err<NomError<&str>> {
    nom::Err::Error(NomError::new(input, kind))
}

/// `yyyyMMdd`.
fn compact_date(input: &str) -> IResult<&str, Parsed> {
    let (rest, (y, m, d)) = (digits(4), digits(2), digits(2)).parse(input)?;
    let day = date_ticks(y, m, d).ok_or_else(|| rejected(input, ErrorKind::Verify))?;
    Ok((rest, Parsed::Wall(day, TextZone::None)))
}

/// `\/Date(ms)\/`, `\/Date(ms±hhmm)\/`, with or without the backslashes.
fn wcf(input: &str) -> IResult<&str, Parsed> {
    let (rest, _) = (opt(byte_of(b"\\")), tag("/Date(")).parse(input)?;
    let (rest, ms) = recognize((opt(byte_of(b"-")), digit1)).parse(rest)?;
    let (rest, offset) = opt((byte_of(b"+-"), digits(2), digits(2))).parse(rest)?;
    let (rest, _) = (byte_of(b")"), opt(byte_of(b"\\")), byte_of(b"/")).parse(rest)?;
    let ms: i64 = ms.parse().map_err(|_| rejected(input, ErrorKind::Digit))?;
    let zone = match offset {
        None => WcfZone::Utc,
        Some((b'-', 0, 0)) => WcfZone::Unspecified,
        Some((sign, h, m)) => WcfZone::Offset(offset_minutes(input, sign, h, m)?),
    };
    Ok((rest, Parsed::Wcf(ms, zone)))
}

/// The newtype-struct name under which a [`DateTime`] reaches a serializer. The crate's
/// writers take the date itself from it (its compact form, see
/// [`to_compact_bytes`](DateTime::to_compact_bytes)) and write it in their dialect's form; any
/// other human-readable serializer (serde_json) sees the ISO 8601 `"o"` string.
pub(crate) const DATETIME_TOKEN: &str = "$clubready_wire::DateTime";

/// What a `DateTime` hands a serializer: ISO 8601 text to a human-readable one, the compact
/// bytes to any other (binary formats, and the crate's writers' date capture).
struct Wire<'a>(&'a DateTime);

impl Serialize for Wire<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            serializer.collect_str(self.0)
        } else {
            serializer.serialize_bytes(&self.0.to_compact_bytes())
        }
    }
}

impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_newtype_struct(DATETIME_TOKEN, &Wire(self))
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<DateTime, D::Error> {
        struct DateTimeVisitor;
        impl Visitor<'_> for DateTimeVisitor {
            type Value = DateTime;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date (yyyy-MM-dd, yyyyMMdd, ISO 8601 or \\/Date(ms)\\/)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DateTime, E> {
                v.parse().map_err(E::custom)
            }
            fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<DateTime, E> {
                DateTime::from_compact_bytes(v)
                    .ok_or_else(|| E::invalid_value(de::Unexpected::Bytes(v), &self))
            }
        }
        if deserializer.is_human_readable() {
            deserializer.deserialize_str(DateTimeVisitor)
        } else {
            deserializer.deserialize_bytes(DateTimeVisitor)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(s: &str) -> DateTime {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn date_ticks_counts_days_as_chrono_does() {
        let epoch = NaiveDate::from_ymd_opt(1, 1, 1).unwrap();
        let chrono_ticks = |y: u32, m: u32, d: u32| {
            NaiveDate::from_ymd_opt(y as i32, m, d)
                .filter(|_| y >= 1)
                .map(|date| date.signed_duration_since(epoch).num_days() * TICKS_PER_DAY)
        };
        // Every year with its edge days (and the days past them); every day of some years.
        for y in 0..=9999 {
            for m in 0..=13 {
                for d in [0, 1, 15, 28, 29, 30, 31, 32, 99] {
                    assert_eq!(date_ticks(y, m, d), chrono_ticks(y, m, d), "{y}-{m}-{d}");
                }
            }
        }
        for y in [1, 2, 4, 100, 400, 1600, 1900, 2000, 2024, 2100, 9999] {
            for m in 1..=12 {
                for d in 1..=31 {
                    assert_eq!(date_ticks(y, m, d), chrono_ticks(y, m, d), "{y}-{m}-{d}");
                }
            }
        }
        assert_eq!(
            date_ticks(9999, 12, 31),
            Some(MAX_TICKS + 1 - TICKS_PER_DAY)
        );
    }

    #[test]
    fn extreme_wcf_times_are_errors_or_read_back_never_overflow() {
        // Regression: resolving the offset overflowed (a panic with overflow checks).
        for bad in [
            "/Date(860201606885477+0100)/",
            "/Date(922337203685477+1400)/",
            "/Date(-922337203685477-1400)/",
            "/Date(-9223372036854775808)/",
            "/Date(9223372036854775807)/",
            "/Date(99999999999999999999)/",
        ] {
            assert!(bad.parse::<DateTime>().is_err(), "{bad}");
        }
        // What the writer writes at either end of the range, at any offset, reads back (whole
        // milliseconds), as .NET converts: an instant outside the range is the range's end
        // (`MaxValue` at a negative offset lies past year 9999 in UTC), `MinValue` is UTC's.
        for offset_minutes in [-14 * 60, -300, -1, 0, 1, 60, 14 * 60] {
            for ticks in [0, 1, MAX_TICKS - 1, MAX_TICKS] {
                let kind = DateTimeKind::Local { offset_minutes };
                let d = DateTime::from_ticks(ticks, kind).unwrap();
                let offset = i64::from(offset_minutes) * TICKS_PER_MINUTE;
                let utc = if ticks == 0 {
                    0
                } else {
                    (ticks - offset).clamp(0, MAX_TICKS)
                };
                let expected = (utc + offset).clamp(0, MAX_TICKS);
                for zone in [Zone::UTC, Zone::fixed(offset_minutes).unwrap()] {
                    let text = d.to_wcf(&zone);
                    let back: DateTime = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
                    assert_eq!(back.kind(), kind, "{text}");
                    assert!((back.ticks() - expected).abs() < 10_000, "{text}: {back:?}");
                    let text = d.to_iso8601();
                    assert_eq!(text.parse::<DateTime>().unwrap(), d, "{text}");
                }
            }
        }
    }

    #[test]
    fn reads_every_form() {
        let utc = DateTime::from_ticks(637_135_310_450_000_000, DateTimeKind::Utc).unwrap();
        assert_eq!(dt("2020-01-02T03:04:05Z"), utc);
        assert_eq!(dt("/Date(1577934245000)/"), utc);
        assert_eq!(dt("\\/Date(1577934245000)\\/"), utc);
        assert_eq!(dt(" 2020-01-02T03:04:05Z "), utc);
        let unspecified =
            DateTime::from_ticks(637_135_310_450_000_000, DateTimeKind::Unspecified).unwrap();
        assert_eq!(dt("2020-01-02T03:04:05"), unspecified);
        assert_eq!(dt("2020-01-02 03:04:05"), unspecified);
        assert_eq!(dt("\\/Date(1577934245000-0000)\\/"), unspecified);
        let local_utc = dt("\\/Date(1577934245000+0000)\\/");
        assert_eq!(local_utc.kind(), DateTimeKind::Local { offset_minutes: 0 });
        let midnight =
            DateTime::from_ticks(637_135_200_000_000_000, DateTimeKind::Unspecified).unwrap();
        assert_eq!(dt("2020-01-02"), midnight);
        assert_eq!(dt("20200102"), midnight);
        let plus2 = dt("2020-01-02T03:04:05+02:00");
        assert_eq!(
            plus2.kind(),
            DateTimeKind::Local {
                offset_minutes: 120
            }
        );
        assert_eq!(
            plus2.utc_ticks(&Zone::UTC),
            utc.ticks() - 2 * 60 * TICKS_PER_MINUTE
        );
        let wcf_offset = dt("/Date(1577934245000-0500)/");
        assert_eq!(wcf_offset.to_iso8601(), "2020-01-01T22:04:05.0000000-05:00");
        assert_eq!(
            dt("2020-01-02T03:04:05.12345678Z").to_iso8601(),
            "2020-01-02T03:04:05.1234568Z"
        );
        assert_eq!(dt("0001-01-01"), DateTime::MIN);
        // One-digit months and days, as ServiceStack reads them.
        assert_eq!(dt("2011-8-4"), dt("2011-08-04"));
        assert_eq!(dt("2011-8-05"), dt("2011-08-05"));
        assert_eq!(dt("2011-09-4"), dt("2011-09-04"));
        assert_eq!(dt("2011-9-4T03:04:05Z"), dt("2011-09-04T03:04:05Z"));
        for bad in [
            "notadate",
            "",
            "2020-13-01",
            "2020-02-30",
            "02/01/2020 03:04:05",
            "2020-01-02T25:00:00",
            "9999-12-31T23:59:59.99999999Z",
            "0000-01-01",
            "2011-8-",
            "2011-123-4",
            "2011-8-4-",
            "2011--4",
            // An offset's minutes past 59 (they were read as +01:39).
            "2020-01-01T00:00:00+00:99",
            "2020-01-01T00:00:00+0060",
            "\\/Date(0+0099)\\/",
        ] {
            assert!(bad.parse::<DateTime>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn writes_servicestack_forms() {
        assert_eq!(DateTime::MIN.to_xsd(&Zone::UTC), "0001-01-01");
        assert_eq!(
            DateTime::MAX.to_xsd(&Zone::UTC),
            "9999-12-31T23:59:59.9999999+00:00"
        );
        assert_eq!(
            DateTime::MIN.to_wcf(&Zone::UTC),
            "\\/Date(-62135596800000-0000)\\/"
        );
        assert_eq!(
            DateTime::MAX.to_wcf(&Zone::UTC),
            "\\/Date(253402300800000-0000)\\/"
        );
        assert_eq!(
            dt("2020-01-02T03:04:05.1Z").to_xsd(&Zone::UTC),
            "2020-01-02T03:04:05.1Z"
        );
        assert_eq!(
            dt("2020-01-02T03:04:05.5").to_xsd(&Zone::UTC),
            "2020-01-02T03:04:05.5000000+00:00"
        );
        assert_eq!(
            dt("2020-01-02T03:04:05.9999999Z").to_wcf(&Zone::UTC),
            "\\/Date(1577934246000)\\/"
        );
        assert_eq!(
            dt("1969-12-31T23:59:59.999Z").to_wcf(&Zone::UTC),
            "\\/Date(-1)\\/"
        );
        assert_eq!(
            dt("2020-01-02T03:04:05+00:00").to_wcf(&Zone::UTC),
            "\\/Date(1577934245000+0000)\\/"
        );
        assert_eq!(
            dt("2020-01-02T03:04:05").to_xsd(&Zone::fixed(-300).unwrap()),
            "2020-01-02T03:04:05-05:00"
        );
        assert_eq!(
            dt("2020-01-02T03:04:05").to_wcf(&Zone::fixed(-300).unwrap()),
            "\\/Date(1577952245000-0000)\\/"
        );
    }

    #[test]
    fn a_local_midnight_keeps_its_offset_unless_it_is_the_writers() {
        let d = dt("2020-01-02T00:00:00+02:00");
        assert_eq!(d.to_xsd(&Zone::UTC), "2020-01-02T00:00:00+02:00");
        assert_eq!(dt(&d.to_xsd(&Zone::UTC)), d);
        assert_eq!(d.to_xsd(&Zone::fixed(120).unwrap()), "2020-01-02");
        assert_eq!(
            dt("2020-01-02T00:00:00+00:00").to_xsd(&Zone::UTC),
            "2020-01-02"
        );
        assert_eq!(
            dt("2020-01-02T00:00:00Z").to_xsd(&Zone::fixed(60).unwrap()),
            "2020-01-02"
        );
        assert_eq!(
            dt("2020-01-02T00:00:00").to_xsd(&Zone::fixed(60).unwrap()),
            "2020-01-02"
        );
    }

    #[test]
    fn chrono_round_trip() {
        let t = dt("2024-02-29T23:59:59.1234567Z");
        let naive = t.to_naive();
        assert_eq!(naive.to_string(), "2024-02-29 23:59:59.123456700");
        assert_eq!(DateTime::from_naive(naive, DateTimeKind::Utc), Some(t));
    }
}
