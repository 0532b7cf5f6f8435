//! `list`: entries that pass every filter, with the link that satisfied each `linked_to`,
//! sorted by date (newest first), name, size or TOPS.

use petgraph::Direction;
use petgraph::graph::NodeIndex;
use rustc_hash::FxHashMap;

use super::columns::Column;
use super::{hierarchy, text, words};
use crate::attrs;
use crate::graph::KnowledgeGraph;
use crate::model::{EntryKind, RelationKind, YearMonth};
use crate::palette::home_org;

/// Filters; they combine with AND. Empty lists and `None` filter nothing.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub kinds: Vec<EntryKind>,
    /// Each inner list is one condition: related to any of these entries or to what they
    /// include (subsections, kinds and parts of a class, a release's family; see
    /// `hierarchy::closure`).
    pub linked_to: Vec<Vec<NodeIndex>>,
    /// Only relations of these kinds count for `linked_to`.
    pub via: Vec<RelationKind>,
    /// Entries of these organisations (released by, made by, or the organisation itself).
    pub orgs: Vec<NodeIndex>,
    pub since: Option<YearMonth>,
    pub until: Option<YearMonth>,
    /// Models with a size in range; frameworks by the sizes they list.
    pub min_params: Option<u64>,
    pub max_params: Option<u64>,
    /// Chips with at least this peak TOPS, and devices with such a chip.
    pub min_tops: Option<f64>,
    /// Devices, products or benchmarks of this category (ignoring case): `phone`, `laptop`, ...
    pub category: Option<String>,
    /// In the name, title or other names, ignoring case, punctuation and British/American
    /// spelling, or spelled close to the whole name.
    pub text: Option<String>,
}

/// How an entry met one `linked_to` condition: it relates (`relation`, read in `dir` from
/// the entry) to `neighbour`, which is the asked entry or one it includes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Via {
    pub relation: RelationKind,
    pub dir: Direction,
    pub neighbour: NodeIndex,
    pub asked: NodeIndex,
}

/// An entry that passed, with one `Via` per `linked_to` condition.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    pub node: NodeIndex,
    pub via: Vec<Via>,
}

impl Match {
    /// "covers KV Cache Offloading (in Storage Hierarchy and Offloading)": the leaf that
    /// matched, and what was asked when it was not the leaf itself.
    pub fn reason(&self, g: &KnowledgeGraph) -> String {
        let parts: Vec<String> = self
            .via
            .iter()
            .map(|v| {
                let name = &g.node(v.neighbour).name;
                let verb = words::verb(v.relation, v.dir);
                if v.neighbour == v.asked {
                    format!("{verb} {name}")
                } else {
                    format!("{verb} {name} (in {})", g.node(v.asked).name)
                }
            })
            .collect();
        parts.join("; ")
    }
}

/// Entries passing every filter, in node order (kind by kind, then by id).
pub fn list(g: &KnowledgeGraph, f: &Filter) -> Vec<Match> {
    let classes: Vec<FxHashMap<NodeIndex, NodeIndex>> =
        f.linked_to.iter().map(|asked| hierarchy::closure(g, asked)).collect();
    g.nodes()
        .filter(|&n| keep(g, f, n))
        .filter_map(|n| {
            let via = classes.iter().map(|c| linked(g, f, n, c)).collect::<Option<Vec<Via>>>()?;
            Some(Match { node: n, via })
        })
        .collect()
}

/// The first link (outgoing edges first, in edge order) from `n` into `class`.
fn linked(g: &KnowledgeGraph, f: &Filter, n: NodeIndex, class: &FxHashMap<NodeIndex, NodeIndex>) -> Option<Via> {
    [Direction::Outgoing, Direction::Incoming].into_iter().find_map(|dir| {
        g.neighbours(n, dir).into_iter().find_map(|(relation, m)| {
            let asked = *class.get(&m)?;
            (f.via.is_empty() || f.via.contains(&relation)).then_some(Via { relation, dir, neighbour: m, asked })
        })
    })
}

