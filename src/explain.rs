//! `--explain`: the candidates the rules found but the checker did not
//! report, and why. The engine records the reason where it drops a candidate
//! (a small `Copy` value, and only when explaining); this module turns those
//! records into the report's [`Explained`] entries and Chinese sentences.

use std::collections::HashMap;

use crate::context::FrameKind;
use crate::genre::{Citation, Genre, GenreInfo, GenreKind};
use crate::pack::Severity;
use crate::report::{ExplainReason, Explained};

/// Why a candidate was dropped, as recorded at the drop. Byte ranges are in
/// the normalised text.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Dropped {
    /// A term inside a longer word (保本 in 非保本): no claim of its own.
    PartOfWord {
        word: (usize, usize),
    },
    Negation {
        negator: (usize, usize),
    },
    Question,
    /// Said by a customer in a dialogue; `label` is the speaker's label.
    OtherSpeaker {
        label: (usize, usize),
    },
    GenreCitation(Citation),
    Frame(FrameKind),
    /// `cue` is the context that matched the rule's `drop_if`, when it is a
    /// range of the text (a document-scope check is cached as a yes/no).
    ContextException {
        cue: Option<(usize, usize)>,
    },
    RuleException {
        phrase: (usize, usize),
    },
    AllowList {
        phrase: (usize, usize),
    },
    GenericYields {
        by: usize,
    },
    Overlap {
        by: usize,
    },
}

impl Dropped {
    pub(crate) fn reason(self) -> ExplainReason {
        match self {
            Dropped::PartOfWord { .. } => ExplainReason::PartOfWord,
            Dropped::Negation { .. } => ExplainReason::Negation,
            Dropped::Question => ExplainReason::Question,
            Dropped::OtherSpeaker { .. } => ExplainReason::OtherSpeaker,
            Dropped::GenreCitation(_) => ExplainReason::GenreCitation,
            Dropped::Frame(_) => ExplainReason::QuotationFrame,
            Dropped::ContextException { .. } => ExplainReason::ContextException,
            Dropped::RuleException { .. } => ExplainReason::RuleException,
            Dropped::AllowList { .. } => ExplainReason::AllowList,
            Dropped::GenericYields { .. } => ExplainReason::GenericYields,
            Dropped::Overlap { .. } => ExplainReason::Overlap,
        }
    }

    /// The range of the text that decided it, if any.
    pub(crate) fn cue(self) -> Option<(usize, usize)> {
        match self {
            Dropped::Negation { negator } => Some(negator),
            Dropped::OtherSpeaker { label } => Some(label),
            Dropped::PartOfWord { word } => Some(word),
            Dropped::ContextException { cue } => cue,
            Dropped::RuleException { phrase } | Dropped::AllowList { phrase } => Some(phrase),
            _ => None,
        }
    }

    /// The rule whose finding stands in its place.
    pub(crate) fn by(self) -> Option<usize> {
        match self {
            Dropped::GenericYields { by } | Dropped::Overlap { by } => Some(by),
            _ => None,
        }
    }
}

/// A dropped candidate, in normalised byte offsets.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Unflagged {
    pub rule: usize,
    pub start: usize,
    pub end: usize,
    pub severity: Severity,
    pub why: Dropped,
}

/// One entry per claim: drop candidates that overlap a reported hit of the
/// same rule (another wording of the same rule was reported there), merge
/// overlapping candidates of one rule dropped for the same reason, and drop
/// a term that is only part of a word where a longer candidate or a finding
/// already covers that place (保本 inside 保本保息). Returns them in text
/// order.
pub(crate) fn consolidate(
    mut unflagged: Vec<Unflagged>,
    reported: &[(usize, usize, usize)],
) -> Vec<Unflagged> {
    let mut by_rule: HashMap<usize, Vec<(usize, usize)>> = HashMap::new();
    for &(rule, s, e) in reported {
        by_rule.entry(rule).or_default().push((s, e));
    }
    let by_rule: HashMap<usize, Cover> = by_rule
        .into_iter()
        .map(|(rule, ranges)| (rule, Cover::new(ranges)))
        .collect();
    unflagged.retain(|u| {
        !by_rule
            .get(&u.rule)
            .is_some_and(|c| c.overlaps(u.start, u.end))
    });
    unflagged.sort_by_key(|u| (u.rule, u.why.reason(), u.start, std::cmp::Reverse(u.end)));
    let mut merged: Vec<Unflagged> = Vec::with_capacity(unflagged.len());
    for u in unflagged {
        match merged.last_mut() {
            Some(last)
                if last.rule == u.rule
                    && last.why.reason() == u.why.reason()
                    && u.start < last.end =>
            {
                last.end = last.end.max(u.end);
            }
            _ => merged.push(u),
        }
    }
    let covering = Cover::new(
        merged
            .iter()
            .filter(|u| !matches!(u.why, Dropped::PartOfWord { .. }))
            .map(|u| (u.start, u.end))
            .chain(reported.iter().map(|&(_, s, e)| (s, e)))
            .collect(),
    );
    merged.retain(|u| {
        !matches!(u.why, Dropped::PartOfWord { .. }) || !covering.overlaps(u.start, u.end)
    });
    merged.sort_by_key(|u| (u.start, u.end, u.rule));
    merged
}

/// Ranges sorted by start with the furthest end so far: an overlap query
/// is a binary search, so consolidating stays n log n on dense copy.
struct Cover {
    starts: Vec<usize>,
    furthest: Vec<usize>,
}

