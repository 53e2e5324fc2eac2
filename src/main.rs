//! The `fahras` command: build an index from a folder of documents, or search
//! one from the terminal. A thin shell over the library (see `src/cli/`).

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Args::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("fahras: error: {e}");
            ExitCode::FAILURE
        }
    }
}
