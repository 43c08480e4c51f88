//! Document genre. An anti-fraud notice, an investor-education piece or a
//! training memo lists claims in order to warn against them: there, a quoted
//! claim is a citation even when its own sentence carries no warning word.
//! The genre is decided once per document from cue words (data in
//! `data/context.toml`, `[genre]`), and the report says so, so that a user
//! can see why quoted phrases were not flagged.

use serde::{Deserialize, Serialize};

use crate::fold::fold_str;

/// Lines this short in a warning text are listed phrases (characters).
const SHORT_LINE: usize = 16;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GenreKind {
    /// Anti-fraud and regulator notices, lists of prohibited wording.
    Warning,
    /// Investor education, explainers and Q&A.
    Education,
}

/// What the report says about the genre: the kind and the cues that decided it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GenreInfo {
    pub kind: GenreKind,
    pub cues: Vec<String>,
    pub reason: String,
}

#[derive(Deserialize)]
pub struct GenreCues {
    warning: Vec<String>,
    education: Vec<String>,
    #[serde(default)]
    citation: Vec<String>,
}

pub struct Genre {
    warning: Vec<String>,
    education: Vec<String>,
    citation: Vec<String>,
}

#[derive(Deserialize)]
struct ContextGenre {
    genre: GenreCues,
}

impl Genre {
    pub fn builtin() -> Genre {
        let file: ContextGenre = toml::from_str(crate::context::CONTEXT_DATA)
            .unwrap_or_else(|e| panic!("data/context.toml [genre] is invalid: {e}"));
        Genre::new(file.genre)
    }

    pub fn new(cues: GenreCues) -> Genre {
        let fold_all = |v: Vec<String>| v.iter().map(|s| fold_str(s)).collect();
        Genre {
            warning: fold_all(cues.warning),
            education: fold_all(cues.education),
            citation: fold_all(cues.citation),
        }
    }

    /// Inside a warning or education text: does this sentence or line cite
    /// claims (a list of 话术, a row of banned wording) rather than make them?
    pub fn cites(&self, sentence: &str) -> bool {
        let line = sentence.trim_start();
        let list_item = line.starts_with(|c: char| {
            matches!(c, '·' | '•' | '-' | '*' | '▪' | '●' | '○' | '◆' | '①'..='⑳')
        }) || line
            .split_once(['.', '、', ':', ')'])
            .is_some_and(|(head, _)| !head.is_empty() && head.chars().all(|c| c.is_ascii_digit()));
        // A bare phrase on a line of its own (a table cell, a slogan in a
        // list) is listed, not asserted, in a text that warns.
        let bare_phrase = line.chars().count() <= SHORT_LINE;
        list_item || bare_phrase || self.citation.iter().any(|c| sentence.contains(c.as_str()))
    }

    /// Two distinct warning cues make a warning text; education cues count
    /// only with a warning cue or with each other, because an ad may call
    /// itself 小课堂 and still sell.
    pub fn detect(&self, text: &str) -> Option<GenreInfo> {
        let found = |list: &[String]| -> Vec<String> {
            list.iter()
                .filter(|c| text.contains(c.as_str()))
                .cloned()
                .collect()
        };
        let warning = found(&self.warning);
        let education = found(&self.education);
        let kind = if warning.len() >= 2 {
            GenreKind::Warning
        } else if warning.len() + education.len() >= 2 && !education.is_empty() {
            GenreKind::Education
        } else {
            return None;
        };
        let cues: Vec<String> = warning.into_iter().chain(education).collect();
        let reason = format!(
            "文中含有“{}”等提示语，判定为{}类文章：其中加引号列举的说法视为引用，不作为宣传用语标记",
            cues.join("”“"),
            match kind {
                GenreKind::Warning => "风险警示或反诈",
                GenreKind::Education => "投资者教育",
            }
        );
        Some(GenreInfo { kind, cues, reason })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn genre() -> Genre {
        Genre::new(GenreCues {
            warning: vec!["警惕".into(), "骗局".into(), "反诈".into()],
            education: vec!["知识问答".into()],
            citation: vec!["话术".into()],
        })
    }

    #[test]
    fn builtin_cues_load() {
        let g = Genre::builtin()
            .detect("【反诈课堂】谨防以下骗局话术")
            .unwrap();
        assert_eq!(g.kind, GenreKind::Warning);
    }

    #[test]
    fn two_warning_cues_make_a_warning_text() {
        let g = genre().detect("【反诈】警惕“保本高息”").unwrap();
        assert_eq!(g.kind, GenreKind::Warning);
        assert_eq!(g.cues, vec!["警惕".to_string(), "反诈".to_string()]);
    }

    #[test]
    fn list_items_and_cue_sentences_cite() {
        let g = genre();
        assert!(g.cites("1. 保本保息，年化15%"));
        assert!(g.cites("· 不看征信，凭学生证就能借"));
        assert!(g.cites("常见话术：稳赚不赔"));
        assert!(g.cites("保本保息、本息无忧"));
        assert!(!g.cites("我们这款产品本金绝对安全，放心买就是了"));
        assert!(!g.cites("2026年我们推出的这款产品保本保息，欢迎各位客户咨询购买"));
    }

    #[test]
    fn one_cue_is_not_enough() {
        assert!(genre().detect("警惕！名额有限，保本高息").is_none());
        assert!(genre().detect("知识问答：保本").is_none());
    }

    #[test]
    fn education_needs_a_second_cue() {
        let g = genre().detect("【金融知识问答】谨记：警惕").unwrap();
        assert_eq!(g.kind, GenreKind::Education);
    }
}
