//! Request validation (`clubready_wire::validate`): every rule with a valid and an invalid
//! example (exact paths, rules and messages), all violations of a request in a stable order,
//! credentials never shown, and the seed pages' own samples validated into snapshots.

use std::fmt::Debug;

use clubready_wire::dotnet::Decimal;
use clubready_wire::dto::*;
use clubready_wire::validate::{Checker, Rule, Validate, Violations};
use clubready_wire::{json, jsv};
use serde::de::DeserializeOwned;

use crate::seed_samples::{
    described_examples, list_of, seed, Example, Lang, SEED_002, SEED_003, SEED_004,
};
use crate::support::{load, snapshots};

// ---------------------------------------------------------------------------------------------
// The table runner.

/// What validating gives.
type Outcome = Result<(), Violations>;

/// One expected violation: path, rule, message.
type Expected = &'static [(&'static str, Rule, &'static str)];

/// A change to a valid value, and what validating the result must give (`&[]`: valid).
struct Case<T> {
    name: &'static str,
    edit: fn(&mut T),
    expect: Expected,
}

/// The violations of `value` as `(path, rule, message)`; empty when valid.
fn found<T: Validate + ?Sized>(value: &T) -> Vec<(String, Rule, String)> {
    match value.validate() {
        Ok(()) => Vec::new(),
        Err(violations) => {
            assert!(!violations.is_empty(), "an error with no violations");
            violations
                .iter()
                .map(|v| (v.path().to_owned(), v.rule(), v.message().to_owned()))
                .collect()
        }
    }
}

