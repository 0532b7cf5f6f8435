//! Hostile data and hostile machines: concurrent runs, special files, injected markup and
//! control characters (kills at every rename are in kills.rs). Each case asserts the exact
//! message, the exit code and that outputs were left whole.

mod common;

use common::*;
use std::path::Path;
use std::process::Command;

const HOSTILE_DATA: &str = "tests/fixtures/hostile";

fn build_into(data: &str, out: &Path) -> Vec<(String, Vec<u8>)> {
    let r = run(&["build", "--data", data, "--out", out.to_str().unwrap()], &root());
    assert_eq!(r.code, 0, "{}", r.stderr);
    snapshot(out)
}

/// Two builds of different data into one directory at once: the second waits for the first,
/// both succeed, and the directory holds one whole set.
#[test]
fn concurrent_builds_into_one_directory_are_serialised() {
    let tmp = tempfile::tempdir().unwrap();
    let old = build_into("data", &tmp.path().join("old"));
    let new = build_into(HOSTILE_DATA, &tmp.path().join("new"));
    let dir = tmp.path().join("both");
    let spawn = |data: &str| {
        Command::new(env!("CARGO_BIN_EXE_edge-atlas"))
            .args(["build", "--data", data, "--out", dir.to_str().unwrap()])
            .current_dir(root())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    let (mut a, mut b) = (spawn("data"), spawn(HOSTILE_DATA));
    assert!(a.wait().unwrap().success() && b.wait().unwrap().success());
    let after = snapshot(&dir);
    assert!(after == old || after == new, "a mix of two builds' files");
}

/// A FIFO or a device in data/'s place is refused with a message, not read forever.
#[cfg(unix)]
#[test]
fn special_files_in_data_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    copy_tree(&root().join("data"), &data);
    let fifo = data.join("benchmarks.csv");
    std::fs::remove_file(&fifo).unwrap();
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let zero = data.join("formats.csv");
    std::fs::remove_file(&zero).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let r = run(&["check", "--data", data.to_str().unwrap()], &root());
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("benchmarks.csv: error: cannot read: it is a FIFO, not a regular file"), "{}", r.stderr);
    assert!(r.stderr.contains("formats.csv: error: cannot read: it is a device, not a regular file"), "{}", r.stderr);
}

/// `--out` naming a file is refused with what was expected, and the file is untouched.
#[test]
fn an_output_directory_that_is_a_file_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("out.txt");
    std::fs::write(&file, "mine").unwrap();
    let r = run(&["build", "--out", file.to_str().unwrap()], &root());
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr.trim(),
        format!(
            "error: cannot write {}: it is a file, not a directory; name a directory to write into",
            file.display()
        )
    );
    assert_eq!(std::fs::read(&file).unwrap(), b"mine");
}

/// Each hostile or implausible value in data/, the line it goes in (replacing the first
/// occurrence of `from` in `file` of the imported fixture list), and the exact error of `check`.
const BAD_VALUES: &[BadCase] = &[
    (
        "papers.csv",
        "https://arxiv.org/abs/2401.00002",
        "javascript:alert(1)",
        "data/papers.csv:3:69: error: paper_url item \"javascript:alert(1)\": not an http or https URL; expected an http(s) URL without spaces, quotes, <, >, \\, ^, `, {, |, } or control characters",
    ),
    (
        "papers.csv",
        "https://arxiv.org/abs/2401.00002",
        "\"https://x/\"\" onmouseover=\"\"alert(1)\"",
        "data/papers.csv:3:69: error: paper_url item \"https://x/\\\" onmouseover=\\\"alert(1)\": has a quote; expected an http(s) URL without spaces, quotes, <, >, \\, ^, `, {, |, } or control characters",
    ),
    (
        "models.csv",
        "0.5B、7B",
        "0.0001K",
        "data/models.csv:5:30: error: sizes \"0.0001K\": 0 parameters is outside the plausible 1M..10T",
    ),
    (
        "chips.csv",
        "Qualcomm,45,",
        "Qualcomm,1e300,",
        "data/chips.csv:3:63: error: tops \"1e300\": outside the plausible 0.01..10000 TOPS",
    ),
    (
        "models.csv",
        "devices,2024-12",
        "devices,1949-12",
        "data/models.csv:5:46: error: released \"1949-12\": outside the plausible 1950..NEXT_YEAR (up to next year)",
    ),
    (
        "relations.csv",
        "model:qwen2-5,successor_of,model:qwen2",
        "model:qwen2-5,successor_of,model:qwen2-5",
        "data/relations.csv:21:28: error: model:qwen2-5 succeeds itself",
    ),
    (
        "relations.csv",
        "model:qwen2-5,successor_of,model:qwen2",
        "model:qwen2-5,successor_of,model:qwen2\nmodel:qwen2,successor_of,model:qwen2-5",
        "data/relations.csv:21:28: error: model:qwen2-5 successor_of model:qwen2: the succession comes back to model:qwen2-5 (a cycle)",
    ),
    (
        "aliases.csv",
        "alias,target",
        "alias,target\nQwen2,model:qwen2-5",
        "data/aliases.csv:2:1: error: alias \"Qwen2\" → model:qwen2-5 is shadowed by the name of model:qwen2 (models.csv line 4): names win over aliases, so it never applies",
    ),
    (
        "families.csv",
        "https://huggingface.co/microsoft/phi-2",
        "\"https://huggingface.co/x",
        "data/families.csv:3:30: error: hf_url \"https://huggingface.co/x\\nqwen,Qwen Series,alibaba,2023-09,https://arxiv.org/abs/…\" runs over 2 lines: a quote opened here is never closed? (expected one line)",
    ),
];

