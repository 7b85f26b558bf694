//! .NET wire types as ServiceStack writes and reads them: `DateTime` (ticks and kind),
//! `decimal` (scale kept), enums by name or number, and `ValueTuple<int, OwnerType>`.

mod datetime;
mod decimal;

pub use datetime::{DateTime, DateTimeKind, ParseDateTimeError, DATETIME_TOKEN, MAX_TICKS};
pub use decimal::{Decimal, ParseDecimalError, JSON_NUMBER_TOKEN};
