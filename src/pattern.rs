//! Regex patterns compiled on first use, and an index that tells in one pass
//! over a text which patterns can match it at all, and where.
//!
//! Compiling the ~80 built-in regexes was most of start-up, and running each
//! over every text was most of a check on clean copy. Every match of most
//! patterns starts (or ends) with one of a few literals (排名…, …倍收益), so
//! one Aho-Corasick pass over those literals finds the patterns worth
//! running; the rest are neither run nor, until some text needs them,
//! compiled. When every match *starts* with one of the literals (every
//! concept frame does), the pass also gives the only places a match can
//! start, and the pattern runs anchored there instead of over the whole text:
//! with some 200 frames live on a 2,000-character ad, whole-text searches
//! were two thirds of a check.

use std::collections::HashMap;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::Regex;
use regex_automata::meta;
use regex_automata::{Anchored, Input};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Class, ClassUnicode, Hir, HirKind};

use crate::digits::DigitShape;

/// The longest regex pattern accepted, in bytes, from any pack.
pub const MAX_PATTERN_LEN: usize = 2_000;

/// Compile a user-supplied regex under size limits. The regex crate never
/// backtracks, so time is linear; the limits bound memory and build time.
pub fn check_regex(pattern: &str) -> Result<regex::Regex, String> {
    if pattern.len() > MAX_PATTERN_LEN {
        return Err(format!("长度 {} 超过上限 {MAX_PATTERN_LEN}", pattern.len()));
    }
    regex::RegexBuilder::new(pattern)
        .size_limit(NFA_LIMIT)
        .dfa_size_limit(DFA_LIMIT)
        .build()
        .map_err(|_| crate::error::zh::regex(pattern))
}

const NFA_LIMIT: usize = 4 << 20;
const DFA_LIMIT: usize = 8 << 20;

/// The same regex as `check_regex` (the regex crate's own settings: UTF-8,
/// leftmost-first, the same limits), for anchored searches only: without
/// the prefilter, which an anchored search never uses and which costs a
/// literal automaton per regex to build.
fn anchored_regex(pattern: &str) -> Option<meta::Regex> {
    let config = meta::Config::new()
        .match_kind(regex_automata::MatchKind::LeftmostFirst)
        .utf8_empty(true)
        .nfa_size_limit(Some(NFA_LIMIT))
        .hybrid_cache_capacity(DFA_LIMIT)
        .auto_prefilter(false);
    meta::Builder::new()
        .configure(config)
        .syntax(regex_automata::util::syntax::Config::new().utf8(true))
        .build(pattern)
        .ok()
}

pub struct Pattern {
    source: String,
    compiled: OnceLock<Option<Regex>>,
    anchored: OnceLock<Option<meta::Regex>>,
    /// Literals one of which every match contains at its start (or end);
    /// None when no such finite set exists and the pattern must always run.
    triggers: Option<Vec<Vec<u8>>>,
    /// Every match starts with one of `triggers`, so it can only start where
    /// one occurs.
    leading: bool,
    /// For a pattern that is not `leading`: how far from one of its
    /// `triggers` (every match contains one) a match can reach, so that it
    /// runs only in windows around them instead of over the whole text.
    reach: Option<Reach>,
    /// For a `leading` pattern: another set of literals every match
    /// contains, and the longest match (`PatternIndex` drops the starts
    /// with none of them in reach).
    confirm: Option<(Vec<Vec<u8>>, usize)>,
    /// Every match holds this many digits within a bounded length: it runs
    /// only where the text's digits are that close (`find_in_digit_runs`).
    digits: Option<DigitShape>,
}

impl Pattern {
    /// Parse (not compile) a folded pattern and find its trigger literals.
    pub fn lazy(source: &str) -> Result<Pattern, String> {
        let hir = regex_syntax::Parser::new()
            .parse(source)
            .map_err(|e| e.to_string())?;
        let (triggers, leading) = match required_literals(&hir) {
            Some((lits, kind)) => (Some(lits), matches!(kind, ExtractKind::Prefix)),
            None => (
                hit_group(&hir).and_then(required_literals).map(|(l, _)| l),
                false,
            ),
        };
        let (triggers, reach) = match Reach::of(&hir).filter(|_| !leading) {
            Some(reach) => {
                let contained = [triggers, contained_literals(&hir)];
                (
                    contained.into_iter().flatten().max_by_key(|l| rank(l)),
                    Some(reach),
                )
            }
            None => (triggers, None),
        };
        let reach = reach.filter(|_| triggers.is_some());
        let confirm = if leading { confirming(&hir) } else { None };
        let digits = DigitShape::of(&hir);
        Ok(Pattern {
            source: source.to_string(),
            compiled: OnceLock::new(),
            anchored: OnceLock::new(),
            triggers,
            leading,
            reach,
            confirm,
            digits,
        })
    }

