//! The knowledge base on disk: loading every table of data/ and validating it as a whole.

mod check;
pub mod logos;
pub mod plausible;
pub mod read;
mod relations;
pub mod resolve;
mod tables;
mod write;

use std::collections::BTreeMap;
use std::path::Path;

pub use read::{RowPos, split_list};
pub use tables::{Entry, Table, family_base_names};
pub use write::render;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::*;
use relations::Relations;
use resolve::NameIndex;

/// File names of the hand-curated tables, which `import` reads but never writes.
pub const EXTRA_RELATIONS_FILE: &str = "extra_relations.csv";
/// Chips the list's figures show but its tables lack (NVIDIA GeForce), curated in chips.csv's
/// columns: loaded after chips.csv's rows as chips like the others, never written by import.
pub const EXTRA_CHIPS_FILE: &str = "extra_chips.csv";
/// The hand-curated tables and their columns.
pub const CURATED_FILES: [(&str, &[&str]); 6] = [
    (<Alias as Table>::FILE, <Alias as Table>::COLUMNS),
    (<FamilyAssignment as Table>::FILE, <FamilyAssignment as Table>::COLUMNS),
    (<DeviceChip as Table>::FILE, <DeviceChip as Table>::COLUMNS),
    (EXTRA_RELATIONS_FILE, <Relation as Table>::COLUMNS),
    (<Venue as Table>::FILE, <Venue as Table>::COLUMNS),
    (<Correction as Table>::FILE, <Correction as Table>::COLUMNS),
];

/// Every table of data/, typed.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub organisations: Vec<Organisation>,
    pub families: Vec<Family>,
    pub models: Vec<Model>,
    pub frameworks: Vec<Framework>,
    pub backends: Vec<Backend>,
    pub chips: Vec<Chip>,
    pub devices: Vec<Device>,
    pub papers: Vec<Paper>,
    pub techniques: Vec<Technique>,
    pub products: Vec<Product>,
    pub benchmarks: Vec<Benchmark>,
    pub formats: Vec<Format>,
    /// relations.csv, written by import. Empty after `load`: at scale these rows are most of
    /// the memory, and the graph needs only what `Loaded` keeps of them (ends and kinds).
    pub relations: Vec<Relation>,
    /// extra_relations.csv, curated by hand.
    pub extra_relations: Vec<Relation>,
    pub aliases: Vec<Alias>,
    pub family_assignments: Vec<FamilyAssignment>,
    pub device_chips: Vec<DeviceChip>,
    /// venues.csv, curated: what each venue of papers.csv is, for BibTeX.
    pub venues: Vec<Venue>,
    /// corrections.csv, curated: the list's misspellings and the names import writes instead.
    pub corrections: Vec<Correction>,
    /// extra_chips.csv, curated, optional: read apart by import (which leaves it alone) and
    /// appended to `chips` by [`load`].
    pub extra_chips: Vec<Chip>,
    /// model_compute.csv, curated, optional: the TOPS figure's upper panel.
    pub model_compute: Vec<ModelCompute>,
    /// model_memory.csv, curated, optional: the memory figure's upper panel.
    pub model_memory: Vec<ModelMemory>,
    /// logos.csv and the files it names under logos/, curated: drawn beside the organisation's
    /// name in figures and before a chip vendor's lines in their legends.
    pub logos: BTreeMap<Id, Logo>,
}

/// A uniform view of one entry of any kind.
#[derive(Clone, Copy)]
pub struct EntryRef<'a> {
    pub kind: EntryKind,
    pub index: usize,
    pub id: &'a Id,
    pub name: &'a str,
    entry: &'a dyn OtherNames,
}

/// `Entry::other_names` without the table constants, so `EntryRef` can hold any entry.
trait OtherNames {
    fn other_names(&self) -> Vec<&str>;
}

impl<T: Entry> OtherNames for T {
    fn other_names(&self) -> Vec<&str> {
        Entry::other_names(self)
    }
}

