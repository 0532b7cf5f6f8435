//! Related entries, ranked by the Adamic-Adar index on the undirected graph:
//!
//!   score(x, y) = Σ over shared neighbours z of x and y of 1 / ln(degree(z))
//!
//! where degree counts distinct neighbours. A shared neighbour counts for more the fewer
//! entries it touches: a leaf technique with a handful of papers says more than a broad
//! section, a niche framework more than llama.cpp. Ties go to the entry whose `kind:id`
//! sorts first. Scores are compared at 1e-9, so networkx's `adamic_adar_index` on the
//! exported graph gives the same order (the conformance test checks it).

use petgraph::Direction;
use petgraph::graph::NodeIndex;

use super::{Half, Link, Scratch, Undirected, words};
use crate::attrs;
use crate::graph::KnowledgeGraph;
use crate::model::{EntryKind, RelationKind};

/// A neighbour both entries share: (the neighbour, how the query entry links to it, how
/// the related entry links to it).
pub type Shared = (NodeIndex, (RelationKind, Direction), (RelationKind, Direction));

/// One related entry, its score and what it shares with the query entry.
#[derive(Debug, Clone)]
pub struct Related {
    pub node: NodeIndex,
    pub score: f64,
    /// Shared neighbours, most specific first.
    pub shared: Vec<Shared>,
    /// Months between the two entries' dates, when both have one.
    pub months_apart: Option<i64>,
}

/// Neighbours with more distinct neighbours than this are hubs: they are not expanded
/// entry by entry (a hub's 100,000 papers all get the same small weight from it).
const HUB_DEGREE: usize = 1024;

/// When a query is split across two threads (see `spread_split`), and how.
#[derive(Clone, Copy)]
struct Split {
    /// Above this many updates from light neighbours (or this many neighbours to intersect
    /// for the results' shared neighbours). On a hub, about a million random updates of a
    /// score array larger than the cache; a thread costs some 50 µs, nothing next to that.
    work: usize,
    /// Node ids per block: a block's scores (1 MiB) fit in the L2 cache.
    block: usize,
}

const SPLIT: Split = Split { work: 1 << 17, block: 1 << 17 };

/// What a ranking is asked for: of which kinds (all when empty), how many, whether the
/// direct neighbours are left out, and when to split it.
#[derive(Clone, Copy)]
struct Ask<'a> {
    kinds: &'a [EntryKind],
    top: usize,
    skip_direct: bool,
    split: Split,
}

/// A candidate's order: higher score first (compared at 1e-9), then lower `kind:id` rank.
type Order = (std::cmp::Reverse<i64>, u32);

fn order(score: f64, rank: u32) -> Order {
    (std::cmp::Reverse((score * 1e9).round() as i64), rank)
}

/// Scores the entries that share at least one neighbour with `n`, best first; `kinds`
/// keeps only those kinds (all when empty); at most `top`.
///
/// Exact, without walking every hub's neighbours: light neighbours (up to `HUB_DEGREE`)
/// are expanded; their candidates get the hubs' weights by binary search or from the
/// hub's list, whichever is shorter; entries reached
/// only through hubs are visited in `kind:id` order, merged across the hubs, and the walk
/// stops once no later entry can enter the top (their score is at most the hubs' total).
pub fn related(g: &KnowledgeGraph, u: &Undirected, n: NodeIndex, kinds: &[EntryKind], top: usize) -> Vec<Related> {
    rank(g, u, n, Ask { kinds, top, skip_direct: false, split: SPLIT })
}

/// As `related`, among the entries not linked to `n` directly: what the `related` command
/// ranks after listing the direct links. Direct neighbours are marked once and never
/// enter the top, so a hub's 100,000 neighbours cost a pass, not a top of 100,000.
pub fn beyond_direct(
    g: &KnowledgeGraph,
    u: &Undirected,
    n: NodeIndex,
    kinds: &[EntryKind],
    top: usize,
) -> Vec<Related> {
    rank(g, u, n, Ask { kinds, top, skip_direct: true, split: SPLIT })
}

