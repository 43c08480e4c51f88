//! One-click fixes ("应用建议"): what replaces a finding's span, and the
//! tidying of the seam the replacement leaves.
//!
//! A rule's `replacement` names the words; this module decides the reach and
//! the punctuation. A deletion takes the whole clause that carries the claim
//! (deleting only 主任也买 from 我们网点主任也买了不少 leaves a fragment), then
//! the seam is tidied: 限时抢购，！ becomes 限时抢购！, a clause mark left at the
//! start of a sentence goes, and brackets or quotes left empty go. A fix
//! never edits part of a quotation or title (荣获“最佳财富管理银行”称号 quotes
//! an award's name), and never cuts a pair of quotes or brackets in half.
//!
//! The checker (`engine.rs`) plans each finding's fix when it builds the
//! report and withholds the replacement, with the reason in the suggestion,
//! when planning fails or when the re-checked result would still be flagged.
//! `apply` and `apply_all` are what the page, the npm package and the tests
//! call, so all of them produce the same text.

use std::sync::OnceLock;

use regex::Regex;
use serde::Deserialize;

use crate::error::{Error, InputKind};
use crate::report::Finding;
use crate::span::{ceil_char_boundary, floor_char_boundary};

const FIX_DATA: &str = crate::compiled::json!("fixes");

/// A deletion takes at most a clause this long, in characters. A longer run
/// without punctuation is not one claim, and deleting it would take other
/// content with it.
pub const MAX_CLAUSE_CHARS: usize = 40;

/// How far, in bytes, the seam's neighbourhood is read: guards, quotes and
/// clauses are local, and reading further would make a long line of many
/// findings cost time quadratic in its length.
const LOOK: usize = 256;

/// Up to `LOOK` bytes of `text` before `at`, and after `at`.
fn before(text: &str, at: usize) -> (usize, &str) {
    let lo = ceil_char_boundary(text, at.saturating_sub(LOOK));
    (lo, &text[lo..at])
}

fn after(text: &str, at: usize) -> &str {
    &text[at..floor_char_boundary(text, at + LOOK)]
}

/// Marks that end a clause: deleting a claim stops at them.
const CLAUSE_MARKS: &[char] = &[
    '，', '。', '！', '？', '；', '：', '、', ',', ';', ':', '!', '?', '…', '\n', '\r', '【', '】',
    '（', '）', '(', ')', '[', ']', '〔', '〕', '〖', '〗', '<', '>',
];
/// Marks inside a sentence; two in a row, or one before a sentence end, is a seam.
const PAUSES: &[char] = &['，', '、', '；', '：', ',', ';', ':'];
/// Marks that end a sentence.
const STOPS: &[char] = &['。', '！', '？', '!', '?', '…'];
/// Quotation and title marks: their content is someone's words or a name.
const QUOTES: &[(char, char)] = &[
    ('“', '”'),
    ('‘', '’'),
    ('《', '》'),
    ('「', '」'),
    ('『', '』'),
];
/// Brackets: their content is the ad's own, so it may be edited.
const BRACKETS: &[(char, char)] = &[
    ('【', '】'),
    ('（', '）'),
    ('(', ')'),
    ('[', ']'),
    ('〔', '〕'),
    ('〖', '〗'),
];

/// One edit of the text: bytes `start..end` become `with`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub with: String,
}

/// The result of applying fixes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub text: String,
    /// How many findings' fixes were applied.
    pub applied: usize,
    /// Byte offset in `text` just after the first (leftmost) applied edit.
    pub caret: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FixFile {
    #[serde(default)]
    guard: Vec<GuardDef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GuardDef {
    rules: Vec<String>,
    #[serde(default)]
    terms: Vec<String>,
    #[serde(default)]
    after: Option<String>,
    #[serde(default)]
    before: Option<String>,
    reason: String,
}

struct Guard {
    rules: Vec<String>,
    /// Only for findings whose text is one of these (empty: any).
    terms: Vec<String>,
    after: Option<Regex>,
    before: Option<Regex>,
    reason: String,
}

fn guards() -> &'static [Guard] {
    static GUARDS: OnceLock<Vec<Guard>> = OnceLock::new();
    GUARDS.get_or_init(|| {
        let file: FixFile = crate::compiled::parse("fixes.toml", FIX_DATA);
        let compile = |p: &Option<String>| {
            p.as_ref().map(|p| {
                Regex::new(p).unwrap_or_else(|e| panic!("data/fixes.toml: bad regex {p:?}: {e}"))
            })
        };
        file.guard
            .iter()
            .map(|g| Guard {
                rules: g.rules.clone(),
                terms: g.terms.clone(),
                after: compile(&g.after),
                before: compile(&g.before),
                reason: g.reason.clone(),
            })
            .collect()
    })
}