impl<'a> EntryRef<'a> {
    fn of<T: Entry>(index: usize, e: &'a T) -> Self {
        EntryRef { kind: T::KIND, index, id: e.id(), name: e.name(), entry: e }
    }

    pub fn key(&self) -> Key {
        Key::new(self.kind, self.id.clone())
    }

    /// Other names it answers to (computed on demand: most passes over entries never ask).
    pub fn other_names(&self) -> Vec<&'a str> {
        self.entry.other_names()
    }
}

/// Runs `$body` with `$rows` bound to the table of entries of `$kind`.
macro_rules! with_rows {
    ($data:expr, $kind:expr, |$rows:ident| $body:expr) => {
        match $kind {
            EntryKind::Organisation => {
                let $rows = &$data.organisations;
                $body
            }
            EntryKind::Family => {
                let $rows = &$data.families;
                $body
            }
            EntryKind::Model => {
                let $rows = &$data.models;
                $body
            }
            EntryKind::Framework => {
                let $rows = &$data.frameworks;
                $body
            }
            EntryKind::Backend => {
                let $rows = &$data.backends;
                $body
            }
            EntryKind::Chip => {
                let $rows = &$data.chips;
                $body
            }
            EntryKind::Device => {
                let $rows = &$data.devices;
                $body
            }
            EntryKind::Paper => {
                let $rows = &$data.papers;
                $body
            }
            EntryKind::Technique => {
                let $rows = &$data.techniques;
                $body
            }
            EntryKind::Product => {
                let $rows = &$data.products;
                $body
            }
            EntryKind::Benchmark => {
                let $rows = &$data.benchmarks;
                $body
            }
            EntryKind::Format => {
                let $rows = &$data.formats;
                $body
            }
        }
    };
}

impl Dataset {
    /// Entries of one kind, in file order.
    pub fn entries_of(&self, kind: EntryKind) -> Box<dyn Iterator<Item = EntryRef<'_>> + '_> {
        with_rows!(self, kind, |rows| Box::new(rows.iter().enumerate().map(|(i, e)| EntryRef::of(i, e))))
    }

    /// The entry in row `index` of `kind`'s table.
    pub fn entry(&self, kind: EntryKind, index: usize) -> Option<EntryRef<'_>> {
        with_rows!(self, kind, |rows| rows.get(index).map(|e| EntryRef::of(index, e)))
    }

    /// How many entries of `kind` there are.
    pub fn count_of(&self, kind: EntryKind) -> usize {
        with_rows!(self, kind, |rows| rows.len())
    }

    /// All entries, kind by kind in `EntryKind::ALL` order.
    pub fn entries(&self) -> impl Iterator<Item = EntryRef<'_>> {
        EntryKind::ALL.into_iter().flat_map(|k| self.entries_of(k))
    }

    /// Calls `add(source kind, source, relation, target kind, target)` for each relation the
    /// tables' reference columns stand for (family, organisations, vendor, parent), in table order.
    pub fn column_relations<'a>(&'a self, mut add: impl FnMut(EntryKind, &'a Id, RelationKind, EntryKind, &'a Id)) {
        use EntryKind as K;
        use RelationKind as R;
        for f in &self.families {
            f.organisations.iter().for_each(|o| add(K::Family, &f.id, R::ReleasedBy, K::Organisation, o));
        }
        for m in &self.models {
            if let Some(f) = &m.family {
                add(K::Model, &m.id, R::MemberOf, K::Family, f);
            }
            m.organisations.iter().for_each(|o| add(K::Model, &m.id, R::ReleasedBy, K::Organisation, o));
        }
        for f in &self.frameworks {
            f.organisations.iter().for_each(|o| add(K::Framework, &f.id, R::ReleasedBy, K::Organisation, o));
        }
        for c in &self.chips {
            if let Some(v) = &c.vendor {
                add(K::Chip, &c.id, R::MadeBy, K::Organisation, v);
            }
        }
        for t in &self.techniques {
            if let Some(p) = &t.parent {
                add(K::Technique, &t.id, R::SubtopicOf, K::Technique, p);
            }
        }
        for f in &self.formats {
            f.organisations.iter().for_each(|o| add(K::Format, &f.id, R::ReleasedBy, K::Organisation, o));
        }
    }
}

