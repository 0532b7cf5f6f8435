//! The kill test: each command that writes is killed (SIGKILL, by strace) at every rename and
//! exchange it makes, and the directory it writes is read right after by a plain reader
//! (`sha256sum` of every file, hidden ones included), before any other edge-atlas run: each
//! time it holds the old generation or the new one, never a mix and never a leftover.

mod common;

use common::*;
use std::path::Path;
use std::process::Command;

const HOSTILE_DATA: &str = "tests/fixtures/hostile";

/// Runs the binary in `cwd` under strace, killed by SIGKILL at its `n`th call of one of the
/// rename system calls (strace counts each call separately); true if it was killed (false: it
/// made fewer such calls and finished).
fn killed_at_rename(n: usize, args: &[String], cwd: &Path) -> bool {
    killed_at("rename,renameat,renameat2", n, args, cwd)
}

/// Runs the binary in `cwd` killed at its `n`th call of one of `calls`; true if it was killed.
fn killed_at(calls: &str, n: usize, args: &[String], cwd: &Path) -> bool {
    let inject = format!("inject={calls}:signal=KILL:when={n}");
    let out = Command::new("strace")
        .args(["-f", "-qq", "-o", "/dev/null", "-e", &format!("trace={calls}"), "-e", &inject, "--"])
        .arg(env!("CARGO_BIN_EXE_edge-atlas"))
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap();
    match out.status.code() {
        Some(0) => false,
        // strace passes the tracee's death by SIGKILL on as its own.
        None | Some(137) => true,
        Some(c) => panic!("exit {c}: {}", String::from_utf8_lossy(&out.stderr)),
    }
}

/// What a reader without edge-atlas sees: `sha256sum` of every file under `dir`, by path.
fn plain_snapshot(dir: &Path) -> String {
    let out = Command::new("sh")
        .args(["-c", "find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum"])
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// Kills `args` (run in a copy of `world`) at every rename point and checks `watched` (a
/// folder of the world) after each kill. Returns the number of kill points.
fn at_every_kill(world: &Path, watched: &str, args: &dyn Fn(&Path) -> Vec<String>) -> usize {
    let scratch = tempfile::tempdir().unwrap();
    let old = plain_snapshot(&world.join(watched));
    let fresh = scratch.path().join("fresh");
    copy_tree(world, &fresh);
    let r = run(&args(&fresh).iter().map(String::as_str).collect::<Vec<_>>(), &fresh);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let new = plain_snapshot(&fresh.join(watched));
    assert_ne!(old, new, "the run changes {watched}");
    for n in 1.. {
        let copy = scratch.path().join(format!("killed-{n}"));
        copy_tree(world, &copy);
        let killed = killed_at_rename(n, &args(&copy), &copy);
        let seen = plain_snapshot(&copy.join(watched));
        if !killed {
            assert_eq!(seen, new, "the run that was not killed wrote the new generation");
            // And killed while it removes what it replaced (the old generation, beside).
            let copy = scratch.path().join("killed-removing");
            copy_tree(world, &copy);
            killed_at("unlinkat,rmdir", 1, &args(&copy), &copy);
            let seen = plain_snapshot(&copy.join(watched));
            assert!(seen == old || seen == new, "killed while removing, {watched} holds:\n{seen}");
            return n - 1;
        }
        assert!(seen == old || seen == new, "killed at rename {n}, {watched} holds:\n{seen}\nold:\n{old}\nnew:\n{new}");
    }
    unreachable!()
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|a| a.to_string()).collect()
}

/// A world whose `out/` holds a build of the shipped data and a file of the user's.
fn built_world(extra: &[&str]) -> tempfile::TempDir {
    let world = tempfile::tempdir().unwrap();
    let out = world.path().join("out");
    let mut args = vec!["build", "--data", "data", "--out", out.to_str().unwrap()];
    args.extend(extra);
    let r = run(&args, &root());
    assert_eq!(r.code, 0, "{}", r.stderr);
    std::fs::write(out.join("NOTES.md"), "not edge-atlas's").unwrap();
    world
}

#[test]
fn build_killed_anywhere_leaves_one_generation() {
    if !have("strace") {
        return;
    }
    for extra in [&[][..], &["--with", "parquet,neo4j"]] {
        let world = built_world(extra);
        let hostile = root().join(HOSTILE_DATA);
        let points = at_every_kill(world.path(), "out", &|_| {
            let mut a = strings(&["build", "--data", hostile.to_str().unwrap(), "--out", "out"]);
            a.extend(strings(extra));
            a
        });
        assert_eq!(points, 1, "one exchange puts the whole set in place");
    }
}

#[test]
fn export_killed_anywhere_leaves_one_generation() {
    if !have("strace") {
        return;
    }
    let world = built_world(&[]);
    let hostile = root().join(HOSTILE_DATA);
    let hostile = hostile.to_str().unwrap();
    // A directory export swapped in whole, and a file export renamed beside others.
    let data = root().join("data");
    let r = run(&["export", "--data", data.to_str().unwrap(), "--format", "neo4j", "--out", "neo4j"], world.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let bundle = at_every_kill(world.path(), "neo4j", &|_| {
        strings(&["export", "--data", hostile, "--format", "neo4j", "--out", "neo4j"])
    });
    let file = at_every_kill(world.path(), "out", &|_| {
        strings(&["export", "--data", hostile, "--out", "out/edge-atlas.gexf"])
    });
    assert_eq!((bundle, file), (1, 1));
}

#[test]
fn timeline_killed_anywhere_leaves_one_generation() {
    if !have("strace") {
        return;
    }
    let world = built_world(&["--with", "none"]);
    let hostile = root().join(HOSTILE_DATA);
    let points = at_every_kill(world.path(), "out", &|_| {
        strings(&["timeline", "--data", hostile.to_str().unwrap(), "--out", "out"])
    });
    assert_eq!(points, 1);
}

#[test]
fn site_killed_anywhere_leaves_one_generation() {
    if !have("strace") {
        return;
    }
    let world = built_world(&["--with", "none"]);
    let hostile = root().join(HOSTILE_DATA);
    let points = at_every_kill(world.path(), "out", &|_| {
        strings(&["site", "--data", hostile.to_str().unwrap(), "--out", "out/index.html"])
    });
    assert_eq!(points, 1);
}

/// data/ holds curated files import never writes: they are in both generations, unchanged.
#[test]
fn import_killed_anywhere_leaves_one_generation() {
    if !have("strace") {
        return;
    }
    let world = tempfile::tempdir().unwrap();
    let list = world.path().join("list");
    copy_tree(&root().join(FIXTURE_LIST), &list);
    let r = run(&["import", "list"], world.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
    std::fs::write(world.path().join("data/venues.csv"), "venue,type,name\nHPCA,conference,HPCA\n").unwrap();
    // A new model and a changed framework row: several tables change at once.
    let models = list.join("docs/III-models.md");
    let text = std::fs::read_to_string(&models).unwrap();
    std::fs::write(&models, text.replace("Qwen2.5", "Qwen2.5-Max")).unwrap();
    let points = at_every_kill(world.path(), "data", &|_| strings(&["import", "list"]));
    assert_eq!(points, 1);
}
