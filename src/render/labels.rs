//! Label placement in pixel space: greedy candidate positions, then repulsion for the rest.
//!
//! Hard rules: a placed label keeps a gap to every other label (so two never read as one),
//! covers no dot (labelled or not), no fixed obstacle (a legend), no series line and no
//! leader, and stays inside the bounds; its leader, when it has one, crosses no label, no
//! other dot and no other leader. Each label is tried at rings of positions around its dot,
//! nearest first; the nearest position that breaks no rule wins (ties: right and above
//! first), so leaders are as short as the scene allows. Labels no position fits
//! are then pushed by the labels and dots they overlap and pulled back to their dot, as
//! ggrepel and adjustText do, until they fit or the iterations run out; those still
//! overlapping are returned as unplaced, for the caller to report by name.
//!
//! Labels, dots and obstacles sit in uniform grids, so each test looks only at what is
//! nearby: placement stays linear in the number of labels when thousands are asked for.

/// An axis-aligned rectangle in pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    pub fn new(x: f64, y: f64, w: f64, h: f64) -> Rect {
        Rect { x0: x, y0: y, x1: x + w, y1: y + h }
    }

    pub fn centre(&self) -> (f64, f64) {
        ((self.x0 + self.x1) / 2.0, (self.y0 + self.y1) / 2.0)
    }

    fn translate(&self, dx: f64, dy: f64) -> Rect {
        Rect { x0: self.x0 + dx, y0: self.y0 + dy, x1: self.x1 + dx, y1: self.y1 + dy }
    }

    fn grow(&self, m: f64) -> Rect {
        Rect { x0: self.x0 - m, y0: self.y0 - m, x1: self.x1 + m, y1: self.y1 + m }
    }

    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    fn contains(&self, o: &Rect) -> bool {
        o.x0 >= self.x0 && o.x1 <= self.x1 && o.y0 >= self.y0 && o.y1 <= self.y1
    }

    /// The point of the rectangle nearest to `p`. Never panics, unlike `f64::clamp`, on
    /// NaN or an inverted rectangle (sizes that round to zero once gave NaN here).
    pub fn nearest(&self, p: (f64, f64)) -> (f64, f64) {
        (p.0.max(self.x0).min(self.x1), p.1.max(self.y0).min(self.y1))
    }

    fn is_finite(&self) -> bool {
        [self.x0, self.y0, self.x1, self.y1].iter().all(|v| v.is_finite())
    }

    /// Whether the rectangle covers any part of the dot.
    pub fn hits_circle(&self, c: &Circle) -> bool {
        let q = self.nearest(c.centre);
        let (dx, dy) = ((q.0 - c.centre.0).abs(), (q.1 - c.centre.1).abs());
        // Outside the circle's box means outside the circle: no hypot needed.
        dx < c.radius && dy < c.radius && dx.hypot(dy) < c.radius
    }

    /// Whether the segment a-b passes through the rectangle (Liang-Barsky clipping).
    pub fn hits_segment(&self, a: (f64, f64), b: (f64, f64)) -> bool {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let (mut t0, mut t1) = (0.0f64, 1.0f64);
        for (p, q) in [(-dx, a.0 - self.x0), (dx, self.x1 - a.0), (-dy, a.1 - self.y0), (dy, self.y1 - a.1)] {
            if p == 0.0 {
                if q < 0.0 {
                    return false;
                }
            } else {
                let r = q / p;
                if p < 0.0 {
                    t0 = t0.max(r);
                } else {
                    t1 = t1.min(r);
                }
                if t0 > t1 {
                    return false;
                }
            }
        }
        true
    }
}

/// A dot labels must keep off.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Circle {
    pub centre: (f64, f64),
    pub radius: f64,
}

/// A label to place: its box size, the dot it names, and other dots it may name instead
/// (the other sizes of one release) when no place near `dot` is free.
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
/// Rings of candidate positions and the distance between rings.
const RINGS: usize = 24;
const RING_STEP: f64 = 14.0;
const ANGLES: usize = 24;
const REPULSION_STEPS: usize = 300;

/// A line drawn on the plot (a series), which labels avoid where they can.
pub type Segment = ((f64, f64), (f64, f64));

