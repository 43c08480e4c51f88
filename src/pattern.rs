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
use regex_syntax::hir::{Hir, HirKind};

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
        Ok(Pattern {
            source: source.to_string(),
            compiled: OnceLock::new(),
            anchored: OnceLock::new(),
            triggers,
            leading,
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
    /// For each literal of the automaton, the entries it belongs to. Each
    /// literal is in the automaton once: concept frames share their
    /// concepts' words, and building (and reporting) one automaton pattern
    /// per frame and word was a sixth of start-up.
    owners: Vec<Vec<usize>>,
    always: Vec<usize>,
    keys: Vec<K>,
    /// Per entry: every match starts with one of its literals.
    leading: Vec<bool>,
}

impl<K: Copy> PatternIndex<K> {
    pub fn new<'a>(patterns: impl IntoIterator<Item = (K, &'a Pattern)>) -> PatternIndex<K> {
        let mut literals: Vec<&[u8]> = Vec::new();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        let mut slot: HashMap<&[u8], usize> = HashMap::new();
        let mut always = Vec::new();
        let mut keys = Vec::new();
        let mut leading = Vec::new();
        for (i, (key, p)) in patterns.into_iter().enumerate() {
            keys.push(key);
            leading.push(p.leading);
            match &p.triggers {
                Some(lits) => {
                    for l in lits {
                        let at = *slot.entry(l).or_insert_with(|| {
                            literals.push(l);
                            owners.push(Vec::new());
                            literals.len() - 1
                        });
                        if owners[at].last() != Some(&i) {
                            owners[at].push(i);
                        }
                    }
                }
                None => always.push(i),
            }
        }
        // Standard semantics so that overlapping searches report every literal.
        let automaton = (!literals.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .build(&literals)
                .expect("literal automaton within default limits")
        });
        PatternIndex {
            automaton,
            owners,
            always,
            keys,
            leading,
        }
    }

    /// The patterns that can match `text`, in the order they were given,
    /// each with where to search: at the given starts (ascending byte
    /// offsets where one of its leading literals occurs) for a pattern
    /// whose every match starts with one, else the whole text (None).
    pub fn places(&self, text: &str) -> Vec<(K, Option<Vec<usize>>)> {
        let mut live = vec![false; self.keys.len()];
        for &i in &self.always {
            live[i] = true;
        }
        let mut starts: Vec<Vec<usize>> = vec![Vec::new(); self.keys.len()];
        if let Some(ac) = &self.automaton {
            for m in ac.find_overlapping_iter(text) {
                for &i in &self.owners[m.pattern().as_usize()] {
                    live[i] = true;
                    if self.leading[i] {
                        starts[i].push(m.start());
                    }
                }
            }
        }
        let entries = self.keys.iter().zip(live).zip(starts).zip(&self.leading);
        entries
            .filter(|(((_, live), _), _)| *live)
            .map(|(((key, _), mut starts), leading)| {
                if !leading {
                    return (*key, None);
                }
                starts.sort_unstable();
                starts.dedup();
                (*key, Some(starts))
            })
            .collect()
    }

    /// The keys of the patterns that can match `text`, in the order they
    /// were given; the others cannot match it.
    pub fn live(&self, text: &str) -> Vec<K> {
        let mut live = vec![false; self.keys.len()];
        for &i in &self.always {
            live[i] = true;
        }
        if let Some(ac) = &self.automaton {
            let mut remaining = live.iter().filter(|l| !**l).count();
            for m in ac.find_overlapping_iter(text) {
                if remaining == 0 {
                    break;
                }
                for &i in &self.owners[m.pattern().as_usize()] {
                    if !live[i] {
                        live[i] = true;
                        remaining -= 1;
                    }
                }
            }
        }
        self.keys
            .iter()
            .zip(live)
            .filter(|(_, l)| *l)
            .map(|(k, _)| *k)
            .collect()
    }
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
        assert_eq!(index.live("本季度排名第一"), vec!["rank", "mobile"]);
        assert_eq!(index.live("获得3倍收益"), vec!["times", "mobile"]);
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
                let places = index.places(text);
                let mut found = Vec::new();
                if let Some(((), Some(starts))) = places.first() {
                    p.find_at_starts(text, starts, |s, e| found.push((s, e)));
                }
                assert_eq!(found, whole_text(&p, text), "{source} on {text:?}");
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
        assert_eq!(
            index.places(text),
            vec![
                ("a", Some(vec![0, 9])),
                ("b", Some(vec![0, 9])),
                ("c", None)
            ]
        );
        assert_eq!(index.live("从未亏"), vec!["a"]);
    }

    #[test]
    fn eager_reports_size_limits_at_load() {
        assert!(Pattern::eager(r"\w{1000}\w{1000}").is_err());
        assert!(Pattern::lazy("(unclosed").is_err());
    }
}
