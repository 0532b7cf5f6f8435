//! The `exports` fuzz target: `edge_atlas::fuzzing::exports` on each input.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| edge_atlas::fuzzing::exports(bytes));
