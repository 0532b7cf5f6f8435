//! The `build` pipeline's graph exports and explorer page: every format `build` writes
//! ([`export::for_build`]), staged into one output directory on all cores, the slowest
//! started first. Nothing is in place until the caller commits it with the figures.

use std::path::PathBuf;
use std::time::Instant;

use crate::export::{self, Format, Options, Prepared, Subgraph, With};
use crate::fsx::{OutDir, Staged, WriteError};
use crate::graph::KnowledgeGraph;
use crate::layout::Map;
use crate::site;

/// Base name of the graph exports in the output directory.
pub const GRAPH_FILE: &str = "edge-atlas";
/// The explorer page in the output directory.
pub const SITE_FILE: &str = "index.html";

/// An output staged in the directory, with the line that announces it.
pub struct Written {
    /// The format's name, or "site".
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

/// Stages every export `build` writes of the whole of `g` into `out`, in the order of
/// [`export::FORMATS`], with the positions and communities of `map` when given. `with` names
/// the directory formats wanted (none: the default by size).
pub fn stage_exports(
    g: &KnowledgeGraph,
    map: Option<&Map>,
    out: &OutDir,
    with: &[With],
) -> Result<Vec<Written>, BuildError> {
    let all = Subgraph::all(g);
    let mut jobs = export::for_build(with, all.nodes.len());
    // Slowest first, so that the cores finish together.
    jobs.sort_by_key(|f| std::cmp::Reverse(f.cost()));
    // What the formats share is made once, not once per export.
    let prepared = Prepared::new(g, &all).with_map(map);
    let mut written = crate::par::map(&jobs, |&format| {
        let started = Instant::now();
        let result = prepared.stage(format, Options::default(), out, &file_name(format));
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

/// Stages the explorer page into `out`, unless the graph is too large for it.
pub fn stage_site(g: &KnowledgeGraph, out: &OutDir) -> Result<Written, BuildError> {
    let page = out.dir().join(SITE_FILE);
    let started = Instant::now();
    let (staged, line) = if g.node_count() <= site::MAX_ENTRIES {
        let staged = out.stage(SITE_FILE, |w| site::write(g, w));
        let staged = staged.map_err(|source| BuildError { path: page.clone(), source })?;
        (vec![staged], format!("wrote {}", page.display()))
    } else {
        let line =
            format!("skipped {}: the explorer is written for up to {} entries", page.display(), site::MAX_ENTRIES);
        (Vec::new(), line)
    };
    Ok(Written { name: "site", staged, line, seconds: started.elapsed().as_secs_f64() })
}