/// Applies every case to a copy of `base` (which must be valid) and compares; reports every
/// failing case at once.
fn run<T: Validate + Clone>(base: T, cases: &[Case<T>]) {
    assert_eq!(found(&base), [], "the base value is not valid");
    let mut failures = Vec::new();
    for case in cases {
        let mut value = base.clone();
        (case.edit)(&mut value);
        let got = found(&value);
        let want: Vec<(String, Rule, String)> = case
            .expect
            .iter()
            .map(|&(p, r, m)| (p.to_owned(), r, m.to_owned()))
            .collect();
        if got != want {
            failures.push(format!("{}:\n   got {got:#?}\n  want {want:#?}", case.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Each rule is exercised both ways: the table has valid and invalid cases.
    assert!(cases.iter().any(|c| c.expect.is_empty()));
    assert!(cases.iter().any(|c| !c.expect.is_empty()));
}

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn some(text: &str) -> Option<String> {
    Some(text.to_owned())
}

// ---------------------------------------------------------------------------------------------
// Payment methods.

const SALE_HINT_NONE: &str =
    "names no way to pay; use exactly one of UsePreferred: true, AcctToken, ProfileToken";

#[test]
fn sale_payment_method_rules() {
    use Rule::*;
    const BASE_AND_ACCT: &str = "names more than one way to pay (UsePreferred, AcctToken); \
         use exactly one of UsePreferred: true, AcctToken, ProfileToken";
    let base = SalePaymentMethodDto {
        payment_amount: Some(dec("1.00")),
        use_preferred: Some(true),
        ..Default::default()
    };
    run(
        base,
        &[
            // ExactlyOnePaymentSelector
            Case {
                name: "UsePreferred alone",
                edit: |_| {},
                expect: &[],
            },
            Case {
                name: "AcctToken alone",
                edit: |m| {
                    m.use_preferred = None;
                    m.acct_token = Some("eyJ...".into());
                },
                expect: &[],
            },
            Case {
                name: "ProfileToken alone",
                edit: |m| {
                    m.use_preferred = None;
                    m.profile_token = Some("eyJ...".into());
                },
                expect: &[],
            },
            Case {
                name: "UsePreferred false is not a selector",
                edit: |m| {
                    m.use_preferred = Some(false);
                    m.acct_token = Some("eyJ...".into());
                },
                expect: &[],
            },
            Case {
                name: "PaymentProfileId alone (the page's lost word, read leniently)",
                edit: |m| {
                    m.use_preferred = None;
                    m.payment_profile_id = some("42");
                },
                expect: &[],
            },
            Case {
                name: "nothing",
                edit: |m| m.use_preferred = None,
                expect: &[(".", ExactlyOnePaymentSelector, SALE_HINT_NONE)],
            },
            Case {
                name: "UsePreferred false alone",
                edit: |m| m.use_preferred = Some(false),
                expect: &[(".", ExactlyOnePaymentSelector, SALE_HINT_NONE)],
            },
            Case {
                name: "an empty AcctToken is no AcctToken",
                edit: |m| {
                    m.use_preferred = None;
                    m.acct_token = Some("".into());
                },
                expect: &[(".", ExactlyOnePaymentSelector, SALE_HINT_NONE)],
            },
            Case {
                name: "UsePreferred and AcctToken",
                edit: |m| m.acct_token = Some("eyJ...".into()),
                expect: &[(".", ExactlyOnePaymentSelector, BASE_AND_ACCT)],
            },
            Case {
                name: "all three",
                edit: |m| {
                    m.acct_token = Some("eyJ...".into());
                    m.profile_token = Some("eyJ...".into());
                },
                expect: &[(
                    ".",
                    ExactlyOnePaymentSelector,
                    "names more than one way to pay (UsePreferred, AcctToken, ProfileToken); \
                     use exactly one of UsePreferred: true, AcctToken, ProfileToken",
                )],
            },
            // OnlyWithProfileToken
            Case {
                name: "DoNotUpdatePaymentTypePreference with ProfileToken",
                edit: |m| {
                    m.use_preferred = None;
                    m.profile_token = Some("eyJ...".into());
                    m.do_not_update_payment_type_preference = Some(true);
                },
                expect: &[],
            },
            Case {
                name: "DoNotUpdatePaymentTypePreference false without ProfileToken",
                edit: |m| m.do_not_update_payment_type_preference = Some(false),
                expect: &[],
            },
            Case {
                name: "DoNotUpdatePaymentTypePreference without ProfileToken",
                edit: |m| m.do_not_update_payment_type_preference = Some(true),
                expect: &[(
                    "DoNotUpdatePaymentTypePreference",
                    OnlyWithProfileToken,
                    "is only valid with ProfileToken",
                )],
            },
            // NotNegative
            Case {
                name: "zero amount",
                edit: |m| m.payment_amount = Some(dec("0.00")),
                expect: &[],
            },
            Case {
                name: "negative zero is zero",
                edit: |m| m.payment_amount = Some(dec("-0.00")),
                expect: &[],
            },
            Case {
                name: "no amount (the remainder)",
                edit: |m| m.payment_amount = None,
                expect: &[],
            },
            Case {
                name: "negative amount",
                edit: |m| m.payment_amount = Some(dec("-0.01")),
                expect: &[("PaymentAmount", NotNegative, "must not be negative")],
            },
            Case {
                name: "every rule of the entry, in order",
                edit: |m| {
                    m.acct_token = Some("eyJ...".into());
                    m.payment_amount = Some(dec("-1"));
                    m.do_not_update_payment_type_preference = Some(true);
                },
                expect: &[
                    (".", ExactlyOnePaymentSelector, BASE_AND_ACCT),
                    ("PaymentAmount", NotNegative, "must not be negative"),
                    (
                        "DoNotUpdatePaymentTypePreference",
                        OnlyWithProfileToken,
                        "is only valid with ProfileToken",
                    ),
                ],
            },
        ],
    );
}

const ACCT_REQUIRED: &str = "is required when PaymentMethodType is AcctToken or omitted";

#[test]
fn payment_method_rules() {
    use Rule::*;
    const PREFERRED_AND_ACCT: &str = "names more than one way to pay (PaymentMethodType \
         PreferredOnFile, AcctToken); AcctToken and ProfileToken go with PaymentMethodType AcctToken";
    let base = PaymentMethodDto {
        acct_token: Some("eyJ...".into()),
        payment_amount: Some(dec("1.00")),
        ..Default::default()
    };
    run(
        base,
        &[
            // Required: AcctToken with PaymentMethodType AcctToken or omitted
            Case {
                name: "AcctToken, type omitted",
                edit: |_| {},
                expect: &[],
            },
            Case {
                name: "AcctToken and ProfileToken, type AcctToken",
                edit: |m| {
                    m.payment_method_type = Some(PaymentMethodType::AcctToken);
                    m.profile_token = Some("eyJ...".into());
                },
                expect: &[],
            },
            Case {
                name: "type omitted, no AcctToken",
                edit: |m| m.acct_token = None,
                expect: &[("AcctToken", Required, ACCT_REQUIRED)],
            },
            Case {
                name: "type AcctToken, empty AcctToken",
                edit: |m| {
                    m.payment_method_type = Some(PaymentMethodType::AcctToken);
                    m.acct_token = Some("".into());
                },
                expect: &[("AcctToken", Required, ACCT_REQUIRED)],
            },
            Case {
                name: "ProfileToken alone (it comes with AcctToken)",
                edit: |m| {
                    m.acct_token = None;
                    m.profile_token = Some("eyJ...".into());
                },
                expect: &[("AcctToken", Required, ACCT_REQUIRED)],
            },
            // ExactlyOnePaymentSelector
            Case {
                name: "PreferredOnFile alone",
                edit: |m| {
                    m.acct_token = None;
                    m.payment_method_type = Some(PaymentMethodType::PreferredOnFile);
                },
                expect: &[],
            },
            Case {
                name: "PreferredOnFile with AcctToken",
                edit: |m| m.payment_method_type = Some(PaymentMethodType::PreferredOnFile),
                expect: &[(".", ExactlyOnePaymentSelector, PREFERRED_AND_ACCT)],
            },
            Case {
                name: "PreferredOnFile with both tokens",
                edit: |m| {
                    m.payment_method_type = Some(PaymentMethodType::PreferredOnFile);
                    m.profile_token = Some("eyJ...".into());
                },
                expect: &[(
                    ".",
                    ExactlyOnePaymentSelector,
                    "names more than one way to pay (PaymentMethodType PreferredOnFile, \
                     AcctToken, ProfileToken); AcctToken and ProfileToken go with \
                     PaymentMethodType AcctToken",
                )],
            },
            Case {
                name: "PaymentProfileId type is not described: not checked",
                edit: |m| {
                    m.acct_token = None;
                    m.payment_method_type = Some(PaymentMethodType::PaymentProfileId);
                    m.payment_profile_id = some("42");
                },
                expect: &[],
            },
            Case {
                name: "Uninitialized is not read as AcctToken: not checked",
                edit: |m| {
                    m.acct_token = None;
                    m.payment_method_type = Some(PaymentMethodType::Uninitialized);
                },
                expect: &[],
            },
            // OnlyWithProfileToken
            Case {
                name: "DoNotUpdatePaymentTypePreference with ProfileToken",
                edit: |m| {
                    m.profile_token = Some("eyJ...".into());
                    m.do_not_update_payment_type_preference = Some(true);
                },
                expect: &[],
            },
            Case {
                name: "DoNotUpdatePaymentTypePreference without ProfileToken",
                edit: |m| m.do_not_update_payment_type_preference = Some(true),
                expect: &[(
                    "DoNotUpdatePaymentTypePreference",
                    OnlyWithProfileToken,
                    "is only valid with ProfileToken",
                )],
            },
            // NotNegative
            Case {
                name: "negative amount",
                edit: |m| m.payment_amount = Some(dec("-1.00")),
                expect: &[("PaymentAmount", NotNegative, "must not be negative")],
            },
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// The five requests: a valid one each, and what each change gives.

fn acct_method(amount: &str) -> SalePaymentMethodDto {
    SalePaymentMethodDto {
        payment_amount: Some(dec(amount)),
        acct_token: Some("eyJ...".into()),
        ..Default::default()
    }
}

fn preferred_method(amount: &str) -> SalePaymentMethodDto {
    SalePaymentMethodDto {
        payment_amount: Some(dec(amount)),
        use_preferred: Some(true),
        ..Default::default()
    }
}

fn valid_sale() -> SaleEndpoint {
    SaleEndpoint {
        x_forwarded_for: some("203.0.113.7"),
        api_key: Some("api-key".into()),
        member_id: Some(1234),
        store_id: Some(56),
        incomplete_agreement_token: Some("agreement-token".into()),
        payment_amount: Some(dec("3.00")),
        payment_methods: Some(vec![acct_method("1.00"), preferred_method("2.00")]),
        ..Default::default()
    }
}

#[test]
fn sale_rules() {
    use Rule::*;
    run(
        valid_sale(),
        &[
            Case {
                name: "no PaymentMethods (the preferred method pays)",
                edit: |r| r.payment_methods = None,
                expect: &[],
            },
            Case {
                name: "empty PaymentMethods",
                edit: |r| r.payment_methods = Some(vec![]),
                expect: &[],
            },
            Case {
                name: "Some(0) ids are given",
                edit: |r| {
                    r.member_id = Some(0);
                    r.store_id = Some(0);
                },
                expect: &[],
            },
            Case {
                name: "no X-Forwarded-For",
                edit: |r| r.x_forwarded_for = None,
                expect: &[(
                    "XForwardedFor",
                    Required,
                    "is required (sent as the X-Forwarded-For header)",
                )],
            },
            Case {
                name: "empty X-Forwarded-For",
                edit: |r| r.x_forwarded_for = some(""),
                expect: &[(
                    "XForwardedFor",
                    Required,
                    "is required (sent as the X-Forwarded-For header)",
                )],
            },
            Case {
                name: "no ApiKey",
                edit: |r| r.api_key = None,
                expect: &[("ApiKey", Required, "is required")],
            },
            Case {
                name: "empty ApiKey",
                edit: |r| r.api_key = Some("".into()),
                expect: &[("ApiKey", Required, "is required")],
            },
            Case {
                name: "no MemberId",
                edit: |r| r.member_id = None,
                expect: &[("MemberId", Required, "is required")],
            },
            Case {
                name: "no StoreId",
                edit: |r| r.store_id = None,
                expect: &[("StoreId", Required, "is required")],
            },
            Case {
                name: "no IncompleteAgreementToken",
                edit: |r| r.incomplete_agreement_token = None,
                expect: &[("IncompleteAgreementToken", Required, "is required")],
            },
            Case {
                name: "no PaymentAmount",
                edit: |r| r.payment_amount = None,
                expect: &[("PaymentAmount", Required, "is required")],
            },
            Case {
                name: "negative PaymentAmount",
                edit: |r| r.payment_amount = Some(dec("-3.00")),
                expect: &[("PaymentAmount", NotNegative, "must not be negative")],
            },
            Case {
                name: "a payment method's violations carry its path",
                edit: |r| {
                    let methods = r.payment_methods.as_mut().unwrap();
                    methods[1].acct_token = Some("eyJ...".into());
                    methods[1].do_not_update_payment_type_preference = Some(true);
                },
                expect: &[
                    (
                        "PaymentMethods[1]",
                        ExactlyOnePaymentSelector,
                        "names more than one way to pay (UsePreferred, AcctToken); use exactly \
                         one of UsePreferred: true, AcctToken, ProfileToken",
                    ),
                    (
                        "PaymentMethods[1].DoNotUpdatePaymentTypePreference",
                        OnlyWithProfileToken,
                        "is only valid with ProfileToken",
                    ),
                ],
            },
        ],
    );
}

#[test]
fn x_forwarded_for_is_one_ip_address() {
    let cases: &[(&str, Option<&str>)] = &[
        ("203.0.113.7", None),
        ("2001:db8::1", None),
        ("::ffff:192.0.2.1", None),
        ("::1", None),
        // HTTP's optional whitespace around a header value.
        (" 203.0.113.7\t", None),
        (
            "203.0.113.7, 10.0.0.1",
            Some("must be one IP address, not a list (found `203.0.113.7, 10.0.0.1`)"),
        ),
        (
            "203.0.113.7,10.0.0.1",
            Some("must be one IP address, not a list (found `203.0.113.7,10.0.0.1`)"),
        ),
        (
            "String",
            Some("must be an IP address (IPv4 or IPv6) (found `String`)"),
        ),
        (
            "  ",
            Some("must be an IP address (IPv4 or IPv6) (found `  `)"),
        ),
        (
            "[2001:db8::1]",
            Some("must be an IP address (IPv4 or IPv6) (found `[2001:db8::1]`)"),
        ),
        (
            "fe80::1%eth0",
            Some("must be an IP address (IPv4 or IPv6) (found `fe80::1%eth0`)"),
        ),
        (
            "203.0.113.7:443",
            Some("must be an IP address (IPv4 or IPv6) (found `203.0.113.7:443`)"),
        ),
        (
            "256.1.1.1",
            Some("must be an IP address (IPv4 or IPv6) (found `256.1.1.1`)"),
        ),
        (
            "1.2.3.4\r\nX-Evil: 1",
            Some("must be an IP address (IPv4 or IPv6) (found `1.2.3.4\\r\\nX-Evil: 1`)"),
        ),
        (
            "1.2.3.4\u{202e}`",
            Some("must be an IP address (IPv4 or IPv6) (found `1.2.3.4\\u{202e}\\``)"),
        ),
        (
            "1.2.3.4 5.6.7.8 9.10.11.12 13.14.15.16 17.18.19.20",
            Some(
                "must be an IP address (IPv4 or IPv6) \
                 (found `1.2.3.4 5.6.7.8 9.10.11.12 13.14.15.16 1…`)",
            ),
        ),
    ];
    let mut failures = Vec::new();
    for &(ip, message) in cases {
        let mut sale = valid_sale();
        sale.x_forwarded_for = some(ip);
        let want: Vec<(String, Rule, String)> = message
            .map(|m| ("XForwardedFor".to_owned(), Rule::IpAddress, m.to_owned()))
            .into_iter()
            .collect();
        let got = found(&sale);
        if got != want {
            failures.push(format!("{ip:?}: got {got:?}, want {want:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn valid_balance_inquiry() -> PaymentProfileBalanceInquiryEndpoint {
    PaymentProfileBalanceInquiryEndpoint {
        api_key: Some("api-key".into()),
        store_id: 56,
        acct_token: Some("eyJ...".into()),
        ..Default::default()
    }
}

#[test]
fn balance_inquiry_rules() {
    use Rule::*;
    run(
        valid_balance_inquiry(),
        &[
            Case {
                name: "second style: AcctToken with ProfileToken",
                edit: |r| r.profile_token = Some("eyJ...".into()),
                expect: &[],
            },
            Case {
                name: "TerminalIpAddress is not described: not checked",
                edit: |r| r.terminal_ip_address = some("not an address"),
                expect: &[],
            },
            Case {
                name: "no ApiKey",
                edit: |r| r.api_key = None,
                expect: &[("ApiKey", Required, "is required")],
            },
            Case {
                name: "StoreId 0 (non-nullable: not given)",
                edit: |r| r.store_id = 0,
                expect: &[("StoreId", Required, "is required")],
            },
            Case {
                name: "no AcctToken",
                edit: |r| r.acct_token = None,
                expect: &[("AcctToken", Required, "is required")],
            },
            Case {
                name: "ProfileToken without AcctToken is neither style",
                edit: |r| {
                    r.acct_token = None;
                    r.profile_token = Some("eyJ...".into());
                },
                expect: &[("AcctToken", Required, "is required")],
            },
        ],
    );
}

#[test]
fn payment_profile_import_rules() {
    use Rule::*;
    let base = PaymentProfileImportEndpoint {
        api_key: Some("api-key".into()),
        acct_token: Some("eyJ...".into()),
        profile_token: Some("eyJ...".into()),
        ..Default::default()
    };
    run(
        base,
        &[
            Case {
                name: "optional properties",
                edit: |r| {
                    r.do_not_update_payment_type_preference = true;
                    r.new_owner_id = Some(1234);
                },
                expect: &[],
            },
            Case {
                name: "no ApiKey",
                edit: |r| r.api_key = None,
                expect: &[("ApiKey", Required, "is required")],
            },
            Case {
                name: "no AcctToken",
                edit: |r| r.acct_token = Some("".into()),
                expect: &[("AcctToken", Required, "is required")],
            },
            Case {
                name: "no ProfileToken",
                edit: |r| r.profile_token = None,
                expect: &[("ProfileToken", Required, "is required")],
            },
        ],
    );
}

fn valid_new_user() -> SellContractAndSetupClientRequest {
    SellContractAndSetupClientRequest {
        api_key: Some("api-key".into()),
        store_id: Some(56),
        package_id: 7,
        installment_plan_id: 8,
        payment_amount: dec("49.99"),
        first_name: some("Ada"),
        last_name: some("Lovelace"),
        email: some("ada@example.com"),
        payment_methods: Some(vec![PaymentMethodDto {
            payment_method_type: Some(PaymentMethodType::AcctToken),
            acct_token: Some("eyJ...".into()),
            profile_token: Some("eyJ...".into()),
            ..Default::default()
        }]),
        ..Default::default()
    }
}

/// A valid request the deprecated way: card fields, no `PaymentMethods`.
fn deprecated_way(r: &mut SellContractAndSetupClientRequest) {
    r.payment_methods = None;
    r.acct_token = Some("eyJ...".into());
    r.last4 = some("1111");
    r.acct_type = Some(AcctType::Visa);
    r.exp_month = Some(12);
    r.exp_year = Some(29);
}

const OMIT: &str = "must be omitted or null when PaymentMethods is given (deprecated)";

#[test]
fn sell_contract_new_user_rules() {
    use Rule::*;
    run(
        valid_new_user(),
        &[
            // Required
            Case {
                name: "nothing given",
                edit: |r| *r = SellContractAndSetupClientRequest::default(),
                expect: &[
                    ("ApiKey", Required, "is required"),
                    ("StoreId", Required, "is required"),
                    ("PackageId", Required, "is required"),
                    ("InstallmentPlanId", Required, "is required"),
                    ("FirstName", Required, "is required"),
                    ("LastName", Required, "is required"),
                    ("Email", Required, "is required"),
                ],
            },
            Case {
                name: "PackageId 0 (non-nullable: not given)",
                edit: |r| r.package_id = 0,
                expect: &[("PackageId", Required, "is required")],
            },
            Case {
                name: "empty Email",
                edit: |r| r.email = some(""),
                expect: &[("Email", Required, "is required")],
            },
            Case {
                name: "StoreId Some(0) is given",
                edit: |r| r.store_id = Some(0),
                expect: &[],
            },
            // NotNegative
            Case {
                name: "PaymentAmount 0",
                edit: |r| r.payment_amount = dec("0"),
                expect: &[],
            },
            Case {
                name: "negative PaymentAmount",
                edit: |r| r.payment_amount = dec("-49.99"),
                expect: &[("PaymentAmount", NotNegative, "must not be negative")],
            },
            // Length
            Case {
                name: "Username of 4",
                edit: |r| r.username = some("adal"),
                expect: &[],
            },
            Case {
                name: "Username of 255",
                edit: |r| r.username = Some("x".repeat(255)),
                expect: &[],
            },
            Case {
                name: "Username of 4 UTF-16 units (3 characters)",
                edit: |r| r.username = some("ab\u{1f600}"),
                expect: &[],
            },
            Case {
                name: "empty Username (not given)",
                edit: |r| r.username = some(""),
                expect: &[],
            },
            Case {
                name: "Username of 3",
                edit: |r| r.username = some("ada"),
                expect: &[(
                    "Username",
                    Length,
                    "must be 4 to 255 characters long (it has 3)",
                )],
            },
            Case {
                name: "Username of 256",
                edit: |r| r.username = Some("x".repeat(256)),
                expect: &[(
                    "Username",
                    Length,
                    "must be 4 to 255 characters long (it has 256)",
                )],
            },
            // PaymentMethods items, and PreferredOnFileNotApplicable
            Case {
                name: "a payment method's violations carry its path",
                edit: |r| r.payment_methods.as_mut().unwrap()[0].acct_token = None,
                expect: &[("PaymentMethods[0].AcctToken", Required, ACCT_REQUIRED)],
            },
            Case {
                name: "PreferredOnFile on a new user",
                edit: |r| {
                    r.payment_methods.as_mut().unwrap().push(PaymentMethodDto {
                        payment_method_type: Some(PaymentMethodType::PreferredOnFile),
                        ..Default::default()
                    })
                },
                expect: &[(
                    "PaymentMethods[1].PaymentMethodType",
                    PreferredOnFileNotApplicable,
                    "PreferredOnFile does not apply: this operation creates the user, who has \
                     nothing on file",
                )],
            },
            // ExcludesPaymentMethods
            Case {
                name: "IsTemp false and an empty AcctToken are omitted",
                edit: |r| {
                    r.is_temp = false;
                    r.acct_token = Some("".into());
                },
                expect: &[],
            },
            Case {
                name: "AcctToken with PaymentMethods",
                edit: |r| r.acct_token = Some("eyJ...".into()),
                expect: &[("AcctToken", ExcludesPaymentMethods, OMIT)],
            },
            Case {
                name: "Last4 with PaymentMethods",
                edit: |r| r.last4 = some("1111"),
                expect: &[("Last4", ExcludesPaymentMethods, OMIT)],
            },
            Case {
                name: "ExpMonth 0 with PaymentMethods",
                edit: |r| r.exp_month = Some(0),
                expect: &[("ExpMonth", ExcludesPaymentMethods, OMIT)],
            },
            Case {
                name: "ExpYear with PaymentMethods",
                edit: |r| r.exp_year = Some(29),
                expect: &[("ExpYear", ExcludesPaymentMethods, OMIT)],
            },
            Case {
                name: "AcctType Uninitialized with PaymentMethods",
                edit: |r| r.acct_type = Some(AcctType::Uninitialized),
                expect: &[("AcctType", ExcludesPaymentMethods, OMIT)],
            },
            Case {
                name: "BnkRoute with PaymentMethods",
                edit: |r| r.bnk_route = Some(123456789),
                expect: &[("BnkRoute", ExcludesPaymentMethods, OMIT)],
            },
            Case {
                name: "IsTemp true with PaymentMethods",
                edit: |r| r.is_temp = true,
                expect: &[(
                    "IsTemp",
                    ExcludesPaymentMethods,
                    "must be omitted or false when PaymentMethods is given (deprecated)",
                )],
            },
            // The deprecated way
            Case {
                name: "deprecated way, credit card",
                edit: deprecated_way,
                expect: &[],
            },
            Case {
                name: "deprecated way with an empty PaymentMethods list",
                edit: |r| {
                    deprecated_way(r);
                    r.payment_methods = Some(vec![]);
                },
                expect: &[],
            },
            Case {
                name: "deprecated way, bank account with BnkRoute",
                edit: |r| {
                    deprecated_way(r);
                    r.acct_type = Some(AcctType::PC);
                    (r.exp_month, r.exp_year) = (None, None);
                    r.bnk_route = Some(123456789);
                },
                expect: &[],
            },
            Case {
                name: "deprecated way, a type the page does not classify",
                edit: |r| {
                    deprecated_way(r);
                    r.acct_type = Some(AcctType::Factor4);
                    (r.exp_month, r.exp_year) = (None, None);
                },
                expect: &[],
            },
            Case {
                name: "no way to pay at all (whether the package needs one is unknown)",
                edit: |r| r.payment_methods = None,
                expect: &[],
            },
            Case {
                name: "deprecated way without Last4",
                edit: |r| {
                    deprecated_way(r);
                    r.last4 = None;
                },
                expect: &[("Last4", Required, "is required with AcctToken")],
            },
            Case {
                name: "deprecated way, credit card without expiry",
                edit: |r| {
                    deprecated_way(r);
                    (r.exp_month, r.exp_year) = (None, None);
                },
                expect: &[
                    (
                        "ExpMonth",
                        Required,
                        "is required with AcctToken for a credit card (AcctType Visa)",
                    ),
                    (
                        "ExpYear",
                        Required,
                        "is required with AcctToken for a credit card (AcctType Visa)",
                    ),
                ],
            },
            Case {
                name: "deprecated way, bank account without BnkRoute",
                edit: |r| {
                    deprecated_way(r);
                    r.acct_type = Some(AcctType::BC);
                },
                expect: &[(
                    "BnkRoute",
                    Required,
                    "is required with AcctToken for a bank account (AcctType BC)",
                )],
            },
            // Range
            Case {
                name: "ExpMonth 13, ExpYear 2029",
                edit: |r| {
                    deprecated_way(r);
                    (r.exp_month, r.exp_year) = (Some(13), Some(2029));
                },
                expect: &[
                    ("ExpMonth", Range, "must be a 2-digit month, 1 to 12"),
                    ("ExpYear", Range, "must be a 2-digit year, 0 to 99"),
                ],
            },
            Case {
                name: "ExpMonth 0, without AcctToken",
                edit: |r| {
                    deprecated_way(r);
                    r.acct_token = None;
                    r.exp_month = Some(0);
                },
                expect: &[("ExpMonth", Range, "must be a 2-digit month, 1 to 12")],
            },
            Case {
                name: "ExpMonth 1, ExpYear 0",
                edit: |r| {
                    deprecated_way(r);
                    (r.exp_month, r.exp_year) = (Some(1), Some(0));
                },
                expect: &[],
            },
        ],
    );
}

fn valid_sell_contract() -> SellContractRequest {
    SellContractRequest {
        api_key: Some("api-key".into()),
        member_id: Some(1234),
        store_id: Some(56),
        package_id: Some(7),
        payment_amount: Some(dec("1.00")),
        payment_methods: Some(vec![PaymentMethodDto {
            payment_method_type: Some(PaymentMethodType::PreferredOnFile),
            payment_amount: Some(dec("1.00")),
            ..Default::default()
        }]),
        ..Default::default()
    }
}

#[test]
fn sell_contract_rules() {
    use Rule::*;
    run(
        valid_sell_contract(),
        &[
            Case {
                name: "no PaymentMethods, no InstallmentId",
                edit: |r| {
                    r.payment_methods = None;
                    r.installment_id = None;
                },
                expect: &[],
            },
            Case {
                name: "nothing given",
                edit: |r| *r = SellContractRequest::default(),
                expect: &[
                    ("ApiKey", Required, "is required"),
                    ("MemberId", Required, "is required"),
                    ("StoreId", Required, "is required"),
                    ("PackageId", Required, "is required"),
                    ("PaymentAmount", Required, "is required"),
                ],
            },
            Case {
                name: "negative PaymentAmount",
                edit: |r| r.payment_amount = Some(dec("-1.00")),
                expect: &[("PaymentAmount", NotNegative, "must not be negative")],
            },
            Case {
                name: "a payment method's violations carry its path",
                edit: |r| {
                    r.payment_methods
                        .as_mut()
                        .unwrap()
                        .push(PaymentMethodDto::default())
                },
                expect: &[("PaymentMethods[1].AcctToken", Required, ACCT_REQUIRED)],
            },
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// All violations, in a stable order.

#[test]
fn every_violation_in_wire_order() {
    let mut sale = valid_sale();
    sale.x_forwarded_for = some("203.0.113.7, 10.0.0.1");
    sale.api_key = None;
    sale.payment_amount = Some(dec("-3.00"));
    sale.payment_methods = Some(vec![
        SalePaymentMethodDto::default(),
        acct_method("1.00"),
        SalePaymentMethodDto {
            payment_amount: Some(dec("-1")),
            acct_token: Some("eyJ...".into()),
            profile_token: Some("eyJ...".into()),
            ..Default::default()
        },
        SalePaymentMethodDto {
            do_not_update_payment_type_preference: Some(true),
            ..preferred_method("1.00")
        },
    ]);
    let expected = "\
XForwardedFor: must be one IP address, not a list (found `203.0.113.7, 10.0.0.1`)
ApiKey: is required
PaymentAmount: must not be negative
PaymentMethods[0]: names no way to pay; use exactly one of UsePreferred: true, AcctToken, ProfileToken
PaymentMethods[2]: names more than one way to pay (AcctToken, ProfileToken); use exactly one of UsePreferred: true, AcctToken, ProfileToken
PaymentMethods[2].PaymentAmount: must not be negative
PaymentMethods[3].DoNotUpdatePaymentTypePreference: is only valid with ProfileToken";
    let violations = sale.validate().unwrap_err();
    assert_eq!(violations.to_string(), expected);
    assert_eq!(violations.len(), 7);
    let rules: Vec<&str> = violations.iter().map(|v| v.rule().code()).collect();
    assert_eq!(
        rules,
        [
            "IpAddress",
            "Required",
            "NotNegative",
            "ExactlyOnePaymentSelector",
            "ExactlyOnePaymentSelector",
            "NotNegative",
            "OnlyWithProfileToken",
        ]
    );
    // The same value gives the same list, by reference, owned, and as a std error.
    assert_eq!(sale.validate().unwrap_err(), violations);
    let owned: Vec<String> = violations
        .clone()
        .into_iter()
        .map(|v| v.to_string())
        .collect();
    assert_eq!(owned.join("\n"), expected);
    let as_error: Box<dyn std::error::Error> = Box::new(violations);
    assert_eq!(as_error.to_string(), expected);
}

#[test]
fn own_request_types_nest_with_prefixed_paths() {
    struct Order {
        lines: Vec<Line>,
    }
    struct Line {
        methods: Vec<PaymentMethodDto>,
        note: Option<String>,
    }
    impl Validate for Line {
        fn check(&self, v: &mut Checker) {
            v.each("PaymentMethods", &self.methods);
            if self.note.as_deref() == Some("!") {
                v.report("Note", Rule::Custom("NoBang"), "must not be `!`");
            }
            if self.methods.len() > 1 {
                v.report_here(Rule::Custom("OneMethod"), "takes one payment method");
            }
        }
    }
    impl Validate for Order {
        fn check(&self, v: &mut Checker) {
            v.nested("Lines", &self.lines);
            if self.lines.is_empty() {
                v.report_here(Rule::Custom("NotEmpty"), "has no lines");
            }
        }
    }
    let order = Order {
        lines: vec![
            Line {
                methods: vec![],
                note: None,
            },
            Line {
                methods: vec![PaymentMethodDto::default(), PaymentMethodDto::default()],
                note: some("!"),
            },
        ],
    };
    let violations = order.validate().unwrap_err();
    assert_eq!(
        violations.to_string(),
        "Lines[1].PaymentMethods[0].AcctToken: is required when PaymentMethodType is AcctToken or omitted\n\
         Lines[1].PaymentMethods[1].AcctToken: is required when PaymentMethodType is AcctToken or omitted\n\
         Lines[1].Note: must not be `!`\n\
         Lines[1]: takes one payment method"
    );
    assert_eq!(violations.as_slice()[2].rule(), Rule::Custom("NoBang"));
    assert_eq!(violations.as_slice()[2].rule().to_string(), "NoBang");

    let empty = Order { lines: vec![] };
    let violations = empty.validate().unwrap_err();
    assert_eq!(violations.as_slice()[0].path(), ".");
    assert_eq!(violations.to_string(), ".: has no lines");
}

// ---------------------------------------------------------------------------------------------
// Credentials never shown.

const MARKER: &str = "SECRET-MARKER";

#[test]
fn credentials_never_appear_in_violations() {
    let m = || Some(MARKER.into());
    let sale_method = SalePaymentMethodDto {
        acct_token: m(),
        profile_token: m(),
        use_preferred: Some(true),
        payment_amount: Some(dec("-1")),
        ..Default::default()
    };
    let method = PaymentMethodDto {
        acct_token: m(),
        profile_token: m(),
        payment_method_type: Some(PaymentMethodType::PreferredOnFile),
        do_not_update_payment_type_preference: Some(true),
        ..Default::default()
    };
    let results: Vec<(&str, Outcome)> = vec![
        (
            "balance inquiry",
            PaymentProfileBalanceInquiryEndpoint {
                api_key: m(),
                acct_token: m(),
                profile_token: m(),
                store_id: 0,
                terminal_ip_address: None,
            }
            .validate(),
        ),
        (
            // Only credentials are required here: one is left out to make it invalid.
            "import",
            PaymentProfileImportEndpoint {
                api_key: m(),
                acct_token: m(),
                ..Default::default()
            }
            .validate(),
        ),
        (
            "new user",
            SellContractAndSetupClientRequest {
                api_key: m(),
                auth_token: m(),
                acct_token: m(),
                payment_methods: Some(vec![method.clone()]),
                ..Default::default()
            }
            .validate(),
        ),
        (
            "new user, deprecated way",
            SellContractAndSetupClientRequest {
                api_key: m(),
                auth_token: m(),
                acct_token: m(),
                acct_type: Some(AcctType::Amex),
                ..Default::default()
            }
            .validate(),
        ),
        (
            "sale",
            SaleEndpoint {
                api_key: m(),
                incomplete_agreement_token: m(),
                x_forwarded_for: some("not an address"),
                payment_methods: Some(vec![sale_method.clone(), sale_method]),
                ..Default::default()
            }
            .validate(),
        ),
        (
            "sell contract",
            SellContractRequest {
                api_key: m(),
                payment_methods: Some(vec![method]),
                ..Default::default()
            }
            .validate(),
        ),
    ];
    for (name, result) in results {
        let violations = result.expect_err(name);
        let shown = format!("{violations}\n{violations:?}\n{:?}", violations.as_slice());
        assert!(!shown.contains(MARKER), "{name}: {shown}");
        assert!(!shown.contains("SECRET"), "{name}: {shown}");
    }
}

// ---------------------------------------------------------------------------------------------
// The seed pages' samples.

/// One line of a snapshot per violation: `rule path: message`.
fn render(result: &Outcome) -> String {
    match result {
        Ok(()) => "  valid\n".to_owned(),
        Err(violations) => violations
            .iter()
            .map(|v| format!("  {} {}\n", v.rule(), v))
            .collect(),
    }
}

fn validate_json<T: DeserializeOwned + Validate>(text: &str) -> Outcome {
    json::from_str::<T>(text)
        .unwrap_or_else(|e| panic!("{text}: {e}"))
        .validate()
}

/// Reads JSON as one request type and validates it.
type ValidateJson = fn(&str) -> Outcome;

/// The request types, by wire name, with a JSON reader that validates.
const REQUESTS: &[(&str, ValidateJson)] = &[
    (
        "PaymentProfileBalanceInquiryEndpoint",
        validate_json::<PaymentProfileBalanceInquiryEndpoint>,
    ),
    (
        "PaymentProfileImportEndpoint",
        validate_json::<PaymentProfileImportEndpoint>,
    ),
    (
        "SellContractAndSetupClientRequest",
        validate_json::<SellContractAndSetupClientRequest>,
    ),
    ("SaleEndpoint", validate_json::<SaleEndpoint>),
    ("SellContractRequest", validate_json::<SellContractRequest>),
];

/// Every request sample of `samples.jsonl` (the seed pages' HTTP examples, placeholders
/// `"String"` and `0` included), validated; the responses are listed as such.
#[test]
fn seed_http_samples_validated() {
    let mut out = String::from(
        "The HTTP request samples of the seed pages (tests/vectors/samples.jsonl, read from \
         output.json_iso8601), validated.\nSeed 000's request is a GET without a body: it has \
         no sample.\n",
    );
    let mut requests = 0;
    for line in load("samples.jsonl") {
        let id = line["id"].as_str().unwrap();
        let sample = line["sample"].as_str().unwrap();
        let ty = line["type"].as_str().unwrap();
        let body = line["output"]["json_iso8601"].as_str().unwrap();
        out.push_str(&format!("\n{id} {sample}: {ty}\n"));
        match REQUESTS.iter().find(|(name, _)| *name == ty) {
            Some((_, validate)) => {
                requests += 1;
                out.push_str(&render(&validate(body)));
            }
            None => {
                assert!(
                    sample.contains("response"),
                    "{id}: {ty} is neither a request type nor a response"
                );
                out.push_str("  a response: not validated\n");
            }
        }
    }
    assert_eq!(requests, 4, "the request samples of seeds 001 to 004");
    snapshots(|| insta::assert_snapshot!("validate_seed_http_samples", out));
}

fn decode_list<T: DeserializeOwned>(example: &Example) -> Vec<T> {
    let list = list_of(example);
    match example.lang {
        Lang::Json => json::from_str(list).unwrap_or_else(|e| panic!("{list}: {e}")),
        Lang::Jsv => jsv::from_str(list).unwrap_or_else(|e| panic!("{list}: {e}")),
    }
}

fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Json => "JSON",
        Lang::Jsv => "JSV",
    }
}

/// The hand-written `PaymentMethods` examples of seeds 002 to 004, validated as the page's
/// payment-method list, and (seed 002) inside an otherwise valid request of the page's
/// operation, where `PreferredOnFile` does not apply.
#[test]
fn seed_payment_methods_examples_validated() {
    fn section<T: DeserializeOwned + Validate + Debug>(
        out: &mut String,
        page_no: &str,
        file: &str,
        ty: &str,
        in_request: Option<fn(Vec<T>) -> Outcome>,
    ) -> usize {
        let examples = described_examples(&seed(file));
        for e in &examples {
            let list: Vec<T> = decode_list(e);
            out.push_str(&format!(
                "\nseed {page_no}, scenario #{}, {} example, as Vec<{ty}>\n",
                e.scenario,
                lang_name(e.lang)
            ));
            out.push_str(&render(&list.validate()));
            if let Some(wrap) = in_request {
                out.push_str("  ... in a valid request of the page otherwise:\n");
                out.push_str(&render(&wrap(list)));
            }
        }
        examples.len()
    }
    let mut out = String::from(
        "The PaymentMethods examples in the seed pages' descriptions (hand-written by \
         ClubReady), validated.\n",
    );
    fn new_user(list: Vec<PaymentMethodDto>) -> Outcome {
        SellContractAndSetupClientRequest {
            payment_methods: Some(list),
            ..valid_new_user()
        }
        .validate()
    }
    let counts = [
        section::<PaymentMethodDto>(
            &mut out,
            "002",
            SEED_002,
            "PaymentMethodDto",
            Some(new_user as fn(_) -> _),
        ),
        section::<SalePaymentMethodDto>(&mut out, "003", SEED_003, "SalePaymentMethodDto", None),
        section::<PaymentMethodDto>(&mut out, "004", SEED_004, "PaymentMethodDto", None),
    ];
    assert_eq!(counts, [4, 4, 4]);
    snapshots(|| insta::assert_snapshot!("validate_seed_payment_methods_examples", out));
}
