//! `GET /sales/paymentProfile/balanceInquiry`: the balance of a Factor 4 gift card.

use serde::{Deserialize, Serialize};

use crate::dotnet::Decimal;
use crate::Secret;

/// Request of `GET /sales/paymentProfile/balanceInquiry`: looks up the balance of a Factor 4
/// gift card.
///
/// Two styles: with only `AcctToken`, the card must already have been imported into ClubReady;
/// with `AcctToken` and `ProfileToken`, the profile is first added to the user (so no separate
/// `/sales/paymentprofile/import` call is needed), then its balance is read. Both tokens come from
/// the ClubReadyGateway API. Answered by [`PaymentProfileBalanceInquiryEndpointResponse`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PaymentProfileBalanceInquiryEndpoint {
    /// API key authenticating the caller. Required; sent in the query string.
    pub api_key: Option<Secret>,
    /// The store the card belongs to. Required; sent in the query string (always written, `0`
    /// when not set).
    #[serde(default)]
    pub store_id: i32,
    /// Token identifying the gift card's payment profile (about 80 characters; it can change
    /// over time, so do not keep it long-term). Required.
    pub acct_token: Option<Secret>,
    /// Profile data token from the ClubReadyGateway API (about 1,000 characters, accepted for
    /// 5 minutes after it was issued). Optional: when given, the profile is imported first.
    pub profile_token: Option<Secret>,
    /// IP address of the terminal making the inquiry (optional; not described by the page).
    pub terminal_ip_address: Option<String>,
}

/// Response of `GET /sales/paymentProfile/balanceInquiry`.
///
/// ServiceStack's type name is misspelt `PamentProfileBalanceInquiryEndpointResponse` (see
/// [`WireType::WIRE_NAME`](super::WireType::WIRE_NAME)); the Rust name is spelt correctly.
#[doc(alias = "PamentProfileBalanceInquiryEndpointResponse")]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PaymentProfileBalanceInquiryEndpointResponse {
    /// Whether the inquiry succeeded (always written).
    #[serde(default)]
    pub success: bool,
    /// Last four digits of the card.
    pub last4: Option<String>,
    /// The card's balance.
    pub account_balance: Option<Decimal>,
    /// The processor's response code.
    pub response_code: Option<String>,
    /// A message explaining the result.
    pub message: Option<String>,
}
