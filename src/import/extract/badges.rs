//! What badges say: typed links, a paper's venue and date, its short name, survey flag and tags.

use super::{Src, lead_text};
use crate::diag::{Diagnostic, Diagnostics, quoted};
use crate::import::badge::{Badge, BadgeType};
use crate::import::markdown::Inline;
use crate::model::{LinkType, Links, Url, YearMonth, name_key};

/// The badges of some inlines as typed links and highlights.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct BadgeFacts {
    pub links: Links,
    pub short_name: Option<String>,
    pub venue: Option<String>,
    pub published: Option<YearMonth>,
    pub survey: bool,
    pub tags: Vec<String>,
}

/// A link of the list as a [`Url`]; anything else is a located warning and no link, but for
/// placeholders (`#`, empty), which are no link and which `lint` reports.
pub(super) fn checked_url(href: &str, src: &Src, column: usize, diags: &mut Diagnostics) -> Option<Url> {
    let href = href.trim();
    if matches!(href, "" | "#") {
        return None;
    }
    Url::parse(href)
        .map_err(|e| {
            let msg = format!("link {}: {e}; left out", quoted(href));
            diags.push(Diagnostic::warning(&src.file, src.line, column, msg));
        })
        .ok()
}

pub fn badge_facts(inlines: &[Inline], src: &Src, diags: &mut Diagnostics) -> BadgeFacts {
    let mut f = BadgeFacts::default();
    for i in inlines {
        let Inline::Badge { badge, href } = i else {
            continue;
        };
        let href = href.as_deref().and_then(|h| checked_url(h, src, 0, diags));
        let href = href.as_ref();
        match badge.kind() {
            Some(BadgeType::Paper) => {
                if let Some(h) = href {
                    f.links.add(LinkType::Paper, h);
                }
                paper_badge(badge, &mut f);
            }
            // The list's older Tags Convention gave short names this colour: the text decides.
            Some(BadgeType::Survey) if !badge.message.to_lowercase().contains("survey") => {
                let title = lead_text(inlines);
                if !name_key(&title).contains(&name_key(&badge.message)) {
                    let msg = format!(
                        "badge {:?} has the survey colour 568A37 but does not say survey, and the title does not \
                         contain it; read as the short name (short names are 7875DF now)",
                        badge.message
                    );
                    diags.push(Diagnostic::warning(&src.file, src.line, 0, msg));
                }
                f.short_name.get_or_insert_with(|| badge.message.clone());
                if let Some(h) = href {
                    f.links.add(LinkType::Paper, h);
                }
            }
            Some(BadgeType::Survey) => {
                f.survey = true;
                if let Some(h) = href {
                    f.links.add(LinkType::Paper, h);
                }
            }
            Some(BadgeType::Code) => href.into_iter().for_each(|h| f.links.add(LinkType::Code, h)),
            Some(BadgeType::Official) => href.into_iter().for_each(|h| f.links.add(LinkType::Official, h)),
            Some(BadgeType::HuggingFace) => href.into_iter().for_each(|h| f.links.add(LinkType::HuggingFace, h)),
            Some(BadgeType::ShortName) => f.short_name = Some(badge.message.clone()),
            Some(BadgeType::Tag) => f.tags.push(badge.message.clone()),
            None => {
                let msg = format!(
                    "badge colour {:?} is not in the Tags Convention; badge {:?} ignored",
                    badge.colour, badge.message
                );
                diags.push(Diagnostic::warning(&src.file, src.line, 0, msg));
            }
        }
    }
    f
}

fn paper_badge(b: &Badge, f: &mut BadgeFacts) {
    if f.venue.is_some() {
        return;
    }
    match (&b.label, YearMonth::parse_list(&b.message)) {
        (Some(label), Ok(date)) => {
            f.venue = Some(label.clone());
            f.published = Some(date);
        }
        (Some(label), Err(_)) => f.venue = Some(format!("{label} {}", b.message)),
        (None, Ok(date)) => f.published = Some(date),
        (None, Err(_)) => f.venue = Some(b.message.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn survey_coloured_badges_are_read_by_their_text() {
        let facts = |title: &str, badge: &str| {
            let b = Badge::parse(&format!("https://img.shields.io/badge/{badge}")).unwrap();
            let inlines = [Inline::Text { text: title.into(), strong: false }, Inline::Badge { badge: b, href: None }];
            let mut d = Diagnostics::default();
            let f = badge_facts(&inlines, &Src { file: "f.md".into(), line: 3 }, &mut d);
            (f.survey, f.short_name, d.to_string())
        };
        assert_eq!(facts("A Survey of X", "Survey-568A37"), (true, None, String::new()));
        assert_eq!(
            facts("PowerInfer-2: Fast Inference", "PowerInfer--2-568A37"),
            (false, Some("PowerInfer-2".into()), String::new())
        );
        let (survey, short, warning) = facts("PIM-AI: A Novel Architecture", "HBM--PIM-568A37");
        assert_eq!((survey, short.as_deref()), (false, Some("HBM-PIM")));
        assert!(warning.starts_with("f.md:3: warning: badge \"HBM-PIM\" has the survey colour 568A37"), "{warning}");
    }
}
