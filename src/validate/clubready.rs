//! The rules of ClubReady's five sales and payment requests, as their pages (ServiceStack
//! metadata pages, `tests/data/seeds/`) state them, each implemented as [`Validate`].
//!
//! Every rule below cites the seed page (file name) and the sentence it comes from. Nothing is
//! checked that the pages do not state; where a page is ambiguous, the lenient reading is
//! taken, and the ambiguity is named.
//!
//! | request | rules |
//! |---|---|
//! | [`PaymentProfileBalanceInquiryEndpoint`] | `Required` |
//! | [`PaymentProfileImportEndpoint`] | `Required` |
//! | [`SellContractAndSetupClientRequest`] | `Required`, `NotNegative`, `Length`, `ExcludesPaymentMethods`, `PreferredOnFileNotApplicable`, `Range`, and its [`PaymentMethodDto`]s |
//! | [`SaleEndpoint`] | `Required`, `IpAddress`, `NotNegative`, and its [`SalePaymentMethodDto`]s |
//! | [`SellContractRequest`] | `Required`, `NotNegative`, and its [`PaymentMethodDto`]s |
//! | [`PaymentMethodDto`] | `Required` (`AcctToken`), `ExactlyOnePaymentSelector`, `NotNegative`, `OnlyWithProfileToken` |
//! | [`SalePaymentMethodDto`] | `ExactlyOnePaymentSelector`, `NotNegative`, `OnlyWithProfileToken` |
//!
//! Choices that hold for all of them:
//!
//! - *Given* is [`Presence`]: an empty string is missing (see the
//!   [module documentation](super#what-counts-as-given)).
//! - A required **non-nullable id** (`StoreId` of the balance inquiry, `PackageId` and
//!   `InstallmentPlanId` of `/sales/contract/sold/new/user`, .NET `int`) is missing when it is
//!   `0`: a non-nullable property binds to `0` when absent, and ServiceStack's C# client leaves
//!   a default out of the query string, so to the server `0` is what "not given" looks like.
//!   A nullable id (`Option<i32>`) is given as soon as it is `Some`.
//!   The non-nullable `PaymentAmount` of `/sales/contract/sold/new/user` is always given: `0` is
//!   an amount one can mean (its page speaks of packages that do not require a purchase).
//! - `UsePreferred: false` and `DoNotUpdatePaymentTypePreference: false` count as not set: seed
//!   003 says to "omit the value or set to `null` or `false`" for the first, seed 001 that the
//!   second "can be omitted or `false`".
//! - Violations come in the wire order of the properties, a list's items in order, each
//!   payment method's in the order: the way to pay, `PaymentAmount`,
//!   `DoNotUpdatePaymentTypePreference`.

use super::{Checker, Presence, Rule, Validate};
use crate::dotnet::Decimal;
use crate::dto::{
    AcctType, PaymentMethodDto, PaymentMethodType, PaymentProfileBalanceInquiryEndpoint,
    PaymentProfileImportEndpoint, SaleEndpoint, SalePaymentMethodDto,
    SellContractAndSetupClientRequest, SellContractRequest,
};

/// A required non-nullable .NET `int` id as given or not: `0` is its unset value.
fn id(value: i32) -> Option<i32> {
    (value != 0).then_some(value)
}

/// The rules both payment-method shapes share, after the way to pay: `PaymentAmount` not
/// negative, and `DoNotUpdatePaymentTypePreference: true` only with a `ProfileToken` (seed
/// `003_eaa3e8b7f98e85cc.txt`: "`DoNotUpdatePaymentTypePreference` is optional and only valid
/// with `ProfileToken`."; seeds `002_6f46d0de271eebd8.txt` and `004_ce0f3c154b0da6c5.txt`:
/// "DoNotUpdatePaymentTypePreference | When using ProfileToken, do not set the
/// PaymentTypePreference").
fn amount_and_preference(
    v: &mut Checker,
    amount: Option<Decimal>,
    do_not_update: Option<bool>,
    profile: bool,
) {
    v.not_negative("PaymentAmount", amount);
    if do_not_update == Some(true) && !profile {
        v.report(
            "DoNotUpdatePaymentTypePreference",
            Rule::OnlyWithProfileToken,
            "is only valid with ProfileToken",
        );
    }
}

