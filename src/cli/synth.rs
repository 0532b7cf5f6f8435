//! `edge-atlas synth`: a synthetic data/ for benchmarks.

use anyhow::Context as _;

use super::Failure;
use super::args::SynthArgs;

pub fn run(a: SynthArgs) -> Result<(), Failure> {
    let c = edge_atlas::synth::generate(&a.out, a.entries, a.seed).context("writing synthetic data")?;
    say!("{}: {} entries, {} relations", a.out.display(), c.entries, c.relations);
    Ok(())
}
