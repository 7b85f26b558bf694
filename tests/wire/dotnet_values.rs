//! `values.jsonl` for the .NET wire types: `DateTime` (UTC machine vectors) and `decimal`, in
//! JSV on their own, in an object and in a list, in ISO 8601 JSON and in ServiceStack's default
//! WCF JSON form, and read back.

use clubready_wire::dotnet::{DateTime, DateTimeKind, Decimal, Zone};
use clubready_wire::{json, jsv};
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

use crate::support::load;

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct InDto<T> {
    #[serde(rename = "V")]
    v: T,
}

/// The generator's own notation for a DateTime: `MinValue`, `MaxValue`, round-trip text (no
/// suffix: unspecified; an offset: local), or `{ticks, kind}`.
fn datetime(input: &Json) -> Option<DateTime> {
    match input {
        Json::String(s) if s == "MinValue" => Some(DateTime::MIN),
        Json::String(s) if s == "MaxValue" => Some(DateTime::MAX),
        Json::String(s) => Some(s.parse().unwrap()),
        Json::Object(o) => {
            let ticks = o["ticks"].as_str()?.parse().ok()?;
            let kind = match o["kind"].as_str()? {
                "Utc" => DateTimeKind::Utc,
                "Local" => DateTimeKind::Local { offset_minutes: 0 },
                _ => DateTimeKind::Unspecified,
            };
            DateTime::from_ticks(ticks, kind)
        }
        _ => None,
    }
}

#[test]
fn datetimes_are_written_as_servicestack_writes_them_and_read_back() {
    let mut seen = 0;
    for line in load("values.jsonl") {
        let (id, out) = (line["id"].as_str().unwrap(), &line["output"]);
        let kind = line["input"]["kind"].as_str().unwrap();
        if !kind.starts_with("datetime") || line["tz"] != "UTC" {
            continue;
        }
        let Some(value) = datetime(&line["input"]["value"]) else {
            // `datetime?` null: written as nothing.
            assert_eq!(jsv::to_string(&None::<DateTime>).unwrap(), "", "{id}");
            continue;
        };
        let jsv_text = out["jsv"].as_str().unwrap();
        assert_eq!(jsv::to_string(&value).unwrap(), jsv_text, "{id} jsv");
        assert_eq!(
            jsv::to_string(&InDto { v: value }).unwrap(),
            out["jsv_in_dto"],
            "{id} jsv_in_dto"
        );
        assert_eq!(
            jsv::to_string(&[value]).unwrap(),
            out["jsv_in_list"],
            "{id} jsv_in_list"
        );
        assert_eq!(
            serde_json::to_string(&value).unwrap(),
            out["json_iso8601"],
            "{id} json_iso8601"
        );
        assert_eq!(
            format!("\"{}\"", value.to_wcf(&Zone::UTC)),
            out["json"],
            "{id} json (WCF)"
        );
        // JSV keeps the wall time; the kind survives except where the text cannot carry it (a
        // midnight is a bare date; an unspecified time is written with the writer's offset).
        let back: DateTime = jsv::from_str(jsv_text).unwrap();
        assert_eq!(back.ticks(), value.ticks(), "{id} read back");
        assert_eq!(
            jsv::to_string(&back).unwrap(),
            jsv_text,
            "{id} written again"
        );
        let back: InDto<DateTime> = jsv::from_str(out["jsv_in_dto"].as_str().unwrap()).unwrap();
        assert_eq!(back.v.ticks(), value.ticks(), "{id} in dto read back");
        // Both JSON forms read back to the same instant (the WCF form has whole milliseconds,
        // rounded by .NET's double arithmetic: within one).
        let back: DateTime = json::from_str(out["json_iso8601"].as_str().unwrap()).unwrap();
        assert_eq!(back, value, "{id} json_iso8601 read back");
        let back: DateTime = json::from_str(out["json"].as_str().unwrap()).unwrap();
        let diff = back.utc_ticks(&Zone::UTC) - value.utc_ticks(&Zone::UTC);
        assert!(diff.abs() < 10_000, "{id} json read back {back:?}");
        seen += 1;
    }
    assert_eq!(seen, 42);
}

/// New York, the zone of the vectors written on a machine there (`"tz": "America/New_York"`).
static NEW_YORK: chrono_tz::Tz = chrono_tz::America::New_York;

