//! ForceAtlas2 (Jacomy, Venturini, Heymann, Bastian 2014) on one connected graph: edges
//! attract, nodes repel in proportion to their degrees (Barnes-Hut), gravity pulls to the
//! centre, and the global speed adapts to how much the nodes swing versus how much they travel.
//! Every node's force is computed on its own and the tree is the same however it is built, so
//! the two threads change nothing in the result.

use super::quadtree::QuadTree;
use crate::par;

/// Below this many nodes one core does the repulsion (a thread costs more than it saves).
const PARALLEL_FROM: usize = 4096;

/// The algorithm's settings, named as in the paper and Gephi.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// Repulsion strength (`kr`).
    pub scaling: f64,
    /// Gravity strength (`kg`).
    pub gravity: f64,
    /// Gravity grows with distance from the centre instead of staying constant.
    pub strong_gravity: bool,
    /// Attraction `log(1 + d)` instead of `d`: tighter clusters.
    pub lin_log: bool,
    /// Nodes repel harder when their discs (of the given sizes) overlap.
    pub prevent_overlap: bool,
    /// Attraction divided by the source's mass, so hubs sit at the borders.
    pub dissuade_hubs: bool,
    /// Barnes-Hut accuracy: a region whose width over distance is below it acts as one body
    /// (Gephi's default, 1.2).
    pub theta: f64,
    /// How much swinging the adaptive speed tolerates (Gephi's default is 1; see `Default`).
    pub jitter_tolerance: f64,
    pub iterations: usize,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            scaling: 10.0,
            gravity: 1.0,
            strong_gravity: false,
            lin_log: false,
            prevent_overlap: false,
            dissuade_hubs: false,
            theta: 1.2,
            // Gephi's 1 keeps the speed so low that at the same iterations the layout is
            // behind graphology's; 4 makes edges 7 % shorter relative to the map on the
            // shipped data, 1-3 % on synthetic graphs of 10k and 100k entries, and keeps more
            // of each node's neighbours near it (scripts/bench_layout.py, BENCHMARKS.md).
            jitter_tolerance: 4.0,
            iterations: 1000,
        }
    }
}

/// The state of a run: positions, this and the previous iteration's forces, masses.
pub struct Layout<'a> {
    pub x: Vec<f64>,
    pub y: Vec<f64>,
    fx: Vec<f64>,
    fy: Vec<f64>,
    old_fx: Vec<f64>,
    old_fy: Vec<f64>,
    mass: Vec<f64>,
    edges: &'a [(u32, u32)],
    sizes: Option<&'a [f64]>,
    speed: f64,
    speed_efficiency: f64,
    tree: QuadTree,
    repulsion: Vec<(f64, f64)>,
}

