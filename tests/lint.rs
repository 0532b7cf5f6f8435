//! End-to-end tests of `edge-atlas lint` on fixture lists written for them: one finding per rule
//! with its exact message and place (a golden file), the three output formats, exit codes, and
//! the real list when ../shared has it.

mod common;

use common::*;

const DIRTY: &str = "tests/fixtures/lint/dirty";

/// The list snapshot beside the repository, when there is one (CI has it; a fresh clone skips).
fn real_list() -> Option<std::path::PathBuf> {
    let list = root().join("../shared/awesome-edge-llms");
    if list.join("README.md").exists() {
        return Some(list);
    }
    eprintln!("skipped: ../shared/awesome-edge-llms is not there");
    None
}
const CLEAN: &str = "tests/fixtures/lint/clean";

#[test]
fn a_clean_list_gives_no_finding_and_exits_0() {
    let r = run(&["lint", CLEAN, "--deny", "warnings"], &root());
    assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{}", r.stderr);
    assert_eq!(r.stderr, "0 error(s), 0 warning(s)\n");
}

#[test]
fn every_rule_has_its_finding_with_exact_message_and_place() {
    let r = run(&["lint", DIRTY], &root());
    assert_eq!(r.code, 1, "{}", r.stderr);
    let golden = root().join("tests/golden/lint-dirty.txt");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, &r.stdout).unwrap();
    }
    assert_eq!(r.stdout, std::fs::read_to_string(&golden).unwrap());
    for rule in edge_atlas::lint::Rule::all() {
        assert!(r.stdout.contains(&format!("[{}]", rule.code())), "no fixture finding for {}", rule.code());
    }
    assert!(!r.stdout.contains("Kept Placeholder"), "the disable comment switches EA103 off there");
}

#[test]
fn github_annotations_and_json_carry_the_same_findings() {
    let gh = run(&["lint", DIRTY, "--format", "github"], &root());
    assert_eq!(gh.code, 1);
    assert!(gh.stdout.lines().all(|l| l.starts_with("::error file=") || l.starts_with("::warning file=")));
    assert!(gh.stdout.contains(
        "::warning file=docs/II-products.md,line=7,col=15,endColumn=20,title=EA301::year \"19.12\" is written YY.MM; 2 of 3 dates in this column are YYYY.MM (fix: 2019.12)%0Asuggestion (safe fix), line 7:%0AChip A | 15 | 2019.12 | phone a | 8G\n"
    ), "{}", gh.stdout);
    let js = run(&["lint", DIRTY, "--format", "json"], &root());
    let v: serde_json::Value = serde_json::from_str(&js.stdout).unwrap();
    let items = v.as_array().unwrap();
    assert_eq!(items.len(), gh.stdout.lines().count());
    let first = &items[0];
    assert_eq!(
        (&first["file"], &first["line"], &first["column"], &first["rule"], &first["severity"]),
        (&"README.md".into(), &6.into(), &14.into(), &"EA101".into(), &"error".into())
    );
    assert!(items.iter().any(|i| i["fix"] == "8GB"));
    // Every fix is as safe as its rule says its fixes are.
    for i in items.iter().filter(|i| i.get("fix").is_some()) {
        let rule = edge_atlas::lint::Rule::from_code(i["rule"].as_str().unwrap()).unwrap();
        let a = match i["fix_applicability"].as_str() {
            Some("safe") => edge_atlas::lint::Applicability::Safe,
            _ => edge_atlas::lint::Applicability::Unsafe,
        };
        assert!(rule.spec().fixes.allows(a), "{i}");
    }
}

#[test]
fn deny_warnings_makes_a_warning_fail_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let table = "| Model | Organization | Links |\n|-|-|-|\n| A | Meta | |\n| B | meta | |\n";
    std::fs::write(dir.path().join("README.md"), format!("# L\n\n{table}")).unwrap();
    let list = dir.path().to_str().unwrap();
    let r = run(&["lint", list], &root());
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("warning[EA201]"), "{}", r.stdout);
    assert_eq!(run(&["lint", list, "--deny", "warnings"], &root()).code, 1);
    assert_eq!(run(&["lint", "/nonexistent-list"], &root()).code, 1);
}

