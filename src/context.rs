//! Context around a hit: clause and sentence bounds, negation, and quotation
//! or warning frames that turn a claim into a citation.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use rustc_hash::FxHashSet;
use serde::Deserialize;

use crate::fold::fold_str;
use crate::span::{ceil_char_boundary, floor_char_boundary};

pub(crate) const CONTEXT_DATA: &str = crate::compiled::json!("context");

/// How far to look for a sentence end; bounds the work per hit on a text with
/// no punctuation at all.
const MAX_SENTENCE_REACH: usize = 400;
/// Grid, in bytes, that unbounded windows snap to (see `bounds`).
const GRID: usize = 1024;
/// How far either side of a hit to look for its quotation marks.
const QUOTE_REACH: usize = 60;
/// Closing quotes and brackets, as normalised text has them.
const CLOSERS: &[char] = &['"', '\'', '”', '’', '」', '』', '】', ')', ']'];
/// How many tokens to walk back from a hit looking for a negator.
const NEGATION_REACH: usize = 4;
/// The most tokens the segmenter splits one negator into (误|以|为).
const MAX_NEGATOR_PIECES: usize = 3;

#[derive(Deserialize)]
struct ContextFile {
    negators: Vec<String>,
    neutral: Vec<String>,
    quote_pairs: Vec<[String; 2]>,
    quote_frame_cues: Vec<String>,
    frame_leads: Vec<String>,
    frame_condemnations: Vec<String>,
    sentence_ends: Vec<String>,
    clause_ends: Vec<String>,
    rhetorical: Vec<String>,
    tag_questions: Vec<String>,
    embedded_questions: Vec<String>,
    concessives: Vec<String>,
    concessive_links: Vec<String>,
}

pub struct Context {
    negators: FxHashSet<String>,
    /// The same words in one automaton: whether a text holds any of them.
    negator_words: Cues,
    neutral: FxHashSet<String>,
    /// Rule terms: a negation reaches across a coordinated claim
    /// (不承诺保本和最低收益), so other claims do not stop the walk.
    transparent: FxHashSet<String>,
    quote_pairs: Vec<(char, char)>,
    frame_cues: FrameCues,
    sentence_ends: Vec<char>,
    clause_ends: Vec<char>,
    rhetorical: Vec<String>,
    tag_questions: Vec<String>,
    embedded_questions: Cues,
    concessives: Cues,
    concessive_links: Cues,
}

/// A list of cue words (negators, embedded questions, concessives)
/// searched as one automaton. Each answer is the one the per-word searches
/// gave.
struct Cues {
    automaton: Option<AhoCorasick>,
    /// An empty cue (a word that folds to nothing) is found everywhere.
    has_empty: bool,
}

impl Cues {
    fn new(words: &[String]) -> Cues {
        let has_empty = words.iter().any(String::is_empty);
        let words: Vec<&str> = words
            .iter()
            .map(String::as_str)
            .filter(|w| !w.is_empty())
            .collect();
        let automaton = cue_automaton(&words);
        Cues {
            automaton,
            has_empty,
        }
    }

    /// The earliest end of a cue's first occurrence: min of `find + len`.
    /// Overlapping matches come in order of their end.
    fn first_end(&self, s: &str) -> Option<usize> {
        if self.has_empty {
            return Some(0);
        }
        let ac = self.automaton.as_ref()?;
        ac.find_overlapping_iter(s).next().map(|m| m.end())
    }

    fn any(&self, s: &str) -> bool {
        self.has_empty || self.automaton.as_ref().is_some_and(|ac| ac.is_match(s))
    }
}

/// The three lists of frame cues (leads, condemnations, quote cues) in one
/// automaton: a sentence's cues are one search instead of three.
struct FrameCues {
    automaton: Option<AhoCorasick>,
    /// Per automaton pattern, the lists that hold the word (`LEAD`,
    /// `CONDEMNATION`, `QUOTE` bits).
    owners: Vec<u8>,
    /// The lists that hold an empty word (a word that folds to nothing),
    /// which is found everywhere.
    empty: u8,
}

const LEAD: u8 = 1;
const CONDEMNATION: u8 = 2;
const QUOTE: u8 = 4;