/// A loaded, valid knowledge base and the warnings found on the way.
#[derive(Debug)]
pub struct Loaded {
    pub data: Dataset,
    /// Names of `data`'s entries, built while validating.
    pub names: NameIndex,
    /// Entry numbers of the ends of every relation, found while validating.
    pub(crate) ends: check::Ends,
    /// The kind of each row of relations.csv, in file order.
    pub(crate) relation_kinds: Vec<RelationKind>,
    pub warnings: Diagnostics,
}

/// Positions of every row, per file, kept while validating.
#[derive(Default)]
pub(crate) struct Positions {
    files: BTreeMap<&'static str, (read::Source, Vec<RowPos>)>,
    /// Ids of rows that failed to parse, per kind: they exist, their errors are reported.
    broken: std::collections::HashSet<(EntryKind, String)>,
    /// Files that could not be read to their end (their error is reported): any id of their
    /// kind may be in them, so references to it are not reported again.
    unread: std::collections::HashSet<&'static str>,
    /// A table whose rows go on in another file (chips.csv in extra_chips.csv): rows past the
    /// first file's are the second's.
    continued: Option<(&'static str, &'static str)>,
}

impl Positions {
    pub(crate) fn is_broken(&self, kind: EntryKind, id: &str) -> bool {
        let unread = self.unread.contains(kind.file_name())
            || (kind == EntryKind::Chip && self.unread.contains(EXTRA_CHIPS_FILE));
        unread || self.broken.contains(&(kind, id.to_string()))
    }

    /// The file row `index` of `file`'s table comes from, and its row there.
    pub(crate) fn file_of<'a>(&self, file: &'a str, index: usize) -> (&'a str, usize) {
        match self.continued {
            Some((first, then)) if first == file => {
                let rows = self.files.get(first).map_or(0, |(_, p)| p.len());
                if index < rows { (file, index) } else { (then, index - rows) }
            }
            _ => (file, index),
        }
    }

    /// A diagnostic at `column` of row `index` of `file`.
    pub(crate) fn at(&self, file: &str, index: usize, column: &str, message: String) -> Diagnostic {
        let (file, index) = self.file_of(file, index);
        match self.files.get(file).and_then(|(s, p)| p.get(index).map(|p| (s, *p))) {
            Some((source, pos)) => source.diag(pos, column, message),
            None => Diagnostic::error(file, 0, 0, message),
        }
    }

    pub(crate) fn line(&self, file: &str, index: usize) -> usize {
        let (file, index) = self.file_of(file, index);
        self.files.get(file).and_then(|(_, p)| p.get(index)).map_or(0, |p| p.line as usize)
    }
}

struct Loader<'a> {
    dir: &'a Path,
    diags: Diagnostics,
    positions: Positions,
    found_any: bool,
}