/// The value .NET holds for a generator input on a machine in `zone`: a time with an offset is
/// parsed to local time (the zone's), a `{ticks, kind: Local}` is the zone's local time.
fn dotnet_in_zone(input: &Json, zone: &Zone) -> Option<DateTime> {
    use chrono::{Offset, TimeZone};
    let value = datetime(input)?;
    let DateTimeKind::Local { offset_minutes } = value.kind() else {
        return Some(value);
    };
    if input.is_object() {
        let offset_minutes = zone.offset_minutes_at_local(value.to_naive());
        return DateTime::from_ticks(value.ticks(), DateTimeKind::Local { offset_minutes });
    }
    let utc = value.to_naive() - chrono::TimeDelta::minutes(offset_minutes.into());
    let seconds = NEW_YORK
        .offset_from_utc_datetime(&utc)
        .fix()
        .local_minus_utc();
    let offset_minutes = seconds.div_euclid(60) as i16;
    let local = utc + chrono::TimeDelta::minutes(offset_minutes.into());
    DateTime::from_naive(local, DateTimeKind::Local { offset_minutes })
}

/// The lines of a machine in America/New_York: a writer given `Zone::of(&New_York)` writes
/// ServiceStack's bytes (daylight saving time `-04:00`, local mean time `-04:57` in year 1, the
/// WCF form's MinValue and clamped MaxValue), and the text reads back to the same instant.
#[test]
fn datetimes_in_a_zone_with_rules_are_written_as_servicestack_writes_them() {
    let zone = Zone::of(&NEW_YORK);
    let jsv_options = jsv::Options::new().local_zone(zone);
    let wcf = json::Options::new()
        .dates(json::DateHandler::Timestamp)
        .local_zone(zone);
    let mut seen = 0;
    for line in load("values.jsonl") {
        let (id, out) = (line["id"].as_str().unwrap(), &line["output"]);
        let kind = line["input"]["kind"].as_str().unwrap();
        if line["tz"] != "America/New_York" {
            continue;
        }
        let inputs = match &line["input"]["value"] {
            Json::Array(items) if kind == "list-datetime" => items.clone(),
            Json::Null => {
                assert_eq!(
                    jsv_options.to_string(&None::<DateTime>).unwrap(),
                    "",
                    "{id}"
                );
                seen += 1;
                continue;
            }
            one => vec![one.clone()],
        };
        let values: Vec<DateTime> = inputs
            .iter()
            .map(|v| dotnet_in_zone(v, &zone).unwrap_or_else(|| panic!("{id}: {v}")))
            .collect();
        let (jsv_text, json_text, iso_text) = if kind == "list-datetime" {
            (
                jsv_options.to_string(&values).unwrap(),
                wcf.to_string(&values).unwrap(),
                serde_json::to_string(&values).unwrap(),
            )
        } else {
            (
                jsv_options.to_string(&values[0]).unwrap(),
                wcf.to_string(&values[0]).unwrap(),
                serde_json::to_string(&values[0]).unwrap(),
            )
        };
        assert_eq!(jsv_text, out["jsv"].as_str().unwrap(), "{id} jsv");
        assert_eq!(json_text, out["json"].as_str().unwrap(), "{id} json (WCF)");
        assert_eq!(
            iso_text,
            out["json_iso8601"].as_str().unwrap(),
            "{id} json_iso8601"
        );
        if kind != "list-datetime" {
            let value = values[0];
            assert_eq!(
                jsv_options.to_string(&InDto { v: value }).unwrap(),
                out["jsv_in_dto"],
                "{id} jsv_in_dto"
            );
            assert_eq!(
                jsv_options.to_string(&[value]).unwrap(),
                out["jsv_in_list"],
                "{id} jsv_in_list"
            );
            // The text read back is the same instant (JSV's offsets say it, a bare date is the
            // reader's own midnight and is compared as a wall time).
            let back: DateTime = jsv::from_str(&jsv_text).unwrap();
            if back.kind() == DateTimeKind::Unspecified {
                assert_eq!(back.ticks(), value.ticks(), "{id} read back");
            } else {
                assert_eq!(
                    back.utc_ticks(&zone),
                    value.utc_ticks(&zone),
                    "{id} read back"
                );
            }
        }
        seen += 1;
    }
    assert_eq!(seen, 38);
}

