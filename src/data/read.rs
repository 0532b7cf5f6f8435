//! Reading one CSV table: header check, then each row's fields parsed with every error kept.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use csv::{ByteRecord, ReaderBuilder, StringRecord};

use crate::diag::{Diagnostic, Diagnostics, quoted};
use crate::model::{Id, Key, Url};

/// Where a row starts, so later checks can point at any of its fields.
#[derive(Debug, Clone, Copy)]
pub struct RowPos {
    pub line: u64,
    pub byte: u64,
}

/// A table file, to turn row positions into line and column. Its bytes are read again
/// only when a diagnostic needs a column, so a valid table is streamed and never held whole.
pub struct Source {
    pub display: String,
    path: PathBuf,
    bytes: OnceLock<Vec<u8>>,
    /// The table's declared columns.
    columns: &'static [&'static str],
    /// Where each declared column is in the file: tables are read by column name, so the
    /// file's order is free and an optional column may be missing (read as empty).
    fields: Vec<Option<usize>>,
}

impl Source {
    fn bytes(&self) -> &[u8] {
        // Read as the rows were: line ends as LF, so positions agree.
        self.bytes.get_or_init(|| crate::normalise::lf_bytes(std::fs::read(&self.path).unwrap_or_default()))
    }

    /// The file's field holding declared column `column`, if the file has it.
    fn field(&self, column: &str) -> Option<usize> {
        self.columns.iter().position(|c| *c == column).and_then(|i| self.fields[i])
    }

    /// The 1-based line and character column where field `column` of the row at `pos` begins.
    pub fn locate(&self, pos: RowPos, column: &str) -> (usize, usize) {
        let Some(field) = self.field(column) else {
            return (pos.line as usize, 0);
        };
        field_position(self.bytes(), pos, field)
    }

    pub fn diag(&self, pos: RowPos, column: &str, message: String) -> Diagnostic {
        let (line, col) = self.locate(pos, column);
        Diagnostic::error(self.display.clone(), line, col, message)
    }
}

/// Scans from the start of a record to field `field`, honouring quotes and quoted newlines.
fn field_position(bytes: &[u8], pos: RowPos, field: usize) -> (usize, usize) {
    let mut line = pos.line as usize;
    let mut line_start = pos.byte as usize;
    let mut in_quotes = false;
    let mut seen = 0;
    let mut i = pos.byte as usize;
    while i < bytes.len() && seen < field {
        match bytes[i] {
            b'"' => in_quotes = !in_quotes,
            b',' if !in_quotes => seen += 1,
            b'\n' if in_quotes => {
                line += 1;
                line_start = i + 1;
            }
            b'\n' if !in_quotes => break,
            _ => {}
        }
        i += 1;
    }
    let col = String::from_utf8_lossy(&bytes[line_start.min(i)..i]).chars().count() + 1;
    (line, col)
}

/// One row being parsed; every field error is recorded and parsing goes on.
pub struct Row<'a> {
    source: &'a Source,
    record: &'a StringRecord,
    pub pos: RowPos,
    diags: &'a mut Diagnostics,
}

