//! Printing query results (`related`, `list`) as a table, JSON, CSV, Markdown or BibTeX.

use edge_atlas::attrs;
use edge_atlas::graph::KnowledgeGraph;
use edge_atlas::markdown;
use edge_atlas::model::EntryKind;
use edge_atlas::query::bibtex;
use edge_atlas::query::columns::Column;
use edge_atlas::term;
use petgraph::graph::NodeIndex;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::args::QueryFormat;

/// One result: an entry, for `related` its score, and why it is there.
pub struct Row {
    pub node: NodeIndex,
    pub score: Option<f64>,
    pub reason: Option<String>,
    /// Linked to the query entry directly (`related`): "direct" in the score column.
    pub direct: bool,
}

/// What to print of each row, and how wide a table may be (`None`: nothing is cut).
pub struct Layout {
    pub columns: Vec<Column>,
    pub width: Option<usize>,
}

impl Layout {
    /// The columns asked for, else the defaults for the kinds of the rows; a table is as
    /// wide as `--width`, else the terminal, and uncut when piped.
    pub fn new(g: &KnowledgeGraph, rows: &[Row], asked: &[Column], width: Option<usize>) -> Layout {
        let columns = if asked.is_empty() {
            let mut kinds: Vec<EntryKind> = rows.iter().map(|r| g.node(r.node).key.kind).collect();
            kinds.sort();
            kinds.dedup();
            Column::defaults(&kinds)
        } else {
            asked.to_vec()
        };
        Layout { columns, width: width.or_else(terminal_width) }
    }
}

/// The terminal's width when stdout is one.
fn terminal_width() -> Option<usize> {
    let term = console::Term::stdout();
    term.is_term().then(|| term.size_checked().map(|(_, w)| w as usize)).flatten()
}

