//! data/corrections.csv end to end, with the real binary on the fixture list given the
//! shipped typo ("MinCPM"): import writes the corrected names and keeps the list's spelling as
//! an alias, lookups by it work, the figure shows the corrected name, lint still reports the
//! typo in the list, a second import changes nothing, and a correction is reported as no
//! longer needed once the list is fixed.

mod common;

use std::path::Path;

use common::{FIXTURE_LIST, copy_tree, root, run};

const ROWS: &str = "MinCPM | ModelBest | 2B |✔️| 2024.02\nMinCPM V2.0 | ModelBest | 2.8B |✔️| 2024.04\n\
                    MiniCPM-V | ModelBest | 8B |✔️| 2024.08\n";

/// The fixture list with the MinCPM rows in its 2024 table, spelt as `spelling`.
fn list_with(dir: &Path, spelling: &str) -> String {
    let list = dir.join("list");
    copy_tree(&root().join(FIXTURE_LIST), &list);
    let models = list.join("docs/III-models.md");
    let text = std::fs::read_to_string(&models).unwrap();
    let anchor = "Qwen2 | Alibaba |";
    assert!(text.contains(anchor));
    let rows = ROWS.replace("MinCPM", spelling);
    std::fs::write(&models, text.replacen(anchor, &format!("{rows}{anchor}"), 1)).unwrap();
    list.display().to_string()
}

fn import(list: &str, cwd: &Path) -> String {
    let r = run(&["import", list], cwd);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    r.stdout + &r.stderr
}

#[test]
fn corrections_rename_in_data_keep_the_list_spelling_and_say_when_no_longer_needed() {
    let dir = tempfile::tempdir().unwrap();
    let list = list_with(dir.path(), "MinCPM");
    import(&list, dir.path());
    let data = dir.path().join("data");
    // Created empty by the first import, with its header, for curating.
    assert_eq!(std::fs::read_to_string(data.join("corrections.csv")).unwrap(), "written,name,source\n");
    std::fs::write(
        data.join("corrections.csv"),
        "written,name,source\nMinCPM,MiniCPM,https://github.com/OpenBMB/MiniCPM\nGema,Gemma,a typo fixed long ago\n",
    )
    .unwrap();
    let out = import(&list, dir.path());
    assert!(
        out.contains(
            "corrected model:mincpm \"MinCPM\" → \"MiniCPM\" (corrections.csv line 2; the list's spelling is an alias)"
        ),
        "{out}"
    );
    // The family import made of the rows' first word too.
    assert!(out.contains("corrected family:mincpm \"MinCPM\" → \"MiniCPM\""), "{out}");
    assert!(out.contains("data/corrections.csv:3:1: warning: no name in the list has \"Gema\""), "{out}");
    let models = std::fs::read_to_string(data.join("models.csv")).unwrap();
    assert!(models.contains("\nmincpm,MiniCPM,") && models.contains("\nmincpm-v2-0,MiniCPM V2.0,"), "{models}");
    assert!(models.contains("\nminicpm-v,MiniCPM-V,") && !models.contains("MinCPM"), "{models}");
    let aliases = std::fs::read_to_string(data.join("aliases.csv")).unwrap();
    assert_eq!(aliases, "alias,target\nMinCPM,family:mincpm\nMinCPM,model:mincpm\nMinCPM V2.0,model:mincpm-v2-0\n");
    let show = run(&["show", "MinCPM V2.0"], dir.path());
    assert!(show.stdout.starts_with("MiniCPM V2.0  [model:mincpm-v2-0]\n"), "{}{}", show.stdout, show.stderr);

    // The figure draws the corrected name.
    let out = dir.path().join("figures");
    let r = run(&["timeline", "--format", "svg", "--out", out.to_str().unwrap()], dir.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let svg = std::fs::read_to_string(out.join("timeline-emergence-llms.svg")).unwrap();
    assert!(svg.contains(">MiniCPM") && !svg.contains("MinCPM"), "{svg}");

    // Lint reads the list, not data/: the two spellings are still reported there (which one
    // it proposes follows the list's counts; in the real list the eleven MiniCPM win).
    let r = run(&["lint", &list], dir.path());
    assert!(r.stdout.contains("warning[EA202]: \"MiniCPM-V\" is one letter from \"MinCPM\""), "{}", r.stdout);

    // Applied again, nothing changes.
    let before = common::snapshot(&data);
    let out = import(&list, dir.path());
    assert!(out.contains("data: nothing changed") && !out.contains("corrected model"), "{out}");
    assert_eq!(before, common::snapshot(&data));

    // The list fixed: the correction is no longer needed; ids and names stay.
    let fixed = list_with(&dir.path().join("fixed"), "MiniCPM");
    let out = import(&fixed, dir.path());
    assert!(
        out.contains(
            "data/corrections.csv:2:1: warning: the list now writes \"MiniCPM\" and no longer \"MinCPM\": no longer needed, remove it"
        ),
        "{out}"
    );
    let models = std::fs::read_to_string(data.join("models.csv")).unwrap();
    assert!(models.contains("\nmincpm,MiniCPM,") && models.contains("\nmincpm-v2-0,MiniCPM V2.0,"), "{models}");
}
