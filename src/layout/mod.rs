//! Node positions for the map and the exports: ForceAtlas2 on each connected component, from
//! start positions seeded by the nodes' ids (or given, e.g. the previous release's), the
//! components then packed side by side. Same graph and starts, same bits.

pub mod file;
pub mod forceatlas2;
mod pack;
mod quadtree;

use crate::graph::KnowledgeGraph;
pub use forceatlas2::{Layout, Settings};
use pack::Bounds;

/// A point on the map.
pub type Point = [f64; 2];

/// Whether the exports carry a map (positions and communities).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Choice {
    /// ForceAtlas2 up to 20,000 nodes, none above (a layout of a million nodes would take
    /// longer than the rest of the build).
    #[default]
    Auto,
    /// ForceAtlas2 at any size.
    Forceatlas2,
    /// No positions or communities.
    None,
}

/// The jitter tolerance of a component started mostly from given positions (Gephi's default).
const REFINE_TOLERANCE: f64 = 1.0;

/// The largest graph `Choice::Auto` lays out.
pub const AUTO_MAX_NODES: usize = 20_000;

/// The map the outputs of `g` carry, as `choice` says: laid out from the positions pinned in
/// `data_dir` ([`file::START_FILE`]), or none.
pub fn for_outputs(
    g: &KnowledgeGraph,
    data_dir: &std::path::Path,
    choice: Choice,
    settings: &Settings,
) -> Result<Option<Map>, crate::diag::Diagnostics> {
    let wanted = match choice {
        Choice::Auto => g.node_count() <= AUTO_MAX_NODES,
        Choice::Forceatlas2 => true,
        Choice::None => false,
    };
    if !wanted {
        return Ok(None);
    }
    let start = file::read(g, &data_dir.join(file::START_FILE))?;
    Ok(Some(Map::of(g, &start, settings)))
}

/// The undirected simple graph under a knowledge graph: each linked pair once (the smaller
/// node first), in node order; self-loops dropped.
pub fn simple_edges(g: &KnowledgeGraph) -> Vec<(u32, u32)> {
    let mut edges: Vec<(u32, u32)> = g
        .edges()
        .filter(|(a, _, b)| a != b)
        .map(|(a, _, b)| (a.index().min(b.index()) as u32, a.index().max(b.index()) as u32))
        .collect();
    edges.sort_unstable();
    edges.dedup();
    edges
}

/// A node's seed: its `kind:id` hashed (FNV-1a), so a node starts at the same place whatever
/// else is added to the graph.
pub fn seed_of(key: &str) -> u64 {
    key.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ b as u64).wrapping_mul(0x100_0000_01b3))
}

/// A knowledge graph's map: each node's position and community, in node order.
pub struct Map {
    pub positions: Vec<Point>,
    pub community: Vec<u32>,
    pub components: usize,
    pub communities: usize,
    /// Of the communities, on the simple graph.
    pub modularity: f64,
}

impl Map {
    /// Node `i`'s position as every output writes it: to two decimals, which every machine
    /// rounds alike.
    pub fn written(&self, i: usize) -> Point {
        self.positions[i].map(|v| (v * 100.0).round() / 100.0)
    }

    /// Lays out `g` from `start` (node order; none for a node without one) and finds its
    /// communities.
    pub fn of(g: &KnowledgeGraph, start: &[Option<Point>], settings: &Settings) -> Map {
        let edges = simple_edges(g);
        let seeds: Vec<u64> = g.nodes().map(|n| seed_of(&g.node(n).key.to_string())).collect();
        let n = seeds.len();
        let (positions, community) =
            crate::par::join(|| layout(&seeds, &edges, start, settings), || crate::community::louvain(n, &edges, 1.0));
        Map {
            components: components(n, &edges).count,
            communities: community.iter().map(|&c| c as usize + 1).max().unwrap_or(0),
            modularity: crate::community::modularity(n, &edges, &community, 1.0),
            positions,
            community,
        }
    }
}

