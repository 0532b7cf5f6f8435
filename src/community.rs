//! Communities: Louvain modularity clustering (Blondel et al. 2008), deterministic. Nodes are
//! visited in seeded orders and a node moves only to a strictly better community (the first
//! met among equals), so the same graph always gives the same partition; communities are
//! numbered biggest first.

/// A weighted undirected graph as adjacency lists; `own[i]` is the weight inside node `i`
/// (the edges folded into it when communities became nodes), counted once.
struct Weighted {
    adjacent: Vec<Vec<(u32, f64)>>,
    own: Vec<f64>,
}

impl Weighted {
    fn degree(&self, i: usize) -> f64 {
        2.0 * self.own[i] + self.adjacent[i].iter().map(|&(_, w)| w).sum::<f64>()
    }
}

/// Louvain runs, each visiting nodes in another seeded order, on graphs up to this size (the
/// best partition is kept; Louvain's result depends on the order).
const RUNS: usize = 8;
const RUNS_UP_TO: usize = 50_000;

/// The community of each node (0 the biggest) for a simple graph of `n` nodes; isolated
/// nodes are communities of their own. The best of several orders on graphs up to
/// `RUNS_UP_TO` nodes; ties go to the earlier order.
pub fn louvain(n: usize, edges: &[(u32, u32)], resolution: f64) -> Vec<u32> {
    let runs = if n <= RUNS_UP_TO { RUNS } else { 1 };
    let mut best: Option<(f64, Vec<u32>)> = None;
    for run in 0..runs as u64 {
        let of = louvain_in_order(n, edges, resolution, run);
        let q = modularity(n, edges, &of, resolution);
        if best.as_ref().is_none_or(|(b, _)| q > *b) {
            best = Some((q, of));
        }
    }
    best.map(|(_, of)| of).unwrap_or_default()
}

/// One Louvain run; order 0 visits nodes in node order, others in an order shuffled by it.
fn louvain_in_order(n: usize, edges: &[(u32, u32)], resolution: f64, order: u64) -> Vec<u32> {
    let mut adjacent = vec![Vec::new(); n];
    for &(a, b) in edges {
        adjacent[a as usize].push((b, 1.0));
        adjacent[b as usize].push((a, 1.0));
    }
    let mut g = Weighted { adjacent, own: vec![0.0; n] };
    let mut of: Vec<u32> = (0..n as u32).collect();
    loop {
        let (moved, level) = one_level(&g, resolution, order);
        if !moved {
            break;
        }
        let count = level.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
        of.iter_mut().for_each(|c| *c = level[*c as usize]);
        g = aggregate(&g, &level, count);
    }
    number_by_size(&of)
}

/// Moves nodes between communities while modularity rises; returns whether any moved and
/// each node's community, numbered from 0 in the order of their first node.
fn one_level(g: &Weighted, resolution: f64, order: u64) -> (bool, Vec<u32>) {
    let n = g.own.len();
    let mut visit: Vec<usize> = (0..n).collect();
    if order > 0 {
        // Fisher-Yates, seeded by the order's number.
        for i in (1..n).rev() {
            let draw = splitmix(order.wrapping_mul(1 << 32) ^ i as u64);
            visit.swap(i, (draw % (i as u64 + 1)) as usize);
        }
    }
    let k: Vec<f64> = (0..n).map(|i| g.degree(i)).collect();
    let m2: f64 = k.iter().sum();
    let mut of: Vec<u32> = (0..n as u32).collect();
    if m2 <= 0.0 {
        return (false, of);
    }
    let mut total = k.clone();
    let mut weight_to = vec![0.0; n];
    let mut touched: Vec<u32> = Vec::new();
    let mut moved_ever = false;
    loop {
        let mut moved = false;
        for &i in &visit {
            let here = of[i];
            for &(j, w) in &g.adjacent[i] {
                let c = of[j as usize];
                if weight_to[c as usize] == 0.0 {
                    touched.push(c);
                }
                weight_to[c as usize] += w;
            }
            total[here as usize] -= k[i];
            let gain = |c: u32| weight_to[c as usize] - resolution * total[c as usize] * k[i] / m2;
            let mut best = (gain(here), here);
            for &c in &touched {
                let g = gain(c);
                if g > best.0 + 1e-12 {
                    best = (g, c);
                }
            }
            total[best.1 as usize] += k[i];
            if best.1 != here {
                of[i] = best.1;
                moved = true;
            }
            touched.drain(..).for_each(|c| weight_to[c as usize] = 0.0);
        }
        moved_ever |= moved;
        if !moved {
            break;
        }
    }
    // Renumber in the order of first appearance.
    let mut number = vec![u32::MAX; n];
    let mut next = 0;
    for c in of.iter_mut() {
        if number[*c as usize] == u32::MAX {
            number[*c as usize] = next;
            next += 1;
        }
        *c = number[*c as usize];
    }
    (moved_ever, of)
}

