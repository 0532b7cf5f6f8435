//! The Barnes-Hut quadtree for ForceAtlas2's repulsion: built once per iteration by
//! partitioning the points in place, stored in pre-order with a skip link per region so that
//! a walk over it is a loop over one array (no recursion, no pointers).

/// Regions holding this many points or fewer are leaves, repelled point by point.
const LEAF: usize = 8;
/// Below this depth every region is a leaf, whatever it holds (coincident points).
const MAX_DEPTH: u32 = 32;

/// A square region: its points' total mass and centre of mass, its width, where its points
/// sit in the tree's point order and where the walk goes when it is done with the region.
#[derive(Debug, Clone, Copy)]
struct Region {
    mass_x: f64,
    mass_y: f64,
    mass: f64,
    width: f64,
    lo: u32,
    hi: u32,
    skip: u32,
    leaf: bool,
}

/// Points in the tree's order (neighbours in space are neighbours in memory) and the regions.
#[derive(Debug, Default)]
pub struct QuadTree {
    /// `order[k]` is the node at the tree's k-th place.
    pub order: Vec<u32>,
    x: Vec<f64>,
    y: Vec<f64>,
    mass: Vec<f64>,
    regions: Vec<Region>,
}

impl QuadTree {
    /// Rebuilds the tree over the points, reusing its buffers.
    pub fn build(&mut self, x: &[f64], y: &[f64], mass: &[f64]) {
        let n = x.len();
        self.order.clear();
        self.order.extend(0..n as u32);
        self.regions.clear();
        if n == 0 {
            return;
        }
        let (mut min_x, mut max_x, mut min_y, mut max_y) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for (&px, &py) in x.iter().zip(y) {
            (min_x, max_x, min_y, max_y) = (min_x.min(px), max_x.max(px), min_y.min(py), max_y.max(py));
        }
        let width = (max_x - min_x).max(max_y - min_y).max(f64::MIN_POSITIVE);
        let (cx, cy) = ((min_x + max_x) / 2.0, (min_y + max_y) / 2.0);
        self.split(x, y, 0, n, cx, cy, width, 0);
        self.x.clear();
        self.y.clear();
        self.mass.clear();
        for &i in &self.order {
            self.x.push(x[i as usize]);
            self.y.push(y[i as usize]);
            self.mass.push(mass[i as usize]);
        }
        // Masses bottom-up: a region's children follow it in pre-order, so walking backwards
        // meets every child before its parent.
        for r in (0..self.regions.len()).rev() {
            let Region { lo, hi, leaf, .. } = self.regions[r];
            let (mut m, mut mx, mut my) = (0.0, 0.0, 0.0);
            if leaf {
                for k in lo as usize..hi as usize {
                    m += self.mass[k];
                    mx += self.x[k] * self.mass[k];
                    my += self.y[k] * self.mass[k];
                }
            } else {
                let mut c = r + 1;
                while c < self.regions[r].skip as usize {
                    let child = self.regions[c];
                    m += child.mass;
                    mx += child.mass_x * child.mass;
                    my += child.mass_y * child.mass;
                    c = child.skip as usize;
                }
            }
            let region = &mut self.regions[r];
            region.mass = m;
            (region.mass_x, region.mass_y) = if m > 0.0 { (mx / m, my / m) } else { (0.0, 0.0) };
        }
    }

    /// Adds the region for `order[lo..hi]` (centre `cx, cy`) and, unless it is a leaf, its
    /// non-empty quarters after it.
    #[allow(clippy::too_many_arguments)] // one recursive step of the build; a struct would only rename them
    fn split(&mut self, x: &[f64], y: &[f64], lo: usize, hi: usize, cx: f64, cy: f64, width: f64, depth: u32) {
        let at = self.regions.len();
        let leaf = hi - lo <= LEAF || depth >= MAX_DEPTH;
        let region = Region { mass_x: 0.0, mass_y: 0.0, mass: 0.0, width, lo: lo as u32, hi: hi as u32, skip: 0, leaf };
        self.regions.push(region);
        if !leaf {
            let order = &mut self.order[lo..hi];
            let top = lo + partition(order, |i| y[i as usize] < cy);
            let left_top = lo + partition(&mut self.order[lo..top], |i| x[i as usize] < cx);
            let left_bottom = top + partition(&mut self.order[top..hi], |i| x[i as usize] < cx);
            let q = width / 4.0;
            let quarters =
                [(lo, left_top, -q, -q), (left_top, top, q, -q), (top, left_bottom, -q, q), (left_bottom, hi, q, q)];
            for (a, b, ox, oy) in quarters {
                if a < b {
                    self.split(x, y, a, b, cx + ox, cy + oy, width / 2.0, depth + 1);
                }
            }
        }
        self.regions[at].skip = self.regions.len() as u32;
    }

