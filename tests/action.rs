//! The GitHub Action's steps (action/*.sh) run here as GitHub runs them, with the real binary
//! and GITHUB_WORKSPACE, GITHUB_STEP_SUMMARY, GITHUB_OUTPUT and RUNNER_TEMP pointed at
//! temporary files: `review` writes the semantic diff into the summary and the changed figures
//! into a directory; `regenerate` commits the redrawn figures, and nothing when import stops.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::root;

const LIST: &str = "tests/fixtures/diff/list";

/// A runner's files: workspace (the list), summary, outputs, temp.
struct Runner {
    dir: tempfile::TempDir,
}

impl Runner {
    fn new() -> Runner {
        let r = Runner { dir: tempfile::tempdir().unwrap() };
        for f in ["summary.md", "output.txt"] {
            std::fs::write(r.path(f), "").unwrap();
        }
        std::fs::create_dir(r.path("temp")).unwrap();
        r
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs `action/SCRIPT` with the GitHub variables and `env`; returns (exit code, log).
    fn step(&self, script: &str, workspace: &Path, env: &[(&str, &Path)]) -> (i32, String) {
        let mut cmd = Command::new("bash");
        cmd.arg(root().join("action").join(script))
            .env("EDGE_ATLAS", env!("CARGO_BIN_EXE_edge-atlas"))
            .env("GITHUB_WORKSPACE", workspace)
            .env("GITHUB_STEP_SUMMARY", self.path("summary.md"))
            .env("GITHUB_OUTPUT", self.path("output.txt"))
            .env("RUNNER_TEMP", self.path("temp"))
            .env("GITHUB_SHA", "0123456789abcdef")
            .env("EDGE_ATLAS_PUSH", "false")
            .current_dir(self.dir.path());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        let log = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        (out.status.code().unwrap_or(-1), log)
    }

    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path(name)).unwrap()
    }
}

fn copy_list(to: &Path, edit: impl Fn(String) -> String) {
    for sub in ["", "docs"] {
        std::fs::create_dir_all(to.join(sub)).unwrap();
        for e in std::fs::read_dir(root().join(LIST).join(sub)).unwrap().map(Result::unwrap) {
            if e.file_type().unwrap().is_file() {
                let text = std::fs::read_to_string(e.path()).unwrap();
                std::fs::write(to.join(sub).join(e.file_name()), edit(text)).unwrap();
            }
        }
    }
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn review_puts_the_semantic_diff_in_the_summary_and_the_figures_aside() {
    let r = Runner::new();
    let (base, head) = (r.path("base"), r.path("head"));
    copy_list(&base, |t| t);
    copy_list(&head, |t| {
        let falcon = "Falcon 2 | TII | 11B |✔️| 2024.05";
        t.replace(falcon, &format!("{falcon}\nOrcaEdge | TII | 1.3B |✔️| 2024.05"))
    });
    let (code, log) = r.step("review.sh", &head, &[("EDGE_ATLAS_BASE_DIR", &base)]);
    assert_eq!(code, 0, "{log}");
    let summary = r.read("summary.md");
    assert!(summary.starts_with("**edge-atlas diff**: entries: 2 added;"), "{summary}");
    assert!(summary.contains("- added model **OrcaEdge** (model:orcaedge)"), "{summary}");
    assert!(summary.contains("emergence timeline: model OrcaEdge appears (2024-05 at 1.3B)"), "{summary}");
    let output = r.read("output.txt");
    assert!(output.lines().any(|l| l == "figures-changed=true"), "{output}");
    let figures = r.path("temp/edge-atlas-review/figures");
    let mut written: Vec<String> =
        std::fs::read_dir(&figures).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    written.sort();
    // Only the emergence timeline changed: the chip figures are not written.
    let want =
        ["timeline-emergence-llms-base.png", "timeline-emergence-llms-diff.png", "timeline-emergence-llms-head.png"];
    assert_eq!(written, want);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(r.path("temp/edge-atlas-review/diff.json")).unwrap()).unwrap();
    assert_eq!(json["entries"]["added"][1]["id"], "orcaedge", "{json}");
}

#[test]
fn review_of_a_head_that_does_not_import_fails_with_the_reason_in_the_summary() {
    let r = Runner::new();
    let (base, head) = (r.path("base"), r.path("head"));
    copy_list(&base, |t| t);
    std::fs::create_dir(&head).unwrap();
    let (code, log) = r.step("review.sh", &head, &[("EDGE_ATLAS_BASE_DIR", &base)]);
    assert_eq!(code, 1, "{log}");
    assert!(log.contains("::error::HEAD does not import"), "{log}");
    let summary = r.read("summary.md");
    assert!(summary.starts_with("**edge-atlas diff**: HEAD does not import: 1 error(s)"), "{summary}");
}

