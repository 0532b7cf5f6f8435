//! The human format: a summary line, then one section per kind of change, every name cut to
//! [`NAME_MAX`](super::NAME_MAX) characters with control characters escaped.

use std::fmt::Write as _;

use crate::diag::cut;
use crate::term;

use super::{Diff, NAME_MAX, entries, figures, relations};

/// Messages and values are cut longer than names.
const TEXT_MAX: usize = 300;

fn shown(s: &str, max: usize) -> String {
    term::clean(&cut(&s.replace(['\n', '\r'], " "), max)).into_owned()
}

fn name(s: &str) -> String {
    shown(s, NAME_MAX)
}

pub fn render(d: &Diff) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "edge-atlas diff: {}", d.summary());
    for (side, status) in [("BASE", &d.base), ("HEAD", &d.head)] {
        if !status.imported {
            let _ = writeln!(o, "\n{side} does not import:");
            for e in &status.errors {
                let _ = writeln!(o, "  {}", shown(&e.to_string(), TEXT_MAX));
            }
        }
    }
    let e = &d.entries;
    if !e.is_empty() {
        let _ = writeln!(o, "\nEntries");
        for a in &e.added {
            let _ = writeln!(o, "  + {} {} ({}:{})", a.kind, name(&a.name), a.kind, a.id);
        }
        for r in &e.removed {
            let _ = writeln!(o, "  - {} {} ({}:{})", r.kind, name(&r.name), r.kind, r.id);
        }
        for r in &e.renamed {
            let (old, new) = (name(&r.old), name(&r.new));
            let _ = writeln!(o, "  = {} {old} → {new} ({}:{}; {})", r.kind, r.kind, r.id, r.rule);
        }
        for c in &e.changed {
            let _ = writeln!(o, "  ~ {} {} ({}:{})", c.entry.kind, name(&c.entry.name), c.entry.kind, c.entry.id);
            for f in &c.fields {
                let (old, new) = (shown(entries::shown(&f.old), TEXT_MAX), shown(entries::shown(&f.new), TEXT_MAX));
                let _ = writeln!(o, "      {}  {old} → {new}", f.field);
            }
        }
    }
    if !d.relations.is_empty() {
        let _ = writeln!(o, "\nRelations");
        for r in &d.relations {
            let sign = if r.change == relations::Kind::Added { '+' } else { '-' };
            let _ = writeln!(o, "  {sign} {}", r.words(name));
        }
    }
    for (title, sign, items) in [("introduced", '+', &d.lint.introduced), ("fixed", '-', &d.lint.fixed)] {
        if !items.is_empty() {
            let _ = writeln!(o, "\nLint findings {title}");
        }
        for f in items {
            let at = format!("{}:{}:{}", f.file, f.line, f.column);
            let _ = writeln!(o, "  {sign} {} {} {}", f.rule, shown(&at, TEXT_MAX), shown(&f.message, TEXT_MAX));
        }
    }
    if !d.figures.is_empty() {
        let _ = writeln!(o, "\nFigures");
        for f in &d.figures {
            let _ = writeln!(o, "  {}", figure_line(f, name, |s| shown(s, TEXT_MAX)));
        }
    }
    o
}

/// One figure change in words, with `name` and `value` showing the data.
pub(super) fn figure_line(
    f: &figures::Change,
    name: impl Fn(&str) -> String,
    value: impl Fn(&str) -> String,
) -> String {
    let who = format!("{} {}", f.entry.kind, name(&f.entry.name));
    let place = |p: &Option<String>| p.as_deref().map(&value).unwrap_or_default();
    match f.change {
        figures::Motion::Appeared => format!("{}: {who} appears ({})", f.figure.title(), place(&f.after)),
        figures::Motion::Moved => {
            format!("{}: {who} moves ({} → {})", f.figure.title(), place(&f.before), place(&f.after))
        }
        figures::Motion::Disappeared => format!("{}: {who} disappears (was {})", f.figure.title(), place(&f.before)),
    }
}