impl<'a> Row<'a> {
    /// The cell of `column`; empty when the file has no such column.
    pub fn cell(&self, column: &str) -> &'a str {
        self.source.field(column).and_then(|i| self.record.get(i)).map(str::trim).unwrap_or("")
    }

    pub fn error(&mut self, column: &str, message: String) {
        self.diags.push(self.source.diag(self.pos, column, message));
    }

    fn bad(&mut self, column: &str, why: String) {
        let value = self.cell(column);
        self.error(column, format!("{column} {}: {why}", quoted(value)));
    }

    /// A required value parsed by `parse`.
    pub fn parse<T>(&mut self, column: &str, parse: impl FnOnce(&str) -> Result<T, String>) -> Option<T> {
        let v = self.cell(column);
        if v.is_empty() {
            self.error(column, format!("{column} is empty: a value is required"));
            return None;
        }
        parse(v).map_err(|e| self.bad(column, e)).ok()
    }

    /// An optional value: empty is `Some(None)`, a bad value is `None`.
    pub fn opt<T>(&mut self, column: &str, parse: impl FnOnce(&str) -> Result<T, String>) -> Option<Option<T>> {
        let v = self.cell(column);
        if v.is_empty() {
            return Some(None);
        }
        parse(v).map(Some).map_err(|e| self.bad(column, e)).ok()
    }

    pub fn text(&mut self, column: &str) -> Option<String> {
        self.parse(column, |s| Ok(s.to_string()))
    }

    pub fn opt_text(&mut self, column: &str) -> Option<String> {
        Some(self.cell(column)).filter(|s| !s.is_empty()).map(str::to_string)
    }

    pub fn id(&mut self, column: &str) -> Option<Id> {
        self.parse(column, str::parse)
    }

    pub fn opt_id(&mut self, column: &str) -> Option<Option<Id>> {
        self.opt(column, str::parse)
    }

    pub fn key(&mut self, column: &str) -> Option<Key> {
        self.parse(column, str::parse)
    }

    /// A `;`-separated list of plain items.
    pub fn list(&mut self, column: &str) -> Vec<String> {
        split_list(self.cell(column)).map(str::to_string).collect()
    }

    /// A `;`-separated list of URLs; each bad one is reported and left out.
    pub fn urls(&mut self, column: &str) -> Vec<Url> {
        let mut out = Vec::new();
        for item in split_list(self.cell(column)) {
            match Url::parse(item) {
                Ok(u) => out.push(u),
                Err(e) => self.error(column, format!("{column} item {}: {e}", quoted(item))),
            }
        }
        out
    }

    /// A `;`-separated list of ids; each bad one is reported.
    pub fn ids(&mut self, column: &str) -> Option<Vec<Id>> {
        let mut out = Vec::new();
        let mut ok = true;
        for item in split_list(self.cell(column)) {
            match item.parse::<Id>() {
                Ok(id) => out.push(id),
                Err(e) => {
                    self.error(column, format!("{column} item {}: {e}", quoted(item)));
                    ok = false;
                }
            }
        }
        ok.then_some(out)
    }

    pub fn flag(&mut self, column: &str) -> Option<bool> {
        match self.cell(column) {
            "" | "false" => Some(false),
            "true" => Some(true),
            _ => {
                self.bad(column, "expected true or false".to_string());
                None
            }
        }
    }

    pub fn choice<T: std::str::FromStr<Err = String>>(&mut self, column: &str) -> Option<T> {
        self.parse(column, str::parse)
    }
}

pub fn split_list(s: &str) -> impl Iterator<Item = &str> {
    s.split(';').map(str::trim).filter(|p| !p.is_empty())
}

/// The only columns whose cells may hold line breaks: free text such as a paper's title.
const MULTILINE: &[&str] = &["title"];

/// Largest table file accepted; beyond it the input is refused rather than exhausting memory.
pub const MAX_FILE_BYTES: u64 = 4 << 30;

/// Parsed rows of a table, each with its position, and the file they came from.
pub struct TableRows<T> {
    pub rows: Vec<T>,
    pub positions: Vec<RowPos>,
    pub source: Source,
    /// The file could not be read to its end (unreadable, its header wrong, broken CSV): its
    /// entries are missing and references to them say nothing new.
    pub unread: bool,
}

/// A table's declared columns, and which of them a file may leave out (read as empty).
#[derive(Clone, Copy)]
pub struct Columns {
    pub names: &'static [&'static str],
    pub optional: fn(&str) -> bool,
}

impl Columns {
    /// Columns that must all be in the header.
    pub fn required(names: &'static [&'static str]) -> Columns {
        Columns { names, optional: |_| false }
    }
}