fn rank(g: &KnowledgeGraph, u: &Undirected, n: NodeIndex, ask: Ask) -> Vec<Related> {
    if ask.top == 0 {
        return Vec::new();
    }
    u.with_scratch(|s| {
        let ranked = rank_with(g, u, n, ask, s);
        // The buffers go back cleared: only what this query wrote.
        s.touched.drain(..).for_each(|y| s.score[y.index()] = 0.0);
        u.neighbours(n).iter().for_each(|(m, _, _)| s.near[m.index()] = None);
        ranked
    })
}

fn rank_with(g: &KnowledgeGraph, u: &Undirected, n: NodeIndex, ask: Ask, s: &mut Scratch) -> Vec<Related> {
    let Ask { kinds, top, skip_direct, split } = ask;
    let Scratch { score, near, touched, split: halves } = s;
    // The neighbours of `n`, marked with how `n` links to them (left out of the ranking when
    // `skip_direct`; the shared neighbours of the results are found through the marks), and
    // sorted: light ones give their weight to their own neighbours, the candidates; hubs
    // add theirs after, to candidates only.
    let mut hubs: Vec<(NodeIndex, f64)> = Vec::new();
    let mut light: Vec<(&[Link], f64)> = Vec::new();
    let mut work = 0;
    for &(z, r, d) in u.neighbours(n) {
        near[z.index()] = Some((r, d));
        let Some(w) = u.weight(z) else { continue };
        let links = u.neighbours(z);
        if links.len() > HUB_DEGREE {
            hubs.push((z, w));
        } else {
            light.push((links, w));
            work += links.len();
        }
    }
    // Split only where the scores outgrow one block (the cache): below, one thread is as fast.
    if work > split.work && score.len() > split.block {
        spread_split(n, &light, split.block, score, touched, halves);
    } else {
        for &(links, w) in &light {
            for &(y, _, _) in links.iter().filter(|(y, _, _)| *y != n) {
                let s = &mut score[y.index()];
                if *s == 0.0 {
                    touched.push(y);
                }
                *s += w;
            }
        }
    }
    // What the hubs add to each candidate, from whichever side costs less: the hub's list
    // (one random access per entry), or a lookup per candidate (a binary search in its
    // list: several random accesses, so it counts four).
    for &(z, w) in &hubs {
        if u.degree(z) < 4 * touched.len() {
            for &(y, _, _) in u.neighbours(z) {
                // Only candidates (a score above 0) get the hub's weight.
                let s = &mut score[y.index()];
                if *s > 0.0 {
                    *s += w;
                }
            }
        } else {
            for y in touched.iter() {
                if u.link(*y, z).is_some() {
                    score[y.index()] += w;
                }
            }
        }
    }
    let (score, near) = (&*score, &*near);
    let wanted = |m: NodeIndex| {
        m != n
            && (kinds.is_empty() || kinds.contains(&g.node(m).key.kind))
            && !(skip_direct && near[m.index()].is_some())
    };
    // The top by score first (ties at the cut kept), so ranks are looked up for a few only:
    // the `top`-th best key in one pass with a small heap, where a score under the heap's
    // worst (`floor`, one unit of the 1e-9 rounding below it) costs one comparison; then
    // what reaches it.
    let mut heap = std::collections::BinaryHeap::with_capacity(top + 1);
    let mut floor = f64::NEG_INFINITY;
    for &y in touched.iter() {
        let s = score[y.index()];
        if s < floor || !wanted(y) {
            continue;
        }
        heap.push(order(s, 0).0);
        if heap.len() > top {
            heap.pop();
        }
        if heap.len() == top {
            floor = heap.peek().map_or(floor, |worst| (worst.0 - 1) as f64 / 1e9);
        }
    }
    let cut = if heap.len() == top { heap.peek().copied() } else { None };
    let mut best: Vec<(Order, NodeIndex, f64)> = touched
        .iter()
        .map(|&y| (y, score[y.index()]))
        .filter(|&(y, s)| s >= floor && cut.is_none_or(|c| order(s, 0).0 <= c) && wanted(y))
        .map(|(y, s)| ((order(s, 0).0, u.rank(y)), y, s))
        .collect();
    best.sort_unstable_by_key(|(o, _, _)| *o);
    best.truncate(top);

    // Entries reached only through hubs, in rank order across the hubs' neighbour lists.
    let hub_total: f64 = hubs.iter().map(|(_, w)| w).sum();
    let ceiling = order(hub_total, 0).0;
    let lists: Vec<(&[super::Link], f64)> = hubs.iter().map(|&(z, w)| (u.neighbours(z), w)).collect();
    let mut at = vec![0usize; lists.len()];
    loop {
        let next = lists.iter().zip(&at).filter_map(|((l, _), &i)| l.get(i)).map(|(y, _, _)| u.rank(*y)).min();
        let Some(rank) = next else { break };
        if best.len() == top {
            let worst = best[top - 1].0;
            // Every later entry scores at most `hub_total` and has a higher rank.
            if worst.0 < ceiling || (worst.0 == ceiling && worst.1 < rank) {
                break;
            }
        }
        let mut s = 0.0;
        let mut y = None;
        for ((l, w), i) in lists.iter().zip(at.iter_mut()) {
            if let Some(&(m, _, _)) = l.get(*i).filter(|(m, _, _)| u.rank(*m) == rank) {
                s += w;
                y = Some(m);
                *i += 1;
            }
        }
        let Some(y) = y else { break };
        if score[y.index()] > 0.0 || !wanted(y) {
            continue;
        }
        let o = order(s, rank);
        let place = best.partition_point(|(b, _, _)| *b < o);
        if place < top {
            best.insert(place, (o, y, s));
            best.truncate(top);
        }
    }

    // What each result shares with `n`: on two threads (every other result each) when it is
    // much, as when `n` and its results are hubs.
    let shared_of = |&(_, m, _): &(Order, NodeIndex, f64)| shared_neighbours(u, n, m, near);
    let shared_work: usize = best.iter().map(|(_, m, _)| u.degree(*m).min(u.degree(n))).sum();
    let mut shared: Vec<Vec<Shared>> = if shared_work > split.work {
        let (odd, even) = crate::par::join(
            || best.iter().skip(1).step_by(2).map(shared_of).collect::<Vec<_>>(),
            || best.iter().step_by(2).map(shared_of).collect::<Vec<_>>(),
        );
        let mut odd = odd.into_iter();
        even.into_iter().flat_map(|e| std::iter::once(e).chain(odd.next())).collect()
    } else {
        best.iter().map(shared_of).collect()
    };
    let date = |m: NodeIndex| attrs::date(&g.data, g.node(m)).map(|d| d.month_index());
    best.into_iter()
        .zip(shared.drain(..))
        .map(|((_, m, score), shared)| {
            let months_apart = date(n).zip(date(m)).map(|(a, b)| (a - b).abs());
            Related { node: m, score, shared, months_apart }
        })
        .collect()
}

