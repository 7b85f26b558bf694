//! Replays the fuzz corpus (`fuzz/corpus/`) through the fuzz targets' own checks on stable, so
//! every input the fuzzers ever kept (crashes found included) stays covered by `cargo test`.

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

fn replay(target: &str, check: fn(&[u8])) {
    let files = corpus(target);
    assert!(
        files.len() >= 50,
        "{target}: only {} corpus files",
        files.len()
    );
    for file in files {
        let data = std::fs::read(&file).unwrap();
        if std::panic::catch_unwind(|| check(&data)).is_err() {
            panic!("{target}: property violated by {}", file.display());
        }
    }
}

#[test]
fn jsv_value_corpus_never_panics() {
    replay("jsv_value", checks::jsv_value);
}

#[test]
fn jsv_roundtrip_corpus_prints_to_a_fixed_point() {
    replay("jsv_roundtrip", checks::jsv_roundtrip);
}

#[test]
fn dto_jsv_corpus_reads_prints_and_converts_to_a_fixed_point() {
    replay("dto_jsv", checks::dto_jsv);
}

#[test]
fn inputs_the_fuzzer_broke_before_satisfy_the_properties() {
    // Minimized from the first findings (object list with an empty trailing item).
    checks::jsv_roundtrip(b"[{},,]");
    checks::jsv_roundtrip(b"{e:[{},,]}");
    checks::jsv_roundtrip(b"{A:[{},,],B:\"x,y\",C: lead}");
    checks::jsv_value(b"{unterminated");
}
