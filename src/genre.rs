//! Document genre. An anti-fraud notice, an investor-education piece or a
//! training memo lists claims in order to warn against them: there, a quoted
//! claim is a citation even when its own sentence carries no warning word.
//! The genre is decided once per document from cue words (data in
//! `data/context.toml`, `[genre]`), and the report says so, so that a user
//! can see why quoted phrases were not flagged.

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::cues::CueList;
use crate::fold::fold_str;

/// Lines this short in a warning text are listed phrases (characters).
const SHORT_LINE: usize = 16;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum GenreKind {
    /// Anti-fraud and regulator notices, lists of prohibited wording.
    Warning,
    /// Investor education, explainers and Q&A.
    Education,
}

/// How a sentence of a warning or education text cites claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Citation {
    /// A numbered or bulleted list item.
    ListItem,
    /// A row of a text table (`| 类型 | 典型表述 |`).
    TableRow,
    /// A short phrase on a line of its own.
    BarePhrase,
    /// A citation cue word (话术, 常见说法…), by its index in the list.
    Cue(usize),
}

/// What the report says about the genre: the kind and the cues that decided it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct GenreInfo {
    pub kind: GenreKind,
    pub cues: Vec<String>,
    pub reason: String,
    /// Byte offset where the text turns to promoting its own product; the
    /// genre applies before it only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promotion_from: Option<usize>,
}

#[derive(Deserialize)]
pub struct GenreCues {
    warning: Vec<String>,
    education: Vec<String>,
    #[serde(default)]
    citation: Vec<String>,
    #[serde(default)]
    pivot: Vec<String>,
    #[serde(default)]
    script: Vec<String>,
    #[serde(default)]
    prohibition: Vec<String>,
}

pub struct Genre {
    warning: Vec<String>,
    education: Vec<String>,
    citation: Vec<String>,
    /// The warning and education cues together, then the citation cues:
    /// each searched in one pass.
    lists: [CueList; 2],
    /// Marks of a sales script in use (异议处理, 内部使用): its 话术 and
    /// 骗子 are the seller's own tools, not a warning...
    script: CueList,
    /// ...unless it also lists prohibited wording (不得使用), as a
    /// compliance memo with a model script does.
    prohibition: CueList,
    /// Where a warning text turns to selling its own product (讲完骗局，
    /// 也给大家推荐一款我行的…): from there on, claims are the author's.
    pivot: Vec<Regex>,
}

#[derive(Deserialize)]
struct ContextGenre {
    genre: GenreCues,
}

impl Genre {
    pub fn builtin() -> Genre {
        let file: ContextGenre =
            crate::compiled::parse("context.toml", crate::context::CONTEXT_DATA);
        Genre::new(file.genre)
    }

    pub fn new(cues: GenreCues) -> Genre {
        let fold_all = |v: Vec<String>| v.iter().map(|s| fold_str(s)).collect::<Vec<_>>();
        let (warning, education, citation) = (
            fold_all(cues.warning),
            fold_all(cues.education),
            fold_all(cues.citation),
        );
        Genre {
            lists: [
                CueList::new(&[warning.clone(), education.clone()].concat()),
                CueList::new(&citation),
            ],
            script: CueList::new(&fold_all(cues.script)),
            prohibition: CueList::new(&fold_all(cues.prohibition)),
            warning,
            education,
            citation,
            pivot: cues
                .pivot
                .iter()
                .map(|p| {
                    Regex::new(p)
                        .unwrap_or_else(|e| panic!("data/context.toml [genre] pivot {p:?}: {e}"))
                })
                .collect(),
        }
    }

    /// The byte offset where a warning text starts promoting the author's
    /// own product, if it does: the start of the sentence holding the
    /// first pivot phrase.
    pub fn own_promotion_start(&self, text: &str) -> Option<usize> {
        self.pivot
            .iter()
            .flat_map(|p| p.find_iter(text))
            .filter_map(|m| {
                let start = sentence_start(text, m.start());
                // 不会向您推荐非本行的产品 warns; it does not turn to selling.
                let denied = text[start..m.end()].contains(['不', '别', '勿', '非', '没']);
                (!denied).then_some(start)
            })
            .min()
    }

    /// Inside a warning or education text: does this sentence or line cite
    /// claims (a list of 话术, a row of banned wording) rather than make them?
    #[cfg(test)]
    pub fn cites(&self, sentence: &str) -> bool {
        self.citation(sentence).is_some()
    }

    /// How a sentence cites, if it does: what `--explain` says.
    pub fn citation(&self, sentence: &str) -> Option<Citation> {
        // A Markdown heading (### 二、…) is a list item like any other.
        let line = sentence.trim_start().trim_start_matches('#').trim_start();
        // A bare phrase on a line of its own (a table cell, a slogan in a
        // list) is listed, not asserted, in a text that warns.
        let bare_phrase = line.chars().count() <= SHORT_LINE;
        if is_list_item(line) {
            return Some(Citation::ListItem);
        }
        if is_table_row(line) {
            return Some(Citation::TableRow);
        }
        if bare_phrase {
            return Some(Citation::BarePhrase);
        }
        self.lists[1].first_contained(sentence).map(Citation::Cue)
    }

    /// The citation cue word at `index` (see [`Citation::Cue`]).
    pub fn citation_cue(&self, index: usize) -> &str {
        self.citation.get(index).map_or("", String::as_str)
    }