/// Lays out `seeds.len()` nodes joined by `edges` (a simple graph, as `simple_edges` makes).
/// Nodes with a `start` begin there; the others next to their placed neighbours, or where
/// their seed puts them.
pub fn layout(seeds: &[u64], edges: &[(u32, u32)], start: &[Option<Point>], settings: &Settings) -> Vec<Point> {
    let n = seeds.len();
    let components = components(n, edges);
    let mut at = initial(seeds, edges, start);
    // Each component on its own: its nodes renumbered from 0, in node order.
    let mut local = vec![0u32; n];
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); components.count];
    for (i, &c) in components.of.iter().enumerate() {
        local[i] = members[c as usize].len() as u32;
        members[c as usize].push(i as u32);
    }
    let mut component_edges: Vec<Vec<(u32, u32)>> = vec![Vec::new(); components.count];
    for &(a, b) in edges {
        component_edges[components.of[a as usize] as usize].push((local[a as usize], local[b as usize]));
    }
    for (nodes, edges) in members.iter().zip(&component_edges) {
        if nodes.len() < 2 {
            continue;
        }
        // Centred first, so gravity does not drag a component placed off-centre.
        let (cx, cy) = centroid(nodes.iter().map(|&i| at[i as usize]));
        let x = nodes.iter().map(|&i| at[i as usize][0] - cx).collect();
        let y = nodes.iter().map(|&i| at[i as usize][1] - cy).collect();
        let sizes: Vec<f64> = {
            let mut degree = vec![1.0f64; nodes.len()];
            edges.iter().for_each(|&(a, b)| [a, b].iter().for_each(|&v| degree[v as usize] += 1.0));
            degree.iter().map(|m| m.sqrt()).collect()
        };
        let before: Vec<Option<Point>> = nodes.iter().map(|&i| given(start, i as usize)).collect();
        // A component mostly placed already (the previous release's map) is refined, not
        // laid out again: at Gephi's tolerance the old nodes stay where they were.
        let refine = 2 * before.iter().flatten().count() >= nodes.len();
        let settings = Settings {
            jitter_tolerance: if refine {
                settings.jitter_tolerance.min(REFINE_TOLERANCE)
            } else {
                settings.jitter_tolerance
            },
            ..*settings
        };
        let mut l = Layout::new(x, y, edges, Some(&sizes));
        l.run(&settings);
        let mut placed: Vec<Point> = l.x.iter().zip(&l.y).map(|(&x, &y)| [x, y]).collect();
        align(&mut placed, &before);
        for (&i, p) in nodes.iter().zip(placed) {
            at[i as usize] = p;
        }
    }
    // Biggest component first; equal sizes in the order of their first node.
    let mut order: Vec<usize> = (0..components.count).collect();
    order.sort_by_key(|&c| std::cmp::Reverse(members[c].len()));
    let boxes: Vec<Bounds> = order.iter().map(|&c| Bounds::of(members[c].iter().map(|&i| at[i as usize]))).collect();
    let offsets = pack::pack(&boxes, spacing(&members, &order, &boxes));
    for (&c, offset) in order.iter().zip(offsets) {
        for &i in &members[c] {
            let p = &mut at[i as usize];
            *p = [p[0] + offset[0], p[1] + offset[1]];
        }
    }
    at
}

/// Space between components: the biggest one's spacing per node (isolated nodes get a cell).
fn spacing(members: &[Vec<u32>], order: &[usize], boxes: &[Bounds]) -> f64 {
    let Some((&c, b)) = order.first().zip(boxes.first()) else { return 1.0 };
    let area = (b.max[0] - b.min[0]) * (b.max[1] - b.min[1]);
    (area / members[c].len() as f64).sqrt().max(1.0)
}

