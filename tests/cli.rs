//! End-to-end tests: the real `edge-atlas` binary run in temporary folders on small fixtures
//! written for these tests, and on the shipped data/.

mod common;

use common::*;
use std::process::Command;

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
fn check_prints_counts_per_kind_and_relation() {
    let dir = imported();
    let r = run(&["check"], dir.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("data: 36 entries, 43 relations, no errors\n"), "{}", r.stdout);
    assert!(r.stdout.contains("  paper               3\n"));
    assert!(r.stdout.contains("  covers              4\n"));
}

#[test]
fn show_lists_relations_grouped_by_kind() {
    let dir = imported();
    let r = run(&["show", "qwen 2.5"], dir.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let expected = "Qwen2.5  [model:qwen2-5]
  released      2024-12
  sizes         0.5B、7B
  params        500M;7B
  max_params    7000000000
  edge          devices
released_by:
  - Alibaba [organisation:alibaba]
member_of:
  - Qwen Series [family:qwen]
successor_of:
  - Qwen2 [model:qwen2]
runs_on:
  - Qualcomm Snapdragon 8Gen3 [chip:qualcomm-snapdragon-8gen3]
  - Snapdragon 8 Elite [device:snapdragon-8-elite]
frameworks supporting its family:
  - tinyrun [framework:tinyrun]
related (edge-atlas related for more):
  - xiaomi 14 [device:xiaomi-14]: runs on / has chip Qualcomm Snapdragon 8Gen3
  - tinyrun [framework:tinyrun]: member of / supports Qwen Series
";
    assert_eq!(r.stdout, expected);
}

#[test]
fn unknown_and_ambiguous_names_exit_2_with_candidates() {
    let dir = imported();
    let r = run(&["show", "qwn2"], dir.path());
    assert_eq!(r.code, 2);
    assert!(r.stderr.starts_with("no entry is called \"qwn2\"; closest: model:qwen2 (Qwen2)"), "{}", r.stderr);
    // A release and its family of one name: the one with more relations, and a note.
    let r = run(&["show", "gemini"], dir.path());
    assert_eq!(r.code, 0);
    assert!(r.stdout.starts_with("Gemini  [model:gemini]\n"), "{}", r.stdout);
    assert_eq!(r.stderr, "note: \"gemini\" also names family:gemini (Gemini); ask for it by kind:id\n");
    assert_eq!(run(&["show", "family:gemini"], dir.path()).code, 0);
    // Two different things of one name stay a question.
    let aliases = dir.path().join("data/aliases.csv");
    let mut text = std::fs::read_to_string(&aliases).unwrap();
    text.push_str("Zeta,model:gemini\nZeta,organisation:alibaba\n");
    std::fs::write(&aliases, text).unwrap();
    let r = run(&["show", "zeta"], dir.path());
    assert_eq!(r.code, 2);
    assert_eq!(r.stderr, "\"zeta\" is ambiguous; it could be organisation:alibaba (Alibaba), model:gemini (Gemini)\n");
}

#[test]
fn a_reader_closing_the_pipe_ends_the_run_quietly() {
    for args in [&["list"][..], &["check"], &["export", "--format", "graphml"], &["show", "qwen2-5"]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_edge-atlas"))
            .args(args)
            .current_dir(root())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Close the reading end before the first line comes, as `| head -0` would.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_ne!(out.status.code(), Some(101), "{args:?} must not exit as a panic");
    }
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(run(&["frobnicate"], dir.path()).code, 2);
    assert_eq!(run(&["check", "--nope"], dir.path()).code, 2);
    assert_eq!(run(&["--help"], dir.path()).code, 0);
}

/// One malformed edit per validation error class: (file, from, to, expected message, line).
const BAD_DATA: &[BadCase] = &[
    (
        "models.csv",
        "qwen2,Qwen2,qwen",
        "qwen2-5,Qwen2,qwen",
        "data/models.csv:5:1: error: id \"qwen2-5\" is used twice in models.csv; first at line 4",
    ),
    (
        "models.csv",
        "qwen2,Qwen2,qwen,",
        "qwen2,Qwen2,qwn,",
        "data/models.csv:4:13: error: family \"qwn\": no family has this id; did you mean qwen?",
    ),
    (
        "models.csv",
        "devices,2024-12",
        "devices,2024-13",
        "data/models.csv:5:46: error: released \"2024-13\": month 13 does not exist (expected 01 to 12)",
    ),
    (
        "models.csv",
        "devices,2024-12",
        "devices,2024.12",
        "data/models.csv:5:46: error: released \"2024.12\": expected a date YYYY-MM (e.g. 2024-06) or a year YYYY",
    ),
    (
        "models.csv",
        "0.5B、7B",
        "0.5B、7X",
        "data/models.csv:5:30: error: sizes \"0.5B、7X\": \"7X\" has no unit K, M, B or T; expected sizes such as 1.8B, 270M or nano(1.8B、3.25B), separated by 、 , or ;",
    ),
    (
        "models.csv",
        "0.5B、7B",
        "-7B",
        "data/models.csv:5:30: error: sizes \"-7B\": \"-7B\" is not a positive number with a unit; expected sizes such as 1.8B, 270M or nano(1.8B、3.25B), separated by 、 , or ;",
    ),
    (
        "models.csv",
        ",devices,",
        ",sometimes,",
        "data/models.csv:2:50: error: edge \"sometimes\": expected one of yes, no, unknown, devices",
    ),
    ("models.csv", "qwen2,Qwen2,", ",Qwen2,", "data/models.csv:4:1: error: id is empty: a value is required"),
    (
        "models.csv",
        "qwen2,Qwen2,",
        "Qwen 2,Qwen2,",
        "data/models.csv:4:1: error: id \"Qwen 2\": expected a slug of lowercase letters, digits and single dashes, e.g. qwen2-5",
    ),
    (
        "relations.csv",
        "paper:quant-tricks,covers,technique:v-a-1-quantization",
        "chip:jetson-orin-nano,covers,technique:v-a-1-quantization",
        "data/relations.csv:23:1: error: source \"chip:jetson-orin-nano\": a chip cannot be the source of covers (expected paper)",
    ),
    (
        "relations.csv",
        "paper:quant-tricks,covers,technique:v-a-1-quantization",
        "paper:quant-trick,covers,technique:v-a-1-quantization",
        "data/relations.csv:23:1: error: source \"paper:quant-trick\": no paper has this id; did you mean quant-tricks?",
    ),
    (
        "relations.csv",
        "paper:quant-tricks,covers,",
        "paper:quant-tricks,cites,",
        "data/relations.csv:23:20: error: relation \"cites\": expected one of released_by, member_of, successor_of, supports, uses_backend, targets, runs_on, made_by, ships_in, covers, subtopic_of, implements, built_on, powered_by, is_a, part_of",
    ),
    (
        "relations.csv",
        "paper:quant-tricks,covers,technique:v-a-1-quantization",
        "paper:quant-tricks,covers,robot:x",
        "data/relations.csv:23:27: error: target \"robot:x\": expected a reference kind:id, e.g. model:qwen2-5; expected one of organisation, family, model, framework, backend, chip, device, paper, technique, product, benchmark, format",
    ),
    (
        "relations.csv",
        "paper:tinyinfer-2,implements,framework:tinyrun\n",
        "paper:tinyinfer-2,implements,framework:tinyrun\npaper:tinyinfer-2,implements,framework:tinyrun\n",
        "data/relations.csv:27:1: error: duplicate relation paper:tinyinfer-2 implements framework:tinyrun; first at line 26",
    ),
    (
        "chips.csv",
        ",45,",
        ",lots,",
        "data/chips.csv:3:63: error: tops \"lots\": expected a number of TOPS such as 45 or 15.6, or configurations such as 20/40",
    ),
    (
        "chips.csv",
        "8GB/12GB/16GB",
        "8 TB",
        "data/chips.csv:3:74: error: memory \"8 TB\": expected memory options such as 8GB/12GB or 8G/12G",
    ),
    (
        "organisations.csv",
        "alibaba,Alibaba,",
        "alibaba,Alibaba,purple",
        "data/organisations.csv:2:17: error: colour \"purple\": expected a colour #rrggbb, e.g. #7b5fc9",
    ),
    (
        "techniques.csv",
        "v-frameworks,Frameworks,V,",
        "v-frameworks,Frameworks,V,v-a-1-quantization",
        "data/techniques.csv:2:39: error: parent \"v-a-kernels\": technique v-a-1-quantization is its own ancestor",
    ),
    (
        "papers.csv",
        ",false,on CPUs",
        ",maybe,on CPUs",
        "data/papers.csv:2:67: error: survey \"maybe\": expected true or false",
    ),
    (
        "papers.csv",
        "id,title,short_name",
        "id,name,short_name",
        "data/papers.csv:1: error: header does not match; missing column title; unknown column name; expected the columns id,title,short_name,venue,published,survey,tags,paper_url,code_url,official_url,hf_url",
    ),
    (
        "papers.csv",
        "quant-tricks,",
        "quant-tricks,extra,",
        "data/papers.csv:3: error: row has 12 fields, expected 11 (id,title,short_name,venue,published,survey,tags,paper_url,code_url,official_url,hf_url)",
    ),
    (
        "aliases.csv",
        "alias,target\n",
        "alias,target\nTongyi,family:qwenn\n",
        "data/aliases.csv:2:8: error: target \"family:qwenn\": no family has this id; did you mean qwen?",
    ),
    (
        "device_chips.csv",
        "device,chip\n",
        "device,chip\nxiaomi 14,Qualcomm Snapdragon 8Gen4\n",
        "data/device_chips.csv:2:11: error: chip \"Qualcomm Snapdragon 8Gen4\": no chip has this id or name; did you mean Qualcomm Snapdragon 8Gen3?",
    ),
    (
        "family_assignments.csv",
        "model,family\n",
        "model,family\nqwen2,Qwn\n",
        "data/family_assignments.csv:2:7: error: family \"Qwn\": no family has this id or name; did you mean Qwen Series?",
    ),
];

#[test]
fn every_validation_error_names_file_line_column_value_and_expectation() {
    let failures = failing_checks(BAD_DATA, str::to_string);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn all_errors_of_a_run_are_reported_together() {
    let dir = imported();
    let data = dir.path().join("data");
    let models = std::fs::read_to_string(data.join("models.csv")).unwrap();
    std::fs::write(data.join("models.csv"), models.replace("2024-12", "2024-13").replace("2024-04", "24-04")).unwrap();
    let chips = std::fs::read_to_string(data.join("chips.csv")).unwrap();
    std::fs::write(data.join("chips.csv"), chips.replace(",45,", ",x,")).unwrap();
    let r = run(&["check"], dir.path());
    assert_eq!(r.code, 1);
    assert_eq!(r.stderr.lines().filter(|l| l.contains(": error: ")).count(), 3, "{}", r.stderr);
    assert!(r.stderr.ends_with("3 error(s)\n"));
}

#[test]
fn broken_csv_bytes_are_errors_not_panics() {
    let huge = format!("id,name\ncuda,{}\n", "A".repeat(2_000_000));
    let cases: [(&str, &[u8], &str); 9] = [
        ("backends.csv", b"id,name\ncuda,CU\xffDA\n", "data/backends.csv:2:6: error: name is not valid UTF-8 text"),
        ("backends.csv", b"\xef\xbb\xbfid,name\r\ncuda,CUDA\r\n", ""),
        // Quotes escaped inside a quoted field, and a 2 MB field, are just text.
        ("backends.csv", b"id,name\ncuda,\"CU \"\"DA\"\"\"\n", ""),
        ("backends.csv", huge.as_bytes(), ""),
        (
            "backends.csv",
            b"id,name\ncu\"da,CUDA\n",
            "data/backends.csv:2:1: error: id \"cu\\\"da\": expected a slug of lowercase letters, digits and single dashes, e.g. qwen2-5",
        ),
        (
            "backends.csv",
            b"id\ncuda\n",
            "data/backends.csv:1: error: header does not match; missing column name; expected the columns id,name",
        ),
        (
            "backends.csv",
            b"id,name,x\ncuda,CUDA,1\n",
            "data/backends.csv:1: error: header does not match; unknown column x; expected the columns id,name",
        ),
        (
            "backends.csv",
            b"",
            "data/backends.csv:1: error: header does not match; missing column id, name; expected the columns id,name",
        ),
        (
            "backends.csv",
            b"id,name\n\"cuda,CUDA\n",
            "data/backends.csv:2: error: row has 1 fields, expected 2 (id,name)",
        ),
    ];
    for (file, bytes, expected) in cases {
        let dir = imported();
        std::fs::write(dir.path().join("data").join(file), bytes).unwrap();
        let r = run(&["check"], dir.path());
        if expected.is_empty() {
            assert_eq!(r.code, 1, "BOM and CRLF read fine, but relations then dangle:\n{}", r.stderr);
            // At most the one BOM warning: nothing about backends.csv is an error.
            assert!(!r.stderr.lines().any(|l| l.contains("backends.csv") && l.contains(": error: ")), "{}", r.stderr);
        } else {
            assert_eq!(r.code, 1);
            assert!(r.stderr.lines().any(|l| l == expected), "expected {expected}\ngot\n{}", r.stderr);
        }
    }
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

#[test]
fn shipped_data_checks_clean_and_answers_show() {
    let r = run(&["check"], &root());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("no errors"));
    let r = run(&["show", "Qwen2.5"], &root());
    for line in [
        "  - Alibaba [organisation:alibaba]",
        "  - Qwen Series [family:qwen]",
        "  - Qwen2 [model:qwen2]",
        "  - llama.cpp [framework:llama-cpp]",
        "  sizes         0.5B、1.5B、3B、7B、14B、32B、72B",
    ] {
        assert!(r.stdout.lines().any(|l| l == line), "missing {line:?} in\n{}", r.stdout);
    }
    let r = run(&["show", "PowerInfer-2"], &root());
    for line in ["  - Quantization [technique:v-a-1-quantization]", "  - PowerInfer [framework:powerinfer]"] {
        assert!(r.stdout.lines().any(|l| l == line), "missing {line:?} in\n{}", r.stdout);
    }
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

const HOSTILE_DATA: &str = "tests/fixtures/hostile";
/// The one-file export formats, from the library's one list of them.
fn graph_formats() -> Vec<&'static str> {
    edge_atlas::export::Format::one_file().map(|f| f.name()).collect()
}

/// Each export of the hostile fixture (`&`, `<`, quotes, backslashes, emoji, a newline in a
/// field) equals its golden file. `UPDATE_GOLDEN=1 cargo test` rewrites them after a
/// deliberate change; review the diff.
#[test]
fn exports_of_hostile_names_match_golden_files() {
    for format in graph_formats() {
        let r = run(&["export", "--data", HOSTILE_DATA, "--format", format], &root());
        assert_eq!(r.code, 0, "{}", r.stderr);
        let golden = root().join("tests/golden/hostile").with_extension(format);
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
            std::fs::write(&golden, &r.stdout).unwrap();
        }
        let want = std::fs::read_to_string(&golden).unwrap();
        assert!(r.stdout == want, "{format} export differs from {}:\n{}", golden.display(), r.stdout);
    }
}

#[test]
fn build_writes_every_export_byte_identically_across_runs() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    for out in [&a, &b] {
        let r = run(&["build", "--out", out.to_str().unwrap()], &root());
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    for format in graph_formats() {
        let name = format!("edge-atlas.{format}");
        let bytes = std::fs::read(a.join(&name)).unwrap();
        assert!(bytes.len() > 1000, "{name} is nearly empty");
        assert!(bytes == std::fs::read(b.join(&name)).unwrap(), "{name} differs between runs");
    }
}

#[test]
fn export_selects_by_kind_neighbourhood_and_date() {
    let count = |args: &[&str]| {
        let mut all = vec!["export", "--format", "json"];
        all.extend(args);
        let r = run(&all, &root());
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        let nodes = r.stdout.lines().filter(|l| l.starts_with("{\"id\":")).count();
        let edges = r.stdout.lines().filter(|l| l.starts_with("{\"source\":")).count();
        (nodes, edges, r.stdout)
    };
    // 162 papers + 54 techniques; covers 192 + subtopic_of 51.
    assert_eq!(count(&["--kind", "paper,technique"]).0, 216);
    assert_eq!(count(&["--kind", "papers,techniques"]).1, 243);
    let (n, _, text) = count(&["--around", "framework:mnn-llm", "--depth", "1"]);
    assert!(text.contains("\"id\":\"organisation:alibaba\""), "MNN-LLM's maker is one hop away");
    assert!(!text.contains("\"id\":\"model:qwen2-5\""));
    assert!(n < count(&["--around", "framework:mnn-llm", "--depth", "2"]).0);
    let (_, _, recent) = count(&["--since", "2024-08"]);
    assert!(recent.contains("\"id\":\"model:qwen2-5\"") && !recent.contains("\"id\":\"model:qwen2\""));
    let r = run(&["export", "--around", "MNN-LLM", "--format", "dot"], &root());
    assert_eq!(
        (r.code, r.stderr.trim()),
        (2, "\"MNN-LLM\" is ambiguous; it could be framework:mnn-llm (MNN-LLM), paper:mnn-llm (MNN-LLM)")
    );
    let r = run(&["export", "--out", "graph.txt"], &root());
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("cannot tell the format from \".txt\""), "{}", r.stderr);
}

