//! Command-line arguments (clap derive); doc comments are the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Knowledge graph, figures and graph exports for the Awesome-Edge-LLMs list.
#[derive(Debug, Parser)]
#[command(name = "edge-atlas", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read the list's Markdown (README.md and docs/*.md) and update the tables in data/.
    Import(ImportArgs),
    /// Validate data/ and print how many entries and relations of each kind it holds.
    Check(DataArgs),
    /// Print one entry with its attributes and relations, grouped by kind.
    Show(ShowArgs),
}

#[derive(Debug, Args)]
pub struct DataArgs {
    /// Directory of the CSV tables.
    #[arg(long, default_value = "data", value_name = "DIR")]
    pub data: PathBuf,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A checkout of the Awesome-Edge-LLMs list.
    #[arg(value_name = "LIST_DIR")]
    pub list: PathBuf,
    #[command(flatten)]
    pub data: DataArgs,
    /// Remove rows the list no longer has (without it they are kept and listed).
    #[arg(long)]
    pub prune: bool,
    /// Show what would change without writing anything.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A name, alias, id or kind:id (e.g. "Qwen2.5", "qwen 2.5", model:qwen2-5).
    pub entry: String,
    #[command(flatten)]
    pub data: DataArgs,
}
