//! `edge-atlas related ENTRY`: ranked related entries with reasons, as a table, JSON,
//! Markdown or BibTeX.

use edge_atlas::model::EntryKind;
use edge_atlas::query::{bibtex, related};

use super::args::{QueryFormat, RelatedArgs};
use super::{Failure, load};

pub fn run(a: RelatedArgs) -> Result<(), Failure> {
    let g = load(&a.data.data)?;
    let n = g.resolve(&a.entry, &[])?;
    let results = related::related(&g, n, &a.kind, a.top);
    let name = |r: &related::Related| g.node(r.node).name.as_str();
    let key = |r: &related::Related| g.node(r.node).key.to_string();
    match a.format {
        QueryFormat::Table => {
            println!("related to {} [{}]:", g.node(n).name, g.node(n).key);
            for (i, r) in results.iter().enumerate() {
                let entry = format!("{} [{}]", short(name(r), 40), key(r));
                println!("{:>3}. {entry:<60} {:>6.3}  {}", i + 1, r.score, related::reason(&g, r, 3));
            }
        }
        QueryFormat::Json => {
            let rows: Vec<serde_json::Value> = results
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": key(r),
                        "name": name(r),
                        "kind": g.node(r.node).key.kind.as_str(),
                        "score": r.score,
                        "reason": related::reason(&g, r, usize::MAX),
                    })
                })
                .collect();
            println!("{}", serde_json::Value::Array(rows));
        }
        QueryFormat::Markdown => {
            println!("| # | entry | kind | score | why |\n|---|---|---|---|---|");
            for (i, r) in results.iter().enumerate() {
                let cell = |s: &str| s.replace('|', "\\|");
                println!(
                    "| {} | {} | {} | {:.3} | {} |",
                    i + 1,
                    cell(name(r)),
                    g.node(r.node).key.kind.as_str(),
                    r.score,
                    cell(&related::reason(&g, r, 3))
                );
            }
        }
        QueryFormat::Bibtex => {
            let papers: Vec<_> = results.iter().filter(|r| g.node(r.node).key.kind == EntryKind::Paper).collect();
            if papers.len() < results.len() {
                eprintln!("note: {} result(s) are not papers and have no BibTeX entry", results.len() - papers.len());
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
