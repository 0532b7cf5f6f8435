//! Any bytes as one table of data/ (the first byte picks which), next to valid tables:
//! loading must report problems, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

const TABLES: [&str; 8] = [
    "models.csv",
    "papers.csv",
    "relations.csv",
    "chips.csv",
    "organisations.csv",
    "techniques.csv",
    "device_chips.csv",
    "aliases.csv",
];

fuzz_target!(|bytes: &[u8]| {
    let Some((&pick, body)) = bytes.split_first() else { return };
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("organisations.csv"), "id,name,colour\nacme,Acme,\n").unwrap();
    std::fs::write(dir.path().join(TABLES[pick as usize % TABLES.len()]), body).unwrap();
    if let Ok(loaded) = edge_atlas::data::load(dir.path()) {
        let g = edge_atlas::graph::KnowledgeGraph::build(loaded);
        let _ = edge_atlas::show::render(&g, g.nodes().next().unwrap());
    }
});
