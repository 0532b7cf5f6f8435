//! `edge-atlas diff`: the diff between a list and variants of it made here (a model added, a
//! date changed, a paper moved between sections, an organisation renamed, a row deleted, the
//! MinCPM typo fixed) reports exactly those changes, in the three formats (golden files in
//! tests/golden/diff/; `UPDATE_GOLDEN=1` rewrites them); a list against itself is empty; bad
//! input is reported, not a crash. Run on the shared snapshot of the list when it is there
//! (skipped with the reason when not) and on a small fixture list always.

mod common;

use std::path::{Path, PathBuf};

use common::{root, run};

/// A list to change: its directory, the data/ it is imported onto, and the paper line to move
/// with the heading it moves under.
struct List {
    name: &'static str,
    dir: PathBuf,
    onto: Option<PathBuf>,
    paper: &'static str,
    section: &'static str,
}

fn fixture() -> List {
    List {
        name: "fixture",
        dir: root().join("tests/fixtures/diff/list"),
        onto: None,
        paper: "- Quant Tricks",
        section: "### V.A.2. Sparsification",
    }
}

fn shared() -> Option<List> {
    let dir = root().join("../shared/awesome-edge-llms");
    if !dir.is_dir() {
        eprintln!("skipped: {} is absent (CI has it beside the clone)", dir.display());
        return None;
    }
    // Onto the shipped data/, as the action imports it: curated aliases and colours apply.
    Some(List {
        name: "shared",
        dir,
        onto: Some(root().join("data")),
        paper: "- SwapAdvisor: Pushing",
        section: "### V.D.2. Multi-core Workload Balancing",
    })
}

/// Copies `from` into `to`, every regular file, with `edit` applied to the Markdown.
fn copy(from: &Path, to: &Path, edit: &dyn Fn(String) -> String) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().map(Result::unwrap) {
        let (src, dst) = (e.path(), to.join(e.file_name()));
        if e.file_type().unwrap().is_dir() {
            copy(&src, &dst, edit);
        } else if src.extension().is_some_and(|x| x == "md") {
            std::fs::write(&dst, edit(std::fs::read_to_string(&src).unwrap())).unwrap();
        } else {
            std::fs::copy(&src, &dst).unwrap();
        }
    }
}

/// Replaces every `from` by `to`; the change must hit somewhere in the list.
fn replace(text: String, from: &str, to: &str) -> String {
    text.replace(from, to)
}

/// The paper line starting with `paper` (the list has it once), moved to just under `section`.
fn moved(text: String, paper: &str, section: &str) -> String {
    let Some(line) = text.lines().find(|l| l.starts_with(paper)).map(str::to_string) else { return text };
    assert_eq!(text.lines().filter(|l| *l == line).count(), 1, "{paper} is listed more than once");
    let without: Vec<&str> = text.lines().filter(|l| *l != line).collect();
    let mut out = Vec::new();
    for l in without {
        out.push(l.to_string());
        if l == section {
            out.push(String::new());
            out.push(line.clone());
        }
    }
    out.join("\n") + "\n"
}

type Edit = Box<dyn Fn(String) -> String>;

/// The six changes, each as an edit of every Markdown file of the list.
fn cases(l: &List) -> Vec<(&'static str, Edit)> {
    let (paper, section) = (l.paper, l.section);
    vec![
        (
            "model-added",
            Box::new(|t| {
                let falcon = "Falcon 2 | TII | 11B |✔️| 2024.05";
                replace(t, falcon, &format!("{falcon}\nOrcaEdge | TII | 1.3B |✔️| 2024.05"))
            }),
        ),
        (
            "date-changed",
            Box::new(|t| replace(t, "Falcon 2 | TII | 11B |✔️| 2024.05", "Falcon 2 | TII | 11B |✔️| 2024.06")),
        ),
        ("paper-moved", Box::new(move |t| moved(t, paper, section))),
        ("organisation-renamed", Box::new(|t| replace(t, "NEXA AI", "Nexa AI Labs"))),
        ("row-deleted", Box::new(|t| replace(t, "MAP Neo | M-A-P | 7B |✔️| 2024.01\n", ""))),
        ("typo-fixed", Box::new(|t| replace(t, "MinCPM", "MiniCPM"))),
    ]
}

const FORMATS: [(&str, &str); 3] = [("human", "txt"), ("markdown", "md"), ("json", "json")];

fn diff(base: &Path, head: &Path, format: &str, cwd: &Path) -> common::Run {
    diff_onto(base, head, format, cwd, None)
}

