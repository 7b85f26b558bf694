//! .NET wire types as ServiceStack writes and reads them: `DateTime` (ticks and kind),
//! `decimal` (scale kept), enums by name or number ([`dotnet_enum!`](crate::dotnet_enum)), and
//! `ValueTuple` (written as `"(5, User)"`).

mod datetime;
mod decimal;
mod enums;
mod tuple;
mod zone;

pub(crate) use datetime::DATETIME_TOKEN;
pub use datetime::{DateTime, DateTimeKind, ParseDateTimeError, MAX_TICKS};
pub(crate) use decimal::DECIMAL_TOKEN;
pub use decimal::{Decimal, ParseDecimalError};
pub use enums::{enum_value, parse_enum, text_or_number, ParseEnumError};
pub use tuple::ValueTuple;
pub(crate) use tuple::VALUETUPLE_TOKEN;
pub use zone::{Zone, MAX_OFFSET_MINUTES};