/// Gives each light neighbour's weight (`light`: its neighbour list and weight, in the
/// order of `n`'s list) to its neighbours other than `n`, on two threads, in two passes.
/// First each thread reads half of the lists and sorts the updates into buckets by block
/// of node ids; then each adds up every other block, whose scores stay in its cache
/// (random updates of the whole array would miss it). A block takes the first thread's
/// bucket before the second's, so every score is summed in the order of `light`, as on
/// one thread: the same bits (floating-point sums depend on the order).
fn spread_split(
    n: NodeIndex,
    light: &[(&[Link], f64)],
    block: usize,
    score: &mut [f64],
    touched: &mut Vec<NodeIndex>,
    halves: &mut [Half; 2],
) {
    let blocks = score.len().div_ceil(block);
    // An update is the candidate and where its weight is in `light`: 8 bytes, not 16 (the
    // buckets of a hub query hold a million updates, written once and read once).
    let sort = |from: usize, part: &[(&[Link], f64)], buckets: &mut Vec<Vec<(NodeIndex, u32)>>| {
        buckets.resize_with(blocks, Vec::new);
        for (i, &(links, _)) in (from..).zip(part) {
            for &(y, _, _) in links.iter().filter(|(y, _, _)| *y != n) {
                buckets[y.index() / block].push((y, i as u32));
            }
        }
    };
    let [first, second] = halves;
    let half = light.len() / 2;
    let (front, back) = light.split_at(half);
    crate::par::join(|| sort(half, back, &mut second.buckets), || sort(0, front, &mut first.buckets));
    let add = |mine: Vec<(usize, &mut [f64])>, touched: &mut Vec<NodeIndex>| {
        for (b, scores) in mine {
            for &(y, i) in first.buckets[b].iter().chain(&second.buckets[b]) {
                let w = light[i as usize].1;
                let s = &mut scores[y.index() - b * block];
                if *s == 0.0 {
                    touched.push(y);
                }
                *s += w;
            }
        }
    };
    let (even, odd): (Vec<_>, Vec<_>) = score.chunks_mut(block).enumerate().partition(|(b, _)| b % 2 == 0);
    let mut theirs = std::mem::take(&mut second.touched);
    crate::par::join(|| add(odd, &mut theirs), || add(even, touched));
    touched.append(&mut theirs);
    second.touched = theirs;
    halves.iter_mut().flat_map(|h| h.buckets.iter_mut()).for_each(Vec::clear);
}