impl FrameCues {
    fn new(lists: [(&[String], u8); 3]) -> FrameCues {
        let mut words: Vec<&str> = Vec::new();
        let mut owners: Vec<u8> = Vec::new();
        let mut empty = 0;
        for (list, bit) in lists {
            for w in list {
                if w.is_empty() {
                    empty |= bit;
                } else if let Some(k) = words.iter().position(|x| x == w) {
                    owners[k] |= bit;
                } else {
                    words.push(w);
                    owners.push(bit);
                }
            }
        }
        let automaton = cue_automaton(&words);
        FrameCues {
            automaton,
            owners,
            empty,
        }
    }

    /// In `s`: the earliest end of a lead (min of `find + len`), the latest
    /// start of a condemnation (max of `rfind`), and whether a quote cue
    /// occurs, as a search per word per list gave them.
    fn find(&self, s: &str) -> (Option<usize>, Option<usize>, bool) {
        let mut lead = (self.empty & LEAD != 0).then_some(0);
        let mut condemnation = (self.empty & CONDEMNATION != 0).then_some(s.len());
        let mut quote = self.empty & QUOTE != 0;
        let Some(ac) = &self.automaton else {
            return (lead, condemnation, quote);
        };
        for m in ac.find_overlapping_iter(s) {
            let bits = self.owners[m.pattern().as_usize()];
            if bits & LEAD != 0 {
                lead = Some(lead.map_or(m.end(), |l| l.min(m.end())));
            }
            if bits & CONDEMNATION != 0 {
                condemnation = Some(condemnation.map_or(m.start(), |c| c.max(m.start())));
            }
            quote |= bits & QUOTE != 0;
        }
        (lead, condemnation, quote)
    }
}

/// One automaton over cue words, or none for no words. Standard semantics,
/// so that overlapping searches report every cue.
fn cue_automaton(words: &[&str]) -> Option<AhoCorasick> {
    (!words.is_empty()).then(|| {
        AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(words)
            .expect("cue automaton within default limits")
    })
}

fn first_char(s: &str) -> Option<char> {
    fold_str(s).chars().next()
}

impl Context {
    pub fn builtin() -> Context {
        let file: ContextFile = crate::compiled::parse("context.toml", CONTEXT_DATA);
        let fold_all = |v: Vec<String>| v.iter().map(|s| fold_str(s)).collect::<Vec<_>>();
        let negators = fold_all(file.negators);
        Context {
            negator_words: Cues::new(&negators),
            negators: negators.into_iter().collect(),
            neutral: fold_all(file.neutral).into_iter().collect(),
            transparent: FxHashSet::default(),
            quote_pairs: file
                .quote_pairs
                .iter()
                .filter_map(|[o, c]| Some((first_char(o)?, first_char(c)?)))
                .collect(),
            frame_cues: FrameCues::new([
                (&fold_all(file.frame_leads), LEAD),
                (&fold_all(file.frame_condemnations), CONDEMNATION),
                (&fold_all(file.quote_frame_cues), QUOTE),
            ]),
            rhetorical: fold_all(file.rhetorical),
            tag_questions: fold_all(file.tag_questions),
            embedded_questions: Cues::new(&fold_all(file.embedded_questions)),
            concessives: Cues::new(&fold_all(file.concessives)),
            concessive_links: Cues::new(&fold_all(file.concessive_links)),
            sentence_ends: file
                .sentence_ends
                .iter()
                .filter_map(|s| first_char(s))
                .collect(),
            clause_ends: file
                .clause_ends
                .iter()
                .filter_map(|s| first_char(s))
                .collect(),
        }
    }

    pub fn add_transparent(&mut self, terms: impl Iterator<Item = String>) {
        self.transparent.extend(terms);
    }

    /// The sentence around `start..end`, walked out from it: the definition
    /// that [`TextBounds`] looks up (the context stage uses the table; a
    /// caller with a few hits walks).
    pub fn sentence(&self, text: &str, start: usize, end: usize) -> (usize, usize) {
        bounds(text, start, end, &self.sentence_ends)
    }

    #[cfg(test)]
    pub fn clause(&self, text: &str, start: usize, end: usize) -> (usize, usize) {
        bounds(text, start, end, &self.clause_ends)
    }