    /// Parse and compile now, so that a size-limit error surfaces at load
    /// time: user packs, whose errors must be reported when they are loaded.
    pub fn eager(source: &str) -> Result<Pattern, String> {
        let pattern = Self::lazy(source)?;
        let regex = check_regex(source)?;
        let _ = pattern.compiled.set(Some(regex));
        Ok(pattern)
    }

    /// A pack's pattern, folded like the text it runs on. Built-in patterns
    /// compile on first use (the tests compile them all); user patterns
    /// compile now, so that their errors surface at load time. Errors are in
    /// Chinese: the parsers' own messages are English.
    pub fn prepare(pattern: &str, builtin: bool) -> Result<Pattern, String> {
        let folded = crate::fold::fold_pattern(pattern);
        let prepared = if builtin {
            Self::lazy(&folded)
        } else {
            Self::eager(&folded)
        };
        prepared.map_err(|e| {
            if folded.len() > MAX_PATTERN_LEN {
                e
            } else {
                crate::error::zh::regex(&folded)
            }
        })
    }

    /// The compiled regex. None only if compilation failed, which the tests
    /// rule out for built-in patterns and `eager` rules out for user packs;
    /// a failure then means "never matches" rather than a panic.
    pub fn regex(&self) -> Option<&Regex> {
        self.compiled
            .get_or_init(|| check_regex(&self.source).ok())
            .as_ref()
    }

    /// The regex for anchored searches (`find_at_starts`), compiled on
    /// first use; None as for `regex`.
    fn anchored(&self) -> Option<&meta::Regex> {
        self.anchored
            .get_or_init(|| {
                (self.source.len() <= MAX_PATTERN_LEN)
                    .then(|| anchored_regex(&self.source))
                    .flatten()
            })
            .as_ref()
    }

    /// The matches that start at one of `starts` (ascending), found as
    /// `find_iter` or, with a `hit` group, successive `captures_at` find
    /// them: a match is searched for, anchored, at each start not inside the
    /// previous match (or its `hit`). Only for a pattern whose every match
    /// begins at one of `starts` (`PatternIndex::places` gives them), so
    /// none is missed. `each` gets each match's span, or its `hit` group's.
    pub fn find_at_starts(&self, text: &str, starts: &[usize], mut each: impl FnMut(usize, usize)) {
        let Some(re) = self.anchored() else { return };
        let hit = re
            .group_info()
            .to_index(regex_automata::PatternID::ZERO, "hit");
        let mut caps = re.create_captures();
        let mut at = 0;
        for &start in starts {
            if start < at {
                continue;
            }
            let input = Input::new(text).range(start..).anchored(Anchored::Yes);
            at = match hit {
                None => {
                    let Some(m) = re.search(&input) else { continue };
                    each(m.start(), m.end());
                    m.end()
                }
                Some(h) => {
                    re.search_captures(&input, &mut caps);
                    let Some(m) = caps.get_match() else { continue };
                    // As after `captures_at`: a match without its hit group
                    // ends the search.
                    let Some(part) = caps.get_group(h) else {
                        return;
                    };
                    each(part.start, part.end);
                    part.end.max(m.start() + 1)
                }
            };
        }
    }

    /// The matches of a pattern with a `reach`, given every place one of
    /// its triggers occurs (`PatternIndex::places`), found as the
    /// whole-text search (`find_iter`, or successive `captures_at` with a
    /// `hit` group) finds them: that search runs in each window where a
    /// match can lie, in order. A match lies wholly inside one merged
    /// window (it contains an occurrence, and the windows around
    /// overlapping occurrences are merged), so the leftmost match from any
    /// place is the one the window holding it gives, and look-around sees
    /// the whole text. False (nothing found) when the windows would be
    /// unreasonably wide: search the whole text instead.
    pub fn find_around(
        &self,
        text: &str,
        occurrences: &[(usize, usize)],
        each: impl FnMut(usize, usize),
    ) -> bool {
        let Some(reach) = &self.reach else {
            return false;
        };
        // Walking out from each occurrence and starting a search in its
        // window costs about as much as the whole-text search over a few
        // hundred bytes: where the literals are that dense (a digit that
        // starts a card number, 客户), search the whole text.
        let cost = occurrences
            .len()
            .saturating_mul(2 * reach.bounded + WINDOW_OVERHEAD);
        if cost > text.len() {
            return false;
        }
        let Some(windows) = reach.windows(text, occurrences) else {
            return false;
        };
        self.find_in_windows(text, windows, each);
        true
    }

