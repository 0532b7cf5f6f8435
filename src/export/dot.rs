//! Graphviz DOT: clusters by kind or organisation, the figures' colours, and `URL` and
//! `tooltip` on every node so `dot -Tsvg` gives a clickable map.
//!
//! Written by hand because petgraph's `Dot` has no clusters and inserts attribute strings
//! unquoted; here every id and value is quoted and escaped by [`quote`], and names are cut to
//! what Graphviz takes ([`fit`]). URLs are [`crate::model::Url`]s: http(s), with no quote,
//! space or backslash that could leave the attribute or turn into an escape.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{self, Write};

use petgraph::graph::NodeIndex;

use super::template::{HOLES, PerRelation, Template};
use super::{Cluster, Exporter, Info, Options, Prepared};
use crate::fsx::Blocks;
use crate::model::{EntryKind, RelationKind};

const FONT: &str = "DejaVu Sans";

/// Graphviz DOT.
pub struct Dot;

const INFO: Info = Info { name: "dot", about: "Graphviz DOT, clustered, with URLs and tooltips", files: &[], cost: 1 };

impl Exporter for Dot {
    fn info(&self) -> &'static Info {
        &INFO
    }

    fn notes(&self, g: &crate::graph::KnowledgeGraph, sub: &super::Subgraph) -> Vec<String> {
        notes(g, sub)
    }

    fn write(&self, p: &Prepared, opts: Options, _part: usize, w: &mut (dyn Write + Send)) -> io::Result<()> {
        write(p, opts.cluster, w)
    }
}

fn write(ctx: &Prepared, cluster: Cluster, w: &mut dyn Write) -> io::Result<()> {
    writeln!(w, "digraph \"edge-atlas\" {{")?;
    writeln!(w, "  graph [rankdir=LR, fontname={}, fontsize=16, labeljust=l];", quote(FONT))?;
    writeln!(w, "  node [shape=box, style=\"rounded,filled\", fontname={}, fontsize=10];", quote(FONT))?;
    writeln!(w, "  edge [fontname={}, fontsize=8, color=\"#8a8a8a\", fontcolor=\"#5a5a5a\"];", quote(FONT))?;
    let mut out = Blocks::new(w);
    for (label, members) in clusters(ctx, cluster) {
        match label {
            Some(label) => {
                let b = &mut out.buf;
                b.extend_from_slice(b"  subgraph ");
                quote_into(b, &format!("cluster_{label}"));
                b.extend_from_slice(b" {\n    label=");
                quote_into(b, label);
                b.extend_from_slice(b";\n");
                for n in members {
                    node(ctx, n, "    ", &mut out.buf);
                    out.flush_full()?;
                }
                out.buf.extend_from_slice(b"  }\n");
            }
            None => {
                for n in members {
                    node(ctx, n, "  ", &mut out.buf);
                    out.flush_full()?;
                }
            }
        }
    }
    let edge = |b: &mut Vec<u8>, s: &str, t: &str, r: RelationKind| {
        b.extend_from_slice(b"  ");
        quote_into(b, s);
        b.extend_from_slice(b" -> ");
        quote_into(b, t);
        b.extend_from_slice(b" [label=");
        quote_into(b, r.as_str());
        b.extend_from_slice(b"];\n");
    };
    let templates = ctx.plain_ids.then(|| {
        PerRelation::new(|r| {
            let mut b = Vec::new();
            edge(&mut b, HOLES[0], HOLES[1], r);
            Template::new(&b, 2)
        })
    });
    for &(s, r, t) in &ctx.sub.edges {
        let (s, t) = (ctx.id(s), ctx.id(t));
        match &templates {
            Some(templates) => templates[r].fill(&mut out.buf, &[s.as_bytes(), t.as_bytes()]),
            None => edge(&mut out.buf, s, t, r),
        }
        out.flush_full()?;
    }
    out.buf.extend_from_slice(b"}\n");
    out.finish()
}

/// Nodes grouped into clusters in graph order; `None` holds the nodes outside every cluster.
fn clusters<'a>(ctx: &'a Prepared, cluster: Cluster) -> Vec<(Option<&'a str>, Vec<NodeIndex>)> {
    let g = ctx.g;
    let mut groups: Vec<(Option<&str>, Vec<NodeIndex>)> = Vec::new();
    let mut slot: HashMap<Option<&str>, usize> = HashMap::new();
    for &n in &ctx.sub.nodes {
        let label = match cluster {
            Cluster::Kind => Some(g.node(n).key.kind.as_str()),
            Cluster::Org => ctx.home[n.index()].map(|o| g.node(o).key.id.as_str()),
        };
        let i = *slot.entry(label).or_insert_with(|| {
            groups.push((label, Vec::new()));
            groups.len() - 1
        });
        groups[i].1.push(n);
    }
    groups
}