/// The exports of the shipped data and of the hostile fixture, opened by the real consumers:
/// xmllint against the GraphML XSD and the GEXF 1.3 RELAX NG grammar, Graphviz, networkx.
#[test]
fn exports_pass_the_real_consumers() {
    let dir = tempfile::tempdir().unwrap();
    let mut sets = Vec::new();
    for (name, data) in [("shipped", "data"), ("hostile", HOSTILE_DATA)] {
        let out = dir.path().join(name);
        for format in graph_formats() {
            let file = out.join(format!("edge-atlas.{format}"));
            let r = run(&["export", "--data", data, "--format", format, "--out", file.to_str().unwrap()], &root());
            assert_eq!(r.code, 0, "{}", r.stderr);
        }
        let r = run(&["stats", "--json", "--data", data], &root());
        assert_eq!(r.code, 0, "{}", r.stderr);
        std::fs::write(out.join("stats.json"), r.stdout).unwrap();
        sets.push((name, out));
    }
    let schemas = root().join("../shared/schemas");
    if schemas.exists() && have("xmllint") {
        for (_, out) in &sets {
            let xmllint = |schema_flag: &str, schema: &str, file: &str| {
                consumer(
                    Command::new("xmllint")
                        .args(["--nonet", "--noout", schema_flag])
                        .arg(schemas.join(schema))
                        .arg(out.join(file)),
                )
            };
            xmllint("--schema", "graphml/graphml.xsd", "edge-atlas.graphml");
            xmllint("--relaxng", "gexf-1.3/gexf.rng", "edge-atlas.gexf");
        }
    } else if !schemas.exists() {
        assert!(std::env::var_os("CI").is_none(), "CI must have ../shared/schemas");
        eprintln!("skipped: no schemas at {}", schemas.display());
    }
    if have("dot") {
        for (_, out) in &sets {
            consumer(Command::new("dot").arg("-Tsvg").arg(out.join("edge-atlas.dot")).arg("-o").arg(out.join("g.svg")));
            let svg = std::fs::read_to_string(out.join("g.svg")).unwrap();
            assert!(svg.contains("<a xlink:href=\"https://"), "nodes with a URL are links in the SVG");
        }
    }
    if have("python3") && python_has(&["networkx"]) {
        let script = root().join("tests/conformance/networkx_check.py");
        for (name, out) in &sets {
            let mut cmd = Command::new("python3");
            cmd.arg(&script).arg(out).arg(out.join("stats.json"));
            if *name == "hostile" {
                cmd.arg(root().join("tests/conformance/hostile-expect.json"));
            }
            consumer(&mut cmd);
        }
    }
}

