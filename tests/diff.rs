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
