//! Product profiles: required labels, extra checks, and detection from text.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::catalog::catalog;
use crate::fold::{fold_pattern, fold_str};
use crate::meta::RuleMeta;
use crate::pack::{Category, LabelKind, Severity};
use crate::pattern::Pattern;
use aho_corasick::AhoCorasick;

const PROFILE_DATA: &str = crate::compiled::json!("profiles");

/// The weighted keyword score a profile needs before detection picks it.
const DETECTION_THRESHOLD: u32 = 3;

#[derive(Deserialize)]
struct ProfileFile {
    profile: Vec<ProfileDef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfileDef {
    name: String,
    required: Vec<LabelKind>,
    keywords: BTreeMap<String, u32>,
    #[serde(default)]
    extra: Vec<ExtraDef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExtraDef {
    id: String,
    severity: Severity,
    message: String,
    suggestion: String,
    basis: String,
    #[serde(default)]
    when: Vec<String>,
    #[serde(default)]
    requires: Vec<String>,
    #[serde(default)]
    requires_label: Option<LabelKind>,
}

/// A document-level check a profile adds: when `when` matches (or always),
/// the copy must match `requires` or carry `requires_label`.
/// An extra is a document-level rule of its own (category missing_label).
pub struct Extra {
    pub meta: RuleMeta,
    when: Vec<Pattern>,
    requires: Vec<Pattern>,
    pub requires_label: Option<LabelKind>,
}

pub struct Profile {
    pub name: String,
    pub display: String,
    pub required: Vec<LabelKind>,
    keywords: Vec<(String, u32)>,
    pub extras: Vec<Extra>,
}

pub struct ProfileSet {
    pub profiles: Vec<Profile>,
    /// Every distinct keyword of every profile, so that detection is one
    /// pass over the text however many keywords there are.
    keyword_automaton: AhoCorasick,
    /// For each profile, for each of its keywords, the automaton's pattern id.
    keyword_ids: Vec<Vec<usize>>,
}

/// Occurrences counted per keyword: detection needs a signal, not a census,
/// and a capped count keeps one repeated word from deciding the profile.
const KEYWORD_CAP: usize = 5;

fn compile(patterns: &[String]) -> Vec<Pattern> {
    patterns
        .iter()
        .map(|p| {
            Pattern::lazy(&fold_pattern(p))
                .unwrap_or_else(|e| panic!("data/profiles.toml: bad pattern {p}: {e}"))
        })
        .collect()
}

impl ProfileSet {
    pub fn builtin() -> ProfileSet {
        let file: ProfileFile = crate::compiled::parse("profiles.toml", PROFILE_DATA);
        let profiles: Vec<Profile> = file
            .profile
            .into_iter()
            .map(|p| Profile {
                display: catalog()
                    .product_name(&p.name)
                    .unwrap_or_else(|| {
                        panic!("data/profiles.toml: {} is not in data/catalog.toml", p.name)
                    })
                    .to_string(),
                name: p.name,
                required: p.required,
                keywords: p
                    .keywords
                    .into_iter()
                    .map(|(k, w)| (fold_str(&k), w))
                    .collect(),
                extras: p
                    .extra
                    .into_iter()
                    .map(|e| Extra {
                        when: compile(&e.when),
                        requires: compile(&e.requires),
                        meta: RuleMeta {
                            id: e.id,
                            category: Category::MissingLabel,
                            severity: e.severity,
                            message: e.message,
                            suggestion: e.suggestion,
                            basis: e.basis,
                        },
                        requires_label: e.requires_label,
                    })
                    .collect(),
            })
            .collect();
        let mut distinct: Vec<&str> = Vec::new();
        let keyword_ids = profiles
            .iter()
            .map(|p| {
                p.keywords
                    .iter()
                    .map(|(k, _)| match distinct.iter().position(|d| d == k) {
                        Some(i) => i,
                        None => {
                            distinct.push(k);
                            distinct.len() - 1
                        }
                    })
                    .collect()
            })
            .collect();
        let keyword_automaton = AhoCorasick::new(&distinct)
            .unwrap_or_else(|e| panic!("data/profiles.toml: keywords: {e}"));
        ProfileSet {
            profiles,
            keyword_automaton,
            keyword_ids,
        }
    }

    /// Non-overlapping occurrences of each distinct keyword, capped.
    fn keyword_counts(&self, text: &str) -> Vec<usize> {
        let n = self.keyword_automaton.patterns_len();
        let mut counts = vec![0usize; n];
        let mut next_start = vec![0usize; n];
        for m in self.keyword_automaton.find_overlapping_iter(text) {
            let k = m.pattern().as_usize();
            if counts[k] < KEYWORD_CAP && m.start() >= next_start[k] {
                counts[k] += 1;
                next_start[k] = m.end();
            }
        }
        counts
    }

    pub fn get(&self, name: &str) -> Option<&Profile> {
        self.profiles.iter().find(|p| p.name == name)
    }

    /// Pick the profile whose keywords score highest; `general` below the threshold.
    pub fn detect(&self, text: &str) -> (&Profile, String) {
        let counts = self.keyword_counts(text);
        let mut best: Option<(&Profile, u32, Vec<String>)> = None;
        for (profile, ids) in self.profiles.iter().zip(&self.keyword_ids) {
            let mut score = 0;
            let mut hits = Vec::new();
            for ((kw, weight), id) in profile.keywords.iter().zip(ids) {
                let n = counts[*id];
                if n > 0 {
                    score += weight * n as u32;
                    hits.push(format!("{kw}×{n}"));
                }
            }
            if score > best.as_ref().map_or(0, |b| b.1) {
                best = Some((profile, score, hits));
            }
        }
        match best {
            Some((p, score, hits)) if score >= DETECTION_THRESHOLD => {
                let reason = format!(
                    "根据关键词识别为{}（{}，得分 {score}）",
                    p.display,
                    hits.join("、")
                );
                (p, reason)
            }
            _ => {
                let general = self
                    .get("general")
                    .unwrap_or(&self.profiles[self.profiles.len() - 1]);
                (
                    general,
                    "未识别出明确的产品类型，按通用宣传材料检查".to_string(),
                )
            }
        }
    }
}

impl ProfileSet {
    /// Every pattern compiled now; the failures, if any (for the tests).
    pub fn compile_all(&self) -> Vec<String> {
        let extras = self.profiles.iter().flat_map(|p| p.extras.iter());
        extras
            .flat_map(|e| e.when.iter().chain(&e.requires))
            .filter(|p| p.regex().is_none())
            .map(|p| p.source().to_string())
            .collect()
    }
}

impl Extra {
    pub fn applies(&self, text: &str) -> bool {
        self.when.is_empty() || self.when.iter().any(|r| r.is_match(text))
    }

    /// Does the copy carry what the extra asks for: its label, if it names
    /// one (`has_label` says which labels were found), and its wording?
    pub fn satisfied(&self, text: &str, has_label: impl Fn(LabelKind) -> bool) -> bool {
        self.requires_label.is_none_or(has_label)
            && (self.requires.is_empty() || self.requires.iter().any(|r| r.is_match(text)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_a_loan_ad() {
        let set = ProfileSet::builtin();
        let (p, reason) = set.detect("无需审核，当天放款，日息0.02%，借款随借随还");
        assert_eq!(p.name, "loan");
        assert!(reason.contains("贷款"), "{reason}");
    }

    #[test]
    fn falls_back_to_general() {
        let set = ProfileSet::builtin();
        assert_eq!(
            set.detect("为确保本次活动公平，每位客户限领一次").0.name,
            "general"
        );
    }

    #[test]
    fn profiles_are_the_catalog_products() {
        let set = ProfileSet::builtin();
        let names: Vec<&str> = set.profiles.iter().map(|p| p.name.as_str()).collect();
        let products: Vec<&str> = catalog().products.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(names, products);
    }
}
