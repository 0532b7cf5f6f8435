//! `edge-atlas layout`: positions and communities as CSV, to stdout or a file.

use std::time::Instant;

use anyhow::Context as _;
use edge_atlas::fsx::{Durability, OutDir};
use edge_atlas::layout::{Map, file};

use super::args::LayoutArgs;
use super::progress::Progress;
use super::{Failure, load};

pub fn run(a: LayoutArgs) -> Result<(), Failure> {
    let mut progress = Progress::new();
    let g = load(&a.data.data, &mut progress)?;
    let from = a.from.clone().unwrap_or_else(|| a.data.data.join(file::START_FILE));
    let start = file::read(&g, &from).map_err(Failure::Invalid)?;
    progress.phase("layout", "laying out the graph");
    let started = Instant::now();
    let map = Map::of(&g, &start, &a.layout.settings());
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    progress.finish();
    match &a.out {
        Some(path) => {
            let (dir, name) = OutDir::open_for_file(path, Durability::Cached, &super::waiting)
                .with_context(|| format!("writing {}", path.display()))?;
            let staged = dir
                .stage(&name, |w| file::write(&g, &map, w))
                .with_context(|| format!("writing {}", path.display()))?;
            super::committed(dir.commit(vec![staged]).map_err(anyhow::Error::from)?);
            say!("wrote {}", path.display());
        }
        None => {
            let mut csv = Vec::new();
            file::write(&g, &map, &mut csv).context("writing the CSV")?;
            edge_atlas::term::machine(&String::from_utf8_lossy(&csv));
        }
    }
    let placed = start.iter().filter(|p| p.is_some()).count();
    tell!(
        "{} nodes ({placed} from {}), {} components, {} communities (modularity {:.4}), laid out in {ms:.0} ms",
        g.node_count(),
        from.display(),
        map.components,
        map.communities,
        map.modularity
    );
    Ok(())
}