/// output/ is committed so the README can show it; it must be what `build` makes of data/.
#[test]
fn a_build_that_fails_half_way_leaves_every_previous_output_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let previous =
        ["edge-atlas.dot", "edge-atlas.graphml", "edge-atlas.gexf", "edge-atlas.json", "timeline-emergence-llms.png"];
    for name in previous {
        std::fs::write(out.join(name), "previous").unwrap();
    }
    // The exports and the first figures are made; the last figure cannot be written.
    std::fs::create_dir(out.join("hardware-timeline-tops.svg")).unwrap();
    let r = run(&["build", "--out", out.to_str().unwrap()], &root());
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("hardware-timeline-tops.svg: a directory is in the way"), "{}", r.stderr);
    assert!(!r.stdout.contains("wrote"), "nothing is announced: {}", r.stdout);
    for name in previous {
        assert_eq!(std::fs::read_to_string(out.join(name)).unwrap(), "previous", "{name} was replaced");
    }
    let mut names: Vec<String> =
        std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    assert_eq!(names.len(), previous.len() + 1, "temporary files are removed: {names:?}");
}

#[test]
fn committed_outputs_are_what_build_makes_of_the_shipped_data() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(&["build", "--out", dir.path().to_str().unwrap()], &root());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let fresh = snapshot(dir.path());
    let committed = snapshot(&root().join("output"));
    let names = |s: &[(String, Vec<u8>)]| s.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&committed), names(&fresh));
    for ((name, old), (_, new)) in committed.iter().zip(&fresh) {
        assert!(old == new, "output/{name} is stale: run `cargo run --release -- build` and commit output/");
    }
}

