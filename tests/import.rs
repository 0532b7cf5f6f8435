//! `import` end to end: the real binary on the fixture list (tables, lists, badges, comments,
//! what it cannot read, a second run, rows gone) and on the list snapshot when it is there.

mod common;

use common::*;

#[test]
fn import_reads_tables_lists_badges_and_skips_comments() {
    let dir = imported();
    let data = dir.path().join("data");
    let papers = std::fs::read_to_string(data.join("papers.csv")).unwrap();
    assert!(!papers.contains("Hidden Paper"), "commented-out items are ignored");
    assert_eq!(papers.lines().count(), 4, "3 papers, the duplicate merged:\n{papers}");
    assert!(papers.contains(
        "tinyinfer-2,TinyInfer: Fast Inference on a Phone,TinyInfer-2,NeurIPS,2024,false,,https://arxiv.org/abs/2406.00001,https://github.com/example/tinyrun,,"
    ));
    let rel = std::fs::read_to_string(data.join("relations.csv")).unwrap();
    for line in [
        "paper:tinyinfer-2,covers,technique:v-a-1-quantization",
        "paper:tinyinfer-2,covers,technique:v-c-kv-cache-offloading",
        "paper:tinyinfer-2,implements,framework:tinyrun",
        "framework:tinyserve,built_on,framework:tinyrun",
        "framework:tinyrun,uses_backend,backend:qnn",
        "framework:tinyrun,targets,device:hexagon-npu",
        "model:qwen2-5,successor_of,model:qwen2",
        "model:qwen2-5,runs_on,chip:qualcomm-snapdragon-8gen3",
        "model:gemini,runs_on,device:pixel-9",
        "chip:qualcomm-snapdragon-8gen3,ships_in,device:xiaomi-14",
    ] {
        assert!(rel.lines().any(|l| l == line), "missing {line}");
    }
    let fw = std::fs::read_to_string(data.join("frameworks.csv")).unwrap();
    assert!(!fw.contains("hidden"));
    let models = std::fs::read_to_string(data.join("models.csv")).unwrap();
    assert!(models.contains("qwen2-5,Qwen2.5,qwen,alibaba,0.5B、7B,devices,2024-12"), "{models}");
    assert!(models.contains("gemini,Gemini,gemini,google,nano(1.8B、3.25B)、pro,devices,2023-12"));
}

#[test]
fn import_reports_what_it_cannot_interpret_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let list = root().join(FIXTURE_LIST);
    let r = run(&["import", list.to_str().unwrap()], dir.path());
    let stderr = r.stderr.replace(list.to_str().unwrap(), "LIST");
    assert!(stderr.contains(
        "LIST/docs/V-frameworks.md:24: warning: list item \"A line with no badge at all\" has no title or no badge; skipped"
    ), "{stderr}");
    assert!(stderr.contains(
        "LIST/docs/V-frameworks.md:20: warning: paper \"TinyInfer: Fast Inference on a Phone\" disagrees with LIST/docs/V-frameworks.md:12 (title \"tinyinfer: fast inference on a phone\", venue \"NeurIPS\" vs \"arxiv\", date 2024 vs 2024-06); title from LIST/docs/V-frameworks.md:12, venue and date from LIST/docs/V-frameworks.md:20"
    ), "{stderr}");
    assert!(r.stdout.contains("papers.csv: 3 rows; 3 added, 0 changed"), "{}", r.stdout);
}

#[test]
fn second_import_changes_no_byte_and_keeps_curated_files_and_columns() {
    let dir = imported();
    let data = dir.path().join("data");
    // Curate: a colour, a chip vendor, an alias; import must keep all three.
    let orgs = std::fs::read_to_string(data.join("organisations.csv")).unwrap();
    std::fs::write(
        data.join("organisations.csv"),
        orgs.replace("alibaba,Alibaba,", "alibaba,Alibaba,#7b68ee") + "nvidia,NVIDIA,\n",
    )
    .unwrap();
    let chips = std::fs::read_to_string(data.join("chips.csv")).unwrap();
    std::fs::write(
        data.join("chips.csv"),
        chips.replace("jetson-orin-nano,Jetson Orin Nano,,", "jetson-orin-nano,Jetson Orin Nano,nvidia,"),
    )
    .unwrap();
    std::fs::write(data.join("aliases.csv"), "alias,target\nTongyi,family:qwen\n").unwrap();
    let list = root().join(FIXTURE_LIST);
    let r = run(&["import", list.to_str().unwrap()], dir.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let before = snapshot(&data);
    let r = run(&["import", list.to_str().unwrap()], dir.path());
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("data: nothing changed"), "{}", r.stdout);
    assert_eq!(before, snapshot(&data), "a second import must not change a byte");
    let orgs = std::fs::read_to_string(data.join("organisations.csv")).unwrap();
    assert!(orgs.contains("alibaba,Alibaba,#7b68ee") && orgs.contains("nvidia,NVIDIA,"));
    assert!(
        std::fs::read_to_string(data.join("chips.csv")).unwrap().contains("jetson-orin-nano,Jetson Orin Nano,nvidia,")
    );
    assert_eq!(std::fs::read_to_string(data.join("aliases.csv")).unwrap(), "alias,target\nTongyi,family:qwen\n");
    let show = run(&["show", "tongyi"], dir.path());
    assert!(show.stdout.starts_with("Qwen Series  [family:qwen]"), "{}", show.stdout);
}

