//! Label placement in pixel space: candidate positions around each dot, taken greedily in the
//! caller's order, ejection chains for the labels greedy leaves out, repulsion as a last resort.
//!
//! Hard rules: a placed label keeps a gap to every other label (so two never read as one),
//! covers no dot (labelled or not), no fixed obstacle (a legend), no series line and no
//! leader, and stays inside the bounds; its leader, when it has one, is no longer than the
//! scenery allows and crosses no label, no other dot (but those the scenery calls crossable)
//! and no other leader.
//!
//! How it differs from the labelers it learnt from. ggrepel and adjustText push overlapping
//! boxes apart with forces and pull them back with springs: nothing bounds a leader, and
//! overlaps that remain when the iterations run out are drawn. Christensen, Marks and Shieber
//! anneal over a few fixed positions per point with overlaps as a cost: good density, but
//! any change to the input re-rolls every label. Here the rules are never traded against
//! cost. Each label has many positions (touching its dot on each side, slid along it, and on
//! rings out to the longest leader allowed, by any of the dots it may name), cheapest (shortest
//! leader) first; greedy in the caller's order puts each at its cheapest free one; a label
//! left out then takes a position held by one or two labels that can move to other free
//! positions (an ejection chain, one move deeper for a single holder). Only labels in its way
//! move, so a release added to the data leaves the others where they were. Labels no position
//! fits are pushed by what they overlap and pulled back to their dot, as ggrepel does; those
//! still overlapping are returned as unplaced, for the caller to report by name.
//!
//! Labels, dots and obstacles sit in uniform grids, so each test looks only at what is
//! nearby: placement stays linear in the number of labels when thousands are asked for.

mod geometry;
mod grid;
mod search;
#[cfg(test)]
mod tests;

pub use geometry::{Circle, Rect, Segment};

use geometry::crosses;

/// A label to place: its box size, the dot it names, and other dots it may name instead
/// (the other sizes of one release, the releases of a series).
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub size: (f64, f64),
    pub dot: Circle,
    pub also: Vec<Circle>,
}

impl Request {
    /// A label for one dot only.
    pub fn new(size: (f64, f64), dot: Circle) -> Request {
        Request { size, dot, also: Vec::new() }
    }
}

/// Where a label went: beside `anchor` (the request's dot or one of its `also`); `leader`
/// when it sits away from it and needs a line to it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    pub rect: Rect,
    pub leader: bool,
    pub anchor: Circle,
}

impl Placement {
    /// The leader as drawn: from the rim of the anchor dot to the nearest point of the label.
    pub fn leader_line(&self) -> Segment {
        let (d, q) = (self.anchor.centre, self.rect.nearest(self.anchor.centre));
        let (dx, dy) = (q.0 - d.0, q.1 - d.1);
        let len = dx.hypot(dy).max(1.0);
        ((d.0 + dx / len * self.anchor.radius, d.1 + dy / len * self.anchor.radius), q)
    }
}

/// Clearance between a label and anything else, in pixels.
const GAP: f64 = 3.0;

/// What labels must keep clear of: dots, obstacles and series lines (segments), how far
/// apart two labels must stay so that they never read as one, how long a leader may be
/// (from the dot's rim; infinite for no limit but the search's reach), and the dots a leader
/// may cross: those of radius `crossable` or less (0: none). On a map of hundreds of dots a
/// leader out of a dense cluster has to pass some; it may pass small ones, never another of
/// the sizes labels name.
#[derive(Debug, Clone, Copy)]
pub struct Scenery<'a> {
    pub dots: &'a [Circle],
    pub obstacles: &'a [Rect],
    pub segments: &'a [Segment],
    pub bounds: Rect,
    pub label_gap: f64,
    pub max_leader: f64,
    pub crossable: f64,
}

/// The gap two labels keep: the scenery's, at least [`GAP`].
fn gap(s: &Scenery) -> f64 {
    if s.label_gap.is_finite() { s.label_gap.max(GAP) } else { GAP }
}

/// Places labels in the given order (put the most important first). Returns one entry per
/// request: `None` for a label that could not be placed without breaking a rule.
pub fn place(requests: &[Request], scenery: Scenery) -> Vec<Option<Placement>> {
    if !scenery.bounds.is_finite() {
        return vec![None; requests.len()];
    }
    let mut s = search::State::new(&scenery, requests.len());
    // A label of negative size would be an inverted box that no overlap test sees.
    let drawable = |r: &Request| {
        Rect::new(r.dot.centre.0, r.dot.centre.1, r.size.0, r.size.1).is_finite()
            && r.size.0 >= 0.0
            && r.size.1 >= 0.0
            && r.dot.radius.is_finite()
    };
    let mut left = Vec::new();
    for (i, r) in requests.iter().enumerate().filter(|(_, r)| drawable(r)) {
        s.generate(i, r);
        if !s.greedy(i) {
            left.push(i);
        }
    }
    left.retain(|&i| !s.eject(i));
    for i in left {
        s.repel(i, requests[i].size, &requests[i].dot);
    }
    (0..requests.len()).map(|i| s.placement(i)).collect()
}

