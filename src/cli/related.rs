//! `edge-atlas related ENTRY`: entries linked directly, then ranked related entries, with
//! the reason for each.

use edge_atlas::query::{Undirected, answer};

use super::args::{QueryFormat, RelatedArgs};
use super::output::{self, Layout, Row};
use super::progress::Progress;
use super::{Failure, load, resolve};

pub fn run(a: RelatedArgs) -> Result<(), Failure> {
    let g = load(&a.data.data, &mut Progress::new())?;
    let n = resolve(&g, &a.entry)?;
    let results = answer::answer(&g, &Undirected::new(&g), n, &a.kind, a.top);
    // The terminal gets the three most specific reasons; files get all of them.
    let spelled = if a.format == QueryFormat::Table { 3 } else { usize::MAX };
    let rows: Vec<Row> = results
        .iter()
        .map(|r| Row {
            node: r.node(),
            score: r.score(),
            reason: Some(r.reason(&g, spelled)),
            direct: r.score().is_none(),
        })
        .collect();
    if a.format == QueryFormat::Table {
        say!("related to {} [{}]:", g.node(n).name, g.node(n).key);
    }
    let layout = Layout::new(&g, &rows, &a.table.columns, a.table.width);
    output::print(&g, &rows, a.format, &layout)?;
    Ok(())
}
