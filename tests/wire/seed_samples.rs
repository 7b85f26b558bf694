//! Snapshots of every documented sample on the five seed pages (ServiceStack metadata pages of
//! ClubReady's API, copied verbatim into `tests/data/seeds/`):
//!
//! 1. the HTTP example bodies (request and response), which ServiceStack itself wrote: each is
//!    decoded into the page's DTO, re-encoded in every format, and the encoding in the page's
//!    own format must be the page's bytes;
//! 2. the `JSON:` / `JSV:` examples in the `PaymentMethods` descriptions (seeds 002, 003, 004),
//!    which ClubReady wrote by hand (placeholders, a bare key, amounts as strings): their list
//!    is decoded into the page's payment-method shape and its values asserted, never its bytes.
//!
//! Every sample goes through [`round_trip`]: compact JSV, pretty JSV, JSON with ISO 8601 dates
//! and JSON with WCF dates in one snapshot, each decoding back to the same value.
//!
//! The samples are found in the page text by ServiceStack's headings and Markdown fences, not
//! by offsets: [`exchange`] for the HTTP example, [`described_examples`] for the descriptions.

use std::fmt::Debug;

use clubready_wire::dto::*;
use clubready_wire::json::{self, DateHandler};
use clubready_wire::jsv;
use clubready_wire::Secret;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::support::{data, snapshots};

// ---------------------------------------------------------------------------------------------
// The round trip every sample goes through.

/// Every encoding of one value.
struct Encodings {
    jsv: String,
    jsv_pretty: String,
    json_iso: String,
    json_wcf: String,
}

/// Encodes `value` as compact JSV, pretty JSV, JSON (ISO 8601 dates) and JSON (WCF dates),
/// asserts that each decodes back to `value`, and snapshots all of them, under a header naming
/// the sample, in the one snapshot `name`.
fn round_trip<T>(name: &str, sample: &str, ty: &str, value: &T) -> Encodings
where
    T: Serialize + DeserializeOwned + PartialEq + Debug,
{
    let wcf = json::Options::new().dates(DateHandler::Timestamp);
    let enc = Encodings {
        jsv: jsv::to_string(value).unwrap_or_else(|e| panic!("{name}: jsv: {e}")),
        jsv_pretty: jsv::to_string_pretty(value).unwrap_or_else(|e| panic!("{name}: pretty: {e}")),
        json_iso: json::to_string(value).unwrap_or_else(|e| panic!("{name}: json: {e}")),
        json_wcf: wcf
            .to_string(value)
            .unwrap_or_else(|e| panic!("{name}: wcf: {e}")),
    };
    let back = |format: &str, decoded: Result<T, String>| match decoded {
        Ok(v) => assert_eq!(
            &v, value,
            "{name}: {format} does not decode back to the value"
        ),
        Err(e) => panic!("{name}: {format} does not decode: {e}"),
    };
    back("jsv", jsv::from_str(&enc.jsv).map_err(|e| e.to_string()));
    back(
        "jsv pretty",
        jsv::from_str(&enc.jsv_pretty).map_err(|e| e.to_string()),
    );
    back(
        "json iso",
        json::from_str(&enc.json_iso).map_err(|e| e.to_string()),
    );
    back(
        "json wcf",
        json::from_str(&enc.json_wcf).map_err(|e| e.to_string()),
    );

    let text = format!(
        "{sample}\ntype: {ty}\n\n== jsv ==\n{}\n\n== jsv pretty ==\n{}\n\n== json (ISO 8601 dates) ==\n{}\n\n== json (WCF dates) ==\n{}\n",
        enc.jsv, enc.jsv_pretty, enc.json_iso, enc.json_wcf
    );
    snapshots(|| insta::assert_snapshot!(name, text));
    enc
}

// ---------------------------------------------------------------------------------------------
// The pages.

/// A seed page's text, as the page shows it.
///
/// The pages were saved with LF line breaks (no CR byte in any of the five files); a checkout
/// with `core.autocrlf` would turn them into CRLF, which is not what the page shows, so CRLF is
/// read as LF. The CRLFs *inside* the descriptions are escaped (`\r\n`, four characters) in the
/// C# attribute text and are handled by [`api_member_descriptions`].
pub(crate) fn seed(file: &str) -> String {
    data(&format!("seeds/{file}")).replace("\r\n", "\n")
}

