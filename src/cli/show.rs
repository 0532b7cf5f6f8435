//! `edge-atlas show ENTRY`: one entry and its relations.

use super::args::{ShowArgs, ShowFormat};
use super::progress::Progress;
use super::{Failure, load, resolve};

pub fn run(a: ShowArgs) -> Result<(), Failure> {
    let g = load(&a.data.data, &mut Progress::new())?;
    let n = resolve(&g, &a.entry)?;
    match a.format {
        ShowFormat::Text => edge_atlas::term::machine(&edge_atlas::term::clean(&edge_atlas::show::render(&g, n))),
        ShowFormat::Json => edge_atlas::term::machine(&format!("{}\n", edge_atlas::show::json(&g, n))),
    }
    Ok(())
}