#[test]
fn decimals_keep_their_scale_in_every_shape() {
    let mut seen = 0;
    for line in load("values.jsonl") {
        let (id, out) = (line["id"].as_str().unwrap(), &line["output"]);
        if !line["input"]["kind"]
            .as_str()
            .unwrap()
            .starts_with("decimal")
        {
            continue;
        }
        let Some(text) = line["input"]["value"].as_str() else {
            assert_eq!(jsv::to_string(&None::<Decimal>).unwrap(), "", "{id}");
            continue;
        };
        // The generator writes some inputs with exponents (`1e-7`): .NET's value of that text.
        let value = Decimal(
            rust_decimal::Decimal::from_scientific(text)
                .unwrap_or_else(|_| text.parse::<Decimal>().unwrap().0),
        );
        let value = value.to_string().parse::<Decimal>().unwrap();
        let jsv_text = out["jsv"].as_str().unwrap();
        assert_eq!(jsv::to_string(&value).unwrap(), jsv_text, "{id} jsv");
        assert_eq!(
            jsv::to_string(&InDto { v: value }).unwrap(),
            out["jsv_in_dto"],
            "{id} jsv_in_dto"
        );
        assert_eq!(
            jsv::to_string(&[value]).unwrap(),
            out["jsv_in_list"],
            "{id} jsv_in_list"
        );
        assert_eq!(json::to_string(&value).unwrap(), out["json"], "{id} json");
        let back: Decimal = jsv::from_str(jsv_text).unwrap();
        assert_eq!(back.to_string(), jsv_text, "{id} read back keeps the scale");
        let back: Decimal = json::from_str(out["json"].as_str().unwrap()).unwrap();
        assert_eq!(back.to_string(), jsv_text, "{id} JSON read back");
        seen += 1;
    }
    assert_eq!(seen, 25);
}

clubready_wire::dotnet_enum! {
    /// Numbers as assumed by the vectors' README.
    enum OwnerType { Unknown = 0, User = 1, TempStUser = 2 }
}
clubready_wire::dotnet_enum! {
    enum PaymentMethodType { Uninitialized = 0, PaymentProfileId = 1, PreferredOnFile = 2, AcctToken = 3, Error = -1 }
}
clubready_wire::dotnet_enum! {
    enum RestrictedResourceType { Store = 0, Chain = 1, User = 2, Undefined = 3 }
}
clubready_wire::dotnet_enum! {
    /// The members values.jsonl uses, numbered as on seed 002.
    enum AcctType { Uninitialized = 0, Visa = 1, MC = 2, Amex = 4, JCB = 6, PayPal = 8, PC = 11, UnknownBank = 45, Error = -1 }
}

/// Writes an enum value in every JSV shape and JSON, and reads each back.
fn check_enum<T>(id: &str, out: &Json, value: T)
where
    T: Serialize + for<'de> Deserialize<'de> + PartialEq + std::fmt::Debug + Copy,
{
    for (shape, text) in [
        ("jsv", jsv::to_string(&value).unwrap()),
        ("jsv_in_dto", jsv::to_string(&InDto { v: value }).unwrap()),
        ("jsv_in_list", jsv::to_string(&[value]).unwrap()),
        ("json", serde_json::to_string(&value).unwrap()),
    ] {
        assert_eq!(text, out[shape], "{id} {shape}");
    }
    let jsv_text = out["jsv"].as_str().unwrap();
    assert_eq!(
        jsv::from_str::<T>(jsv_text).unwrap(),
        value,
        "{id} jsv read back"
    );
    assert_eq!(
        serde_json::from_str::<T>(out["json"].as_str().unwrap()).unwrap(),
        value,
        "{id} json read back"
    );
}

#[test]
fn enums_by_name_and_unknown_numbers_kept() {
    let mut seen = 0;
    for line in load("values.jsonl") {
        let (id, out) = (line["id"].as_str().unwrap(), &line["output"]);
        let Some(text) = line["input"]["value"].as_str() else {
            continue;
        };
        match line["input"]["kind"]
            .as_str()
            .unwrap()
            .trim_end_matches('?')
        {
            "ownertype" => check_enum::<OwnerType>(id, out, text.parse().unwrap()),
            "paymentmethodtype" => check_enum::<PaymentMethodType>(id, out, text.parse().unwrap()),
            "restrictedresourcetype" => {
                check_enum::<RestrictedResourceType>(id, out, text.parse().unwrap())
            }
            "accttype" => check_enum::<AcctType>(id, out, text.parse().unwrap()),
            _ => continue,
        }
        seen += 1;
    }
    assert_eq!(seen, 24);
    // By number, quoted or not, JSON number or string, any case; an unknown name is an error.
    assert_eq!(
        jsv::from_str::<RestrictedResourceType>("CHAIN").unwrap(),
        RestrictedResourceType::Chain
    );
    assert_eq!(
        jsv::from_str::<RestrictedResourceType>(" Chain ").unwrap(),
        RestrictedResourceType::Chain
    ); // p171
    assert_eq!(
        serde_json::from_str::<RestrictedResourceType>("1").unwrap(),
        RestrictedResourceType::Chain
    );
    assert_eq!(
        serde_json::from_str::<AcctType>("-1").unwrap(),
        AcctType::Error
    ); // p119
    let err = jsv::from_str::<RestrictedResourceType>("Nope").unwrap_err(); // p084
    assert_eq!(
        err.to_string(),
        "expected a RestrictedResourceType (Store, Chain, User, Undefined or a number), found `Nope` at line 1 column 1"
    );
}

