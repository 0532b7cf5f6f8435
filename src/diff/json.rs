//! The JSON format: the [`Diff`] as one object, its schema documented in the README ("diff")
//! and versioned by its `schema` field.

use super::Diff;

pub fn render(d: &Diff) -> String {
    // Serialising plain structs of strings and numbers cannot fail.
    let mut s = serde_json::to_string_pretty(d).unwrap_or_default();
    s.push('\n');
    s
}
