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

const LINK_COLUMNS: [&str; 4] = ["paper_url", "code_url", "official_url", "hf_url"];

fn links(r: &mut Row) -> Links {
    Links {
        paper: r.urls(LINK_COLUMNS[0]),
        code: r.urls(LINK_COLUMNS[1]),
        official: r.urls(LINK_COLUMNS[2]),
        hf: r.urls(LINK_COLUMNS[3]),
    }
}

fn raw<T>(parse: fn(&str) -> Result<T, String>) -> impl Fn(&str) -> Result<Raw<T>, String> {
    move |s| parse(s).map(|value| Raw { raw: s.to_string(), value })
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

impl Table for Organisation {
    const FILE: &'static str = EntryKind::Organisation.file_name();
    const COLUMNS: &'static [&'static str] = &["id", "name", "colour"];
    fn from_row(r: &mut Row) -> Option<Self> {
        let id = r.id("id");
        let name = r.text("name");
        let colour = r.opt("colour", str::parse::<Rgb>);
        Some(Organisation { id: id?, name: name?, colour: colour? })
    }
}
entry_impl!(Organisation, EntryKind::Organisation, name);

impl Table for Family {
    const FILE: &'static str = EntryKind::Family.file_name();
    const COLUMNS: &'static [&'static str] =
        &["id", "name", "organisations", "published", "paper_url", "code_url", "official_url", "hf_url"];
    fn from_row(r: &mut Row) -> Option<Self> {
        let id = r.id("id");
        let name = r.text("name");
        let organisations = r.ids("organisations");
        let published = r.opt("published", |v| v.parse().and_then(plausible::month));
        let links = links(r);
        let mut f = Family {
            id: id?,
            name: name?,
            organisations: organisations?,
            published: published?,
            paper_url: vec![],
            code_url: vec![],
            official_url: vec![],
            hf_url: vec![],
        };
        f.set_links(links);
        Some(f)
    }
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

impl Table for Model {
    const FILE: &'static str = EntryKind::Model.file_name();
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "name",
        "family",
        "organisations",
        "sizes",
        "edge",
        "released",
        "modalities",
        "paper_url",
        "code_url",
        "official_url",
        "hf_url",
    ];
    fn from_row(r: &mut Row) -> Option<Self> {
        let id = r.id("id");
        let name = r.text("name");
        let family = r.opt_id("family");
        let organisations = r.ids("organisations");
        let sizes = r.opt("sizes", |v| Sizes::parse(v).and_then(plausible::sizes)).map(Option::unwrap_or_default);
        let edge = r.opt("edge", str::parse);
        let released = r.opt("released", |v| v.parse().and_then(plausible::month));
        let modalities = r.list("modalities");
        let links = links(r);
        let mut m = Model {
            id: id?,
            name: name?,
            family: family?,
            organisations: organisations?,
            sizes: sizes?,
            edge: edge?,
            released: released?,
            modalities,
            paper_url: vec![],
            code_url: vec![],
            official_url: vec![],
            hf_url: vec![],
        };
        m.set_links(links);
        Some(m)
    }
}
entry_impl!(Model, EntryKind::Model, name);

impl Table for Framework {
    const FILE: &'static str = EntryKind::Framework.file_name();
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "name",
        "open_source",
        "vendor_sdk",
        "organisations",
        "sizes",
        "paper_url",
        "code_url",
        "official_url",
        "hf_url",
    ];
    fn from_row(r: &mut Row) -> Option<Self> {
        let id = r.id("id");
        let name = r.text("name");
        let open_source = r.flag("open_source");
        let vendor_sdk = r.flag("vendor_sdk");
        let organisations = r.ids("organisations");
        let sizes = r.opt("sizes", |v| Sizes::parse(v).and_then(plausible::sizes)).map(Option::unwrap_or_default);
        let links = links(r);
        let mut f = Framework {
            id: id?,
            name: name?,
            open_source: open_source?,
            vendor_sdk: vendor_sdk?,
            organisations: organisations?,
            sizes: sizes?,
            paper_url: vec![],
            code_url: vec![],
            official_url: vec![],
            hf_url: vec![],
        };
        f.set_links(links);
        Some(f)
    }
}
entry_impl!(Framework, EntryKind::Framework, name);

impl Table for Backend {
    const FILE: &'static str = EntryKind::Backend.file_name();
    const COLUMNS: &'static [&'static str] = &["id", "name"];
    fn from_row(r: &mut Row) -> Option<Self> {
        let id = r.id("id");
        let name = r.text("name");
        Some(Backend { id: id?, name: name? })
    }
}
entry_impl!(Backend, EntryKind::Backend, name);

