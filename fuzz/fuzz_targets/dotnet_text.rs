//! Fuzz target `dotnet_text`: see `checks::dotnet_text` for the property.
//!
//! Under `cargo fuzz run dotnet_text` (which passes `--cfg fuzzing`) this is a libFuzzer target.
//! Otherwise (`cargo run --manifest-path fuzz/Cargo.toml --bin dotnet_text [FILE|DIR]...`) it
//! replays the given files, every file under the given directories, or by default
//! `fuzz/corpus/dotnet_text/`.

#![cfg_attr(fuzzing, no_main)]

#[path = "../src/checks.rs"]
mod checks;

#[cfg(fuzzing)]
libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::dotnet_text(data));

#[cfg(not(fuzzing))]
#[path = "../src/replay.rs"]
mod replay;

#[cfg(not(fuzzing))]
fn main() {
    replay::main(
        "dotnet_text",
        env!("CARGO_MANIFEST_DIR"),
        checks::dotnet_text,
    );
}
