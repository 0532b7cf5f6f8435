//! `edge-atlas timeline`: the emergence and chip timelines, as PNG and SVG.

use anyhow::Context as _;
use edge_atlas::fsx::{Durability, OutDir, Staged};
use edge_atlas::graph::KnowledgeGraph;
use edge_atlas::model::EntryKind;
use edge_atlas::render::ImageFormat;
use edge_atlas::render::axis::AxisKind;
use edge_atlas::timeline::{self, chips, emergence};
use petgraph::graph::NodeIndex;

use super::args::{self, TimelineArgs};
use super::progress::Progress;
use super::{Failure, load};

/// File names of the figures, without extension: ours in output/, and the list's own
/// (`--list-names`, under images/) for the maintainers' CI to refresh in place.
pub struct FileNames {
    pub emergence: &'static str,
    pub tops: &'static str,
    pub memory: &'static str,
}

pub const OUR_NAMES: FileNames = FileNames {
    emergence: "timeline-emergence-llms",
    tops: "hardware-timeline-tops",
    memory: "hardware-timeline-memory",
};
pub const LIST_NAMES: FileNames = FileNames {
    emergence: "timeline-emergence-llms",
    tops: "hardware_timeline_tops",
    memory: "hardware_timeline_memory",
};

pub fn run(a: TimelineArgs) -> Result<(), Failure> {
    let g = load(&a.data.data, &mut Progress::new())?;
    let resolve_all = |names: &[String], kind| -> Result<Vec<_>, Failure> {
        names.iter().map(|n| g.resolve(n, &[kind]).map_err(Failure::from)).collect()
    };
    let defaults = emergence::Options::default();
    let opts = emergence::Options {
        since: a.since.or(defaults.since),
        until: a.until,
        max_params: a.max_params,
        orgs: resolve_all(&a.org, EntryKind::Organisation)?,
        families: resolve_all(&a.family, EntryKind::Family)?,
        all: a.all,
        always_label: resolve_all(&a.always_label, EntryKind::Model)?,
        squeeze_below: Some(a.squeeze_below).filter(|&k| k > 0),
        width: a.width,
        height: a.height,
        title: a.title.clone(),
        logos: !a.no_logos,
    };
    let formats = match a.format {
        Some(args::ImageFormat::Png) => vec![ImageFormat::Png],
        Some(args::ImageFormat::Svg) => vec![ImageFormat::Svg],
        // The list keeps PNGs only.
        None if a.list_names => vec![ImageFormat::Png],
        None => ImageFormat::ALL.to_vec(),
    };
    let axis = match a.tops_axis {
        args::AxisChoice::Auto => None,
        args::AxisChoice::Linear => Some(AxisKind::Linear),
        args::AxisChoice::Log => Some(AxisKind::Log),
        args::AxisChoice::Broken => Some(AxisKind::Broken),
    };
    let chip_opts = chips::Options {
        axis,
        width: a.width,
        height: a.height,
        logos: !a.no_logos,
        ..chips::Options::new(chips::Metric::Tops)
    };
    // The list keeps its figures in images/.
    let (names, dir) = if a.list_names { (&LIST_NAMES, a.out.join("images")) } else { (&OUR_NAMES, a.out.clone()) };
    let out = super::out_dir(&dir, Durability::Cached)?;
    let figures = write_figures(&g, &out, names, &opts, &chip_opts, &formats)?;
    put_in_place(&out, figures)
}

/// How many entries a report names one by one; the rest are counted.
const LISTED: usize = 10;

/// Prints `lead` and each entry on stderr, the first `LISTED` by name and the rest as a
/// count, so that a figure of a big dataset does not bury the terminal.
fn report(g: &KnowledgeGraph, nodes: &[NodeIndex], lead: &str, hint: &str) {
    for &n in nodes.iter().take(LISTED) {
        tell!("{lead} {} [{}]{hint}", g.node(n).name, g.node(n).key);
    }
    if nodes.len() > LISTED {
        tell!("{lead} {} more entries", nodes.len() - LISTED);
    }
}

/// An output written beside its place, and the line that announces it.
pub struct Pending {
    /// `None` when there is nothing to put in place: the file already holds these bytes,
    /// or the line only reports (build's node and edge counts).
    pub staged: Option<Staged>,
    /// Empty for the other files of a set that one line announces.
    pub line: String,
}

