//! A forgiving, linear-time HTML-to-text scanner.
//!
//! It does not build a tree: marketing copy pasted from a CMS is often broken
//! HTML, and all we need is the visible characters with their source offsets.
//! Block-level tags become line breaks so that phrases never join across
//! paragraphs; inline tags vanish so that `保<b>本</b>` still reads 保本.

/// One visible character and the byte range of the source it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    pub ch: char,
    pub start: usize,
    pub end: usize,
}

/// An HTML comment, kept because it may carry a `finlint-disable` marker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub body: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Default)]
pub struct Scanned {
    pub units: Vec<Unit>,
    pub comments: Vec<Comment>,
}

const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
];

const RAW_TEXT_TAGS: &[&str] = &["script", "style", "template", "noscript"];

pub fn scan(src: &str) -> Scanned {
    let mut scanner = Scanner {
        src,
        bytes: src.as_bytes(),
        pos: 0,
        next_gt: None,
        no_comment_end: false,
        out: Scanned {
            units: Vec::with_capacity(src.len() / 2),
            comments: Vec::new(),
        },
    };
    scanner.run();
    scanner.out
}

struct Scanner<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    /// Cached position of the next `>`; `Some(usize::MAX)` once none is left,
    /// which keeps a text full of unmatched `<` linear instead of quadratic.
    next_gt: Option<usize>,
    /// Set once no `-->` remains, so many unclosed comments stay linear.
    no_comment_end: bool,
    out: Scanned,
}

impl<'a> Scanner<'a> {
    fn run(&mut self) {
        while self.pos < self.bytes.len() {
            match self.bytes[self.pos] {
                b'<' => {
                    if !self.try_markup() {
                        self.push_char();
                    }
                }
                b'&' => {
                    if !self.try_entity() {
                        self.push_char();
                    }
                }
                _ => self.push_char(),
            }
        }
    }

    fn push_char(&mut self) {
        let ch = self.src[self.pos..].chars().next().unwrap_or('\u{FFFD}');
        let end = self.pos + ch.len_utf8();
        self.out.units.push(Unit {
            ch,
            start: self.pos,
            end,
        });
        self.pos = end;
    }

    fn find_gt(&mut self, from: usize) -> Option<usize> {
        match self.next_gt {
            Some(usize::MAX) => return None,
            Some(p) if p >= from => return Some(p),
            _ => {}
        }
        let found = self.bytes[from..]
            .iter()
            .position(|&b| b == b'>')
            .map(|i| from + i);
        self.next_gt = Some(found.unwrap_or(usize::MAX));
        found
    }

    /// Consume a tag or comment at `pos`, or return false to treat `<` literally.
    fn try_markup(&mut self) -> bool {
        let rest = &self.bytes[self.pos..];
        if rest.starts_with(b"<!--") {
            return self.take_comment();
        }
        let next = rest.get(1).copied().unwrap_or(0);
        let looks_like_tag = next.is_ascii_alphabetic()
            || next == b'!'
            || next == b'?'
            || (next == b'/' && rest.get(2).is_some_and(|b| b.is_ascii_alphabetic()));
        if !looks_like_tag {
            return false;
        }
        let Some(gt) = self.find_gt(self.pos + 1) else {
            return false;
        };
        let start = self.pos;
        let name = tag_name(&self.src[start + 1..gt]);
        self.pos = gt + 1;
        let raw_text = RAW_TEXT_TAGS.contains(&name.as_str());
        if !raw_text && self.push_attribute_texts(start, gt) {
            return true;
        }
        if BLOCK_TAGS.contains(&name.as_str()) {
            self.out.units.push(Unit {
                ch: '\n',
                start,
                end: gt + 1,
            });
        } else if raw_text && !self.src[start..gt].starts_with("</") {
            self.skip_raw_text(&name);
        }
        true
    }

    /// Readers see `alt` and `title` texts (an image's text, a tooltip), so
    /// they are checked too: each value becomes its own line, with the line
    /// breaks covering the rest of the tag. Returns false when the tag has
    /// no such text.
    fn push_attribute_texts(&mut self, start: usize, gt: usize) -> bool {
        if self.src[start..gt].starts_with("</") {
            return false;
        }
        let values = reader_attributes(&self.src[start..gt], start);
        if values.is_empty() {
            return false;
        }
        let mut from = start;
        for (v_start, v_end) in values {
            self.out.units.push(Unit {
                ch: '\n',
                start: from,
                end: v_start,
            });
            let mut at = v_start;
            while at < v_end {
                let ch = self.src[at..].chars().next().unwrap_or('\u{FFFD}');
                let entity = (ch == '&')
                    .then(|| entity_at(&self.src[at..v_end]))
                    .flatten();
                let (ch, len) = entity.unwrap_or((ch, ch.len_utf8()));
                self.out.units.push(Unit {
                    ch,
                    start: at,
                    end: at + len,
                });
                at += len;
            }
            from = v_end;
        }
        self.out.units.push(Unit {
            ch: '\n',
            start: from,
            end: gt + 1,
        });
        true
    }

