//! `edge-atlas export`: one graph export, of the whole graph or a selection, to a file or stdout.

use std::io::{self, Write};

use anyhow::Context as _;
use edge_atlas::export::{self, Format, Options, Prepared, Selection, Subgraph};
use edge_atlas::fsx::{self, Durability};
use edge_atlas::graph::KnowledgeGraph;
use edge_atlas::palette::ColourBy;

use super::args::ExportArgs;
use super::progress::Progress;
use super::{Failure, load, resolve};

pub fn run(a: ExportArgs) -> Result<(), Failure> {
    let format = match a.format {
        Some(format) if format.is_directory() => return run_directory(&a, format),
        Some(format) => format,
        None => format(&a)?,
    };
    let mut progress = Progress::new();
    let g = load(&a.data.data, &mut progress)?;
    let sub = select(&g, &a)?;
    let map = super::map(&g, &a.data.data, &a.map, &mut progress)?;
    let map = map.as_ref();
    let by = a.map.colour_by.unwrap_or(ColourBy::EXPORTS);
    let opts = Options { cluster: a.cluster };
    format.notes(&g, &sub).iter().for_each(|n| tell!("warning: {n}"));
    progress.phase(format.name(), format!("writing {} nodes as {}", sub.nodes.len(), format.name()));
    match &a.out {
        Some(path) => fsx::write_file(path, Durability::Cached, &super::waiting, |w| {
            export::write(format, &g, &sub, map, by, opts, w)
        })
        .with_context(|| format!("exporting {} nodes", sub.nodes.len()))?,
        None => {
            let mut out = io::BufWriter::new(io::stdout());
            match export::write(format, &g, &sub, map, by, opts, &mut out).and_then(|()| out.flush()) {
                // A closed pipe (`| head`) is the reader's choice, not a failure.
                Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
                    Err(anyhow::Error::from(e).context("writing to stdout"))?
                }
                _ => {}
            }
        }
    }
    tell!("exported {} nodes, {} edges", sub.nodes.len(), sub.edges.len());
    Ok(())
}

/// A directory export: every file staged, then all put in place together.
fn run_directory(a: &ExportArgs, format: Format) -> Result<(), Failure> {
    let Some(dir) = &a.out else {
        return Err(Failure::Usage(format!("--format {} writes a directory: give it with --out DIR", format.name())));
    };
    let mut progress = Progress::new();
    let g = load(&a.data.data, &mut progress)?;
    let sub = select(&g, a)?;
    let map = super::map(&g, &a.data.data, &a.map, &mut progress)?;
    progress.phase(format.name(), format!("writing {} nodes as {}", sub.nodes.len(), format.name()));
    let out = super::out_dir(dir, Durability::Cached)?;
    super::committed(
        Prepared::new(&g, &sub)
            .with_map(map.as_ref())
            .with_colours(a.map.colour_by.unwrap_or(ColourBy::EXPORTS))
            .stage(format, Options { cluster: a.cluster }, &out, "")
            .and_then(|staged| out.commit(staged))
            .with_context(|| format!("exporting {} nodes", sub.nodes.len()))?,
    );
    tell!("exported {} nodes, {} edges into {}", sub.nodes.len(), sub.edges.len(), dir.display());
    Ok(())
}

/// The nodes and edges the selection flags keep.
fn select(g: &KnowledgeGraph, a: &ExportArgs) -> Result<Subgraph, Failure> {
    let around = match &a.around {
        Some(name) => Some((resolve(g, name)?, a.depth)),
        None => None,
    };
    let sel = Selection { kinds: a.kind.clone(), around, since: a.since };
    Ok(Subgraph::select(g, &sel))
}

/// The one-file format --out's extension names.
fn format(a: &ExportArgs) -> Result<Format, Failure> {
    let ext = a.out.as_ref().and_then(|p| p.extension()).and_then(|e| e.to_str());
    let names = || Format::one_file().map(|f| f.name()).collect::<Vec<_>>().join(", ");
    match ext {
        Some(ext) => Format::one_file().find(|f| f.name() == ext).ok_or_else(|| {
            Failure::Usage(format!("cannot tell the format from \".{ext}\"; use --format ({})", names()))
        }),
        None => Err(Failure::Usage(format!("--format is required ({})", names()))),
    }
}