#[test]
fn hostile_and_implausible_values_are_located_errors() {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    let next_year = chrono::Datelike::year(&chrono::DateTime::from_timestamp(now as i64, 0).unwrap()) + 1;
    let failures = failing_checks(BAD_VALUES, |e| e.replace("NEXT_YEAR", &next_year.to_string()));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A 10 MB value is quoted by its first 80 characters, never echoed whole.
#[test]
fn long_bad_values_are_cut_in_messages() {
    let dir = imported();
    let path = dir.path().join("data/models.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("devices,2024-12", &format!("devices,{}", "9".repeat(10 << 20)), 1)).unwrap();
    let r = run(&["check"], dir.path());
    assert_eq!(r.code, 1);
    assert!(r.stderr.len() < 1000, "{} bytes of messages", r.stderr.len());
    let nines = "9".repeat(80);
    assert!(r.stderr.contains(&format!("released \"{nines}…\": ")), "{}", r.stderr);
}

/// A link of the list that would leave its attribute is a located warning of import, and
/// never reaches data/.
#[test]
fn hostile_links_in_the_list_are_left_out_with_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let list = tmp.path().join("list");
    copy_tree(&root().join(FIXTURE_LIST), &list);
    let page = list.join("docs/V-frameworks.md");
    let text = std::fs::read_to_string(&page).unwrap();
    let hostile = "https://x/\" onmouseover=\"alert(1)";
    let bad = text.replacen("href=\"https://github.com/example/tinyrun\"", &format!("href='{hostile}'"), 1);
    assert_ne!(bad, text);
    std::fs::write(&page, bad).unwrap();
    let r = run(&["import", list.to_str().unwrap()], tmp.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let warning = "has a quote; expected an http(s) URL without spaces, quotes, <, >, \\, ^, `, {, |, } or control characters; left out";
    let line = r.stderr.lines().find(|l| l.contains("onmouseover")).unwrap_or_default();
    assert!(line.contains("docs/V-frameworks.md:") && line.ends_with(warning), "{}", r.stderr);
    let data = std::fs::read_to_string(tmp.path().join("data/papers.csv")).unwrap();
    assert!(!data.contains("onmouseover"));
}

/// The imported fixture with hostile names: terminal escapes, NUL, form feed, markup, and a
/// 20,000-character name.
fn hostile_names() -> tempfile::TempDir {
    let dir = imported();
    let models = dir.path().join("data/models.csv");
    let text = std::fs::read_to_string(&models).unwrap();
    let evil = "\"Qwen\u{1b}]0;pwned\u{7}\u{1b}[2J\u{c}<script>alert(1)</script>\u{0}\u{202e}\"";
    std::fs::write(&models, text.replacen("Qwen2.5", evil, 1).replacen("Phi 3", &"P".repeat(20_000), 1)).unwrap();
    dir
}

/// Human-readable output shows control characters escaped; nothing raw reaches the terminal.
#[test]
fn names_cannot_drive_the_terminal() {
    let dir = hostile_names();
    for args in [
        &["show", "qwen2-5"][..],
        &["list", "--kind", "model"],
        &["related", "qwen2"],
        &["path", "qwen2-5", "gemini"],
        &["check"],
        &["show", "\u{1b}[2J"],
    ] {
        let r = run(args, dir.path());
        let raw = |s: &str| s.chars().any(|c| (c.is_control() && c != '\n') || c == '\u{202e}');
        assert!(!raw(&r.stdout) && !raw(&r.stderr), "{args:?} printed a control character raw");
        if args[0] == "show" && args[1] == "qwen2-5" {
            assert!(r.stdout.contains(r"Qwen\u{1b}]0;pwned\u{7}\u{1b}[2J\u{c}<script>"), "{}", r.stdout);
        }
    }
}

/// Hostile names through Graphviz: `dot -Tsvg` takes the export (a warning says what was cut),
/// and the SVG, read by an XML parser, has no script, no event handler and no link that is
/// not http(s).
#[test]
fn hostile_names_through_graphviz_give_a_safe_svg() {
    let dir = hostile_names();
    let r = run(&["export", "--format", "dot", "--out", "g.dot"], dir.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let notes: Vec<&str> = r.stderr.lines().filter(|l| l.starts_with("warning: ")).collect();
    assert_eq!(
        notes,
        [
            "warning: 1 name(s) over 1000 characters cut in the DOT export (Graphviz refuses long strings)",
            "warning: 1 name(s) with control characters written as \\u{..} in the DOT export",
        ]
    );
    if !have("dot") {
        return;
    }
    let out = Command::new("dot").args(["-Tsvg", "g.dot", "-o", "g.svg"]).current_dir(dir.path()).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let svg = std::fs::read_to_string(dir.path().join("g.svg")).unwrap();
    let mut reader = quick_xml::Reader::from_str(&svg);
    let (mut elements, mut links) = (0, 0);
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                elements += 1;
                assert_ne!(e.local_name().into_inner(), "script", "a script element");
                for a in e.attributes() {
                    let a = a.unwrap();
                    let key = a.key.local_name().into_inner().to_lowercase();
                    assert!(!key.starts_with("on"), "an event handler attribute {key}");
                    if key == "href" {
                        let v = &a.value;
                        assert!(v.starts_with("https://") || v.starts_with("http://"), "a link to {v}");
                        links += 1;
                    }
                }
            }
            _ => {}
        }
    }
    assert!(elements > 100 && links > 0, "{elements} elements, {links} links read");
    assert!(svg.contains("Qwen\\u{1b}]0;pwned\\u{7}"), "the name is shown, escaped");
}
