//! Vetting one-click fixes: a fix is withheld, with the reason in the
//! suggestion, when it overlaps another finding, `fix::plan` refuses it, or
//! the sentence re-checked with the fix applied is still flagged at the seam.

use std::collections::HashMap;

use crate::normalize::Normalized;
use crate::pipeline::filter::Reading;
use crate::pipeline::scan::Scanner;
use crate::profile::Profile;
use crate::report::Finding;
use crate::span::{ceil_char_boundary, floor_char_boundary};

impl Scanner<'_> {
    /// Withhold each one-click fix that is not safe, and say why in the
    /// suggestion: one that overlaps another finding (replacing 预期年化收益率
    /// in 预期年化收益率高达8% would hide the 高达8% promise, not remove it),
    /// one `fix::plan` refuses (a cut quotation, a guard), and one whose
    /// result, re-checked in its sentence, is flagged at the seam.
    pub(crate) fn vet_fixes(&self, input: &str, profile: &Profile, findings: &mut [Finding]) {
        let ranges: Vec<Option<(usize, usize)>> = findings
            .iter()
            .map(|f| f.place.span.map(|s| (s.byte_start, s.byte_end)))
            .collect();
        // Findings are sorted by start; the running furthest end bounds the
        // backward search for overlaps.
        let mut reach = Vec::with_capacity(ranges.len());
        let mut furthest = 0;
        for r in &ranges {
            furthest = furthest.max(r.map_or(0, |r| r.1));
            reach.push(furthest);
        }
        // Dense or repeated copy re-checks the same sentence once.
        let mut rechecked = HashMap::new();
        for i in 0..findings.len() {
            let (Some((start, end)), Some(with)) = (ranges[i], findings[i].replacement.as_deref())
            else {
                continue;
            };
            // The guards' reasons say what to write instead, so they go first.
            let verdict =
                crate::fix::plan(input, &findings[i].rule, start, end, with).and_then(|edit| {
                    match overlapping(findings, &ranges, &reach, i) {
                        Some(j) => Err(format!(
                        "该处与“{}”（{}）重叠，只替换这几个字，那一处的问题仍在；请人工改写整句",
                        findings[j].place.visible, findings[j].rule
                    )),
                        None => self.recheck(input, profile, &edit, &mut rechecked),
                    }
                });
            if let Err(reason) = verdict {
                let f = &mut findings[i];
                f.replacement = None;
                f.suggestion = format!("{}不提供一键修改：{reason}。", f.suggestion).into();
            }
        }
    }

    /// Re-check the sentence around `edit` with the edit applied: Err with
    /// the reason if any rule fires at the seam.
    fn recheck(
        &self,
        input: &str,
        profile: &Profile,
        edit: &crate::fix::Edit,
        cache: &mut HashMap<(String, usize, usize), Result<(), String>>,
    ) -> Result<(), String> {
        let (ws, we) = sentence_around(input, edit.start, edit.end);
        let mut window = input[ws..we].to_string();
        let at = edit.start - ws;
        window.replace_range(at..edit.end - ws, &edit.with);
        let seam = (at, at + edit.with.len());
        let key = (window, seam.0, seam.1);
        if let Some(verdict) = cache.get(&key) {
            return verdict.clone();
        }
        let verdict = self.seam_verdict(&key.0, profile, seam);
        cache.insert(key, verdict.clone());
        verdict
    }

    fn seam_verdict(
        &self,
        window: &str,
        profile: &Profile,
        seam: (usize, usize),
    ) -> Result<(), String> {
        let norm = Normalized::new(window);
        let (hits, _, _) = self.scan(&norm.text, profile, &Reading::default(), false);
        for h in &hits {
            let (s, e) = norm.to_original(h.start, h.end);
            let touches = if seam.0 == seam.1 {
                s < seam.0 && e > seam.0
            } else {
                s < seam.1 && e > seam.0
            };
            if touches {
                return Err(format!(
                    "替换后的“{}”仍会被判为问题（{}）",
                    &window[s..e],
                    self.rules.rules[h.rule].meta.id
                ));
            }
        }
        Ok(())
    }
}

/// The finding after `i` or before it whose span overlaps `i`'s, if any.
fn overlapping(
    findings: &[Finding],
    ranges: &[Option<(usize, usize)>],
    reach: &[usize],
    i: usize,
) -> Option<usize> {
    let (start, end) = ranges[i]?;
    let overlaps = |j: usize| ranges[j].is_some_and(|(s, e)| s < end && e > start);
    let same_fix =
        |j: usize| ranges[j] == ranges[i] && findings[j].replacement == findings[i].replacement;
    let after = (i + 1..ranges.len())
        .take_while(|&j| ranges[j].is_some_and(|(s, _)| s < end))
        .find(|&j| overlaps(j) && !same_fix(j));
    after.or_else(|| {
        (0..i)
            .rev()
            .take_while(|&j| reach[j] > start)
            .find(|&j| overlaps(j) && !same_fix(j))
    })
}

/// The sentence of `input` around `start..end`: out to the nearest sentence
/// end or line break, so that a re-check sees the words the seam joins.
fn sentence_around(input: &str, start: usize, end: usize) -> (usize, usize) {
    const ENDS: &[char] = &['。', '！', '？', '!', '?', '\n'];
    // Bounded, so that a long line of many findings stays linear.
    const REACH: usize = 240;
    let lo = ceil_char_boundary(input, start.saturating_sub(REACH));
    let hi = floor_char_boundary(input, end + REACH);
    let s = input[lo..start].rfind(ENDS).map_or(lo, |i| {
        lo + i + input[lo + i..].chars().next().map_or(1, char::len_utf8)
    });
    let e = input[end..hi].find(ENDS).map_or(hi, |i| end + i);
    (s, e)
}