/// What labels must keep clear of: dots, obstacles and series lines (segments), and how far
/// apart two labels must stay so that they never read as one.
#[derive(Debug, Clone, Copy)]
pub struct Scenery<'a> {
    pub dots: &'a [Circle],
    pub obstacles: &'a [Rect],
    pub segments: &'a [Segment],
    pub bounds: Rect,
    pub label_gap: f64,
}

/// Places labels in the given order (put the most important first). Returns one entry per
/// request: `None` for a label that could not be placed without overlap.
pub fn place(requests: &[Request], scenery: Scenery) -> Vec<Option<Placement>> {
    let mut out: Vec<Option<Placement>> = vec![None; requests.len()];
    if !scenery.bounds.is_finite() {
        return out;
    }
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
    let grid = |boxes: &mut dyn Iterator<Item = Rect>| {
        let mut g = Grid::new(scenery.bounds);
        boxes.for_each(|b| g.insert(&b));
        g
    };
    let mut s = State {
        dot_grid: grid(&mut dots.iter().map(Rect::around)),
        obstacle_grid: grid(&mut obstacles.iter().copied()),
        segment_grid: grid(&mut segments.iter().map(|s| Rect::spanning(s.0, s.1))),
        placed_grid: Grid::new(scenery.bounds),
        leader_grid: Grid::new(scenery.bounds),
        dots,
        obstacles,
        segments,
        bounds: scenery.bounds,
        label_gap: if scenery.label_gap.is_finite() { scenery.label_gap.max(GAP) } else { GAP },
        placed: Vec::new(),
        leaders: Vec::new(),
    };
    let mut left = Vec::new();
    for (i, r) in requests.iter().enumerate() {
        if !Rect::new(r.dot.centre.0, r.dot.centre.1, r.size.0, r.size.1).is_finite() || !r.dot.radius.is_finite() {
            continue;
        }
        // Its own dot first; only when nothing near it is free, the other dots it may name
        // (the cheapest place beside any of them), so a label that fits keeps its place.
        let also = || r.also.iter().filter(|d| Rect::around(d).is_finite() && d.radius.is_finite());
        let found = s
            .best(r.size, &r.dot)
            .or_else(|| also().filter_map(|d| s.best(r.size, d)).min_by(|a, b| a.0.total_cmp(&b.0)));
        match found.map(|(_, p)| p) {
            Some(p) => {
                s.add(&p);
                out[i] = Some(p);
            }
            None => left.push(i),
        }
    }
    for i in left {
        if let Some(p) = s.repel(requests[i].size, &requests[i].dot) {
            s.add(&p);
            out[i] = Some(p);
        }
    }
    out
}

/// The first hard rule `placed` breaks, if any (for tests and the fuzz target): a label
/// outside the bounds, two labels closer than the gap, a label on a dot, an obstacle or a
/// series line, a leader across a label, another dot or another leader. Comparisons allow a
/// millionth of a pixel, the rounding of the grown boxes placement works with.
pub fn violation(requests: &[Request], scenery: Scenery, placed: &[Option<Placement>]) -> Option<String> {
    const EPS: f64 = 1e-6;
    if placed.len() != requests.len() {
        return Some(format!("{} placements for {} requests", placed.len(), requests.len()));
    }
    let gap = if scenery.label_gap.is_finite() { scenery.label_gap.max(GAP) } else { GAP };
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
        if let Some(c) = scenery.dots.iter().filter(finite).filter(apart).find(|c| inner(c).hits_segment(*d, *q)) {
            return Some(format!("leader {d:?}-{q:?} crosses dot {c:?}"));
        }
        if let Some((other, _, _)) = leaders[i + 1..].iter().find(|(o, _, _)| crosses((*d, *q), *o)) {
            return Some(format!("leaders {d:?}-{q:?} and {other:?} cross"));
        }
    }
    None
}

/// Which boxes touch each cell of a uniform grid over the bounds. Boxes and queries outside
/// are clamped to the border cells, so nothing that overlaps a query is missed.
struct Grid {
    origin: (f64, f64),
    /// Cell width and height: `CELL`, or more on bounds over 256 cells wide or high.
    cell: (f64, f64),
    cols: usize,
    rows: usize,
    cells: Vec<Vec<u32>>,
    len: u32,
}

