//! The HTML scanner and normaliser: no panic, and the offset map stays inside
//! the input on character boundaries.
#![no_main]
use finlint::normalize::Normalized;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let n = Normalized::new(text);
    let mut at = 0;
    for (i, c) in n.text.char_indices() {
        let (s, e) = n.to_original(i, i + c.len_utf8());
        assert!(s <= e && e <= text.len() && s >= at.min(s));
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
        at = s;
    }
});
