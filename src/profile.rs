//! Product profiles: required labels, extra checks, and detection from text.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::catalog::catalog;
use crate::fold::{fold_pattern, fold_str};
use crate::meta::RuleMeta;
use crate::pack::{Category, LabelKind, Severity};
use crate::pattern::Pattern;
use aho_corasick::AhoCorasick;

const PROFILE_DATA: &str = crate::compiled::json!("profiles");

/// The weighted keyword score a profile needs before detection picks it.
const DETECTION_THRESHOLD: i32 = 3;

/// Detection is sure when the best profile scores at least this much and
/// leads the runner-up by `SURE_LEAD` times; a lead under `CLOSE_LEAD` times
/// (or a score under the threshold) leaves it unsure.
const SURE_SCORE: i32 = 6;
const SURE_LEAD: i32 = 2;
const CLOSE_LEAD_PERCENT: i32 = 150;

#[derive(Deserialize)]
struct ProfileFile {
    profile: Vec<ProfileDef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfileDef {
    name: String,
    required: Vec<LabelKind>,
    /// A negative weight counts against the profile: 比定期 in a wealth
    /// ad compares with deposits rather than selling one.
    keywords: BTreeMap<String, i32>,
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
    keywords: Vec<(String, i32)>,
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
                            suggestion: e.suggestion.into(),
                            basis: e.basis.into(),
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

    /// Pick the profile whose keywords score highest; `general` below the
    /// threshold. Keywords are counted on the letters and digits only, so
    /// that 保 本 理 财 and 理-财 count as written plainly.
    pub fn detect(&self, text: &str) -> Detection<'_> {
        let letters = letters_and_digits(text);
        let counts = self.keyword_counts(&letters);
        let mut scored: Vec<Scored> = self
            .profiles
            .iter()
            .zip(&self.keyword_ids)
            .map(|(profile, ids)| score_profile(profile, ids, &counts))
            .filter(|s| s.score > 0)
            .collect();
        // Stable: on a tie the earlier profile in data/profiles.toml wins.
        scored.sort_by_key(|s| std::cmp::Reverse(s.score));
        let runner_up = scored.get(1).map(|s| (s.profile, s.score));
        match scored.into_iter().next() {
            Some(best) if best.score >= DETECTION_THRESHOLD => {
                let confidence = confidence(best.score, runner_up.map_or(0, |r| r.1));
                let mut reason = format!(
                    "根据关键词识别为{}（{}，得分 {}）",
                    best.profile.display,
                    best.hits.join("、"),
                    best.score
                );
                if let (Some((other, score)), false) = (runner_up, confidence == Confidence::High) {
                    reason.push_str(&format!("；其次为{}（得分 {score}）", other.display));
                }
                reason.push_str(confidence.advice());
                Detection {
                    profile: best.profile,
                    reason,
                    confidence,
                }
            }
            _ => Detection {
                profile: self.general(),
                reason: format!(
                    "未识别出明确的产品类型，按通用宣传材料检查{}",
                    Confidence::Low.advice()
                ),
                confidence: Confidence::Low,
            },
        }
    }

    fn general(&self) -> &Profile {
        self.get("general")
            .unwrap_or(&self.profiles[self.profiles.len() - 1])
    }
}

/// What detection chose, why, and how sure it is.
pub struct Detection<'a> {
    pub profile: &'a Profile,
    pub reason: String,
    pub confidence: Confidence,
}

/// How sure the checker is of the product profile, which decides the
/// required labels: a user should confirm an unsure one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// Given by the caller, or a clear lead in keywords.
    High,
    Medium,
    /// Few keywords, or two products nearly tied: worth choosing by hand.
    Low,
}

impl Confidence {
    /// What the reason adds, so that every front end says it alike.
    fn advice(self) -> &'static str {
        match self {
            Confidence::High => "",
            Confidence::Medium => "；识别把握一般，请核对产品类型",
            Confidence::Low => "；识别把握较低，建议手动指定产品类型（它决定哪些必备信息必须标注）",
        }
    }
}

struct Scored<'a> {
    profile: &'a Profile,
    score: i32,
    hits: Vec<String>,
}

fn score_profile<'a>(profile: &'a Profile, ids: &[usize], counts: &[usize]) -> Scored<'a> {
    let mut score = 0;
    let mut hits = Vec::new();
    for ((kw, weight), id) in profile.keywords.iter().zip(ids) {
        let n = counts[*id];
        if n > 0 {
            score += weight * n as i32;
            if *weight > 0 {
                hits.push(format!("{kw}×{n}"));
            }
        }
    }
    Scored {
        profile,
        score,
        hits,
    }
}

fn confidence(best: i32, runner_up: i32) -> Confidence {
    if best >= SURE_SCORE && best >= runner_up * SURE_LEAD {
        Confidence::High
    } else if best * 100 >= runner_up * CLOSE_LEAD_PERCENT {
        Confidence::Medium
    } else {
        Confidence::Low
    }
}

/// The text without spaces, punctuation, emoji and markup leftovers.
fn letters_and_digits(text: &str) -> String {
    text.chars()
        // CJK ideographs, most of the text, are letters: no table lookup.
        .filter(|&c| ('\u{4E00}'..='\u{9FFF}').contains(&c) || c.is_alphanumeric() || c == '+')
        .collect()
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
        let d = set.detect("无需审核，当天放款，日息0.02%，借款随借随还");
        assert_eq!(d.profile.name, "loan");
        assert!(d.reason.contains("贷款"), "{}", d.reason);
        assert_eq!(d.confidence, Confidence::High);
    }

    #[test]
    fn counts_keywords_split_by_spaces_and_emoji() {
        let set = ProfileSet::builtin();
        let d = set.detect("新品｜基 金 定🌟投，闲钱放这里");
        assert_eq!(d.profile.name, "fund", "{}", d.reason);
    }

    #[test]
    fn a_wealth_ad_compared_with_deposits_is_not_a_deposit() {
        let set = ProfileSet::builtin();
        let d = set.detect("存款利率又降了，这款现金管理类理财比活期高十倍，比定期还高");
        assert_eq!(d.profile.name, "wealth", "{}", d.reason);
    }

    #[test]
    fn a_close_call_is_unsure_and_says_so() {
        let set = ProfileSet::builtin();
        let d = set.detect("基金和股票都能在这里买");
        assert_ne!(d.confidence, Confidence::High, "{}", d.reason);
        assert!(d.reason.contains("其次为"), "{}", d.reason);
        assert!(d.reason.contains("请核对") || d.reason.contains("建议手动指定"));
    }

    #[test]
    fn no_keywords_is_general_with_low_confidence() {
        let set = ProfileSet::builtin();
        let d = set.detect("欢迎光临");
        assert_eq!(
            (d.profile.name.as_str(), d.confidence),
            ("general", Confidence::Low)
        );
        assert!(d.reason.contains("建议手动指定产品类型"), "{}", d.reason);
    }

    #[test]
    fn falls_back_to_general() {
        let set = ProfileSet::builtin();
        assert_eq!(
            set.detect("为确保本次活动公平，每位客户限领一次")
                .profile
                .name,
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
