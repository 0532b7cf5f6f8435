//! Products: what powers them, and the chips and devices their text names.

use super::{Builder, key};
use crate::import::extract::Extracted;
use crate::import::names::Registry;
use crate::model::*;

pub(super) fn products(b: &mut Builder, ex: &Extracted) -> Vec<Product> {
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
        let mut row = Product { name: p.name.clone(), category: p.category.clone(), ..Product::with_id(id) };
        row.set_links(p.links.clone());
        rows.push(row);
    }
    rows
}
