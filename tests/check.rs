//! `check` end to end: counts, one malformed edit per validation error class (file, line,
//! column, value, expectation), every error of a run together, broken CSV bytes, the shipped data.

mod common;

use common::*;

#[test]
fn check_prints_counts_per_kind_and_relation() {
    let dir = imported();
    let r = run(&["check"], dir.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("data: 36 entries, 43 relations, no errors\n"), "{}", r.stdout);
    assert!(r.stdout.contains("  paper               3\n"));
    assert!(r.stdout.contains("  covers              4\n"));
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
        "data/papers.csv:1: error: header does not match; missing column title; unknown column \"name\"; expected the columns id,title,short_name,venue,published,survey,tags,paper_url,code_url,official_url,hf_url",
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

/// A table saved with CRLF or lone CR line ends gives each error the line and column it has
/// with LF.
#[test]
fn crlf_and_cr_tables_report_the_positions_of_lf_ones() {
    let mut failures = Vec::new();
    for ending in ["\r\n", "\r"] {
        for (file, from, to, expected) in BAD_DATA {
            let dir = imported();
            let path = dir.path().join("data").join(file);
            let text = std::fs::read_to_string(&path).unwrap().replacen(from, to, 1);
            std::fs::write(&path, text.replace('\n', ending)).unwrap();
            let r = run(&["check"], dir.path());
            if !r.stderr.lines().any(|l| l == *expected) {
                failures.push(format!("{ending:?} {file}: expected {expected}\ngot {}", r.stderr));
            }
        }
    }
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
    let wide = format!("id,name{}\ncuda,CUDA\n", ",x".repeat(1_000_000));
    let cases: [(&str, &[u8], &str); 13] = [
        (
            "backends.csv",
            b"id,name,,\ncuda,CUDA,,\n",
            "data/backends.csv:1: error: header does not match; 2 column(s) without a name (a trailing comma?); expected the columns id,name",
        ),
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
            "data/backends.csv:1: error: header does not match; unknown column \"x\"; expected the columns id,name",
        ),
        (
            "backends.csv",
            b"id,nmae\ncuda,CUDA\n",
            "data/backends.csv:1: error: header does not match; missing column name; unknown column \"nmae\"; did you mean name?; expected the columns id,name",
        ),
        (
            "backends.csv",
            b"id,name,id\ncuda,CUDA,cuda\n",
            "data/backends.csv:1: error: header does not match; column \"id\" appears twice; expected the columns id,name",
        ),
        (
            "backends.csv",
            wide.as_bytes(),
            "data/backends.csv:1: error: header does not match; unknown column \"x\"; column \"x\" appears twice; column \"x\" appears twice; column \"x\" appears twice; column \"x\" appears twice; 999995 more columns unknown or twice; expected the columns id,name",
        ),
        (
            "backends.csv",
            b"",
            "data/backends.csv:1: error: no header (the file is empty); expected the columns id,name",
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

/// A table that cannot be read (its header wrong) is one error: the references into it from
/// the other tables (relations, aliases, device chips, logos, ...) are not reported again.
#[test]
fn an_unreadable_table_is_one_error_not_one_per_reference() {
    for kind in edge_atlas::model::EntryKind::ALL {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        common::copy_tree(&root().join("data"), &data);
        let path = data.join(kind.file_name());
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replacen("id,", "ID,", 1)).unwrap();
        let r = run(&["check", "--data", data.to_str().unwrap()], &root());
        assert_eq!(r.code, 1, "{kind}");
        let errors: Vec<&str> = r.stderr.lines().filter(|l| l.contains(": error: ")).collect();
        let header =
            format!("{}:1: error: header does not match; missing column id; unknown column \"ID\"", path.display());
        assert!(errors.len() == 1 && errors[0].starts_with(&header), "{kind}: {errors:#?}");
    }
}
