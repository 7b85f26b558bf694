//! The local time zone a writer assumes for dates of unspecified kind.
//!
//! ServiceStack writes a `DateTime` whose kind is `Unspecified` (or `Local`) in the server's
//! local zone: JSV and CSV append that zone's offset (`2020-01-02T03:04:05-05:00`), the WCF JSON
//! form counts its milliseconds from the UTC instant. A writer here takes that zone from its
//! options; the default is UTC.

/// The zone taken for dates of unspecified kind: a fixed offset from UTC (default `+00:00`).
///
/// ```
/// use clubready_wire::dotnet::Zone;
/// let est = Zone::fixed(-5 * 60).unwrap();
/// assert_eq!(est.offset_minutes(), -300);
/// assert!(Zone::fixed(15 * 60).is_none(), "offsets are at most ±14:00");
/// assert_eq!(Zone::default(), Zone::UTC);
/// ```
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Zone {
    offset_minutes: i16,
}

/// The largest offset from UTC a zone may have, in minutes (±14:00, as .NET's
/// `TimeZoneInfo` allows).
pub const MAX_OFFSET_MINUTES: i16 = 14 * 60;

impl Zone {
    /// Coordinated universal time.
    pub const UTC: Zone = Zone { offset_minutes: 0 };

    /// A fixed offset, in minutes east of UTC; `None` beyond ±14:00.
    pub fn fixed(offset_minutes: i16) -> Option<Zone> {
        (offset_minutes.unsigned_abs() <= MAX_OFFSET_MINUTES.unsigned_abs())
            .then_some(Zone { offset_minutes })
    }

    /// The offset of a fixed zone, in minutes east of UTC.
    pub fn offset_minutes(&self) -> i16 {
        self.offset_minutes
    }

    /// The offset (minutes east of UTC) of local wall-clock time `wall_ticks` in this zone.
    pub(crate) fn offset_at_local(&self, _wall_ticks: i64) -> i16 {
        self.offset_minutes
    }
}
