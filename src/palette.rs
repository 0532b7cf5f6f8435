//! Colours shared by every figure and export: one per organisation, one per entry kind, and
//! the categorical colours of the maps ([`ColourBy`]).
//!
//! An organisation's colour is its curated `colour` cell; organisations without one take
//! colours chosen far (CIEDE2000) from those already given, in id order, so the same data
//! always gives the same colours. Curated colours closer than [`MIN_DELTA_E`] to each other
//! are reported by [`close_curated`].

use std::collections::HashSet;

use petgraph::graph::NodeIndex;

use crate::graph::KnowledgeGraph;
use crate::model::{EntryKind, Id, Key, Rgb};

/// The smallest CIEDE2000 difference at which two organisations' colours are told apart.
pub const MIN_DELTA_E: f32 = 15.0;

/// CIEDE2000 colour difference (the `empfindung` crate, sRGB through CIELAB).
pub fn delta_e(a: Rgb, b: Rgb) -> f32 {
    empfindung::cie00::diff(lab_of(a), lab_of(b))
}

fn lab_of(c: Rgb) -> lab::Lab {
    lab::Lab::from_rgb(&[c.0, c.1, c.2])
}

/// Candidates for organisations without a curated colour: CIE LCh at lightness 35-65 (dark
/// enough for label text on white), chroma 30-75, hues every 5 degrees, inside sRGB.
fn candidates() -> &'static [(Rgb, lab::Lab)] {
    static CANDIDATES: std::sync::OnceLock<Vec<(Rgb, lab::Lab)>> = std::sync::OnceLock::new();
    CANDIDATES.get_or_init(|| {
        let mut out = Vec::new();
        for l in [45.0f32, 55.0, 35.0, 65.0, 40.0, 50.0, 60.0] {
            for c in [60.0f32, 45.0, 75.0, 30.0] {
                for h in (0..72).map(|k| (k * 5) as f32) {
                    let lab = lab::Lab { l, a: c * h.to_radians().cos(), b: c * h.to_radians().sin() };
                    let [r, g, b] = lab.to_rgb();
                    // Out-of-gamut colours come back clipped: keep only those that round-trip.
                    let back = lab::Lab::from_rgb(&[r, g, b]);
                    if empfindung::cie00::diff(back, lab) < 1.0 {
                        out.push((Rgb(r, g, b), back));
                    }
                }
            }
        }
        out
    })
}

/// The colour of entries that belong to no organisation, by kind.
pub fn kind_colour(kind: EntryKind) -> Rgb {
    match kind {
        EntryKind::Organisation | EntryKind::Family | EntryKind::Model | EntryKind::Framework => Rgb(0x9a, 0xa5, 0xb1),
        EntryKind::Backend => Rgb(0x8f, 0xbc, 0xbb),
        EntryKind::Chip => Rgb(0x5e, 0x81, 0xac),
        EntryKind::Device => Rgb(0xa3, 0xbe, 0x8c),
        EntryKind::Paper => Rgb(0xc8, 0xcd, 0xd6),
        EntryKind::Technique => Rgb(0xd0, 0x87, 0x70),
        EntryKind::Product => Rgb(0xb4, 0x8e, 0xad),
        EntryKind::Benchmark => Rgb(0xeb, 0xcb, 0x8b),
        EntryKind::Format => Rgb(0x88, 0xc0, 0xd0),
    }
}

/// What the nodes of the exports and the maps are coloured by (`--colour-by`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColourBy {
    /// The entry's kind: a colour for each of the twelve kinds.
    Kind,
    /// The entry's Louvain community: the twelve biggest in colours, the rest grey.
    Community,
    /// The entry's organisation (a model's first, a chip's vendor), else its kind's neutral
    /// colour: the figures' colours.
    Organisation,
}

impl ColourBy {
    /// What the exports are coloured by unless asked: the figures' colours.
    pub const EXPORTS: ColourBy = ColourBy::Organisation;
    /// What the maps (graph-map, the page's map view) are coloured by unless asked.
    pub const MAPS: ColourBy = ColourBy::Community;

    /// Its name, as `--colour-by` takes it.
    pub fn name(self) -> &'static str {
        match self {
            ColourBy::Kind => "kind",
            ColourBy::Community => "community",
            ColourBy::Organisation => "organisation",
        }
    }
}

