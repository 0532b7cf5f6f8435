//! The fuzz targets' bodies, in the library so that `cargo test` replays every input the
//! fuzzer once crashed on (tests/fixtures/fuzz/TARGET/*) through the very same code.

use crate::graph::KnowledgeGraph;
use crate::model::{Id, Key, Rgb, Sizes, Tops, YearMonth, parse_memory};

/// Any bytes as the list's README.md and, after a NUL, a docs/ page: import must not panic,
/// and model ids must come out unique.
pub fn import_markdown(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let (readme, docs) = text.split_once('\0').unwrap_or((&text, ""));
    let files = [("README.md".to_string(), readme.to_string()), ("docs/a.md".to_string(), docs.to_string())];
    let (data, _) = crate::import::from_markdown(&files);
    let ids: std::collections::BTreeSet<&Id> = data.models.iter().map(|m| &m.id).collect();
    assert_eq!(ids.len(), data.models.len(), "model ids repeat");
}

/// Tables the CSV target writes its input to; the first byte picks one.
const TABLES: [&str; 8] = [
    "models.csv",
    "papers.csv",
    "relations.csv",
    "chips.csv",
    "organisations.csv",
    "techniques.csv",
    "device_chips.csv",
    "aliases.csv",
];

/// Any bytes as one table of data/ beside a valid organisations.csv: loading reports
/// problems, never panics, and a dataset that loads builds a graph and shows an entry.
pub fn load_csv(bytes: &[u8]) {
    let Some((&pick, body)) = bytes.split_first() else { return };
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::write(dir.path().join("organisations.csv"), "id,name,colour\nacme,Acme,\n").expect("writable");
    std::fs::write(dir.path().join(TABLES[pick as usize % TABLES.len()]), body).expect("writable");
    if let Ok(loaded) = crate::data::load(dir.path()) {
        let g = KnowledgeGraph::build(loaded);
        if let Some(n) = g.nodes().next() {
            crate::show::render(&g, n);
        }
    }
}

fn round_trips<T: std::str::FromStr + std::fmt::Display + PartialEq + std::fmt::Debug>(s: &str) {
    if let Ok(v) = s.parse::<T>() {
        assert_eq!(v.to_string().parse::<T>().ok().as_ref(), Some(&v), "{s:?} -> {v}");
    }
}

/// The value parsers on any text: no panic, and what parses formats to text that parses
/// back to the same value.
pub fn parsers(bytes: &[u8]) {
    let s = String::from_utf8_lossy(bytes);
    round_trips::<YearMonth>(&s);
    round_trips::<Id>(&s);
    round_trips::<Key>(&s);
    round_trips::<Rgb>(&s);
    if let Ok(t) = Tops::parse(&s) {
        assert_eq!(Tops::parse(&t.to_string()), Ok(t), "{s:?} -> {t}");
    }
    let _ = YearMonth::parse_list(&s);
    let _ = Sizes::parse(&s);
    let _ = parse_memory(&s);
    let _ = Id::from_name(&s);
    let _ = crate::model::name_key(&s);
}

/// Any bytes as a label placement scene (numbers of any value, NaN and infinities
/// included): placement must not panic, and what it places must keep every hard rule.
pub fn labels(bytes: &[u8]) {
    use crate::render::labels::{Circle, Rect, Request, Scenery, place, violation};
    let mut numbers = bytes.chunks(2).map(|c| {
        // Mostly plot-sized values, sometimes a raw f32 (NaN, infinities, huge, tiny).
        let v = u16::from_le_bytes([c[0], *c.get(1).unwrap_or(&0)]);
        if v >> 12 == 0xf {
            f64::from(f32::from_bits(u32::from(v).wrapping_mul(0x9e37_79b9)))
        } else {
            f64::from(v % 1200)
        }
    });
    let mut next = move || numbers.next().unwrap_or(0.0);
    let bounds = Rect::new(next() - 100.0, next() - 100.0, next(), next());
    let (gap, radius, max_leader) = (next() / 100.0, next() / 100.0, next() / 4.0);
    let mut requests = Vec::new();
    let mut dots = Vec::new();
    let mut segments = Vec::new();
    for i in 0..200 {
        let dot = Circle { centre: (next(), next()), radius };
        dots.push(dot);
        let mut request = Request::new((next() / 4.0 + 1.0, next() / 40.0 + 1.0), dot);
        // Some labels may name the previous dot instead, as a release names its other sizes.
        if i % 3 == 1 {
            request.also = dots[dots.len() - 2..dots.len() - 1].to_vec();
        }
        requests.push(request);
        if i % 4 == 0 {
            segments.push(((next(), next()), (next(), next())));
        }
    }
    let obstacles = [Rect::new(next(), next(), next() / 4.0, next() / 4.0)];
    // Read last, so that the saved inputs mean what they meant before leaders could cross dots.
    let crossable = next() / 100.0;
    let scenery = Scenery {
        dots: &dots,
        obstacles: &obstacles,
        segments: &segments,
        bounds,
        label_gap: gap,
        max_leader,
        crossable,
    };
    let placed = place(&requests, scenery);
    if let Some(v) = violation(&requests, scenery, &placed) {
        panic!("{v}");
    }
}