/// `names more than one way to pay (A, B); <hint>`.
fn several_ways(v: &mut Checker, used: &[&str], hint: &str) {
    v.report_here(
        Rule::ExactlyOnePaymentSelector,
        format!(
            "names more than one way to pay ({}); {hint}",
            used.join(", ")
        ),
    );
}

/// A payment method of `/sales/contract/sold` and `/sales/contract/sold/new/user` (seeds
/// `004_ce0f3c154b0da6c5.txt`, `002_6f46d0de271eebd8.txt`), which selects its way to pay with
/// `PaymentMethodType`.
///
/// Both pages describe the entry in the same table:
/// "PaymentMethodType | Usually "AcctToken" (Default or omitted/null) or "PreferredOnFile"",
/// "AcctToken | The AcctToken to attempt payment (when using PaymentMethodType:AcctToken)",
/// "ProfileToken | When provided (with AcctToken), a Payment Profile will be created ... (when
/// using PaymentMethodType:AcctToken)". Unlike the agreement sale's page (seed 003, see
/// [`SalePaymentMethodDto`]), neither says "only one of"; the way to pay is the type. Rules:
///
/// - `Required` — `AcctToken`, when `PaymentMethodType` is `AcctToken` or omitted: the rows
///   above, and seed 004's "If ProfileToken has already been used ..., it does not need to be
///   included, but AcctToken is required." (A `ProfileToken` alone is reported here too: it
///   comes "with AcctToken".)
/// - `ExactlyOnePaymentSelector` — `PaymentMethodType` `PreferredOnFile` together with an
///   `AcctToken` or `ProfileToken`: those are "(when using PaymentMethodType:AcctToken)", so the
///   entry would name two ways to pay.
/// - `NotNegative` — `PaymentAmount`: "The amount to be attempted for this Payment Method".
/// - `OnlyWithProfileToken` — `DoNotUpdatePaymentTypePreference: true` without `ProfileToken`:
///   "DoNotUpdatePaymentTypePreference | When using ProfileToken, do not set the
///   PaymentTypePreference".
///
/// Ambiguous, read leniently: "Usually" leaves room for the other members (`Uninitialized`,
/// `PaymentProfileId`, `Error`), which the pages do not describe: an entry with one of them is
/// not checked for its way to pay. `Uninitialized` (the enum's zero, which the HTTP samples
/// show) is not taken to mean `AcctToken`: the pages give that default for "omitted/null" only.
impl Validate for PaymentMethodDto {
    fn check(&self, v: &mut Checker) {
        let acct = self.acct_token.is_present();
        let profile = self.profile_token.is_present();
        match self.payment_method_type {
            None | Some(PaymentMethodType::AcctToken) if !acct => v.report(
                "AcctToken",
                Rule::Required,
                "is required when PaymentMethodType is AcctToken or omitted",
            ),
            Some(PaymentMethodType::PreferredOnFile) if acct || profile => {
                let tokens = [("AcctToken", acct), ("ProfileToken", profile)];
                let used: Vec<&str> = std::iter::once("PaymentMethodType PreferredOnFile")
                    .chain(tokens.iter().filter(|t| t.1).map(|t| t.0))
                    .collect();
                several_ways(
                    v,
                    &used,
                    "AcctToken and ProfileToken go with PaymentMethodType AcctToken",
                );
            }
            _ => {}
        }
        amount_and_preference(
            v,
            self.payment_amount,
            self.do_not_update_payment_type_preference,
            profile,
        );
    }
}

