//! The request and response types of ClubReady's sales and payment operations, as
//! ServiceStack exposes them: property names and order exactly as on the wire, .NET nullable
//! values as `Option`, non-nullable value types as plain fields (always written, and read as
//! their .NET default when absent), credentials as [`Secret`](crate::Secret).
//!
//! | operation | request | response |
//! |---|---|---|
//! | `GET /sales/paymentProfile/balanceInquiry` | [`PaymentProfileBalanceInquiryEndpoint`] | [`PaymentProfileBalanceInquiryEndpointResponse`] |
//! | `POST /sales/paymentprofile/import` | [`PaymentProfileImportEndpoint`] | [`PaymentProfileImportResponse`] |
//! | `POST /sales/contract/sold/new/user` | [`SellContractAndSetupClientRequest`] | [`SellContractAndSetupClientResponse`] |
//! | `POST /sales/agreement/sale` | [`SaleEndpoint`] | [`SaleResponse`] |
//! | `POST /sales/contract/sold` | [`SellContractRequest`] | [`SellContractResultDto`] |
//!
//! Every type's ServiceStack name is its [`WireType::WIRE_NAME`].
//!
//! ```
//! use clubready_wire::dotnet::Decimal;
//! use clubready_wire::dto::{SaleEndpoint, SalePaymentMethodDto, WireType};
//! use clubready_wire::jsv;
//!
//! let sale = SaleEndpoint {
//!     payment_amount: Some("3.00".parse::<Decimal>()?),
//!     payment_methods: Some(vec![SalePaymentMethodDto {
//!         payment_amount: Some("1.00".parse()?),
//!         use_preferred: Some(true),
//!         ..Default::default()
//!     }]),
//!     ..Default::default()
//! };
//! assert_eq!(
//!     jsv::to_string(&sale)?,
//!     "{PaymentAmount:3.00,PaymentMethods:[{PaymentAmount:1.00,UsePreferred:True}]}"
//! );
//! assert_eq!(SalePaymentMethodDto::WIRE_NAME, "PaymentMethodDto");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod agreement_sale;
mod balance_inquiry;
mod common;
mod payment_profile_import;
mod sell_contract;
mod sell_contract_new_user;

pub use agreement_sale::{SaleEndpoint, SaleResponse};
pub use balance_inquiry::{
    PaymentProfileBalanceInquiryEndpoint, PaymentProfileBalanceInquiryEndpointResponse,
};
pub use common::{
    ErrorResponse, PaymentMethodDto, PaymentMethodType, PaymentProfile, PendingPaymentResponse,
    ResponseError, ResponseStatus, RestrictedResourceType, SalePaymentMethodDto,
};
pub use payment_profile_import::{
    OwnerType, PaymentProfileImportEndpoint, PaymentProfileImportResponse,
};
pub use sell_contract::{SellContractRequest, SellContractResultDto};
pub use sell_contract_new_user::{
    AcctType, SellContractAndSetupClientRequest, SellContractAndSetupClientResponse,
};

/// A DTO's type name as ServiceStack knows it (`/json/reply/{WIRE_NAME}`, metadata pages).
pub trait WireType {
    /// The .NET type name, exactly as on the wire (which may differ from the Rust name).
    const WIRE_NAME: &'static str;
}

/// Calls the macro `$callback!` with the names of every DTO type in [`dto`](crate::dto), comma
/// separated, so that tables over all types (the CLI's, the tests') come from one list.
///
/// ```
/// macro_rules! count { ($($ty:ident),* $(,)?) => { [$(stringify!($ty)),*].len() } }
/// assert_eq!(clubready_wire::for_each_dto!(count), 17);
/// ```
#[macro_export]
macro_rules! for_each_dto {
    ($callback:ident) => {
        $callback! {
            PaymentProfileBalanceInquiryEndpoint,
            PaymentProfileBalanceInquiryEndpointResponse,
            PaymentProfileImportEndpoint,
            PaymentProfileImportResponse,
            SellContractAndSetupClientRequest,
            SellContractAndSetupClientResponse,
            SaleEndpoint,
            SaleResponse,
            SellContractRequest,
            SellContractResultDto,
            PaymentMethodDto,
            SalePaymentMethodDto,
            PaymentProfile,
            PendingPaymentResponse,
            ResponseStatus,
            ResponseError,
            ErrorResponse,
        }
    };
}

/// Implements [`WireType`] for each `Type => "WireName"`.
macro_rules! wire_types {
    ($($ty:ty => $name:literal,)+) => {$(
        impl WireType for $ty {
            const WIRE_NAME: &'static str = $name;
        }
    )+};
}

wire_types! {
    PaymentProfileBalanceInquiryEndpoint => "PaymentProfileBalanceInquiryEndpoint",
    // ServiceStack's own misspelling.
    PaymentProfileBalanceInquiryEndpointResponse => "PamentProfileBalanceInquiryEndpointResponse",
    PaymentProfileImportEndpoint => "PaymentProfileImportEndpoint",
    PaymentProfileImportResponse => "PaymentProfileImportResponse",
    SellContractAndSetupClientRequest => "SellContractAndSetupClientRequest",
    SellContractAndSetupClientResponse => "SellContractAndSetupClientResponse",
    SaleEndpoint => "SaleEndpoint",
    SaleResponse => "SaleResponse",
    SellContractRequest => "SellContractRequest",
    SellContractResultDto => "SellContractResultDto",
    PaymentMethodDto => "PaymentMethodDto",
    // The agreement-sale shape shares the .NET name of the other one.
    SalePaymentMethodDto => "PaymentMethodDto",
    PaymentProfile => "PaymentProfile",
    PendingPaymentResponse => "PendingPaymentResponse",
    ResponseStatus => "ResponseStatus",
    ResponseError => "ResponseError",
    ErrorResponse => "ErrorResponse",
}
