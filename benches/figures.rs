//! The emergence figure with many releases in one month, the worst case for label placement:
//! `cargo bench --bench figures -- 5000 20000` prints one JSON line per count with the
//! seconds taken to draw (placement included) and to render the PNG.
//!
//! Releases are written as a data/ (one organisation per 40 releases, sizes spread over
//! 0.1B-30B on a log scale, names 6-24 characters), all released 2024-06, loaded and drawn as
//! `build` does. Same counts, same data: runs on two checkouts compare.

use std::fmt::Write as _;
use std::time::Instant;

use edge_atlas::graph::KnowledgeGraph;
use edge_atlas::render::ImageFormat;
use edge_atlas::timeline::emergence;

fn main() -> anyhow::Result<()> {
    // `cargo bench` passes `--bench`; the rest are counts.
    let counts: Vec<usize> =
        std::env::args().skip(1).filter(|a| !a.starts_with("--")).map(|a| a.parse()).collect::<Result<_, _>>()?;
    for n in if counts.is_empty() { vec![5000, 20000] } else { counts } {
        let dir = tempfile::tempdir()?;
        write_data(dir.path(), n)?;
        let g = KnowledgeGraph::build(edge_atlas::data::load(dir.path()).map_err(|d| anyhow::anyhow!("{d:?}"))?);
        let t = Instant::now();
        let fig = emergence::draw(&g, &emergence::Options::default());
        let draw_s = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let png = fig.scene.render(ImageFormat::Png);
        let render_s = t.elapsed().as_secs_f64();
        let labelled =
            fig.points.iter().map(|p| p.model).collect::<std::collections::BTreeSet<_>>().len() - fig.unlabelled.len();
        println!(
            "{{\"releases\":{n},\"draw_s\":{draw_s:.3},\"render_png_s\":{render_s:.3},\"labelled\":{labelled},\"png_bytes\":{}}}",
            png.len()
        );
    }
    Ok(())
}

/// organisations.csv and models.csv for `n` releases in 2024-06, from a fixed xorshift seed.
fn write_data(dir: &std::path::Path, n: usize) -> std::io::Result<()> {
    let mut x = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let orgs = n.div_ceil(40);
    let mut o = String::from("id,name,colour\n");
    for i in 0..orgs {
        writeln!(o, "org-{i},Org {i},").unwrap();
    }
    let mut m = String::from(
        "id,name,family,organisations,sizes,edge,released,modalities,paper_url,code_url,official_url,hf_url\n",
    );
    for i in 0..n {
        let extra = "x".repeat((next() % 18) as usize);
        // 10^(8 + 2.5 u): 0.1B to about 30B.
        let params = 10f64.powf(8.0 + 2.5 * (next() % 10_000) as f64 / 10_000.0) / 1e6;
        writeln!(m, "m-{i},M{i}{extra},,org-{},{params:.0}M,yes,2024-06,,,,,", i % orgs).unwrap();
    }
    std::fs::write(dir.join("organisations.csv"), o)?;
    std::fs::write(dir.join("models.csv"), m)
}