pub(crate) const SEED_000: &str = "000_fcef47c4d9b259fe.txt";
pub(crate) const SEED_001: &str = "001_d8a15ef82427ac58.txt";
pub(crate) const SEED_002: &str = "002_6f46d0de271eebd8.txt";
pub(crate) const SEED_003: &str = "003_eaa3e8b7f98e85cc.txt";
pub(crate) const SEED_004: &str = "004_ce0f3c154b0da6c5.txt";

// ---------------------------------------------------------------------------------------------
// (1) The HTTP example of a page.

/// ServiceStack's sentence introducing the HTTP example.
const SAMPLES_INTRO: &str = "The following are sample HTTP requests and responses.";
/// The response's status line.
const STATUS_LINE: &str = "HTTP/1.1 200 OK";
/// The last header of a message with a body (ServiceStack's placeholder length).
const LENGTH_HEADER: &str = "Content-Length: length";

/// One message of the HTTP example.
#[derive(Debug)]
pub(crate) struct Message<'a> {
    /// The request line, or the status line.
    pub(crate) start_line: &'a str,
    pub(crate) content_type: Option<&'a str>,
    /// The body exactly as the page shows it, without the layout around it.
    body: Option<&'a str>,
}

/// A page's HTTP example.
#[derive(Debug)]
pub(crate) struct Exchange<'a> {
    /// The `HTTP + FORMAT` heading above it (seed 004, flattened to text, has none).
    pub(crate) heading: Option<&'a str>,
    pub(crate) request: Message<'a>,
    pub(crate) response: Message<'a>,
}

/// Finds the page's HTTP example: from the line after [`SAMPLES_INTRO`], the request up to the
/// line starting with [`STATUS_LINE`], then the response to the end of the page.
pub(crate) fn exchange(page: &str) -> Exchange<'_> {
    assert_eq!(page.matches(SAMPLES_INTRO).count(), 1, "one HTTP example");
    let (before, samples) = page.split_once(SAMPLES_INTRO).unwrap();
    let heading = before.lines().rev().find(|l| l.starts_with("HTTP + "));
    // The rest of the intro's line ("The placeholders shown need to be replaced ...").
    let samples = samples
        .split_once('\n')
        .expect("the example after the intro")
        .1;
    let samples = samples.trim_start_matches('\n');
    let status = samples
        .find(&format!("\n{STATUS_LINE}"))
        .expect("a response status line");
    Exchange {
        heading,
        // The line break before the status line ends the request, it is not part of its body.
        request: message(&samples[..status]),
        response: message(&samples[status + 1..]),
    }
}

/// Splits one message into start line, `Content-Type` and body. The body follows
/// [`LENGTH_HEADER`] after the page's separator (a blank line; in seed 004's flattened page a
/// line break before the request body, a space before the response body), and runs to the end
/// of the message.
fn message(text: &str) -> Message<'_> {
    let start_line = text.lines().next().unwrap_or_default().trim_end();
    let (headers, body) = match text.split_once(LENGTH_HEADER) {
        Some((headers, body)) => (headers, Some(body)),
        None => (text, None),
    };
    let content_type = headers
        .split_once("Content-Type: ")
        .and_then(|(_, rest)| rest.split_whitespace().next());
    let body = body.map(|b| {
        let b = b.trim_start_matches([' ', '\n']);
        // The last body ends the page; a final line break would be the file's, not the body's.
        b.strip_suffix('\n').unwrap_or(b)
    });
    Message {
        start_line,
        content_type,
        body,
    }
}

/// How a page writes its HTTP bodies.
#[derive(Debug, Clone, Copy)]
enum BodyFormat {
    /// ServiceStack JSON with ISO 8601 dates: the page's bytes are `json::to_string`'s.
    Json,
    /// JSV in the `Dump()` layout: the page's bytes are `jsv::to_string_pretty`'s.
    JsvPretty,
}

/// Decodes one HTTP body of `page` as `T`, runs it through [`round_trip`] and asserts that the
/// encoding in the page's format is the page's text byte for byte.
fn http_body<T>(name: &str, page: &str, sample: &str, body: &str, format: BodyFormat)
where
    T: Serialize + DeserializeOwned + PartialEq + Debug + WireType,
{
    assert!(
        page.contains(T::WIRE_NAME),
        "{name}: the page does not mention {}",
        T::WIRE_NAME
    );
    let value: T = match format {
        BodyFormat::Json => json::from_str(body).unwrap_or_else(|e| panic!("{name}: {e}")),
        BodyFormat::JsvPretty => jsv::from_str(body).unwrap_or_else(|e| panic!("{name}: {e}")),
    };
    let enc = round_trip(name, sample, T::WIRE_NAME, &value);
    let ours = match format {
        BodyFormat::Json => &enc.json_iso,
        BodyFormat::JsvPretty => &enc.jsv_pretty,
    };
    assert_eq!(ours, body, "{name}: not ServiceStack's bytes");
}

