//! Renames: an entry whose name changed in the list while its facts stayed (every column but id
//! and name: organisations, sizes, dates, links, family) keeps its id, and its old name becomes
//! an alias; an entry whose name stayed keeps its id too, whatever id its name would make now. Kinds are matched in reference order (organisations, families, models, ...) so a
//! renamed family is already relabelled when its models are compared.

use std::collections::{HashMap, HashSet};

use crate::data::{Dataset, Entry, Table, render};
use crate::model::*;

/// One rename: the entry keeps `id`, its name goes from `old` to `new`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rename {
    pub kind: EntryKind,
    pub id: Id,
    pub old: String,
    pub new: String,
    pub rule: RenameRule,
    /// Whether the old name became an alias (not when another entry of the kind has it).
    pub aliased: bool,
}

/// Which rule paired the old row with the new one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RenameRule {
    /// The same name (ignoring case, spaces and punctuation) under an id made another way.
    SameName,
    /// Every fact but the name the same, and no other row with those facts.
    SameFacts,
}

impl RenameRule {
    /// The rule in words, for reports.
    pub fn describe(self) -> &'static str {
        match self {
            RenameRule::SameName => "same name, new id rule",
            RenameRule::SameFacts => "same facts, new name",
        }
    }
}

/// Every column of a row but id and name (the first two of every table), as written in the CSV.
fn facts<T: Table>(row: &T) -> Option<Vec<String>> {
    let bytes = render(std::iter::once(row));
    let mut r = csv::ReaderBuilder::new().from_reader(bytes.as_slice());
    let rec = r.records().next()?.ok()?;
    let fields: Vec<String> = rec.iter().skip(2).map(str::to_string).collect();
    // A row with no facts (a backend, a stub) cannot be told apart from any other.
    fields.iter().any(|f| !f.is_empty()).then_some(fields)
}

/// Pairs (fresh id, previous id) of one kind for fresh rows under a new id: a previous row gone
/// from the list with the same name (ids stay with names, even when the rule making ids
/// changes), else the one previous row, gone or stripped of its facts, whose facts are the
/// fresh row's and no other fresh row's.
fn pairs<T: Entry>(fresh: &[T], prev: &[T]) -> Vec<(Id, Id, String, String, RenameRule)> {
    let fresh_by_id: HashMap<&Id, &T> = fresh.iter().map(|r| (r.id(), r)).collect();
    let prev_ids: HashSet<&Id> = prev.iter().map(Entry::id).collect();
    let gone: Vec<&T> = prev.iter().filter(|p| !fresh_by_id.contains_key(p.id())).collect();
    let free: Vec<(&T, Vec<String>)> = prev
        .iter()
        .filter(|p| fresh_by_id.get(p.id()).is_none_or(|f| f.name() != p.name() && facts(*f) != facts(*p)))
        .filter_map(|p| Some((p, facts(p)?)))
        .collect();
    let added: Vec<(&T, Option<Vec<String>>)> =
        fresh.iter().filter(|f| !prev_ids.contains(f.id())).map(|f| (f, facts(f))).collect();
    let mut out = Vec::new();
    for (a, fa) in &added {
        let named: Vec<&&T> = gone.iter().filter(|p| name_key(p.name()) == name_key(a.name())).collect();
        let old = match (named.as_slice(), fa) {
            ([old], _) => Some((**old, RenameRule::SameName)),
            (_, Some(fa)) => {
                let olds: Vec<&T> = free.iter().filter(|(_, fp)| fp == fa).map(|(p, _)| *p).collect();
                let same = added.iter().filter(|(_, fb)| fb.as_ref() == Some(fa)).count();
                if let ([old], 1) = (olds.as_slice(), same) { Some((*old, RenameRule::SameFacts)) } else { None }
            }
            _ => None,
        };
        if let Some((old, rule)) = old {
            out.push((a.id().clone(), old.id().clone(), old.name().to_string(), a.name().to_string(), rule));
        }
    }
    out
}

