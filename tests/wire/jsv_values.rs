//! `values.jsonl`: single values as ServiceStack writes them on their own (`jsv`), as property
//! `V` of an object (`jsv_in_dto`) and inside a list (`jsv_in_list`). Every case whose kind is a
//! string, bool, integer, list or dictionary (or nullable of these) is written byte for byte and
//! read back to the value.

use std::collections::BTreeMap;
use std::fmt::Debug;

use clubready_wire::jsv;
use indexmap::IndexMap;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

use crate::support::load;

/// The value as property `V` of an object, like the vectors' `jsv_in_dto`.
#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct InDto<T> {
    #[serde(rename = "V")]
    v: T,
}

struct Case<'a> {
    id: &'a str,
    out: &'a Json,
}

impl Case<'_> {
    fn text(&self, field: &str) -> Option<&str> {
        self.out.get(field).and_then(Json::as_str)
    }
}

/// Nulls the format drops (as ServiceStack does): a list holding only a null is written `[]`,
/// which reads back as the empty list (v219); a dictionary entry whose value is null is left
/// out (v236). For these the read-back must at least write the same text again.
const NULLS_DROPPED: &[&str] = &["v219", "v236"];

/// Asserts `back` is `value`, or for `NULLS_DROPPED` cases that it writes as `text`.
fn assert_read_back<T: Serialize + PartialEq + Debug>(
    case: &Case,
    what: &str,
    text: &str,
    back: &T,
    value: &T,
) {
    if NULLS_DROPPED.contains(&case.id) {
        assert_eq!(
            jsv::to_string(back).unwrap(),
            text,
            "{} {what} read back",
            case.id
        );
    } else {
        assert_eq!(back, value, "{} {what} read back", case.id);
    }
}

/// Writes and reads `value` in the three shapes the vector gives. Returns the number of
/// comparisons made.
fn check<T>(case: &Case, value: T) -> usize
where
    T: Serialize + DeserializeOwned + PartialEq + Debug + Clone,
{
    let mut checks = 0;
    // ServiceStack writes a top-level null as no text at all.
    let jsv_expected = case.text("jsv").unwrap_or("");
    assert_eq!(
        jsv::to_string(&value).unwrap(),
        jsv_expected,
        "{} jsv",
        case.id
    );
    let back: T = jsv::from_str(jsv_expected)
        .unwrap_or_else(|e| panic!("{} reading jsv {jsv_expected:?}: {e}", case.id));
    assert_read_back(case, "jsv", jsv_expected, &back, &value);
    checks += 2;

    let in_dto = case.text("jsv_in_dto").expect("jsv_in_dto");
    let dto = InDto { v: value.clone() };
    assert_eq!(
        jsv::to_string(&dto).unwrap(),
        in_dto,
        "{} jsv_in_dto",
        case.id
    );
    let back: InDto<T> = jsv::from_str(in_dto)
        .unwrap_or_else(|e| panic!("{} reading jsv_in_dto {in_dto:?}: {e}", case.id));
    assert_read_back(case, "jsv_in_dto", in_dto, &back, &dto);
    checks += 2;

    // `jsv_in_list` is an error object where ServiceStack itself failed (v223).
    if let Some(in_list) = case.text("jsv_in_list") {
        let list = vec![value.clone()];
        assert_eq!(
            jsv::to_string(&list).unwrap(),
            in_list,
            "{} jsv_in_list",
            case.id
        );
        let back: Vec<T> = jsv::from_str(in_list)
            .unwrap_or_else(|e| panic!("{} reading jsv_in_list {in_list:?}: {e}", case.id));
        if in_list == "[]" {
            // `[null]` (v084, v159, v165, v173, v219): written `[]`, read back as empty.
            assert!(back.is_empty(), "{} `[]` reads as empty", case.id);
        } else {
            assert_read_back(case, "jsv_in_list", in_list, &back, &list);
        }
        checks += 2;
    }
    checks
}