impl<'a> Layout<'a> {
    /// A run from the given positions over `edges` (node numbers below `x.len()`, no self-loops;
    /// a repeated pair counts twice). `sizes` are the nodes' radii for `prevent_overlap`.
    pub fn new(x: Vec<f64>, y: Vec<f64>, edges: &'a [(u32, u32)], sizes: Option<&'a [f64]>) -> Layout<'a> {
        let n = x.len();
        let mut mass = vec![1.0; n];
        for &(a, b) in edges {
            mass[a as usize] += 1.0;
            mass[b as usize] += 1.0;
        }
        Layout {
            x,
            y,
            fx: vec![0.0; n],
            fy: vec![0.0; n],
            old_fx: vec![0.0; n],
            old_fy: vec![0.0; n],
            mass,
            edges,
            sizes,
            speed: 1.0,
            speed_efficiency: 1.0,
            tree: QuadTree::default(),
            repulsion: vec![(0.0, 0.0); n],
        }
    }

    /// Runs `s.iterations` steps.
    pub fn run(&mut self, s: &Settings) {
        for _ in 0..s.iterations {
            self.step(s);
        }
    }

    /// One iteration: forces, then the adaptive move.
    pub fn step(&mut self, s: &Settings) {
        std::mem::swap(&mut self.fx, &mut self.old_fx);
        std::mem::swap(&mut self.fy, &mut self.old_fy);
        self.repel(s);
        self.attract_to_centre(s);
        self.attract_along_edges(s);
        self.move_nodes(s);
    }

    fn repel(&mut self, s: &Settings) {
        let n = self.x.len();
        self.tree.build(&self.x, &self.y, &self.mass, n >= PARALLEL_FROM);
        let (tree, sizes) = (&self.tree, if s.prevent_overlap { self.sizes } else { None });
        let fill = |out: &mut [(f64, f64)], from: usize| {
            for (i, f) in out.iter_mut().enumerate() {
                *f = tree.repulsion(from + i, s.scaling, s.theta, sizes);
            }
        };
        if n >= PARALLEL_FROM {
            let (a, b) = self.repulsion.split_at_mut(n / 2);
            par::join(|| fill(a, 0), || fill(b, n / 2));
        } else {
            fill(&mut self.repulsion, 0);
        }
        for (k, &(rx, ry)) in self.repulsion.iter().enumerate() {
            let i = self.tree.node(k);
            (self.fx[i], self.fy[i]) = (rx, ry);
        }
    }

    fn attract_to_centre(&mut self, s: &Settings) {
        for i in 0..self.x.len() {
            let (x, y) = (self.x[i], self.y[i]);
            let d = (x * x + y * y).sqrt();
            if d > 0.0 {
                let f =
                    if s.strong_gravity { s.scaling * self.mass[i] * s.gravity } else { self.mass[i] * s.gravity / d };
                self.fx[i] -= x * f;
                self.fy[i] -= y * f;
            }
        }
    }

    fn attract_along_edges(&mut self, s: &Settings) {
        // With hubs dissuaded, the attraction is scaled back up by the mean mass (as Gephi does).
        let compensation = if s.dissuade_hubs { self.mass.iter().sum::<f64>() / self.mass.len() as f64 } else { 1.0 };
        let sizes = if s.prevent_overlap { self.sizes } else { None };
        for &(a, b) in self.edges {
            let (a, b) = (a as usize, b as usize);
            let (dx, dy) = (self.x[a] - self.x[b], self.y[a] - self.y[b]);
            let mut d = (dx * dx + dy * dy).sqrt();
            if let Some(sizes) = sizes {
                d -= sizes[a] + sizes[b];
            }
            if d <= 0.0 {
                continue;
            }
            let mut f = if s.lin_log { (1.0 + d).ln() / d } else { 1.0 };
            if s.dissuade_hubs {
                f *= compensation / self.mass[a];
            }
            self.fx[a] -= dx * f;
            self.fy[a] -= dy * f;
            self.fx[b] += dx * f;
            self.fy[b] += dy * f;
        }
    }

    /// The paper's adaptive speed: a global speed from total swinging against total traction,
    /// then each node slowed down by its own swinging.
    fn move_nodes(&mut self, s: &Settings) {
        let n = self.x.len() as f64;
        let (mut swinging, mut traction) = (0.0, 0.0);
        for i in 0..self.x.len() {
            let m = self.mass[i];
            swinging += m * self.swing(i);
            traction += m * 0.5 * norm(self.old_fx[i] + self.fx[i], self.old_fy[i] + self.fy[i]);
        }
        let estimated = 0.05 * n.sqrt();
        let (min_jt, max_jt) = (estimated.sqrt(), 10.0f64);
        let mut jt = s.jitter_tolerance * min_jt.max(max_jt.min(estimated * traction / (n * n)));
        let min_efficiency = 0.05;
        if traction > 0.0 && swinging / traction > 2.0 {
            if self.speed_efficiency > min_efficiency {
                self.speed_efficiency *= 0.5;
            }
            jt = jt.max(s.jitter_tolerance);
        }
        let target = if swinging > 0.0 { jt * self.speed_efficiency * traction / swinging } else { f64::MAX };
        if swinging > jt * traction {
            if self.speed_efficiency > min_efficiency {
                self.speed_efficiency *= 0.7;
            }
        } else if self.speed < 1000.0 {
            self.speed_efficiency *= 1.3;
        }
        self.speed += (target - self.speed).min(0.5 * self.speed);
        for i in 0..self.x.len() {
            let swing = self.mass[i] * self.swing(i);
            let mut factor = self.speed / (1.0 + (self.speed * swing).sqrt());
            if s.prevent_overlap && self.sizes.is_some() {
                // Swinging is no measure while overlaps push nodes apart: capped steps instead.
                let f = norm(self.fx[i], self.fy[i]);
                factor = if f > 0.0 { (0.1 * factor * f).min(10.0) / f } else { 0.0 };
            }
            self.x[i] += self.fx[i] * factor;
            self.y[i] += self.fy[i] * factor;
        }
    }

    fn swing(&self, i: usize) -> f64 {
        norm(self.old_fx[i] - self.fx[i], self.old_fy[i] - self.fy[i])
    }
}