/// The real list's problems, checked by hand against its Markdown (see the report in the PR).
#[test]
fn the_real_list_has_its_known_problems_at_their_places() {
    let Some(list) = real_list() else { return };
    let r = run(&["lint", list.to_str().unwrap(), "--format", "github"], &root());
    assert_eq!(r.code, 1);
    for (place, rule) in [
        ("file=README.md,line=50,col=44", "EA101"),
        ("file=docs/III-basic.md,line=4,col=23", "EA101"),
        ("file=docs/(archive)I-frameworks-and-benchmarks.md,line=9,col=44", "EA102"),
        ("file=docs/V-frameworks.md,line=118,col=87", "EA103"),
        ("file=docs/III-basic.md,line=43,col=21", "EA201"),
        ("file=docs/III-basic.md,line=107,col=1", "EA202"),
        ("file=docs/III-basic.md,line=62,col=7", "EA203"),
        ("file=docs/II-commercial-products.md,line=53,col=32", "EA301"),
        ("file=docs/VI-hardware.md,line=90,col=197", "EA302"),
        ("file=docs/V-frameworks.md,line=194,col=187", "EA303"),
        ("file=docs/V-frameworks.md,line=197,col=3", "EA401"),
        ("file=docs/VI-hardware.md,line=108,col=4", "EA402"),
        ("file=docs/II-commercial-products.md,line=53,col=52", "EA501"),
        ("file=docs/III-basic.md,line=137,col=19", "EA502"),
        ("file=docs/V-frameworks.md,line=230,col=1", "EA601"),
        ("file=docs/III-models.md,line=49,col=3", "EA602"),
        ("file=docs/VI-hardware.md,line=38,col=357", "EA105"),
        ("file=docs/VI-hardware.md,line=44,col=355", "EA105"),
        ("file=docs/VI-hardware.md,line=47,col=339", "EA105"),
        ("file=docs/VI-hardware.md,line=103,col=336", "EA105"),
        ("file=docs/III-basic.md,line=111,col=14", "EA204"),
        ("file=docs/V-frameworks.md,line=42,col=3", "EA403"),
        ("file=docs/V-frameworks.md,line=210,col=3", "EA404"),
        ("file=docs/V-frameworks.md,line=214,col=3", "EA404"),
    ] {
        assert!(
            r.stdout.lines().any(|l| l.contains(&format!("{place},")) && l.contains(&format!("title={rule}::"))),
            "{rule} at {place} missing"
        );
    }
}

/// The copy rule as the shipped data shows it: the conference copy listed later gives venue and
/// date (unit tests in import/build.rs check both orders); a preprint date comes from its arXiv id.
#[test]
fn shipped_papers_take_venue_and_date_from_the_conference_copy() {
    let papers = std::fs::read_to_string(root().join("data/papers.csv")).unwrap();
    let row = |id: &str| papers.lines().find(|l| l.starts_with(&format!("{id},"))).unwrap_or("").to_string();
    assert!(row("attacc-unleashing-the-power-of-pim").contains(",ASPLOS,2024,"));
    assert!(row("an-lpddr-based-cxl-pnm-platform-for-tco-efficient").contains(",HPCA,2024,"));
    assert!(row("make-llm-inference-affordable-to-everyone").contains(",HPCA,2025,"));
    assert!(row("jupiter").contains(",arxiv,2025-04,"), "25.03 on the badge, 2504 in the arXiv id");
}

/// A copy of a list directory, edited by `edit(relative path, text) -> text`.
fn edited_copy(from: &std::path::Path, to: &std::path::Path, edit: &dyn Fn(&str, String) -> String) {
    for entry in std::fs::read_dir(from).unwrap().map(|e| e.unwrap()) {
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        if src.is_dir() {
            std::fs::create_dir_all(&dst).unwrap();
            edited_copy(&src, &dst, edit);
        } else if src.extension().is_some_and(|e| e == "md") {
            let name = entry.file_name().to_string_lossy().into_owned();
            std::fs::write(&dst, edit(&name, std::fs::read_to_string(&src).unwrap())).unwrap();
        } else {
            std::fs::copy(&src, &dst).unwrap();
        }
    }
}