/// Appends node `n`'s line to `b`.
fn node(ctx: &Prepared, n: NodeIndex, indent: &str, b: &mut Vec<u8>) {
    let v = ctx.node(n);
    let text: &[u8] = if v.colour.luminance() < 0.5 { b"#ffffff" } else { b"#000000" };
    let label = fit(v.label);
    b.extend_from_slice(indent.as_bytes());
    quote_into(b, v.id);
    b.extend_from_slice(b" [label=");
    quote_into(b, &label);
    b.extend_from_slice(b", shape=");
    b.extend_from_slice(shape(v.kind).as_bytes());
    // Colours are `#rrggbb`: nothing in them needs escaping.
    b.extend_from_slice(b", fillcolor=\"");
    b.extend_from_slice(&v.colour.hex());
    b.extend_from_slice(b"\", fontcolor=\"");
    b.extend_from_slice(text);
    // The tooltip is "kind: label", and the date on a line of its own.
    b.extend_from_slice(b"\", tooltip=\"");
    escape_into(b, v.kind.as_str());
    b.extend_from_slice(b": ");
    escape_into(b, &label);
    if let Some(d) = v.date {
        b.extend_from_slice(b"\\n");
        write!(b, "{d}").expect("writing to a Vec cannot fail");
    }
    b.push(b'"');
    if let Some(url) = v.url {
        b.extend_from_slice(b", URL=");
        quote_into(b, url);
    }
    // Pinned ("!"): `neato -n` draws the map as laid out; `dot` ignores positions.
    if let Some([x, y]) = v.position {
        write!(b, ", pos=\"{x},{y}!\"").expect("writing to a Vec cannot fail");
    }
    b.extend_from_slice(b"];\n");
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
pub fn fit(name: &str) -> Cow<'_, str> {
    // A name of at most MAX_LABEL bytes has at most as many characters.
    if name.len() <= MAX_LABEL { Cow::Borrowed(name) } else { crate::diag::cut(name, MAX_LABEL) }
}

/// What the DOT export of `sub` changes in names, one warning each kind of change, or none.
fn notes(g: &crate::graph::KnowledgeGraph, sub: &super::Subgraph) -> Vec<String> {
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
    let mut out = Vec::with_capacity(s.len() + 2);
    quote_into(&mut out, s);
    String::from_utf8(out).expect("escaping keeps UTF-8")
}

/// Appends [`quote`]`(s)` to `b`.
fn quote_into(b: &mut Vec<u8>, s: &str) {
    b.push(b'"');
    escape_into(b, s);
    b.push(b'"');
}

/// Appends what [`quote`] writes between its quotes: runs of characters that need nothing
/// are copied whole.
fn escape_into(b: &mut Vec<u8>, s: &str) {
    // Bytes that start something to escape: C0 controls, DEL, `"`, `\`, and 0xC2, which
    // leads the C1 controls U+0080..U+009F (and other characters, which are copied).
    const SPECIAL: [bool; 256] = {
        let mut t = [false; 256];
        let mut i = 0;
        while i < 0x20 {
            t[i] = true;
            i += 1;
        }
        t[0x7f] = true;
        t[b'"' as usize] = true;
        t[b'\\' as usize] = true;
        t[0xc2] = true;
        t
    };
    let bytes = s.as_bytes();
    let mut clean = 0;
    while let Some(at) = bytes[clean..].iter().position(|&c| SPECIAL[usize::from(c)]).map(|i| clean + i) {
        b.extend_from_slice(&bytes[clean..at]);
        let c = s[at..].chars().next().expect("`at` starts a character");
        match c {
            '\\' => b.extend_from_slice(b"\\\\"),
            '"' => b.extend_from_slice(b"\\\""),
            '\n' => b.extend_from_slice(b"\\n"),
            '\r' => {}
            c if c.is_control() => write!(b, "\\{}", c.escape_unicode()).expect("writing to a Vec cannot fail"),
            c => b.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
        }
        clean = at + c.len_utf8();
    }
    b.extend_from_slice(&bytes[clean..]);
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

    /// The escaping as it was written first, one character at a time.
    fn reference(s: &str) -> String {
        let mut out = String::from('"');
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

    proptest::proptest! {
        /// Copying clean runs whole writes what escaping each character did, C1 controls and
        /// other two-byte characters included.
        #[test]
        fn quoting_equals_escaping_each_character(s in "(\\PC|[\\x00-\\x1f\\x7f-\\u{a0}\\\\\"é€])*") {
            proptest::prop_assert_eq!(quote(&s), reference(&s));
        }
    }
}
