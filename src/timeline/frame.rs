//! What both timelines share: margins, axes with ticks and grid, titles, and labelled dots.

use crate::model::{Logo, Rgb};
use crate::render::labels::{self, Circle, Request, Scenery, Segment};
use crate::render::{Item, Rect, Scene, Weight, measure};

const AXIS: Rgb = Rgb(0x6b, 0x8c, 0xd6);
const GRID: Rgb = Rgb(0xcc, 0xcc, 0xcc);
const TEXT: Rgb = Rgb(0x22, 0x22, 0x22);
/// Leader lines, grey: they lead the eye without competing with the dots.
pub const LEADER: Rgb = Rgb(0x99, 0x99, 0x99);

/// The labels' and ticks' font size in the SVG at the reference width (CSS pixels, the em) of
/// the figures the list shows, as legible as the list's own (about 27 px).
const FONT_SIZE: f64 = 26.0;

/// Label and tick text height at the reference width, in pixels.
pub const TEXT_AT_REFERENCE: f64 = 26.0;

/// The canvas and the plot area inside its margins; sizes scale with the width.
pub struct Frame {
    pub scene: Scene,
    pub plot: Rect,
    /// Text size of labels and ticks, in pixels.
    pub text: f64,
    /// The longest leader a label may have, in pixels (infinite: as far as the search reaches).
    pub max_leader: f64,
    /// Dots of this radius or less a leader may cross (see `labels::Scenery`).
    pub crossable: f64,
}

impl Frame {
    pub fn new(width: u32, height: u32, title: Option<&str>) -> Frame {
        Frame::with_text(width, height, title, TEXT_AT_REFERENCE)
    }

    /// A frame for a figure read as the list's are: labels and ticks of [`FONT_SIZE`].
    pub fn legible(width: u32, height: u32, title: Option<&str>) -> Frame {
        // The frame's text height (ascender to descender) that gives the font size.
        let text = FONT_SIZE / crate::render::font::em_size(1.0, Weight::Regular);
        Frame::with_text(width, height, title, text)
    }

    /// A frame whose labels and ticks are `text_at_reference` pixels high at the reference width.
    fn with_text(width: u32, height: u32, title: Option<&str>, text_at_reference: f64) -> Frame {
        let (w, h) = (f64::from(width), f64::from(height));
        // 26 px at the reference width: legible when the README shows the figure at 700 px.
        let text = (w * text_at_reference / f64::from(super::WIDTH)).max(10.0);
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
        Frame { scene, plot, text, max_leader: f64::INFINITY, crossable: 0.0 }
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

    /// The axis line along the bottom of the plot with tick marks at `xs`, no labels: the
    /// upper panel of a two-panel figure shares the lower panel's labelled time axis.
    pub fn x_marks(&mut self, xs: &[f64]) {
        let p = self.plot;
        self.line((p.x0, p.y1), (p.x1, p.y1), AXIS, 1.5, None);
        for x in xs {
            self.line((*x, p.y1), (*x, p.y1 + self.text * 0.3), AXIS, 1.5, None);
        }
    }

    /// The legend, a marker, the logo (if any) and the name of each entry, in the corner of the
    /// plot, or else the place along its top or bottom edge, that covers the fewest dots and
    /// lines (the top left on a tie). Returns where it went.
    pub fn legend(&mut self, entries: &[LegendEntry], marker: Marker, dots: &[Circle], segments: &[Segment]) -> Rect {
        let t = self.text;
        let row = t * 1.35;
        let width = entries.iter().map(|e| self.label_size(&e.label()).0).fold(0.0, f64::max) + t * 2.6;
        let height = row * entries.len() as f64 + t * 0.6;
        let p = self.plot;
        let (left, right) = (p.x0 + t * 0.6, p.x1 - t * 0.6 - width);
        let (top, bottom) = (p.y0 + t * 0.3, p.y1 - t * 0.3 - height);
        let covered = |r: &Rect| {
            dots.iter().filter(|d| r.hits_circle(d)).count()
                + segments.iter().filter(|s| r.hits_segment(s.0, s.1)).count()
        };
        let corners = [(left, top), (right, top), (left, bottom), (right, bottom)];
        // Then along the top and the bottom edge, in tenths of the way: a gap between the
        // series may hold the legend where every corner would hide a point.
        let along = (1..10).flat_map(|k| {
            let x = left + (right - left) * f64::from(k) / 10.0;
            [(x, top), (x, bottom)]
        });
        let spots: Vec<Rect> = corners.into_iter().chain(along).map(|(x, y)| Rect::new(x, y, width, height)).collect();
        // The first of the least covered: a corner when one is as clear as any.
        let rect = spots.iter().copied().min_by_key(covered).unwrap_or(spots[0]);
        self.scene.items.push(Item::Rect { rect, fill: Rgb(0xff, 0xff, 0xff), stroke: GRID });
        for (i, e) in entries.iter().enumerate() {
            let top = rect.y0 + t * 0.3 + row * i as f64;
            let label = e.label();
            let h = self.label_size(&label).1;
            self.scene.items.push(marker.item((rect.x0 + t * 0.9, top + h / 2.0), t * 0.35, e.colour));
            self.draw_label(&label, Rect::new(rect.x0 + t * 1.7, top, 0.0, h));
        }
        rect
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
        let requests: Vec<Request> =
            labels.iter().map(|l| Request { size: self.label_size(l), dot: l.dot, also: l.also.clone() }).collect();
        let placed = labels::place(
            &requests,
            Scenery {
                dots,
                obstacles,
                segments,
                bounds: self.plot,
                label_gap: self.text * 0.3,
                max_leader: self.max_leader,
                crossable: self.crossable,
            },
        );
        let mut missing = Vec::new();
        for (i, (l, p)) in labels.iter().zip(&placed).enumerate() {
            let Some(p) = p else {
                missing.push(i);
                continue;
            };
            if let Some(names) = &l.names {
                self.scene.items.push(Item::Group { class: "label", names: names.clone() });
            }
            // The leader first, so that nothing of it is drawn over the text.
            if p.leader {
                let (from, to) = p.leader_line();
                self.line(from, to, LEADER, 1.0, None);
            }
            self.draw_label(l, p.rect);
            if l.names.is_some() {
                self.scene.items.push(Item::End);
            }
        }
        missing
    }

    /// Draws a label's logo and text from the top left of `at`, its further lines under it.
    fn draw_label(&mut self, l: &Label, at: Rect) {
        let mut x = at.x0;
        let line = measure(&l.text, self.text, l.weight).height;
        if let Some(logo) = &l.logo {
            let (w, h) = self.logo_size(logo);
            let rect = Rect::new(x, at.y0 + (line - h) / 2.0, w, h);
            self.scene.items.push(Item::Image { rect, logo: logo.clone() });
            x += w + self.text * LOGO_SPACE;
        }
        self.text_at((x, at.y0), &l.text, l.weight, l.colour);
        for (k, (text, colour)) in l.more.iter().enumerate() {
            self.text_at((x, at.y0 + line * (k + 1) as f64), text, l.weight, *colour);
        }
    }

    /// A label's box: its lines of text, and its logo before them with a space between.
    fn label_size(&self, l: &Label) -> (f64, f64) {
        let texts = std::iter::once(&l.text).chain(l.more.iter().map(|(t, _)| t));
        let widths = texts.map(|t| measure(t, self.text, l.weight).width);
        let m = measure(&l.text, self.text, l.weight);
        let logo = l.logo.as_ref().map_or(0.0, |logo| self.logo_size(logo).0 + self.text * LOGO_SPACE);
        (logo + widths.fold(0.0, f64::max), m.height * (1 + l.more.len()) as f64)
    }

    /// A logo's drawn size: [`LOGO_HEIGHT`] of the text height, its own aspect ratio.
    fn logo_size(&self, logo: &Logo) -> (f64, f64) {
        let h = self.text * LOGO_HEIGHT;
        (h * logo.aspect(), h)
    }

    pub fn into_scene(self) -> Scene {
        self.scene
    }
}

/// How a point is drawn: a dot (a chip) or a triangle (a model, as the list draws them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    Dot,
    Triangle,
}