#[test]
fn timeline_flags_select_releases_and_report_what_did_not_fit() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let data = root().join("data");
    let data = data.to_str().unwrap();
    let r = run(
        &["timeline", "--data", data, "--out", out, "--org", "Alibaba", "--format", "svg", "--title", "Qwen & co"],
        dir.path(),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("timeline-emergence-llms.svg (24 dots, 5 releases)"), "{}", r.stdout);
    assert!(!dir.path().join("timeline-emergence-llms.png").exists(), "--format svg writes SVG only");
    let svg = std::fs::read_to_string(dir.path().join("timeline-emergence-llms.svg")).unwrap();
    assert_eq!(svg.matches("<circle").count(), 24);
    assert!(svg.contains(">Qwen &amp; co</text>") && svg.contains(">Qwen (Alibaba)</text>"));

    let r = run(&["timeline", "--data", data, "--out", out, "--width", "400", "--height", "300"], dir.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .lines()
            .any(|l| l.starts_with("warning: timeline-emergence-llms: no room for the label of ")
                && l.contains("[model:")),
        "{}",
        r.stderr
    );

    let r = run(&["timeline", "--data", data, "--out", out, "--org", "Alibabba"], dir.path());
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("closest: organisation:alibaba"), "{}", r.stderr);
    let r = run(&["timeline", "--data", data, "--out", out, "--max-params", "lots"], dir.path());
    assert_eq!(r.code, 2, "{}", r.stderr);
}