/// The guard reason that withholds `rule`'s fix at `start..end`, if any.
fn guarded(text: &str, rule: &str, start: usize, end: usize) -> Option<&'static str> {
    let after = after(text, end);
    let (_, before) = before(text, start);
    guards()
        .iter()
        .filter(|g| g.rules.iter().any(|r| r == rule))
        .filter(|g| g.terms.is_empty() || g.terms.iter().any(|t| t == &text[start..end]))
        .find(|g| {
            g.after.as_ref().is_some_and(|re| re.is_match(after))
                || g.before.as_ref().is_some_and(|re| re.is_match(before))
        })
        .map(|g| g.reason.as_str())
}

/// The edit that applies `replacement` to `start..end` (bytes) of `text`, for
/// a finding of `rule`, seam tidied; or why no safe one-click fix exists (in
/// Chinese, for the user).
pub fn plan(
    text: &str,
    rule: &str,
    start: usize,
    end: usize,
    replacement: &str,
) -> Result<Edit, String> {
    let fix = Fix {
        rule,
        start,
        end,
        with: replacement,
    };
    Ok(tidy(text, plan_raw(text, fix)?, 0))
}

/// `plan` before tidying the seam: what `apply_all` merges.
fn plan_raw(text: &str, fix: Fix) -> Result<Edit, String> {
    let Fix {
        rule,
        start,
        end,
        with: replacement,
    } = fix;
    if start >= end
        || end > text.len()
        || !text.is_char_boundary(start)
        || !text.is_char_boundary(end)
    {
        return Err("位置与文本不符（文本可能已改动），请重新检查".into());
    }
    if let Some(reason) = guarded(text, rule, start, end) {
        return Err(reason.into());
    }
    let (start, end) = if replacement.is_empty() {
        let too_long = || {
            format!(
                "所在分句超过 {MAX_CLAUSE_CHARS} 个字且无标点，整句删除会连带删去其他内容；请人工删改该表述"
            )
        };
        let (s, e) = clause(text, start, end).ok_or_else(too_long)?;
        if text[s..e].chars().count() > MAX_CLAUSE_CHARS {
            return Err(too_long());
        }
        (s, e)
    } else {
        (start, end)
    };
    // In HTML source, an edit across a tag would break the markup.
    if text[start..end].contains(['<', '>']) {
        return Err("该处含 HTML 标记，一键修改会破坏标记；请在源文件中人工修改".into());
    }
    if !balanced(&text[start..end]) {
        return Err("改动会把成对的引号、书名号或括号截断；请人工改写".into());
    }
    if inside_part_of_quote(text, start, end) {
        return Err(
            "该处在引号或书名号内，是引用的原文或称号的一部分，改动会篡改原文；请人工删除或改写整个表述，如确有其事须注明评选机构与时间".into(),
        );
    }
    Ok(Edit {
        start,
        end,
        with: replacement.to_string(),
    })
}

/// The clause around `start..end`: out to the nearest clause marks, without
/// the spaces at its ends; None if no mark is within reach (a run that long
/// is not one clause).
fn clause(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let (lo, head) = before(text, start);
    let tail = after(text, end);
    let mut s = match head.rfind(CLAUSE_MARKS) {
        Some(i) => lo + i + char_len(head, i),
        None if lo == 0 => 0,
        None => return None,
    };
    let mut e = match tail.find(CLAUSE_MARKS) {
        Some(i) => end + i,
        None if end + tail.len() == text.len() => text.len(),
        None => return None,
    };
    while s < start && text[s..].starts_with(char::is_whitespace) {
        s += char_len(text, s);
    }
    while e > end {
        match text[..e].chars().next_back() {
            Some(c) if c.is_whitespace() => e -= c.len_utf8(),
            _ => break,
        }
    }
    Some((s, e))
}

fn char_len(text: &str, at: usize) -> usize {
    text[at..].chars().next().map_or(1, char::len_utf8)
}

fn closer_of(c: char) -> Option<char> {
    QUOTES
        .iter()
        .chain(BRACKETS)
        .find(|(o, _)| *o == c)
        .map(|&(_, close)| close)
}

