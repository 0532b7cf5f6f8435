//! The rule registry, after ruff's: every rule is a [`Spec`] (id, name, severity, which fixes it
//! offers, documentation) declared in its family's file beside its check, and listed in that
//! file's [`Family`]; `lint --explain`, the README's rule table and the tests read them here.

use std::fmt::{self, Write};

use crate::diag::Severity;

/// Whether a fix can be applied without a person looking at it (ruff's applicability): a safe
/// fix keeps what the list means and only corrects how it says it; an unsafe one is a guess.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Applicability {
    /// Applied by `--fix`.
    Safe,
    /// Applied by `--fix --unsafe-fixes` only.
    Unsafe,
}

/// Which fixes a rule's findings carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fixes {
    None,
    /// Every fix is safe.
    Safe,
    /// Every fix needs a look.
    Unsafe,
    /// Safe or unsafe finding by finding (the rule's documentation says when).
    Either,
}

impl Fixes {
    /// Whether a fix of this applicability is one the rule may carry.
    pub fn allows(self, a: Applicability) -> bool {
        matches!(
            (self, a),
            (Fixes::Either, _) | (Fixes::Safe, Applicability::Safe) | (Fixes::Unsafe, Applicability::Unsafe)
        )
    }

    fn word(self) -> &'static str {
        match self {
            Fixes::None => "—",
            Fixes::Safe => "safe",
            Fixes::Unsafe => "unsafe",
            Fixes::Either => "safe or unsafe",
        }
    }
}

/// A rule's identity and documentation.
#[derive(Debug)]
pub struct Spec {
    /// `EA` + family digit + number; never reused for another meaning.
    pub code: &'static str,
    /// kebab-case, for people.
    pub name: &'static str,
    pub severity: Severity,
    pub fixes: Fixes,
    /// What it reports, in one line of Markdown (the README's table).
    pub what: &'static str,
    /// Why it matters to the list's readers or to the importer.
    pub why: &'static str,
    /// Markdown that triggers it, and what the fix makes of it (when there is one).
    pub example: &'static str,
}

/// A rule: a reference to its [`Spec`], compared and ordered by id.
#[derive(Clone, Copy)]
pub struct Rule(&'static Spec);

impl Rule {
    pub const fn new(spec: &'static Spec) -> Rule {
        Rule(spec)
    }

    pub fn spec(self) -> &'static Spec {
        self.0
    }

    pub fn code(self) -> &'static str {
        self.0.code
    }

    /// Errors break something a reader or the importer relies on (a link, a date); warnings
    /// are inconsistencies.
    pub fn severity(self) -> Severity {
        self.0.severity
    }

    /// Every rule, family by family, in id order.
    pub fn all() -> impl Iterator<Item = Rule> {
        super::FAMILIES.iter().flat_map(|f| f.rules.iter().copied())
    }

    pub fn from_code(code: &str) -> Option<Rule> {
        Rule::all().find(|r| r.code().eq_ignore_ascii_case(code))
    }

    /// The family a rule is declared in.
    pub fn family(self) -> &'static Family {
        super::FAMILIES.iter().find(|f| f.rules.contains(&self)).expect("every rule is in a family")
    }
}

impl PartialEq for Rule {
    fn eq(&self, other: &Rule) -> bool {
        self.code() == other.code()
    }
}

impl Eq for Rule {}

impl PartialOrd for Rule {
    fn partial_cmp(&self, other: &Rule) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Rule {
    fn cmp(&self, other: &Rule) -> std::cmp::Ordering {
        self.code().cmp(other.code())
    }
}

impl std::hash::Hash for Rule {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.code().hash(state);
    }
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The rules of one file of `src/lint/`.
#[derive(Debug)]
pub struct Family {
    pub name: &'static str,
    pub rules: &'static [Rule],
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// What `lint --explain CODE` prints: what the rule checks, why, an example, and its fix.
pub fn explain(rule: Rule) -> String {
    let s = rule.spec();
    let mut out = format!("{} ({}): {}, {} family\n\n", s.code, s.name, level(s.severity), rule.family().name);
    let _ = writeln!(out, "What it checks: {}\n\nWhy: {}\n\nExample:\n", s.what, s.why);
    for line in s.example.lines() {
        let _ = writeln!(out, "    {line}");
    }
    let fix = match s.fixes {
        Fixes::None => "none: a person decides what the list should say.",
        Fixes::Safe => "safe: `lint --fix` applies it.",
        Fixes::Unsafe => "unsafe: `lint --fix --unsafe-fixes` applies it; review the result.",
        Fixes::Either => {
            "safe or unsafe, finding by finding (see above): `--fix` applies the safe ones, `--unsafe-fixes` the rest."
        }
    };
    let _ = writeln!(out, "\nFix: {fix}");
    out
}

/// The README's table of rules, from the registry.
pub fn table() -> String {
    let mut out = String::from("| rule | level | fix | what |\n|---|---|---|---|\n");
    for r in Rule::all() {
        let s = r.spec();
        let _ = writeln!(out, "| {} | {} | {} | {} |", s.code, level(s.severity), s.fixes.word(), s.what);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn rule_codes_are_unique_ordered_and_parse_back() {
        let all: Vec<Rule> = Rule::all().collect();
        let codes: BTreeSet<&str> = all.iter().map(|r| r.code()).collect();
        assert_eq!(codes.len(), all.len());
        assert!(all.windows(2).all(|w| w[0] < w[1]), "families in id order");
        assert!(all.iter().all(|r| Rule::from_code(&r.code().to_lowercase()) == Some(*r)));
        for r in &all {
            let digit = &r.code()[2..3];
            assert!(r.family().rules.iter().all(|o| &o.code()[2..3] == digit), "{r}: one digit per family");
            assert!(!r.spec().why.is_empty() && !r.spec().example.is_empty() && !r.spec().what.is_empty());
        }
    }

    #[test]
    fn explain_says_what_why_example_and_fix() {
        let text = explain(Rule::from_code("EA303").unwrap());
        assert!(text.starts_with("EA303 (arxiv-date-mismatch): error, dates family\n\nWhat it checks: "), "{text}");
        assert!(
            text.contains("\nWhy: ")
                && text.contains("\nExample:\n\n    ")
                && text.ends_with("`lint --fix` applies it.\n")
        );
    }
}