/// The request line's method and path.
pub(crate) fn method_and_path<'a>(m: &Message<'a>) -> Vec<&'a str> {
    m.start_line.split_whitespace().take(2).collect()
}

#[test]
fn seed_000_balance_inquiry_http_bodies() {
    let page = seed(SEED_000);
    let ex = exchange(&page);
    // The page is the CSV one, yet ServiceStack rendered its sample body as JSON under the
    // `text/csv` header (the vectors call it "000 response (json)"), so it is read as JSON.
    assert_eq!(ex.heading, Some("HTTP + CSV"));
    assert_eq!(
        method_and_path(&ex.request),
        ["GET", "/sales/paymentProfile/balanceInquiry"]
    );
    assert_eq!(ex.request.body, None, "a GET has no body");
    assert_eq!(ex.response.start_line, STATUS_LINE);
    assert_eq!(ex.response.content_type, Some("text/csv"));
    http_body::<PaymentProfileBalanceInquiryEndpointResponse>(
        "seed_000_response_json",
        &page,
        "seed 000 GET /sales/paymentProfile/balanceInquiry: response body (HTTP + CSV page, JSON text)",
        ex.response.body.unwrap(),
        BodyFormat::Json,
    );
}

#[test]
fn seed_001_payment_profile_import_http_bodies() {
    let page = seed(SEED_001);
    let ex = exchange(&page);
    assert_eq!(ex.heading, Some("HTTP + JSON"));
    assert_eq!(
        method_and_path(&ex.request),
        ["POST", "/sales/paymentprofile/import"]
    );
    assert_eq!(ex.request.content_type, Some("application/json"));
    assert_eq!(ex.response.content_type, Some("application/json"));
    http_body::<PaymentProfileImportEndpoint>(
        "seed_001_request_json",
        &page,
        "seed 001 POST /sales/paymentprofile/import: request body (HTTP + JSON)",
        ex.request.body.unwrap(),
        BodyFormat::Json,
    );
    http_body::<PaymentProfileImportResponse>(
        "seed_001_response_json",
        &page,
        "seed 001 POST /sales/paymentprofile/import: response body (HTTP + JSON)",
        ex.response.body.unwrap(),
        BodyFormat::Json,
    );
}

#[test]
fn seed_002_sell_contract_new_user_http_bodies() {
    let page = seed(SEED_002);
    let ex = exchange(&page);
    // Both JSV bodies are in the `Dump()` layout (the empty response as `{`, tab, `}`), so the
    // page's bytes are `to_string_pretty`'s, not `to_string`'s.
    assert_eq!(ex.heading, Some("HTTP + JSV"));
    assert_eq!(
        method_and_path(&ex.request),
        ["POST", "/sales/contract/sold/new/user"]
    );
    assert_eq!(ex.request.content_type, Some("text/jsv"));
    assert_eq!(ex.response.content_type, Some("text/jsv"));
    http_body::<SellContractAndSetupClientRequest>(
        "seed_002_request_jsv",
        &page,
        "seed 002 POST /sales/contract/sold/new/user: request body (HTTP + JSV, pretty)",
        ex.request.body.unwrap(),
        BodyFormat::JsvPretty,
    );
    http_body::<SellContractAndSetupClientResponse>(
        "seed_002_response_jsv",
        &page,
        "seed 002 POST /sales/contract/sold/new/user: response body (HTTP + JSV, pretty)",
        ex.response.body.unwrap(),
        BodyFormat::JsvPretty,
    );
}

#[test]
fn seed_003_agreement_sale_http_bodies() {
    let page = seed(SEED_003);
    let ex = exchange(&page);
    // As on seed 000: a CSV page whose sample bodies ServiceStack rendered as JSON.
    assert_eq!(ex.heading, Some("HTTP + CSV"));
    assert_eq!(
        method_and_path(&ex.request),
        ["POST", "/sales/agreement/sale"]
    );
    assert_eq!(ex.request.content_type, Some("text/csv"));
    assert_eq!(ex.response.content_type, Some("text/csv"));
    http_body::<SaleEndpoint>(
        "seed_003_request_json",
        &page,
        "seed 003 POST /sales/agreement/sale: request body (HTTP + CSV page, JSON text)",
        ex.request.body.unwrap(),
        BodyFormat::Json,
    );
    http_body::<SaleResponse>(
        "seed_003_response_json",
        &page,
        "seed 003 POST /sales/agreement/sale: response body (HTTP + CSV page, JSON text)",
        ex.response.body.unwrap(),
        BodyFormat::Json,
    );
}

