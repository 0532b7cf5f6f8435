//! The CSV schema: each file's columns and how a row becomes a typed record.

use serde::Serialize;

use super::plausible;
use super::read::Row;
use crate::model::*;

/// A CSV file of typed records. `COLUMNS` is the header, in the order serde writes the fields.
pub trait Table: Serialize + Sized {
    const FILE: &'static str;
    const COLUMNS: &'static [&'static str];
    fn from_row(r: &mut Row) -> Option<Self>;
    /// Whether a file may leave `column` out, each of its cells then read as empty. A column
    /// whose reader refuses an empty cell may not.
    fn optional(_column: &str) -> bool {
        false
    }
    /// The columns as the reader finds them in a header.
    fn columns() -> super::read::Columns {
        super::read::Columns { names: Self::COLUMNS, optional: Self::optional }
    }
}

/// A record that is a node of the graph.
pub trait Entry: Table {
    const KIND: EntryKind;
    fn id(&self) -> &Id;
    fn name(&self) -> &str;
    /// Other names it answers to, besides `name` and any curated alias.
    fn other_names(&self) -> Vec<&str> {
        Vec::new()
    }
}

macro_rules! entry_impl {
    ($t:ty, $kind:expr, $name:ident) => {
        impl Entry for $t {
            const KIND: EntryKind = $kind;
            fn id(&self) -> &Id {
                &self.id
            }
            fn name(&self) -> &str {
                &self.$name
            }
        }
    };
}

/// How a cell becomes a value: one function per kind of column, named in the schema
/// (`model::schema`). Each reports what is wrong with the cell; `None` is a bad cell.
mod read {
    use super::super::plausible;
    use super::super::read::Row;
    use crate::model::*;

    /// The readers that refuse an empty cell: a table file without their column is an error,
    /// without any other of its columns a warning (the column is read as empty).
    pub const REQUIRED: &[&str] = &["id", "text", "choice"];

    fn raw<T>(parse: fn(&str) -> Result<T, String>) -> impl Fn(&str) -> Result<Raw<T>, String> {
        move |s| parse(s).map(|value| Raw { raw: s.to_string(), value })
    }

    pub fn id(r: &mut Row, c: &str) -> Option<Id> {
        r.id(c)
    }
    pub fn opt_id(r: &mut Row, c: &str) -> Option<Option<Id>> {
        r.opt_id(c)
    }
    pub fn ids(r: &mut Row, c: &str) -> Option<Vec<Id>> {
        r.ids(c)
    }
    pub fn text(r: &mut Row, c: &str) -> Option<String> {
        r.text(c)
    }
    pub fn opt_text(r: &mut Row, c: &str) -> Option<Option<String>> {
        Some(r.opt_text(c))
    }
    pub fn text_or_empty(r: &mut Row, c: &str) -> Option<String> {
        Some(r.opt_text(c).unwrap_or_default())
    }
    pub fn list(r: &mut Row, c: &str) -> Option<Vec<String>> {
        Some(r.list(c))
    }
    pub fn flag(r: &mut Row, c: &str) -> Option<bool> {
        r.flag(c)
    }
    pub fn choice<T: std::str::FromStr<Err = String>>(r: &mut Row, c: &str) -> Option<T> {
        r.choice(c)
    }
    pub fn opt_choice<T: std::str::FromStr<Err = String>>(r: &mut Row, c: &str) -> Option<Option<T>> {
        r.opt(c, str::parse)
    }
    pub fn colour(r: &mut Row, c: &str) -> Option<Option<Rgb>> {
        r.opt(c, str::parse::<Rgb>)
    }
    pub fn month(r: &mut Row, c: &str) -> Option<Option<YearMonth>> {
        r.opt(c, |v| v.parse().and_then(plausible::month))
    }
    pub fn sizes(r: &mut Row, c: &str) -> Option<Sizes> {
        r.opt(c, |v| Sizes::parse(v).and_then(plausible::sizes)).map(Option::unwrap_or_default)
    }
    pub fn tops(r: &mut Row, c: &str) -> Option<Option<Raw<Tops>>> {
        r.opt(c, |v| raw(Tops::parse)(v).and_then(plausible::tops))
    }
    pub fn memory(r: &mut Row, c: &str) -> Option<Option<Raw<Vec<u32>>>> {
        r.opt(c, raw(parse_memory))
    }

    /// A parameter count as written ("175B"), for the panels' `size` column.
    pub fn count(v: &str) -> Result<Raw<u64>, String> {
        raw(parse_count)(v).and_then(|c| {
            let items = vec![ParamSize { variant: None, params: Some(c.value) }];
            plausible::sizes(Sizes { raw: c.raw.clone(), items }).map(|_| c)
        })
    }

