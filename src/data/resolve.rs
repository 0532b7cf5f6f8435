//! Name resolution: from what a user or a list cell says ("qwen 2.5") to an entry key.

use std::collections::hash_map::Entry;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::{Dataset, EntryRef};
use crate::model::{EntryKind, Id, Key, name_key};
use crate::suggest::closest;

/// Looks entries up by `kind:id`, id, name, or any other name or curated alias,
/// ignoring case, spaces and punctuation.
///
/// Entries are numbered in dataset order (kind by kind, then file order), which is also
/// the graph's node order. The id maps are built at once; the name map only at the first
/// lookup by name, since validating and exporting never need it.
#[derive(Debug, Default)]
pub struct NameIndex {
    /// Where each kind's entries start in the numbering, plus the total at the end.
    starts: [usize; EntryKind::ALL.len() + 1],
    /// Per kind: id -> row of the first entry with it.
    rows: [FxHashMap<Id, usize>; EntryKind::ALL.len()],
    /// (kind, row, first row) of each entry whose id repeats an earlier one of its kind.
    duplicates: Vec<(EntryKind, usize, usize)>,
    /// name key -> (entry number, is its primary name)
    by_name: OnceLock<FxHashMap<String, Vec<(usize, bool)>>>,
}

/// Why a name did not resolve to exactly one entry.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ResolveError {
    #[error("no entry is called {name:?}{}", list_candidates("; closest:", .suggestions))]
    Unknown { name: String, suggestions: Vec<(Key, String)> },
    #[error("{name:?} is ambiguous{}", list_candidates("; it could be", .candidates))]
    Ambiguous { name: String, candidates: Vec<(Key, String)> },
}

/// Kinds that may name one thing: a family, its releases and the product built on it; a
/// framework and the backend it is; a chip and a device class.
fn same_thing(a: EntryKind, b: EntryKind) -> bool {
    use EntryKind::*;
    let group = |k| match k {
        Family | Model | Product => 0,
        Framework | Backend => 1,
        Chip | Device => 2,
        _ => 3 + k as usize,
    };
    group(a) == group(b)
}

fn list_candidates(lead: &str, c: &[(Key, String)]) -> String {
    if c.is_empty() {
        return String::new();
    }
    let items: Vec<String> = c.iter().map(|(k, n)| format!("{k} ({n})")).collect();
    format!("{lead} {}", items.join(", "))
}

impl NameIndex {
    pub fn build(d: &Dataset) -> NameIndex {
        let mut ix = NameIndex::default();
        let mut total = 0;
        for kind in EntryKind::ALL {
            ix.starts[kind as usize] = total;
            let rows = &mut ix.rows[kind as usize];
            rows.reserve(d.count_of(kind));
            for e in d.entries_of(kind) {
                match rows.entry(e.id.clone()) {
                    Entry::Occupied(first) => ix.duplicates.push((kind, e.index, *first.get())),
                    Entry::Vacant(v) => {
                        v.insert(e.index);
                    }
                }
            }
            total += d.count_of(kind);
        }
        ix.starts[EntryKind::ALL.len()] = total;
        ix
    }

    /// Row of the entry of `kind` with this id (the first, if the id repeats).
    pub fn row(&self, kind: EntryKind, id: &str) -> Option<usize> {
        self.rows[kind as usize].get(id).copied()
    }

    /// The number, in dataset order, of the entry of `kind` with this id.
    pub fn number_of(&self, kind: EntryKind, id: &str) -> Option<usize> {
        self.row(kind, id).map(|r| self.starts[kind as usize] + r)
    }

    pub fn number(&self, key: &Key) -> Option<usize> {
        self.number_of(key.kind, key.id.as_str())
    }

    /// Entries whose id repeats an earlier one of their kind: (kind, row, first row).
    pub fn duplicates(&self) -> &[(EntryKind, usize, usize)] {
        &self.duplicates
    }

