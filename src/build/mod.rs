//! The `build` pipeline: every format `build` writes ([`export::for_build`]), staged into one
//! output directory on all cores, the slowest started first; the explorer page; the figures
//! (`figures.rs`). Nothing is in place until the caller commits what [`stage`] staged.

pub mod figures;

use std::path::PathBuf;
use std::time::Instant;

use crate::export::{self, Format, Prepared, Subgraph, With};
use crate::fsx::{OutDir, Staged, WriteError};
use crate::graph::KnowledgeGraph;
use crate::layout::Map;
use crate::palette::ColourBy;
use crate::render::ImageFormat;
use crate::{site, timeline};

/// Base name of the graph exports in the output directory.
pub const GRAPH_FILE: &str = "edge-atlas";
/// The explorer page in the output directory.
pub const SITE_FILE: &str = "index.html";

/// What a long pipeline tells about its progress: the phase it starts, and the time a step
/// took on another thread. The CLI shows a spinner and `--timings`; `()` ignores it.
pub trait Progress {
    fn phase(&mut self, name: &'static str, message: String);
    fn record(&mut self, name: &'static str, seconds: f64);
}

impl Progress for () {
    fn phase(&mut self, _: &'static str, _: String) {}
    fn record(&mut self, _: &'static str, _: f64) {}
}

/// What `build` writes besides the exports `with` adds.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The directory formats wanted (none: the default by size, see [`export::for_build`]).
    pub with: Vec<With>,
    /// Leave out the figures (the timelines and the map).
    pub no_figures: bool,
    /// Draw the figures with names only, without the organisations' logos.
    pub no_logos: bool,
    /// What node colours say (`--colour-by`); none: the exports by organisation, the maps
    /// (graph-map, the page's map view) by community.
    pub colour_by: Option<ColourBy>,
}

/// Everything a build staged, and what it has to say.
pub struct Staging {
    /// The outputs in the order they are announced.
    pub written: Vec<Written>,
    /// Warnings and notes, for stderr.
    pub warnings: Vec<String>,
}

/// Stages everything `build` writes of `g` into `out`: the exports (with the positions and
/// communities of `map` when given), the explorer page (with its map view) and, unless left
/// out, the three figures and the map. The caller commits the staged files together.
pub fn stage(
    g: &KnowledgeGraph,
    map: Option<&Map>,
    out: &OutDir,
    opts: &Options,
    progress: &mut dyn Progress,
) -> Result<Staging, BuildError> {
    let all = Subgraph::all(g);
    let (exports_by, maps_by) = (opts.colour_by.unwrap_or(ColourBy::EXPORTS), opts.colour_by.unwrap_or(ColourBy::MAPS));
    let formats = export::for_build(&opts.with, all.nodes.len());
    let mut warnings: Vec<String> =
        formats.iter().flat_map(|f| f.notes(g, &all)).map(|n| format!("warning: {n}")).collect();
    let names: Vec<&str> = formats.iter().map(|f| f.name()).collect();
    let what = format!("writing {} nodes and {} edges as {}", all.nodes.len(), all.edges.len(), names.join(", "));
    progress.phase("exports", what);
    let mut written = Vec::new();
    for w in stage_exports(g, &all, formats, map, exports_by, out)? {
        progress.record(w.name, w.seconds);
        written.push(w);
    }
    let counts = format!("{} nodes, {} edges", all.nodes.len(), all.edges.len());
    written.push(Written { name: "counts", staged: Vec::new(), line: counts, seconds: 0.0 });
    progress.phase("site", "writing the explorer page".into());
    written.push(stage_site(g, map, maps_by, out)?);
    if !opts.no_figures {
        progress.phase("figures", "drawing the figures".into());
        let logos = !opts.no_logos;
        let settings = timeline::Settings {
            emergence: timeline::emergence::Options { logos, ..Default::default() },
            chips: timeline::chips::Options { logos, ..timeline::chips::Options::new(timeline::chips::Metric::Tops) },
            map: map.map(|m| (m, maps_by)),
        };
        let names = figures::Names::Ours;
        written.extend(figures::stage(g, out, &settings, names, &ImageFormat::ALL, &mut warnings)?);
    }
    Ok(Staging { written, warnings })
}

/// An output staged in the directory, with the line that announces it.
pub struct Written {
    /// The format's name, "site", "counts" (a line only) or "figure".
    pub name: &'static str,
    pub staged: Vec<Staged>,
    /// "wrote PATH", or why it was not written.
    pub line: String,
    /// Seconds it took, on its thread.
    pub seconds: f64,
}

/// A failure to write one output, named by its place.
#[derive(Debug, thiserror::Error)]
#[error("building {}", path.display())]
pub struct BuildError {
    pub path: PathBuf,
    #[source]
    pub source: WriteError,
}

/// Stages each of `jobs` (the formats [`export::for_build`] picked) of `all`, the whole of `g`,
/// into `out`, reported in the order of [`export::FORMATS`], with the positions and
/// communities of `map` when given, nodes coloured `by`.
fn stage_exports(
    g: &KnowledgeGraph,
    all: &Subgraph,
    mut jobs: Vec<Format>,
    map: Option<&Map>,
    by: ColourBy,
    out: &OutDir,
) -> Result<Vec<Written>, BuildError> {
    // Slowest first, so that the cores finish together.
    jobs.sort_by_key(|f| std::cmp::Reverse(f.cost()));
    // What the formats share is made once, not once per export.
    let prepared = Prepared::new(g, all).with_map(map).with_colours(by);
    let mut written = crate::par::map(&jobs, |&format| {
        let started = Instant::now();
        let result = prepared.stage(format, export::Options::default(), out, &file_name(format));
        (format, started.elapsed().as_secs_f64(), result)
    });
    written.sort_by_key(|(format, _, _)| *format);
    let path = |format: Format| out.dir().join(file_name(format));
    written
        .into_iter()
        .map(|(format, seconds, result)| {
            let staged = result.map_err(|source| BuildError { path: path(format), source })?;
            let line = match format.is_directory() {
                false => format!("wrote {}", path(format).display()),
                true => format!("wrote {}/ ({})", path(format).display(), format.files().join(", ")),
            };
            Ok(Written { name: format.name(), staged, line, seconds })
        })
        .collect()
}

/// The name of `format`'s file or directory in the output directory.
pub fn file_name(format: Format) -> String {
    format!("{GRAPH_FILE}.{}", format.name())
}

/// Stages the explorer page into `out`, unless the graph is too large for it, with its map
/// view when there is a map, coloured `by`.
pub fn stage_site(g: &KnowledgeGraph, map: Option<&Map>, by: ColourBy, out: &OutDir) -> Result<Written, BuildError> {
    let page = out.dir().join(SITE_FILE);
    let started = Instant::now();
    let (staged, line) = if g.node_count() <= site::MAX_ENTRIES {
        let staged = out.stage(SITE_FILE, |w| site::write(g, map, by, w));
        let staged = staged.map_err(|source| BuildError { path: page.clone(), source })?;
        (vec![staged], format!("wrote {}", page.display()))
    } else {
        let line =
            format!("skipped {}: the explorer is written for up to {} entries", page.display(), site::MAX_ENTRIES);
        (Vec::new(), line)
    };
    Ok(Written { name: "site", staged, line, seconds: started.elapsed().as_secs_f64() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fsx::Durability;

    /// The phases a build announced.
    #[derive(Default)]
    struct Phases(Vec<(&'static str, String)>);

    impl Progress for Phases {
        fn phase(&mut self, name: &'static str, message: String) {
            self.0.push((name, message));
        }
        fn record(&mut self, _: &'static str, _: f64) {}
    }

    #[test]
    fn the_exports_phase_names_the_formats_it_writes() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let g = KnowledgeGraph::build(crate::data::load(&dir).unwrap());
        let tmp = tempfile::tempdir().unwrap();
        for (with, says) in [
            (vec![], "as dot, graphml, gexf, json"),
            (vec![With::Format(Format::named("parquet").unwrap())], "as dot, graphml, gexf, json, parquet"),
        ] {
            let out = OutDir::open(tmp.path(), Durability::Cached, &|_| {}).unwrap();
            let opts = Options { with, no_figures: true, ..Options::default() };
            let mut phases = Phases::default();
            stage(&g, None, &out, &opts, &mut phases).unwrap();
            let exports = &phases.0.iter().find(|(name, _)| *name == "exports").unwrap().1;
            assert!(exports.ends_with(says), "{exports}");
        }
    }
}
