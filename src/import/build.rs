//! From raw records to the typed tables: spellings unified through aliases, duplicates merged
//! (first occurrence wins, disagreements reported), relations derived.

use std::collections::{BTreeSet, HashMap};

use super::extract::*;
use super::names::{Registry, expand_slashes, model_line, prefix_cuts, strip_version};
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
                id: id.clone(),
                name: name.to_string(),
                organisations: orgs,
                published: None,
                paper_url: vec![],
                code_url: vec![],
                official_url: vec![],
                hf_url: vec![],
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
    families(&mut b, ex);
    chips(&mut b, ex);
    releases(&mut b, ex);
    multimodal(&mut b, ex);
    frameworks(&mut b, ex);
    let products = products(&mut b, ex);
    let formats = formats(&mut b, ex);
    let benchmarks = benchmarks(ex);
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
    let papers = papers(&mut b, ex);

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

fn families(b: &mut Builder, ex: &Extracted) {
    for f in &ex.families {
        let base = family_base_names(&f.name)[0].to_string();
        if let Some(i) = b.families.find(&f.name) {
            let id = b.families.ids[i].clone();
            if let Some(row) = b.family_rows.iter_mut().find(|r| r.id == id) {
                let mut links = row.links();
                merge_links(&mut links, &f.links);
                row.set_links(links);
            }
            continue;
        }
        let orgs: Vec<Id> = f.orgs.iter().map(|o| b.org(o)).collect();
        let id = b.add_family(Id::from_name(&base), &f.name, orgs);
        if let Some(row) = b.family_rows.iter_mut().find(|r| r.id == id) {
            row.published = f.published;
            row.set_links(f.links.clone());
        }
    }
}

fn chips(b: &mut Builder, ex: &Extracted) {
    for c in &ex.chips {
        if b.chips.find(&c.name).is_some() {
            b.warn(&c.src, format!("chip {:?} is listed twice; the first row wins", c.name));
            continue;
        }
        let id = Id::from_name(&c.name);
        let (i, _) = b.chips.add(id.clone(), &c.name);
        // "Qualcomm Snapdragon 8Gen3" also answers to "Snapdragon 8Gen3".
        let mut words = c.name.splitn(2, ' ');
        let first = words.next().unwrap_or("").to_string();
        if let Some(rest) = words.next() {
            b.chips.spell(rest, i);
        }
        let old = b.prev.chips.iter().find(|o| o.id == id).cloned();
        let known = b.alias(&first, EntryKind::Organisation).is_some() || b.orgs.find(&first).is_some();
        let vendor = match old.as_ref().and_then(|o| o.vendor.clone()) {
            Some(v) => Some(v),
            None if known => Some(b.org(&first)),
            None => None,
        };
        if let Some(v) = &vendor {
            b.ensure_org(v);
        } else {
            b.warn(&c.src, format!("chip {:?}: vendor unknown; set it in chips.csv (import keeps it)", c.name));
        }
        let line = old
            .as_ref()
            .map(|o| o.line.clone())
            .filter(|l| !l.is_empty())
            .unwrap_or_else(|| chip_line(&c.name, &first, known));
        let tops = match Tops::parse(&c.tops) {
            Ok(value) => Some(Raw { raw: c.tops.clone(), value }),
            Err(e) => {
                b.warn(&c.src, format!("chip {:?}: TOPS {:?}: {e}", c.name, c.tops));
                None
            }
        };
        let released =
            YearMonth::parse_list(&c.year).map_err(|e| b.warn(&c.src, format!("chip {:?}: year: {e}", c.name))).ok();
        let memory = match parse_memory(&c.memory) {
            Ok(value) => Some(Raw { raw: c.memory.clone(), value }),
            Err(e) => {
                b.warn(&c.src, format!("chip {:?}: memory {:?}: {e}", c.name, c.memory));
                None
            }
        };
        b.chip_rows.push(Chip { id: id.clone(), name: c.name.clone(), vendor, line, tops, released, memory });
        if !NOT_A_NAME.contains(&c.devices.as_str()) {
            for d in expand_slashes(&c.devices) {
                let dev = b.device(&d, DeviceCategory::Other);
                b.relate(key(EntryKind::Chip, &id), RelationKind::ShipsIn, key(EntryKind::Device, &dev));
            }
        }
    }
}

