//! The explorer: `output/index.html`, one self-contained page for the list's readers. The
//! emergence timeline (interactive), the map of the field (sigma.js, from the layout), search,
//! a card per entry with its related entries, tables of papers, chips, frameworks and formats,
//! and each entry's neighbourhood, all from the data embedded in the page: it works from disk
//! and makes no request.
//!
//! `data.rs` computes what the page shows; `html.rs` assembles the page from `page/` (template,
//! style, script) and the vendored libraries in `vendor/` (see vendor/README.md).

mod data;
mod html;

use std::io::Write;

use crate::graph::KnowledgeGraph;
use crate::layout::Map;
use crate::palette::ColourBy;

pub use data::RELATED;

/// The explorer is written for graphs up to this many entries: above it the page would be
/// tens of megabytes and computing every card's related entries would dominate `build`.
pub const MAX_ENTRIES: usize = 50_000;

/// Writes the page for the whole graph, with its map view when `map` is given, coloured `by`.
pub fn write(g: &KnowledgeGraph, map: Option<&Map>, by: ColourBy, w: &mut dyn Write) -> std::io::Result<()> {
    let json = serde_json::to_string(&data::collect(g, map, by)).map_err(std::io::Error::other)?;
    html::write_page(&json, w)
}
