//! The whole pipeline on arbitrary UTF-8: no panic, and every span valid.
#![no_main]
use finlint::{CheckOptions, Checker};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(report) = Checker::shared().check(text, &CheckOptions::default()) else { return };
    for f in &report.findings {
        if let Some(s) = f.span {
            assert!(s.byte_start <= s.byte_end && s.byte_end <= text.len());
            assert_eq!(&text[s.byte_start..s.byte_end], f.text);
        }
    }
});
