//! Input normalisation, once, before parsing: what an editor or a spreadsheet adds that a
//! reader does not see. A UTF-8 byte-order mark is dropped (a UTF-16 one is an error naming
//! the encoding), CRLF and lone CR line endings become LF, non-breaking and other fixed-width
//! spaces read as spaces, zero-width spaces and word joiners are dropped, and typographic
//! quotes inside HTML tags (`href=“…”`, what a word processor makes of `"`) read as straight
//! quotes. Each kind of change is counted, with where it first happened, so that a file's
//! changes are reported once (a lint finding, an import note). Names are matched in NFC
//! (`model::name_key`); their spelling is kept for display.

use std::fmt;

/// One kind of change made to a file, how often, and where first (1-based line and column
/// of the normalised text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub kind: ChangeKind,
    pub count: usize,
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeKind {
    ByteOrderMark,
    Crlf,
    LoneCr,
    FixedSpace,
    ZeroWidth,
    SmartQuotes,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.count;
        let s = if n == 1 { "" } else { "s" };
        match self.kind {
            ChangeKind::ByteOrderMark => write!(f, "a UTF-8 byte-order mark at the start (dropped)"),
            ChangeKind::Crlf => write!(f, "{n} CRLF line ending{s} (read as LF)"),
            ChangeKind::LoneCr => write!(f, "{n} lone CR line ending{s} (read as LF)"),
            ChangeKind::FixedSpace => write!(f, "{n} non-breaking or fixed-width space{s} (read as spaces)"),
            ChangeKind::ZeroWidth => write!(f, "{n} zero-width space{s} or word joiner{s} (dropped)"),
            ChangeKind::SmartQuotes => write!(f, "typographic quotes in {n} HTML tag{s} (read as straight quotes)"),
        }
    }
}

/// The changes of one file in one sentence, first change first.
pub fn describe(changes: &[Change]) -> String {
    let parts: Vec<String> = changes.iter().map(Change::to_string).collect();
    format!("normalised before reading: {}", parts.join("; "))
}

/// A file whose bytes are not UTF-8 text by its own declaration.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("starts with a {0} byte-order mark: the file is {0}, not UTF-8; save it as UTF-8")]
pub struct WrongEncoding(pub &'static str);

/// The encoding a byte-order mark other than UTF-8's declares.
pub fn check_encoding(bytes: &[u8]) -> Result<(), WrongEncoding> {
    match bytes {
        [0xFF, 0xFE, 0, 0, ..] => Err(WrongEncoding("UTF-32 (little-endian)")),
        [0, 0, 0xFE, 0xFF, ..] => Err(WrongEncoding("UTF-32 (big-endian)")),
        [0xFF, 0xFE, ..] => Err(WrongEncoding("UTF-16 (little-endian)")),
        [0xFE, 0xFF, ..] => Err(WrongEncoding("UTF-16 (big-endian)")),
        _ => Ok(()),
    }
}

/// Reads `inner` with CRLF and lone CR line ends as LF, streaming: a table's rows and their
/// line numbers are then the same whichever line ends an editor saved.
pub struct LineEnds<R> {
    inner: R,
    /// The last byte read was a CR: an LF right after it belongs to it.
    after_cr: bool,
}

impl<R> LineEnds<R> {
    pub fn new(inner: R) -> LineEnds<R> {
        LineEnds { inner, after_cr: false }
    }
}

impl<R: std::io::Read> std::io::Read for LineEnds<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            let n = self.inner.read(buf)?;
            if n == 0 {
                return Ok(0);
            }
            let kept = lf_in_place(&mut buf[..n], &mut self.after_cr);
            // Zero kept: the chunk was the LF of a CRLF split across reads; read on.
            if kept > 0 {
                return Ok(kept);
            }
        }
    }
}

/// `bytes` with CRLF and lone CR line ends as LF, as [`LineEnds`] reads them.
pub fn lf_bytes(mut bytes: Vec<u8>) -> Vec<u8> {
    let kept = lf_in_place(&mut bytes, &mut false);
    bytes.truncate(kept);
    bytes
}

/// Rewrites `buf` in place with CR and CRLF as LF and returns how many bytes it kept;
/// `after_cr` carries a CR that ended the previous chunk.
fn lf_in_place(buf: &mut [u8], after_cr: &mut bool) -> usize {
    // Most files have no CR: the one scan of the chunk is all.
    if !*after_cr && !buf.contains(&b'\r') {
        return buf.len();
    }
    let mut kept = 0;
    for read in 0..buf.len() {
        let b = buf[read];
        if b == b'\n' && *after_cr {
            *after_cr = false;
            continue;
        }
        *after_cr = b == b'\r';
        buf[kept] = if b == b'\r' { b'\n' } else { b };
        kept += 1;
    }
    kept
}

/// Whether a UTF-8 file starts with a byte-order mark.
pub fn has_bom(bytes: &[u8]) -> bool {
    bytes.starts_with("\u{feff}".as_bytes())
}

fn is_fixed_space(c: char) -> bool {
    matches!(c, '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}')
}

fn is_zero_width(c: char) -> bool {
    // Not U+200C/U+200D: joiners shape scripts and emoji.
    matches!(c, '\u{200b}' | '\u{2060}' | '\u{feff}')
}

