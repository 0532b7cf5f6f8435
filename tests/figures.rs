//! End-to-end tests of the figures: the real binary on the shipped data/.

mod common;

use common::{root, run};

fn data() -> String {
    root().join("data").to_str().unwrap().to_string()
}

/// The three figures as SVG on the shipped data, in a temporary directory, and the run.
fn svg_figures() -> (tempfile::TempDir, common::Run) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let r = run(&["timeline", "--data", &data(), "--out", out, "--format", "svg"], dir.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
    (dir, r)
}

#[test]
fn timeline_draws_the_memory_figure_with_bands_and_every_chip_with_memory() {
    let (dir, r) = svg_figures();
    assert!(r.stdout.contains("hardware-timeline-memory.svg (38 chips"), "{}", r.stdout);
    let svg = std::fs::read_to_string(dir.path().join("hardware-timeline-memory.svg")).unwrap();
    // One shaded band per line with several memory options (all but Snapdragon X and Core Ultra,
    // whose chips all have 32 GB), and the axis title.
    assert_eq!(svg.matches("fill-opacity=\"0.13\"").count(), 8, "{svg}");
    assert!(svg.contains(">Memory (GB)</text>") && svg.contains(">AGX Orin</text>"));
}

#[test]
fn the_tops_axis_is_broken_by_default_and_a_flag_forces_log_or_linear() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let tops = dir.path().join("hardware-timeline-tops.svg");
    let data = data();
    let ticks = |args: &[&str]| {
        let mut all = vec!["timeline", "--data", &data, "--out", out, "--format", "svg"];
        all.extend_from_slice(args);
        let r = run(&all, dir.path());
        assert_eq!(r.code, 0, "{}", r.stderr);
        std::fs::read_to_string(&tops).unwrap()
    };
    // Broken: 0-140 below the break, 200 and 250 above it; no tick between.
    let broken = ticks(&[]);
    assert!(broken.contains(">140</text>") && broken.contains(">250</text>") && !broken.contains(">150</text>"));
    let log = ticks(&["--tops-axis", "log"]);
    assert!(log.contains(">5</text>") && log.contains(">200</text>") && !log.contains(">140</text>"));
    let linear = ticks(&["--tops-axis", "linear"]);
    assert!(linear.contains(">150</text>") && linear.contains(">300</text>"));
    assert!(ticks(&["--tops-axis", "broken"]) == broken);
}

#[test]
fn list_names_writes_the_lists_own_image_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let r = run(&["timeline", "--data", &data(), "--out", out, "--list-names"], dir.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join("images"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["hardware_timeline_memory.png", "hardware_timeline_tops.png", "timeline-emergence-llms.png"]);
    assert!(r.stdout.contains("images/hardware_timeline_memory.png (38 chips"), "{}", r.stdout);
}

type Point = (f64, f64);
type Dot = (Point, f64);
type Line = (Point, Point);

/// What the emergence SVG draws, as a reader of the file sees it.
#[derive(Default)]
struct Drawn {
    /// Each release's dots (centre, radius), by its `kind:id`.
    dots: std::collections::BTreeMap<String, Vec<Dot>>,
    /// Each label: what it names, its box (text and logo), its leader if it has one.
    labels: Vec<(Vec<String>, [f64; 4], Option<Line>)>,
    /// Every text's font-size.
    font_sizes: Vec<f64>,
    /// Each model triangle as the circle around it (centre, radius).
    triangles: Vec<Dot>,
}

