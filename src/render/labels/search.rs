//! The search: candidate positions for each label, greedy in the caller's order, ejection
//! chains for what is left, repulsion as the last resort.

use super::geometry::crosses;
use super::grid::Grid;
use super::{Circle, GAP, Placement, Rect, Request, Scenery, Segment};

/// Candidate positions: rings around the dot (at most this many, out to the longest leader
/// allowed, or `FAR` without a limit), each at `ANGLES` angles.
const MAX_RINGS: usize = 24;
const ANGLES: usize = 24;
const FAR: f64 = 336.0;
/// Extra cost of a leader at all, and of naming a release by another of its dots: a label
/// touching its dot reads best, and a release is best named by its largest size.
const LEADER_COST: f64 = 6.0;
const OTHER_DOT_COST: f64 = 12.0;
/// How many conflict tests the ejection chains may spend on one `place` call: they help the
/// few labels greedy could not place, and must not turn thousands of labels quadratic.
const BUDGET: usize = 200_000;
const REPULSION_STEPS: usize = 300;

/// A position a label may take.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Candidate {
    rect: Rect,
    anchor: Circle,
    leader: bool,
    cost: f64,
}

impl Candidate {
    fn placement(&self) -> Placement {
        Placement { rect: self.rect, leader: self.leader, anchor: self.anchor }
    }

    fn leader_line(&self) -> Option<Segment> {
        self.leader.then(|| (self.anchor.centre, self.rect.nearest(self.anchor.centre)))
    }
}

pub(super) struct State {
    dots: Vec<Circle>,
    obstacles: Vec<Rect>,
    segments: Vec<Segment>,
    bounds: Rect,
    label_gap: f64,
    max_leader: f64,
    crossable: f64,
    dot_grid: Grid,
    obstacle_grid: Grid,
    segment_grid: Grid,
    /// Each request's statically free positions, cheapest first.
    candidates: Vec<Vec<Candidate>>,
    /// Where each label is now.
    placed: Vec<Option<Candidate>>,
    /// Labels' boxes and leaders by request index (stale entries are tested against `placed`).
    box_grid: Grid,
    leader_grid: Grid,
    /// What each change replaced, to undo a chain that fails.
    log: Vec<(usize, Option<Candidate>)>,
    budget: usize,
    /// Scratch for `blockers`: the ids met, and the stamp of the last query that met each.
    ids: Vec<u32>,
    seen: Vec<u32>,
    epoch: u32,
}

impl State {
    pub(super) fn new(scenery: &Scenery, count: usize) -> State {
        // What is not a finite number cannot be drawn, so nothing keeps off it.
        let dots: Vec<Circle> = scenery
            .dots
            .iter()
            .filter(|d| Rect::around(d).is_finite())
            .map(|d| Circle { centre: d.centre, radius: d.radius + GAP })
            .collect();
        let obstacles: Vec<Rect> = scenery.obstacles.iter().filter(|o| o.is_finite()).map(|o| o.grow(GAP)).collect();
        let segments: Vec<Segment> =
            scenery.segments.iter().copied().filter(|s| Rect::spanning(s.0, s.1).is_finite()).collect();
        let b = scenery.bounds;
        State {
            dot_grid: Grid::of(b, dots.iter().map(Rect::around)),
            obstacle_grid: Grid::of(b, obstacles.iter().copied()),
            segment_grid: Grid::of(b, segments.iter().map(|s| Rect::spanning(s.0, s.1))),
            dots,
            obstacles,
            segments,
            bounds: b,
            label_gap: super::gap(scenery),
            max_leader: if scenery.max_leader > 0.0 { scenery.max_leader } else { f64::INFINITY },
            crossable: scenery.crossable,
            candidates: vec![Vec::new(); count],
            placed: vec![None; count],
            box_grid: Grid::new(b),
            leader_grid: Grid::new(b),
            log: Vec::new(),
            budget: BUDGET,
            ids: Vec::new(),
            seen: vec![0; count],
            epoch: 0,
        }
    }

    pub(super) fn placement(&self, i: usize) -> Option<Placement> {
        self.placed[i].map(|c| c.placement())
    }

