//! Seeds the fuzz corpora from the reference vectors (`tests/vectors/*.jsonl`): every JSV, JSON,
//! CSV and query text there (inputs and ServiceStack's outputs) goes to the targets that read
//! that format, the single .NET values to `dotnet_text`; and each DTO of the vectors is written
//! again by the library in the forms the vectors lack (the ClubReady query style, several CSV
//! rows).
//!
//! ```text
//! cargo run --manifest-path fuzz/Cargo.toml --example seed_corpus [OUT_DIR]
//! ```
//!
//! writes `OUT_DIR/<target>/<hash>` (default `fuzz/corpus/`), skipping texts already there.
//! Run `cargo fuzz cmin <target>` afterwards to keep only what adds coverage.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use clubready_wire::dto::{
    PaymentProfileImportEndpoint, PaymentProfileImportResponse, SaleEndpoint,
    SellContractAndSetupClientRequest, SellContractRequest, SellContractResultDto,
};
use clubready_wire::jsv::Value;
use clubready_wire::{csv, json, query};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Texts per target.
type Seeds = BTreeMap<&'static str, Vec<String>>;

fn add(seeds: &mut Seeds, targets: &[&'static str], text: &str) {
    for t in targets {
        seeds.entry(t).or_default().push(text.to_owned());
    }
}

const JSV: &[&str] = &["jsv_value", "jsv_roundtrip", "dto_jsv"];

fn str_at<'a>(v: &'a Value, keys: &[&str]) -> Option<&'a str> {
    let mut cur = v;
    for k in keys {
        cur = cur.get(k)?;
    }
    cur.as_str()
}

/// The query part of a URL (`/path?a=1` gives `a=1`).
fn query_part(url: &str) -> &str {
    url.split_once('?').map_or(url, |(_, q)| q)
}

/// The library's own texts for a DTO of the vectors (read from `json_iso8601`): the ClubReady
/// query style (the vectors have the other two), and two CSV rows.
fn written<T: DeserializeOwned + Serialize>(seeds: &mut Seeds, json_text: &str) {
    let Ok(v) = json::from_str::<T>(json_text) else {
        return;
    };
    for style in [
        query::Style::ClubReady,
        query::Style::Client,
        query::Style::Form,
    ] {
        if let Ok(q) = query::Options::new().style(style).to_string(&v) {
            add(seeds, &["query_dto"], &q);
        }
    }
    if let Ok(text) = csv::to_string(&[&v, &v]) {
        add(seeds, &["csv_dto"], &text);
    }
}

fn dto_line(seeds: &mut Seeds, line: &Value) {
    let out = line.get("output").cloned().unwrap_or_default();
    let o = |k: &str| str_at(&out, &[k]);
    if let Some(t) = str_at(line, &["input", "json"]) {
        add(seeds, &["json_dto"], t);
    }
    for k in ["json", "json_iso8601", "json_back"] {
        if let Some(t) = o(k) {
            add(seeds, &["json_dto"], t);
        }
    }
    for k in ["jsv", "jsv_iso8601", "jsv_pretty", "jsv_back"] {
        if let Some(t) = o(k) {
            add(seeds, JSV, t);
        }
    }
    for k in ["csv", "csv_back"] {
        if let Some(t) = o(k) {
            add(seeds, &["csv_dto"], t);
        }
    }
    for k in ["query", "form"] {
        if let Some(t) = o(k) {
            add(seeds, &["query_dto"], t);
        }
    }
    if let Some(t) = o("get_url") {
        add(seeds, &["query_dto"], query_part(t));
    }
    if let Some(j) = o("json_iso8601") {
        match str_at(line, &["type"]).unwrap_or_default() {
            "SellContractAndSetupClientRequest" => {
                written::<SellContractAndSetupClientRequest>(seeds, j)
            }
            "SaleEndpoint" => written::<SaleEndpoint>(seeds, j),
            "PaymentProfileImportEndpoint" => written::<PaymentProfileImportEndpoint>(seeds, j),
            "SellContractRequest" => written::<SellContractRequest>(seeds, j),
            "PaymentProfileImportResponse" => written::<PaymentProfileImportResponse>(seeds, j),
            "SellContractResultDto" => written::<SellContractResultDto>(seeds, j),
            _ => {}
        }
    }
}

fn parse_line(seeds: &mut Seeds, line: &Value) {
    if let Some(t) = str_at(line, &["input", "jsv"]) {
        add(seeds, JSV, t);
    }
    if let Some(t) = str_at(line, &["input", "json"]) {
        add(seeds, &["json_dto"], t);
    }
    if let Some(t) = str_at(line, &["input", "csv"]) {
        add(seeds, &["csv_dto"], t);
    }
}