    /// Does every match hold enough digits, close enough together, to run
    /// in the windows around them (`find_in_digit_runs`)?
    pub fn has_digit_shape(&self) -> bool {
        self.digits.is_some()
    }

    /// The matches of a pattern with a digit shape (`crate::digits`), given
    /// where the text's digits are, found as the whole-text search finds
    /// them: that search runs in the windows around every group of digits
    /// close enough to make a match, which hold every match whole (see
    /// `find_around`). False (nothing found) for a pattern without one.
    pub fn find_in_digit_runs(
        &self,
        text: &str,
        digits: &[u32],
        each: impl FnMut(usize, usize),
    ) -> bool {
        let Some(shape) = &self.digits else {
            return false;
        };
        self.find_in_windows(text, shape.windows(text, digits), each);
        true
    }

    /// The whole-text search (`find_iter`, or successive `captures_at` with
    /// a `hit` group), run in each of `windows` (merged, ascending) in turn:
    /// the same matches when every match lies wholly inside one of them.
    fn find_in_windows(
        &self,
        text: &str,
        windows: Vec<(usize, usize)>,
        mut each: impl FnMut(usize, usize),
    ) {
        let Some(re) = self.anchored() else {
            return;
        };
        let hit = re
            .group_info()
            .to_index(regex_automata::PatternID::ZERO, "hit");
        let mut caps = re.create_captures();
        let mut at = 0;
        for (from, to) in windows {
            at = at.max(from);
            // Every match contains a non-empty literal or digits, so none is
            // empty.
            while at < to {
                let input = Input::new(text).range(at..to);
                match hit {
                    None => {
                        let Some(m) = re.search(&input) else { break };
                        each(m.start(), m.end());
                        at = m.end();
                    }
                    Some(h) => {
                        re.search_captures(&input, &mut caps);
                        let Some(m) = caps.get_match() else { break };
                        // As after `captures_at`: a match without its hit
                        // group ends the search.
                        let Some(part) = caps.get_group(h) else {
                            return;
                        };
                        each(part.start, part.end);
                        let next = part.end.max(m.start() + 1);
                        at = crate::span::ceil_char_boundary(text, next);
                    }
                }
            }
        }
    }

    /// Whether the pattern runs in windows around its triggers
    /// (`find_around`).
    pub fn windowed(&self) -> bool {
        self.reach.is_some()
    }

    pub fn is_match(&self, haystack: &str) -> bool {
        self.regex().is_some_and(|r| r.is_match(haystack))
    }

    pub fn source(&self) -> &str {
        &self.source
    }
}

/// A finite set of non-empty literals, one of which starts every match (or,
/// failing that, ends every match), and which of the two.
fn required_literals(hir: &Hir) -> Option<(Vec<Vec<u8>>, ExtractKind)> {
    [ExtractKind::Prefix, ExtractKind::Suffix]
        .into_iter()
        .find_map(|kind| {
            let seq = Extractor::new().kind(kind.clone()).extract(hir);
            let literals = seq.literals()?;
            let usable = !literals.is_empty() && literals.iter().all(|l| !l.as_bytes().is_empty());
            usable.then(|| {
                let lits = literals.iter().map(|l| l.as_bytes().to_vec()).collect();
                (lits, kind)
            })
        })
}

/// For a pattern whose matches start with its literals: the best set of
/// literals every match contains past its first part (a frame's second
/// concept), with the longest match; None if matches are unbounded.
fn confirming(hir: &Hir) -> Option<(Vec<Vec<u8>>, usize)> {
    let longest = hir.properties().maximum_len()?;
    let mut top = hir;
    while let HirKind::Capture(c) = top.kind() {
        top = &c.sub;
    }
    let HirKind::Concat(parts) = top.kind() else {
        return None;
    };
    let best = parts[1..].iter().filter_map(contained_literals);
    best.max_by_key(|l| rank(l)).map(|l| (l, longest))
}

/// How better one set of contained literals is than another: the longer its
/// shortest literal (a rarer trigger, fewer windows), then the fewer.
fn rank(literals: &[Vec<u8>]) -> (usize, std::cmp::Reverse<usize>) {
    let shortest = literals.iter().map(Vec::len).min().unwrap_or(0);
    (shortest, std::cmp::Reverse(literals.len()))
}

