//! The `edge-atlas` binary: parse arguments, run the command, map the outcome to an exit code.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = match cli::args::Cli::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let _ = e.print();
            // clap exits 0 for --help and --version, 2 for usage errors.
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match cli::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            let text = f.to_string();
            eprint!("{text}");
            if !text.ends_with('\n') {
                eprintln!();
            }
            if let cli::Failure::Invalid(d) = &f {
                eprintln!("{} error(s)", d.error_count());
            }
            f.exit_code()
        }
    }
}
