//! The shapes labels are placed among: rectangles, dots and segments, and their intersections.

/// An axis-aligned rectangle in pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

/// A dot labels must keep off.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Circle {
    pub centre: (f64, f64),
    pub radius: f64,
}

/// A line drawn on the plot (a series, a leader), from one point to another.
pub type Segment = ((f64, f64), (f64, f64));

impl Rect {
    pub fn new(x: f64, y: f64, w: f64, h: f64) -> Rect {
        Rect { x0: x, y0: y, x1: x + w, y1: y + h }
    }

    pub fn centre(&self) -> (f64, f64) {
        ((self.x0 + self.x1) / 2.0, (self.y0 + self.y1) / 2.0)
    }

    pub(super) fn translate(&self, dx: f64, dy: f64) -> Rect {
        Rect { x0: self.x0 + dx, y0: self.y0 + dy, x1: self.x1 + dx, y1: self.y1 + dy }
    }

    pub(super) fn grow(&self, m: f64) -> Rect {
        Rect { x0: self.x0 - m, y0: self.y0 - m, x1: self.x1 + m, y1: self.y1 + m }
    }

    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    pub(super) fn contains(&self, o: &Rect) -> bool {
        o.x0 >= self.x0 && o.x1 <= self.x1 && o.y0 >= self.y0 && o.y1 <= self.y1
    }

    /// The point of the rectangle nearest to `p`. Never panics, unlike `f64::clamp`, on
    /// NaN or an inverted rectangle (sizes that round to zero once gave NaN here).
    pub fn nearest(&self, p: (f64, f64)) -> (f64, f64) {
        (p.0.max(self.x0).min(self.x1), p.1.max(self.y0).min(self.y1))
    }

    pub(super) fn is_finite(&self) -> bool {
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

    /// The box of the segment a-b.
    pub(super) fn spanning(a: (f64, f64), b: (f64, f64)) -> Rect {
        Rect { x0: a.0.min(b.0), y0: a.1.min(b.1), x1: a.0.max(b.0), y1: a.1.max(b.1) }
    }

    pub(super) fn around(c: &Circle) -> Rect {
        Rect {
            x0: c.centre.0 - c.radius,
            y0: c.centre.1 - c.radius,
            x1: c.centre.0 + c.radius,
            y1: c.centre.1 + c.radius,
        }
    }
}

impl Circle {
    /// Whether the segment a-b passes within the circle.
    pub(super) fn hits_segment(&self, a: (f64, f64), b: (f64, f64)) -> bool {
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

/// Whether two segments cross (touching ends count).
pub(super) fn crosses(a: Segment, b: Segment) -> bool {
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
