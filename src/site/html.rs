//! Assembles the page: the template with the style, the data as JSON and every script inlined.
//!
//! Text inside `<script>` ends at the first `</script` and `<!--` changes how it is parsed, so
//! both are escaped in scripts, and the JSON escapes every `<` (and U+2028/U+2029, which old
//! JavaScript engines do not accept raw in strings). The page's script inserts all data as text.

use std::borrow::Cow;
use std::io::Write;

const TEMPLATE: &str = include_str!("page/index.html");
const STYLE: &str = include_str!("page/style.css");
const APP: &str = include_str!("page/app.js");

/// The vendored libraries, in load order (the zoom plugin needs Chart.js, d3-force the other
/// three d3 modules, sigma graphology); vendor/README.md says where each comes from.
const LIBRARIES: [&str; 8] = [
    include_str!("vendor/chart.js-4.6.1.min.js"),
    include_str!("vendor/chartjs-plugin-zoom-2.2.0.min.js"),
    include_str!("vendor/d3-dispatch-3.0.2.min.js"),
    include_str!("vendor/d3-quadtree-3.0.2.min.js"),
    include_str!("vendor/d3-timer-3.0.2.min.js"),
    include_str!("vendor/d3-force-3.0.1.min.js"),
    include_str!("vendor/graphology-0.26.0.umd.min.js"),
    include_str!("vendor/sigma-3.0.3.min.js"),
];
/// Fuse.js ships as a CommonJS module: it runs in a scope with its own `module`.
const FUSE: &str = include_str!("vendor/fuse.js-7.5.0.basic.min.cjs");

/// The template's slots, in the order they appear.
const SLOTS: [&str; 3] = ["{{style}}", "{{data}}", "{{scripts}}"];

/// Writes the page with `json` (the page's data, as serde_json wrote it) embedded.
pub fn write_page(json: &str, w: &mut dyn Write) -> std::io::Result<()> {
    let mut rest = TEMPLATE;
    for slot in SLOTS {
        let (before, after) = rest.split_once(slot).expect("the template has each slot once, in order");
        w.write_all(before.as_bytes())?;
        match slot {
            "{{style}}" => w.write_all(STYLE.as_bytes())?,
            "{{data}}" => write_json(json, w)?,
            _ => {
                for library in LIBRARIES {
                    write_script(library, w)?;
                }
                let fuse = format!(
                    "(function(){{var module={{exports:{{}}}};var exports=module.exports;\n{FUSE}\nwindow.Fuse=module.exports;}})();"
                );
                write_script(&fuse, w)?;
                write_script(APP, w)?;
            }
        }
        rest = after;
    }
    w.write_all(rest.as_bytes())
}

fn write_script(js: &str, w: &mut dyn Write) -> std::io::Result<()> {
    w.write_all(b"<script>")?;
    w.write_all(script_text(js).as_bytes())?;
    w.write_all(b"</script>\n")
}

/// A script made safe to sit between `<script>` tags: `</script` and `<!--` only occur inside
/// string literals or regular expressions in the scripts, where `<\/` and `<\!` mean the same.
fn script_text(js: &str) -> Cow<'_, str> {
    let lower = js.to_ascii_lowercase();
    if !lower.contains("</script") && !js.contains("<!--") {
        return Cow::Borrowed(js);
    }
    let mut out = String::with_capacity(js.len() + 16);
    let mut i = 0;
    while i < js.len() {
        if lower[i..].starts_with("</script") || js[i..].starts_with("<!--") {
            out.push_str(if js.as_bytes()[i + 1] == b'/' { "<\\/" } else { "<\\!" });
            i += 2;
        } else {
            let c = js[i..].chars().next().expect("i is on a character boundary");
            out.push(c);
            i += c.len_utf8();
        }
    }
    Cow::Owned(out)
}

/// JSON made safe inside `<script type="application/json">`: no `<` at all (so no `</script`
/// and no `<!--`), and no raw line or paragraph separators. Each is only ever inside a string.
fn write_json(json: &str, w: &mut dyn Write) -> std::io::Result<()> {
    let mut start = 0;
    for (i, c) in json.char_indices() {
        let escaped = match c {
            '<' => "\\u003c",
            '\u{2028}' => "\\u2028",
            '\u{2029}' => "\\u2029",
            _ => continue,
        };
        w.write_all(&json.as_bytes()[start..i])?;
        w.write_all(escaped.as_bytes())?;
        start = i + c.len_utf8();
    }
    w.write_all(&json.as_bytes()[start..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_has_each_slot_once_in_order() {
        let positions: Vec<usize> = SLOTS.iter().map(|s| TEMPLATE.find(s).unwrap()).collect();
        assert!(positions.windows(2).all(|p| p[0] < p[1]));
        assert!(SLOTS.iter().all(|s| TEMPLATE.matches(s).count() == 1));
    }

    #[test]
    fn scripts_cannot_close_their_element() {
        let js = r#"var a = "</SCRIPT><script>alert(1)</script>"; var b = "<!-- x";"#;
        let safe = script_text(js);
        assert!(!safe.to_ascii_lowercase().contains("</script") && !safe.contains("<!--"), "{safe}");
        assert_eq!(safe, r#"var a = "<\/SCRIPT><script>alert(1)<\/script>"; var b = "<\!-- x";"#);
        // The vendored libraries need no escaping: they are embedded byte for byte.
        for library in LIBRARIES.iter().chain([&FUSE, &APP]) {
            assert!(matches!(script_text(library), Cow::Borrowed(_)));
            assert!(!library.contains("sourceMappingURL"), "a source map comment would point outside the page");
        }
    }

    #[test]
    fn json_escapes_what_would_end_or_break_the_script() {
        let json = serde_json::to_string("</script><!-- \u{2028}\u{2029} é").unwrap();
        let mut out = Vec::new();
        write_json(&json, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, r#""\u003c/script>\u003c!-- \u2028\u2029 é""#);
        assert_eq!(serde_json::from_str::<String>(&text).unwrap(), "</script><!-- \u{2028}\u{2029} é");
    }
}