#[test]
fn a_renamed_release_keeps_its_id_and_its_old_name_becomes_an_alias() {
    let dir = imported();
    let list = dir.path().join("list");
    std::fs::create_dir(&list).unwrap();
    edited_copy(&root().join(FIXTURE_LIST), &list, &|_, t| t.replace("Phi 3 |", "Phi-3 Mini |"));
    let r = run(&["import", list.to_str().unwrap()], dir.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("renamed model \"Phi 3\" → \"Phi-3 Mini\" (id phi-3 kept; the old name is an alias)\n"));
    assert!(r.stdout.contains("models.csv: 4 rows; 0 added, 1 changed\n  ~ phi-3\n"), "{}", r.stdout);
    let data = dir.path().join("data");
    assert!(std::fs::read_to_string(data.join("models.csv")).unwrap().contains("\nphi-3,Phi-3 Mini,phi,"));
    assert!(std::fs::read_to_string(data.join("aliases.csv")).unwrap().ends_with("\nPhi 3,model:phi-3\n"));
    let again = run(&["import", list.to_str().unwrap()], dir.path());
    assert!(again.stdout.contains("data: nothing changed"), "{}", again.stdout);
    let shown = run(&["show", "Phi 3"], dir.path());
    assert!(shown.stdout.starts_with("Phi-3 Mini  [model:phi-3]"), "the old name still finds it: {}", shown.stdout);
}

#[test]
fn a_family_left_without_members_is_an_error_and_nothing_is_written() {
    let dir = imported();
    let list = dir.path().join("list");
    std::fs::create_dir(&list).unwrap();
    edited_copy(&root().join(FIXTURE_LIST), &list, &|_, t| {
        t.lines().filter(|l| !l.starts_with("Phi 3 |")).map(|l| format!("{l}\n")).collect()
    });
    let before = snapshot(&dir.path().join("data"));
    let r = run(&["import", list.to_str().unwrap()], dir.path());
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("data/families.csv:3:1: error: family \"Phi Series\" (phi) had 1 member(s) and has none after this import; fix the list, an alias, or data/family_assignments.csv"),
        "{}",
        r.stderr
    );
    assert_eq!(snapshot(&dir.path().join("data")), before);
}

#[test]
fn an_alias_hiding_an_entry_of_the_list_is_reported_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let (data, list) = (dir.path().join("data"), dir.path().join("list"));
    std::fs::create_dir(&data).unwrap();
    std::fs::create_dir(&list).unwrap();
    std::fs::write(data.join("aliases.csv"), "alias,target\nGemini,family:phi\n").unwrap();
    let gemini = "| Gemini Series | Google | <a href=\"https://deepmind.google/\" target=\"_blank\"> <img src=\"https://img.shields.io/badge/official-google-A9EA7A\" alt=\"badge\"/></a> |\n| Phi Series";
    edited_copy(&root().join(FIXTURE_LIST), &list, &|_, t| t.replace("| Phi Series", gemini));
    let r = run(&["import", list.to_str().unwrap()], dir.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains(
        "data/aliases.csv:2: warning: alias \"Gemini\" names family:phi, but family:gemini is called \"Gemini Series\": the alias hides it\n"
    ), "{}", r.stderr);
}

