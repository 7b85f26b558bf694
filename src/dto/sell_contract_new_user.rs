//! `POST /sales/contract/sold/new/user`: creates a user and sells them a package.

use serde::{Deserialize, Serialize};

use super::{PaymentMethodDto, RestrictedResourceType};
use crate::dotnet::{DateTime, Decimal};
use crate::Secret;

crate::dotnet_enum! {
    /// The type of account behind a payment profile. Numbers as listed on the
    /// `/sales/contract/sold/new/user` page; it accepts the name or the number.
    ///
    /// The page shows the members only in Python's `UPPER_SNAKE` form. These C# names are
    /// confirmed by ServiceStack's output in the reference vectors: `Uninitialized`, `Visa`,
    /// `MC`, `Disc`, `Amex`, `JCB`, `PayPal`, `BillMe`, `PC`, `PS`, `BC`, `BECS`, `Maestro`,
    /// `BMO`, `HSBCCa`, `UnionPay`, `Laser`, `Factor4`, `XPass`, `UnknownBank`, `Error`. The
    /// others are inferred the same way (acronyms kept upper case, words capitalised):
    /// `Diners`, `EnRoute`, `BS`, `BACS`, `Solo`, `VisaElectron`, `CIBC`, `RoyalBankCa`,
    /// `TDCaTrust`, `Scotia`, `InterPayment`, `UnknownCredit`, `TransArmor`,
    /// `ConnectedAccount`. Reading matches names in any case, so an inferred name can only be
    /// wrong in what is written.
    pub enum AcctType {
        /// Not set.
        Uninitialized = 0,
        /// Visa.
        Visa = 1,
        /// MasterCard.
        MC = 2,
        /// Discover.
        Disc = 3,
        /// American Express.
        Amex = 4,
        /// Diners Club (name inferred).
        Diners = 5,
        /// JCB.
        JCB = 6,
        /// enRoute (name inferred).
        EnRoute = 7,
        /// PayPal.
        PayPal = 8,
        /// Bill me (invoice).
        BillMe = 9,
        /// Personal checking.
        PC = 11,
        /// Personal savings.
        PS = 12,
        /// Business checking.
        BC = 13,
        /// Business savings (name inferred).
        BS = 14,
        /// BECS (Australian direct debit).
        BECS = 15,
        /// BACS (UK direct debit; name inferred).
        BACS = 16,
        /// Maestro.
        Maestro = 20,
        /// Solo (name inferred).
        Solo = 21,
        /// Visa Electron (name inferred).
        VisaElectron = 22,
        /// CIBC (name inferred).
        CIBC = 23,
        /// Royal Bank of Canada (name inferred).
        RoyalBankCa = 24,
        /// TD Canada Trust (name inferred).
        TDCaTrust = 25,
        /// Scotiabank (name inferred).
        Scotia = 26,
        /// Bank of Montreal.
        BMO = 27,
        /// HSBC Canada.
        HSBCCa = 28,
        /// UnionPay.
        UnionPay = 29,
        /// InterPayment (name inferred).
        InterPayment = 30,
        /// Laser.
        Laser = 31,
        /// An unknown credit card type (name inferred).
        UnknownCredit = 40,
        /// TransArmor (name inferred).
        TransArmor = 41,
        /// Factor 4 gift card.
        Factor4 = 42,
        /// XPass.
        XPass = 43,
        /// A connected account (name inferred).
        ConnectedAccount = 44,
        /// An unknown bank account type.
        UnknownBank = 45,
        /// An error marker; not something to send.
        Error = -1,
    }
}

