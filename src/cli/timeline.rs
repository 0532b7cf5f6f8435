//! `edge-atlas timeline`: the emergence and chip timelines, as PNG and SVG.

use edge_atlas::build::figures::{self, Names};
use edge_atlas::fsx::Durability;
use edge_atlas::model::EntryKind;
use edge_atlas::render::ImageFormat;
use edge_atlas::timeline::{Settings, chips, emergence};

use super::args::TimelineArgs;
use super::progress::Progress;
use super::{Failure, load, put_in_place};

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
        Some(f) => vec![f],
        // The list keeps PNGs only.
        None if a.list_names => vec![ImageFormat::Png],
        None => ImageFormat::ALL.to_vec(),
    };
    let chip_opts = chips::Options {
        axis: a.tops_axis,
        width: a.width,
        height: a.height,
        logos: !a.no_logos,
        ..chips::Options::new(chips::Metric::Tops)
    };
    // The list keeps its figures in images/.
    let (names, dir) = if a.list_names { (Names::List, a.out.join("images")) } else { (Names::Ours, a.out.clone()) };
    let out = super::out_dir(&dir, Durability::Cached)?;
    let mut warnings = Vec::new();
    let settings = Settings { emergence: opts, chips: chip_opts, map: None };
    let figures = figures::stage(&g, &out, &settings, names, &formats, &mut warnings).map_err(anyhow::Error::from)?;
    warnings.iter().for_each(|w| tell!("{w}"));
    put_in_place(&out, figures)
}
