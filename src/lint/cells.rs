//! Table cells (EA5xx): one unit spelt two ways in a column (`8G` among `8GB`), and sizes listed
//! out of order in a cell (`32B、30B`).

use super::rule::{Family, Fixes, Spec};
use super::{Fix, List, Rule, Sink, header_names};
use crate::diag::Severity;
use crate::import::markdown::{Block, plain};
use crate::model::Sizes;

pub const MIXED_UNITS: Rule = Rule::new(&Spec {
    code: "EA501",
    name: "mixed-units",
    severity: Severity::Warning,
    fixes: Fixes::Safe,
    what: "one unit spelt two ways in a column (`8G` among `8GB`)",
    why: "tools comparing the column have to guess that 8G is 8GB; the fix writes the column's usual unit.",
    example: "| Qualcomm Snapdragon 865 | 15 | 2019.12 | xiaomi 10 | 8G |   (8GB elsewhere)\n  fix: 8GB",
});

pub const SIZES_OUT_OF_ORDER: Rule = Rule::new(&Spec {
    code: "EA502",
    name: "sizes-out-of-order",
    severity: Severity::Warning,
    fixes: Fixes::Safe,
    what: "sizes out of order in a cell (`32B、30B`)",
    why: "every other cell lists sizes smallest first; the fix sorts them, keeping each size as written.",
    example: "| Qwen3 | Alibaba | 0.6B、32B、30B |\n  fix: 0.6B、30B、32B",
});

pub(super) const FAMILY: Family = Family { name: "cells", rules: &[MIXED_UNITS, SIZES_OUT_OF_ORDER] };

/// The numbers with a unit in a cell: ("8", "G") for each `8G`.
fn quantities(text: &str) -> Vec<(&str, &str)> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
        .filter_map(|t| {
            let split = t.find(|c: char| c.is_ascii_alphabetic())?;
            let (n, u) = t.split_at(split);
            let numeric = !n.is_empty() && n.chars().all(|c| c.is_ascii_digit() || c == '.');
            (numeric && u.chars().all(|c| c.is_ascii_alphabetic())).then_some((n, u))
        })
        .collect()
}

/// Two spellings of one unit: `G` and `GB`, `M` and `MB` (but `B` alone is billions).
fn same_unit(a: &str, b: &str) -> bool {
    a != b && (a.strip_suffix('B') == Some(b) || b.strip_suffix('B') == Some(a)) && !a.is_empty() && !b.is_empty()
}

pub fn check(list: &List, sink: &mut Sink) {
    for (doc, src) in list.docs.iter().zip(&list.sources) {
        for b in &doc.blocks {
            let Block::Table { header, rows, .. } = b else { continue };
            for (i, name) in header_names(header).iter().enumerate() {
                let cells: Vec<_> = rows.iter().filter_map(|r| r.get(i)).map(|c| (c, plain(&c.inlines))).collect();
                units(src, name, &cells, sink);
                if name.contains("size") {
                    for (cell, text) in &cells {
                        order(src, cell, text.trim(), sink);
                    }
                }
            }
        }
    }
}

type Cells<'a> = [(&'a crate::import::markdown::Cell, String)];

fn units(src: &super::Source, column: &str, cells: &Cells, sink: &mut Sink) {
    // Units with the number of cells using each, in first-seen order.
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for (_, text) in cells {
        let mut seen: Vec<&str> = quantities(text).into_iter().map(|(_, u)| u).collect();
        seen.dedup();
        for u in seen {
            match counts.iter_mut().find(|(k, _)| *k == u) {
                Some((_, c)) => *c += 1,
                None => counts.push((u, 1)),
            }
        }
    }
    for (cell, text) in cells {
        for (n, unit) in quantities(text) {
            let usual = counts
                .iter()
                .filter(|(u, c)| same_unit(u, unit) && *c > counts.iter().find(|(k, _)| *k == unit).map_or(0, |k| k.1))
                .max_by_key(|(_, c)| *c);
            if let Some(&(usual, c)) = usual {
                let written = format!("{n}{unit}");
                let at = src.locate(cell.line, cell.column, &written);
                let msg =
                    format!("{column} {written:?} writes the unit {unit:?}; {c} cells of this column write {usual:?}");
                sink.push(MIXED_UNITS, src, at, msg, Some(Fix::new(MIXED_UNITS, written, format!("{n}{usual}"))));
            }
        }
    }
}

fn order(src: &super::Source, cell: &crate::import::markdown::Cell, text: &str, sink: &mut Sink) {
    let Ok(sizes) = Sizes::parse(text) else { return };
    // Only plain counts are compared: variants ("Scout(17B)") have their own order.
    let plain: Vec<u64> = sizes.items.iter().filter(|s| s.variant.is_none()).filter_map(|s| s.params).collect();
    if plain.windows(2).all(|w| w[0] <= w[1]) {
        return;
    }
    let at = src.locate(cell.line, cell.column, text);
    let fix = (plain.len() == sizes.items.len()).then(|| {
        let sep = if text.contains('、') { "、" } else { ", " };
        let mut parts: Vec<&str> = text.split(['、', ',', ';']).map(str::trim).collect();
        parts.sort_by_key(|p| Sizes::parse(p).ok().and_then(|s| s.counts().next()).unwrap_or(0));
        Fix::new(SIZES_OUT_OF_ORDER, text, parts.join(sep))
    });
    let msg = format!("sizes {text:?} are not in increasing order");
    sink.push(SIZES_OUT_OF_ORDER, src, at, msg, fix);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_are_read_from_quantities() {
        assert_eq!(quantities("8G/12GB"), [("8", "G"), ("12", "GB")]);
        assert_eq!(quantities("0.5B、1.5B"), [("0.5", "B"), ("1.5", "B")]);
        assert_eq!(quantities("Pixel 8 Pro"), []);
        assert!(same_unit("G", "GB") && same_unit("MB", "M"));
        assert!(!same_unit("B", "MB") && !same_unit("G", "G"));
    }
}
