//! `POST /sales/agreement/sale`: completes the sale of a package set up by
//! `/sales/agreement/add`.

use serde::{Deserialize, Serialize};

use super::{RestrictedResourceType, SalePaymentMethodDto};
use crate::dotnet::Decimal;
use crate::Secret;

/// Request of `POST /sales/agreement/sale`: sells a package to an existing user, completing an
/// agreement started with `/sales/agreement/add`. Answered by [`SaleResponse`].
///
/// The HTTP header `X-Forwarded-For` (the end user's IP address) is required: ServiceStack binds
/// no headers to properties, so setting `XForwardedFor` alone is not enough.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SaleEndpoint {
    /// IP address of the end user. Required, as the `X-Forwarded-For` header.
    pub x_forwarded_for: Option<String>,
    /// API key authenticating the caller. Required; sent in the query string.
    pub api_key: Option<Secret>,
    /// Member id of the user buying the package. Required; sent in the query string.
    pub member_id: Option<i32>,
    /// The chain the API key belongs to. Optional.
    pub chain_id: Option<i32>,
    /// The user's store. Required.
    pub store_id: Option<i32>,
    /// The `IncompleteAgreementToken` returned by the agreement/contract text endpoint.
    /// Required.
    pub incomplete_agreement_token: Option<Secret>,
    /// Amount paid now, tax included. Required.
    pub payment_amount: Option<Decimal>,
    /// A promo code for a discount. Optional.
    pub promo_code: Option<String>,
    /// Staff id of the salesperson. Optional.
    pub staff_id: Option<i32>,
    /// How to take payment, tried in order (see [`SalePaymentMethodDto`]); when absent or null,
    /// the preferred method on file pays the whole amount. In a query string this must be JSV
    /// with the brackets kept, e.g. `[{PaymentAmount:1.00,UsePreferred:true}]`.
    pub payment_methods: Option<Vec<SalePaymentMethodDto>>,
    /// Id of the resource the request is restricted to (see `RestrictedResourceType`).
    pub restricted_id: Option<i32>,
    /// Kind of resource `RestrictedId` names.
    pub restricted_resource_type: Option<RestrictedResourceType>,
}

/// Response of `POST /sales/agreement/sale`. Its property names are lower case on the wire.
/// A failure can also arrive with HTTP 200 and `success` false.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SaleResponse {
    /// Whether the sale succeeded.
    pub success: Option<bool>,
    /// A message explaining the result.
    pub message: Option<String>,
}
