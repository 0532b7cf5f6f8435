//! Lint findings a change introduces or fixes: matched by rule, file and message with the
//! positions in it masked, never by line number, so lines moving above a finding change nothing.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::diag::Severity;
use crate::lint::Finding;

#[derive(Debug, Clone, Default, Serialize)]
pub struct Changes {
    /// In HEAD and not in BASE, where HEAD has them.
    pub introduced: Vec<Item>,
    /// In BASE and not in HEAD, where BASE had them.
    pub fixed: Vec<Item>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.introduced.is_empty() && self.fixed.is_empty()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub rule: &'static str,
    pub severity: Severity,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl From<&Finding> for Item {
    fn from(f: &Finding) -> Item {
        Item {
            rule: f.rule.code(),
            severity: f.severity(),
            file: f.file.clone(),
            line: f.line,
            column: f.column,
            message: f.message.clone(),
        }
    }
}

/// The message with every number that follows `:` or `line ` (a position in the list) as `#`.
fn masked(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut in_number = false;
    for c in message.chars() {
        if c.is_ascii_digit() && (in_number || out.ends_with(':') || out.ends_with("line ")) {
            if !in_number {
                out.push('#');
            }
            in_number = true;
            continue;
        }
        in_number = false;
        out.push(c);
    }
    out
}

type Identity = (&'static str, String, String);

/// The findings of `a` with no partner in `b`: same rule, file and masked message, partners
/// taken one for one so a finding repeated once more still shows.
fn unmatched<'a>(a: &'a [Finding], b: &[Finding]) -> Vec<&'a Finding> {
    let identity = |f: &Finding| -> Identity { (f.rule.code(), f.file.clone(), masked(&f.message)) };
    let mut partners: BTreeMap<Identity, usize> = BTreeMap::new();
    for f in b {
        *partners.entry(identity(f)).or_default() += 1;
    }
    a.iter()
        .filter(|f| match partners.get_mut(&identity(f)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .collect()
}

pub fn compare(base: &[Finding], head: &[Finding]) -> Changes {
    Changes {
        introduced: unmatched(head, base).into_iter().map(Item::from).collect(),
        fixed: unmatched(base, head).into_iter().map(Item::from).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_masked_and_names_kept() {
        assert_eq!(masked("listed twice (also at line 12)"), "listed twice (also at line #)");
        assert_eq!(masked("spelt \"Qwen2\" elsewhere (3 use(s), the first at docs/a.md:40)"), {
            "spelt \"Qwen2\" elsewhere (3 use(s), the first at docs/a.md:#)"
        });
    }
}