    /// Every sentence and clause delimiter of `text`, found in one pass: the
    /// context stage then looks each candidate's sentence and clause up
    /// instead of walking out from it character by character (those walks,
    /// two per candidate, repeated for every candidate of a sentence).
    pub fn text_bounds(&self, text: &str) -> TextBounds {
        let mut ascii = [0u8; 128];
        let mut other: Vec<(char, u8)> = Vec::new();
        for (list, bit) in [(&self.sentence_ends, SENTENCE), (&self.clause_ends, CLAUSE)] {
            for &c in list {
                if c.is_ascii() {
                    ascii[c as usize] |= bit;
                } else if let Some(slot) = other.iter_mut().find(|(o, _)| *o == c) {
                    slot.1 |= bit;
                } else {
                    other.push((c, bit));
                }
            }
        }
        let mut out = TextBounds::default();
        for (i, c) in text.char_indices() {
            let bits = if c.is_ascii() {
                ascii[c as usize]
            } else {
                other.iter().find(|(o, _)| *o == c).map_or(0, |&(_, b)| b)
            };
            if bits == 0 {
                continue;
            }
            if bits & SENTENCE != 0 {
                out.sentence.push(i);
            }
            if bits & CLAUSE != 0 {
                out.clause.push(i);
            }
        }
        out.sentence.finish(text.len());
        out.clause.finish(text.len());
        out
    }

    /// Could [`Context::negator`] find a negator for a hit whose clause
    /// holds `before` before it? Only if some negator occurs in it: every
    /// range the walk tests lies there.
    pub fn may_negate(&self, before: &str) -> bool {
        self.negator_words.any(before)
    }

    /// The negator token that negates the hit at `start`, allowing only
    /// neutral tokens between (不[承诺][任何]保本), as a byte range of `text`:
    /// what `--explain` quotes as the reason.
    pub fn negator(
        &self,
        text: &str,
        boundaries: &[usize],
        start: usize,
    ) -> Option<(usize, usize)> {
        let mut i = match boundaries.binary_search(&start) {
            Ok(i) => i,
            Err(0) => return None,
            // The hit starts inside a token such as 不承诺: the token's head
            // before the hit may itself be the negator.
            Err(i) => {
                let from = boundaries[i - 1];
                if self.negators.contains(&text[from..start]) {
                    return Some((from, start));
                }
                i - 1
            }
        };
        let mut walked = 0;
        while i > 0 && walked < NEGATION_REACH {
            let (from, to) = (boundaries[i - 1], boundaries[i]);
            let token = &text[from..to];
            if self.negators.contains(token) {
                return Some((from, to));
            }
            // The segmenter may split a negator (不|代表, 误|以|为): try it
            // with the tokens before.
            for pieces in 2..=MAX_NEGATOR_PIECES {
                let Some(&before) = i.checked_sub(pieces).and_then(|k| boundaries.get(k)) else {
                    break;
                };
                if self.negators.contains(&text[before..to]) {
                    return Some((before, to));
                }
            }
            if !self.neutral.contains(token) && !self.transparent.contains(token) {
                return None;
            }
            i -= 1;
            walked += 1;
        }
        None
    }

    /// Where the warning-frame cues sit in a sentence, computed once per
    /// sentence so that many hits in one long sentence stay linear.
    pub fn sentence_cues(&self, text: &str, sentence: (usize, usize)) -> SentenceCues {
        let (lead_end, condemnation, has_quote_cue) =
            self.frame_cues.find(&text[sentence.0..sentence.1]);
        SentenceCues {
            first_lead_end: lead_end.map(|i| sentence.0 + i),
            last_condemnation: condemnation.map(|i| sentence.0 + i),
            has_quote_cue,
            by_genre: false,
        }
    }

    /// Is the hit quoted inside a warning, or framed as a condemned claim
    /// (任何承诺稳赚不赔的都是诈骗), and how: what `--explain` says.
    pub fn frame(
        &self,
        text: &str,
        sentence: (usize, usize),
        cues: &SentenceCues,
        start: usize,
        end: usize,
    ) -> Option<FrameKind> {
        if text[sentence.0..start].ends_with("所谓") {
            return Some(FrameKind::SoCalled);
        }
        let framed_by_words = cues.first_lead_end.is_some_and(|l| l <= start)
            && cues.last_condemnation.is_some_and(|c| c >= end);
        if framed_by_words {
            return Some(FrameKind::Condemned);
        }
        if !cues.has_quote_cue {
            return None;
        }
        // Quotation marks around a claim sit close to it; a bounded look keeps
        // the check constant-time per hit.
        let before = crate::text::tail_chars(&text[sentence.0..start], QUOTE_REACH);
        // “…利息高。” puts the closing mark after the sentence's full stop.
        let reach = ceil_char_boundary(text, (sentence.1 + 4).min(text.len()));
        let after = crate::text::head_chars(&text[end..reach], QUOTE_REACH);
        self.is_quoted(before, after).then_some(FrameKind::Quoted {
            by_genre: cues.by_genre,
        })
    }

