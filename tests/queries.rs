//! The questions of issue 16, asked of the shipped data with the real binary; each expected
//! answer was checked by hand against the list's Markdown.

mod common;

use common::*;
use std::process::Command;

/// The `kind:id`s `list` prints as CSV for these arguments.
fn ids(args: &[&str]) -> Vec<String> {
    let mut all = vec!["list", "--format", "csv"];
    all.extend(args);
    let r = run(&all, &root());
    assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    r.stdout.lines().skip(1).map(|l| l.split(',').next().unwrap().to_string()).collect()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn apple_silicon_means_its_chips_npus_and_cpus() {
    // README.md's framework table: Apple Silicon (llama.cpp, MLC-LLM, PowerInfer), "NPU: ANE,
    // Apple Silicon" (MNN-LLM), "NPU: ANE" (ExecuTorch), "Apple-M" (ollama); MLX: "M series chips".
    assert_eq!(
        sorted(ids(&["--kind", "framework", "--linked-to", "Apple Silicon"])),
        [
            "framework:executorch",
            "framework:llama-cpp",
            "framework:mlc-llm",
            "framework:mlx",
            "framework:mnn-llm",
            "framework:ollama",
            "framework:powerinfer"
        ]
    );
    // The reason names the leaf that matched and the class it belongs to.
    let r = run(&["list", "--kind", "framework", "--linked-to", "Apple Silicon", "--columns", "name"], &root());
    assert!(r.stdout.contains("ollama      targets Apple-M CPU (in Apple Silicon)"), "{}", r.stdout);
    assert!(r.stdout.contains("MLX         targets Apple M1 (in Apple Silicon)"), "{}", r.stdout);
}

#[test]
fn iphone_means_every_iphone_and_the_chips_in_them() {
    // docs/III-models.md: MM1 "iPhone 16", Phi 3 "iPhone A16", Ferret-UI "iPhone", Phi 4
    // "iPhone 12 Pro"; no other release names an iPhone.
    assert_eq!(
        ids(&["--kind", "model", "--linked-to", "iPhone"]),
        ["model:phi-4", "model:ferret-ui", "model:phi-3", "model:mm1"],
        "newest first"
    );
    let r = run(&["list", "--kind", "model", "--linked-to", "iPhone", "--columns", "name"], &root());
    assert!(r.stdout.contains("Phi 3      runs on Apple A16 (in iPhone)"), "{}", r.stdout);
}

#[test]
fn a_section_includes_the_papers_of_its_subsections() {
    // docs/V-frameworks.md, V.C.3 and its four subsections: nine papers.
    assert_eq!(
        sorted(ids(&["--kind", "paper", "--linked-to", "Storage Hierarchy and Offloading"])),
        [
            "paper:edgellm",
            "paper:energon",
            "paper:fast-inference-of-mixture-of-experts-language-models",
            "paper:high-throughput-generative-inference-of-large-language",
            "paper:llm-as-a-system-service-on",
            "paper:mnn-llm",
            "paper:pre-gated-moe",
            "paper:sti",
            "paper:zero-inference"
        ]
    );
    let r = run(&["list", "--kind", "paper", "--linked-to", "storage hierarchy and offloading"], &root());
    assert!(r.stdout.contains("covers MoE Offloading (in Storage Hierarchy and Offloading)"), "{}", r.stdout);
}

#[test]
fn chips_over_45_tops_with_their_devices_in_one_command() {
    // docs/II-commercial-products.md: eleven chips of 45 TOPS or more, and two GeForce cards of
    // data/extra_chips.csv; newest first.
    let r = run(&["list", "--kind", "chip", "--min-tops", "45", "--columns", "name,tops,devices"], &root());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines[0], "  #  name                         tops     devices");
    assert_eq!(lines.len(), 14, "{}", r.stdout);
    assert!(r.stdout.contains(" 8.  MTK Dimensity 9300           48       vivo X100, OPPO find x7\n"), "{}", r.stdout);
    assert!(r.stdout.contains(" 9.  Qualcomm Snapdragon 8Gen3    45       xiaomi 14, xiaomi 14 Pro\n"), "{}", r.stdout);
    // The phones themselves: four in the chip table, OPPO find x7 and xiaomi 14 Pro from
    // data/device_chips.csv.
    assert_eq!(
        ids(&["--kind", "device", "--category", "phone", "--min-tops", "45", "--sort", "name"]),
        [
            "device:oppo-find-x7",
            "device:vivo-x100",
            "device:vivo-x200",
            "device:xiaomi-14",
            "device:xiaomi-14-pro",
            "device:xiaomi-15"
        ]
    );
    assert_eq!(
        ids(&["--kind", "chip", "--min-tops", "45", "--sort", "tops"])[..3],
        ["chip:jetson-agx-orin", "chip:intel-core-ultra7-256v", "chip:nvidia-geforce-rtx-5090"]
    );
}

