//! `diff`: what a change to the list does to the knowledge base (entries added, removed,
//! renamed and changed field by field; relations in words), to the list's lint findings and to
//! the figures. Each side is a checkout of the list, imported onto a copy of a data/ directory
//! (HEAD onto BASE's result, so renames are found as import finds them), or a data/ directory.
//! One renderer per format: `human.rs`, `markdown.rs`, `json.rs`.

pub mod entries;
pub mod figures;
pub mod human;
pub mod images;
pub mod json;
pub mod lint;
pub mod markdown;
pub mod pairs;
pub mod relations;

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::data;
use crate::diag::{Diagnostic, Diagnostics};
use crate::fsx::{Durability, OutDir};
use crate::graph::KnowledgeGraph;
use crate::import::{self, ImportError, Rename};
use crate::lint::Finding;
use crate::model::EntryKind;

/// The version of the JSON schema (README, "diff"); bumped when a field changes meaning.
pub const SCHEMA: u32 = 1;

/// Names in reports are cut to this many characters.
pub const NAME_MAX: usize = 80;

/// What BASE and HEAD are.
#[derive(Debug, Clone)]
pub enum Sides {
    /// Checkouts of the list, each imported onto a copy of `onto` (a data/ directory with the
    /// curated tables; none: import from nothing).
    Lists { onto: Option<PathBuf> },
    /// data/ directories, loaded as they are.
    Data,
}

/// One side, loaded: its graph when it imported and validated, the errors when not, and its
/// lint findings when it is a list.
pub struct Side {
    pub graph: Option<KnowledgeGraph>,
    pub errors: Vec<Diagnostic>,
    pub lint: Option<Vec<Finding>>,
}

/// Failures of the diff itself (not of either side's input): the scratch directory.
#[derive(Debug, thiserror::Error)]
pub enum DiffError {
    #[error("scratch directory {}: {source}", path.display())]
    Scratch { path: PathBuf, source: std::io::Error },
    #[error(transparent)]
    Write(#[from] crate::fsx::WriteError),
}

/// Loads both sides, and the renames import found from BASE to HEAD.
pub fn load(base: &Path, head: &Path, sides: &Sides) -> Result<(Side, Side, Vec<Rename>), DiffError> {
    match sides {
        Sides::Data => Ok((load_data(base), load_data(head), Vec::new())),
        Sides::Lists { onto } => {
            let scratch = tempfile::Builder::new()
                .prefix(".edge-atlas-diff-")
                .tempdir()
                .map_err(|source| DiffError::Scratch { path: std::env::temp_dir(), source })?;
            let (base_dir, head_dir) = (scratch.path().join("base"), scratch.path().join("head"));
            copy_tables(onto.as_deref(), &base_dir)?;
            let (base_side, _) = import_side(base, &base_dir)?;
            // HEAD goes onto what BASE made, as a merged pull request would; onto the seed alone
            // when BASE does not import.
            let from = if base_side.graph.is_some() { Some(base_dir.as_path()) } else { onto.as_deref() };
            copy_tables(from, &head_dir)?;
            let (head_side, renames) = import_side(head, &head_dir)?;
            Ok((base_side, head_side, renames))
        }
    }
}

fn load_data(dir: &Path) -> Side {
    match data::load(dir) {
        Ok(loaded) => Side { graph: Some(KnowledgeGraph::build(loaded)), errors: Vec::new(), lint: None },
        Err(d) => Side { graph: None, errors: errors_of(&d), lint: None },
    }
}

/// Imports the list at `list` into `dir` and loads the result; the list's lint alongside.
fn import_side(list: &Path, dir: &Path) -> Result<(Side, Vec<Rename>), DiffError> {
    let lint = crate::lint::lint_dir(list).ok().map(|(findings, _)| findings);
    let out = OutDir::open(dir, Durability::Cached, &|_| {})?;
    // A diff shows what a change removes, however much: the guard is import's, not the diff's.
    let opts = import::Options { keep_gone: false, dry_run: false, accept_removals: true };
    let relative = |d: &Diagnostics| {
        let mut e = errors_of(d);
        for x in &mut e {
            x.file = shown_path(&x.file, list, dir);
        }
        e
    };
    let failed = |errors| Side { graph: None, errors, lint: lint.clone() };
    let report = match import::import(list, &out, opts) {
        Ok(r) => r,
        Err(ImportError::Invalid(d)) => return Ok((failed(relative(&d)), Vec::new())),
        Err(e) => {
            let msg = e.to_string().replace(&list.display().to_string(), ".");
            return Ok((failed(vec![Diagnostic::error(".", 0, 0, msg)]), Vec::new()));
        }
    };
    drop(out);
    Ok(match data::load(dir) {
        Ok(loaded) => (Side { graph: Some(KnowledgeGraph::build(loaded)), errors: Vec::new(), lint }, report.renames),
        Err(d) => (failed(relative(&d)), Vec::new()),
    })
}

fn errors_of(d: &Diagnostics) -> Vec<Diagnostic> {
    d.iter().filter(|x| x.severity == crate::diag::Severity::Error).cloned().collect()
}

/// A file as a report shows it: relative to the list, or `data/NAME` for the scratch tables.
fn shown_path(file: &str, list: &Path, scratch: &Path) -> String {
    let p = Path::new(file);
    if let Ok(r) = p.strip_prefix(scratch) {
        return format!("data/{}", r.display());
    }
    p.strip_prefix(list).map_or_else(|_| file.to_string(), |r| r.display().to_string())
}

/// Copies `from` (a data/ directory: the tables, logos/ and its sources) into a new `to`:
/// regular files and directories only, a few levels deep; nothing with no `from`.
fn copy_tables(from: Option<&Path>, to: &Path) -> Result<(), DiffError> {
    fn copy(from: &Path, to: &Path, depth: usize) -> Result<(), DiffError> {
        let err = |path: &Path| {
            let path = path.to_path_buf();
            move |source| DiffError::Scratch { path, source }
        };
        std::fs::create_dir_all(to).map_err(err(to))?;
        let Ok(entries) = std::fs::read_dir(from) else { return Ok(()) };
        for e in entries.flatten() {
            let (Ok(kind), target) = (e.file_type(), to.join(e.file_name())) else { continue };
            if kind.is_file() {
                std::fs::copy(e.path(), &target).map_err(err(&target))?;
            } else if kind.is_dir() && depth > 0 {
                copy(&e.path(), &target, depth - 1)?;
            }
        }
        Ok(())
    }
    match from {
        Some(from) => copy(from, to, 3),
        None => std::fs::create_dir_all(to).map_err(|source| DiffError::Scratch { path: to.to_path_buf(), source }),
    }
}

/// An entry as reports name it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Named {
    pub kind: EntryKind,
    pub id: String,
    pub name: String,
}