    /// Does the sentence ask about the hit at byte `hit`? A question asks
    /// about a claim; the answer is what may make one.
    pub fn is_question(&self, text: &str, sentence: (usize, usize), hit: usize) -> bool {
        // A closing quote may sit between the claim and the question mark
        // (到底是不是“存钱神器”？).
        let after = text[sentence.1..].trim_start_matches(CLOSERS);
        let body = text[sentence.0..sentence.1].trim_end();
        let asks = after.starts_with('?') || body.ends_with('?') || body.ends_with('吗');
        asks && !self.is_rhetorical(body) && self.asks_about(body, hit.saturating_sub(sentence.0))
    }

    /// Does the clause embed a question (有姐妹问会不会亏), other than a
    /// concessive one (不管会不会跌)? Its claim words are asked, not said.
    pub fn asks_in_clause(&self, clause: &str) -> bool {
        match self.embedded_questions.first_end(clause) {
            Some(end) => {
                !self.concessives.any(&clause[..end]) && !self.concessive_links.any(&clause[end..])
            }
            None => false,
        }
    }

    /// A question asks about its last clause (这款会亏吗？), or through a tag
    /// about what comes before it (听说保本，是真的吗？). Earlier clauses of
    /// any other question state: 三个月赚了23%，你们跟不跟？
    fn asks_about(&self, body: &str, at: usize) -> bool {
        let body = body.trim_end_matches(['?', '？']);
        let Some(cut) = body.rfind(|c| self.clause_ends.contains(&c)) else {
            return true;
        };
        at >= cut || {
            let last_clause = &body[cut..];
            self.tag_questions
                .iter()
                .any(|t| last_clause.contains(t.as_str()))
        }
    }

    /// 怕什么？还等什么？ assert by asking: they are claims, not questions.
    fn is_rhetorical(&self, question: &str) -> bool {
        let tail = crate::text::tail_chars(question.trim_end_matches('?'), 8);
        self.rhetorical.iter().any(|r| tail.contains(r.as_str()))
    }

    fn is_quoted(&self, before: &str, after: &str) -> bool {
        self.quote_pairs.iter().any(|&(open, close)| {
            let opened = match before.rfind(open) {
                Some(o) => {
                    let since = &before[o + open.len_utf8()..];
                    open == close || !since.contains(close)
                }
                None => false,
            };
            let unbalanced_symmetric = open == close && before.matches(open).count() % 2 == 0;
            opened && !unbalanced_symmetric && after.contains(close)
        })
    }
}

/// Cached per sentence: see [`Context::sentence_cues`].
#[derive(Debug, Clone, Copy)]
pub struct SentenceCues {
    first_lead_end: Option<usize>,
    last_condemnation: Option<usize>,
    has_quote_cue: bool,
    /// The quote cue comes from the document's genre, not the sentence.
    by_genre: bool,
}

impl SentenceCues {
    /// In a warning or education text every sentence quotes to warn: a
    /// quoted claim there is a citation whatever its own sentence says.
    pub fn in_warning_text(mut self) -> SentenceCues {
        self.by_genre = !self.has_quote_cue;
        self.has_quote_cue = true;
        self
    }
}

/// Why a hit reads as a citation rather than a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrameKind {
    /// 所谓保本: named in order to be disowned.
    SoCalled,
    /// Between a lead and a condemnation (任何承诺稳赚不赔的都是诈骗).
    Condemned,
    /// In quotation marks in a sentence that warns, or anywhere in a text
    /// whose genre warns (`by_genre`).
    Quoted { by_genre: bool },
}

const SENTENCE: u8 = 1;
const CLAUSE: u8 = 2;

/// The sentence and clause delimiters of one text
/// ([`Context::text_bounds`]).
#[derive(Debug, Default)]
pub struct TextBounds {
    sentence: Delimiters,
    clause: Delimiters,
}

