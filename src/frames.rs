//! Concept frames: a claim is a combination of ideas, not a word. 本钱一个
//!子儿都少不了 promises principal with no guarantee word in it, but it holds
//! a principal concept followed by a loss-denial concept. A frame names the
//! concepts that must occur together, in order and within a distance inside
//! one clause or sentence; the concept lexicons are data
//! (`data/concepts.toml`), so a new wording of a known idea is one word in a
//! list, not a new rule.
//!
//! Frame syntax, written in a rule's `frames` list:
//! - `{name}` is any word of concept `name`;
//! - `~N` is a gap of at most N characters inside one clause (no comma);
//! - `~~N` is a gap of at most N characters inside one sentence;
//! - anything else is regular-expression syntax, so `(?P<hit>…)` narrows the
//!   span and `?` makes an element optional.
//!
//! A frame compiles to one regular expression, so it shares the pattern
//! kind's literal index (it runs only where its first concept occurs), its
//! tight `hit` spans and every context filter.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::fold::fold_str;

const CONCEPT_DATA: &str = crate::compiled::json!("concepts");

/// Characters a clause gap may not cross (text is normalised: full-width
/// punctuation is already ASCII).
const CLAUSE_GAP: &str = "[^,;!?。\\n:…]";
/// Characters a sentence gap may not cross.
const SENTENCE_GAP: &str = "[^;!?。\\n…]";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConceptFile {
    concepts: BTreeMap<String, Vec<String>>,
}

/// The concept lexicons: name -> a regex alternation of its folded words,
/// longest first so that the longest wording wins.
pub struct Concepts {
    alternations: BTreeMap<String, String>,
}

impl Concepts {
    pub fn builtin() -> &'static Concepts {
        static BUILTIN: OnceLock<Concepts> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            Concepts::from_file(crate::compiled::parse("concepts.toml", CONCEPT_DATA))
                .unwrap_or_else(|e| panic!("data/concepts.toml is invalid: {e}"))
        })
    }

    #[cfg(test)]
    pub fn parse(source: &str) -> Result<Concepts, String> {
        Self::from_file(toml::from_str(source).map_err(|e| e.message().to_string())?)
    }

    fn from_file(file: ConceptFile) -> Result<Concepts, String> {
        let mut alternations = BTreeMap::new();
        for (name, words) in file.concepts {
            let mut folded: Vec<String> = words
                .iter()
                .map(|w| fold_str(w.trim()))
                .filter(|w| !w.is_empty())
                .collect();
            if folded.is_empty() {
                return Err(format!("概念 {name} 没有任何词语"));
            }
            folded.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
            folded.dedup();
            let escaped: Vec<String> = folded.iter().map(|w| regex::escape(w)).collect();
            alternations.insert(name, format!("(?:{})", escaped.join("|")));
        }
        Ok(Concepts { alternations })
    }

    #[cfg(test)]
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.alternations.keys().map(String::as_str)
    }

    /// Expand a frame into the regular expression it stands for.
    pub fn expand(&self, frame: &str) -> Result<String, String> {
        let mut out = String::with_capacity(frame.len() * 8);
        let mut rest = frame;
        while let Some(c) = rest.chars().next() {
            if c == '{' {
                if let Some((name, after)) = concept_ref(rest) {
                    let alt = self
                        .alternations
                        .get(name)
                        .ok_or_else(|| format!("框架 {frame:?} 引用了未定义的概念 {name:?}"))?;
                    out.push_str(alt);
                    rest = after;
                    continue;
                }
            }
            if c == '~' {
                let (gap, after) = gap_ref(rest);
                out.push_str(&gap);
                rest = after;
                continue;
            }
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
        Ok(out)
    }
}

/// `{name}` at the start of `s`: the name and what follows. Regex repetition
/// such as `{0,4}` is not a concept reference and is left alone.
fn concept_ref(s: &str) -> Option<(&str, &str)> {
    let close = s.find('}')?;
    let name = &s[1..close];
    let is_name = !name.is_empty()
        && name.chars().all(|c| c.is_ascii_lowercase() || c == '_')
        && name.starts_with(|c: char| c.is_ascii_lowercase());
    is_name.then(|| (name, &s[close + 1..]))
}

/// `~N` or `~~N` at the start of `s`: the gap's regex and what follows.
fn gap_ref(s: &str) -> (String, &str) {
    let sentence = s.starts_with("~~");
    let after_tildes = if sentence { &s[2..] } else { &s[1..] };
    let digits = after_tildes
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(after_tildes.len());
    let n: usize = after_tildes[..digits].parse().unwrap_or(4);
    let class = if sentence { SENTENCE_GAP } else { CLAUSE_GAP };
    (format!("{class}{{0,{n}}}"), &after_tildes[digits..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn concepts() -> Concepts {
        Concepts::parse("[concepts]\nloss = [\"亏\", \"亏损\"]\nnever = [\"没\", \"從未\"]\n")
            .unwrap()
    }

    #[test]
    fn expands_concepts_longest_first_and_folded() {
        let re = concepts().expand("{never}~3{loss}").unwrap();
        assert_eq!(re, "(?:从未|没)[^,;!?。\\n:…]{0,3}(?:亏损|亏)");
    }

    #[test]
    fn sentence_gap_may_cross_commas() {
        let re = concepts().expand("{loss}~~10{never}").unwrap();
        assert!(re.contains("[^;!?。\\n…]{0,10}"));
    }

    #[test]
    fn regex_repetition_is_not_a_concept() {
        let re = concepts().expand("\\d{1,3}{loss}").unwrap();
        assert_eq!(re, "\\d{1,3}(?:亏损|亏)");
    }

    #[test]
    fn unknown_concept_is_an_error_naming_it() {
        let err = concepts().expand("{nothing}").unwrap_err();
        assert!(err.contains("nothing"));
    }

    #[test]
    fn builtin_concepts_load() {
        assert!(Concepts::builtin().names().count() > 10);
    }
}
