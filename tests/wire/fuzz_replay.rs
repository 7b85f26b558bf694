//! Replays the fuzz corpus (`fuzz/corpus/`) through the fuzz targets' own checks on stable, so
//! every input the fuzzers ever kept (crashes found included) stays covered by `cargo test`.
//!
//! The typed targets run every decoded value through the fixed points of eight formats, which
//! is slow in a debug build; so each target replays an even sample of its corpus, sized to keep
//! the whole module near 5 seconds (CI's replay step, `.ci/run`, runs each target's binary over
//! its whole corpus).

use std::path::{Path, PathBuf};

#[path = "../../fuzz/src/checks.rs"]
mod checks;

fn corpus(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// An even sample of at most `max` of `files` (all of them when there are fewer).
fn sample(files: Vec<PathBuf>, max: usize) -> Vec<PathBuf> {
    if files.len() <= max {
        return files;
    }
    let step = files.len() as f64 / max as f64;
    (0..max)
        .map(|i| files[(i as f64 * step) as usize].clone())
        .collect()
}

/// Replays an even sample of at most `max` inputs of `target`'s corpus through `check`.
fn replay(target: &str, check: fn(&[u8]), max: usize) {
    let files = corpus(target);
    assert!(
        files.len() >= 50,
        "{target}: only {} corpus files",
        files.len()
    );
    for file in sample(files, max) {
        let data = std::fs::read(&file).unwrap();
        if std::panic::catch_unwind(|| check(&data)).is_err() {
            panic!("{target}: property violated by {}", file.display());
        }
    }
}

#[test]
fn jsv_value_corpus_never_panics() {
    replay("jsv_value", checks::jsv_value, 200);
}

#[test]
fn jsv_roundtrip_corpus_prints_to_a_fixed_point() {
    replay("jsv_roundtrip", checks::jsv_roundtrip, 200);
}

#[test]
fn dto_jsv_corpus_reads_prints_and_converts_to_a_fixed_point() {
    replay("dto_jsv", checks::dto_jsv, 120);
}

#[test]
fn json_dto_corpus_reads_and_prints_to_fixed_points() {
    replay("json_dto", checks::json_dto, 120);
}

#[test]
fn csv_dto_corpus_streams_reads_and_prints_to_fixed_points() {
    replay("csv_dto", checks::csv_dto, 50);
}

#[test]
fn query_dto_corpus_binds_with_each_option_and_prints_to_fixed_points() {
    replay("query_dto", checks::query_dto, 50);
}

#[test]
fn dotnet_text_corpus_parses_alike_in_every_reader() {
    replay("dotnet_text", checks::dotnet_text, 80);
}

#[test]
fn inputs_the_fuzzer_broke_before_satisfy_the_properties() {
    // Minimized from the first findings (object list with an empty trailing item).
    checks::jsv_roundtrip(b"[{},,]");
    checks::jsv_roundtrip(b"{e:[{},,]}");
    checks::jsv_roundtrip(b"{A:[{},,],B:\"x,y\",C: lead}");
    checks::jsv_value(b"{unterminated");
}

#[test]
fn the_oracle_splices_its_marker_where_credentials_start() {
    use checks::oracle::{splice, splice_csv, splice_query, MARKER};
    let s = |t: &str| String::from_utf8(splice(t.as_bytes()).into_owned()).unwrap();
    assert_eq!(s("{ApiKey:abc}"), format!("{{ApiKey:{MARKER}abc}}"));
    assert_eq!(
        s(r#"{"apiKey": "abc"}"#),
        format!(r#"{{"apiKey": "{MARKER}abc"}}"#)
    );
    let q = |t: &str| String::from_utf8(splice_query(t.as_bytes()).into_owned()).unwrap();
    assert_eq!(
        q("ApiKey=a&acctToken%3A%22x"),
        format!("ApiKey={MARKER}a&acctToken%3A%22{MARKER}x")
    );
    // Outside query strings a percent escape is text, not a separator.
    assert_eq!(s("ApiKey%3Ax"), "ApiKey%3Ax");
    assert_eq!(s("ApiKey,StoreId"), "ApiKey,StoreId");
    let c = |t: &str| String::from_utf8(splice_csv(t.as_bytes()).into_owned()).unwrap();
    assert_eq!(
        c("StoreId,ApiKey\r\n1,abc\r\n2,\"d\"\r\n"),
        format!("StoreId,ApiKey\r\n1,{MARKER}abc\r\n2,\"{MARKER}d\"\r\n")
    );
    // The marker names no credential: excerpts would hide it anyway and blind the oracle.
    assert!(!clubready_wire::is_sensitive_key(MARKER));
}
