//! The export formats as one list: each format is a unit struct implementing [`Exporter`] in
//! its own file, with its [`Info`], named once in `FORMATS` (in `mod.rs`, beside the format's
//! `mod` line). The command line's `--format` and `--with` values, what `build` writes and the
//! tests all iterate that list, so a new format is its file and two lines in `mod.rs`.

use std::io::{self, Write};
use std::sync::LazyLock;

use clap::builder::PossibleValue;

use super::{FORMATS, Options, Prepared, Subgraph};
use crate::graph::KnowledgeGraph;

/// What a format is called, what it writes and what it costs: constants of the format.
pub struct Info {
    /// The name on the command line: the file's extension, or the suffix of the directory
    /// `build` writes a directory format into.
    pub name: &'static str,
    /// One line of help, for `--format`'s list.
    pub about: &'static str,
    /// A directory format's files, in the order `write` numbers them; none for a one-file format.
    pub files: &'static [&'static str],
    /// How long it takes, relative to the others: `build` starts the slowest first, so
    /// that the cores finish together.
    pub cost: u32,
}

/// How a format writes a prepared graph.
pub trait Exporter: Sync {
    /// The format's constants.
    fn info(&self) -> &'static Info;
    fn name(&self) -> &'static str {
        self.info().name
    }
    fn about(&self) -> &'static str {
        self.info().about
    }
    fn files(&self) -> &'static [&'static str] {
        self.info().files
    }
    fn cost(&self) -> u32 {
        self.info().cost
    }
    /// Whether `build` writes it when `--with` does not say, for a graph of `nodes` nodes
    /// (one-file formats always are).
    fn by_default(&self, _nodes: usize) -> bool {
        true
    }
    /// Warnings about what the format cannot show of `sub` (printed before writing).
    fn notes(&self, _g: &KnowledgeGraph, _sub: &Subgraph) -> Vec<String> {
        Vec::new()
    }
    /// Writes file number `part` of the format (0 for a one-file format).
    fn write(&self, p: &Prepared, opts: Options, part: usize, w: &mut (dyn Write + Send)) -> io::Result<()>;
}

/// A format of [`FORMATS`]; compared by name.
#[derive(Clone, Copy)]
pub struct Format(pub(super) &'static dyn Exporter);

impl Format {
    /// The format called `name`.
    pub fn named(name: &str) -> Option<Format> {
        FORMATS.iter().copied().find(|f| f.name() == name)
    }

    /// The one-file formats.
    pub fn one_file() -> impl Iterator<Item = Format> {
        FORMATS.iter().copied().filter(|f| !f.is_directory())
    }

    /// Whether it writes a set of files into a directory rather than one file.
    pub fn is_directory(self) -> bool {
        !self.files().is_empty()
    }

    fn position(self) -> usize {
        FORMATS.iter().position(|f| f.name() == self.name()).expect("a format is one of FORMATS")
    }
}

impl std::ops::Deref for Format {
    type Target = dyn Exporter;

    fn deref(&self) -> &(dyn Exporter + 'static) {
        self.0
    }
}

impl PartialEq for Format {
    fn eq(&self, other: &Format) -> bool {
        self.name() == other.name()
    }
}

impl Eq for Format {}

impl PartialOrd for Format {
    fn partial_cmp(&self, other: &Format) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// In the order of [`FORMATS`].
impl Ord for Format {
    fn cmp(&self, other: &Format) -> std::cmp::Ordering {
        self.position().cmp(&other.position())
    }
}

impl std::fmt::Debug for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl clap::ValueEnum for Format {
    fn value_variants<'a>() -> &'a [Format] {
        &FORMATS
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.name()).help(self.about()))
    }
}

/// A value of `build --with`: a directory format to write besides the one-file ones, or none
/// at all (not even the default by size).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum With {
    Format(Format),
    None,
}

static WITH: LazyLock<Vec<With>> = LazyLock::new(|| {
    let dirs = FORMATS.iter().copied().filter(|f| f.is_directory()).map(With::Format);
    dirs.chain([With::None]).collect()
});

impl clap::ValueEnum for With {
    fn value_variants<'a>() -> &'a [With] {
        &WITH
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(match self {
            With::Format(f) => PossibleValue::new(f.name()),
            With::None => PossibleValue::new("none").help("None, not even the default by size"),
        })
    }
}

/// The formats `build` writes for a graph of `nodes` nodes: every one-file format, and the
/// directory formats `with` names, or when it names none, those wanted by default.
pub fn for_build(with: &[With], nodes: usize) -> Vec<Format> {
    let named = |f: Format| with.contains(&With::Format(f));
    let wanted = |f: Format| match with.is_empty() {
        true => f.by_default(nodes),
        false => !f.is_directory() || named(f),
    };
    FORMATS.iter().copied().filter(|&f| wanted(f)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_found() {
        for f in &FORMATS {
            assert_eq!(Format::named(f.name()), Some(*f));
        }
        assert_eq!(Format::named("txt"), None);
    }

    #[test]
    fn parquet_is_the_default_from_a_size_on_and_none_turns_it_off() {
        let names = |with: &[With], nodes| for_build(with, nodes).iter().map(|f| f.name()).collect::<Vec<_>>();
        let files = ["dot", "graphml", "gexf", "json"];
        assert_eq!(names(&[], 99_999), files);
        assert_eq!(names(&[], 100_000), [&files[..], &["parquet"]].concat());
        assert_eq!(names(&[With::None], 100_000), files);
        let neo4j = With::Format(Format::named("neo4j").unwrap());
        assert_eq!(names(&[neo4j, neo4j], 10), [&files[..], &["neo4j"]].concat());
    }
}