/// The demonstration: the list's "MinCPM" typo fixed in both copies of section III.
#[test]
fn fixing_the_mincpm_typo_renames_without_duplicates_or_empty_families() {
    let Some(real) = real_list() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (data, list) = (dir.path().join("data"), dir.path().join("list"));
    copy_tree(&root().join("data"), &data);
    std::fs::create_dir(&list).unwrap();
    edited_copy(&real, &list, &|name, t| if name.starts_with("III-") { t.replace("MinCPM", "MiniCPM") } else { t });
    let r = run(&["import", list.to_str().unwrap()], dir.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
    // data/ spells it right already (corrections.csv): nothing to rename, and the correction
    // is reported as no longer needed.
    assert!(!r.stdout.contains("renamed") && !r.stdout.contains("models.csv"), "{}", r.stdout);
    let stale = "data/corrections.csv:2:1: warning: the list now writes \"MiniCPM\" and no longer \"MinCPM\"";
    assert!(r.stderr.contains(stale), "{}", r.stderr);
    let models = std::fs::read_to_string(data.join("models.csv")).unwrap();
    assert!(!models.contains("MinCPM"));
    assert!(models.contains("\nmincpm-v2-0,MiniCPM V2.0,mincpm,"), "ids unchanged");
    assert!(std::fs::read_to_string(data.join("families.csv")).unwrap().contains("\nmincpm,MiniCPM Series,"));
    let b = run(&["build", "--out", dir.path().join("out").to_str().unwrap()], dir.path());
    assert_eq!(b.code, 0, "{}", b.stderr);
    let svg = std::fs::read_to_string(dir.path().join("out/timeline-emergence-llms.svg")).unwrap();
    // Which MiniCPM labels fit depends on the layout; none may say MinCPM.
    assert!(svg.contains(">MiniCPM") && !svg.contains("MinCPM"));
}

/// Paper ids come from the title when the short name is a label; successor_of stays within one
/// model line (the shipped data, imported from the real list).
#[test]
fn shipped_ids_and_successors_follow_names_and_model_lines() {
    let shown = run(&["show", "PipeLLM"], &root());
    assert!(shown.stdout.contains("[paper:pipellm]"), "{}{}", shown.stdout, shown.stderr);
    let rel = std::fs::read_to_string(root().join("data/relations.csv")).unwrap();
    for wrong in [
        "model:openelm,successor_of,model:mm1",
        "model:llama3,successor_of,model:llama3-chat",
        "model:yi-1-5,successor_of,model:yi-vl",
    ] {
        assert!(!rel.lines().any(|l| l == wrong), "{wrong}");
    }
    for right in [
        "model:llama3,successor_of,model:llama2",
        "model:yi-1-5,successor_of,model:yi",
        "model:qwen2-5,successor_of,model:qwen2",
    ] {
        assert!(rel.lines().any(|l| l == right), "{right}");
    }
}

/// The CI recipe for the list's repository, the action it uses and the release workflow pass
/// the workflow and action schemas, checked by action-validator (which rejects a broken
/// workflow or action, so the check is real).
#[test]
fn the_workflow_for_the_lists_repository_passes_the_workflow_schema() {
    if !have("action-validator") {
        return;
    }
    let check = |path: &std::path::Path| std::process::Command::new("action-validator").arg(path).output().unwrap();
    for file in ["contrib/awesome-edge-llms.yml", "action.yml", ".github/workflows/release.yml"] {
        let out = check(&root().join(file));
        let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(out.status.success(), "{file}: {said}");
    }
    let dir = tempfile::tempdir().unwrap();
    let action = dir.path().join("action.yml");
    let text = std::fs::read_to_string(root().join("action.yml")).unwrap();
    std::fs::write(&action, text.replace("using: composite", "using: kompozit")).unwrap();
    assert!(!check(&action).status.success(), "an action with an unknown `using` must fail validation");
    let broken = dir.path().join("broken.yml");
    let text = std::fs::read_to_string(root().join("contrib/awesome-edge-llms.yml")).unwrap();
    std::fs::write(&broken, text.replace("runs-on: ubuntu-latest", "runs_on: ubuntu-latest")).unwrap();
    assert!(!check(&broken).status.success(), "a workflow without runs-on must fail validation");
}

/// README's rule table is the registry's (`lint::table`); `UPDATE_GOLDEN=1` rewrites it.
#[test]
fn the_readme_rule_table_is_the_registrys() {
    let path = root().join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let open = "keeps it current -->\n";
    let (start, end) = (readme.find(open).unwrap() + open.len(), readme.find("<!-- end lint-rules -->").unwrap());
    let table = edge_atlas::lint::table();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, format!("{}{table}{}", &readme[..start], &readme[end..])).unwrap();
        return;
    }
    assert_eq!(
        &readme[start..end],
        table,
        "README's rule table drifted from the registry: UPDATE_GOLDEN=1 cargo test --test lint"
    );
}

#[test]
fn explain_prints_every_rule_and_refuses_an_unknown_one() {
    for rule in edge_atlas::lint::Rule::all() {
        let r = run(&["lint", "--explain", &rule.code().to_lowercase()], &root());
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_eq!(r.stdout, edge_atlas::lint::explain(rule));
    }
    let r = run(&["lint", "--explain", "EA303"], &root());
    assert!(r.stdout.starts_with("EA303 (arxiv-date-mismatch): error, dates family\n"), "{}", r.stdout);
    assert!(r.stdout.contains("Fix: safe: `lint --fix` applies it.\n"), "{}", r.stdout);
    let bad = run(&["lint", "--explain", "EA999"], &root());
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("no rule \"EA999\"; the rules are EA001, EA002, EA101"), "{}", bad.stderr);
}

