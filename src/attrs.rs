//! Typed attributes of an entry, shared by `show` and the graph exports.

use std::fmt::{self, Write as _};

use crate::data::Dataset;
use crate::graph::Node;
use crate::model::{EntryKind, LinkType, Links, Url, YearMonth};

/// An attribute value with the type exports declare for it: owned, or (`Value<&str>`)
/// borrowed from an [`AttrBuf`].
#[derive(Debug, Clone, PartialEq)]
pub enum Value<T = String> {
    Text(T),
    Int(i64),
    Float(f64),
    Bool(bool),
}

/// The type of an attribute column, as exports declare it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueType {
    Text,
    Int,
    Float,
    Bool,
}

impl<T: AsRef<str>> Value<T> {
    pub fn value_type(&self) -> ValueType {
        match self {
            Value::Text(_) => ValueType::Text,
            Value::Int(_) => ValueType::Int,
            Value::Float(_) => ValueType::Float,
            Value::Bool(_) => ValueType::Bool,
        }
    }

    /// The value with its text copied out.
    pub fn to_owned(&self) -> Value {
        match self {
            Value::Text(t) => Value::Text(t.as_ref().to_string()),
            Value::Int(i) => Value::Int(*i),
            Value::Float(x) => Value::Float(*x),
            Value::Bool(b) => Value::Bool(*b),
        }
    }
}

impl<T: AsRef<str>> serde::Serialize for Value<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Text(t) => s.serialize_str(t.as_ref()),
            Value::Int(i) => s.serialize_i64(*i),
            Value::Float(x) => s.serialize_f64(*x),
            Value::Bool(b) => s.serialize_bool(*b),
        }
    }
}

impl<T: AsRef<str>> fmt::Display for Value<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Text(s) => f.write_str(s.as_ref()),
            Value::Int(i) => write!(f, "{i}"),
            Value::Float(x) => write!(f, "{x}"),
            Value::Bool(b) => write!(f, "{b}"),
        }
    }
}

/// Attributes of one entry, in a fixed order per kind; empty values are left out.
pub fn attributes(data: &Dataset, node: &Node) -> Vec<(&'static str, Value)> {
    let mut a = AttrBuf::default();
    a.fill(data, node);
    a.iter().map(|(name, v)| (name, v.to_owned())).collect()
}

/// Attributes written into buffers that are reused from entry to entry, so that an export
/// of a million entries allocates nothing per entry.
#[derive(Debug, Default)]
pub struct AttrBuf {
    /// The text values, one after the other.
    text: String,
    items: Vec<(&'static str, Slot)>,
}

#[derive(Debug, Clone, Copy)]
enum Slot {
    /// A range of `text`.
    Text(usize, usize),
    Int(i64),
    Float(f64),
    Bool(bool),
}

impl AttrBuf {
    pub fn clear(&mut self) {
        self.text.clear();
        self.items.clear();
    }

    /// The attributes in the order they were added.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, Value<&str>)> + '_ {
        self.items.iter().map(|&(name, slot)| {
            let v = match slot {
                Slot::Text(a, b) => Value::Text(&self.text[a..b]),
                Slot::Int(i) => Value::Int(i),
                Slot::Float(x) => Value::Float(x),
                Slot::Bool(b) => Value::Bool(b),
            };
            (name, v)
        })
    }

    /// Adds the attributes of `node` (see [`attributes`]) after those already here.
    pub fn fill(&mut self, data: &Dataset, node: &Node) {
        let i = node.index;
        match node.key.kind {
            EntryKind::Organisation => data.organisations[i].attributes(self),
            EntryKind::Family => data.families[i].attributes(self),
            EntryKind::Model => data.models[i].attributes(self),
            EntryKind::Framework => data.frameworks[i].attributes(self),
            EntryKind::Backend => data.backends[i].attributes(self),
            EntryKind::Chip => data.chips[i].attributes(self),
            EntryKind::Device => data.devices[i].attributes(self),
            EntryKind::Paper => data.papers[i].attributes(self),
            EntryKind::Technique => data.techniques[i].attributes(self),
            EntryKind::Product => data.products[i].attributes(self),
            EntryKind::Benchmark => data.benchmarks[i].attributes(self),
            EntryKind::Format => data.formats[i].attributes(self),
        }
        for t in LinkType::ALL {
            if let Some(urls) = link_list(data, node, t) {
                self.joined(t.column(), urls.iter().map(Url::as_str), " ");
            }
        }
    }

    pub fn int(&mut self, name: &'static str, v: i64) {
        self.items.push((name, Slot::Int(v)));
    }

    pub fn float(&mut self, name: &'static str, v: f64) {
        self.items.push((name, Slot::Float(v)));
    }

    /// Adds a text attribute unless it is empty.
    pub fn text(&mut self, name: &'static str, v: &str) {
        self.text_with(name, |t| t.push_str(v));
    }

    /// Adds the text `write` appends, unless it appends nothing.
    fn text_with(&mut self, name: &'static str, write: impl FnOnce(&mut String)) {
        let start = self.text.len();
        write(&mut self.text);
        if self.text.len() > start {
            self.items.push((name, Slot::Text(start, self.text.len())));
        }
    }

    fn display(&mut self, name: &'static str, v: Option<impl fmt::Display>) {
        if let Some(v) = v {
            self.text_with(name, |t| write!(t, "{v}").expect("writing to a String cannot fail"));
        }
    }

