//! ForceAtlas2 on a graph given as a file, timed: `cargo bench --bench layout -- IN OUT`.
//! IN is what scripts/bench_layout.py writes (first line `nodes edges iterations theta`,
//! then one `x y` line per node, then one `a b` line per edge); OUT gets one `x y` line per
//! node after the iterations and its Louvain community (`x y community`), and one JSON line
//! with the seconds of each goes to stdout. Settings as scripts/fa2_graphology.js gives the
//! baseline: scaling 10, gravity 1, no LinLog.

use std::io::Write as _;
use std::time::Instant;

use anyhow::Context as _;
use edge_atlas::layout::{Layout, Settings};

fn main() -> anyhow::Result<()> {
    // `cargo bench` passes `--bench`; the rest are the two files.
    let files: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let [input, output] = files.as_slice() else { anyhow::bail!("usage: cargo bench --bench layout -- IN OUT") };
    let text = std::fs::read_to_string(input).with_context(|| format!("reading {input}"))?;
    let mut lines = text.lines();
    let head: Vec<f64> = lines.next().context("empty input")?.split(' ').map(str::parse).collect::<Result<_, _>>()?;
    let [n, m, iterations, theta] = head[..] else { anyhow::bail!("bad first line") };
    let (mut x, mut y) = (Vec::with_capacity(n as usize), Vec::with_capacity(n as usize));
    for line in lines.by_ref().take(n as usize) {
        let (a, b) = line.split_once(' ').context("bad position")?;
        x.push(a.parse::<f64>()?);
        y.push(b.parse::<f64>()?);
    }
    let mut edges = Vec::with_capacity(m as usize);
    for line in lines.take(m as usize) {
        let (a, b) = line.split_once(' ').context("bad edge")?;
        edges.push((a.parse::<u32>()?, b.parse::<u32>()?));
    }
    let settings = Settings { iterations: iterations as usize, theta, ..Settings::default() };
    let started = Instant::now();
    let mut layout = Layout::new(x, y, &edges, None);
    layout.run(&settings);
    let seconds = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let community = edge_atlas::community::louvain(n as usize, &edges, 1.0);
    let louvain_seconds = started.elapsed().as_secs_f64();
    let mut out = std::io::BufWriter::new(std::fs::File::create(output)?);
    for ((x, y), c) in layout.x.iter().zip(&layout.y).zip(&community) {
        writeln!(out, "{x} {y} {c}")?;
    }
    out.flush()?;
    println!(
        "{{\"nodes\": {n}, \"edges\": {m}, \"iterations\": {iterations}, \"seconds\": {seconds:.4}, \
         \"louvain_seconds\": {louvain_seconds:.4}}}"
    );
    Ok(())
}
