//! Required-label detection (../shared/LABELS.md), driven by data/labels.toml.

use serde::Deserialize;

use crate::fold::fold_pattern;
use crate::pack::{Examples, LabelKind};
use crate::pattern::{Pattern, PatternIndex};
use crate::text::{head_chars, tail_chars};

const LABEL_DATA: &str = include_str!("../data/labels.toml");

#[derive(Deserialize)]
struct LabelFile {
    label: Vec<LabelDef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelDef {
    pub id: LabelKind,
    pub message: String,
    pub suggestion: String,
    pub basis: String,
    pub patterns: Vec<String>,
    #[serde(default)]
    pub reject_before: Vec<String>,
    #[serde(default)]
    pub reject_after: Vec<String>,
    #[serde(default)]
    pub accept_before: Vec<String>,
    #[serde(default)]
    pub accept_after: Vec<String>,
    #[serde(default = "default_context")]
    pub context: usize,
    #[serde(default)]
    pub examples: Examples,
}

fn default_context() -> usize {
    10
}

pub struct Label {
    pub def: LabelDef,
    patterns: Vec<Pattern>,
    reject_before: Vec<Pattern>,
    reject_after: Vec<Pattern>,
    accept_before: Vec<Pattern>,
    accept_after: Vec<Pattern>,
}

pub struct LabelSet {
    pub labels: Vec<Label>,
    /// Over every label's patterns, in label order.
    index: PatternIndex,
}

/// Parsed now, compiled on first use (the tests compile them all).
fn compile_all(patterns: &[String]) -> Vec<Pattern> {
    patterns
        .iter()
        .map(|p| {
            Pattern::lazy(&fold_pattern(p))
                .unwrap_or_else(|e| panic!("data/labels.toml: bad pattern {p}: {e}"))
        })
        .collect()
}

impl LabelSet {
    pub fn builtin() -> LabelSet {
        let file: LabelFile = toml::from_str(LABEL_DATA)
            .unwrap_or_else(|e| panic!("data/labels.toml is invalid: {e}"));
        let labels: Vec<Label> = file
            .label
            .into_iter()
            .map(|def| Label {
                patterns: compile_all(&def.patterns),
                reject_before: compile_all(&def.reject_before),
                reject_after: compile_all(&def.reject_after),
                accept_before: compile_all(&def.accept_before),
                accept_after: compile_all(&def.accept_after),
                def,
            })
            .collect();
        let index = PatternIndex::new(labels.iter().flat_map(|l| l.patterns.iter()));
        LabelSet { labels, index }
    }

    /// Where each label is first found, for every label kind in `kinds`,
    /// running only the patterns whose literals occur in `text`.
    pub fn find_all(&self, kinds: &[LabelKind], text: &str) -> Vec<Option<(usize, usize)>> {
        let live = self.index.live(text);
        let mut offset = 0;
        let mut found = Vec::with_capacity(self.labels.len());
        for label in &self.labels {
            let n = label.patterns.len();
            found.push((
                label.def.id,
                label.find_live(text, &live[offset..offset + n]),
            ));
            offset += n;
        }
        kinds
            .iter()
            .map(|k| found.iter().find(|(id, _)| id == k).and_then(|(_, at)| *at))
            .collect()
    }

    /// Every pattern compiled now; the failures, if any (for the tests).
    pub fn compile_all(&self) -> Vec<String> {
        self.labels
            .iter()
            .flat_map(|l| {
                l.patterns
                    .iter()
                    .chain(&l.reject_before)
                    .chain(&l.reject_after)
                    .chain(&l.accept_before)
                    .chain(&l.accept_after)
            })
            .filter(|p| p.regex().is_none())
            .map(|p| p.source().to_string())
            .collect()
    }

    pub fn get(&self, kind: LabelKind) -> Option<&Label> {
        self.labels.iter().find(|l| l.def.id == kind)
    }
}

impl Label {
    /// The first acceptable match in the normalised text, as a byte range. A
    /// pattern with a `hit` group reports only that group.
    pub fn find(&self, text: &str) -> Option<(usize, usize)> {
        self.find_live(text, &vec![true; self.patterns.len()])
    }

    /// As `find`, skipping the patterns `live` marks as unable to match.
    fn find_live(&self, text: &str, live: &[bool]) -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize)> = None;
        let patterns = self.patterns.iter().zip(live).filter(|(_, l)| **l);
        for re in patterns.filter_map(|(p, _)| p.regex()) {
            let has_hit = re.capture_names().any(|n| n == Some("hit"));
            for caps in re.captures_iter(text) {
                let Some(m) = (if has_hit {
                    caps.name("hit")
                } else {
                    caps.get(0)
                }) else {
                    continue;
                };
                if best.is_some_and(|b| b.0 <= m.start()) {
                    break;
                }
                if self.accepts(text, m.start(), m.end()) {
                    best = Some((m.start(), m.end()));
                    break;
                }
            }
        }
        best
    }

    fn accepts(&self, text: &str, start: usize, end: usize) -> bool {
        let before = tail_chars(&text[..start], self.def.context);
        let after = head_chars(&text[end..], self.def.context);
        if self.accept_before.iter().any(|r| r.is_match(before))
            || self.accept_after.iter().any(|r| r.is_match(after))
        {
            return true;
        }
        !self.reject_before.iter().any(|r| r.is_match(before))
            && !self.reject_after.iter().any(|r| r.is_match(after))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Normalized;

    #[test]
    fn every_label_example_holds() {
        let set = LabelSet::builtin();
        for label in &set.labels {
            for text in &label.def.examples.positive {
                let n = Normalized::new(text);
                assert!(
                    label.find(&n.text).is_some(),
                    "{:?} should find {text}",
                    label.def.id
                );
            }
            for text in &label.def.examples.negative {
                let n = Normalized::new(text);
                assert!(
                    label.find(&n.text).is_none(),
                    "{:?} should not find {text}",
                    label.def.id
                );
            }
        }
    }
}
