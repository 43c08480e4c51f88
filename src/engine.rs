//! The checker: normalise -> candidates -> context filters -> labels ->
//! profile -> spans -> suppression -> report.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::catalog::catalog;
use crate::context::{Context, SentenceCues};
use crate::error::{Error, InputKind};
use crate::explain::{Dropped, Unflagged};
use crate::genre::Genre;
use crate::kinds::{Candidate, Document};
use crate::labels::{FoundLabels, LabelSet};
use crate::normalize::Normalized;
use crate::pack::{LabelKind, Scope, Severity};
use crate::profile::{Profile, ProfileSet};
use crate::report::{
    Finding, LabelStatus, Labels, ProfileInfo, Report, Summary, Suppressed, Version,
};
use crate::rules::{AllowedSpans, CompiledCheck, RuleInfo, RuleSet};
use crate::segment::{ClauseCache, Segmenter};
use crate::span::{ceil_char_boundary, floor_char_boundary, OffsetConverter, Position, Span};
use crate::suppress::Suppressions;
use crate::text::{head_chars, tail_chars};

/// Inputs above this size are refused with a clear error rather than risking
/// the browser tab's memory; the CLI streams JSONL line by line instead.
pub const MAX_INPUT_BYTES: usize = 32 * 1024 * 1024;

pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Findings kept per document unless the caller asks for another cap (the
/// CLI's `--max-findings`, the wasm option `maxFindings`). A reviewer cannot
/// act on more, and each costs a few hundred bytes of report: without a cap,
/// 32 MiB of `保本\n` would need gigabytes for its report alone.
pub const DEFAULT_MAX_FINDINGS: usize = 10_000;

#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// A product id or its Chinese name (data/catalog.toml), or "auto";
    /// None detects.
    pub product: Option<String>,
    /// Keep at most this many located findings (errors first); None keeps
    /// all. Bounds the report's memory, which the wasm module must do.
    pub max_findings: Option<usize>,
    /// Also list the candidates found but not reported, each with why
    /// (`report.explained`). Off, the report is exactly as without it, and
    /// dropped candidates cost nothing.
    pub explain: bool,
}

pub struct Checker {
    rules: RuleSet,
    context: Context,
    labels: LabelSet,
    profiles: ProfileSet,
    genre: Genre,
    segmenter: Segmenter,
}

/// A kept hit, still in normalised byte offsets.
#[derive(Debug, Clone, Copy)]
struct Hit {
    rule: usize,
    start: usize,
    end: usize,
    severity: Severity,
}