impl Loader<'_> {
    fn table<T: Table>(&mut self, file: &'static str) -> Vec<T> {
        let kind = EntryKind::ALL.into_iter().find(|k| k.file_name() == file);
        let kind = kind.or((file == EXTRA_CHIPS_FILE).then_some(EntryKind::Chip));
        let mut broken = Vec::new();
        let rows = self.rows(file, T::columns(), |r| {
            let row = T::from_row(r);
            if let (None, Some(kind)) = (&row, kind) {
                broken.push((kind, r.cell("id").to_string()));
            }
            row
        });
        self.positions.broken.extend(broken);
        rows
    }

    /// The rows `parse` makes of `file`, which has `columns`.
    fn rows<T>(
        &mut self,
        file: &'static str,
        columns: read::Columns,
        parse: impl FnMut(&mut read::Row) -> Option<T>,
    ) -> Vec<T> {
        let path = self.dir.join(file);
        self.found_any |= path.exists();
        let display = path.display().to_string();
        let t = read::read_table(&path, &display, columns, read::MAX_FILE_BYTES, &mut self.diags, parse);
        if t.unread {
            self.positions.unread.insert(file);
        }
        self.positions.files.insert(file, (t.source, t.positions));
        t.rows
    }

    /// relations.csv in the compact form validation needs.
    fn compact_relations(&mut self) -> Relations {
        let mut relations = Relations::default();
        relations.links = self.rows(Relation::FILE, Relation::columns(), |r| relations.row(r));
        relations
    }
}

/// Reads and validates data/. All problems of all files come back together.
pub fn load(dir: &Path) -> Result<Loaded, Diagnostics> {
    // The id index is built from the entry tables while relations.csv is still being read.
    let (data, relations, mut positions, mut diags, names) = read_all_then(
        dir,
        |l| l.compact_relations(),
        |data| {
            // The curated chips are chips like the others from here on.
            let extra = std::mem::take(&mut data.extra_chips);
            data.chips.extend(extra);
            NameIndex::build(data)
        },
    )?;
    positions.continued = Some((Chip::FILE, EXTRA_CHIPS_FILE));
    let (problems, ends) = check::validate(&data, &positions, &names, &relations);
    drop(positions);
    diags.extend(problems);
    let diags = diags.sorted();
    if diags.has_errors() {
        return Err(diags);
    }
    let relation_kinds = relations.links.iter().map(|l| l.relation).collect();
    Ok(Loaded { data, names, ends, relation_kinds, warnings: diags })
}

/// Validates tables as they would be written into `dir`, without writing there: each problem
/// is reported at the line and column it would have in `dir`. The tables not in `files`
/// (the curated ones) are read from `dir` as they are.
pub fn validate_rendered(files: &[(&str, Vec<u8>)], dir: &Path) -> Diagnostics {
    let failed = |e: std::io::Error| {
        let mut d = Diagnostics::default();
        d.push(Diagnostic::error(dir.display().to_string(), 0, 0, format!("cannot validate the result: {e}")));
        d
    };
    let scratch = match tempfile::tempdir() {
        Ok(t) => t,
        Err(e) => return failed(e),
    };
    let others = std::fs::read_dir(dir).into_iter().flatten().filter_map(Result::ok).map(|e| e.path());
    let others = others.filter(|p| p.extension().is_some_and(|x| x == "csv"));
    let copied = others
        .filter(|p| !files.iter().any(|(f, _)| p.file_name().is_some_and(|n| n == *f)))
        .try_for_each(|p| std::fs::copy(&p, scratch.path().join(p.file_name().unwrap_or_default())).map(drop));
    // The logo files logos.csv names, where it names them (read, never written).
    let logos = std::path::absolute(dir.join(logos::LOGO_DIR)).unwrap_or_default();
    #[cfg(unix)]
    let copied = copied.and_then(|()| match logos.is_dir() {
        true => std::os::unix::fs::symlink(&logos, scratch.path().join(logos::LOGO_DIR)),
        false => Ok(()),
    });
    let written = copied.and_then(|()| files.iter().try_for_each(|(f, b)| std::fs::write(scratch.path().join(f), b)));
    if let Err(e) = written {
        return failed(e);
    }
    let diags = match load(scratch.path()) {
        Ok(loaded) => loaded.warnings,
        Err(d) => d,
    };
    let (from, to) = (scratch.path().display().to_string(), dir.display().to_string());
    let mut out = Diagnostics::default();
    for d in diags.iter() {
        let file = d.file.strip_prefix(&from).map_or_else(|| d.file.clone(), |rest| format!("{to}{rest}"));
        out.push(Diagnostic { file, ..d.clone() });
    }
    out
}

