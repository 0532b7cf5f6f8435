//! The typed domain: one struct per entry kind, the relation record, and their value types.

mod colour;
mod date;
mod hardware;
mod id;
mod kind;
mod logo;
mod schema;
mod size;
mod url;

pub use colour::{COLOUR_EXPECTED, Rgb};
pub use date::{DATE_EXPECTED, YearMonth};
pub use hardware::{
    GIGABYTES_EXPECTED, MEMORY_EXPECTED, TFLOPS_EXPECTED, TOPS_EXPECTED, Tops, parse_gigabytes, parse_memory,
    parse_tflops,
};
pub use id::{Id, Key, expand_latex, name_key};
pub use kind::{EntryKind, RelationKind};
pub use logo::{LOGO_EXPECTED, Logo, LogoError, MAX_LOGO_BYTES, MAX_LOGO_SIDE, two_colour_png};
pub use size::{ParamSize, SIZE_EXPECTED, Sizes, format_count, parse_count};
pub use url::{MAX_URL_LEN, URL_EXPECTED, Url};

use schema::define_structs;
use serde::{Serialize, Serializer};

/// Whether a model runs on edge devices, as the list's "Edge" column says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    Yes,
    No,
    Unknown,
    /// The list names devices instead of a check mark; they are `runs_on` relations.
    Devices,
}

/// A cell of the export-format comparison table: ✔️, ✗, ~ or ?.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Support {
    Yes,
    No,
    Partial,
    #[default]
    Unknown,
}

/// What a device entry stands for: a concrete product or a class such as "NPU" or "x86_64 CPU".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DeviceCategory {
    Phone,
    Laptop,
    Board,
    Gpu,
    Class,
    #[default]
    Other,
}

/// What a paper's venue is, which decides its BibTeX entry type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VenueType {
    Conference,
    Journal,
    Workshop,
    /// arXiv, OpenReview: `@misc`.
    Preprint,
    /// A publisher (ACM, IEEE), which says nothing of the venue: `@misc` with `publisher`.
    Publisher,
    /// A company's white paper or blog, a lab's page: `@misc` with `howpublished`.
    Other,
}

/// One spelling per variant, used to parse, print and serialise it.
macro_rules! choice_parse {
    ($t:ty, $($s:literal => $v:path),+ $(,)?) => {
        impl $t {
            pub fn as_str(self) -> &'static str {
                match self {
                    $($v => $s,)+
                }
            }
        }

        impl std::str::FromStr for $t {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                match s {
                    $($s => Ok($v),)+
                    _ => Err(format!("expected one of {}", [$($s),+].join(", "))),
                }
            }
        }

        impl From<$t> for &'static str {
            fn from(v: $t) -> &'static str {
                v.as_str()
            }
        }

        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}
choice_parse!(Edge, "yes" => Edge::Yes, "no" => Edge::No, "unknown" => Edge::Unknown, "devices" => Edge::Devices);
choice_parse!(Support, "yes" => Support::Yes, "no" => Support::No, "partial" => Support::Partial, "unknown" => Support::Unknown);
choice_parse!(DeviceCategory, "phone" => DeviceCategory::Phone, "laptop" => DeviceCategory::Laptop,
    "board" => DeviceCategory::Board, "gpu" => DeviceCategory::Gpu, "class" => DeviceCategory::Class,
    "other" => DeviceCategory::Other);
choice_parse!(VenueType, "conference" => VenueType::Conference, "journal" => VenueType::Journal,
    "workshop" => VenueType::Workshop, "preprint" => VenueType::Preprint, "publisher" => VenueType::Publisher,
    "other" => VenueType::Other);

/// Links by type, as the list's badge colours tell them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum LinkType {
    Paper,
    Code,
    Official,
    HuggingFace,
}

impl LinkType {
    pub const ALL: [LinkType; 4] = [LinkType::Paper, LinkType::Code, LinkType::Official, LinkType::HuggingFace];

    pub fn column(self) -> &'static str {
        match self {
            LinkType::Paper => "paper_url",
            LinkType::Code => "code_url",
            LinkType::Official => "official_url",
            LinkType::HuggingFace => "hf_url",
        }
    }
}

/// URLs of one entry, each list in the order the source gave them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Links {
    pub paper: Vec<Url>,
    pub code: Vec<Url>,
    pub official: Vec<Url>,
    pub hf: Vec<Url>,
}

impl Links {
    pub fn get(&self, t: LinkType) -> &[Url] {
        match t {
            LinkType::Paper => &self.paper,
            LinkType::Code => &self.code,
            LinkType::Official => &self.official,
            LinkType::HuggingFace => &self.hf,
        }
    }

    pub fn get_mut(&mut self, t: LinkType) -> &mut Vec<Url> {
        match t {
            LinkType::Paper => &mut self.paper,
            LinkType::Code => &mut self.code,
            LinkType::Official => &mut self.official,
            LinkType::HuggingFace => &mut self.hf,
        }
    }