impl Named {
    fn of(g: &KnowledgeGraph, n: petgraph::graph::NodeIndex) -> Named {
        let node = g.node(n);
        Named { kind: node.key.kind, id: node.key.id.to_string(), name: node.name.clone() }
    }
}

/// Whether a side imported (or loaded), and the located errors when not.
#[derive(Debug, Clone, Serialize)]
pub struct Status {
    pub imported: bool,
    pub errors: Vec<Diagnostic>,
}

/// Everything a change does, in the order reports show it.
#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    pub schema: u32,
    pub base: Status,
    pub head: Status,
    pub entries: entries::Changes,
    pub relations: Vec<relations::Change>,
    pub lint: lint::Changes,
    pub figures: Vec<figures::Change>,
}

impl Diff {
    /// Nothing changed and both sides imported.
    pub fn is_empty(&self) -> bool {
        self.base.imported
            && self.head.imported
            && self.entries.is_empty()
            && self.relations.is_empty()
            && self.lint.is_empty()
            && self.figures.is_empty()
    }

    /// The one-line summary every format starts with.
    pub fn summary(&self) -> String {
        if !self.head.imported {
            return format!("HEAD does not import: {} error(s)", self.head.errors.len());
        }
        let e = &self.entries;
        let mut parts = Vec::new();
        if !self.base.imported {
            parts.push(format!("BASE does not import ({} error(s)); HEAD's lint only", self.base.errors.len()));
        }
        if self.is_empty() {
            return "no changes to the knowledge base, its lint or its figures".to_string();
        }
        let counted = [
            (e.added.len(), "added"),
            (e.removed.len(), "removed"),
            (e.renamed.len(), "renamed"),
            (e.changed.len(), "changed"),
        ];
        let entries: Vec<String> = counted.iter().filter(|(n, _)| *n > 0).map(|(n, w)| format!("{n} {w}")).collect();
        if !entries.is_empty() {
            parts.push(format!("entries: {}", entries.join(", ")));
        }
        if !self.relations.is_empty() {
            let added = self.relations.iter().filter(|r| r.change == relations::Kind::Added).count();
            parts.push(format!("relations: +{added} -{}", self.relations.len() - added));
        }
        if !self.lint.is_empty() {
            parts.push(format!("lint: {} introduced, {} fixed", self.lint.introduced.len(), self.lint.fixed.len()));
        }
        if !self.figures.is_empty() {
            parts.push(format!("figures: {} change(s)", self.figures.len()));
        }
        parts.join("; ")
    }
}

/// Compares the two sides. With BASE missing, only HEAD's lint is shown (all of it).
pub fn compare(base: &Side, head: &Side, renames: &[Rename]) -> Diff {
    let status = |s: &Side| Status { imported: s.graph.is_some(), errors: s.errors.clone() };
    let mut diff = Diff {
        schema: SCHEMA,
        base: status(base),
        head: status(head),
        entries: entries::Changes::default(),
        relations: Vec::new(),
        lint: lint::Changes::default(),
        figures: Vec::new(),
    };
    let no_findings = Vec::new();
    let base_lint = if base.graph.is_some() { base.lint.as_ref() } else { Some(&no_findings) };
    if let (Some(b), Some(h)) = (base_lint, head.lint.as_ref()) {
        diff.lint = lint::compare(b, h);
    }
    if let (Some(b), Some(h)) = (&base.graph, &head.graph) {
        let bare = entries::factless(h);
        let factless = |n| {
            let key = &h.node(n).key;
            bare.contains(&(key.kind, key.id.to_string()))
        };
        let pairs = pairs::find(b, h, &factless);
        diff.entries = entries::compare(b, h, renames, &pairs);
        diff.relations = relations::compare(b, h, &pairs);
        diff.figures = figures::compare(b, h, &pairs);
    }
    diff
}
