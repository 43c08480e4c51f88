//! Output formats shared by the CLI and tests: human text, SARIF 2.1.0,
//! GitHub workflow commands and the rules table. JSON is the report's own
//! serde form, tagged with its origin (`tagged`).

use std::borrow::Cow;

pub mod github;
pub mod rules;
pub mod sarif;
pub mod summary;
pub mod tagged;
pub mod text;

/// Characters that would act on a terminal instead of showing: C0 and C1
/// controls and DEL (escape sequences), and the bidirectional overrides and
/// isolates that reorder what is displayed. Newline and tab are layout.
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Text from the input (or a user pack) made safe for a terminal: each
/// unsafe character is shown as its code, `<U+001B>`, so escape codes in the
/// copy never reach the terminal raw and the reader still sees they are there.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| {
                if is_unsafe(c) {
                    format!("<U+{:04X}>", c as u32)
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// Terminal columns of a character: CJK, kana, hangul, full-width forms and
/// emoji take two; combining marks and zero-width characters none.
pub fn char_width(c: char) -> usize {
    match c {
        '\u{0300}'..='\u{036F}'
        | '\u{200B}'..='\u{200D}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}' => 0,
        '\u{1100}'..='\u{115F}'
        | '\u{2E80}'..='\u{303E}'
        | '\u{3041}'..='\u{33FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{A960}'..='\u{A97F}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFE6}'
        | '\u{1F300}'..='\u{1FAFF}'
        | '\u{20000}'..='\u{3FFFD}'
        | '…' => 2,
        _ => 1,
    }
}

pub fn display_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_shows_controls_and_bidi_overrides_as_codes() {
        assert_eq!(sanitize("保本\n\t"), "保本\n\t");
        assert_eq!(
            sanitize("\x1b[31m红\u{9b}\u{202E}\x7f"),
            "<U+001B>[31m红<U+009B><U+202E><U+007F>"
        );
    }

    #[test]
    fn wide_characters_take_two_columns() {
        assert_eq!(display_width("保本ab，"), 2 + 2 + 1 + 1 + 2);
        assert_eq!(display_width("e\u{0301}"), 1);
    }
}
