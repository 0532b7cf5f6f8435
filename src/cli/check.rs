//! `edge-atlas check`: validate data/ and print counts per kind and relation.

use super::args::DataArgs;
use super::{Failure, load};

pub fn run(a: DataArgs) -> Result<(), Failure> {
    let g = load(&a.data)?;
    println!("{}: {} entries, {} relations, no errors", a.data.display(), g.node_count(), g.edge_count());
    for (kind, n) in g.counts_by_kind() {
        println!("  {:<14} {n:>6}", kind.as_str());
    }
    println!("relations:");
    for (rel, n) in g.counts_by_relation() {
        println!("  {:<14} {n:>6}", rel.as_str());
    }
    Ok(())
}
