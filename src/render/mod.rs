//! Figures as a scene of pixel-space shapes and text, and the two pure renderers that turn a
//! scene into PNG or SVG bytes. Layout (axes, label placement) happens before, in pixels.

pub mod axis;
pub mod font;
pub mod labels;
mod png;
mod svg;

pub use font::{Metrics, Weight, measure};
pub use labels::Rect;

use crate::model::{Logo, Rgb};

/// An image format for figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImageFormat {
    Png,
    Svg,
}

impl ImageFormat {
    pub const ALL: [ImageFormat; 2] = [ImageFormat::Png, ImageFormat::Svg];

    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Svg => "svg",
        }
    }
}

/// A figure: a white canvas and what is drawn on it, in drawing order.
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    pub width: u32,
    pub height: u32,
    pub items: Vec<Item>,
}

/// One thing drawn; coordinates in pixels from the top left.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A straight line; `dash` is (on, off) lengths.
    Line {
        from: (f64, f64),
        to: (f64, f64),
        colour: Rgb,
        width: f64,
        dash: Option<(f64, f64)>,
    },
    /// A dot: filled, or a ring when `hollow`.
    Circle {
        centre: (f64, f64),
        radius: f64,
        colour: Rgb,
        hollow: bool,
    },
    /// A filled polygon, `opacity` 0 (clear) to 1: the shaded band of a chip line.
    Polygon {
        points: Vec<(f64, f64)>,
        fill: Rgb,
        opacity: f64,
    },
    /// A rectangle outline on a fill.
    Rect {
        rect: Rect,
        fill: Rgb,
        stroke: Rgb,
    },
    /// One line of text whose box has its top left corner at `pos` (see [`measure`]).
    Text {
        pos: (f64, f64),
        text: String,
        size: f64,
        weight: Weight,
        colour: Rgb,
    },
    /// A logo scaled into `rect`: embedded in the SVG, composited into the PNG.
    Image {
        rect: Rect,
        logo: Logo,
    },
    /// Starts a group of the items up to the matching [`Item::End`]: in the SVG a `<g>` with a
    /// class and the `kind:id` keys of the entries its marks stand for (space-separated), so
    /// that a reader, a script or a test can tell what each mark is. Nothing in the PNG.
    Group {
        class: &'static str,
        names: String,
    },
    End,
}

impl Scene {
    pub fn new(width: u32, height: u32) -> Scene {
        Scene { width, height, items: Vec::new() }
    }

    pub fn render(&self, format: ImageFormat) -> Vec<u8> {
        match format {
            ImageFormat::Png => png::render(self),
            ImageFormat::Svg => svg::render(self),
        }
    }
}
