//! Graphviz DOT: clusters by kind or organisation, the figures' colours, and `URL` and
//! `tooltip` on every node so `dot -Tsvg` gives a clickable map.
//!
//! Written by hand because petgraph's `Dot` has no clusters and inserts attribute strings
//! unquoted; here every id and value is quoted and escaped by [`quote`], and names are cut to
//! what Graphviz takes ([`fit`]). URLs are [`crate::model::Url`]s: http(s), with no quote,
//! space or backslash that could leave the attribute or turn into an escape.

use std::collections::HashMap;
use std::io::{self, Write};

use petgraph::graph::NodeIndex;

use super::{Cluster, Context};
use crate::model::EntryKind;
use crate::palette;

const FONT: &str = "DejaVu Sans";

pub(super) fn write(ctx: &Context, cluster: Cluster, w: &mut dyn Write) -> io::Result<()> {
    writeln!(w, "digraph \"edge-atlas\" {{")?;
    writeln!(w, "  graph [rankdir=LR, fontname={}, fontsize=16, labeljust=l];", quote(FONT))?;
    writeln!(w, "  node [shape=box, style=\"rounded,filled\", fontname={}, fontsize=10];", quote(FONT))?;
    writeln!(w, "  edge [fontname={}, fontsize=8, color=\"#8a8a8a\", fontcolor=\"#5a5a5a\"];", quote(FONT))?;
    for (label, members) in clusters(ctx, cluster) {
        match label {
            Some(label) => {
                writeln!(w, "  subgraph {} {{", quote(&format!("cluster_{label}")))?;
                writeln!(w, "    label={};", quote(&label))?;
                for n in members {
                    node(ctx, n, "    ", w)?;
                }
                writeln!(w, "  }}")?;
            }
            None => {
                for n in members {
                    node(ctx, n, "  ", w)?;
                }
            }
        }
    }
    for &(s, r, t) in &ctx.sub.edges {
        writeln!(w, "  {} -> {} [label={}];", quote(ctx.id(s)), quote(ctx.id(t)), quote(r.as_str()))?;
    }
    writeln!(w, "}}")
}

/// Nodes grouped into clusters in graph order; `None` holds the nodes outside every cluster.
fn clusters(ctx: &Context, cluster: Cluster) -> Vec<(Option<String>, Vec<NodeIndex>)> {
    let g = ctx.g;
    let mut groups: Vec<(Option<String>, Vec<NodeIndex>)> = Vec::new();
    let mut slot: HashMap<Option<String>, usize> = HashMap::new();
    for &n in &ctx.sub.nodes {
        let label = match cluster {
            Cluster::Kind => Some(g.node(n).key.kind.as_str().to_string()),
            Cluster::Org => palette::home_org(g, n).map(|o| g.node(o).key.id.to_string()),
        };
        let i = *slot.entry(label.clone()).or_insert_with(|| {
            groups.push((label, Vec::new()));
            groups.len() - 1
        });
        groups[i].1.push(n);
    }
    groups
}

fn node(ctx: &Context, n: NodeIndex, indent: &str, w: &mut dyn Write) -> io::Result<()> {
    let v = ctx.node(n);
    let text = if v.colour.luminance() < 0.5 { "#ffffff" } else { "#000000" };
    let label = fit(v.label);
    let mut tooltip = format!("{}: {label}", v.kind.as_str());
    if let Some(d) = v.date {
        tooltip.push_str(&format!("\n{d}"));
    }
    write!(
        w,
        "{indent}{} [label={}, shape={}, fillcolor={}, fontcolor={}, tooltip={}",
        quote(v.id),
        quote(&label),
        shape(v.kind),
        quote(&v.colour.to_string()),
        quote(text),
        quote(&tooltip)
    )?;
    if let Some(url) = &v.url {
        write!(w, ", URL={}", quote(url))?;
    }
    writeln!(w, "];")
}

fn shape(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Organisation => "house",
        EntryKind::Paper => "note",
        EntryKind::Technique => "ellipse",
        EntryKind::Chip | EntryKind::Device => "box3d",
        _ => "box",
    }
}

/// Longest name written, in characters: Graphviz refuses strings over 16 KB, and nothing
/// that long reads as a label.
pub const MAX_LABEL: usize = 1000;

/// A name as the DOT export writes it: cut to [`MAX_LABEL`] characters with an ellipsis.
pub fn fit(name: &str) -> std::borrow::Cow<'_, str> {
    crate::diag::cut(name, MAX_LABEL)
}

/// What the DOT export of `sub` changes in names, one warning each kind of change, or none.
pub fn notes(g: &crate::graph::KnowledgeGraph, sub: &super::Subgraph) -> Vec<String> {
    let names = || sub.nodes.iter().map(|&n| g.node(n).name.as_str());
    let long = names().filter(|n| matches!(fit(n), std::borrow::Cow::Owned(_))).count();
    let control = names().filter(|n| n.chars().any(|c| c.is_control() && c != '\n')).count();
    let mut notes = Vec::new();
    if long > 0 {
        notes.push(format!(
            "{long} name(s) over {MAX_LABEL} characters cut in the DOT export (Graphviz refuses long strings)"
        ));
    }
    if control > 0 {
        notes.push(format!("{control} name(s) with control characters written as \\u{{..}} in the DOT export"));
    }
    notes
}

/// A DOT double-quoted string: `\` before `"` is escaped first, newlines become `\n`
/// (a centred line break in labels), carriage returns are dropped, and other control
/// characters, which make `dot` fail or write ill-formed SVG, are written out as `\u{1b}`.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => out.extend(std::iter::once('\\').chain(c.escape_unicode())),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn quotes_hostile_names() {
        assert_eq!(quote("PanGu-α"), "\"PanGu-α\"");
        assert_eq!(quote("Cap'n'Proto"), "\"Cap'n'Proto\"");
        assert_eq!(quote(r"PanGu-$\alpha$"), r#""PanGu-$\\alpha$""#);
        assert_eq!(quote(r#"a "b" \"#), r#""a \"b\" \\""#);
        assert_eq!(quote("two\r\nlines"), r#""two\nlines""#);
        assert_eq!(quote("nul\0 ff\u{c} esc\u{1b}"), r#""nul\\u{0} ff\\u{c} esc\\u{1b}""#);
        assert_eq!(super::fit(&"x".repeat(super::MAX_LABEL)).len(), super::MAX_LABEL);
        assert!(super::fit(&"x".repeat(20_000)).ends_with("x…"));
    }
}
