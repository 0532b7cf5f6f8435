//! The list's tables, told apart by their column headers and read by column name, so that a
//! column added or moved changes nothing and a column removed is a located error, not a
//! silently emptied field or a skipped table.

use super::markdown::{Cell, plain};
use crate::diag::{Diagnostic, Diagnostics};

/// The tables the importer knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableKind {
    Frameworks,
    VendorSdks,
    Formats,
    Products,
    Chips,
    Releases,
    Multimodal,
    Families,
}

use TableKind::*;

/// In the order a table is tried against them: a header with "Framework" and "Backend" is
/// the frameworks table even though it shares "Framework" with the vendor SDKs'.
const KINDS: [TableKind; 8] = [Frameworks, VendorSdks, Formats, Products, Chips, Releases, Multimodal, Families];

impl TableKind {
    /// Every column the importer reads from a table of this kind, as the list spells it; the
    /// first names the entry of each row.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Frameworks => &["Framework", "Backend", "Device Support", "Model Family", "Model Size", "Organization"],
            VendorSdks => &["Framework", "Organization", "Core Features", "Links"],
            Formats => &[
                "Format",
                "Safe",
                "Zero-copy",
                "Lazy loading",
                "No file size limit",
                "Layout control",
                "Flexibility",
                "Bfloat16/Fp8",
            ],
            Products => &["Product/Model", "Typical Application Scenarios", "Links"],
            Chips => &["Hardware", "TOPS", "Year", "SmartPhone", "Memory"],
            Releases => &["Model", "Organization", "Size", "Edge", "Release Date"],
            Multimodal => &["Model", "Capability", "Links"],
            Families => &["Model", "Organization", "Links"],
        }
    }

    /// The columns whose presence says which table this is.
    fn marks(self) -> &'static [&'static str] {
        match self {
            Frameworks => &["Framework", "Backend"],
            VendorSdks => &["Framework", "Core Features"],
            Formats => &["Format", "Safe"],
            Products => &["Product/Model"],
            Chips => &["Hardware", "TOPS"],
            Releases => &["Model", "Release Date"],
            Multimodal => &["Model", "Capability"],
            Families => &["Model", "Links"],
        }
    }

    fn what(self) -> &'static str {
        match self {
            Frameworks => "frameworks",
            VendorSdks => "vendor SDKs",
            Formats => "file formats",
            Products => "products",
            Chips => "chips",
            Releases => "model releases",
            Multimodal => "multimodal models",
            Families => "model families",
        }
    }
}

/// A table's header, looked up by column name (ignoring case and surrounding spaces).
pub struct Header<'h>(pub &'h [Cell]);

impl Header<'_> {
    pub fn index(&self, name: &str) -> Option<usize> {
        self.0.iter().position(|c| plain(&c.inlines).trim().eq_ignore_ascii_case(name))
    }

    fn has(&self, name: &str) -> bool {
        self.index(name).is_some()
    }

    fn names(&self) -> Vec<String> {
        self.0.iter().map(|c| plain(&c.inlines).trim().to_string()).collect()
    }

    /// How many of `kind`'s columns this header has.
    fn shared(&self, kind: TableKind) -> usize {
        kind.columns().iter().filter(|c| self.has(c)).count()
    }
}

/// Which table a header at `file:line` belongs to, when it has every column that table's
/// rows are read from. A header with none of a known table's marks is not the list's (a
/// warning, skipped); one that has a table's marks, or most of its columns, but lacks some
/// of them is an error naming them: reading it would empty a field of every row, or drop them.
pub fn recognise(header: &[Cell], file: &str, line: usize, diags: &mut Diagnostics) -> Option<TableKind> {
    let h = Header(header);
    let marked = KINDS.into_iter().find(|k| k.marks().iter().all(|m| h.has(m)));
    // Else the table sharing most columns with the header (at least two and most of its own):
    // a table whose marking column was removed.
    let near = || {
        KINDS
            .into_iter()
            .filter(|&k| h.shared(k) >= 2 && h.shared(k) * 2 > k.columns().len())
            .max_by_key(|&k| (h.shared(k), std::cmp::Reverse(k.columns().len())))
    };
    let Some(kind) = marked.or_else(near) else {
        let msg = format!("table with columns {:?} is not one the importer knows; skipped", h.names());
        diags.push(Diagnostic::warning(file, line, 0, msg));
        return None;
    };
    let missing: Vec<&str> = kind.columns().iter().copied().filter(|c| !h.has(c)).collect();
    if missing.is_empty() {
        return Some(kind);
    }
    let msg = format!(
        "a table of {} without the column(s) {missing:?} that import reads its rows from (its columns: {:?}; expected {:?}); \
         put them back, or teach the importer the new shape",
        kind.what(),
        h.names(),
        kind.columns()
    );
    diags.push(Diagnostic::error(file, line, 1, msg));
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::markdown::Inline;

    fn header(names: &[&str]) -> Vec<Cell> {
        names
            .iter()
            .map(|n| Cell { line: 1, column: 1, inlines: vec![Inline::Text { text: (*n).into(), strong: false }] })
            .collect()
    }

    fn recognised(names: &[&str]) -> (Option<TableKind>, String) {
        let mut d = Diagnostics::default();
        let k = recognise(&header(names), "f.md", 3, &mut d);
        (k, d.to_string())
    }

    #[test]
    fn every_kind_is_recognised_by_its_own_columns_in_any_order() {
        for kind in KINDS {
            let mut cols = kind.columns().to_vec();
            assert_eq!(recognised(&cols), (Some(kind), String::new()));
            cols.reverse();
            cols.push("Notes");
            assert_eq!(recognised(&cols), (Some(kind), String::new()), "{kind:?} reordered, one column more");
        }
    }

    #[test]
    fn a_removed_column_is_an_error_naming_it_even_when_it_marked_the_table() {
        let (k, msg) = recognised(&["Hardware", "TOPS", "Year", "SmartPhone"]);
        assert_eq!(k, None);
        assert!(msg.starts_with("f.md:3:1: error: a table of chips without the column(s) [\"Memory\"]"), "{msg}");
        let (k, msg) = recognised(&["Model", "Organization", "Size", "Edge"]);
        assert_eq!(k, None);
        assert!(msg.contains("a table of model releases without the column(s) [\"Release Date\"]"), "{msg}");
        let (_, msg) = recognised(&["Model", "Organization"]);
        assert!(msg.contains("a table of model families without the column(s) [\"Links\"]"), "{msg}");
    }

    #[test]
    fn a_table_of_other_columns_is_skipped_with_a_warning() {
        let (k, msg) = recognised(&["Benchmark", "Score"]);
        assert_eq!(k, None);
        assert!(msg.starts_with("f.md:3: warning: table with columns [\"Benchmark\", \"Score\"]"), "{msg}");
    }
}
