//! A small streaming element writer for GraphML, GEXF and SVG, with the escaping they need.
//!
//! Markup goes straight to the writer (no event or attribute allocations: a million-node
//! GraphML is written at disk speed); values are escaped by quick-xml's escaper. The layout
//! is quick-xml's indented one: each element on its own line, two spaces a level, text
//! elements on one line.

use std::borrow::Cow;
use std::io::{self, Write};

use quick_xml::escape::escape;

use crate::attrs::ValueType;
use crate::fsx::Blocks;

/// Streams indented XML; every value goes through [`escape_value`]. Elements are put
/// together in a buffer of its own, handed to the writer in blocks.
pub struct Xml<'w> {
    out: Blocks<'w>,
    depth: usize,
}

impl<'w> Xml<'w> {
    pub fn new(w: &'w mut dyn Write) -> io::Result<Xml<'w>> {
        let mut out = Blocks::new(w);
        out.buf.extend_from_slice(br#"<?xml version="1.0" encoding="UTF-8"?>"#);
        Ok(Xml { out, depth: 0 })
    }

    /// Starts a line with `<name attrs`, first handing a full block to the writer.
    fn open(&mut self, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
        self.out.flush_full()?;
        self.newline();
        self.out.buf.push(b'<');
        self.out.buf.extend_from_slice(name.as_bytes());
        for (k, v) in attrs {
            self.out.buf.push(b' ');
            self.out.buf.extend_from_slice(k.as_bytes());
            self.out.buf.extend_from_slice(b"=\"");
            self.out.buf.extend_from_slice(escape_value(v).as_bytes());
            self.out.buf.push(b'"');
        }
        Ok(())
    }

    fn newline(&mut self) {
        self.out.buf.push(b'\n');
        self.out.buf.resize(self.out.buf.len() + 2 * self.depth, b' ');
    }

    pub fn start(&mut self, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
        self.open(name, attrs)?;
        self.depth += 1;
        self.out.buf.push(b'>');
        Ok(())
    }

    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
        self.open(name, attrs)?;
        self.out.buf.extend_from_slice(b"/>");
        Ok(())
    }

    pub fn end(&mut self, name: &str) -> io::Result<()> {
        self.depth = self.depth.saturating_sub(1);
        self.newline();
        self.close(name);
        Ok(())
    }

    fn close(&mut self, name: &str) {
        self.out.buf.extend_from_slice(b"</");
        self.out.buf.extend_from_slice(name.as_bytes());
        self.out.buf.push(b'>');
    }

    /// `<name attrs>text</name>` on one line.
    pub fn text_element(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) -> io::Result<()> {
        self.open(name, attrs)?;
        self.out.buf.push(b'>');
        self.out.buf.extend_from_slice(escape_value(text).as_bytes());
        self.close(name);
        Ok(())
    }

    /// `start`, then `text` escaped, then `end`, on one line; `start` and `end` are written as
    /// they are: tags the caller made once (`<data key="n_label">`), so that only the text is
    /// escaped for each of millions of values.
    pub fn tagged_text(&mut self, start: &[u8], text: &str, end: &[u8]) -> io::Result<()> {
        self.out.flush_full()?;
        self.newline();
        self.out.buf.extend_from_slice(start);
        self.out.buf.extend_from_slice(escape_value(text).as_bytes());
        self.out.buf.extend_from_slice(end);
        Ok(())
    }

    /// What `write` writes at the current depth, as bytes (for a template of an element).
    pub(crate) fn render(&self, write: impl FnOnce(&mut Xml) -> io::Result<()>) -> Vec<u8> {
        let mut bytes = Vec::new();
        let mut x = Xml { out: Blocks::new(&mut bytes), depth: self.depth };
        write(&mut x).and_then(|()| x.out.finish()).expect("writing to a Vec cannot fail");
        bytes
    }

    /// Appends what `put` writes as it is (markup made by `render`, filled in), first handing
    /// a full block to the writer.
    #[inline]
    pub(crate) fn raw(&mut self, put: impl FnOnce(&mut Vec<u8>)) -> io::Result<()> {
        self.out.flush_full()?;
        put(&mut self.out.buf);
        Ok(())
    }

    /// Ends the document with a newline and hands the rest to the writer.
    pub fn finish(mut self) -> io::Result<()> {
        self.out.buf.push(b'\n');
        self.out.finish()
    }
}

/// A start tag per column, made once, so that only values are escaped for each of millions
/// of nodes; found by the column's name (names come from the same `&'static str`s, so
/// comparing addresses finds them without comparing text).
pub struct Tags {
    names: Vec<&'static str>,
    tags: Vec<Vec<u8>>,
}

impl Tags {
    pub fn new(names: impl IntoIterator<Item = &'static str>, tag: impl Fn(&str) -> Vec<u8>) -> Tags {
        let names: Vec<&'static str> = names.into_iter().collect();
        let tags = names.iter().map(|n| tag(n)).collect();
        Tags { names, tags }
    }