/// Reads `path` (refused over `max_bytes`) and calls `each` on every row. A missing file reads
/// as an empty table. Columns are found by their names in the header.
pub fn read_table<T>(
    path: &Path,
    display: &str,
    columns: Columns,
    max_bytes: u64,
    diags: &mut Diagnostics,
    mut each: impl FnMut(&mut Row) -> Option<T>,
) -> TableRows<T> {
    let source = Source {
        display: display.to_string(),
        path: path.to_path_buf(),
        bytes: OnceLock::new(),
        columns: columns.names,
        fields: vec![None; columns.names.len()],
    };
    let mut out = TableRows { rows: Vec::new(), positions: Vec::new(), source, unread: true };
    let mut file = match crate::fsx::open_regular(path, max_bytes) {
        Ok(f) => f,
        Err(e) if e.is_not_found() => return TableRows { unread: false, ..out },
        Err(e) => {
            diags.push(Diagnostic::error(display, 0, 0, format!("cannot read: {e}")));
            return out;
        }
    };
    // What a spreadsheet adds: a UTF-8 byte-order mark (the CSV reader skips it: said once),
    // or a UTF-16 file (refused, naming the encoding).
    let mut head = [0u8; 4];
    let n = std::io::Read::read(&mut file, &mut head).unwrap_or(0);
    if let Err(e) = crate::normalise::check_encoding(&head[..n]) {
        diags.push(Diagnostic::error(display, 1, 1, e.to_string()));
        return out;
    }
    if crate::normalise::has_bom(&head[..n]) {
        let bom = crate::normalise::Change {
            kind: crate::normalise::ChangeKind::ByteOrderMark,
            count: 1,
            line: 1,
            column: 1,
        };
        diags.push(Diagnostic::warning(display, 1, 1, crate::normalise::describe(&[bom])));
    }
    let file = crate::normalise::LineEnds::new(std::io::Read::chain(std::io::Cursor::new(head[..n].to_vec()), file));
    let mut reader = ReaderBuilder::new().flexible(true).buffer_capacity(1 << 16).from_reader(file);
    let header = match reader.byte_headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            diags.push(Diagnostic::error(display, 1, 0, format!("unreadable header: {e}")));
            return out;
        }
    };
    let found: Vec<String> = header.iter().map(|h| String::from_utf8_lossy(h).trim().to_string()).collect();
    match match_header(&found, columns) {
        Ok((fields, missing)) => {
            out.source.fields = fields;
            if !missing.is_empty() {
                let msg = format!("no column {}: read as empty (optional)", missing.join(", "));
                diags.push(Diagnostic::warning(display, 1, 0, msg));
            }
        }
        Err(msg) => {
            diags.push(Diagnostic::error(display, 1, 0, msg));
            return out;
        }
    }
    out.unread = false;
    let source = &out.source;
    let mut record = ByteRecord::new();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                diags.push(Diagnostic::error(display, line, 0, format!("malformed CSV: {e}")));
                out.unread = true;
                break;
            }
        }
        let pos = record.position().map_or(RowPos { line: 0, byte: 0 }, |p| RowPos { line: p.line(), byte: p.byte() });
        if record.len() == 1 && record.get(0) == Some(b"") {
            continue; // a blank line
        }
        if record.len() != found.len() {
            let msg = format!("row has {} fields, expected {} ({})", record.len(), found.len(), found.join(","));
            diags.push(Diagnostic::error(display, pos.line as usize, 0, msg));
            continue;
        }
        // One UTF-8 check for the whole record (a single ASCII test for most rows): its cells
        // are then read as text without checking each again.
        match StringRecord::from_byte_record(record) {
            Ok(text) => {
                // A quote opened and never closed reads the rest of the file into one cell: a
                // line break in a cell that holds one line is the tell, reported where the
                // quote opened.
                let broken =
                    (0..text.len()).find(|&i| !MULTILINE.contains(&found[i].as_str()) && text[i].contains('\n'));
                if let Some(i) = broken {
                    let (line, col) = field_position(source.bytes(), pos, i);
                    let value = &text[i];
                    let lines = value.lines().count();
                    let msg = format!(
                        "{} {} runs over {lines} lines: a quote opened here is never closed? (expected one line)",
                        found[i],
                        quoted(value)
                    );
                    diags.push(Diagnostic::error(display, line, col, msg));
                } else {
                    let mut row = Row { source, record: &text, pos, diags };
                    if let Some(value) = each(&mut row) {
                        out.rows.push(value);
                        out.positions.push(pos);
                    }
                }
                record = text.into_byte_record();
            }
            Err(e) => {
                let i = e.utf8_error().field();
                record = e.into_byte_record();
                let (line, col) = field_position(source.bytes(), pos, i);
                let msg = format!("{} is not valid UTF-8 text", found[i]);
                diags.push(Diagnostic::error(display, line, col, msg));
            }
        }
    }
    out
}

