//! The JSON format: the [`Diff`] as one object, its schema documented in the README ("Reviewing
//! a change") and versioned by its `schema` field. Control and invisible formatting characters
//! in strings are written as `\uXXXX` escapes (serde_json leaves DEL, C1 controls and
//! bidirectional overrides raw), so no reader's terminal obeys them.

use super::Diff;
use crate::term::is_invisible;

pub fn render(d: &Diff) -> String {
    // Serialising plain structs of strings and numbers cannot fail.
    let raw = serde_json::to_string_pretty(d).unwrap_or_default();
    let mut out = String::with_capacity(raw.len() + 1);
    for c in raw.chars() {
        // Raw control characters can only be inside strings: the layout uses spaces and `\n`.
        if (c.is_control() && c != '\n') || is_invisible(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out.push('\n');
    out
}