fn keep(g: &KnowledgeGraph, f: &Filter, n: NodeIndex) -> bool {
    let node = g.node(n);
    let kind = node.key.kind;
    if !f.kinds.is_empty() && !f.kinds.contains(&kind) {
        return false;
    }
    if !f.orgs.is_empty() {
        let mine: Vec<NodeIndex> = [RelationKind::ReleasedBy, RelationKind::MadeBy]
            .into_iter()
            .flat_map(|r| g.out(n, r))
            .chain(home_org(g, n))
            .collect();
        if !f.orgs.iter().any(|o| mine.contains(o)) {
            return false;
        }
    }
    let date = attrs::date(&g.data, node).map(|d| d.month_index());
    if let Some(s) = f.since
        && date.is_none_or(|d| d < s.month_index())
    {
        return false;
    }
    if let Some(u) = f.until
        && date.is_none_or(|d| d > u.last_month_index())
    {
        return false;
    }
    if f.min_params.is_some() || f.max_params.is_some() {
        let (lo, hi) = (f.min_params.unwrap_or(0), f.max_params.unwrap_or(u64::MAX));
        if !sizes(g, n).iter().any(|s| (lo..=hi).contains(s)) {
            return false;
        }
    }
    if let Some(t) = f.min_tops
        && tops(g, n).is_none_or(|x| x < t)
    {
        return false;
    }
    if let Some(c) = &f.category
        && !Column::Category.value(g, n).eq_ignore_ascii_case(c)
    {
        return false;
    }
    if let Some(query) = &f.text {
        let title = (kind == EntryKind::Paper).then(|| g.data.papers[node.index].title.as_str());
        if !std::iter::once(node.name.as_str()).chain(title).any(|s| text::matches(s, query)) {
            return false;
        }
    }
    true
}

/// Parameter counts of a model, or the sizes a framework lists.
fn sizes(g: &KnowledgeGraph, n: NodeIndex) -> Vec<u64> {
    let node = g.node(n);
    match node.key.kind {
        EntryKind::Model => g.data.models[node.index].sizes.counts().collect(),
        EntryKind::Framework => g.data.frameworks[node.index].sizes.counts().collect(),
        _ => Vec::new(),
    }
}

/// A chip's peak TOPS (the high end of a range); a device's, the highest of its chips'.
fn tops(g: &KnowledgeGraph, n: NodeIndex) -> Option<f64> {
    let node = g.node(n);
    match node.key.kind {
        EntryKind::Chip => g.data.chips[node.index].tops.as_ref().map(|t| t.value.high),
        EntryKind::Device => g.inc(n, RelationKind::ShipsIn).into_iter().filter_map(|c| tops(g, c)).reduce(f64::max),
        _ => None,
    }
}

/// What results are sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// Newest first; undated entries last.
    Date,
    /// By name, ignoring case.
    Name,
    /// Largest size first.
    Params,
    /// Highest peak TOPS first.
    Tops,
    /// Node order: kind by kind, then by id.
    Id,
}

/// The default order: newest first when every kind asked for is dated (models, papers, chips,
/// families), else node order.
pub fn default_sort(kinds: &[EntryKind]) -> SortKey {
    let dated = [EntryKind::Family, EntryKind::Model, EntryKind::Chip, EntryKind::Paper];
    if !kinds.is_empty() && kinds.iter().all(|k| dated.contains(k)) { SortKey::Date } else { SortKey::Id }
}

/// Sorts matches by `key`; ties (and entries without the value, last) keep node order.
pub fn sort(g: &KnowledgeGraph, matches: &mut [Match], key: SortKey) {
    use std::cmp::Reverse;
    match key {
        SortKey::Id => matches.sort_by_key(|m| m.node),
        SortKey::Name => matches.sort_by_cached_key(|m| (g.node(m.node).name.to_lowercase(), m.node)),
        SortKey::Date => matches.sort_by_cached_key(|m| {
            let d = attrs::date(&g.data, g.node(m.node)).map(|d| d.month_index());
            (d.is_none(), Reverse(d), m.node)
        }),
        SortKey::Params => matches.sort_by_cached_key(|m| {
            let s = sizes(g, m.node).into_iter().max();
            (s.is_none(), Reverse(s), m.node)
        }),
        SortKey::Tops => matches.sort_by_cached_key(|m| {
            // TOPS in thousandths: exact enough to order, and a total order.
            let t = tops(g, m.node).map(|t| (t * 1000.0).round() as i64);
            (t.is_none(), Reverse(t), m.node)
        }),
    }
}

impl std::str::FromStr for SortKey {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "date" | "released" | "published" => Ok(SortKey::Date),
            "name" => Ok(SortKey::Name),
            "params" | "size" | "sizes" => Ok(SortKey::Params),
            "tops" => Ok(SortKey::Tops),
            "id" => Ok(SortKey::Id),
            _ => Err("expected one of date, name, params, tops, id".to_string()),
        }
    }
}
