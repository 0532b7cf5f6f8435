//! The Markdown format, for a pull request comment or a job summary: the summary line first,
//! then each kind of change in a `<details>` block. Every value from the list goes through
//! [`crate::markdown::text`] (no links, images, HTML or mentions come out of data) and is cut
//! to [`NAME_MAX`](super::NAME_MAX) characters; the only HTML is this module's own tags.

use std::fmt::Write as _;

use crate::diag::cut;
use crate::markdown::text;

use super::{Diff, NAME_MAX, entries, human::figure_line, relations};

const TEXT_MAX: usize = 300;

fn name(s: &str) -> String {
    text(&cut(s, NAME_MAX))
}

fn value(s: &str) -> String {
    text(&cut(s, TEXT_MAX))
}

/// A `<details>` block titled `summary` (fixed words and counts only) with `items` as a list.
fn details(o: &mut String, summary: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(o, "\n<details><summary>{summary} ({})</summary>\n", items.len());
    for i in items {
        let _ = writeln!(o, "- {i}");
    }
    let _ = writeln!(o, "\n</details>");
}

pub fn render(d: &Diff) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "**edge-atlas diff**: {}", d.summary());
    for (side, status) in [("BASE", &d.base), ("HEAD", &d.head)] {
        if !status.imported {
            let errors: Vec<String> = status.errors.iter().map(|e| value(&e.to_string())).collect();
            details(&mut o, &format!("{side} does not import: errors"), &errors);
        }
    }
    let e = &d.entries;
    let mut items: Vec<String> = Vec::new();
    items.extend(e.added.iter().map(|a| format!("added {} **{}** ({}:{})", a.kind, name(&a.name), a.kind, a.id)));
    items.extend(e.removed.iter().map(|r| format!("removed {} **{}** ({}:{})", r.kind, name(&r.name), r.kind, r.id)));
    items.extend(e.renamed.iter().map(|r| {
        format!("renamed {} {} → **{}** ({}:{}; {})", r.kind, name(&r.old), name(&r.new), r.kind, r.id, r.rule)
    }));
    for c in &e.changed {
        let fields: Vec<String> = c
            .fields
            .iter()
            .map(|f| format!("{} {} → {}", f.field, value(entries::shown(&f.old)), value(entries::shown(&f.new))))
            .collect();
        let who = format!("changed {} **{}** ({}:{})", c.entry.kind, name(&c.entry.name), c.entry.kind, c.entry.id);
        items.push(format!("{who}: {}", fields.join("; ")));
    }
    details(&mut o, "Entries", &items);
    let rel: Vec<String> = d
        .relations
        .iter()
        .map(|r| {
            format!("{} {}", if r.change == relations::Kind::Added { "added:" } else { "removed:" }, r.words(name))
        })
        .collect();
    details(&mut o, "Relations", &rel);
    for (title, items) in [("Lint findings introduced", &d.lint.introduced), ("Lint findings fixed", &d.lint.fixed)] {
        let lines: Vec<String> = items
            .iter()
            .map(|f| {
                format!("{} {}: {}", f.rule, value(&format!("{}:{}:{}", f.file, f.line, f.column)), value(&f.message))
            })
            .collect();
        details(&mut o, title, &lines);
    }
    let figs: Vec<String> = d.figures.iter().map(|f| figure_line(f, name, value)).collect();
    details(&mut o, "Figures", &figs);
    o
}
