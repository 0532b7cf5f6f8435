//! A uniform grid over the plot: which boxes touch each cell, so a test looks only at what is near.

use super::Rect;

/// Which boxes touch each cell of a uniform grid over the bounds. Boxes and queries outside
/// are clamped to the border cells, so nothing that overlaps a query is missed.
pub(super) struct Grid {
    origin: (f64, f64),
    /// Cell width and height: `CELL`, or more on bounds over 256 cells wide or high.
    cell: (f64, f64),
    cols: usize,
    rows: usize,
    cells: Vec<Vec<u32>>,
}

/// Side of a grid cell in pixels: about one short label.
const CELL: f64 = 48.0;

impl Grid {
    pub(super) fn new(bounds: Rect) -> Grid {
        // Huge bounds (the fuzzer's 1e38) get bigger cells, not 16 million empty ones.
        let side = |span: f64| if span.is_finite() { CELL.max(span / 256.0) } else { CELL };
        let cell = (side(bounds.x1 - bounds.x0), side(bounds.y1 - bounds.y0));
        let count = |span: f64, side: f64| ((span / side).ceil() as usize).clamp(1, 256);
        let (cols, rows) = (count(bounds.x1 - bounds.x0, cell.0), count(bounds.y1 - bounds.y0, cell.1));
        Grid { origin: (bounds.x0, bounds.y0), cell, cols, rows, cells: vec![Vec::new(); cols * rows] }
    }

    /// A grid holding `boxes`, each under its index.
    pub(super) fn of(bounds: Rect, boxes: impl Iterator<Item = Rect>) -> Grid {
        let mut g = Grid::new(bounds);
        for (i, b) in boxes.enumerate() {
            g.insert(&b, i);
        }
        g
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

    /// Files `id` under every cell `r` touches, once per cell (a label moved back and forth
    /// by the search would otherwise fill its cells with copies; the caller tests the box
    /// the id holds now).
    pub(super) fn insert(&mut self, r: &Rect, id: usize) {
        for c in self.cells_of(r).collect::<Vec<_>>() {
            if !self.cells[c].contains(&(id as u32)) {
                self.cells[c].push(id as u32);
            }
        }
    }

    /// Whether `f` holds for an id filed in a cell `r` touches (an id may be asked twice).
    pub(super) fn any(&self, r: &Rect, mut f: impl FnMut(usize) -> bool) -> bool {
        self.cells_of(r).any(|c| self.cells[c].iter().any(|&i| f(i as usize)))
    }

    /// The ids filed in the cells `r` touches, added to `out` (unsorted, maybe repeated).
    pub(super) fn collect(&self, r: &Rect, out: &mut Vec<u32>) {
        for c in self.cells_of(r) {
            out.extend_from_slice(&self.cells[c]);
        }
    }

    /// The items (indexed as filed) whose cells meet `r`'s and that pass `keep`, once
    /// each, in index order. Only the kept ones are sorted: a crowded cell holds
    /// thousands of dots, of which a query keeps a few.
    pub(super) fn near<'s, T>(
        &self,
        items: &'s [T],
        r: &Rect,
        keep: impl Fn(&T) -> bool,
    ) -> impl Iterator<Item = &'s T> {
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