/// The product line a chip is drawn in: the first word after the vendor, without its model
/// number ("Qualcomm Snapdragon 8Gen3" -> "Snapdragon", "Apple A17 Pro" -> "Apple A").
fn chip_line(name: &str, first: &str, vendor_first: bool) -> String {
    let word = if vendor_first { name.split_whitespace().nth(1).unwrap_or(first) } else { first };
    let stem = word.trim_end_matches(|c: char| c.is_ascii_digit() || c == '+');
    let stem = if stem.is_empty() { word } else { stem };
    if stem.chars().count() <= 2 && vendor_first { format!("{first} {stem}") } else { stem.to_string() }
}

fn releases(b: &mut Builder, ex: &Extracted) {
    for r in &ex.releases {
        if let Some(i) = b.models.find(&r.name) {
            let (first, src) = &b.model_rows[i];
            let mut diffs = Vec::new();
            if first.sizes.raw != r.sizes {
                diffs.push(format!("sizes {:?} vs {:?}", r.sizes, first.sizes.raw));
            }
            let date = YearMonth::parse_list(&r.date).ok();
            if date.is_some() && date != first.released {
                diffs.push(format!("release date {:?}", r.date));
            }
            let src = src.clone();
            if !diffs.is_empty() {
                b.warn(&r.src, format!("{:?} disagrees with {src} ({}); the first is kept", r.name, diffs.join(", ")));
            }
            continue;
        }
        // Names that differ beyond spelling ("A+B", "A B") can still make one slug.
        let base = Id::from_name(&r.name);
        let mut id = base.clone();
        for n in 2.. {
            if b.models.find_id(&id).is_none() {
                break;
            }
            id = base.with_suffix(&n.to_string());
        }
        let mut orgs = b.orgs_of(&r.orgs, &r.src, &r.name);
        let family = b.family_for(&id, &r.name, &orgs);
        if orgs.is_empty() {
            orgs = b.family_rows.iter().find(|f| f.id == family).map(|f| f.organisations.clone()).unwrap_or_default();
        }
        let sizes = Sizes::parse(&r.sizes).unwrap_or_else(|e| {
            b.warn(&r.src, format!("{:?}: sizes {:?}: {e}", r.name, r.sizes));
            Sizes::default()
        });
        let released =
            YearMonth::parse_list(&r.date).map_err(|e| b.warn(&r.src, format!("{:?}: release date: {e}", r.name))).ok();
        let edge = match r.edge.as_str() {
            "✔️" | "✔" => Some(Edge::Yes),
            "✗" => Some(Edge::No),
            "?" => Some(Edge::Unknown),
            "" => None,
            devices => {
                for d in items(devices, &['、', ',']).iter().flat_map(|d| expand_slashes(d)) {
                    let target = b.chip_or_device(&d);
                    b.relate(key(EntryKind::Model, &id), RelationKind::RunsOn, target);
                }
                Some(Edge::Devices)
            }
        };
        let (i, _) = b.models.add(id.clone(), &r.name);
        debug_assert_eq!(i, b.model_rows.len());
        b.model_rows.push((
            Model {
                id,
                name: r.name.clone(),
                family: Some(family),
                organisations: orgs,
                sizes,
                edge,
                released,
                modalities: vec![],
                paper_url: vec![],
                code_url: vec![],
                official_url: vec![],
                hf_url: vec![],
            },
            r.src.clone(),
        ));
    }
    successors(b);
}

/// Each dated release succeeds the latest earlier release of its family (by month, then list
/// order) whose model line its own line extends: Qwen2.5 follows Qwen2, LLaVA NeXT LLaVA1.5 and
/// Yi VL Yi, but Yi 1.5 does not follow Yi VL, LLaMA3 not Llama3-Chat, MM1 not OpenELM.
fn successors(b: &mut Builder) {
    let mut by_family: HashMap<Id, Vec<(YearMonth, usize, String)>> = HashMap::new();
    for (i, (m, _)) in b.model_rows.iter().enumerate() {
        if let (Some(f), Some(d)) = (&m.family, m.released) {
            by_family.entry(f.clone()).or_default().push((d, i, model_line(&m.name)));
        }
    }
    let extends = |line: &str, base: &str| line == base || line.strip_prefix(base).is_some_and(|r| r.starts_with(' '));
    let mut pairs = Vec::new();
    for list in by_family.values_mut() {
        list.sort();
        for (j, (_, later, line)) in list.iter().enumerate() {
            if let Some((_, earlier, _)) = list[..j].iter().rev().find(|(_, _, base)| extends(line, base)) {
                pairs.push((b.model_rows[*later].0.id.clone(), b.model_rows[*earlier].0.id.clone()));
            }
        }
    }
    for (later, earlier) in pairs {
        b.relate(key(EntryKind::Model, &later), RelationKind::SuccessorOf, key(EntryKind::Model, &earlier));
    }
}

