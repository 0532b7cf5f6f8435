//! Command-line arguments (clap derive); doc comments are the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use edge_atlas::model::{EntryKind, RelationKind, YearMonth};
use edge_atlas::palette::ColourBy;
use edge_atlas::query::columns::Column;
use edge_atlas::{export, layout, lint, timeline};

mod query;
pub use query::*;

/// Knowledge graph, figures and graph exports for the Awesome-Edge-LLMs list.
#[derive(Debug, Parser)]
#[command(name = "edge-atlas", version, about, max_term_width = 100, after_help = TOP_HELP)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read the list's Markdown (README.md and docs/*.md) and update the tables in data/.
    #[command(after_help = IMPORT_EXAMPLES)]
    Import(ImportArgs),
    /// Validate data/ and print how many entries and relations of each kind it holds.
    #[command(after_help = CHECK_EXAMPLES)]
    Check(DataArgs),
    /// Check the list's Markdown for what only its data shows: links and anchors, spellings,
    /// dates, papers, units, structure. Exit 1 on an error-level finding.
    #[command(after_help = LINT_EXAMPLES)]
    Lint(LintArgs),
    /// Print one entry with its attributes and relations, grouped by kind.
    #[command(after_help = SHOW_EXAMPLES)]
    Show(ShowArgs),
    /// Print node and edge counts by kind and by relation (--json for scripts).
    #[command(after_help = STATS_EXAMPLES)]
    Stats(StatsArgs),
    /// Write the graph, or a part of it, as DOT, GraphML, GEXF or node-link JSON.
    #[command(after_help = EXPORT_EXAMPLES)]
    Export(ExportArgs),
    /// Rank the entries most related to one, with the reason for each.
    #[command(after_help = RELATED_EXAMPLES)]
    Related(RelatedArgs),
    /// The most specific chain of relations between two entries (hubs are a last resort).
    #[command(after_help = PATH_EXAMPLES)]
    Path(PathArgs),
    /// Entries that pass every filter given (filters combine with AND).
    #[command(after_help = LIST_EXAMPLES)]
    List(ListArgs),
    /// Draw the emergence timeline of model releases and the chip TOPS timeline.
    #[command(after_help = TIMELINE_EXAMPLES)]
    Timeline(TimelineArgs),
    /// Validate data/ and write every output to the output directory.
    #[command(after_help = BUILD_EXAMPLES)]
    Build(BuildArgs),
    /// Write the explorer page alone: one self-contained HTML file (build writes it too).
    #[command(after_help = SITE_EXAMPLES)]
    Site(SiteArgs),
    /// Write a synthetic data/ of a given size, for benchmarks (deterministic per seed).
    #[command(after_help = SYNTH_EXAMPLES)]
    Synth(SynthArgs),
    /// What a change to the list does: entries added, removed, renamed and changed (field by
    /// field), relations, lint findings introduced or fixed, and the figures. Exit 0 whatever
    /// changed; 1 only when HEAD does not import.
    #[command(after_help = DIFF_EXAMPLES)]
    Diff(DiffArgs),
    /// Lay the graph out (ForceAtlas2) and find its communities (Louvain): one CSV row per
    /// entry, `id,x,y,community`. Deterministic; starts from data/layout.csv when present.
    #[command(after_help = LAYOUT_EXAMPLES)]
    Layout(LayoutArgs),
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The list before the change: a checkout (a data/ directory with --data).
    #[arg(value_name = "BASE")]
    pub base: PathBuf,
    /// The list after the change.
    #[arg(value_name = "HEAD")]
    pub head: PathBuf,
    /// BASE and HEAD are data/ directories, compared as they are, not checkouts of the list.
    #[arg(long)]
    pub data: bool,
    /// The data/ directory whose curated tables (colours, extra chips) the lists are imported
    /// onto [default: ./data when it exists, else nothing].
    #[arg(long, value_name = "DIR", conflicts_with = "data")]
    pub onto: Option<PathBuf>,
    /// human: sections of + and - lines; markdown: for a pull request comment or job summary;
    /// json: one object (schema in the README).
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    pub format: DiffFormat,
    /// Also write each figure that changed, for both sides and side by side, into DIR.
    #[arg(long, value_name = "DIR")]
    pub figures: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Human,
    Markdown,
    Json,
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
    /// Keep rows the list no longer has (without it they are removed and listed).
    #[arg(long)]
    pub keep_gone: bool,
    /// Accepted for old scripts: removing rows the list no longer has is the default now.
    #[arg(long, hide = true)]
    pub prune: bool,
    /// Show what would change without writing anything.
    #[arg(long)]
    pub dry_run: bool,
    /// Remove rows even when more go at once than an edit of the list removes (a table or
    /// section losing all its rows, more than 10, or more than 20 %): without it import stops.
    #[arg(long)]
    pub accept_removals: bool,
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// A checkout of the Awesome-Edge-LLMs list.
    #[arg(value_name = "LIST_DIR", required_unless_present = "explain")]
    pub list: Option<PathBuf>,
    /// Print what a rule checks, why, an example and whether it fixes (e.g. EA303), and exit.
    #[arg(long, value_name = "RULE", conflicts_with_all = ["format", "deny", "fix", "diff"])]
    pub explain: Option<String>,
    /// Apply every safe fix in place (all files or none), then report what is left.
    #[arg(long)]
    pub fix: bool,
    /// Print the fixes as a unified diff instead of writing them (exit 1 when there is one).
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
    /// With --fix or --diff: apply the fixes that need a human look too (`--explain` says which).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// human: the source line with a caret; github: workflow annotations; json: an array.
    #[arg(long, value_enum, default_value_t = lint::Format::Human)]
    pub format: lint::Format,
    /// Make warnings fail the run too (exit 1), as errors do.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub deny: Option<Deny>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    Warnings,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A name, alias, id or kind:id (e.g. "Qwen2.5", "qwen 2.5", model:qwen2-5).
    pub entry: String,
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
    #[command(flatten)]
    pub data: DataArgs,
}

