//! `POST /sales/contract/sold`: sells a package to an existing user.

use serde::{Deserialize, Serialize};

use super::{PaymentMethodDto, PendingPaymentResponse, RestrictedResourceType};
use crate::dotnet::{DateTime, Decimal};
use crate::Secret;

/// Request of `POST /sales/contract/sold`: sells a package (`PackageId` / `InstallmentId`) to an
/// existing user. Answered by [`SellContractResultDto`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SellContractRequest {
    /// API key authenticating the caller. Required; sent in the query string.
    pub api_key: Option<Secret>,
    /// Member id of the user buying the package. Required; sent in the query string.
    pub member_id: Option<i32>,
    /// The chain the API key belongs to. Optional.
    pub chain_id: Option<i32>,
    /// The user's store. Required.
    pub store_id: Option<i32>,
    /// The package being bought. Required.
    pub package_id: Option<i32>,
    /// The installment plan being bought; when absent, the package's default. Optional.
    pub installment_id: Option<i32>,
    /// Amount paid now, tax included. Required.
    pub payment_amount: Option<Decimal>,
    /// A promo code for a discount. Optional.
    pub promo_code: Option<String>,
    /// Staff id of the salesperson. Optional.
    pub staff_id: Option<i32>,
    /// How to take payment, tried in order (see [`PaymentMethodDto`]); when absent or null, the
    /// preferred profile on file is used. An `AcctToken` whose `ProfileToken` was already used
    /// (e.g. by `/sales/paymentprofile/import`) needs no `ProfileToken` again. In a query string
    /// this must be JSV, e.g. `[{PaymentMethodType:PreferredOnFile,PaymentAmount:1.00}]`.
    pub payment_methods: Option<Vec<PaymentMethodDto>>,
    /// Id of the resource the request is restricted to (see `RestrictedResourceType`).
    pub restricted_id: Option<i32>,
    /// Kind of resource `RestrictedId` names.
    pub restricted_resource_type: Option<RestrictedResourceType>,
    /// When the contract takes effect (last on the wire: it comes from a base class).
    pub start_date: Option<DateTime>,
}

/// Response of `POST /sales/contract/sold`. Note the wire names `ContractSaleID` and the lower
/// case `description`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SellContractResultDto {
    /// Id of the contract sale created.
    #[serde(rename = "ContractSaleID")]
    pub contract_sale_id: Option<String>,
    /// A description of the result.
    #[serde(rename = "description")]
    pub description: Option<String>,
    /// Whether the sale succeeded.
    pub success: Option<bool>,
    /// The outcome of each payment method tried.
    pub payment_responses: Option<Vec<PendingPaymentResponse>>,
}