/// A DTO property of each value kind, so that a value's query text binds to something.
fn property_for(kind: &str) -> Option<&'static str> {
    let kind = kind.trim_end_matches('?');
    Some(match kind {
        "string" => "PromoCode",
        "datetime" => "StartDate",
        "decimal" => "PaymentAmount",
        "int" => "StoreId",
        "bool" => "IsTemp",
        "accttype" => "AcctType",
        "restrictedresourcetype" => "RestrictedResourceType",
        "valuetuple-int-ownertype" => "NewOwner",
        "list-paymentmethoddto" | "list-salepaymentmethoddto" => "PaymentMethods",
        _ => return None,
    })
}

fn value_line(seeds: &mut Seeds, line: &Value) {
    let kind = str_at(line, &["input", "kind"]).unwrap_or_default();
    let out = line.get("output").cloned().unwrap_or_default();
    let o = |k: &str| str_at(&out, &[k]);
    for k in ["jsv", "jsv_in_dto", "jsv_in_list"] {
        if let Some(t) = o(k) {
            add(seeds, &["jsv_value", "jsv_roundtrip"], t);
        }
    }
    if let Some(t) = o("jsv_in_dto") {
        add(seeds, &["dto_jsv"], t);
    }
    for k in ["json", "json_in_dto", "json_in_list"] {
        if let Some(t) = o(k) {
            add(seeds, &["json_dto"], t);
        }
    }
    if let Some(t) = o("csv_in_dto") {
        add(seeds, &["csv_dto"], t);
    }
    if let Some(t) = o("form_in_dto") {
        add(seeds, &["query_dto"], t);
    }
    if let (Some(p), Some(v)) = (property_for(kind), o("query_value")) {
        add(seeds, &["query_dto"], &format!("{p}={v}"));
    }
    let dotnet = [
        "datetime",
        "decimal",
        "accttype",
        "ownertype",
        "paymentmethodtype",
    ]
    .iter()
    .any(|k| kind.starts_with(k))
        || kind.starts_with("restrictedresourcetype")
        || kind.starts_with("valuetuple");
    if dotnet {
        // The value as the generator wrote it, and each writer's text of it (JSON strings
        // unquoted).
        if let Some(v) = line.get("input").and_then(|i| i.get("value")) {
            match v.as_str() {
                Some(s) => add(seeds, &["dotnet_text"], s),
                None => {
                    if let Ok(t) = json::to_string(v) {
                        add(seeds, &["dotnet_text"], &t);
                    }
                }
            }
        }
        for k in ["jsv", "csv", "query_value"] {
            if let Some(t) = o(k) {
                add(seeds, &["dotnet_text"], t);
            }
        }
        for k in ["json", "json_iso8601"] {
            if let Some(t) = o(k) {
                match json::from_str::<String>(t) {
                    Ok(s) => add(seeds, &["dotnet_text"], &s),
                    Err(_) => add(seeds, &["dotnet_text"], t),
                }
            }
        }
    }
}

/// FNV-1a, 64 bits: a stable file name for a text.
fn name(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("seed-{h:016x}")
}

fn main() {
    let fuzz_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out_dir = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| fuzz_dir.join("corpus"));
    let vectors = fuzz_dir.join("../tests/vectors");
    let mut seeds = Seeds::new();
    for file in ["dtos.jsonl", "samples.jsonl", "parse.jsonl", "values.jsonl"] {
        let path = vectors.join(file);
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        for (n, line) in text.lines().enumerate() {
            let line: Value = match json::from_str(line) {
                Ok(line) => line,
                Err(e) => {
                    // A lone surrogate (v054) has no Rust string.
                    eprintln!("skipped {file}:{}: {e}", n + 1);
                    continue;
                }
            };
            match file {
                "parse.jsonl" => parse_line(&mut seeds, &line),
                "values.jsonl" => value_line(&mut seeds, &line),
                _ => dto_line(&mut seeds, &line),
            }
        }
    }
    for (target, texts) in &seeds {
        let dir = out_dir.join(target);
        std::fs::create_dir_all(&dir)
            .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
        let mut written = 0;
        for text in texts {
            let path = dir.join(name(text));
            if !path.exists() {
                std::fs::write(&path, text)
                    .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
                written += 1;
            }
        }
        println!("{target}: {} seeds, {written} new", texts.len());
    }
}