impl TextBounds {
    /// What [`Context::sentence`] gives, looked up.
    pub fn sentence(&self, text: &str, start: usize, end: usize) -> (usize, usize) {
        self.sentence.bounds(text, start, end)
    }

    /// What [`Context::clause`] gives, looked up.
    pub fn clause(&self, text: &str, start: usize, end: usize) -> (usize, usize) {
        self.clause.bounds(text, start, end)
    }
}

/// Where one kind of delimiter occurs: the byte each starts at, ascending,
/// and per block of `1 << BLOCK_SHIFT` bytes of text the first delimiter at
/// or after the block's start. A lookup is then one index read and a short
/// scan: a binary search over hundreds of thousands of delimiters missed
/// the cache at every step, and cost more than the walks it replaced.
#[derive(Debug, Default)]
struct Delimiters {
    starts: Vec<u32>,
    blocks: Vec<u32>,
}

const BLOCK_SHIFT: u32 = 7;

impl Delimiters {
    fn push(&mut self, start: usize) {
        self.starts.push(start as u32);
    }

    /// Index the blocks of a text of `len` bytes, once every delimiter is in.
    fn finish(&mut self, len: usize) {
        let blocks = (len >> BLOCK_SHIFT) + 1;
        self.blocks = Vec::with_capacity(blocks);
        let mut i = 0;
        for b in 0..blocks {
            let from = (b << BLOCK_SHIFT) as u32;
            while i < self.starts.len() && self.starts[i] < from {
                i += 1;
            }
            self.blocks.push(i as u32);
        }
    }

    /// The index of the first delimiter starting at or after byte `at`.
    fn first_from(&self, at: usize) -> usize {
        let mut i = self
            .blocks
            .get(at >> BLOCK_SHIFT)
            .map_or(self.starts.len(), |&i| i as usize);
        while self.starts.get(i).is_some_and(|&s| (s as usize) < at) {
            i += 1;
        }
        i
    }

    /// `bounds` over this text with these delimiters, looked up: the
    /// delimiter before `start` (which, `start` being a character boundary,
    /// ends at or before it) and the first from `end` on, each taken when no
    /// more than `MAX_SENTENCE_REACH` characters away (as the walk takes
    /// it), else the same grid snap.
    fn bounds(&self, text: &str, start: usize, end: usize) -> (usize, usize) {
        let before = self.first_from(start).checked_sub(1);
        let lower = before.map_or(0, |i| {
            let at = self.starts[i] as usize;
            at + text[at..].chars().next().map_or(0, char::len_utf8)
        });
        let s = if within_reach(&text[lower..start]) {
            lower
        } else {
            floor_char_boundary(text, start.saturating_sub(GRID) / GRID * GRID)
        };
        let after = self.first_from(end);
        let upper = self.starts.get(after).map_or(text.len(), |&d| d as usize);
        let e = if within_reach(&text[end..upper]) {
            upper
        } else {
            ceil_char_boundary(text, (end + GRID).div_ceil(GRID) * GRID)
        };
        (s, e)
    }
}

/// Does the walk in `bounds` cross all of `gap` before its cap? It stops
/// after `MAX_SENTENCE_REACH` characters. A gap of no more bytes than that
/// has no more characters, and one of over four times as many bytes has
/// more (a character is at most four bytes): only between are they counted,
/// so a delimiter megabytes away costs nothing.
fn within_reach(gap: &str) -> bool {
    gap.len() <= MAX_SENTENCE_REACH
        || (gap.len() <= 4 * MAX_SENTENCE_REACH && gap.chars().count() <= MAX_SENTENCE_REACH)
}

