//! The harness shared by the end-to-end tests: run the real binary, find the real consumers.
#![allow(dead_code)] // each test file uses a different part of the harness

use std::path::{Path, PathBuf};
use std::process::Command;

pub const FIXTURE_LIST: &str = "tests/fixtures/list";

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(args: &[&str], cwd: &Path) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_edge-atlas")).args(args).current_dir(cwd).output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A temporary folder holding data/ imported from the fixture list.
pub fn imported() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let list = root().join(FIXTURE_LIST);
    let r = run(&["import", list.to_str().unwrap()], dir.path());
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    dir
}

pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for p in std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()) {
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if p.is_dir() {
            // Subdirectories' files as `sub/name` (build's Parquet and Neo4j directories).
            files.extend(snapshot(&p).into_iter().map(|(n, bytes)| (format!("{name}/{n}"), bytes)));
        } else {
            files.push((name, std::fs::read(&p).unwrap()));
        }
    }
    files.sort();
    files
}

pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let dest: PathBuf = to.join(p.file_name().unwrap());
        if p.is_dir() { copy_tree(&p, &dest) } else { std::fs::copy(&p, &dest).map(drop).unwrap() }
    }
}

/// Whether a consumer is installed; with `CI` set a missing one fails the run.
pub fn have(tool: &str) -> bool {
    // Graphviz spells it -V; action-validator has only --help.
    let flag = match tool {
        "dot" | "neato" => "-V",
        "action-validator" => "--help",
        _ => "--version",
    };
    let found = Command::new(tool).arg(flag).output().is_ok_and(|o| o.status.success());
    assert!(found || std::env::var_os("CI").is_none(), "{tool} is missing; CI must have it (.ci/run installs it)");
    if !found {
        eprintln!("skipped: {tool} is not installed");
    }
    found
}

pub fn consumer(cmd: &mut Command) {
    let out = cmd.output().unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{cmd:?} failed:\n{text}");
}

/// Whether python3 has each of `packages` at the version pinned in requirements.txt. Outside
/// CI a missing or wrong version is a skip with the reason; under `CI` it fails the test.
pub fn python_has(packages: &[&str]) -> bool {
    let pins = std::fs::read_to_string(root().join("requirements.txt")).unwrap();
    for package in packages {
        let pinned = pins
            .lines()
            .find_map(|l| l.split_once("==").filter(|(name, _)| name.trim() == *package))
            .map(|(_, v)| v.split_whitespace().next().unwrap_or_default().to_string())
            .unwrap_or_else(|| panic!("{package} is not pinned in requirements.txt"));
        let out = Command::new("python3")
            .args(["-c", &format!("import importlib.metadata as m; print(m.version({package:?}))")])
            .output();
        let found =
            out.ok().filter(|o| o.status.success()).map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
        match found {
            Some(v) if v == pinned => continue,
            Some(v) => {
                skip(format!("python3 has {package} {v}, the tests need {pinned} (pip install -r requirements.txt)"))
            }
            None => skip(format!("python3 has no {package} (pip install -r requirements.txt)")),
        }
        return false;
    }
    true
}

/// Where .ci/run installs the `# npm:` pins of requirements.txt; scripts run by node find
/// them through NODE_PATH.
pub fn npm_tools() -> PathBuf {
    root().join("target/npm-tools/node_modules")
}

/// Whether node runs and each of `packages` is in [`npm_tools`] at the version pinned in
/// requirements.txt (`# npm: NAME@VERSION`). Outside CI anything missing is a skip with the
/// reason; under `CI` it fails the test.
pub fn node_has(packages: &[&str]) -> bool {
    if !have("node") {
        return false;
    }
    let pins = std::fs::read_to_string(root().join("requirements.txt")).unwrap();
    for package in packages {
        let pinned = pins
            .lines()
            .filter_map(|l| l.strip_prefix("# npm:"))
            .find_map(|p| p.trim().rsplit_once('@').filter(|(name, _)| name == package))
            .map(|(_, v)| v.to_string())
            .unwrap_or_else(|| panic!("{package} is not pinned in requirements.txt (# npm:)"));
        let manifest = std::fs::read_to_string(npm_tools().join(package).join("package.json")).ok();
        let found = manifest
            .and_then(|m| serde_json::from_str::<serde_json::Value>(&m).ok())
            .and_then(|m| m["version"].as_str().map(str::to_string));
        let install = "npm install --prefix target/npm-tools, as .ci/run does";
        match found {
            Some(v) if v == pinned => continue,
            Some(v) => skip(format!("target/npm-tools has {package} {v}, the tests need {pinned} ({install})")),
            None => skip(format!("target/npm-tools has no {package} ({install})")),
        }
        return false;
    }
    true
}

/// A missing or wrong tool: a skip with the reason, a failure under `CI`.
fn skip(reason: String) {
    assert!(std::env::var_os("CI").is_none(), "{reason}; CI must have it (.ci/run installs it)");
    eprintln!("skipped: {reason}");
}

/// A change to one table of data/ and the error line `check` must print for it:
/// (file, text to replace, its replacement, expected line).
pub type BadCase<'a> = (&'a str, &'a str, &'a str, &'a str);

/// Applies each case to a fresh import of the fixture list and runs `check`; returns a
/// description of every case that did not exit 1 with its expected line (after `expect`).
pub fn failing_checks(cases: &[BadCase], expect: impl Fn(&str) -> String) -> Vec<String> {
    let mut failures = Vec::new();
    for (file, from, to, expected) in cases {
        let expected = expect(expected);
        let dir = imported();
        let path = dir.path().join("data").join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} lacks {from:?}:\n{text}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
        let r = run(&["check"], dir.path());
        if r.code != 1 || !r.stderr.lines().any(|l| l == expected) {
            failures.push(format!("{file}: {to}\nexpected {expected}\ngot ({}) {}", r.code, r.stderr));
        }
    }
    failures
}

/// The one-file export formats, from the library's one list of them.
pub fn graph_formats() -> Vec<&'static str> {
    edge_atlas::export::Format::one_file().map(|f| f.name()).collect()
}