/// Twelve colours told apart at a glance: the kinds, or the biggest communities, in order.
/// Tableau 10 without its grey (grey is the rest's, [`OTHER`]), and a dark teal, a wine and a
/// violet chosen farthest (CIEDE2000) from those: every pair, grey included, at least ΔE 18
/// apart (the light green and magenta they replace were ΔE 14 and 9.5 from Tableau's green and
/// purple, side by side on the map).
const CATEGORICAL: [Rgb; 12] = [
    Rgb(0x4e, 0x79, 0xa7),
    Rgb(0xf2, 0x8e, 0x2b),
    Rgb(0xe1, 0x57, 0x59),
    Rgb(0x76, 0xb7, 0xb2),
    Rgb(0x59, 0xa1, 0x4f),
    Rgb(0xed, 0xc9, 0x48),
    Rgb(0xb0, 0x7a, 0xa1),
    Rgb(0xff, 0x9d, 0xa7),
    Rgb(0x9c, 0x75, 0x5f),
    Rgb(0x00, 0x55, 0x44),
    Rgb(0x99, 0x00, 0x55),
    Rgb(0x44, 0x00, 0xdd),
];
/// Communities past the twelfth.
pub const OTHER: Rgb = Rgb(0xba, 0xba, 0xba);

/// How many communities have a colour of their own; the rest share grey.
pub const COLOURED_COMMUNITIES: usize = CATEGORICAL.len();

/// Community `c`'s colour (communities are numbered biggest first).
pub fn community_colour(c: u32) -> Rgb {
    CATEGORICAL.get(c as usize).copied().unwrap_or(OTHER)
}

/// The colour of every entry of `kind` under [`ColourBy::Kind`].
pub fn kind_category_colour(kind: EntryKind) -> Rgb {
    CATEGORICAL[EntryKind::ALL.iter().position(|&k| k == kind).expect("every kind is in ALL") % CATEGORICAL.len()]
}

/// How many organisations without a curated colour choose one; the rest reuse theirs.
const CHOOSERS: usize = 40;

/// What a palette depends on, per organisation: its id, curated colour, and whether it chooses
/// first (no curated colour, model releases).
type OrgKey = (Id, Option<Rgb>, bool);

/// Organisation colours, by organisation row.
#[derive(Debug, Clone)]
pub struct Palette {
    orgs: Vec<Rgb>,
}

impl Palette {
    /// Curated colours as they are; each organisation without one (those with model releases
    /// first, then in id order) takes the candidate farthest (CIEDE2000) from every colour
    /// already given, curated ones included, so palette colours keep away from brand colours
    /// and from each other.
    pub fn new(g: &KnowledgeGraph) -> Palette {
        // Several figures and exports of one run ask for the same palette: choose it once.
        static LAST: std::sync::Mutex<Option<(Vec<OrgKey>, Palette)>> = std::sync::Mutex::new(None);
        // One pass over the models: asking each organisation's question of every model was
        // quadratic (45 s at 50,000 organisations and 120,000 models, on every export).
        let releasing: HashSet<&Id> = g.data.models.iter().flat_map(|m| m.organisations.iter()).collect();
        let releases = |id: &Id| releasing.contains(id);
        let key: Vec<OrgKey> = g
            .data
            .organisations
            .iter()
            .map(|o| (o.id.clone(), o.colour, o.colour.is_none() && releases(&o.id)))
            .collect();
        let mut last = LAST.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, p)) = last.as_ref().filter(|(k, _)| *k == key) {
            return p.clone();
        }
        let palette = Palette::choose(g, &key);
        *last = Some((key, palette.clone()));
        palette
    }

    fn choose(g: &KnowledgeGraph, key: &[OrgKey]) -> Palette {
        let orgs = &g.data.organisations;
        let mut colours: Vec<Option<Rgb>> = orgs.iter().map(|o| o.colour).collect();
        // Each candidate's distance to the nearest colour given so far, updated as colours are
        // given: one pass over the candidates per chooser.
        let taken: Vec<Rgb> = colours.iter().flatten().copied().collect();
        let mut nearest = distances(&taken);
        // Organisations with model releases (those the emergence figure draws) choose first.
        let mut order: Vec<usize> = (0..orgs.len()).filter(|&i| colours[i].is_none()).collect();
        order.sort_by_key(|&i| !key[i].2);
        // Past 40 choosers no colour keeps ΔE 15 from all others anyway: later organisations
        // reuse the chosen colours in turn, which keeps a synthetic 5,000-organisation graph
        // from spending seconds here.
        let (choosers, rest) = order.split_at(order.len().min(CHOOSERS));
        for &i in choosers {
            let chosen = candidates()[farthest_of(&nearest)];
            for (d, c) in nearest.iter_mut().zip(candidates()) {
                *d = d.min(empfindung::cie00::diff(chosen.1, c.1));
            }
            colours[i] = Some(chosen.0);
        }
        for (k, &i) in rest.iter().enumerate() {
            colours[i] = colours[choosers[k % choosers.len()]];
        }
        Palette { orgs: colours.into_iter().map(|c| c.unwrap_or(Rgb(0, 0, 0))).collect() }
    }

    /// The colour of the organisation in row `index`.
    pub fn org(&self, index: usize) -> Rgb {
        self.orgs[index]
    }

    /// The node's organisation colour when it belongs to one, else its kind's colour.
    pub fn node(&self, g: &KnowledgeGraph, n: NodeIndex) -> Rgb {
        self.colour(ColourBy::Organisation, g.node(n).key.kind, home_org(g, n).map(|o| g.node(o).index), None)
    }

    /// The colour of an entry of `kind` under `by`, given the row of its organisation
    /// ([`home_org`]) and its community; without a community, `Community` colours by kind.
    pub fn colour(&self, by: ColourBy, kind: EntryKind, org_row: Option<usize>, community: Option<u32>) -> Rgb {
        match (by, community) {
            (ColourBy::Community, Some(c)) => community_colour(c),
            (ColourBy::Kind | ColourBy::Community, _) => kind_category_colour(kind),
            (ColourBy::Organisation, _) => org_row.map_or(kind_colour(kind), |row| self.org(row)),
        }
    }
}

