//! Shared helpers: the reference vectors and insta settings.

use std::path::{Path, PathBuf};

/// The directory holding the reference vectors (copied from `shared/vectors`).
pub fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors")
}

/// Vectors holding a lone UTF-16 surrogate (`"\ud800"`): no Rust string can hold one, so they
/// are left out, and only they may be.
const UNREPRESENTABLE: &[&str] = &["v054"];

/// Every line of a `.jsonl` vector file, parsed (except the `UNREPRESENTABLE` ones).
pub fn load(name: &str) -> Vec<serde_json::Value> {
    let path = vectors_dir().join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| match serde_json::from_str(l) {
            Ok(v) => Some(v),
            Err(e) => {
                let id = l.get(8..12).unwrap_or_default();
                assert!(
                    UNREPRESENTABLE.contains(&id),
                    "vector line {id} is not JSON: {e}"
                );
                None
            }
        })
        .collect()
}

/// A test fixture file under `tests/data`.
pub fn data(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Runs `f` with insta writing to the top-level `snapshots/` directory.
pub fn snapshots<R>(f: impl FnOnce() -> R) -> R {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(Path::new(env!("CARGO_MANIFEST_DIR")).join("snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(f)
}
