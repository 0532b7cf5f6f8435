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
    assert!(!r.stderr.contains("no heading for"), "the sections it held are said once, by the file:\n{}", r.stderr);
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

/// Rewrites the table of `path` whose header line contains `marker`: `f` gets each line's cells
/// (0 the header, 1 the separator, then the rows) and returns them reshaped.
fn reshape(path: &Path, marker: &str, f: impl Fn(usize, Vec<String>) -> Vec<String>) {
    rewrite(path, |text| {
        // Only the first such table: (line in it, whether it is over).
        let (mut at, mut done): (Option<usize>, bool) = (None, false);
        let lines: Vec<String> = text
            .split('\n')
            .map(|l| {
                at = match at {
                    None if !done && l.contains(marker) && l.contains('|') => Some(0),
                    Some(i) if l.contains('|') => Some(i + 1),
                    _ => None,
                };
                done |= at.is_some();
                let Some(i) = at else { return l.to_string() };
                let piped = l.trim_start().starts_with('|');
                let inner = if piped { l.trim().trim_start_matches('|').trim_end_matches('|') } else { l };
                let cells = f(i, inner.split('|').map(|c| c.trim().to_string()).collect());
                let joined = cells.join(" | ");
                if piped { format!("| {joined} |") } else { joined }
            })
            .collect();
        assert!(lines.iter().zip(text.split('\n')).any(|(a, b)| a != b), "{marker:?} in {}", path.display());
        lines.join("\n")
    });
}

/// Reshapes a table's line: its index in the table (0 the header) and cells.
type Reshape = dyn Fn(usize, Vec<String>) -> Vec<String>;

/// Changes a CSV record's cells.
type ColumnsChange = fn(&mut Vec<&str>);

/// The cells in the order `order` gives (indices into the original).
fn reorder(order: &'static [usize]) -> impl Fn(usize, Vec<String>) -> Vec<String> {
    move |_, cells| order.iter().map(|&i| cells[i].clone()).collect()
}

fn without(column: usize) -> impl Fn(usize, Vec<String>) -> Vec<String> {
    move |_, mut cells| {
        cells.remove(column);
        cells
    }
}

/// A column `Notes` after the first.
fn with_notes(i: usize, mut cells: Vec<String>) -> Vec<String> {
    cells.insert(1, ["Notes", "-", "a note"][i.min(2)].to_string());
    cells
}

/// On the fixture list: a column added or the columns reordered import the same data/; a
/// column the importer reads removed (even the one that marks the table) stops import at the
/// table's header, naming the column, with nothing written.
#[test]
fn table_columns_added_or_reordered_read_the_same_and_a_removed_one_is_a_located_error() {
    let same: [(&str, &str, &str, &Reshape); 5] = [
        ("releases, a column added", "docs/III-models.md", "Release Date", &with_notes),
        ("releases reordered", "docs/III-models.md", "Release Date", &reorder(&[1, 4, 0, 3, 2])),
        ("families reordered", "docs/III-models.md", "Links", &reorder(&[2, 1, 0])),
        ("chips reordered", "README.md", "TOPS", &reorder(&[4, 3, 2, 1, 0])),
        ("frameworks reordered", "README.md", "Backend", &reorder(&[5, 1, 0, 3, 2, 4])),
    ];
    for (name, file, marker, f) in same {
        let dir = imported();
        let list = dir.path().join("list");
        copy_tree(&root().join(FIXTURE_LIST), &list);
        reshape(&list.join(file), marker, f);
        let r = run(&["import", "list"], dir.path());
        assert_eq!(r.code, 0, "{name}: {}", r.stderr);
        assert!(r.stdout.contains("data: nothing changed"), "{name}: {}", r.stdout);
    }
    let gone: [(&str, &str, usize, &str); 4] = [
        (
            "docs/III-models.md",
            "Release Date",
            3,
            "list/docs/III-models.md:10:1: error: a table of model releases without the column(s) [\"Edge\"]",
        ),
        (
            "docs/III-models.md",
            "Release Date",
            4,
            "list/docs/III-models.md:10:1: error: a table of model releases without the column(s) [\"Release Date\"]",
        ),
        (
            "docs/III-models.md",
            "Links",
            2,
            "list/docs/III-models.md:4:1: error: a table of model families without the column(s) [\"Links\"]",
        ),
        ("README.md", "TOPS", 4, "list/README.md:16:1: error: a table of chips without the column(s) [\"Memory\"]"),
    ];
    for (file, marker, column, error) in gone {
        let dir = imported();
        let list = dir.path().join("list");
        copy_tree(&root().join(FIXTURE_LIST), &list);
        reshape(&list.join(file), marker, without(column));
        let before = snapshot(&dir.path().join("data"));
        let r = run(&["import", "list"], dir.path());
        assert_eq!(r.code, 1, "{error}\n{}", r.stderr);
        assert!(r.stderr.lines().any(|l| l.starts_with(error)), "{error}\n{}", r.stderr);
        assert_eq!(snapshot(&dir.path().join("data")), before, "nothing written");
    }
}