    /// Adds a URL unless already present.
    pub fn add(&mut self, t: LinkType, url: &Url) {
        let list = self.get_mut(t);
        if !list.contains(url) {
            list.push(url.clone());
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (LinkType, &Url)> {
        LinkType::ALL.into_iter().flat_map(move |t| self.get(t).iter().map(move |u| (t, u)))
    }
}

/// Serialises a list cell: items joined by ";".
pub(crate) fn join_list<S: Serializer, T: AsRef<str>>(items: &[T], s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&items.iter().map(AsRef::as_ref).collect::<Vec<_>>().join(";"))
}

fn ser_ids<S: Serializer>(ids: &[Id], s: S) -> Result<S::Ok, S::Error> {
    join_list(&ids.iter().map(Id::as_str).collect::<Vec<_>>(), s)
}

fn ser_links<S: Serializer>(urls: &[Url], s: S) -> Result<S::Ok, S::Error> {
    join_list(urls, s)
}

impl Serialize for Id {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl Serialize for Key {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl Serialize for YearMonth {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl Serialize for Sizes {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.raw)
    }
}

/// A chip figure kept as written ("20/40") next to its parsed value.
#[derive(Debug, Clone, PartialEq)]
pub struct Raw<T> {
    pub raw: String,
    pub value: T,
}

impl<T> Serialize for Raw<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.raw)
    }
}

/// Links columns shared by several kinds, serialised in a fixed order.
macro_rules! entry_struct {
    ($(#[$m:meta])* $name:ident { $($(#[$fm:meta])* $field:ident : $ty:ty),* $(,)? } links) => {
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq, Serialize)]
        pub struct $name {
            $($(#[$fm])* pub $field: $ty,)*
            #[serde(serialize_with = "ser_links")]
            pub paper_url: Vec<Url>,
            #[serde(serialize_with = "ser_links")]
            pub code_url: Vec<Url>,
            #[serde(serialize_with = "ser_links")]
            pub official_url: Vec<Url>,
            #[serde(serialize_with = "ser_links")]
            pub hf_url: Vec<Url>,
        }

        impl $name {
            /// The URLs of one link column, borrowed.
            pub fn link(&self, t: LinkType) -> &[Url] {
                match t {
                    LinkType::Paper => &self.paper_url,
                    LinkType::Code => &self.code_url,
                    LinkType::Official => &self.official_url,
                    LinkType::HuggingFace => &self.hf_url,
                }
            }

            pub fn links(&self) -> Links {
                Links {
                    paper: self.paper_url.clone(),
                    code: self.code_url.clone(),
                    official: self.official_url.clone(),
                    hf: self.hf_url.clone(),
                }
            }

            pub fn set_links(&mut self, l: Links) {
                self.paper_url = l.paper;
                self.code_url = l.code;
                self.official_url = l.official;
                self.hf_url = l.hf;
            }
        }
    };
}

crate::entry_tables!(define_structs);

impl Model {
    /// A release known by name only: no family, organisation, size, date or link yet.
    pub fn named(id: Id, name: String) -> Model {
        Model { name, ..Model::with_id(id) }
    }
}

/// A typed, directed relation between two entries.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Relation {
    pub source: Key,
    pub relation: RelationKind,
    pub target: Key,
}

impl Serialize for RelationKind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl Serialize for EntryKind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Another spelling of an entry's name ("Shanghai AI Laboratory" for organisation:shanghai-ai-lab).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Alias {
    pub alias: String,
    pub target: Key,
}

/// A curated family choice for a release, where the name alone does not tell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FamilyAssignment {
    pub model: Id,
    /// A family id, or the name of a family the import creates.
    pub family: String,
}

/// A curated venue: the spelling papers.csv uses, its type and full name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Venue {
    pub venue: String,
    #[serde(rename = "type")]
    pub kind: VenueType,
    pub name: String,
}

/// A curated correction of the list's spelling: where a name in the list has the word(s)
/// `written`, the name is spelt with `name` in their place ("MinCPM" → "MiniCPM"); `source`
/// says how we know (a link, or the reason).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Correction {
    pub written: String,
    pub name: String,
    pub source: String,
}

/// A curated fact: this device has this chip.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeviceChip {
    pub device: String,
    pub chip: String,
}

/// A curated point of the TOPS figure's upper panel: one size of a model and the computation
/// it took, in TFLOPs, as the list's figure plots it (training compute: 6 × parameters × tokens).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelCompute {
    /// The label the figure shows ("GPT-3").
    pub name: String,
    /// The model (or product) it is, when data/ has it: `model:gpt3`; or the family of a release
    /// data/ has no row for (`family:gpt3` for GPT-2): its series in the legend.
    pub entry: Option<Key>,
    /// Whose colour it takes; empty: the entry's organisation.
    pub organisation: Option<Id>,
    /// Which of the entry's sizes ("175B").
    pub size: Option<Raw<u64>>,
    pub released: YearMonth,
    pub tflops: Raw<f64>,
}

/// A curated point of the memory figure's upper panel: the memory a model needs at run time on
/// a named chip or device, as the list's figure plots it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelMemory {
    /// The label the figure shows ("Llama-3").
    pub name: String,
    /// The model (or product) it is, when data/ has it: `model:llama3-chat`; or its family.
    pub entry: Option<Key>,
    /// Where it ran, `chip:...` or `device:...`: the point takes that hardware line's colour.
    pub platform: Option<Key>,
    /// Whose colour it takes without a platform; empty: the entry's organisation.
    pub organisation: Option<Id>,
    pub size: Option<Raw<u64>>,
    pub released: YearMonth,
    /// In GB, written with its unit ("17.5GB").
    pub memory: Raw<f64>,
}
