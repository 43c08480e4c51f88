//! The pptx reader on arbitrary bytes: an error or a document, never a panic,
//! and every location segment lies inside the extracted text.
#![no_main]
use finlint::extract;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = extract::read_document("fuzz.pptx", data) else { return };
    for part in [&doc.body, &doc.notes, &doc.comments] {
        for s in &part.segments {
            assert!(s.start <= s.end && s.end <= part.text.len());
            assert!(part.text.is_char_boundary(s.start) && part.text.is_char_boundary(s.end));
        }
    }
});
