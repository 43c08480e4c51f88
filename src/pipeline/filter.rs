//! The context stage: whether each candidate is a claim here. A candidate
//! is dropped when its rule is for another product, an allow-listed phrase
//! or a rule exception covers it, a customer says it in a dialogue, it is
//! not a whole word, it is negated, asked, cited in a warning text or quoted
//! to warn, or a rule's own context check says so; a context check may also
//! lower its severity.

use rustc_hash::FxHashMap;

use crate::context::{Context, SentenceCues, TextBounds};
use crate::explain::Dropped;
use crate::genre::Genre;
use crate::kinds::Candidate;
use crate::pack::Scope;
use crate::pipeline::hit::Hit;
use crate::profile::Profile;
use crate::rules::{AllowedSpans, CompiledCheck, RuleSet};
use crate::segment::{ClauseCache, Segmenter};
use crate::speakers::{OtherTurns, Speakers};
use crate::text::{head_chars, tail_chars};

/// What the engine reads from the whole document before the scan, the same
/// for every part of a split scan.
#[derive(Default)]
pub(crate) struct Reading {
    /// The warning or education part of the text ends here (0: none).
    pub warning_until: usize,
    /// A dialogue's customer lines, which are not the advertiser's claims.
    pub others: OtherTurns,
}

/// What the context stage (and the scan built on it) reads: the rules, the
/// context cues, the genre cues, the speaker roles and the segmenter.
pub(crate) struct Scanner<'a> {
    pub rules: &'a RuleSet,
    pub context: &'a Context,
    pub genre: &'a Genre,
    pub speakers: &'a Speakers,
    pub segmenter: &'a Segmenter,
}

impl Scanner<'_> {
    /// Apply the context filters to one candidate: Ok(hit) if it stands,
    /// else why it was dropped (None for a candidate that is no claim at
    /// all: a rule for another product, or a term that is not a word here).
    pub(crate) fn keep(
        &self,
        text: &str,
        c: &Candidate,
        profile: &Profile,
        cache: &mut CheckCache,
    ) -> Result<Hit, Option<Dropped>> {
        let rule = &self.rules.rules[c.rule];
        if !rule.profiles.is_empty() && !rule.profiles.contains(&profile.name) {
            return Err(None);
        }
        if let Some(phrase) = cache.allowed.overlapping(c.start, c.end) {
            return Err(Some(Dropped::AllowList { phrase }));
        }
        let excepted = cache
            .exceptions
            .get(&c.rule)
            .and_then(|e| e.overlapping(c.start, c.start + 1));
        if let Some(phrase) = excepted {
            return Err(Some(Dropped::RuleException { phrase }));
        }
        if let Some(turn) = cache.reading.others.containing(c.start) {
            let meta = &rule.meta;
            if !self
                .speakers
                .still_flagged(&meta.id, meta.category.as_str())
            {
                return Err(Some(Dropped::OtherSpeaker { label: turn.label }));
            }
        }
        let clause = cache.bounds.clause(text, c.start, c.end);
        if c.boundary {
            let boundaries = cache.boundaries(clause);
            if !on_word_boundaries(text, boundaries, c) {
                return Err(Some(Dropped::PartOfWord {
                    word: enclosing_word(boundaries, clause, c),
                }));
            }
        }
        // The clause is cut into words only when its text before the hit
        // holds a negator at all: a negator the walk finds is a piece of it.
        if rule.negatable && self.context.may_negate(&text[clause.0..c.start]) {
            let boundaries = cache.boundaries(clause);
            if let Some(negator) = self.context.negator(text, boundaries, c.start) {
                return Err(Some(Dropped::Negation { negator }));
            }
        }
        let sentence = cache.bounds.sentence(text, c.start, c.end);
        if rule.quotable {
            if let Some(why) = self.citation(text, (clause, sentence), c, cache) {
                return Err(Some(why));
            }
        }
        if let Some(check) = &rule.drop_if {
            if cache.context_matches((c.rule, false), check, sentence, c) {
                let cue = cache
                    .explain
                    .then(|| context_match(text, check, sentence, c))
                    .flatten();
                return Err(Some(Dropped::ContextException { cue }));
            }
        }
        let mut severity = rule.meta.severity;
        if let Some((downgraded, check)) = &rule.downgrade_if {
            if cache.context_matches((c.rule, true), check, sentence, c) {
                severity = (*downgraded).min(severity);
            }
        }
        Ok(Hit {
            rule: c.rule,
            start: c.start,
            end: c.end,
            severity,
            matched: c.matched,
        })
    }

    /// Does the hit's sentence or clause ask, its sentence cite (in a warning
    /// text) or quote it to warn? In that order, as the filters always ran.
    fn citation(
        &self,
        text: &str,
        (clause, sentence): ((usize, usize), (usize, usize)),
        c: &Candidate,
        cache: &mut CheckCache,
    ) -> Option<Dropped> {
        if self.context.is_question(text, sentence, c.start)
            || self.context.asks_in_clause(&text[clause.0..clause.1])
        {
            return Some(Dropped::Question);
        }
        if cache.in_warning_text(sentence.0) {
            if let Some(citation) = self.genre.citation(&text[sentence.0..sentence.1]) {
                return Some(Dropped::GenreCitation(citation));
            }
        }
        let cues = cache.sentence_cues(self.context, sentence);
        self.context
            .frame(text, sentence, &cues, c.start, c.end)
            .map(Dropped::Frame)
    }
}

