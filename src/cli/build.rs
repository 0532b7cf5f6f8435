//! `edge-atlas build`: validate data/ and write every output into one directory: the graph
//! exports and both timelines, with default settings.

use anyhow::Context as _;
use edge_atlas::export::{self, Format, Options, Subgraph};
use edge_atlas::fsx;
use edge_atlas::render::ImageFormat;
use edge_atlas::timeline;

use super::args::BuildArgs;
use super::progress::Progress;
use super::{Failure, load};

/// Base name of the graph exports in the output directory.
const GRAPH_FILE: &str = "edge-atlas";

pub fn run(a: BuildArgs) -> Result<(), Failure> {
    let mut progress = Progress::new();
    let g = load(&a.data.data, &mut progress)?;
    let all = Subgraph::all(&g);
    for format in Format::ALL {
        let path = a.out.join(format!("{GRAPH_FILE}.{}", format.extension()));
        progress.phase(format.extension(), format!("writing {}", path.display()));
        fsx::write_atomic_with(&path, |w| export::write(format, &g, &all, Options::default(), w))
            .with_context(|| format!("building {}", path.display()))?;
        println!("wrote {}", path.display());
    }
    println!("{} nodes, {} edges", all.nodes.len(), all.edges.len());
    if !a.no_figures {
        progress.phase("figures", "drawing the timelines");
        let (emergence, chips) = (timeline::emergence::Options::default(), timeline::chips::Options::default());
        super::timeline::write_figures(&g, &a.out, &emergence, &chips, &ImageFormat::ALL)?;
    }
    let timings = progress.finish();
    if a.timings {
        eprintln!("{timings}");
    }
    Ok(())
}