#[test]
fn seed_004_sell_contract_http_bodies() {
    let page = seed(SEED_004);
    let ex = exchange(&page);
    // This page was flattened to text: no `HTTP + JSON` heading, the response on one line.
    assert_eq!(ex.heading, None);
    assert!(page.contains("?format=json"));
    assert_eq!(
        method_and_path(&ex.request),
        ["POST", "/sales/contract/sold"]
    );
    assert_eq!(ex.request.content_type, Some("application/json"));
    assert_eq!(ex.response.content_type, Some("application/json"));
    http_body::<SellContractRequest>(
        "seed_004_request_json",
        &page,
        "seed 004 POST /sales/contract/sold: request body (HTTP + JSON)",
        ex.request.body.unwrap(),
        BodyFormat::Json,
    );
    http_body::<SellContractResultDto>(
        "seed_004_response_json",
        &page,
        "seed 004 POST /sales/contract/sold: response body (HTTP + JSON)",
        ex.response.body.unwrap(),
        BodyFormat::Json,
    );
}

// ---------------------------------------------------------------------------------------------
// (2) The examples in the descriptions.

/// Every `@ApiMember(Description="...")` of a page, unescaped. The descriptions appear twice on
/// a page: escaped in the C# attribute (kept in the generated code's comments) and rendered as
/// a doc comment with the line breaks dropped, which joins fence lines to their contents. The
/// escaped copy keeps the layout, so it is the one read. Its escapes are C#'s (`\r`, `\n`,
/// `\"` occur; `\t`, `\\` are handled too); CRLF is read as LF.
fn api_member_descriptions(page: &str) -> Vec<String> {
    const OPEN: &str = "@ApiMember(Description=\"";
    page.match_indices(OPEN)
        .map(|(at, _)| {
            let mut out = String::new();
            let mut chars = page[at + OPEN.len()..].chars();
            loop {
                match chars.next().expect("an unterminated Description") {
                    '"' => break,
                    '\\' => match chars.next() {
                        Some('r') => out.push('\r'),
                        Some('n') => out.push('\n'),
                        Some('t') => out.push('\t'),
                        Some(c @ ('"' | '\\')) => out.push(c),
                        other => panic!("unexpected escape \\{other:?} in a Description"),
                    },
                    c => out.push(c),
                }
            }
            out.replace("\r\n", "\n")
        })
        .collect()
}

/// The language label before an example's fence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Lang {
    Json,
    Jsv,
}

/// One fenced example of a description.
#[derive(Debug)]
pub(crate) struct Example {
    /// From the `* Scenario #N:` line above it.
    pub(crate) scenario: u32,
    /// From the `JSON:` / `JSV:` line above the fence.
    pub(crate) lang: Lang,
    /// The fence's info string (`json`, `jsv` or none).
    tag: String,
    /// The lines between the fences.
    text: String,
}

/// The fenced examples of the page's descriptions: a `JSON:` or `JSV:` line, an opening fence
/// (with or without a language), the example, a closing fence. Asserts that no fence of the
/// descriptions is left over.
pub(crate) fn described_examples(page: &str) -> Vec<Example> {
    let mut examples = Vec::new();
    for description in api_member_descriptions(page) {
        let mut scenario = None;
        let mut lines = description.lines();
        let mut fences = 0;
        while let Some(line) = lines.next() {
            if let Some(rest) = line.strip_prefix("* Scenario #") {
                let n = rest.split(':').next().unwrap_or_default();
                scenario = Some(n.parse().expect("a scenario number"));
            }
            let lang = match line.trim_end() {
                "JSON:" => Lang::Json,
                "JSV:" => Lang::Jsv,
                _ => continue,
            };
            let open = lines.next().expect("a fence after the label");
            let tag = open
                .trim_end()
                .strip_prefix("```")
                .expect("an opening fence");
            let mut body = Vec::new();
            for l in lines.by_ref() {
                if l.trim_end() == "```" {
                    break;
                }
                body.push(l);
            }
            fences += 2;
            examples.push(Example {
                scenario: scenario.expect("a scenario before the example"),
                lang,
                tag: tag.to_owned(),
                text: body.join("\n"),
            });
        }
        assert_eq!(
            description.matches("```").count(),
            fences,
            "a fence outside a JSON:/JSV: example"
        );
    }
    examples
}

