//! The `load_csv` fuzz target: `edge_atlas::fuzzing::load_csv` on each input.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| edge_atlas::fuzzing::load_csv(bytes));