fn is_closer(c: char) -> bool {
    QUOTES.iter().chain(BRACKETS).any(|&(_, close)| close == c)
}

/// Every quote and bracket in `s` is closed inside `s`, in order.
pub fn balanced(s: &str) -> bool {
    let mut open: Vec<char> = Vec::new();
    for c in s.chars() {
        if let Some(close) = closer_of(c) {
            open.push(close);
        } else if is_closer(c) && open.pop() != Some(c) {
            return false;
        }
    }
    open.is_empty()
}

/// Is `start..end` strictly inside the content of a quotation or title on
/// its line (part of it, not all of it)?
fn inside_part_of_quote(text: &str, start: usize, end: usize) -> bool {
    let (lo, head) = before(text, start);
    let line_start = head.rfind('\n').map_or(lo, |i| lo + i + 1);
    // The quotes still open at `start`, innermost last, with where their content starts.
    let mut open: Vec<(char, usize)> = Vec::new();
    for (i, c) in text[line_start..start].char_indices() {
        if let Some(&(_, close)) = QUOTES.iter().find(|(o, _)| *o == c) {
            open.push((close, line_start + i + c.len_utf8()));
        } else if let Some(pos) = open.iter().rposition(|&(close, _)| close == c) {
            open.truncate(pos);
        }
    }
    let Some(&(close, content_start)) = open.last() else {
        return false;
    };
    let tail = after(text, end);
    let line = &tail[..tail.find('\n').unwrap_or(tail.len())];
    // An unclosed quote on the line quotes nothing we can see the end of.
    let Some(content_end) = line.find(close).map(|i| end + i) else {
        return false;
    };
    !(content_start == start && content_end == end)
}

fn prev_char(text: &str, at: usize) -> Option<char> {
    text[..at].chars().next_back().filter(|&c| c != '\n')
}

fn next_char(text: &str, at: usize) -> Option<char> {
    text[at..].chars().next().filter(|&c| c != '\n')
}

fn is_space(c: char) -> bool {
    c.is_whitespace() && c != '\n'
}

fn is_punct(c: char) -> bool {
    PAUSES.contains(&c) || STOPS.contains(&c)
}

/// Widen a deletion over the punctuation its removal strands, never below
/// `floor`: a clause mark doubled (，！ → ！, ，。 → 。) or left before the
/// end of a line, a mark at the start of a sentence, brackets or quotes left
/// empty, a doubled space. A replacement with words in it strands nothing.
pub fn tidy(text: &str, edit: Edit, floor: usize) -> Edit {
    if !edit.with.is_empty() {
        return edit;
    }
    let (mut s, mut e) = (edit.start, edit.end);
    loop {
        let a = prev_char(text, s);
        let b = next_char(text, e);
        // The text before `floor` belongs to another edit: seen, never taken.
        let can_take_a = a.is_some_and(|a| s - a.len_utf8() >= floor);
        // A tag ends or starts a block of HTML, like a line break.
        let sentence_start =
            a.is_none_or(|a| STOPS.contains(&a) || closer_of(a).is_some() || a == '>');
        let line_end = b.is_none_or(|b| b == '<');
        match (a, b) {
            (Some(a), Some(b)) if can_take_a && closer_of(a) == Some(b) => {
                s -= a.len_utf8();
                e += b.len_utf8();
            }
            (Some(a), b)
                if can_take_a
                    && PAUSES.contains(&a)
                    && (line_end || b.is_some_and(|b| is_punct(b) || is_closer(b))) =>
            {
                s -= a.len_utf8()
            }
            (_, Some(b)) if sentence_start && is_punct(b) => e += b.len_utf8(),
            (Some(a), b)
                if can_take_a && is_space(a) && b.is_none_or(|b| is_punct(b) || is_space(b)) =>
            {
                s -= a.len_utf8()
            }
            (a, Some(b))
                if is_space(b) && a.is_none_or(|a| is_punct(a) || closer_of(a).is_some()) =>
            {
                e += b.len_utf8()
            }
            _ => break,
        }
    }
    Edit {
        start: s,
        end: e,
        with: edit.with,
    }
}

/// One fix to apply: a finding's rule, byte span and replacement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fix<'a> {
    pub rule: &'a str,
    pub start: usize,
    pub end: usize,
    pub with: &'a str,
}

