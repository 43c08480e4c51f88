//! The report stage: findings located in the original text (spans in
//! three units, line and column, the text as written and as seen), inline
//! suppressions, the cap, safe one-click fixes, label statuses, the
//! explained candidates and the summary.

use crate::explain::Unflagged;
use crate::genre::GenreInfo;
use crate::normalize::Normalized;
use crate::pack::{Category, LabelKind, Severity};
use crate::pipeline::document::Labelled;
use crate::pipeline::hit::Hit;
use crate::pipeline::scan::{Scanned, Scanner};
use crate::profile::Profile;
use crate::report::{
    Explained, Finding, LabelStatus, Labels, Place, ProfileInfo, Report, Summary, Suppressed,
    Version,
};
use crate::span::{ceil_char_boundary, floor_char_boundary, OffsetConverter, Position, Span};
use crate::suppress::Suppressions;
use crate::text::head_chars;

/// What the earlier stages found in one input.
pub(crate) struct Checked<'a> {
    pub input: &'a str,
    pub norm: &'a Normalized,
    pub profile: &'a Profile,
    pub profile_info: ProfileInfo,
    pub genre: Option<GenreInfo>,
    pub scanned: Scanned,
    pub labelled: Labelled,
    /// Keep at most this many located findings (`CheckOptions`).
    pub max_findings: Option<usize>,
    /// List the candidates dropped, with why (`CheckOptions`).
    pub explain: bool,
}

/// A finding on its way into the report.
struct Pending {
    finding: Finding,
    /// Its range in the original input; None for a document-level finding.
    range: Option<(usize, usize)>,
    /// The hit whose one-click fix masks digits as the input writes them.
    hit: Option<Hit>,
    /// Why it is reported as suppressed: a user rule's hit covers it.
    covered: Option<String>,
    /// The rule whose message template the finding quotes, once located
    /// (None for a document-level finding, whose message is set).
    rule: Option<usize>,
}