fn multimodal(b: &mut Builder, ex: &Extracted) {
    for m in &ex.multimodal {
        let i = match b.models.find(&m.name) {
            Some(i) => i,
            None => {
                let id = Id::from_name(&m.name);
                let family = b.family_for(&id, &m.name, &[]);
                let orgs =
                    b.family_rows.iter().find(|f| f.id == family).map(|f| f.organisations.clone()).unwrap_or_default();
                let (i, _) = b.models.add(id.clone(), &m.name);
                b.model_rows.push((
                    Model { family: Some(family), organisations: orgs, ..Model::named(id, m.name.clone()) },
                    m.src.clone(),
                ));
                i
            }
        };
        let row = &mut b.model_rows[i].0;
        for cap in &m.modalities {
            if !row.modalities.contains(cap) {
                row.modalities.push(cap.clone());
            }
        }
        let mut links = row.links();
        merge_links(&mut links, &m.links);
        row.set_links(links);
    }
}

fn frameworks(b: &mut Builder, ex: &Extracted) {
    for f in &ex.frameworks {
        let i = match b.frameworks.find(&f.name) {
            Some(i) => i,
            None => {
                let (i, _) = b.frameworks.add(Id::from_name(&f.name), &f.name);
                let id = b.frameworks.ids[i].clone();
                // open_source is curated once true: the list's tables do not say it for vendor SDKs.
                let open_source = b.prev.frameworks.iter().any(|p| p.id == id && p.open_source);
                let fw = Framework {
                    id,
                    name: f.name.clone(),
                    open_source,
                    vendor_sdk: false,
                    organisations: vec![],
                    sizes: Sizes::default(),
                    paper_url: vec![],
                    code_url: vec![],
                    official_url: vec![],
                    hf_url: vec![],
                };
                b.framework_rows.push((fw, f.src.clone()));
                i
            }
        };
        let id = b.frameworks.ids[i].clone();
        let me = key(EntryKind::Framework, &id);
        let orgs: Vec<Id> = f.orgs.iter().map(|o| b.org(o)).collect();
        let sizes = if f.sizes.is_empty() {
            None
        } else {
            Sizes::parse(&f.sizes)
                .map_err(|e| b.warn(&f.src, format!("{:?}: model sizes {:?}: {e}", f.name, f.sizes)))
                .ok()
        };
        {
            let row = &mut b.framework_rows[i].0;
            row.open_source |= f.open_source;
            row.vendor_sdk |= f.vendor_sdk;
            for o in orgs {
                if !row.organisations.contains(&o) {
                    row.organisations.push(o);
                }
            }
            if let Some(s) = sizes.filter(|_| row.sizes.raw.is_empty()) {
                row.sizes = s;
            }
            let mut links = row.links();
            merge_links(&mut links, &f.links);
            row.set_links(links);
        }
        for backend in &f.backends {
            let bk = b.named(EntryKind::Backend, backend);
            b.relate(me.clone(), RelationKind::UsesBackend, key(EntryKind::Backend, &bk));
        }
        for t in &f.targets {
            match t {
                Target::Class { class, item } => {
                    let c = b.device(class, DeviceCategory::Class);
                    b.relate(me.clone(), RelationKind::Targets, key(EntryKind::Device, &c));
                    if let Some(item) = item {
                        let d = b.device(&format!("{item} {class}"), DeviceCategory::Class);
                        b.relate(me.clone(), RelationKind::Targets, key(EntryKind::Device, &d));
                    }
                }
                Target::Named(name) => {
                    for n in expand_slashes(name) {
                        for target in series_or_named(b, &n) {
                            b.relate(me.clone(), RelationKind::Targets, target);
                        }
                    }
                }
            }
        }
        for fam in &f.families {
            let fid = b.claim_family(fam, &[], fam);
            b.relate(me.clone(), RelationKind::Supports, key(EntryKind::Family, &fid));
        }
    }
    for f in &ex.frameworks {
        let Some(i) = b.frameworks.find(&f.name) else {
            continue;
        };
        let me = key(EntryKind::Framework, &b.frameworks.ids[i]);
        for base in &f.based_on {
            match b.frameworks.find(base) {
                Some(j) => {
                    let target = key(EntryKind::Framework, &b.frameworks.ids[j]);
                    b.relate(me.clone(), RelationKind::BuiltOn, target);
                }
                None => {
                    b.warn(&f.src, format!("{:?} is based on {base:?}, which is not a framework of the list", f.name))
                }
            }
        }
    }
}

