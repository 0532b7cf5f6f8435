//! Printing query results (`related`, `list`) as a table, JSON, CSV, Markdown or BibTeX.

use edge_atlas::attrs;
use edge_atlas::graph::KnowledgeGraph;
use edge_atlas::model::EntryKind;
use edge_atlas::query::bibtex;
use petgraph::graph::NodeIndex;

use super::args::QueryFormat;

/// One result: an entry, and for `related` its score and reason.
pub struct Row {
    pub node: NodeIndex,
    pub score: Option<f64>,
    pub reason: Option<String>,
}

pub fn print(g: &KnowledgeGraph, rows: &[Row], format: QueryFormat) -> anyhow::Result<()> {
    let name = |r: &Row| g.node(r.node).name.clone();
    let key = |r: &Row| g.node(r.node).key.to_string();
    let date = |r: &Row| attrs::date(&g.data, g.node(r.node)).map(|d| d.to_string()).unwrap_or_default();
    let url = |r: &Row| attrs::url(&g.data, g.node(r.node)).unwrap_or_default();
    let score = |r: &Row| r.score.map(|s| format!("{s:.3}")).unwrap_or_default();
    let reason = |r: &Row| r.reason.clone().unwrap_or_default();
    // `list` has no scores: its tables leave those columns out.
    let scored = rows.iter().any(|r| r.score.is_some());
    match format {
        QueryFormat::Table => {
            let entries: Vec<String> = rows.iter().map(|r| format!("{} [{}]", short(&name(r), 40), key(r))).collect();
            let width = entries.iter().map(|e| e.chars().count()).max().unwrap_or(0);
            for (i, (r, entry)) in rows.iter().zip(&entries).enumerate() {
                let line = if scored {
                    format!("{:>3}. {entry:<width$} {:>7}  {:<7}  {}", i + 1, score(r), date(r), reason(r))
                } else {
                    format!("{:>3}. {entry:<width$}  {}", i + 1, date(r))
                };
                println!("{}", line.trim_end());
            }
        }
        QueryFormat::Json => {
            let items: Vec<serde_json::Value> = rows
                .iter()
                .map(|r| {
                    let mut m = serde_json::Map::new();
                    m.insert("id".into(), key(r).into());
                    m.insert("name".into(), name(r).into());
                    m.insert("kind".into(), g.node(r.node).key.kind.as_str().into());
                    if let Some(s) = r.score {
                        m.insert("score".into(), s.into());
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
            println!("{}", serde_json::Value::Array(items));
        }
        QueryFormat::Csv => {
            let mut w = csv::Writer::from_writer(std::io::stdout().lock());
            w.write_record(["id", "kind", "name", "date", "url", "score", "reason"])?;
            for r in rows {
                w.write_record([
                    key(r),
                    g.node(r.node).key.kind.as_str().into(),
                    name(r),
                    date(r),
                    url(r),
                    score(r),
                    reason(r),
                ])?;
            }
            w.flush()?;
        }
        QueryFormat::Markdown => {
            if scored {
                println!("| # | entry | kind | date | score | why |\n|---|---|---|---|---|---|");
            } else {
                println!("| # | entry | kind | date |\n|---|---|---|---|");
            }
            let cell = |s: String| s.replace('|', "\\|").replace('\n', " ");
            for (i, r) in rows.iter().enumerate() {
                let entry = match url(r) {
                    u if u.is_empty() => cell(name(r)),
                    u => format!("[{}]({u})", cell(name(r))),
                };
                let kind = g.node(r.node).key.kind.as_str();
                if scored {
                    println!("| {} | {entry} | {kind} | {} | {} | {} |", i + 1, date(r), score(r), cell(reason(r)));
                } else {
                    println!("| {} | {entry} | {kind} | {} |", i + 1, date(r));
                }
            }
        }
        QueryFormat::Bibtex => {
            let papers: Vec<&Row> = rows.iter().filter(|r| g.node(r.node).key.kind == EntryKind::Paper).collect();
            if papers.len() < rows.len() {
                eprintln!("note: {} result(s) are not papers and have no BibTeX entry", rows.len() - papers.len());
            }
            let entries: Vec<String> =
                papers.iter().map(|r| bibtex::entry(&g.data.papers[g.node(r.node).index])).collect();
            print!("{}", entries.join("\n"));
        }
    }
    Ok(())
}

/// At most `max` characters, with an ellipsis when cut.
fn short(s: &str, max: usize) -> String {
    if s.chars().count() <= max { s.to_string() } else { s.chars().take(max - 1).chain(['…']).collect() }
}