    /// The repulsion on the point at tree place `k` (mass `m`), `coefficient * m * m' / d` from
    /// every other point or from regions seen under an angle below `theta` (width / distance).
    /// With `sizes`, points closer than their radii repel each other as if overlapping.
    pub fn repulsion(&self, k: usize, coefficient: f64, theta: f64, sizes: Option<&[f64]>) -> (f64, f64) {
        let (px, py, m) = (self.x[k], self.y[k], self.mass[k]);
        let theta2 = theta * theta;
        let (mut fx, mut fy) = (0.0, 0.0);
        let mut r = 0;
        while r < self.regions.len() {
            let region = &self.regions[r];
            if region.leaf {
                for j in region.lo as usize..region.hi as usize {
                    let (dx, dy) = (px - self.x[j], py - self.y[j]);
                    let d2 = dx * dx + dy * dy;
                    if j == k || d2 <= 0.0 {
                        continue;
                    }
                    let f = match sizes {
                        None => coefficient * m * self.mass[j] / d2,
                        Some(s) => {
                            let d = d2.sqrt();
                            let gap = d - s[self.order[k] as usize] - s[self.order[j] as usize];
                            if gap > 0.0 {
                                coefficient * m * self.mass[j] / (gap * d)
                            } else {
                                100.0 * coefficient * m * self.mass[j] / d
                            }
                        }
                    };
                    fx += dx * f;
                    fy += dy * f;
                }
                r = region.skip as usize;
                continue;
            }
            let (dx, dy) = (px - region.mass_x, py - region.mass_y);
            let d2 = dx * dx + dy * dy;
            if region.width * region.width < theta2 * d2 {
                let f = coefficient * m * region.mass / d2;
                fx += dx * f;
                fy += dy * f;
                r = region.skip as usize;
            } else {
                r += 1;
            }
        }
        (fx, fy)
    }
}

/// Moves the items for which `left` holds to the front (stable enough: the order within each
/// side is whatever the swaps leave, the same on every run) and returns how many there are.
fn partition(items: &mut [u32], left: impl Fn(u32) -> bool) -> usize {
    let mut at = 0;
    for i in 0..items.len() {
        if left(items[i]) {
            items.swap(at, i);
            at += 1;
        }
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
        tree.build(&x, &y, &m);
        let mut sorted = tree.order.clone();
        sorted.sort();
        assert_eq!(sorted, (0..500).collect::<Vec<u32>>(), "every point is in the tree once");
        for (k, &i) in tree.order.iter().enumerate() {
            let (ex, ey) = exact(&x, &y, &m, i as usize);
            let (fx, fy) = tree.repulsion(k, 1.0, 0.0, None);
            assert!((fx - ex).abs() < 1e-9 * ex.abs().max(1.0) && (fy - ey).abs() < 1e-9 * ey.abs().max(1.0));
            let (ax, ay) = tree.repulsion(k, 1.0, 0.5, None);
            let norm = (ex * ex + ey * ey).sqrt();
            assert!(((ax - ex).powi(2) + (ay - ey).powi(2)).sqrt() < 0.1 * norm + 1e-9, "point {i}");
        }
    }

    #[test]
    fn coincident_points_end_in_one_leaf_without_endless_splitting() {
        let (x, y, m) = (vec![1.0; 100], vec![2.0; 100], vec![1.0; 100]);
        let mut tree = QuadTree::default();
        tree.build(&x, &y, &m);
        assert!(tree.regions.len() <= 1 + 4 * MAX_DEPTH as usize);
        assert_eq!(tree.repulsion(0, 1.0, 1.0, None), (0.0, 0.0), "no force between points at one place");
    }
}
