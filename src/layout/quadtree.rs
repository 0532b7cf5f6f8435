//! The Barnes-Hut quadtree for ForceAtlas2's repulsion: built once per iteration by
//! partitioning the points in place (the root's quarters on two threads for large graphs),
//! stored in pre-order with each region's subtree size, so that a walk over it is a loop
//! over one array (no recursion, no pointers): a region far enough is one body and the walk
//! jumps past its subtree, any other region is stepped into.

use crate::par;

/// Regions holding this many points or fewer are leaves, repelled point by point whatever
/// their distance. Testing leaves as bodies too walks 20 % faster at 100k nodes but changes
/// the map of the shipped data enough to lose hub labels (`timeline::map`'s test).
const LEAF: usize = 8;
/// Below this depth every region is a leaf, whatever it holds (coincident points).
const MAX_DEPTH: u32 = 32;

/// A square region: its points' total mass and centre of mass, its width squared, its points
/// when it is a leaf (an empty range otherwise: its points are its children's) and how many
/// regions its subtree holds, itself included (where a walk done with it goes next).
#[derive(Debug, Clone, Copy)]
struct Region {
    mass_x: f64,
    mass_y: f64,
    mass: f64,
    width2: f64,
    lo: u32,
    hi: u32,
    size: u32,
}

/// A point at its place in the tree: position, mass and node number, together because the
/// build moves them together and the walk reads them together.
#[derive(Debug, Clone, Copy, Default)]
struct Point {
    x: f64,
    y: f64,
    mass: f64,
    node: u32,
}

/// Points in the tree's order (neighbours in space are neighbours in memory) and the regions.
#[derive(Debug, Default)]
pub struct QuadTree {
    points: Vec<Point>,
    regions: Vec<Region>,
    /// The second thread's regions before they join the rest (kept for its capacity).
    spare: Vec<Region>,
}

/// A run of the tree's places and where it starts in the whole order.
struct Run<'a> {
    points: &'a mut [Point],
    at: usize,
}

impl<'a> Run<'a> {
    /// The first `k` places and the rest.
    fn split_at(self, k: usize) -> (Run<'a>, Run<'a>) {
        let (first, rest) = self.points.split_at_mut(k);
        (Run { points: first, at: self.at }, Run { points: rest, at: self.at + k })
    }
}

/// A region's square: centre and width.
#[derive(Clone, Copy)]
struct Square {
    cx: f64,
    cy: f64,
    width: f64,
}

/// A region's total mass and mass-weighted coordinates, summed up from its children.
type Sums = (f64, f64, f64);

impl QuadTree {
    /// Rebuilds the tree over the points, reusing its buffers; with `parallel`, the root's
    /// quarters are split between two threads (the same tree either way).
    pub fn build(&mut self, x: &[f64], y: &[f64], mass: &[f64], parallel: bool) {
        let n = x.len();
        self.points.clear();
        self.points.extend((0..n).map(|i| Point { x: x[i], y: y[i], mass: mass[i], node: i as u32 }));
        self.regions.clear();
        if n == 0 {
            return;
        }
        let (mut min_x, mut max_x, mut min_y, mut max_y) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for (&px, &py) in x.iter().zip(y) {
            (min_x, max_x, min_y, max_y) = (min_x.min(px), max_x.max(px), min_y.min(py), max_y.max(py));
        }
        let width = (max_x - min_x).max(max_y - min_y).max(f64::MIN_POSITIVE);
        let square = Square { cx: (min_x + max_x) / 2.0, cy: (min_y + max_y) / 2.0, width };
        let run = Run { points: &mut self.points, at: 0 };
        if !parallel || n <= LEAF {
            split(run, square, 0, &mut self.regions);
            return;
        }
        // The root by hand, its quarters in two groups of about the same number of points.
        self.regions.push(region(square, 0, 0));
        let mut first = Vec::from(quarters(run, square));
        let cut = (1..4)
            .min_by_key(|&c| {
                let points: usize = first[..c].iter().map(|(r, _)| r.points.len()).sum();
                points.abs_diff(n - points)
            })
            .unwrap_or(2);
        let second = first.split_off(cut);
        let spare = &mut self.spare;
        spare.clear();
        let (b, a) = par::join(|| split_all(second, 1, spare), || split_all(first, 1, &mut self.regions));
        self.regions.extend_from_slice(spare);
        let sums = a.into_iter().chain(b).fold((0.0, 0.0, 0.0), add);
        set_mass(&mut self.regions, 0, sums);
    }

