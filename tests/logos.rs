//! End-to-end tests of organisation logos (data/logos/<id>.png): the real binary on a copy of
//! the shipped data/ with a logo the test draws, the SVG opened by headless Chromium.

mod common;

use std::path::Path;
use std::process::Command;

use common::{consumer, have, root, run};
use edge_atlas::model::two_colour_png;

/// A copy of the shipped data/ in `dir`/data, with `logos` written to data/logos/.
fn data_with_logos(dir: &Path, logos: &[(&str, &[u8])]) -> String {
    let data = dir.join("data");
    std::fs::create_dir_all(data.join("logos")).unwrap();
    for e in std::fs::read_dir(root().join("data")).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_file() {
            std::fs::copy(e.path(), data.join(e.file_name())).unwrap();
        }
    }
    for (name, bytes) in logos {
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
    let data = data_with_logos(dir.path(), &[("alibaba.png", &red_blue)]);
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
    consumer(
        Command::new("chromium")
            .args(["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"])
            .args(["--force-device-scale-factor=1", "--window-size=2100,920"])
            .arg(format!("--screenshot={}", shot.display()))
            .arg(format!("file://{}", out.join("timeline-emergence-llms.svg").display())),
    );
    let (l, r) = (pixel(&shot, left, mid), pixel(&shot, right, mid));
    assert!(l[0] > 180 && l[2] < 90 && r[2] > 180 && r[0] < 90, "Chromium: {l:?} {r:?}");
}

#[test]
fn a_bad_logo_is_an_error_naming_the_file_and_a_stray_one_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let fake = b"\x89PNG\r\n\x1a\n this is not an image".as_slice();
    let huge = two_colour_png(600, 200, [0; 3], [255; 3]);
    let good = two_colour_png(8, 8, [0; 3], [255; 3]);
    let data = data_with_logos(dir.path(), &[("google.png", fake), ("meta.png", &huge), ("acme.png", &good)]);
    let r = run(&["check", "--data", &data], dir.path());
    assert_eq!(r.code, 1, "{}", r.stderr);
    let logos = Path::new(&data).join("logos");
    let at = |f: &str| logos.join(f).display().to_string();
    assert!(r.stderr.contains(&format!("{}: error: not a PNG image", at("google.png"))), "{}", r.stderr);
    assert!(r.stderr.contains(&format!("{}: error: 600 × 200 pixels", at("meta.png"))), "{}", r.stderr);
    assert!(r.stderr.contains(&format!("{}: warning: no organisation \"acme\"", at("acme.png"))), "{}", r.stderr);
    // A symlink to a device is not a regular file: refused, not read.
    std::fs::remove_file(logos.join("google.png")).unwrap();
    std::fs::remove_file(logos.join("meta.png")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", logos.join("google.png")).unwrap();
    let r = run(&["check", "--data", &data], dir.path());
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains(&format!("{}: error: cannot read the logo: it is a", at("google.png"))), "{}", r.stderr);
}
