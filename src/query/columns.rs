//! The columns `list` shows: per kind, what a person filters on (a chip's TOPS and the devices
//! it ships in, a model's sizes and edge status, a paper's title and venue).

use std::fmt;
use std::str::FromStr;

use petgraph::graph::NodeIndex;

use crate::attrs;
use crate::graph::KnowledgeGraph;
use crate::model::{EntryKind, RelationKind};
use crate::palette::home_org;

/// One column of a result table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// The entry's name (a paper's short name).
    Name,
    /// A paper's full title; the name for other kinds.
    Title,
    /// `kind:id`, which every command accepts.
    Id,
    Kind,
    /// Release or publication month.
    Date,
    Organisation,
    /// A model's sizes, a framework's listed sizes.
    Sizes,
    /// Whether a model runs on edge devices.
    Edge,
    Venue,
    /// A chip's peak TOPS (a range as low/high).
    Tops,
    Memory,
    /// A chip's vendor.
    Vendor,
    /// Devices a chip ships in or a model runs on.
    Devices,
    /// Chips of a device, or a model runs on.
    Chips,
    /// A framework's backends.
    Backends,
    /// The chips and devices a framework targets.
    Targets,
    /// A device's category, a product's or benchmark's.
    Category,
    /// The technique's section number.
    Number,
    Url,
}

impl Column {
    pub const ALL: [Column; 19] = [
        Column::Name,
        Column::Title,
        Column::Id,
        Column::Kind,
        Column::Date,
        Column::Organisation,
        Column::Sizes,
        Column::Edge,
        Column::Venue,
        Column::Tops,
        Column::Memory,
        Column::Vendor,
        Column::Devices,
        Column::Chips,
        Column::Backends,
        Column::Targets,
        Column::Category,
        Column::Number,
        Column::Url,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Column::Name => "name",
            Column::Title => "title",
            Column::Id => "id",
            Column::Kind => "kind",
            Column::Date => "date",
            Column::Organisation => "organisation",
            Column::Sizes => "sizes",
            Column::Edge => "edge",
            Column::Venue => "venue",
            Column::Tops => "tops",
            Column::Memory => "memory",
            Column::Vendor => "vendor",
            Column::Devices => "devices",
            Column::Chips => "chips",
            Column::Backends => "backends",
            Column::Targets => "targets",
            Column::Category => "category",
            Column::Number => "number",
            Column::Url => "url",
        }
    }

    /// Long free text that a narrow terminal may cut (the widest first); the other columns
    /// are kept whole.
    pub fn shrinks(self) -> bool {
        matches!(
            self,
            Column::Name
                | Column::Id
                | Column::Title
                | Column::Devices
                | Column::Chips
                | Column::Backends
                | Column::Targets
                | Column::Url
                | Column::Organisation
                | Column::Sizes
        )
    }

    /// The columns shown for results of these kinds when none are asked for.
    pub fn defaults(kinds: &[EntryKind]) -> Vec<Column> {
        use Column::*;
        match kinds {
            [EntryKind::Chip] => vec![Name, Tops, Date, Memory, Vendor, Devices, Id],
            [EntryKind::Model] => vec![Name, Organisation, Sizes, Edge, Date, Id],
            [EntryKind::Paper] => vec![Title, Venue, Date, Id],
            [EntryKind::Framework] => vec![Name, Backends, Targets, Id],
            [EntryKind::Family] => vec![Name, Organisation, Date, Id],
            [EntryKind::Device] => vec![Name, Category, Chips, Id],
            [EntryKind::Technique] => vec![Number, Name, Id],
            [EntryKind::Product | EntryKind::Benchmark] => vec![Name, Category, Id],
            _ => vec![Title, Kind, Date, Id],
        }
    }

    /// The cell of entry `n` in this column ("" when it has none).
    pub fn value(self, g: &KnowledgeGraph, n: NodeIndex) -> String {
        let node = g.node(n);
        let (d, i, kind) = (&g.data, node.index, node.key.kind);
        let names = |v: Vec<NodeIndex>| v.iter().map(|&m| g.node(m).name.as_str()).collect::<Vec<_>>().join(", ");
        match self {
            Column::Name => node.name.clone(),
            Column::Title if kind == EntryKind::Paper => d.papers[i].title.clone(),
            Column::Title => node.name.clone(),
            Column::Id => node.key.to_string(),
            Column::Kind => kind.as_str().to_string(),
            Column::Date => attrs::date(d, node).map(|m| m.to_string()).unwrap_or_default(),
            Column::Organisation => {
                let mut orgs = g.out(n, RelationKind::ReleasedBy);
                orgs.extend(g.out(n, RelationKind::MadeBy));
                if orgs.is_empty() {
                    orgs.extend(home_org(g, n).filter(|&o| o != n));
                }
                names(orgs)
            }
            Column::Sizes => match kind {
                EntryKind::Model => d.models[i].sizes.raw.clone(),
                EntryKind::Framework => d.frameworks[i].sizes.raw.clone(),
                _ => String::new(),
            },
            Column::Edge if kind == EntryKind::Model => {
                d.models[i].edge.map(|e| e.as_str().to_string()).unwrap_or_default()
            }
            Column::Venue if kind == EntryKind::Paper => d.papers[i].venue.clone().unwrap_or_default(),
            Column::Tops if kind == EntryKind::Chip => {
                d.chips[i].tops.as_ref().map(|t| t.value.to_string()).unwrap_or_default()
            }
            Column::Memory if kind == EntryKind::Chip => {
                d.chips[i].memory.as_ref().map(|m| m.raw.clone()).unwrap_or_default()
            }
            Column::Vendor => names(g.out(n, RelationKind::MadeBy)),
            Column::Devices => {
                let mut v = g.out(n, RelationKind::ShipsIn);
                v.extend(
                    g.out(n, RelationKind::RunsOn).into_iter().filter(|&m| g.node(m).key.kind == EntryKind::Device),
                );
                names(v)
            }
            Column::Chips => {
                let mut v = g.inc(n, RelationKind::ShipsIn);
                v.extend(g.out(n, RelationKind::RunsOn).into_iter().filter(|&m| g.node(m).key.kind == EntryKind::Chip));
                names(v)
            }
            Column::Backends => names(g.out(n, RelationKind::UsesBackend)),
            Column::Targets => names(g.out(n, RelationKind::Targets)),
            Column::Category => match kind {
                EntryKind::Device => d.devices[i].category.as_str().to_string(),
                EntryKind::Product => d.products[i].category.clone(),
                EntryKind::Benchmark => d.benchmarks[i].category.clone(),
                _ => String::new(),
            },
            Column::Number if kind == EntryKind::Technique => d.techniques[i].number.clone().unwrap_or_default(),
            Column::Url => attrs::url(d, node).map(|u| u.to_string()).unwrap_or_default(),
            Column::Edge | Column::Venue | Column::Tops | Column::Memory | Column::Number => String::new(),
        }
    }
}

impl fmt::Display for Column {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Column {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim().to_ascii_lowercase();
        let s = match s.as_str() {
            "org" | "organization" | "released_by" => "organisation",
            "released" | "published" => "date",
            other => other,
        };
        Self::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| format!("expected one of {}", Self::ALL.map(Column::as_str).join(", ")))
    }
}
