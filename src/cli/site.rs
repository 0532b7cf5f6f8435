//! `edge-atlas site`: validate data/ and write the explorer page alone, to any file.

use anyhow::Context as _;
use edge_atlas::fsx::{Durability, OutDir};
use edge_atlas::palette::ColourBy;
use edge_atlas::site;

use super::args::SiteArgs;
use super::progress::Progress;
use super::{Failure, load};

pub fn run(a: SiteArgs) -> Result<(), Failure> {
    let mut progress = Progress::new();
    let g = load(&a.data.data, &mut progress)?;
    let map = super::map(&g, &a.data.data, &a.map, &mut progress)?;
    let by = a.map.colour_by.unwrap_or(ColourBy::MAPS);
    progress.phase("site", "writing the explorer page");
    let (dir, name) = OutDir::open_for_file(&a.out, Durability::Cached, &super::waiting)
        .with_context(|| format!("writing {}", a.out.display()))?;
    let staged = dir
        .stage(&name, |w| site::write(&g, map.as_ref(), by, w))
        .with_context(|| format!("building {}", a.out.display()))?;
    super::committed(dir.commit(vec![staged]).map_err(anyhow::Error::from)?);
    progress.finish();
    say!("wrote {} ({} entries)", a.out.display(), g.node_count());
    Ok(())
}