/// Every id of `kind` in `d` that `map` names gets its new value: rows and references alike.
fn relabel(d: &mut Dataset, kind: EntryKind, map: &HashMap<Id, Id>) {
    let fix = |k: EntryKind, id: &mut Id| {
        if k == kind
            && let Some(n) = map.get(id)
        {
            *id = n.clone();
        }
    };
    use EntryKind as K;
    for x in &mut d.organisations {
        fix(K::Organisation, &mut x.id);
    }
    for x in &mut d.families {
        fix(K::Family, &mut x.id);
        x.organisations.iter_mut().for_each(|o| fix(K::Organisation, o));
    }
    for x in &mut d.models {
        fix(K::Model, &mut x.id);
        x.family.iter_mut().for_each(|f| fix(K::Family, f));
        x.organisations.iter_mut().for_each(|o| fix(K::Organisation, o));
    }
    for x in &mut d.frameworks {
        fix(K::Framework, &mut x.id);
        x.organisations.iter_mut().for_each(|o| fix(K::Organisation, o));
    }
    d.backends.iter_mut().for_each(|x| fix(K::Backend, &mut x.id));
    for x in &mut d.chips {
        fix(K::Chip, &mut x.id);
        x.vendor.iter_mut().for_each(|v| fix(K::Organisation, v));
    }
    d.devices.iter_mut().for_each(|x| fix(K::Device, &mut x.id));
    d.papers.iter_mut().for_each(|x| fix(K::Paper, &mut x.id));
    for x in &mut d.techniques {
        fix(K::Technique, &mut x.id);
        x.parent.iter_mut().for_each(|p| fix(K::Technique, p));
    }
    d.products.iter_mut().for_each(|x| fix(K::Product, &mut x.id));
    d.benchmarks.iter_mut().for_each(|x| fix(K::Benchmark, &mut x.id));
    for x in &mut d.formats {
        fix(K::Format, &mut x.id);
        x.organisations.iter_mut().for_each(|o| fix(K::Organisation, o));
    }
    for r in &mut d.relations {
        let (sk, tk) = (r.source.kind, r.target.kind);
        fix(sk, &mut r.source.id);
        fix(tk, &mut r.target.id);
    }
    d.relations.retain(|r| r.source != r.target);
    d.relations.sort();
    d.relations.dedup();
}

/// Finds the renames of one kind, drops the fresh stub a stale alias may have made under the
/// old id, and relabels the renamed rows to their old ids.
fn apply<T: Entry>(
    fresh: &mut Dataset,
    table: impl Fn(&mut Dataset) -> &mut Vec<T>,
    old_table: &[T],
    out: &mut Vec<Rename>,
) {
    let found = pairs(table(fresh), old_table);
    if found.is_empty() {
        return;
    }
    let olds: HashSet<&Id> = found.iter().map(|(_, old, ..)| old).collect();
    table(fresh).retain(|r| !olds.contains(r.id()));
    let map: HashMap<Id, Id> = found.iter().map(|(new, old, ..)| (new.clone(), old.clone())).collect();
    relabel(fresh, T::KIND, &map);
    // An id kept for the same name is no rename to report.
    out.extend(found.into_iter().filter(|(_, _, old, new, _)| old != new).map(|(_, id, old, new, rule)| Rename {
        kind: T::KIND,
        id,
        old,
        new,
        rule,
        aliased: false,
    }));
}

/// Detects renames between the previous data and a fresh import, relabels `fresh` so renamed
/// entries keep their ids, and adds each old name to the aliases (unless another entry of the
/// kind has that name).
pub fn detect(fresh: &mut Dataset, prev: &Dataset) -> Vec<Rename> {
    let mut out = Vec::new();
    apply(fresh, |d| &mut d.organisations, &prev.organisations, &mut out);
    apply(fresh, |d| &mut d.families, &prev.families, &mut out);
    apply(fresh, |d| &mut d.models, &prev.models, &mut out);
    apply(fresh, |d| &mut d.frameworks, &prev.frameworks, &mut out);
    apply(fresh, |d| &mut d.chips, &prev.chips, &mut out);
    apply(fresh, |d| &mut d.devices, &prev.devices, &mut out);
    apply(fresh, |d| &mut d.papers, &prev.papers, &mut out);
    apply(fresh, |d| &mut d.techniques, &prev.techniques, &mut out);
    apply(fresh, |d| &mut d.products, &prev.products, &mut out);
    apply(fresh, |d| &mut d.benchmarks, &prev.benchmarks, &mut out);
    apply(fresh, |d| &mut d.formats, &prev.formats, &mut out);
    for r in &mut out {
        let known = fresh.aliases.iter().any(|a| name_key(&a.alias) == name_key(&r.old));
        // Another entry of the kind called by the old name ("Quantization" in IV as well as V)
        // shadows the alias: it would never apply, and check refuses it.
        let taken = fresh.entries_of(r.kind).any(|e| name_key(e.name) == name_key(&r.old));
        r.aliased = !taken;
        if !known && !taken && name_key(&r.old) != name_key(&r.new) {
            fresh.aliases.push(Alias { alias: r.old.clone(), target: Key::new(r.kind, r.id.clone()) });
        }
    }
    out
}
