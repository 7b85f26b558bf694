//! Request validation: every rule ClubReady's pages state, checked before anything is sent.
//!
//! ClubReady's server enforces its rules only at run time, after a card may already have been
//! tried. [`Validate::validate`] checks a request on the client and returns **all** its
//! [`Violations`], each with the property path in wire names, the [`Rule`] broken, and a
//! message:
//!
//! ```
//! use clubready_wire::dto::{SaleEndpoint, SalePaymentMethodDto};
//! use clubready_wire::validate::{Rule, Validate};
//!
//! let sale = SaleEndpoint {
//!     x_forwarded_for: Some("203.0.113.7, 10.0.0.1".into()),
//!     api_key: Some("my-api-key".into()),
//!     member_id: Some(1234),
//!     store_id: Some(56),
//!     payment_amount: Some("-3.00".parse()?),
//!     payment_methods: Some(vec![SalePaymentMethodDto {
//!         acct_token: Some("eyJ...".into()),
//!         use_preferred: Some(true),
//!         ..Default::default()
//!     }]),
//!     ..Default::default()
//! };
//! let violations = sale.validate().unwrap_err();
//! for violation in &violations {
//!     println!("{violation}");
//! }
//! assert_eq!(
//!     violations.to_string(),
//!     "XForwardedFor: must be one IP address, not a list (found `203.0.113.7, 10.0.0.1`)\n\
//!      IncompleteAgreementToken: is required\n\
//!      PaymentAmount: must not be negative\n\
//!      PaymentMethods[0]: names more than one way to pay (UsePreferred, AcctToken); \
//!      use exactly one of UsePreferred: true, AcctToken, ProfileToken"
//! );
//! let rules: Vec<Rule> = violations.iter().map(|v| v.rule()).collect();
//! assert_eq!(
//!     rules,
//!     [Rule::IpAddress, Rule::Required, Rule::NotNegative, Rule::ExactlyOnePaymentSelector]
//! );
//! assert_eq!(violations.as_slice()[3].path(), "PaymentMethods[0]");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The HTTP request builder ([`ops::Options::request`](crate::ops::Options::request)) validates
//! every request by default before building it; call [`Validate::validate`] yourself to check a
//! request earlier, e.g. when it is built from a form.
//!
//! # Implementing it for your own operations
//!
//! [`Validate`] has one required method, [`check`](Validate::check), which reports to a
//! [`Checker`]; nested values report through [`Checker::nested`] / [`Checker::each`], which
//! prefix the paths:
//!
//! ```
//! use clubready_wire::dto::SalePaymentMethodDto;
//! use clubready_wire::validate::{Checker, Rule, Validate};
//! use clubready_wire::Secret;
//!
//! /// A request of your own ServiceStack operation.
//! struct GiftCardTopUp {
//!     api_key: Option<Secret>,
//!     customer_ip: Option<String>,
//!     card: Option<SalePaymentMethodDto>,
//!     note: Option<String>,
//! }
//!
//! impl Validate for GiftCardTopUp {
//!     fn check(&self, v: &mut Checker) {
//!         v.required("ApiKey", &self.api_key);
//!         v.ip_address("CustomerIp", self.customer_ip.as_deref());
//!         if v.required("Card", &self.card) {
//!             v.nested("Card", &self.card);
//!         }
//!         if self.note.as_deref().is_some_and(|n| n.len() > 100) {
//!             v.report("Note", Rule::Custom("MaxLength"), "must be at most 100 bytes");
//!         }
//!     }
//! }
//!
//! let request = GiftCardTopUp {
//!     api_key: None,
//!     customer_ip: Some("::1".into()),
//!     card: Some(SalePaymentMethodDto::default()),
//!     note: None,
//! };
//! assert_eq!(
//!     request.validate().unwrap_err().to_string(),
//!     "ApiKey: is required\n\
//!      Card: names no way to pay; use exactly one of UsePreferred: true, AcctToken, ProfileToken"
//! );
//! ```
//!
//! # What counts as given
//!
//! [`Presence`] decides whether a property is given, for `Required` and for the rules that say
//! "only with" or "must be omitted": `None` is not given, and neither is an **empty string**
//! (or [`Secret`], or list). ServiceStack's request binding skips a query parameter with an
//! empty value (measured on a real server: `""` cannot be sent in a query string at all), and
//! `ApiKey`, `StoreId` and `MemberId` travel in the query string, so an empty value there
//! reaches the server as a missing one; an empty value is treated as missing everywhere, so
//! that a request validates the same whichever way it is sent. Whitespace is text: `" "` is given. Any number, date, enum or `bool` inside
//! `Some` is given (`Some(0)` was written on purpose); for the ClubReady rules that a
//! non-nullable .NET property must be given, see [`clubready`].
//!
//! # Guarantees
//!
//! Validation never panics and never shows a value: messages name properties and rules only.
//! The one exception is a bad IP address (not a credential), of which a short excerpt is shown,
//! at most 40 characters, with everything but printable ASCII escaped. Credentials (`ApiKey`,
//! `AcctToken`, `ProfileToken`, `IncompleteAgreementToken`, any [`Secret`]) never
//! appear in a violation's `Display` or `Debug`.
//!
//! The rules of the five ClubReady requests, with the page sentence each comes from, are in
//! [`clubready`].

