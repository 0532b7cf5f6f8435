//! A deterministic synthetic knowledge base in the project's CSV schema, for benchmarks at
//! 10k to 1M entries: papers 60 %, models 12 %, techniques 8 %, products 7 %, organisations
//! 5 %, frameworks 4 %, chips 4 %; about five relations per entry, with targets drawn from a
//! Zipf distribution so a few hubs collect most edges; 8 % of names carry CSV and markup
//! specials, 8 % non-ASCII text. Same size and seed, same bytes.

use std::io::{self, Write};
use std::path::Path;

use crate::data::{EXTRA_RELATIONS_FILE, Table};
use crate::fsx::{Durability, OutDir, WriteError};
use crate::model::{Chip, Framework, Model, Organisation, Paper, Product, Relation, Technique};

/// How many entries and relations were written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub entries: usize,
    pub relations: usize,
}

/// splitmix64: tiny, fast and fully determined by its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in 0..n (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Zipf-distributed draws over 0..n (exponent 1): rank 0 is the biggest hub.
struct Zipf(Vec<f64>);

impl Zipf {
    fn new(n: usize) -> Zipf {
        let mut acc = 0.0;
        let mut cdf: Vec<f64> = (0..n.max(1))
            .map(|k| {
                acc += 1.0 / (k + 1) as f64;
                acc
            })
            .collect();
        cdf.iter_mut().for_each(|c| *c /= acc);
        Zipf(cdf)
    }

    fn draw(&self, rng: &mut Rng) -> usize {
        let u = rng.unit();
        self.0.partition_point(|&c| c < u).min(self.0.len() - 1)
    }

    /// Up to `k` distinct draws (relations must not repeat).
    fn distinct(&self, rng: &mut Rng, k: usize) -> Vec<usize> {
        let mut out = Vec::with_capacity(k);
        for _ in 0..k * 3 {
            if out.len() == k {
                break;
            }
            let d = self.draw(rng);
            if !out.contains(&d) {
                out.push(d);
            }
        }
        out
    }
}

const HOSTILE: &str = " & <b> \"q\" 'a', \\ ; {x} [y] #";
const FOREIGN: &str = " é ß Ω 模型 🚀";

fn name(rng: &mut Rng, base: String) -> String {
    match rng.below(100) {
        0..8 => base + HOSTILE,
        8..16 => base + FOREIGN,
        _ => base,
    }
}

fn month(rng: &mut Rng) -> String {
    format!("{}-{:02}", 2019 + rng.below(7), 1 + rng.below(12))
}

