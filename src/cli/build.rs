//! `edge-atlas build`: validate data/ and write every output into one directory: the graph
//! exports and both timelines, with default settings.

use anyhow::Context as _;
use edge_atlas::export::{self, Format, Options, Subgraph};
use edge_atlas::fsx::Durability;
use edge_atlas::render::ImageFormat;
use edge_atlas::timeline;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use super::args::BuildArgs;
use super::progress::Progress;
use super::timeline::{Pending, put_in_place};
use super::{Failure, load};

/// Base name of the graph exports in the output directory.
const GRAPH_FILE: &str = "edge-atlas";

pub fn run(a: BuildArgs) -> Result<(), Failure> {
    let mut progress = Progress::new();
    let g = load(&a.data.data, &mut progress)?;
    let out = super::out_dir(&a.out, Durability::Cached)?;
    let all = Subgraph::all(&g);
    progress
        .phase("exports", format!("writing {} nodes and {} edges in four formats", all.nodes.len(), all.edges.len()));
    let file = |format: Format| format!("{GRAPH_FILE}.{}", format.extension());
    let path = |format: Format| a.out.join(file(format));
    // Longest first, so that the cores finish together.
    let jobs = [Format::Gexf, Format::Graphml, Format::Json, Format::Dot];
    let mut written = in_parallel(&jobs, |&format| {
        let started = Instant::now();
        let result = out.stage(&file(format), |w| export::write(format, &g, &all, Options::default(), w));
        (format, started.elapsed().as_secs_f64(), result)
    });
    written.sort_by_key(|(format, _, _)| Format::ALL.iter().position(|f| f == format));
    let mut pending = Vec::new();
    for (format, seconds, result) in written {
        let staged = result.with_context(|| format!("building {}", path(format).display()))?;
        progress.record(format.extension(), seconds);
        pending.push(Pending { staged: Some(staged), line: format!("wrote {}", path(format).display()) });
    }
    let counts = Pending { staged: None, line: format!("{} nodes, {} edges", all.nodes.len(), all.edges.len()) };
    pending.push(counts);
    if !a.no_figures {
        progress.phase("figures", "drawing the timelines");
        let emergence = timeline::emergence::Options::default();
        let tops = timeline::chips::Options::new(timeline::chips::Metric::Tops);
        let names = &super::timeline::OUR_NAMES;
        pending.extend(super::timeline::write_figures(&g, &out, names, &emergence, &tops, &ImageFormat::ALL)?);
    }
    // Nothing is in place until everything was written: a failure leaves output/ as it was.
    progress.phase("commit", "putting the outputs in place");
    put_in_place(&out, pending)?;
    let timings = progress.finish();
    if a.timings {
        eprintln!("{timings}");
    }
    Ok(())
}

/// `f` of every item, on as many threads as there are cores (exports are independent and
/// each is bound by one core), results in item order.
fn in_parallel<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(items.len());
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, R)> = std::thread::scope(|s| {
        let worker = || {
            let mut out = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(i) else { return out };
                out.push((i, f(item)));
            }
        };
        let handles: Vec<_> = (0..workers).map(|_| s.spawn(worker)).collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}
