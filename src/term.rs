//! Text for terminals: a name from the list can carry ESC sequences (clear the screen, set the
//! window title), BEL or bidirectional overrides; human-readable output shows them escaped as
//! `\u{1b}`, never raw. Machine formats (JSON, CSV) keep the data as it is, escaped by their
//! own writers.

use std::borrow::Cow;

/// `s` with every control character but the line break, and every invisible formatting
/// character, written as `\u{..}`.
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_escape) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if needs_escape(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Prints a line for people on standard output, escaped by [`clean`].
pub fn say(line: &str) {
    println!("{}", clean(line));
}

/// Prints a line for people on standard error, escaped by [`clean`].
pub fn tell(line: &str) {
    eprintln!("{}", clean(line));
}

/// Prints text for people on standard error as it ends (lines it holds, or nothing), escaped
/// by [`clean`].
pub fn tell_text(text: &str) {
    eprint!("{}", clean(text));
}

/// Prints a machine format (JSON, CSV, Markdown, BibTeX, lint's formats) on standard output as
/// it is: its own writer escaped it for its readers.
pub fn machine(text: &str) {
    print!("{text}");
}

fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\n') || is_invisible(c)
}

/// Zero-width and bidirectional formatting characters: invisible, and able to make text read
/// as other text.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{feff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_a_terminal_would_obey() {
        assert_eq!(clean("Qwen2.5\nnext line"), "Qwen2.5\nnext line");
        assert_eq!(clean("\u{1b}[2J\u{1b}]0;owned\u{7}x\u{9b}"), r"\u{1b}[2J\u{1b}]0;owned\u{7}x\u{9b}");
        assert_eq!(clean("a\u{202e}b\tc\u{0}"), r"a\u{202e}b\u{9}c\u{0}");
        assert!(matches!(clean("PanGu-α"), Cow::Borrowed(_)));
    }
}
