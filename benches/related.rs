//! `related` latency inside one process, after load: `cargo bench --bench related -- DATA [QUERIES]`.
//!
//! Queries are entries spread evenly over `kind:id` order (every len/QUERIES-th), the same
//! choice as `scripts/baseline.py related`, each asking for the top 10. Prints one JSON line.

use std::time::Instant;

use edge_atlas::graph::KnowledgeGraph;
use edge_atlas::query::{Undirected, related};

fn main() -> anyhow::Result<()> {
    // `cargo bench` passes `--bench`; the rest are ours.
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let data = args.first().map_or("data", String::as_str);
    let queries: usize = args.get(1).map_or(Ok(200), |q| q.parse())?;

    let t = Instant::now();
    let loaded = edge_atlas::data::load(std::path::Path::new(data))?;
    let g = KnowledgeGraph::build(loaded);
    let load_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let u = Undirected::new(&g);
    let index_s = t.elapsed().as_secs_f64();

    let mut order: Vec<_> = g.nodes().collect();
    order.sort_by_key(|&n| u.rank(n));
    let step = (order.len() / queries.max(1)).max(1);
    let mut ms: Vec<f64> = Vec::new();
    let mut found = 0;
    for &n in order.iter().step_by(step).take(queries) {
        let t = Instant::now();
        found += related::related(&g, &u, n, &[], 10).len();
        ms.push(t.elapsed().as_secs_f64() * 1e3);
    }
    ms.sort_by(f64::total_cmp);
    let pct = |p: f64| ms[((ms.len() as f64 * p).ceil() as usize).clamp(1, ms.len()) - 1];
    let max_degree = g.nodes().map(|n| u.degree(n)).max().unwrap_or(0);
    let mean = ms.iter().sum::<f64>() / ms.len().max(1) as f64;
    println!(
        r#"{{"tool":"edge-atlas","data":{data:?},"nodes":{},"edges":{},"max_degree":{max_degree},"load_s":{load_s:.3},"index_s":{index_s:.3},"queries":{},"results":{found},"p50_ms":{:.3},"p99_ms":{:.3},"max_ms":{:.3},"mean_ms":{mean:.3}}}"#,
        g.node_count(),
        g.edge_count(),
        ms.len(),
        pct(0.5),
        pct(0.99),
        pct(1.0)
    );
    Ok(())
}