/// Writes a synthetic data/ of about `entries` entries into `dir`.
pub fn generate(dir: &Path, entries: usize, seed: u64) -> Result<Counts, WriteError> {
    let share = |pct: usize| (entries * pct / 100).max(1);
    let (orgs, techniques, models, products, frameworks, chips) =
        (share(5), share(8), share(12), share(7), share(4), share(4));
    let papers = entries.saturating_sub(orgs + techniques + models + products + frameworks + chips).max(1);
    let mut rng = Rng(seed);
    let z = |n| Zipf::new(n);
    let (z_org, z_tech, z_model, z_fw, z_chip) = (z(orgs), z(techniques), z(models), z(frameworks), z(chips));
    let mut relations: Vec<(String, &str, String)> = Vec::new();
    let out = OutDir::open(dir, Durability::Cached, &|_| {})?;
    let mut staged = Vec::new();
    // Each row fills the columns `filled` names, in that order; the table's other columns
    // (ones added to the schema since) are left empty.
    let mut table = |file: &str,
                     columns: &[&str],
                     filled: &[&str],
                     rows: &mut dyn FnMut(&mut Rng, usize) -> Vec<String>,
                     n: usize| {
        out.stage(file, |w| {
            let mut c = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(w);
            c.write_record(columns)?;
            for i in 0..n {
                c.write_record(by_name(columns, filled, rows(&mut rng, i)))?;
            }
            c.flush()
        })
        .map(|s| staged.push(s))
    };
    let s = String::new;
    table(
        Organisation::FILE,
        Organisation::COLUMNS,
        &["id", "name", "colour"],
        &mut |r, i| vec![format!("org-{i}"), name(r, format!("Organisation {i}")), s()],
        orgs,
    )?;
    table(
        Technique::FILE,
        Technique::COLUMNS,
        &["id", "name", "number", "parent"],
        &mut |r, i| {
            // Parents come earlier, so the tree has no cycles; a tenth are roots.
            let parent = if i < techniques / 10 + 1 { s() } else { format!("tech-{}", r.below(i)) };
            vec![format!("tech-{i}"), name(r, format!("Technique {i}")), format!("{i}"), parent]
        },
        techniques,
    )?;
    table(
        Chip::FILE,
        Chip::COLUMNS,
        &["id", "name", "vendor", "line", "tops", "released", "memory"],
        &mut |r, i| {
            let vendor = format!("org-{}", z_org.draw(r));
            let tops = format!("{}", 5 + r.below(120));
            vec![
                format!("chip-{i}"),
                name(r, format!("Chip {i}")),
                vendor,
                format!("Line {}", i % 20),
                tops,
                month(r),
                "8GB".into(),
            ]
        },
        chips,
    )?;
    table(
        Model::FILE,
        Model::COLUMNS,
        &["id", "name", "family", "organisations", "sizes", "edge", "released", "modalities"],
        &mut |r, i| {
            for c in z_chip.distinct(r, 2) {
                relations.push((format!("model:model-{i}"), "runs_on", format!("chip:chip-{c}")));
            }
            let org = format!("org-{}", z_org.draw(r));
            let size = format!("{}B", 1 + r.below(70));
            vec![format!("model-{i}"), name(r, format!("Model {i}")), s(), org, size, "yes".into(), month(r), s()]
        },
        models,
    )?;
    table(
        Framework::FILE,
        Framework::COLUMNS,
        &["id", "name", "open_source", "vendor_sdk", "organisations", "sizes"],
        &mut |r, i| {
            for m in z_model.distinct(r, 25) {
                relations.push((format!("framework:fw-{i}"), "supports", format!("model:model-{m}")));
            }
            for c in z_chip.distinct(r, 5) {
                relations.push((format!("framework:fw-{i}"), "targets", format!("chip:chip-{c}")));
            }
            let org = format!("org-{}", z_org.draw(r));
            vec![format!("fw-{i}"), name(r, format!("Framework {i}")), "true".into(), "false".into(), org, s()]
        },
        frameworks,
    )?;
    table(
        Product::FILE,
        Product::COLUMNS,
        &["id", "name", "category"],
        &mut |r, i| {
            for m in z_model.distinct(r, 2) {
                relations.push((format!("product:product-{i}"), "powered_by", format!("model:model-{m}")));
            }
            relations.push((format!("product:product-{i}"), "runs_on", format!("chip:chip-{}", z_chip.draw(r))));
            vec![format!("product-{i}"), name(r, format!("Product {i}")), "assistant".into()]
        },
        products,
    )?;
    table(
        Paper::FILE,
        Paper::COLUMNS,
        &["id", "title", "short_name", "venue", "published", "survey", "tags", "paper_url"],
        &mut |r, i| {
            for t in z_tech.distinct(r, 4) {
                relations.push((format!("paper:paper-{i}"), "covers", format!("technique:tech-{t}")));
            }
            if r.below(2) == 0 {
                relations.push((format!("paper:paper-{i}"), "implements", format!("framework:fw-{}", z_fw.draw(r))));
            }
            let title = name(r, format!("Paper {i}: Fast Inference on Edge Devices"));
            let url = format!("https://arxiv.org/abs/24{:02}.{:05}", 1 + i % 12, i % 100_000);
            vec![format!("paper-{i}"), title, s(), "arxiv".into(), month(r), "false".into(), s(), url]
        },
        papers,
    )?;
    staged.push(out.stage(Relation::FILE, |w| write_relations(w, &relations))?);
    staged.push(out.stage(EXTRA_RELATIONS_FILE, |w| write_relations(w, &[]))?);
    // Benchmark data: how it was put in place does not matter.
    let _ = out.commit(staged)?;
    // Reference columns (organisation, vendor, parent) are relations too: one per model,
    // framework and chip, one per non-root technique.
    let columns = models + frameworks + chips + techniques - (techniques / 10 + 1).min(techniques);
    let total = orgs + techniques + models + products + frameworks + chips + papers;
    Ok(Counts { entries: total, relations: relations.len() + columns })
}

/// `values` of the columns `filled` names, placed in the order of `columns` (empty where
/// `filled` has no value), so that rows are made by column name.
pub(crate) fn by_name(columns: &[&str], filled: &[&str], mut values: Vec<String>) -> Vec<String> {
    columns
        .iter()
        .map(|c| filled.iter().position(|f| f == c).map(|i| std::mem::take(&mut values[i])).unwrap_or_default())
        .collect()
}

fn write_relations(w: &mut dyn Write, rows: &[(String, &str, String)]) -> io::Result<()> {
    let mut c = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(w);
    c.write_record(Relation::COLUMNS)?;
    for (s, r, t) in rows {
        c.write_record([s.as_str(), r, t.as_str()])?;
    }
    c.flush()
}
