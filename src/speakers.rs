//! Who says a line. In a transcript (a 双录 recording, a live stream, a
//! branch's group chat, a phone script) a customer's or a viewer's line is
//! not the advertiser's claim: 客户：听说你们这个稳赚不赔？ asks, and
//! 群友B：上周跟您赚了40%！ boasts, but neither is the seller's promise. The
//! seller's answer still is. The role words are data (`data/context.toml`,
//! `[speakers]`).
//!
//! A document reads as a dialogue only when it labels both a seller's and a
//! customer's lines: an ad that quotes one customer (客户张姐：半年赚了两万)
//! uses that testimonial as its own claim.

use regex::Regex;
use serde::Deserialize;

use crate::fold::fold_str;

/// The longest speaker label, in characters (群主-金牌导师陈老师).
const MAX_LABEL_CHARS: usize = 14;

#[derive(Deserialize)]
struct SpeakerWords {
    seller: Vec<String>,
    customer: Vec<String>,
    still_flagged: Vec<String>,
}

#[derive(Deserialize)]
struct ContextSpeakers {
    speakers: SpeakerWords,
}

pub struct Speakers {
    seller: Vec<String>,
    customer: Vec<String>,
    /// Categories or rule ids whose findings stand in a customer's line.
    still_flagged: Vec<String>,
    /// A label at the start of a line: the speaker, then a colon.
    label: Regex,
}

/// A customer's line: where it is, and its speaker label, in byte offsets
/// of the text it was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Turn {
    pub line: (usize, usize),
    pub label: (usize, usize),
}

/// The customers' lines of a dialogue, in text order (none otherwise).
#[derive(Debug, Default)]
pub struct OtherTurns(Vec<Turn>);

impl OtherTurns {
    /// The customer's line holding byte `at`, if any.
    pub fn containing(&self, at: usize) -> Option<Turn> {
        let after = self.0.partition_point(|t| t.line.0 <= at);
        let turn = *self.0.get(after.checked_sub(1)?)?;
        (at < turn.line.1).then_some(turn)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Seller,
    Customer,
}

impl Speakers {
    pub fn builtin() -> Speakers {
        let file: ContextSpeakers =
            crate::compiled::parse("context.toml", crate::context::CONTEXT_DATA);
        let words = file.speakers;
        Speakers::new(words.seller, words.customer, words.still_flagged)
    }

    fn new(seller: Vec<String>, customer: Vec<String>, still_flagged: Vec<String>) -> Speakers {
        let fold_all = |v: Vec<String>| -> Vec<String> {
            v.iter()
                .map(|s| fold_str(s))
                .filter(|s| !s.is_empty())
                .collect()
        };
        // Folded text has ASCII colons; the label may not hold a sentence's
        // punctuation, so 注意：… in running prose is no label.
        let label = Regex::new(&format!(
            r"(?m)^[ \t\u{{3000}}]*([^\s:：,，。.!！?？;；、]{{1,{MAX_LABEL_CHARS}}})\s*[:：]"
        ))
        .expect("speaker label regex");
        Speakers {
            seller: fold_all(seller),
            customer: fold_all(customer),
            still_flagged,
            label,
        }
    }

    /// Does a finding of this rule stand even in a customer's line?
    pub fn still_flagged(&self, rule_id: &str, category: &str) -> bool {
        self.still_flagged
            .iter()
            .any(|w| w == rule_id || w == category)
    }

    /// A seller's role word wins: 客户经理 names a seller though it holds 客户.
    fn role(&self, label: &str) -> Option<Role> {
        let has = |words: &[String]| words.iter().any(|w| label.contains(w.as_str()));
        if has(&self.seller) {
            Some(Role::Seller)
        } else if has(&self.customer) {
            Some(Role::Customer)
        } else {
            None
        }
    }

    /// The customers' lines of `text` if it is a dialogue with a seller.
    pub fn others(&self, text: &str) -> OtherTurns {
        let mut customers = Vec::new();
        let mut has_seller = false;
        for caps in self.label.captures_iter(text) {
            let (Some(whole), Some(name)) = (caps.get(0), caps.get(1)) else {
                continue;
            };
            match self.role(name.as_str()) {
                Some(Role::Seller) => has_seller = true,
                Some(Role::Customer) => {
                    customers.push(Turn {
                        line: (whole.start(), turn_end(text, whole.end())),
                        label: (name.start(), name.end()),
                    });
                }
                None => {}
            }
        }
        if has_seller {
            OtherTurns(customers)
        } else {
            OtherTurns::default()
        }
    }
}

/// Where a customer's turn from `from` ends: the end of its line, or its
/// first question when the line goes on after it, since an article's
/// 很多客户问：这和存单有什么区别？ is answered on the same line by the
/// writer.
fn turn_end(text: &str, from: usize) -> usize {
    let line_end = text[from..].find('\n').map_or(text.len(), |i| from + i);
    let line = &text[from..line_end];
    match line.find(['?', '？']) {
        Some(q) if !line[q..].trim_start_matches(['?', '？']).trim().is_empty() => {
            from + q + line[q..].chars().next().map_or(1, char::len_utf8)
        }
        _ => line_end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn speakers() -> Speakers {
        let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect();
        Speakers::new(
            words(&["客户经理", "理财经理", "主播", "老师"]),
            words(&["客户", "阿姨", "观众", "群友"]),
            words(&["personal_info"]),
        )
    }

    fn quoted<'t>(text: &'t str, turns: &OtherTurns) -> Vec<&'t str> {
        turns.0.iter().map(|t| &text[t.line.0..t.line.1]).collect()
    }

    #[test]
    fn customers_lines_in_a_dialogue_with_a_seller() {
        let text = "客户经理：这款您放心。\n周阿姨：跟存款一样保本吧？\n客户经理：对，保本。\n";
        let s = speakers();
        let turns = s.others(text);
        assert_eq!(quoted(text, &turns), vec!["周阿姨：跟存款一样保本吧？"]);
        let at = text.find("保本吧").unwrap();
        let turn = turns.containing(at).expect("inside the customer's line");
        assert_eq!(&text[turn.label.0..turn.label.1], "周阿姨");
        assert!(turns.containing(text.rfind("保本").unwrap()).is_none());
    }

    #[test]
    fn an_answer_after_the_question_on_the_same_line_is_the_writers() {
        let s = speakers();
        let text = "主播：大家好。\n很多客户问：这和存款有区别吗？其实就是存款。\n";
        assert_eq!(
            quoted(text, &s.others(text)),
            vec!["很多客户问：这和存款有区别吗？"]
        );
    }

    #[test]
    fn a_quoted_customer_without_a_seller_is_a_testimonial() {
        let s = speakers();
        assert!(s
            .others("客户张姐：半年赚了两万！\n客户李哥：稳！")
            .0
            .is_empty());
    }

    #[test]
    fn a_seller_word_wins_over_a_customer_word() {
        let s = speakers();
        let text = "客户经理小王：稳赚。\n群友A：真的吗\n";
        assert_eq!(quoted(text, &s.others(text)), vec!["群友A：真的吗"]);
    }

    #[test]
    fn still_flagged_names_a_category_or_a_rule() {
        let s = speakers();
        assert!(s.still_flagged("personal_info.id_card", "personal_info"));
        assert!(!s.still_flagged("guarantee.risk_free", "guarantee"));
    }

    #[test]
    fn prose_with_a_colon_is_no_label() {
        let s = speakers();
        let text = "主播：今天讲理财。\n很多客户问我，保本吗：其实不保本。\n";
        assert!(s.others(text).0.is_empty());
    }
}
