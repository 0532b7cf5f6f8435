//! The node table of the tabular formats (Parquet, Neo4j CSV): one row per node, one typed
//! column per attribute, dates as dates and parameter counts as numbers rather than text.

use chrono::NaiveDate;
use petgraph::graph::NodeIndex;

use super::Prepared;
use crate::attrs::{AttrBuf, Value, ValueType};
use crate::model::EntryKind;

/// A column's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    Text,
    Double,
    Bool,
    Int,
    Date,
    /// A list of numbers: the parameter counts a model's `sizes` name.
    Doubles,
}

impl Type {
    fn of(t: ValueType) -> Type {
        match t {
            ValueType::Text => Type::Text,
            ValueType::Float => Type::Double,
            ValueType::Bool => Type::Bool,
            ValueType::Int => Type::Int,
        }
    }
}

/// One value of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    Null,
    Text(std::borrow::Cow<'a, str>),
    Double(f64),
    Bool(bool),
    Int(i64),
    Date(NaiveDate),
    Doubles(Vec<f64>),
}

/// Columns every row has a value for, ahead of the others: `id` is `kind:id`, `color` the
/// drawn colour and `size` the drawn size, as in the other exports.
pub const REQUIRED: usize = 5;

/// Attributes that the typed `date` column carries instead (with `date_precision`).
const DATE_ATTRIBUTES: [&str; 2] = ["released", "published"];

/// The node table's columns for the selected nodes, in order.
pub fn columns(ctx: &Prepared) -> Vec<(&'static str, Type)> {
    let mut cols = vec![
        ("id", Type::Text),
        ("kind", Type::Text),
        ("label", Type::Text),
        ("color", Type::Text),
        ("size", Type::Double),
        ("date", Type::Date),
        ("date_precision", Type::Text),
        ("url", Type::Text),
    ];
    for &(name, t) in ctx.attribute_columns() {
        if !DATE_ATTRIBUTES.contains(&name) {
            cols.push((name, if name == "params" { Type::Doubles } else { Type::of(t) }));
        }
    }
    cols
}

/// Node `n`'s row for `columns`.
pub fn row<'a>(ctx: &'a Prepared, n: NodeIndex, columns: &[(&'static str, Type)], a: &mut AttrBuf) -> Vec<Cell<'a>> {
    let v = ctx.node(n);
    ctx.attributes(n, a);
    let mut row = vec![Cell::Null; columns.len()];
    row[..REQUIRED].clone_from_slice(&[
        Cell::Text(ctx.id(n).into()),
        Cell::Text(v.kind.as_str().into()),
        Cell::Text(v.label.into()),
        Cell::Text(v.colour.to_string().into()),
        Cell::Double(v.size),
    ]);
    if let Some(d) = v.date {
        row[5] = Cell::Date(d.first_day());
        row[6] = Cell::Text(if d.month.is_some() { "month" } else { "year" }.into());
    }
    if let Some(u) = v.url {
        row[7] = Cell::Text(u.to_string().into());
    }
    for (name, value) in a.iter() {
        let Some(i) = columns.iter().position(|(c, _)| *c == name) else { continue };
        row[i] = match value {
            _ if columns[i].1 == Type::Doubles => Cell::Doubles(params(ctx, n)),
            Value::Text(s) => Cell::Text(s.to_string().into()),
            Value::Float(x) => Cell::Double(x),
            Value::Bool(b) => Cell::Bool(b),
            Value::Int(i) => Cell::Int(i),
        };
    }
    row
}

/// The parameter counts of a model's sizes, in the order the list gives them.
fn params(ctx: &Prepared, n: NodeIndex) -> Vec<f64> {
    let node = ctx.g.node(n);
    match node.key.kind {
        EntryKind::Model => ctx.g.data.models[node.index].sizes.counts().map(|c| c as f64).collect(),
        _ => Vec::new(),
    }
}
