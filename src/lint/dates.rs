//! Dates (EA3xx): date notations mixed in one table column (`19.12` among `2019.09`), dates that
//! are not dates (a paper badge saying `white_paper`), and arXiv badges whose date contradicts
//! the arXiv id they link to.

use super::rule::{Family, Fixes, Spec};
use super::{Fix, List, Rule, Sink, header_names};
use crate::diag::Severity;
use crate::import::arxiv_month;
use crate::import::badge::BadgeType;
use crate::import::markdown::{Block, Inline, plain};
use crate::model::YearMonth;

pub const MIXED_DATE_NOTATION: Rule = Rule::new(&Spec {
    code: "EA301",
    name: "mixed-date-notation",
    severity: Severity::Warning,
    fixes: Fixes::Safe,
    what: "date notations mixed in one column (`19.12` among `2019.09`)",
    why: "a column read one way by most rows is misread for the others (19.12 as the year 19); the fix rewrites the date in the column's notation, losing nothing.",
    example: "| Qualcomm Snapdragon 865 | 15 | 19.12 | ...   (YYYY.MM elsewhere)\n  fix: 2019.12",
});

pub const NOT_A_DATE: Rule = Rule::new(&Spec {
    code: "EA302",
    name: "not-a-date",
    severity: Severity::Warning,
    fixes: Fixes::None,
    what: "a date that is not one (a paper badge saying `white_paper`)",
    why: "import reads no date from it, so the entry is missing from every timeline.",
    example: "<img src=\"https://img.shields.io/badge/Intel-white_paper-b31b1b\" alt=\"badge\"/>",
});

pub const ARXIV_DATE_MISMATCH: Rule = Rule::new(&Spec {
    code: "EA303",
    name: "arxiv-date-mismatch",
    severity: Severity::Error,
    fixes: Fixes::Safe,
    what: "an arXiv badge date contradicting the arXiv id it links to",
    why: "an arXiv id says when the paper was submitted (2502.16963: February 2025), so a badge saying otherwise puts the paper at the wrong place on the timeline. The fix writes the id's month into the badge, changing nothing else.",
    example: "<a href=\"https://arxiv.org/abs/2502.16963\"><img src=\"https://img.shields.io/badge/arxiv-24.02-b31b1b\" alt=\"badge\"/></a>\n  fix: 25.02   (only the date inside the badge URL changes)",
});

pub(super) const FAMILY: Family =
    Family { name: "dates", rules: &[MIXED_DATE_NOTATION, NOT_A_DATE, ARXIV_DATE_MISMATCH] };

/// How a date is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Notation {
    /// 2024.06
    LongDot,
    /// 24.06
    ShortDot,
    /// 2024
    Year,
    /// 2024-06
    Iso,
}

impl Notation {
    fn of(s: &str) -> Option<Notation> {
        YearMonth::parse_list(s).ok()?;
        let (y, m) = match s.split_once(['.', '-']) {
            Some((y, m)) => (y, Some((m, s.contains('-')))),
            None => (s, None),
        };
        Some(match (y.len(), m) {
            (4, None) => Notation::Year,
            (4, Some((_, true))) => Notation::Iso,
            (4, Some(_)) => Notation::LongDot,
            _ => Notation::ShortDot,
        })
    }

    fn example(self) -> &'static str {
        match self {
            Notation::LongDot => "YYYY.MM",
            Notation::ShortDot => "YY.MM",
            Notation::Year => "YYYY",
            Notation::Iso => "YYYY-MM",
        }
    }

    /// `date` rewritten in this notation, when no information is lost.
    fn rewrite(self, date: &str) -> Option<String> {
        let d = YearMonth::parse_list(date).ok()?;
        let m = d.month?;
        Some(match self {
            Notation::LongDot => format!("{}.{m:02}", d.year),
            Notation::ShortDot => format!("{:02}.{m:02}", d.year % 100),
            Notation::Iso => format!("{}-{m:02}", d.year),
            Notation::Year => return None,
        })
    }
}

pub fn check(list: &List, sink: &mut Sink) {
    columns(list, sink);
    badges(list, sink);
}

