//! End-to-end tests of organisation logos (data/logos.csv and the files under data/logos/): the
//! real binary on the shipped data/ and on a copy with a logo the test draws, the SVG opened by
//! headless Chromium.

mod common;

use std::path::Path;
use std::process::Command;

use common::{consumer, copy_tree, have, root, run};
use edge_atlas::model::two_colour_png;

/// A copy of the shipped data/ in `dir`/data whose logos.csv is `table`, with `files` written
/// to data/logos/.
fn data_with_logos(dir: &Path, table: &str, files: &[(&str, &[u8])]) -> String {
    let data = dir.join("data");
    copy_tree(&root().join("data"), &data);
    std::fs::write(data.join("logos.csv"), format!("organisation,icon,colour\n{table}")).unwrap();
    for (name, bytes) in files {
        std::fs::write(data.join("logos").join(name), bytes).unwrap();
    }
    data.to_str().unwrap().to_string()
}

/// The RGB pixel at (x, y) of a PNG file.
fn pixel(png_file: &Path, x: u32, y: u32) -> [u8; 3] {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(png_file).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let i = (y as usize * info.width as usize + x as usize) * channels;
    [buf[i], buf[i + 1], buf[i + 2]]
}

/// Chromium's rendering of an SVG figure of the default size, as a PNG at `shot`.
fn screenshot(svg: &Path, shot: &Path) {
    consumer(
        Command::new("chromium")
            .args(["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"])
            .args(["--force-device-scale-factor=1", "--window-size=2100,920"])
            .arg(format!("--screenshot={}", shot.display()))
            .arg(format!("file://{}", svg.display())),
    );
}

/// The rectangle (x, y, width, height) of the first `<image>` of an SVG.
fn image_rect(svg: &str) -> (f64, f64, f64, f64) {
    let tag = format!(" {}", svg.split("<image ").nth(1).expect("an <image> element").split("/>").next().unwrap());
    let attr = |name: &str| -> f64 {
        tag.split(&format!(" {name}=\"")).nth(1).unwrap().split('"').next().unwrap().parse().unwrap()
    };
    (attr("x"), attr("y"), attr("width"), attr("height"))
}