/// Neighbours of both `n` and `m` that count for the score (two or more neighbours), as
/// (neighbour, how `n` links to it, how `m` links to it), most specific first (fewest
/// neighbours, then node order). Found whichever way costs less: `n`'s list with a binary
/// search into `m`'s for each, or one pass over `m`'s list with `near` (how `n` links to
/// each node, if it does), so that two hubs are intersected in one pass.
fn shared_neighbours(
    u: &Undirected,
    n: NodeIndex,
    m: NodeIndex,
    near: &[Option<(RelationKind, Direction)>],
) -> Vec<Shared> {
    // Sorted by one number: degree in the high half, node in the low.
    let specific = |z: NodeIndex| Some((u.degree(z) as u64) << 32 | z.index() as u64).filter(|&k| k >> 32 >= 2);
    let (dn, dm) = (u.degree(n), u.degree(m));
    let search = dn * (usize::BITS - dm.leading_zeros()) as usize;
    let mut shared: Vec<(u64, Shared)> = if search <= dm {
        u.neighbours(n)
            .iter()
            .filter_map(|&(z, r, d)| {
                let &(_, r2, d2) = u.link(m, z)?;
                Some((specific(z)?, (z, (r, d), (r2, d2))))
            })
            .collect()
    } else {
        u.neighbours(m)
            .iter()
            // `near` first: most of a hub's neighbours are not shared, and their degrees
            // are random accesses.
            .filter_map(|&(z, r2, d2)| {
                let mine = near[z.index()]?;
                Some((specific(z)?, (z, mine, (r2, d2))))
            })
            .collect()
    };
    shared.sort_unstable_by_key(|&(k, _)| k);
    shared.into_iter().map(|(_, s)| s).collect()
}

