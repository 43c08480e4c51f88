//! A forgiving, linear-time HTML-to-text scanner.
//!
//! It does not build a tree: marketing copy pasted from a CMS is often broken
//! HTML, and all we need is the visible characters with their source offsets.
//! Block-level tags become line breaks so that phrases never join across
//! paragraphs; inline tags vanish so that `保<b>本</b>` still reads 保本.
//!
//! Readers also see text outside the flow: `alt` (shown when an image does
//! not load, read by screen readers), `title` (tooltips) and `<noscript>`
//! content. `noscript` is scanned as ordinary markup. Attribute text is
//! appended after the visible text, one paragraph per value, each character
//! keeping its source range: in place it would split the word around it
//! (`保<span title="x">本</span>` must still read 保本).

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
    "noscript",
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

const RAW_TEXT_TAGS: &[&str] = &["script", "style", "template"];

/// Attributes whose text readers see.
const READER_ATTRIBUTES: &[&str] = &["alt", "title"];

pub fn scan(src: &str) -> Scanned {
    let mut units = Vec::with_capacity(src.len() / 2);
    let comments = scan_into(src, |u| units.push(u));
    Scanned { units, comments }
}

/// `scan`, handing each visible character to `sink` in order instead of
/// collecting them (the normaliser folds them as they come); the comments.
pub fn scan_into(src: &str, sink: impl FnMut(Unit)) -> Vec<Comment> {
    let mut scanner = Scanner {
        src,
        bytes: src.as_bytes(),
        pos: 0,
        next_gt: None,
        no_comment_end: false,
        attributes: Vec::new(),
        sink,
        comments: Vec::new(),
    };
    scanner.run();
    scanner.append_attributes();
    scanner.comments
}

struct Scanner<'a, F: FnMut(Unit)> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    /// Cached position of the next `>`; `Some(usize::MAX)` once none is left,
    /// which keeps a text full of unmatched `<` linear instead of quadratic.
    next_gt: Option<usize>,
    /// Set once no `-->` remains, so many unclosed comments stay linear.
    no_comment_end: bool,
    /// Byte ranges of `alt` and `title` values, in source order.
    attributes: Vec<(usize, usize)>,
    /// Where the visible characters go.
    sink: F,
    comments: Vec<Comment>,
}

impl<F: FnMut(Unit)> Scanner<'_, F> {
    fn run(&mut self) {
        while self.pos < self.bytes.len() {
            match self.bytes[self.pos] {
                b'<' => {
                    if !self.try_markup() {
                        self.push_char();
                    }
                }
                b'&' => {
                    if !self.try_entity(self.bytes.len()) {
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
        (self.sink)(Unit {
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
        if next.is_ascii_alphabetic() {
            reader_attributes(self.src, start + 1, gt, &mut self.attributes);
        }
        if BLOCK_TAGS.contains(&name.as_str()) {
            (self.sink)(Unit {
                ch: '\n',
                start,
                end: gt + 1,
            });
        } else if RAW_TEXT_TAGS.contains(&name.as_str()) && !self.src[start..gt].starts_with("</") {
            self.skip_raw_text(&name);
        }
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
        self.comments.push(Comment {
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

    /// Each attribute value as its own paragraph after the visible text.
    fn append_attributes(&mut self) {
        for (from, to) in std::mem::take(&mut self.attributes) {
            // The break takes the opening quote's range, so it maps somewhere real.
            (self.sink)(Unit {
                ch: '\n',
                start: from.saturating_sub(1),
                end: from,
            });
            self.pos = from;
            while self.pos < to {
                if !(self.bytes[self.pos] == b'&' && self.try_entity(to)) {
                    self.push_char();
                }
            }
        }
    }

    /// Decode an entity at `pos` that ends before `limit`.
    fn try_entity(&mut self, limit: usize) -> bool {
        let rest = &self.src[self.pos..limit];
        let Some(semi) = rest.as_bytes().iter().take(12).position(|&b| b == b';') else {
            return false;
        };
        let Some(ch) = decode_entity(&rest[1..semi]) else {
            return false;
        };
        (self.sink)(Unit {
            ch,
            start: self.pos,
            end: self.pos + semi + 1,
        });
        self.pos += semi + 1;
        true
    }
}

/// Append the value ranges of the `alt` and `title` attributes of the tag
/// whose inside is `src[from..to]` (after `<`, before `>`).
fn reader_attributes(src: &str, from: usize, to: usize, out: &mut Vec<(usize, usize)>) {
    let b = src.as_bytes();
    let mut i = from;
    while i < to && !b[i].is_ascii_whitespace() && b[i] != b'/' {
        i += 1; // the tag name
    }
    loop {
        while i < to && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        let name_start = i;
        while i < to && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'/') {
            i += 1;
        }
        if i == name_start {
            return;
        }
        let name = &src[name_start..i];
        while i < to && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= to || b[i] != b'=' {
            continue;
        }
        i += 1;
        while i < to && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let (start, end) = match b.get(i) {
            Some(&q @ (b'"' | b'\'')) if i < to => {
                let end = b[i + 1..to]
                    .iter()
                    .position(|&c| c == q)
                    .map_or(to, |p| i + 1 + p);
                (i + 1, end)
            }
            _ => {
                let end = b[i..to]
                    .iter()
                    .position(|c| c.is_ascii_whitespace())
                    .map_or(to, |p| i + p);
                (i, end)
            }
        };
        if end > start
            && READER_ATTRIBUTES
                .iter()
                .any(|a| a.eq_ignore_ascii_case(name))
        {
            out.push((start, end));
        }
        i = (end + 1).min(to.max(end));
    }
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
    fn alt_title_and_noscript_text_is_read_with_its_source_range() {
        let src = "保<span title=\"零风险\">本</span><img alt='稳&#36186;不赔' src=x><noscript>刚性兑付</noscript>";
        assert_eq!(text(src), "保本\n刚性兑付\n\n零风险\n稳赚不赔");
        let units = scan(src).units;
        let risk = units.iter().find(|u| u.ch == '零').unwrap();
        assert_eq!(&src[risk.start..risk.end], "零");
        let entity = units.iter().find(|u| u.ch == '赚').unwrap();
        assert_eq!(&src[entity.start..entity.end], "&#36186;");
    }

    #[test]
    fn closing_tags_and_other_attributes_add_nothing() {
        assert_eq!(text("<a href=\"保本\" data-title=\"x\">a</a>"), "a");
        assert_eq!(text("<img alt=保本>"), "\n保本");
        assert_eq!(text("<img alt>"), "");
    }

    #[test]
    fn script_content_is_skipped() {
        assert_eq!(text("<script>var a='保本';</script>文"), "文");
    }
}