#[test]
fn tables_fit_the_width_and_are_whole_when_piped() {
    let args = ["list", "--kind", "paper", "--linked-to", "Double Buffering"];
    let whole = run(&args, &root());
    assert!(
        whole.stdout.contains("SpeedLoader: An I/O Efficient Scheme for Heterogeneous and Distributed LLM Operation")
    );
    let r = run(&[&args[..], &["--width", "80"]].concat(), &root());
    assert!(r.stdout.lines().all(|l| l.chars().count() <= 80), "{}", r.stdout);
    assert!(r.stdout.contains('…'), "{}", r.stdout);
}

#[test]
fn text_search_forgives_british_spelling() {
    let british = ids(&["--text", "quantisation"]);
    assert!(british.contains(&"technique:v-a-1-quantization".to_string()), "{british:?}");
    assert_eq!(british, ids(&["--text", "quantization"]));
}

#[test]
fn related_lists_direct_links_first() {
    let r = run(&["related", "PowerInfer-2", "--format", "json"], &root());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let items: Vec<serde_json::Value> = serde_json::from_str(&r.stdout).unwrap();
    let direct: Vec<&str> = items.iter().filter(|i| i["direct"] == true).map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(
        direct,
        [
            "technique:v-d-1-double-buffering",
            "technique:v-e-2-drove-by-arithmetic-intensity",
            "framework:powerinfer",
            "technique:v-a-1-quantization"
        ]
    );
    assert_eq!(items[2]["reason"], "direct: implements");
    assert_eq!(items[4]["id"], "paper:mllm-npu");
    assert_eq!(items[4]["reason"], "both cover Drove by Arithmetic Intensity; both cover Quantization; 1 month apart");
}

#[test]
fn mlx_and_tensorrt_llm_are_open_source() {
    for name in ["MLX", "TensorRT-LLM"] {
        let r = run(&["show", name], &root());
        assert!(r.stdout.contains("open_source   true"), "{name}: {}", r.stdout);
    }
}

#[test]
fn show_prefers_the_richer_entry_and_says_what_else_matched() {
    // A release and a product are both called MiniCPM (the release as corrections.csv spells
    // the list's "MinCPM"): the release, with more relations, wins.
    let r = run(&["show", "MiniCPM"], &root());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("MiniCPM  [model:mincpm]\n"), "{}", r.stdout);
    assert!(r.stdout.contains("member_of:\n  - MiniCPM Series [family:mincpm]\n"), "{}", r.stdout);
    assert!(r.stderr.contains("note: \"MiniCPM\" also names product:minicpm (MiniCPM)"), "{}", r.stderr);
    // The list's spelling still finds it.
    let r = run(&["show", "MinCPM"], &root());
    assert!(r.stdout.starts_with("MiniCPM  [model:mincpm]\n"), "{}", r.stdout);
    // A framework and a backend of one name: the framework, richer, wins; the backend is named.
    let r = run(&["show", "Qualcomm AI Engine Direct SDK"], &root());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("Qualcomm AI Engine Direct SDK  [framework:qualcomm-ai-engine-direct-sdk]\n"));
    assert!(r.stderr.contains("also names backend:qnn"), "{}", r.stderr);
    // A paper and a framework of one name are two things: still a question back.
    let r = run(&["show", "MNN-LLM"], &root());
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(r.stderr.contains("framework:mnn-llm (MNN-LLM), paper:mnn-llm (MNN-LLM)"), "{}", r.stderr);
}

