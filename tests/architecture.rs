//! The house rules that a reading of the source can hold: modules depend on each other one
//! way (no circles), every line for a terminal goes through `src/term.rs`, and no source file
//! outgrows 600 lines. Each rule has a list of the places that still break it (issue 30's
//! work under way); a place that no longer does fails too, so the lists only shrink.
//!
//! Dependencies are read from the text: every `crate::`, `super::` and `self::` path, in `use`
//! lines (braces expanded) and in code, outside `#[cfg(test)]` modules. A path names the
//! deepest module it reaches. Modules are compared level by level: a reference from inside
//! module `a` to inside its sibling `b` is an edge `a -> b` under their common parent; a
//! module using its own parent or children is not. Any circle among siblings is a failure.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A source file and its module path (`src/data/check.rs`: `["data", "check"]`), with the
/// crate it belongs to (the library, or the binary under `main.rs` and `cli/`).
struct Source {
    path: PathBuf,
    module: Vec<String>,
    text: String,
}

fn sources() -> Vec<Source> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix(&root).unwrap();
                let mut module: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
                let last = module.pop().unwrap();
                let stem = last.trim_end_matches(".rs");
                if !matches!(stem, "mod" | "lib" | "main") {
                    module.push(stem.to_string());
                }
                let text = std::fs::read_to_string(&path).unwrap();
                out.push(Source { path, module, text });
            }
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// Which crate a module is in: the binary's modules are `main.rs` and `cli/`.
fn in_binary(s: &Source) -> bool {
    s.path.ends_with("main.rs") || s.module.first().is_some_and(|m| m == "cli")
}

/// The code of a file without its test module and comments, line by line.
fn code_lines(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let t = line.trim_start();
        if t.starts_with("#[cfg(test)]") {
            break;
        }
        if t.starts_with("//") {
            continue;
        }
        out.push((i + 1, line.to_string()));
    }
    out
}

/// The `use` trees of `code` expanded to paths, and the other paths in it, each with its line.
fn paths(code: &[(usize, String)]) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    let mut statement = String::new();
    let mut first_line = 0;
    for (n, line) in code {
        let t = line.trim();
        let starts = t.starts_with("use ") || t.starts_with("pub use ") || t.starts_with("pub(crate) use ");
        if statement.is_empty() && starts {
            first_line = *n;
        }
        if !statement.is_empty() || starts {
            statement.push_str(t);
            statement.push(' ');
            if t.ends_with(';') {
                let tree = statement.split_once("use ").unwrap().1.trim_end_matches([';', ' ']).to_string();
                for p in expand(&tree) {
                    out.push((first_line, p));
                }
                statement.clear();
            }
            continue;
        }
        for (i, _) in line.match_indices("crate::").chain(line.match_indices("super::")) {
            if i > 0 && line[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let rest: String =
                line[i..].chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':').collect();
            out.push((*n, rest.split("::").filter(|s| !s.is_empty()).map(str::to_string).collect()));
        }
    }
    out.retain(|(_, p)| p.first().is_some_and(|s| matches!(s.as_str(), "crate" | "super" | "self")));
    out
}

/// `a::{b, c::{d, e}}` as `[a, b]`, `[a, c, d]`, `[a, c, e]`.
fn expand(tree: &str) -> Vec<Vec<String>> {
    let tree = tree.replace(' ', "");
    let Some(open) = tree.find('{') else {
        let path = tree.split(" as ").next().unwrap_or(&tree);
        return vec![path.split("::").filter(|s| !s.is_empty()).map(str::to_string).collect()];
    };
    let prefix: Vec<String> = tree[..open].split("::").filter(|s| !s.is_empty()).map(str::to_string).collect();
    let inner = &tree[open + 1..tree.rfind('}').unwrap()];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    let mut out = Vec::new();
    for part in parts.into_iter().filter(|p| !p.is_empty()) {
        for rest in expand(part) {
            out.push(prefix.iter().cloned().chain(rest).collect());
        }
    }
    out
}

/// Edges between sibling modules, by parent: `parent -> (from, to) -> where`.
type Edges = BTreeMap<Vec<String>, BTreeMap<(String, String), String>>;

