//! From raw records to the typed tables: spellings unified through aliases, duplicates merged
//! (first occurrence wins, disagreements reported), relations derived.
//! One file per kind of entry: `models.rs` (families, releases, multimodal models and who
//! succeeds whom), `chips.rs`, `frameworks.rs`, `products.rs`, `formats.rs`, `benchmarks.rs`,
//! `papers.rs` (the copy rule: which copy of a paper gives venue and date).

mod benchmarks;
mod chips;
mod formats;
mod frameworks;
mod models;
mod papers;
mod products;

pub(crate) use papers::{arxiv_month, copy_for_venue};

use std::collections::{BTreeSet, HashMap};

use super::extract::*;
use super::names::{Registry, prefix_cuts, strip_version};
use crate::data::{Dataset, family_base_names};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::*;

struct Builder<'a> {
    prev: &'a Dataset,
    diags: &'a mut Diagnostics,
    aliases: HashMap<String, Vec<Key>>,
    orgs: Registry,
    families: Registry,
    family_rows: Vec<Family>,
    models: Registry,
    model_rows: Vec<(Model, Src)>,
    frameworks: Registry,
    framework_rows: Vec<(Framework, Src)>,
    backends: Registry,
    devices: Registry,
    device_categories: Vec<DeviceCategory>,
    chips: Registry,
    chip_rows: Vec<Chip>,
    relations: BTreeSet<Relation>,
}

const NOT_A_NAME: [&str; 5] = ["✔️", "✔", "✗", "?", "-"];

impl Builder<'_> {
    fn warn(&mut self, src: &Src, msg: String) {
        self.diags.push(Diagnostic::warning(&src.file, src.line, 0, msg));
    }

    fn alias(&self, name: &str, kind: EntryKind) -> Option<Id> {
        self.aliases.get(&name_key(name))?.iter().find(|k| k.kind == kind).map(|k| k.id.clone())
    }

    fn relate(&mut self, source: Key, relation: RelationKind, target: Key) {
        if source != target {
            self.relations.insert(Relation { source, relation, target });
        }
    }

    /// Finds or creates an entry of a simple kind by name: curated alias, known spelling, new slug.
    fn named(&mut self, kind: EntryKind, name: &str) -> Id {
        let alias = self.alias(name, kind);
        let reg = match kind {
            EntryKind::Organisation => &mut self.orgs,
            EntryKind::Backend => &mut self.backends,
            _ => &mut self.devices,
        };
        if let Some(i) = alias.as_ref().and_then(|a| reg.find_id(a)).or_else(|| reg.find(name)) {
            reg.spell(name, i);
            return reg.ids[i].clone();
        }
        let id = alias.unwrap_or_else(|| Id::from_name(name));
        reg.add(id.clone(), name);
        id
    }

    fn org(&mut self, name: &str) -> Id {
        self.named(EntryKind::Organisation, name)
    }

    fn orgs_of(&mut self, cell: &str, src: &Src, what: &str) -> Vec<Id> {
        let mut out = Vec::new();
        for name in items(cell, &[',', '、']) {
            if NOT_A_NAME.contains(&name.as_str()) {
                self.warn(src, format!("{what}: organisation column holds {name:?}, expected a name; ignored"));
            } else {
                out.push(self.org(&name));
            }
        }
        out
    }

    /// Ensures the organisation `id` exists, taking its row from the previous data when curated.
    fn ensure_org(&mut self, id: &Id) {
        if self.orgs.find_id(id).is_none() {
            let name = self.prev.organisations.iter().find(|o| &o.id == id).map_or(id.as_str(), |o| o.name.as_str());
            self.orgs.add(id.clone(), name);
        }
    }

    /// A device by name; a new one takes its curated category from the previous data, else `category`.
    fn device(&mut self, name: &str, category: DeviceCategory) -> Id {
        let before = self.devices.ids.len();
        let id = self.named(EntryKind::Device, name);
        if self.devices.ids.len() > before {
            let curated = self.prev.devices.iter().find(|d| d.id == id).map(|d| d.category);
            self.device_categories.push(curated.unwrap_or(category));
        }
        id
    }

    /// A chip or device by name: alias, chip name (with or without the vendor word), device.
    fn chip_or_device(&mut self, name: &str) -> Key {
        if let Some(id) = self.alias(name, EntryKind::Chip) {
            return Key::new(EntryKind::Chip, id);
        }
        if let Some(i) = self.chips.find(name) {
            return Key::new(EntryKind::Chip, self.chips.ids[i].clone());
        }
        Key::new(EntryKind::Device, self.device(name, DeviceCategory::Other))
    }

    fn add_family(&mut self, id: Id, name: &str, orgs: Vec<Id>) -> Id {
        let (i, created) = self.families.add(id.clone(), name);
        if created {
            for n in family_base_names(name) {
                self.families.spell(n, i);
            }
            self.family_rows.push(Family {
                name: name.to_string(),
                organisations: orgs,
                ..Family::with_id(id.clone())
            });
        }
        id
    }

    /// The family a name belongs to: alias, a family's name, the longest family name that
    /// prefixes it ("Qwen2.5" -> Qwen); `None` when no family claims it.
    fn family_of(&self, name: &str) -> Option<Id> {
        if let Some(id) = self.alias(name, EntryKind::Family) {
            return Some(id);
        }
        if let Some(i) = self.families.find(name) {
            return Some(self.families.ids[i].clone());
        }
        prefix_cuts(name).into_iter().find_map(|cut| {
            let prefix = &name[..cut];
            self.alias(prefix, EntryKind::Family)
                .or_else(|| self.families.find(prefix).map(|i| self.families.ids[i].clone()))
        })
    }

    /// The family of a release: a curated assignment, else `family_of`, else a new family
    /// named after the release without its version.
    fn family_for(&mut self, model: &Id, name: &str, orgs: &[Id]) -> Id {
        let assigned = self.prev.family_assignments.iter().find(|a| &a.model == model).map(|a| a.family.clone());
        if let Some(family) = assigned {
            let known = family
                .parse::<Id>()
                .ok()
                .and_then(|id| self.families.find_id(&id))
                .or_else(|| self.families.find(&family));
            return match known {
                Some(i) => self.families.ids[i].clone(),
                None => {
                    let base = family_base_names(&family)[0].to_string();
                    self.add_family(Id::from_name(&base), &family, orgs.to_vec())
                }
            };
        }
        self.claim_family(name, orgs, strip_version(name))
    }

    /// The family `family_of` finds for `name` (created when only an alias names it), else a
    /// new family called `new_name`.
    fn claim_family(&mut self, name: &str, orgs: &[Id], new_name: &str) -> Id {
        match self.family_of(name) {
            Some(id) if self.families.find_id(&id).is_some() => id,
            Some(id) => self.add_family(id, name, orgs.to_vec()),
            None => self.add_family(Id::from_name(new_name), new_name, orgs.to_vec()),
        }
    }
}

