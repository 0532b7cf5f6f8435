//! Hostile data and hostile machines: kills at every rename of a multi-file commit, concurrent
//! runs, special files, injected markup and control characters. Each case asserts the exact
//! message, the exit code and that outputs were left whole.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

const HOSTILE_DATA: &str = "tests/fixtures/hostile";

/// Runs the binary under strace, killed by SIGKILL at its `n`th rename; true if it was killed
/// (false: it made fewer renames and finished).
fn killed_at_rename(n: usize, args: &[&str]) -> bool {
    let inject = format!("inject=rename,renameat,renameat2:signal=KILL:when={n}");
    let out = Command::new("strace")
        .args(["-f", "-qq", "-o", "/dev/null", "-e", "trace=rename,renameat,renameat2", "-e", &inject, "--"])
        .arg(env!("CARGO_BIN_EXE_edge-atlas"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    match out.status.code() {
        Some(0) => false,
        // strace passes the tracee's death by SIGKILL on as its own.
        None | Some(137) => true,
        Some(c) => panic!("exit {c}: {stderr}"),
    }
}

fn build_into(data: &str, out: &Path) -> Vec<(String, Vec<u8>)> {
    let r = run(&["build", "--data", data, "--out", out.to_str().unwrap()], &root());
    assert_eq!(r.code, 0, "{}", r.stderr);
    snapshot(out)
}

/// `build` killed at each of its renames: the next run that opens the directory (here an
/// export of another file) finds every output old or every output new, never a mix, and no
/// temporary or journal is left.
#[test]
fn a_build_killed_at_any_rename_leaves_the_old_set_or_the_new_set() {
    if !have("strace") {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let old = build_into("data", &tmp.path().join("old"));
    let new = build_into(HOSTILE_DATA, &tmp.path().join("new"));
    assert!(old.iter().zip(&new).all(|(a, b)| a.0 == b.0 && a.1 != b.1), "every output differs between the sets");
    let (mut saw_old, mut saw_new) = (false, false);
    for n in 1.. {
        let dir = tmp.path().join(format!("killed-{n}"));
        copy_tree(&tmp.path().join("old"), &dir);
        if !killed_at_rename(n, &["build", "--data", HOSTILE_DATA, "--out", dir.to_str().unwrap()]) {
            assert!(n > old.len(), "a commit of {} files renames each of them", old.len());
            break;
        }
        let other = dir.join("other.json");
        let r = run(&["export", "--data", "data", "--out", other.to_str().unwrap()], &root());
        assert_eq!(r.code, 0, "{}", r.stderr);
        std::fs::remove_file(other).unwrap();
        let after = snapshot(&dir);
        assert!(after == old || after == new, "killed at rename {n}: a mix of old and new files, or leftovers");
        saw_old |= after == old;
        saw_new |= after == new;
    }
    assert!(saw_old && saw_new, "kills before the commit point keep the old set, after it give the new one");
}

/// `import` killed at each rename: the next `check` rolls the journal forward (or finds the
/// old tables), and data/ is valid either way.
#[test]
fn an_import_killed_at_any_rename_leaves_data_valid() {
    if !have("strace") {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let list = tmp.path().join("list");
    copy_tree(&root().join(FIXTURE_LIST), &list);
    let data = tmp.path().join("data");
    let r = run(&["import", list.to_str().unwrap(), "--data", data.to_str().unwrap()], &root());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let old = snapshot(&data);
    // A new model and a changed framework row: three tables change at once.
    let models = list.join("docs/III-models.md");
    let text = std::fs::read_to_string(&models).unwrap();
    std::fs::write(&models, text.replace("Qwen2.5", "Qwen2.5-Max")).unwrap();
    let mut saw_new = false;
    for n in 1.. {
        let dir = tmp.path().join(format!("killed-{n}"));
        copy_tree(&data, &dir);
        if !killed_at_rename(n, &["import", list.to_str().unwrap(), "--prune", "--data", dir.to_str().unwrap()]) {
            break;
        }
        let r = run(&["check", "--data", dir.to_str().unwrap()], &root());
        assert_eq!(r.code, 0, "killed at rename {n}: {}", r.stderr);
        let after = snapshot(&dir);
        assert!(after.iter().all(|(name, _)| !name.starts_with(".edge-atlas")), "killed at rename {n}: leftovers");
        if after != old {
            saw_new = true;
            let r = run(&["import", list.to_str().unwrap(), "--prune", "--data", dir.to_str().unwrap()], &root());
            assert!(r.stdout.contains("nothing changed"), "killed at rename {n}: a partial import\n{}", r.stdout);
        }
    }
    assert!(saw_new, "kills after the commit point are rolled forward");
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let dest: PathBuf = to.join(p.file_name().unwrap());
        if p.is_dir() { copy_tree(&p, &dest) } else { std::fs::copy(&p, &dest).map(drop).unwrap() }
    }
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
