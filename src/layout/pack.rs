//! Connected components side by side: each component's box placed on shelves, biggest first,
//! rows about as wide as the whole is tall, the result centred on the origin.

/// A component's bounding box in its own coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    pub min: [f64; 2],
    pub max: [f64; 2],
}

impl Bounds {
    pub fn of(points: impl Iterator<Item = [f64; 2]>) -> Bounds {
        let mut b = Bounds { min: [f64::MAX; 2], max: [f64::MIN; 2] };
        for p in points {
            b.min = [b.min[0].min(p[0]), b.min[1].min(p[1])];
            b.max = [b.max[0].max(p[0]), b.max[1].max(p[1])];
        }
        b
    }

    fn size(&self) -> [f64; 2] {
        [self.max[0] - self.min[0], self.max[1] - self.min[1]]
    }
}

/// The offset to add to each component's points. `boxes` come in the order to place them
/// (biggest first); `gap` is the space kept around each.
pub fn pack(boxes: &[Bounds], gap: f64) -> Vec<[f64; 2]> {
    let sizes: Vec<[f64; 2]> = boxes.iter().map(|b| b.size().map(|s| s + gap)).collect();
    let area: f64 = sizes.iter().map(|s| s[0] * s[1]).sum();
    let widest = sizes.iter().map(|s| s[0]).fold(0.0, f64::max);
    let row_width = widest.max(area.sqrt() * 1.2);
    let mut corners = Vec::with_capacity(boxes.len());
    let (mut x, mut y, mut row_height) = (0.0, 0.0, 0.0f64);
    for s in &sizes {
        if x > 0.0 && x + s[0] > row_width {
            (x, y, row_height) = (0.0, y + row_height, 0.0);
        }
        corners.push([x, y]);
        x += s[0];
        row_height = row_height.max(s[1]);
    }
    let total = [row_width, y + row_height];
    boxes.iter().zip(corners).map(|(b, c)| [0, 1].map(|d| c[d] + gap / 2.0 - b.min[d] - total[d] / 2.0)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_boxes_never_overlap() {
        let boxes: Vec<Bounds> = (0..30)
            .map(|i| {
                let s = 1.0 + (i % 7) as f64 * 3.0;
                Bounds { min: [-s, 5.0], max: [s, 5.0 + s] }
            })
            .collect();
        let offsets = pack(&boxes, 1.0);
        let placed: Vec<Bounds> = boxes
            .iter()
            .zip(&offsets)
            .map(|(b, o)| Bounds { min: [b.min[0] + o[0], b.min[1] + o[1]], max: [b.max[0] + o[0], b.max[1] + o[1]] })
            .collect();
        for (i, a) in placed.iter().enumerate() {
            for b in &placed[..i] {
                let apart = (0..2).any(|d| a.max[d] < b.min[d] || b.max[d] < a.min[d]);
                assert!(apart, "{a:?} overlaps {b:?}");
            }
        }
    }
}
