//! `edge-atlas lint LIST_DIR`: print the list's findings; exit 1 on an error (or a warning
//! under `--deny warnings`).

use edge_atlas::diag::Severity;
use edge_atlas::import::ImportError;
use edge_atlas::{lint, term};

use super::Failure;
use super::args::{Deny, LintArgs};

pub fn run(a: LintArgs) -> Result<(), Failure> {
    if let Some(code) = &a.explain {
        let Some(rule) = lint::Rule::from_code(code) else {
            let codes: Vec<&str> = lint::Rule::all().map(lint::Rule::code).collect();
            return Err(Failure::Usage(format!("no rule {code:?}; the rules are {}", codes.join(", "))));
        };
        term::say(lint::explain(rule).trim_end());
        return Ok(());
    }
    let Some(list) = &a.list else { return Err(Failure::Usage("lint needs LIST_DIR".into())) };
    let (findings, diags) = match lint::lint_dir(list) {
        Ok(r) => r,
        Err(ImportError::Invalid(d)) => return Err(Failure::Invalid(d)),
        Err(e) => return Err(Failure::Other(e.into())),
    };
    term::tell_text(&diags.to_string());
    term::machine(&lint::render(&findings, a.format.into()));
    term::tell(&lint::summary(&findings));
    let denied = |f: &lint::Finding| f.severity() == Severity::Error || a.deny == Some(Deny::Warnings);
    if diags.has_errors() || findings.iter().any(denied) {
        return Err(Failure::Lint);
    }
    Ok(())
}