/// Any bytes as the names and links of a small dataset (fields separated by U+001E, so that
/// names may hold NUL and every other control character): a dataset that loads must export to
/// GraphML, GEXF and SVG that an XML parser reads whole, JSON that serde_json reads, and DOT
/// that passes [`dot_is_well_formed`].
pub fn exports(bytes: &[u8]) {
    use crate::export::{self, Format, Options, Subgraph};
    let text = String::from_utf8_lossy(bytes);
    let fields: Vec<&str> = text.split('\u{1e}').take(8).collect();
    let Ok(dir) = tempfile::tempdir() else { return };
    let table = |file: &str, rows: &[Vec<String>]| -> Result<(), csv::Error> {
        let mut w =
            csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_path(dir.path().join(file))?;
        rows.iter().try_for_each(|r| w.write_record(r))?;
        w.flush().map_err(csv::Error::from)
    };
    let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<String>>();
    let mut orgs = vec![row(&["id", "name", "colour"])];
    let mut models = vec![row(crate::model::Model::COLUMNS)];
    let mut relations = vec![row(&["source", "relation", "target"])];
    for (i, field) in fields.iter().enumerate() {
        // Names are one non-empty line (data/ refuses others); a name that is a URL is the link too.
        let name = match field.replace(['\n', '\r'], " ").trim() {
            "" => "x".to_string(),
            name => name.to_string(),
        };
        let link = if crate::model::Url::parse(&name).is_ok() { name.clone() } else { String::new() };
        let (org, model) = (format!("org-{i}"), format!("m-{i}"));
        orgs.push(vec![org.clone(), format!("{name} Labs"), String::new()]);
        let released = format!("2024-{:02}", i % 12 + 1);
        let filled = ["id", "name", "organisations", "sizes", "edge", "released", "official_url"];
        let values = vec![model.clone(), name.clone(), org, "1.5B、7B".into(), "yes".into(), released, link];
        models.push(crate::synth::by_name(crate::model::Model::COLUMNS, &filled, values));
        if i > 0 {
            relations.push(vec![format!("model:{model}"), "successor_of".into(), format!("model:m-{}", i - 1)]);
        }
    }
    let written =
        table("organisations.csv", &orgs).and(table("models.csv", &models)).and(table("relations.csv", &relations));
    if written.is_err() {
        return;
    }
    let loaded = crate::data::load(dir.path()).expect("names and links of this shape load");
    let g = KnowledgeGraph::build(loaded);
    let all = Subgraph::all(&g);
    // Positions too, as `build` writes them (a short layout: their text is what is tested).
    let settings = crate::layout::Settings { iterations: 20, ..Default::default() };
    let map = crate::layout::Map::of(&g, &[], &settings);
    for format in Format::one_file() {
        let mut out = Vec::new();
        export::write(format, &g, &all, Some(&map), crate::palette::ColourBy::EXPORTS, Options::default(), &mut out)
            .expect("writes to memory");
        let text = String::from_utf8(out).expect("exports are UTF-8");
        match format.name() {
            "dot" => dot_is_well_formed(&text).unwrap_or_else(|e| panic!("DOT: {e}")),
            "json" => drop(serde_json::from_str::<serde_json::Value>(&text).expect("JSON parses")),
            "graphml" | "gexf" => xml_parses(&text),
            other => panic!("no well-formedness check for {other}"),
        }
    }
    let fig = crate::timeline::emergence::draw(&g, &crate::timeline::emergence::Options::default());
    let svg = fig.scene.render(crate::render::ImageFormat::Svg);
    xml_parses(std::str::from_utf8(&svg).expect("SVG is UTF-8"));
}