/// The same on the real list: the export formats' columns swapped (read by name, not place),
/// every release table reordered, a column added to the frameworks; the chips' memory removed
/// stops import at its table.
#[test]
fn the_real_lists_tables_reshaped_read_the_same_or_stop_at_the_table() {
    let formats = |l: &Path| reshape(&l.join("README.md"), "Zero-copy", reorder(&[0, 2, 1, 7, 6, 5, 4, 3]));
    let releases = |l: &Path| {
        for f in ["docs/III-basic.md", "docs/III-models.md"] {
            let text = std::fs::read_to_string(l.join(f)).unwrap();
            for _ in 0..text.matches("| Release Date").count() {
                // Each pass reshapes the first table still in the original order.
                reshape(&l.join(f), "Model | Organization | Size | Edge | Release Date", reorder(&[4, 2, 0, 3, 1]));
            }
        }
    };
    let frameworks = |l: &Path| reshape(&l.join("README.md"), "| Backend |", with_notes);
    let cases: [(&str, &Edit); 3] = [
        ("formats' columns swapped", &formats),
        ("releases reordered", &releases),
        ("frameworks, a column added", &frameworks),
    ];
    for (name, edit) in cases {
        let Some((_tmp, list, data)) = variant(edit) else { return };
        let r = import(&list, &data, &[]);
        assert_same_data(&data, &r);
        assert!(!r.stderr.contains("error"), "{name}: {}", r.stderr);
    }
    let Some((_tmp, list, data)) = variant(|l| reshape(&l.join("docs/II-commercial-products.md"), "TOPS", without(4)))
    else {
        return;
    };
    let r = import(&list, &data, &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let error = format!(
        "{}/docs/II-commercial-products.md:51:1: error: a table of chips without the column(s) [\"Memory\"]",
        list.display()
    );
    assert!(r.stderr.lines().any(|l| l.starts_with(&error)), "{error}\n{}", r.stderr);
    assert_eq!(snapshot(&data), snapshot(&root().join("data")), "nothing written");
}

/// A paper moved to another section is a changed relation, not a loss (the guard stays quiet);
/// a release moved to another table of releases changes nothing.
#[test]
fn an_entry_moved_between_sections_or_tables_is_a_change_not_a_removal() {
    let dir = imported();
    let list = dir.path().join("list");
    copy_tree(&root().join(FIXTURE_LIST), &list);
    rewrite(&list.join("docs/V-frameworks.md"), |t| {
        let item = t.lines().find(|l| l.starts_with("- Quant Tricks")).unwrap().to_string();
        t.replacen(&format!("{item}\n"), "", 1).replacen(
            "#### KV Cache Offloading\n",
            &format!("#### KV Cache Offloading\n{item}\n"),
            1,
        )
    });
    rewrite(&list.join("docs/III-models.md"), |t| {
        let row = t.lines().find(|l| l.starts_with("Gemini |")).unwrap().to_string();
        t.replacen(&format!("{row}\n"), "", 1)
            + &format!("\n#### 2023\nModel | Organization | Size | Edge | Release Date\n-|-|-|-|-\n{row}\n")
    });
    let r = run(&["import", "list"], dir.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains(
            "moved paper:quant-tricks: technique:v-a-1-quantization → technique:v-c-kv-cache-offloading\nrelations.csv: 25 rows; 1 added, 0 changed, 1 removed (gone from the list)\n  + paper:quant-tricks covers technique:v-c-kv-cache-offloading\n  - paper:quant-tricks covers technique:v-a-1-quantization\n"
        ),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("models.csv"), "the release moved tables and stayed the same: {}", r.stdout);
}

/// Two sections of one name: under the same number they are one section and their papers add
/// up; under different parents (a bold title "Easy-Hard" in V.A.1 as well as in V.C) they stay
/// two, each with its own papers. Nothing is lost or merged across.
#[test]
fn two_sections_of_one_name_keep_every_paper_in_its_own_section() {
    let dir = imported();
    let list = dir.path().join("list");
    copy_tree(&root().join(FIXTURE_LIST), &list);
    let paper = |title: &str, id: &str| {
        format!(
            "- {title} <a href=\"https://arxiv.org/abs/{id}\" target=\"_blank\"> <img src=\"https://img.shields.io/badge/arxiv-24.02-b31b1b\" alt=\"badge\"/></a>\n"
        )
    };
    let second_quant = format!(
        "### V.A.1. Quantization\n\n{}\n**Easy-Hard**\n{}\n## V.C. Memory",
        paper("Second Quant: Again", "2402.00009"),
        paper("Quant Split: Easy and Hard", "2402.00010")
    );
    rewrite(&list.join("docs/V-frameworks.md"), |t| t.replacen("## V.C. Memory", &second_quant, 1));
    let r = run(&["import", "list"], dir.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
    for added in [
        "  + paper:second-quant covers technique:v-a-1-quantization\n",
        "  + paper:quant-split covers technique:v-a-1-easy-hard\n",
    ] {
        assert!(r.stdout.contains(added), "{added}{}", r.stdout);
    }
    assert!(!r.stdout.contains("removed"), "{}", r.stdout);
    let relations = std::fs::read_to_string(dir.path().join("data/relations.csv")).unwrap();
    assert!(relations.contains("paper:cloud-helper,covers,technique:v-c-easy-hard"), "{relations}");
}

/// A table of data/ is read by its columns' names: a column in another order reads the same,
/// an optional column left out reads as empty with a warning at the header, and an unknown
/// column or a required one missing is an error there; nothing is read from such a table.
#[test]
fn a_data_table_is_read_by_column_name() {
    let export = |data: &Path| {
        let r = run(&["export", "--format", "json", "--data", data.to_str().unwrap()], &root());
        assert_eq!(r.code, 0, "{}", r.stderr);
        r.stdout
    };
    let shipped = export(&root().join("data"));
    // (change, exit code, the line about papers.csv's header, or "" for none)
    let cases: [(&str, ColumnsChange, i32, &str); 4] = [
        ("reordered", |c| c.swap(1, 3), 0, ""),
        (
            "optional removed",
            |c| {
                c.remove(3);
            },
            0,
            ":1: warning: no column venue: read as empty (optional)",
        ),
        (
            "required removed",
            |c| {
                c.remove(1);
            },
            1,
            ":1: error: header does not match; missing column title; expected the columns ",
        ),
        ("added", |c| c.insert(2, "notes"), 1, ":1: error: header does not match; unknown column \"notes\"; expected"),
    ];
    for (name, change, code, says) in cases {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        copy_tree(&root().join("data"), &data);
        let papers = data.join("papers.csv");
        let text = std::fs::read_to_string(&papers).unwrap();
        let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
        let mut out = csv::WriterBuilder::new().from_writer(Vec::new());
        for rec in reader.records() {
            let rec = rec.unwrap();
            let mut cells: Vec<&str> = rec.iter().collect();
            change(&mut cells);
            out.write_record(&cells).unwrap();
        }
        std::fs::write(&papers, out.into_inner().unwrap()).unwrap();
        let r = run(&["check", "--data", data.to_str().unwrap()], &root());
        assert_eq!(r.code, code, "{name}\n{}", r.stderr);
        let about: Vec<&str> = r.stderr.lines().filter(|l| l.contains("papers.csv")).collect();
        if says.is_empty() {
            assert!(about.is_empty(), "{name}: {about:?}");
            assert!(export(&data) == shipped, "{name}: the graph differs from the shipped data's");
        } else {
            let line = format!("{}{says}", papers.display());
            assert!(about.len() == 1 && about[0].starts_with(&line), "{name}: {line}\n{}", r.stderr);
        }
        if name == "optional removed" {
            let json = export(&data);
            assert!(!json.contains("\"venue\"") && shipped.contains("\"venue\""), "{name}: venues still exported");
        }
    }
}

/// A section heading reworded on the real list is a rename of its technique (its papers stay);
/// the old name "Quantization" is also section IV.A.2's, so it is not made an alias (check would
/// refuse it). A section renumbered onto another's number is kept, with a warning at its heading.
#[test]
fn a_reworded_or_renumbered_heading_keeps_its_papers() {
    let reworded = |l: &Path| {
        rewrite(&l.join("docs/V-frameworks.md"), |t| {
            t.replace("### V.A.1. Quantization", "### V.A.1. Weight Quantization")
        })
    };
    let Some((_tmp, list, data)) = variant(reworded) else { return };
    let r = import(&list, &data, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with("renamed technique \"Quantization\" → \"Weight Quantization\" (id v-a-1-quantization kept; the old name is another entry's, so no alias)\ntechniques.csv: 54 rows; 0 added, 1 changed\n  ~ v-a-1-quantization\n"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("relations.csv"), "every paper keeps its section: {}", r.stdout);
    let renumbered = |l: &Path| {
        rewrite(&l.join("docs/V-frameworks.md"), |t| {
            t.replace("### V.A.2. Sparsification", "### V.A.1. Sparsification")
        })
    };
    let Some((_tmp, list, data)) = variant(renumbered) else { return };
    let r = import(&list, &data, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let warning = format!(
        "{0}/docs/V-frameworks.md:59: warning: section number V.A.1 is used twice: \"Sparsification\" here, \"Quantization\" at {0}/docs/V-frameworks.md:34; both are kept, renumber one",
        list.display()
    );
    assert!(r.stderr.lines().any(|l| l == warning), "{warning}\n{}", r.stderr);
    assert!(
        r.stdout.contains("techniques.csv: 54 rows; 0 added, 1 changed\n  ~ v-a-2-sparsification\n"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("relations.csv"), "{}", r.stdout);
}