#[test]
fn related_ranks_by_shared_specific_neighbours_with_reasons() {
    let r = run(&["related", "PowerInfer-2", "--kind", "paper", "--format", "json"], &root());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let ids: Vec<&str> = r.stdout.split("\"id\":\"").skip(1).map(|s| s.split('"').next().unwrap()).collect();
    // mllm-NPU shares two of PowerInfer-2's leaf techniques; the next three share one each.
    assert_eq!(
        &ids[..4],
        ["paper:mllm-npu", "paper:llm-as-a-system-service-on", "paper:speedloader", "paper:swapadvisor"]
    );
    assert!(r.stdout.contains("both cover Drove by Arithmetic Intensity; both cover Quantization; 1 month apart"));
    let r = run(&["related", "qwen 2.5", "--top", "3"], &root());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with("related to Qwen2.5 [model:qwen2-5]:\n #  title   ") && r.stdout.contains("\n1.  Qwen3  "),
        "{}",
        r.stdout
    );
    let r = run(&["related", "MNN-LLM"], &root());
    assert_eq!(r.code, 2, "ambiguous names exit 2: {}", r.stderr);
    let r = run(&["related", "PowerInfer-2", "--kind", "paper", "--top", "2", "--format", "bibtex"], &root());
    assert!(
        r.stdout.starts_with(
            "@misc{mllm-npu,\n  title = {{Empowering 1000 Tokens/Second On-Device LLM Prefilling With mllm-NPU}},"
        ),
        "{}",
        r.stdout
    );
    let r = run(&["show", "PowerInfer-2"], &root());
    assert!(
        r.stdout.contains("related (edge-atlas related for more):\n  - mllm-NPU [paper:mllm-npu]: "),
        "{}",
        r.stdout
    );
}

