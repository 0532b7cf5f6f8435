//! What both timelines share: margins, axes with ticks and grid, titles, and labelled dots.

use crate::model::Rgb;
use crate::render::labels::{self, Circle, Request, Scenery, Segment};
use crate::render::{Item, Rect, Scene, Weight, measure};

const AXIS: Rgb = Rgb(0x6b, 0x8c, 0xd6);
const GRID: Rgb = Rgb(0xcc, 0xcc, 0xcc);
const TEXT: Rgb = Rgb(0x22, 0x22, 0x22);

/// Label and tick text height at the reference width, in pixels.
pub const TEXT_AT_REFERENCE: f64 = 26.0;

/// The canvas and the plot area inside its margins; sizes scale with the width.
pub struct Frame {
    pub scene: Scene,
    pub plot: Rect,
    /// Text size of labels and ticks, in pixels.
    pub text: f64,
}

impl Frame {
    pub fn new(width: u32, height: u32, title: Option<&str>) -> Frame {
        let (w, h) = (f64::from(width), f64::from(height));
        // 26 px at the reference width: legible when the README shows the figure at 700 px.
        let text = (w * TEXT_AT_REFERENCE / f64::from(super::WIDTH)).max(10.0);
        let mut scene = Scene::new(width, height);
        // Room for a y-axis title above the plot.
        let mut top = text * 2.0;
        if let Some(t) = title.filter(|t| !t.is_empty()) {
            let size = text * 1.3;
            let m = measure(t, size, Weight::Bold);
            scene.items.push(Item::Text {
                pos: ((w - m.width) / 2.0, text * 0.6),
                text: t.to_string(),
                size,
                weight: Weight::Bold,
                colour: TEXT,
            });
            top += m.height + text * 0.6;
        }
        let plot = Rect { x0: text * 4.5, y0: top, x1: w - text * 1.5, y1: h - text * 3.0 };
        Frame { scene, plot, text }
    }

    /// The x axis line with tick labels centred under `ticks` (pixel x, text).
    pub fn x_axis(&mut self, ticks: &[(f64, String)]) {
        let p = self.plot;
        self.line((p.x0, p.y1), (p.x1, p.y1), AXIS, 2.0, None);
        for (x, label) in ticks {
            self.line((*x, p.y1), (*x, p.y1 + self.text * 0.4), AXIS, 2.0, None);
            let m = measure(label, self.text, Weight::Regular);
            self.text_at((x - m.width / 2.0, p.y1 + self.text * 0.7), label, Weight::Regular, TEXT);
        }
    }

    /// Dashed grid lines at `ticks` (pixel y, text) with the tick labels right-aligned left of the plot.
    pub fn y_grid(&mut self, ticks: &[(f64, String)]) {
        let p = self.plot;
        for (y, label) in ticks {
            self.line((p.x0, *y), (p.x1, *y), GRID, 1.0, Some((8.0, 6.0)));
            let m = measure(label, self.text, Weight::Regular);
            self.text_at((p.x0 - self.text * 0.6 - m.width, y - m.height / 2.0), label, Weight::Regular, TEXT);
        }
    }

    /// Marks a broken y axis at pixel `y`: two slanted strokes across the axis.
    pub fn axis_break(&mut self, y: f64) {
        let (x, d) = (self.plot.x0, self.text * 0.35);
        for dy in [-d * 0.5, d * 0.5] {
            self.line((x - d, y + dy + d * 0.5), (x + d, y + dy - d * 0.5), TEXT, 2.0, None);
        }
    }

    /// A title for the y axis, above its tick labels.
    pub fn y_title(&mut self, title: &str) {
        let m = measure(title, self.text, Weight::Bold);
        let x = (self.plot.x0 - m.width / 2.0).max(2.0);
        self.text_at((x, self.plot.y0 - m.height - 4.0), title, Weight::Bold, TEXT);
    }

    pub fn line(&mut self, from: (f64, f64), to: (f64, f64), colour: Rgb, width: f64, dash: Option<(f64, f64)>) {
        self.scene.items.push(Item::Line { from, to, colour, width, dash });
    }

    pub fn text_at(&mut self, pos: (f64, f64), text: &str, weight: Weight, colour: Rgb) {
        self.scene.items.push(Item::Text { pos, text: text.to_string(), size: self.text, weight, colour });
    }

    /// Places `labels` off every dot in `dots` and off `obstacles`, inside the plot, and draws
    /// them with leader lines where they sit away from their dot. Returns the indices of the
    /// labels that found no room.
    pub fn labels(
        &mut self,
        labels: &[Label],
        dots: &[Circle],
        obstacles: &[Rect],
        segments: &[Segment],
    ) -> Vec<usize> {
        let requests: Vec<Request> = labels
            .iter()
            .map(|l| {
                let m = measure(&l.text, self.text, l.weight);
                Request { size: (m.width, m.height), dot: l.dot }
            })
            .collect();
        let placed = labels::place(
            &requests,
            Scenery { dots, obstacles, segments, bounds: self.plot, label_gap: self.text * 0.3 },
        );
        let mut missing = Vec::new();
        // Leaders first, so that text is drawn over them.
        for (l, p) in labels.iter().zip(&placed) {
            if let Some(p) = p.filter(|p| p.leader) {
                let to = p.rect.nearest(l.dot.centre);
                let (dx, dy) = (to.0 - l.dot.centre.0, to.1 - l.dot.centre.1);
                let len = dx.hypot(dy).max(1.0);
                let from = (l.dot.centre.0 + dx / len * l.dot.radius, l.dot.centre.1 + dy / len * l.dot.radius);
                self.line(from, to, Rgb(0x99, 0x99, 0x99), 1.0, None);
            }
        }
        for (i, (l, p)) in labels.iter().zip(&placed).enumerate() {
            match p {
                Some(p) => self.text_at((p.rect.x0, p.rect.y0), &l.text, l.weight, l.colour),
                None => missing.push(i),
            }
        }
        missing
    }

    pub fn into_scene(self) -> Scene {
        self.scene
    }
}

/// A label for one dot.
#[derive(Debug, Clone)]
pub struct Label {
    pub text: String,
    pub colour: Rgb,
    pub weight: Weight,
    pub dot: Circle,
}

/// A colour dark enough for text on white: light brand colours are darkened.
pub fn text_colour(c: Rgb) -> Rgb {
    let l = c.luminance();
    if l <= 0.6 {
        return c;
    }
    let k = 0.6 / l;
    let f = |v: u8| (f64::from(v) * k).round() as u8;
    Rgb(f(c.0), f(c.1), f(c.2))
}