/// How `show` prints an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// Attributes, then relations grouped by kind, then related entries.
    Text,
    /// One object: id, kind, name, attributes, relations, related.
    Json,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Print JSON: {"nodes", "edges", "kinds": {..}, "relations": {..}}.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub data: DataArgs,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format; when omitted, taken from the extension of --out.
    #[arg(long, short, value_enum)]
    pub format: Option<export::Format>,
    /// Write to this file (atomically) instead of standard output; for parquet and neo4j,
    /// the directory to write the files into (all of them or none).
    #[arg(long, short, value_name = "FILE|DIR")]
    pub out: Option<PathBuf>,
    #[arg(long, value_delimiter = ',', value_name = "KIND,...", help = kinds_help("Keep only these kinds, comma-separated"))]
    pub kind: Vec<EntryKind>,
    /// Keep only entries within --depth relations of this one (a name, alias or kind:id).
    #[arg(long, value_name = "ENTRY")]
    pub around: Option<String>,
    /// How many relations away from --around to go.
    #[arg(long, default_value_t = 1, requires = "around", value_name = "N")]
    pub depth: usize,
    /// Keep entries dated from this month on, and undated entries related to one of them.
    #[arg(long, value_name = "YYYY-MM")]
    pub since: Option<YearMonth>,
    /// Clusters of the DOT export.
    #[arg(long, value_enum, default_value_t = export::Cluster::Kind)]
    pub cluster: export::Cluster,
    #[command(flatten)]
    pub map: MapArgs,
    #[command(flatten)]
    pub data: DataArgs,
}

/// The map (positions and communities) the exports carry.
#[derive(Debug, Clone, Args)]
pub struct MapArgs {
    /// Lay the graph out and write each node's position and community: GEXF viz:position,
    /// x/y in GraphML, JSON and Parquet, DOT pos (draw it with `neato -n`). Starts from
    /// data/layout.csv when present, so a release adds to the map instead of reshuffling it.
    #[arg(long, value_enum, default_value_t = layout::Choice::Auto)]
    pub layout: layout::Choice,
    /// What node colours say, in the exports and on the maps (output/graph-map, the explorer's
    /// map view) [default: organisation in the exports, community on the maps].
    #[arg(long, value_enum, alias = "color-by", value_name = "BY")]
    pub colour_by: Option<ColourBy>,
    #[command(flatten)]
    pub settings: LayoutSettings,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Directory to write the figures and graph exports to.
    #[arg(long, default_value = "output", value_name = "DIR")]
    pub out: PathBuf,
    /// Write the graph exports only, not the timelines.
    #[arg(long)]
    pub no_figures: bool,
    /// Draw the figures with names only, without the organisations' logos (data/logos.csv).
    #[arg(long)]
    pub no_logos: bool,
    /// Also write these directory exports (edge-atlas.parquet/, edge-atlas.neo4j/). When
    /// omitted: parquet for graphs of 100,000 nodes or more, where XML tools become slow,
    /// nothing below (the shipped output/ is committed; binary files would bloat its diffs).
    #[arg(long, value_enum, value_delimiter = ',', value_name = "FORMAT,...")]
    pub with: Vec<export::With>,
    /// Print the seconds each phase took (load, graph, each export, figures) on stderr, as
    /// one JSON line: {"timings":{...,"total":S}}.
    #[arg(long)]
    pub timings: bool,
    #[command(flatten)]
    pub map: MapArgs,
    #[command(flatten)]
    pub data: DataArgs,
}

