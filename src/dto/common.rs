//! Types shared by several ClubReady operations: the two shapes of a payment method, the
//! payment profile record, the per-payment result of a sale, ServiceStack's error envelope, and
//! the enums they use.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use crate::dotnet::{DateTime, Decimal};
use crate::Secret;

/// The default of a non-nullable .NET `DateTime` (`DateTime.MinValue`), for `#[serde(default)]`.
pub(super) fn datetime_min() -> DateTime {
    DateTime::MIN
}

crate::dotnet_enum! {
    /// How a [`PaymentMethodDto`] entry selects the money source (member names and numbers as
    /// the `/sales/contract/sold` page lists them).
    pub enum PaymentMethodType {
        /// Not set (the zero value). The pages say an entry without a type is handled as
        /// `AcctToken`.
        Uninitialized = 0,
        /// Charge an existing payment profile named by `PaymentProfileId`.
        PaymentProfileId = 1,
        /// Charge the user's preferred payment profile on file (not applicable when the user
        /// is created by the same request).
        PreferredOnFile = 2,
        /// Charge the profile behind `AcctToken` (the default).
        AcctToken = 3,
        /// An error marker; not something to send.
        Error = -1,
    }
}

crate::dotnet_enum! {
    /// The kind of resource a restricted API request is limited to (used together with a
    /// `RestrictedId`).
    pub enum RestrictedResourceType {
        /// A single store.
        Store = 0,
        /// A whole chain of stores.
        Chain = 1,
        /// A single user.
        User = 2,
        /// No restriction kind given.
        Undefined = 3,
    }
}

/// One way of paying, in the shape used by `/sales/contract/sold` and
/// `/sales/contract/sold/new/user` (selected by [`PaymentMethodType`]). Its wire name is
/// `PaymentMethodDto`; compare [`SalePaymentMethodDto`], which has the same wire name but selects
/// the preferred method with `UsePreferred`.
///
/// Entries are tried in order. ClubReady's documentation: `PaymentAmount` is the amount to
/// attempt with this entry (when absent, the request's amount); a partial approval (gift cards)
/// leaves the rest for the next entry. `ProfileToken` (with `AcctToken`) creates the payment
/// profile on the fly, so no separate `/sales/paymentprofile/import` call is needed, and
/// `DoNotUpdatePaymentTypePreference` only matters together with `ProfileToken`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PaymentMethodDto {
    /// Token of the payment profile to charge, as issued by the ClubReadyGateway (Vault) API
    /// (about 80 characters). Used with `PaymentMethodType` `AcctToken`; not meant to be parsed
    /// or stored long-term.
    pub acct_token: Option<Secret>,
    /// Profile data token from the ClubReadyGateway API (a JWT of roughly 1,000 characters,
    /// valid for 5 minutes). When given with `AcctToken`, the payment profile is created as part
    /// of the sale.
    pub profile_token: Option<Secret>,
    /// Id of an existing payment profile, for `PaymentMethodType` `PaymentProfileId`.
    pub payment_profile_id: Option<String>,
    /// The amount to attempt with this entry; when absent, the request's `PaymentAmount`.
    pub payment_amount: Option<Decimal>,
    /// How this entry selects its money source; when absent, `AcctToken` is assumed.
    pub payment_method_type: Option<PaymentMethodType>,
    /// With `ProfileToken`: `true` keeps the user's payment type preference unchanged when the
    /// new profile is created.
    pub do_not_update_payment_type_preference: Option<bool>,
}