/// Reads every table without cross-table validation; import uses this to see what is there.
pub(crate) fn read_all(dir: &Path) -> Result<(Dataset, Positions, Diagnostics), Diagnostics> {
    let (mut data, relations, positions, diags, ()) = read_all_then(dir, |l| l.table(Relation::FILE), |_| ())?;
    data.relations = relations;
    Ok((data, positions, diags))
}

/// [`read_all`], with relations.csv read by `relations` on a second core, and `meanwhile` run
/// on the entry tables (extra_chips.csv read; relations and the curated tables not yet there)
/// while that core still reads.
fn read_all_then<Rel: Send, R>(
    dir: &Path,
    relations: impl FnOnce(&mut Loader) -> Rel + Send,
    meanwhile: impl FnOnce(&mut Dataset) -> R,
) -> Result<(Dataset, Rel, Positions, Diagnostics, R), Diagnostics> {
    if !dir.is_dir() {
        let mut d = Diagnostics::default();
        d.push(Diagnostic::error(dir.display().to_string(), 0, 0, "no such data directory"));
        return Err(d);
    }
    let loader = || Loader { dir, diags: Diagnostics::default(), positions: Positions::default(), found_any: false };
    let mut l = loader();
    // relations.csv is most of the bytes: it is parsed on a second core meanwhile.
    let ((relations, rl), (mut data, during)) = crate::par::join(
        || {
            let mut rl = loader();
            (relations(&mut rl), rl)
        },
        || {
            let mut data = read_entries(&mut l);
            data.extra_chips = l.table(EXTRA_CHIPS_FILE);
            let during = meanwhile(&mut data);
            (data, during)
        },
    );
    l.found_any |= rl.found_any;
    l.diags.extend(rl.diags);
    l.positions.files.extend(rl.positions.files);
    l.positions.unread.extend(rl.positions.unread);
    data.extra_relations = l.table(EXTRA_RELATIONS_FILE);
    data.aliases = l.table(Alias::FILE);
    data.family_assignments = l.table(FamilyAssignment::FILE);
    data.device_chips = l.table(DeviceChip::FILE);
    data.venues = l.table(Venue::FILE);
    data.corrections = l.table(Correction::FILE);
    data.model_compute = l.table(ModelCompute::FILE);
    data.model_memory = l.table(ModelMemory::FILE);
    let mut logos = BTreeMap::new();
    // Without organisations.csv (its error reported), every logo row would name a missing one.
    if !l.positions.unread.contains(Organisation::FILE) {
        l.rows(logos::FILE, read::Columns::required(logos::COLUMNS), |r| {
            logos::row(r, dir, &data.organisations, &mut logos)
        });
    }
    data.logos = logos;
    if !l.found_any {
        let msg = "no data tables here (models.csv, papers.csv, ...); run `edge-atlas import LIST_DIR` first";
        l.diags.push(Diagnostic::error(dir.display().to_string(), 0, 0, msg));
        return Err(l.diags);
    }
    Ok((data, relations, l.positions, l.diags.sorted(), during))
}

/// The tables of entries, each in its file order.
fn read_entries(l: &mut Loader) -> Dataset {
    Dataset {
        organisations: l.table(Organisation::FILE),
        families: l.table(Family::FILE),
        models: l.table(Model::FILE),
        frameworks: l.table(Framework::FILE),
        backends: l.table(Backend::FILE),
        chips: l.table(Chip::FILE),
        devices: l.table(Device::FILE),
        papers: l.table(Paper::FILE),
        techniques: l.table(Technique::FILE),
        products: l.table(Product::FILE),
        benchmarks: l.table(Benchmark::FILE),
        formats: l.table(Format::FILE),
        ..Dataset::default()
    }
}
