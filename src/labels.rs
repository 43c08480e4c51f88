//! Required-label detection (../shared/LABELS.md), driven by data/labels.toml.

use serde::Deserialize;

use crate::fold::fold_pattern;
use crate::meta::RuleMeta;
use crate::pack::{Category, Examples, LabelKind, Severity};
use crate::pattern::{Pattern, PatternIndex};
use crate::text::{head_chars, tail_chars};

const LABEL_DATA: &str = crate::compiled::json!("labels");

#[derive(Deserialize)]
struct LabelFile {
    label: Vec<LabelDef>,
}

/// A label as data/labels.toml writes it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LabelDef {
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
    /// Only the unit test reads them; the field is declared so that the
    /// data file may carry them.
    #[cfg_attr(not(test), allow(dead_code))]
    pub examples: Examples,
}

fn default_context() -> usize {
    10
}

/// A required label is a rule of its own: `label.<kind>`, reported as
/// missing (category missing_label, severity error unless a pack says
/// otherwise) when a profile requires it and the text does not carry it.
pub struct Label {
    pub kind: LabelKind,
    pub meta: RuleMeta,
    /// Checked by the unit test below.
    #[cfg(test)]
    examples: Examples,
    /// Characters either side of a match that the accept/reject lists see.
    context: usize,
    patterns: Vec<Pattern>,
    reject_before: Vec<Pattern>,
    reject_after: Vec<Pattern>,
    accept_before: Vec<Pattern>,
    accept_after: Vec<Pattern>,
}

/// Where each label kind was found in the normalised text, if it was.
pub struct FoundLabels(Vec<(LabelKind, Option<(usize, usize)>)>);

impl FoundLabels {
    pub fn at(&self, kind: LabelKind) -> Option<(usize, usize)> {
        self.0
            .iter()
            .find(|(k, _)| *k == kind)
            .and_then(|(_, at)| *at)
    }

    /// Every label kind, in `LabelKind::ALL` order, with where it was found.
    pub fn iter(&self) -> impl Iterator<Item = (LabelKind, Option<(usize, usize)>)> + '_ {
        self.0.iter().copied()
    }
}

pub struct LabelSet {
    pub labels: Vec<Label>,
    /// Over every label's patterns, each keyed by its label and its place in
    /// that label's list.
    index: PatternIndex<(LabelKind, usize)>,
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
        let file: LabelFile = crate::compiled::parse("labels.toml", LABEL_DATA);
        let labels: Vec<Label> = file
            .label
            .into_iter()
            .map(|def| Label {
                kind: def.id,
                meta: RuleMeta {
                    id: format!("label.{}", def.id.as_str()),
                    category: Category::MissingLabel,
                    severity: Severity::Error,
                    message: def.message,
                    suggestion: def.suggestion.into(),
                    basis: def.basis.into(),
                },
                #[cfg(test)]
                examples: def.examples,
                context: def.context,
                patterns: compile_all(&def.patterns),
                reject_before: compile_all(&def.reject_before),
                reject_after: compile_all(&def.reject_after),
                accept_before: compile_all(&def.accept_before),
                accept_after: compile_all(&def.accept_after),
            })
            .collect();
        let index = PatternIndex::new(labels.iter().flat_map(|l| {
            l.patterns
                .iter()
                .enumerate()
                .map(move |(i, p)| ((l.kind, i), p))
        }));
        LabelSet { labels, index }
    }

    /// Where each label is first found, running only the patterns whose
    /// literals occur in `text`.
    pub fn find_all(&self, text: &str) -> FoundLabels {
        let live = self.index.live(text);
        FoundLabels(
            LabelKind::ALL
                .iter()
                .map(|k| {
                    let at = self.get(*k).and_then(|label| {
                        let mut flags = vec![false; label.patterns.len()];
                        for &(_, i) in live.iter().filter(|(kind, _)| kind == k) {
                            flags[i] = true;
                        }
                        label.find_live(text, &flags)
                    });
                    (*k, at)
                })
                .collect(),
        )
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
        self.labels.iter().find(|l| l.kind == kind)
    }
}

impl Label {
    /// The first acceptable match in the normalised text, as a byte range. A
    /// pattern with a `hit` group reports only that group.
    #[cfg(test)]
    fn find(&self, text: &str) -> Option<(usize, usize)> {
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
        let before = tail_chars(&text[..start], self.context);
        let after = head_chars(&text[end..], self.context);
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
            for text in &label.examples.positive {
                let n = Normalized::new(text);
                assert!(
                    label.find(&n.text).is_some(),
                    "{:?} should find {text}",
                    label.kind
                );
            }
            for text in &label.examples.negative {
                let n = Normalized::new(text);
                assert!(
                    label.find(&n.text).is_none(),
                    "{:?} should not find {text}",
                    label.kind
                );
            }
        }
    }
}
