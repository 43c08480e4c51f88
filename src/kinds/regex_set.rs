//! What the pattern and frame kinds share: a kind whose rules are regexes,
//! compiled from the folded source (lazily for built-in rules), with one
//! literal index over all of them. The kinds differ only in where a rule's
//! regex sources come from.

use crate::error::Error;
use crate::kinds::{Candidate, Kind, Listing, Load, Matched};
use crate::pack::RuleDef;
use crate::pattern::{Pattern, PatternIndex, Places};

/// Where a kind's regexes come from: the pack field as written, how one
/// entry becomes a regex (or why it cannot), and where the listing shows
/// the written entries.
pub(super) struct Sources {
    /// The pack field they come from, which an error and the listing name.
    pub field: &'static str,
    /// What they are called in an error (正则, 框架).
    pub what: &'static str,
    pub written: fn(&RuleDef) -> &[String],
    pub expand: fn(&str) -> Result<String, String>,
    pub listed: fn(&mut Listing) -> &mut Vec<String>,
}

pub(super) struct RegexKind {
    sources: Sources,
    /// Per rule index, its entries as the pack wrote them, for the listing.
    written: Vec<Vec<String>>,
    set: RegexSet,
}

impl RegexKind {
    pub fn new(sources: Sources) -> RegexKind {
        RegexKind {
            sources,
            written: Vec::new(),
            set: RegexSet::default(),
        }
    }
}

impl Kind for RegexKind {
    fn name(&self) -> &'static str {
        self.sources.field
    }

    fn compile(&mut self, def: &RuleDef, at: &Load) -> Result<(), Error> {
        let written = (self.sources.written)(def);
        let regexes = written.iter().map(|w| (self.sources.expand)(w));
        let what = (self.sources.what, self.sources.field);
        self.set.add(regexes, at, &def.id, what)?;
        if self.written.len() <= at.rule {
            self.written.resize_with(at.rule + 1, Vec::new);
        }
        self.written[at.rule] = written.to_vec();
        Ok(())
    }

    fn finish(&mut self, enabled: &[bool]) -> Result<(), Error> {
        self.set.finish(enabled);
        Ok(())
    }

    fn candidates(&self, text: &str, out: &mut Vec<Candidate>) {
        self.set.candidates(text, out);
    }

    fn describe(&self, rule: usize, listing: &mut Listing) {
        let Some(written) = self.written.get(rule).filter(|w| !w.is_empty()) else {
            return;
        };
        listing.kinds.push(self.name());
        (self.sources.listed)(listing).extend(written.iter().cloned());
    }

    fn uncompiled(&self) -> Vec<(usize, String)> {
        self.set.uncompiled()
    }
}

#[derive(Default)]
struct RegexSet {
    /// Per rule index, its regexes; rules of other kinds have none.
    rules: Vec<Vec<Pattern>>,
    /// Over every enabled rule's regexes, keyed by (rule, regex).
    index: Option<PatternIndex<(usize, usize)>>,
}

impl RegexSet {
    /// Add rule `at.rule`'s regexes, already expanded; `what` names them in
    /// the error (正则, 框架).
    pub fn add(
        &mut self,
        sources: impl IntoIterator<Item = Result<String, String>>,
        at: &Load,
        id: &str,
        (what, field): (&str, &str),
    ) -> Result<(), Error> {
        let patterns = sources
            .into_iter()
            .map(|source| source.and_then(|s| Pattern::prepare(&s, at.builtin)))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| {
                Error::pack(at.origin, None, format!("规则 {id} 的{what}无效：{e}"))
                    .field(field)
                    .about(id)
            })?;
        if self.rules.len() <= at.rule {
            self.rules.resize_with(at.rule + 1, Vec::new);
        }
        self.rules[at.rule] = patterns;
        Ok(())
    }

    pub fn finish(&mut self, enabled: &[bool]) {
        let live = self
            .rules
            .iter()
            .enumerate()
            .filter(|(i, _)| enabled.get(*i).copied().unwrap_or(false));
        self.index =
            Some(PatternIndex::new(live.flat_map(|(i, ps)| {
                ps.iter().enumerate().map(move |(j, p)| ((i, j), p))
            })));
    }

    pub fn candidates(&self, text: &str, out: &mut Vec<Candidate>) {
        let Some(index) = &self.index else { return };
        // Where the text's digits are, found once for every pattern that
        // needs them.
        let mut digits: Option<Vec<u32>> = None;
        index.places(text, |(i, j), places| {
            let pattern = &self.rules[i][j];
            let push = |s, e, out: &mut Vec<Candidate>| push_trimmed(text, s, e, i, out);
            let found = match places {
                Places::Starts(starts) => {
                    pattern.find_at_starts(text, &starts, |s, e| push(s, e, out));
                    true
                }
                _ if pattern.has_digit_shape() => {
                    let digits = digits.get_or_insert_with(|| crate::digits::positions(text));
                    pattern.find_in_digit_runs(text, digits, |s, e| push(s, e, out))
                }
                Places::Around(occurrences) => {
                    pattern.find_around(text, occurrences, |s, e| push(s, e, out))
                }
                Places::Whole => false,
            };
            if !found {
                if let Some(re) = pattern.regex() {
                    push_hits(re, text, i, out);
                }
            }
        });
    }

    pub fn uncompiled(&self) -> Vec<(usize, String)> {
        let all = self.rules.iter().enumerate();
        all.flat_map(|(i, ps)| ps.iter().map(move |p| (i, p)))
            .filter(|(_, p)| p.regex().is_none())
            .map(|(i, p)| (i, p.source().to_string()))
            .collect()
    }
}

/// A pattern's hit is its `hit` group when it has one (patterns use the group
/// to require context the regex crate cannot look around for). Whitespace at
/// either edge is never part of a claim, so it is trimmed: a pattern ending in
/// `\s*` must not make a span depend on what follows the claim.
fn push_hits(re: &regex::Regex, text: &str, rule: usize, out: &mut Vec<Candidate>) {
    let has_hit_group = re.capture_names().any(|n| n == Some("hit"));
    let mut push = |start: usize, end: usize| push_trimmed(text, start, end, rule, out);
    if !has_hit_group {
        for m in re.find_iter(text) {
            push(m.start(), m.end());
        }
        return;
    }
    let mut at = 0;
    while at <= text.len() {
        let Some(caps) = re.captures_at(text, at) else {
            break;
        };
        let Some(m) = caps.name("hit") else { break };
        push(m.start(), m.end());
        // Resume right after the hit, not after the trailing context, so that
        // adjacent numbers sharing a separator are both found.
        let next = m.end().max(caps.get(0).map_or(0, |w| w.start()) + 1);
        if next > text.len() {
            break;
        }
        at = crate::span::ceil_char_boundary(text, next);
    }
}

/// A regex hit as a candidate, without whitespace at either edge (none if it
/// is all whitespace).
fn push_trimmed(text: &str, start: usize, end: usize, rule: usize, out: &mut Vec<Candidate>) {
    let raw = &text[start..end];
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return;
    }
    let s = start + (raw.len() - raw.trim_start().len());
    out.push(Candidate {
        rule,
        start: s,
        end: s + trimmed.len(),
        boundary: false,
        matched: Matched::Regex,
    });
}
