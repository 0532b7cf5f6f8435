//! `edge-atlas diff BASE HEAD`: what a change to the list does, in the chosen format.

use std::path::PathBuf;

use edge_atlas::diff::{self, Sides};

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
    // Every renderer escapes what it shows of the data for its own language.
    print!(
        "{}",
        match a.format {
            DiffFormat::Human => diff::human::render(&d),
            DiffFormat::Markdown => diff::markdown::render(&d),
            DiffFormat::Json => diff::json::render(&d),
        }
    );
    if !d.head.imported {
        return Err(Failure::HeadInvalid);
    }
    Ok(())
}
