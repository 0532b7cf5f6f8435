//! End-to-end tests of `edge-atlas lint` on fixture lists written for them: one finding per rule
//! with its exact message and place (a golden file), the three output formats, exit codes, and
//! the real list when ../shared has it.

mod common;

use common::*;

const DIRTY: &str = "tests/fixtures/lint/dirty";
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
    for rule in edge_atlas::lint::Rule::ALL {
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
        "::warning file=docs/II-products.md,line=7,col=15,endColumn=20,title=EA301::year \"19.12\" is written YY.MM; 2 of 3 dates in this column are YYYY.MM (fix: 2019.12)\n"
    ), "{}", gh.stdout);
    let js = run(&["lint", DIRTY, "--format", "json"], &root());
    let v: serde_json::Value = serde_json::from_str(&js.stdout).unwrap();
    let items = v.as_array().unwrap();
    assert_eq!(items.len(), gh.stdout.lines().count());
    let first = &items[0];
    assert_eq!(
        (&first["file"], &first["line"], &first["column"], &first["rule"], &first["severity"]),
        (&"README.md".into(), &6.into(), &13.into(), &"EA101".into(), &"error".into())
    );
    assert!(items.iter().any(|i| i["fix"] == "8GB"));
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
    let list = root().join("../shared/awesome-edge-llms");
    if !list.exists() {
        eprintln!("skipped: ../shared/awesome-edge-llms is not there");
        return;
    }
    let r = run(&["lint", list.to_str().unwrap(), "--format", "github"], &root());
    assert_eq!(r.code, 1);
    for (place, rule) in [
        ("file=README.md,line=50,col=43", "EA101"),
        ("file=docs/III-basic.md,line=4,col=10", "EA101"),
        ("file=docs/(archive)I-frameworks-and-benchmarks.md,line=9,col=44", "EA102"),
        ("file=docs/V-frameworks.md,line=118,col=87", "EA103"),
        ("file=docs/III-basic.md,line=43,col=21", "EA201"),
        ("file=docs/III-basic.md,line=107,col=1", "EA202"),
        ("file=docs/III-basic.md,line=62,col=7", "EA203"),
        ("file=docs/II-commercial-products.md,line=53,col=32", "EA301"),
        ("file=docs/VI-hardware.md,line=90,col=197", "EA302"),
        ("file=docs/V-frameworks.md,line=194,col=181", "EA303"),
        ("file=docs/V-frameworks.md,line=197,col=3", "EA401"),
        ("file=docs/VI-hardware.md,line=108,col=4", "EA402"),
        ("file=docs/II-commercial-products.md,line=53,col=52", "EA501"),
        ("file=docs/III-basic.md,line=137,col=19", "EA502"),
        ("file=docs/V-frameworks.md,line=230,col=1", "EA601"),
        ("file=docs/III-models.md,line=49,col=3", "EA602"),
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
