//! `edge-atlas lint LIST_DIR`: print the list's findings; exit 1 on an error (or a warning
//! under `--deny warnings`). `--fix` writes the fixes into the list, `--diff` prints them,
//! `--explain RULE` documents a rule.

use std::path::Path;

use edge_atlas::diag::Severity;
use edge_atlas::fsx::{Durability, OutDir};
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
    if a.unsafe_fixes && !(a.fix || a.diff) {
        return Err(Failure::Usage("--unsafe-fixes goes with --fix or --diff".into()));
    }
    if a.fix || a.diff {
        return fix(list, &a);
    }
    let (findings, diags) = lint::lint_dir(list).map_err(failure)?;
    term::tell_text(&diags.to_string());
    report(&findings, &a)
}

fn failure(e: ImportError) -> Failure {
    match e {
        ImportError::Invalid(d) => Failure::Invalid(d),
        e => Failure::Other(e.into()),
    }
}

/// The findings in the chosen format and their counts; the exit status they call for.
fn report(findings: &[lint::Finding], a: &LintArgs) -> Result<(), Failure> {
    term::machine(&lint::render(findings, a.format));
    term::tell(&lint::summary(findings));
    let denied = |f: &lint::Finding| f.severity() == Severity::Error || a.deny == Some(Deny::Warnings);
    if findings.iter().any(denied) {
        return Err(Failure::Lint);
    }
    Ok(())
}

fn fix(list: &Path, a: &LintArgs) -> Result<(), Failure> {
    // Held from before reading, so nobody's edit falls between reading and writing.
    // (A missing LIST_DIR is reported by reading it, never made.)
    let dir = match a.diff || !list.is_dir() {
        true => None,
        false => Some(OutDir::open_in_place(list, Durability::Synced, &super::waiting).map_err(anyhow::Error::from)?),
    };
    let (fixed, diags) = lint::fix_dir(list, a.unsafe_fixes).map_err(failure)?;
    term::tell_text(&diags.to_string());
    let counts: Vec<String> = fixed.counts().iter().map(|(r, n)| format!("{r} ×{n}")).collect();
    let files = fixed.changed().count();
    let verb = if a.diff { "would fix" } else { "fixed" };
    let mut said = format!("{verb} {} finding(s) in {files} file(s), {} pass(es)", fixed.applied.len(), fixed.passes);
    if !counts.is_empty() {
        said += &format!(": {}", counts.join(", "));
    }
    let unsafe_left =
        fixed.remaining.iter().filter(|f| lint::applies(f, true) && !lint::applies(f, a.unsafe_fixes)).count();
    if unsafe_left > 0 {
        said += &format!("; {unsafe_left} more with --unsafe-fixes");
    }
    let Some(dir) = dir.filter(|_| !a.diff) else {
        term::machine(&fixed.diff());
        term::tell(&said);
        return if files > 0 { Err(Failure::LintFixes) } else { Ok(()) };
    };
    let staged = fixed
        .changed()
        .map(|(path, text)| dir.stage(path, |w| w.write_all(text.as_bytes())))
        .collect::<Result<Vec<_>, _>>()
        .map_err(anyhow::Error::from)?;
    super::committed(dir.commit(staged).map_err(anyhow::Error::from)?);
    term::tell(&said);
    report(&fixed.remaining, a)
}
