//! Frameworks and vendor SDKs: backends, targets, supported families, what each is built on.

use super::{Builder, key, merge_links};
use crate::import::extract::{Extracted, Target};
use crate::import::names::expand_slashes;
use crate::model::*;

pub(super) fn frameworks(b: &mut Builder, ex: &Extracted) {
    for f in &ex.frameworks {
        let i = match b.frameworks.find(&f.name) {
            Some(i) => i,
            None => {
                let (i, _) = b.frameworks.add(Id::from_name(&f.name), &f.name);
                let id = b.frameworks.ids[i].clone();
                // open_source is curated once true: the list's tables do not say it for vendor SDKs.
                let open_source = b.prev.frameworks.iter().any(|p| p.id == id && p.open_source);
                let fw = Framework { name: f.name.clone(), open_source, ..Framework::with_id(id) };
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
