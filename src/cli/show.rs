//! `edge-atlas show ENTRY`: one entry and its relations.

use super::args::ShowArgs;
use super::progress::Progress;
use super::{Failure, load};

pub fn run(a: ShowArgs) -> Result<(), Failure> {
    let g = load(&a.data.data, &mut Progress::new())?;
    let n = g.resolve(&a.entry, &[])?;
    print!("{}", edge_atlas::show::render(&g, n));
    Ok(())
}