#[test]
fn path_follows_relations_both_ways() {
    let r = run(&["path", "MiniCPM Series", "Snapdragon 8 Gen3"], &root());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("MiniCPM Series [family:mincpm]\n  --supported_by--> "), "{}", r.stdout);
    assert!(
        r.stdout
            .ends_with("--runs_on--> Qualcomm Snapdragon 8Gen3 [chip:qualcomm-snapdragon-8gen3]\n6 hop(s), cost 47\n"),
        "{}",
        r.stdout
    );
    let r = run(&["path", "MiniCPM Series", "Snapdragon 8 Gen3", "--max-hops", "3"], &root());
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("no path from MiniCPM Series [family:mincpm] to Qualcomm Snapdragon 8Gen3"),
        "{}",
        r.stderr
    );
}

/// `related` against networkx's Adamic-Adar index and its BibTeX against bibtexparser.
#[test]
fn queries_match_networkx_and_bibtex_parses() {
    if !(have("python3") && python_has(&["networkx", "bibtexparser"])) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("graph.json");
    let r = run(&["export", "--format", "json", "--out", json.to_str().unwrap()], &root());
    assert_eq!(r.code, 0, "{}", r.stderr);
    consumer(
        Command::new("python3")
            .arg(root().join("tests/conformance/query_check.py"))
            .arg(env!("CARGO_BIN_EXE_edge-atlas"))
            .arg(root().join("data"))
            .arg(&json),
    );
}

