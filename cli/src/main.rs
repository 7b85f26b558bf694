//! The `clubready-wire` command: converts ServiceStack wire formats on stdin to stdout and lists the
//! ClubReady types it knows.
#![forbid(unsafe_code)]

mod cli;
mod convert;
mod error;
mod formats;
mod types;
mod unknown;

fn main() -> std::process::ExitCode {
    cli::main()
}
