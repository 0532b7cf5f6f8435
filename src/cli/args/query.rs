//! The arguments of the query commands: related, path and list, and their tables.

use clap::{Args, ValueEnum};
use edge_atlas::model::{EntryKind, RelationKind, YearMonth};
use edge_atlas::query::columns::Column;
use edge_atlas::query::list::SortKey;

use super::{DataArgs, columns_help, kinds_help, parse_params, relations_help};

/// How query results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QueryFormat {
    /// Aligned columns for the terminal.
    Table,
    Json,
    Csv,
    /// A Markdown table.
    Markdown,
    /// BibTeX entries of the papers among the results.
    Bibtex,
}

#[derive(Debug, Args)]
pub struct RelatedArgs {
    /// A name, alias, id or kind:id.
    pub entry: String,
    /// How many results.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub top: usize,
    #[arg(long, value_delimiter = ',', value_name = "KIND,...", help = kinds_help("Only these kinds, comma-separated"))]
    pub kind: Vec<EntryKind>,
    #[command(flatten)]
    pub table: TableArgs,
    #[arg(long, value_enum, default_value_t = QueryFormat::Table)]
    pub format: QueryFormat,
    #[command(flatten)]
    pub data: DataArgs,
}

#[derive(Debug, Args)]
pub struct PathArgs {
    /// Where the path starts.
    pub from: String,
    /// Where it ends.
    pub to: String,
    /// Longest path to look for.
    #[arg(long, default_value_t = 6, value_name = "N")]
    pub max_hops: usize,
    #[arg(long, value_name = "KIND", help = kinds_help("Pass through an entry of this kind"))]
    pub via: Option<EntryKind>,
    /// Never pass through this entry (repeatable).
    #[arg(long, value_name = "NAME")]
    pub avoid: Vec<String>,
    /// Print this many paths, cheapest first, each differing from the ones before.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub alternatives: usize,
    #[command(flatten)]
    pub data: DataArgs,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[arg(long, value_delimiter = ',', value_name = "KIND,...", help = kinds_help("Only these kinds, comma-separated"))]
    pub kind: Vec<EntryKind>,
    /// Related to this entry (repeatable: related to all of them). "Qwen" means every entry
    /// of that name: the release and the family. A class includes its kinds and parts and a
    /// section its subsections ("Apple Silicon": its A and M chips, ANE NPU, Apple-M CPU;
    /// "iPhone": every iPhone and the chips in them); the reason names what matched.
    #[arg(long, value_name = "NAME")]
    pub linked_to: Vec<String>,
    #[arg(long, value_delimiter = ',', value_name = "RELATION,...", help = relations_help())]
    pub via: Vec<RelationKind>,
    /// Released or made by these organisations.
    #[arg(long, value_delimiter = ',', value_name = "ORG")]
    pub org: Vec<String>,
    /// Dated from this month on.
    #[arg(long, value_name = "YYYY-MM")]
    pub since: Option<YearMonth>,
    /// Dated up to this month (or year).
    #[arg(long, value_name = "YYYY-MM")]
    pub until: Option<YearMonth>,
    /// With a size of at least this (e.g. 1B).
    #[arg(long, value_name = "SIZE", value_parser = parse_params)]
    pub min_params: Option<u64>,
    /// With a size of at most this (e.g. 8B).
    #[arg(long, value_name = "SIZE", value_parser = parse_params)]
    pub max_params: Option<u64>,
    /// Chips with at least this peak TOPS, and devices with such a chip.
    #[arg(long, value_name = "TOPS")]
    pub min_tops: Option<f64>,
    /// Devices, products or benchmarks of this category: phone, laptop, board, gpu, class,
    /// other for devices; the list's words for products and benchmarks.
    #[arg(long, value_name = "CATEGORY")]
    pub category: Option<String>,
    /// Names or titles containing this (ignoring case, punctuation and British/American
    /// spelling: quantisation finds Quantization), or spelled close to it.
    #[arg(long, value_name = "TEXT")]
    pub text: Option<String>,
    /// Order of the results: date (newest first), name, params (largest first), tops
    /// (highest first) or id [default: date when every kind asked for is dated (model,
    /// paper, chip, family), else id].
    #[arg(long, value_name = "KEY")]
    pub sort: Option<SortKey>,
    #[command(flatten)]
    pub table: TableArgs,
    #[arg(long, value_enum, default_value_t = QueryFormat::Table)]
    pub format: QueryFormat,
    #[command(flatten)]
    pub data: DataArgs,
}

/// Which columns a result table shows and how wide it may be.
#[derive(Debug, Args)]
pub struct TableArgs {
    #[arg(long, value_delimiter = ',', value_name = "COLUMN,...", help = columns_help())]
    pub columns: Vec<Column>,
    /// Fit the table in this many characters, cutting long text with "…" [default: the
    /// terminal's width; nothing is cut when the output is not a terminal].
    #[arg(long, value_name = "N")]
    pub width: Option<usize>,
}