#[test]
fn list_filters_combine() {
    let names = |args: &[&str]| {
        let mut all = vec!["list", "--format", "csv"];
        all.extend(args);
        let r = run(&all, &root());
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        r.stdout.lines().skip(1).map(|l| l.split(',').next().unwrap().to_string()).collect::<Vec<_>>()
    };
    // Frameworks whose rows say they support the Qwen family and target NPUs.
    assert_eq!(
        names(&["--kind", "framework", "--linked-to", "Qwen", "--linked-to", "NPU"]),
        ["framework:llama-cpp", "framework:mllm-npu", "framework:mnn-llm", "framework:openvino"]
    );
    assert_eq!(names(&["--kind", "framework", "--linked-to", "Qwen", "--via", "targets"]), Vec::<String>::new());
    assert_eq!(
        names(&["--kind", "model", "--org", "Alibaba", "--max-params", "1B", "--since", "2024-06", "--sort", "id"]),
        ["model:qwen2", "model:qwen2-5", "model:qwen3"]
    );
    assert_eq!(
        names(&["--kind", "chip", "--min-tops", "100"]),
        ["chip:nvidia-geforce-rtx-5090", "chip:intel-core-ultra7-256v", "chip:jetson-agx-orin", "chip:jetson-orin-nx"],
        "newest first"
    );
    assert_eq!(names(&["--text", "powerinfer"]), ["framework:powerinfer", "paper:powerinfer-2"]);
    let r = run(&["list", "--linked-to", "Qwenn"], &root());
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("closest: "), "{}", r.stderr);
    let r = run(&["list", "--kind", "paper", "--text", "PowerInfer", "--format", "bibtex"], &root());
    assert!(r.stdout.starts_with("@misc{powerinfer-2,"), "{}", r.stdout);
}

#[test]
fn synthetic_data_is_valid_deterministic_and_counted_right() {
    let dir = tempfile::tempdir().unwrap();
    let mut printed = Vec::new();
    for out in ["a", "b"] {
        let r = run(&["synth", "--entries", "3000", "--seed", "7", "--out", out], dir.path());
        assert_eq!(r.code, 0, "{}", r.stderr);
        printed.push(r.stdout.trim().trim_start_matches(out).to_string());
    }
    assert_eq!(snapshot(&dir.path().join("a")), snapshot(&dir.path().join("b")), "same seed, same bytes");
    let r = run(&["check", "--data", "a"], dir.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
    // synth's own count of relations equals what check finds, reference columns included.
    assert_eq!(r.stdout.lines().next().unwrap(), format!("a{}, no errors", printed[0]));
    let orgs = std::fs::read_to_string(dir.path().join("a/organisations.csv")).unwrap();
    assert!(orgs.contains("模型") && orgs.contains("\"Organisation"), "names carry non-ASCII text and CSV specials");
    let r = run(&["build", "--data", "a", "--out", "out"], dir.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
}
