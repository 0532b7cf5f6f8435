//! The raw records of the list, as read before de-duplication, each with where it came from.

use std::fmt;

use crate::model::{Id, Links, YearMonth};

/// Where a record came from in the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Src {
    pub file: String,
    pub line: usize,
}

impl fmt::Display for Src {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// What a framework row says it runs on: a processor class with an optional vendor item
/// ("NPU: Ascend"), or a named chip or device ("Snapdragon 8 Gen3", "Dimensity series").
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    Class { class: String, item: Option<String> },
    Named(String),
}

#[derive(Debug, Clone)]
pub struct RawFramework {
    pub src: Src,
    pub name: String,
    pub open_source: bool,
    pub vendor_sdk: bool,
    pub based_on: Vec<String>,
    pub backends: Vec<String>,
    pub targets: Vec<Target>,
    pub families: Vec<String>,
    pub sizes: String,
    pub orgs: Vec<String>,
    pub links: Links,
}

#[derive(Debug, Clone)]
pub struct RawFamily {
    pub name: String,
    pub orgs: Vec<String>,
    pub published: Option<YearMonth>,
    pub links: Links,
}

#[derive(Debug, Clone)]
pub struct RawRelease {
    pub src: Src,
    pub name: String,
    pub orgs: String,
    pub sizes: String,
    pub edge: String,
    pub date: String,
}

#[derive(Debug, Clone)]
pub struct RawMultimodal {
    pub src: Src,
    pub name: String,
    pub modalities: Vec<String>,
    pub links: Links,
}

#[derive(Debug, Clone)]
pub struct RawProduct {
    pub src: Src,
    pub name: String,
    pub category: String,
    /// The scenario text, only searched for device names (its prose is not stored).
    pub text: String,
    pub links: Links,
}

#[derive(Debug, Clone)]
pub struct RawChip {
    pub src: Src,
    pub name: String,
    pub tops: String,
    pub year: String,
    pub devices: String,
    pub memory: String,
}

#[derive(Debug, Clone)]
pub struct RawFormat {
    pub src: Src,
    pub name: String,
    pub properties: Vec<String>,
    pub links: Links,
}

#[derive(Debug, Clone)]
pub struct RawBenchmark {
    pub name: String,
    pub category: String,
    pub links: Links,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RawPaper {
    pub src: Src,
    pub title: String,
    pub short_name: Option<String>,
    pub venue: Option<String>,
    pub published: Option<YearMonth>,
    pub survey: bool,
    pub tags: Vec<String>,
    pub links: Links,
    /// Index into `Extracted::techniques` of the section listing it.
    pub technique: usize,
}

#[derive(Debug, Clone)]
pub struct RawTechnique {
    pub id: Id,
    pub name: String,
    pub number: Option<String>,
    pub parent: Option<usize>,
}

/// Everything the list says, in reading order, before de-duplication.
#[derive(Debug, Default)]
pub struct Extracted {
    pub frameworks: Vec<RawFramework>,
    pub families: Vec<RawFamily>,
    pub releases: Vec<RawRelease>,
    pub multimodal: Vec<RawMultimodal>,
    pub products: Vec<RawProduct>,
    pub chips: Vec<RawChip>,
    pub formats: Vec<RawFormat>,
    pub benchmarks: Vec<RawBenchmark>,
    pub papers: Vec<RawPaper>,
    pub techniques: Vec<RawTechnique>,
}