/// Side of a grid cell in pixels: about one short label.
const CELL: f64 = 48.0;

impl Grid {
    fn new(bounds: Rect) -> Grid {
        // Huge bounds (the fuzzer's 1e38) get bigger cells, not 16 million empty ones.
        let side = |span: f64| if span.is_finite() { CELL.max(span / 256.0) } else { CELL };
        let cell = (side(bounds.x1 - bounds.x0), side(bounds.y1 - bounds.y0));
        let count = |span: f64, side: f64| ((span / side).ceil() as usize).clamp(1, 256);
        let (cols, rows) = (count(bounds.x1 - bounds.x0, cell.0), count(bounds.y1 - bounds.y0, cell.1));
        Grid { origin: (bounds.x0, bounds.y0), cell, cols, rows, cells: vec![Vec::new(); cols * rows], len: 0 }
    }

    fn cells_of(&self, r: &Rect) -> impl Iterator<Item = usize> + '_ {
        let span = |lo: f64, hi: f64, origin: f64, side: f64, n: usize| {
            let cell = |v: f64| (((v - origin) / side).floor().max(0.0) as usize).min(n - 1);
            cell(lo)..=cell(hi)
        };
        let xs = span(r.x0, r.x1, self.origin.0, self.cell.0, self.cols);
        let ys = span(r.y0, r.y1, self.origin.1, self.cell.1, self.rows);
        ys.flat_map(move |y| xs.clone().map(move |x| y * self.cols + x))
    }

    /// Adds the next box; ids count up from 0 in insertion order.
    fn insert(&mut self, r: &Rect) {
        let id = self.len;
        for c in self.cells_of(r).collect::<Vec<_>>() {
            self.cells[c].push(id);
        }
        self.len += 1;
    }

    /// Whether `f` holds for a box whose cells meet `r`'s (a box may be asked twice).
    fn any(&self, r: &Rect, mut f: impl FnMut(usize) -> bool) -> bool {
        self.cells_of(r).any(|c| self.cells[c].iter().any(|&i| f(i as usize)))
    }

    /// The items (indexed as inserted) whose cells meet `r`'s and that pass `keep`, once
    /// each, in insertion order. Only the kept ones are sorted: a crowded cell holds
    /// thousands of dots, of which a query keeps a few.
    fn near<'s, T>(&self, items: &'s [T], r: &Rect, keep: impl Fn(&T) -> bool) -> impl Iterator<Item = &'s T> {
        let mut ids: Vec<u32> = self
            .cells_of(r)
            .flat_map(|c| self.cells[c].iter().copied())
            .filter(|&i| keep(&items[i as usize]))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids.into_iter().map(move |i| &items[i as usize])
    }
}

struct State {
    dots: Vec<Circle>,
    obstacles: Vec<Rect>,
    segments: Vec<Segment>,
    bounds: Rect,
    label_gap: f64,
    placed: Vec<Rect>,
    /// Leader lines drawn so far, from dot centre to label.
    leaders: Vec<Segment>,
    dot_grid: Grid,
    obstacle_grid: Grid,
    segment_grid: Grid,
    /// Holds placed labels grown by `label_gap`, the box they keep others out of.
    placed_grid: Grid,
    leader_grid: Grid,
}

impl State {
    fn add(&mut self, p: &Placement) {
        self.placed_grid.insert(&p.rect.grow(self.label_gap));
        self.placed.push(p.rect);
        if p.leader {
            let leader = (p.anchor.centre, p.rect.nearest(p.anchor.centre));
            self.leader_grid.insert(&Rect::spanning(leader.0, leader.1));
            self.leaders.push(leader);
        }
    }

    /// Whether a label may sit at `r`: inside the bounds, off every label (by the gap), every
    /// obstacle, dot, series line and leader.
    fn free(&self, r: &Rect) -> bool {
        self.bounds.contains(r)
            && !self.placed_grid.any(r, |i| self.placed[i].grow(self.label_gap).overlaps(r))
            && !self.obstacle_grid.any(r, |i| self.obstacles[i].overlaps(r))
            && !self.dot_grid.any(r, |i| r.hits_circle(&self.dots[i]))
            && !self.segment_grid.any(r, |i| r.hits_segment(self.segments[i].0, self.segments[i].1))
            && !self.leader_grid.any(r, |i| r.hits_segment(self.leaders[i].0, self.leaders[i].1))
    }

