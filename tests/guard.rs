//! The list as editors and accidents leave it, built at test time from
//! ../shared/awesome-edge-llms (skipped when it is absent): what only looks different imports to
//! byte-identical data/, and whatever would silently lose rows stops import with the cause named
//! and nothing written. Plus the same guard on the fixture list, which every clone has.

mod common;

use common::*;
use std::path::{Path, PathBuf};

const SHARED_LIST: &str = "../shared/awesome-edge-llms";

/// A copy of the real list changed by `edit`, beside a copy of the shipped data/; `None`
/// (a skip, said on stderr) without ../shared.
fn variant(edit: impl Fn(&Path)) -> Option<(tempfile::TempDir, PathBuf, PathBuf)> {
    let shared = root().join(SHARED_LIST);
    if !shared.is_dir() {
        eprintln!("skipped: {} is absent", shared.display());
        return None;
    }
    let tmp = tempfile::tempdir().unwrap();
    let (list, data) = (tmp.path().join("list"), tmp.path().join("data"));
    copy_tree(&shared, &list);
    copy_tree(&root().join("data"), &data);
    edit(&list);
    Some((tmp, list, data))
}

fn import(list: &Path, data: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["import", list.to_str().unwrap(), "--data", data.to_str().unwrap()];
    args.extend(extra);
    run(&args, &root())
}

/// Every Markdown file of the list.
fn markdown_files(list: &Path) -> Vec<PathBuf> {
    let mut files = vec![list.join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(list.join("docs")).unwrap().map(|e| e.unwrap().path()).collect();
    docs.sort();
    files.extend(docs.into_iter().filter(|p| p.extension().is_some_and(|e| e == "md")));
    files
}

fn rewrite(path: &Path, f: impl Fn(String) -> String) {
    let text = std::fs::read_to_string(path).unwrap();
    std::fs::write(path, f(text)).unwrap();
}

/// The lines of section V.E.1 (its heading to the next `###`) of docs/V-frameworks.md, changed by `f`.
fn in_v_e_1(list: &Path, f: impl Fn(&str) -> String) {
    rewrite(&list.join("docs/V-frameworks.md"), |text| {
        let mut inside = false;
        let lines: Vec<String> = text
            .split('\n')
            .map(|l| {
                if l.starts_with("### ") {
                    inside = l.starts_with("### V.E.1.");
                }
                if inside && l.starts_with("- ") { f(l) } else { l.to_string() }
            })
            .collect();
        lines.join("\n")
    });
}

fn assert_same_data(data: &Path, r: &Run) {
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("nothing changed"), "{}", r.stdout);
    assert_eq!(snapshot(data), snapshot(&root().join("data")), "data/ is byte-identical");
}

/// Changes a copy of the list in place.
type Edit = dyn Fn(&Path);

#[test]
fn a_byte_order_mark_crlf_a_renamed_file_and_images_gone_import_to_identical_data() {
    let bom = |list: &Path| {
        for f in markdown_files(list) {
            let text = std::fs::read(&f).unwrap();
            std::fs::write(&f, [&[0xEF, 0xBB, 0xBF][..], &text].concat()).unwrap();
        }
    };
    let crlf = |list: &Path| markdown_files(list).iter().for_each(|f| rewrite(f, |t| t.replace('\n', "\r\n")));
    let lone_cr = |list: &Path| markdown_files(list).iter().for_each(|f| rewrite(f, |t| t.replace('\n', "\r")));
    let renamed = |list: &Path| {
        std::fs::rename(list.join("docs/V-frameworks.md"), list.join("docs/V-systems.md")).unwrap();
    };
    let images_gone = |list: &Path| std::fs::remove_dir_all(list.join("images")).unwrap();
    let smart_quotes = |list: &Path| {
        in_v_e_1(list, |l| {
            let mut open = true;
            l.chars()
                .map(|c| match c {
                    '"' => {
                        open = !open;
                        if open { '”' } else { '“' }
                    }
                    c => c,
                })
                .collect()
        })
    };
    let spaces = |list: &Path| {
        rewrite(&list.join("docs/V-frameworks.md"), |t| {
            t.replace("### V.E.1. Heterogeneous Platforms", "### V.E.1.\u{a0}Heterogeneous\u{a0}Platforms")
        });
        rewrite(&list.join("docs/III-models.md"), |t| t.replacen("Qwen2.5", "Qwen\u{200b}2.5", 1));
    };
    let cases: [(&str, &Edit, &str); 7] = [
        (
            "byte-order mark",
            &bom,
            "README.md:1: normalised before reading: a UTF-8 byte-order mark at the start (dropped)",
        ),
        ("CRLF", &crlf, "README.md:1: normalised before reading: "),
        ("lone CR", &lone_cr, "lone CR line endings (read as LF)"),
        ("renamed file", &renamed, ""),
        ("images gone", &images_gone, ""),
        ("smart quotes in V.E.1", &smart_quotes, "HTML tags (read as straight quotes)"),
        ("invisible spaces", &spaces, "1 zero-width space or word joiner (dropped)"),
    ];
    for (name, edit, note) in cases {
        let Some((_tmp, list, data)) = variant(edit) else { return };
        let r = import(&list, &data, &[]);
        assert_same_data(&data, &r);
        assert!(r.stderr.contains(note), "{name}: the note {note:?}\n{}", r.stderr);
    }
}

