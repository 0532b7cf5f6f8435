//! `related` latency inside one process, after load: `cargo bench --bench related -- DATA [QUERIES]`.
//!
//! Queries are entries spread evenly over `kind:id` order (every len/QUERIES-th), the same
//! choice as `scripts/baseline.py related`, plus the 10 entries with most neighbours (the
//! hubs themselves), each asking for the top 10. Each query is timed twice: the ranking alone
//! (`related::related`) and what the `related` command answers (`answer::answer`: the direct
//! links, then the ranking of the rest). Prints one JSON line.

use std::time::Instant;

use edge_atlas::graph::KnowledgeGraph;
use edge_atlas::query::{Undirected, answer, related};

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
    let mut chosen: Vec<_> = order.iter().copied().step_by(step).take(queries).collect();
    let mut by_degree = order.clone();
    by_degree.sort_by_key(|&n| std::cmp::Reverse(u.degree(n)));
    let hubs: Vec<_> = by_degree.into_iter().take(10).collect();
    chosen.extend(hubs.iter().filter(|n| !chosen.contains(n)).collect::<Vec<_>>());
    let (mut ranking, mut command, mut hub_ms) = (Vec::new(), Vec::new(), Vec::new());
    let mut found = 0;
    let mut slowest = Vec::new();
    for &n in &chosen {
        let t = Instant::now();
        found += related::related(&g, &u, n, &[], 10).len();
        ranking.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        std::hint::black_box(answer::answer(&g, &u, n, &[], 10));
        command.push(t.elapsed().as_secs_f64() * 1e3);
        slowest.push((command[command.len() - 1], ranking[ranking.len() - 1], n));
        if hubs.contains(&n) {
            hub_ms.push(command[command.len() - 1]);
        }
    }
    let stats = |ms: &mut Vec<f64>| {
        ms.sort_by(f64::total_cmp);
        let pct = |p: f64| ms[((ms.len() as f64 * p).ceil() as usize).clamp(1, ms.len()) - 1];
        let mean = ms.iter().sum::<f64>() / ms.len().max(1) as f64;
        format!(r#""p50_ms":{:.3},"p99_ms":{:.3},"max_ms":{:.3},"mean_ms":{mean:.3}"#, pct(0.5), pct(0.99), pct(1.0))
    };
    let max_degree = g.nodes().map(|n| u.degree(n)).max().unwrap_or(0);
    slowest.sort_by(|a, b| b.0.total_cmp(&a.0));
    let slowest: Vec<String> = slowest
        .iter()
        .take(5)
        .map(|(c, r, n)| {
            format!(
                r#"{{"key":"{}","degree":{},"command_ms":{c:.3},"ranking_ms":{r:.3}}}"#,
                g.node(*n).key,
                u.degree(*n)
            )
        })
        .collect();
    println!(
        r#"{{"tool":"edge-atlas","data":{data:?},"nodes":{},"edges":{},"max_degree":{max_degree},"load_s":{load_s:.3},"index_s":{index_s:.3},"queries":{},"hubs":{},"results":{found},{},"command":{{{}}},"hubs_command":{{{}}},"slowest":[{}]}}"#,
        g.node_count(),
        g.edge_count(),
        chosen.len(),
        hubs.len(),
        stats(&mut ranking),
        stats(&mut command),
        stats(&mut hub_ms),
        slowest.join(","),
    );
    Ok(())
}
