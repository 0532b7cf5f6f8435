//! The questions of issue 16, asked of the shipped data with the real binary; each expected
//! answer was checked by hand against the list's Markdown.

mod common;

use common::{root, run};

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
    // docs/II-commercial-products.md: eleven chips of 45 TOPS or more, newest first.
    let r = run(&["list", "--kind", "chip", "--min-tops", "45", "--columns", "name,tops,devices"], &root());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines[0], "  #  name                         tops     devices");
    assert_eq!(lines.len(), 12, "{}", r.stdout);
    assert!(r.stdout.contains(" 7.  MTK Dimensity 9300           48       vivo X100, OPPO find x7\n"), "{}", r.stdout);
    assert!(r.stdout.contains(" 8.  Qualcomm Snapdragon 8Gen3    45       xiaomi 14, xiaomi 14 Pro\n"), "{}", r.stdout);
    assert_eq!(
        ids(&["--kind", "chip", "--min-tops", "45", "--sort", "tops"])[..3],
        ["chip:jetson-agx-orin", "chip:intel-core-ultra7-256v", "chip:jetson-orin-nx"]
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
