//! `list`: entries that pass every filter, in node order (kind by kind, then by id).

use petgraph::graph::NodeIndex;

use crate::attrs;
use crate::graph::KnowledgeGraph;
use crate::model::{EntryKind, RelationKind, YearMonth, name_key};
use crate::palette::home_org;

/// Filters; they combine with AND. Empty lists and `None` filter nothing.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub kinds: Vec<EntryKind>,
    /// Each inner list is one condition: related to any of these entries (or, for a model,
    /// to its family, which is what frameworks support).
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
    /// Chips with at least this peak TOPS.
    pub min_tops: Option<f64>,
    /// Substring of the name, title or other names, ignoring case, spaces and punctuation.
    pub text: Option<String>,
}

pub fn list(g: &KnowledgeGraph, f: &Filter) -> Vec<NodeIndex> {
    g.nodes().filter(|&n| keep(g, f, n)).collect()
}

fn keep(g: &KnowledgeGraph, f: &Filter, n: NodeIndex) -> bool {
    let node = g.node(n);
    let kind = node.key.kind;
    if !f.kinds.is_empty() && !f.kinds.contains(&kind) {
        return false;
    }
    let linked = |targets: &[NodeIndex]| {
        g.adjacent(n).any(|(r, m)| {
            (f.via.is_empty() || f.via.contains(&r))
                && targets.iter().any(|&t| t == m || g.out(t, RelationKind::MemberOf).contains(&m))
        })
    };
    if !f.linked_to.iter().all(|t| linked(t)) {
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
        let sizes: Vec<u64> = match kind {
            EntryKind::Model => g.data.models[node.index].sizes.counts().collect(),
            EntryKind::Framework => g.data.frameworks[node.index].sizes.counts().collect(),
            _ => Vec::new(),
        };
        let (lo, hi) = (f.min_params.unwrap_or(0), f.max_params.unwrap_or(u64::MAX));
        if !sizes.iter().any(|s| (lo..=hi).contains(s)) {
            return false;
        }
    }
    if let Some(t) = f.min_tops {
        let tops = (kind == EntryKind::Chip).then(|| g.data.chips[node.index].tops.as_ref()).flatten();
        if tops.is_none_or(|x| x.value.high < t) {
            return false;
        }
    }
    if let Some(text) = &f.text {
        let want = name_key(text);
        let title = (kind == EntryKind::Paper).then(|| g.data.papers[node.index].title.as_str());
        // A substring, or a close spelling of the whole name ("qwen2.5" for "Qwen 2.5").
        let matches = |s: &str| {
            let k = name_key(s);
            k.contains(&want) || strsim::jaro_winkler(&k, &want) >= 0.92
        };
        if !std::iter::once(node.name.as_str()).chain(title).any(matches) {
            return false;
        }
    }
    true
}
