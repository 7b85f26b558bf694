//! `POST /sales/paymentprofile/import`: brings a payment profile created in the ClubReadyGateway
//! API into ClubReady.

use serde::{Deserialize, Serialize};

use super::PaymentProfile;
use crate::dotnet::ValueTuple;
use crate::Secret;

crate::dotnet_enum! {
    /// Who owns a payment profile. The member names are ServiceStack's; the numbers are the
    /// assumed ones of the reference vectors (the pages do not list them).
    pub enum OwnerType {
        /// Unknown owner.
        Unknown = 0,
        /// A ClubReady user.
        User = 1,
        /// A temporary owner, used until the profile is assigned to a user (e.g. by `NewOwnerId`
        /// on import, or by a sale that creates the user).
        TempStUser = 2,
    }
}

/// Request of `POST /sales/paymentprofile/import`: imports a payment profile created in the
/// ClubReadyGateway (Vault) API into ClubReady. Answered by [`PaymentProfileImportResponse`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PaymentProfileImportEndpoint {
    /// API key authenticating the caller. Required; sent in the query string.
    pub api_key: Option<Secret>,
    /// Token identifying the payment profile (about 80 characters; it can change over time, so
    /// do not keep it long-term). Required.
    pub acct_token: Option<Secret>,
    /// Profile data token from the ClubReadyGateway API (usually about 1,000 characters). It
    /// carries a timestamp and is refused 5 minutes after it was issued (a new profile is then
    /// needed). Required.
    pub profile_token: Option<Secret>,
    /// For a profile that is not temporary: `true` keeps the user's payment type preference
    /// instead of switching it to the new profile's account class. Ignored for temporary
    /// profiles. Optional (always written, `false` by default).
    #[serde(default)]
    pub do_not_update_payment_type_preference: bool,
    /// Conditionally required: for a profile owned by a `TempStUser`, the id of the user who
    /// becomes its owner.
    pub new_owner_id: Option<i32>,
    /// The new owner as id and kind (.NET `ValueTuple<int, OwnerType>?`). ServiceStack writes it
    /// as the text `"(5, User)"` and cannot read that text back itself; prefer `NewOwnerId`.
    pub new_owner: Option<ValueTuple<i32, OwnerType>>,
}

/// Response of `POST /sales/paymentprofile/import`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PaymentProfileImportResponse {
    /// Whether the import succeeded (always written).
    #[serde(default)]
    pub success: bool,
    /// A message explaining the result.
    pub message: Option<String>,
    /// The imported profile.
    pub payment_profile: Option<PaymentProfile>,
}