/// Where each declared column is among the header's `found` names, and the optional columns
/// the file leaves out; or what is wrong with the header: a required column missing, a name
/// no column has (with the closest declared ones), a name twice.
fn match_header(found: &[String], columns: Columns) -> Result<(Vec<Option<usize>>, Vec<&'static str>), String> {
    if found.iter().all(String::is_empty) {
        return Err(format!("no header (the file is empty); expected the columns {}", columns.names.join(",")));
    }
    let fields: Vec<Option<usize>> = columns.names.iter().map(|c| found.iter().position(|f| f == c)).collect();
    let absent = || columns.names.iter().zip(&fields).filter(|(_, f)| f.is_none()).map(|(c, _)| *c);
    let missing: Vec<&str> = absent().filter(|c| !(columns.optional)(c)).collect();
    let mut problems = Vec::new();
    if !missing.is_empty() {
        problems.push(format!("missing column {}", missing.join(", ")));
    }
    // A hostile header may have a million columns: seen in a set, and the first few named.
    let mut seen = std::collections::HashSet::new();
    let mut wrong = 0;
    let unnamed = found.iter().filter(|f| f.is_empty()).count();
    if unnamed > 0 {
        problems.push(format!("{unnamed} column(s) without a name (a trailing comma?)"));
    }
    for f in found.iter().filter(|f| !f.is_empty()) {
        let problem = if !seen.insert(f.as_str()) {
            format!("column {} appears twice", quoted(f))
        } else if !columns.names.contains(&f.as_str()) {
            format!("unknown column {}{}", quoted(f), crate::suggest::did_you_mean(f, absent()))
        } else {
            continue;
        };
        wrong += 1;
        if wrong <= HEADER_PROBLEMS {
            problems.push(problem);
        }
    }
    if wrong > HEADER_PROBLEMS {
        problems.push(format!("{} more columns unknown or twice", wrong - HEADER_PROBLEMS));
    }
    if problems.is_empty() {
        let optional_missing = absent().collect();
        return Ok((fields, optional_missing));
    }
    Err(format!("header does not match; {}; expected the columns {}", problems.join("; "), columns.names.join(",")))
}

/// How many unknown or repeated columns a header error names one by one.
const HEADER_PROBLEMS: usize = 5;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_and_skip_quoted_commas() {
        let text = "a,b,c\nx,\"y,é\",zz\n";
        let pos = RowPos { line: 2, byte: 6 };
        assert_eq!(field_position(text.as_bytes(), pos, 0), (2, 1));
        assert_eq!(field_position(text.as_bytes(), pos, 1), (2, 3));
        assert_eq!(field_position(text.as_bytes(), pos, 2), (2, 9));
    }

    #[test]
    fn columns_follow_quoted_newlines() {
        let text = "a,b\n\"x\nyy\",z\n";
        assert_eq!(field_position(text.as_bytes(), RowPos { line: 2, byte: 4 }, 1), (3, 5));
    }
}
