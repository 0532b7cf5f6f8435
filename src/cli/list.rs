//! `edge-atlas list`: entries that pass every filter.

use edge_atlas::model::EntryKind;
use edge_atlas::query::list::{self, Filter};

use super::args::ListArgs;
use super::output::{self, Row};
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
        text: a.text.clone(),
    };
    let rows: Vec<Row> =
        list::list(&g, &filter).into_iter().map(|node| Row { node, score: None, reason: None }).collect();
    output::print(&g, &rows, a.format)?;
    eprintln!("{} match(es)", rows.len());
    Ok(())
}