impl Cover {
    fn new(mut ranges: Vec<(usize, usize)>) -> Cover {
        ranges.sort_unstable();
        let furthest = ranges
            .iter()
            .scan(0, |far, &(_, e)| {
                *far = e.max(*far);
                Some(*far)
            })
            .collect();
        Cover {
            starts: ranges.into_iter().map(|(s, _)| s).collect(),
            furthest,
        }
    }

    fn overlaps(&self, start: usize, end: usize) -> bool {
        let before_end = self.starts.partition_point(|&s| s < end);
        before_end > 0 && self.furthest[before_end - 1] > start
    }
}

/// What the renderer needs besides the record: the texts of its ranges (as
/// a reader sees them) and the rules' ids.
pub(crate) struct Rendered<'a> {
    /// The candidate as a reader sees it.
    pub hit: &'a str,
    pub cue: Option<&'a str>,
    pub by: Option<&'a str>,
    pub rule: &'a str,
}

/// The reason as a Chinese sentence.
pub(crate) fn detail(
    why: Dropped,
    r: &Rendered,
    genre: Option<&GenreInfo>,
    genres: &Genre,
) -> String {
    let cue = r.cue.unwrap_or("");
    let by = r.by.unwrap_or("");
    let hit = r.hit;
    match why {
        Dropped::PartOfWord { .. } => format!(
            "“{hit}”在这里是“{cue}”一词的一部分，不是独立的宣传用语"
        ),
        Dropped::Negation { .. } => format!(
            "前面的否定词“{cue}”使“{hit}”成为否认或披露，不是承诺，故不标记"
        ),
        Dropped::Question => "所在句子是提问：提问本身不是宣传承诺；回答中若作出承诺，回答仍会被标记".to_string(),
        Dropped::OtherSpeaker { .. } => format!(
            "这一行是对话中“{cue}”说的话（客户、观众等），不是广告主或销售人员的宣传用语；销售一方的承诺仍会被标记"
        ),
        Dropped::GenreCitation(citation) => {
            let how = match citation {
                Citation::ListItem => "此处是列举的条目".to_string(),
                Citation::TableRow => "此处是表格中列举的一行".to_string(),
                Citation::BarePhrase => "此处是不足 16 字的简短列举，不是完整的宣传句".to_string(),
                Citation::Cue(i) => format!("此句含“{}”等引述提示", genres.citation_cue(i)),
            };
            format!(
                "{}，{how}，其中的说法视为被引用的话术，而不是本文自己的宣传用语",
                genre_clause(genre)
            )
        }
        Dropped::Frame(FrameKind::SoCalled) => {
            "前面有“所谓”，是被点名否定的说法，视为引用而非宣传".to_string()
        }
        Dropped::Frame(FrameKind::Condemned) => {
            "处在警示句中（如“凡是承诺……的都是骗局”），是被谴责的说法，视为引用而非宣传"
                .to_string()
        }
        Dropped::Frame(FrameKind::Quoted { by_genre: false }) => {
            "加了引号，且所在句子是警示或转述（如“谨防……”“骗子常说……”），是为提醒而引用的说法"
                .to_string()
        }
        Dropped::Frame(FrameKind::Quoted { by_genre: true }) => format!(
            "加了引号，且{}，引号内的说法视为引用",
            genre_clause(genre)
        ),
        Dropped::ContextException { cue: Some(_) } => format!(
            "上下文“{cue}”符合规则 {} 的排除条件：此处的“{hit}”是限额、起购金额、免责或风险说明等，不是宣传用语",
            r.rule
        ),
        Dropped::ContextException { cue: None } => format!(
            "全文符合规则 {} 的排除条件（按全文判断），此处的“{hit}”不作为宣传用语标记",
            r.rule
        ),
        Dropped::RuleException { .. } => format!(
            "“{cue}”是规则 {} 列出的例外用语（如限额、非保本说明），其中的“{hit}”不是宣传用语",
            r.rule
        ),
        Dropped::AllowList { .. } => {
            format!("“{cue}”在允许列表中（内置或规则包的 allow 设置），其中的“{hit}”不标记")
        }
        Dropped::GenericYields { .. } => format!(
            "通用概念框架让位于更具体的规则 {by}：同一处已由 {by} 报告，说明更贴切"
        ),
        Dropped::Overlap { .. } => {
            format!("完全落在规则 {by} 更长的命中之内：同一处只报告一条，由 {by} 报告")
        }
    }
}

fn genre_clause(genre: Option<&GenreInfo>) -> String {
    match genre {
        Some(g) => format!(
            "全文判定为{}类文章（提示语“{}”）",
            genre_name(g.kind),
            g.cues.join("”“")
        ),
        None => "全文判定为警示或教育类文章".to_string(),
    }
}

pub fn genre_name(kind: GenreKind) -> &'static str {
    match kind {
        GenreKind::Warning => "风险警示或反诈",
        GenreKind::Education => "投资者教育",
    }
}

/// An entry before its span is located; the engine fills the span in.
pub(crate) fn entry(
    u: &Unflagged,
    category: crate::pack::Category,
    r: &Rendered,
    detail: String,
) -> Explained {
    Explained {
        rule: r.rule.to_string(),
        category,
        severity: u.severity,
        place: crate::report::Place::default(),
        reason: u.why.reason(),
        cue: r.cue.map(str::to_string),
        by: r.by.map(str::to_string),
        detail,
    }
}