impl Marker {
    /// The marker centred at `centre`, inside a circle of `radius`.
    pub fn item(self, centre: (f64, f64), radius: f64, colour: Rgb) -> Item {
        match self {
            Marker::Dot => Item::Circle { centre, radius, colour, hollow: false },
            Marker::Triangle => {
                let (x, y, r) = (centre.0, centre.1, radius);
                let (dx, dy) = (r * 0.866, r * 0.5);
                Item::Polygon {
                    points: vec![(x, y - r), (x + dx, y + dy), (x - dx, y + dy)],
                    fill: colour,
                    opacity: 0.6,
                }
            }
        }
    }
}

/// A label for one dot.
#[derive(Debug, Clone)]
pub struct Label {
    pub text: String,
    pub colour: Rgb,
    pub weight: Weight,
    pub dot: Circle,
    /// Other dots the label may name when there is no room near `dot` (a release's other sizes).
    pub also: Vec<Circle>,
    /// Lines under the first, each in its own colour: one label naming several points that
    /// coincide, each by its series' colour.
    pub more: Vec<(String, Rgb)>,
    /// An organisation's logo, drawn before the text as part of the label's box.
    pub logo: Option<Logo>,
    /// The `kind:id` keys of what the label names, space-separated: the SVG groups the label
    /// under them (see [`Item::Group`]).
    pub names: Option<String>,
}

/// A legend's line: the series' colour, the logo of who makes it, its name.
#[derive(Debug, Clone)]
pub struct LegendEntry {
    pub name: String,
    pub colour: Rgb,
    pub logo: Option<Logo>,
}

impl LegendEntry {
    /// The entry's text as a label (in the text colour), for measuring and drawing.
    fn label(&self) -> Label {
        let dot = Circle { centre: (0.0, 0.0), radius: 0.0 };
        Label {
            text: self.name.clone(),
            colour: TEXT,
            weight: Weight::Regular,
            dot,
            also: Vec::new(),
            more: Vec::new(),
            logo: self.logo.clone(),
            names: None,
        }
    }
}

/// A logo's height, and the space between it and the label's text, in text heights.
const LOGO_HEIGHT: f64 = 0.85;
const LOGO_SPACE: f64 = 0.2;

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