#[test]
fn show_prints_json() {
    let r = run(&["show", "PowerInfer-2", "--format", "json"], &root());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["id"], "paper:powerinfer-2");
    assert_eq!(v["attributes"]["title"], "PowerInfer-2: Fast Large Language Model Inference on a Smartphone");
    assert_eq!(v["relations"]["implements"][0]["id"], "framework:powerinfer");
    assert_eq!(v["relations"]["covers"].as_array().unwrap().len(), 3);
    assert_eq!(v["related"][0]["id"], "paper:mllm-npu");
}

#[test]
fn bibtex_types_come_from_the_venue_table() {
    let r = run(&["list", "--kind", "paper", "--format", "bibtex"], &root());
    assert_eq!(r.code, 0, "{}", r.stderr);
    // TACO, TCSI and TRETS are journals; ACM and IEEE are publishers, never a booktitle.
    assert!(r.stdout.contains(
        "@article{a-fast-and-flexible-fpga-based-accelerator,\n  title = {{A fast and flexible fpga-based accelerator for natural language processing neural networks}},\n  journal = {ACM Transactions on Architecture and Code Optimization},\n"
    ), "{}", r.stdout);
    for journal in [
        "IEEE Transactions on Circuits and Systems I: Regular Papers",
        "ACM Transactions on Reconfigurable Technology and Systems",
    ] {
        assert!(r.stdout.contains(&format!("  journal = {{{journal}}},\n")), "{journal}");
    }
    assert!(!r.stdout.contains("booktitle = {ACM}") && !r.stdout.contains("booktitle = {IEEE}"));
    assert!(r.stdout.contains("  publisher = {ACM},\n"));
    assert!(r.stdout.contains("  booktitle = {IEEE/ACM International Symposium on Microarchitecture (MICRO)},\n"));
    // Every venue of papers.csv is in the table.
    let venues = std::fs::read_to_string(root().join("data/venues.csv")).unwrap();
    let known: Vec<&str> = venues.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
    let papers = std::fs::read_to_string(root().join("data/papers.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(papers.as_bytes());
    for row in reader.records() {
        let venue = row.unwrap()[3].to_string();
        assert!(venue.is_empty() || known.contains(&venue.as_str()), "venue {venue:?} is not in data/venues.csv");
    }
}

#[test]
fn path_prefers_specific_entries_to_hubs() {
    let r = run(&["path", "PowerInfer-2", "Snapdragon 8 Gen3"], &root());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "PowerInfer-2 [paper:powerinfer-2]
  --implements--> PowerInfer [framework:powerinfer]
  --uses_backend--> Metal [backend:metal]
  --used_by--> MLC-LLM [framework:mlc-llm]
  --supports--> LLaMA Series [family:llama]
  --members--> Llama3-Chat [model:llama3-chat]
  --runs_on--> Qualcomm Snapdragon 8Gen3 [chip:qualcomm-snapdragon-8gen3]
6 hop(s), cost 51
"
    );
    let r = run(&["path", "PowerInfer-2", "Snapdragon 8 Gen3", "--avoid", "Metal", "--alternatives", "2"], &root());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let paths: Vec<&str> = r.stdout.split("\n\n").collect();
    assert_eq!(paths.len(), 2, "{}", r.stdout);
    assert!(!r.stdout.contains("Metal"));
    assert!(
        paths[0].contains("--targets--> x86_64 CPU [device:x86-64-cpu]\n  --targeted_by--> FastLLM"),
        "{}",
        paths[0]
    );
    assert_ne!(paths[0], paths[1]);
    let r = run(&["path", "Phi 3", "Snapdragon 8 Gen3", "--via", "device"], &root());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("  --is_a--> Apple Silicon [device:apple-silicon]\n"), "{}", r.stdout);
    let r = run(&["path", "PowerInfer-2", "Snapdragon 8 Gen3", "--via", "paper"], &root());
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("through a paper within 6 hops"), "{}", r.stderr);
}

