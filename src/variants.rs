//! Look-alike and homophone variants of claim terms, as data
//! (`data/variants.toml`). A term gains every spelling with one character
//! replaced by a look-alike: 保本 also matches 保夲 and 宝本. One
//! substitution covers what evaders write without letting the lexicon grow
//! combinatorially. Terms of three or four characters also match their
//! pinyin initials (无风险 as wfx or 无fx, 保本保息 as bbbx), the way chat
//! slang abbreviates them.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::fold::fold_str;
use crate::pack::Category;

const VARIANT_DATA: &str = crate::compiled::json!("variants");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VariantFile {
    categories: Vec<Category>,
    lookalike: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pinyin: BTreeMap<String, String>,
}

pub struct Variants {
    categories: Vec<Category>,
    /// Per character, what evaders write instead: look-alike characters
    /// and the character's pinyin syllable (bao本, 保ben).
    alternatives: BTreeMap<char, Vec<String>>,
    /// Per character, the first letter of its pinyin syllable.
    initials: BTreeMap<char, char>,
    /// Per character, its pinyin syllable, for the spaced spellings.
    syllables: BTreeMap<char, String>,
}

impl Variants {
    pub fn builtin() -> &'static Variants {
        static BUILTIN: OnceLock<Variants> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            let file: VariantFile = crate::compiled::parse("variants.toml", VARIANT_DATA);
            Variants::from_file(file)
        })
    }

    fn from_file(file: VariantFile) -> Variants {
        let single = |s: &str| fold_str(s).chars().next();
        let mut alternatives: BTreeMap<char, Vec<String>> = BTreeMap::new();
        for (k, vs) in &file.lookalike {
            if let Some(c) = single(k) {
                let alts = vs.iter().filter_map(|v| single(v)).map(String::from);
                alternatives.entry(c).or_default().extend(alts);
            }
        }
        let mut initials = BTreeMap::new();
        let mut syllables = BTreeMap::new();
        for (k, syllable) in &file.pinyin {
            if let Some(c) = single(k) {
                let syllable = fold_str(syllable);
                if let Some(first) = syllable.chars().next() {
                    initials.insert(c, first);
                }
                alternatives.entry(c).or_default().push(syllable.clone());
                syllables.insert(c, syllable);
            }
        }
        Variants {
            categories: file.categories,
            alternatives,
            initials,
            syllables,
        }
    }

    pub fn applies_to(&self, category: Category) -> bool {
        self.categories.contains(&category)
    }

    /// Every spelling of `term` with exactly one character replaced.
    pub fn of(&self, term: &str) -> Vec<String> {
        let chars: Vec<char> = term.chars().collect();
        if chars.len() < 2 {
            return Vec::new();
        }
        let mut out = Vec::new();
        for (i, c) in chars.iter().enumerate() {
            for alt in self.alternatives.get(c).into_iter().flatten() {
                let mut v = String::new();
                v.extend(&chars[..i]);
                v.push_str(alt);
                v.extend(&chars[i + 1..]);
                out.push(v);
            }
        }
        out.extend(self.spaced_pinyin(&chars));
        out.extend(self.whole_pinyin(&chars));
        out.extend(self.initialisms(&chars));
        out.sort_unstable();
        out.dedup();
        out
    }

    /// One character as its syllable with spaces around it or between its
    /// letters (bao 本, b a o 本, 保 b e n): spacing that normalisation keeps,
    /// because between Latin letters a space separates words.
    fn spaced_pinyin(&self, chars: &[char]) -> Vec<String> {
        let mut out = Vec::new();
        for (i, c) in chars.iter().enumerate() {
            let Some(syllable) = self.syllables.get(c) else {
                continue;
            };
            let before = if i > 0 { &["", " "][..] } else { &[""][..] };
            let after = if i + 1 < chars.len() {
                &["", " "][..]
            } else {
                &[""][..]
            };
            for form in [syllable.clone(), letters_spaced(syllable)] {
                for pre in before {
                    for post in after {
                        let mut v: String = chars[..i].iter().collect();
                        v.push_str(pre);
                        v.push_str(&form);
                        v.push_str(post);
                        v.extend(&chars[i + 1..]);
                        out.push(v);
                    }
                }
            }
        }
        out
    }

    /// A term of two to four characters written wholly in pinyin, by
    /// syllable or letter by letter (bao ben, b a o b e n).
    fn whole_pinyin(&self, chars: &[char]) -> Vec<String> {
        if !(2..=4).contains(&chars.len()) {
            return Vec::new();
        }
        let Some(syllables) = chars
            .iter()
            .map(|c| self.syllables.get(c).cloned())
            .collect::<Option<Vec<String>>>()
        else {
            return Vec::new();
        };
        let by_letter: Vec<String> = syllables.iter().map(|s| letters_spaced(s)).collect();
        vec![syllables.concat(), syllables.join(" "), by_letter.join(" ")]
    }

    /// A three- or four-character term written in pinyin initials, whole
    /// (wfx) or after its first character (无fx). Two letters alone (bb)
    /// are too common in ordinary text to stand for a term, so shorter
    /// terms get none.
    fn initialisms(&self, chars: &[char]) -> Vec<String> {
        if !(3..=4).contains(&chars.len()) {
            return Vec::new();
        }
        let Some(letters) = chars
            .iter()
            .map(|c| self.initials.get(c).copied())
            .collect::<Option<Vec<char>>>()
        else {
            return Vec::new();
        };
        let whole: String = letters.iter().collect();
        let after_first: String = std::iter::once(chars[0])
            .chain(letters[1..].iter().copied())
            .collect();
        vec![whole, after_first]
    }
}

/// bao → b a o.
fn letters_spaced(syllable: &str) -> String {
    let letters: Vec<String> = syllable.chars().map(String::from).collect();
    letters.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_character_is_replaced_at_a_time() {
        let v = Variants::builtin().of("保本");
        assert!(v.contains(&"保夲".to_string()));
        assert!(v.contains(&"宝本".to_string()));
        assert!(!v.contains(&"宝夲".to_string()));
    }

    #[test]
    fn a_character_may_be_written_as_its_pinyin() {
        let v = Variants::builtin().of("保本");
        assert!(v.contains(&"bao本".to_string()));
        assert!(v.contains(&"保ben".to_string()));
    }

    #[test]
    fn pinyin_may_be_spaced_out() {
        let v = Variants::builtin().of("保本");
        for spelled in [
            "bao 本",
            "b a o本",
            "b a o 本",
            "保 ben",
            "保 b e n",
            "bao ben",
            "b a o b e n",
        ] {
            assert!(v.contains(&spelled.to_string()), "{spelled}");
        }
        // A space never starts or ends a variant.
        assert!(v.iter().all(|s| !s.starts_with(' ') && !s.ends_with(' ')));
    }

    #[test]
    fn longer_terms_may_be_written_in_initials() {
        let v = Variants::builtin().of("无风险");
        assert!(v.contains(&"wfx".to_string()));
        assert!(v.contains(&"无fx".to_string()));
        assert!(Variants::builtin()
            .of("保本保息")
            .contains(&"bbbx".to_string()));
        assert!(!Variants::builtin().of("保本").iter().any(|s| s == "bb"));
    }

    #[test]
    fn single_characters_get_no_variants() {
        assert!(Variants::builtin().of("本").is_empty());
    }

    #[test]
    fn guarantee_terms_vary_and_others_do_not() {
        assert!(Variants::builtin().applies_to(Category::Guarantee));
        assert!(!Variants::builtin().applies_to(Category::Absolute));
    }
}
