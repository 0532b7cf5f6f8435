//! Per-edge text made once: each edge's bytes rendered by the format's own writer, with
//! markers where the values go, then filled for each of millions of edges.
//!
//! A format renders one edge of every relation kind through its ordinary code, with
//! [`HOLES`] in place of the edge's id, ends and date; [`Template::new`] cuts the bytes at
//! them. Filling copies the fixed parts and the values as they are: the values must be what
//! the writer would have written for them unchanged (node ids are `kind:id` slugs,
//! `[a-z0-9-]` and `:`, which no format escapes; numbers and dates are digits and `-`).

use crate::model::RelationKind;

/// Markers for the values, in order: private-use characters, which no escaper changes and
/// no fixed text contains.
pub const HOLES: [&str; 4] = ["\u{e000}", "\u{e001}", "\u{e002}", "\u{e003}"];

/// The bytes of one edge, cut where its values go.
pub struct Template {
    parts: Vec<Vec<u8>>,
}

impl Template {
    /// Cuts `rendered` at `HOLES[..holes]`, which it must hold in that order, each once.
    pub fn new(rendered: &[u8], holes: usize) -> Template {
        let mut parts = Vec::with_capacity(holes + 1);
        let mut rest = rendered;
        for hole in &HOLES[..holes] {
            let at = find(rest, hole.as_bytes()).expect("a template's writer puts every marker in");
            parts.push(rest[..at].to_vec());
            rest = &rest[at + hole.len()..];
        }
        assert!(HOLES.iter().all(|h| find(rest, h.as_bytes()).is_none()), "a marker was left in a template");
        parts.push(rest.to_vec());
        Template { parts }
    }

    /// Appends the edge with `values` in the holes.
    #[inline]
    pub fn fill(&self, b: &mut Vec<u8>, values: &[&[u8]]) {
        debug_assert_eq!(values.len() + 1, self.parts.len());
        for (part, value) in self.parts.iter().zip(values) {
            b.extend_from_slice(part);
            b.extend_from_slice(value);
        }
        b.extend_from_slice(self.parts.last().expect("a template has a last part"));
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// One `T` per relation kind, indexed by the kind.
pub struct PerRelation<T>([T; RelationKind::ALL.len()]);

impl<T> PerRelation<T> {
    pub fn new(f: impl FnMut(RelationKind) -> T) -> PerRelation<T> {
        PerRelation(RelationKind::ALL.map(f))
    }
}

impl<T> std::ops::Index<RelationKind> for PerRelation<T> {
    type Output = T;

    #[inline]
    fn index(&self, r: RelationKind) -> &T {
        // `ALL` lists the kinds in declaration order (a test holds it).
        &self.0[r as usize]
    }
}

/// Whether `id` is written unchanged by every format's escaping, as a template's value must be.
pub fn plain(id: &str) -> bool {
    id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b':' | b'_'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relation_kinds_index_in_declaration_order() {
        for (i, r) in RelationKind::ALL.into_iter().enumerate() {
            assert_eq!(r as usize, i);
        }
    }

    #[test]
    fn fills_the_holes_in_order() {
        let t = Template::new(format!("<e id=\"{}\" s=\"{}\"/>", HOLES[0], HOLES[1]).as_bytes(), 2);
        let mut b = Vec::new();
        t.fill(&mut b, &[b"7", b"model:x"]);
        assert_eq!(b, b"<e id=\"7\" s=\"model:x\"/>");
    }
}
