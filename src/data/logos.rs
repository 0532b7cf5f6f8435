//! logos.csv: which logo each organisation is drawn with, a PNG or SVG file under data/logos/
//! (the vendored icon sets, see data/logos/README.md), and in which colour a monochrome icon
//! is drawn. The files are untrusted input: only regular files inside data/logos/ are read, at
//! most [`MAX_LOGO_BYTES`] each, and each must decode as a PNG of sane dimensions or an SVG.

use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::{Component, Path};

use super::read::Row;
use crate::model::{Id, LOGO_EXPECTED, Logo, MAX_LOGO_BYTES, Organisation, Rgb};

/// The curated table.
pub const FILE: &str = "logos.csv";
pub const COLUMNS: &[&str] = &["organisation", "icon", "colour"];
/// The folder of data/ that holds the logo files.
pub const LOGO_DIR: &str = "logos";

/// Reads one row of logos.csv into `logos`, its file read and decoded; errors are the row's, at
/// the column they concern (a second row for one organisation is one).
pub fn row(r: &mut Row, dir: &Path, organisations: &[Organisation], logos: &mut BTreeMap<Id, Logo>) -> Option<()> {
    let organisation = r.parse("organisation", |v| {
        let id: Id = v.parse()?;
        if !organisations.iter().any(|o| o.id == id) {
            Err("no such organisation in organisations.csv".to_string())
        } else if logos.contains_key(&id) {
            Err("a second logo for this organisation: one row each".to_string())
        } else {
            Ok(id)
        }
    });
    let icon = r.parse("icon", |v| {
        let path = Path::new(v);
        let inside = path.components().all(|c| matches!(c, Component::Normal(_)));
        let kind = path.extension().and_then(|e| e.to_str()).filter(|e| matches!(*e, "png" | "svg"));
        match (inside, kind) {
            (true, Some(kind)) => Ok((path.to_path_buf(), kind == "svg")),
            _ => Err(format!("expected a .svg or .png file under {LOGO_DIR}/, as a relative path without ..")),
        }
    });
    let colour = r.opt("colour", str::parse::<Rgb>);
    let (organisation, (icon, svg), colour) = (organisation?, icon?, colour?);
    match load(&dir.join(LOGO_DIR).join(&icon), svg, colour) {
        Ok(logo) => {
            logos.insert(organisation, logo);
            Some(())
        }
        Err(e) => {
            // Named as from data/, beside the row's own file.
            r.error("icon", format!("{}: {e}", Path::new(LOGO_DIR).join(&icon).display()));
            None
        }
    }
}

fn load(path: &Path, svg: bool, colour: Option<Rgb>) -> Result<Logo, String> {
    let mut file = crate::fsx::open_regular(path, MAX_LOGO_BYTES).map_err(|e| format!("cannot read the logo: {e}"))?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).map_err(|e| format!("cannot read the logo: {e}"))?;
    let logo = if svg { Logo::decode_svg(&bytes, colour) } else { Logo::decode(&bytes) };
    logo.map_err(|e| format!("{e}; a logo must be {LOGO_EXPECTED}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostics;
    use crate::model::two_colour_png;

    fn org(id: &str) -> Organisation {
        Organisation { id: id.parse().unwrap(), name: id.to_string(), colour: None }
    }

    /// Reads `table` as logos.csv of `dir` with organisations `orgs`.
    fn read(dir: &Path, table: &str, orgs: &[Organisation]) -> (BTreeMap<Id, Logo>, Diagnostics) {
        std::fs::write(dir.join(FILE), table).unwrap();
        let (mut diags, mut logos) = (Diagnostics::default(), BTreeMap::new());
        super::super::read::read_table(
            &dir.join(FILE),
            FILE,
            super::super::read::Columns::required(COLUMNS),
            super::super::read::MAX_FILE_BYTES,
            &mut diags,
            |r| row(r, dir, orgs, &mut logos),
        );
        (logos, diags)
    }

    #[test]
    fn good_logos_load_and_bad_rows_are_named_at_their_column() {
        let dir = tempfile::tempdir().unwrap();
        let logos = dir.path().join(LOGO_DIR);
        std::fs::create_dir_all(logos.join("set")).unwrap();
        let good = two_colour_png(12, 12, [200, 0, 0], [0, 0, 200]);
        std::fs::write(logos.join("acme.png"), &good).unwrap();
        std::fs::write(
            logos.join("set/icon.svg"),
            r#"<svg viewBox="0 0 24 24" xmlns="http://www.w3.org/2000/svg"><path d="M0 0h24v24H0z"/></svg>"#,
        )
        .unwrap();
        std::fs::write(logos.join("broken.png"), b"\x89PNG\r\n\x1a\nnot really").unwrap();
        std::fs::write(logos.join("wide.png"), two_colour_png(100, 10, [0; 3], [1; 3])).unwrap();
        std::fs::write(logos.join("big.svg"), vec![b' '; MAX_LOGO_BYTES as usize + 1]).unwrap();
        std::fs::create_dir(logos.join("dir.png")).unwrap();
        std::fs::write(dir.path().join("outside.svg"), b"<svg/>").unwrap();
        let orgs = ["acme", "svg", "broken", "wide", "big", "dir", "up", "gif"].map(org);
        let table = "organisation,icon,colour
acme,acme.png,
svg,set/icon.svg,#ed1c24
broken,broken.png,
wide,wide.png,
big,big.svg,
dir,dir.png,
up,../outside.svg,
gif,acme.gif,
nobody,acme.png,
acme,set/icon.svg,
";
        let (read, diags) = read(dir.path(), table, &orgs);
        assert_eq!(read.keys().map(Id::as_str).collect::<Vec<_>>(), ["acme", "svg"]);
        assert!(matches!(&read[&"acme".parse::<Id>().unwrap()], Logo::Png { png, .. } if png[..] == good[..]));
        assert!(matches!(&read[&"svg".parse::<Id>().unwrap()], Logo::Svg { svg, .. } if svg.contains("#ed1c24")));
        let text = diags.to_string();
        for (line, what) in [
            ("4:8", "not a PNG image"),
            ("5:6", "100 × 10 pixels; expected an SVG image, or a PNG image of at most 512 × 512"),
            ("6:5", "cannot read the logo: file is 262145 bytes, over the limit"),
            ("7:5", "cannot read the logo: it is a directory"),
            ("8:4", "expected a .svg or .png file under logos/"),
            ("9:5", "expected a .svg or .png file under logos/"),
            ("10:1", "no such organisation in organisations.csv"),
            ("11:1", "a second logo for this organisation"),
        ] {
            let at = format!("{FILE}:{line}: error: ");
            assert!(text.lines().any(|l| l.starts_with(&at) && l.contains(what)), "{line} {what}: {text}");
        }
        assert_eq!(diags.error_count(), 8, "{text}");
    }
}
