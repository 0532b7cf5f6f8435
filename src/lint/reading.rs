//! Reading (EA0xx): what the importer cannot read, and bytes it normalises before reading.

use super::{List, Rule, Sink, Span};
use crate::diag::{Diagnostics, Severity};
use crate::lint::rule::{Family, Fixes, Spec};
use crate::normalise::Change;

pub const UNREADABLE: Rule = Rule::new(&Spec {
    code: "EA001",
    name: "unreadable",
    severity: Severity::Warning,
    fixes: Fixes::None,
    what: "something the importer cannot read (a comment that never closes, an unknown table or badge colour)",
    why: "import skips what it cannot read, so the entry, table or badge is missing from the knowledge base without anyone noticing.",
    example: "<!-- a comment that never closes\n| Model | Organization |   <- nothing below is read",
});

pub const NORMALISED: Rule = Rule::new(&Spec {
    code: "EA002",
    name: "normalised",
    severity: Severity::Warning,
    fixes: Fixes::None,
    what: "bytes the importer normalises before reading, once per file at the first: a byte-order mark, CRLF or lone CR line endings, non-breaking or zero-width spaces, typographic quotes in HTML tags",
    why: "such bytes look like ordinary text but make names, links and tags differ from what they seem; import reads them normalised, other tools may not.",
    example: "| Phi\u{a0}3 | Microsoft |   <- a non-breaking space inside the name",
});

pub(super) const FAMILY: Family = Family { name: "reading", rules: &[UNREADABLE, NORMALISED] };

/// One finding per file for what normalising changed (at the first change), and one per
/// problem the importer's parser reported.
pub fn check(list: &List, changes: &[Vec<Change>], diags: &Diagnostics, sink: &mut Sink) {
    for (src, changes) in list.sources.iter().zip(changes) {
        if let Some(first) = changes.first() {
            let at = Span { line: first.line, column: first.column, width: 1 };
            sink.push(NORMALISED, src, at, crate::normalise::describe(changes), None);
        }
    }
    for d in diags.iter() {
        if let Some(src) = list.source(&d.file) {
            let at = Span { line: d.line.max(1), column: d.column.max(1), width: 1 };
            sink.push(UNREADABLE, src, at, d.message.clone(), None);
        }
    }
}
