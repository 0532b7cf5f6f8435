//! BibTeX entries for papers, so query results paste into a paper's bibliography.

use std::fmt::Write;

use crate::model::{Paper, Venue, VenueType, YearMonth};

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// One entry, keyed by the paper's id, typed by the curated venue table (venues.csv):
/// `@inproceedings` with `booktitle` for conferences and workshops, `@article` with
/// `journal` for journals, `@misc` otherwise, with `publisher` for a publisher (never a
/// booktitle) and `howpublished` for preprints, white papers and venues the table lacks.
/// arXiv links add `eprint` and `archivePrefix`.
pub fn entry(p: &Paper, venues: &[Venue]) -> String {
    let given = p.venue.as_deref().filter(|v| !v.is_empty());
    let venue = given.map(|v| venues.iter().find(|x| x.venue.eq_ignore_ascii_case(v)).ok_or(v));
    let (kind, field) = match venue {
        Some(Ok(v)) => match v.kind {
            VenueType::Conference | VenueType::Workshop => ("inproceedings", Some(("booktitle", v.name.as_str()))),
            VenueType::Journal => ("article", Some(("journal", v.name.as_str()))),
            VenueType::Publisher => ("misc", Some(("publisher", v.name.as_str()))),
            VenueType::Preprint | VenueType::Other => ("misc", Some(("howpublished", v.name.as_str()))),
        },
        Some(Err(unknown)) => ("misc", Some(("howpublished", unknown))),
        None => ("misc", None),
    };
    let mut s = format!("@{kind}{{{},\n", p.id);
    let field_line = |s: &mut String, name: &str, value: &str| {
        let _ = writeln!(s, "  {name} = {{{value}}},");
    };
    // Double braces keep the title's capitals ("LLM") through bibliography styles.
    field_line(&mut s, "title", &format!("{{{}}}", escape(&p.title)));
    if let Some((name, value)) = field {
        field_line(&mut s, name, &escape(value));
    }
    if let Some(YearMonth { year, month }) = p.published {
        field_line(&mut s, "year", &year.to_string());
        if let Some(m) = month {
            // Months are BibTeX's predefined macros, unbraced.
            let _ = writeln!(s, "  month = {},", MONTHS[(m as usize - 1) % 12]);
        }
    }
    let url = p.paper_url.first().or(p.code_url.first()).or(p.official_url.first());
    if let Some(u) = url {
        field_line(&mut s, "url", &escape_url(u));
    }
    if let Some(id) = p.paper_url.iter().find_map(|u| arxiv_id(u)) {
        field_line(&mut s, "eprint", &id);
        field_line(&mut s, "archivePrefix", "arXiv");
    }
    s.push_str("}\n");
    s
}

/// "2406.06282" from an arXiv abs or pdf link.
fn arxiv_id(url: &str) -> Option<String> {
    let rest = url.split_once("arxiv.org/")?.1;
    let id = ["abs/", "pdf/", "html/"].iter().find_map(|p| rest.strip_prefix(p))?;
    let id = id.trim_end_matches(".pdf").split(['?', '#']).next()?.trim_end_matches('/');
    let id = id.split_once('v').filter(|(_, v)| v.bytes().all(|b| b.is_ascii_digit())).map_or(id, |(i, _)| i);
    (!id.is_empty() && id.bytes().all(|b| b.is_ascii_digit() || b == b'.')).then(|| id.to_string())
}

/// Escapes TeX's special characters; a balanced `$...$` span is kept as math.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut rest = s;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('$')
            && let Some(end) = after.find('$').filter(|&e| e > 0 && !after[..e].contains(['{', '}']))
        {
            out.push('$');
            out.push_str(&after[..end]);
            out.push('$');
            rest = &after[end + 1..];
            continue;
        }
        let c = rest.chars().next().unwrap_or_default();
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// URLs go verbatim but for the characters that would unbalance the field.
fn escape_url(u: &str) -> String {
    u.replace('{', "%7B").replace('}', "%7D")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_tex_and_keeps_math() {
        assert_eq!(escape("A^3: 50% & more_x"), "A\\textasciicircum{}3: 50\\% \\& more\\_x");
        assert_eq!(escape(r"PanGu-$\alpha$ {x}"), r"PanGu-$\alpha$ \{x\}");
        assert_eq!(escape("lone $ sign"), "lone \\$ sign");
        assert_eq!(escape("a\\b"), "a\\textbackslash{}b");
    }

    fn paper(venue: &str) -> Paper {
        Paper { title: "A Title".into(), venue: Some(venue.into()), ..Paper::with_id("x".parse().unwrap()) }
    }

    #[test]
    fn venue_types_choose_the_entry_type() {
        let v = |venue: &str, kind, name: &str| Venue { venue: venue.into(), kind, name: name.into() };
        let venues = [
            v("TACO", VenueType::Journal, "ACM Transactions on Architecture and Code Optimization"),
            v("ISCA", VenueType::Conference, "ISCA"),
            v("ACM", VenueType::Publisher, "ACM"),
        ];
        let e = entry(&paper("TACO"), &venues);
        assert!(e.starts_with("@article{x,") && e.contains("journal = {ACM Transactions on Architecture"), "{e}");
        assert!(
            entry(&paper("isca"), &venues).contains("@inproceedings{x,\n  title = {{A Title}},\n  booktitle = {ISCA}")
        );
        let e = entry(&paper("ACM"), &venues);
        assert!(e.starts_with("@misc{x,") && e.contains("publisher = {ACM}") && !e.contains("booktitle"), "{e}");
        let e = entry(&paper("Somewhere"), &venues);
        assert!(e.starts_with("@misc{x,") && e.contains("howpublished = {Somewhere}"), "{e}");
    }

    #[test]
    fn arxiv_ids_come_from_abs_and_pdf_links() {
        assert_eq!(arxiv_id("https://arxiv.org/abs/2406.06282").as_deref(), Some("2406.06282"));
        assert_eq!(arxiv_id("https://arxiv.org/pdf/2406.06282v2.pdf").as_deref(), Some("2406.06282"));
        assert_eq!(arxiv_id("https://arxiv.org/html/2407.05858v1").as_deref(), Some("2407.05858"));
        assert_eq!(arxiv_id("https://dl.acm.org/doi/10.1145/3700410"), None);
    }
}