    pub fn tflops(v: &str) -> Result<Raw<f64>, String> {
        raw(parse_tflops)(v).and_then(plausible::tflops)
    }

    pub fn gigabytes(v: &str) -> Result<Raw<f64>, String> {
        raw(parse_gigabytes)(v).and_then(plausible::model_memory)
    }
}

/// `Table` for every entry table, from its declaration in `model::schema`.
macro_rules! define_readers {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident $file:literal {
            $($(#[doc = $fdoc:literal])* $field:ident : $ty:ty = $read:ident $(, $ser:literal)?;)*
        } $([$links:ident])? attributes { $($attr:ident : $writer:ident),* $(,)? }
    )*) => {
        $(
            impl Table for $name {
                const FILE: &'static str = $name::FILE;
                const COLUMNS: &'static [&'static str] = $name::COLUMNS;
                fn from_row(r: &mut Row) -> Option<Self> {
                    // Every cell is read before any error ends the row: all are reported.
                    $(let $field = read::$read(r, stringify!($field));)*
                    define_readers!(@build r $name { $($field)* } $($links)?)
                }
                fn optional(column: &str) -> bool {
                    $(if column == stringify!($field) {
                        return !read::REQUIRED.contains(&stringify!($read));
                    })*
                    LinkType::ALL.iter().any(|t| t.column() == column)
                }
            }
        )*
    };
    (@build $r:ident $name:ident { $($field:ident)* }) => {
        Some($name { $($field: $field?,)* })
    };
    (@build $r:ident $name:ident { $($field:ident)* } links) => {{
        let links = links($r);
        Some($name {
            $($field: $field?,)*
            paper_url: links.paper,
            code_url: links.code,
            official_url: links.official,
            hf_url: links.hf,
        })
    }};
}

crate::entry_tables!(define_readers);

fn links(r: &mut Row) -> Links {
    let mut l = Links::default();
    for t in LinkType::ALL {
        *l.get_mut(t) = r.urls(t.column());
    }
    l
}

impl Entry for Family {
    const KIND: EntryKind = EntryKind::Family;
    fn id(&self) -> &Id {
        &self.id
    }
    fn name(&self) -> &str {
        &self.name
    }
    /// "Qwen Series" answers to "Qwen"; "MM/OpenELM Series" to "MM" and "OpenELM".
    fn other_names(&self) -> Vec<&str> {
        family_base_names(&self.name)
    }
}

/// The names a family is called by in other tables: without " Series", and each "/" part.
pub fn family_base_names(name: &str) -> Vec<&str> {
    let base = name.strip_suffix(" Series").or_else(|| name.strip_suffix(" series")).unwrap_or(name).trim();
    let mut out = vec![base];
    if base.contains('/') {
        out.extend(base.split('/').map(str::trim).filter(|p| !p.is_empty()));
    }
    out
}

impl Entry for Chip {
    const KIND: EntryKind = EntryKind::Chip;
    fn id(&self) -> &Id {
        &self.id
    }
    fn name(&self) -> &str {
        &self.name
    }
    /// Without the vendor's word in front: "Snapdragon 8Gen3", "A17 Pro".
    fn other_names(&self) -> Vec<&str> {
        self.name.split_once(' ').map(|(_, rest)| rest.trim()).into_iter().collect()
    }
}

impl Entry for Paper {
    const KIND: EntryKind = EntryKind::Paper;
    fn id(&self) -> &Id {
        &self.id
    }
    /// The short name the list gives it ("PowerInfer-2"), else the title.
    fn name(&self) -> &str {
        self.short_name.as_deref().unwrap_or(&self.title)
    }
    /// The title, and each part of it before a ":" ("Spatten"; "Poster: PipeLLM: ..." gives
    /// "Poster" and "PipeLLM").
    fn other_names(&self) -> Vec<&str> {
        let mut out = vec![self.title.as_str()];
        let parts: Vec<&str> = self.title.split(':').collect();
        out.extend(parts[..parts.len() - 1].iter().map(|h| h.trim()));
        out
    }
}

entry_impl!(Organisation, EntryKind::Organisation, name);
entry_impl!(Model, EntryKind::Model, name);
entry_impl!(Framework, EntryKind::Framework, name);
entry_impl!(Backend, EntryKind::Backend, name);
entry_impl!(Device, EntryKind::Device, name);
entry_impl!(Technique, EntryKind::Technique, name);
entry_impl!(Product, EntryKind::Product, name);
entry_impl!(Benchmark, EntryKind::Benchmark, name);
entry_impl!(Format, EntryKind::Format, name);