/// "Dimensity series" names every chip of that line; anything else one chip or device.
fn series_or_named(b: &mut Builder, name: &str) -> Vec<Key> {
    let lower = name.to_lowercase();
    if let Some(line) = lower.strip_suffix(" series chips").or_else(|| lower.strip_suffix(" series")) {
        let k = name_key(line);
        let chips: Vec<Key> = b
            .chip_rows
            .iter()
            .filter(|c| name_key(&c.line) == k || name_key(c.line.rsplit(' ').next().unwrap_or("")) == k)
            .map(|c| key(EntryKind::Chip, &c.id))
            .collect();
        if !chips.is_empty() {
            return chips;
        }
    }
    vec![b.chip_or_device(name)]
}

fn products(b: &mut Builder, ex: &Extracted) -> Vec<Product> {
    let mut reg = Registry::default();
    let mut rows: Vec<Product> = Vec::new();
    for p in &ex.products {
        if reg.find(&p.name).is_some() {
            b.warn(&p.src, format!("product {:?} is listed twice; the first row wins", p.name));
            continue;
        }
        let id = Id::from_name(&p.name);
        reg.add(id.clone(), &p.name);
        let me = key(EntryKind::Product, &id);
        let model = b.models.find(&p.name).map(|i| key(EntryKind::Model, &b.models.ids[i]));
        if let Some(target) = model.or_else(|| b.family_of(&p.name).map(|f| key(EntryKind::Family, &f))) {
            b.relate(me.clone(), RelationKind::PoweredBy, target);
        }
        let text = format!(" {} ", p.text.to_lowercase());
        let mut hits: Vec<Key> = Vec::new();
        for (reg, kind) in [(&b.devices, EntryKind::Device), (&b.chips, EntryKind::Chip)] {
            for (id, name) in reg.ids.iter().zip(&reg.names) {
                let n = name.to_lowercase();
                let found = n.len() >= 5
                    && text.match_indices(&n).any(|(at, _)| {
                        let before = text[..at].chars().next_back().is_some_and(|c| !c.is_alphanumeric());
                        let after = text[at + n.len()..].chars().next().is_some_and(|c| !c.is_alphanumeric());
                        before && after
                    });
                if found {
                    hits.push(key(kind, id));
                }
            }
        }
        for h in hits {
            b.relate(me.clone(), RelationKind::RunsOn, h);
        }
        let mut row = Product {
            id,
            name: p.name.clone(),
            category: p.category.clone(),
            paper_url: vec![],
            code_url: vec![],
            official_url: vec![],
            hf_url: vec![],
        };
        row.set_links(p.links.clone());
        rows.push(row);
    }
    rows
}

fn formats(b: &mut Builder, ex: &Extracted) -> Vec<Format> {
    let mut rows: Vec<Format> = Vec::new();
    for f in &ex.formats {
        let (name, owner) = match f.name.rsplit_once('(') {
            Some((n, o)) if !o.contains(',') => {
                (n.trim().to_string(), Some(o.trim_end_matches(')').trim().to_string()))
            }
            _ => (f.name.clone(), None),
        };
        let id = Id::from_name(&name);
        let seen = rows.iter().position(|r| r.id == id);
        let orgs = owner.map(|o| vec![b.org(&o)]).unwrap_or_default();
        let mut p = [Support::Unknown; 7];
        for (slot, cell) in p.iter_mut().zip(&f.properties) {
            *slot = match cell.as_str() {
                "✔️" | "✔" => Support::Yes,
                "✗" => Support::No,
                "~" => Support::Partial,
                "?" => Support::Unknown,
                other => {
                    b.warn(&f.src, format!("format {name:?}: cell {other:?} is not ✔️, ✗, ~ or ?; read as unknown"));
                    Support::Unknown
                }
            };
        }
        let mut row = Format {
            id,
            name,
            organisations: orgs,
            safe: p[0],
            zero_copy: p[1],
            lazy_loading: p[2],
            no_file_size_limit: p[3],
            layout_control: p[4],
            flexibility: p[5],
            bf16_fp8: p[6],
            paper_url: vec![],
            code_url: vec![],
            official_url: vec![],
            hf_url: vec![],
        };
        row.set_links(f.links.clone());
        match seen {
            Some(i) if rows[i] != row => {
                b.warn(
                    &f.src,
                    format!("format {:?} is listed twice with different cells; the first row wins", row.name),
                );
            }
            Some(_) => {}
            None => rows.push(row),
        }
    }
    rows
}

