//! Candidates, then context, then overlaps: the hits of a normalised text
//! that stand. The report stage runs it on the document, and again on the
//! sentence around a one-click fix to vet it.

use crate::explain::Unflagged;
use crate::kinds::{Candidate, Matched};
pub(crate) use crate::pipeline::filter::Scanner;
use crate::pipeline::filter::{CheckCache, Reading};
use crate::pipeline::hit::Hit;
use crate::pipeline::overlaps::{drop_generic_overlaps, resolve_overlaps};
use crate::profile::Profile;

/// What a scan gives: the hits that stand, those a user rule's longer hit
/// covers (with the covering rule), and, when explaining, the candidates
/// dropped with why.
pub(crate) type Scanned = (Vec<Hit>, Vec<(Hit, usize)>, Vec<Unflagged>);

impl Scanner<'_> {
    /// The hits in normalised `text` that stand, those a user rule's longer
    /// hit covers (with the covering rule), and, when explaining, the
    /// candidates dropped with why (empty, and never allocated, otherwise).
    pub(crate) fn scan(
        &self,
        text: &str,
        profile: &Profile,
        reading: &Reading,
        explain: bool,
    ) -> Scanned {
        let bounds = self.context.text_bounds(text);
        let mut cache = CheckCache::new(self.segmenter, &bounds, text, reading);
        cache.allowed = self.rules.allowed_spans(text);
        cache.exceptions = self.rules.exception_spans(text);
        cache.explain = explain;
        let candidates = self.rules.candidates(text);
        let (hits, unflagged) = self.keep_all(text, &candidates, profile, &mut cache);
        // Segmentations and sentence cues are per clause: on dense copy they
        // are as many as the hits, so they go before the findings are built.
        drop(cache);
        self.settle_overlaps(text, hits, unflagged, explain)
    }

    /// The context stage on candidates: those that stand, and, when
    /// explaining, those dropped with why. A whole scan and each part of a
    /// split scan run it.
    pub(crate) fn keep_all(
        &self,
        text: &str,
        candidates: &[Candidate],
        profile: &Profile,
        cache: &mut CheckCache,
    ) -> (Vec<Hit>, Vec<Unflagged>) {
        // Candidates come kind by kind, each kind's in text order, so one
        // after the other they jump about the text. Checked in text order,
        // a sentence's text, delimiters and cached segmentation stay in the
        // processor's cache while its candidates are checked; the outcomes
        // are then taken in candidate order, so nothing downstream changes
        // (each outcome depends only on its candidate).
        let mut order: Vec<u32> = (0..candidates.len() as u32).collect();
        order.sort_by_key(|&i| candidates[i as usize].start);
        let mut outcomes = vec![Err(None); candidates.len()];
        for i in order {
            let i = i as usize;
            outcomes[i] = self.keep(text, &candidates[i], profile, cache);
        }
        let mut hits = Vec::new();
        let mut unflagged = Vec::new();
        for (c, outcome) in candidates.iter().zip(outcomes) {
            match outcome {
                Ok(hit) => hits.push(hit),
                Err(Some(why)) if cache.explain => unflagged.push(Unflagged {
                    rule: c.rule,
                    start: c.start,
                    end: c.end,
                    severity: self.rules.rules[c.rule].meta.severity,
                    why,
                }),
                Err(_) => {}
            }
        }
        (hits, unflagged)
    }

    /// The last step of every scan, whole or split: overlapping hits are
    /// resolved, and the explained candidates consolidated against what stands.
    pub(crate) fn settle_overlaps(
        &self,
        text: &str,
        mut hits: Vec<Hit>,
        mut unflagged: Vec<Unflagged>,
        explain: bool,
    ) -> Scanned {
        let mut sink = explain.then_some(&mut unflagged);
        let mut covered = drop_generic_overlaps(&mut hits, &self.rules.rules, sink.as_deref_mut());
        let adjoins = |a: &Hit, b: &Hit| self.one_claim(text, a, b);
        covered.extend(resolve_overlaps(
            &mut hits,
            &self.rules.rules,
            adjoins,
            sink,
        ));
        let unflagged = crate::explain::consolidate(
            unflagged,
            &hits
                .iter()
                .chain(covered.iter().map(|(h, _)| h))
                .map(|h| (h.rule, h.start, h.end))
                .collect::<Vec<_>>(),
        );
        (hits, covered, unflagged)
    }

    /// Do two hits of one rule, `a` before `b`, read as one claim? They do
    /// when only a comma or two part them in one sentence (每年存进去两万，
    /// 存五年): a reviewer marks that once, and two findings would count the
    /// same claim twice. A word between them (词条甲和词条乙) makes two, and so
    /// does a lexicon term, which is a whole claim (零风险，稳赚). The joined span stays short, so a
    /// finding is still the claim and not the sentence.
    fn one_claim(&self, text: &str, a: &Hit, b: &Hit) -> bool {
        let Some(gap) = text.get(a.end..b.start) else {
            return false;
        };
        a.matched == Matched::Regex
            && b.matched == Matched::Regex
            && gap.chars().count() <= JOIN_GAP_CHARS
            && gap
                .chars()
                .all(|c| c.is_whitespace() || c.is_ascii_punctuation() || c == '、')
            && text[a.start..b.end].chars().count() <= JOIN_MAX_CHARS
            && self.context.sentence(text, a.start, a.end).1 >= b.end
    }
}

/// The most punctuation characters between two hits of one rule that still join.
const JOIN_GAP_CHARS: usize = 2;
/// The longest span two joined hits may make.
const JOIN_MAX_CHARS: usize = 24;