impl Table for Chip {
    const FILE: &'static str = EntryKind::Chip.file_name();
    const COLUMNS: &'static [&'static str] = &["id", "name", "vendor", "line", "tops", "released", "memory"];
    fn from_row(r: &mut Row) -> Option<Self> {
        let id = r.id("id");
        let name = r.text("name");
        let vendor = r.opt_id("vendor");
        let line = r.opt_text("line").unwrap_or_default();
        let tops = r.opt("tops", |v| raw(Tops::parse)(v).and_then(plausible::tops));
        let released = r.opt("released", |v| v.parse().and_then(plausible::month));
        let memory = r.opt("memory", raw(parse_memory));
        Some(Chip { id: id?, name: name?, vendor: vendor?, line, tops: tops?, released: released?, memory: memory? })
    }
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

impl Table for Device {
    const FILE: &'static str = EntryKind::Device.file_name();
    const COLUMNS: &'static [&'static str] = &["id", "name", "category"];
    fn from_row(r: &mut Row) -> Option<Self> {
        let id = r.id("id");
        let name = r.text("name");
        let category = r.choice("category");
        Some(Device { id: id?, name: name?, category: category? })
    }
}
entry_impl!(Device, EntryKind::Device, name);

impl Table for Paper {
    const FILE: &'static str = EntryKind::Paper.file_name();
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "title",
        "short_name",
        "venue",
        "published",
        "survey",
        "tags",
        "paper_url",
        "code_url",
        "official_url",
        "hf_url",
    ];
    fn from_row(r: &mut Row) -> Option<Self> {
        let id = r.id("id");
        let title = r.text("title");
        let short_name = r.opt_text("short_name");
        let venue = r.opt_text("venue");
        let published = r.opt("published", |v| v.parse().and_then(plausible::month));
        let survey = r.flag("survey");
        let tags = r.list("tags");
        let links = links(r);
        let mut p = Paper {
            id: id?,
            title: title?,
            short_name,
            venue,
            published: published?,
            survey: survey?,
            tags,
            paper_url: vec![],
            code_url: vec![],
            official_url: vec![],
            hf_url: vec![],
        };
        p.set_links(links);
        Some(p)
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

impl Table for Technique {
    const FILE: &'static str = EntryKind::Technique.file_name();
    const COLUMNS: &'static [&'static str] = &["id", "name", "number", "parent"];
    fn from_row(r: &mut Row) -> Option<Self> {
        let id = r.id("id");
        let name = r.text("name");
        let number = r.opt_text("number");
        let parent = r.opt_id("parent");
        Some(Technique { id: id?, name: name?, number, parent: parent? })
    }
}
entry_impl!(Technique, EntryKind::Technique, name);

fn named_with_category<T>(r: &mut Row, make: fn(Id, String, String) -> T, set: fn(&mut T, Links)) -> Option<T> {
    let id = r.id("id");
    let name = r.text("name");
    let category = r.opt_text("category").unwrap_or_default();
    let links = links(r);
    let mut t = make(id?, name?, category);
    set(&mut t, links);
    Some(t)
}

impl Table for Product {
    const FILE: &'static str = EntryKind::Product.file_name();
    const COLUMNS: &'static [&'static str] =
        &["id", "name", "category", "paper_url", "code_url", "official_url", "hf_url"];
    fn from_row(r: &mut Row) -> Option<Self> {
        named_with_category(
            r,
            |id, name, category| Product {
                id,
                name,
                category,
                paper_url: vec![],
                code_url: vec![],
                official_url: vec![],
                hf_url: vec![],
            },
            Product::set_links,
        )
    }
}
entry_impl!(Product, EntryKind::Product, name);

impl Table for Benchmark {
    const FILE: &'static str = EntryKind::Benchmark.file_name();
    const COLUMNS: &'static [&'static str] =
        &["id", "name", "category", "paper_url", "code_url", "official_url", "hf_url"];
    fn from_row(r: &mut Row) -> Option<Self> {
        named_with_category(
            r,
            |id, name, category| Benchmark {
                id,
                name,
                category,
                paper_url: vec![],
                code_url: vec![],
                official_url: vec![],
                hf_url: vec![],
            },
            Benchmark::set_links,
        )
    }
}
entry_impl!(Benchmark, EntryKind::Benchmark, name);

impl Table for Format {
    const FILE: &'static str = EntryKind::Format.file_name();
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "name",
        "organisations",
        "safe",
        "zero_copy",
        "lazy_loading",
        "no_file_size_limit",
        "layout_control",
        "flexibility",
        "bf16_fp8",
        "paper_url",
        "code_url",
        "official_url",
        "hf_url",
    ];
    fn from_row(r: &mut Row) -> Option<Self> {
        let id = r.id("id");
        let name = r.text("name");
        let organisations = r.ids("organisations");
        let p: Vec<Option<Support>> = Format::PROPERTIES.iter().map(|c| r.choice(c)).collect();
        let links = links(r);
        let mut f = Format {
            id: id?,
            name: name?,
            organisations: organisations?,
            safe: p[0]?,
            zero_copy: p[1]?,
            lazy_loading: p[2]?,
            no_file_size_limit: p[3]?,
            layout_control: p[4]?,
            flexibility: p[5]?,
            bf16_fp8: p[6]?,
            paper_url: vec![],
            code_url: vec![],
            official_url: vec![],
            hf_url: vec![],
        };
        f.set_links(links);
        Some(f)
    }
}
entry_impl!(Format, EntryKind::Format, name);

