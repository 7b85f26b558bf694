//! `values.jsonl` in ServiceStack's JSON: `json` (WCF dates), `json_iso8601`, `json_in_dto`,
//! `json_in_list`, byte for byte, and read back.

use std::collections::BTreeMap;
use std::fmt::Debug;

use clubready_wire::dotnet::{DateTime, DateTimeKind, Decimal};
use clubready_wire::json::{self, DateHandler};
use indexmap::IndexMap;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

use crate::support::load;

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct InDto<T> {
    #[serde(rename = "V")]
    v: T,
}

/// A dictionary entry holding null is left out (by ServiceStack too): `{"k":null}` is `{}`.
const NULL_DROPPED: &str = "v236";

const WCF: json::Options = json::Options::new().dates(DateHandler::Timestamp);

/// Writes `value` in the JSON shapes the vector gives and reads each back.
fn check<T>(id: &str, out: &Json, value: T)
where
    T: Serialize + DeserializeOwned + PartialEq + Debug + Clone,
{
    let text = |field: &str| out[field].as_str().map(str::to_owned);
    // A top-level null is no text at all.
    let expected = text("json").unwrap_or_default();
    assert_eq!(WCF.to_string(&value).unwrap(), expected, "{id} json");
    if let Some(iso) = text("json_iso8601") {
        assert_eq!(json::to_string(&value).unwrap(), iso, "{id} json_iso8601");
    }
    let dto = InDto { v: value.clone() };
    assert_eq!(
        WCF.to_string(&dto).unwrap(),
        text("json_in_dto").unwrap(),
        "{id} json_in_dto"
    );
    if let Some(in_list) = text("json_in_list") {
        assert_eq!(
            WCF.to_string(&vec![value.clone()]).unwrap(),
            in_list,
            "{id} json_in_list"
        );
        let back: Vec<T> = json::from_str(&in_list).unwrap();
        if id == NULL_DROPPED {
            assert_eq!(WCF.to_string(&back).unwrap(), in_list, "{id} written again");
        } else {
            assert_eq!(back, vec![value.clone()], "{id} json_in_list read back");
        }
    }
    if !expected.is_empty() && id != NULL_DROPPED {
        assert_eq!(
            json::from_str::<T>(&expected).unwrap(),
            value,
            "{id} json read back"
        );
    }
}

fn string(v: &Json) -> Option<String> {
    v.as_str().map(str::to_owned)
}

fn int<T: std::str::FromStr>(v: &Json) -> Option<T>
where
    T::Err: Debug,
{
    v.as_str().map(|s| s.parse().unwrap())
}