/// The list without docs/V-frameworks.md: 89 of 162 papers would go. Import stops, names the
/// file and the sections, lists the rows, writes nothing; `--accept-removals` goes ahead.
#[test]
fn a_missing_file_stops_import_naming_it() {
    let Some((_tmp, list, data)) = variant(|l| std::fs::remove_file(l.join("docs/V-frameworks.md")).unwrap()) else {
        return;
    };
    let r = import(&list, &data, &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    for line in [
        "error: import stopped before writing anything: it would remove more than an edit of the list does (a table or section losing all its rows, more than 10, or more than 20 %)",
        "  papers.csv: 89 of 162 rows would go",
        "  section V.A.1 \"Quantization\" held 11 papers; 11 would go, 0 left",
        "likely cause:",
        "fix the list, or look with --dry-run and remove them on purpose with --accept-removals",
    ] {
        assert!(r.stderr.lines().any(|l| l == line), "{line}\n{}", r.stderr);
    }
    let cause = format!(
        "  {}/docs/V-frameworks.md is missing: {}/README.md:76 links to it (renamed, moved or deleted?)",
        list.display(),
        list.display()
    );
    assert!(r.stderr.lines().any(|l| l == cause), "{cause}\n{}", r.stderr);
    assert!(r.stdout.contains("papers.csv: 89 row(s) would be removed:\n"), "{}", r.stdout);
    assert!(r.stdout.contains("\n  - deja-vu\n"), "every row that would go is named");
    assert_eq!(snapshot(&data), snapshot(&root().join("data")), "nothing written");
    let dry = import(&list, &data, &["--dry-run"]);
    assert_eq!((dry.code, dry.stderr.lines().last()), (r.code, r.stderr.lines().last()));
    let accepted = import(&list, &data, &["--accept-removals"]);
    assert_eq!(accepted.code, 0, "{}", accepted.stderr);
    assert!(
        accepted.stdout.contains("papers.csv: 73 rows; 0 added, 8 changed, 89 removed (gone from the list)"),
        "{}",
        accepted.stdout
    );
}

/// V.E.1's items with badges that are not shields.io's: its papers would go; the cause is
/// the section, at its line, and what is wrong with its items.
#[test]
fn unreadable_items_stop_import_naming_the_section() {
    let Some((_tmp, list, data)) = variant(|l| in_v_e_1(l, |line| line.replace("img.shields.io", "img.example.org")))
    else {
        return;
    };
    let r = import(&list, &data, &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("  papers.csv: 18 of 162 rows would go\n"), "{}", r.stderr);
    let cause = format!(
        "  {0}/docs/V-frameworks.md:171: section \"Existing Memory Architectures\" is there, but the importer could not read 8 of its lines (first {0}/docs/V-frameworks.md:173: list item ",
        list.display()
    );
    assert!(r.stderr.lines().any(|l| l.starts_with(&cause)), "{cause}\n{}", r.stderr);
    assert_eq!(snapshot(&data), snapshot(&root().join("data")), "nothing written");
}

/// A UTF-16 README is refused with its encoding named, at its first line.
#[test]
fn a_utf16_file_is_a_located_error_naming_the_encoding() {
    let Some((_tmp, list, data)) = variant(|l| {
        let text = std::fs::read_to_string(l.join("README.md")).unwrap();
        let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
        std::fs::write(l.join("README.md"), utf16).unwrap();
    }) else {
        return;
    };
    let r = import(&list, &data, &[]);
    assert_eq!(r.code, 1);
    let line = format!(
        "{}/README.md:1:1: error: starts with a UTF-16 (little-endian) byte-order mark: the file is UTF-16 (little-endian), not UTF-8; save it as UTF-8",
        list.display()
    );
    assert!(r.stderr.lines().any(|l| l == line), "{line}\n{}", r.stderr);
    assert_eq!(snapshot(&data), snapshot(&root().join("data")));
}

/// On the fixture list (every clone has it): its paper file gone stops the import; accepting
/// removes the rows.
#[test]
fn the_guard_stops_a_missing_file_on_the_fixture_list() {
    let dir = imported();
    let list = dir.path().join("list");
    copy_tree(&root().join(FIXTURE_LIST), &list);
    std::fs::remove_file(list.join("docs/V-frameworks.md")).unwrap();
    let before = snapshot(&dir.path().join("data"));
    let r = run(&["import", "list"], dir.path());
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("papers.csv: "), "{}", r.stderr);
    assert!(
        r.stderr.contains("  no heading for section V.A.1 in the list: its file renamed, moved or deleted?\n"),
        "{}",
        r.stderr
    );
    assert_eq!(snapshot(&dir.path().join("data")), before);
    let r = run(&["import", "list", "--accept-removals"], dir.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
}

/// A table saved by a spreadsheet with a byte-order mark loads as the same table, with one
/// warning naming it; a UTF-16 table is an error naming its encoding.
#[test]
fn a_bom_headed_csv_loads_as_the_same_table() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    copy_tree(&root().join("data"), &data);
    let papers = data.join("papers.csv");
    let text = std::fs::read(&papers).unwrap();
    std::fs::write(&papers, [&[0xEF, 0xBB, 0xBF][..], &text].concat()).unwrap();
    let export = |dir: &Path| run(&["export", "--data", dir.to_str().unwrap(), "--format", "json"], &root());
    let (shipped, bom) = (export(&root().join("data")), export(&data));
    assert_eq!(bom.code, 0, "{}", bom.stderr);
    assert_eq!(bom.stdout, shipped.stdout, "the same graph");
    assert!(
        bom.stderr.contains(
            "papers.csv:1:1: warning: normalised before reading: a UTF-8 byte-order mark at the start (dropped)"
        ),
        "{}",
        bom.stderr
    );
    let utf16: Vec<u8> =
        [0xFF, 0xFE].into_iter().chain("id,name\n".encode_utf16().flat_map(u16::to_le_bytes)).collect();
    std::fs::write(&papers, utf16).unwrap();
    let r = export(&data);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("papers.csv:1:1: error: starts with a UTF-16 (little-endian) byte-order mark"),
        "{}",
        r.stderr
    );
}