use std::fmt;
use std::net::IpAddr;

use crate::dotnet::Decimal;
use crate::Secret;

pub mod clubready;

/// A value that can check itself against the rules of its operation.
///
/// Implemented for the five ClubReady requests and their payment methods (see [`clubready`]),
/// for slices and `Vec`s of validatable values (items at `[0]`, `[1]`, ...), and for references.
/// Implement [`check`](Validate::check) for your own request types; [`validate`](Validate::validate)
/// comes with it.
pub trait Validate {
    /// Reports every violation of `self` to `v`, whose current path is `self`'s.
    ///
    /// Report in a fixed order (the wire order of the properties is the natural one), so that
    /// the same value always gives the same list.
    fn check(&self, v: &mut Checker);

    /// All violations of `self`, in the order [`check`](Validate::check) reports them; `Ok(())`
    /// when there are none.
    fn validate(&self) -> Result<(), Violations> {
        let mut checker = Checker::new();
        self.check(&mut checker);
        checker.finish()
    }
}

impl<T: Validate + ?Sized> Validate for &T {
    fn check(&self, v: &mut Checker) {
        (**self).check(v);
    }
}

impl<T: Validate> Validate for [T] {
    /// Each item, at `[0]`, `[1]`, ...
    fn check(&self, v: &mut Checker) {
        for (i, item) in self.iter().enumerate() {
            v.index(i, |v| item.check(v));
        }
    }
}

impl<T: Validate> Validate for Vec<T> {
    /// Each item, at `[0]`, `[1]`, ...
    fn check(&self, v: &mut Checker) {
        self.as_slice().check(v);
    }
}

impl<T: Validate> Validate for Option<T> {
    /// The value when there is one; `None` has no violations (use [`Checker::required`] to
    /// require it).
    fn check(&self, v: &mut Checker) {
        if let Some(value) = self {
            value.check(v);
        }
    }
}

/// The rule a [`Violation`] breaks.
///
/// The ClubReady rules behind each variant, with their sources, are listed in [`clubready`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Rule {
    /// A required property is missing (absent, null or empty; see [`Presence`]).
    Required,
    /// A payment method names no way to pay, or more than one.
    ExactlyOnePaymentSelector,
    /// `DoNotUpdatePaymentTypePreference` is set without `ProfileToken`.
    OnlyWithProfileToken,
    /// A deprecated property is set together with `PaymentMethods`.
    ExcludesPaymentMethods,
    /// `PaymentMethodType` `PreferredOnFile` on an operation that creates the user.
    PreferredOnFileNotApplicable,
    /// Not a single IPv4 or IPv6 address.
    IpAddress,
    /// A negative amount.
    NotNegative,
    /// Text outside its allowed length.
    Length,
    /// A number outside its allowed range.
    Range,
    /// A rule of your own, by its code.
    Custom(&'static str),
}

impl Rule {
    /// The rule's code: the variant's name (`"Required"`, `"IpAddress"`, ...), or the code of a
    /// [`Rule::Custom`].
    pub fn code(self) -> &'static str {
        match self {
            Rule::Required => "Required",
            Rule::ExactlyOnePaymentSelector => "ExactlyOnePaymentSelector",
            Rule::OnlyWithProfileToken => "OnlyWithProfileToken",
            Rule::ExcludesPaymentMethods => "ExcludesPaymentMethods",
            Rule::PreferredOnFileNotApplicable => "PreferredOnFileNotApplicable",
            Rule::IpAddress => "IpAddress",
            Rule::NotNegative => "NotNegative",
            Rule::Length => "Length",
            Rule::Range => "Range",
            Rule::Custom(code) => code,
        }
    }
}

impl fmt::Display for Rule {
    /// The rule's [`code`](Rule::code).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One broken rule: where, which rule, and a message.
///
/// `Display` is `path: message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    path: String,
    rule: Rule,
    message: String,
}

