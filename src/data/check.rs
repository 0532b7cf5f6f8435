//! Whole-dataset validation: duplicate ids, dangling references, relations of the wrong kinds.

use petgraph::graph::NodeIndex;

use super::relations::{End, Link, Relations};
use super::resolve::{NameIndex, ResolveError};
use super::tables::Table;
use super::{Dataset, EXTRA_RELATIONS_FILE, Positions};
use crate::diag::{Diagnostics, quoted};
use crate::model::*;
use crate::suggest::did_you_mean;

/// Dangling references that get a "did you mean" hint; the rest are reported without one.
const MAX_HINTS: usize = 100;

struct Ctx<'a> {
    data: &'a Dataset,
    pos: &'a Positions,
    names: &'a NameIndex,
    /// Dangling references reported so far.
    hints: usize,
    out: Diagnostics,
}

impl Ctx<'_> {
    /// The number of the entry of `kind` with `id`. Reports `id` at (`file`, row `index`,
    /// `column`) when there is none, unless a row with that id failed to parse (already
    /// reported; no second error for it).
    fn reference(&mut self, kind: EntryKind, id: &Id, file: &str, index: usize, column: &str) -> Option<usize> {
        let number = self.names.number_of(kind, id.as_str());
        if number.is_some() || self.pos.is_broken(kind, id.as_str()) {
            return number;
        }
        // Each hint compares against every id of the kind: past a few, a run with thousands
        // of dangling references would take minutes, so later ones come without.
        self.hints += 1;
        let hint = if self.hints <= MAX_HINTS {
            did_you_mean(id.as_str(), self.data.entries_of(kind).map(|e| e.id.as_str()))
        } else {
            String::new()
        };
        let shown = if matches!(column, "source" | "target" | "entry" | "platform") {
            format!("{kind}:{id}")
        } else {
            id.to_string()
        };
        let msg = format!("{column} {}: no {kind} has this id{hint}", quoted(&shown));
        self.out.push(self.pos.at(file, index, column, msg));
        None
    }
}

/// Entry numbers of both ends of each row of relations.csv and of extra_relations.csv,
/// `None` where an end did not resolve.
pub(crate) type Ends = (Vec<Option<[u32; 2]>>, Vec<Option<[u32; 2]>>);

/// Validates the whole dataset, with the rows of relations.csv in `rels`, against its id
/// index `names`. Returns the problems, and the relation ends found on the way, which the
/// graph reuses.
pub(crate) fn validate(data: &Dataset, pos: &Positions, names: &NameIndex, rels: &Relations) -> (Diagnostics, Ends) {
    let mut cx = Ctx { data, pos, names, hints: 0, out: Diagnostics::default() };
    duplicate_ids(&mut cx);
    reference_columns(&mut cx);
    technique_cycles(&mut cx);
    let extra = Relations::of(&data.extra_relations);
    let ends = (relations(&mut cx, Relation::FILE, rels), relations(&mut cx, EXTRA_RELATIONS_FILE, &extra));
    successor_cycles(&mut cx, Relation::FILE, rels, &ends.0);
    successor_cycles(&mut cx, EXTRA_RELATIONS_FILE, &extra, &ends.1);
    curated(&mut cx);
    panels(&mut cx);
    (cx.out, ends)
}

fn duplicate_ids(cx: &mut Ctx) {
    for &(kind, row, first) in cx.names.duplicates() {
        let file = kind.file_name();
        let id = cx.data.entry(kind, row).map_or("", |e| e.id.as_str());
        let (first_file, line) = (cx.pos.file_of(file, first).0, cx.pos.line(file, first));
        let msg = if cx.pos.file_of(file, row).0 == first_file {
            format!("id {} is used twice in {first_file}; first at line {line}", quoted(id))
        } else {
            format!("id {} is used twice: first in {first_file} line {line}", quoted(id))
        };
        cx.out.push(cx.pos.at(file, row, "id", msg));
    }
}