fn sibling_edges() -> Edges {
    let all = sources();
    let mut edges = Edges::new();
    for bin in [false, true] {
        let files: Vec<&Source> = all.iter().filter(|s| in_binary(s) == bin).collect();
        let modules: BTreeSet<&[String]> = files.iter().map(|s| s.module.as_slice()).collect();
        for s in &files {
            for (line, path) in paths(&code_lines(&s.text)) {
                let mut target: Vec<String> = match path[0].as_str() {
                    "crate" => Vec::new(),
                    "super" => s.module[..s.module.len().saturating_sub(1)].to_vec(),
                    _ => s.module.clone(),
                };
                for seg in &path[1..] {
                    if seg == "super" {
                        target.pop();
                        continue;
                    }
                    target.push(seg.clone());
                    if !modules.contains(target.as_slice()) {
                        target.pop();
                        break;
                    }
                }
                let common = s.module.iter().zip(&target).take_while(|(a, b)| a == b).count();
                if common == s.module.len() || common == target.len() {
                    continue;
                }
                let (from, to) = (s.module[common].clone(), target[common].clone());
                let place = format!("{}:{line}", relative(&s.path));
                edges.entry(target[..common].to_vec()).or_default().entry((from, to)).or_insert(place);
            }
        }
    }
    edges
}

/// The circles among one parent's children, each as its modules with the place of each edge.
fn circles(edges: &BTreeMap<(String, String), String>) -> Vec<String> {
    let reach = |from: &str, to: &str| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.to_string()];
        while let Some(m) = stack.pop() {
            for ((a, b), _) in edges.iter().filter(|((a, _), _)| *a == m) {
                if b == to {
                    return true;
                }
                if seen.insert(b.clone()) {
                    stack.push(b.clone());
                }
                let _ = a;
            }
        }
        false
    };
    edges
        .iter()
        .filter(|((a, b), _)| reach(b, a))
        .map(|((a, b), place)| format!("{a} -> {b} ({place}), and back"))
        .collect()
}

/// What is found, against what is known to be left: the new and the fixed both fail.
fn only_the_known(rule: &str, found: &[String], known: &[&str]) {
    let new: Vec<&String> = found.iter().filter(|f| !known.iter().any(|k| f.starts_with(k))).collect();
    let fixed: Vec<&&str> = known.iter().filter(|k| !found.iter().any(|f| f.starts_with(**k))).collect();
    assert!(new.is_empty(), "{rule}:\n{}", new.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n"));
    assert!(fixed.is_empty(), "{rule}: fixed, take them off the list of known ones: {fixed:?}");
}

#[test]
fn modules_depend_on_each_other_one_way() {
    let mut found = Vec::new();
    for (parent, edges) in sibling_edges() {
        for c in circles(&edges) {
            found.push(format!("in crate::{}: {c}", parent.join("::")));
        }
    }
    only_the_known("import circles between modules", &found, &[]);
}

/// Terminal output only through `src/term.rs` (`say`/`tell` escape control characters,
/// `machine` prints a format that escaped itself).
#[test]
fn every_print_goes_through_term() {
    let mut found = Vec::new();
    for s in sources().iter().filter(|s| !s.path.ends_with("src/term.rs")) {
        for (n, line) in code_lines(&s.text) {
            let t = line.trim_start();
            let print = ["print!(", "println!(", "eprint!(", "eprintln!("];
            if print.iter().any(|p| t.starts_with(p) || t.contains(&format!(" {p}")) || t.contains(&format!("{{ {p}")))
            {
                found.push(format!("{}:{n}: {}", relative(&s.path), t));
            }
        }
    }
    only_the_known("prints outside src/term.rs", &found, &[]);
}

/// No source file over 600 lines, vendored code and generated data excepted (none is in src/).
#[test]
fn no_source_file_over_600_lines() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = sources().into_iter().map(|s| s.path).collect();
    for dir in ["tests", "benches", "fuzz/fuzz_targets"] {
        for e in std::fs::read_dir(root.join(dir)).into_iter().flatten() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "rs") {
                files.push(p);
            }
        }
    }
    let found: Vec<String> = files
        .iter()
        .filter_map(|p| {
            let lines = std::fs::read_to_string(p).unwrap().lines().count();
            (lines > 600).then(|| format!("{}: {lines} lines", relative(p)))
        })
        .collect();
    // Splits under way (issue 30).
    only_the_known("source files over 600 lines", &found, &[]);
}

fn relative(p: &Path) -> String {
    p.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap().display().to_string()
}

#[test]
fn the_circle_check_sees_a_circle() {
    let mut edges = BTreeMap::new();
    edges.insert(("a".to_string(), "b".to_string()), "x.rs:1".to_string());
    edges.insert(("b".to_string(), "c".to_string()), "y.rs:2".to_string());
    assert!(circles(&edges).is_empty());
    edges.insert(("c".to_string(), "a".to_string()), "z.rs:3".to_string());
    assert_eq!(circles(&edges).len(), 3);
    let code = [(1, "use crate::{data::{Dataset, check}, model::Id};".to_string())];
    let found: Vec<Vec<String>> = paths(&code).into_iter().map(|(_, p)| p).collect();
    assert_eq!(found, [["crate", "data", "Dataset"], ["crate", "data", "check"], ["crate", "model", "Id"]]);
}
