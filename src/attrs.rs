//! Typed attributes of an entry, shared by `show` and the graph exports.

use std::fmt;

use crate::data::Dataset;
use crate::graph::Node;
use crate::model::{Edge, EntryKind, LinkType, Links, Url, YearMonth, format_count};

/// An attribute value with the type exports declare for it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
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

impl Value {
    pub fn value_type(&self) -> ValueType {
        match self {
            Value::Text(_) => ValueType::Text,
            Value::Int(_) => ValueType::Int,
            Value::Float(_) => ValueType::Float,
            Value::Bool(_) => ValueType::Bool,
        }
    }
}

impl serde::Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Text(t) => s.serialize_str(t),
            Value::Int(i) => s.serialize_i64(*i),
            Value::Float(x) => s.serialize_f64(*x),
            Value::Bool(b) => s.serialize_bool(*b),
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Text(s) => f.write_str(s),
            Value::Int(i) => write!(f, "{i}"),
            Value::Float(x) => write!(f, "{x}"),
            Value::Bool(b) => write!(f, "{b}"),
        }
    }
}

/// Attributes of one entry, in a fixed order per kind; empty values are left out.
pub fn attributes(data: &Dataset, node: &Node) -> Vec<(&'static str, Value)> {
    let mut a = Attrs(Vec::new());
    let i = node.index;
    match node.key.kind {
        EntryKind::Organisation => a.text("colour", data.organisations[i].colour.map(|c| c.to_string()).as_deref()),
        EntryKind::Family => {
            let f = &data.families[i];
            a.text("published", f.published.map(|d| d.to_string()).as_deref());
        }
        EntryKind::Model => {
            let m = &data.models[i];
            a.text("released", m.released.map(|d| d.to_string()).as_deref());
            a.text("sizes", Some(&m.sizes.raw));
            let counts: Vec<String> = m.sizes.counts().map(format_count).collect();
            a.text("params", Some(&counts.join(";")));
            if let Some(max) = m.sizes.counts().max() {
                a.0.push(("max_params", Value::Float(max as f64)));
            }
            a.text("edge", m.edge.map(Edge::as_str));
            a.text("modalities", Some(&m.modalities.join(";")));
        }
        EntryKind::Framework => {
            let f = &data.frameworks[i];
            a.0.push(("open_source", Value::Bool(f.open_source)));
            a.0.push(("vendor_sdk", Value::Bool(f.vendor_sdk)));
            a.text("sizes", Some(&f.sizes.raw));
        }
        EntryKind::Backend => {}
        EntryKind::Chip => {
            let c = &data.chips[i];
            a.text("line", Some(&c.line));
            a.text("released", c.released.map(|d| d.to_string()).as_deref());
            if let Some(t) = &c.tops {
                a.0.push(("tops", Value::Float(t.value.high)));
                a.0.push(("tops_min", Value::Float(t.value.low)));
            }
            a.text("memory", c.memory.as_ref().map(|m| m.raw.as_str()));
        }
        EntryKind::Device => a.text("category", Some(data.devices[i].category.as_str())),
        EntryKind::Paper => {
            let p = &data.papers[i];
            a.text("title", Some(&p.title));
            a.text("venue", p.venue.as_deref());
            a.text("published", p.published.map(|d| d.to_string()).as_deref());
            if p.survey {
                a.0.push(("survey", Value::Bool(true)));
            }
            a.text("tags", Some(&p.tags.join(";")));
        }
        EntryKind::Technique => a.text("number", data.techniques[i].number.as_deref()),
        EntryKind::Product => {
            let p = &data.products[i];
            a.text("category", Some(&p.category));
        }
        EntryKind::Benchmark => {
            let b = &data.benchmarks[i];
            a.text("category", Some(&b.category));
        }
        EntryKind::Format => {
            let f = &data.formats[i];
            for (name, s) in f.properties() {
                a.text(name, Some(s.as_str()));
            }
        }
    }
    if let Some(l) = links(data, node) {
        a.links(&l);
    }
    a.0
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

/// The entry's links, for the kinds that have link columns.
pub fn links(data: &Dataset, node: &Node) -> Option<Links> {
    let i = node.index;
    Some(match node.key.kind {
        EntryKind::Family => data.families[i].links(),
        EntryKind::Model => data.models[i].links(),
        EntryKind::Framework => data.frameworks[i].links(),
        EntryKind::Paper => data.papers[i].links(),
        EntryKind::Product => data.products[i].links(),
        EntryKind::Benchmark => data.benchmarks[i].links(),
        EntryKind::Format => data.formats[i].links(),
        _ => return None,
    })
}

/// The page that best stands for the entry: its official site, else paper, code or model card.
pub fn url(data: &Dataset, node: &Node) -> Option<Url> {
    let l = links(data, node)?;
    [LinkType::Official, LinkType::Paper, LinkType::Code, LinkType::HuggingFace]
        .into_iter()
        .find_map(|t| l.get(t).first().cloned())
}

struct Attrs(Vec<(&'static str, Value)>);

impl Attrs {
    fn text(&mut self, name: &'static str, v: Option<&str>) {
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            self.0.push((name, Value::Text(v.to_string())));
        }
    }

    fn links(&mut self, l: &Links) {
        for t in LinkType::ALL {
            self.text(t.column(), Some(&l.get(t).iter().map(Url::as_str).collect::<Vec<_>>().join(" ")));
        }
    }
}
