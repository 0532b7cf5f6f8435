//! Command dispatch and exit codes: 0 success, 1 invalid input or data, 2 usage or unknown names.

/// A line for people on stdout: control characters in the text are shown escaped
/// (`term::say`). Machine formats (JSON, CSV, BibTeX) are printed as they are (`term::machine`).
macro_rules! say {
    ($($arg:tt)*) => { edge_atlas::term::say(&format!($($arg)*)) };
}

/// A line for people on stderr, as `say!`.
macro_rules! tell {
    ($($arg:tt)*) => { edge_atlas::term::tell(&format!($($arg)*)) };
}

pub mod args;
mod build;
mod check;
mod diff;
mod export;
mod import;
mod layout;
mod lint;
mod list;
mod output;
mod path;
mod progress;
mod related;
mod show;
mod site;
mod stats;
mod synth;
mod timeline;

use std::path::Path;

use anyhow::Context as _;
use std::process::ExitCode;

use edge_atlas::data;
use edge_atlas::data::resolve::ResolveError;
use edge_atlas::diag::Diagnostics;
use edge_atlas::fsx::{self, Durability, OutDir};
use edge_atlas::graph::KnowledgeGraph;
use edge_atlas::palette::ColourBy;
use edge_atlas::term;

use args::{Cli, Command};
use progress::Progress;

/// What ended a command, mapped to an exit code.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// Bad input or data: the diagnostics say where.
    #[error("{0}")]
    Invalid(Diagnostics),
    /// A name that matches nothing or several things.
    #[error("{0}")]
    Name(#[from] ResolveError),
    /// Arguments that parse but do not fit together.
    #[error("error: {0}")]
    Usage(String),
    /// Anything else (files that cannot be written): the whole chain of causes.
    #[error("error: {0:#}")]
    Other(#[from] anyhow::Error),
    /// `lint` found an error-level finding (or a warning under `--deny warnings`).
    #[error("lint failed: the list has findings at a denied level")]
    Lint,
    /// `lint --diff`: there are fixes to apply.
    #[error("lint --diff: the list has fixes to apply (the diff above; --fix applies them)")]
    LintFixes,
    /// `diff`: HEAD does not import (the report says why).
    #[error("diff: HEAD does not import; the errors are in the report")]
    HeadInvalid,
}

impl Failure {
    pub fn exit_code(&self) -> ExitCode {
        match self {
            Failure::Invalid(_) | Failure::Other(_) | Failure::Lint | Failure::LintFixes | Failure::HeadInvalid => {
                ExitCode::from(1)
            }
            Failure::Name(_) | Failure::Usage(_) => ExitCode::from(2),
        }
    }
}

pub fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Import(a) => import::run(a),
        Command::Check(a) => check::run(a),
        Command::Lint(a) => lint::run(a),
        Command::Show(a) => show::run(a),
        Command::Stats(a) => stats::run(a),
        Command::Layout(a) => layout::run(a),
        Command::Export(a) => export::run(a),
        Command::Related(a) => related::run(a),
        Command::Path(a) => path::run(a),
        Command::List(a) => list::run(a),
        Command::Timeline(a) => timeline::run(a),
        Command::Build(a) => build::run(a),
        Command::Site(a) => site::run(a),
        Command::Synth(a) => synth::run(a),
        Command::Diff(a) => diff::run(a),
    }
}

/// Resolves a name the user gave for one entry; when it also names other entries (which
/// lost to a richer one), says so on stderr.
fn resolve(g: &KnowledgeGraph, name: &str) -> Result<petgraph::graph::NodeIndex, Failure> {
    let (n, also) = g.lookup(name, &[])?;
    if !also.is_empty() {
        let others: Vec<String> = also.iter().map(|&m| format!("{} ({})", g.node(m).key, g.node(m).name)).collect();
        tell!("note: {name:?} also names {}; ask for it by kind:id", others.join(", "));
    }
    Ok(n)
}

/// Loads and validates data/, printing warnings to stderr. data/ is read under a shared lock,
/// so an import running at the same time is waited for, not read half-way.
fn load(dir: &Path, progress: &mut Progress) -> Result<KnowledgeGraph, Failure> {
    progress.phase("load", format!("reading and validating {}", dir.display()));
    let lock = fsx::read_lock(dir, &waiting).map_err(anyhow::Error::from)?;
    let loaded = data::load(dir).map_err(Failure::Invalid)?;
    drop(lock);
    term::tell_text(&loaded.warnings.to_string());
    progress.phase("graph", "building the graph");
    Ok(KnowledgeGraph::build(loaded))
}

/// The map the exports carry, as `--layout` says (see `layout::for_outputs`).
fn map(
    g: &KnowledgeGraph,
    data_dir: &Path,
    a: &args::MapArgs,
    progress: &mut Progress,
) -> Result<Option<edge_atlas::layout::Map>, Failure> {
    progress.phase("layout", "laying out the graph");
    let map =
        edge_atlas::layout::for_outputs(g, data_dir, a.layout, &a.settings.settings()).map_err(Failure::Invalid)?;
    if a.colour_by == Some(ColourBy::Community) && map.is_none() {
        let why = match a.layout {
            edge_atlas::layout::Choice::None => "--layout none",
            _ => "--layout auto above 20,000 nodes (--layout forceatlas2 lays out any graph)",
        };
        return Err(Failure::Usage(format!("--colour-by community needs the communities, which {why} leaves out")));
    }
    Ok(map)
}

/// Holds `dir` for this run's outputs (see `fsx`), saying so when another run holds it.
fn out_dir(dir: &Path, durability: Durability) -> Result<OutDir, Failure> {
    Ok(OutDir::open(dir, durability, &waiting).map_err(anyhow::Error::from)?)
}

/// Renames every staged output into place, then announces them: outputs of one command
/// change together or not at all.
fn put_in_place(out: &OutDir, written: Vec<edge_atlas::build::Written>) -> Result<(), Failure> {
    let mut lines = Vec::with_capacity(written.len());
    let mut staged = Vec::new();
    for w in written {
        staged.extend(w.staged);
        lines.push(w.line);
    }
    committed(out.commit(staged).context("putting the outputs in place")?);
    lines.iter().filter(|l| !l.is_empty()).for_each(|l| say!("{l}"));
    Ok(())
}

/// Says when a commit had to put files in place one by one (see `fsx::Committed`).
fn committed(c: fsx::Committed) {
    if let Some(why) = c.fallback {
        tell!("warning: {why}");
    }
}

fn waiting(dir: &Path) {
    tell!("waiting for another edge-atlas run to finish with {}", dir.display());
}
