//! Fuzz target `dto_jsv`: see `checks::dto_jsv` for the property.
//!
//! Under `cargo fuzz run dto_jsv` (which passes `--cfg fuzzing`) this is a libFuzzer target.
//! Otherwise (`cargo run --manifest-path fuzz/Cargo.toml --bin dto_jsv [FILE|DIR]...`) it
//! replays the given files, every file under the given directories, or by default
//! `fuzz/corpus/dto_jsv/`.

#![cfg_attr(fuzzing, no_main)]

#[path = "../src/checks.rs"]
mod checks;

#[cfg(fuzzing)]
libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::dto_jsv(data));

#[cfg(not(fuzzing))]
#[path = "../src/replay.rs"]
mod replay;

#[cfg(not(fuzzing))]
fn main() {
    replay::main("dto_jsv", env!("CARGO_MANIFEST_DIR"), checks::dto_jsv);
}