    /// Whether a leader from the dot to a label at `r` crosses no label, no other dot and no
    /// other leader.
    fn leader_free(&self, anchor: &Circle, r: &Rect) -> bool {
        let d = anchor.centre;
        let q = r.nearest(d);
        let line = Rect::spanning(d, q);
        !self.placed_grid.any(&line, |i| self.placed[i].hits_segment(d, q))
            && !self.dot_grid.any(&line, |i| {
                // Dots are kept grown by the gap; a leader may pass that close to one. Dots
                // that overlap the labelled one are one blob with it, which the leader leaves.
                let dot = Circle { centre: self.dots[i].centre, radius: self.dots[i].radius - GAP };
                let apart = (dot.centre.0 - d.0).hypot(dot.centre.1 - d.1) >= dot.radius + anchor.radius;
                apart && dot.hits_segment(d, q)
            })
            && !self.leader_grid.any(&line, |i| crosses((d, q), self.leaders[i]))
    }

    /// The cheapest free candidate position for a label of `size` beside `anchor`, and its cost.
    fn best(&self, size: (f64, f64), anchor: &Circle) -> Option<(f64, Placement)> {
        let mut best: Option<(f64, Placement)> = None;
        for ring in 0..RINGS {
            for k in 0..ANGLES {
                let rect = candidate(size, anchor, ring, k);
                let leader = ring > 0;
                if best.as_ref().is_some_and(|(c, _)| *c <= ring as f64 * RING_STEP)
                    || !self.free(&rect)
                    || (leader && !self.leader_free(anchor, &rect))
                {
                    continue;
                }
                let cost = self.cost(anchor, &rect, k);
                if best.as_ref().is_none_or(|(c, _)| cost < *c) {
                    best = Some((cost, Placement { rect, leader, anchor: *anchor }));
                }
            }
        }
        best
    }

    /// Leader length, and a mild preference for the right and above, where readers look first.
    fn cost(&self, anchor: &Circle, rect: &Rect, angle: usize) -> f64 {
        let d = anchor.centre;
        let q = rect.nearest(d);
        (q.0 - d.0).hypot(q.1 - d.1) + [0.0, 1.0, 2.0, 1.0][angle * 4 / ANGLES]
    }

