//! The `clubready-wire` command: converts ServiceStack wire formats on stdin to stdout, lists the
//! ClubReady types it knows, and validates requests.
#![forbid(unsafe_code)]

mod cli;
mod convert;
mod error;
mod formats;
mod http;
mod types;
mod unknown;
mod validate;

fn main() -> std::process::ExitCode {
    cli::main()
}