/// A payment method of `/sales/agreement/sale` (seed `003_eaa3e8b7f98e85cc.txt`), which selects
/// its way to pay with `UsePreferred`, `AcctToken` or `ProfileToken`. Rules:
///
/// - `ExactlyOnePaymentSelector` — exactly one of `UsePreferred: true`, `AcctToken`,
///   `ProfileToken`: "**Use only one of the following three** | **UsePreferred** or
///   **AcctToken** or **ProfileToken \[DoNotUpdatePaymentTypePreference\]**" and "Only one of
///   `UsePreferred`, `AcctToken`, `ProfileToken` or is needed." (`UsePreferred`: "Set to `true`
///   to use the Preferred method, otherwise omit the value or set to `null` or `false`".)
/// - `NotNegative` — `PaymentAmount`: "The maximum amount to be attempted for this
///   PaymentMethod."
/// - `OnlyWithProfileToken` — `DoNotUpdatePaymentTypePreference: true` without `ProfileToken`:
///   "`DoNotUpdatePaymentTypePreference` is optional and only valid with `ProfileToken`."
///
/// Ambiguous, read leniently: the sentence "Only one of `UsePreferred`, `AcctToken`,
/// `ProfileToken` or is needed" has lost a word after "or", and the entry has a fourth
/// property, `PaymentProfileId`, that the page does not describe. An entry with none of the
/// three but a `PaymentProfileId` is accepted; `PaymentProfileId` next to one of the three is
/// accepted too (only one of *the three* is used).
impl Validate for SalePaymentMethodDto {
    fn check(&self, v: &mut Checker) {
        let profile = self.profile_token.is_present();
        let selectors = [
            ("UsePreferred", self.use_preferred == Some(true)),
            ("AcctToken", self.acct_token.is_present()),
            ("ProfileToken", profile),
        ];
        let used: Vec<&str> = selectors.iter().filter(|s| s.1).map(|s| s.0).collect();
        const HINT: &str = "use exactly one of UsePreferred: true, AcctToken, ProfileToken";
        match used.len() {
            0 if !self.payment_profile_id.is_present() => v.report_here(
                Rule::ExactlyOnePaymentSelector,
                format!("names no way to pay; {HINT}"),
            ),
            0 | 1 => {}
            _ => several_ways(v, &used, HINT),
        }
        amount_and_preference(
            v,
            self.payment_amount,
            self.do_not_update_payment_type_preference,
            profile,
        );
    }
}

/// `GET /sales/paymentProfile/balanceInquiry` (seed `000_fcef47c4d9b259fe.txt`). Rules:
///
/// - `Required` — `ApiKey`: `@ApiMember(Description="Api Authentication Key", IsRequired=true,
///   ParameterType="query")`; `StoreId` (non-nullable: `0` is missing):
///   `@ApiMember(Description="Store Id", IsRequired=true, ParameterType="query")`; `AcctToken`:
///   `@ApiMember(Description="\r\nEncoded data uniquely identifying the payment profile. ...",
///   IsRequired=true)`.
///
/// The page's two inquiry styles — "If only the AcctToken is provided, it can look up balance
/// of a factor4 gift card that has already been imported into ClubReady. If both PaymentProfile
/// and AcctToken are provided, this endpoint will add the profile to the user before looking up
/// the balance." — both need `AcctToken` and differ only by the optional `ProfileToken` (the
/// page's "PaymentProfile" is read as the `ProfileToken` property, the only other token), so
/// the one rule is `AcctToken` required; a `ProfileToken` alone is reported as a missing
/// `AcctToken`. `TerminalIpAddress` has no description on the page and is not checked.
impl Validate for PaymentProfileBalanceInquiryEndpoint {
    fn check(&self, v: &mut Checker) {
        v.required("ApiKey", &self.api_key);
        v.required("StoreId", &id(self.store_id));
        v.required("AcctToken", &self.acct_token);
    }
}

/// `POST /sales/paymentprofile/import` (seed `001_d8a15ef82427ac58.txt`). Rules:
///
/// - `Required` — `ApiKey`, `AcctToken`, `ProfileToken`, the rows with "Yes" in the Required
///   column of the parameter table: "ApiKeyquerystringYesApi Authentication Key",
///   "AcctTokenbodystringYes Encoded data uniquely identifying the payment profile.",
///   "ProfileTokenbodystringYes Encoded data containing non-PCI information about the Payment
///   Profile."
///
/// Not checkable here: `NewOwnerId` is "**Conditionally Required** When adding a Payment Profile
/// that has an OwnerType of `TempStUser`", and the owner type is inside the `ProfileToken`,
/// which is not to be parsed; the token's 5-minute lifetime likewise.
impl Validate for PaymentProfileImportEndpoint {
    fn check(&self, v: &mut Checker) {
        v.required("ApiKey", &self.api_key);
        v.required("AcctToken", &self.acct_token);
        v.required("ProfileToken", &self.profile_token);
    }
}

/// The account types the seed 002 page classifies (its "Common Values" table under `AcctType`).
enum AccountKind {
    CreditCard,
    Bank,
}