/// `(scenario, lang, fence tag)` of each example, for asserting that all were found.
fn index(examples: &[Example]) -> Vec<(u32, Lang, &str)> {
    examples
        .iter()
        .map(|e| (e.scenario, e.lang, e.tag.as_str()))
        .collect()
}

/// The list of payment methods in an example: from its first `[` to its last `]`.
pub(crate) fn list_of(example: &Example) -> &str {
    let (start, end) = (example.text.find('['), example.text.rfind(']'));
    let (Some(start), Some(end)) = (start, end) else {
        panic!("no list in {:?}", example.text)
    };
    &example.text[start..=end]
}

/// Decodes the list of an example (JSON or JSV as its label says) and runs it through
/// [`round_trip`]. ClubReady's JSON examples are not JSON (a bare key `PaymentMethods:`, or a
/// `...` placeholder for the other properties): that is asserted, and only their list, which
/// is JSON, is decoded.
fn decode_example<T>(page_no: &str, route: &str, ty: &str, example: &Example) -> T
where
    T: Serialize + DeserializeOwned + PartialEq + Debug,
{
    let list = list_of(example);
    let (lang, value) = match example.lang {
        Lang::Json => {
            assert!(
                serde_json::from_str::<serde_json::Value>(&example.text).is_err(),
                "ClubReady's JSON example is not valid JSON: {}",
                example.text
            );
            let v = json::from_str(list).unwrap_or_else(|e| panic!("{list}: {e}"));
            ("json", v)
        }
        Lang::Jsv => {
            let v = jsv::from_str(list).unwrap_or_else(|e| panic!("{list}: {e}"));
            ("jsv", v)
        }
    };
    let name = format!(
        "seed_{page_no}_payment_methods_scenario_{}_{lang}",
        example.scenario
    );
    let sample = format!(
        "seed {page_no} {route}: PaymentMethods description, scenario #{}, {} example \
         (hand-written by ClubReady; its list only)",
        example.scenario,
        lang.to_uppercase()
    );
    round_trip(&name, &sample, ty, &value);
    value
}

fn text(s: &Option<Secret>) -> Option<&str> {
    s.as_ref().map(Secret::expose)
}

fn amount(a: &Option<clubready_wire::dotnet::Decimal>) -> Option<String> {
    a.map(|a| a.to_string())
}

/// A `PaymentMethodDto` as plain values (`Debug` would hide the tokens): type, amount (with
/// its scale), `AcctToken`, `ProfileToken`, `PaymentProfileId`, `DoNotUpdate...`.
type Method<'a> = (
    Option<PaymentMethodType>,
    Option<String>,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    Option<bool>,
);

fn methods(list: &[PaymentMethodDto]) -> Vec<Method<'_>> {
    list.iter()
        .map(|m| {
            (
                m.payment_method_type,
                amount(&m.payment_amount),
                text(&m.acct_token),
                text(&m.profile_token),
                m.payment_profile_id.as_deref(),
                m.do_not_update_payment_type_preference,
            )
        })
        .collect()
}

/// A `SalePaymentMethodDto` as plain values: amount, `AcctToken`, `ProfileToken`,
/// `UsePreferred`, `PaymentProfileId`, `DoNotUpdate...`.
type SaleMethod<'a> = (
    Option<String>,
    Option<&'a str>,
    Option<&'a str>,
    Option<bool>,
    Option<&'a str>,
    Option<bool>,
);

fn sale_methods(list: &[SalePaymentMethodDto]) -> Vec<SaleMethod<'_>> {
    list.iter()
        .map(|m| {
            (
                amount(&m.payment_amount),
                text(&m.acct_token),
                text(&m.profile_token),
                m.use_preferred,
                m.payment_profile_id.as_deref(),
                m.do_not_update_payment_type_preference,
            )
        })
        .collect()
}

fn one_00() -> Option<String> {
    Some("1.00".to_owned())
}