fn reference_columns(cx: &mut Ctx) {
    use EntryKind::{Family as F, Organisation as O, Technique as T};
    let d = cx.data;
    for (i, f) in d.families.iter().enumerate() {
        for o in &f.organisations {
            cx.reference(O, o, Family::FILE, i, "organisations");
        }
    }
    for (i, m) in d.models.iter().enumerate() {
        if let Some(f) = &m.family {
            cx.reference(F, f, Model::FILE, i, "family");
        }
        for o in &m.organisations {
            cx.reference(O, o, Model::FILE, i, "organisations");
        }
    }
    for (i, f) in d.frameworks.iter().enumerate() {
        for o in &f.organisations {
            cx.reference(O, o, Framework::FILE, i, "organisations");
        }
    }
    for (i, f) in d.formats.iter().enumerate() {
        for o in &f.organisations {
            cx.reference(O, o, Format::FILE, i, "organisations");
        }
    }
    for (i, c) in d.chips.iter().enumerate() {
        if let Some(v) = &c.vendor {
            cx.reference(O, v, Chip::FILE, i, "vendor");
        }
    }
    for (i, t) in d.techniques.iter().enumerate() {
        if let Some(p) = &t.parent {
            cx.reference(T, p, Technique::FILE, i, "parent");
        }
    }
}

/// Which of `n` nodes lie on a cycle of `edges` (a self-loop included), by Tarjan's strongly
/// connected components: linear in nodes and edges, whatever the chains' depth.
fn on_cycles(n: usize, edges: impl Iterator<Item = (usize, usize)>) -> Vec<bool> {
    let mut g = petgraph::graph::DiGraph::<(), (), u32>::with_capacity(n, 0);
    for _ in 0..n {
        g.add_node(());
    }
    let mut on = vec![false; n];
    for (a, b) in edges {
        on[a] |= a == b;
        g.add_edge(NodeIndex::new(a), NodeIndex::new(b), ());
    }
    for scc in petgraph::algo::tarjan_scc(&g).into_iter().filter(|c| c.len() > 1) {
        scc.into_iter().for_each(|v| on[v.index()] = true);
    }
    on
}

/// Reports each technique on a parent cycle.
fn technique_cycles(cx: &mut Ctx) {
    let techniques = &cx.data.techniques;
    let parent = |i: usize| techniques[i].parent.as_ref().and_then(|p| cx.names.row(EntryKind::Technique, p.as_str()));
    let on_cycle = on_cycles(techniques.len(), (0..techniques.len()).filter_map(|i| parent(i).map(|p| (i, p))));
    for (i, t) in techniques.iter().enumerate().filter(|(i, _)| on_cycle[*i]) {
        let parent_id = t.parent.as_ref().map_or("", Id::as_str);
        let msg = format!("parent {}: technique {} is its own ancestor", quoted(parent_id), t.id);
        cx.out.push(cx.pos.at(Technique::FILE, i, "parent", msg));
    }
}

/// Reports each `successor_of` relation on a cycle: a model cannot succeed itself, directly
/// or through its successors.
fn successor_cycles(cx: &mut Ctx, file: &str, rels: &Relations, ends: &[Option<[u32; 2]>]) {
    let succession = || {
        rels.links
            .iter()
            .zip(ends)
            .enumerate()
            .filter(|(_, (r, _))| r.relation == RelationKind::SuccessorOf)
            .filter_map(|(i, (_, e))| e.map(|[a, b]| (i, a as usize, b as usize)))
    };
    // Numbered among the entries the succession touches (a few), not all of them.
    let mut touched: Vec<usize> = succession().flat_map(|(_, a, b)| [a, b]).collect();
    touched.sort_unstable();
    touched.dedup();
    let local = |x: usize| touched.binary_search(&x).unwrap_or_default();
    let on_cycle = on_cycles(touched.len(), succession().map(|(_, a, b)| (local(a), local(b))));
    for (i, a, b) in succession().filter(|&(_, a, b)| on_cycle[local(a)] && on_cycle[local(b)]) {
        let (source, target) = rels.keys(&rels.links[i]);
        let msg = if a == b {
            format!("{source} succeeds itself")
        } else {
            format!("{source} successor_of {target}: the succession comes back to {source} (a cycle)")
        };
        cx.out.push(cx.pos.at(file, i, "target", msg));
    }
}

/// `f` of each of `items`, in order, half of them computed on each core.
fn on_two_cores<T: Sync, U: Send>(items: &[T], f: impl Fn(&T) -> U + Sync) -> Vec<U> {
    let (first, second) = items.split_at(items.len() / 2);
    let (theirs, mut out) = crate::par::join(
        || second.iter().map(&f).collect::<Vec<U>>(),
        || {
            let mut out: Vec<U> = Vec::with_capacity(items.len());
            out.extend(first.iter().map(&f));
            out
        },
    );
    out.extend(theirs);
    out
}