fn benchmarks(ex: &Extracted) -> Vec<Benchmark> {
    let mut rows: Vec<Benchmark> = Vec::new();
    for x in &ex.benchmarks {
        let id = Id::from_name(&x.name);
        if rows.iter().any(|r| r.id == id) {
            continue;
        }
        let mut row = Benchmark {
            id,
            name: x.name.clone(),
            category: x.category.clone(),
            paper_url: vec![],
            code_url: vec![],
            official_url: vec![],
            hf_url: vec![],
        };
        row.set_links(x.links.clone());
        rows.push(row);
    }
    rows
}

fn normal_url(u: &str) -> String {
    u.trim_end_matches('/').trim_end_matches(".git").to_lowercase()
}

/// Labels of a kind of paper, not names of one ("Poster: PipeLLM: ...", a short-name badge
/// saying "Survey"): never an id.
const GENERIC_NAMES: [&str; 12] = [
    "poster",
    "demo",
    "invited paper",
    "short paper",
    "extended abstract",
    "position paper",
    "work in progress",
    "wip",
    "keynote",
    "tutorial",
    "survey",
    "review",
];

fn generic(name: &str) -> bool {
    GENERIC_NAMES.contains(&name.trim().to_lowercase().as_str())
}

/// A paper's possible ids, best first: its short name unless generic, the part of its title
/// before ":" when short (after generic labels such as "Poster:"), the title's first six words.
fn paper_ids(p: &RawPaper) -> Vec<Id> {
    let mut title = p.title.as_str();
    while let Some((_, rest)) = title.split_once(':').filter(|(h, _)| generic(h)) {
        title = rest.trim();
    }
    let head =
        title.split_once(':').map(|(h, _)| h.trim()).filter(|h| !h.is_empty() && h.split_whitespace().count() <= 4);
    let mut out: Vec<Id> = p.short_name.as_deref().filter(|s| !generic(s)).map(Id::from_name).into_iter().collect();
    out.extend(head.map(Id::from_name));
    out.push(Id::from_name(&title.split_whitespace().take(6).collect::<Vec<_>>().join(" ")));
    out.dedup();
    out
}

/// Venues that review what they publish (conferences and journals, as the list labels them);
/// a publisher alone (ACM, IEEE) says less, and arXiv, blogs and white papers are not reviewed.
const PEER_REVIEWED: [&str; 52] = [
    "AAAI", "ACL", "ASPDAC", "ASPLOS", "ATC", "CVPR", "DAC", "DATE", "ECCV", "EMNLP", "EUROSYS", "FPGA", "HPCA",
    "ICCAD", "ICCD", "ICCV", "ICLR", "ICML", "IEEETMC", "ISCA", "ISCAS", "ISPASS", "ISSCC", "JSSC", "KDD", "MICRO",
    "MLSYS", "MOBICOM", "MOBISYS", "NAACL", "NATURE", "NEURIPS", "NSDI", "OSDI", "SC", "SENSYS", "SIGCOMM", "SOSP",
    "TACO", "TC", "TCAD", "TCSI", "TMC", "TODAES", "TPDS", "TRETS", "TVLSI", "VLDB", "VLSI", "WWW", "ICS", "PACT",
];

/// How much a copy's badge says about where the paper appeared: 2 a peer-reviewed venue, 1 a
/// publisher or another label, 0 an arXiv preprint, a blog, a white paper or no badge.
fn venue_rank(p: &RawPaper) -> u8 {
    let Some(venue) = &p.venue else { return 0 };
    let key: String = venue.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_uppercase();
    let preprint = key == "ARXIV" || ["BLOG", "WHITEPAPER"].iter().any(|w| key.ends_with(w));
    if preprint {
        0
    } else if PEER_REVIEWED.contains(&key.as_str()) {
        2
    } else {
        1
    }
}

