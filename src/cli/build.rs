//! `edge-atlas build`: validate data/ and write every output into one directory: the graph
//! exports, the explorer page, the three figures and the map (`edge_atlas::build`).

use edge_atlas::build;
use edge_atlas::fsx::Durability;

use super::args::BuildArgs;
use super::progress::Progress;
use super::{Failure, load, put_in_place};

pub fn run(a: BuildArgs) -> Result<(), Failure> {
    let mut progress = Progress::new();
    let g = load(&a.data.data, &mut progress)?;
    let map = super::map(&g, &a.data.data, &a.map, &mut progress)?;
    let out = super::out_dir(&a.out, Durability::Cached)?;
    let opts =
        build::Options { with: a.with, no_figures: a.no_figures, no_logos: a.no_logos, colour_by: a.map.colour_by };
    let staging = build::stage(&g, map.as_ref(), &out, &opts, &mut progress).map_err(anyhow::Error::from)?;
    staging.warnings.iter().for_each(|w| tell!("{w}"));
    // Nothing is in place until everything was written: a failure leaves output/ as it was.
    progress.phase("commit", "putting the outputs in place");
    put_in_place(&out, staging.written)?;
    let timings = progress.finish();
    if a.timings {
        tell!("{timings}");
    }
    Ok(())
}
