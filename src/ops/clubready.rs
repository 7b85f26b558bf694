//! ClubReady's five sales and payment operations, as their seed pages (`tests/data/seeds/`)
//! declare them: route, method, response type, and each property's `ParameterType` (`query`,
//! `header`; every other property is `body`/`form`, or query on the `GET`). Each runs its
//! [`Validate`](crate::validate::Validate) rules before it is sent.
//!
//! | operation | method, path | query | header |
//! |---|---|---|---|
//! | [`PaymentProfileBalanceInquiryEndpoint`] | `GET /sales/paymentProfile/balanceInquiry` | everything (`ApiKey`, `StoreId` declared) | |
//! | [`PaymentProfileImportEndpoint`] | `POST /sales/paymentprofile/import` | `ApiKey` | |
//! | [`SellContractAndSetupClientRequest`] | `POST /sales/contract/sold/new/user` | `ApiKey`, `ChainId`, `StoreId` | |
//! | [`SaleEndpoint`] | `POST /sales/agreement/sale` | `ApiKey`, `MemberId` | `XForwardedFor` as `X-Forwarded-For` (also in the body) |
//! | [`SellContractRequest`] | `POST /sales/contract/sold` | `ApiKey`, `MemberId` | |

use crate::dto::{
    PaymentProfileBalanceInquiryEndpoint, PaymentProfileBalanceInquiryEndpointResponse,
    PaymentProfileImportEndpoint, PaymentProfileImportResponse, SaleEndpoint, SaleResponse,
    SellContractAndSetupClientRequest, SellContractAndSetupClientResponse, SellContractRequest,
    SellContractResultDto,
};

// Seed 000: `GET/sales/paymentProfile/balanceInquiry`; `ApiKey` and `StoreId` are
// `ParameterType="query"`, and a GET sends the rest in the query string too.
crate::operation! {
    PaymentProfileBalanceInquiryEndpoint => PaymentProfileBalanceInquiryEndpointResponse {
        method: GET,
        path: "/sales/paymentProfile/balanceInquiry",
        query: ["ApiKey", "StoreId"],
        check: crate::validate::Validate::check,
    }
}

// Seed 001: `POST/sales/paymentprofile/import`; its parameter table: `ApiKey` query, the others
// body (`NewOwner` form).
crate::operation! {
    PaymentProfileImportEndpoint => PaymentProfileImportResponse {
        method: POST,
        path: "/sales/paymentprofile/import",
        query: ["ApiKey"],
        check: crate::validate::Validate::check,
    }
}

// Seed 002: `POST /sales/contract/sold/new/user`; `ApiKey`, `ChainId`, `StoreId` are
// `ParameterType="query"`.
crate::operation! {
    SellContractAndSetupClientRequest => SellContractAndSetupClientResponse {
        method: POST,
        path: "/sales/contract/sold/new/user",
        query: ["ApiKey", "ChainId", "StoreId"],
        check: crate::validate::Validate::check,
    }
}

// Seed 003: `POST/sales/agreement/sale`; `XForwardedFor` is `Name="X-Forwarded-For",
// ParameterType="header"`, `ApiKey` and `MemberId` are `ParameterType="query"`.
crate::operation! {
    SaleEndpoint => SaleResponse {
        method: POST,
        path: "/sales/agreement/sale",
        query: ["ApiKey", "MemberId"],
        headers: ["XForwardedFor" => "X-Forwarded-For"],
        check: crate::validate::Validate::check,
    }
}

// Seed 004: `POST | /sales/contract/sold`; `ApiKey` and `MemberId` are `ParameterType="query"`.
crate::operation! {
    SellContractRequest => SellContractResultDto {
        method: POST,
        path: "/sales/contract/sold",
        query: ["ApiKey", "MemberId"],
        check: crate::validate::Validate::check,
    }
}
