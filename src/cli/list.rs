//! `edge-atlas list`: entries that pass every filter.

use edge_atlas::model::EntryKind;
use edge_atlas::query::list::{self, Filter};

use super::args::ListArgs;
use super::output::{self, Layout, Row};
use super::progress::Progress;
use super::{Failure, load};

pub fn run(a: ListArgs) -> Result<(), Failure> {
    let g = load(&a.data.data, &mut Progress::new())?;
    let linked_to = a.linked_to.iter().map(|n| g.resolve_all(n, &[])).collect::<Result<Vec<_>, _>>()?;
    let orgs = a.org.iter().map(|n| g.resolve(n, &[EntryKind::Organisation])).collect::<Result<Vec<_>, _>>()?;
    let filter = Filter {
        kinds: a.kind.clone(),
        linked_to,
        via: a.via.clone(),
        orgs,
        since: a.since,
        until: a.until,
        min_params: a.min_params,
        max_params: a.max_params,
        min_tops: a.min_tops,
        category: a.category.clone(),
        text: a.text.clone(),
    };
    let mut matches = list::list(&g, &filter);
    list::sort(&g, &mut matches, a.sort.unwrap_or_else(|| list::default_sort(&a.kind)));
    let rows: Vec<Row> = matches
        .iter()
        .map(|m| Row { node: m.node, score: None, reason: (!m.via.is_empty()).then(|| m.reason(&g)), direct: false })
        .collect();
    let layout = Layout::new(&g, &rows, &a.table.columns, a.table.width);
    output::print(&g, &rows, a.format, &layout)?;
    tell!("{} match(es)", rows.len());
    Ok(())
}
