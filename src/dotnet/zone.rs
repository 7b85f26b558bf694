//! The local time zone a writer assumes for dates of unspecified kind.
//!
//! ServiceStack writes a `DateTime` whose kind is `Unspecified` (or `Local`) in the server's
//! local zone: JSV and CSV append that zone's offset (`2020-01-02T03:04:05-05:00`), the WCF JSON
//! form counts its milliseconds from the UTC instant. A writer here takes that zone from its
//! options; the default is UTC.

use std::fmt;
use std::hash::{Hash, Hasher};

use chrono::{LocalResult, NaiveDateTime, Offset, TimeDelta, TimeZone};

/// The zone taken for dates of unspecified kind: a fixed offset from UTC (default `+00:00`), or
/// a time zone with rules (daylight saving time, historical offsets) from any
/// [`chrono::TimeZone`], such as `chrono_tz`'s IANA zones or `chrono::Local`.
///
/// ```
/// use chrono::NaiveDate;
/// use clubready_wire::dotnet::Zone;
///
/// let est = Zone::fixed(-5 * 60).unwrap();
/// assert_eq!(est.fixed_offset_minutes(), Some(-300));
/// assert!(Zone::fixed(15 * 60).is_none(), "offsets are at most ±14:00");
/// assert_eq!(Zone::default(), Zone::UTC);
///
/// // A zone with rules: here a fixed one from chrono; `Zone::of(&chrono_tz::America::New_York)`
/// // takes New York's daylight saving time and history, as .NET's `TimeZoneInfo` does.
/// let zone = Zone::of(&chrono::Utc);
/// let noon = NaiveDate::from_ymd_opt(2021, 6, 15).unwrap().and_hms_opt(12, 0, 0).unwrap();
/// assert_eq!(zone.offset_minutes_at_local(noon), 0);
/// assert_eq!(zone.fixed_offset_minutes(), None);
/// ```
#[derive(Copy, Clone, Default)]
pub struct Zone {
    offset_minutes: i16,
    rules: Option<&'static dyn Rules>,
}

/// The largest offset from UTC a zone may have, in minutes (±14:00, as .NET's
/// `TimeZoneInfo` allows).
pub const MAX_OFFSET_MINUTES: i16 = 14 * 60;

impl Zone {
    /// Coordinated universal time.
    pub const UTC: Zone = Zone {
        offset_minutes: 0,
        rules: None,
    };

    /// A fixed offset, in minutes east of UTC; `None` beyond ±14:00.
    pub fn fixed(offset_minutes: i16) -> Option<Zone> {
        (offset_minutes.unsigned_abs() <= MAX_OFFSET_MINUTES.unsigned_abs()).then_some(Zone {
            offset_minutes,
            rules: None,
        })
    }

    /// A zone with rules: the offset of each local time is the one `zone` has in force then.
    /// Like .NET's `TimeZoneInfo.GetUtcOffset`, a local time that occurs twice (clocks turned
    /// back) or never (clocks turned forward) takes the zone's standard offset, and an offset
    /// with seconds (local mean time before 1883) is whole minutes, rounded down (New York's
    /// `-04:56:02` is `-04:57`, as ServiceStack writes it).
    pub fn of<Z: TimeZone + Sync + fmt::Debug>(zone: &'static Z) -> Zone {
        Zone {
            offset_minutes: 0,
            rules: Some(zone),
        }
    }

    /// The offset of a fixed zone, in minutes east of UTC; `None` for a zone with rules.
    pub fn fixed_offset_minutes(&self) -> Option<i16> {
        self.rules.is_none().then_some(self.offset_minutes)
    }

    /// The offset (minutes east of UTC) in force at local wall-clock time `local`.
    pub fn offset_minutes_at_local(&self, local: NaiveDateTime) -> i16 {
        match self.rules {
            None => self.offset_minutes,
            Some(rules) => {
                let seconds = rules.offset_seconds_at_local(local);
                let limit = i32::from(MAX_OFFSET_MINUTES);
                seconds.div_euclid(60).clamp(-limit, limit) as i16
            }
        }
    }

    /// The offset (minutes east of UTC) of local wall-clock time `wall_ticks` in this zone.
    pub(crate) fn offset_at_local(&self, wall_ticks: i64) -> i16 {
        match self.rules {
            None => self.offset_minutes,
            Some(_) => {
                let local =
                    super::DateTime::from_ticks(wall_ticks, super::DateTimeKind::Unspecified)
                        .unwrap_or(super::DateTime::MIN)
                        .to_naive();
                self.offset_minutes_at_local(local)
            }
        }
    }
}

impl fmt::Debug for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.rules {
            None => f
                .debug_struct("Zone")
                .field("offset_minutes", &self.offset_minutes)
                .finish(),
            Some(rules) => f.debug_tuple("Zone").field(rules).finish(),
        }
    }
}

/// Zones are equal when they are the same fixed offset, or the same rules (the same value, or
/// values whose `Debug` text, the zone's name, is the same).
impl PartialEq for Zone {
    fn eq(&self, other: &Zone) -> bool {
        match (self.rules, other.rules) {
            (None, None) => self.offset_minutes == other.offset_minutes,
            (Some(a), Some(b)) => {
                std::ptr::addr_eq(a as *const dyn Rules, b as *const dyn Rules)
                    || format!("{a:?}") == format!("{b:?}")
            }
            _ => false,
        }
    }
}

impl Eq for Zone {}

impl Hash for Zone {
    fn hash<H: Hasher>(&self, state: &mut H) {
        match self.rules {
            None => self.offset_minutes.hash(state),
            Some(rules) => format!("{rules:?}").hash(state),
        }
    }
}

/// A zone's offsets over time, as the writers ask for them.
trait Rules: Sync + fmt::Debug {
    /// Seconds east of UTC in force at `local` (the standard offset where `local` is ambiguous
    /// or skipped).
    fn offset_seconds_at_local(&self, local: NaiveDateTime) -> i32;
}

impl<Z: TimeZone + Sync + fmt::Debug> Rules for Z {
    fn offset_seconds_at_local(&self, local: NaiveDateTime) -> i32 {
        let seconds = |offset: &Z::Offset| offset.fix().local_minus_utc();
        match self.offset_from_local_datetime(&local) {
            LocalResult::Single(offset) => seconds(&offset),
            // Clocks turned back: the time occurs at both offsets; the standard one is the
            // smaller (daylight saving time adds to it).
            LocalResult::Ambiguous(a, b) => seconds(&a).min(seconds(&b)),
            // Clocks turned forward: the offset before the gap, the standard one. Gaps are at
            // most a day (Samoa, 2011).
            LocalResult::None => (1..=25)
                .filter_map(|hours| local.checked_sub_signed(TimeDelta::hours(hours)))
                .find_map(|before| self.offset_from_local_datetime(&before).single())
                .map_or_else(
                    || {
                        self.offset_from_utc_datetime(&local)
                            .fix()
                            .local_minus_utc()
                    },
                    |offset| seconds(&offset),
                ),
        }
    }
}
