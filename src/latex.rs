//! LaTeX math in names (`PanGu-$\alpha$`) as the Unicode a reader expects (`PanGu-α`).
//!
//! Only what names in the list use or plausibly could: Greek letters, a few symbols, and
//! digit sub- and superscripts, inside `$...$`. Anything else between the dollars is kept as
//! written, unknown commands with their backslash, so nothing of a name is lost.

use std::borrow::Cow;

const SYMBOLS: [(&str, &str); 58] = [
    ("alpha", "α"),
    ("beta", "β"),
    ("gamma", "γ"),
    ("delta", "δ"),
    ("epsilon", "ε"),
    ("varepsilon", "ε"),
    ("zeta", "ζ"),
    ("eta", "η"),
    ("theta", "θ"),
    ("iota", "ι"),
    ("kappa", "κ"),
    ("lambda", "λ"),
    ("mu", "μ"),
    ("nu", "ν"),
    ("xi", "ξ"),
    ("pi", "π"),
    ("rho", "ρ"),
    ("sigma", "σ"),
    ("tau", "τ"),
    ("upsilon", "υ"),
    ("phi", "φ"),
    ("varphi", "φ"),
    ("chi", "χ"),
    ("psi", "ψ"),
    ("omega", "ω"),
    ("Gamma", "Γ"),
    ("Delta", "Δ"),
    ("Theta", "Θ"),
    ("Lambda", "Λ"),
    ("Xi", "Ξ"),
    ("Pi", "Π"),
    ("Sigma", "Σ"),
    ("Upsilon", "Υ"),
    ("Phi", "Φ"),
    ("Psi", "Ψ"),
    ("Omega", "Ω"),
    ("times", "×"),
    ("cdot", "·"),
    ("pm", "±"),
    ("mp", "∓"),
    ("le", "≤"),
    ("leq", "≤"),
    ("ge", "≥"),
    ("geq", "≥"),
    ("neq", "≠"),
    ("approx", "≈"),
    ("sim", "∼"),
    ("infty", "∞"),
    ("to", "→"),
    ("rightarrow", "→"),
    ("leftarrow", "←"),
    ("star", "⋆"),
    ("circ", "∘"),
    ("dagger", "†"),
    ("partial", "∂"),
    ("nabla", "∇"),
    ("sqrt", "√"),
    ("ell", "ℓ"),
];

const SUPER: [char; 12] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹', '⁺', '⁻'];
const SUB: [char; 12] = ['₀', '₁', '₂', '₃', '₄', '₅', '₆', '₇', '₈', '₉', '₊', '₋'];

/// A digit or sign as a superscript or subscript; other characters as they are.
fn small(c: char, sup: bool) -> char {
    let table = if sup { &SUPER } else { &SUB };
    match c {
        '0'..='9' => table[c as usize - '0' as usize],
        '+' => table[10],
        '-' => table[11],
        _ => c,
    }
}

/// `name` with every `$...$` span rendered as Unicode; borrowed when there is none. A lone
/// `$` (no closing one) is kept as written.
pub fn to_unicode(name: &str) -> Cow<'_, str> {
    if !name.contains('$') {
        return Cow::Borrowed(name);
    }
    let mut out = String::with_capacity(name.len());
    let mut rest = name;
    while let Some(start) = rest.find('$') {
        let Some(len) = rest[start + 1..].find('$') else { break };
        out.push_str(&rest[..start]);
        math(&rest[start + 1..start + 1 + len], &mut out);
        rest = &rest[start + 2 + len..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// One math span: commands, `^`/`_` with one character or a braced group, braces dropped.
fn math(s: &str, out: &mut String) {
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                let word: String = s[i + 1..].chars().take_while(char::is_ascii_alphabetic).collect();
                match SYMBOLS.iter().find(|(w, _)| *w == word) {
                    Some((_, u)) => out.push_str(u),
                    None => {
                        out.push('\\');
                        out.push_str(&word);
                    }
                }
                for _ in 0..word.len() {
                    chars.next();
                }
            }
            '^' | '_' => {
                // One character, or a braced group: digits and signs become small ones.
                let group: String = if chars.peek().is_some_and(|(_, n)| *n == '{') {
                    chars.next();
                    chars.by_ref().map(|(_, c)| c).take_while(|c| *c != '}').collect()
                } else {
                    chars.next().map(|(_, c)| c.to_string()).unwrap_or_default()
                };
                out.extend(group.chars().map(|d| small(d, c == '^')));
            }
            '{' | '}' => {}
            _ => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latex_in_names_reads_as_unicode() {
        assert_eq!(to_unicode(r"PanGu-$\alpha$"), "PanGu-α");
        assert_eq!(to_unicode(r"$\mu$Transformer and $\Sigma$-net"), "μTransformer and Σ-net");
        assert_eq!(to_unicode(r"Model$^2$ x$_{12}$ $10^{-3}$"), "Model² x₁₂ 10⁻³");
        assert_eq!(to_unicode(r"$\times$4 $\unknown$"), r"×4 \unknown");
        assert!(matches!(to_unicode("Qwen2.5"), Cow::Borrowed("Qwen2.5")));
        assert_eq!(to_unicode("costs $5"), "costs $5");
    }
}