/// A finite set of non-empty literals one of which every match of `hir`
/// contains, the best found (`rank`): the leading literals of any part
/// every match goes through (a concatenation's parts, a repetition of at
/// least one), or the union of every alternative's.
fn contained_literals(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    let own = required_literals(hir)
        .filter(|(_, kind)| matches!(kind, ExtractKind::Prefix))
        .map(|(l, _)| l);
    let inner = match hir.kind() {
        HirKind::Capture(c) => contained_literals(&c.sub),
        HirKind::Repetition(r) if r.min >= 1 => contained_literals(&r.sub),
        HirKind::Concat(parts) => parts
            .iter()
            .filter_map(contained_literals)
            .max_by_key(|l| rank(l)),
        HirKind::Alternation(alts) => {
            let each = alts.iter().map(contained_literals);
            each.collect::<Option<Vec<_>>>().map(|sets| {
                let mut all: Vec<Vec<u8>> = sets.into_iter().flatten().collect();
                all.sort_unstable();
                all.dedup();
                all
            })
        }
        _ => None,
    };
    [own, inner].into_iter().flatten().max_by_key(|l| rank(l))
}

/// How far a match reaches around a literal it contains: at most `bounded`
/// bytes of it come from parts repeated a bounded number of times, and the
/// rest are characters of `free`, the only ones unbounded repetitions
/// (`\d+`, `\s*`) match. So a match containing the literal at `p..e`
/// starts no earlier than where, walking back from `p`, the characters
/// outside `free` add up to more than `bounded` bytes, and likewise ends.
struct Reach {
    bounded: usize,
    free: ClassUnicode,
    /// `free`'s ASCII characters as bits, most of what the walks test.
    ascii: u128,
}

/// What starting a windowed search at one occurrence costs, in bytes of
/// whole-text search (measured on the 10 MB realistic input).
const WINDOW_OVERHEAD: usize = 256;

/// Walking further than this from a literal means the windows cover most of
/// the text anyway: search it whole.
const MAX_WALK: usize = 16 << 10;

impl Reach {
    /// None for a byte-oriented class, which the folded patterns never use.
    fn of(hir: &Hir) -> Option<Reach> {
        let mut free = ClassUnicode::empty();
        let bounded = bounded_len(hir, &mut free)?;
        let ascii = (0u8..128)
            .filter(|&b| contains(&free, char::from(b)))
            .fold(0u128, |bits, b| bits | 1 << b);
        Some(Reach {
            bounded,
            free,
            ascii,
        })
    }

    fn is_free(&self, c: char) -> bool {
        if c.is_ascii() {
            return self.ascii >> (c as u32) & 1 == 1;
        }
        contains(&self.free, c)
    }

    /// How far back from `start` a match can begin, or None past
    /// `MAX_WALK`.
    fn back(&self, text: &str, start: usize) -> Option<usize> {
        let mut budget = self.bounded;
        let mut at = start;
        for c in text[..start].chars().rev() {
            let n = c.len_utf8();
            if !self.is_free(c) {
                if n > budget {
                    break;
                }
                budget -= n;
            }
            at -= n;
            if start - at > MAX_WALK {
                return None;
            }
        }
        Some(at)
    }

    /// How far on from `end` a match can end, or None past `MAX_WALK`.
    fn on(&self, text: &str, end: usize) -> Option<usize> {
        let mut budget = self.bounded;
        let mut at = end;
        for c in text[end..].chars() {
            let n = c.len_utf8();
            if !self.is_free(c) {
                if n > budget {
                    break;
                }
                budget -= n;
            }
            at += n;
            if at - end > MAX_WALK {
                return None;
            }
        }
        Some(at)
    }

    /// The merged windows, ascending, where the matches containing the
    /// given literal occurrences can lie.
    fn windows(&self, text: &str, occurrences: &[(usize, usize)]) -> Option<Vec<(usize, usize)>> {
        let mut windows: Vec<(usize, usize)> = Vec::with_capacity(occurrences.len());
        for &(start, end) in occurrences {
            // A literal cut short by the extractor's limits may end inside a
            // character; widening to whole characters only widens the window.
            let start = crate::span::floor_char_boundary(text, start);
            let end = crate::span::ceil_char_boundary(text, end);
            windows.push((self.back(text, start)?, self.on(text, end)?));
        }
        windows.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(windows.len());
        for (from, to) in windows {
            match merged.last_mut() {
                Some(last) if from <= last.1 => last.1 = last.1.max(to),
                _ => merged.push((from, to)),
            }
        }
        Some(merged)
    }
}

fn contains(class: &ClassUnicode, c: char) -> bool {
    let ranges = class.ranges();
    let at = ranges.partition_point(|r| r.end() < c);
    ranges.get(at).is_some_and(|r| r.start() <= c)
}