    #[inline]
    pub fn get(&self, name: &str) -> Option<&[u8]> {
        let same = |c: &&str| std::ptr::eq(c.as_ptr(), name.as_ptr()) && c.len() == name.len();
        let i = self.names.iter().position(same).or_else(|| self.names.iter().position(|c| *c == name))?;
        Some(&self.tags[i])
    }
}

/// The type name GraphML's `attr.type` and GEXF's `type` both use.
pub fn value_type_name(t: ValueType) -> &'static str {
    match t {
        ValueType::Text => "string",
        ValueType::Int => "long",
        ValueType::Float => "double",
        ValueType::Bool => "boolean",
    }
}

/// Escapes markup characters, and writes tab, newline and carriage return as character
/// references so that attribute-value normalisation keeps them. Characters XML 1.0 cannot
/// carry at all (other C0 controls, U+FFFE, U+FFFF) become U+FFFD.
pub fn escape_value(s: &str) -> Cow<'_, str> {
    // The common case in one pass over the bytes: nothing to escape. 0xEF leads U+FFFE/U+FFFF.
    const SPECIAL: [bool; 256] = {
        let mut t = [false; 256];
        let mut b = 0;
        while b < 0x20 {
            t[b] = true;
            b += 1;
        }
        let mut i = 0;
        let marks = *b"<>&\"'\xEF";
        while i < marks.len() {
            t[marks[i] as usize] = true;
            i += 1;
        }
        t
    };
    if !s.bytes().any(|b| SPECIAL[b as usize]) {
        return Cow::Borrowed(s);
    }
    let forbidden =
        |c: char| matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}');
    let needs_refs = |c: char| matches!(c, '\t' | '\n' | '\r') || forbidden(c);
    let escaped = escape(s);
    if !escaped.contains(needs_refs) {
        return escaped;
    }
    let mut out = String::with_capacity(escaped.len() + 8);
    for c in escaped.chars() {
        match c {
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if forbidden(c) => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_whitespace_and_forbidden_characters() {
        assert_eq!(escape_value("PanGu-α"), "PanGu-α");
        assert_eq!(escape_value(r#"A&B <C> "d" 'e' \"#), r"A&amp;B &lt;C&gt; &quot;d&quot; &apos;e&apos; \");
        assert_eq!(escape_value("a\nb\tc\rd"), "a&#10;b&#9;c&#13;d");
        assert_eq!(escape_value("bell\u{7}"), "bell\u{fffd}");
    }

    #[test]
    fn writes_elements() {
        let mut buf = Vec::new();
        let mut x = Xml::new(&mut buf).unwrap();
        x.start("a", &[("k", "v&")]).unwrap();
        x.text_element("b", &[], "x\ny<").unwrap();
        x.empty("c", &[]).unwrap();
        x.end("a").unwrap();
        x.finish().unwrap();
        let s = String::from_utf8(buf).unwrap();
        assert_eq!(
            s,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a k=\"v&amp;\">\n  <b>x&#10;y&lt;</b>\n  <c/>\n</a>\n"
        );
    }
}