pub(crate) fn report(scanner: &Scanner, checked: Checked, version: Version) -> Report {
    let Checked {
        input,
        norm,
        profile,
        profile_info,
        genre,
        scanned: (mut hits, covered, mut unflagged),
        mut labelled,
        max_findings,
        explain,
    } = checked;
    let mut genre = genre;
    if promotes_nothing(genre.as_ref(), &profile_info, &hits) {
        soften_missing_labels(&mut labelled.findings, genre.as_mut());
    }
    let text = norm.text.as_str();
    let rules = &scanner.rules.rules;
    // Suppression is known before the cap, so that the cap keeps the
    // findings that count (a kept-but-suppressed error must not push out
    // an unsuppressed one and flip the verdict).
    let suppressions = Suppressions::parse(input, &norm.comments);
    let truncated = max_findings.is_some_and(|max| {
        cap_hits(&mut hits, max, |h| {
            let id = &rules[h.rule].meta.id;
            let range = norm.to_original(h.start, h.end);
            suppressions.marker_for(id, Some(range)).is_some()
        })
    });

    // Sized once: growing by doubling (the label and covered findings are
    // appended) cost up to twice the findings' memory on dense copy.
    let mut pending: Vec<Pending> =
        Vec::with_capacity(hits.len() + covered.len() + labelled.findings.len());
    pending.extend(hits.iter().map(|h| Pending {
        finding: hit_finding(scanner, text, h),
        range: Some(norm.to_original(h.start, h.end)),
        hit: Some(*h),
        covered: None,
        rule: Some(h.rule),
    }));
    pending.extend(labelled.findings.into_iter().map(|finding| Pending {
        finding,
        range: None,
        hit: None,
        covered: None,
        rule: None,
    }));
    // Hits that a user rule's hit covers, or that cover a user rule's
    // hit, are reported as suppressed with the reason, never dropped
    // silently.
    pending.extend(covered.iter().map(|(h, by)| {
        let by = &rules[*by];
        let whose = if by.builtin {
            "内置规则"
        } else {
            "用户规则"
        };
        Pending {
            finding: hit_finding(scanner, text, h),
            range: Some(norm.to_original(h.start, h.end)),
            hit: None,
            covered: Some(format!("与{whose} {} 的命中重叠，由它代为报告", by.meta.id)),
            rule: Some(h.rule),
        }
    }));

    let label_ranges: Vec<(LabelKind, Option<(usize, usize)>)> = labelled
        .found
        .iter()
        .map(|(kind, at)| (kind, at.map(|(s, e)| norm.to_original(s, e))))
        .collect();
    if let Some(max) = max_findings {
        unflagged.truncate(max);
    }
    let unflagged_ranges: Vec<(usize, usize)> = unflagged
        .iter()
        .map(|u| norm.to_original(u.start, u.end))
        .collect();
    let spans = map_spans(input, &pending, &label_ranges, &unflagged_ranges);

    let mut findings = Vec::with_capacity(pending.len() - covered.len());
    let mut suppressed = Vec::new();
    for (p, span) in pending.into_iter().zip(spans.findings) {
        let Pending {
            mut finding,
            range,
            hit,
            covered,
            rule,
        } = p;
        let template = rule.map(|r| rules[r].meta.message.as_str());
        if let (Some(range), Some(span)) = (range, span) {
            finding.place = place(input, range, span);
            // A masked number keeps the input's own characters (1002X,
            // full-width digits), not the normalised ones.
            if let (Some(h), Some(_)) = (hit, &finding.replacement) {
                let matched = &text[h.start..h.end];
                finding.replacement = rules[h.rule].replacement_for(matched, &finding.place.text);
            }
            if let Some(template) = template {
                finding.message = quote_in_message(template, &finding.place.visible);
            }
        } else if let Some(template) = template {
            finding.message = template.to_string();
        }
        let marker = match &covered {
            Some(reason) => Some(reason.as_str()),
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
        let at = |f: &Finding| f.place.span.map_or(usize::MAX, |s| s.start);
        at(a).cmp(&at(b)).then_with(|| a.rule.cmp(&b.rule))
    });
    scanner.vet_fixes(input, profile, &mut findings);

    let mut labels = Labels::default();
    for ((kind, range), span) in label_ranges.into_iter().zip(spans.labels) {
        let status = labels.get_mut(kind);
        status.required = labelled.required.contains(&kind);
        if let (Some((s, e)), Some((span, _))) = (range, span) {
            *status = LabelStatus {
                present: true,
                text: Some(input[s..e].to_string()),
                visible: Some(visible_text(input, s, e)),
                span: Some(span),
                required: status.required,
            };
        }
    }
    let mut summary = Summary::of(&findings, suppressed.len(), labelled.missing);
    summary.truncated = truncated;
    let explained = explain.then(|| {
        explained(
            scanner,
            input,
            norm,
            genre.as_ref(),
            &unflagged,
            &unflagged_ranges,
            spans.unflagged,
        )
    });
    Report {
        findings,
        labels,
        profile: profile_info,
        genre,
        suppressed,
        explained,
        summary,
        version,
        document: None,
    }
}

fn hit_finding(scanner: &Scanner, text: &str, h: &Hit) -> Finding {
    let rule = &scanner.rules.rules[h.rule];
    let matched = &text[h.start..h.end];
    rule.meta
        .unquoted(h.severity, rule.replacement_for(matched, matched))
}

