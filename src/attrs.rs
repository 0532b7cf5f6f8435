//! Typed attributes of an entry, shared by `show` and the graph exports.

use std::fmt::{self, Write as _};

use crate::data::Dataset;
use crate::graph::Node;
use crate::model::{Edge, EntryKind, LinkType, Links, Url, YearMonth, format_count};

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
            EntryKind::Organisation => self.display("colour", data.organisations[i].colour),
            EntryKind::Family => self.display("published", data.families[i].published),
            EntryKind::Model => {
                let m = &data.models[i];
                self.display("released", m.released);
                self.text("sizes", &m.sizes.raw);
                self.joined("params", m.sizes.counts().map(format_count), ";");
                if let Some(max) = m.sizes.counts().max() {
                    self.items.push(("max_params", Slot::Float(max as f64)));
                }
                self.text("edge", m.edge.map_or("", Edge::as_str));
                self.joined("modalities", &m.modalities, ";");
            }
            EntryKind::Framework => {
                let f = &data.frameworks[i];
                self.items.push(("open_source", Slot::Bool(f.open_source)));
                self.items.push(("vendor_sdk", Slot::Bool(f.vendor_sdk)));
                self.text("sizes", &f.sizes.raw);
            }
            EntryKind::Backend => {}
            EntryKind::Chip => {
                let c = &data.chips[i];
                self.text("line", &c.line);
                self.display("released", c.released);
                if let Some(t) = &c.tops {
                    self.items.push(("tops", Slot::Float(t.value.high)));
                    self.items.push(("tops_min", Slot::Float(t.value.low)));
                }
                self.text("memory", c.memory.as_ref().map_or("", |m| m.raw.as_str()));
            }
            EntryKind::Device => self.text("category", data.devices[i].category.as_str()),
            EntryKind::Paper => {
                let p = &data.papers[i];
                self.text("title", &p.title);
                self.text("venue", p.venue.as_deref().unwrap_or(""));
                self.display("published", p.published);
                if p.survey {
                    self.items.push(("survey", Slot::Bool(true)));
                }
                self.joined("tags", &p.tags, ";");
            }
            EntryKind::Technique => self.text("number", data.techniques[i].number.as_deref().unwrap_or("")),
            EntryKind::Product => self.text("category", &data.products[i].category),
            EntryKind::Benchmark => self.text("category", &data.benchmarks[i].category),
            EntryKind::Format => {
                for (name, s) in data.formats[i].properties() {
                    self.text(name, s.as_str());
                }
            }
        }
        for t in LinkType::ALL {
            if let Some(urls) = link_list(data, node, t) {
                self.joined(t.column(), urls.iter().map(Url::as_str), " ");
            }
        }
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
