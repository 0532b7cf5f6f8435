//! `edge-atlas path A B`: the shortest chain of relations between two entries.

use edge_atlas::query::{Undirected, edge_label, path};

use super::args::PathArgs;
use super::progress::Progress;
use super::{Failure, load};

pub fn run(a: PathArgs) -> Result<(), Failure> {
    let g = load(&a.data.data, &mut Progress::new())?;
    let (from, to) = (g.resolve(&a.from, &[])?, g.resolve(&a.to, &[])?);
    let label = |n| format!("{} [{}]", g.node(n).name, g.node(n).key);
    let Some(hops) = path::shortest(&g, &Undirected::new(&g), from, to, a.max_hops) else {
        return Err(anyhow::anyhow!("no path from {} to {} within {} hops", label(from), label(to), a.max_hops).into());
    };
    println!("{}", label(from));
    for h in &hops {
        println!("  --{}--> {}", edge_label(h.relation, h.dir), label(h.to));
    }
    println!("{} hop(s)", hops.len());
    Ok(())
}