/// The most bytes of a match of `hir` outside unbounded repetitions, adding
/// every character those can match to `free`.
fn bounded_len(hir: &Hir, free: &mut ClassUnicode) -> Option<usize> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Some(0),
        HirKind::Literal(l) => Some(l.0.len()),
        HirKind::Class(Class::Unicode(c)) => c.maximum_len(),
        HirKind::Class(Class::Bytes(_)) => None,
        HirKind::Repetition(r) => match r.max {
            Some(max) => bounded_len(&r.sub, free)?.checked_mul(max as usize),
            None => add_chars(&r.sub, free).map(|()| 0),
        },
        HirKind::Capture(c) => bounded_len(&c.sub, free),
        HirKind::Concat(parts) => parts
            .iter()
            .try_fold(0usize, |sum, p| sum.checked_add(bounded_len(p, free)?)),
        HirKind::Alternation(alts) => alts
            .iter()
            .try_fold(0usize, |most, a| Some(most.max(bounded_len(a, free)?))),
    }
}

/// Add every character `hir` can match to `free`.
fn add_chars(hir: &Hir, free: &mut ClassUnicode) -> Option<()> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Some(()),
        HirKind::Literal(l) => {
            let text = std::str::from_utf8(&l.0).ok()?;
            let chars = text
                .chars()
                .map(|c| regex_syntax::hir::ClassUnicodeRange::new(c, c));
            free.union(&ClassUnicode::new(chars));
            Some(())
        }
        HirKind::Class(Class::Unicode(c)) => {
            free.union(c);
            Some(())
        }
        HirKind::Class(Class::Bytes(_)) => None,
        HirKind::Repetition(r) => add_chars(&r.sub, free),
        HirKind::Capture(c) => add_chars(&c.sub, free),
        HirKind::Concat(parts) | HirKind::Alternation(parts) => {
            parts.iter().try_for_each(|p| add_chars(p, free))
        }
    }
}

/// The `hit` group, when every match contains it (it is reached through
/// concatenations only). `(?:^|[^0-9])(?P<hit>1[3-9]…)` has no literal at
/// its edges, but every match contains the group's own leading literals.
fn hit_group(hir: &Hir) -> Option<&Hir> {
    match hir.kind() {
        HirKind::Capture(c) if c.name.as_deref() == Some("hit") => Some(&c.sub),
        HirKind::Capture(c) => hit_group(&c.sub),
        HirKind::Concat(parts) => parts.iter().find_map(hit_group),
        _ => None,
    }
}

/// Which of a list of patterns can match a given text. Each pattern is
/// given with its key (its rule or label and its place there), and `live`
/// answers with keys: nothing is matched up by position.
pub struct PatternIndex<K> {
    automaton: Option<AhoCorasick>,
    /// For each literal of the automaton, the literal sets it belongs to.
    /// Each literal is in the automaton once, and each distinct set once:
    /// concept frames share their concepts' words, and one automaton
    /// pattern, or one list of places, per frame and word was a sixth of
    /// start-up and most of the index's work per check.
    owners: Vec<Vec<usize>>,
    /// Per literal set: some entry needs its occurrences, not only whether
    /// one occurs.
    placed: Vec<bool>,
    entries: Vec<Entry<K>>,
}

struct Entry<K> {
    key: K,
    /// Its literal set (one of which every match contains); None: it must
    /// always run.
    triggers: Option<usize>,
    /// Every match starts with one of its literals.
    leading: bool,
    /// It runs in windows around its literals.
    windowed: bool,
    /// For a leading entry: another literal set every match contains, and
    /// the longest match. A start with no occurrence of it within that
    /// length cannot match, and the pattern is not live without one.
    confirm: Option<(usize, usize)>,
}

/// Where a live pattern must be searched.
#[derive(Debug, PartialEq, Eq)]
pub enum Places<'a> {
    /// Anchored at these starts (ascending byte offsets where one of its
    /// leading literals occurs).
    Starts(Vec<usize>),
    /// Around these occurrences of its literals, ascending
    /// (`Pattern::find_around`).
    Around(&'a [(usize, usize)]),
    /// The whole text.
    Whole,
}

/// The distinct literal sets, each once, and the literals they are made of.
#[derive(Default)]
struct LiteralSets<'a> {
    literals: Vec<&'a [u8]>,
    owners: Vec<Vec<usize>>,
    literal_slot: HashMap<&'a [u8], usize>,
    set_slot: HashMap<&'a [Vec<u8>], usize>,
}

