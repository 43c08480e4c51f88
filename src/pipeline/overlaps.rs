//! One finding per claim: overlapping hits of one rule merge, a hit inside
//! a longer hit of another rule goes, and a frame-only (generic) hit gives
//! way to a specific one. A user rule never hides a more severe finding;
//! what it covers is returned to be reported as suppressed.

use crate::explain::{Dropped, Unflagged};
use crate::kinds::Matched;
use crate::pack::Severity;
use crate::pipeline::hit::Hit;
use crate::rules::Rule;

/// Drop frame-only (generic) hits that overlap a specific hit: the specific
/// rule names the claim better. Between built-in rules this is silent. When a
/// user rule is on either side, a generic hit gives way only to a specific hit
/// at least as severe, and is returned with that hit's rule, to be reported as
/// suppressed: a user pack never changes the verdict silently.
/// With `explain`, a built-in generic hit that gives way is recorded with the
/// rule it gave way to.
pub(crate) fn drop_generic_overlaps(
    hits: &mut Vec<Hit>,
    rules: &[Rule],
    mut explain: Option<&mut Vec<Unflagged>>,
) -> Vec<(Hit, usize)> {
    let generic = |h: &Hit| rules[h.rule].generic;
    let builtin = |h: &Hit| rules[h.rule].builtin;
    let mut covered = Vec::new();
    // Dense copy has millions of specific hits and no generic one.
    if !hits.iter().any(generic) {
        return covered;
    }
    let builtin_specific = Reach::new(hits.iter().filter(|h| !generic(h) && builtin(h)));
    if hits.iter().all(builtin) {
        hits.retain(|h| {
            if !generic(h) {
                return true;
            }
            let by = builtin_specific.overlapping(h);
            if let Some(by) = by {
                record(&mut explain, h, Dropped::GenericYields { by });
            }
            by.is_none()
        });
        return covered;
    }
    let at_least = [Severity::Info, Severity::Warning, Severity::Error]
        .map(|s| Reach::new(hits.iter().filter(|h| !generic(h) && h.severity >= s)));
    hits.retain(|h| {
        if !generic(h) {
            return true;
        }
        if let Some(by) = builtin_specific.overlapping(h).filter(|_| builtin(h)) {
            record(&mut explain, h, Dropped::GenericYields { by });
            return false;
        }
        let level = match h.severity {
            Severity::Info => 0,
            Severity::Warning => 1,
            Severity::Error => 2,
        };
        match at_least[level].overlapping(h) {
            Some(by) => {
                covered.push((*h, by));
                false
            }
            None => true,
        }
    });
    covered
}

/// Hits sorted by start, with the furthest end reached so far: answers "does
/// any of them overlap this range, and which rule reaches furthest" in
/// O(log n).
struct Reach {
    starts: Vec<usize>,
    /// `furthest[i]`: the furthest end among the first i + 1 hits, and its rule.
    furthest: Vec<(usize, usize)>,
}

impl Reach {
    fn new<'a>(hits: impl Iterator<Item = &'a Hit>) -> Self {
        let mut spans: Vec<(usize, usize, usize)> =
            hits.map(|h| (h.start, h.end, h.rule)).collect();
        spans.sort_unstable();
        let furthest = spans
            .iter()
            .scan((0, usize::MAX), |far, &(_, end, rule)| {
                if end > far.0 {
                    *far = (end, rule);
                }
                Some(*far)
            })
            .collect();
        Reach {
            starts: spans.into_iter().map(|(start, _, _)| start).collect(),
            furthest,
        }
    }

    fn overlapping(&self, h: &Hit) -> Option<usize> {
        let starting_before_end = self.starts.partition_point(|&start| start < h.end);
        let (end, rule) = *self.furthest.get(starting_before_end.checked_sub(1)?)?;
        (end > h.start).then_some(rule)
    }
}

/// Merge overlapping hits of one rule into one span, then drop hits that lie
/// wholly inside a longer hit of another rule: one finding per claim. A user
/// rule's hit never hides a more severe finding (that could flip the
/// verdict); what it does cover is returned with the covering rule, to be
/// reported as suppressed.
/// With `explain`, a hit a built-in rule's longer hit covers is recorded.
pub(crate) fn resolve_overlaps(
    hits: &mut Vec<Hit>,
    rules: &[Rule],
    adjoins: impl Fn(&Hit, &Hit) -> bool,
    explain: Option<&mut Vec<Unflagged>>,
) -> Vec<(Hit, usize)> {
    hits.sort_by_key(|h| (h.rule, h.start, std::cmp::Reverse(h.end)));
    let mut merged: Vec<Hit> = Vec::with_capacity(hits.len());
    for h in hits.drain(..) {
        match merged.last_mut() {
            Some(last) if last.rule == h.rule && (h.start <= last.end || adjoins(last, &h)) => {
                last.end = last.end.max(h.end);
                last.severity = last.severity.max(h.severity);
                // A pattern reaching past a term (每年存进去两万 holds 存进去)
                // describes more than the term: the merged hit is a piece.
                if h.matched == Matched::Regex {
                    last.matched = Matched::Regex;
                }
            }
            _ => merged.push(h),
        }
    }
    merged.sort_by_key(|h| {
        (
            h.start,
            std::cmp::Reverse(h.end),
            std::cmp::Reverse(h.severity),
            h.rule,
        )
    });
    let mut explain = explain;
    let mut kept: Vec<Hit> = Vec::with_capacity(merged.len());
    let mut covered = Vec::new();
    let mut reach: Option<Hit> = None;
    for h in merged {
        if let Some(outer) = reach.filter(|r| h.start >= r.start && h.end <= r.end) {
            if !(rules[outer.rule].builtin && rules[h.rule].builtin) {
                if h.severity > outer.severity {
                    kept.push(h);
                } else {
                    covered.push((h, outer.rule));
                }
            } else if let Some(sink) = explain.as_deref_mut() {
                sink.push(Unflagged {
                    rule: h.rule,
                    start: h.start,
                    end: h.end,
                    severity: h.severity,
                    why: Dropped::Overlap { by: outer.rule },
                });
            }
            continue;
        }
        if reach.is_none_or(|r| h.end > r.end) {
            reach = Some(h);
        }
        kept.push(h);
    }
    *hits = kept;
    covered
}

/// Note a dropped hit and why, when explaining.
fn record(explain: &mut Option<&mut Vec<Unflagged>>, h: &Hit, why: Dropped) {
    if let Some(sink) = explain.as_deref_mut() {
        sink.push(Unflagged {
            rule: h.rule,
            start: h.start,
            end: h.end,
            severity: h.severity,
            why,
        });
    }
}