/// A vector's length (`f64::hypot` guards against overflow at a cost these forces never need).
fn norm(x: f64, y: f64) -> f64 {
    (x * x + y * y).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ring(n: u32) -> Vec<(u32, u32)> {
        (0..n).map(|i| (i, (i + 1) % n)).collect()
    }

    fn start(n: usize) -> (Vec<f64>, Vec<f64>) {
        (
            (0..n).map(|i| (i as f64 * 1.7).sin() * 50.0).collect(),
            (0..n).map(|i| (i as f64 * 2.3).cos() * 50.0).collect(),
        )
    }

    #[test]
    fn neighbours_end_closer_than_strangers() {
        let edges = ring(60);
        let (x, y) = start(60);
        let mut l = Layout::new(x, y, &edges, None);
        l.run(&Settings::default());
        let d = |a: usize, b: usize| (l.x[a] - l.x[b]).hypot(l.y[a] - l.y[b]);
        let edge = (0..60).map(|i| d(i, (i + 1) % 60)).sum::<f64>() / 60.0;
        let across = (0..30).map(|i| d(i, i + 30)).sum::<f64>() / 30.0;
        assert!(edge * 4.0 < across, "edges {edge}, across the ring {across}");
    }

    #[test]
    fn the_same_start_gives_the_same_bits_with_one_or_two_threads() {
        let n = PARALLEL_FROM + 10;
        let edges: Vec<(u32, u32)> = (1..n as u32).map(|i| (i, i / 3)).collect();
        let (x, y) = start(n);
        let mut two = Layout::new(x.clone(), y.clone(), &edges, None);
        two.run(&Settings { iterations: 3, ..Settings::default() });
        // The same nodes cut into the one-thread size: every force is the same sum.
        let mut one = Layout::new(x, y, &edges, None);
        for _ in 0..3 {
            std::mem::swap(&mut one.fx, &mut one.old_fx);
            std::mem::swap(&mut one.fy, &mut one.old_fy);
            one.tree.build(&one.x, &one.y, &one.mass, false);
            for k in 0..n {
                let (rx, ry) = one.tree.repulsion(k, 10.0, 1.2, None);
                let i = one.tree.node(k);
                (one.fx[i], one.fy[i]) = (rx, ry);
            }
            let s = Settings::default();
            one.attract_to_centre(&s);
            one.attract_along_edges(&s);
            one.move_nodes(&s);
        }
        assert_eq!(one.x, two.x);
        assert_eq!(one.y, two.y);
    }

    #[test]
    fn prevent_overlap_separates_discs() {
        let edges: Vec<(u32, u32)> = (1..30).map(|i| (0, i)).collect();
        let (x, y) = start(30);
        let sizes = vec![5.0; 30];
        let s = Settings { prevent_overlap: true, iterations: 800, ..Settings::default() };
        let mut l = Layout::new(x, y, &edges, Some(&sizes));
        l.run(&s);
        for a in 0..30 {
            for b in 0..a {
                let d = (l.x[a] - l.x[b]).hypot(l.y[a] - l.y[b]);
                assert!(d > 9.0, "nodes {a} and {b} overlap: {d}");
            }
        }
    }
}