/// Checks each relation's ends and reports duplicates; returns the ends' entry numbers.
fn relations(cx: &mut Ctx, file: &str, rels: &Relations) -> Vec<Option<[u32; 2]>> {
    // Millions of id lookups that only read, on both cores: each run of rows with one source
    // looks it up once, each row its target. Only the rows that fail go through the reporting
    // pass below, in row order.
    let names = cx.names;
    let number = |e: &End| names.number_of(e.kind, rels.id(e)).map(|n| n as u32);
    let sources = on_two_cores(&rels.sources, |e| (e.kind, number(e)));
    let valid_ends = |l: &Link| {
        let (allowed_sources, allowed_targets) = l.relation.endpoints();
        let (kind, source) = sources[l.source as usize];
        let source = if allowed_sources.contains(&kind) { source } else { None };
        let target = if allowed_targets.contains(&l.target.kind) { number(&l.target) } else { None };
        Some([source?, target?])
    };
    let mut resolved = on_two_cores(&rels.links, valid_ends);
    for (i, l) in rels.links.iter().enumerate() {
        if resolved[i].is_some() {
            continue;
        }
        let (sources, targets) = l.relation.endpoints();
        let (source, target) = rels.keys(l);
        let mut ends = [None, None];
        for (end, (column, key, allowed)) in
            [("source", &source, sources), ("target", &target, targets)].into_iter().enumerate()
        {
            if allowed.contains(&key.kind) {
                ends[end] = cx.reference(key.kind, &key.id, file, i, column);
            } else {
                let expected: Vec<&str> = allowed.iter().map(|k| k.as_str()).collect();
                let msg = format!(
                    "{column} \"{key}\": a {} cannot be the {column} of {} (expected {})",
                    key.kind,
                    l.relation,
                    expected.join(" or ")
                );
                cx.out.push(cx.pos.at(file, i, column, msg));
            }
        }
        resolved[i] = match ends {
            [Some(source), Some(target)] => Some([source as u32, target as u32]),
            _ => None,
        };
    }
    duplicate_relations(cx, file, rels, &resolved);
    resolved
}

/// Reports each relation that repeats an earlier row (same ends, same kind), naming the first.
/// Rows are grouped by source with a counting sort and each source's few rows sorted: a hash
/// set of every relation would hold hundreds of megabytes at a million entries.
fn duplicate_relations(cx: &mut Ctx, file: &str, rels: &Relations, ends: &[Option<[u32; 2]>]) {
    let n = cx.names.entry_count();
    let mut start = vec![0usize; n + 1];
    for [s, _] in ends.iter().flatten() {
        start[*s as usize + 1] += 1;
    }
    for i in 0..n {
        start[i + 1] += start[i];
    }
    // Row numbers fit in u32: a table file is at most 4 GiB and a row takes several bytes.
    let mut rows = vec![0u32; start[n]];
    let mut fill = start.clone();
    for (i, e) in ends.iter().enumerate() {
        if let Some([s, _]) = e {
            rows[fill[*s as usize]] = i as u32;
            fill[*s as usize] += 1;
        }
    }
    drop(fill);
    let mut group: Vec<(u32, RelationKind, u32)> = Vec::new();
    for source in 0..n {
        let of_source = &rows[start[source]..start[source + 1]];
        if of_source.len() < 2 {
            continue;
        }
        group.clear();
        group.extend(
            of_source.iter().filter_map(|&i| ends[i as usize].map(|[_, t]| (t, rels.links[i as usize].relation, i))),
        );
        group.sort_unstable();
        let mut first = 0;
        for j in 1..group.len() {
            let (target, relation, i) = group[j];
            if (target, relation) != (group[first].0, group[first].1) {
                first = j;
                continue;
            }
            let (source, target) = rels.keys(&rels.links[i as usize]);
            let line = cx.pos.line(file, group[first].2 as usize);
            let msg = format!("duplicate relation {source} {relation} {target}; first at line {line}");
            cx.out.push(cx.pos.at(file, i as usize, "source", msg));
        }
    }
}

