//! The `edge-atlas` binary: parse arguments, run the command, map the outcome to an exit code.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    reset_sigpipe();
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
            edge_atlas::term::tell_text(&text);
            if !text.ends_with('\n') {
                edge_atlas::term::tell_text("\n");
            }
            if let cli::Failure::Invalid(d) = &f {
                edge_atlas::term::tell(&format!("{} error(s)", d.error_count()));
            }
            f.exit_code()
        }
    }
}

/// A closed pipe (`edge-atlas list | head`) ends the process quietly, as it does for other
/// command-line tools, instead of making `println!` panic. Rust ignores SIGPIPE by default.
#[cfg(unix)]
fn reset_sigpipe() {
    // SAFETY: restores the default action of SIGPIPE at start-up, before any thread exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(not(unix))]
fn reset_sigpipe() {}