/// Request of `POST /sales/contract/sold/new/user`: creates a user and sells them a package
/// (`PackageId` / `InstallmentPlanId`). Answered by [`SellContractAndSetupClientResponse`].
///
/// Two ways to pay, which exclude each other:
/// - current: `PaymentMethods`, with the deprecated card fields (`AcctToken`, `Last4`,
///   `ExpMonth`, `ExpYear`, `AcctType`, `BnkRoute`, `IsTemp`) left out or null;
/// - deprecated: those card fields (describing a profile made with the ClubReadyGateway API),
///   with `PaymentMethods` left out or null.
///
/// Since the user is new, `PreferredOnFile` does not apply here, and a `ProfileToken` must have
/// the owner type `TempStUser` (the profile is handed to the new user).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SellContractAndSetupClientRequest {
    /// API key authenticating the caller. Required; sent in the query string.
    pub api_key: Option<Secret>,
    /// The chain the API key belongs to. Optional; sent in the query string.
    pub chain_id: Option<i32>,
    /// The store the new user belongs to. Required; sent in the query string.
    pub store_id: Option<i32>,
    /// The package being sold. Required (always written, `0` when not set).
    #[serde(default)]
    pub package_id: i32,
    /// The installment plan being sold. Required (always written, `0` when not set).
    #[serde(default)]
    pub installment_plan_id: i32,
    /// The amount being paid. Required (always written, `0` when not set).
    #[serde(default)]
    pub payment_amount: Decimal,
    /// When the contract takes effect. Optional.
    pub start_date: Option<DateTime>,
    /// The user's first name. Required.
    pub first_name: Option<String>,
    /// The user's last name. Required.
    pub last_name: Option<String>,
    /// The user's email address. Required.
    pub email: Option<String>,
    /// The user's gender. Optional.
    pub gender: Option<String>,
    /// Street address. Optional.
    pub address: Option<String>,
    /// City. Optional.
    pub city: Option<String>,
    /// State. Optional.
    pub state: Option<String>,
    /// ZIP code. Optional.
    pub zip: Option<String>,
    /// Home phone number. Optional.
    pub phone: Option<String>,
    /// Work phone number. Optional.
    pub work_phone: Option<String>,
    /// Date of birth. Optional.
    pub date_of_birth: Option<DateTime>,
    /// Cell phone number. Optional.
    pub cell_phone: Option<String>,
    /// An internal note stored with the new prospect. Optional.
    pub note: Option<String>,
    /// Your own id for the user (stored by ClubReady as `ExternalUserId`). Optional.
    pub external_id: Option<String>,
    /// A promo code for a discount. Optional.
    pub promo_code: Option<String>,
    /// The user's login name, 4 to 255 characters. Optional.
    pub username: Option<String>,
    /// How the user was referred, as an id. Optional.
    pub referral_type_id: Option<i32>,
    /// Name of the emergency contact. Optional.
    pub emergency_contact_name: Option<String>,
    /// Phone number of the emergency contact. Optional.
    pub emergency_contact_phone: Option<String>,
    /// Relationship of the emergency contact to the user. Optional.
    pub emergency_contact_type: Option<String>,
    /// How to take payment, tried in order (see [`PaymentMethodDto`]). Excludes the deprecated
    /// card fields below. In a query string this must be JSV, e.g.
    /// `[{PaymentMethodType:AcctToken,PaymentAmount:1.00,AcctToken:...}]`.
    pub payment_methods: Option<Vec<PaymentMethodDto>>,
    /// Id of the resource the request is restricted to (see `RestrictedResourceType`).
    pub restricted_id: Option<i32>,
    /// Kind of resource `RestrictedId` names.
    pub restricted_resource_type: Option<RestrictedResourceType>,
    /// An authentication token (on the wire, not described by the page).
    pub auth_token: Option<Secret>,
    /// Deprecated (use `PaymentMethods` with `ProfileToken`): token of a payment profile made
    /// with the ClubReadyGateway API. Needed if the package requires a purchase and
    /// `PaymentMethods` is empty.
    pub acct_token: Option<Secret>,
    /// Deprecated: last four digits of the payment profile; required with `AcctToken`.
    pub last4: Option<String>,
    /// Deprecated: two-digit expiry month; required with `AcctToken` for a credit card.
    pub exp_month: Option<i32>,
    /// Deprecated: two-digit expiry year; required with `AcctToken` for a credit card.
    pub exp_year: Option<i32>,
    /// Deprecated: the account type of the payment profile (name or number).
    pub acct_type: Option<AcctType>,
    /// A card type, as a number (on the wire, not described by the page).
    pub card_type: Option<i32>,
    /// Deprecated: bank routing number; required with `AcctToken` for a bank account.
    pub bnk_route: Option<i32>,
    /// Deprecated: whether the payment profile is temporary (one-time payments and gift cards
    /// are). Always written, `false` by default.
    #[serde(default)]
    pub is_temp: bool,
}

/// Response of `POST /sales/contract/sold/new/user`. It has no properties (`{}`): a failure
/// comes as an HTTP error status with a [`ResponseStatus`](super::ResponseStatus) body, or as a
/// bare text body such as `Unauthorized`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SellContractAndSetupClientResponse {}