/// `--diff` writes nothing and prints what `--fix` then writes (git applies the diff to the same
/// bytes); a second `--fix` changes no byte; the unsafe fixes wait for `--unsafe-fixes`.
#[test]
fn fix_writes_what_diff_shows_and_a_second_fix_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (list, patched) = (dir.path().join("list"), dir.path().join("patched"));
    copy_tree(&root().join(DIRTY), &list);
    copy_tree(&root().join(DIRTY), &patched);
    let l = list.to_str().unwrap();
    let before = snapshot(&list);
    let d = run(&["lint", l, "--diff"], &root());
    assert_eq!(d.code, 1, "{}", d.stderr);
    assert!(
        d.stderr.ends_with("lint --diff: the list has fixes to apply (the diff above; --fix applies them)\n"),
        "{}",
        d.stderr
    );
    assert!(
        d.stdout.contains("--- a/docs/II-products.md\n+++ b/docs/II-products.md\n@@ -4,6 +4,6 @@\n \n Hardware | TOPS | Year | SmartPhone | Memory\n -|-|-|-|-\n-Chip A | 15 | 19.12 | phone a | 8G\n+Chip A | 15 | 2019.12 | phone a | 8GB\n"),
        "{}",
        d.stdout
    );
    assert!(d.stdout.contains("img.shields.io/badge/arxiv-25.02-b31b1b"), "only the date in the badge changes");
    assert_eq!(snapshot(&list), before, "--diff writes nothing");
    let f = run(&["lint", l, "--fix"], &root());
    assert!(f.stderr.starts_with("fixed "), "{}", f.stderr);
    assert!(f.stderr.contains("more with --unsafe-fixes"), "{}", f.stderr);
    let fixed = snapshot(&list);
    assert_ne!(fixed, before);
    let patch = dir.path().join("fix.diff");
    std::fs::write(&patch, &d.stdout).unwrap();
    let git = std::process::Command::new("git")
        .args(["apply", "--unsafe-paths", "-p1", "--directory", patched.to_str().unwrap(), patch.to_str().unwrap()])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(git.status.success(), "{}", String::from_utf8_lossy(&git.stderr));
    assert_eq!(snapshot(&patched), fixed, "the diff is what --fix writes");
    let again = run(&["lint", l, "--fix"], &root());
    assert!(again.stderr.starts_with("fixed 0 finding(s) in 0 file(s), 0 pass(es)"), "{}", again.stderr);
    assert_eq!(snapshot(&list), fixed, "a second --fix changes no byte");
    let all = run(&["lint", l, "--fix", "--unsafe-fixes"], &root());
    assert!(!all.stderr.contains("more with"), "{}", all.stderr);
    let js = run(&["lint", l, "--format", "json"], &root());
    let v: serde_json::Value = serde_json::from_str(&js.stdout).unwrap();
    assert!(v.as_array().unwrap().iter().all(|f| f.get("fix").is_none()), "nothing fixable is left: {v}");
    assert_eq!(run(&["lint", "--fix", "/nonexistent-list"], &root()).code, 1);
    assert!(!std::path::Path::new("/nonexistent-list").exists(), "a missing list is never made");
}

/// The real list, copied: `--fix --unsafe-fixes` reaches its fixpoint in at most two passes;
/// every applied fix replaced exactly its `old` text at its place (replayed here by plain
/// splicing, which reproduces the fixed files, so no byte outside a span changed); the CLI
/// writes those files, and a second `--fix` finds nothing and changes no byte.
#[test]
fn fixing_the_real_list_converges_in_two_passes_within_its_spans() {
    let Some(real) = real_list() else { return };
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("list");
    copy_tree(&real, &list);
    let (fixed, _) = edge_atlas::lint::fix_dir(&list, true).unwrap();
    assert!((1..=2).contains(&fixed.passes), "{} passes", fixed.passes);
    assert!(fixed.remaining.iter().all(|f| f.fix.is_none()), "fixable findings left");
    for (path, before, after) in &fixed.files {
        let mut lines: Vec<String> = before.split_inclusive('\n').map(str::to_string).collect();
        for pass in 1..=fixed.passes {
            let mut edits: Vec<_> = fixed.applied.iter().filter(|a| a.pass == pass && a.file == *path).collect();
            edits.sort_by_key(|a| (a.line, std::cmp::Reverse(a.column)));
            edits.dedup_by(|a, b| (a.line, a.column, &a.old, &a.new) == (b.line, b.column, &b.old, &b.new));
            for a in edits {
                let line = &mut lines[a.line - 1];
                let at = line.char_indices().nth(a.column - 1).map(|(i, _)| i).unwrap();
                assert!(
                    line[at..].starts_with(&a.old),
                    "{path}:{}:{}: {:?} is not at its place",
                    a.line,
                    a.column,
                    a.old
                );
                line.replace_range(at..at + a.old.len(), &a.new);
            }
        }
        assert_eq!(&lines.concat(), after, "{path}: the fixes account for every changed byte");
    }
    let l = list.to_str().unwrap();
    let r = run(&["lint", l, "--fix", "--unsafe-fixes"], &root());
    assert!(r.stderr.starts_with(&format!("fixed {} finding(s)", fixed.applied.len())), "{}", r.stderr);
    for (path, _, after) in &fixed.files {
        assert_eq!(&std::fs::read_to_string(list.join(path)).unwrap(), after, "{path}");
    }
    let written = snapshot(&list.join("docs"));
    let again = run(&["lint", l, "--fix", "--unsafe-fixes"], &root());
    assert!(again.stderr.starts_with("fixed 0 finding(s) in 0 file(s), 0 pass(es)"), "{}", again.stderr);
    assert_eq!(snapshot(&list.join("docs")), written, "a second --fix changes no byte");
}

