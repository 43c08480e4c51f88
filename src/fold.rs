//! Character folding: the per-character part of normalisation.
//!
//! Every fold maps one input character to at most one output character, so the
//! offset map stays a simple per-character table.

use std::sync::OnceLock;

const T2S_DATA: &str = include_str!("../data/t2s.txt");
const COMPAT_DATA: &str = include_str!("../data/compat.txt");

/// CJK Unified Ideographs plus Extension A; traditional forms outside this range
/// are vanishingly rare in marketing copy.
const T2S_FIRST: u32 = 0x3400;
const T2S_LAST: u32 = 0x9FFF;

/// What to do with one input character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Folded {
    Keep(char),
    Drop,
}

fn t2s_table() -> &'static [u32] {
    static TABLE: OnceLock<Vec<u32>> = OnceLock::new();
    TABLE.get_or_init(build_t2s_table)
}

/// A dense table indexed by code point: a direct index is several times faster
/// than hashing on the hot path, and the range is only ~108 KB.
fn build_t2s_table() -> Vec<u32> {
    let mut table = vec![0u32; (T2S_LAST - T2S_FIRST + 1) as usize];
    for line in T2S_DATA.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut parts = line.split('\t');
        let (Some(from), Some(to)) = (parts.next(), parts.next()) else {
            continue;
        };
        let (Some(from), Some(to)) = (from.chars().next(), to.chars().next()) else {
            continue;
        };
        let cp = from as u32;
        if (T2S_FIRST..=T2S_LAST).contains(&cp) {
            table[(cp - T2S_FIRST) as usize] = to as u32;
        }
    }
    table
}

/// Force the tables to be built now rather than on the first check.
pub fn warm_up() {
    let _ = t2s_table();
    let _ = compat_table();
}

pub fn to_simplified(c: char) -> char {
    let cp = c as u32;
    if !(T2S_FIRST..=T2S_LAST).contains(&cp) {
        return c;
    }
    match t2s_table()[(cp - T2S_FIRST) as usize] {
        0 => c,
        mapped => char::from_u32(mapped).unwrap_or(c),
    }
}

/// Zero-width, bidi-control, soft-hyphen and other characters that render as
/// nothing; evaders put them inside words to defeat substring checks. This is
/// Unicode's Default_Ignorable_Code_Point set (which includes the variation
/// selectors, the ideographic variation selectors E0100-E01EF that follow a
/// CJK character legitimately, and the tag characters), plus the controls.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}'
        | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}'
        | '\u{FFF0}'..='\u{FFF8}'
        | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E0FFF}'
    ) || (c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
}

fn compat_table() -> &'static [(char, char)] {
    static TABLE: OnceLock<Vec<(char, char)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: Vec<(char, char)> = COMPAT_DATA
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut chars = l.split('\t').map(|p| p.chars().next());
                Some((chars.next()??, chars.next()??))
            })
            .collect();
        table.sort_unstable();
        table
    })
}

/// Does `c` lie in a block that `data/compat.txt` maps from? A cheap range
/// test keeps the table lookup off the path of ordinary text.
fn in_compat_blocks(c: char) -> bool {
    matches!(c as u32,
        0x2070..=0x218F | 0x2460..=0x24FF | 0x2E80..=0x2FDF | 0x3220..=0x33FF
        | 0xF900..=0xFAFF | 0x1D400..=0x1D7FF | 0x1F100..=0x1F2FF | 0x1FBF0..=0x1FBF9
        | 0x2F800..=0x2FA1F)
}

/// Compatibility forms read as the ordinary character (NFKC, one to one):
/// the Kangxi radical ⼀ as 一, the compatibility ideograph 零 (U+F9B2) as 零,
/// 🈚 as 無, ① as 1, 𝟏𝟎𝟎 as 100.
pub fn to_compat(c: char) -> char {
    if !in_compat_blocks(c) {
        return c;
    }
    let table = compat_table();
    table
        .binary_search_by_key(&c, |&(from, _)| from)
        .map_or(c, |i| table[i].1)
}

/// Full-width ASCII variants and the ideographic space fold to plain ASCII.
pub fn to_half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => ' ',
        _ => c,
    }
}

/// Fold one character: drop the invisible, then compatibility form, width,
/// case and script.
pub fn fold_char(c: char) -> Folded {
    if is_invisible(c) {
        return Folded::Drop;
    }
    let c = to_half_width(to_compat(c));
    let c = if c.is_ascii_uppercase() {
        c.to_ascii_lowercase()
    } else {
        c
    };
    Folded::Keep(to_simplified(c))
}

/// Normalise a short phrase from a rule pack or label table the same way input
/// text is normalised, so data authors may write traditional or full-width forms.
pub fn fold_str(s: &str) -> String {
    s.chars()
        .filter_map(|c| match fold_char(c) {
            Folded::Keep(k) => Some(k),
            Folded::Drop => None,
        })
        .collect()
}

/// Normalise a regex pattern from a data file: non-ASCII characters fold like
/// input text (traditional, full-width), but ASCII is left alone because
/// regex syntax is case-sensitive (`\\S`, `(?P<hit>`). A full-width symbol
/// that folds to ASCII punctuation is escaped, so `（` stays a literal.
pub fn fold_pattern(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    for c in pattern.chars() {
        if c.is_ascii() {
            out.push(c);
            continue;
        }
        match fold_char(c) {
            Folded::Keep(k) if k.is_ascii_punctuation() => {
                out.push('\\');
                out.push(k);
            }
            Folded::Keep(k) => out.push(k),
            Folded::Drop => {}
        }
    }
    out
}

pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_traditional_forms_used_by_evaders() {
        assert_eq!(
            fold_str("穩賺不賠，絕對無風險，保證"),
            "稳赚不赔,绝对无风险,保证"
        );
    }

    #[test]
    fn folds_full_width_digits_and_percent() {
        assert_eq!(fold_str("１００％ＴＯＰ１"), "100%top1");
    }

    #[test]
    fn patterns_keep_ascii_case_and_escape_folded_symbols() {
        assert_eq!(fold_pattern("(?P<hit>\\S)風險（"), "(?P<hit>\\S)风险\\(");
    }

    #[test]
    fn folds_compatibility_forms_to_the_character_read() {
        assert_eq!(
            fold_str("\u{2F00}\u{F9B2}风险，\u{1F21A}风险，\u{3299}诀"),
            "一零风险,无风险,秘诀"
        );
        assert_eq!(
            fold_str("\u{1D7CF}\u{1D7CE}\u{1D7CE}%，①，x\u{2074}"),
            "100%,1,x4"
        );
        // Ordinary characters in those blocks' neighbourhood are untouched.
        assert_eq!(fold_str("保本㐀"), "保本㐀");
    }

    #[test]
    fn drops_default_ignorables_of_every_block() {
        assert_eq!(
            fold_str("保\u{E0100}本\u{E0041}无\u{1D173}忧\u{180F}\u{FFF0}"),
            "保本无忧"
        );
    }

    #[test]
    fn drops_zero_width_and_soft_hyphen() {
        assert_eq!(fold_str("保\u{200B}本\u{00AD}无\u{FEFF}忧"), "保本无忧");
    }
}