impl Checker {
    /// The built-in rules, built once per process.
    pub fn shared() -> &'static Checker {
        static SHARED: OnceLock<Checker> = OnceLock::new();
        SHARED.get_or_init(|| {
            Checker::new(&[]).unwrap_or_else(|e| panic!("built-in rule pack is invalid: {e}"))
        })
    }

    /// Built-in rules plus user packs, each `(source, origin)`.
    pub fn new(user_packs: &[(&str, &str)]) -> Result<Checker, Error> {
        let rules = RuleSet::build(user_packs)?;
        let segmenter = Segmenter::builtin(&rules.builtin_terms());
        Ok(Self::assemble(rules, segmenter))
    }

    /// Built-in rules built from scratch, sharing nothing with earlier
    /// checkers: what a fresh process pays at start-up (benchmarks).
    pub fn fresh() -> Result<Checker, Error> {
        let rules = RuleSet::build(&[])?;
        let segmenter = Segmenter::fresh(&rules.builtin_terms());
        Ok(Self::assemble(rules, segmenter))
    }

    /// Built-in rules over a different base dictionary (dictionary experiments).
    pub fn with_base_dict(base_dict: &str, user_packs: &[(&str, &str)]) -> Result<Checker, Error> {
        let rules = RuleSet::build(user_packs)?;
        let segmenter = Segmenter::with_base_dict(base_dict, &rules.builtin_terms());
        Ok(Self::assemble(rules, segmenter))
    }

    fn assemble(rules: RuleSet, segmenter: Segmenter) -> Checker {
        crate::fold::warm_up();
        let mut context = Context::builtin();
        context.add_transparent(rules.all_terms().cloned());
        Checker {
            rules,
            context,
            labels: LabelSet::builtin(),
            profiles: ProfileSet::builtin(),
            genre: Genre::builtin(),
            segmenter,
        }
    }

    pub fn rules(&self, full: bool) -> Vec<RuleInfo> {
        self.rules.infos(full)
    }

    pub fn version(&self) -> Version {
        Version {
            engine: ENGINE_VERSION.to_string(),
            rules: self
                .rules
                .packs
                .iter()
                .map(|p| {
                    if p.version.is_empty() {
                        p.name.clone()
                    } else {
                        format!("{}@{}", p.name, p.version)
                    }
                })
                .collect::<Vec<_>>()
                .join(" + "),
        }
    }

    pub fn check(&self, input: &str, options: &CheckOptions) -> Result<Report, Error> {
        validate_input(input)?;
        let norm = Normalized::new(input);
        let text = norm.text.as_str();
        let (profile, profile_info) = self.resolve_profile(text, options)?;

        let genre = self.genre.detect(text);
        let warning_until = genre
            .as_ref()
            .map_or(0, |g| g.promotion_from.unwrap_or(text.len()));
        let (mut hits, covered, unflagged) =
            self.scan(text, profile, warning_until, options.explain);
        // Suppression is known before the cap, so that the cap keeps the
        // findings that count (a kept-but-suppressed error must not push out
        // an unsuppressed one and flip the verdict).
        let suppressions = Suppressions::parse(input, &norm.comments);
        let truncated = options.max_findings.is_some_and(|max| {
            cap_hits(&mut hits, max, |h| {
                let id = &self.rules.rules[h.rule].meta.id;
                let range = norm.to_original(h.start, h.end);
                suppressions.marker_for(id, Some(range)).is_some()
            })
        });

        let labels_found = self.labels.find_all(text);
        // Sized once: growing by doubling (the label and covered findings are
        // appended) cost up to twice the findings' memory on dense copy.
        let mut pending: Vec<(Finding, Option<(usize, usize)>)> = Vec::with_capacity(
            hits.len() + covered.len() + LabelKind::ALL.len() + profile.extras.len(),
        );
        pending.extend(hits.iter().map(|h| {
            (
                self.hit_finding(text, h),
                Some(norm.to_original(h.start, h.end)),
            )
        }));
        let missing = self.required_missing(profile, &labels_found);
        pending.extend(
            self.label_findings(profile, text, &labels_found)
                .into_iter()
                .map(|f| (f, None)),
        );

        // Hits that a user rule's hit covers, or that cover a user rule's
        // hit, are reported as suppressed with the reason, never dropped
        // silently.
        let covered_from = pending.len();
        let mut reasons = Vec::with_capacity(covered.len());
        for (h, by) in &covered {
            pending.push((
                self.hit_finding(text, h),
                Some(norm.to_original(h.start, h.end)),
            ));
            let by = &self.rules.rules[*by];
            let whose = if by.builtin {
                "内置规则"
            } else {
                "用户规则"
            };
            reasons.push(format!("与{whose} {} 的命中重叠，由它代为报告", by.meta.id));
        }

        let label_ranges: Vec<Option<(usize, usize)>> = labels_found
            .iter()
            .map(|(_, at)| at.map(|(s, e)| norm.to_original(s, e)))
            .collect();
        let mut unflagged = unflagged;
        if let Some(max) = options.max_findings {
            unflagged.truncate(max);
        }
        let unflagged_ranges: Vec<(usize, usize)> = unflagged
            .iter()
            .map(|u| norm.to_original(u.start, u.end))
            .collect();
        let spans = map_spans(input, &pending, &label_ranges, &unflagged_ranges);

        let mut findings = Vec::with_capacity(pending.len() - covered.len());
        let mut suppressed = Vec::new();
        for (i, ((mut finding, range), span)) in pending.into_iter().zip(spans.findings).enumerate()
        {
            if let (Some((s, e)), Some((span, pos))) = (range, span) {
                finding.text = input[s..e].to_string();
                // A masked number keeps the input's own characters (1002X,
                // full-width digits), not the normalised ones.
                if let (Some(h), Some(_)) = (hits.get(i), &finding.replacement) {
                    let matched = &text[h.start..h.end];
                    finding.replacement =
                        self.rules.rules[h.rule].replacement_for(matched, &finding.text);
                }
                finding.visible = visible_text(input, s, e);
                finding.message = quote_in_message(&finding.message, &finding.visible);
                finding.span = Some(span);
                finding.line = Some(pos.line);
                finding.column = Some(pos.column);
            }
            let marker = match i.checked_sub(covered_from) {
                Some(k) => reasons.get(k).map(String::as_str),
                None => suppressions.marker_for(&finding.rule, range),
            };
            match marker {
                Some(marker) => suppressed.push(Suppressed {
                    finding,
                    marker: marker.to_string(),
                }),
                None => findings.push(finding),
            }
        }
        findings.sort_by(|a, b| {
            let at = |f: &Finding| f.span.map_or(usize::MAX, |s| s.start);
            at(a).cmp(&at(b)).then_with(|| a.rule.cmp(&b.rule))
        });
        self.vet_fixes(input, profile, &mut findings);

        let mut labels = Labels::default();
        for (i, kind) in LabelKind::ALL.iter().enumerate() {
            let status = labels.get_mut(*kind);
            status.required = self.required_labels(profile).contains(kind);
            if let (Some((s, e)), Some((span, _))) = (label_ranges[i], spans.labels[i]) {
                *status = LabelStatus {
                    present: true,
                    text: Some(input[s..e].to_string()),
                    visible: Some(visible_text(input, s, e)),
                    span: Some(span),
                    required: status.required,
                };
            }
        }
        let mut summary = Summary::of(&findings, suppressed.len(), missing);
        summary.truncated = truncated;
        let explained = options.explain.then(|| {
            self.explained(
                input,
                &norm,
                genre.as_ref(),
                &unflagged,
                &unflagged_ranges,
                spans.unflagged,
            )
        });
        Ok(Report {
            findings,
            labels,
            profile: profile_info,
            genre,
            suppressed,
            explained,
            summary,
            version: self.version(),
            document: None,
        })
    }

    fn resolve_profile<'a>(
        &'a self,
        text: &str,
        options: &CheckOptions,
    ) -> Result<(&'a Profile, ProfileInfo), Error> {
        match options
            .product
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty() && *p != "auto")
        {
            Some(name) => {
                let profile = catalog()
                    .product_id(name)
                    .and_then(|id| self.profiles.get(id))
                    .ok_or_else(|| {
                        Error::input(
                            InputKind::UnknownProduct,
                            format!(
                                "未知的产品类型 {name:?}，可选：{}、auto",
                                catalog().product_choices()
                            ),
                        )
                    })?;
                let info = ProfileInfo {
                    name: profile.name.clone(),
                    detected: false,
                    reason: format!("由调用方指定为{}", profile.display),
                };
                Ok((profile, info))
            }
            None => {
                let (profile, reason) = self.profiles.detect(text);
                Ok((
                    profile,
                    ProfileInfo {
                        name: profile.name.clone(),
                        detected: true,
                        reason,
                    },
                ))
            }
        }
    }

    /// Apply the context filters to one candidate: Ok(hit) if it stands,
    /// else why it was dropped (None for a candidate that is no claim at
    /// all: a rule for another product, or a term that is not a word here).
    fn keep(
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
        let clause = self.context.clause(text, c.start, c.end);
        let boundaries = cache.boundaries(clause);
        if c.boundary
            && !(boundaries.binary_search(&c.start).is_ok()
                && boundaries.binary_search(&c.end).is_ok())
        {
            return Err(Some(Dropped::PartOfWord {
                word: enclosing_word(boundaries, clause, c),
            }));
        }
        if rule.negatable {
            if let Some(negator) = self.context.negator(text, boundaries, c.start) {
                return Err(Some(Dropped::Negation { negator }));
            }
        }
        let sentence = self.context.sentence(text, c.start, c.end);
        if rule.quotable {
            if let Some(why) = self.citation(text, sentence, c, cache) {
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
        })
    }

    /// Does the hit's sentence ask, cite (in a warning text) or quote it to
    /// warn? In that order, as the filters always ran.
    fn citation(
        &self,
        text: &str,
        sentence: (usize, usize),
        c: &Candidate,
        cache: &mut CheckCache,
    ) -> Option<Dropped> {
        if self.context.is_question(text, sentence, c.start) {
            return Some(Dropped::Question);
        }
        if cache.in_warning_text(sentence.0) {
            if let Some(citation) = self.genre.citation(&text[sentence.0..sentence.1]) {
                return Some(Dropped::GenreCitation(citation));
            }
        }
        let cues = cache.sentence_cues(&self.context, sentence);
        self.context
            .frame(text, sentence, &cues, c.start, c.end)
            .map(Dropped::Frame)
    }

    /// The report's `explained` list from the dropped candidates, with
    /// their spans already mapped.
    fn explained(
        &self,
        input: &str,
        norm: &Normalized,
        genre: Option<&crate::genre::GenreInfo>,
        unflagged: &[Unflagged],
        ranges: &[(usize, usize)],
        spans: Vec<(Span, Position)>,
    ) -> Vec<crate::report::Explained> {
        unflagged
            .iter()
            .zip(ranges)
            .zip(spans)
            .map(|((u, &(s, e)), (span, pos))| {
                let rule = &self.rules.rules[u.rule];
                let cue = u.why.cue().map(|(cs, ce)| {
                    let (os, oe) = norm.to_original(cs, ce);
                    visible_text(input, os, oe)
                });
                let visible = visible_text(input, s, e);
                let rendered = crate::explain::Rendered {
                    hit: &visible,
                    cue: cue.as_deref(),
                    by: u.why.by().map(|b| self.rules.rules[b].meta.id.as_str()),
                    rule: &rule.meta.id,
                };
                let detail = crate::explain::detail(u.why, &rendered, genre, &self.genre);
                let mut entry = crate::explain::entry(u, rule.meta.category, &rendered, detail);
                entry.text = input[s..e].to_string();
                entry.visible = visible;
                entry.span = Some(span);
                entry.line = Some(pos.line);
                entry.column = Some(pos.column);
                entry
            })
            .collect()
    }

    /// The hits in normalised `text` that stand, those a user rule's longer
    /// hit covers (with the covering rule), and, when explaining, the
    /// candidates dropped with why (empty, and never allocated, otherwise).
    fn scan(
        &self,
        text: &str,
        profile: &Profile,
        warning_until: usize,
        explain: bool,
    ) -> (Vec<Hit>, Vec<(Hit, usize)>, Vec<Unflagged>) {
        let mut cache = CheckCache::new(&self.segmenter, text, warning_until);
        cache.allowed = self.rules.allowed_spans(text);
        cache.exceptions = self.rules.exception_spans(text);
        cache.explain = explain;
        let mut hits: Vec<Hit> = Vec::new();
        let mut unflagged: Vec<Unflagged> = Vec::new();
        for c in self.rules.candidates(text) {
            match self.keep(text, &c, profile, &mut cache) {
                Ok(hit) => hits.push(hit),
                Err(Some(why)) if explain => unflagged.push(Unflagged {
                    rule: c.rule,
                    start: c.start,
                    end: c.end,
                    severity: self.rules.rules[c.rule].meta.severity,
                    why,
                }),
                Err(_) => {}
            }
        }
        // Segmentations and sentence cues are per clause: on dense copy they
        // are as many as the hits, so they go before the findings are built.
        drop(cache);
        let mut sink = explain.then_some(&mut unflagged);
        let mut covered = drop_generic_overlaps(&mut hits, &self.rules.rules, sink.as_deref_mut());
        covered.extend(resolve_overlaps(&mut hits, &self.rules.rules, sink));
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

    /// Withhold each one-click fix that is not safe, and say why in the
    /// suggestion: one that overlaps another finding (replacing 预期年化收益率
    /// in 预期年化收益率高达8% would hide the 高达8% promise, not remove it),
    /// one `fix::plan` refuses (a cut quotation, a guard), and one whose
    /// result, re-checked in its sentence, is flagged at the seam.
    fn vet_fixes(&self, input: &str, profile: &Profile, findings: &mut [Finding]) {
        let ranges: Vec<Option<(usize, usize)>> = findings
            .iter()
            .map(|f| f.span.map(|s| (s.byte_start, s.byte_end)))
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
                        findings[j].visible, findings[j].rule
                    )),
                        None => self.recheck(input, profile, &edit, &mut rechecked),
                    }
                });
            if let Err(reason) = verdict {
                let f = &mut findings[i];
                f.replacement = None;
                f.suggestion = format!("{}不提供一键修改：{reason}。", f.suggestion);
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
        let (hits, _, _) = self.scan(&norm.text, profile, 0, false);
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

    fn hit_finding(&self, text: &str, h: &Hit) -> Finding {
        let rule = &self.rules.rules[h.rule];
        let matched = &text[h.start..h.end];
        rule.meta
            .finding(h.severity, rule.replacement_for(matched, matched))
    }

    fn required_labels(&self, profile: &Profile) -> Vec<LabelKind> {
        self.rules
            .required_labels
            .get(&profile.name)
            .cloned()
            .unwrap_or_else(|| profile.required.clone())
    }

    fn required_missing(&self, profile: &Profile, found: &FoundLabels) -> Vec<LabelKind> {
        let required = self.required_labels(profile);
        found
            .iter()
            .filter(|(k, at)| required.contains(k) && at.is_none())
            .map(|(k, _)| k)
            .collect()
    }

    fn label_findings(&self, profile: &Profile, text: &str, found: &FoundLabels) -> Vec<Finding> {
        let required = self.required_labels(profile);
        let doc = Document {
            text,
            profile,
            labels: &self.labels,
            found,
            required: &required,
        };
        let broken = self.rules.document_rules(&doc);
        broken
            .into_iter()
            .filter(|m| !self.rules.is_disabled(&m.id))
            .map(|m| m.finding(self.rules.severity_for(&m.id, m.severity), None))
            .collect()
    }

    /// Compile every pattern that is otherwise compiled on first use; the
    /// ones that fail. Built-in patterns are data, so a test calls this.
    pub fn compile_all_patterns(&self) -> Vec<String> {
        let mut failures = self.rules.compile_all();
        failures.extend(self.labels.compile_all());
        failures.extend(self.profiles.compile_all());
        failures
    }

    /// Run every rule's own examples; returns the failures.
    pub fn example_failures(&self) -> Vec<String> {
        let mut failures = Vec::new();
        for rule in self.rules.rules.iter().filter(|r| r.enabled) {
            for (text, expect) in rule
                .examples
                .positive
                .iter()
                .map(|t| (t, true))
                .chain(rule.examples.negative.iter().map(|t| (t, false)))
            {
                let options = CheckOptions {
                    product: rule.profiles.first().cloned(),
                    ..CheckOptions::default()
                };
                let found = match self.check(text, &options) {
                    Ok(r) => r.findings.iter().any(|f| f.rule == rule.meta.id),
                    Err(e) => {
                        failures.push(format!("{}: {text:?}: {e}", rule.meta.id));
                        continue;
                    }
                };
                if found != expect {
                    let what = if expect {
                        "应命中却未命中"
                    } else {
                        "不应命中却命中"
                    };
                    failures.push(format!("{}: {what}: {text:?}", rule.meta.id));
                }
            }
        }
        failures
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

/// A message with `{text}` filled in. The text is cut to 40 characters: a
/// merged run of repetitions can be megabytes, and a message is for reading.
fn quote_in_message(message: &str, text: &str) -> String {
    if !message.contains("{text}") {
        return message.to_string();
    }
    let shown = head_chars(text, 40);
    let ellipsis = if shown.len() < text.len() { "…" } else { "" };
    message.replace("{text}", &format!("{shown}{ellipsis}"))
}

fn validate_input(input: &str) -> Result<(), Error> {
    if input.trim().is_empty() {
        return Err(Error::input(
            InputKind::Empty,
            "文本为空，请输入需要检查的文案",
        ));
    }
    if input.len() > MAX_INPUT_BYTES {
        return Err(Error::input(
            InputKind::TooLarge,
            format!(
                "文本过大：{}，单次检查上限为 {}；请分段检查或使用命令行的 --jsonl 批量模式",
                crate::pack::describe_bytes(input.len()),
                crate::pack::describe_bytes(MAX_INPUT_BYTES)
            ),
        ));
    }
    Ok(())
}

/// Per-check caches: clause segmentations, and document-wide context checks,
/// which give the same answer for every hit of a rule and so run once.
struct CheckCache<'a> {
    clauses: ClauseCache<'a>,
    allowed: AllowedSpans,
    exceptions: HashMap<usize, AllowedSpans>,
    text: &'a str,
    /// The warning or education part of the text ends here (0: none).
    warning_until: usize,
    /// Record the context that dropped a candidate (`CheckOptions::explain`).
    explain: bool,
    document: HashMap<(usize, bool), bool>,
    sentences: HashMap<(usize, usize), SentenceCues>,
}

impl<'a> CheckCache<'a> {
    fn new(segmenter: &'a Segmenter, text: &'a str, warning_until: usize) -> Self {
        CheckCache {
            clauses: ClauseCache::new(segmenter, text),
            allowed: AllowedSpans::none(),
            exceptions: HashMap::new(),
            text,
            warning_until,
            explain: false,
            document: HashMap::new(),
            sentences: HashMap::new(),
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
        at < self.warning_until
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

/// Drop frame-only (generic) hits that overlap a specific hit: the specific
/// rule names the claim better. Between built-in rules this is silent. When a
/// user rule is on either side, a generic hit gives way only to a specific hit
/// at least as severe, and is returned with that hit's rule, to be reported as
/// suppressed: a user pack never changes the verdict silently.
/// With `explain`, a built-in generic hit that gives way is recorded with the
/// rule it gave way to.
fn drop_generic_overlaps(
    hits: &mut Vec<Hit>,
    rules: &[crate::rules::Rule],
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
fn resolve_overlaps(
    hits: &mut Vec<Hit>,
    rules: &[crate::rules::Rule],
    explain: Option<&mut Vec<Unflagged>>,
) -> Vec<(Hit, usize)> {
    hits.sort_by_key(|h| (h.rule, h.start, std::cmp::Reverse(h.end)));
    let mut merged: Vec<Hit> = Vec::with_capacity(hits.len());
    for h in hits.drain(..) {
        match merged.last_mut() {
            Some(last) if last.rule == h.rule && h.start <= last.end => {
                last.end = last.end.max(h.end);
                last.severity = last.severity.max(h.severity);
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

/// Keep the `max` hits that matter most, in their original order: those not
/// suppressed before those that are, then the most severe, then the earliest.
/// So a cap never turns an error verdict into a pass. Returns whether any hit
/// was dropped.
fn cap_hits(hits: &mut Vec<Hit>, max: usize, suppressed: impl Fn(&Hit) -> bool) -> bool {
    if hits.len() <= max {
        return false;
    }
    let mut order: Vec<(bool, std::cmp::Reverse<Severity>, usize)> = hits
        .iter()
        .enumerate()
        .map(|(i, h)| (suppressed(h), std::cmp::Reverse(h.severity), i))
        .collect();
    order.sort_unstable();
    order.truncate(max);
    let mut keep: Vec<usize> = order.into_iter().map(|(_, _, i)| i).collect();
    keep.sort_unstable();
    *hits = keep.into_iter().map(|i| hits[i]).collect();
    true
}

/// How far around a span to look for the tag it may start or end inside.
const TAG_REACH: usize = 64 * 1024;

/// The source range `s..e` as a reader sees it: the HTML scanner's visible
/// characters. A span can start or end inside a tag (in an `alt` or `title`
/// value), so the scan starts at that tag's `<` and ends after its `>`.
fn visible_text(input: &str, s: usize, e: usize) -> String {
    let inside_tag = |at: usize| {
        let before = &input[floor_char_boundary(input, at.saturating_sub(TAG_REACH))..at];
        match (before.rfind('<'), before.rfind('>')) {
            (Some(lt), gt) if gt.is_none_or(|g| g < lt) => Some(at - before.len() + lt),
            _ => None,
        }
    };
    let from = inside_tag(s).unwrap_or(s);
    let to = match inside_tag(e) {
        Some(_) => input[e..ceil_char_boundary(input, (e + TAG_REACH).min(input.len()))]
            .find('>')
            .map_or(e, |p| e + p + 1),
        None => e,
    };
    crate::html::scan(&input[from..to])
        .units
        .iter()
        .filter(|u| u.start + from >= s && u.end + from <= e)
        .map(|u| u.ch)
        .collect()
}

struct MappedSpans {
    findings: Vec<Option<(Span, Position)>>,
    labels: Vec<Option<(Span, Position)>>,
    unflagged: Vec<(Span, Position)>,
}

/// Spans for the findings, the labels and the explained candidates, in one
/// sweep of the input.
fn map_spans(
    input: &str,
    pending: &[(Finding, Option<(usize, usize)>)],
    labels: &[Option<(usize, usize)>],
    unflagged: &[(usize, usize)],
) -> MappedSpans {
    let ranges: Vec<(usize, usize)> = pending
        .iter()
        .filter_map(|(_, r)| *r)
        .chain(labels.iter().filter_map(|r| *r))
        .chain(unflagged.iter().copied())
        .collect();
    let mut spans = OffsetConverter::spans(input, &ranges).into_iter();
    let findings = pending
        .iter()
        .map(|(_, r)| r.and_then(|_| spans.next()))
        .collect();
    let labels = labels
        .iter()
        .map(|r| r.and_then(|_| spans.next()))
        .collect();
    MappedSpans {
        findings,
        labels,
        unflagged: spans.collect(),
    }
}