fn string(v: &Json) -> Option<String> {
    v.as_str().map(str::to_owned)
}

fn strings(v: &Json) -> Option<Vec<Option<String>>> {
    v.as_array().map(|a| a.iter().map(string).collect())
}

fn int<T: std::str::FromStr>(v: &Json) -> Option<T>
where
    T::Err: Debug,
{
    v.as_str().map(|s| s.parse().unwrap())
}

fn ints<T: std::str::FromStr>(v: &Json) -> Vec<T>
where
    T::Err: Debug,
{
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| int(x).unwrap())
        .collect()
}

/// Dispatches one vector to `check` with the Rust type matching its .NET kind; `None` when the
/// kind is not one this test covers.
fn check_case(kind: &str, case: &Case, v: &Json) -> Option<usize> {
    Some(match kind {
        "string" => match string(v) {
            Some(s) => check(case, s),
            None => check::<Option<String>>(case, None),
        },
        "bool" => check(case, v.as_bool().unwrap()),
        "bool?" => check(case, v.as_bool()),
        "int" => check::<i32>(case, int(v).unwrap()),
        "int?" => check::<Option<i32>>(case, int(v)),
        "short" => check::<i16>(case, int(v).unwrap()),
        "long" => check::<i64>(case, int(v).unwrap()),
        "byte?" => check::<Option<u8>>(case, int(v)),
        "list-string" | "string[]" => check(case, strings(v)),
        "list-int" | "int[]" => check::<Vec<i32>>(case, ints(v)),
        "list-bool" => check::<Vec<bool>>(
            case,
            v.as_array()
                .unwrap()
                .iter()
                .map(|b| b.as_bool().unwrap())
                .collect(),
        ),
        "list-list-string" => check::<Vec<Vec<String>>>(
            case,
            v.as_array()
                .unwrap()
                .iter()
                .map(|inner| {
                    inner
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|s| s.as_str().unwrap().to_owned())
                        .collect()
                })
                .collect(),
        ),
        "dict-string-string" => check::<IndexMap<String, Option<String>>>(
            case,
            v.as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.clone(), string(v)))
                .collect(),
        ),
        "dict-string-int" => check::<BTreeMap<String, i32>>(
            case,
            v.as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.clone(), int(v).unwrap()))
                .collect(),
        ),
        // A Dictionary<string, object>: untyped, so every value is text in JSV's model.
        "dict-string-object" => check::<jsv::Value>(case, jsv::Value::from(v.clone())),
        _ => return None,
    })
}

#[test]
fn every_string_bool_integer_list_and_dictionary_vector() {
    let mut cases = 0;
    let mut checks = 0;
    for line in load("values.jsonl") {
        let kind = line["input"]["kind"].as_str().unwrap();
        let case = Case {
            id: line["id"].as_str().unwrap(),
            out: &line["output"],
        };
        if let Some(n) = check_case(kind, &case, &line["input"]["value"]) {
            cases += 1;
            checks += n;
        }
    }
    // 83 strings (v054, a lone surrogate, has no Rust form), 5 bools, 14 integers, 20 lists,
    // 10 dictionaries.
    assert_eq!(cases, 132, "vector cases covered");
    assert!(checks >= 6 * 130, "comparisons made: {checks}");
}

#[test]
fn doubles_and_floats_are_written_as_dotnet_does() {
    let mut seen = 0;
    for line in load("values.jsonl") {
        let kind = line["input"]["kind"].as_str().unwrap();
        let out = &line["output"];
        let text = line["input"]["value"].as_str().unwrap_or_default();
        let written = match kind {
            "double" => jsv::to_string(&text.parse::<f64>().unwrap()).unwrap(),
            "float" => jsv::to_string(&text.parse::<f32>().unwrap()).unwrap(),
            _ => continue,
        };
        assert_eq!(written, out["jsv"].as_str().unwrap(), "{}", line["id"]);
        seen += 1;
    }
    assert_eq!(seen, 7);
}
