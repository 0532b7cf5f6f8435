//! Export formats and their property cells.

use super::Builder;
use crate::import::extract::Extracted;
use crate::model::*;

pub(super) fn formats(b: &mut Builder, ex: &Extracted) -> Vec<Format> {
    let mut rows: Vec<Format> = Vec::new();
    for f in &ex.formats {
        let (name, owner) = match f.name.rsplit_once('(') {
            Some((n, o)) if !o.contains(',') => {
                (n.trim().to_string(), Some(o.trim_end_matches(')').trim().to_string()))
            }
            _ => (f.name.clone(), None),
        };
        let id = Id::from_name(&name);
        let seen = rows.iter().position(|r| r.id == id);
        let orgs = owner.map(|o| vec![b.org(&o)]).unwrap_or_default();
        let mut p = [Support::Unknown; 7];
        for (slot, cell) in p.iter_mut().zip(&f.properties) {
            *slot = match cell.as_str() {
                "✔️" | "✔" => Support::Yes,
                "✗" => Support::No,
                "~" => Support::Partial,
                "?" => Support::Unknown,
                other => {
                    b.warn(&f.src, format!("format {name:?}: cell {other:?} is not ✔️, ✗, ~ or ?; read as unknown"));
                    Support::Unknown
                }
            };
        }
        let mut row = Format {
            name,
            organisations: orgs,
            safe: p[0],
            zero_copy: p[1],
            lazy_loading: p[2],
            no_file_size_limit: p[3],
            layout_control: p[4],
            flexibility: p[5],
            bf16_fp8: p[6],
            ..Format::with_id(id)
        };
        row.set_links(f.links.clone());
        match seen {
            Some(i) if rows[i] != row => {
                b.warn(
                    &f.src,
                    format!("format {:?} is listed twice with different cells; the first row wins", row.name),
                );
            }
            Some(_) => {}
            None => rows.push(row),
        }
    }
    rows
}
