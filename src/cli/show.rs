//! `edge-atlas show ENTRY`: one entry and its relations.

use super::args::{ShowArgs, ShowFormat};
use super::progress::Progress;
use super::{Failure, load, resolve};

pub fn run(a: ShowArgs) -> Result<(), Failure> {
    let g = load(&a.data.data, &mut Progress::new())?;
    let n = resolve(&g, &a.entry)?;
    match a.format {
        ShowFormat::Text => print!("{}", edge_atlas::term::clean(&edge_atlas::show::render(&g, n))),
        ShowFormat::Json => println!("{}", edge_atlas::show::json(&g, n)),
    }
    Ok(())
}