fn key(kind: EntryKind, id: &Id) -> Key {
    Key::new(kind, id.clone())
}

fn merge_links(into: &mut Links, from: &Links) {
    for (t, u) in from.iter() {
        into.add(t, u);
    }
}

/// Builds the imported tables. Curated tables and curated columns come from `prev`.
pub fn build(ex: &Extracted, prev: &Dataset, diags: &mut Diagnostics) -> Dataset {
    let mut aliases: HashMap<String, Vec<Key>> = HashMap::new();
    for a in &prev.aliases {
        aliases.entry(name_key(&a.alias)).or_default().push(a.target.clone());
    }
    let mut b = Builder {
        prev,
        diags,
        aliases,
        orgs: Registry::default(),
        families: Registry::default(),
        family_rows: vec![],
        models: Registry::default(),
        model_rows: vec![],
        frameworks: Registry::default(),
        framework_rows: vec![],
        backends: Registry::default(),
        devices: Registry::default(),
        device_categories: vec![],
        chips: Registry::default(),
        chip_rows: vec![],
        relations: BTreeSet::new(),
    };
    // Organisations first, in reading order, so chip vendors can be recognised by name.
    for f in &ex.families {
        f.orgs.iter().for_each(|o| drop(b.org(o)));
    }
    for f in &ex.frameworks {
        f.orgs.iter().for_each(|o| drop(b.org(o)));
    }
    models::families(&mut b, ex);
    chips::chips(&mut b, ex);
    models::releases(&mut b, ex);
    models::multimodal(&mut b, ex);
    frameworks::frameworks(&mut b, ex);
    let products = products::products(&mut b, ex);
    let formats = formats::formats(&mut b, ex);
    let benchmarks = benchmarks::benchmarks(ex);
    let techniques: Vec<Technique> = ex
        .techniques
        .iter()
        .map(|t| Technique {
            id: t.id.clone(),
            name: t.name.clone(),
            number: t.number.clone(),
            parent: t.parent.map(|p| ex.techniques[p].id.clone()),
        })
        .collect();
    let papers = papers::papers(&mut b, ex);

    let organisations = b
        .orgs
        .ids
        .iter()
        .zip(&b.orgs.names)
        .map(|(id, name)| {
            let old = prev.organisations.iter().find(|o| &o.id == id);
            Organisation {
                id: id.clone(),
                name: old.map_or_else(|| name.clone(), |o| o.name.clone()),
                colour: old.and_then(|o| o.colour),
            }
        })
        .collect();
    Dataset {
        organisations,
        families: b.family_rows,
        models: b.model_rows.into_iter().map(|(m, _)| m).collect(),
        frameworks: b.framework_rows.into_iter().map(|(f, _)| f).collect(),
        backends: b
            .backends
            .ids
            .iter()
            .zip(&b.backends.names)
            .map(|(id, n)| Backend { id: id.clone(), name: n.clone() })
            .collect(),
        chips: b.chip_rows,
        devices: b
            .devices
            .ids
            .iter()
            .zip(&b.devices.names)
            .zip(&b.device_categories)
            .map(|((id, n), c)| Device { id: id.clone(), name: n.clone(), category: *c })
            .collect(),
        papers,
        techniques,
        products,
        benchmarks,
        formats,
        relations: b.relations.into_iter().collect(),
        extra_relations: prev.extra_relations.clone(),
        aliases: prev.aliases.clone(),
        family_assignments: prev.family_assignments.clone(),
        device_chips: prev.device_chips.clone(),
        venues: prev.venues.clone(),
        corrections: prev.corrections.clone(),
        extra_chips: prev.extra_chips.clone(),
        model_compute: prev.model_compute.clone(),
        model_memory: prev.model_memory.clone(),
        logos: prev.logos.clone(),
    }
}