impl AccountKind {
    /// Only the table's rows: "VISA 1 Visa", "MC 2 MasterCard", "Disc 3 Discover", "Amex 4
    /// American Express" are cards; "PC 11 Personal Checking", "PS 12 Personal Savings", "BC 13
    /// Business Checking" are bank accounts. Other types are not classified by the page.
    fn of(acct_type: Option<AcctType>) -> Option<AccountKind> {
        match acct_type? {
            AcctType::Visa | AcctType::MC | AcctType::Disc | AcctType::Amex => {
                Some(AccountKind::CreditCard)
            }
            AcctType::PC | AcctType::PS | AcctType::BC => Some(AccountKind::Bank),
            _ => None,
        }
    }
}

/// `POST /sales/contract/sold/new/user` (seed `002_6f46d0de271eebd8.txt`). Rules, in wire
/// order:
///
/// - `Required` — `ApiKey`, `StoreId`, `PackageId`, `InstallmentPlanId` (the last two
///   non-nullable: `0` is missing), `FirstName`, `LastName`, `Email`: `IsRequired=true` in
///   `@ApiMember(Description="Api Authentication Key", IsRequired=true, ...)`,
///   `@ApiMember(Description="Id of the store for the user", IsRequired=true, ...)`,
///   `@ApiMember(Description="Package Id being sold", IsRequired=true)`,
///   `@ApiMember(Description="Installment Plan Id being sold", IsRequired=true)`,
///   `@ApiMember(Description="First Name", IsRequired=true)`,
///   `@ApiMember(Description="Last Name", IsRequired=true)`,
///   `@ApiMember(Description="Email Address", IsRequired=true)`. (`PaymentAmount`,
///   `@ApiMember(Description="Amount being paid", IsRequired=true)`, is non-nullable and always
///   given.)
/// - `NotNegative` — `PaymentAmount`: "Amount being paid".
/// - `Length` — `Username`, 4 to 255 characters counted as .NET counts them (UTF-16 code
///   units): "Username should be between 4 and 255 characters long".
/// - each `PaymentMethods` item as a [`PaymentMethodDto`], and
///   `PreferredOnFileNotApplicable` — `PaymentMethodType` `PreferredOnFile`: "Because this
///   endpoint creates a new user, the "PreferredOnFile" option is not applicable."
/// - `ExcludesPaymentMethods` — with `PaymentMethods`, each of `AcctToken`, `Last4`,
///   `ExpMonth`, `ExpYear`, `AcctType`, `BnkRoute` set, or `IsTemp: true`: "**New Operation**
///   The PaymentMethods property is an array of objects ... The deprecated fields (AcctToken,
///   Last4, ExpMonth, ExpYear, AcctType, BnkRoute, and IsTemp) must be omitted or null." and
///   "**Deprecated Operation** Provide the AcctToken, Last4, ExpMonth, ExpYear, AcctType,
///   BnkRoute, and IsTemp ... PaymentMethods must be omitted or null."
/// - without `PaymentMethods` (the deprecated way), with `AcctToken`: `Required` — `Last4`:
///   "Last 4 digits of the Payment Profile. Required with AcctToken."; `ExpMonth` and `ExpYear`
///   for a credit card: "2 digit expiration month. **Required with AcctToken for Credit
///   Card.**", "2 digit expiration year. **Required with AcctToken for Credit Card.**";
///   `BnkRoute` for a bank account: "Bank Routing Number. **Required with AcctToken for Bank
///   Accounts.**".
/// - without `PaymentMethods`: `Range` — `ExpMonth` 1 to 12 ("2 digit expiration month") and
///   `ExpYear` 0 to 99 ("2 digit expiration year").
///
/// Ambiguous, read leniently:
///
/// - Whether an `AcctType` is a credit card or a bank account is taken from the page's table
///   of common values only (Visa, MC, Disc, Amex; PC, PS, BC); for other types, and without an
///   `AcctType`, neither `ExpMonth`/`ExpYear` nor `BnkRoute` is required.
/// - `AcctToken` itself is "Required if Package requires purchase and PaymentMethods is
///   empty": whether the package requires a purchase is not in the request, so it is not
///   required.
/// - An empty `PaymentMethods` list counts as omitted (the `AcctToken` sentence speaks of
///   "PaymentMethods is empty" where the operation descriptions say "omitted or null").
/// - Set deprecated fields count even at their zero (`ExpMonth: 0`, `AcctType: Uninitialized`):
///   the page asks for "omitted or null", which they are not; `IsTemp`, a non-nullable `bool`,
///   counts only when `true` (`false` is what omitting it gives).
/// - "Also, ProfileToken with the OwnerType "TempstUser" is required because the Payment Profile
///   owner will be converted to the newly created user." is not checked: the owner type is
///   inside the token, which is not to be parsed, and the sentence does not say that every
///   entry needs a `ProfileToken`.
/// - The page contradicts itself on `PreferredOnFile`: both its scenarios (copied from
///   `/sales/contract/sold`) use it, and the property's description says "Any entry with
///   PreferredOnFile is assumed if omitted or null". The note that names this endpoint ("Because
///   this endpoint creates a new user ...") is taken as the rule, since a new user has nothing
///   on file; the scenarios therefore do not validate (see `snapshots/`).
impl Validate for SellContractAndSetupClientRequest {
    fn check(&self, v: &mut Checker) {
        v.required("ApiKey", &self.api_key);
        v.required("StoreId", &self.store_id);
        v.required("PackageId", &id(self.package_id));
        v.required("InstallmentPlanId", &id(self.installment_plan_id));
        v.not_negative("PaymentAmount", self.payment_amount);
        v.required("FirstName", &self.first_name);
        v.required("LastName", &self.last_name);
        v.required("Email", &self.email);
        if let Some(name) = self.username.as_deref().filter(|n| !n.is_empty()) {
            let len = name.encode_utf16().count();
            if !(4..=255).contains(&len) {
                v.report(
                    "Username",
                    Rule::Length,
                    format!("must be 4 to 255 characters long (it has {len})"),
                );
            }
        }
        // (field, given, message when given with PaymentMethods)
        const OMIT: &str = "must be omitted or null when PaymentMethods is given (deprecated)";
        let deprecated = [
            ("AcctToken", self.acct_token.is_present(), OMIT),
            ("Last4", self.last4.is_present(), OMIT),
            ("ExpMonth", self.exp_month.is_some(), OMIT),
            ("ExpYear", self.exp_year.is_some(), OMIT),
            ("AcctType", self.acct_type.is_some(), OMIT),
            ("BnkRoute", self.bnk_route.is_some(), OMIT),
            (
                "IsTemp",
                self.is_temp,
                "must be omitted or false when PaymentMethods is given (deprecated)",
            ),
        ];
        match self.payment_methods.as_deref().filter(|m| m.is_present()) {
            Some(methods) => {
                v.field("PaymentMethods", |v| {
                    for (i, method) in methods.iter().enumerate() {
                        v.index(i, |v| {
                            method.check(v);
                            if method.payment_method_type
                                == Some(PaymentMethodType::PreferredOnFile)
                            {
                                v.report(
                                    "PaymentMethodType",
                                    Rule::PreferredOnFileNotApplicable,
                                    "PreferredOnFile does not apply: this operation creates \
                                     the user, who has nothing on file",
                                );
                            }
                        });
                    }
                });
                for (field, _, message) in deprecated.iter().filter(|d| d.1) {
                    v.report(field, Rule::ExcludesPaymentMethods, *message);
                }
            }
            None => self.check_deprecated_way(v),
        }
    }
}

