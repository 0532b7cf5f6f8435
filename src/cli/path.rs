//! `edge-atlas path A B`: the most specific chains of relations between two entries.

use edge_atlas::query::path::{self, Options};
use edge_atlas::query::{Undirected, edge_label};

use super::args::PathArgs;
use super::progress::Progress;
use super::{Failure, load, resolve};

pub fn run(a: PathArgs) -> Result<(), Failure> {
    let g = load(&a.data.data, &mut Progress::new())?;
    let (from, to) = (resolve(&g, &a.from)?, resolve(&g, &a.to)?);
    let avoid = a.avoid.iter().map(|n| resolve(&g, n)).collect::<Result<Vec<_>, _>>()?;
    let label = |n| format!("{} [{}]", g.node(n).name, g.node(n).key);
    let options = Options { max_hops: a.max_hops, via: a.via, avoid };
    let paths = path::alternatives(&g, &Undirected::new(&g), from, to, &options, a.alternatives.max(1));
    if paths.is_empty() {
        let via = a.via.map(|k| format!(" through a {k}")).unwrap_or_default();
        return Err(
            anyhow::anyhow!("no path from {} to {}{via} within {} hops", label(from), label(to), a.max_hops).into()
        );
    }
    for (i, p) in paths.iter().enumerate() {
        if i > 0 {
            say!("");
        }
        say!("{}", label(from));
        for h in &p.hops {
            say!("  --{}--> {}", edge_label(h.relation, h.dir), label(h.to));
        }
        say!("{} hop(s), cost {}", p.hops.len(), p.cost);
    }
    Ok(())
}