/// Per-check caches: clause segmentations, and document-wide context checks,
/// which give the same answer for every hit of a rule and so run once.
pub(crate) struct CheckCache<'a> {
    clauses: ClauseCache<'a>,
    /// The text's sentence and clause delimiters, found once per text.
    bounds: &'a TextBounds,
    pub allowed: AllowedSpans,
    pub exceptions: FxHashMap<usize, AllowedSpans>,
    text: &'a str,
    reading: &'a Reading,
    /// Record the context that dropped a candidate (`CheckOptions::explain`).
    pub explain: bool,
    document: FxHashMap<(usize, bool), bool>,
    sentences: FxHashMap<(usize, usize), SentenceCues>,
}

impl<'a> CheckCache<'a> {
    pub(crate) fn new(
        segmenter: &'a Segmenter,
        bounds: &'a TextBounds,
        text: &'a str,
        reading: &'a Reading,
    ) -> Self {
        CheckCache {
            clauses: ClauseCache::new(segmenter, text),
            bounds,
            allowed: AllowedSpans::none(),
            exceptions: FxHashMap::default(),
            text,
            reading,
            explain: false,
            document: FxHashMap::default(),
            sentences: FxHashMap::default(),
        }
    }

    fn sentence_cues(&mut self, context: &Context, sentence: (usize, usize)) -> SentenceCues {
        let text = self.text;
        let cues = *self
            .sentences
            .entry(sentence)
            .or_insert_with(|| context.sentence_cues(text, sentence));
        if self.in_warning_text(sentence.0) {
            cues.in_warning_text()
        } else {
            cues
        }
    }

    fn in_warning_text(&self, at: usize) -> bool {
        at < self.reading.warning_until
    }

    fn boundaries(&mut self, clause: (usize, usize)) -> &[usize] {
        self.clauses.boundaries(clause)
    }

    fn context_matches(
        &mut self,
        key: (usize, bool),
        check: &CompiledCheck,
        sentence: (usize, usize),
        c: &Candidate,
    ) -> bool {
        let text = self.text;
        let run = || {
            check
                .patterns
                .iter()
                .any(|r| r.is_match(scope_text(text, check.scope, check.window, sentence, c)))
        };
        if check.scope == Scope::Document {
            *self.document.entry(key).or_insert_with(run)
        } else {
            run()
        }
    }
}

/// Does the candidate start and end where words do?
fn on_word_boundaries(text: &str, boundaries: &[usize], c: &Candidate) -> bool {
    let cut =
        |at: usize| boundaries.binary_search(&at).is_ok() && !splits_letters_or_digits(text, at);
    cut(c.start) && cut(c.end)
}

/// Does `at` fall inside a run of ASCII letters or digits? The dictionary
/// holds terms such as 排名第1, which the segmenter may keep whole in
/// 排名第12位; a term never ends inside a number or a word.
fn splits_letters_or_digits(text: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at..].chars().next();
    matches!((before, after), (Some(b), Some(a)) if b.is_ascii_alphanumeric() && a.is_ascii_alphanumeric())
}

/// The words around a candidate that does not sit on word boundaries
/// (保本 in 非保本): from the boundary before its start to the one after its
/// end, within its clause.
fn enclosing_word(boundaries: &[usize], clause: (usize, usize), c: &Candidate) -> (usize, usize) {
    let before = boundaries.partition_point(|&b| b <= c.start);
    let start = before.checked_sub(1).map_or(clause.0, |i| boundaries[i]);
    let after = boundaries.partition_point(|&b| b < c.end);
    let end = boundaries.get(after).copied().unwrap_or(clause.1);
    (start.min(c.start), end.max(c.end))
}

/// Where a context check matched, for `--explain` to quote. A document-wide
/// check is not quoted: its match may be anywhere.
fn context_match(
    text: &str,
    check: &CompiledCheck,
    sentence: (usize, usize),
    c: &Candidate,
) -> Option<(usize, usize)> {
    if check.scope == Scope::Document {
        return None;
    }
    let scoped = scope_text(text, check.scope, check.window, sentence, c);
    let offset = scoped.as_ptr() as usize - text.as_ptr() as usize;
    check
        .patterns
        .iter()
        .find_map(|p| p.regex().and_then(|re| re.find(scoped)))
        .map(|m| (offset + m.start(), offset + m.end()))
}

fn scope_text<'t>(
    text: &'t str,
    scope: Scope,
    window: usize,
    sentence: (usize, usize),
    c: &Candidate,
) -> &'t str {
    match scope {
        Scope::Document => text,
        Scope::Sentence => &text[sentence.0..sentence.1],
        Scope::Window => {
            let before = tail_chars(&text[..c.start], window);
            let after = head_chars(&text[c.end..], window);
            &text[c.start - before.len()..c.end + after.len()]
        }
    }
}
