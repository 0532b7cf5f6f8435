//! What a hardware figure plots: peak TOPS or memory, shared by the chip panel and the model
//! panel above it.

/// What a chip figure plots.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    /// Peak TOPS (the `tops` column).
    Tops,
    /// Memory options in GB (the `memory` column).
    Memory,
}

impl Metric {
    pub(super) fn axis_title(self) -> &'static str {
        match self {
            Metric::Tops => "TOPS",
            Metric::Memory => "Memory (GB)",
        }
    }

    /// The chip's values in ascending order, none when the column is empty.
    pub(super) fn values(self, c: &crate::model::Chip) -> Vec<f64> {
        let mut v: Vec<f64> = match self {
            Metric::Tops => c.tops.iter().flat_map(|t| [t.value.low, t.value.high]).collect(),
            Metric::Memory => c.memory.iter().flat_map(|m| m.value.iter().map(|g| f64::from(*g))).collect(),
        };
        v.retain(|x| x.is_finite() && *x > 0.0);
        v.sort_by(f64::total_cmp);
        v.dedup();
        v
    }
}
