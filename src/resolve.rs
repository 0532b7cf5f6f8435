//! Name resolution: from what a user or a list cell says ("qwen 2.5") to an entry key.

use std::collections::HashMap;

use crate::data::Dataset;
use crate::model::{EntryKind, Key, name_key};
use crate::suggest::closest;

/// Looks entries up by `kind:id`, id, name, or any other name or curated alias,
/// ignoring case, spaces and punctuation.
#[derive(Debug, Default)]
pub struct NameIndex {
    entries: Vec<(Key, String)>,
    by_key: HashMap<Key, usize>,
    by_id: HashMap<String, Vec<usize>>,
    /// name key -> (entry, is its primary name)
    by_name: HashMap<String, Vec<(usize, bool)>>,
}

/// Why a name did not resolve to exactly one entry.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ResolveError {
    #[error("no entry is called {name:?}{}", list_candidates("; closest:", .suggestions))]
    Unknown { name: String, suggestions: Vec<(Key, String)> },
    #[error("{name:?} is ambiguous{}", list_candidates("; it could be", .candidates))]
    Ambiguous { name: String, candidates: Vec<(Key, String)> },
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
        for e in d.entries() {
            let i = ix.entries.len();
            ix.entries.push((e.key(), e.name.to_string()));
            ix.by_key.insert(e.key(), i);
            ix.by_id.entry(e.id.as_str().to_string()).or_default().push(i);
            ix.add_name(e.name, i, true);
            for other in e.other_names {
                ix.add_name(other, i, false);
            }
        }
        for a in &d.aliases {
            if let Some(&i) = ix.by_key.get(&a.target) {
                ix.add_name(&a.alias, i, false);
            }
        }
        ix
    }

    fn add_name(&mut self, name: &str, i: usize, primary: bool) {
        let k = name_key(name);
        if k.is_empty() {
            return;
        }
        let list = self.by_name.entry(k).or_default();
        if !list.iter().any(|(j, _)| *j == i) {
            list.push((i, primary));
        }
    }

    /// Resolves `input` to one entry of one of `kinds` (any kind when empty).
    /// Tiers, first match wins: `kind:id`; id; exact name; name ignoring case and
    /// punctuation; other names and aliases. Several matches in one tier are ambiguous.
    pub fn resolve(&self, input: &str, kinds: &[EntryKind]) -> Result<Key, ResolveError> {
        let input = input.trim();
        let wanted = |k: &Key| kinds.is_empty() || kinds.contains(&k.kind);
        if let Ok(key) = input.parse::<Key>() {
            if self.by_key.contains_key(&key) && wanted(&key) {
                return Ok(key);
            }
        }
        let nk = name_key(input);
        let named = self.by_name.get(&nk).map(Vec::as_slice).unwrap_or(&[]);
        let tiers: [Vec<usize>; 4] = [
            self.by_id.get(input).cloned().unwrap_or_default(),
            named.iter().filter(|(i, p)| *p && self.entries[*i].1 == input).map(|(i, _)| *i).collect(),
            named.iter().filter(|(_, p)| *p).map(|(i, _)| *i).collect(),
            named.iter().map(|(i, _)| *i).collect(),
        ];
        for tier in tiers {
            let mut hits: Vec<usize> = tier.into_iter().filter(|&i| wanted(&self.entries[i].0)).collect();
            hits.sort_unstable();
            hits.dedup();
            match hits.len() {
                0 => continue,
                1 => return Ok(self.entries[hits[0]].0.clone()),
                _ => {
                    let candidates = hits.iter().map(|&i| self.entries[i].clone()).collect();
                    return Err(ResolveError::Ambiguous { name: input.to_string(), candidates });
                }
            }
        }
        Err(ResolveError::Unknown { name: input.to_string(), suggestions: self.suggest(input, kinds, 5) })
    }

    /// Every entry `input` could mean: its `kind:id`, id, or any of its names or aliases,
    /// for filters where "Qwen" should match both the release and the family.
    pub fn resolve_all(&self, input: &str, kinds: &[EntryKind]) -> Result<Vec<Key>, ResolveError> {
        let input = input.trim();
        let wanted = |k: &Key| kinds.is_empty() || kinds.contains(&k.kind);
        if let Ok(key) = input.parse::<Key>() {
            if self.by_key.contains_key(&key) && wanted(&key) {
                return Ok(vec![key]);
            }
        }
        let ids = self.by_id.get(&input.to_lowercase()).into_iter().flatten().copied();
        let names = self.by_name.get(&name_key(input)).into_iter().flatten().map(|(i, _)| *i);
        let mut hits: Vec<usize> = ids.chain(names).filter(|&i| wanted(&self.entries[i].0)).collect();
        hits.sort_unstable();
        hits.dedup();
        if hits.is_empty() {
            return Err(ResolveError::Unknown { name: input.to_string(), suggestions: self.suggest(input, kinds, 5) });
        }
        Ok(hits.into_iter().map(|i| self.entries[i].0.clone()).collect())
    }

    /// The entries whose names come closest to `input`.
    pub fn suggest(&self, input: &str, kinds: &[EntryKind], max: usize) -> Vec<(Key, String)> {
        let pool: Vec<&(Key, String)> =
            self.entries.iter().filter(|(k, _)| kinds.is_empty() || kinds.contains(&k.kind)).collect();
        let names = closest(input, pool.iter().map(|(_, n)| n.as_str()), max);
        let mut out = Vec::new();
        for n in names {
            out.extend(pool.iter().filter(|(_, m)| m == n).map(|e| (*e).clone()));
        }
        out.truncate(max);
        out
    }
}