fn columns(list: &List, sink: &mut Sink) {
    for (doc, src) in list.docs.iter().zip(&list.sources) {
        for b in &doc.blocks {
            let Block::Table { header, rows, .. } = b else { continue };
            for (i, name) in header_names(header).iter().enumerate() {
                if !(name.contains("date") || name == "year") {
                    continue;
                }
                let cells: Vec<_> = rows
                    .iter()
                    .filter_map(|r| r.get(i))
                    .map(|c| (c, plain(&c.inlines).trim().to_string()))
                    .filter(|(_, t)| !t.is_empty())
                    .collect();
                let mut counts: Vec<(Notation, usize)> = Vec::new();
                for (cell, text) in &cells {
                    match Notation::of(text) {
                        Some(n) => match counts.iter_mut().find(|(k, _)| *k == n) {
                            Some((_, c)) => *c += 1,
                            None => counts.push((n, 1)),
                        },
                        None => {
                            let at = src.locate(cell.line, cell.column, text);
                            let msg = format!("{name} {text:?} is not a date (expected e.g. 2024.06)");
                            sink.push(NOT_A_DATE, src, at, msg, None);
                        }
                    }
                }
                // The notation most cells use (the first seen on a tie) is the column's.
                let Some(&(usual, n)) = counts.iter().rev().max_by_key(|(_, c)| *c) else { continue };
                for (cell, text) in &cells {
                    let Some(this) = Notation::of(text).filter(|t| *t != usual) else { continue };
                    let at = src.locate(cell.line, cell.column, text);
                    let msg = format!(
                        "{name} {text:?} is written {}; {n} of {} dates in this column are {}",
                        this.example(),
                        cells.len(),
                        usual.example()
                    );
                    let fix = usual.rewrite(text).map(|new| Fix::new(MIXED_DATE_NOTATION, text.as_str(), new));
                    sink.push(MIXED_DATE_NOTATION, src, at, msg, fix);
                }
            }
        }
    }
}

fn badges(list: &List, sink: &mut Sink) {
    for (src, line, column, inlines) in list.inlines() {
        for inline in inlines {
            let Inline::Badge { badge, href } = inline else { continue };
            if badge.kind() != Some(BadgeType::Paper) {
                continue;
            }
            let date = YearMonth::parse_list(&badge.message);
            let at = || src.locate_badge(line, column, badge);
            // "Publisher-YY.MM" is the Tags Convention's own template, not a paper.
            if date.is_err() && badge.message != "YY.MM" {
                let msg = format!(
                    "paper badge {:?}: {:?} is not a date (the Tags Convention wants Publisher-YY.MM)",
                    format!("{}-{}", badge.label.as_deref().unwrap_or(""), badge.message),
                    badge.message
                );
                sink.push(NOT_A_DATE, src, at(), msg, None);
            }
            let preprint = badge.label.as_deref().is_none_or(|l| l.eq_ignore_ascii_case("arxiv"));
            let id_month = href.as_deref().and_then(arxiv_month);
            if let (true, Some(id), Ok(d)) = (preprint, id_month, date)
                && d != id
            {
                let msg =
                    format!("badge date {:?} contradicts the arXiv id it links to, submitted {id}", badge.message);
                let new = format!("{:02}.{:02}", id.year % 100, id.month.unwrap_or(1));
                // The date inside the badge's URL, not the badge.
                let (at, fix) = match src.locate_message(at(), badge) {
                    Some(date) => (date, Some(Fix::new(ARXIV_DATE_MISMATCH, badge.message.as_str(), new))),
                    None => (at(), None),
                };
                sink.push(ARXIV_DATE_MISMATCH, src, at, msg, fix);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notations_and_rewrites() {
        assert_eq!(Notation::of("19.12"), Some(Notation::ShortDot));
        assert_eq!(Notation::of("2019.09"), Some(Notation::LongDot));
        assert_eq!(Notation::of("2024"), Some(Notation::Year));
        assert_eq!(Notation::of("2024-06"), Some(Notation::Iso));
        assert_eq!(Notation::of("soon"), None);
        assert_eq!(Notation::LongDot.rewrite("19.12").as_deref(), Some("2019.12"));
        assert_eq!(Notation::ShortDot.rewrite("2019.09").as_deref(), Some("19.09"));
        assert_eq!(Notation::LongDot.rewrite("2019"), None);
    }
}