/// Of several copies of one paper, the one import takes venue and date from: the best venue
/// (a conference copy beats an arXiv preprint), the first listed on a tie.
pub(crate) fn copy_for_venue(copies: &[&RawPaper]) -> usize {
    let best = copies.iter().map(|p| venue_rank(p)).max().unwrap_or(0);
    copies.iter().position(|p| venue_rank(p) == best).unwrap_or(0)
}

/// The year and month of an arXiv identifier in a link (`arxiv.org/abs/2502.16963v2`).
pub(crate) fn arxiv_month(url: &str) -> Option<YearMonth> {
    let lower = url.to_ascii_lowercase();
    let at = lower.find("arxiv.org/")?;
    let rest = &lower[at + "arxiv.org/".len()..];
    let id = ["abs/", "pdf/", "html/"].iter().find_map(|p| rest.strip_prefix(p))?;
    let (yymm, num) = id.split_once('.')?;
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if yymm.len() != 4 || !digits(yymm) || num.len() < 4 || !digits(&num[..4]) {
        return None;
    }
    let (yy, mm) = yymm.split_at(2);
    YearMonth::new(2000 + yy.parse::<i32>().ok()?, Some(mm.parse().ok()?)).ok()
}

/// A preprint copy's date, corrected from its arXiv id when the badge contradicts it.
fn preprint_date(b: &mut Builder, p: &RawPaper) -> Option<YearMonth> {
    let id = p.links.paper.iter().find_map(|u| arxiv_month(u));
    match (venue_rank(p), id, p.published) {
        (0, Some(id), Some(d)) if d != id => {
            let msg = format!("paper {:?}: badge date {d} contradicts its arXiv id; {id} taken from the id", p.title);
            b.warn(&p.src, msg);
            Some(id)
        }
        _ => p.published,
    }
}

