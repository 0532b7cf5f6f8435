//! End-to-end tests of the hardware figures' upper panels (data/model_compute.csv and
//! data/model_memory.csv): located errors for bad rows, the panels drawn only with rows,
//! and the same bytes twice.

mod common;

use common::{imported, root, run};

const COMPUTE_HEADER: &str = "name,entry,organisation,size,released,tflops";
const MEMORY_HEADER: &str = "name,entry,platform,organisation,size,released,memory";

fn write(dir: &std::path::Path, file: &str, header: &str, rows: &[&str]) {
    let mut text = format!("{header}\n");
    rows.iter().for_each(|r| text.push_str(&format!("{r}\n")));
    std::fs::write(dir.join("data").join(file), text).unwrap();
}

#[test]
fn bad_panel_rows_are_errors_at_their_cell_naming_the_value_and_what_was_expected() {
    let dir = imported();
    write(
        dir.path(),
        "model_compute.csv",
        COMPUTE_HEADER,
        &[
            "Qwen2,model:qwen2,,7B,2024-07,7.6e11",
            "A,model:qwen9,,,2024-07,1e9",
            "B,chip:qualcomm-snapdragon-8gen3,,,2024-07,1e9",
            "C,,zzzz,,2024-07,1e9",
            "D,model:qwen2,,9B,2024-07,1e9",
            "E,,,,2024-13,1e9",
            "F,,,,2024-07,-5",
            "G,,,,2024-07,1e30",
            "H,,,,,1e9",
        ],
    );
    write(
        dir.path(),
        "model_memory.csv",
        MEMORY_HEADER,
        &[
            "Phi 3,model:phi-3,device:xiaomi-14,,7B,2024-04,16.4GB",
            "I,,model:qwen2,,,2024-05,1GB",
            "J,,device:nowhere-at-all,,,2024-05,1GB",
            "K,,,,,2024-05,16.4",
            "L,,,,,2024-05,500TB",
        ],
    );
    let r = run(&["check"], dir.path());
    assert_eq!(r.code, 1, "{}", r.stderr);
    let expected = [
        "data/model_compute.csv:3:3: error: entry \"model:qwen9\": no model has this id; did you mean qwen2, qwen2-5?",
        "data/model_compute.csv:4:3: error: entry \"chip:qualcomm-snapdragon-8gen3\": a chip cannot be the entry here (expected model, product or family)",
        "data/model_compute.csv:5:4: error: organisation \"zzzz\": no organisation has this id",
        "data/model_compute.csv:6:16: error: size \"9B\": Qwen2 (models.csv) has no such size; its sizes are 0.5B、1.5B、7B",
        "data/model_compute.csv:7:6: error: released \"2024-13\": month 13 does not exist (expected 01 to 12)",
        "data/model_compute.csv:8:14: error: tflops \"-5\": expected a positive number of TFLOPs such as 3.1e11 or 840",
        "data/model_compute.csv:9:14: error: tflops \"1e30\": outside the plausible 1e-6..1e18 TFLOPs",
        "data/model_compute.csv:10:6: error: released is empty: a value is required",
        "data/model_memory.csv:3:4: error: platform \"model:qwen2\": a model cannot be the platform here (expected chip or device)",
        "data/model_memory.csv:4:4: error: platform \"device:nowhere-at-all\": no device has this id",
        "data/model_memory.csv:5:15: error: memory \"16.4\": expected an amount of memory with its unit, such as 17.5GB, 512MB or 1TB",
        "data/model_memory.csv:6:15: error: memory \"500TB\": outside the plausible 10MB..100TB (0.01..102400 GB)",
    ];
    let got: Vec<&str> = r.stderr.lines().filter(|l| l.contains("model_")).collect();
    assert_eq!(got, expected, "{}", r.stderr);
}

#[test]
fn check_counts_the_panel_rows() {
    let r = run(&["check", "--data", root().join("data").to_str().unwrap()], &root());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    let at = lines.iter().position(|l| *l == "figure panels:").expect(&r.stdout);
    assert!(lines[at + 1].starts_with("  model_compute") && lines[at + 2].starts_with("  model_memory"));
    let count = |l: &str| l.split_whitespace().last().unwrap().parse::<usize>().unwrap();
    assert!(count(lines[at + 1]) >= 40 && count(lines[at + 2]) >= 20, "{}", r.stdout);
}

/// Titles of the two upper panels, as the SVG writes them.
const TITLES: [&str; 2] = [">Model computation (TFLOPs)</text>", ">Runtime memory of models (GB)</text>"];

fn figures(dir: &std::path::Path) -> [String; 2] {
    let out = dir.join("out");
    let r = run(&["timeline", "--out", out.to_str().unwrap(), "--format", "svg"], dir);
    assert_eq!(r.code, 0, "{}", r.stderr);
    ["hardware-timeline-tops.svg", "hardware-timeline-memory.svg"]
        .map(|f| std::fs::read_to_string(out.join(f)).unwrap())
}

