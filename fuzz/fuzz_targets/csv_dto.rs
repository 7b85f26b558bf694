//! Fuzz target `csv_dto`: see `checks::csv_dto` for the property.
//!
//! Under `cargo fuzz run csv_dto` (which passes `--cfg fuzzing`) this is a libFuzzer target.
//! Otherwise (`cargo run --manifest-path fuzz/Cargo.toml --bin csv_dto [FILE|DIR]...`) it
//! replays the given files, every file under the given directories, or by default
//! `fuzz/corpus/csv_dto/`.

#![cfg_attr(fuzzing, no_main)]

#[path = "../src/checks.rs"]
mod checks;

#[cfg(fuzzing)]
libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::csv_dto(data));

#[cfg(not(fuzzing))]
#[path = "../src/replay.rs"]
mod replay;

#[cfg(not(fuzzing))]
fn main() {
    replay::main("csv_dto", env!("CARGO_MANIFEST_DIR"), checks::csv_dto);
}
