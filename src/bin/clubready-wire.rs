//! The `clubready-wire` command: converts ServiceStack wire formats on stdin to stdout.
fn main() -> std::process::ExitCode {
    clubready_wire::cli::main()
}
