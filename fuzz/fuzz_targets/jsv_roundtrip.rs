//! Fuzz target `jsv_roundtrip`: see `checks::jsv_roundtrip` for the property.
//!
//! Under `cargo fuzz run jsv_roundtrip` (which passes `--cfg fuzzing`) this is a libFuzzer target.
//! Otherwise (`cargo run --manifest-path fuzz/Cargo.toml --bin jsv_roundtrip [FILE|DIR]...`) it
//! replays the given files, every file under the given directories, or by default
//! `fuzz/corpus/jsv_roundtrip/`.

#![cfg_attr(fuzzing, no_main)]

#[path = "../src/checks.rs"]
mod checks;

#[cfg(fuzzing)]
libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::jsv_roundtrip(data));

#[cfg(not(fuzzing))]
#[path = "../src/replay.rs"]
mod replay;

#[cfg(not(fuzzing))]
fn main() {
    replay::main(
        "jsv_roundtrip",
        env!("CARGO_MANIFEST_DIR"),
        checks::jsv_roundtrip,
    );
}
