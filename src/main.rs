//! The `rhythm` binary: everything lives in the library.

fn main() -> std::process::ExitCode {
    rhythm::cli::main()
}
