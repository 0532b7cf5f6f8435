//! `edge-atlas check`: validate data/ and print counts per kind and relation.

use super::args::DataArgs;
use super::progress::Progress;
use super::{Failure, load};

pub fn run(a: DataArgs) -> Result<(), Failure> {
    let g = load(&a.data, &mut Progress::new())?;
    // The pinned map's start positions: what `build` would refuse is caught here.
    let layout = a.data.join(edge_atlas::layout::file::START_FILE);
    edge_atlas::layout::file::read(&g, &layout).map_err(Failure::Invalid)?;
    say!("{}: {} entries, {} relations, no errors", a.data.display(), g.node_count(), g.edge_count());
    super::stats::print_counts(&g);
    let (compute, memory) = (g.data.model_compute.len(), g.data.model_memory.len());
    if compute + memory > 0 {
        say!("figure panels:");
        say!("  model_compute  {compute:>6}");
        say!("  model_memory   {memory:>6}");
    }
    // The process ends here: freeing a million entries one by one would only add time.
    std::mem::forget(g);
    Ok(())
}