/// One way of paying, in the shape used by `/sales/agreement/sale` (its wire name is also
/// `PaymentMethodDto`; compare [`PaymentMethodDto`]).
///
/// Each entry must use exactly one of `UsePreferred`, `AcctToken` or `ProfileToken`;
/// `DoNotUpdatePaymentTypePreference` is optional and valid only with `ProfileToken`.
/// `PaymentAmount` is the most to attempt with this entry (when absent, whatever is still owed),
/// so the amounts may add up to more than the sale: after a partial approval (common with gift
/// cards) the next entry is tried for the lesser of its amount and the remainder.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SalePaymentMethodDto {
    /// Token of an existing payment profile to charge (from the ClubReadyGateway API). One of
    /// the three exclusive selectors; not meant to be parsed or stored.
    pub acct_token: Option<Secret>,
    /// Profile data token from the ClubReadyGateway API: the payment profile is created (and by
    /// default made the preferred method) and charged. One of the three exclusive selectors.
    pub profile_token: Option<Secret>,
    /// Id of an existing payment profile (not described by the `/sales/agreement/sale` page).
    pub payment_profile_id: Option<String>,
    /// The most to attempt with this entry; when absent, the remaining amount.
    pub payment_amount: Option<Decimal>,
    /// `true` charges the user's preferred method on file. One of the three exclusive selectors;
    /// otherwise leave it out (or `false`).
    pub use_preferred: Option<bool>,
    /// Only with `ProfileToken`: `true` creates the profile without making it the preferred
    /// method.
    pub do_not_update_payment_type_preference: Option<bool>,
}

/// A payment profile as ClubReady stores it (returned by `/sales/paymentprofile/import`).
/// Non-nullable .NET properties are plain fields and always on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PaymentProfile {
    /// ClubReady's id of the profile.
    #[serde(default)]
    pub payment_profile_id: i32,
    /// The profile's current account token (it may change over time, e.g. through the account
    /// updater).
    pub acct_token: Option<Secret>,
    /// Id of the owner (a user, or a temporary owner; see `OwnerTypeId`).
    #[serde(default)]
    pub owner_id: i32,
    /// The owner's kind, as a number (see [`OwnerType`](super::OwnerType) for the known values).
    #[serde(default)]
    pub owner_type_id: i16,
    /// The account type, as a number (see [`AcctType`](super::AcctType) for the known values).
    #[serde(default)]
    pub acct_type_id: i16,
    /// The account class, as a number.
    #[serde(default)]
    pub acct_class_id: i16,
    /// Account holder's name prefix.
    pub prefix_name: Option<String>,
    /// Account holder's first name.
    pub first_name: Option<String>,
    /// Account holder's middle name.
    pub middle_name: Option<String>,
    /// Account holder's last name.
    pub last_name: Option<String>,
    /// Account holder's name suffix.
    pub suffix_name: Option<String>,
    /// Billing address, first line.
    pub address1: Option<String>,
    /// Billing address, second line.
    pub address2: Option<String>,
    /// Billing address urbanization (a Puerto Rico address element).
    pub urbanization: Option<String>,
    /// Billing city.
    pub city: Option<String>,
    /// Billing state or province.
    pub state: Option<String>,
    /// Billing postal code.
    pub postal_code: Option<String>,
    /// Billing country code.
    pub country_code: Option<String>,
    /// Last four digits of the card or account number.
    pub last4: Option<String>,
    /// Card expiry month, for cards.
    pub cc_exp_month: Option<u8>,
    /// Card expiry year (two digits), for cards.
    pub cc_exp_year: Option<u8>,
    /// Whether the profile is temporary (one-time payments, gift cards).
    #[serde(default)]
    pub is_temp: bool,
    /// Whether the profile is disabled.
    #[serde(default)]
    pub is_disabled: bool,
    /// When the profile was put on hold, if it is.
    pub on_hold_utc: Option<DateTime>,
    /// Why the profile is on hold, as a code.
    pub on_hold_reason_code: Option<u8>,
    /// Why the profile is on hold, in words.
    pub on_hold_reason_detail: Option<String>,
    /// When the account updater flagged the profile, if it did.
    pub acct_updater_flag_utc: Option<DateTime>,
    /// Id of who created the profile.
    #[serde(default)]
    pub created_by: i32,
    /// When the profile was created (`DateTime.MinValue` when absent).
    #[serde(default = "datetime_min")]
    pub created_utc: DateTime,
    /// Id of who last changed the profile.
    #[serde(default)]
    pub modified_by: i32,
    /// When the profile was last changed (`DateTime.MinValue` when absent).
    #[serde(default = "datetime_min")]
    pub modified_utc: DateTime,
    /// Whether the account updater flagged the profile.
    #[serde(default)]
    pub acct_updater_flag: bool,
    /// How the account data was entered, as a number.
    #[serde(default)]
    pub entry_mode_id: i16,
    /// Whether the profile is excluded from the account updater.
    #[serde(default)]
    pub exclude_from_acct_updater: bool,
}

