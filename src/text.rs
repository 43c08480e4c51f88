//! Small text helpers shared by the pipeline's stages (context, labels,
//! the engine and the output formats). They live here rather than in one
//! stage so that no stage reaches into another for a utility.

/// The last `n` characters of `s` (all of it when shorter).
pub fn tail_chars(s: &str, n: usize) -> &str {
    let cut = s
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    &s[cut..]
}

/// The first `n` characters of `s` (all of it when shorter).
pub fn head_chars(s: &str, n: usize) -> &str {
    let cut = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    &s[..cut]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tail_and_head() {
        assert_eq!(tail_chars("一二三四", 2), "三四");
        assert_eq!(tail_chars("一", 5), "一");
        assert_eq!(head_chars("一二三四", 2), "一二");
    }
}
