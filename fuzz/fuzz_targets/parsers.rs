//! The value parsers on any text: no panic, and what parses formats to text that parses
//! to the same value.
#![no_main]

use edge_atlas::model::{Id, Key, Rgb, Sizes, Tops, YearMonth, parse_memory};
use libfuzzer_sys::fuzz_target;

fn round_trips<T: std::str::FromStr + std::fmt::Display + PartialEq + std::fmt::Debug>(s: &str) {
    if let Ok(v) = s.parse::<T>() {
        let again = v.to_string().parse::<T>().ok();
        assert_eq!(again.as_ref(), Some(&v), "{s:?} -> {v}");
    }
}

fuzz_target!(|bytes: &[u8]| {
    let s = String::from_utf8_lossy(bytes);
    round_trips::<YearMonth>(&s);
    round_trips::<Id>(&s);
    round_trips::<Key>(&s);
    round_trips::<Rgb>(&s);
    let _ = YearMonth::parse_list(&s);
    let _ = Sizes::parse(&s);
    if let Ok(t) = Tops::parse(&s) {
        assert_eq!(Tops::parse(&t.to_string()), Ok(t), "{s:?} -> {t}");
    }
    let _ = parse_memory(&s);
    let _ = Id::from_name(&s);
    let _ = edge_atlas::model::name_key(&s);
});
