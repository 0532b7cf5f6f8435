//! The figures drawn from data: the emergence timeline of model releases and the chip TOPS
//! timeline. Each builds a [`Scene`](crate::render::Scene) in pixels; rendering is separate.

/// The reference figure's size; sizes of dots and text scale from it.
pub const WIDTH: u32 = 2100;
pub const HEIGHT: u32 = 920;

pub mod chips;
pub mod emergence;
mod frame;

#[cfg(test)]
pub(crate) mod tests {
    use crate::graph::KnowledgeGraph;
    use crate::render::labels::{Circle, Rect};
    use crate::render::{Item, Scene, measure};

    /// The shipped data/.
    pub fn shipped() -> KnowledgeGraph {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        KnowledgeGraph::build(crate::data::load(&dir).expect("shipped data is valid"))
    }

    /// Asserts that no two texts of the scene overlap and that no text covers a dot.
    pub fn assert_no_overlap(scene: &Scene) {
        let texts: Vec<(Rect, &str)> = scene
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text { pos, text, size, weight, .. } => {
                    let m = measure(text, *size, *weight);
                    Some((Rect::new(pos.0, pos.1, m.width, m.height), text.as_str()))
                }
                _ => None,
            })
            .collect();
        for (i, (a, ta)) in texts.iter().enumerate() {
            for (b, tb) in &texts[i + 1..] {
                assert!(!a.overlaps(b), "{ta:?} overlaps {tb:?}");
            }
            for item in &scene.items {
                if let Item::Circle { centre, radius, .. } = item {
                    let dot = Circle { centre: *centre, radius: *radius };
                    assert!(!a.hits_circle(&dot), "{ta:?} covers the dot at {centre:?}");
                }
            }
        }
        assert!(texts.len() > 10);
    }
}