    /// The node at the tree's place `k`.
    pub fn node(&self, k: usize) -> usize {
        self.points[k].node as usize
    }

    /// The repulsion on the point at tree place `k` (mass `m`), `coefficient * m * m' / d` from
    /// every other point or from regions (not leaves) seen under an angle below `theta`
    /// (width / distance).
    /// With `sizes`, points closer than their radii repel each other as if overlapping.
    pub fn repulsion(&self, k: usize, coefficient: f64, theta: f64, sizes: Option<&[f64]>) -> (f64, f64) {
        let Point { x: px, y: py, mass: m, node } = self.points[k];
        let cm = coefficient * m;
        let theta2 = theta * theta;
        let (mut fx, mut fy) = (0.0, 0.0);
        let mut r = 0;
        while let Some(region) = self.regions.get(r) {
            let (dx, dy) = (px - region.mass_x, py - region.mass_y);
            let d2 = dx * dx + dy * dy;
            if region.lo == region.hi && region.width2 < theta2 * d2 {
                let f = cm * region.mass / d2;
                fx += dx * f;
                fy += dy * f;
                r += region.size as usize;
                continue;
            }
            for (j, p) in self.points[region.lo as usize..region.hi as usize].iter().enumerate() {
                let j = region.lo as usize + j;
                let (dx, dy) = (px - p.x, py - p.y);
                let d2 = dx * dx + dy * dy;
                if j == k || d2 <= 0.0 {
                    continue;
                }
                let f = match sizes {
                    None => cm * p.mass / d2,
                    Some(s) => {
                        let d = d2.sqrt();
                        let gap = d - s[node as usize] - s[p.node as usize];
                        if gap > 0.0 { cm * p.mass / (gap * d) } else { 100.0 * cm * p.mass / d }
                    }
                };
                fx += dx * f;
                fy += dy * f;
            }
            r += 1;
        }
        (fx, fy)
    }
}

/// A region of the square holding places `lo..hi` (none when it has children), its mass and
/// size to come (`set_mass`).
fn region(square: Square, lo: usize, hi: usize) -> Region {
    let width2 = square.width * square.width;
    Region { mass_x: 0.0, mass_y: 0.0, mass: 0.0, width2, lo: lo as u32, hi: hi as u32, size: 0 }
}

fn add(a: Sums, b: Sums) -> Sums {
    (a.0 + b.0, a.1 + b.1, a.2 + b.2)
}

/// The mass and centre of region `at` from its sums and its subtree's size, once its
/// subtree is built (the last of `regions`).
fn set_mass(regions: &mut [Region], at: usize, (m, mx, my): Sums) {
    let end = regions.len();
    let region = &mut regions[at];
    region.mass = m;
    (region.mass_x, region.mass_y) = if m > 0.0 { (mx / m, my / m) } else { (0.0, 0.0) };
    region.size = (end - at) as u32;
}

/// Adds the region of `run` and, unless it is a leaf, its non-empty quarters after it;
/// returns its sums.
fn split(run: Run, square: Square, depth: u32, regions: &mut Vec<Region>) -> Sums {
    let at = regions.len();
    let (lo, hi) = (run.at, run.at + run.points.len());
    let sums = if hi - lo <= LEAF || depth >= MAX_DEPTH {
        regions.push(region(square, lo, hi));
        run.points.iter().fold((0.0, 0.0, 0.0), |s, p| add(s, (p.mass, p.x * p.mass, p.y * p.mass)))
    } else {
        regions.push(region(square, 0, 0));
        let quarters = Vec::from(quarters(run, square));
        split_all(quarters, depth + 1, regions).into_iter().fold((0.0, 0.0, 0.0), add)
    };
    set_mass(regions, at, sums);
    sums
}

/// Cuts `run` into the square's quarters (top left, top right, bottom left, bottom right),
/// each with its square; some may be empty.
fn quarters(run: Run, square: Square) -> [(Run, Square); 4] {
    let Square { cx, cy, width } = square;
    let top = partition(run.points, |p| p.y < cy);
    let left_top = partition(&mut run.points[..top], |p| p.x < cx);
    let left_bottom = partition(&mut run.points[top..], |p| p.x < cx);
    let (top, bottom) = run.split_at(top);
    let ((top_left, top_right), (bottom_left, bottom_right)) = (top.split_at(left_top), bottom.split_at(left_bottom));
    let (q, width) = (width / 4.0, width / 2.0);
    let at = |ox: f64, oy: f64| Square { cx: cx + ox, cy: cy + oy, width };
    [(top_left, at(-q, -q)), (top_right, at(q, -q)), (bottom_left, at(-q, q)), (bottom_right, at(q, q))]
}

