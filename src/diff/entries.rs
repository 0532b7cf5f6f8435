//! Entries added, removed, renamed, and changed field by field: each table's rows compared by
//! id, as the CSV writes their columns (so a value reads as it does in data/).

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;

use crate::data::{self, Dataset, Entry};
use crate::graph::KnowledgeGraph;
use crate::import::Rename;
use crate::model::EntryKind;

use super::Named;
use super::pairs::{self, Pairs};

#[derive(Debug, Clone, Default, Serialize)]
pub struct Changes {
    pub added: Vec<Named>,
    pub removed: Vec<Named>,
    pub renamed: Vec<Renamed>,
    pub changed: Vec<Changed>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.renamed.is_empty() && self.changed.is_empty()
    }
}

/// An entry whose name changed while its id stayed.
#[derive(Debug, Clone, Serialize)]
pub struct Renamed {
    pub kind: EntryKind,
    pub id: String,
    pub old: String,
    pub new: String,
    /// The rule that paired the rows: import's rename rules, or `same id` between two data/
    /// directories.
    pub rule: &'static str,
}

/// An entry of both sides whose other columns differ.
#[derive(Debug, Clone, Serialize)]
pub struct Changed {
    pub entry: Named,
    pub fields: Vec<Field>,
}

/// One column's value before and after (empty: no value).
#[derive(Debug, Clone, Serialize)]
pub struct Field {
    pub field: &'static str,
    pub old: String,
    pub new: String,
}

/// A value as reports show it: `(none)` for an empty cell.
pub fn shown(value: &str) -> &str {
    if value.is_empty() { "(none)" } else { value }
}

/// One row as written: its name and its other columns after id and name.
struct Row {
    name: String,
    cells: Vec<String>,
}

fn rows<T: Entry>(table: &[T]) -> BTreeMap<String, Row> {
    let bytes = data::render(table);
    let mut r = csv::ReaderBuilder::new().from_reader(bytes.as_slice());
    let mut out = BTreeMap::new();
    for rec in r.records().flatten() {
        let cells: Vec<String> = rec.iter().map(str::to_string).collect();
        if let [id, name, rest @ ..] = cells.as_slice() {
            out.insert(id.clone(), Row { name: name.clone(), cells: rest.to_vec() });
        }
    }
    out
}

/// A table's rows by id and the names of its columns after id and name.
fn table(d: &Dataset, kind: EntryKind) -> (BTreeMap<String, Row>, &'static [&'static str]) {
    fn of<T: Entry>(t: &[T]) -> (BTreeMap<String, Row>, &'static [&'static str]) {
        (rows(t), T::COLUMNS.get(2..).unwrap_or_default())
    }
    match kind {
        EntryKind::Organisation => of(&d.organisations),
        EntryKind::Family => of(&d.families),
        EntryKind::Model => of(&d.models),
        EntryKind::Framework => of(&d.frameworks),
        EntryKind::Backend => of(&d.backends),
        EntryKind::Chip => of(&d.chips),
        EntryKind::Device => of(&d.devices),
        EntryKind::Paper => of(&d.papers),
        EntryKind::Technique => of(&d.techniques),
        EntryKind::Product => of(&d.products),
        EntryKind::Benchmark => of(&d.benchmarks),
        EntryKind::Format => of(&d.formats),
    }
}

/// The entries whose rows hold nothing but id and name, as (kind, id).
pub fn factless(g: &KnowledgeGraph) -> HashSet<(EntryKind, String)> {
    let mut out = HashSet::new();
    for kind in EntryKind::ALL {
        let (rows, _) = table(&g.data, kind);
        out.extend(rows.into_iter().filter(|(_, r)| r.cells.iter().all(String::is_empty)).map(|(id, _)| (kind, id)));
    }
    out
}

/// Compares every table, kind by kind in file order, rows by id (HEAD's ids of `pairs` as
/// BASE's, in the rows and in the cells that refer to them).
pub fn compare(base: &KnowledgeGraph, head: &KnowledgeGraph, renames: &[Rename], pairs: &Pairs) -> Changes {
    let mut out = Changes::default();
    for kind in EntryKind::ALL {
        let (old, columns) = table(&base.data, kind);
        let (new, _) = table(&head.data, kind);
        let new: BTreeMap<String, Row> = new
            .into_iter()
            .map(|(id, r)| {
                let cells = r.cells.iter().map(|c| pairs.cell(c)).collect();
                (pairs.base_id(kind, &id), Row { name: r.name, cells })
            })
            .collect();
        let named = |id: &str, name: &str| Named { kind, id: id.to_string(), name: name.to_string() };
        for (id, n) in &new {
            let Some(o) = old.get(id) else {
                out.added.push(named(id, &n.name));
                continue;
            };
            if o.name != n.name {
                let by_import = renames.iter().find(|r| r.kind == kind && r.id.as_str() == id);
                let paired = pairs.is_base(kind, id);
                let rule = match by_import {
                    Some(r) => r.rule.describe(),
                    None if paired => pairs::RULE,
                    None => "same id",
                };
                out.renamed.push(Renamed { kind, id: id.clone(), old: o.name.clone(), new: n.name.clone(), rule });
            }
            let fields: Vec<Field> = columns
                .iter()
                .zip(o.cells.iter().zip(&n.cells))
                .filter(|(_, (a, b))| a != b)
                .map(|(c, (a, b))| Field { field: c, old: a.clone(), new: b.clone() })
                .collect();
            if !fields.is_empty() {
                out.changed.push(Changed { entry: named(id, &n.name), fields });
            }
        }
        out.removed.extend(old.iter().filter(|(id, _)| !new.contains_key(*id)).map(|(id, o)| named(id, &o.name)));
    }
    out
}