/// The first hard rule `placed` breaks, if any (for tests and the fuzz target): a label
/// outside the bounds, two labels closer than the gap, a label on a dot, an obstacle or a
/// series line, a leader across a label, another dot (but a crossable one) or another leader. Comparisons allow a
/// millionth of a pixel, the rounding of the grown boxes placement works with.
pub fn violation(requests: &[Request], scenery: Scenery, placed: &[Option<Placement>]) -> Option<String> {
    const EPS: f64 = 1e-6;
    if placed.len() != requests.len() {
        return Some(format!("{} placements for {} requests", placed.len(), requests.len()));
    }
    let gap = gap(&scenery);
    let finite = |c: &&Circle| Rect::around(c).is_finite();
    let rects: Vec<Rect> = placed.iter().flatten().map(|p| p.rect).collect();
    for (i, a) in rects.iter().enumerate() {
        if !scenery.bounds.contains(a) {
            return Some(format!("label {a:?} leaves the plot"));
        }
        if let Some(b) = rects[i + 1..].iter().find(|b| a.grow(gap - EPS).overlaps(b)) {
            return Some(format!("labels {a:?} and {b:?} are closer than {gap}"));
        }
        if let Some(d) = scenery.dots.iter().filter(finite).find(|d| a.hits_circle(d)) {
            return Some(format!("label {a:?} covers dot {d:?}"));
        }
        if let Some(o) = scenery.obstacles.iter().find(|o| o.is_finite() && a.overlaps(o)) {
            return Some(format!("label {a:?} covers obstacle {o:?}"));
        }
        let segments = scenery.segments.iter().filter(|s| Rect::spanning(s.0, s.1).is_finite());
        if let Some(s) = segments.clone().find(|s| a.hits_segment(s.0, s.1)) {
            return Some(format!("label {a:?} lies on the line {s:?}"));
        }
    }
    for (r, p) in requests.iter().zip(placed).filter_map(|(r, p)| p.as_ref().map(|p| (r, p))) {
        if p.anchor != r.dot && !r.also.contains(&p.anchor) {
            return Some(format!("label {:?} names {:?}, not a dot of its request", p.rect, p.anchor));
        }
    }
    let longest = if scenery.max_leader > 0.0 { scenery.max_leader } else { f64::INFINITY };
    for p in placed.iter().flatten().filter(|p| p.leader) {
        let (a, b) = p.leader_line();
        if (b.0 - a.0).hypot(b.1 - a.1) > longest + EPS {
            return Some(format!("the leader {a:?}-{b:?} is longer than {longest}"));
        }
    }
    let leaders: Vec<(Segment, f64, Rect)> = placed
        .iter()
        .flatten()
        .filter(|p| p.leader)
        .map(|p| ((p.anchor.centre, p.rect.nearest(p.anchor.centre)), p.anchor.radius, p.rect))
        .collect();
    for (i, ((d, q), radius, own)) in leaders.iter().enumerate() {
        if let Some(r) = rects.iter().find(|r| *r != own && r.hits_segment(*d, *q)) {
            return Some(format!("leader {d:?}-{q:?} crosses label {r:?}"));
        }
        // Dots that overlap the labelled one (a blob the leader leaves) do not count.
        let apart = |c: &&Circle| (c.centre.0 - d.0).hypot(c.centre.1 - d.1) >= c.radius + radius + EPS;
        let inner = |c: &Circle| Circle { centre: c.centre, radius: c.radius - EPS };
        let solid = |c: &&Circle| c.radius > scenery.crossable;
        let mut crossed = scenery.dots.iter().filter(finite).filter(solid).filter(apart);
        if let Some(c) = crossed.find(|c| inner(c).hits_segment(*d, *q)) {
            return Some(format!("leader {d:?}-{q:?} crosses dot {c:?}"));
        }
        if let Some((other, _, _)) = leaders[i + 1..].iter().find(|(o, _, _)| crosses((*d, *q), *o)) {
            return Some(format!("leaders {d:?}-{q:?} and {other:?} cross"));
        }
    }
    None
}