#[test]
fn the_upper_panels_are_drawn_when_their_tables_have_rows_and_not_otherwise() {
    let dir = imported();
    let [tops, memory] = figures(dir.path());
    for (svg, title) in [(&tops, TITLES[0]), (&memory, TITLES[1])] {
        assert!(!svg.contains(title) && svg.contains("height=\"920\""), "no table: {title}");
    }
    // Header only: still the hardware panel alone.
    write(dir.path(), "model_compute.csv", COMPUTE_HEADER, &[]);
    write(dir.path(), "model_memory.csv", MEMORY_HEADER, &[]);
    assert_eq!(figures(dir.path()), [tops, memory]);
    write(dir.path(), "model_compute.csv", COMPUTE_HEADER, &["Qwen2,model:qwen2,,7B,2024-07,7.6e11"]);
    write(dir.path(), "model_memory.csv", MEMORY_HEADER, &["Phi 3,model:phi-3,device:xiaomi-14,,7B,2024-04,16.4GB"]);
    let [tops, memory] = figures(dir.path());
    assert!(tops.contains(TITLES[0]) && tops.contains(">Qwen2 7.6e11</text>") && !tops.contains(TITLES[1]));
    assert!(memory.contains(TITLES[1]) && memory.contains(">Phi 3</text>") && !memory.contains(TITLES[0]));
    // The chip panel keeps its axis title below the upper panel.
    assert!(tops.contains(">TOPS</text>") && memory.contains(">Memory (GB)</text>"));
}

#[test]
fn the_two_panel_figures_are_the_same_bytes_twice() {
    let dir = tempfile::tempdir().unwrap();
    let data = root().join("data");
    let draw = |name: &str| {
        let out = dir.path().join(name);
        let r = run(&["timeline", "--data", data.to_str().unwrap(), "--out", out.to_str().unwrap()], dir.path());
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(r.stdout.contains("model points)"), "{}", r.stdout);
        ["hardware-timeline-tops", "hardware-timeline-memory"]
            .iter()
            .flat_map(|f| ["png", "svg"].map(|e| std::fs::read(out.join(format!("{f}.{e}"))).unwrap()))
            .collect::<Vec<_>>()
    };
    assert!(draw("a") == draw("b"));
}

const CHIP_HEADER: &str = "id,name,vendor,line,tops,released,memory";

#[test]
fn extra_chips_are_chips_that_import_leaves_alone() {
    let dir = imported();
    let data = dir.path().join("data");
    write(
        dir.path(),
        "extra_chips.csv",
        CHIP_HEADER,
        &["nvidia-geforce-rtx-4090,NVIDIA GeForce RTX 4090,,GeForce,73,2022-10,24GB"],
    );
    let chips = std::fs::read(data.join("chips.csv")).unwrap();
    let r = run(&["show", "GeForce RTX 4090"], dir.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("NVIDIA GeForce RTX 4090  [chip:nvidia-geforce-rtx-4090]"), "{}", r.stdout);
    // Import (pruning or keeping rows gone from the list) neither moves the card into chips.csv
    // nor touches extra_chips.csv.
    let list = root().join("tests/fixtures/list");
    for extra in [&[][..], &["--keep-gone"][..]] {
        let mut args = vec!["import", list.to_str().unwrap()];
        args.extend_from_slice(extra);
        let r = run(&args, dir.path());
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(r.stdout.contains("data: nothing changed"), "{}", r.stdout);
        assert_eq!(std::fs::read(data.join("chips.csv")).unwrap(), chips);
    }
    let r = run(&["timeline", "--out", "out", "--format", "svg"], dir.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let svg = std::fs::read_to_string(dir.path().join("out/hardware-timeline-tops.svg")).unwrap();
    assert!(svg.contains(">GeForce</text>") && svg.contains(">RTX 4090</text>"), "{svg}");
}

#[test]
fn errors_in_extra_chips_are_located_in_that_file() {
    let dir = imported();
    write(
        dir.path(),
        "extra_chips.csv",
        CHIP_HEADER,
        &[
            "nvidia-geforce-rtx-4090,NVIDIA GeForce RTX 4090,zzzz,GeForce,73,2022-10,24GB",
            "jetson-orin-nano,Jetson Orin Nano again,,Jetson,20,2022-03,8GB",
            "nvidia-geforce-rtx-5090,NVIDIA GeForce RTX 5090,,GeForce,1e9,2025-01,32GB",
        ],
    );
    let r = run(&["check"], dir.path());
    assert_eq!(r.code, 1, "{}", r.stderr);
    let got: Vec<&str> = r.stderr.lines().filter(|l| l.contains("extra_chips")).collect();
    assert_eq!(
        got,
        [
            "data/extra_chips.csv:2:49: error: vendor \"zzzz\": no organisation has this id",
            "data/extra_chips.csv:3:1: error: id \"jetson-orin-nano\" is used twice: first in chips.csv line 2",
            "data/extra_chips.csv:4:58: error: tops \"1e9\": outside the plausible 0.01..10000 TOPS",
        ],
        "{}",
        r.stderr
    );
}
