//! Positions as CSV (`id,x,y,community`, ids as `kind:id`): what `layout` writes and what a
//! later run starts from (`data/layout.csv`, the previous release's map), so the map keeps
//! its shape from release to release.

use std::io::{self, Write};
use std::path::Path;

use crate::data::read::{Columns, read_table};
use crate::diag::Diagnostics;
use crate::graph::KnowledgeGraph;

use super::{Map, Point};

/// The curated start positions in data/.
pub const START_FILE: &str = "layout.csv";
/// Larger position files are refused (a million nodes take about 40 MB).
const MAX_BYTES: u64 = 256 << 20;

/// Writes one row per node, in node order; coordinates to two decimals, so that the file
/// (and every export) is the same on every machine.
pub fn write(g: &KnowledgeGraph, map: &Map, w: &mut dyn Write) -> io::Result<()> {
    writeln!(w, "id,x,y,community")?;
    for n in g.nodes() {
        let [x, y] = map.positions[n.index()];
        writeln!(w, "{},{x:.2},{y:.2},{}", g.node(n).key, map.community[n.index()])?;
    }
    Ok(())
}

/// Start positions in node order from a file `write` made, read as data/'s tables are (by
/// column name, any line ends, every error located): rows for entries no longer in the graph
/// are skipped (they were removed); a missing file means no start positions.
pub fn read(g: &KnowledgeGraph, path: &Path) -> Result<Vec<Option<Point>>, Diagnostics> {
    let mut diags = Diagnostics::default();
    let columns = Columns { names: &["id", "x", "y", "community"], optional: |c| c == "community" };
    let display = path.display().to_string();
    let rows = read_table(path, &display, columns, MAX_BYTES, &mut diags, |r| {
        let key = r.key("id");
        let (x, y) = (r.parse("x", coordinate), r.parse("y", coordinate));
        Some((key?, [x?, y?]))
    });
    if diags.has_errors() {
        return Err(diags);
    }
    let mut start = vec![None; g.node_count()];
    for (key, point) in rows.rows {
        if let Some(n) = g.find(&key) {
            start[n.index()] = Some(point);
        }
    }
    Ok(start)
}

fn coordinate(v: &str) -> Result<f64, String> {
    v.parse::<f64>().ok().filter(|v| v.is_finite()).ok_or_else(|| "expected a finite number (a coordinate)".to_string())
}