/// The gift card plus preferred-on-file example (seed 002 scenarios #1 and #2, seed 004
/// scenario #2). The placeholders differ between ClubReady's JSON and JSV copies (`eyj...` is
/// theirs).
fn gift_card_then_preferred(lang: Lang) -> Vec<Method<'static>> {
    let (acct, profile) = match lang {
        Lang::Json => (
            "eyJ...GiftCard AcctToken...",
            "eyJ...Gift Card ProfileToken...",
        ),
        Lang::Jsv => ("eyj...", "eyJ..."),
    };
    vec![
        (
            Some(PaymentMethodType::AcctToken),
            one_00(),
            Some(acct),
            Some(profile),
            None,
            None,
        ),
        (
            Some(PaymentMethodType::PreferredOnFile),
            one_00(),
            None,
            None,
            None,
            None,
        ),
    ]
}

#[test]
fn seeds_000_and_001_describe_no_examples() {
    for file in [SEED_000, SEED_001] {
        let page = seed(file);
        assert!(described_examples(&page).is_empty(), "{file}");
        assert!(!page.contains("```"), "{file}");
    }
}

#[test]
fn seed_002_payment_methods_examples() {
    let page = seed(SEED_002);
    let examples = described_examples(&page);
    assert_eq!(
        index(&examples),
        [
            (1, Lang::Json, "json"),
            (1, Lang::Jsv, ""),
            (2, Lang::Json, "json"),
            (2, Lang::Jsv, "jsv"),
        ]
    );
    for e in &examples {
        let list: Vec<PaymentMethodDto> = decode_example(
            "002",
            "POST /sales/contract/sold/new/user",
            "Vec<PaymentMethodDto>",
            e,
        );
        assert_eq!(methods(&list), gift_card_then_preferred(e.lang), "{e:?}");
    }
}

#[test]
fn seed_003_payment_methods_examples() {
    let page = seed(SEED_003);
    let examples = described_examples(&page);
    assert_eq!(
        index(&examples),
        [
            (1, Lang::Json, "json"),
            (1, Lang::Jsv, ""),
            (2, Lang::Json, "json"),
            (2, Lang::Jsv, "jsv"),
        ]
    );
    for e in &examples {
        // `/sales/agreement/sale` takes the `UsePreferred` shape.
        let list: Vec<SalePaymentMethodDto> = decode_example(
            "003",
            "POST /sales/agreement/sale",
            "Vec<SalePaymentMethodDto>",
            e,
        );
        let (acct, profile) = match (e.scenario, e.lang) {
            (1, Lang::Json) => (Some("eyJ..."), None),
            (1, Lang::Jsv) => (Some("eyJ...NdQ"), None),
            (2, Lang::Json) => (None, Some("eyJ...")),
            (2, Lang::Jsv) => (None, Some("eyj...NdQ")),
            _ => unreachable!(),
        };
        let second = if e.scenario == 1 { "2.00" } else { "3.00" };
        assert_eq!(
            sale_methods(&list),
            [
                (one_00(), acct, profile, None, None, None),
                (Some(second.to_owned()), None, None, Some(true), None, None),
            ],
            "{e:?}"
        );

        // The rest of the example is a request with its other properties elided (`...`):
        // without the placeholder it is a `SaleEndpoint` paying 3.00 with that list.
        let request: SaleEndpoint = match e.lang {
            Lang::Json => {
                let kept: Vec<&str> = e.text.lines().filter(|l| l.trim() != "...").collect();
                json::from_str(&kept.join("\n")).unwrap()
            }
            Lang::Jsv => {
                let rest = e.text.strip_prefix("...,").expect("the `...,` placeholder");
                jsv::from_str(&format!("{{{rest}}}")).unwrap()
            }
        };
        assert_eq!(amount(&request.payment_amount), Some("3.00".to_owned()));
        assert_eq!(request.payment_methods.as_ref(), Some(&list));
    }
}

#[test]
fn seed_004_payment_methods_examples() {
    let page = seed(SEED_004);
    let examples = described_examples(&page);
    assert_eq!(
        index(&examples),
        [
            (1, Lang::Json, "json"),
            (1, Lang::Jsv, "jsv"),
            (2, Lang::Json, "json"),
            (2, Lang::Jsv, "jsv"),
        ]
    );
    for e in &examples {
        let list: Vec<PaymentMethodDto> = decode_example(
            "004",
            "POST /sales/contract/sold",
            "Vec<PaymentMethodDto>",
            e,
        );
        let expected = if e.scenario == 1 {
            vec![(
                Some(PaymentMethodType::PreferredOnFile),
                one_00(),
                None,
                None,
                None,
                None,
            )]
        } else {
            gift_card_then_preferred(e.lang)
        };
        assert_eq!(methods(&list), expected, "{e:?}");
    }
}