/// Renames every pending output into place, then announces them: outputs of one command
/// change together or not at all.
pub fn put_in_place(out: &OutDir, pending: Vec<Pending>) -> Result<(), Failure> {
    let (staged, lines): (Vec<_>, Vec<_>) = pending.into_iter().map(|p| (p.staged, p.line)).unzip();
    super::committed(out.commit(staged.into_iter().flatten().collect()).context("putting the outputs in place")?);
    lines.iter().filter(|l| !l.is_empty()).for_each(|l| say!("{l}"));
    Ok(())
}

/// Draws the three figures for `dir` in every format, staged, reporting on stderr what had to
/// be left out, by name. `chip_opts` are the TOPS figure's; the memory figure takes its size.
pub fn write_figures(
    g: &KnowledgeGraph,
    dir: &OutDir,
    names: &FileNames,
    opts: &emergence::Options,
    chip_opts: &chips::Options,
    formats: &[ImageFormat],
) -> Result<Vec<Pending>, Failure> {
    let fig = emergence::draw(g, opts);
    let memory = chips::Options { metric: chips::Metric::Memory, axis: None, ..chip_opts.clone() };
    let chip_figs =
        [(chips::draw(g, chip_opts), names.tops, "TOPS"), (chips::draw(g, &memory), names.memory, "memory")];
    // Colours matter between organisations drawn in one panel: the releases', the chips' and
    // the upper panels'.
    let mut drawn = vec![timeline::organisations_drawn(g, fig.points.iter().map(|p| p.model))];
    drawn.extend(chip_figs.iter().flat_map(|(f, _, _)| f.organisations(g)));
    let orgs = &g.data.organisations;
    for (i, j, d) in edge_atlas::palette::close_curated(g, &drawn) {
        let (a, b) = (&orgs[i], &orgs[j]);
        let colour = |o: &edge_atlas::model::Organisation| o.colour.map(|c| c.to_string()).unwrap_or_default();
        tell!(
            "warning: organisations.csv:{}: the colour {} of {} is ΔE {d:.1} (CIEDE2000) from {} of {} (line {}), drawn in one figure; figures need {} to tell them apart",
            i + 2,
            colour(a),
            a.name,
            colour(b),
            b.name,
            j + 2,
            edge_atlas::palette::MIN_DELTA_E,
        );
    }
    // Each warning names its figure, by the file it goes to.
    let unlabelled = |figure: &str| format!("warning: {figure}: no room for the label of");
    report(g, &fig.unlabelled, &unlabelled(names.emergence), "; try --height or --always-label");
    let lead = format!("note: {}: not drawn (no release month or no size within range):", names.emergence);
    report(g, &fig.undrawable, &lead, "");
    let releases = fig.points.iter().map(|p| p.model).collect::<std::collections::BTreeSet<_>>().len();
    let mut out =
        stage(&fig.scene, dir, names.emergence, formats, &format!("{} dots, {releases} releases", fig.points.len()))?;
    for (fig, file, what) in chip_figs {
        report(g, &fig.unlabelled, &unlabelled(file), "");
        report(g, &fig.undrawable, &format!("note: {file}: not drawn (no {what} or no release month):"), "");
        let mut counts = format!("{} chips", fig.chips.len());
        if let Some(p) = &fig.panel {
            for name in &p.unlabelled {
                tell!("{} {name} (upper panel)", unlabelled(file));
            }
            counts.push_str(&format!(", {} model points", p.points));
        }
        out.extend(stage(&fig.scene, dir, file, formats, &counts)?);
    }
    Ok(out)
}

/// Stages `scene` as `name` in each of `formats`, with the line that announces it.
pub(super) fn stage(
    scene: &edge_atlas::render::Scene,
    dir: &OutDir,
    name: &str,
    formats: &[ImageFormat],
    what: &str,
) -> Result<Vec<Pending>, Failure> {
    let mut out = Vec::new();
    for &f in formats {
        let file = format!("{name}.{}", f.extension());
        let path = dir.dir().join(&file);
        let staged =
            dir.stage_if_changed(&file, &scene.render(f)).with_context(|| format!("drawing {}", path.display()))?;
        out.push(Pending { staged, line: format!("wrote {} ({what})", path.display()) });
    }
    Ok(out)
}