impl Format {
    /// The comparison columns, in the list's order.
    pub const PROPERTIES: [&'static str; 7] =
        ["safe", "zero_copy", "lazy_loading", "no_file_size_limit", "layout_control", "flexibility", "bf16_fp8"];

    pub fn properties(&self) -> [(&'static str, Support); 7] {
        let v = [
            self.safe,
            self.zero_copy,
            self.lazy_loading,
            self.no_file_size_limit,
            self.layout_control,
            self.flexibility,
            self.bf16_fp8,
        ];
        std::array::from_fn(|i| (Self::PROPERTIES[i], v[i]))
    }
}

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

/// A parameter count as written ("175B"), for the panels' `size` column.
fn count(v: &str) -> Result<Raw<u64>, String> {
    raw(parse_count)(v).and_then(|c| {
        plausible::sizes(Sizes { raw: c.raw.clone(), items: vec![ParamSize { variant: None, params: Some(c.value) }] })
            .map(|_| c)
    })
}

impl Table for ModelCompute {
    const FILE: &'static str = "model_compute.csv";
    const COLUMNS: &'static [&'static str] = &["name", "entry", "organisation", "size", "released", "tflops"];
    fn from_row(r: &mut Row) -> Option<Self> {
        let name = r.text("name");
        let entry = r.opt("entry", str::parse);
        let organisation = r.opt_id("organisation");
        let size = r.opt("size", count);
        let released = r.parse("released", |v| v.parse().and_then(plausible::month));
        let tflops = r.parse("tflops", |v| raw(parse_tflops)(v).and_then(plausible::tflops));
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
        let size = r.opt("size", count);
        let released = r.parse("released", |v| v.parse().and_then(plausible::month));
        let memory = r.parse("memory", |v| raw(parse_gigabytes)(v).and_then(plausible::model_memory));
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
        assert_columns(Family {
            id: id(),
            name: "X".into(),
            organisations: vec![],
            published: None,
            paper_url: vec![],
            code_url: vec![],
            official_url: vec![],
            hf_url: vec![],
        });
        assert_columns(Model {
            id: id(),
            name: "X".into(),
            family: None,
            organisations: vec![],
            sizes: Sizes::default(),
            edge: None,
            released: None,
            modalities: vec![],
            paper_url: vec![],
            code_url: vec![],
            official_url: vec![],
            hf_url: vec![],
        });
        assert_columns(Framework {
            id: id(),
            name: "X".into(),
            open_source: true,
            vendor_sdk: false,
            organisations: vec![],
            sizes: Sizes::default(),
            paper_url: vec![],
            code_url: vec![],
            official_url: vec![],
            hf_url: vec![],
        });
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
        assert_columns(Paper {
            id: id(),
            title: "X".into(),
            short_name: None,
            venue: None,
            published: None,
            survey: false,
            tags: vec![],
            paper_url: vec![],
            code_url: vec![],
            official_url: vec![],
            hf_url: vec![],
        });
        assert_columns(Technique { id: id(), name: "X".into(), number: None, parent: None });
        assert_columns(Product {
            id: id(),
            name: "X".into(),
            category: String::new(),
            paper_url: vec![],
            code_url: vec![],
            official_url: vec![],
            hf_url: vec![],
        });
        assert_columns(Benchmark {
            id: id(),
            name: "X".into(),
            category: String::new(),
            paper_url: vec![],
            code_url: vec![],
            official_url: vec![],
            hf_url: vec![],
        });
        let s = Support::Yes;
        assert_columns(Format {
            id: id(),
            name: "X".into(),
            organisations: vec![],
            safe: s,
            zero_copy: s,
            lazy_loading: s,
            no_file_size_limit: s,
            layout_control: s,
            flexibility: s,
            bf16_fp8: s,
            paper_url: vec![],
            code_url: vec![],
            official_url: vec![],
            hf_url: vec![],
        });
        assert_columns(Relation { source: key(), relation: RelationKind::MemberOf, target: key() });
        assert_columns(Alias { alias: "x".into(), target: key() });
        assert_columns(FamilyAssignment { model: id(), family: "x".into() });
        assert_columns(DeviceChip { device: "x".into(), chip: "y".into() });
        assert_columns(Venue { venue: "TACO".into(), kind: VenueType::Journal, name: "ACM TACO".into() });
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

    #[test]
    fn family_names_answer_to_their_base_names() {
        assert_eq!(family_base_names("Qwen Series"), ["Qwen"]);
        assert_eq!(family_base_names("MM/OpenELM Series"), ["MM/OpenELM", "MM", "OpenELM"]);
        assert_eq!(family_base_names("GPT3"), ["GPT3"]);
    }
}