#[derive(Debug, Args)]
pub struct SiteArgs {
    /// The page to write (for GitHub Pages from a branch: docs/index.html).
    #[arg(long, default_value = "output/index.html", value_name = "FILE")]
    pub out: PathBuf,
    #[command(flatten)]
    pub map: MapArgs,
    #[command(flatten)]
    pub data: DataArgs,
}

#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// Directory to write the figures to.
    #[arg(long, default_value = "output", value_name = "DIR")]
    pub out: PathBuf,
    /// Write only this format (both PNG and SVG when omitted).
    #[arg(long, value_enum)]
    pub format: Option<edge_atlas::render::ImageFormat>,
    /// First release month to show [default: 2023-01, where the list's figure starts].
    #[arg(long, value_name = "YYYY-MM")]
    pub since: Option<YearMonth>,
    /// Last release month (or year) to show.
    #[arg(long, value_name = "YYYY-MM")]
    pub until: Option<YearMonth>,
    /// Leave out sizes above this (e.g. 35B, 500M).
    #[arg(long, default_value = "35B", value_name = "SIZE", value_parser = parse_params)]
    pub max_params: u64,
    /// Only releases of these organisations (names, comma-separated or repeated).
    #[arg(long, value_delimiter = ',', value_name = "ORG")]
    pub org: Vec<String>,
    /// Only releases of these families.
    #[arg(long, value_delimiter = ',', value_name = "FAMILY")]
    pub family: Vec<String>,
    /// Include releases the list marks as not running on edge devices.
    #[arg(long)]
    pub all: bool,
    /// Place this release's label first so it is kept (repeatable).
    #[arg(long, value_name = "NAME")]
    pub always_label: Vec<String>,
    /// Squeeze sizes under this into a band at the bottom of the emergence timeline, below a
    /// break in its y axis (0: one log scale for all sizes).
    #[arg(long, default_value = "3B", value_name = "SIZE", value_parser = parse_knee)]
    pub squeeze_below: u64,
    /// Width in pixels.
    #[arg(long, default_value_t = timeline::WIDTH, value_parser = clap::value_parser!(u32).range(400..=10000))]
    pub width: u32,
    /// Height in pixels.
    #[arg(long, default_value_t = timeline::HEIGHT, value_parser = clap::value_parser!(u32).range(300..=10000))]
    pub height: u32,
    /// A title above the emergence timeline (none by default, as in the list).
    #[arg(long)]
    pub title: Option<String>,
    /// The TOPS axis: auto breaks it when one line peaks at over twice every other line's
    /// peak (Jetson AGX Orin), else keeps it linear from zero.
    #[arg(long, value_enum, default_value = "auto")]
    pub tops_axis: edge_atlas::render::axis::AxisKind,
    /// Write the list's own file names (images/timeline-emergence-llms.png,
    /// images/hardware_timeline_tops.png, images/hardware_timeline_memory.png) under --out,
    /// PNG only unless --format says otherwise.
    #[arg(long)]
    pub list_names: bool,
    /// Draw names only, without the organisations' logos (data/logos.csv).
    #[arg(long)]
    pub no_logos: bool,
    #[command(flatten)]
    pub data: DataArgs,
}

pub(super) fn parse_params(s: &str) -> Result<u64, String> {
    edge_atlas::model::parse_count(s)
}

/// A size, or 0 for none.
fn parse_knee(s: &str) -> Result<u64, String> {
    if s.trim() == "0" { Ok(0) } else { parse_params(s) }
}

#[derive(Debug, Args)]
pub struct SynthArgs {
    /// How many entries (about five relations each).
    #[arg(long, default_value_t = 10_000, value_name = "N")]
    pub entries: usize,
    /// Seed of the generator: same size and seed, same bytes.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Directory to write the tables to.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct LayoutArgs {
    /// Write the CSV to this file (atomically) instead of stdout; `--out data/layout.csv`
    /// pins the map that later builds start from.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Start positions (a CSV this command wrote) instead of data/layout.csv.
    #[arg(long, value_name = "FILE")]
    pub from: Option<PathBuf>,
    #[command(flatten)]
    pub layout: LayoutSettings,
    #[command(flatten)]
    pub data: DataArgs,
}

/// ForceAtlas2's options, shared by `layout`, `build` and `export`.
#[derive(Debug, Clone, Args)]
pub struct LayoutSettings {
    /// ForceAtlas2 iterations.
    #[arg(long, default_value_t = 1000, value_name = "N")]
    pub iterations: usize,
    /// LinLog attraction (tighter clusters).
    #[arg(long)]
    pub lin_log: bool,
    /// Keep nodes (discs sized by degree) from overlapping.
    #[arg(long)]
    pub prevent_overlap: bool,
}

impl LayoutSettings {
    pub fn settings(&self) -> edge_atlas::layout::Settings {
        edge_atlas::layout::Settings {
            iterations: self.iterations,
            lin_log: self.lin_log,
            prevent_overlap: self.prevent_overlap,
            ..Default::default()
        }
    }
}