impl SellContractAndSetupClientRequest {
    /// The deprecated card fields, when `PaymentMethods` is not given (rules on the `impl
    /// Validate` above).
    fn check_deprecated_way(&self, v: &mut Checker) {
        let acct = self.acct_token.is_present();
        if acct && !self.last4.is_present() {
            v.report("Last4", Rule::Required, "is required with AcctToken");
        }
        let kind = AccountKind::of(self.acct_type);
        let type_name = self.acct_type.map(|t| t.to_string()).unwrap_or_default();
        let card = acct && matches!(kind, Some(AccountKind::CreditCard));
        let expiry = [
            ("ExpMonth", self.exp_month, 1..=12, "month, 1 to 12"),
            ("ExpYear", self.exp_year, 0..=99, "year, 0 to 99"),
        ];
        for (field, value, range, what) in expiry {
            match value {
                None if card => v.report(
                    field,
                    Rule::Required,
                    format!("is required with AcctToken for a credit card (AcctType {type_name})"),
                ),
                Some(n) if !range.contains(&n) => {
                    v.report(field, Rule::Range, format!("must be a 2-digit {what}"))
                }
                _ => {}
            }
        }
        if acct && matches!(kind, Some(AccountKind::Bank)) && self.bnk_route.is_none() {
            v.report(
                "BnkRoute",
                Rule::Required,
                format!("is required with AcctToken for a bank account (AcctType {type_name})"),
            );
        }
    }
}