/// A command line as a shell splits it (double quotes only, as the examples use).
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let (mut word, mut quoted, mut any) = (String::new(), false, false);
    for c in line.chars() {
        match c {
            '"' => (quoted, any) = (!quoted, true),
            ' ' if !quoted => {
                if any {
                    out.push(std::mem::take(&mut word));
                }
                any = false;
            }
            c => (word, any) = (word + &c.to_string(), true),
        }
    }
    if any {
        out.push(word);
    }
    out
}

#[test]
fn every_subcommand_help_ends_with_examples_that_run() {
    let top = run(&["--help"], &root());
    assert!(top.stdout.contains("Exit codes:\n  0  success\n  1  invalid input or data"), "{}", top.stdout);
    let commands: Vec<String> = top
        .stdout
        .split("Commands:\n")
        .nth(1)
        .unwrap()
        .lines()
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_string)
        .collect();
    assert!(commands.len() >= 12, "{commands:?}");
    for command in &commands {
        let r = run(&[command, "--help"], &root());
        let examples = r.stdout.trim_end().rsplit_once("\nExamples:\n").map(|(_, e)| e.to_string());
        let examples = examples.unwrap_or_else(|| panic!("{command} --help has no examples:\n{}", r.stdout));
        let lines: Vec<&str> = examples.lines().collect();
        assert!((2..=4).contains(&lines.len()), "{command}: {lines:?}");
        for line in lines {
            let args = words(line.trim());
            assert_eq!(args[..2], ["edge-atlas", command.as_str()], "{line}");
            // The queries read the shipped data and write nothing: each example must work.
            if ["show", "related", "path", "list", "stats", "check"].contains(&command.as_str()) {
                let args: Vec<&str> = args[1..].iter().map(String::as_str).collect();
                let r = run(&args, &root());
                assert_eq!(r.code, 0, "{line}: {}", r.stderr);
                assert!(!r.stdout.is_empty(), "{line}");
            }
        }
    }
}

#[test]
fn help_lists_the_values_options_take() {
    let list = run(&["list", "--help"], &root()).stdout;
    for word in ["organisation, family, model", "is_a, part_of", "devices, chips, backends, targets"] {
        assert!(list.contains(word), "list --help lacks {word:?}");
    }
    assert!(
        run(&["path", "--help"], &root()).stdout.contains("Pass through an entry of this kind: organisation, family")
    );
    let show = run(&["show", "--help"], &root()).stdout;
    assert!(show.contains("Possible values:\n          - text: ") && show.contains("\n          - json: "), "{show}");
}

/// Run in a child process (below) with a bibtexparser 1.4 in front of the real one.
#[test]
fn child_checks_bibtexparser() {
    if std::env::var_os("EDGE_ATLAS_FAKE_BIBTEXPARSER").is_some() {
        assert!(!python_has(&["bibtexparser"]), "the 1.4 in front must not pass for the pinned 2.x");
    }
}

#[test]
fn a_wrong_bibtexparser_is_a_skip_with_the_reason_outside_ci() {
    if !have("python3") {
        return;
    }
    let fake = tempfile::tempdir().unwrap();
    let info = fake.path().join("bibtexparser-1.4.0.dist-info");
    std::fs::create_dir(&info).unwrap();
    std::fs::write(info.join("METADATA"), "Metadata-Version: 2.1\nName: bibtexparser\nVersion: 1.4.0\n").unwrap();
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["child_checks_bibtexparser", "--exact", "--nocapture"])
        .env("EDGE_ATLAS_FAKE_BIBTEXPARSER", "1")
        .env("PYTHONPATH", fake.path())
        .env_remove("CI")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains(
            "skipped: python3 has bibtexparser 1.4.0, the tests need 2.1.0 (pip install -r requirements.txt)"
        ),
        "{text}"
    );
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
