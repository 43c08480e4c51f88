fn main() {
    let seg = finlint::testing::Segmenter::builtin(&finlint::testing::builtin_terms());
    for text in std::env::args().skip(1) {
        let b = seg.boundaries(&text, 0, text.len());
        let w: Vec<&str> = b.windows(2).map(|w| &text[w[0]..w[1]]).collect();
        println!("{}", w.join("/"));
    }
}
