//! `edge-atlas diff BASE HEAD`: what a change to the list does, in the chosen format.

use std::path::PathBuf;

use anyhow::Context as _;
use edge_atlas::diff::{self, Sides};
use edge_atlas::fsx::Durability;

use super::Failure;
use super::args::{DiffArgs, DiffFormat};

pub fn run(a: DiffArgs) -> Result<(), Failure> {
    let sides = if a.data {
        Sides::Data
    } else {
        let here = PathBuf::from("data");
        Sides::Lists { onto: a.onto.or_else(|| here.is_dir().then_some(here)) }
    };
    let (base, head, renames) = diff::load(&a.base, &a.head, &sides).map_err(anyhow::Error::from)?;
    let d = diff::compare(&base, &head, &renames);
    match a.format {
        DiffFormat::Human => edge_atlas::term::say(diff::human::render(&d).trim_end_matches('\n')),
        // Each escaped what it shows of the data for its own readers.
        DiffFormat::Markdown => edge_atlas::term::machine(&diff::markdown::render(&d)),
        DiffFormat::Json => edge_atlas::term::machine(&diff::json::render(&d)),
    }
    if let (Some(dir), Some(b), Some(h)) = (&a.figures, &base.graph, &head.graph) {
        let out = super::out_dir(dir, Durability::Cached)?;
        let staged = diff::images::stage(&out, b, h, &d.figures).context("drawing the figures")?;
        let n = staged.len() / 3;
        super::committed(out.commit(staged).context("putting the figures in place")?);
        tell!("{n} figure(s) changed: written to {} (BASE, HEAD, side by side)", dir.display());
    }
    if !d.head.imported {
        return Err(Failure::HeadInvalid);
    }
    Ok(())
}
