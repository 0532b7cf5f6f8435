//! The figures of `build` and `timeline` (the registry [`timeline::FIGURES`]), drawn and
//! staged in every image format, with what had to be left out reported by figure and by name,
//! and organisation colours too close to tell apart in one figure.

use super::{BuildError, Written};
use crate::fsx::OutDir;
use crate::graph::KnowledgeGraph;
use crate::model::Organisation;
use crate::render::{ImageFormat, Scene};
use crate::timeline::{self, Settings};

/// Which file names the figures take: ours in output/, or the list's own under images/
/// (`timeline --list-names`, for the maintainers' CI to refresh in place; only the list's
/// figures are drawn).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Names {
    Ours,
    List,
}

/// Draws every figure of [`timeline::FIGURES`] that `settings` and `names` call for, in every
/// format of `formats`, staged; what had to be left out, and organisation colours too close to
/// tell apart, go to `warnings` by figure and name.
pub fn stage(
    g: &KnowledgeGraph,
    dir: &OutDir,
    settings: &Settings,
    names: Names,
    formats: &[ImageFormat],
    warnings: &mut Vec<String>,
) -> Result<Vec<Written>, BuildError> {
    let drawn: Vec<(&str, timeline::Drawn)> = timeline::FIGURES
        .iter()
        .filter_map(|f| {
            let file = if names == Names::List { f.list_file? } else { f.file };
            Some((file, (f.draw)(g, settings, file)?))
        })
        .collect();
    // Colours matter between organisations drawn in one panel.
    let panels: Vec<Vec<usize>> = drawn.iter().flat_map(|(_, d)| d.organisations.iter().cloned()).collect();
    let orgs = &g.data.organisations;
    for (i, j, d) in crate::palette::close_curated(g, &panels) {
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
    let mut out = Vec::new();
    for (file, d) in drawn {
        warnings.extend(d.warnings);
        out.extend(stage_scene(&d.scene, dir, file, formats, &d.what)?);
    }
    Ok(out)
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
