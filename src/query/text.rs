//! Text search that forgives spelling: British and American variants ("quantisation",
//! "quantization") fold to one form before matching.

use crate::model::name_key;

/// Suffix spellings that differ between British and American English, folded to the
/// American form. Both the query and the text are folded, so a rule firing inside an
/// unrelated word ("noise" -> "noize") fires on both sides alike.
const VARIANTS: [(&str, &str); 4] = [("isation", "ization"), ("ise", "ize"), ("yse", "yze"), ("ising", "izing")];

/// The name key (lower case, letters and digits) with spelling variants folded.
pub fn fold(s: &str) -> String {
    let mut k = name_key(s);
    for (from, to) in VARIANTS {
        if k.contains(from) {
            k = k.replace(from, to);
        }
    }
    k
}

/// Whether `text` contains `query`, or is spelled close to it ("qwen2.5" for "Qwen 2.5"),
/// ignoring case, punctuation and spelling variants.
pub fn matches(text: &str, query: &str) -> bool {
    let (k, want) = (fold(text), fold(query));
    !want.is_empty() && (k.contains(&want) || strsim::jaro_winkler(&k, &want) >= 0.92)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn british_and_american_spellings_match() {
        assert!(matches("Post-Training Quantization", "quantisation"));
        assert!(matches("Quantisation-aware training", "Quantization"));
        assert!(matches("Optimising kernels", "optimizing"));
        assert!(matches("Qwen 2.5", "qwen2.5"));
        assert!(!matches("Pruning", "quantisation"));
        assert!(!matches("anything", ""));
    }
}