/// The palette candidate farthest (CIEDE2000) from every colour in `taken`: a colour of its own
/// for a series drawn beside them.
pub fn farthest(taken: &[Rgb]) -> Rgb {
    candidates()[farthest_of(&distances(taken))].0
}

/// The smallest CIEDE2000 difference between two series that share a panel of a figure (chip
/// lines, model series): more than between organisations, since series are read off thin lines
/// and small markers, side by side.
pub const MIN_SERIES_DELTA_E: f32 = 20.0;

/// `base` when it keeps [`MIN_SERIES_DELTA_E`] from every colour of `taken`; else the nearest
/// variant of it that does (lighter or darker, then the hue turned, in CIE LCh, staying dark
/// enough for text on white); else the palette colour farthest from `taken`. A vendor's second
/// line stays recognisably its colour and yet reads as another series.
pub fn distinct(base: Rgb, taken: &[Rgb]) -> Rgb {
    let far_enough = |c: &lab::Lab| taken.iter().all(|t| empfindung::cie00::diff(lab_of(*t), *c) >= MIN_SERIES_DELTA_E);
    let lab = lab_of(base);
    if far_enough(&lab) {
        return base;
    }
    let (chroma, hue) = (lab.a.hypot(lab.b), lab.b.atan2(lab.a));
    // Variants in order of how far they stray from the brand colour: lightness first, then
    // hue, then a paler tone.
    let mut variants: Vec<(f32, f32, f32, f32)> = Vec::new();
    for dl in [0.0f32, -12.0, 12.0, -24.0, 24.0] {
        for dh in [0.0f32, -15.0, 15.0, -30.0, 30.0] {
            for k in [1.0f32, 0.6] {
                variants.push((dl.abs() + dh.abs() * 0.8 + (1.0 - k) * 40.0, dl, dh, k));
            }
        }
    }
    variants.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (_, dl, dh, k) in variants {
        let h = hue + dh.to_radians();
        let [r, g, b] = lab::Lab { l: lab.l + dl, a: chroma * k * h.cos(), b: chroma * k * h.sin() }.to_rgb();
        // As sRGB shows it (a saturated colour turned or lightened clips to the gamut's edge),
        // between dark and the lightness label text stays legible at.
        let got = lab::Lab::from_rgb(&[r, g, b]);
        if (25.0..=70.0).contains(&got.l) && far_enough(&got) {
            return Rgb(r, g, b);
        }
    }
    farthest(taken)
}

/// Each candidate's distance to the nearest colour of `taken` (infinite when it is empty).
fn distances(taken: &[Rgb]) -> Vec<f32> {
    let taken: Vec<lab::Lab> = taken.iter().map(|c| lab_of(*c)).collect();
    let nearest = |c: &lab::Lab| taken.iter().map(|t| empfindung::cie00::diff(*t, *c)).fold(f32::INFINITY, f32::min);
    candidates().iter().map(|c| nearest(&c.1)).collect()
}

/// The candidate with the largest of `distances`, the first of equals.
fn farthest_of(distances: &[f32]) -> usize {
    let mut best = 0;
    for (k, d) in distances.iter().enumerate() {
        if *d > distances[best] {
            best = k;
        }
    }
    best
}

/// The organisation an entry is drawn with: itself, its first organisation, or a chip's vendor.
pub fn home_org(g: &KnowledgeGraph, n: NodeIndex) -> Option<NodeIndex> {
    let node = g.node(n);
    let d = &g.data;
    let i = node.index;
    let first = |orgs: &[Id]| orgs.first().cloned();
    let org = match node.key.kind {
        EntryKind::Organisation => return Some(n),
        EntryKind::Family => first(&d.families[i].organisations),
        EntryKind::Model => first(&d.models[i].organisations),
        EntryKind::Framework => first(&d.frameworks[i].organisations),
        EntryKind::Format => first(&d.formats[i].organisations),
        EntryKind::Chip => d.chips[i].vendor.clone(),
        _ => None,
    }?;
    g.find(&Key { kind: EntryKind::Organisation, id: org })
}