/// Reads the SVG: dots are the circles of `<g class="release">`, labels the `<g class="label">`
/// groups (a leader line, a logo, a text). A text's box is from DejaVu Sans' ascender (1901/2048
/// em) to its descender (483/2048 em) and `textLength` wide.
fn read_drawn(svg: &str) -> Drawn {
    use quick_xml::events::Event;
    let mut r = quick_xml::Reader::from_str(svg);
    let mut d = Drawn::default();
    let mut group: Option<(String, String)> = None;
    let num = |e: &quick_xml::events::BytesStart, k: &str| -> f64 {
        let a = e.try_get_attribute(k).unwrap().unwrap_or_else(|| panic!("no {k}"));
        a.normalized_value(quick_xml::XmlVersion::Explicit1_0).unwrap().parse().unwrap()
    };
    let attr = |e: &quick_xml::events::BytesStart, k: &str| {
        e.try_get_attribute(k)
            .unwrap()
            .map(|a| a.normalized_value(quick_xml::XmlVersion::Explicit1_0).unwrap().into_owned())
            .unwrap_or_default()
    };
    let union = |b: &mut [f64; 4], o: [f64; 4]| {
        *b = if b[2] <= b[0] { o } else { [b[0].min(o[0]), b[1].min(o[1]), b[2].max(o[2]), b[3].max(o[3])] }
    };
    loop {
        match r.read_event().unwrap() {
            Event::Eof => break,
            Event::Start(e) if e.name().as_ref() == "g" => {
                let (class, names) = (attr(&e, "class"), attr(&e, "data-names"));
                if class == "label" {
                    d.labels.push((names.split_whitespace().map(String::from).collect(), [0.0; 4], None));
                }
                group = Some((class, names));
            }
            Event::End(e) if e.name().as_ref() == "g" => group = None,
            Event::Start(e) | Event::Empty(e) => {
                let in_label = group.as_ref().is_some_and(|(c, _)| c == "label");
                match e.name().as_ref() {
                    // A dot outside a release's or chip's group is a legend's marker.
                    "circle" => {
                        let names = group.clone().map(|(_, n)| n).unwrap_or_default();
                        d.dots.entry(names).or_default().push(((num(&e, "cx"), num(&e, "cy")), num(&e, "r")));
                    }
                    // A model's triangle (the hardware figures' upper panels): the circle around it.
                    "polygon" if attr(&e, "fill-opacity") == "0.6" => {
                        let pts: Vec<(f64, f64)> = attr(&e, "points")
                            .split(' ')
                            .map(|p| p.split_once(',').map(|(x, y)| (x.parse().unwrap(), y.parse().unwrap())).unwrap())
                            .collect();
                        // Apex (x, y - r), base corners at y + r/2.
                        let r = (pts[1].1 - pts[0].1) / 1.5;
                        d.triangles.push(((pts[0].0, pts[0].1 + r), r));
                    }
                    "line" if in_label => {
                        let l = d.labels.last_mut().unwrap();
                        l.2 = Some(((num(&e, "x1"), num(&e, "y1")), (num(&e, "x2"), num(&e, "y2"))));
                    }
                    "image" if in_label => {
                        let (x, y) = (num(&e, "x"), num(&e, "y"));
                        let b = [x, y, x + num(&e, "width"), y + num(&e, "height")];
                        union(&mut d.labels.last_mut().unwrap().1, b);
                    }
                    "text" => {
                        let size = num(&e, "font-size");
                        d.font_sizes.push(size);
                        if in_label {
                            let (x, y) = (num(&e, "x"), num(&e, "y"));
                            let top = y - size * 1901.0 / 2048.0;
                            let b = [x, top, x + num(&e, "textLength"), top + size * 2384.0 / 2048.0];
                            union(&mut d.labels.last_mut().unwrap().1, b);
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    d
}

fn box_hits_dot(b: &[f64; 4], (c, r): &((f64, f64), f64)) -> bool {
    let (qx, qy) = (c.0.clamp(b[0], b[2]), c.1.clamp(b[1], b[3]));
    (qx - c.0).hypot(qy - c.1) < *r
}

/// No two labels of `figure` overlap, and none covers a dot of `dots`.
fn assert_labels_clear(figure: &str, d: &Drawn, dots: &[&Dot]) {
    for (i, (names, b, _)) in d.labels.iter().enumerate() {
        for (other, c, _) in &d.labels[i + 1..] {
            let apart = b[2] <= c[0] || c[2] <= b[0] || b[3] <= c[1] || c[3] <= b[1];
            assert!(apart, "{figure}: the labels of {names:?} and {other:?} overlap");
        }
        let hit = dots.iter().find(|dot| box_hits_dot(b, dot));
        assert!(hit.is_none(), "{figure}: the label of {names:?} covers the dot {hit:?}");
    }
}

fn segment_near(a: (f64, f64), b: (f64, f64), c: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let t = (((c.0 - a.0) * dx + (c.1 - a.1) * dy) / (dx * dx + dy * dy).max(1e-12)).clamp(0.0, 1.0);
    (a.0 + t * dx - c.0).hypot(a.1 + t * dy - c.1)
}

fn segments_cross(p: ((f64, f64), (f64, f64)), q: ((f64, f64), (f64, f64))) -> bool {
    let side = |a: (f64, f64), b: (f64, f64), c: (f64, f64)| (b.0 - a.0) * (c.1 - a.1) - (b.1 - a.1) * (c.0 - a.0);
    side(q.0, q.1, p.0) * side(q.0, q.1, p.1) < 0.0 && side(p.0, p.1, q.0) * side(p.0, p.1, q.1) < 0.0
}

fn box_hits_segment(b: &[f64; 4], (a, z): ((f64, f64), (f64, f64))) -> bool {
    // Sampled every half pixel: leaders are short.
    let n = ((z.0 - a.0).hypot(z.1 - a.1) * 2.0).ceil().max(1.0) as usize;
    (1..n).any(|i| {
        let t = i as f64 / n as f64;
        let (x, y) = (a.0 + t * (z.0 - a.0), a.1 + t * (z.1 - a.1));
        x > b[0] && x < b[2] && y > b[1] && y < b[3]
    })
}

#[test]
fn the_emergence_svg_labels_every_release_with_short_leaders_and_no_overlap() {
    let (dir, r) = svg_figures();
    let dropped =
        |l: &&str| l.contains("no room for the label of") && (l.contains("[model:") || l.contains("[family:"));
    assert_eq!(r.stderr.lines().filter(dropped).collect::<Vec<_>>(), Vec::<&str>::new());
    let d = read_drawn(&std::fs::read_to_string(dir.path().join("timeline-emergence-llms.svg")).unwrap());
    // Every release drawn is named by a label (its own, or its version beside a series' name).
    let named: std::collections::BTreeSet<&String> = d.labels.iter().flat_map(|l| &l.0).collect();
    let drawn: std::collections::BTreeSet<&String> = d.dots.keys().collect();
    assert_eq!(drawn.len(), 52, "the shipped data's releases");
    assert_eq!(drawn.difference(&named).collect::<Vec<_>>(), Vec::<&&String>::new(), "releases without a label");
    // Legible: 26 px at 2100 px wide, labels and ticks alike.
    assert!(d.font_sizes.iter().all(|s| *s >= 26.0), "{:?}", d.font_sizes);
    let dots: Vec<&((f64, f64), f64)> = d.dots.values().flatten().collect();
    assert_labels_clear("emergence", &d, &dots);
    let mut longest = 0.0f64;
    for (i, (names, _, leader)) in d.labels.iter().enumerate() {
        let Some((a, z)) = *leader else { continue };
        longest = longest.max((z.0 - a.0).hypot(z.1 - a.1));
        // The leader starts on its dot's rim; dots overlapping that dot are one blob with it.
        let anchor = dots
            .iter()
            .find(|(c, r)| ((a.0 - c.0).hypot(a.1 - c.1) - r).abs() < 0.02)
            .expect("a leader starts at a dot");
        for (c, r) in dots.iter().filter(|(c, r)| (c.0 - anchor.0.0).hypot(c.1 - anchor.0.1) >= r + anchor.1) {
            assert!(segment_near(a, z, *c) >= *r, "the leader of {names:?} crosses the dot at {c:?}");
        }
        for (j, (other, c, their)) in d.labels.iter().enumerate().filter(|(j, _)| *j != i) {
            assert!(!box_hits_segment(c, (a, z)), "the leader of {names:?} crosses the label of {other:?}");
            if let Some(t) = their.filter(|_| j > i) {
                assert!(!segments_cross((a, z), t), "the leaders of {names:?} and {other:?} cross");
            }
        }
    }
    // One month of axis is about 63 px: no label is further than that and a little from its dot.
    assert!(longest < 80.0, "the longest leader is {longest:.1} px");
}

#[test]
fn the_chip_svgs_label_every_chip_without_overlap() {
    let (dir, r) = svg_figures();
    let dropped = |l: &&str| l.contains("no room for the label of") && l.contains("hardware-timeline");
    assert_eq!(r.stderr.lines().filter(dropped).collect::<Vec<_>>(), Vec::<&str>::new());
    for figure in ["hardware-timeline-tops", "hardware-timeline-memory"] {
        let d = read_drawn(&std::fs::read_to_string(dir.path().join(format!("{figure}.svg"))).unwrap());
        // Every chip drawn is named by a label: its own, or one it shares with the chips whose
        // dots coincide with its own.
        let named: std::collections::BTreeSet<&String> = d.labels.iter().flat_map(|l| &l.0).collect();
        let drawn: std::collections::BTreeSet<&String> = d.dots.keys().filter(|k| !k.is_empty()).collect();
        assert_eq!(drawn.len(), 38, "{figure}: the shipped data's chips");
        assert_eq!(drawn.difference(&named).collect::<Vec<_>>(), Vec::<&&String>::new(), "{figure}: unlabelled");
        assert!(d.font_sizes.iter().all(|s| *s >= 26.0), "{figure}: {:?}", d.font_sizes);
        let dots: Vec<&Dot> = d.dots.values().flatten().chain(&d.triangles).collect();
        assert!(d.triangles.len() > 20, "{figure}: the upper panel's models");
        assert_labels_clear(figure, &d, &dots);
    }
}

/// `build` writes every figure of the registry, in each image format, under its file name; the
/// names are distinct, ours and the list's alike.
#[test]
fn output_holds_every_registered_figure_in_every_format() {
    use edge_atlas::timeline::FIGURES;
    let ours: std::collections::BTreeSet<&str> = FIGURES.iter().map(|f| f.file).collect();
    let list: std::collections::BTreeSet<&str> = FIGURES.iter().filter_map(|f| f.list_file).collect();
    assert_eq!(ours.len(), FIGURES.len());
    assert_eq!(list.len(), FIGURES.iter().filter(|f| f.list_file.is_some()).count());
    for f in &FIGURES {
        for ext in ["svg", "png"] {
            let path = root().join("output").join(format!("{}.{ext}", f.file));
            assert!(path.is_file(), "{} missing", path.display());
        }
    }
}

/// Issue 29: the map of the field names its biggest hubs, llama.cpp and every hub as related
/// as the tenth first, without two labels overlapping or a label on a dot, and a leader passes
/// no hub's dot.
#[test]
fn the_map_names_the_biggest_hubs_without_overlap() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(&["build", "--data", &data(), "--out", dir.path().to_str().unwrap()], dir.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let d = read_drawn(&std::fs::read_to_string(dir.path().join("graph-map.svg")).unwrap());
    // Each entry's relations, from the graph the same build exported.
    let graph: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("edge-atlas.json")).unwrap()).unwrap();
    let mut degree = std::collections::BTreeMap::<&str, usize>::new();
    for e in graph["edges"].as_array().unwrap() {
        for end in ["source", "target"] {
            *degree.entry(e[end].as_str().unwrap()).or_default() += 1;
        }
    }
    let mut hubs: Vec<(&str, usize)> = degree.into_iter().collect();
    hubs.sort_by_key(|&(_, d)| std::cmp::Reverse(d));
    hubs.truncate(40);
    assert_eq!(hubs[0], ("framework:llama-cpp", 31));
    let named: std::collections::BTreeSet<&str> = d.labels.iter().flat_map(|l| &l.0).map(String::as_str).collect();
    let unnamed: Vec<&(&str, usize)> = hubs.iter().filter(|(id, _)| !named.contains(id)).collect();
    let tenth = hubs[9].1;
    assert!(unnamed.iter().all(|(_, d)| *d < tenth), "unnamed among the ten biggest: {unnamed:?}");
    assert!(unnamed.len() <= 2, "{} of the 40 biggest hubs unnamed: {unnamed:?}", unnamed.len());
    // The map's text size (26 px high at 2100 px wide).
    assert!(d.font_sizes.iter().all(|s| *s >= 22.0), "{:?}", d.font_sizes);
    // The map's dots are outside any group, in the graph's node order, then the legend's markers.
    let dots = &d.dots[""];
    let nodes = graph["nodes"].as_array().unwrap();
    assert!(dots.len() > nodes.len());
    let dot_of = |id: &str| dots[nodes.iter().position(|n| n["id"] == id).unwrap()];
    let hub_dots: Vec<Dot> = hubs.iter().map(|(id, _)| dot_of(id)).collect();
    assert_labels_clear("graph-map", &d, &dots.iter().collect::<Vec<_>>());
    for (names, _, leader) in &d.labels {
        let Some((a, z)) = *leader else { continue };
        for (other, c, _) in d.labels.iter().filter(|l| &l.0 != names) {
            assert!(!box_hits_segment(c, (a, z)), "the leader of {names:?} crosses the label of {other:?}");
        }
        // From the rim of its own dot, past no other hub's (but those touching its own).
        let (own, r) = dot_of(&names[0]);
        assert!(((a.0 - own.0).hypot(a.1 - own.1) - r).abs() < 0.02, "the leader of {names:?} leaves its dot");
        for (c, rc) in hub_dots.iter().filter(|(c, rc)| (c.0 - own.0).hypot(c.1 - own.1) >= rc + r) {
            assert!(segment_near(a, z, *c) >= *rc, "the leader of {names:?} crosses the hub at {c:?}");
        }
    }
}