/// "LEAD: organisation, family, ..." from the kinds themselves.
pub(super) fn kinds_help(lead: &str) -> String {
    format!("{lead}: {}", EntryKind::ALL.map(EntryKind::as_str).join(", "))
}

pub(super) fn relations_help() -> String {
    let all = RelationKind::ALL.map(RelationKind::as_str).join(", ");
    format!("Count only these relations for --linked-to, comma-separated: {all}")
}

pub(super) fn columns_help() -> String {
    let all = Column::ALL.map(Column::as_str).join(", ");
    format!(
        "Columns to show, comma-separated: {all} [default: per kind; chips: name, tops, date, memory, vendor, devices, id]"
    )
}

const TOP_HELP: &str = "\
Names: an id (qwen2-5), kind:id (model:qwen2-5), a name or alias, ignoring case, spaces and
punctuation (\"qwen 2.5\").

Exit codes:
  0  success
  1  invalid input or data (every problem reported, with file:line:column); lint: an error found
  2  usage errors, and names that match nothing or several things

`edge-atlas COMMAND --help` ends with examples.";

const IMPORT_EXAMPLES: &str = "\
Examples:
  edge-atlas import ../awesome-edge-llms --dry-run
  edge-atlas import ../awesome-edge-llms
  edge-atlas import ../awesome-edge-llms --accept-removals";

const DIFF_EXAMPLES: &str = "\
Examples:
  edge-atlas diff ../list-main ../list-pr
  edge-atlas diff ../list-main ../list-pr --format markdown >> \"$GITHUB_STEP_SUMMARY\"
  edge-atlas diff old-data/ data/ --data --format json
  edge-atlas diff ../list-main ../list-pr --figures figures-diff/";

const CHECK_EXAMPLES: &str = "\
Examples:
  edge-atlas check
  edge-atlas check --data data";

const LINT_EXAMPLES: &str = "\
Examples:
  edge-atlas lint ../awesome-edge-llms --format github --deny warnings
  edge-atlas lint ../awesome-edge-llms --diff
  edge-atlas lint ../awesome-edge-llms --fix
  edge-atlas lint --explain EA303";

const SHOW_EXAMPLES: &str = "\
Examples:
  edge-atlas show PowerInfer-2
  edge-atlas show \"qwen 2.5\" --format json
  edge-atlas show MiniCPM
  edge-atlas show framework:mnn-llm";

const STATS_EXAMPLES: &str = "\
Examples:
  edge-atlas stats
  edge-atlas stats --json";

const EXPORT_EXAMPLES: &str = "\
Examples:
  edge-atlas export --out /tmp/edge-atlas.graphml
  edge-atlas export --format dot --around framework:mnn-llm --depth 2 --out /tmp/mnn.dot
  edge-atlas export --format json --kind paper,technique --since 2024-01";

const RELATED_EXAMPLES: &str = "\
Examples:
  edge-atlas related PowerInfer-2
  edge-atlas related PowerInfer-2 --kind paper --top 5 --format bibtex
  edge-atlas related \"qwen 2.5\" --format json";

const PATH_EXAMPLES: &str = "\
Examples:
  edge-atlas path PowerInfer-2 \"Snapdragon 8 Gen3\"
  edge-atlas path PowerInfer-2 \"Snapdragon 8 Gen3\" --avoid Metal --alternatives 2
  edge-atlas path \"Phi 3\" \"Snapdragon 8 Gen3\" --via device";

const LIST_EXAMPLES: &str = "\
Examples:
  edge-atlas list --kind framework --linked-to \"Apple Silicon\"
  edge-atlas list --kind chip --min-tops 45 --columns name,tops,devices
  edge-atlas list --kind device --category phone --min-tops 45
  edge-atlas list --kind model --org Alibaba --max-params 1B --sort params";

const TIMELINE_EXAMPLES: &str = "\
Examples:
  edge-atlas timeline
  edge-atlas timeline --since 2024-01 --org Alibaba,Google --format svg --out /tmp/figures";

const BUILD_EXAMPLES: &str = "\
Examples:
  edge-atlas build
  edge-atlas build --no-figures --timings";

const SITE_EXAMPLES: &str = "\
Examples:
  edge-atlas site
  edge-atlas site --out docs/index.html";

const LAYOUT_EXAMPLES: &str = "\
Examples:
  edge-atlas layout > positions.csv
  edge-atlas layout --out data/layout.csv       pin this map: later builds start from it
  edge-atlas layout --lin-log --iterations 3000";

const SYNTH_EXAMPLES: &str = "\
Examples:
  edge-atlas synth --entries 1000000 --out /tmp/big
  edge-atlas synth --entries 1000 --seed 7 --out /tmp/small";