    /// Every statically free position of request `i`: beside each of its dots (slid along
    /// the four sides) and on rings out to the longest leader, cheapest first.
    pub(super) fn generate(&mut self, i: usize, r: &Request) {
        let finite = |d: &&Circle| Rect::around(d).is_finite() && d.radius.is_finite();
        let mut out = Vec::new();
        for (k, anchor) in std::iter::once(&r.dot).chain(&r.also).filter(finite).enumerate() {
            let extra = if k == 0 { 0.0 } else { OTHER_DOT_COST };
            for rect in positions(r.size, anchor, self.max_leader.min(FAR)) {
                if let Some(c) = self.judge(rect, anchor, extra) {
                    out.push(c);
                }
            }
        }
        // A stable sort: equal costs keep the order positions were made in.
        out.sort_by(|a, b| a.cost.total_cmp(&b.cost));
        self.candidates[i] = out;
    }

    /// The candidate at `rect`, when it keeps every rule that does not depend on other labels.
    fn judge(&self, rect: Rect, anchor: &Circle, extra: f64) -> Option<Candidate> {
        if !self.bounds.contains(&rect)
            || self.obstacle_grid.any(&rect, |i| self.obstacles[i].overlaps(&rect))
            || self.dot_grid.any(&rect, |i| rect.hits_circle(&self.dots[i]))
            || self.segment_grid.any(&rect, |i| rect.hits_segment(self.segments[i].0, self.segments[i].1))
        {
            return None;
        }
        let d = anchor.centre;
        let q = rect.nearest(d);
        let reach = (q.0 - d.0).hypot(q.1 - d.1) - anchor.radius;
        let leader = reach > GAP + 2.0;
        if leader && (reach > self.max_leader || !self.leader_clear(anchor, q)) {
            return None;
        }
        // Right and above first, where readers look.
        let (dx, dy) = (rect.centre().0 - d.0, rect.centre().1 - d.1);
        let side = if dx >= 0.0 { 0.0 } else { 1.0 } + if dy <= 0.0 { 0.0 } else { 0.5 };
        let cost = reach.max(0.0) + if leader { LEADER_COST } else { 0.0 } + side + extra;
        Some(Candidate { rect, anchor: *anchor, leader, cost })
    }

    /// Whether a leader from the anchor to `q` passes no other dot but crossable ones.
    fn leader_clear(&self, anchor: &Circle, q: (f64, f64)) -> bool {
        let d = anchor.centre;
        !self.dot_grid.any(&Rect::spanning(d, q), |i| {
            // Dots are kept grown by the gap; a leader may pass that close to one. Dots
            // that overlap the labelled one are one blob with it, which the leader leaves.
            let dot = Circle { centre: self.dots[i].centre, radius: self.dots[i].radius - GAP };
            let apart = (dot.centre.0 - d.0).hypot(dot.centre.1 - d.1) >= dot.radius + anchor.radius;
            apart && dot.radius > self.crossable && dot.hits_segment(d, q)
        })
    }

    /// The placed labels `c` would break a rule with, or `None` when there are more than `most`.
    fn blockers(&mut self, c: &Candidate, most: usize) -> Option<Vec<usize>> {
        let grown = c.rect.grow(self.label_gap);
        let line = c.leader_line();
        let mut ids = std::mem::take(&mut self.ids);
        ids.clear();
        self.box_grid.collect(&grown, &mut ids);
        self.leader_grid.collect(&c.rect, &mut ids);
        if let Some((a, b)) = line {
            let span = Rect::spanning(a, b);
            self.box_grid.collect(&span, &mut ids);
            self.leader_grid.collect(&span, &mut ids);
        }
        // Each id once, in the order met: a stamp per label instead of a sort, the
        // hottest loop of the search.
        self.epoch += 1;
        let mut out = Vec::new();
        let mut result = Some(());
        for &j in &ids {
            if std::mem::replace(&mut self.seen[j as usize], self.epoch) == self.epoch {
                continue;
            }
            let Some(p) = self.placed[j as usize] else { continue };
            let other = p.leader_line();
            let hit = grown.overlaps(&p.rect)
                || line.is_some_and(|(a, b)| p.rect.hits_segment(a, b))
                || other.is_some_and(|(a, b)| c.rect.hits_segment(a, b))
                || line.zip(other).is_some_and(|(l, o)| crosses(l, o));
            if hit {
                out.push(j as usize);
                if out.len() > most {
                    result = None;
                    break;
                }
            }
        }
        self.ids = ids;
        // Sorted, as the chains expect the lowest-numbered blocker first.
        out.sort_unstable();
        result.map(|()| out)
    }