    fn take_comment(&mut self) -> bool {
        let body_start = self.pos + 4;
        if self.no_comment_end {
            return false;
        }
        let Some(rel) = self.src[body_start..].find("-->") else {
            self.no_comment_end = true;
            return false;
        };
        let end = body_start + rel + 3;
        self.out.comments.push(Comment {
            body: self.src[body_start..body_start + rel].trim().to_string(),
            start: self.pos,
            end,
        });
        self.pos = end;
        true
    }

    fn skip_raw_text(&mut self, name: &str) {
        let closing = format!("</{name}");
        let mut from = self.pos;
        while let Some(rel) = self.src[from..].find("</") {
            let at = from + rel;
            let candidate = &self.bytes[at..(at + closing.len()).min(self.bytes.len())];
            if candidate.eq_ignore_ascii_case(closing.as_bytes()) {
                self.pos = self.find_gt(at).map_or(self.bytes.len(), |g| g + 1);
                return;
            }
            from = at + 2;
        }
        self.pos = self.bytes.len();
    }

    fn try_entity(&mut self) -> bool {
        let Some((ch, len)) = entity_at(&self.src[self.pos..]) else {
            return false;
        };
        self.out.units.push(Unit {
            ch,
            start: self.pos,
            end: self.pos + len,
        });
        self.pos += len;
        true
    }
}

/// The entity at the start of `rest` (which starts with `&`): its character
/// and its length in bytes.
fn entity_at(rest: &str) -> Option<(char, usize)> {
    let semi = rest.as_bytes().iter().take(12).position(|&b| b == b';')?;
    decode_entity(&rest[1..semi]).map(|ch| (ch, semi + 1))
}

/// Byte ranges (absolute, offset by `base`) of the non-blank `alt` and
/// `title` values in a tag's source `<name attr=… …` (without the `>`).
fn reader_attributes(tag: &str, base: usize) -> Vec<(usize, usize)> {
    let b = tag.as_bytes();
    let mut i = 1 + b[1..]
        .iter()
        .take_while(|c| !c.is_ascii_whitespace() && **c != b'/')
        .count();
    let mut found = Vec::new();
    while i < b.len() {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        let name_start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'=' && b[i] != b'/' {
            i += 1;
        }
        let name = &tag[name_start..i];
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= b.len() || b[i] != b'=' {
            continue;
        }
        i += 1;
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let (v_start, v_end) = match b.get(i) {
            Some(&q) if q == b'"' || q == b'\'' => {
                let end = b[i + 1..]
                    .iter()
                    .position(|&c| c == q)
                    .map_or(b.len(), |p| i + 1 + p);
                let range = (i + 1, end);
                i = (end + 1).min(b.len());
                range
            }
            _ => {
                let start = i;
                while i < b.len() && !b[i].is_ascii_whitespace() {
                    i += 1;
                }
                (start, i)
            }
        };
        let wanted = name.eq_ignore_ascii_case("alt") || name.eq_ignore_ascii_case("title");
        if wanted && !tag[v_start..v_end].trim().is_empty() {
            found.push((base + v_start, base + v_end));
        }
    }
    found
}

fn tag_name(inner: &str) -> String {
    inner
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase()
}

fn decode_entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
        "zwj" | "zwnj" | "shy" => '\u{200B}',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "middot" => '·',
        "hellip" => '…',
        "mdash" => '—',
        "ndash" => '–',
        "yen" => '¥',
        "times" => '×',
        "percnt" => '%',
        "copy" => '©',
        "reg" => '®',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(src: &str) -> String {
        scan(src).units.iter().map(|u| u.ch).collect()
    }

    #[test]
    fn inline_tags_vanish_and_block_tags_break_lines() {
        assert_eq!(text("<p>保<b>本</b></p><p>无忧</p>"), "\n保本\n\n无忧\n");
    }

    #[test]
    fn entities_decode_with_their_source_range() {
        let s = scan("A&amp;B");
        assert_eq!(s.units[1].ch, '&');
        assert_eq!((s.units[1].start, s.units[1].end), (1, 6));
    }

    #[test]
    fn broken_markup_is_kept_as_text() {
        assert_eq!(text("收益<5% & a<b"), "收益<5% & a<b");
        assert_eq!(text("<div 未闭合"), "<div 未闭合");
    }

    #[test]
    fn comments_are_collected() {
        let s = scan("a<!-- finlint-disable x -->b");
        assert_eq!(s.comments[0].body, "finlint-disable x");
        assert_eq!(text("a<!-- x -->b"), "ab");
    }

    #[test]
    fn alt_and_title_texts_are_read_as_their_own_lines() {
        assert_eq!(
            text(r#"保<img src="a.png" alt="零风险&amp;稳赚">本<a title='保本' href=x>链接</a>"#),
            "保\n零风险&稳赚\n本\n保本\n链接"
        );
        let src = r#"<img alt="稳赚">"#;
        let s = scan(src);
        let unit = s.units.iter().find(|u| u.ch == '稳').unwrap();
        assert_eq!(&src[unit.start..unit.end], "稳");
        assert_eq!(
            text(r#"保<img src=x onerror="alert(1)">本<b title="">x</b>"#),
            "保本x"
        );
    }

    #[test]
    fn script_content_is_skipped() {
        assert_eq!(text("<script>var a='保本';</script>文"), "文");
    }
}