/// The report's `explained` list from the dropped candidates, with
/// their spans already mapped.
fn explained(
    scanner: &Scanner,
    input: &str,
    norm: &Normalized,
    genre: Option<&crate::genre::GenreInfo>,
    unflagged: &[Unflagged],
    ranges: &[(usize, usize)],
    spans: Vec<(Span, Position)>,
) -> Vec<Explained> {
    unflagged
        .iter()
        .zip(ranges)
        .zip(spans)
        .map(|((u, &range), span)| {
            let rule = &scanner.rules.rules[u.rule];
            let cue = u.why.cue().map(|(cs, ce)| {
                let (os, oe) = norm.to_original(cs, ce);
                visible_text(input, os, oe)
            });
            let place = place(input, range, span);
            let rendered = crate::explain::Rendered {
                hit: &place.visible,
                cue: cue.as_deref(),
                by: u.why.by().map(|b| scanner.rules.rules[b].meta.id.as_str()),
                rule: &rule.meta.id,
            };
            let detail = crate::explain::detail(u.why, &rendered, genre, scanner.genre);
            let entry = crate::explain::entry(u, rule.meta.category, &rendered, detail);
            Explained { place, ..entry }
        })
        .collect()
}

/// Where the input range `s..e` is, for a finding or an explained
/// candidate: the text as written and as seen, the span, line and column.
fn place(input: &str, (s, e): (usize, usize), (span, pos): (Span, Position)) -> Place {
    Place {
        text: input[s..e].to_string(),
        visible: visible_text(input, s, e),
        span: Some(span),
        line: Some(pos.line),
        column: Some(pos.column),
        location: None,
    }
}

/// A message with `{text}` filled in. The text is cut to 40 characters: a
/// merged run of repetitions can be megabytes, and a message is for reading.
/// Written in one allocation of the right size.
fn quote_in_message(message: &str, text: &str) -> String {
    const SLOT: &str = "{text}";
    let shown = head_chars(text, 40);
    let ellipsis = if shown.len() < text.len() { "…" } else { "" };
    let slots = message.matches(SLOT).count();
    let mut out = String::with_capacity(
        message.len() - slots * SLOT.len() + slots * (shown.len() + ellipsis.len()),
    );
    let mut pieces = message.split(SLOT);
    out.push_str(pieces.next().unwrap_or(""));
    for piece in pieces {
        out.push_str(shown);
        out.push_str(ellipsis);
        out.push_str(piece);
    }
    out
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
    pending: &[Pending],
    labels: &[(LabelKind, Option<(usize, usize)>)],
    unflagged: &[(usize, usize)],
) -> MappedSpans {
    let ranges: Vec<(usize, usize)> = pending
        .iter()
        .filter_map(|p| p.range)
        .chain(labels.iter().filter_map(|(_, r)| *r))
        .chain(unflagged.iter().copied())
        .collect();
    let mut spans = OffsetConverter::spans(input, &ranges).into_iter();
    let findings = pending
        .iter()
        .map(|p| p.range.and_then(|_| spans.next()))
        .collect();
    let labels = labels
        .iter()
        .map(|(_, r)| r.and_then(|_| spans.next()))
        .collect();
    MappedSpans {
        findings,
        labels,
        unflagged: spans.collect(),
    }
}

/// A warning or education text that makes no claim of its own and whose
/// product the caller did not name advertises nothing: an anti-fraud notice
/// or a neighbours' warning has no risk level or liquidity to disclose. Its
/// missing labels are then shown as notes, not errors, so the verdict is not
/// "需修改" for a text that is not an advertisement.
fn promotes_nothing(genre: Option<&GenreInfo>, profile: &ProfileInfo, hits: &[Hit]) -> bool {
    genre.is_some_and(|g| g.promotion_from.is_none()) && profile.detected && hits.is_empty()
}

fn soften_missing_labels(findings: &mut [Finding], genre: Option<&mut GenreInfo>) {
    let mut softened = false;
    for f in findings
        .iter_mut()
        .filter(|f| f.category == Category::MissingLabel)
    {
        f.severity = Severity::Info;
        f.message.push_str(NOT_AN_AD);
        softened = true;
    }
    if let (true, Some(g)) = (softened, genre) {
        g.reason
            .push_str("；全文未见宣传用语，缺少的产品必备信息仅作提示");
    }
}

const NOT_AN_AD: &str = "（全文判定为风险警示或投资者教育类文章，且未见宣传用语，此项仅作提示；如本文同时推介具体产品，仍须补齐。）";