    fn set(&mut self, i: usize, c: Option<Candidate>) {
        self.log.push((i, self.placed[i]));
        if let Some(c) = &c {
            self.box_grid.insert(&c.rect, i);
            if let Some((a, b)) = c.leader_line() {
                self.leader_grid.insert(&Rect::spanning(a, b), i);
            }
        }
        self.placed[i] = c;
    }

    fn rollback(&mut self, mark: usize) {
        while self.log.len() > mark {
            if let Some((i, old)) = self.log.pop() {
                // The grids still file the old place: entries are never removed.
                self.placed[i] = old;
            }
        }
    }

    /// Puts label `i` at its cheapest free candidate.
    pub(super) fn greedy(&mut self, i: usize) -> bool {
        for k in 0..self.candidates[i].len() {
            let c = self.candidates[i][k];
            if self.blockers(&c, 0).is_some() {
                self.set(i, Some(c));
                return true;
            }
        }
        false
    }

    /// Puts label `i` at a candidate held by one or two placed labels that can move to another
    /// free place (or, for one, make room there by moving one more): an ejection chain. Only
    /// labels in its way move.
    pub(super) fn eject(&mut self, i: usize) -> bool {
        for k in 0..self.candidates[i].len() {
            if self.budget == 0 {
                return false;
            }
            self.budget -= 1;
            let c = self.candidates[i][k];
            let Some(blockers) = self.blockers(&c, 2) else { continue };
            let mark = self.log.len();
            for &b in &blockers {
                self.set(b, None);
            }
            self.set(i, Some(c));
            let mut frozen = vec![i];
            let depth = if blockers.len() == 1 { 1 } else { 0 };
            if blockers.iter().all(|&b| self.relocate(b, depth, &mut frozen)) {
                return true;
            }
            self.rollback(mark);
        }
        false
    }

    /// Moves the unplaced label `b` to a free candidate, or with `depth` left to one held by a
    /// single label that itself moves. Labels in `frozen` stay.
    fn relocate(&mut self, b: usize, depth: usize, frozen: &mut Vec<usize>) -> bool {
        self.budget = self.budget.saturating_sub(self.candidates[b].len());
        if self.greedy(b) {
            frozen.push(b);
            return true;
        }
        if depth == 0 {
            return false;
        }
        for k in 0..self.candidates[b].len() {
            if self.budget == 0 {
                return false;
            }
            self.budget -= 1;
            let c = self.candidates[b][k];
            let Some(held) = self.blockers(&c, 1) else { continue };
            let Some(&other) = held.first().filter(|o| !frozen.contains(o)) else { continue };
            let mark = self.log.len();
            self.set(other, None);
            self.set(b, Some(c));
            frozen.push(b);
            if self.relocate(other, depth - 1, frozen) {
                return true;
            }
            frozen.pop();
            self.rollback(mark);
        }
        false
    }

    /// Pushes a label away from what it overlaps and back towards its dot until it is free,
    /// for a label no candidate fits.
    pub(super) fn repel(&mut self, i: usize, size: (f64, f64), anchor: &Circle) -> bool {
        let (w, h) = size;
        let d = anchor.centre;
        let mut rect = Rect::new(d.0 + anchor.radius + GAP, d.1 - h / 2.0, w, h);
        for step in 0..REPULSION_STEPS {
            let c = Candidate { rect, anchor: *anchor, leader: true, cost: 0.0 };
            if self.static_free(&rect, anchor) && self.blockers(&c, 0).is_some() {
                self.set(i, Some(c));
                return true;
            }
            let centre = rect.centre();
            let (mut fx, mut fy) = (0.0, 0.0);
            let mut push = |from: (f64, f64), strength: f64| {
                let (dx, dy) = (centre.0 - from.0, centre.1 - from.1);
                let len = dx.hypot(dy).max(1.0);
                fx += strength * dx / len;
                fy += strength * dy / len;
            };
            let near = rect.grow(self.label_gap);
            let mut ids = Vec::new();
            self.box_grid.collect(&near, &mut ids);
            ids.sort_unstable();
            ids.dedup();
            for p in ids.iter().filter_map(|&j| self.placed[j as usize]).filter(|p| p.rect.overlaps(&near)) {
                push(p.rect.centre(), 4.0);
            }
            for o in self.obstacle_grid.near(&self.obstacles, &near, |o| o.overlaps(&rect)) {
                push(o.centre(), 4.0);
            }
            for dot in self.dot_grid.near(&self.dots, &rect, |dot| rect.hits_circle(dot)) {
                push(dot.centre, 4.0);
            }
            // A weak spring to the dot keeps the label near what it names.
            push(d, -0.5);
            // A little deterministic jitter breaks symmetric deadlocks.
            let angle = step as f64 * 2.399_963;
            fx += angle.cos();
            fy += angle.sin();
            rect = rect.translate(fx, fy);
            let dx = (self.bounds.x0 - rect.x0).max(0.0) + (self.bounds.x1 - rect.x1).min(0.0);
            let dy = (self.bounds.y0 - rect.y0).max(0.0) + (self.bounds.y1 - rect.y1).min(0.0);
            rect = rect.translate(dx, dy);
        }
        false
    }