/// Cells that differ between two data/ directories, as `file:id:column`, and rows of one only.
fn changed_cells(a: &std::path::Path, b: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    for ((name, x), (_, y)) in snapshot(a).into_iter().zip(snapshot(b)) {
        if x == y || !name.ends_with(".csv") {
            continue;
        }
        let rows = |bytes: &[u8]| -> Vec<Vec<String>> {
            csv::Reader::from_reader(bytes).records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect()
        };
        let header: Vec<String> =
            csv::Reader::from_reader(&x[..]).headers().unwrap().iter().map(str::to_string).collect();
        let (rx, ry) = (rows(&x), rows(&y));
        // Tables keyed by their first column are compared cell by cell, the others (relations)
        // row by row.
        let unique =
            |rs: &[Vec<String>]| rs.iter().map(|r| &r[0]).collect::<std::collections::BTreeSet<_>>().len() == rs.len();
        let keyed = unique(&rx) && unique(&ry);
        let key = |r: &Vec<String>| if keyed { r[0].clone() } else { r.join(",") };
        for r in rx.iter().filter(|r| !ry.iter().any(|s| key(s) == key(r))) {
            out.push(format!("{name}: - {}", r.join(",")));
        }
        for r in ry.iter().filter(|r| !rx.iter().any(|s| key(s) == key(r))) {
            out.push(format!("{name}: + {}", r.join(",")));
        }
        for r in &rx {
            let Some(s) = ry.iter().find(|s| key(s) == key(r)) else { continue };
            for (_, col) in header.iter().enumerate().filter(|(i, _)| r.get(*i) != s.get(*i)) {
                out.push(format!("{name}:{}:{col}", r[0]));
            }
        }
    }
    out
}

/// The real list and its fixed copies imported onto the shipped data/: the safe fixes change
/// only the cells they correct (memory units, size order); the unsafe ones add one relation
/// change, the MiniCPM product resolving to the release the list now spells MiniCPM.
#[test]
fn the_fixed_real_list_imports_to_the_same_data_apart_from_the_corrected_cells() {
    let Some(real) = real_list() else { return };
    let dir = tempfile::tempdir().unwrap();
    let imported = |name: &str, list: &std::path::Path| {
        let data = dir.path().join(name);
        copy_tree(&root().join("data"), &data);
        let r = run(&["import", list.to_str().unwrap(), "--data", data.to_str().unwrap()], dir.path());
        assert_eq!(r.code, 0, "{}", r.stderr);
        data
    };
    let original = imported("original", &real);
    for (unsafe_too, extra) in
        [(false, vec![]), (true, vec!["relations.csv: - product:minicpm,powered_by,family:mincpm"])]
    {
        let list = dir.path().join(format!("list-{unsafe_too}"));
        copy_tree(&real, &list);
        let mut args = vec!["lint", list.to_str().unwrap(), "--fix"];
        args.extend(unsafe_too.then_some("--unsafe-fixes"));
        run(&args, &root());
        let fixed = imported(&format!("fixed-{unsafe_too}"), &list);
        let changes = changed_cells(&original, &fixed);
        let unexpected: Vec<&String> = changes
            .iter()
            .filter(|c| !(c.starts_with("chips.csv:") && c.ends_with(":memory")))
            .filter(|c| c.as_str() != "models.csv:qwen3:sizes")
            .filter(|c| {
                !extra.contains(&c.as_str())
                    && !c.starts_with("relations.csv: + product:minicpm,powered_by,model:mincpm")
            })
            .collect();
        assert!(unexpected.is_empty(), "unsafe fixes {unsafe_too}: {unexpected:?}");
        assert_eq!(changes.iter().filter(|c| c.ends_with(":memory")).count(), 13, "{changes:?}");
    }
}
