//! Relations as `load` keeps them while validating: rows of a few numbers, the ids' text in
//! one buffer, and a run of rows with the same source storing that source once.

use super::read::Row;
use crate::model::{EntryKind, Id, Key, Relation, RelationKind};

/// One end of a relation: its kind and where its id is in [`Relations`]' text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct End {
    pub kind: EntryKind,
    start: u32,
    end: u32,
}

/// One relation: its source a number into [`Relations::sources`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Link {
    pub source: u32,
    pub relation: RelationKind,
    pub target: End,
}

/// The rows of a relations table. At a million entries relations.csv has millions of rows,
/// grouped by source: a row takes 20 bytes here where a `Relation` takes 72, the reader
/// allocates no id, and validation looks each run's source up once.
#[derive(Debug, Default)]
pub(crate) struct Relations {
    ids: String,
    /// The source of each run of rows with the same source.
    pub sources: Vec<End>,
    /// The rows, in file order.
    pub links: Vec<Link>,
    /// The previous row's source cell, to tell when a run ends.
    last_source: String,
}

impl Relations {
    /// `relations` in this form.
    pub fn of(relations: &[Relation]) -> Relations {
        let mut out = Relations::default();
        for r in relations {
            let source = out.source(&r.source);
            let target = out.push(&r.target);
            out.links.push(Link { source, relation: r.relation, target });
        }
        out
    }

    /// The id of `end`.
    pub fn id(&self, end: &End) -> &str {
        &self.ids[end.start as usize..end.end as usize]
    }

    /// `end` as a key, for messages.
    pub fn key(&self, end: &End) -> Key {
        // The text was an id when it was read.
        Key::new(end.kind, self.id(end).parse().unwrap_or_else(|_| Id::from_name(self.id(end))))
    }

    /// The keys of a row's source and target, for messages.
    pub fn keys(&self, link: &Link) -> (Key, Key) {
        (self.key(&self.sources[link.source as usize]), self.key(&link.target))
    }

    fn push(&mut self, key: &Key) -> End {
        let start = self.ids.len();
        self.ids.push_str(key.id.as_str());
        // A table file is at most 4 GiB (`read::MAX_FILE_BYTES`), and its ids are part of it.
        let offset = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        End { kind: key.kind, start: offset(start), end: offset(self.ids.len()) }
    }

    /// The number of `key` as a source: the current run's, or a new run's.
    fn source(&mut self, key: &Key) -> u32 {
        let same = self.sources.last().is_some_and(|s| s.kind == key.kind && self.id(s) == key.id.as_str());
        if !same {
            let end = self.push(key);
            self.sources.push(end);
        }
        (self.sources.len() - 1) as u32
    }

    /// One row of relations.csv: the cells and errors of `Relation`'s `from_row`.
    pub fn row(&mut self, r: &mut Row) -> Option<Link> {
        let cell = r.cell("source");
        // The same text as the previous row's source, which parsed (never empty): the same run.
        let source = if !self.last_source.is_empty() && self.last_source == cell {
            Some((self.sources.len() - 1) as u32)
        } else {
            let source = r.key("source").map(|k| self.source(&k));
            // A source that fails is reported at each of its rows: it is not remembered.
            self.last_source.clear();
            if source.is_some() {
                self.last_source.push_str(cell);
            }
            source
        };
        let relation = r.choice("relation");
        let target = r.key("target").map(|k| self.push(&k));
        Some(Link { source: source?, relation: relation?, target: target? })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_of_rows_with_one_source_stores_it_once() {
        let r = |s: &str, t: &str| Relation {
            source: s.parse().unwrap(),
            relation: RelationKind::RunsOn,
            target: t.parse().unwrap(),
        };
        let rels = Relations::of(&[r("model:a", "chip:x"), r("model:a", "chip:y"), r("model:b", "device:x")]);
        assert_eq!(rels.sources.len(), 2);
        let shown: Vec<String> = rels.links.iter().map(|l| format!("{} {}", rels.keys(l).0, rels.keys(l).1)).collect();
        assert_eq!(shown, ["model:a chip:x", "model:a chip:y", "model:b device:x"]);
    }
}