impl<'a> LiteralSets<'a> {
    fn slot(&mut self, set: &'a [Vec<u8>]) -> usize {
        if let Some(&id) = self.set_slot.get(set) {
            return id;
        }
        let id = self.set_slot.len();
        self.set_slot.insert(set, id);
        for l in set {
            let at = *self.literal_slot.entry(l).or_insert_with(|| {
                self.literals.push(l);
                self.owners.push(Vec::new());
                self.literals.len() - 1
            });
            if self.owners[at].last() != Some(&id) {
                self.owners[at].push(id);
            }
        }
        id
    }
}

impl<K: Copy> PatternIndex<K> {
    pub fn new<'a>(patterns: impl IntoIterator<Item = (K, &'a Pattern)>) -> PatternIndex<K> {
        let mut sets = LiteralSets::default();
        let mut entries = Vec::new();
        for (key, p) in patterns {
            let triggers = p.triggers.as_deref().map(|t| sets.slot(t));
            let confirm = p.confirm.as_ref().map(|(c, len)| (sets.slot(c), *len));
            entries.push(Entry {
                key,
                triggers,
                leading: p.leading,
                windowed: p.windowed(),
                confirm,
            });
        }
        let mut placed = vec![false; sets.set_slot.len()];
        for e in &entries {
            if let Some(t) = e.triggers.filter(|_| e.leading || e.windowed) {
                placed[t] = true;
            }
            if let Some((c, _)) = e.confirm {
                placed[c] = true;
            }
        }
        // Standard semantics so that overlapping searches report every literal.
        let automaton = (!sets.literals.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .build(&sets.literals)
                .expect("literal automaton within default limits")
        });
        PatternIndex {
            automaton,
            owners: sets.owners,
            placed,
            entries,
        }
    }

    /// Per literal set: whether one of its literals occurs in `text`, and
    /// (for the sets whose places are needed) where, ascending.
    fn occurrences(&self, text: &str) -> (Vec<bool>, Vec<Vec<(usize, usize)>>) {
        let mut seen = vec![false; self.placed.len()];
        let mut found: Vec<Vec<(usize, usize)>> = vec![Vec::new(); self.placed.len()];
        if let Some(ac) = &self.automaton {
            for m in ac.find_overlapping_iter(text) {
                for &set in &self.owners[m.pattern().as_usize()] {
                    seen[set] = true;
                    if self.placed[set] {
                        found[set].push((m.start(), m.end()));
                    }
                }
            }
        }
        for f in &mut found {
            f.sort_unstable();
            f.dedup();
        }
        (seen, found)
    }

    /// The patterns that can match `text`, in the order they were given,
    /// each with where to search it (`Places`), to `each`.
    pub fn places(&self, text: &str, mut each: impl FnMut(K, Places<'_>)) {
        let (seen, found) = self.occurrences(text);
        for e in &self.entries {
            let Some(t) = e.triggers else {
                each(e.key, Places::Whole);
                continue;
            };
            if !seen[t] {
                continue;
            }
            if e.leading {
                let mut starts: Vec<usize> = found[t].iter().map(|&(s, _)| s).collect();
                starts.dedup();
                if let Some((c, len)) = e.confirm {
                    starts = confirmed(starts, &found[c], len);
                    if starts.is_empty() {
                        continue;
                    }
                }
                each(e.key, Places::Starts(starts));
            } else if e.windowed {
                each(e.key, Places::Around(&found[t]));
            } else {
                each(e.key, Places::Whole);
            }
        }
    }

    /// The keys of the patterns that can match `text`, in the order they
    /// were given; the others cannot match it.
    pub fn live(&self, text: &str) -> Vec<K> {
        let mut seen = vec![false; self.placed.len()];
        if let Some(ac) = &self.automaton {
            let mut unseen = seen.len();
            for m in ac.find_overlapping_iter(text) {
                if unseen == 0 {
                    break;
                }
                for &set in &self.owners[m.pattern().as_usize()] {
                    if !seen[set] {
                        seen[set] = true;
                        unseen -= 1;
                    }
                }
            }
        }
        let live = |e: &&Entry<K>| {
            e.triggers.is_none_or(|t| seen[t]) && e.confirm.is_none_or(|(c, _)| seen[c])
        };
        self.entries.iter().filter(live).map(|e| e.key).collect()
    }
}