/// `POST /sales/agreement/sale` (seed `003_eaa3e8b7f98e85cc.txt`). Rules, in wire order:
///
/// - `Required` — `XForwardedFor`: "The header `X-Forwarded-For` is required and should be set
///   to the IP address of the end user." and `@ApiMember(Description="IP address of the end
///   user", IsRequired=true, Name="X-Forwarded-For", ParameterType="header")`; `ApiKey`,
///   `MemberId`, `StoreId`, `IncompleteAgreementToken`, `PaymentAmount`: `IsRequired=true` in
///   `@ApiMember(Description="Api Authentication Key", IsRequired=true, ...)`,
///   `@ApiMember(Description="Member Id of the user buying the Package", IsRequired=true, ...)`,
///   `@ApiMember(Description="Id of the store for the user", IsRequired=true)`,
///   `@ApiMember(Description="IncompleteAgreementToken from Agreement/ContractText endpoint.",
///   IsRequired=true)`, `@ApiMember(Description="Amount being paid down, including tax",
///   IsRequired=true)`.
/// - `IpAddress` — `XForwardedFor` is one IPv4 or IPv6 address ("should be set to the IP
///   address of the end user"), see [`Checker::ip_address`]: spaces and tabs around it are
///   accepted (HTTP strips them from a header value), a list `a, b` is not: the page asks for
///   *the* address of the end user, and which entry of a list the server would take is not
///   documented (a proxy's address could be recorded as the buyer's).
/// - `NotNegative` — `PaymentAmount`: "Amount being paid down, including tax".
/// - each `PaymentMethods` item as a [`SalePaymentMethodDto`].
impl Validate for SaleEndpoint {
    fn check(&self, v: &mut Checker) {
        if !self.x_forwarded_for.is_present() {
            v.report(
                "XForwardedFor",
                Rule::Required,
                "is required (sent as the X-Forwarded-For header)",
            );
        }
        v.ip_address("XForwardedFor", self.x_forwarded_for.as_deref());
        v.required("ApiKey", &self.api_key);
        v.required("MemberId", &self.member_id);
        v.required("StoreId", &self.store_id);
        v.required("IncompleteAgreementToken", &self.incomplete_agreement_token);
        v.required("PaymentAmount", &self.payment_amount);
        v.not_negative("PaymentAmount", self.payment_amount);
        v.nested("PaymentMethods", &self.payment_methods);
    }
}

/// `POST /sales/contract/sold` (seed `004_ce0f3c154b0da6c5.txt`). Rules, in wire order:
///
/// - `Required` — `ApiKey`, `MemberId`, `StoreId`, `PackageId`, `PaymentAmount`:
///   `IsRequired=true` in `@ApiMember(Description="Api Authentication Key", IsRequired=true,
///   ...)`, `@ApiMember(Description="Member Id of the user buying the Package",
///   IsRequired=true, ...)`, `@ApiMember(Description="Id of the store for the user",
///   IsRequired=true)`, `@ApiMember(Description="Package Id number of the package being
///   purchased", IsRequired=true)`, `@ApiMember(Description="Amount being paid down, including
///   tax", IsRequired=true)`.
/// - `NotNegative` — `PaymentAmount`: "Amount being paid down, including tax".
/// - each `PaymentMethods` item as a [`PaymentMethodDto`].
impl Validate for SellContractRequest {
    fn check(&self, v: &mut Checker) {
        v.required("ApiKey", &self.api_key);
        v.required("MemberId", &self.member_id);
        v.required("StoreId", &self.store_id);
        v.required("PackageId", &self.package_id);
        v.required("PaymentAmount", &self.payment_amount);
        v.not_negative("PaymentAmount", self.payment_amount);
        v.nested("PaymentMethods", &self.payment_methods);
    }
}
