//! Positions as CSV (`id,x,y,community`, ids as `kind:id`): what `layout` writes and what a
//! later run starts from (`data/layout.csv`, the previous release's map), so the map keeps
//! its shape from release to release.

use std::io::{self, Write};
use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics, quoted};
use crate::graph::KnowledgeGraph;
use crate::model::Key;

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

/// Start positions in node order from a file `write` made: rows for entries no longer in the
/// graph are skipped (they were removed); a missing file means no start positions.
pub fn read(g: &KnowledgeGraph, path: &Path) -> Result<Vec<Option<Point>>, Diagnostics> {
    let file_name = path.display().to_string();
    let mut errors = Diagnostics::default();
    let mut start = vec![None; g.node_count()];
    let file = match crate::fsx::open_regular(path, MAX_BYTES) {
        Ok(f) => f,
        Err(e) if e.is_not_found() => return Ok(start),
        Err(e) => {
            errors.push(Diagnostic::error(&file_name, 0, 0, format!("cannot read it: {e}")));
            return Err(errors);
        }
    };
    let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(true).from_reader(file);
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                errors.push(Diagnostic::error(&file_name, line, 0, format!("not CSV: {e}")));
                break;
            }
        };
        let line = record.position().map_or(0, |p| p.line() as usize);
        let field = |i: usize| record.get(i).unwrap_or("");
        // Ranges count the fields' bytes only: add the commas before field `i`.
        let column = |i: usize| record.range(i).map_or(0, |r| r.start + i + 1);
        let Ok(key) = field(0).parse::<Key>() else {
            let message = format!("{} is not a kind:id", quoted(field(0)));
            errors.push(Diagnostic::error(&file_name, line, column(0), message));
            continue;
        };
        let mut point = [0.0; 2];
        for (d, value) in point.iter_mut().enumerate() {
            match field(d + 1).trim().parse::<f64>() {
                Ok(v) if v.is_finite() => *value = v,
                _ => {
                    let message = format!("{} is not a finite number (a coordinate)", quoted(field(d + 1)));
                    errors.push(Diagnostic::error(&file_name, line, column(d + 1), message));
                }
            }
        }
        if let Some(n) = g.find(&key) {
            start[n.index()] = Some(point);
        }
    }
    if errors.has_errors() { Err(errors) } else { Ok(start) }
}