    /// Two distinct warning cues make a warning text; education cues count
    /// only with a warning cue or with each other, because an ad may call
    /// itself 小课堂 and still sell.
    pub fn detect(&self, text: &str) -> Option<GenreInfo> {
        // Cues count anywhere (a warning may close with 谨防诈骗 after its
        // pitch), but the genre applies only before the pivot.
        if self.script.first_contained(text).is_some()
            && self.prohibition.first_contained(text).is_none()
        {
            return None;
        }
        let pivot = self.own_promotion_start(text);
        let contained = self.lists[0].contained_standalone(text);
        let (in_warning, in_education) = contained.split_at(self.warning.len());
        let found = |list: &[String], contained: &[bool]| -> Vec<String> {
            let listed = list.iter().zip(contained);
            listed
                .filter(|(_, c)| **c)
                .map(|(w, _)| w.clone())
                .collect()
        };
        let warning = found(&self.warning, in_warning);
        let education = found(&self.education, in_education);
        let kind = if warning.len() >= 2 {
            GenreKind::Warning
        } else if warning.len() + education.len() >= 2 && !education.is_empty() {
            GenreKind::Education
        } else {
            return None;
        };
        let cues: Vec<String> = warning.into_iter().chain(education).collect();
        let mut reason = format!(
            "文中含有“{}”等提示语，判定为{}类文章：其中加引号列举的说法视为引用，不作为宣传用语标记",
            cues.join("”“"),
            match kind {
                GenreKind::Warning => "风险警示或反诈",
                GenreKind::Education => "投资者教育",
            }
        );
        if let Some(at) = pivot {
            let from: String = text[at..].trim_start().chars().take(16).collect();
            reason.push_str(&format!("；自“{from}…”起转为推介自家产品，照常检查"));
        }
        Some(GenreInfo {
            kind,
            cues,
            reason,
            promotion_from: pivot,
        })
    }
}

fn sentence_start(text: &str, at: usize) -> usize {
    text[..at]
        .rfind(['。', '！', '？', '\n', '!', '?'])
        .map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        })
}

/// A numbered or bulleted item: `1.`, `一、`, `（二）`, `(3)`, `第一步`, `1️⃣`,
/// or a bullet or cross mark. A tick (✅) is left out: ads list selling
/// points with it.
fn is_list_item(line: &str) -> bool {
    const BULLETS: &[char] = &[
        '·', '•', '-', '*', '▪', '●', '○', '◆', '▶', '►', '❌', '✘', '✗', '×', '→',
    ];
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
    let first = line.chars().next().unwrap_or(' ');
    if BULLETS.contains(&first) || ('①'..='⑳').contains(&first) {
        return true;
    }
    let bracketed = line
        .strip_prefix(['（', '('])
        .and_then(|rest| rest.split_once(['）', ')']))
        .is_some_and(|(head, _)| !head.is_empty() && head.chars().all(numeral));
    let numbered = line
        .split_once(['.', '、', ':', ')', '）', '\u{fe0f}', '\u{20e3}'])
        .is_some_and(|(head, _)| !head.is_empty() && head.chars().all(numeral));
    let step = line
        .strip_prefix('第')
        .and_then(|rest| rest.chars().next())
        .is_some_and(numeral)
        && line
            .chars()
            .take(5)
            .any(|c| matches!(c, '步' | '招' | '条' | '类' | '种'));
    bracketed || numbered || step
}

/// A row of a text table (`| 类型 | 典型表述 |`): its cells are listed.
fn is_table_row(line: &str) -> bool {
    line.starts_with(['|', '｜']) || line.matches(['|', '｜']).count() >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn genre() -> Genre {
        Genre::new(GenreCues {
            warning: vec!["警惕".into(), "骗局".into(), "反诈".into()],
            education: vec!["知识问答".into()],
            citation: vec!["话术".into()],
            pivot: vec![
                "(?:讲完|说完)[^。！？\\n]{0,6}[，,]".into(),
                "推荐[^。！？\\n]{0,6}(?:我行|本行)[^。！？\\n]{0,10}产品".into(),
            ],
            script: vec!["异议处理".into()],
            prohibition: vec!["不得使用".into()],
        })
    }

    #[test]
    fn a_sales_script_in_use_is_no_warning() {
        let g = genre();
        assert!(g.detect("【反诈】警惕骗局").is_some());
        assert!(g
            .detect("【反诈】警惕骗局。异议处理：客户怕被骗就说我们正规")
            .is_none());
        assert!(g
            .detect("【反诈】警惕骗局。不得使用保本等词。异议处理：按标准话术答复")
            .is_some());
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
        assert!(g.cites("一、凡是承诺固定高收益的，都要打上问号"));
        assert!(g.cites("（三）本金全退，年化15%"));
        assert!(g.cites("第二步：制造稀缺，只剩最后10个名额"));
        assert!(g.cites("2\u{fe0f}\u{20e3}别只看近几个月的涨幅，稳赚的说法不可信"));
        assert!(g.cites("| 保证收益 | 保本、稳赚、只赚不赔 | 违反《广告法》 |"));
        assert!(!g.cites("我们这款产品本金绝对安全，放心买就是了"));
        assert!(!g.cites("2026年我们推出的这款产品保本保息，欢迎各位客户咨询购买"));
    }

    #[test]
    fn a_pivot_to_the_authors_own_product_ends_the_warning() {
        let text = "【反诈】警惕“保本高息”骗局。说完坑，聊聊我们的产品。它保本。";
        let g = genre().detect(text).unwrap();
        let at = g.promotion_from.unwrap();
        assert!(text[at..].starts_with("说完坑"), "{}", &text[at..]);
        assert!(g.reason.contains("转为推介自家产品"));
        // A denial is a warning, not a pivot.
        let denied = "【反诈】警惕骗局。银行不会向您推荐非本行代销的理财产品。它保本。";
        assert_eq!(genre().detect(denied).unwrap().promotion_from, None);
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