/// Pairs of organisations (rows of organisations.csv, 0-based) drawn in one figure (both in
/// one of `drawn`, the rows each figure draws) whose curated colours are closer than
/// [`MIN_DELTA_E`], with their difference: that figure may not tell them apart. Each pair once,
/// in row order.
pub fn close_curated(g: &KnowledgeGraph, drawn: &[Vec<usize>]) -> Vec<(usize, usize, f32)> {
    let orgs = &g.data.organisations;
    let together = |i: usize, j: usize| drawn.iter().any(|set| set.contains(&i) && set.contains(&j));
    let mut out = Vec::new();
    for (i, a) in orgs.iter().enumerate() {
        for (j, b) in orgs.iter().enumerate().skip(i + 1) {
            if let (Some(x), Some(y)) = (a.colour, b.colour) {
                let d = delta_e(x, y);
                if d < MIN_DELTA_E && together(i, j) {
                    out.push((i, j, d));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delta_e_matches_published_reference_pairs() {
        // Sharma, Wu and Dalal (2005), the CIEDE2000 test data: pairs 1, 7 and 17 in L*a*b*.
        let pairs = [
            ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
            ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
            ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
        ];
        for ((l1, a1, b1), (l2, a2, b2), want) in pairs {
            let d = empfindung::cie00::diff(lab::Lab { l: l1, a: a1, b: b1 }, lab::Lab { l: l2, a: a2, b: b2 });
            assert!((d - want).abs() < 1e-3, "{d} != {want}");
        }
        assert!(
            delta_e(Rgb(0xd6, 0x33, 0x6c), Rgb(0xa6, 0x4d, 0x79)) < MIN_DELTA_E,
            "Apple and Xiaomi pinks are close"
        );
    }

    #[test]
    fn the_categorical_colours_are_told_apart() {
        let all: Vec<Rgb> = CATEGORICAL.iter().copied().chain([OTHER]).collect();
        for (i, &a) in all.iter().enumerate() {
            for &b in &all[i + 1..] {
                assert!(delta_e(a, b) >= 18.0, "{a} and {b} are ΔE {} apart", delta_e(a, b));
            }
        }
    }

    #[test]
    fn organisations_drawn_with_palette_colours_are_told_apart() {
        // Every organisation the shipped figure draws has a curated colour: take the curated
        // colour away from ten of them. Each palette colour is then at least ΔE 15 from every
        // other organisation's colour drawn.
        let mut g = crate::timeline::tests::shipped();
        let fig = crate::timeline::emergence::draw(&g, &crate::timeline::emergence::Options::default());
        let mut drawn: Vec<usize> =
            fig.points.iter().filter_map(|pt| home_org(&g, pt.model)).map(|o| g.node(o).index).collect();
        drawn.sort_unstable();
        drawn.dedup();
        for &i in drawn.iter().step_by(2).take(10) {
            g.data.organisations[i].colour = None;
        }
        let p = Palette::new(&g);
        let orgs = &g.data.organisations;
        for &i in drawn.iter().filter(|&&i| orgs[i].colour.is_none()) {
            for &j in drawn.iter().filter(|&&j| j != i) {
                let d = delta_e(p.org(i), p.org(j));
                assert!(d >= MIN_DELTA_E, "{} and {} are ΔE {d} apart", orgs[i].name, orgs[j].name);
            }
        }
        // Two curated colours ΔE 10.6 apart (the pinks Apple and Xiaomi once had) are reported
        // when one figure draws both organisations, and not otherwise.
        let mut g = crate::timeline::tests::shipped();
        let row = |g: &KnowledgeGraph, id: &str| g.data.organisations.iter().position(|o| o.id.as_str() == id).unwrap();
        let (apple, xiaomi, meta) = (row(&g, "apple"), row(&g, "xiaomi"), row(&g, "meta"));
        g.data.organisations[apple].colour = Some(Rgb(0xd6, 0x33, 0x6c));
        g.data.organisations[xiaomi].colour = Some(Rgb(0xa6, 0x4d, 0x79));
        assert!(close_curated(&g, &[vec![apple, meta], vec![xiaomi, meta]]).is_empty());
        let close = close_curated(&g, &[vec![meta, apple, xiaomi]]);
        let named = |&(i, j, _): &(usize, usize, f32)| (i, j) == (apple.min(xiaomi), apple.max(xiaomi));
        assert!(close.iter().any(named), "{close:?}");
    }
}