fn xml_parses(text: &str) {
    let mut reader = quick_xml::Reader::from_str(text);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("XML does not parse at {}: {e}", reader.buffer_position()),
        }
    }
}

/// What Graphviz needs of a DOT file: every string closed, no raw control character but line
/// breaks outside strings, no string over 16 KB, braces balanced.
pub fn dot_is_well_formed(dot: &str) -> Result<(), String> {
    let (mut depth, mut chars) = (0i64, dot.char_indices());
    while let Some((at, c)) = chars.next() {
        match c {
            '"' => {
                let mut len = 0;
                loop {
                    match chars.next() {
                        None => return Err(format!("string opened at byte {at} never closes")),
                        Some((_, '"')) => break,
                        Some((_, '\\')) => len += chars.next().map_or(0, |(_, c)| c.len_utf8() + 1),
                        Some((i, c)) if c.is_control() => return Err(format!("raw U+{:04X} at byte {i}", c as u32)),
                        Some((_, c)) => len += c.len_utf8(),
                    }
                }
                if len > 16_000 {
                    return Err(format!("a string of {len} bytes at byte {at}"));
                }
            }
            '{' => depth += 1,
            '}' => depth -= 1,
            c if c.is_control() && c != '\n' => return Err(format!("raw U+{:04X} at byte {at}", c as u32)),
            _ => {}
        }
        if depth < 0 {
            return Err(format!("a closing brace without an opening one at byte {at}"));
        }
    }
    if depth == 0 { Ok(()) } else { Err(format!("{depth} brace(s) never closed")) }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Replays tests/fixtures/fuzz/TARGET/* through the target; returns how many inputs.
    fn replay(target: &str, body: fn(&[u8])) -> usize {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz").join(target);
        let Ok(entries) = std::fs::read_dir(&dir) else { return 0 };
        let mut n = 0;
        for entry in entries {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            let outcome = std::panic::catch_unwind(|| body(&bytes));
            assert!(outcome.is_ok(), "{} fails again", path.display());
            n += 1;
        }
        n
    }

    #[test]
    fn inputs_the_fuzzer_once_crashed_on_pass() {
        assert!(replay("import_markdown", import_markdown) > 0);
        replay("load_csv", load_csv);
        replay("parsers", parsers);
        replay("labels", labels);
        replay("exports", exports);
    }

    #[test]
    fn the_targets_accept_ordinary_input() {
        import_markdown(b"# III. Models\n\nModel | Organization | Size | Edge | Release Date\n-|-|-|-|-\nQwen2 | Alibaba | 7B | \xe2\x9c\x94 | 2024.06\n");
        load_csv(
            b"\x00id,name,family,organisations,sizes,edge,released,modalities,paper_url,code_url,official_url,hf_url\n",
        );
        parsers(b"2024-06");
        labels(&(0..4000u32).map(|i| (i * 7919 % 251) as u8).collect::<Vec<_>>());
        exports("Qwen\u{1b}]0;x\u{7}\u{1e}<script>\"\\\u{0}\u{1e}https://example.com/\u{1e}".as_bytes());
    }

    #[test]
    fn the_dot_check_finds_what_graphviz_refuses() {
        assert_eq!(dot_is_well_formed("digraph { a [label=\"x\\\"y\"]; }"), Ok(()));
        assert_eq!(
            dot_is_well_formed("digraph { a [label=\"x]; }").unwrap_err(),
            "string opened at byte 19 never closes"
        );
        assert_eq!(dot_is_well_formed("digraph { a [label=\"\u{c}\"]; }").unwrap_err(), "raw U+000C at byte 20");
        assert_eq!(dot_is_well_formed("digraph { ").unwrap_err(), "1 brace(s) never closed");
    }
}
