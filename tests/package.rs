//! The crate as `cargo package` would publish it: everything `build` needs (sources, the
//! vendored JavaScript and page files they compile in, the curated data/) and nothing else (no
//! output/, tests, fixtures, benches or fuzz targets), well under crates.io's 10 MB limit.

mod common;

use common::root;

#[test]
fn the_package_holds_what_build_needs_and_nothing_else() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = std::process::Command::new(cargo)
        .args(["package", "--list", "--allow-dirty", "--offline"])
        .current_dir(root())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let list = String::from_utf8_lossy(&out.stdout).into_owned();
    let files: Vec<&str> = list.lines().collect();
    for must in [
        "Cargo.toml",
        "Cargo.lock",
        "README.md",
        "src/main.rs",
        "src/lib.rs",
        "src/diff/mod.rs",
        "src/site/page/app.js",
        "src/site/vendor/d3-force-3.0.1.min.js",
        "src/site/vendor/fuse.js.LICENSE",
        "data/organisations.csv",
        "data/relations.csv",
        "data/extra_chips.csv",
        "data/venues.csv",
    ] {
        assert!(files.contains(&must), "{must} is missing from the package:\n{list}");
    }
    for f in &files {
        let outside =
            ["output/", "tests/", "benches/", "fuzz/", "scripts/", "contrib/", "action/", ".github/", "target/"];
        assert!(!outside.iter().any(|p| f.starts_with(p)), "{f} should not be packaged");
    }
    // Every include_str! of the sources is in the package (the build of the package needs it).
    for (src, dir) in [("src/site/html.rs", "src/site/")] {
        let text = std::fs::read_to_string(root().join(src)).unwrap();
        for inc in text.split("include_str!(\"").skip(1).filter_map(|r| r.split('"').next()) {
            let path = format!("{dir}{inc}");
            assert!(files.contains(&path.as_str()), "{path} (compiled in by {src}) is not packaged");
        }
    }
    let bytes: u64 = files.iter().filter_map(|f| std::fs::metadata(root().join(f)).ok()).map(|m| m.len()).sum();
    assert!(bytes < 10 << 20, "{bytes} bytes before compression: over crates.io's 10 MB");
}
