//! Fuzz target `jsv_value`: see `checks::jsv_value` for the property.
//!
//! Under `cargo fuzz run jsv_value` (which passes `--cfg fuzzing`) this is a libFuzzer target.
//! Otherwise (`cargo run --manifest-path fuzz/Cargo.toml --bin jsv_value [FILE|DIR]...`) it
//! replays the given files, every file under the given directories, or by default
//! `fuzz/corpus/jsv_value/`.

#![cfg_attr(fuzzing, no_main)]

#[path = "../src/checks.rs"]
mod checks;

#[cfg(fuzzing)]
libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::jsv_value(data));

#[cfg(not(fuzzing))]
#[path = "../src/replay.rs"]
mod replay;

#[cfg(not(fuzzing))]
fn main() {
    replay::main("jsv_value", env!("CARGO_MANIFEST_DIR"), checks::jsv_value);
}