impl<'a> Fix<'a> {
    /// The fix a finding offers, if any.
    pub fn of(f: &'a Finding) -> Option<Fix<'a>> {
        let span = f.place.span?;
        Some(Fix {
            rule: &f.rule,
            start: span.byte_start,
            end: span.byte_end,
            with: f.replacement.as_deref()?,
        })
    }
}

/// Apply one finding's fix to `text`, the text it was found in.
pub fn apply(text: &str, finding: &Finding) -> Result<Applied, Error> {
    apply_all(text, std::slice::from_ref(finding))
}

/// Apply every fix the findings offer; see `apply_fixes`.
pub fn apply_all(text: &str, findings: &[Finding]) -> Result<Applied, Error> {
    let fixes: Vec<Fix> = findings.iter().filter_map(Fix::of).collect();
    apply_fixes(text, &fixes)
}

/// Apply every fix that does not overlap an earlier one, from the end of the
/// text, tidying each seam on the text as it then is. A fix whose plan fails
/// is skipped. Two deletions of the same clause become one. An offset that
/// does not fit `text` is an error: the findings came from another text.
pub fn apply_fixes(text: &str, fixes: &[Fix]) -> Result<Applied, Error> {
    let fits = |f: &Fix| {
        f.start <= f.end
            && f.end <= text.len()
            && text.is_char_boundary(f.start)
            && text.is_char_boundary(f.end)
    };
    if !fixes.iter().all(fits) {
        return Err(Error::input(
            InputKind::FixMismatch,
            "结果的位置与文本不符：应用建议须使用检查这段文本时得到的结果",
        ));
    }
    let mut edits: Vec<(Edit, usize)> = fixes
        .iter()
        .filter_map(|f| plan_raw(text, *f).ok())
        .map(|e| (e, 1))
        .collect();
    edits.sort_by_key(|(e, _)| (e.start, e.end));
    let merged = merge(edits);
    let applied = merged.iter().map(|(_, n)| n).sum();
    let mut out = text.to_string();
    let mut caret = 0;
    for i in (0..merged.len()).rev() {
        let floor = if i == 0 { 0 } else { merged[i - 1].0.end };
        let edit = tidy(&out, merged[i].0.clone(), floor);
        out.replace_range(edit.start..edit.end, &edit.with);
        caret = edit.start + edit.with.len();
    }
    Ok(Applied {
        text: out,
        applied,
        caret,
    })
}

/// Sorted edits without overlaps: overlapping deletions join, and any other
/// edit that overlaps a kept one is dropped. The count is findings per edit.
fn merge(edits: Vec<(Edit, usize)>) -> Vec<(Edit, usize)> {
    let mut out: Vec<(Edit, usize)> = Vec::with_capacity(edits.len());
    for (edit, n) in edits {
        match out.last_mut() {
            Some((last, count)) if edit.start < last.end => {
                if last.with.is_empty() && edit.with.is_empty() {
                    last.end = last.end.max(edit.end);
                    *count += n;
                }
            }
            _ => out.push((edit, n)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn delete(text: &str, what: &str) -> String {
        let start = text.find(what).unwrap();
        let edit = plan(text, "test.rule", start, start + what.len(), "").unwrap();
        let mut out = text.to_string();
        out.replace_range(edit.start..edit.end, "");
        out
    }

    fn replace(text: &str, what: &str, with: &str) -> Result<String, String> {
        let start = text.find(what).unwrap();
        let edit = plan(text, "test.rule", start, start + what.len(), with)?;
        let mut out = text.to_string();
        out.replace_range(edit.start..edit.end, &edit.with);
        Ok(out)
    }

    #[test]
    fn a_pause_before_a_stop_goes() {
        assert_eq!(delete("限时抢购，仅限今天！", "仅限今天"), "限时抢购！");
        assert_eq!(delete("数量有限，名额有限。", "名额有限"), "数量有限。");
    }

    #[test]
    fn a_mark_at_a_sentence_start_goes() {
        assert_eq!(delete("仅限今天！欢迎咨询。", "仅限今天"), "欢迎咨询。");
        assert_eq!(
            delete("好产品。仅限今天，欢迎咨询。", "仅限今天"),
            "好产品。欢迎咨询。"
        );
        assert_eq!(
            delete("欢迎咨询\n仅限今天，请留意", "仅限今天"),
            "欢迎咨询\n请留意"
        );
    }

    #[test]
    fn a_pause_at_the_end_of_a_line_goes() {
        assert_eq!(delete("数量有限，名额有限", "名额有限"), "数量有限");
        assert_eq!(
            delete("数量有限，名额有限\n下一行", "名额有限"),
            "数量有限\n下一行"
        );
    }

    #[test]
    fn empty_brackets_and_quotes_go() {
        assert_eq!(delete("【仅限今天】活动开始", "仅限今天"), "活动开始");
        assert_eq!(delete("活动（仅限今天）开始", "仅限今天"), "活动开始");
        assert_eq!(
            delete("这款产品“稳赚不赔”，欢迎咨询", "稳赚不赔"),
            "欢迎咨询"
        );
    }

    #[test]
    fn a_deletion_takes_the_clause() {
        assert_eq!(
            delete("收益稳健，我们网点主任也买了不少，欢迎咨询。", "主任也买"),
            "收益稳健，欢迎咨询。"
        );
        assert_eq!(delete("保本、保息、高流动", "保息"), "保本、高流动");
    }

    #[test]
    fn a_long_unpunctuated_run_is_not_deleted_whole() {
        let text = format!(
            "{}仅限今天{}",
            "这是一段很长".repeat(6),
            "没有标点的文字".repeat(4)
        );
        let start = text.find("仅限今天").unwrap();
        assert!(plan(&text, "test.rule", start, start + 12, "").is_err());
    }

    #[test]
    fn part_of_a_quoted_title_is_never_edited() {
        let text = "本行荣获“最佳财富管理银行”称号。";
        let err = replace(text, "最佳", "优质").unwrap_err();
        assert!(err.contains("引号"), "{err}");
        assert!(replace("荣获《最佳理财指南》推荐", "最佳", "优质").is_err());
        // The whole quoted word may be replaced: the quote stays balanced.
        assert_eq!(replace("堪称“最佳”", "最佳", "优质").unwrap(), "堪称“优质”");
    }

    #[test]
    fn a_fix_never_cuts_a_pair_in_half() {
        // The clause of 保本 ends at the comma inside the quote.
        let err = replace("他说“保本，保息”好", "保本", "").unwrap_err();
        assert!(err.contains("截断"), "{err}");
        let err = replace("他说“保本，保息”好", "说“保本", "讲").unwrap_err();
        assert!(err.contains("截断"), "{err}");
        assert!(balanced("荣获“最佳”称号（2025）"));
        assert!(!balanced("荣获“最佳"));
        assert!(!balanced("】收益"));
    }

    #[test]
    fn guards_withhold_a_replacement_that_keeps_the_promise() {
        let text = "预期年化收益率高达8%，";
        let end = "预期年化收益率".len();
        let err = plan(text, "misleading.expected_yield", 0, end, "业绩比较基准").unwrap_err();
        assert!(err.contains("业绩比较基准为X%"), "{err}");
        let ok = plan(
            "预期年化收益率4.5%",
            "misleading.expected_yield",
            0,
            end,
            "业绩比较基准",
        );
        assert!(ok.is_ok());
        let text = "年化最高8%";
        let start = text.find("最高").unwrap();
        assert!(plan(text, "absolute.superlative", start, start + 6, "较高").is_err());
    }

    #[test]
    fn doubled_marks_and_spaces_collapse() {
        assert_eq!(delete("A，，仅限今天，B", "仅限今天"), "A，B");
        assert_eq!(
            delete("Act now, 仅限今天, then", "仅限今天"),
            "Act now, then"
        );
    }

    #[test]
    fn markup_is_never_cut() {
        assert_eq!(
            delete("<p>限时抢购，仅限今天</p><p>下一段。</p>", "仅限今天"),
            "<p>限时抢购</p><p>下一段。</p>"
        );
        let err = replace("<p>专家<b>推荐</b>，好</p>", "专家<b>推荐", "").unwrap_err();
        assert!(err.contains("HTML"), "{err}");
    }

    #[test]
    fn bad_offsets_are_refused_not_panics() {
        assert!(plan("保本", "r", 1, 3, "").is_err());
        assert!(plan("保本", "r", 3, 30, "").is_err());
        assert!(plan("保本", "r", 3, 3, "").is_err());
    }
}
#[cfg(test)]
mod data_tests {
    #[test]
    fn every_guard_names_a_builtin_rule_and_compiles() {
        let ids: Vec<String> = crate::Checker::shared()
            .rules(false)
            .into_iter()
            .map(|r| r.id)
            .collect();
        for g in super::guards() {
            assert!(g.after.is_some() || g.before.is_some(), "{}", g.reason);
            for r in &g.rules {
                assert!(ids.contains(r), "data/fixes.toml names unknown rule {r}");
            }
        }
    }
}
