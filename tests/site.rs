//! The explorer page (`output/index.html`): self-contained, small, safe with hostile names, and
//! working in a real browser (headless Chromium over the DevTools protocol, driven by
//! tests/browser/explorer_check.py). Screenshots land in target/site-screenshots/.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The page's budget on the shipped data (issue 17).
const MAX_PAGE_BYTES: u64 = 1_000_000;

fn build(data: &Path, out: &Path) -> PathBuf {
    let r = run(&["build", "--no-figures", "--data", data.to_str().unwrap(), "--out", out.to_str().unwrap()], &root());
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains(&format!("wrote {}", out.join("index.html").display())), "{}", r.stdout);
    out.join("index.html")
}

/// The embedded data, read back as the page reads it.
fn embedded(page: &str) -> serde_json::Value {
    let start = page.find(r#"<script type="application/json" id="atlas-data">"#).unwrap();
    let json = &page[start..].split_once('>').unwrap().1;
    let json = &json[..json.find("</script>").unwrap()];
    assert!(!json.contains('<') && !json.contains('\u{2028}'), "the JSON escapes < and line separators");
    serde_json::from_str(json).unwrap()
}

#[test]
fn build_writes_one_self_contained_page_under_1_mb() {
    let dir = tempfile::tempdir().unwrap();
    let page = build(&root().join("data"), dir.path());
    let size = std::fs::metadata(&page).unwrap().len();
    eprintln!("index.html on the shipped data: {size} bytes");
    assert!(size < MAX_PAGE_BYTES, "the page is {size} bytes");
    let text = std::fs::read_to_string(&page).unwrap();
    // Everything is inline: no element refers to another file or address.
    for tag in ["<script src", "<link", "<img", "<iframe", "@import", "url("] {
        assert!(!text.contains(tag), "the page holds {tag:?}");
    }
    assert_eq!(text.matches("<script").count(), text.matches("</script>").count());
    let data = embedded(&text);
    let nodes = data["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), 536);
    let qwen =
        nodes.iter().find(|n| n["id"] == "qwen2-5" && data["kinds"][n["k"].as_u64().unwrap() as usize] == "model");
    let qwen = qwen.unwrap();
    assert_eq!(qwen["n"], "Qwen2.5");
    assert_eq!(qwen["s"][0], "qwen25", "the CLI's name key comes first");
    assert_eq!(qwen["c"], "#8264e6", "Alibaba's colour, as in the figures");
    let related = qwen["r"].as_array().unwrap();
    assert_eq!(related.len(), 10, "the top 10 related entries");
    let reason: Vec<&str> = related[0][2]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| data["reasons"][k.as_u64().unwrap() as usize].as_str().unwrap())
        .collect();
    assert!(!reason.is_empty() && reason.iter().all(|p| !p.is_empty()), "{reason:?}");
    // The same data gives the same bytes.
    let again = tempfile::tempdir().unwrap();
    assert!(std::fs::read(build(&root().join("data"), again.path())).unwrap() == text.as_bytes());
}

#[test]
fn site_writes_the_page_alone_where_asked() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("docs/index.html");
    let r = run(&["site", "--out", page.to_str().unwrap()], &root());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("docs/index.html"), "{}", r.stdout);
    let built = build(&root().join("data"), &dir.path().join("out"));
    assert!(std::fs::read(page).unwrap() == std::fs::read(built).unwrap(), "site and build write the same page");
}

/// The hostile fixture with markup and script in names, a line separator and a `javascript:`
/// link, in a fresh folder.
fn hostile_data() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(root().join("tests/fixtures/hostile")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    let append = |file: &str, rows: &str| {
        let path = dir.path().join(file);
        let mut text = std::fs::read_to_string(&path).unwrap();
        text.push_str(rows);
        std::fs::write(path, text).unwrap();
    };
    append(
        "models.csv",
        "img-tag,\"<img src=x onerror=\"\"window.pwned=1;alert(1)\"\">\",,acme,2B,yes,2024-03,text,,,,\n\
         script-tag,</script><script>window.pwned=2;alert(2)</script><!--,,acme,3B,unknown,2024-04,text,,,,\n\
         separator,Line\u{2028}Separator\u{2029}Model,,quote-co,4B,yes,2024-05,text,,,,\n",
    );
    append("organisations.csv", "svg-co,<svg onload=alert(3)>,#abcdef\n");
    append("relations.csv", "model:img-tag,released_by,organisation:svg-co\n");
    dir
}

#[test]
fn hostile_names_are_data_in_the_page() {
    let data = hostile_data();
    let out = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(build(data.path(), out.path())).unwrap();
    assert!(
        !text.contains("<img") && !text.contains("<svg onload") && !text.contains("window.pwned=2;alert(2)</script>")
    );
    let json = embedded(&text);
    let names: Vec<&str> = json["nodes"].as_array().unwrap().iter().map(|n| n["n"].as_str().unwrap()).collect();
    assert!(names.contains(&"</script><script>window.pwned=2;alert(2)</script><!--"), "{names:?}");
    assert!(names.contains(&"Line\u{2028}Separator\u{2029}Model"));
}

fn browser_check(mode: &str, page: &Path) {
    let shots = root().join("target/site-screenshots").join(mode);
    let out = Command::new("python3")
        .arg(root().join("tests/browser/explorer_check.py"))
        .arg(mode)
        .arg(page)
        .arg(&shots)
        .output()
        .unwrap();
    let report = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    eprintln!("{report}");
    assert!(out.status.success(), "the page failed in Chromium ({mode}):\n{report}");
}

fn have_browser() -> bool {
    have("chromium") && have("python3") && python_has(&["websocket-client"])
}

/// Search, cards, permalinks, history, the timeline's filters, tables and phone width, in
/// headless Chromium, with no console error and no request.
#[test]
fn the_page_works_in_headless_chromium() {
    if !have_browser() {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    browser_check("shipped", &build(&root().join("data"), out.path()));
}

/// Every card and view of pages full of hostile names: no dialog, no injected element.
#[test]
fn hostile_names_run_nothing_in_headless_chromium() {
    if !have_browser() {
        return;
    }
    let data = hostile_data();
    let out = tempfile::tempdir().unwrap();
    browser_check("hostile", &build(data.path(), out.path()));

    // Synthetic data: 8% of its names carry markup, quotes and backslashes.
    let synth = tempfile::tempdir().unwrap();
    let r = run(&["synth", "--entries", "2000", "--out", synth.path().to_str().unwrap()], &root());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = tempfile::tempdir().unwrap();
    browser_check("synth", &build(synth.path(), out.path()));
}