    /// Pushes a label away from what it overlaps and back towards its dot until it is free.
    fn repel(&self, size: (f64, f64), anchor: &Circle) -> Option<Placement> {
        let (w, h) = size;
        let d = anchor.centre;
        let mut rect = Rect::new(d.0 + anchor.radius + GAP, d.1 - h / 2.0, w, h);
        for step in 0..REPULSION_STEPS {
            if self.free(&rect) && self.leader_free(anchor, &rect) {
                return Some(Placement { rect, leader: true, anchor: *anchor });
            }
            let c = rect.centre();
            let (mut fx, mut fy) = (0.0, 0.0);
            let mut push = |from: (f64, f64), strength: f64| {
                let (dx, dy) = (c.0 - from.0, c.1 - from.1);
                let len = dx.hypot(dy).max(1.0);
                fx += strength * dx / len;
                fy += strength * dy / len;
            };
            let near = rect.grow(self.label_gap);
            let hit = |p: &Rect| p.grow(self.label_gap).overlaps(&rect);
            let boxes = self.placed_grid.near(&self.placed, &near, hit).chain(self.obstacle_grid.near(
                &self.obstacles,
                &near,
                hit,
            ));
            for p in boxes {
                push(p.centre(), 4.0);
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
        None
    }
}

/// Whether two segments cross (touching ends count).
fn crosses(a: Segment, b: Segment) -> bool {
    let side = |p: (f64, f64), q: (f64, f64), r: (f64, f64)| (q.0 - p.0) * (r.1 - p.1) - (q.1 - p.1) * (r.0 - p.0);
    let (d1, d2) = (side(b.0, b.1, a.0), side(b.0, b.1, a.1));
    let (d3, d4) = (side(a.0, a.1, b.0), side(a.0, a.1, b.1));
    if d1 * d2 < 0.0 && d3 * d4 < 0.0 {
        return true;
    }
    // Collinear or touching: any end lying on the other segment.
    let on = |p: (f64, f64), q: (f64, f64), r: (f64, f64), d: f64| {
        d == 0.0 && r.0 >= p.0.min(q.0) && r.0 <= p.0.max(q.0) && r.1 >= p.1.min(q.1) && r.1 <= p.1.max(q.1)
    };
    on(b.0, b.1, a.0, d1) || on(b.0, b.1, a.1, d2) || on(a.0, a.1, b.0, d3) || on(a.0, a.1, b.1, d4)
}

impl Circle {
    /// Whether the segment a-b passes within the circle.
    fn hits_segment(&self, a: (f64, f64), b: (f64, f64)) -> bool {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let len2 = dx * dx + dy * dy;
        let t = if len2 > 0.0 {
            (((self.centre.0 - a.0) * dx + (self.centre.1 - a.1) * dy) / len2).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let p = (a.0 + t * dx, a.1 + t * dy);
        (p.0 - self.centre.0).hypot(p.1 - self.centre.1) < self.radius
    }
}

impl Rect {
    /// The box of the segment a-b.
    fn spanning(a: (f64, f64), b: (f64, f64)) -> Rect {
        Rect { x0: a.0.min(b.0), y0: a.1.min(b.1), x1: a.0.max(b.0), y1: a.1.max(b.1) }
    }

    fn around(c: &Circle) -> Rect {
        Rect {
            x0: c.centre.0 - c.radius,
            y0: c.centre.1 - c.radius,
            x1: c.centre.0 + c.radius,
            y1: c.centre.1 + c.radius,
        }
    }
}

/// Candidate `k` of ring `ring`: the box touches the circle of radius dot + gap + ring step
/// at angle k, starting from the right and turning towards the top.
fn candidate(size: (f64, f64), anchor: &Circle, ring: usize, k: usize) -> Rect {
    let (w, h) = size;
    let (cx, cy) = anchor.centre;
    let reach = anchor.radius + GAP + 1.0 + ring as f64 * RING_STEP;
    // Alternate sides so that right, left, above and below come before the diagonals.
    const ORDER: [f64; 8] = [0.0, 0.5, 0.25, 0.75, 0.125, 0.375, 0.625, 0.875];
    let turn = if k < 8 { ORDER[k] } else { (k - 8) as f64 / (ANGLES - 8) as f64 + 0.5 / (ANGLES - 8) as f64 };
    let a = turn * std::f64::consts::TAU;
    let (ux, uy) = (a.cos(), -a.sin());
    // Put the box on the far side of the point where the ray leaves the ring.
    let px = cx + ux * reach;
    let py = cy + uy * reach;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn check(requests: &[Request], dots: &[Circle], bounds: Rect, placed: &[Option<Placement>]) {
        let scenery = Scenery { dots, obstacles: &[], segments: &[], bounds, label_gap: GAP };
        if let Some(v) = violation(requests, scenery, placed) {
            panic!("{v}");
        }
    }

    #[test]
    fn dense_cluster_gets_labels_without_any_overlap() {
        // 40 dots in a 120 x 80 px cluster, each with a 70 x 18 px label: far more label
        // area than the cluster has, so most labels must move out and get leaders.
        let mut dots = Vec::new();
        for i in 0..40 {
            let x = 400.0 + (i % 8) as f64 * 15.0;
            let y = 300.0 + (i / 8) as f64 * 16.0 + (i % 3) as f64 * 2.0;
            dots.push(Circle { centre: (x, y), radius: 5.0 });
        }
        let requests: Vec<Request> = dots.iter().map(|&dot| Request::new((70.0, 18.0), dot)).collect();
        let bounds = Rect::new(0.0, 0.0, 1000.0, 700.0);
        let placed = place(&requests, Scenery { dots: &dots, obstacles: &[], segments: &[], bounds, label_gap: GAP });
        check(&requests, &dots, bounds, &placed);
        // Leaders from inside the cluster would cross other dots: those labels are left out.
        let count = placed.iter().flatten().count();
        assert!((10..40).contains(&count), "{count} placed");
        assert!(placed.iter().flatten().any(|p| p.leader));
        assert!(placed.iter().flatten().any(|p| !p.leader));
    }

    #[test]
    fn thousands_of_labels_fill_the_plot_without_overlap() {
        // More labels than the plot holds, spread over it and beyond its edges: the grid
        // must find every neighbour, including boxes clamped into the border cells.
        let mut dots = Vec::new();
        let mut x = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = |scale: f64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % 10_000) as f64 / 10_000.0 * scale
        };
        for _ in 0..1500 {
            dots.push(Circle { centre: (next(1100.0) - 50.0, next(760.0) - 30.0), radius: 4.0 });
        }
        let requests: Vec<Request> = dots.iter().map(|&dot| Request::new((40.0 + next(60.0), 14.0), dot)).collect();
        let bounds = Rect::new(0.0, 0.0, 1000.0, 700.0);
        let obstacles = [Rect::new(800.0, 20.0, 150.0, 120.0)];
        let placed =
            place(&requests, Scenery { dots: &dots, obstacles: &obstacles, segments: &[], bounds, label_gap: GAP });
        check(&requests, &dots, bounds, &placed);
        let rects: Vec<Rect> = placed.iter().flatten().map(|p| p.rect).collect();
        assert!(rects.iter().all(|r| !r.overlaps(&obstacles[0])));
        let count = rects.len();
        assert!(count > 40 && count < 1500, "{count} labels placed");
    }

    #[test]
    fn a_label_with_no_room_is_reported_not_overlapped() {
        let dots = [Circle { centre: (50.0, 20.0), radius: 5.0 }];
        let requests = vec![Request::new((70.0, 18.0), dots[0]); 3];
        let bounds = Rect::new(0.0, 0.0, 100.0, 40.0);
        let placed = place(&requests, Scenery { dots: &dots, obstacles: &[], segments: &[], bounds, label_gap: GAP });
        check(&requests, &dots, bounds, &placed);
        assert!(placed.iter().any(|p| p.is_none()));
    }

    #[test]
    fn labels_avoid_obstacles_and_sit_next_to_a_lone_dot() {
        let dots = [Circle { centre: (200.0, 200.0), radius: 6.0 }];
        let legend = Rect::new(205.0, 150.0, 200.0, 100.0);
        let scenery = Scenery {
            dots: &dots,
            obstacles: &[legend],
            segments: &[],
            bounds: Rect::new(0.0, 0.0, 800.0, 600.0),
            label_gap: GAP,
        };
        let placed = place(&[Request::new((60.0, 16.0), dots[0])], scenery);
        let p = placed[0].unwrap();
        assert!(!p.rect.overlaps(&legend));
        assert!(!p.leader, "there is room on the left: {p:?}");
        assert!(p.rect.x1 <= 200.0);
    }

    #[test]
    fn labels_keep_off_lines_when_they_can() {
        let dots = [Circle { centre: (200.0, 200.0), radius: 6.0 }];
        // A line through the dot from left to right: the label goes above or below it.
        let line = [((0.0, 200.0), (400.0, 200.0))];
        let scenery = Scenery {
            dots: &dots,
            obstacles: &[],
            segments: &line,
            bounds: Rect::new(0.0, 0.0, 400.0, 400.0),
            label_gap: GAP,
        };
        let p = place(&[Request::new((60.0, 16.0), dots[0])], scenery)[0].unwrap();
        assert!(!p.rect.hits_segment(line[0].0, line[0].1), "{p:?}");
    }

    #[test]
    fn values_that_are_not_numbers_are_left_unplaced_without_a_panic() {
        let nan = f64::NAN;
        let dots = [Circle { centre: (nan, 20.0), radius: 5.0 }, Circle { centre: (50.0, 20.0), radius: 5.0 }];
        let requests = [
            Request::new((30.0, 10.0), dots[0]),
            Request::new((f64::INFINITY, 10.0), dots[1]),
            Request::new((30.0, 10.0), dots[1]),
        ];
        let bounds = Rect::new(0.0, 0.0, 200.0, 100.0);
        let placed = place(&requests, Scenery { dots: &dots, obstacles: &[], segments: &[], bounds, label_gap: GAP });
        assert!(placed[0].is_none() && placed[1].is_none() && placed[2].is_some());
        let nowhere = Rect { x0: nan, y0: nan, x1: nan, y1: nan };
        assert!(
            place(&requests, Scenery { dots: &dots, obstacles: &[], segments: &[], bounds: nowhere, label_gap: GAP })
                .iter()
                .all(Option::is_none)
        );
        // An inverted rectangle has a nearest point too.
        assert_eq!(Rect { x0: 10.0, y0: 0.0, x1: 0.0, y1: 5.0 }.nearest((20.0, 2.0)), (0.0, 2.0));
    }

    #[test]
    fn a_label_boxed_in_at_its_dot_names_another_of_its_dots() {
        // The top dot sits inside a ring of other dots that no 80 px label fits in and no
        // leader crosses; the release's other dot, lower down, is in the open.
        let (top, low) =
            (Circle { centre: (200.0, 100.0), radius: 5.0 }, Circle { centre: (200.0, 400.0), radius: 5.0 });
        let mut dots = vec![top, low];
        for k in 0..24 {
            let a = k as f64 * std::f64::consts::TAU / 24.0;
            dots.push(Circle { centre: (200.0 + 30.0 * a.cos(), 100.0 + 30.0 * a.sin()), radius: 5.0 });
        }
        let bounds = Rect::new(0.0, 0.0, 500.0, 500.0);
        let requests = [Request { size: (80.0, 16.0), dot: top, also: vec![low] }];
        let scenery = Scenery { dots: &dots, obstacles: &[], segments: &[], bounds, label_gap: GAP };
        let placed = place(&requests, scenery);
        assert_eq!(violation(&requests, scenery, &placed), None);
        let p = placed[0].expect("placed beside the other dot");
        assert_eq!(p.anchor, low);
        assert!(place(&[Request::new((80.0, 16.0), top)], scenery)[0].is_none(), "no room by the top dot alone");
        // A placement naming a dot the request does not list breaks the rules.
        let stray = [Some(Placement { anchor: Circle { centre: (400.0, 300.0), radius: 5.0 }, ..p })];
        assert!(violation(&requests, scenery, &stray).unwrap().contains("not a dot of its request"));
    }

    #[test]
    fn segment_hits() {
        let r = Rect::new(10.0, 10.0, 10.0, 10.0);
        assert!(r.hits_segment((0.0, 15.0), (30.0, 15.0)));
        assert!(!r.hits_segment((0.0, 0.0), (30.0, 5.0)));
        assert!(r.hits_segment((15.0, 15.0), (15.0, 16.0)));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// Random dots anywhere in (and around) the plot, random label sizes, some labels free
        /// to name other dots: every label is placed without overlap, or reported as not placed.
        #[test]
        fn random_scenes_never_overlap(
            points in proptest::collection::vec((-40.0f64..840.0, -40.0f64..640.0, 10.0f64..160.0, 8.0f64..30.0), 1..250),
            radius in 2.0f64..8.0,
        ) {
            let dots: Vec<Circle> = points.iter().map(|&(x, y, _, _)| Circle { centre: (x, y), radius }).collect();
            // Every third label may also name the next two dots, as a release names its sizes.
            let requests: Vec<Request> = points
                .iter()
                .zip(&dots)
                .enumerate()
                .map(|(i, (&(_, _, w, h), &dot))| Request {
                    size: (w, h),
                    dot,
                    also: if i % 3 == 0 { dots.iter().skip(i + 1).take(2).copied().collect() } else { Vec::new() },
                })
                .collect();
            let bounds = Rect::new(0.0, 0.0, 800.0, 600.0);
            let placed = place(&requests, Scenery { dots: &dots, obstacles: &[], segments: &[], bounds, label_gap: GAP });
            proptest::prop_assert_eq!(placed.len(), requests.len());
            check(&requests, &dots, bounds, &placed);
        }
    }
}