impl Table for Relation {
    const FILE: &'static str = "relations.csv";
    const COLUMNS: &'static [&'static str] = &["source", "relation", "target"];
    fn from_row(r: &mut Row) -> Option<Self> {
        let source = r.key("source");
        let relation = r.choice("relation");
        let target = r.key("target");
        Some(Relation { source: source?, relation: relation?, target: target? })
    }
}

impl Table for Alias {
    const FILE: &'static str = "aliases.csv";
    const COLUMNS: &'static [&'static str] = &["alias", "target"];
    fn from_row(r: &mut Row) -> Option<Self> {
        let alias = r.text("alias");
        let target = r.key("target");
        Some(Alias { alias: alias?, target: target? })
    }
}

impl Table for FamilyAssignment {
    const FILE: &'static str = "family_assignments.csv";
    const COLUMNS: &'static [&'static str] = &["model", "family"];
    fn from_row(r: &mut Row) -> Option<Self> {
        let model = r.id("model");
        let family = r.text("family");
        Some(FamilyAssignment { model: model?, family: family? })
    }
}

impl Table for DeviceChip {
    const FILE: &'static str = "device_chips.csv";
    const COLUMNS: &'static [&'static str] = &["device", "chip"];
    fn from_row(r: &mut Row) -> Option<Self> {
        let device = r.text("device");
        let chip = r.text("chip");
        Some(DeviceChip { device: device?, chip: chip? })
    }
}

impl Table for Venue {
    const FILE: &'static str = "venues.csv";
    const COLUMNS: &'static [&'static str] = &["venue", "type", "name"];
    fn from_row(r: &mut Row) -> Option<Self> {
        let venue = r.text("venue");
        let kind = r.choice("type");
        let name = r.text("name");
        Some(Venue { venue: venue?, kind: kind?, name: name? })
    }
}

impl Table for Correction {
    const FILE: &'static str = "corrections.csv";
    const COLUMNS: &'static [&'static str] = &["written", "name", "source"];
    fn from_row(r: &mut Row) -> Option<Self> {
        let written = r.text("written");
        let name = r.parse("name", |v| match written.as_deref() {
            Some(w) if w == v => Err("the same as written: a correction changes the spelling".to_string()),
            _ => Ok(v.to_string()),
        });
        let source = r.text("source");
        Some(Correction { written: written?, name: name?, source: source? })
    }
}

impl Table for ModelCompute {
    const FILE: &'static str = "model_compute.csv";
    const COLUMNS: &'static [&'static str] = &["name", "entry", "organisation", "size", "released", "tflops"];
    fn from_row(r: &mut Row) -> Option<Self> {
        let name = r.text("name");
        let entry = r.opt("entry", str::parse);
        let organisation = r.opt_id("organisation");
        let size = r.opt("size", read::count);
        let released = r.parse("released", |v| v.parse().and_then(plausible::month));
        let tflops = r.parse("tflops", read::tflops);
        Some(ModelCompute {
            name: name?,
            entry: entry?,
            organisation: organisation?,
            size: size?,
            released: released?,
            tflops: tflops?,
        })
    }
}

