//! .NET wire types as ServiceStack writes and reads them: `DateTime` (ticks and kind),
//! `decimal` (scale kept), enums by name or number ([`dotnet_enum!`](crate::dotnet_enum)), and
//! `ValueTuple` (written as `"(5, User)"`).

mod datetime;
mod decimal;
mod enums;
mod tuple;

pub use datetime::{DateTime, DateTimeKind, ParseDateTimeError, DATETIME_TOKEN, MAX_TICKS};
pub use decimal::{Decimal, ParseDecimalError, DECIMAL_TOKEN, JSON_NUMBER_TOKEN};
pub use enums::{parse_enum, text_or_number, ParseEnumError};
pub use tuple::ValueTuple;