/// Extend [start, end) to the nearest delimiters, within a bounded reach.
/// Where no delimiter is in reach, the bound snaps to a fixed grid, so that
/// the many hits of one endless line share a few cached windows instead of
/// each segmenting its own: that keeps such input linear. The context stage
/// looks the same bounds up in a [`TextBounds`]; this walk is the reference.
fn bounds(text: &str, start: usize, end: usize, ends: &[char]) -> (usize, usize) {
    let mut s = start;
    let mut capped = false;
    for (taken, (i, c)) in text[..start].char_indices().rev().enumerate() {
        if ends.contains(&c) {
            break;
        }
        if taken >= MAX_SENTENCE_REACH {
            capped = true;
            break;
        }
        s = i;
    }
    if capped {
        s = floor_char_boundary(text, start.saturating_sub(GRID) / GRID * GRID);
    }
    let mut e = end;
    capped = false;
    for (taken, (i, c)) in text[end..].char_indices().enumerate() {
        if ends.contains(&c) {
            break;
        }
        if taken >= MAX_SENTENCE_REACH {
            capped = true;
            break;
        }
        e = end + i + c.len_utf8();
    }
    if capped {
        e = ceil_char_boundary(text, (end + GRID).div_ceil(GRID) * GRID);
    }
    (s, e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_bounds_stop_at_punctuation() {
        let ctx = Context::builtin();
        let text = "前文。谨防保本骗局!后文";
        let s = text.find("保本").unwrap();
        let (a, b) = ctx.sentence(text, s, s + 6);
        assert_eq!(&text[a..b], "谨防保本骗局");
    }

    /// The looked-up bounds are the walked ones: at every character, with
    /// delimiters near and far, ASCII and not, and runs past the reach.
    #[test]
    fn looked_up_bounds_are_the_walked_bounds() {
        let ctx = Context::builtin();
        let long = "长".repeat(MAX_SENTENCE_REACH - 2);
        let texts = [
            "前文。谨防保本骗局!后文,还有：一句…【标题】尾".to_string(),
            format!("{long}保本{long}。{long}{long}稳赚,{long}"),
            format!(
                "a{}b\nc{}",
                "x".repeat(MAX_SENTENCE_REACH + 5),
                "y".repeat(2000)
            ),
            format!("{long}甲。"),
            format!("。{long}乙乙"),
            String::new(),
            "。".to_string(),
        ];
        for text in texts {
            let table = ctx.text_bounds(&text);
            let offsets: Vec<usize> = text
                .char_indices()
                .map(|(i, _)| i)
                .chain([text.len()])
                .collect();
            for (k, &start) in offsets.iter().enumerate() {
                for &end in offsets[k..].iter().take(3) {
                    assert_eq!(
                        table.sentence(&text, start, end),
                        ctx.sentence(&text, start, end),
                        "sentence {start}..{end} of {text:?}"
                    );
                    assert_eq!(
                        table.clause(&text, start, end),
                        ctx.clause(&text, start, end),
                        "clause {start}..{end} of {text:?}"
                    );
                }
            }
        }
    }

    /// One search for the three frame-cue lists answers as a search per
    /// word per list did (the words shared by lists, and an empty word,
    /// included).
    #[test]
    fn frame_cues_answer_as_searches_per_word() {
        let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let (leads, condemnations, quotes) = (
            words(&["任何", "凡是", "承诺"]),
            words(&["骗局", "诈骗", "承诺"]),
            words(&["谨防", "骗局"]),
        );
        let cues = FrameCues::new([
            (&leads, LEAD),
            (&condemnations, CONDEMNATION),
            (&quotes, QUOTE),
        ]);
        for s in ["任何承诺保本的都是诈骗骗局", "谨防", "", "凡是承诺", "无关"]
        {
            let first_end = leads
                .iter()
                .filter_map(|w| s.find(w.as_str()).map(|i| i + w.len()))
                .min();
            let last_start = condemnations
                .iter()
                .filter_map(|w| s.rfind(w.as_str()))
                .max();
            let quote = quotes.iter().any(|w| s.contains(w.as_str()));
            assert_eq!(cues.find(s), (first_end, last_start, quote), "{s:?}");
        }
        let with_empty = FrameCues::new([
            (&words(&[""]), LEAD),
            (&words(&[""]), CONDEMNATION),
            (&[], QUOTE),
        ]);
        assert_eq!(with_empty.find("任何"), (Some(0), Some(6), false));
    }

    #[test]
    fn quoted_in_warning_is_framed() {
        let ctx = Context::builtin();
        let text = "谨防“保本高息”理财骗局";
        let s = text.find("保本").unwrap();
        let cues = ctx.sentence_cues(text, (0, text.len()));
        assert!(ctx.frame(text, (0, text.len()), &cues, s, s + 6).is_some());
        let plain = "“保本高息”理财";
        let s = plain.find("保本").unwrap();
        let cues = ctx.sentence_cues(plain, (0, plain.len()));
        assert!(ctx
            .frame(plain, (0, plain.len()), &cues, s, s + 6)
            .is_none());
    }
}
