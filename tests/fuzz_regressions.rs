//! Replays every input in tests/fuzz_regressions/ through the fuzz targets'
//! checks. Crashes found by `scripts/fuzz.sh` are copied there so they stay
//! fixed; the handcrafted files cover empty regex matches, nested markers and
//! malformed entities.

use std::fs;
use std::path::Path;

use finlint::normalize::Normalized;
use finlint::{CheckOptions, Checker};

#[test]
fn replay_regression_inputs() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut count = 0;
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = fs::read(&path).unwrap();
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        count += 1;
        let n = Normalized::new(text);
        for (i, c) in n.text.char_indices() {
            let (s, e) = n.to_original(i, i + c.len_utf8());
            assert!(s <= e && e <= text.len(), "{}", path.display());
        }
        if let Ok(report) = Checker::shared().check(text, &CheckOptions::default()) {
            for f in report.findings.iter().filter(|f| f.place.span.is_some()) {
                let s = f.place.span.unwrap();
                assert_eq!(
                    &text[s.byte_start..s.byte_end],
                    f.place.text,
                    "{}",
                    path.display()
                );
            }
        }
        if let Ok(checker) = Checker::new(&[(text, "regression")]) {
            checker
                .check(
                    "保本理财，零风险，全国第一。6222021234567890128",
                    &CheckOptions::default(),
                )
                .unwrap();
        }
    }
    assert!(
        count >= 4,
        "expected regression inputs in {}",
        dir.display()
    );
}