fn diff_onto(base: &Path, head: &Path, format: &str, cwd: &Path, onto: Option<&Path>) -> common::Run {
    let mut args = vec!["diff", base.to_str().unwrap(), head.to_str().unwrap(), "--format", format];
    if let Some(o) = onto {
        args.extend(["--onto", o.to_str().unwrap()]);
    }
    run(&args, cwd)
}

/// Compares `got` with the golden file, or writes it under `UPDATE_GOLDEN`; returns a failure.
fn golden(name: &str, got: &str) -> Option<String> {
    let path = root().join("tests/golden/diff").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, got).unwrap();
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    (want != got).then(|| format!("{} differs:\n{got}", path.display()))
}

/// Every case in every format against its golden file; the list against itself is empty.
fn check_list(l: &List) {
    // No data/ here: the sides are imported onto `onto` or from nothing.
    let cwd = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for (case, edit) in cases(l) {
        let head = cwd.path().join(case);
        copy(&l.dir, &head, &edit);
        let changed = std::process::Command::new("diff").args(["-r", "-q"]).arg(&l.dir).arg(&head).output().unwrap();
        assert!(!changed.status.success(), "{}: the edit {case} changed nothing", l.name);
        for (format, ext) in FORMATS {
            let r = diff_onto(&l.dir, &head, format, cwd.path(), l.onto.as_deref());
            assert_eq!(r.code, 0, "{case} {format}: {}", r.stderr);
            failures.extend(golden(&format!("{}-{case}.{ext}", l.name), &r.stdout));
        }
    }
    for (format, _) in FORMATS {
        let r = diff_onto(&l.dir, &l.dir, format, cwd.path(), l.onto.as_deref());
        assert_eq!(r.code, 0, "{}", r.stderr);
        if format == "json" {
            let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
            for list in [&v["entries"]["added"], &v["entries"]["changed"], &v["relations"], &v["figures"]] {
                assert_eq!(list.as_array().map(Vec::len), Some(0), "{}", r.stdout);
            }
        } else {
            assert!(r.stdout.contains("no changes to the knowledge base"), "{format}: {}", r.stdout);
            assert_eq!(r.stdout.lines().count(), 1, "{format}: {}", r.stdout);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn fixture_list_variants_match_golden_files() {
    check_list(&fixture());
}

#[test]
fn shared_list_variants_match_golden_files() {
    if let Some(l) = shared() {
        check_list(&l);
    }
}

/// A HEAD that does not import: exit 1, a summary saying so, with the located errors; a BASE
/// that does not import: exit 0, said so, and HEAD's lint shown.
#[test]
fn sides_that_do_not_import_are_reported() {
    let l = fixture();
    let cwd = tempfile::tempdir().unwrap();
    let empty = cwd.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let r = diff(&l.dir, &empty, "markdown", cwd.path());
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.starts_with("**edge-atlas diff**: HEAD does not import: 1 error(s)"), "{}", r.stdout);
    assert!(r.stdout.contains("not a checkout of the list"), "{}", r.stdout);

    let broken = cwd.path().join("broken");
    copy(&l.dir, &broken, &|t| {
        t.replace("Falcon 2 | TII | 11B |✔️| 2024.05", "Falcon 2 | TII | 11B |✔️| 2024.05\n[broken](#no-such-heading)")
    });
    let r = diff(&empty, &broken, "human", cwd.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("BASE does not import"), "{}", r.stdout);
    assert!(r.stdout.contains("EA101 docs/III-models.md"), "HEAD's lint is shown:\n{}", r.stdout);
}

/// Names a pull request could carry to attack a job summary: Markdown, HTML, mentions, issue
/// references, bare and `javascript:` links, images, autolinks, emphasis, table pipes, code,
/// control and bidirectional characters, a very long line.
const HOSTILE: [&str; 26] = [
    "[click me](https://evil.example/phish)",
    "![pixel](https://evil.example/track.png)",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "@octocat please review",
    "cc @github/security-team",
    "`code` and ```fence```",
    "\u{1b}[2J\u{1b}]0;owned\u{7} terminal",
    "tab\there nul-ish \u{7f} and \u{9b}",
    "[x](javascript:alert(1))",
    "<https://evil.example/auto>",
    "see https://evil.example/bare now",
    "www.evil.example",
    "mail user@evil.example",
    "*emph* _under_ **strong** ~~strike~~",
    "| a | b | --- |",
    "fixes #123 and GH-7",
    "</summary></details><img src=x>",
    "&lt;script&gt; &amp; &#64;octocat",
    "\\[escaped\\](https://evil.example)",
    "two\u{2028}# lines\u{2029}- item",
    "<!-- hidden --> comment",
    "footnote[^1] [[wiki]]",
    "bidi \u{202e}txet\u{202c} swap",
    "[ref]: https://evil.example/def",
    "very long",
];

/// A hostile name, the last one made very long.
fn hostile(i: usize) -> String {
    if i == HOSTILE.len() - 1 { format!("{} {}", HOSTILE[i], "A".repeat(5000)) } else { HOSTILE[i].to_string() }
}

fn csv_field(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// BASE: the hostile fixture data; HEAD: every hostile name added as a model, one organisation
/// renamed to one and a technique's name changed to another.
fn hostile_sides(dir: &Path) -> (PathBuf, PathBuf) {
    let (base, head) = (dir.join("base"), dir.join("head"));
    copy(&root().join("tests/fixtures/hostile"), &base, &|t| t);
    copy(&base, &head, &|t| t);
    let mut models = std::fs::read_to_string(head.join("models.csv")).unwrap();
    for i in 0..HOSTILE.len() {
        models += &format!("h{i:02},{},,acme,1B,yes,2024-0{},text,,,,\n", csv_field(&hostile(i)), 1 + i % 9);
    }
    std::fs::write(head.join("models.csv"), models).unwrap();
    let orgs = std::fs::read_to_string(head.join("organisations.csv")).unwrap();
    let orgs = orgs.replace("acme,Acme & Sons <Labs>", &format!("acme,{}", csv_field(HOSTILE[0])));
    std::fs::write(head.join("organisations.csv"), orgs).unwrap();
    let techniques = std::fs::read_to_string(head.join("techniques.csv")).unwrap();
    let techniques = techniques.replace("Quantization <4-bit> & More", &csv_field(HOSTILE[17]));
    std::fs::write(head.join("techniques.csv"), techniques).unwrap();
    (base, head)
}

/// The hostile round: the Markdown summary, rendered by pulldown-cmark with GitHub's options,
/// has no link, image, HTML (but the summary's own `<details>` tags) or mention from data; no
/// line is longer than a cut name allows; no format carries a control character.
#[test]
fn hostile_names_stay_text_in_the_summary() {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let dir = tempfile::tempdir().unwrap();
    let (base, head) = hostile_sides(dir.path());
    let args = |format| vec!["diff", "--data", base.to_str().unwrap(), head.to_str().unwrap(), "--format", format];
    let md = run(&args("markdown"), dir.path());
    assert_eq!(md.code, 0, "{}{}", md.stdout, md.stderr);
    assert!(md.stdout.contains(&format!("entries: {} added", HOSTILE.len())), "{}", md.stdout);
    let gfm = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_GFM;
    let own_html = |h: &str| {
        let h = h.trim_end();
        h == "</details>"
            || h.strip_prefix("<details><summary>")
                .and_then(|r| r.strip_suffix("</summary>"))
                .is_some_and(|t| t.chars().all(|c| c.is_ascii_alphanumeric() || " :(),;'".contains(c)))
    };
    let mut problems = Vec::new();
    let mut text = String::new();
    for event in Parser::new_ext(&md.stdout, gfm) {
        match &event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::Table(_) | Tag::Heading { .. }) => {
                problems.push(format!("{event:?}"))
            }
            Event::Html(h) | Event::InlineHtml(h) if !own_html(h) => problems.push(format!("{event:?}")),
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            _ => {}
        }
    }
    // GitHub links these in the rendered text itself: mentions, issue references, bare URLs.
    let chars: Vec<char> = text.chars().collect();
    for (i, w) in chars.windows(2).enumerate() {
        let gh = i >= 2 && chars[i - 2..i].iter().collect::<String>().eq_ignore_ascii_case("gh");
        if ((w[0] == '@' || w[0] == '#') && w[1].is_ascii_alphanumeric())
            || (gh && w[0] == '-' && w[1].is_ascii_digit())
        {
            problems.push(format!("mention or reference at {:?}", chars[i..].iter().take(20).collect::<String>()));
        }
    }
    for needle in ["://", "www.", "\u{1b}", "\u{7}", "\u{202e}"] {
        if text.contains(needle) {
            problems.push(format!("{needle:?} in the rendered text"));
        }
    }
    assert!(problems.is_empty(), "{}\n\n{}", problems.join("\n"), md.stdout);
    // Names are cut: no line carries the 5,000-character name.
    assert!(md.stdout.lines().all(|l| l.chars().count() < 1200), "a line is too long");
    for format in ["human", "json"] {
        let r = run(&args(format), dir.path());
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(!r.stdout.chars().any(|c| c.is_control() && c != '\n'), "{format}: a control character");
        assert!(!r.stdout.contains('\u{202e}'), "{format}: a bidi override");
    }
}