impl Table for ModelMemory {
    const FILE: &'static str = "model_memory.csv";
    const COLUMNS: &'static [&'static str] =
        &["name", "entry", "platform", "organisation", "size", "released", "memory"];
    fn from_row(r: &mut Row) -> Option<Self> {
        let name = r.text("name");
        let entry = r.opt("entry", str::parse);
        let platform = r.opt("platform", str::parse);
        let organisation = r.opt_id("organisation");
        let size = r.opt("size", read::count);
        let released = r.parse("released", |v| v.parse().and_then(plausible::month));
        let memory = r.parse("memory", read::gigabytes);
        Some(ModelMemory {
            name: name?,
            entry: entry?,
            platform: platform?,
            organisation: organisation?,
            size: size?,
            released: released?,
            memory: memory?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The header serde writes must be the header the reader expects.
    fn header_of<T: Table>(sample: &T) -> Vec<String> {
        let mut w = csv::Writer::from_writer(vec![]);
        w.serialize(sample).unwrap();
        let text = String::from_utf8(w.into_inner().unwrap()).unwrap();
        text.lines().next().unwrap().split(',').map(str::to_string).collect()
    }

    fn assert_columns<T: Table>(sample: T) {
        assert_eq!(header_of(&sample), T::COLUMNS, "{}", T::FILE);
    }

    #[test]
    fn serde_field_order_matches_columns() {
        let id = || Id::from_name("x");
        let key = || Key::new(EntryKind::Model, id());
        assert_columns(Organisation { id: id(), name: "X".into(), colour: None });
        assert_columns(Family { name: "X".into(), ..Family::with_id(id()) });
        assert_columns(Model::named(id(), "X".into()));
        assert_columns(Framework { name: "X".into(), open_source: true, ..Framework::with_id(id()) });
        assert_columns(Backend { id: id(), name: "X".into() });
        assert_columns(Chip {
            id: id(),
            name: "X".into(),
            vendor: None,
            line: String::new(),
            tops: None,
            released: None,
            memory: None,
        });
        assert_columns(Device { id: id(), name: "X".into(), category: DeviceCategory::Other });
        assert_columns(Paper { title: "X".into(), ..Paper::with_id(id()) });
        assert_columns(Technique { id: id(), name: "X".into(), number: None, parent: None });
        assert_columns(Product { name: "X".into(), ..Product::with_id(id()) });
        assert_columns(Benchmark { name: "X".into(), ..Benchmark::with_id(id()) });
        let s = Support::Yes;
        assert_columns(Format {
            name: "X".into(),
            safe: s,
            zero_copy: s,
            lazy_loading: s,
            no_file_size_limit: s,
            layout_control: s,
            flexibility: s,
            bf16_fp8: s,
            ..Format::with_id(id())
        });
        assert_columns(Relation { source: key(), relation: RelationKind::MemberOf, target: key() });
        assert_columns(Alias { alias: "x".into(), target: key() });
        assert_columns(FamilyAssignment { model: id(), family: "x".into() });
        assert_columns(DeviceChip { device: "x".into(), chip: "y".into() });
        assert_columns(Venue { venue: "TACO".into(), kind: VenueType::Journal, name: "ACM TACO".into() });
        assert_columns(Correction { written: "MinCPM".into(), name: "MiniCPM".into(), source: "x".into() });
        let month = YearMonth { year: 2024, month: Some(6) };
        let number = |v: f64| Raw { raw: v.to_string(), value: v };
        assert_columns(ModelCompute {
            name: "X".into(),
            entry: Some(key()),
            organisation: None,
            size: None,
            released: month,
            tflops: number(1.0),
        });
        assert_columns(ModelMemory {
            name: "X".into(),
            entry: None,
            platform: Some(key()),
            organisation: None,
            size: None,
            released: month,
            memory: number(1.0),
        });
    }

    /// The README's schema tables name each table's columns in order, as the schema declares
    /// them (a new column fails here until it is documented).
    #[test]
    fn the_readme_documents_every_column() {
        let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
        let mut tables: Vec<(&str, &[&str])> = ENTRY_TABLES.iter().map(|(f, c, _)| (*f, *c)).collect();
        tables.extend([
            (Relation::FILE, Relation::COLUMNS),
            (Alias::FILE, Alias::COLUMNS),
            (FamilyAssignment::FILE, FamilyAssignment::COLUMNS),
            (DeviceChip::FILE, DeviceChip::COLUMNS),
            (Venue::FILE, Venue::COLUMNS),
            (Correction::FILE, Correction::COLUMNS),
            (ModelCompute::FILE, ModelCompute::COLUMNS),
            (ModelMemory::FILE, ModelMemory::COLUMNS),
        ]);
        for (file, columns) in tables {
            let row = readme.lines().find(|l| l.starts_with(&format!("| {file} "))).unwrap_or_else(|| {
                panic!("README.md's schema has no row for {file}");
            });
            let cell = row.split('|').nth(2).unwrap();
            // Column names, without the notes after each: "*(curated)*", "(`kind:id`)", "as above".
            let mut named = Vec::new();
            let mut depth = 0;
            let mut word = String::new();
            for c in cell.chars().chain([',']) {
                match c {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    ',' | ';' if depth == 0 => {
                        let w = std::mem::take(&mut word);
                        let name = w.split_whitespace().next().unwrap_or("").to_string();
                        if columns.contains(&name.as_str()) {
                            named.push(name);
                        }
                    }
                    _ if depth == 0 => word.push(c),
                    _ => {}
                }
            }
            assert_eq!(named, columns, "README.md's row for {file}");
        }
    }

    #[test]
    fn family_names_answer_to_their_base_names() {
        assert_eq!(family_base_names("Qwen Series"), ["Qwen"]);
        assert_eq!(family_base_names("MM/OpenELM Series"), ["MM/OpenELM", "MM", "OpenELM"]);
        assert_eq!(family_base_names("GPT3"), ["GPT3"]);
    }
}