#[test]
fn regenerate_commits_the_figures_and_nothing_when_import_stops() {
    let r = Runner::new();
    let list = r.path("list");
    copy_list(&list, |t| t);
    git(&list, &["init", "-q"]);
    git(&list, &["add", "."]);
    git(&list, &["commit", "-q", "-m", "list"]);
    let (code, log) = r.step("regenerate.sh", &list, &[]);
    assert_eq!(code, 0, "{log}");
    assert!(r.read("output.txt").contains("committed=true"), "{log}");
    let files = git(&list, &["show", "--name-only", "--format=%s", "HEAD"]);
    assert!(files.starts_with("Regenerate figures with edge-atlas (0123456789abcdef)"), "{files}");
    for f in ["images/timeline-emergence-llms.png", "images/hardware_timeline_tops.png"] {
        assert!(files.lines().any(|l| l == f), "{f} not committed: {files}");
    }
    // The same list again: nothing to commit.
    let (code, log) = r.step("regenerate.sh", &list, &[]);
    assert_eq!(code, 0, "{log}");
    assert!(r.read("summary.md").contains("the figures are unchanged"), "{}", r.read("summary.md"));

    // A workspace import refuses: the job fails and the last commit stays the regenerated one.
    std::fs::remove_file(list.join("README.md")).unwrap();
    std::fs::remove_dir_all(list.join("docs")).unwrap();
    let before = git(&list, &["rev-parse", "HEAD"]);
    let (code, log) = r.step("regenerate.sh", &list, &[]);
    assert_eq!(code, 1, "{log}");
    assert!(log.contains("::error::edge-atlas import stopped: nothing committed"), "{log}");
    assert_eq!(git(&list, &["rev-parse", "HEAD"]), before);
    assert!(r.read("summary.md").contains("import stopped; the figures were not regenerated"));
}

/// `install.sh` with `curl` and `cargo` stubbed: the release archive is taken when its SHA-256
/// matches, refused when it does not, and without a release the tagged source is built.
#[test]
fn install_takes_the_checked_release_or_builds_the_source() {
    let r = Runner::new();
    let stubs = r.path("stubs");
    std::fs::create_dir(&stubs).unwrap();
    // The release: an archive holding an `edge-atlas` that prints its version.
    let pkg = r.path("pkg/edge-atlas-release");
    std::fs::create_dir_all(&pkg).unwrap();
    write_exec(&pkg.join("edge-atlas"), "#!/bin/sh\necho 'edge-atlas 0.1.0 (released)'\n");
    let archive = r.path("release.tar.gz");
    let tar = Command::new("tar").arg("-czf").arg(&archive).arg("-C").arg(r.path("pkg")).arg(".").status().unwrap();
    assert!(tar.success());
    let sum = Command::new("sha256sum").arg(&archive).output().unwrap();
    std::fs::write(r.path("good.sha256"), &sum.stdout).unwrap();
    std::fs::write(r.path("bad.sha256"), format!("{}  x.tar.gz\n", "0".repeat(64))).unwrap();
    // curl -fsSL --retry 3 -o FILE URL: serves the archive and $STUB_SUM; fails with $STUB_NO_RELEASE.
    let curl = format!(
        "#!/bin/sh\n[ -n \"$STUB_NO_RELEASE\" ] && exit 22\nout=$5; url=$6\necho \"$url\" >> {log}\ncase \"$url\" in\n  *.sha256) cp \"$STUB_SUM\" \"$out\" ;;\n  *) cp {archive} \"$out\" ;;\nesac\n",
        log = r.path("curl.log").display(),
        archive = archive.display()
    );
    write_exec(&stubs.join("curl"), &curl);
    // cargo install --locked --quiet --root ROOT --path PATH: records its arguments, installs a stub.
    let cargo = format!(
        "#!/bin/sh\necho \"$@\" > {log}\nmkdir -p \"$5/bin\"\nprintf '#!/bin/sh\\necho \"edge-atlas 0.1.0 (built)\"\\n' > \"$5/bin/edge-atlas\"\nchmod +x \"$5/bin/edge-atlas\"\n",
        log = r.path("cargo.log").display()
    );
    write_exec(&stubs.join("cargo"), &cargo);
    let path = format!("{}:{}", stubs.display(), std::env::var("PATH").unwrap());
    let install = |sum: &str, no_release: bool| {
        let _ = std::fs::remove_dir_all(r.path("temp/edge-atlas"));
        std::fs::write(r.path("path.txt"), "").unwrap();
        let mut cmd = Command::new("bash");
        cmd.arg(root().join("action/install.sh"))
            .env("PATH", &path)
            .env("EDGE_ATLAS_VERSION", "v1")
            .env("EDGE_ATLAS_REPOSITORY", "your-org/edge-atlas")
            .env("GITHUB_ACTION_PATH", root())
            .env("RUNNER_TEMP", r.path("temp"))
            .env("GITHUB_PATH", r.path("path.txt"))
            .env("STUB_SUM", r.path(sum));
        if no_release {
            cmd.env("STUB_NO_RELEASE", "1");
        }
        let out = cmd.output().unwrap();
        let log = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        (out.status.code().unwrap_or(-1), log)
    };
    let bin_dir = r.path("temp/edge-atlas/bin").display().to_string();

    let (code, log) = install("good.sha256", false);
    assert_eq!(code, 0, "{log}");
    assert!(log.contains("edge-atlas 0.1.0 (released)"), "{log}");
    assert_eq!(r.read("path.txt").trim(), bin_dir);
    // v1 names no release: the version of the action's Cargo.toml does.
    let version = format!("/releases/download/v{}/edge-atlas-", env!("CARGO_PKG_VERSION"));
    assert!(r.read("curl.log").contains(&version), "{}", r.read("curl.log"));

    let (code, log) = install("bad.sha256", false);
    assert_eq!(code, 1, "{log}");
    assert!(log.contains("checksum mismatch"), "{log}");

    let (code, log) = install("good.sha256", true);
    assert_eq!(code, 0, "{log}");
    assert!(log.contains("edge-atlas 0.1.0 (built)"), "{log}");
    let args = r.read("cargo.log");
    assert_eq!(
        args.trim(),
        format!("install --locked --quiet --root {} --path {}", r.path("temp/edge-atlas").display(), root().display())
    );
}

fn write_exec(path: &Path, text: &str) {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::write(path, text).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}
