//! Markdown output (the `markdown` format of `list` and `related`, the diff's summary): names
//! and links that a renderer shows as written, never as markup or HTML, whatever the list's
//! names hold, and that GitHub's own passes over the rendered text (mentions, issue references,
//! bare URLs) do not turn into links.

use crate::model::Url;
use crate::term;

/// `s` as literal text of a table cell: markup characters backslash-escaped (CommonMark lets
/// any ASCII punctuation be escaped, and `\<` is never HTML), line breaks as spaces, control
/// characters shown as `\u{..}`. GitHub finds `@user`, `#123`, `GH-123`, `user@host`, `www.`
/// and `://` in the text after rendering, where escapes are gone: a zero-width space (the
/// entity [`BREAK`]) after `@` and after a `#` before a digit, and before the `-` of `GH-1`, the
/// `.` of `www.` and the `//` of `://`, keeps them text, as dependency bots do in their pull
/// requests.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let clean = term::clean(&s.replace(['\n', '\r'], " ")).into_owned();
    let mut chars = clean.chars().peekable();
    while let Some(c) = chars.next() {
        let www = out.len() >= 3 && out.as_bytes()[out.len() - 3..].eq_ignore_ascii_case(b"www");
        let gh = c == '-' && out.len() >= 2 && out.as_bytes()[out.len() - 2..].eq_ignore_ascii_case(b"gh");
        let reference = gh && chars.peek().is_some_and(char::is_ascii_digit);
        if (c == '.' && www) || (c == '/' && out.ends_with(':')) || reference {
            out.push_str(BREAK);
        }
        if "\\`*_[]<>|&~$!#".contains(c) {
            out.push('\\');
        }
        out.push(c);
        if c == '@' || (c == '#' && chars.peek().is_some_and(char::is_ascii_digit)) {
            out.push_str(BREAK);
        }
    }
    out
}

/// A zero-width space as an entity: invisible, and it stops GitHub's autolinkers.
pub const BREAK: &str = "&#8203;";

/// A link: the destination in angle brackets, which a [`Url`] (no spaces, no `<` or `>`)
/// can always be written in, parentheses and all.
pub fn link(label: &str, url: &Url) -> String {
    format!("[{}](<{url}>)", text(label))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_stay_text() {
        assert_eq!(text("<script>alert(1)</script>"), r"\<script\>alert(1)\</script\>");
        assert_eq!(text("a|b *c* [d](e) `f` &amp;"), r"a\|b \*c\* \[d\](e) \`f\` \&amp;");
        assert_eq!(text("two\nlines\u{1b}"), r"two lines\\u{1b}", "shown as two lines, a backslash, u{{1b}}");
        let url = Url::parse("https://en.wikipedia.org/wiki/Phi_(letter)").unwrap();
        assert_eq!(link("Phi_3", &url), r"[Phi\_3](<https://en.wikipedia.org/wiki/Phi_(letter)>)");
        // GitHub's own links in rendered text: broken by a zero-width space, C# and GH-X kept.
        assert_eq!(text("@me #12 GH-7 C# GH-X"), r"@&#8203;me \#&#8203;12 GH&#8203;-7 C\# GH-X");
        assert_eq!(text("see www.x.org, https://x.org"), r"see www&#8203;.x.org, https:&#8203;//x.org");
    }
}
