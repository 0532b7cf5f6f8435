//! edge-atlas: the Awesome-Edge-LLMs list as a typed knowledge graph, with its importer,
//! validation, queries, figures and graph exports. The CLI in `main.rs` is a thin layer on this.

pub mod attrs;
pub mod build;
pub mod community;
pub mod data;
pub mod diag;
pub mod diff;
pub mod export;
pub mod fsx;
pub mod fuzzing;
pub mod graph;
pub mod import;
pub mod latex;
pub mod layout;
pub mod lint;
pub mod markdown;
pub mod model;
pub mod normalise;
pub mod palette;
mod par;
pub mod query;
pub mod render;
pub mod show;
pub mod site;
pub mod suggest;
pub mod synth;
pub mod term;
pub mod timeline;
mod xml;
