//! The `clubready-wire` command: converts ServiceStack wire formats on stdin to stdout.
#![forbid(unsafe_code)]

mod cli;
mod http;

fn main() -> std::process::ExitCode {
    cli::main()
}
