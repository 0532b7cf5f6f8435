//! The `import_markdown` fuzz target: `edge_atlas::fuzzing::import_markdown` on each input.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| edge_atlas::fuzzing::import_markdown(bytes));
