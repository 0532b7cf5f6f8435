//! `edge-atlas import LIST_DIR`: update data/ from the list's Markdown.

use super::Failure;
use super::args::ImportArgs;

pub fn run(_a: ImportArgs) -> Result<(), Failure> {
    Err(Failure::Other(anyhow::anyhow!(
        "import is not implemented yet"
    )))
}