/// Turns `placed` about its centre by the rotation that best matches the nodes that had a
/// start position (least squares), so that a layout grown from the previous one is not also
/// turned: force layouts are free to drift around their centre.
fn align(placed: &mut [Point], before: &[Option<Point>]) {
    let pairs = || placed.iter().zip(before).filter_map(|(p, b)| b.map(|b| (*p, b)));
    if pairs().count() < 2 {
        return;
    }
    let (px, py) = centroid(pairs().map(|(p, _)| p));
    let (bx, by) = centroid(pairs().map(|(_, b)| b));
    let (mut dot, mut cross) = (0.0, 0.0);
    for (p, b) in pairs() {
        let (p, b) = ([p[0] - px, p[1] - py], [b[0] - bx, b[1] - by]);
        dot += p[0] * b[0] + p[1] * b[1];
        cross += p[0] * b[1] - p[1] * b[0];
    }
    let angle = cross.atan2(dot);
    let (sin, cos) = angle.sin_cos();
    for p in placed.iter_mut() {
        let (x, y) = (p[0] - px, p[1] - py);
        *p = [px + x * cos - y * sin, py + x * sin + y * cos];
    }
}

fn centroid(points: impl Iterator<Item = Point>) -> (f64, f64) {
    let (mut sx, mut sy, mut count) = (0.0, 0.0, 0.0);
    for p in points {
        (sx, sy, count) = (sx + p[0], sy + p[1], count + 1.0);
    }
    if count > 0.0 { (sx / count, sy / count) } else { (0.0, 0.0) }
}

/// Start positions: given ones kept; a new node next to the mean of its placed neighbours;
/// the rest in a disc whose area grows with the node count, at angles and radii from seeds.
fn initial(seeds: &[u64], edges: &[(u32, u32)], start: &[Option<Point>]) -> Vec<Point> {
    let n = seeds.len();
    let radius = 10.0 * (n as f64).sqrt();
    let unit = |s: u64, k: u64| (crate::community::splitmix(s ^ k) >> 11) as f64 / (1u64 << 53) as f64;
    let jitter = |s: u64| {
        let (r, a) = (radius * unit(s, 1).sqrt(), std::f64::consts::TAU * unit(s, 2));
        [r * a.cos(), r * a.sin()]
    };
    let given = |i: usize| given(start, i);
    let mut sum = vec![[0.0, 0.0, 0.0]; n];
    for &(a, b) in edges {
        for (u, v) in [(a as usize, b as usize), (b as usize, a as usize)] {
            if let (None, Some(p)) = (given(u), given(v)) {
                sum[u] = [sum[u][0] + p[0], sum[u][1] + p[1], sum[u][2] + 1.0];
            }
        }
    }
    (0..n)
        .map(|i| match given(i) {
            Some(p) => p,
            None if sum[i][2] > 0.0 => {
                let j = jitter(seeds[i]);
                [sum[i][0] / sum[i][2] + j[0] / radius, sum[i][1] / sum[i][2] + j[1] / radius]
            }
            None => jitter(seeds[i]),
        })
        .collect()
}

/// Node `i`'s start position, if it has a finite one.
fn given(start: &[Option<Point>], i: usize) -> Option<Point> {
    start.get(i).copied().flatten().filter(|p| p.iter().all(|v| v.is_finite()))
}

/// Connected components: `of[i]` numbers them in the order of their first node.
pub struct Components {
    pub of: Vec<u32>,
    pub count: usize,
}

pub fn components(n: usize, edges: &[(u32, u32)]) -> Components {
    let mut parent: Vec<u32> = (0..n as u32).collect();
    fn root(parent: &mut [u32], mut i: u32) -> u32 {
        while parent[i as usize] != i {
            parent[i as usize] = parent[parent[i as usize] as usize];
            i = parent[i as usize];
        }
        i
    }
    for &(a, b) in edges {
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        if ra != rb {
            parent[ra.max(rb) as usize] = ra.min(rb);
        }
    }
    let mut number = vec![u32::MAX; n];
    let mut of = vec![0; n];
    let mut count = 0;
    for i in 0..n as u32 {
        let r = root(&mut parent, i) as usize;
        if number[r] == u32::MAX {
            number[r] = count;
            count += 1;
        }
        of[i as usize] = number[r];
    }
    Components { of, count: count as usize }
}

#[cfg(test)]
mod tests;