impl Violation {
    /// The property path in wire names: `ApiKey`, `PaymentMethods[1].AcctToken`; `.` for the
    /// whole value.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The rule broken.
    pub fn rule(&self) -> Rule {
        self.rule
    }

    /// What is wrong, without the property's name (that is the [`path`](Violation::path)) and
    /// without its value: `is required`, `must not be negative`.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Every violation of a value, in the order they were found (never empty when returned by
/// [`Validate::validate`]).
///
/// `Display` writes one violation a line (`path: message`), no trailing line break.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violations(Vec<Violation>);

impl Violations {
    /// The violations, in order.
    pub fn as_slice(&self) -> &[Violation] {
        &self.0
    }

    /// An iterator over the violations, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, Violation> {
        self.0.iter()
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none (never the case for the error of [`Validate::validate`]).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The violations as a `Vec`.
    pub fn into_vec(self) -> Vec<Violation> {
        self.0
    }
}

impl fmt::Display for Violations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, violation) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            fmt::Display::fmt(violation, f)?;
        }
        Ok(())
    }
}

impl std::error::Error for Violations {}

impl IntoIterator for Violations {
    type Item = Violation;
    type IntoIter = std::vec::IntoIter<Violation>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Violations {
    type Item = &'a Violation;
    type IntoIter = std::slice::Iter<'a, Violation>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// Whether a property counts as given (see the [module documentation](self#what-counts-as-given)).
///
/// `None`, `""`, an empty [`Secret`] and an empty list are not given; every other value is.
pub trait Presence {
    /// Whether the value counts as given.
    fn is_present(&self) -> bool;
}

impl<T: Presence> Presence for Option<T> {
    fn is_present(&self) -> bool {
        self.as_ref().is_some_and(Presence::is_present)
    }
}

impl<T: Presence + ?Sized> Presence for &T {
    fn is_present(&self) -> bool {
        (**self).is_present()
    }
}

impl Presence for str {
    fn is_present(&self) -> bool {
        !self.is_empty()
    }
}

impl Presence for String {
    fn is_present(&self) -> bool {
        !self.is_empty()
    }
}

impl Presence for Secret {
    fn is_present(&self) -> bool {
        !self.expose().is_empty()
    }
}

impl<T> Presence for [T] {
    fn is_present(&self) -> bool {
        !self.is_empty()
    }
}

impl<T> Presence for Vec<T> {
    fn is_present(&self) -> bool {
        !self.is_empty()
    }
}

/// Values that are always given once they exist: numbers, dates, enums, `bool`s, records.
macro_rules! always_present {
    ($($ty:ty),* $(,)?) => {$(
        impl Presence for $ty {
            fn is_present(&self) -> bool {
                true
            }
        }
    )*};
}

always_present!(
    bool,
    i8,
    i16,
    i32,
    i64,
    u8,
    u16,
    u32,
    u64,
    Decimal,
    crate::dotnet::DateTime,
    crate::dto::PaymentMethodType,
    crate::dto::RestrictedResourceType,
    crate::dto::AcctType,
    crate::dto::OwnerType,
    crate::dto::PaymentMethodDto,
    crate::dto::SalePaymentMethodDto,
);

/// Collects violations while a value is checked, and knows the path being checked.
///
/// Properties are named by their wire names; [`field`](Checker::field) and
/// [`index`](Checker::index) step into a nested value for the length of a closure.
#[derive(Debug, Default)]
pub struct Checker {
    /// The current path (`""` at the top).
    path: String,
    violations: Vec<Violation>,
}

impl Checker {
    /// A checker at the top of a value, with no violations yet.
    pub fn new() -> Checker {
        Checker::default()
    }

    /// Records a violation of `rule` by the property `field` of the current value.
    pub fn report(&mut self, field: &str, rule: Rule, message: impl Into<String>) {
        let path = self.join(field);
        self.push(path, rule, message.into());
    }

    /// Records a violation of `rule` by the current value as a whole (at the top, the path is
    /// `.`).
    pub fn report_here(&mut self, rule: Rule, message: impl Into<String>) {
        let path = if self.path.is_empty() {
            ".".to_owned()
        } else {
            self.path.clone()
        };
        self.push(path, rule, message.into());
    }

    /// Reports [`Rule::Required`] (`is required`) unless `value` is given (see [`Presence`]);
    /// returns whether it is.
    pub fn required<P: Presence + ?Sized>(&mut self, field: &str, value: &P) -> bool {
        let present = value.is_present();
        if !present {
            self.report(field, Rule::Required, "is required");
        }
        present
    }

    /// Reports [`Rule::NotNegative`] (`must not be negative`) if `amount` is below zero.
    pub fn not_negative(&mut self, field: &str, amount: impl Into<Option<Decimal>>) {
        if amount
            .into()
            .is_some_and(|a| a.0 < rust_decimal::Decimal::ZERO)
        {
            self.report(field, Rule::NotNegative, "must not be negative");
        }
    }

    /// Reports [`Rule::IpAddress`] unless `value` is absent, empty, or one IPv4 or IPv6 address
    /// (as [`std::net::IpAddr`] parses it) with optional spaces and tabs around it. A list
    /// (`a, b`), a port, brackets or an IPv6 zone (`%eth0`) are refused. The message shows an
    /// excerpt of the value (at most 40 characters, escaped).
    ///
    /// The surrounding spaces and tabs are accepted because they are HTTP's optional
    /// whitespace: a header's value is defined without them (RFC 9110 §5.5), so the server
    /// never sees them.
    pub fn ip_address(&mut self, field: &str, value: Option<&str>) {
        let Some(text) = value.filter(|t| !t.is_empty()) else {
            return;
        };
        let trimmed = text.trim_matches([' ', '\t']);
        if trimmed.parse::<IpAddr>().is_ok() {
            return;
        }
        let what = if trimmed.contains(',') {
            "must be one IP address, not a list"
        } else {
            "must be an IP address (IPv4 or IPv6)"
        };
        self.report(
            field,
            Rule::IpAddress,
            format!("{what} (found `{}`)", excerpt(text)),
        );
    }

    /// Checks the property `field` of the current value: runs `f` with the path extended by
    /// `field`.
    pub fn field(&mut self, field: &str, f: impl FnOnce(&mut Checker)) {
        let saved = self.path.len();
        self.path = self.join(field);
        f(self);
        self.path.truncate(saved);
    }

    /// Checks the item `index` of the current value (a list): runs `f` with the path extended
    /// by `[index]`.
    pub fn index(&mut self, index: usize, f: impl FnOnce(&mut Checker)) {
        let saved = self.path.len();
        self.path.push('[');
        self.path.push_str(&index.to_string());
        self.path.push(']');
        f(self);
        self.path.truncate(saved);
    }

    /// Checks the nested value in the property `field` (its paths prefixed with `field`).
    pub fn nested<T: Validate + ?Sized>(&mut self, field: &str, value: &T) {
        self.field(field, |v| value.check(v));
    }

    /// Checks each item of the list in the property `field`, at `field[0]`, `field[1]`, ...
    pub fn each<T: Validate>(&mut self, field: &str, items: &[T]) {
        self.nested(field, items);
    }

    /// The violations so far, in order.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// `Ok(())` if nothing was reported, else every violation in the order reported.
    pub fn finish(self) -> Result<(), Violations> {
        if self.violations.is_empty() {
            Ok(())
        } else {
            Err(Violations(self.violations))
        }
    }

    fn join(&self, field: &str) -> String {
        match (self.path.is_empty(), field.is_empty()) {
            (true, _) => field.to_owned(),
            (false, true) => self.path.clone(),
            (false, false) => format!("{}.{field}", self.path),
        }
    }

    fn push(&mut self, path: String, rule: Rule, message: String) {
        self.violations.push(Violation {
            path,
            rule,
            message,
        });
    }
}

/// The most characters of a value a message shows.
const EXCERPT_MAX: usize = 40;

/// The start of `text` for a message: printable ASCII as it is, everything else escaped
/// (`\n`, `\u{202e}`, ...), quotes and backslashes escaped; at most [`EXCERPT_MAX`] characters,
/// then `…` if something was left out.
fn excerpt(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let piece: String = if c == '`' {
            "\\`".to_owned()
        } else {
            c.escape_default().collect()
        };
        // Every piece is ASCII, so bytes are characters.
        if out.len() + piece.len() > EXCERPT_MAX {
            out.push('…');
            break;
        }
        out.push_str(&piece);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::excerpt;

    #[test]
    fn excerpt_escapes_and_bounds() {
        assert_eq!(excerpt("1.2.3.4, 5.6.7.8"), "1.2.3.4, 5.6.7.8");
        assert_eq!(excerpt("a\nb\u{202e}`"), "a\\nb\\u{202e}\\`");
        let long = "x".repeat(100);
        assert_eq!(excerpt(&long), format!("{}…", "x".repeat(40)));
        assert_eq!(
            excerpt(&"\u{1}".repeat(20)),
            format!("{}…", "\\u{1}".repeat(8))
        );
        assert_eq!(excerpt(&"x".repeat(40)), "x".repeat(40));
    }
}
