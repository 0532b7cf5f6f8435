//! Any bytes as the list's README.md (and, split at a NUL, a docs/ page): import must not panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    let (readme, docs) = text.split_once('\0').unwrap_or((&text, ""));
    let files = [("README.md".to_string(), readme.to_string()), ("docs/a.md".to_string(), docs.to_string())];
    let _ = edge_atlas::import::from_markdown(&files);
});