/// A column the schema has and a data/ file lacks (data/ written before the column existed,
/// or a hand-edited file) is read as empty, said once, and written by the next import; columns
/// in another order are written back in the schema's.
#[test]
fn import_writes_the_columns_a_data_file_lacks_and_says_so() {
    let dir = imported();
    let data = dir.path().join("data");
    let expected = std::fs::read(data.join("models.csv")).unwrap();
    let models = String::from_utf8(expected.clone()).unwrap();
    // Without `modalities` (the 8th column), and `name` moved to the end.
    let mut rewritten = csv::WriterBuilder::new().from_writer(Vec::new());
    for rec in csv::ReaderBuilder::new().has_headers(false).from_reader(models.as_bytes()).records() {
        let mut cells: Vec<String> = rec.unwrap().iter().map(str::to_string).collect();
        cells.remove(7);
        let name = cells.remove(1);
        cells.push(name);
        rewritten.write_record(&cells).unwrap();
    }
    std::fs::write(data.join("models.csv"), rewritten.into_inner().unwrap()).unwrap();
    let list = root().join(FIXTURE_LIST);
    let r = run(&["import", list.to_str().unwrap()], dir.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let note = "note: data/models.csv:1: no column modalities: read as empty (optional)";
    assert!(r.stderr.lines().any(|l| l == note), "{}", r.stderr);
    assert_eq!(std::fs::read(data.join("models.csv")).unwrap(), expected);
}

/// A table import would write other bytes for, though no row changed (CRLF line ends saved by
/// an editor), is named as rewritten, with --dry-run too, instead of "nothing changed".
#[test]
fn a_file_rewritten_without_row_changes_is_named() {
    let dir = imported();
    let data = dir.path().join("data");
    let orgs = std::fs::read_to_string(data.join("organisations.csv")).unwrap();
    std::fs::write(data.join("organisations.csv"), orgs.replace('\n', "\r\n")).unwrap();
    let list = root().join(FIXTURE_LIST);
    let line = |verb: &str| {
        format!("organisations.csv: {verb} in import's form (columns in schema order, LF line ends); no row changed\n")
    };
    let r = run(&["import", "--dry-run", list.to_str().unwrap()], dir.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains(&line("would be rewritten")) && !r.stdout.contains("nothing"), "{}", r.stdout);
    let r = run(&["import", list.to_str().unwrap()], dir.path());
    assert!(r.stdout.contains(&line("rewritten")), "{}", r.stdout);
    assert_eq!(std::fs::read_to_string(data.join("organisations.csv")).unwrap(), orgs);
    let r = run(&["import", list.to_str().unwrap()], dir.path());
    assert!(r.stdout.contains("data: nothing changed"), "{}", r.stdout);
}

#[test]
fn rows_gone_from_the_list_are_removed_and_listed_unless_kept() {
    let dir = imported();
    let data = dir.path().join("data");
    let backends = std::fs::read_to_string(data.join("backends.csv")).unwrap();
    std::fs::write(data.join("backends.csv"), backends + "tpu,TPU\n").unwrap();
    let list = root().join(FIXTURE_LIST);
    let r = run(&["import", "--keep-gone", list.to_str().unwrap()], dir.path());
    assert!(
        r.stdout
            .contains("backends.csv: 4 rows; 0 added, 0 changed, 1 gone from the list (kept: --keep-gone)\n  - tpu"),
        "{}",
        r.stdout
    );
    assert!(std::fs::read_to_string(data.join("backends.csv")).unwrap().contains("tpu,TPU"));
    let r = run(&["import", list.to_str().unwrap()], dir.path());
    assert!(
        r.stdout.contains("backends.csv: 3 rows; 0 added, 0 changed, 1 removed (gone from the list)\n  - tpu"),
        "{}",
        r.stdout
    );
    assert!(!std::fs::read_to_string(data.join("backends.csv")).unwrap().contains("tpu"));
}

#[test]
fn malformed_markdown_is_reported_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("list")).unwrap();
    let readme = "# III. Models\n\n#### 2024\n\nModel | Organization | Size | Edge | Release Date\n-|-|-|-|-\n\
                  Qwen2 | Alibaba | 7B\nPhi 3 | Microsoft | 3.8B | ? | 2024.04\n\n<!-- never closed\n\n\
                  Gemma | Google | 2B | ✔️ | 2024.02\n";
    std::fs::write(dir.path().join("list/README.md"), readme).unwrap();
    let r = run(&["import", "list"], dir.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let expected = [
        // A row with missing cells keeps what it has.
        "list/README.md:7: warning: \"Qwen2\": release date: expected a date like 2024.06, 24.06 or 2024, found \"\"",
        "list/README.md:10:1: warning: HTML comment is never closed: everything after it is hidden",
    ];
    for line in expected {
        assert!(r.stderr.lines().any(|l| l == line), "expected {line}\ngot\n{}", r.stderr);
    }
    let models = std::fs::read_to_string(dir.path().join("data/models.csv")).unwrap();
    assert!(models.contains("\nqwen2,Qwen2,qwen,alibaba,7B,,,") && !models.contains("gemma"), "{models}");
}

/// data/ must be what `import` makes of the list snapshot, when the snapshot is there (CI has it).
#[test]
fn shipped_data_is_in_sync_with_the_list_snapshot() {
    let list = root().join("../shared/awesome-edge-llms");
    if !list.join("README.md").exists() {
        eprintln!("skipped: no list snapshot at {}", list.display());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&root().join("data"), &dir.path().join("data"));
    let r = run(&["import", list.to_str().unwrap()], dir.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("data: nothing changed"),
        "data/ is stale; run `edge-atlas import ../shared/awesome-edge-llms`:\n{}",
        r.stdout
    );
}