fn papers(b: &mut Builder, ex: &Extracted) -> Vec<Paper> {
    let mut reg = Registry::default();
    let mut rows: Vec<(Paper, Src)> = Vec::new();
    let mut covers: Vec<BTreeSet<usize>> = Vec::new();
    let mut copies: Vec<Vec<&RawPaper>> = Vec::new();
    for p in &ex.papers {
        if let Some(i) = reg.find(&p.title) {
            copies[i].push(p);
            let (row, _) = &mut rows[i];
            let mut links = row.links();
            merge_links(&mut links, &p.links);
            row.set_links(links);
            row.survey |= p.survey;
            if row.short_name.is_none() {
                row.short_name = p.short_name.clone();
            }
            for t in &p.tags {
                if !row.tags.contains(t) {
                    row.tags.push(t.clone());
                }
            }
            covers[i].insert(p.technique);
            continue;
        }
        // A short name another paper already has gives way to the title.
        let ids = paper_ids(p);
        let id = match ids.iter().find(|id| reg.find_id(id).is_none()) {
            Some(id) => id.clone(),
            None => {
                let year = p.published.map(|d| d.year.to_string()).unwrap_or_default();
                let mut id = ids[0].with_suffix(&year);
                let mut n = 2;
                while reg.find_id(&id).is_some() {
                    id = ids[0].with_suffix(&n.to_string());
                    n += 1;
                }
                id
            }
        };
        reg.add(id.clone(), &p.title);
        let mut row = Paper {
            id,
            title: p.title.clone(),
            short_name: p.short_name.clone(),
            venue: p.venue.clone(),
            published: p.published,
            survey: p.survey,
            tags: p.tags.clone(),
            paper_url: vec![],
            code_url: vec![],
            official_url: vec![],
            hf_url: vec![],
        };
        row.set_links(p.links.clone());
        rows.push((row, p.src.clone()));
        covers.push(BTreeSet::from([p.technique]));
        copies.push(vec![p]);
    }
    for (i, all) in copies.iter().enumerate() {
        let kept = all[copy_for_venue(all)];
        let published = preprint_date(b, kept);
        let first = all[0];
        for p in &all[1..] {
            let mut diffs = Vec::new();
            if first.title != p.title {
                diffs.push(format!("title {:?}", p.title));
            }
            if p.venue != first.venue {
                let show = |v: &Option<String>| v.clone().unwrap_or_default();
                diffs.push(format!("venue {:?} vs {:?}", show(&p.venue), show(&first.venue)));
            }
            if p.published != first.published {
                let show = |d: Option<YearMonth>| d.map(|d| d.to_string()).unwrap_or_default();
                diffs.push(format!("date {} vs {}", show(p.published), show(first.published)));
            }
            if !diffs.is_empty() {
                let msg = format!(
                    "paper {:?} disagrees with {} ({}); title from {}, venue and date from {}",
                    first.title,
                    first.src,
                    diffs.join(", "),
                    first.src,
                    kept.src
                );
                b.warn(&p.src, msg);
            }
        }
        let row = &mut rows[i].0;
        row.venue = kept.venue.clone();
        row.published = published;
    }
    let framework_urls: Vec<(String, Id)> = b
        .framework_rows
        .iter()
        .flat_map(|(f, _)| f.links().iter().map(|(_, u)| (normal_url(u), f.id.clone())).collect::<Vec<_>>())
        .collect();
    for (i, (row, _)) in rows.iter().enumerate() {
        let me = key(EntryKind::Paper, &row.id);
        for t in &covers[i] {
            b.relate(me.clone(), RelationKind::Covers, key(EntryKind::Technique, &ex.techniques[*t].id));
        }
        let by_name = row.short_name.as_deref().and_then(|s| b.frameworks.find(s)).map(|j| b.frameworks.ids[j].clone());
        let by_url = || {
            row.code_url
                .iter()
                .find_map(|u| framework_urls.iter().find(|(f, _)| *f == normal_url(u)).map(|(_, id)| id.clone()))
        };
        if let Some(fw) = by_name.or_else(by_url) {
            b.relate(me, RelationKind::Implements, key(EntryKind::Framework, &fw));
        }
    }
    rows.into_iter().map(|(p, _)| p).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn copy(venue: Option<&str>, line: usize) -> RawPaper {
        RawPaper {
            src: Src { file: "f.md".into(), line },
            title: "T".into(),
            short_name: None,
            venue: venue.map(str::to_string),
            published: None,
            survey: false,
            tags: vec![],
            links: Links::default(),
            technique: 0,
        }
    }

    #[test]
    fn the_conference_copy_gives_venue_and_date_whichever_comes_first() {
        let (arxiv, acm, asplos) = (copy(Some("arxiv"), 1), copy(Some("ACM"), 2), copy(Some("ASPLOS"), 3));
        assert_eq!(copy_for_venue(&[&arxiv, &asplos]), 1);
        assert_eq!(copy_for_venue(&[&asplos, &arxiv]), 0);
        assert_eq!(copy_for_venue(&[&acm, &asplos]), 1);
        assert_eq!(copy_for_venue(&[&arxiv, &acm]), 1);
        let (blog, none) = (copy(Some("Samsung tech blog"), 4), copy(None, 5));
        assert_eq!(copy_for_venue(&[&blog, &none]), 0, "a tie keeps the first");
        assert_eq!(copy_for_venue(&[&copy(Some("ASP.DAC"), 6), &arxiv]), 0);
    }

    #[test]
    fn paper_ids_skip_generic_labels_and_taken_short_names() {
        let mut p = copy(None, 1);
        p.title = "Poster: PipeLLM: Pipeline LLM Inference on Heterogeneous Devices".into();
        assert_eq!(paper_ids(&p)[0].as_str(), "pipellm");
        p.short_name = Some("Poster".into());
        assert_eq!(paper_ids(&p)[0].as_str(), "pipellm");
        p.short_name = Some("PIM".into());
        let ids = paper_ids(&p);
        assert_eq!((ids[0].as_str(), ids[1].as_str()), ("pim", "pipellm"), "the title when the short name is taken");
    }

    #[test]
    fn arxiv_ids_give_their_month() {
        let m = |u: &str| arxiv_month(u).map(|d| d.to_string());
        assert_eq!(m("https://arxiv.org/abs/2502.16963").as_deref(), Some("2025-02"));
        assert_eq!(m("https://arxiv.org/html/2407.05858v1").as_deref(), Some("2024-07"));
        assert_eq!(m("https://arxiv.org/pdf/2404.14219").as_deref(), Some("2024-04"));
        assert_eq!(m("https://arxiv.org/abs/cs/0112017"), None);
        assert_eq!(m("https://dl.acm.org/doi/10.1145/3620665.3640422"), None);
    }
}