/// The starts (ascending) at which a match can begin: those with an
/// occurrence of the confirming literals (ascending) inside the longest
/// match from there.
fn confirmed(starts: Vec<usize>, confirm: &[(usize, usize)], len: usize) -> Vec<usize> {
    let mut first = 0;
    starts
        .into_iter()
        .filter(|&s| {
            while first < confirm.len() && confirm[first].0 < s {
                first += 1;
            }
            let reach = s.saturating_add(len);
            confirm[first..]
                .iter()
                .take_while(|&&(cs, _)| cs < reach)
                .any(|&(_, ce)| ce <= reach)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_prefix_and_suffix_literals() {
        let p = Pattern::lazy("(?:排名|位列)[^,。]{0,6}第[一1]").unwrap();
        assert_eq!(p.triggers.as_ref().map(Vec::len), Some(2));
        let s = Pattern::lazy(r"\d+\s?倍(?:收益|回报)").unwrap();
        assert!(s.triggers.is_some(), "suffix literals 倍收益/倍回报");
        let h = Pattern::lazy(r"(?:^|[^0-9])(?P<hit>1[3-9]\d{9})").unwrap();
        assert!(
            h.triggers.is_some(),
            "the hit group's leading literals 13..19"
        );
        let a = Pattern::lazy(r"(?:^|[^0-9])\d{11}").unwrap();
        assert!(a.triggers.is_none(), "no finite literal set: always runs");
    }

    #[test]
    fn index_keeps_only_patterns_whose_literals_occur() {
        let ps = [
            Pattern::lazy("排名第[一1]").unwrap(),
            Pattern::lazy(r"\d+倍收益").unwrap(),
            Pattern::lazy(r"(?:^|\D)1\d{10}").unwrap(),
        ];
        let index = PatternIndex::new(["rank", "times", "mobile"].into_iter().zip(&ps));
        assert_eq!(index.live("本季度排名第一"), vec!["rank"]);
        assert_eq!(index.live("获得3倍收益"), vec!["times"]);
        // Every match of the last one contains its literal 1.
        assert_eq!(index.live("排名第1"), vec!["rank", "mobile"]);
        assert!(ps[0].regex().is_some() && ps[0].is_match("排名第1"));
    }

    /// What the whole-text search finds: `find_iter`, or successive
    /// `captures_at` resuming after the hit (src/kinds/regex_set.rs).
    fn whole_text(p: &Pattern, text: &str) -> Vec<(usize, usize)> {
        let re = p.regex().unwrap();
        if !re.capture_names().any(|n| n == Some("hit")) {
            return re.find_iter(text).map(|m| (m.start(), m.end())).collect();
        }
        let (mut out, mut at) = (Vec::new(), 0);
        while let Some(caps) = re.captures_at(text, at) {
            let Some(m) = caps.name("hit") else { break };
            out.push((m.start(), m.end()));
            let next = m.end().max(caps.get(0).unwrap().start() + 1);
            if next > text.len() {
                break;
            }
            at = crate::span::ceil_char_boundary(text, next);
        }
        out
    }

    #[test]
    fn anchored_at_the_literals_finds_what_the_whole_text_search_finds() {
        let patterns = [
            "(?:从没|没)[^,。]{0,4}(?:亏损|亏)",
            "(?P<hit>(?:本金|本钱)[^,。]{0,3}(?:保障|安全))(?:[^,。]|$)",
            "(?:稳稳|稳)(?:的|地)?赚",
            "(?:年化|收益)(?:率)?\\d+%",
        ];
        let texts = [
            "从没亏过，没亏损，从没有亏损过，没亏",
            "本金保障本钱安全,本金有保障。本钱安全",
            "稳稳的赚稳赚稳稳地赚稳",
            "年化5%收益率12%年化收益",
            "",
        ];
        for source in patterns {
            let p = Pattern::lazy(source).unwrap();
            assert!(p.leading, "{source}: every match starts with a literal");
            let index = PatternIndex::new([((), &p)]);
            for text in texts {
                let mut found = Vec::new();
                index.places(text, |(), places| {
                    if let Places::Starts(starts) = places {
                        p.find_at_starts(text, &starts, |s, e| found.push((s, e)));
                    }
                });
                assert_eq!(found, whole_text(&p, text), "{source} on {text:?}");
            }
        }
    }

    #[test]
    fn around_the_literals_finds_what_the_whole_text_search_finds() {
        let patterns = [
            r"\d+(?:\.\d+)?%[^,。]{0,4}(?:保本|一定)",
            r"(?:\d+|[一二三]+)年[^,。]{0,4}(?:资产)?[^,。]{0,2}翻[\d一二]+倍",
            r"(?:^|[^0-9])(?P<hit>1[3-9]\d(?:[- ]?\d{4}){2})(?:[^0-9]|$)",
            r"(?:^|[^0-9])(?P<hit>(?:据统计|数据显示)[^。]{0,10}?(?:\d+%))",
            r"配资|杠杆[^,。]{0,3}\d+\s*倍|\d+\s*倍杠杆",
            r"(?:\d+|[一二])个?月[^,。]{0,8}涨了[^,。]{0,4}百分之[一二三]+",
        ];
        let texts = [
            "3年资产翻2倍，12年后资产翻一倍，一二年翻二倍。5%保本，5.5%一定赚,12%  ,一定",
            "电话13812345678或139-1234-5678，138123456789不是。1381234567813912345678",
            "据统计，90%的客户满意。数据显示30%据统计20%\n数据显示5%",
            "配资杠杆10倍，3 倍杠杆，杠杆 ，配资配资100倍杠杆",
            "上周涨了百分之三，近12个月基金涨了近百分之二十一，一月涨了百分之一",
            "",
        ];
        for source in patterns {
            let p = Pattern::lazy(source).unwrap();
            assert!(p.windowed(), "{source}: runs around its literals");
            let index = PatternIndex::new([((), &p)]);
            // Padded with neutral prose, so that the occurrences are sparse
            // enough for windows (`WINDOW_OVERHEAD`).
            let pad = "这是一段普通的说明文字".repeat(100);
            for text in texts.map(|t| format!("{pad}{t}\n{pad}")) {
                let mut found = Vec::new();
                index.places(&text, |(), places| {
                    if let Places::Around(at) = places {
                        assert!(p.find_around(&text, at, |s, e| found.push((s, e))));
                    }
                });
                assert_eq!(found, whole_text(&p, &text), "{source} on {text:?}");
            }
        }
    }

    #[test]
    fn in_digit_runs_finds_what_the_whole_text_search_finds() {
        // The ID-card, mobile and bank-card patterns of data/rules, and a
        // Unicode-digit one.
        let patterns = [
            r"(?:^|[^0-9a-z])(?P<hit>[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9x])(?:[^0-9a-z]|$)",
            r"(?:^|[^0-9])(?P<hit>1[3-9]\d(?:[- ]?\d{4}){2})(?:[^0-9]|$)",
            r"(?:^|[^0-9])(?P<hit>[3-6]\d{3}(?:[ -]?\d{4}){2}[ -]?\d{4}(?:[ -]?\d{1,3})?)(?:[^0-9]|$)",
            r"编号\d{6}",
        ];
        let texts = [
            "身份证11010519491231002x，手机13812345678或139-1234-5678，卡号6222 0212 3456 7890 128",
            "13812345678139123456781381234567813912345678 6222021234567890128",
            "1381234567\n8 138 1234 5678 2026年11月25日 100000000 编号٣٤٥٦٧٨ 编号12345",
            "11010519491231002x11010519491231002x 62220212345678901286222021234567890128",
            "",
        ];
        for source in patterns {
            let p = Pattern::lazy(source).unwrap();
            assert!(p.has_digit_shape(), "{source}");
            let pad = "这是一段普通的说明文字，2026年5%".repeat(50);
            for text in texts.map(|t| format!("{pad}{t}\n{pad}{t}")) {
                let digits = crate::digits::positions(&text);
                let mut found = Vec::new();
                assert!(p.find_in_digit_runs(&text, &digits, |s, e| found.push((s, e))));
                assert_eq!(found, whole_text(&p, &text), "{source} on {text:?}");
            }
        }
    }

    #[test]
    fn a_literal_shared_by_patterns_makes_each_live_at_its_places() {
        let ps = [
            Pattern::lazy("(?:没|从未)[^,]{0,3}亏").unwrap(),
            Pattern::lazy("(?:没|不)[^,]{0,3}赔").unwrap(),
            Pattern::lazy("\\d+倍收益").unwrap(),
        ];
        let index = PatternIndex::new(["a", "b", "c"].into_iter().zip(&ps));
        let text = "没亏，没赔，3倍收益";
        let mut places = Vec::new();
        index.places(text, |key, p| places.push(format!("{key} {p:?}")));
        // a's 亏 is within reach of the first 没 only.
        assert_eq!(
            places,
            ["a Starts([0])", "b Starts([0, 9])", "c Around([(19, 28)])"]
        );
        assert_eq!(index.live("从未亏"), vec!["a"]);
        assert!(
            index.live("从未赚").is_empty(),
            "a is live only with its 亏"
        );
    }

    #[test]
    fn a_start_needs_the_confirming_literals_within_the_longest_match() {
        let confirm = [(3, 6), (20, 23), (40, 43)];
        assert_eq!(
            confirmed(vec![0, 10, 18, 21, 35], &confirm, 8),
            vec![0, 18, 35]
        );
        assert!(confirmed(vec![0], &[], 8).is_empty());
    }

    #[test]
    fn eager_reports_size_limits_at_load() {
        assert!(Pattern::eager(r"\w{1000}\w{1000}").is_err());
        assert!(Pattern::lazy("(unclosed").is_err());
    }
}
