//! Whole-dataset validation: duplicate ids, dangling references, relations of the wrong kinds.

use rustc_hash::FxHashMap;

use super::tables::Table;
use super::{Dataset, EXTRA_RELATIONS_FILE, Positions};
use crate::diag::Diagnostics;
use crate::model::*;
use crate::resolve::{NameIndex, ResolveError};
use crate::suggest::did_you_mean;

struct Ctx<'a> {
    data: &'a Dataset,
    pos: &'a Positions,
    names: &'a NameIndex,
    out: Diagnostics,
}

impl Ctx<'_> {
    /// Reports `id` at (`file`, row `index`, `column`) unless an entry of `kind` has it, or
    /// a row with that id failed to parse (already reported; no second error for it).
    fn reference(&mut self, kind: EntryKind, id: &Id, file: &str, index: usize, column: &str) {
        if self.names.row(kind, id.as_str()).is_some() || self.pos.is_broken(kind, id.as_str()) {
            return;
        }
        let hint = did_you_mean(id.as_str(), self.data.entries_of(kind).map(|e| e.id.as_str()));
        let shown = if matches!(column, "source" | "target") { format!("{kind}:{id}") } else { id.to_string() };
        let msg = format!("{column} {shown:?}: no {kind} has this id{hint}");
        self.out.push(self.pos.at(file, index, column, msg));
    }
}

/// Validates the whole dataset. Returns the problems and the name index built on the way,
/// which the graph reuses.
pub(crate) fn validate(data: &Dataset, pos: &Positions) -> (Diagnostics, NameIndex) {
    let names = NameIndex::build(data);
    let mut cx = Ctx { data, pos, names: &names, out: Diagnostics::default() };
    duplicate_ids(&mut cx);
    reference_columns(&mut cx);
    technique_cycles(&mut cx);
    relations(&mut cx, Relation::FILE, &data.relations);
    relations(&mut cx, EXTRA_RELATIONS_FILE, &data.extra_relations);
    curated(&mut cx);
    (cx.out, names)
}

fn duplicate_ids(cx: &mut Ctx) {
    for &(kind, row, first) in cx.names.duplicates() {
        let file = kind.file_name();
        let id = cx.data.entry(kind, row).map_or("", |e| e.id.as_str());
        let msg = format!("id {id:?} is used twice in {file}; first at line {}", cx.pos.line(file, first));
        cx.out.push(cx.pos.at(file, row, "id", msg));
    }
}

fn reference_columns(cx: &mut Ctx) {
    use EntryKind::{Family as F, Organisation as O, Technique as T};
    let d = cx.data;
    for (i, f) in d.families.iter().enumerate() {
        f.organisations.iter().for_each(|o| cx.reference(O, o, Family::FILE, i, "organisations"));
    }
    for (i, m) in d.models.iter().enumerate() {
        if let Some(f) = &m.family {
            cx.reference(F, f, Model::FILE, i, "family");
        }
        m.organisations.iter().for_each(|o| cx.reference(O, o, Model::FILE, i, "organisations"));
    }
    for (i, f) in d.frameworks.iter().enumerate() {
        f.organisations.iter().for_each(|o| cx.reference(O, o, Framework::FILE, i, "organisations"));
    }
    for (i, f) in d.formats.iter().enumerate() {
        f.organisations.iter().for_each(|o| cx.reference(O, o, Format::FILE, i, "organisations"));
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

fn technique_cycles(cx: &mut Ctx) {
    let parent: FxHashMap<&Id, &Id> =
        cx.data.techniques.iter().filter_map(|t| t.parent.as_ref().map(|p| (&t.id, p))).collect();
    for (i, t) in cx.data.techniques.iter().enumerate() {
        let mut at = &t.id;
        for _ in 0..=parent.len() {
            match parent.get(at) {
                Some(&p) if p == &t.id => {
                    let parent_id = t.parent.as_ref().map_or("", Id::as_str);
                    let msg = format!("parent {parent_id:?}: technique {} is its own ancestor", t.id);
                    cx.out.push(cx.pos.at(Technique::FILE, i, "parent", msg));
                    break;
                }
                Some(&p) => at = p,
                None => break,
            }
        }
    }
}

fn relations(cx: &mut Ctx, file: &str, rels: &[Relation]) {
    let mut seen: FxHashMap<&Relation, usize> = FxHashMap::default();
    for (i, r) in rels.iter().enumerate() {
        let (sources, targets) = r.relation.endpoints();
        for (column, key, allowed, end) in
            [("source", &r.source, sources, "source"), ("target", &r.target, targets, "target")]
        {
            if allowed.contains(&key.kind) {
                cx.reference(key.kind, &key.id, file, i, column);
            } else {
                let expected: Vec<&str> = allowed.iter().map(|k| k.as_str()).collect();
                let msg = format!(
                    "{column} \"{key}\": a {} cannot be the {end} of {} (expected {})",
                    key.kind,
                    r.relation,
                    expected.join(" or ")
                );
                cx.out.push(cx.pos.at(file, i, column, msg));
            }
        }
        if let Some(&prev) = seen.get(r) {
            let msg = format!(
                "duplicate relation {} {} {}; first at line {}",
                r.source,
                r.relation,
                r.target,
                cx.pos.line(file, prev)
            );
            cx.out.push(cx.pos.at(file, i, "source", msg));
        } else {
            seen.insert(r, i);
        }
    }
}

fn curated(cx: &mut Ctx) {
    let d = cx.data;
    for (i, a) in d.aliases.iter().enumerate() {
        cx.reference(a.target.kind, &a.target.id, Alias::FILE, i, "target");
    }
    for (i, fa) in d.family_assignments.iter().enumerate() {
        cx.reference(EntryKind::Model, &fa.model, FamilyAssignment::FILE, i, "model");
        let known = d.families.iter().any(|f| f.id.as_str() == fa.family || f.name == fa.family);
        if !known {
            let hint = did_you_mean(&fa.family, d.families.iter().map(|f| f.name.as_str()));
            let msg = format!("family {:?}: no family has this id or name{hint}", fa.family);
            cx.out.push(cx.pos.at(FamilyAssignment::FILE, i, "family", msg));
        }
    }
    for (i, dc) in d.device_chips.iter().enumerate() {
        for (column, value, kind) in [("device", &dc.device, EntryKind::Device), ("chip", &dc.chip, EntryKind::Chip)] {
            if let Err(e) = cx.names.resolve(d, value, &[kind]) {
                let why = match e {
                    ResolveError::Unknown { .. } => format!("no {kind} has this id or name"),
                    ResolveError::Ambiguous { .. } => format!("names more than one {kind}"),
                };
                let hint = did_you_mean(value, d.entries_of(kind).map(|e| e.name));
                cx.out.push(cx.pos.at(DeviceChip::FILE, i, column, format!("{column} {value:?}: {why}{hint}")));
            }
        }
    }
}
