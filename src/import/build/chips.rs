//! Chips from the hardware table: vendor, product line, TOPS, memory, the devices they ship in.

use super::{Builder, NOT_A_NAME, key};
use crate::import::extract::Extracted;
use crate::import::names::expand_slashes;
use crate::model::*;

pub(super) fn chips(b: &mut Builder, ex: &Extracted) {
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
