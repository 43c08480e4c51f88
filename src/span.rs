//! Spans in the original input, in the three units its consumers use:
//! Unicode scalars (Python, the corpus), UTF-16 code units (JavaScript, DOM
//! ranges) and bytes (Rust).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub utf16_start: usize,
    pub utf16_end: usize,
    pub byte_start: usize,
    pub byte_end: usize,
}

/// Converts many byte offsets of one text in a single forward sweep, so that a
/// report with thousands of findings over a 10 MB input stays linear.
pub struct OffsetConverter;

#[derive(Debug, Clone, Copy, Default)]
struct Position {
    scalar: usize,
    utf16: usize,
}

impl OffsetConverter {
    /// Build spans for byte ranges of `text`. Offsets must lie on char
    /// boundaries; they come from the normaliser's map, which guarantees it.
    pub fn spans(text: &str, ranges: &[(usize, usize)]) -> Vec<Span> {
        let mut wanted: Vec<usize> = ranges.iter().flat_map(|&(s, e)| [s, e]).collect();
        wanted.sort_unstable();
        wanted.dedup();
        let positions = sweep(text, &wanted);
        let lookup = |b: usize| {
            let i = wanted.binary_search(&b).unwrap_or(0);
            positions[i]
        };
        ranges
            .iter()
            .map(|&(s, e)| {
                let (ps, pe) = (lookup(s), lookup(e));
                Span {
                    start: ps.scalar,
                    end: pe.scalar,
                    utf16_start: ps.utf16,
                    utf16_end: pe.utf16,
                    byte_start: s,
                    byte_end: e,
                }
            })
            .collect()
    }
}

fn sweep(text: &str, sorted_bytes: &[usize]) -> Vec<Position> {
    let mut out = Vec::with_capacity(sorted_bytes.len());
    let mut pos = Position::default();
    let mut chars = text.char_indices().peekable();
    for &target in sorted_bytes {
        while let Some(&(b, c)) = chars.peek() {
            if b >= target {
                break;
            }
            pos.scalar += 1;
            pos.utf16 += c.len_utf16();
            chars.next();
        }
        out.push(pos);
    }
    out
}

/// 1-based line and column (in scalars) of a byte offset, for text and SARIF output.
pub fn line_col(text: &str, byte: usize) -> (usize, usize) {
    let byte = byte.min(text.len());
    let before = &text[..floor_char_boundary(text, byte)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

pub fn floor_char_boundary(text: &str, mut byte: usize) -> usize {
    byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    byte
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_astral_characters_as_two_utf16_units() {
        let text = "😀保本";
        let b = text.find("保本").unwrap();
        let spans = OffsetConverter::spans(text, &[(b, text.len())]);
        assert_eq!(spans[0].start, 1);
        assert_eq!(spans[0].utf16_start, 2);
        assert_eq!(spans[0].byte_start, 4);
        assert_eq!(spans[0].end, 3);
        assert_eq!(spans[0].utf16_end, 4);
    }

    #[test]
    fn line_col_is_one_based() {
        assert_eq!(line_col("ab\n保本", 3), (2, 1));
        assert_eq!(line_col("ab\n保本", 6), (2, 2));
    }
}