fn straight(c: char) -> Option<char> {
    match c {
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' => Some('"'),
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' => Some('\''),
        _ => None,
    }
}

/// `text` normalised (see the module documentation) and what changed; text with nothing
/// to change is returned as it is.
pub fn text(text: &str) -> (String, Vec<Change>) {
    let mut out = String::with_capacity(text.len());
    let mut changes: Vec<Change> = Vec::new();
    let (mut line, mut column) = (1, 1);
    let mut note = |kind, line, column| match changes.iter_mut().find(|c| c.kind == kind) {
        Some(c) => c.count += 1,
        None => changes.push(Change { kind, count: 1, line, column }),
    };
    let body = match text.strip_prefix('\u{feff}') {
        Some(rest) => {
            note(ChangeKind::ByteOrderMark, 1, 1);
            rest
        }
        None => text,
    };
    // Inside an HTML tag (`<a ...>`, `<img ...>`) from its `<` to its `>`.
    let mut in_tag = false;
    let mut tag_changed = false;
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                    note(ChangeKind::Crlf, line, column);
                } else {
                    note(ChangeKind::LoneCr, line, column);
                }
                out.push('\n');
            }
            c if is_fixed_space(c) => {
                note(ChangeKind::FixedSpace, line, column);
                out.push(' ');
            }
            c if is_zero_width(c) => {
                // Dropped, yet counted: columns are the file's as an editor shows them.
                note(ChangeKind::ZeroWidth, line, column);
            }
            c if in_tag && straight(c).is_some() => {
                if !tag_changed {
                    note(ChangeKind::SmartQuotes, line, column);
                    tag_changed = true;
                }
                out.push(straight(c).unwrap_or(c));
            }
            c => {
                if c == '<' {
                    let rest: String = chars.clone().take(4).collect::<String>().to_ascii_lowercase();
                    in_tag = rest.starts_with("a ") || rest.starts_with("img ") || rest.starts_with("img\t");
                    tag_changed = false;
                } else if c == '>' || c == '\n' {
                    in_tag = false;
                }
                out.push(c);
            }
        }
        if out.ends_with('\n') {
            (line, column) = (line + 1, 1);
        } else {
            column += 1;
        }
    }
    changes.sort_by_key(|c| (c.line, c.column));
    if changes.is_empty() { (text.to_string(), changes) } else { (out, changes) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_an_editor_adds_is_read_as_what_it_looks_like() {
        let (t, changes) = text("\u{feff}# A\u{a0}B\r\n\r\n| x\u{200b} |\rok <a href=“u”>“q”</a>\n");
        assert_eq!(t, "# A B\n\n| x |\nok <a href=\"u\">“q”</a>\n");
        let kinds: Vec<String> = changes.iter().map(|c| format!("{}:{} {c}", c.line, c.column)).collect();
        assert_eq!(
            kinds,
            [
                "1:1 a UTF-8 byte-order mark at the start (dropped)",
                "1:4 1 non-breaking or fixed-width space (read as spaces)",
                "1:6 2 CRLF line endings (read as LF)",
                "3:4 1 zero-width space or word joiner (dropped)",
                "3:7 1 lone CR line ending (read as LF)",
                "4:12 typographic quotes in 1 HTML tag (read as straight quotes)",
            ]
        );
        assert_eq!(
            describe(&changes[..1]),
            "normalised before reading: a UTF-8 byte-order mark at the start (dropped)"
        );
    }

    #[test]
    fn clean_text_and_emoji_joiners_are_left_alone() {
        let clean = "# Title\n\n- “quoted” prose, 👨\u{200d}💻\n";
        assert_eq!(text(clean), (clean.to_string(), vec![]));
    }

    #[test]
    fn other_encodings_are_named() {
        assert_eq!(
            check_encoding(b"\xff\xfe#\0").unwrap_err().to_string(),
            "starts with a UTF-16 (little-endian) byte-order mark: the file is UTF-16 (little-endian), not UTF-8; save it as UTF-8"
        );
        assert_eq!(check_encoding(b"\xfe\xff\0#").unwrap_err().0, "UTF-16 (big-endian)");
        assert!(check_encoding("\u{feff}# x".as_bytes()).is_ok());
        assert!(has_bom("\u{feff}id".as_bytes()));
    }

    #[test]
    fn line_ends_read_as_lf_across_chunk_boundaries() {
        use std::io::Read;
        let input = b"a,b\r\nc,d\re,f\n\r\n\rg\r".to_vec();
        let expected = b"a,b\nc,d\ne,f\n\n\ng\n".to_vec();
        assert_eq!(lf_bytes(input.clone()), expected);
        // One byte at a time: every CRLF is split across two reads.
        let mut out = Vec::new();
        let mut reader = LineEnds::new(std::io::Read::take(&input[..], u64::MAX));
        let mut one = [0u8; 1];
        while reader.read(&mut one).unwrap() == 1 {
            out.push(one[0]);
        }
        assert_eq!(out, expected);
        let mut all = Vec::new();
        LineEnds::new(&input[..]).read_to_end(&mut all).unwrap();
        assert_eq!(all, expected);
    }
}