#[test]
fn every_json_shape_of_scalars_lists_and_dictionaries() {
    let mut seen = 0;
    for line in load("values.jsonl") {
        let (id, out, v) = (
            line["id"].as_str().unwrap(),
            &line["output"],
            &line["input"]["value"],
        );
        match line["input"]["kind"].as_str().unwrap() {
            "string" => check(id, out, string(v)),
            "bool" | "bool?" => check(id, out, v.as_bool()),
            "int" | "int?" => check::<Option<i32>>(id, out, int(v)),
            "short" => check::<i16>(id, out, int(v).unwrap()),
            "long" => check::<i64>(id, out, int(v).unwrap()),
            "byte?" => check::<Option<u8>>(id, out, int(v)),
            "double" => check::<f64>(id, out, int(v).unwrap()),
            "list-string" | "string[]" if !v.is_null() => check::<Vec<Option<String>>>(
                id,
                out,
                v.as_array().unwrap().iter().map(string).collect(),
            ),
            "list-int" | "int[]" => check::<Vec<i32>>(
                id,
                out,
                v.as_array()
                    .unwrap()
                    .iter()
                    .map(|x| int(x).unwrap())
                    .collect(),
            ),
            "dict-string-string" => check::<IndexMap<String, Option<String>>>(
                id,
                out,
                v.as_object()
                    .unwrap()
                    .iter()
                    .map(|(k, v)| (k.clone(), string(v)))
                    .collect(),
            ),
            "dict-string-int" => check::<BTreeMap<String, i32>>(
                id,
                out,
                v.as_object()
                    .unwrap()
                    .iter()
                    .map(|(k, v)| (k.clone(), int(v).unwrap()))
                    .collect(),
            ),
            "decimal" | "decimal?" => {
                let d = v.as_str().map(|t| {
                    Decimal(
                        rust_decimal::Decimal::from_scientific(t)
                            .unwrap_or_else(|_| t.parse::<Decimal>().unwrap().0),
                    )
                    .to_string()
                    .parse::<Decimal>()
                    .unwrap()
                });
                check(id, out, d)
            }
            "datetime" | "datetime?" if line["tz"] == "UTC" => {
                let d = match v {
                    Json::Null => None,
                    Json::String(s) if s == "MinValue" => Some(DateTime::MIN),
                    Json::String(s) if s == "MaxValue" => Some(DateTime::MAX),
                    Json::String(s) => Some(s.parse().unwrap()),
                    Json::Object(o) => {
                        let kind = match o["kind"].as_str().unwrap() {
                            "Utc" => DateTimeKind::Utc,
                            "Local" => DateTimeKind::Local { offset_minutes: 0 },
                            _ => DateTimeKind::Unspecified,
                        };
                        DateTime::from_ticks(o["ticks"].as_str().unwrap().parse().unwrap(), kind)
                    }
                    _ => unreachable!(),
                };
                // The WCF form has whole milliseconds: check it is written exactly, and read the
                // ISO form back (it keeps every tick).
                let wcf = WCF.to_string(&d).unwrap();
                assert_eq!(wcf, out["json"].as_str().unwrap_or_default(), "{id} json");
                assert_eq!(
                    json::to_string(&d).unwrap(),
                    out["json_iso8601"].as_str().unwrap_or_default(),
                    "{id} iso"
                );
                if let Some(iso) = out["json_iso8601"].as_str() {
                    assert_eq!(
                        json::from_str::<Option<DateTime>>(iso).unwrap(),
                        d,
                        "{id} iso read back"
                    );
                }
            }
            _ => continue,
        }
        seen += 1;
    }
    // Strings, bools, integers, doubles, lists, dictionaries, decimals, UTC dates.
    assert_eq!(seen, 203);
}

#[test]
fn json_property_names_match_in_any_case_and_errors_carry_the_path() {
    #[derive(Deserialize, Debug, PartialEq)]
    #[serde(rename_all = "PascalCase")]
    struct Method {
        payment_amount: Option<Decimal>,
        use_preferred: Option<bool>,
    }
    #[derive(Deserialize, Debug, PartialEq)]
    struct Sale {
        #[serde(rename = "PaymentMethods")]
        payment_methods: Vec<Method>,
        success: Option<bool>,
    }
    let sale: Sale = json::from_str(
        r#"{"paymentMethods":[{"PAYMENTAMOUNT":"1.00"},{"usePreferred":true}],"Success":true}"#,
    )
    .unwrap();
    assert_eq!(
        sale.payment_methods[0].payment_amount.unwrap().to_string(),
        "1.00"
    );
    assert_eq!(sale.payment_methods[1].use_preferred, Some(true));
    assert_eq!(sale.success, Some(true));
    let err =
        json::from_str::<Sale>(r#"{"PaymentMethods":[{},{"PaymentAmount":1e3}]}"#).unwrap_err();
    assert_eq!(err.path(), "PaymentMethods[1].PaymentAmount");
    assert!(
        err.to_string()
            .starts_with("PaymentMethods[1].PaymentAmount: expected a decimal number"),
        "{err}"
    );
    // The position of the value's first character, as the JSV reader reports it.
    assert_eq!((err.line(), err.column()), (1, 40));
    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Key {
        #[serde(rename = "ApiKey")]
        api_key: u32,
    }
    let err = json::from_str::<Key>(r#"{"ApiKey":"sk_live_123"}"#).unwrap_err();
    assert!(!err.to_string().contains("sk_live"), "{err}");
}
