//! Families, releases and multimodal models, and which release succeeds which.

use std::collections::HashMap;

use super::{Builder, key, merge_links};
use crate::data::family_base_names;
use crate::import::extract::{Extracted, items};
use crate::import::names::{expand_slashes, model_line};
use crate::model::*;

pub(super) fn families(b: &mut Builder, ex: &Extracted) {
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

pub(super) fn releases(b: &mut Builder, ex: &Extracted) {
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
                name: r.name.clone(),
                family: Some(family),
                organisations: orgs,
                sizes,
                edge,
                released,
                ..Model::with_id(id)
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

pub(super) fn multimodal(b: &mut Builder, ex: &Extracted) {
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
