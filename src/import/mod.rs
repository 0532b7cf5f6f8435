//! Importing the list's Markdown into data/: parse (markdown), recognise (extract), unify and
//! merge (build), then write only the tables that changed, keeping curated files and columns.

pub(crate) mod badge;
mod build;
mod columns;
mod corrections;
pub(crate) mod extract;
mod guard;
pub(crate) mod markdown;
mod names;
mod renames;

use std::io::Read as _;

pub(crate) use build::{arxiv_month, copy_for_venue};
pub use corrections::Corrected;
pub use guard::{MAX_PERCENT, MAX_ROWS, Stop};
pub use renames::{Rename, RenameRule};
use std::path::{Path, PathBuf};

use crate::data::{self, Dataset, Table};
use crate::diag::{Diagnostic, Diagnostics};
use crate::fsx::{OutDir, WriteError};
use crate::model::*;

/// Markdown files larger than this are refused rather than read.
pub const MAX_MARKDOWN_BYTES: u64 = 16 << 20;

#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Keep rows the list no longer has (otherwise they are removed and listed).
    pub keep_gone: bool,
    /// Compute and report, write nothing.
    pub dry_run: bool,
    /// Go ahead when more rows would go than the removal guard allows (`guard`).
    pub accept_removals: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{}: not a checkout of the list (no README.md and no docs/*.md)", .0.display())]
    NotAList(PathBuf),
    #[error("cannot read {}: {source}", path.display())]
    Read { path: PathBuf, source: std::io::Error },
    /// The existing data/ or the imported result is invalid.
    #[error("{0}")]
    Invalid(Diagnostics),
    #[error(transparent)]
    Write(#[from] WriteError),
    /// More would be removed than an edit of the list removes: nothing was written.
    #[error("{0}")]
    Removals(Box<Stop>),
}

/// What import did to one table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TableChange {
    pub file: &'static str,
    pub rows: usize,
    pub added: Vec<String>,
    pub changed: Vec<String>,
    /// Rows the list no longer has: removed, or kept with `keep_gone`.
    pub removed: Vec<String>,
    /// The file is (or with `dry_run` would be) written: its rows changed, or its bytes
    /// differ from import's form (columns in another order, other line ends, a BOM).
    pub written: bool,
}

#[derive(Debug, Default)]
pub struct Report {
    pub tables: Vec<TableChange>,
    /// Everything the importer could not interpret or found contradictory, with file:line.
    pub warnings: Diagnostics,
    pub curated_created: Vec<&'static str>,
    /// Entries whose name changed while their facts stayed: same id, old name now an alias.
    pub renames: Vec<Rename>,
    /// Entries that left one section of the paper tree for another.
    pub moves: Vec<Move>,
    /// Names corrections.csv corrected, the list's spelling kept as an alias.
    pub corrected: Vec<Corrected>,
    /// What the reader should know about this run (normalised input, how data/ was written).
    pub notes: Vec<String>,
}

/// An entry (a paper, a benchmark) covering other sections than before: a move in the list,
/// not a removal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    pub entry: Key,
    pub from: Vec<Key>,
    pub to: Vec<Key>,
}

/// The entries whose `covers` relations lost some sections and gained others.
fn moves(prev: &Dataset, merged: &Dataset) -> Vec<Move> {
    use std::collections::{BTreeMap, BTreeSet};
    let covers = |d: &Dataset| {
        let mut by: BTreeMap<Key, BTreeSet<Key>> = BTreeMap::new();
        for r in d.relations.iter().filter(|r| r.relation == RelationKind::Covers) {
            by.entry(r.source.clone()).or_default().insert(r.target.clone());
        }
        by
    };
    let (before, after) = (covers(prev), covers(merged));
    let mut out = Vec::new();
    for (entry, was) in &before {
        let Some(now) = after.get(entry) else { continue };
        let from: Vec<Key> = was.difference(now).cloned().collect();
        let to: Vec<Key> = now.difference(was).cloned().collect();
        if !from.is_empty() && !to.is_empty() {
            out.push(Move { entry: entry.clone(), from, to });
        }
    }
    out
}

/// The list's Markdown files in reading order: README.md, then docs/*.md by name.
fn list_files(list: &Path) -> Result<Vec<PathBuf>, ImportError> {
    let mut files = Vec::new();
    let readme = list.join("README.md");
    if readme.exists() {
        files.push(readme);
    }
    let docs = list.join("docs");
    if docs.is_dir() {
        let entries = std::fs::read_dir(&docs).map_err(|source| ImportError::Read { path: docs.clone(), source })?;
        let mut md: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        md.sort();
        files.extend(md);
    }
    if files.is_empty() {
        return Err(ImportError::NotAList(list.to_path_buf()));
    }
    Ok(files)
}

/// The list's Markdown files, already read as (path, text), turned into tables with nothing
/// to merge with, and the warnings on the way. Pure: the fuzz target drives it.
pub fn from_markdown(files: &[(String, String)]) -> (Dataset, Diagnostics) {
    let mut warnings = Diagnostics::default();
    let docs: Vec<_> = files
        .iter()
        .map(|(path, text)| markdown::parse(path, &crate::normalise::text(text).0, &mut warnings))
        .collect();
    let extracted = extract::extract(&docs, &mut warnings);
    let data = build::build(&extracted, &Dataset::default(), &mut warnings);
    (data, warnings)
}

/// Reads the list's Markdown files in reading order as (path, text); a file that cannot be
/// opened as a regular file under the size limit is reported in `warnings` and skipped, invalid
/// UTF-8 is read lossily with a warning, and a UTF-16 or UTF-32 file is an error naming its
/// encoding. The text is as in the file: [`normalised`] prepares it for parsing.
pub(crate) fn read_list(list: &Path, warnings: &mut Diagnostics) -> Result<Vec<(PathBuf, String)>, ImportError> {
    let mut out = Vec::new();
    for path in list_files(list)? {
        let read_err = |source| ImportError::Read { path: path.clone(), source };
        let mut bytes = Vec::new();
        match crate::fsx::open_regular(&path, MAX_MARKDOWN_BYTES) {
            Ok(mut f) => f.read_to_end(&mut bytes).map_err(read_err)?,
            Err(crate::fsx::ReadError::Io(e)) => return Err(read_err(e)),
            Err(e) => {
                warnings.push(Diagnostic::error(path.display().to_string(), 0, 0, format!("{e}; skipped")));
                continue;
            }
        };
        if let Err(e) = crate::normalise::check_encoding(&bytes) {
            let d = Diagnostic::error(path.display().to_string(), 1, 1, e.to_string());
            let mut one = Diagnostics::default();
            one.push(d);
            return Err(ImportError::Invalid(one));
        }
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let msg = "not valid UTF-8; invalid bytes read as U+FFFD";
                warnings.push(Diagnostic::warning(path.display().to_string(), 0, 0, msg));
                String::from_utf8_lossy(e.as_bytes()).into_owned()
            }
        };
        out.push((path, text));
    }
    Ok(out)
}

/// Imports the list at `list` into the data/ directory `data`, held for writing: the tables
/// that changed are put in place together.
pub fn import(list: &Path, data: &OutDir, opts: Options) -> Result<Report, ImportError> {
    let data_dir = data.dir();
    let mut warnings = Diagnostics::default();
    let files = read_list(list, &mut warnings)?;
    let mut notes = Vec::new();
    let docs: Vec<_> = files
        .iter()
        .map(|(path, text)| {
            let path = path.display().to_string();
            let (text, changes) = crate::normalise::text(text);
            if let Some(first) = changes.first() {
                notes.push(format!("{path}:{}: {}", first.line, crate::normalise::describe(&changes)));
            }
            markdown::parse(&path, &text, &mut warnings)
        })
        .collect();
    let unread = warnings.error_count();
    let extracted = extract::extract(&docs, &mut warnings);
    // A table the importer knows but cannot read whole (a column gone) would empty a field of
    // every row or drop them: stop before anything is compared or written.
    if warnings.error_count() > unread {
        return Err(ImportError::Invalid(warnings.sorted()));
    }
    let (prev, positions, read) = previous(data_dir)?;
    notes.extend(read.iter().map(|d| format!("{}:{}: {}", d.file, d.line, d.message)));
    let mut fresh = build::build(&extracted, &prev, &mut warnings);
    let lines: Vec<usize> = (0..prev.corrections.len()).map(|i| positions.line(Correction::FILE, i)).collect();
    let file = data_dir.join(Correction::FILE).display().to_string();
    let (corrected, stale) = corrections::apply(&mut fresh, &prev.corrections, &lines, &file);
    warnings.extend(stale);
    let renames = renames::detect(&mut fresh, &prev);
    let (merged, tables) = merge_all(fresh, &prev, !opts.keep_gone);
    // Pruned, the merged tables are what the list yields.
    if !opts.keep_gone
        && !opts.accept_removals
        && let Some(stop) = guard::check(&tables, &prev, &merged, &docs, &warnings)
    {
        return Err(ImportError::Removals(Box::new(stop)));
    }
    let rendered = render_all(&merged, merged.aliases != prev.aliases);
    // Validated as written, so that each problem has the line it would have in data/.
    let mut problems = data::validate_rendered(&rendered, data_dir);
    problems.extend(emptied_families(&merged, &prev, data_dir));
    warnings.extend(alias_collisions(&merged, &data_dir.join(Alias::FILE)));
    if problems.has_errors() {
        // What reading data/ said may be the cause (a curated column missing).
        problems.extend(read);
        return Err(ImportError::Invalid(problems.sorted()));
    }
    let moves = moves(&prev, &merged);
    let mut report =
        Report { tables, warnings: warnings.sorted(), curated_created: Vec::new(), renames, moves, corrected, notes };
    if opts.dry_run {
        for (file, content) in &rendered {
            if let Some(t) = report.tables.iter_mut().find(|t| t.file == *file) {
                t.written = !data.holds(file, content);
            }
        }
    } else {
        write_all(rendered, data, &mut report)?;
    }
    Ok(report)
}

/// A family that had members before this import and has none now is an error: its models
/// went to another family (a stale alias, a renamed family) or left the list.
fn emptied_families(merged: &Dataset, prev: &Dataset, dir: &Path) -> Diagnostics {
    let assignments = dir.join(FamilyAssignment::FILE);
    let members = |d: &Dataset, f: &Id| d.models.iter().filter(|m| m.family.as_ref() == Some(f)).count();
    let mut out = Diagnostics::default();
    // Rows are written sorted, one line each after the header: the family's line in the new file.
    for (row, f) in merged.families.iter().enumerate().filter(|(_, f)| members(merged, &f.id) == 0) {
        let before = members(prev, &f.id);
        if before > 0 {
            let msg = format!(
                "family {} ({}) had {before} member(s) and has none after this import; fix the list, an alias, or {}",
                crate::diag::quoted(&f.name),
                f.id,
                assignments.display()
            );
            out.push(Diagnostic::error(dir.join(Family::FILE).display().to_string(), row + 2, 1, msg));
        }
    }
    out
}

/// A curated alias naming an entry while another entry of that kind has the alias as its
/// name hides that entry: reported at the alias's line.
fn alias_collisions(merged: &Dataset, aliases: &Path) -> Diagnostics {
    let mut out = Diagnostics::default();
    for (i, a) in merged.aliases.iter().enumerate() {
        let key = name_key(&a.alias);
        let hidden = merged.entries_of(a.target.kind).find(|e| {
            e.id != &a.target.id
                && (name_key(e.name) == key
                    || (e.kind == EntryKind::Family
                        && data::family_base_names(e.name).iter().any(|n| name_key(n) == key)))
        });
        if let Some(e) = hidden {
            let msg = format!(
                "alias {:?} names {}, but {} is called {:?}: the alias hides it",
                a.alias,
                a.target,
                e.key(),
                e.name
            );
            // Line 1 is the header; the file is written one alias per line.
            out.push(Diagnostic::warning(aliases.display().to_string(), i + 2, 0, msg));
        }
    }
    out
}

/// data/ as it is, where its rows are, and what reading it had to say (a column the schema
/// gained and a file lacks: this import writes it).
fn previous(data_dir: &Path) -> Result<(Dataset, data::Positions, Diagnostics), ImportError> {
    let any_csv = std::fs::read_dir(data_dir)
        .map(|rd| rd.filter_map(Result::ok).any(|e| e.path().extension().is_some_and(|x| x == "csv")))
        .unwrap_or(false);
    if !any_csv {
        return Ok((Dataset::default(), data::Positions::default(), Diagnostics::default()));
    }
    match data::read_all(data_dir) {
        Ok((d, positions, diags)) if !diags.has_errors() => Ok((d, positions, diags)),
        Ok((_, _, diags)) | Err(diags) => Err(ImportError::Invalid(diags)),
    }
}

/// Merges one table: the fresh rows, plus old rows the list no longer has unless pruning;
/// sorted by id so files diff well.
fn merge<T: Table + Clone + PartialEq>(
    fresh: Vec<T>,
    old: &[T],
    prune: bool,
    id: impl Fn(&T) -> String,
) -> (Vec<T>, TableChange) {
    let mut change = TableChange { file: T::FILE, ..TableChange::default() };
    let old_by_id: std::collections::HashMap<String, &T> = old.iter().map(|r| (id(r), r)).collect();
    let fresh_ids: std::collections::HashSet<String> = fresh.iter().map(&id).collect();
    for r in &fresh {
        match old_by_id.get(&id(r)) {
            None => change.added.push(id(r)),
            Some(o) if *o != r => change.changed.push(id(r)),
            Some(_) => {}
        }
    }
    let mut rows = fresh;
    for o in old {
        if !fresh_ids.contains(&id(o)) {
            change.removed.push(id(o));
            if !prune {
                rows.push(o.clone());
            }
        }
    }
    rows.sort_by_key(|r| id(r));
    change.rows = rows.len();
    (rows, change)
}

fn merge_all(fresh: Dataset, prev: &Dataset, prune: bool) -> (Dataset, Vec<TableChange>) {
    let mut changes = Vec::new();
    macro_rules! table {
        ($field:ident) => {{
            let (rows, c) = merge(fresh.$field, &prev.$field, prune, |r| r.id.to_string());
            changes.push(c);
            rows
        }};
    }
    let organisations = table!(organisations);
    let families = table!(families);
    let models = table!(models);
    let frameworks = table!(frameworks);
    let backends = table!(backends);
    let chips = table!(chips);
    let devices = table!(devices);
    let papers = table!(papers);
    let techniques = table!(techniques);
    let products = table!(products);
    let benchmarks = table!(benchmarks);
    let formats = table!(formats);
    let (relations, c) =
        merge(fresh.relations, &prev.relations, prune, |r| format!("{} {} {}", r.source, r.relation, r.target));
    changes.push(c);
    let merged = Dataset {
        organisations,
        families,
        models,
        frameworks,
        backends,
        chips,
        devices,
        papers,
        techniques,
        products,
        benchmarks,
        formats,
        relations,
        ..fresh
    };
    (merged, changes)
}

/// The tables import writes, as bytes; with `aliases`, the curated aliases too (renames and
/// corrections add the old names to them; the rows already there stay as they are).
fn render_all(d: &Dataset, aliases: bool) -> Vec<(&'static str, Vec<u8>)> {
    let mut bytes = vec![
        (Organisation::FILE, data::render(&d.organisations)),
        (Family::FILE, data::render(&d.families)),
        (Model::FILE, data::render(&d.models)),
        (Framework::FILE, data::render(&d.frameworks)),
        (Backend::FILE, data::render(&d.backends)),
        (Chip::FILE, data::render(&d.chips)),
        (Device::FILE, data::render(&d.devices)),
        (Paper::FILE, data::render(&d.papers)),
        (Technique::FILE, data::render(&d.techniques)),
        (Product::FILE, data::render(&d.products)),
        (Benchmark::FILE, data::render(&d.benchmarks)),
        (Format::FILE, data::render(&d.formats)),
        (Relation::FILE, data::render(&d.relations)),
    ];
    if aliases {
        bytes.push((Alias::FILE, data::render(&d.aliases)));
    }
    bytes
}

fn write_all(rendered: Vec<(&'static str, Vec<u8>)>, out: &OutDir, report: &mut Report) -> Result<(), ImportError> {
    let mut staged = Vec::new();
    for (file, content) in rendered {
        let s = out.stage_if_changed(file, &content)?;
        if let Some(t) = report.tables.iter_mut().find(|t| t.file == file) {
            t.written = s.is_some();
        }
        staged.extend(s);
    }
    for (file, columns) in data::CURATED_FILES {
        if !out.dir().join(file).exists() {
            staged.push(out.stage(file, |w| writeln!(w, "{}", columns.join(",")))?);
            report.curated_created.push(file);
        }
    }
    report.notes.extend(out.commit(staged)?.fallback);
    Ok(())
}
