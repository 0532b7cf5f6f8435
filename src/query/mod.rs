//! Queries on the knowledge graph: related entries ranked with reasons, shortest paths, and
//! BibTeX for papers. Each returns data; the CLI formats it.

pub mod answer;
pub mod bibtex;
pub mod columns;
pub mod hierarchy;
pub mod list;
pub mod path;
pub mod related;
pub mod text;
pub mod words;

use petgraph::Direction;
use petgraph::graph::NodeIndex;

use crate::graph::KnowledgeGraph;
use crate::model::RelationKind;

/// How an edge reads from the node at hand: its own name outgoing, the inverse incoming.
pub fn edge_label(r: RelationKind, dir: Direction) -> &'static str {
    match dir {
        Direction::Outgoing => r.as_str(),
        Direction::Incoming => r.inverse_label(),
    }
}

/// One neighbour in the undirected view: who, and the first edge (in edge order) that joins
/// them, as seen from the node at hand.
pub type Link = (NodeIndex, RelationKind, Direction);

/// The undirected, simple view of the graph, built once per query session: each node's
/// distinct neighbours in one flat array (CSR), sorted by `kind:id`, so that ties anywhere
/// in the queries go to the entry whose `kind:id` sorts first.
pub struct Undirected {
    /// Neighbours of node `n` are `links[start[n]..start[n + 1]]`.
    start: Vec<usize>,
    links: Vec<Link>,
    /// Position of each node in `kind:id` order.
    rank: Vec<u32>,
    /// Adamic-Adar weight of each node, 1 / ln(degree), made once (0 below two neighbours).
    weight: Vec<f64>,
    /// Node-sized buffers of the `related` ranking, kept between queries: a query on a hub
    /// touches most nodes, and fresh zeroed pages for them cost more than the scoring.
    scratch: std::sync::Mutex<Option<Scratch>>,
}

/// Working memory of one `related` query, cleared between queries.
#[derive(Default)]
pub(crate) struct Scratch {
    /// Each node's score, indexed by node: one random access per update (a hub query makes
    /// a million). 0.0 is no score: scores are sums of positive weights.
    pub score: Vec<f64>,
    /// How the query entry links to each node, if it does.
    pub near: Vec<Option<(RelationKind, Direction)>>,
    /// Nodes with a score, in the order they got it.
    pub touched: Vec<NodeIndex>,
    /// What a query split across two threads keeps between queries (its buffers reach tens
    /// of MB: fresh pages for them would cost more than the split saves).
    pub split: [Half; 2],
}

/// One thread's share of a split `related` query.
#[derive(Default)]
pub(crate) struct Half {
    /// Updates (candidate, place of the weight), one bucket per block of node ids.
    pub buckets: Vec<Vec<(NodeIndex, u32)>>,
    /// Nodes this thread gave a first score.
    pub touched: Vec<NodeIndex>,
}

impl Undirected {
    pub fn new(g: &KnowledgeGraph) -> Undirected {
        let n = g.node_count();
        let mut order: Vec<NodeIndex> = g.nodes().collect();
        // "kind:id" strings sort as (kind name, id): no kind name is a prefix of another.
        order.sort_by(|a, b| {
            let (a, b) = (&g.node(*a).key, &g.node(*b).key);
            (a.kind.as_str(), &a.id).cmp(&(b.kind.as_str(), &b.id))
        });
        let mut rank = vec![0u32; n];
        for (r, m) in order.iter().enumerate() {
            rank[m.index()] = r as u32;
        }
        let mut start = vec![0usize; n + 1];
        for (s, _, t) in g.edges().filter(|(s, _, t)| s != t) {
            start[s.index() + 1] += 1;
            start[t.index() + 1] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let mut links = vec![(NodeIndex::new(0), RelationKind::ALL[0], Direction::Outgoing); start[n]];
        for (s, r, t) in g.edges().filter(|(s, _, t)| s != t) {
            links[fill[s.index()]] = (t, r, Direction::Outgoing);
            fill[s.index()] += 1;
            links[fill[t.index()]] = (s, r, Direction::Incoming);
            fill[t.index()] += 1;
        }
        // Compact each node's run in place: sorted by rank, the first edge per neighbour
        // kept (the sort is stable, and edges were laid down in edge order).
        let mut kept = 0;
        for i in 0..n {
            let (from, to) = (start[i], start[i + 1]);
            links[from..to].sort_by_key(|(m, _, _)| rank[m.index()]);
            start[i] = kept;
            for j in from..to {
                if kept == start[i] || links[kept - 1].0 != links[j].0 {
                    links[kept] = links[j];
                    kept += 1;
                }
            }
        }
        start[n] = kept;
        links.truncate(kept);
        let weight =
            (0..n).map(|i| start[i + 1] - start[i]).map(|d| if d >= 2 { 1.0 / (d as f64).ln() } else { 0.0 }).collect();
        Undirected { start, links, rank, weight, scratch: std::sync::Mutex::new(None) }
    }

    /// Runs `f` with cleared buffers sized for this graph: the kept ones, or fresh ones while
    /// another thread holds them. `f` must leave them cleared.
    pub(crate) fn with_scratch<R>(&self, f: impl FnOnce(&mut Scratch) -> R) -> R {
        let n = self.rank.len();
        let fresh = || Scratch { score: vec![0.0; n], near: vec![None; n], ..Scratch::default() };
        match self.scratch.try_lock() {
            Ok(mut kept) => f(kept.get_or_insert_with(fresh)),
            Err(_) => f(&mut fresh()),
        }
    }

    /// The distinct neighbours of `n`, in `kind:id` order.
    pub fn neighbours(&self, n: NodeIndex) -> &[Link] {
        &self.links[self.start[n.index()]..self.start[n.index() + 1]]
    }

    /// Number of distinct neighbours.
    pub fn degree(&self, n: NodeIndex) -> usize {
        self.start[n.index() + 1] - self.start[n.index()]
    }

    /// 1 / ln(number of distinct neighbours): what `n` adds to the score of two entries it
    /// joins; `None` below two neighbours (it joins nothing).
    pub fn weight(&self, n: NodeIndex) -> Option<f64> {
        let w = self.weight[n.index()];
        (w > 0.0).then_some(w)
    }

    /// Position of `n` in `kind:id` order.
    pub fn rank(&self, n: NodeIndex) -> u32 {
        self.rank[n.index()]
    }

    /// How `n` links to `m`, if they are neighbours.
    pub fn link(&self, n: NodeIndex, m: NodeIndex) -> Option<&Link> {
        let run = self.neighbours(n);
        let r = self.rank(m);
        run.binary_search_by_key(&r, |(x, _, _)| self.rank(*x)).ok().map(|i| &run[i])
    }
}
