//! The figures of `build` and `timeline`: the emergence timeline, the TOPS and memory
//! timelines and the map of the field, drawn and staged in every image format, with what had
//! to be left out reported by figure and by name.

use std::collections::BTreeSet;

use petgraph::graph::NodeIndex;

use super::{BuildError, Written};
use crate::fsx::OutDir;
use crate::graph::KnowledgeGraph;
use crate::layout::Map;
use crate::model::Organisation;
use crate::palette::ColourBy;
use crate::render::axis::AxisKind;
use crate::render::{ImageFormat, Scene};
use crate::timeline::{self, chips, emergence};

/// File names of the figures, without extension: ours in output/, and the list's own
/// (`timeline --list-names`, under images/) for the maintainers' CI to refresh in place.
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

/// How many entries a report names one by one; the rest are counted.
const LISTED: usize = 10;

/// Adds `lead` and each entry to `out`, the first `LISTED` by name and the rest as a count,
/// so that a figure of a big dataset does not bury the terminal.
fn report(g: &KnowledgeGraph, nodes: &[NodeIndex], lead: &str, hint: &str, out: &mut Vec<String>) {
    for &n in nodes.iter().take(LISTED) {
        out.push(format!("{lead} {} [{}]{hint}", g.node(n).name, g.node(n).key));
    }
    if nodes.len() > LISTED {
        out.push(format!("{lead} {} more entries", nodes.len() - LISTED));
    }
}

/// Draws the three timelines for `dir` in every format of `formats`, staged; what had to be
/// left out, and organisation colours too close to tell apart, go to `warnings` by figure and
/// name. `chip_opts` are the TOPS figure's; the memory figure takes its size.
pub fn stage(
    g: &KnowledgeGraph,
    dir: &OutDir,
    names: &FileNames,
    opts: &emergence::Options,
    chip_opts: &chips::Options,
    formats: &[ImageFormat],
    warnings: &mut Vec<String>,
) -> Result<Vec<Written>, BuildError> {
    let fig = emergence::draw(g, opts);
    let memory = chips::Options { metric: chips::Metric::Memory, axis: AxisKind::Auto, ..chip_opts.clone() };
    let chip_figs =
        [(chips::draw(g, chip_opts), names.tops, "TOPS"), (chips::draw(g, &memory), names.memory, "memory")];
    // Colours matter between organisations drawn in one panel: the releases', the chips' and
    // the upper panels'.
    let mut drawn = vec![timeline::organisations_drawn(g, fig.points.iter().map(|p| p.model))];
    drawn.extend(chip_figs.iter().flat_map(|(f, _, _)| f.organisations(g)));
    let orgs = &g.data.organisations;
    for (i, j, d) in crate::palette::close_curated(g, &drawn) {
        let (a, b) = (&orgs[i], &orgs[j]);
        let colour = |o: &Organisation| o.colour.map(|c| c.to_string()).unwrap_or_default();
        warnings.push(format!(
            "warning: organisations.csv:{}: the colour {} of {} is ΔE {d:.1} (CIEDE2000) from {} of {} (line {}), drawn in one figure; figures need {} to tell them apart",
            i + 2,
            colour(a),
            a.name,
            colour(b),
            b.name,
            j + 2,
            crate::palette::MIN_DELTA_E,
        ));
    }
    // Each warning names its figure, by the file it goes to.
    let unlabelled = |figure: &str| format!("warning: {figure}: no room for the label of");
    report(g, &fig.unlabelled, &unlabelled(names.emergence), "; try --height or --always-label", warnings);
    let lead = format!("note: {}: not drawn (no release month or no size within range):", names.emergence);
    report(g, &fig.undrawable, &lead, "", warnings);
    let releases = fig.points.iter().map(|p| p.model).collect::<BTreeSet<_>>().len();
    let what = format!("{} dots, {releases} releases", fig.points.len());
    let mut out = stage_scene(&fig.scene, dir, names.emergence, formats, &what)?;
    for (fig, file, what) in chip_figs {
        report(g, &fig.unlabelled, &unlabelled(file), "", warnings);
        report(g, &fig.undrawable, &format!("note: {file}: not drawn (no {what} or no release month):"), "", warnings);
        let mut counts = format!("{} chips", fig.chips.len());
        if let Some(p) = &fig.panel {
            for name in &p.unlabelled {
                warnings.push(format!("{} {name} (upper panel)", unlabelled(file)));
            }
            counts.push_str(&format!(", {} model points", p.points));
        }
        out.extend(stage_scene(&fig.scene, dir, file, formats, &counts)?);
    }
    Ok(out)
}

/// Draws the map of the field from `map`, coloured `by`, and stages it as `name` in each of
/// `formats`.
pub fn stage_map(
    g: &KnowledgeGraph,
    map: &Map,
    by: ColourBy,
    dir: &OutDir,
    name: &str,
    formats: &[ImageFormat],
) -> Result<Vec<Written>, BuildError> {
    let fig = timeline::map::draw(g, map, by, timeline::map::WIDTH, timeline::map::HEIGHT);
    let named = fig.labelled - fig.unlabelled.len();
    let what = format!("{} entries, {} communities, {named} hubs named", g.node_count(), map.communities);
    stage_scene(&fig.scene, dir, name, formats, &what)
}

/// Stages `scene` as `name` in each of `formats` (a file that already holds these bytes is
/// left alone), with the line that announces it.
pub fn stage_scene(
    scene: &Scene,
    dir: &OutDir,
    name: &str,
    formats: &[ImageFormat],
    what: &str,
) -> Result<Vec<Written>, BuildError> {
    let mut out = Vec::new();
    for &f in formats {
        let file = format!("{name}.{}", f.extension());
        let path = dir.dir().join(&file);
        let staged = dir
            .stage_if_changed(&file, &scene.render(f))
            .map_err(|source| BuildError { path: path.clone(), source })?;
        let line = format!("wrote {} ({what})", path.display());
        out.push(Written { name: "figure", staged: staged.into_iter().collect(), line, seconds: 0.0 });
    }
    Ok(out)
}
