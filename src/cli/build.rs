//! `edge-atlas build`: validate data/ and write every output into one directory: the graph
//! exports and both timelines, with default settings.

use edge_atlas::build;
use edge_atlas::export::{self, Subgraph};
use edge_atlas::fsx::Durability;
use edge_atlas::render::ImageFormat;
use edge_atlas::timeline;

use super::args::BuildArgs;
use super::progress::Progress;
use super::timeline::{Pending, put_in_place};
use super::{Failure, load};

/// The map of the field in the output directory (SVG and PNG).
const MAP_FILE: &str = "graph-map";

pub fn run(a: BuildArgs) -> Result<(), Failure> {
    let mut progress = Progress::new();
    let g = load(&a.data.data, &mut progress)?;
    let map = super::map(&g, &a.data.data, &a.map, &mut progress)?;
    let out = super::out_dir(&a.out, Durability::Cached)?;
    let all = Subgraph::all(&g);
    let formats = export::for_build(&a.with, all.nodes.len());
    formats.iter().flat_map(|f| f.notes(&g, &all)).for_each(|n| tell!("warning: {n}"));
    progress
        .phase("exports", format!("writing {} nodes and {} edges in four formats", all.nodes.len(), all.edges.len()));
    let mut pending = Vec::new();
    for w in build::stage_exports(&g, map.as_ref(), &out, &a.with).map_err(anyhow::Error::from)? {
        progress.record(w.name, w.seconds);
        pending.push(Pending { staged: None, line: w.line });
        pending.extend(w.staged.into_iter().map(|s| Pending { staged: Some(s), line: String::new() }));
    }
    let counts = Pending { staged: None, line: format!("{} nodes, {} edges", all.nodes.len(), all.edges.len()) };
    pending.push(counts);
    progress.phase("site", "writing the explorer page");
    let site = build::stage_site(&g, &out).map_err(anyhow::Error::from)?;
    pending.push(Pending { staged: site.staged.into_iter().next(), line: site.line });
    if !a.no_figures {
        progress.phase("figures", "drawing the timelines");
        let logos = !a.no_logos;
        let emergence = timeline::emergence::Options { logos, ..Default::default() };
        let tops = timeline::chips::Options { logos, ..timeline::chips::Options::new(timeline::chips::Metric::Tops) };
        let names = &super::timeline::OUR_NAMES;
        pending.extend(super::timeline::write_figures(&g, &out, names, &emergence, &tops, &ImageFormat::ALL)?);
        if let Some(map) = &map {
            let fig = timeline::map::draw(&g, map, timeline::map::WIDTH, timeline::map::HEIGHT);
            let named = fig.labelled - fig.unlabelled.len();
            let what = format!("{} entries, {} communities, {named} hubs named", g.node_count(), map.communities);
            pending.extend(super::timeline::stage(&fig.scene, &out, MAP_FILE, &ImageFormat::ALL, &what)?);
        }
    }
    // Nothing is in place until everything was written: a failure leaves output/ as it was.
    progress.phase("commit", "putting the outputs in place");
    put_in_place(&out, pending)?;
    let timings = progress.finish();
    if a.timings {
        tell!("{timings}");
    }
    Ok(())
}
