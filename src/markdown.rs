//! Markdown output (the `markdown` format of `list` and `related`): names and links that a
//! renderer shows as written, never as markup or HTML, whatever the list's names hold.

use crate::model::Url;
use crate::term;

/// `s` as literal text of a table cell: markup characters backslash-escaped (CommonMark lets
/// any ASCII punctuation be escaped, and `\<` is never HTML), line breaks as spaces, control
/// characters shown as `\u{..}`.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in term::clean(&s.replace(['\n', '\r'], " ")).chars() {
        if "\\`*_[]<>|&~$!".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

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
    }
}
