//! Findings as text: for people (rustc/ruff style, the source line with a caret), as GitHub
//! Actions workflow commands (annotations on a pull request), and as a JSON array.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::{Applicability, Finding, Fix, Rule};
use crate::diag::Severity;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    #[default]
    Human,
    Github,
    Json,
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// The list's text made safe for a terminal: control characters (escape sequences included)
/// and invisible or bidirectional formatting characters become U+FFFD, a tab one space, so
/// carets stay aligned (one character for one).
fn printable(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c == '\t' {
                ' '
            } else if c.is_control() || crate::term::is_invisible(c) {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

/// At most this many characters of a source line around the finding (the list's lines run to
/// 700 characters of badge HTML).
const WINDOW: usize = 100;

fn human(f: &Finding, out: &mut String) {
    let _ = writeln!(out, "{}[{}]: {}", level(f.severity()), f.rule.code(), printable(&f.message));
    let _ = writeln!(out, "  --> {}:{}:{}", printable(&f.file), f.line, f.column);
    let chars: Vec<char> = printable(&f.source_line).chars().collect();
    let gutter = " ".repeat(f.line.to_string().len());
    let col = f.column.saturating_sub(1).min(chars.len());
    let width = f.width.clamp(1, WINDOW / 2);
    let start = if col + width > WINDOW { (col + width + 10).saturating_sub(WINDOW) } else { 0 };
    let end = (start + WINDOW).min(chars.len());
    let mut shown: String = chars[start..end].iter().collect();
    let lead = if start > 0 { "…" } else { "" };
    if end < chars.len() {
        shown.push('…');
    }
    let _ = writeln!(out, "{gutter} |");
    let _ = writeln!(out, "{} | {lead}{}", f.line, shown);
    let pad = " ".repeat(col - start + lead.chars().count());
    let _ = writeln!(out, "{gutter} | {pad}{}", "^".repeat(width));
    if let Some(fix) = &f.fix {
        let _ = writeln!(out, "{gutter} = {}fix: {}", if safe(fix) { "" } else { "unsafe " }, printable(&fix.new));
    }
    out.push('\n');
}

/// A workflow command's data and property values escaped as GitHub's toolkit does.
fn escape(s: &str, property: bool) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' if property => out.push_str("%3A"),
            ',' if property => out.push_str("%2C"),
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

fn safe(fix: &Fix) -> bool {
    fix.applicability == Applicability::Safe
}

fn applicability(fix: &Fix) -> &'static str {
    if safe(fix) { "safe" } else { "unsafe" }
}

/// The annotation carries the fixed line as a suggestion a reviewer can paste.
fn github(f: &Finding, out: &mut String) {
    let mut msg = f.message.clone();
    if let (Some(fix), Some(line)) = (&f.fix, f.fixed_line()) {
        let _ = write!(msg, " (fix: {})\nsuggestion ({} fix), line {}:\n{line}", fix.new, applicability(fix), f.line);
    }
    let _ = writeln!(
        out,
        "::{} file={},line={},col={},endColumn={},title={}::{}",
        level(f.severity()),
        escape(&f.file, true),
        f.line,
        f.column,
        f.column + f.width,
        f.rule.code(),
        escape(&msg, false)
    );
}

fn json(findings: &[Finding]) -> String {
    let items: Vec<serde_json::Value> = findings
        .iter()
        .map(|f| {
            let mut o = serde_json::json!({
                "file": f.file,
                "line": f.line,
                "column": f.column,
                "end_column": f.column + f.width,
                "rule": f.rule.code(),
                "severity": level(f.severity()),
                "message": f.message,
            });
            if let (Some(fix), Some(line)) = (&f.fix, f.fixed_line()) {
                o["fix"] = fix.new.clone().into();
                o["fix_applicability"] = applicability(fix).into();
                o["fixed_line"] = line.into();
            }
            o
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into());
    s.push('\n');
    s
}

pub fn render(findings: &[Finding], format: Format) -> String {
    let mut out = String::new();
    match format {
        Format::Human => findings.iter().for_each(|f| human(f, &mut out)),
        Format::Github => findings.iter().for_each(|f| github(f, &mut out)),
        Format::Json => out = json(findings),
    }
    out
}

/// "3 errors, 2 warnings: EA101 ×2, ..." — counts by severity and by rule.
pub fn summary(findings: &[Finding]) -> String {
    let errors = findings.iter().filter(|f| f.severity() == Severity::Error).count();
    let mut by_rule: BTreeMap<Rule, usize> = BTreeMap::new();
    for f in findings {
        *by_rule.entry(f.rule).or_default() += 1;
    }
    let rules: Vec<String> = by_rule.iter().map(|(r, n)| format!("{} ×{n}", r.code())).collect();
    let mut s = format!("{errors} error(s), {} warning(s)", findings.len() - errors);
    if !rules.is_empty() {
        let _ = write!(s, ": {}", rules.join(", "));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding() -> Finding {
        Finding {
            file: "docs/a,b.md".into(),
            line: 12,
            column: 5,
            width: 3,
            rule: super::super::links::BROKEN_ANCHOR,
            message: "link to \"#x\": 50% gone\nreally".into(),
            fix: Some(Fix::new(super::super::links::BROKEN_ANCHOR, "[x]", "[y]").with(Applicability::Safe)),
            source_line: "abc [x](#x)\u{1b}[2J".into(),
        }
    }

    #[test]
    fn human_output_shows_the_line_with_a_caret_and_the_fix() {
        let out = render(&[finding()], Format::Human);
        assert_eq!(
            out,
            "error[EA101]: link to \"#x\": 50% gone\u{fffd}really\n  --> docs/a,b.md:12:5\n   |\n12 | abc [x](#x)\u{fffd}[2J\n   |     ^^^\n   = fix: [y]\n\n"
        );
    }

    #[test]
    fn long_lines_are_cut_around_the_caret() {
        let mut f = finding();
        f.column = 300;
        f.source_line = format!("{}XYZ{}", "a".repeat(299), "b".repeat(300));
        let out = render(&[f], Format::Human);
        let shown = out.lines().nth(3).unwrap();
        let caret = out.lines().nth(4).unwrap();
        assert!(shown.starts_with("12 | …a") && shown.ends_with("b…"), "{shown}");
        assert_eq!(shown.chars().position(|c| c == 'X'), caret.chars().position(|c| c == '^'));
    }

    #[test]
    fn github_commands_escape_properties_and_data() {
        let out = render(&[finding()], Format::Github);
        assert_eq!(
            out,
            "::error file=docs/a%2Cb.md,line=12,col=5,endColumn=8,title=EA101::link to \"#x\": 50%25 gone%0Areally (fix: [y])%0Asuggestion (safe fix), line 12:%0Aabc [y](#x)\u{fffd}[2J\n"
        );
    }

    #[test]
    fn json_has_the_documented_fields() {
        let v: serde_json::Value = serde_json::from_str(&render(&[finding()], Format::Json)).unwrap();
        assert_eq!(v[0]["file"], "docs/a,b.md");
        assert_eq!((v[0]["line"].as_u64(), v[0]["column"].as_u64()), (Some(12), Some(5)));
        assert_eq!((v[0]["rule"].as_str(), v[0]["severity"].as_str()), (Some("EA101"), Some("error")));
        assert_eq!((&v[0]["fix"], &v[0]["fix_applicability"]), (&"[y]".into(), &"safe".into()));
        assert_eq!(v[0]["fixed_line"], "abc [y](#x)\u{1b}[2J");
        assert_eq!(summary(&[finding()]), "1 error(s), 0 warning(s): EA101 ×1");
    }

    #[test]
    fn nothing_reaches_the_terminal_raw() {
        assert_eq!(printable("a\u{1b}[2J\tb\u{202e}c"), "a\u{fffd}[2J b\u{fffd}c");
    }
}