fn curated(cx: &mut Ctx) {
    let d = cx.data;
    for (i, a) in d.aliases.iter().enumerate() {
        let Some(target) = cx.reference(a.target.kind, &a.target.id, Alias::FILE, i, "target") else { continue };
        // Names are looked up before aliases, so an alias that is the name of another entry of
        // the same kind never applies, not even in lookups limited to that kind (import's).
        let same_kind = |n: usize| n != target && cx.names.entry(d, n).kind == a.target.kind;
        if let Some(other) = cx.names.named(d, &a.alias).into_iter().find(|&n| same_kind(n)) {
            let e = cx.names.entry(d, other);
            let row = cx.names.row(e.kind, e.id.as_str()).unwrap_or(0);
            let line = cx.pos.line(e.kind.file_name(), row);
            let msg = format!(
                "alias {} → {} is shadowed by the name of {} ({} line {line}): names win over aliases, so it never applies",
                quoted(&a.alias),
                a.target,
                e.key(),
                cx.pos.file_of(e.kind.file_name(), row).0
            );
            cx.out.push(cx.pos.at(Alias::FILE, i, "alias", msg));
        }
    }
    for (i, c) in d.corrections.iter().enumerate() {
        if let Some(j) = d.corrections[..i].iter().position(|o| o.written == c.written) {
            let line = cx.pos.line(Correction::FILE, j);
            let msg = format!("written {}: already corrected at line {line}; one row each", quoted(&c.written));
            cx.out.push(cx.pos.at(Correction::FILE, i, "written", msg));
        }
    }
    for (i, fa) in d.family_assignments.iter().enumerate() {
        cx.reference(EntryKind::Model, &fa.model, FamilyAssignment::FILE, i, "model");
        let known = d.families.iter().any(|f| f.id.as_str() == fa.family || f.name == fa.family);
        if !known && !cx.pos.is_broken(EntryKind::Family, &fa.family) {
            let hint = did_you_mean(&fa.family, d.families.iter().map(|f| f.name.as_str()));
            let msg = format!("family {}: no family has this id or name{hint}", quoted(&fa.family));
            cx.out.push(cx.pos.at(FamilyAssignment::FILE, i, "family", msg));
        }
    }
    for (i, dc) in d.device_chips.iter().enumerate() {
        for (column, value, kind) in [("device", &dc.device, EntryKind::Device), ("chip", &dc.chip, EntryKind::Chip)] {
            if let Err(e) = cx.names.resolve(d, value, &[kind])
                && !cx.pos.is_broken(kind, value)
            {
                let why = match e {
                    ResolveError::Unknown { .. } => format!("no {kind} has this id or name"),
                    ResolveError::Ambiguous { .. } => format!("names more than one {kind}"),
                };
                let hint = did_you_mean(value, d.entries_of(kind).map(|e| e.name));
                cx.out.push(cx.pos.at(DeviceChip::FILE, i, column, format!("{column} {}: {why}{hint}", quoted(value))));
            }
        }
    }
}

/// The figures' curated upper panels: entries, organisations and platforms exist and are of
/// the kinds expected, and a size is one of the entry's own.
fn panels(cx: &mut Ctx) {
    let d = cx.data;
    let compute = d.model_compute.iter().map(|p| (&p.entry, None, &p.organisation, &p.size));
    let memory = d.model_memory.iter().map(|p| (&p.entry, p.platform.as_ref(), &p.organisation, &p.size));
    let tables: [(&str, Vec<_>); 2] = [(ModelCompute::FILE, compute.collect()), (ModelMemory::FILE, memory.collect())];
    for (file, rows) in tables {
        for (i, (entry, platform, organisation, size)) in rows.into_iter().enumerate() {
            let e = entry.as_ref().and_then(|k| {
                of_kinds(cx, k, &[EntryKind::Model, EntryKind::Product, EntryKind::Family], file, i, "entry")
            });
            if let Some(p) = platform {
                of_kinds(cx, p, &[EntryKind::Chip, EntryKind::Device], file, i, "platform");
            }
            if let Some(o) = organisation {
                cx.reference(EntryKind::Organisation, o, file, i, "organisation");
            }
            let model = e.and(entry.as_ref()).filter(|k| k.kind == EntryKind::Model);
            let model = model.and_then(|k| cx.names.row(EntryKind::Model, k.id.as_str())).map(|row| &d.models[row]);
            if let (Some(m), Some(size)) = (model, size)
                && m.sizes.counts().next().is_some()
                && !m.sizes.counts().any(|c| c == size.value)
            {
                let msg = format!(
                    "size {}: {} (models.csv) has no such size; its sizes are {}",
                    quoted(&size.raw),
                    m.name,
                    m.sizes.raw
                );
                cx.out.push(cx.pos.at(file, i, "size", msg));
            }
        }
    }
}

/// The entry `key` names, when it is of one of `kinds` and exists; else reported.
fn of_kinds(cx: &mut Ctx, key: &Key, kinds: &[EntryKind], file: &str, i: usize, column: &str) -> Option<usize> {
    if kinds.contains(&key.kind) {
        return cx.reference(key.kind, &key.id, file, i, column);
    }
    let names: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
    let expected = match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => names.concat(),
    };
    let msg = format!("{column} \"{key}\": a {} cannot be the {column} here (expected {expected})", key.kind);
    cx.out.push(cx.pos.at(file, i, column, msg));
    None
}
