//! Diagnostics: every problem found in input, with the file, line and column it came from.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one place. Line and column are 1-based; 0 means "the whole file" or "the whole line".
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Diagnostic {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub severity: Severity,
    pub message: String,
}

impl Diagnostic {
    pub fn error(file: impl Into<String>, line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic { file: file.into(), line, column, severity: Severity::Error, message: message.into() }
    }

    pub fn warning(file: impl Into<String>, line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(file, line, column, message) }
    }
}

impl fmt::Display for Diagnostic {
    /// `file:line:column: error: message`, the form editors and terminals make clickable.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, ": {level}: {}", self.message)
    }
}

/// Longest value a message quotes, in characters: a 10 MB cell is shown by its start.
pub const QUOTED_MAX: usize = 80;

/// A value as a message shows it: in quotes, with control characters escaped, cut to
/// [`QUOTED_MAX`] characters with an ellipsis.
pub fn quoted(value: &str) -> String {
    format!("{:?}", cut(value, QUOTED_MAX))
}

/// `s` cut to its first `max` characters and an ellipsis, when longer.
pub fn cut(s: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match s.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", &s[..end]).into(),
        None => s.into(),
    }
}

/// All the problems of one run, reported together.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.severity == Severity::Error).count()
    }

    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    /// In file order, so the report reads top to bottom; duplicates removed.
    pub fn sorted(mut self) -> Diagnostics {
        self.0.sort();
        self.0.dedup();
        self
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_file_line_column() {
        let d = Diagnostic::error("data/models.csv", 12, 40, r#"released "2024-13": month 13 does not exist"#);
        assert_eq!(d.to_string(), r#"data/models.csv:12:40: error: released "2024-13": month 13 does not exist"#);
        assert_eq!(Diagnostic::warning("README.md", 3, 0, "x").to_string(), "README.md:3: warning: x");
        assert_eq!(Diagnostic::error("data", 0, 0, "x").to_string(), "data: error: x");
    }

    #[test]
    fn sorts_by_place_and_counts_errors() {
        let mut all = Diagnostics::default();
        all.push(Diagnostic::warning("b.csv", 1, 1, "w"));
        all.push(Diagnostic::error("a.csv", 9, 1, "e"));
        all.push(Diagnostic::error("a.csv", 2, 1, "e"));
        let all = all.sorted();
        assert_eq!(all.error_count(), 2);
        assert_eq!(all.iter().map(|d| d.line).collect::<Vec<_>>(), [2, 9, 1]);
    }
}