pub fn print(g: &KnowledgeGraph, rows: &[Row], format: QueryFormat, layout: &Layout) -> anyhow::Result<()> {
    let key = |r: &Row| g.node(r.node).key.to_string();
    let score =
        |r: &Row| if r.direct { "direct".into() } else { r.score.map(|s| format!("{s:.3}")).unwrap_or_default() };
    let reason = |r: &Row| r.reason.clone().unwrap_or_default();
    let scored = rows.iter().any(|r| r.score.is_some() || r.direct);
    let reasoned = rows.iter().any(|r| r.reason.is_some());
    // Every format but JSON shows the chosen columns, then the score and the reason.
    let mut headers: Vec<&str> = layout.columns.iter().map(|c| c.as_str()).collect();
    let mut shrinks: Vec<bool> = layout.columns.iter().map(|c| c.shrinks()).collect();
    if scored {
        headers.push("score");
        shrinks.push(false);
    }
    if reasoned {
        headers.push("why");
        shrinks.push(true);
    }
    let cells = |r: &Row| {
        let mut v: Vec<String> = layout.columns.iter().map(|c| c.value(g, r.node)).collect();
        if scored {
            v.push(score(r));
        }
        if reasoned {
            v.push(reason(r));
        }
        v
    };
    match format {
        QueryFormat::Table => {
            let mut table: Vec<Vec<String>> = vec![headers.iter().map(|h| h.to_string()).collect()];
            table.extend(rows.iter().enumerate().map(|(i, r)| {
                let mut v = vec![format!("{}.", i + 1)];
                // Escaped before measuring, so columns stay aligned on what the terminal shows.
                v.extend(cells(r).iter().map(|c| term::clean(&c.replace('\n', " ")).into_owned()));
                v
            }));
            table[0].insert(0, "#".into());
            shrinks.insert(0, false);
            for line in fit(&table, &shrinks, layout.width) {
                say!("{line}");
            }
        }
        QueryFormat::Json => {
            let items: Vec<serde_json::Value> = rows
                .iter()
                .map(|r| {
                    let mut m = serde_json::Map::new();
                    m.insert("id".into(), key(r).into());
                    m.insert("name".into(), g.node(r.node).name.clone().into());
                    m.insert("kind".into(), g.node(r.node).key.kind.as_str().into());
                    if let Some(s) = r.score {
                        m.insert("score".into(), s.into());
                    }
                    if scored {
                        m.insert("direct".into(), r.direct.into());
                    }
                    if let Some(why) = &r.reason {
                        m.insert("reason".into(), why.clone().into());
                    }
                    for (k, v) in attrs::attributes(&g.data, g.node(r.node)) {
                        m.insert(k.into(), serde_json::to_value(v).unwrap_or_default());
                    }
                    serde_json::Value::Object(m)
                })
                .collect();
            term::machine(&format!("{}\n", serde_json::Value::Array(items)));
        }
        QueryFormat::Csv => {
            // The first column is always the `kind:id`, so scripts can join on it.
            let keep: Vec<usize> = (0..headers.len()).filter(|&i| layout.columns.get(i) != Some(&Column::Id)).collect();
            let mut w = csv::Writer::from_writer(std::io::stdout().lock());
            w.write_record(std::iter::once("id").chain(keep.iter().map(|&i| headers[i])))?;
            for r in rows {
                let c = cells(r);
                w.write_record(std::iter::once(key(r)).chain(keep.iter().map(|&i| c[i].clone())))?;
            }
            w.flush()?;
        }
        QueryFormat::Markdown => {
            let mut text = format!("| # | {} |\n|---|{}\n", headers.join(" | "), "---|".repeat(headers.len()));
            for (i, r) in rows.iter().enumerate() {
                let raw = cells(r);
                let mut c: Vec<String> = raw.iter().map(|s| markdown::text(s)).collect();
                // The first text column links to the entry's page.
                if let (Some(u), Some(first)) = (attrs::url(&g.data, g.node(r.node)), c.first_mut()) {
                    *first = markdown::link(&raw[0], u);
                }
                text.push_str(&format!("| {} | {} |\n", i + 1, c.join(" | ")));
            }
            term::machine(&text);
        }
        QueryFormat::Bibtex => {
            let papers: Vec<&Row> = rows.iter().filter(|r| g.node(r.node).key.kind == EntryKind::Paper).collect();
            if papers.len() < rows.len() {
                tell!("note: {} result(s) are not papers and have no BibTeX entry", rows.len() - papers.len());
            }
            let entries: Vec<String> =
                papers.iter().map(|r| bibtex::entry(&g.data.papers[g.node(r.node).index], &g.data.venues)).collect();
            term::machine(&entries.join("\n"));
        }
    }
    Ok(())
}

/// Aligned lines, two spaces between columns, measured in terminal cells (a CJK character
/// takes two). Over `width`, the widest column that may shrink loses a cell at a time (down to
/// 12), and its cells end in "…".
fn fit(table: &[Vec<String>], shrinks: &[bool], width: Option<usize>) -> Vec<String> {
    let n = shrinks.len();
    let mut widths: Vec<usize> = (0..n).map(|c| table.iter().map(|r| r[c].width()).max().unwrap_or(0)).collect();
    if let Some(limit) = width {
        let total = |w: &[usize]| w.iter().sum::<usize>() + 2 * n.saturating_sub(1);
        while total(&widths) > limit {
            let widest = (0..n).filter(|&c| shrinks[c] && widths[c] > 12).max_by_key(|&c| (widths[c], c));
            let Some(c) = widest else { break };
            widths[c] -= 1;
        }
    }
    table
        .iter()
        .map(|row| {
            let cells: Vec<String> = row
                .iter()
                .zip(&widths)
                .enumerate()
                .map(|(c, (s, &w))| {
                    let s = short(s, w);
                    let pad = " ".repeat(w - s.width());
                    // The row number is right-aligned, the rest left.
                    if c == 0 { pad + &s } else { s + &pad }
                })
                .collect();
            cells.join("  ").trim_end().to_string()
        })
        .collect()
}

/// At most `max` cells wide, with an ellipsis when cut.
fn short(s: &str, max: usize) -> String {
    if s.width() <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max.saturating_sub(1) {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}
