//! data/logos/: one curated PNG per organisation, `<organisation-id>.png`, drawn beside the
//! organisation's name in the figures. The files are untrusted input: only regular files are
//! read, at most [`MAX_LOGO_BYTES`] each, and each must decode as a PNG of sane dimensions.

use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics, quoted};
use crate::model::{Id, LOGO_EXPECTED, Logo, MAX_LOGO_BYTES, Organisation};

/// The folder of data/ that holds the logos.
pub const LOGO_DIR: &str = "logos";

/// Reads every logo of `dir`/logos (none when the folder is missing). A file that is not
/// `<organisation-id>.png` is a warning and skipped; one that cannot be read or is not a usable
/// PNG is an error naming the file.
pub fn read(dir: &Path, organisations: &[Organisation], diags: &mut Diagnostics) -> BTreeMap<Id, Logo> {
    let folder = dir.join(LOGO_DIR);
    let shown = folder.display().to_string();
    let mut out = BTreeMap::new();
    let entries = match std::fs::read_dir(&folder) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return out,
        Err(e) => {
            diags.push(Diagnostic::error(shown, 0, 0, format!("cannot read the logo folder: {e}")));
            return out;
        }
    };
    // Sorted, so that messages come in the same order on every machine.
    let mut names: Vec<std::ffi::OsString> = entries.filter_map(Result::ok).map(|e| e.file_name()).collect();
    names.sort();
    for name in names {
        let path = folder.join(&name);
        let file = path.display().to_string();
        let name = name.to_string_lossy();
        let Some(stem) = name.strip_suffix(".png") else {
            let msg = format!("{} is not a logo: logos are named <organisation-id>.png; skipped", quoted(&name));
            diags.push(Diagnostic::warning(file, 0, 0, msg));
            continue;
        };
        let Some(id) = stem.parse::<Id>().ok().filter(|id| organisations.iter().any(|o| &o.id == id)) else {
            let msg = format!("no organisation {} in organisations.csv; skipped", quoted(stem));
            diags.push(Diagnostic::warning(file, 0, 0, msg));
            continue;
        };
        match load(&path) {
            Ok(logo) => {
                out.insert(id, logo);
            }
            Err(e) => diags.push(Diagnostic::error(file, 0, 0, e)),
        }
    }
    out
}

fn load(path: &Path) -> Result<Logo, String> {
    let mut file = crate::fsx::open_regular(path, MAX_LOGO_BYTES).map_err(|e| format!("cannot read the logo: {e}"))?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).map_err(|e| format!("cannot read the logo: {e}"))?;
    Logo::decode(&bytes).map_err(|e| format!("{e}; a logo must be {LOGO_EXPECTED}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::two_colour_png;

    fn org(id: &str) -> Organisation {
        Organisation { id: id.parse().unwrap(), name: id.to_string(), colour: None }
    }

    #[test]
    fn good_logos_load_and_bad_ones_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let logos = dir.path().join(LOGO_DIR);
        std::fs::create_dir(&logos).unwrap();
        let good = two_colour_png(12, 12, [200, 0, 0], [0, 0, 200]);
        std::fs::write(logos.join("acme.png"), &good).unwrap();
        std::fs::write(logos.join("broken.png"), b"\x89PNG\r\n\x1a\nnot really").unwrap();
        std::fs::write(logos.join("wide.png"), two_colour_png(100, 10, [0; 3], [1; 3])).unwrap();
        std::fs::write(logos.join("nobody.png"), &good).unwrap();
        std::fs::write(logos.join("README.txt"), b"hi").unwrap();
        std::fs::write(logos.join("big.png"), vec![0u8; MAX_LOGO_BYTES as usize + 1]).unwrap();
        std::fs::create_dir(logos.join("dir.png")).unwrap();
        let orgs = ["acme", "broken", "wide", "big", "dir"].map(org);
        let mut diags = Diagnostics::default();
        let read = read(dir.path(), &orgs, &mut diags);
        assert_eq!(read.keys().map(Id::as_str).collect::<Vec<_>>(), ["acme"]);
        assert_eq!(&*read[&"acme".parse::<Id>().unwrap()].png, &good[..]);
        let text = diags.to_string();
        for (file, what) in [
            ("broken.png", "error: not a PNG image"),
            ("wide.png", "error: 100 × 10 pixels; expected a PNG image of at most 512 × 512"),
            ("big.png", "error: cannot read the logo: file is 262145 bytes, over the limit"),
            ("dir.png", "error: cannot read the logo: it is a directory"),
            ("nobody.png", "warning: no organisation \"nobody\" in organisations.csv"),
            ("README.txt", "warning: \"README.txt\" is not a logo"),
        ] {
            let path = logos.join(file).display().to_string();
            assert!(text.contains(&format!("{path}: {what}")), "{file}: {text}");
        }
        assert_eq!(diags.error_count(), 4, "{text}");
    }

    #[test]
    fn no_logo_folder_means_no_logos() {
        let dir = tempfile::tempdir().unwrap();
        let mut diags = Diagnostics::default();
        assert!(read(dir.path(), &[org("acme")], &mut diags).is_empty());
        assert_eq!(diags, Diagnostics::default());
    }
}
