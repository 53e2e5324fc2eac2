//! The `fahras` command: build an index from a folder of documents, or search
//! one from the terminal. A thin shell over the library (see `src/cli/`).

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    quiet_on_closed_pipe();
    let args = cli::Args::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("fahras: error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `fahras search … | head` closes our stdout early: end quietly with
/// success, as Unix tools do, instead of reporting a panic. `println!`
/// panics on a write error; only that one (a broken pipe) is treated so.
fn quiet_on_closed_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let msg = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if msg.starts_with("failed printing to stdout") && msg.contains("Broken pipe") {
            std::process::exit(0);
        }
        default(info);
    }));
}