impl Default for PaymentProfile {
    /// Every property at its .NET default: numbers 0, `false`, no strings, `DateTime.MinValue`.
    fn default() -> Self {
        PaymentProfile {
            payment_profile_id: 0,
            acct_token: None,
            owner_id: 0,
            owner_type_id: 0,
            acct_type_id: 0,
            acct_class_id: 0,
            prefix_name: None,
            first_name: None,
            middle_name: None,
            last_name: None,
            suffix_name: None,
            address1: None,
            address2: None,
            urbanization: None,
            city: None,
            state: None,
            postal_code: None,
            country_code: None,
            last4: None,
            cc_exp_month: None,
            cc_exp_year: None,
            is_temp: false,
            is_disabled: false,
            on_hold_utc: None,
            on_hold_reason_code: None,
            on_hold_reason_detail: None,
            acct_updater_flag_utc: None,
            created_by: 0,
            created_utc: datetime_min(),
            modified_by: 0,
            modified_utc: datetime_min(),
            acct_updater_flag: false,
            entry_mode_id: 0,
            exclude_from_acct_updater: false,
        }
    }
}

/// The outcome of one payment method of a sale (an entry of
/// [`SellContractResultDto::payment_responses`](super::SellContractResultDto::payment_responses)).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PendingPaymentResponse {
    /// The processor's transaction id.
    pub response_transaction_id: Option<String>,
    /// The processor's short transaction id.
    pub response_txn_id: Option<String>,
    /// Error details, when this payment failed.
    pub response_status: Option<ResponseStatus>,
    /// The amount approved for this payment method.
    pub response_amount: Option<Decimal>,
    /// The processor's response text.
    pub response_text: Option<String>,
    /// Last four digits of the account charged.
    pub last4: Option<String>,
    /// The account class charged, as text.
    pub acct_class: Option<String>,
    /// The account type charged, as text.
    pub acct_type: Option<String>,
    /// The account token of the profile charged.
    pub acct_token: Option<Secret>,
}

/// ServiceStack's error envelope: the body of a response with an HTTP error status, or the
/// `ResponseStatus` of a failed payment.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ResponseStatus {
    /// Machine-readable error code (usually the exception's type name).
    pub error_code: Option<String>,
    /// Human-readable message.
    pub message: Option<String>,
    /// Server stack trace (only in debug mode).
    pub stack_trace: Option<String>,
    /// Per-field errors (validation failures).
    ///
    /// In CSV a `ResponseStatus` is written as ServiceStack writes it: as the rows of this list
    /// alone (see [`csv::rows`](crate::csv::rows)).
    #[serde(with = "crate::csv::rows", default)]
    pub errors: Option<Vec<ResponseError>>,
    /// Extra data, in the server's order.
    pub meta: Option<IndexMap<String, String>>,
}

/// ServiceStack's `ErrorResponse`: the body of an error response (`{"ResponseStatus":{…}}`; in
/// CSV one `ResponseStatus` column holding the status as JSV). [`ops`](crate::ops) decodes it
/// into an [`ApiError`](crate::ops::ApiError); this type writes or reads it on its own (a test
/// server's answer, a logged body).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ErrorResponse {
    /// The error; `None` in a body without one.
    pub response_status: Option<ResponseStatus>,
}

/// One field's error inside a [`ResponseStatus`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ResponseError {
    /// Machine-readable error code (e.g. the failed validation rule).
    pub error_code: Option<String>,
    /// The request property the error is about.
    pub field_name: Option<String>,
    /// Human-readable message.
    pub message: Option<String>,
    /// Extra data, in the server's order.
    pub meta: Option<IndexMap<String, String>>,
}
