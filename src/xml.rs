//! A small element writer over quick-xml for GraphML, GEXF and SVG, with the escaping they need.

use std::borrow::Cow;
use std::io::{self, Write};

use quick_xml::Writer;
use quick_xml::escape::escape;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::name::QName;

use crate::attrs::ValueType;

/// Streams indented XML; every value goes through [`escape_value`].
pub struct Xml<'w> {
    w: Writer<&'w mut dyn Write>,
}

impl<'w> Xml<'w> {
    pub fn new(w: &'w mut dyn Write) -> io::Result<Xml<'w>> {
        let mut w = Writer::new_with_indent(w, b' ', 2);
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        Ok(Xml { w })
    }

    pub fn start(&mut self, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
        self.w.write_event(Event::Start(element(name, attrs)))
    }

    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
        self.w.write_event(Event::Empty(element(name, attrs)))
    }

    pub fn end(&mut self, name: &str) -> io::Result<()> {
        self.w.write_event(Event::End(BytesEnd::new(name)))
    }

    /// `<name attrs>text</name>` on one line.
    pub fn text_element(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) -> io::Result<()> {
        self.w.write_event(Event::Start(element(name, attrs)))?;
        self.w.write_event(Event::Text(BytesText::from_escaped(escape_value(text))))?;
        self.w.write_event(Event::End(BytesEnd::new(name)))
    }

    /// Ends the document with a newline.
    pub fn finish(mut self) -> io::Result<()> {
        self.w.get_mut().write_all(b"\n")
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

fn element<'a>(name: &'a str, attrs: &[(&str, &str)]) -> BytesStart<'a> {
    let mut e = BytesStart::new(name);
    for (k, v) in attrs {
        e.push_attribute(Attribute { key: QName(k), value: escape_value(v) });
    }
    e
}

/// Escapes markup characters, and writes tab, newline and carriage return as character
/// references so that attribute-value normalisation keeps them. Characters XML 1.0 cannot
/// carry at all (other C0 controls, U+FFFE, U+FFFF) become U+FFFD.
pub fn escape_value(s: &str) -> Cow<'_, str> {
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