/// The graph whose nodes are the communities of `level`.
fn aggregate(g: &Weighted, level: &[u32], count: usize) -> Weighted {
    let mut own = vec![0.0; count];
    let mut sums: Vec<Vec<(u32, f64)>> = vec![Vec::new(); count];
    for (i, list) in g.adjacent.iter().enumerate() {
        let c = level[i];
        own[c as usize] += g.own[i];
        for &(j, w) in list {
            let d = level[j as usize];
            if c == d {
                // Seen from both ends: half each time.
                own[c as usize] += w / 2.0;
            } else {
                sums[c as usize].push((d, w));
            }
        }
    }
    let adjacent = sums
        .into_iter()
        .map(|mut list| {
            list.sort_by_key(|&(d, _)| d);
            let mut merged: Vec<(u32, f64)> = Vec::with_capacity(list.len());
            for (d, w) in list {
                match merged.last_mut() {
                    Some(last) if last.0 == d => last.1 += w,
                    _ => merged.push((d, w)),
                }
            }
            merged
        })
        .collect();
    Weighted { adjacent, own }
}

/// Community numbers by size, biggest first; equal sizes in the order of their first node.
fn number_by_size(of: &[u32]) -> Vec<u32> {
    let count = of.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
    let mut size = vec![0usize; count];
    let mut first = vec![usize::MAX; count];
    for (i, &c) in of.iter().enumerate() {
        size[c as usize] += 1;
        first[c as usize] = first[c as usize].min(i);
    }
    let mut order: Vec<usize> = (0..count).filter(|&c| size[c] > 0).collect();
    order.sort_by_key(|&c| (std::cmp::Reverse(size[c]), first[c]));
    let mut number = vec![0u32; count];
    for (rank, &c) in order.iter().enumerate() {
        number[c] = rank as u32;
    }
    of.iter().map(|&c| number[c as usize]).collect()
}

/// splitmix64's output function: well-spread bits from any seed.
pub(crate) fn splitmix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Newman's modularity of a partition of a simple graph.
pub fn modularity(n: usize, edges: &[(u32, u32)], of: &[u32], resolution: f64) -> f64 {
    let m = edges.len() as f64;
    if m == 0.0 {
        return 0.0;
    }
    let count = of.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
    let (mut inside, mut total) = (vec![0.0; count], vec![0.0; count]);
    let mut degree = vec![0.0; n];
    for &(a, b) in edges {
        degree[a as usize] += 1.0;
        degree[b as usize] += 1.0;
        if of[a as usize] == of[b as usize] {
            inside[of[a as usize] as usize] += 1.0;
        }
    }
    for (i, d) in degree.iter().enumerate() {
        total[of[i] as usize] += d;
    }
    inside.iter().zip(&total).map(|(l, d)| l / m - resolution * (d / (2.0 * m)).powi(2)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `k` cliques of `size` nodes, each joined to the next by one edge.
    fn cliques(k: u32, size: u32) -> Vec<(u32, u32)> {
        let mut edges = Vec::new();
        for c in 0..k {
            let base = c * size;
            for a in 0..size {
                for b in a + 1..size {
                    edges.push((base + a, base + b));
                }
            }
            edges.push((base, ((c + 1) % k) * size + 1));
        }
        edges.iter_mut().for_each(|e| *e = (e.0.min(e.1), e.0.max(e.1)));
        edges
    }

    #[test]
    fn a_ring_of_cliques_splits_into_its_cliques() {
        let edges = cliques(8, 6);
        let of = louvain(48, &edges, 1.0);
        for c in 0..8 {
            let first = of[c * 6];
            assert!((c * 6..c * 6 + 6).all(|i| of[i] == first), "clique {c} split: {of:?}");
        }
        let distinct: std::collections::BTreeSet<u32> = of.iter().copied().collect();
        assert_eq!(distinct.len(), 8);
        // The known optimum of a ring of cliques.
        let q = modularity(48, &edges, &of, 1.0);
        let m = edges.len() as f64;
        // Each clique: 15 edges inside, degrees summing to 2 * 15 + 2.
        let expected = 8.0 * (15.0 / m - (32.0 / (2.0 * m)).powi(2));
        assert!((q - expected).abs() < 1e-9, "{q} vs {expected}");
    }

    #[test]
    fn isolated_nodes_and_empty_graphs_stay_alone() {
        assert_eq!(louvain(3, &[], 1.0), vec![0, 1, 2]);
        assert_eq!(louvain(0, &[], 1.0), Vec::<u32>::new());
        let of = louvain(5, &[(0, 1), (1, 2), (0, 2)], 1.0);
        assert_eq!(of, vec![0, 0, 0, 1, 2], "the triangle is the biggest; then the isolated nodes in order");
        assert_eq!(modularity(5, &[], &of, 1.0), 0.0);
    }
}