    /// How many entries there are: entry numbers run from 0 to this.
    pub fn entry_count(&self) -> usize {
        self.starts.last().copied().unwrap_or(0)
    }

    /// Numbers of the entries whose own name (not another name or alias) is `name`, ignoring
    /// case and punctuation.
    pub fn named(&self, d: &Dataset, name: &str) -> Vec<usize> {
        let named = self.names(d).get(&name_key(name)).map(Vec::as_slice).unwrap_or(&[]);
        named.iter().filter(|(_, primary)| *primary).map(|(i, _)| *i).collect()
    }

    pub fn entry<'a>(&self, d: &'a Dataset, number: usize) -> EntryRef<'a> {
        let kind = self.kind_of(number);
        d.entry(kind, number - self.starts[kind as usize]).expect("entry numbers come from this dataset")
    }

    fn key_and_name(&self, d: &Dataset, number: usize) -> (Key, String) {
        let e = self.entry(d, number);
        (e.key(), e.name.to_string())
    }

    fn names(&self, d: &Dataset) -> &FxHashMap<String, Vec<(usize, bool)>> {
        self.by_name.get_or_init(|| {
            let mut by_name: FxHashMap<String, Vec<(usize, bool)>> = FxHashMap::default();
            let mut add = |name: &str, i: usize, primary: bool| {
                let k = name_key(name);
                if !k.is_empty() {
                    let list = by_name.entry(k).or_default();
                    if !list.iter().any(|(j, _)| *j == i) {
                        list.push((i, primary));
                    }
                }
            };
            for (i, e) in d.entries().enumerate() {
                add(e.name, i, true);
                e.other_names().into_iter().for_each(|other| add(other, i, false));
            }
            for a in &d.aliases {
                if let Some(i) = self.number(&a.target) {
                    add(&a.alias, i, false);
                }
            }
            by_name
        })
    }

    /// Numbers of the entries, of any of `kinds` (any kind when empty), that have id `id`.
    fn with_id(&self, id: &str, kinds: &[EntryKind]) -> Vec<usize> {
        EntryKind::ALL
            .into_iter()
            .filter(|k| kinds.is_empty() || kinds.contains(k))
            .filter_map(|k| self.number_of(k, id))
            .collect()
    }

    fn kind_of(&self, number: usize) -> EntryKind {
        EntryKind::ALL[self.starts.partition_point(|&s| s <= number) - 1]
    }

    /// Resolves `input` to one entry of one of `kinds` (any kind when empty).
    /// Tiers, first match wins: `kind:id`; id; exact name; name ignoring case and
    /// punctuation; other names and aliases. Several matches in one tier are ambiguous.
    pub fn resolve(&self, d: &Dataset, input: &str, kinds: &[EntryKind]) -> Result<Key, ResolveError> {
        self.resolve_ranked(d, input, kinds, |_| 0).map(|(k, _)| k)
    }

    /// As `resolve`, but when the entries a name matches describe one thing in different
    /// kinds (a product named after its family, a framework and the backend of the same
    /// name; see `same_thing`), the richest by `richness` (entry number -> how much is known)
    /// wins, and the others come back as what else matched. For a family and its product
    /// the family may win through an alias, since the product is made of it; otherwise an
    /// alias never outranks an entry's own name. Equal richness stays ambiguous.
    pub fn resolve_ranked(
        &self,
        d: &Dataset,
        input: &str,
        kinds: &[EntryKind],
        richness: impl Fn(usize) -> usize,
    ) -> Result<(Key, Vec<(Key, String)>), ResolveError> {
        let input = input.trim();
        let wanted = |k: EntryKind| kinds.is_empty() || kinds.contains(&k);
        if let Ok(key) = input.parse::<Key>()
            && self.number(&key).is_some()
            && wanted(key.kind)
        {
            return Ok((key, Vec::new()));
        }
        let named = self.names(d).get(&name_key(input)).map(Vec::as_slice).unwrap_or(&[]);
        let tiers: [Vec<usize>; 4] = [
            self.with_id(input, kinds),
            named.iter().filter(|(i, p)| *p && self.entry(d, *i).name == input).map(|(i, _)| *i).collect(),
            named.iter().filter(|(_, p)| *p).map(|(i, _)| *i).collect(),
            named.iter().map(|(i, _)| *i).collect(),
        ];
        let all_named: Vec<usize> = named.iter().map(|(i, _)| *i).filter(|&i| wanted(self.kind_of(i))).collect();
        for tier in tiers {
            let mut hits: Vec<usize> = tier.into_iter().filter(|&i| wanted(self.kind_of(i))).collect();
            if hits.is_empty() {
                continue;
            }
            // A family reached through an alias joins its product of the same name.
            let products = |i: &usize| self.kind_of(*i) == EntryKind::Product;
            if hits.iter().all(products) {
                hits.extend(all_named.iter().filter(|&&i| self.kind_of(i) == EntryKind::Family));
            }
            hits.sort_unstable();
            hits.dedup();
            if hits.len() == 1 {
                return Ok((self.entry(d, hits[0]).key(), Vec::new()));
            }
            let one_thing = hits.iter().all(|&i| same_thing(self.kind_of(i), self.kind_of(hits[0])));
            let mut ranked: Vec<(usize, usize)> = hits.iter().map(|&i| (richness(i), i)).collect();
            ranked.sort_by_key(|&(r, i)| (std::cmp::Reverse(r), i));
            if one_thing && ranked[0].0 > ranked[1].0 {
                let also = ranked[1..].iter().map(|&(_, i)| self.key_and_name(d, i)).collect();
                return Ok((self.entry(d, ranked[0].1).key(), also));
            }
            let candidates = hits.iter().map(|&i| self.key_and_name(d, i)).collect();
            return Err(ResolveError::Ambiguous { name: input.to_string(), candidates });
        }
        Err(ResolveError::Unknown { name: input.to_string(), suggestions: self.suggest(d, input, kinds, 5) })
    }

    /// Every entry `input` could mean: its `kind:id`, id, or any of its names or aliases,
    /// for filters where "Qwen" should match both the release and the family.
    pub fn resolve_all(&self, d: &Dataset, input: &str, kinds: &[EntryKind]) -> Result<Vec<Key>, ResolveError> {
        let input = input.trim();
        let wanted = |k: EntryKind| kinds.is_empty() || kinds.contains(&k);
        if let Ok(key) = input.parse::<Key>()
            && self.number(&key).is_some()
            && wanted(key.kind)
        {
            return Ok(vec![key]);
        }
        let ids = self.with_id(&input.to_lowercase(), kinds);
        let names = self.names(d).get(&name_key(input)).into_iter().flatten().map(|(i, _)| *i);
        let mut hits: Vec<usize> = ids.into_iter().chain(names).filter(|&i| wanted(self.kind_of(i))).collect();
        hits.sort_unstable();
        hits.dedup();
        if hits.is_empty() {
            return Err(ResolveError::Unknown {
                name: input.to_string(),
                suggestions: self.suggest(d, input, kinds, 5),
            });
        }
        Ok(hits.into_iter().map(|i| self.entry(d, i).key()).collect())
    }

    /// The entries whose names come closest to `input`.
    pub fn suggest(&self, d: &Dataset, input: &str, kinds: &[EntryKind], max: usize) -> Vec<(Key, String)> {
        let pool: Vec<EntryRef> = d.entries().filter(|e| kinds.is_empty() || kinds.contains(&e.kind)).collect();
        let names = closest(input, pool.iter().map(|e| e.name), max);
        let mut out = Vec::new();
        for n in names {
            out.extend(pool.iter().filter(|e| e.name == n).map(|e| (e.key(), e.name.to_string())));
        }
        out.truncate(max);
        out
    }
}