/// Why an entry is related, in words: "both cover KV Cache Offloading; both implement
/// PowerInfer; 3 months apart". At most `max` shared neighbours are spelled out.
pub fn reason(g: &KnowledgeGraph, r: &Related, max: usize) -> String {
    let mut parts: Vec<String> = r
        .shared
        .iter()
        .take(max)
        .map(|(z, mine, theirs)| {
            let name = &g.node(*z).name;
            if mine == theirs {
                format!("both {} {name}", words::plural(mine.0, mine.1))
            } else {
                format!("{} / {} {name}", words::verb(mine.0, mine.1), words::verb(theirs.0, theirs.1))
            }
        })
        .collect();
    if r.shared.len() > max {
        parts.push(format!("{} more in common", r.shared.len() - max));
    }
    match r.months_apart {
        Some(0) => parts.push("same month".to_string()),
        Some(1) => parts.push("1 month apart".to_string()),
        Some(m) => parts.push(format!("{m} months apart")),
        None => {}
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every entry at distance two scored by brute force: the definition, hubs and all;
    /// without the direct neighbours of `n` when `skip_direct`.
    fn brute_force(
        g: &KnowledgeGraph,
        u: &Undirected,
        n: NodeIndex,
        top: usize,
        skip_direct: bool,
    ) -> Vec<(NodeIndex, f64)> {
        let mut score = vec![0.0; g.node_count()];
        for &(z, _, _) in u.neighbours(n).iter().filter(|(z, _, _)| u.degree(*z) >= 2) {
            for &(y, _, _) in u.neighbours(z) {
                score[y.index()] += 1.0 / (u.degree(z) as f64).ln();
            }
        }
        let mut all: Vec<(NodeIndex, f64)> =
            g.nodes().filter(|&y| y != n && score[y.index()] > 0.0).map(|y| (y, score[y.index()])).collect();
        all.retain(|&(y, _)| !skip_direct || u.link(n, y).is_none());
        all.sort_by_key(|&(y, s)| order(s, u.rank(y)));
        all.truncate(top);
        all
    }

    /// The 20,000-entry synthetic graph: several hubs of over `HUB_DEGREE` neighbours.
    fn with_hubs() -> (KnowledgeGraph, Undirected) {
        let dir = tempfile::tempdir().unwrap();
        crate::synth::generate(dir.path(), 20_000, 7).unwrap();
        let g = KnowledgeGraph::build(crate::data::load(dir.path()).unwrap());
        let u = Undirected::new(&g);
        (g, u)
    }

    #[test]
    fn hub_aware_ranking_equals_brute_force_on_a_graph_with_hubs() {
        let (g, u) = with_hubs();
        let hubs = g.nodes().filter(|&z| u.degree(z) > HUB_DEGREE).count();
        assert!(hubs >= 3, "the synthetic graph must have hubs, found {hubs}");
        let is_hub = |z: NodeIndex| u.degree(z) > HUB_DEGREE;
        // Entries linked to hubs only are ranked by the merge walk alone.
        let hubs_only = g.nodes().filter(|&n| u.degree(n) > 1 && u.neighbours(n).iter().all(|(z, _, _)| is_hub(*z)));
        let queries: Vec<NodeIndex> =
            g.nodes().step_by(97).chain(g.nodes().filter(|&z| is_hub(z))).chain(hubs_only.take(20)).collect();
        for n in queries {
            for (top, skip_direct) in [(1, false), (10, false), (300, false), (10, true), (300, true)] {
                let ranked =
                    if skip_direct { beyond_direct(&g, &u, n, &[], top) } else { related(&g, &u, n, &[], top) };
                let fast: Vec<(NodeIndex, i64)> = ranked.iter().map(|r| (r.node, order(r.score, 0).0.0)).collect();
                let slow: Vec<(NodeIndex, i64)> =
                    brute_force(&g, &u, n, top, skip_direct).into_iter().map(|(y, s)| (y, order(s, 0).0.0)).collect();
                assert_eq!(fast, slow, "related to {} (top {top}, direct left out: {skip_direct})", g.node(n).key);
            }
        }
    }

    #[test]
    fn a_query_split_across_threads_answers_as_one_thread_does() {
        let (g, u) = with_hubs();
        // Every query split, in blocks of 1,000 node ids (20 of them, so both threads add up
        // several), against the same query on one thread and against the definition.
        let always = Split { work: 0, block: 1000 };
        let never = Split { work: usize::MAX, block: 1000 };
        let hubs = g.nodes().filter(|&z| u.degree(z) > HUB_DEGREE);
        let queries: Vec<NodeIndex> = g.nodes().step_by(211).chain(hubs).collect();
        let same = |r: &Related| (r.node, r.score.to_bits(), r.shared.clone(), r.months_apart);
        for n in queries {
            for (top, skip_direct) in [(10, false), (300, true)] {
                let ask = |split| Ask { kinds: &[], top, skip_direct, split };
                let split: Vec<_> = rank(&g, &u, n, ask(always)).iter().map(same).collect();
                let one: Vec<_> = rank(&g, &u, n, ask(never)).iter().map(same).collect();
                assert_eq!(split, one, "related to {} (top {top}, direct left out: {skip_direct})", g.node(n).key);
                let fast: Vec<(NodeIndex, i64)> =
                    split.iter().map(|r| (r.0, order(f64::from_bits(r.1), 0).0.0)).collect();
                let slow: Vec<(NodeIndex, i64)> =
                    brute_force(&g, &u, n, top, skip_direct).into_iter().map(|(y, s)| (y, order(s, 0).0.0)).collect();
                assert_eq!(fast, slow, "related to {} (top {top}, direct left out: {skip_direct})", g.node(n).key);
            }
        }
    }
}
