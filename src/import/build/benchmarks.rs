//! Benchmarks, one row per name.

use crate::import::extract::Extracted;
use crate::model::*;

pub(super) fn benchmarks(ex: &Extracted) -> Vec<Benchmark> {
    let mut rows: Vec<Benchmark> = Vec::new();
    for x in &ex.benchmarks {
        let id = Id::from_name(&x.name);
        if rows.iter().any(|r| r.id == id) {
            continue;
        }
        let mut row = Benchmark { name: x.name.clone(), category: x.category.clone(), ..Benchmark::with_id(id) };
        row.set_links(x.links.clone());
        rows.push(row);
    }
    rows
}