#[test]
fn a_logo_is_drawn_in_the_png_and_embedded_in_the_svg_that_chromium_shows() {
    let dir = tempfile::tempdir().unwrap();
    let red_blue = two_colour_png(30, 20, [230, 10, 10], [10, 10, 230]);
    let data = data_with_logos(dir.path(), "alibaba,test.png,\n", &[("test.png", &red_blue)]);
    let out = dir.path().join("out");
    let r = run(&["timeline", "--data", &data, "--out", out.to_str().unwrap()], dir.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let svg = std::fs::read_to_string(out.join("timeline-emergence-llms.svg")).unwrap();
    assert_eq!(svg.matches("<image ").count(), 1, "the label naming Alibaba carries the logo");
    assert!(svg.contains("href=\"data:image/png;base64,iVBORw0KGgo"), "the PNG embedded as a data: URI");
    let (x, y, w, h) = image_rect(&svg);
    assert!((w / h - 1.5).abs() < 0.01, "the logo keeps its 3:2 shape: {w} × {h}");
    let (left, right, mid) = ((x + w * 0.25) as u32, (x + w * 0.75) as u32, (y + h / 2.0) as u32);
    // The PNG figure: the logo composited at the same place.
    let png = out.join("timeline-emergence-llms.png");
    let (l, r) = (pixel(&png, left, mid), pixel(&png, right, mid));
    assert!(l[0] > 180 && l[2] < 90 && r[2] > 180 && r[0] < 90, "PNG: {l:?} {r:?}");
    // The SVG as a browser shows it: Chromium decodes the embedded PNG and draws it there.
    if !have("chromium") {
        return;
    }
    let shot = dir.path().join("shot.png");
    screenshot(&out.join("timeline-emergence-llms.svg"), &shot);
    let (l, r) = (pixel(&shot, left, mid), pixel(&shot, right, mid));
    assert!(l[0] > 180 && l[2] < 90 && r[2] > 180 && r[0] < 90, "Chromium: {l:?} {r:?}");
}

#[test]
fn a_bad_logo_is_an_error_at_its_row_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let fake = b"\x89PNG\r\n\x1a\n this is not an image".as_slice();
    let huge = two_colour_png(600, 200, [0; 3], [255; 3]);
    let table = "google,fake.png,\nmeta,huge.png,\nacme,huge.png,\n";
    let data = data_with_logos(dir.path(), table, &[("fake.png", fake), ("huge.png", &huge)]);
    let r = run(&["check", "--data", &data], dir.path());
    assert_eq!(r.code, 1, "{}", r.stderr);
    let csv = Path::new(&data).join("logos.csv").display().to_string();
    let file = |f: &str| format!("logos/{f}");
    let expected = [
        format!("{csv}:2:8: error: {}: not a PNG image", file("fake.png")),
        format!("{csv}:3:6: error: {}: 600 × 200 pixels", file("huge.png")),
        format!("{csv}:4:1: error: organisation \"acme\": no such organisation"),
    ];
    for e in expected {
        assert!(r.stderr.contains(&e), "{e}\n{}", r.stderr);
    }
    // A symlink to a device is not a regular file: refused, not read.
    let logos = Path::new(&data).join("logos");
    std::fs::remove_file(logos.join("fake.png")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", logos.join("fake.png")).unwrap();
    let r = run(&["check", "--data", &data], dir.path());
    assert_eq!(r.code, 1, "{}", r.stderr);
    let e = format!("{csv}:2:8: error: {}: cannot read the logo: it is a", file("fake.png"));
    assert!(r.stderr.contains(&e), "{e}\n{}", r.stderr);
}

/// Microsoft's logo (lobehub's four squares, vendored as SVG): its top left square is red in
/// our PNG, rasterised by resvg, and in Chromium's rendering of our SVG.
fn microsofts_squares_are_drawn_where_the_svg_puts_them(dir: &Path, out: &Path) {
    use base64::Engine as _;
    let svg = std::fs::read_to_string(out.join("timeline-emergence-llms.svg")).unwrap();
    let tag = svg
        .split("<image ")
        .skip(1)
        .find(|t| {
            let href = t.split("base64,").nth(1).unwrap().split('"').next().unwrap();
            let logo = base64::engine::general_purpose::STANDARD.decode(href).unwrap();
            String::from_utf8(logo).unwrap().to_ascii_lowercase().contains("#f25022")
        })
        .expect("Microsoft's logo");
    let (x, y, w, h) = image_rect(&format!("<image {tag}"));
    let (qx, qy) = ((x + w * 0.3) as u32, (y + h * 0.3) as u32);
    let red = |p: [u8; 3]| p[0] > 200 && p[1] < 120 && p[2] < 90;
    let p = pixel(&out.join("timeline-emergence-llms.png"), qx, qy);
    assert!(red(p), "PNG: {p:?}");
    if !have("chromium") {
        return;
    }
    let shot = dir.join("ms.png");
    screenshot(&out.join("timeline-emergence-llms.svg"), &shot);
    let p = pixel(&shot, qx, qy);
    assert!(red(p), "Chromium: {p:?}");
}

/// The distinct logos embedded in an SVG figure.
fn logos_in(svg: &str) -> std::collections::BTreeSet<&str> {
    svg.split("href=\"").skip(1).map(|s| s.split('"').next().unwrap()).collect()
}

#[test]
fn the_shipped_figures_carry_the_vendored_logos_as_svg_and_no_logos_turns_them_off() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let data = root().join("data");
    let r = run(&["timeline", "--data", data.to_str().unwrap(), "--out", out.to_str().unwrap()], dir.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
    // data/logos/ also holds the icon sets' sources and licences: only what logos.csv names is read.
    assert!(!r.stderr.contains("logo"), "{}", r.stderr);
    let mut all = std::collections::BTreeSet::new();
    let mut per_figure = Vec::new();
    for f in ["timeline-emergence-llms", "hardware-timeline-tops", "hardware-timeline-memory"] {
        let svg = std::fs::read_to_string(out.join(format!("{f}.svg"))).unwrap();
        let logos = logos_in(&svg);
        assert!(logos.iter().all(|l| l.starts_with("data:image/svg+xml;base64,")), "{f}: SVG sources stay SVG");
        per_figure.push((f, logos.len()));
        all.extend(logos.into_iter().map(str::to_string));
    }
    microsofts_squares_are_drawn_where_the_svg_puts_them(dir.path(), &out);
    // Each organisation has one logo, so distinct logos are distinct organisations.
    assert!(all.len() >= 15, "logos of {} organisations: {per_figure:?}", all.len());
    assert!(per_figure.iter().all(|(_, n)| *n >= 5), "{per_figure:?}");
    let out = dir.path().join("plain");
    let args =
        ["timeline", "--no-logos", "--format", "svg", "--data", data.to_str().unwrap(), "--out", out.to_str().unwrap()];
    let r = run(&args, dir.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
    for f in ["timeline-emergence-llms", "hardware-timeline-tops", "hardware-timeline-memory"] {
        let svg = std::fs::read_to_string(out.join(format!("{f}.svg"))).unwrap();
        assert_eq!(svg.matches("<image ").count(), 0, "{f}");
    }
}

#[test]
fn build_no_logos_draws_every_figure_with_names_only() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let data = root().join("data");
    let args =
        ["build", "--no-logos", "--layout", "none", "--data", data.to_str().unwrap(), "--out", out.to_str().unwrap()];
    let r = run(&args, dir.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
    for f in ["timeline-emergence-llms", "hardware-timeline-tops", "hardware-timeline-memory"] {
        let svg = std::fs::read_to_string(out.join(format!("{f}.svg"))).unwrap();
        assert_eq!(svg.matches("<image ").count(), 0, "{f}");
        assert!(svg.matches("<text").count() > 10, "{f} still has its labels");
    }
    // The shipped output/ (with logos) embeds them: the flag is what took them out.
    let shipped = std::fs::read_to_string(root().join("output/timeline-emergence-llms.svg")).unwrap();
    assert!(shipped.matches("<image ").count() >= 5);
}
