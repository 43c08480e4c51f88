//! The `finlint` command line. Everything it does lives in the library
//! (`finlint::cli`), where tests and other front ends can reach it.

fn main() -> std::process::ExitCode {
    finlint::cli::main()
}