    /// The static rules for a label away from its dot, anywhere within the longest leader.
    fn static_free(&self, rect: &Rect, anchor: &Circle) -> bool {
        self.bounds.contains(rect)
            && !self.obstacle_grid.any(rect, |i| self.obstacles[i].overlaps(rect))
            && !self.dot_grid.any(rect, |i| rect.hits_circle(&self.dots[i]))
            && !self.segment_grid.any(rect, |i| rect.hits_segment(self.segments[i].0, self.segments[i].1))
            && {
                let q = rect.nearest(anchor.centre);
                (q.0 - anchor.centre.0).hypot(q.1 - anchor.centre.1) - anchor.radius <= self.max_leader
                    && self.leader_clear(anchor, q)
            }
    }
}

/// The positions tried around a dot: touching it on each side, slid along that side, then
/// rings out to `reach` pixels from its rim at [`ANGLES`] angles.
fn positions(size: (f64, f64), anchor: &Circle, reach: f64) -> Vec<Rect> {
    let (w, h) = size;
    let (cx, cy) = anchor.centre;
    let r = anchor.radius + GAP + 1.0;
    let mut out = Vec::new();
    // Beside: centred first, then slid by quarter and half the box.
    for t in [0.0, -0.5, 0.5, -1.0, 1.0] {
        let y = cy - h / 2.0 + t * h / 2.0;
        out.push(Rect::new(cx + r, y, w, h));
        out.push(Rect::new(cx - r - w, y, w, h));
        let x = cx - w / 2.0 + t * w / 2.0;
        out.push(Rect::new(x, cy - r - h, w, h));
        out.push(Rect::new(x, cy + r, w, h));
    }
    let rings = MAX_RINGS.min((reach / 6.0).ceil().max(1.0) as usize);
    let step = reach / rings as f64;
    for ring in 1..=rings {
        for k in 0..ANGLES {
            out.push(ring_position(size, anchor, r + ring as f64 * step, k));
        }
    }
    out
}

/// Position `k` on the ring of radius `reach`: the box touches the ring at angle k, starting
/// from the right and turning towards the top.
fn ring_position(size: (f64, f64), anchor: &Circle, reach: f64, k: usize) -> Rect {
    let (w, h) = size;
    let (cx, cy) = anchor.centre;
    // Alternate sides so that right, left, above and below come before the diagonals.
    const ORDER: [f64; 8] = [0.0, 0.5, 0.25, 0.75, 0.125, 0.375, 0.625, 0.875];
    let turn = if k < 8 { ORDER[k] } else { (k - 8) as f64 / (ANGLES - 8) as f64 + 0.5 / (ANGLES - 8) as f64 };
    let a = turn * std::f64::consts::TAU;
    let (ux, uy) = (a.cos(), -a.sin());
    // Put the box on the far side of the point where the ray leaves the ring.
    let (px, py) = (cx + ux * reach, cy + uy * reach);
    let x = if ux > 0.3 {
        px
    } else if ux < -0.3 {
        px - w
    } else {
        px - w / 2.0
    };
    let y = if uy > 0.3 {
        py
    } else if uy < -0.3 {
        py - h
    } else {
        py - h / 2.0
    };
    Rect::new(x, y, w, h)
}
