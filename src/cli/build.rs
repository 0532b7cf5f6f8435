//! `edge-atlas build`: validate data/ and write every output into one directory: the graph
//! exports and both timelines, with default settings.

use anyhow::Context as _;
use edge_atlas::export::{self, Bundle, Format, Options, Prepared, Subgraph};
use edge_atlas::fsx::Durability;
use edge_atlas::render::ImageFormat;
use edge_atlas::site;
use edge_atlas::timeline;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use super::args::{BuildArgs, BundleFormat};
use super::progress::Progress;
use super::timeline::{Pending, put_in_place};
use super::{Failure, load};

/// Base name of the graph exports in the output directory.
const GRAPH_FILE: &str = "edge-atlas";
/// The explorer page in the output directory.
const SITE_FILE: &str = "index.html";

pub fn run(a: BuildArgs) -> Result<(), Failure> {
    let mut progress = Progress::new();
    let g = load(&a.data.data, &mut progress)?;
    let out = super::out_dir(&a.out, Durability::Cached)?;
    let all = Subgraph::all(&g);
    export::dot::notes(&g, &all).iter().for_each(|n| tell!("warning: {n}"));
    progress
        .phase("exports", format!("writing {} nodes and {} edges in four formats", all.nodes.len(), all.edges.len()));
    let file = |format: Format| format!("{GRAPH_FILE}.{}", format.extension());
    let path = |format: Format| a.out.join(file(format));
    // Directory exports are subdirectories, committed with the rest of the output.
    let folder = |bundle: Bundle| format!("{GRAPH_FILE}.{}", bundle.name());
    let dir = |bundle: Bundle| a.out.join(folder(bundle));
    // Longest first, so that the cores finish together.
    let mut jobs: Vec<Job> = bundles(&a.with, all.nodes.len()).into_iter().map(Job::Dir).collect();
    jobs.extend([Format::Gexf, Format::Graphml, Format::Json, Format::Dot].map(Job::File));
    // What the formats share is made once, not once per export.
    let prepared = Prepared::new(&g, &all);
    let mut written = in_parallel(&jobs, |&job| {
        let started = Instant::now();
        let result = match job {
            Job::File(format) => {
                out.stage(&file(format), |w| prepared.write(format, Options::default(), w)).map(|s| vec![s])
            }
            Job::Dir(bundle) => prepared.stage_bundle(bundle, &out, Some(&folder(bundle))),
        };
        (job, started.elapsed().as_secs_f64(), result)
    });
    written.sort_by_key(|(job, _, _)| *job);
    let mut pending = Vec::new();
    for (job, seconds, result) in written {
        let (name, place) = match job {
            Job::File(format) => (format.extension(), path(format)),
            Job::Dir(bundle) => (bundle.name(), dir(bundle)),
        };
        let staged = result.with_context(|| format!("building {}", place.display()))?;
        progress.record(name, seconds);
        let line = match job {
            Job::File(_) => format!("wrote {}", place.display()),
            Job::Dir(bundle) => format!("wrote {}/ ({})", place.display(), bundle.files().join(", ")),
        };
        pending.push(Pending { staged: None, line });
        pending.extend(staged.into_iter().map(|s| Pending { staged: Some(s), line: String::new() }));
    }
    let counts = Pending { staged: None, line: format!("{} nodes, {} edges", all.nodes.len(), all.edges.len()) };
    pending.push(counts);
    progress.phase("site", "writing the explorer page");
    let page = a.out.join(SITE_FILE);
    pending.push(if g.node_count() <= site::MAX_ENTRIES {
        let staged =
            out.stage(SITE_FILE, |w| site::write(&g, w)).with_context(|| format!("building {}", page.display()))?;
        Pending { staged: Some(staged), line: format!("wrote {}", page.display()) }
    } else {
        let line =
            format!("skipped {}: the explorer is written for up to {} entries", page.display(), site::MAX_ENTRIES);
        Pending { staged: None, line }
    });
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
        tell!("{timings}");
    }
    Ok(())
}

/// Parquet by default from this many nodes on: below it the XML and JSON exports open
/// quickly in every tool, and the shipped output/ (committed) stays text.
const PARQUET_FROM: usize = 100_000;

/// One export of the build, in the order their results are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Job {
    File(Format),
    Dir(Bundle),
}

/// The directory exports asked for with --with, or the default for a graph of `nodes`.
fn bundles(with: &[BundleFormat], nodes: usize) -> Vec<Bundle> {
    if with.is_empty() {
        return if nodes >= PARQUET_FROM { vec![Bundle::Parquet] } else { Vec::new() };
    }
    let mut out: Vec<Bundle> = with
        .iter()
        .filter_map(|f| match f {
            BundleFormat::Parquet => Some(Bundle::Parquet),
            BundleFormat::Neo4j => Some(Bundle::Neo4j),
            BundleFormat::None => None,
        })
        .collect();
    out.dedup();
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parquet_is_the_default_from_a_size_on_and_none_turns_it_off() {
        assert_eq!(bundles(&[], PARQUET_FROM - 1), []);
        assert_eq!(bundles(&[], PARQUET_FROM), [Bundle::Parquet]);
        assert_eq!(bundles(&[BundleFormat::None], PARQUET_FROM), []);
        assert_eq!(bundles(&[BundleFormat::Neo4j], 10), [Bundle::Neo4j]);
    }
}