/// `split` of each non-empty run in turn; their sums.
fn split_all(runs: Vec<(Run, Square)>, depth: u32, regions: &mut Vec<Region>) -> Vec<Sums> {
    runs.into_iter().filter(|(run, _)| !run.points.is_empty()).map(|(run, sq)| split(run, sq, depth, regions)).collect()
}

/// Moves the items for which `left` holds to the front and returns how many there are.
/// Branch-free (every item is swapped, the front grows by the test's outcome): which side an
/// item falls is unpredictable, and a mispredicted branch per item cost more than the swap.
fn partition(items: &mut [Point], left: impl Fn(&Point) -> bool) -> usize {
    let mut at = 0;
    for i in 0..items.len() {
        let l = left(&items[i]);
        items.swap(at, i);
        at += l as usize;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Exact repulsion, point by point, to compare the tree against.
    fn exact(x: &[f64], y: &[f64], m: &[f64], i: usize) -> (f64, f64) {
        let (mut fx, mut fy) = (0.0, 0.0);
        for j in 0..x.len() {
            let (dx, dy) = (x[i] - x[j], y[i] - y[j]);
            let d2 = dx * dx + dy * dy;
            if j != i && d2 > 0.0 {
                fx += dx * m[i] * m[j] / d2;
                fy += dy * m[i] * m[j] / d2;
            }
        }
        (fx, fy)
    }

    fn points(n: usize) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
        let f = |i: usize, k: f64| ((i as f64 * k).sin() * 1000.0).fract() * 100.0;
        ((0..n).map(|i| f(i, 12.9898)).collect(), (0..n).map(|i| f(i, 78.233)).collect(), vec![1.0; n])
    }

    #[test]
    fn theta_zero_is_exact_and_a_wide_angle_stays_close() {
        let (x, y, m) = points(500);
        let mut tree = QuadTree::default();
        tree.build(&x, &y, &m, false);
        let mut sorted: Vec<usize> = (0..500).map(|k| tree.node(k)).collect();
        sorted.sort();
        assert_eq!(sorted, (0..500).collect::<Vec<usize>>(), "every point is in the tree once");
        for k in 0..500 {
            let i = tree.node(k);
            let (ex, ey) = exact(&x, &y, &m, i);
            let (fx, fy) = tree.repulsion(k, 1.0, 0.0, None);
            assert!((fx - ex).abs() < 1e-9 * ex.abs().max(1.0) && (fy - ey).abs() < 1e-9 * ey.abs().max(1.0));
            let (ax, ay) = tree.repulsion(k, 1.0, 0.5, None);
            let norm = (ex * ex + ey * ey).sqrt();
            assert!(((ax - ex).powi(2) + (ay - ey).powi(2)).sqrt() < 0.1 * norm + 1e-9, "point {i}");
        }
    }

    #[test]
    fn two_threads_build_the_same_tree_as_one() {
        let (x, y, _) = points(3000);
        let m: Vec<f64> = (0..3000).map(|i| 1.0 + (i % 7) as f64).collect();
        let (mut one, mut two) = (QuadTree::default(), QuadTree::default());
        one.build(&x, &y, &m, false);
        two.build(&x, &y, &m, true);
        assert!(two.spare.len() > 100, "the second thread built part of the tree");
        for k in 0..3000 {
            assert_eq!(one.node(k), two.node(k));
            let (a, b) = (one.repulsion(k, 10.0, 1.2, None), two.repulsion(k, 10.0, 1.2, None));
            assert_eq!((a.0.to_bits(), a.1.to_bits()), (b.0.to_bits(), b.1.to_bits()), "place {k}");
        }
    }

    #[test]
    fn coincident_points_end_in_one_leaf_without_endless_splitting() {
        let (x, y, m) = (vec![1.0; 100], vec![2.0; 100], vec![1.0; 100]);
        let mut tree = QuadTree::default();
        tree.build(&x, &y, &m, false);
        assert!(tree.regions.len() <= 1 + 4 * MAX_DEPTH as usize);
        assert_eq!(tree.repulsion(0, 1.0, 1.0, None), (0.0, 0.0), "no force between points at one place");
    }
}
