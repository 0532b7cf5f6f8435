//! `diff --figures DIR`: each figure that changed (its PNG differs between the sides), drawn for
//! BASE and for HEAD, and side by side with the releases that appeared, moved or disappeared
//! ringed (green on HEAD, orange on both sides, red on BASE). A figure that did not change is
//! not written.

use crate::fsx::{OutDir, Staged, WriteError};
use crate::graph::KnowledgeGraph;
use crate::model::{Key, Rgb};
use crate::render::{ImageFormat, Item, Rect, Scene, Weight};
use crate::timeline::{chips, emergence};

use super::figures::{Change, Figure, Motion};

const ADDED: Rgb = Rgb(0x1a, 0x9e, 0x3a);
const MOVED: Rgb = Rgb(0xe6, 0x7e, 0x00);
const REMOVED: Rgb = Rgb(0xd0, 0x1c, 0x1c);
/// Space above the two figures for their captions.
const CAPTION: f64 = 56.0;

/// A figure drawn for one side: its file name (as `build` names it), its scene, and the pixel
/// position of each release it plots (the emergence timeline's dots).
struct Drawn {
    name: &'static str,
    scene: Scene,
    points: Vec<(Key, (f64, f64))>,
}

fn draw(g: &KnowledgeGraph, figure: Figure) -> Drawn {
    match figure {
        Figure::Emergence => {
            let f = emergence::draw(g, &emergence::Options::default());
            let points = f.points.iter().map(|p| (g.node(p.model).key.clone(), (p.x, p.y))).collect();
            Drawn { name: emergence::FIGURE.file, scene: f.scene, points }
        }
        Figure::Tops | Figure::Memory => {
            let (name, metric) = if figure == Figure::Tops {
                (chips::TOPS.file, chips::Metric::Tops)
            } else {
                (chips::MEMORY.file, chips::Metric::Memory)
            };
            Drawn { name, scene: chips::draw(g, &chips::Options::new(metric)).scene, points: Vec::new() }
        }
    }
}

fn shifted(item: &Item, dx: f64, dy: f64) -> Item {
    let p = |(x, y): (f64, f64)| (x + dx, y + dy);
    let r = |r: &Rect| Rect { x0: r.x0 + dx, y0: r.y0 + dy, x1: r.x1 + dx, y1: r.y1 + dy };
    match item {
        Item::Line { from, to, colour, width, dash } => {
            Item::Line { from: p(*from), to: p(*to), colour: *colour, width: *width, dash: *dash }
        }
        Item::Circle { centre, radius, colour, hollow } => {
            Item::Circle { centre: p(*centre), radius: *radius, colour: *colour, hollow: *hollow }
        }
        Item::Polygon { points, fill, opacity } => {
            Item::Polygon { points: points.iter().map(|q| p(*q)).collect(), fill: *fill, opacity: *opacity }
        }
        Item::Rect { rect, fill, stroke } => Item::Rect { rect: r(rect), fill: *fill, stroke: *stroke },
        Item::Text { pos, text, size, weight, colour } => {
            Item::Text { pos: p(*pos), text: text.clone(), size: *size, weight: *weight, colour: *colour }
        }
        Item::Image { rect, logo } => Item::Image { rect: r(rect), logo: logo.clone() },
        Item::Group { .. } | Item::End => item.clone(),
    }
}

fn ring(centre: (f64, f64), colour: Rgb) -> [Item; 2] {
    [
        Item::Circle { centre, radius: 16.0, colour, hollow: true },
        Item::Circle { centre, radius: 18.0, colour, hollow: true },
    ]
}

/// BASE and HEAD side by side under captions, changes ringed.
fn side_by_side(base: &Drawn, head: &Drawn, changes: &[&Change]) -> Scene {
    let (b, h) = (&base.scene, &head.scene);
    let mut s = Scene::new(b.width + h.width, b.height.max(h.height) + CAPTION as u32);
    s.items.extend(b.items.iter().map(|i| shifted(i, 0.0, CAPTION)));
    s.items.extend(h.items.iter().map(|i| shifted(i, f64::from(b.width), CAPTION)));
    let bx = f64::from(b.width);
    let captions = [
        ((20.0, 12.0), "BASE", 28.0, Weight::Bold),
        ((bx + 20.0, 12.0), "HEAD", 28.0, Weight::Bold),
        ((bx + 140.0, 18.0), "ringed: green appeared, orange moved, red disappeared", 20.0, Weight::Regular),
    ];
    for (pos, text, size, weight) in captions {
        s.items.push(Item::Text { pos, text: text.to_string(), size, weight, colour: Rgb(0, 0, 0) });
    }
    let find = |side: &Vec<(Key, (f64, f64))>, c: &Change| {
        side.iter().find(|(k, _)| k.kind == c.entry.kind && k.id.as_str() == c.entry.id).map(|(_, p)| *p)
    };
    for c in changes {
        let (on_base, on_head, colour) = match c.change {
            Motion::Appeared => (false, true, ADDED),
            Motion::Moved => (true, true, MOVED),
            Motion::Disappeared => (true, false, REMOVED),
        };
        if on_base && let Some((x, y)) = find(&base.points, c) {
            s.items.extend(ring((x, y + CAPTION), colour));
        }
        if on_head && let Some((x, y)) = find(&head.points, c) {
            s.items.extend(ring((x + f64::from(b.width), y + CAPTION), colour));
        }
    }
    s
}

/// Stages the figures that changed into `out` (`NAME-base.png`, `NAME-head.png`,
/// `NAME-diff.png`); returns the staged files for the caller to commit together.
pub fn stage(
    out: &OutDir,
    base: &KnowledgeGraph,
    head: &KnowledgeGraph,
    changes: &[Change],
) -> Result<Vec<Staged>, WriteError> {
    let mut staged = Vec::new();
    for figure in Figure::ALL {
        let (b, h) = (draw(base, figure), draw(head, figure));
        let (bp, hp) = (b.scene.render(ImageFormat::Png), h.scene.render(ImageFormat::Png));
        if bp == hp {
            continue;
        }
        let mine: Vec<&Change> = changes.iter().filter(|c| c.figure == figure).collect();
        let both = side_by_side(&b, &h, &mine).render(ImageFormat::Png);
        for (suffix, bytes) in [("base", bp), ("head", hp), ("diff", both)] {
            staged.push(out.stage(&format!("{}-{suffix}.png", b.name), |w| w.write_all(&bytes))?);
        }
    }
    Ok(staged)
}