    fn joined<I: IntoIterator<Item: AsRef<str>>>(&mut self, name: &'static str, items: I, sep: &str) {
        self.text_with(name, |t| {
            for (k, item) in items.into_iter().enumerate() {
                if k > 0 {
                    t.push_str(sep);
                }
                t.push_str(item.as_ref());
            }
        });
    }
}

/// The attributes of each entry table, from its declaration in `model::schema`: each column
/// listed under `attributes`, in that order, by its writer in [`write`].
macro_rules! define_attributes {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident $file:literal {
            $($(#[doc = $fdoc:literal])* $field:ident : $ty:ty = $read:ident $(, $ser:literal)?;)*
        } $([$links:ident])? attributes { $($attr:ident : $writer:ident),* $(,)? }
    )*) => {
        $(
            impl crate::model::$name {
                /// Adds the record's attributes to `a` (empty values left out).
                pub fn attributes(&self, a: &mut AttrBuf) {
                    $(write::$writer(a, stringify!($attr), &self.$attr);)*
                    let _ = a;
                }
            }
        )*
    };
}

crate::entry_tables!(define_attributes);

/// How a column becomes attributes: one function per kind of column, named in the schema.
mod write {
    use super::{AttrBuf, Slot};
    use crate::model::{Raw, Sizes, Tops, format_count};

    pub fn display(a: &mut AttrBuf, name: &'static str, v: &Option<impl std::fmt::Display>) {
        a.display(name, v.as_ref());
    }
    pub fn text(a: &mut AttrBuf, name: &'static str, v: &str) {
        a.text(name, v);
    }
    pub fn opt_text(a: &mut AttrBuf, name: &'static str, v: &Option<String>) {
        a.text(name, v.as_deref().unwrap_or(""));
    }
    pub fn choice<T: Copy + Into<&'static str>>(a: &mut AttrBuf, name: &'static str, v: &T) {
        a.text(name, (*v).into());
    }
    pub fn opt_choice<T: Copy + Into<&'static str>>(a: &mut AttrBuf, name: &'static str, v: &Option<T>) {
        a.text(name, v.map_or("", Into::into));
    }
    pub fn list(a: &mut AttrBuf, name: &'static str, v: &[String]) {
        a.joined(name, v, ";");
    }
    pub fn flag(a: &mut AttrBuf, name: &'static str, v: &bool) {
        a.items.push((name, Slot::Bool(*v)));
    }
    /// Only when true: most entries are not.
    pub fn true_flag(a: &mut AttrBuf, name: &'static str, v: &bool) {
        if *v {
            flag(a, name, v);
        }
    }
    pub fn raw_sizes(a: &mut AttrBuf, name: &'static str, v: &Sizes) {
        a.text(name, &v.raw);
    }
    /// The sizes as written, their parameter counts (`params`) and the largest (`max_params`).
    pub fn sizes(a: &mut AttrBuf, name: &'static str, v: &Sizes) {
        a.text(name, &v.raw);
        a.joined("params", v.counts().map(format_count), ";");
        if let Some(max) = v.counts().max() {
            a.items.push(("max_params", Slot::Float(max as f64)));
        }
    }
    /// Peak TOPS (`tops`) and the low end of a range (`tops_min`).
    pub fn tops(a: &mut AttrBuf, name: &'static str, v: &Option<Raw<Tops>>) {
        if let Some(t) = v {
            a.items.push((name, Slot::Float(t.value.high)));
            a.items.push(("tops_min", Slot::Float(t.value.low)));
        }
    }
    pub fn opt_raw<T>(a: &mut AttrBuf, name: &'static str, v: &Option<Raw<T>>) {
        a.text(name, v.as_ref().map_or("", |m| m.raw.as_str()));
    }
}

/// The entry's date: release for models and chips, publication for families and papers.
pub fn date(data: &Dataset, node: &Node) -> Option<YearMonth> {
    let i = node.index;
    match node.key.kind {
        EntryKind::Family => data.families[i].published,
        EntryKind::Model => data.models[i].released,
        EntryKind::Chip => data.chips[i].released,
        EntryKind::Paper => data.papers[i].published,
        _ => None,
    }
}

/// The URLs of one link column of the entry, for the kinds that have link columns.
pub fn link_list<'a>(data: &'a Dataset, node: &Node, t: LinkType) -> Option<&'a [Url]> {
    let i = node.index;
    Some(match node.key.kind {
        EntryKind::Family => data.families[i].link(t),
        EntryKind::Model => data.models[i].link(t),
        EntryKind::Framework => data.frameworks[i].link(t),
        EntryKind::Paper => data.papers[i].link(t),
        EntryKind::Product => data.products[i].link(t),
        EntryKind::Benchmark => data.benchmarks[i].link(t),
        EntryKind::Format => data.formats[i].link(t),
        _ => return None,
    })
}

/// The entry's links, for the kinds that have link columns.
pub fn links(data: &Dataset, node: &Node) -> Option<Links> {
    let mut l = Links::default();
    for t in LinkType::ALL {
        *l.get_mut(t) = link_list(data, node, t)?.to_vec();
    }
    Some(l)
}

/// The page that best stands for the entry: its official site, else paper, code or model card.
pub fn url<'a>(data: &'a Dataset, node: &Node) -> Option<&'a Url> {
    [LinkType::Official, LinkType::Paper, LinkType::Code, LinkType::HuggingFace]
        .into_iter()
        .find_map(|t| link_list(data, node, t)?.first())
}