#[test]
fn value_tuples_are_written_as_dotnet_to_string_and_read_back() {
    use clubready_wire::dotnet::ValueTuple;
    let mut seen = 0;
    for line in load("values.jsonl") {
        let (id, out) = (line["id"].as_str().unwrap(), &line["output"]);
        let kind = line["input"]["kind"].as_str().unwrap();
        if !kind.starts_with("valuetuple") {
            continue;
        }
        let Some(items) = line["input"]["value"].as_array() else {
            continue;
        };
        let (a, b) = (items[0].as_str().unwrap(), items[1].as_str().unwrap());
        if kind.starts_with("valuetuple-int-ownertype") {
            let value = ValueTuple(a.parse::<i32>().unwrap(), b.parse::<OwnerType>().unwrap());
            assert_eq!(jsv::to_string(&value).unwrap(), out["jsv"], "{id}");
            assert_eq!(serde_json::to_string(&value).unwrap(), out["json"], "{id}");
            // ServiceStack cannot read these back (the vectors' *_back are errors); we can.
            assert_eq!(
                jsv::from_str::<ValueTuple<i32, OwnerType>>(out["jsv"].as_str().unwrap()).unwrap(),
                value,
                "{id}"
            );
            assert_eq!(
                serde_json::from_str::<ValueTuple<i32, OwnerType>>(out["json"].as_str().unwrap())
                    .unwrap(),
                value,
                "{id}"
            );
        } else if kind == "valuetuple-int-string" {
            let value = ValueTuple(a.parse::<i32>().unwrap(), b.to_owned());
            assert_eq!(jsv::to_string(&value).unwrap(), out["jsv"], "{id}");
            assert_eq!(
                jsv::from_str::<ValueTuple<i32, String>>(out["jsv"].as_str().unwrap()).unwrap(),
                value,
                "{id}"
            );
        } else {
            continue;
        }
        seen += 1;
    }
    assert_eq!(seen, 6);
    // The object form ServiceStack reads (p110).
    let t: ValueTuple<i32, OwnerType> = jsv::from_str("{Item1:5,Item2:User}").unwrap();
    assert_eq!(t, ValueTuple(5, OwnerType::User));
}

#[test]
fn value_tuples_are_written_as_objects_where_a_server_must_bind_them() {
    use clubready_wire::dotnet::ValueTuple;
    use clubready_wire::dto::PaymentProfileImportEndpoint;
    let t = ValueTuple(5, OwnerType::User);
    let objects = jsv::Options::new().tuple_objects(true);
    assert_eq!(objects.to_string(&t).unwrap(), "{Item1:5,Item2:User}");
    assert_eq!(
        objects
            .pretty(true)
            .to_string(std::slice::from_ref(&t))
            .unwrap(),
        "[\n\t{\n\t\tItem1: 5,\n\t\tItem2: User\n\t}\n]"
    );
    assert_eq!(
        json::Options::new()
            .tuple_objects(true)
            .to_string(&Some(&t))
            .unwrap(),
        r#"{"Item1":5,"Item2":"User"}"#
    );
    // In a DTO, in every writer that asks for it; read back by every reader.
    let import = PaymentProfileImportEndpoint {
        new_owner: Some(ValueTuple(0, clubready_wire::dto::OwnerType::Unknown)),
        ..Default::default()
    };
    let text = objects.to_string(&import).unwrap();
    assert!(
        text.ends_with(",NewOwner:{Item1:0,Item2:Unknown}}"),
        "{text}"
    );
    assert_eq!(
        jsv::from_str::<PaymentProfileImportEndpoint>(&text).unwrap(),
        import
    );
    let text = json::Options::new()
        .tuple_objects(true)
        .to_string(&import)
        .unwrap();
    assert!(
        text.ends_with(r#","NewOwner":{"Item1":0,"Item2":"Unknown"}}"#),
        "{text}"
    );
    assert_eq!(
        json::from_str::<PaymentProfileImportEndpoint>(&text).unwrap(),
        import
    );
    // The ClubReady query style writes what a server binds.
    let query = clubready_wire::query::to_string(&import).unwrap();
    assert!(
        query.ends_with("&NewOwner={Item1:0,Item2:Unknown}"),
        "{query}"
    );
    assert_eq!(
        clubready_wire::query::from_str::<PaymentProfileImportEndpoint>(&query).unwrap(),
        import
    );
    // Other serializers see .NET's text.
    assert_eq!(serde_json::to_string(&t).unwrap(), r#""(5, User)""#);
}
