//! "Did you mean" suggestions for unknown names and ids.

use crate::model::name_key;

/// The candidates closest to `word`, best first: those sharing its name key, then by
/// Jaro-Winkler similarity above a threshold. Ties keep the candidates' order.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>, max: usize) -> Vec<&'a str> {
    let key = name_key(word);
    let lower = word.to_lowercase();
    let mut scored: Vec<(f64, usize, &str)> = candidates
        .into_iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let score = if !key.is_empty() && name_key(c) == key {
                2.0
            } else {
                let s = strsim::jaro_winkler(&lower, &c.to_lowercase());
                let contains = !key.is_empty() && name_key(c).contains(&key);
                if contains { 1.0 + s / 10.0 } else { s }
            };
            (score >= 0.8).then_some((score, i, c))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut out: Vec<&str> = Vec::new();
    for (_, _, c) in scored {
        if !out.contains(&c) {
            out.push(c);
        }
        if out.len() == max {
            break;
        }
    }
    out
}

/// "; did you mean a, b?" or nothing.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    let best = closest(word, candidates, 3);
    if best.is_empty() { String::new() } else { format!("; did you mean {}?", best.join(", ")) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_misses_first() {
        let ids = ["qwen", "qwen2-5", "phi", "llama"];
        assert_eq!(closest("qwn", ids, 3), ["qwen", "qwen2-5"]);
        assert_eq!(closest("Qwen 2.5", ids, 1), ["qwen2-5"]);
        assert!(closest("zzzz", ids, 3).is_empty());
        assert_eq!(did_you_mean("lama", ids), "; did you mean llama?");
    }
}
