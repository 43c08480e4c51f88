//! The report: one serde struct shared by the CLI, wasm and tests.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::pack::{Category, LabelKind, Severity};
use crate::span::Span;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Finding {
    pub rule: String,
    pub category: Category,
    pub severity: Severity,
    // With `{text}` filled in: the one field a finding renders for itself.
    // (Plain comments here: doc comments would reach the generated TS.)
    pub message: String,
    // The rule's own, shared by all its findings (not a copy).
    #[cfg_attr(test, ts(type = "string"))]
    pub suggestion: Arc<str>,
    /// What one-click fixing puts in place of `text` ("" deletes it); absent
    /// when the fix needs a human rewrite.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub replacement: Option<String>,
    // The rule's own, shared by all its findings (not a copy).
    #[cfg_attr(test, ts(type = "string"))]
    pub basis: Arc<str>,
    /// Where: the text as written and as seen, the span, line and column
    /// (all empty for a document-level finding).
    #[serde(flatten)]
    pub place: Place,
}

/// Where a finding or an explained candidate is in the input. Both embed it
/// flattened, so their JSON stays flat.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Place {
    /// The text exactly as it appears in the input, markup and entities
    /// included (empty for a document-level finding).
    pub text: String,
    /// The same range as a reader sees it: tags dropped, entities decoded.
    /// Messages quote this, never the source, so a message shown as HTML
    /// cannot carry markup from the input.
    #[serde(default)]
    pub visible: String,
    /// Where in the input; null for document-level findings.
    pub span: Option<Span>,
    /// 1-based line and column (in characters) of the span's start.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub column: Option<usize>,
    /// Where in a .docx/.pptx/.pdf/image, in the document's own terms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub location: Option<Box<crate::extract::Location>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Suppressed {
    #[serde(flatten)]
    pub finding: Finding,
    /// The marker that suppressed it, as written.
    pub marker: String,
}

/// Why a candidate the rules found was not reported (`--explain`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ExplainReason {
    /// The term is part of a longer word here (保本 in 非保本).
    PartOfWord,
    /// A negator before it makes it a denial or a disclosure (不保证收益).
    Negation,
    /// Its sentence asks (会亏本吗？).
    Question,
    /// Said by a customer or viewer in a dialogue with a seller (客户：…).
    OtherSpeaker,
    /// A list item, bare phrase or cited wording in a warning or education text.
    GenreCitation,
    /// Quoted to warn, 所谓…, or named in a condemnation.
    QuotationFrame,
    /// The rule's `drop_if` context matched (最高额度, 不保证…).
    ContextException,
    /// Inside one of the rule's exception phrases (非保本).
    RuleException,
    /// Covered by an allow-listed phrase.
    AllowList,
    /// A generic concept frame gave way to a more specific rule's finding.
    GenericYields,
    /// Wholly inside a longer finding of another rule.
    Overlap,
}

impl ExplainReason {
    pub fn as_str(self) -> &'static str {
        match self {
            ExplainReason::PartOfWord => "part_of_word",
            ExplainReason::Negation => "negation",
            ExplainReason::Question => "question",
            ExplainReason::OtherSpeaker => "other_speaker",
            ExplainReason::GenreCitation => "genre_citation",
            ExplainReason::QuotationFrame => "quotation_frame",
            ExplainReason::ContextException => "context_exception",
            ExplainReason::RuleException => "rule_exception",
            ExplainReason::AllowList => "allow_list",
            ExplainReason::GenericYields => "generic_yields",
            ExplainReason::Overlap => "overlap",
        }
    }

    pub const ALL: [ExplainReason; 11] = [
        ExplainReason::PartOfWord,
        ExplainReason::Negation,
        ExplainReason::Question,
        ExplainReason::OtherSpeaker,
        ExplainReason::GenreCitation,
        ExplainReason::QuotationFrame,
        ExplainReason::ContextException,
        ExplainReason::RuleException,
        ExplainReason::AllowList,
        ExplainReason::GenericYields,
        ExplainReason::Overlap,
    ];

    /// A short Chinese name for the reason, for lists and badges, from
    /// data/catalog.toml.
    pub fn label_zh(self) -> &'static str {
        crate::catalog().explain_reason_name(self)
    }
}

/// A candidate hit the rules found but the checker did not report, with the
/// reason recorded where it was dropped. Spans follow [`Finding`]'s.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Explained {
    pub rule: String,
    pub category: Category,
    /// The severity it would have had.
    pub severity: Severity,
    #[serde(flatten)]
    pub place: Place,
    pub reason: ExplainReason,
    /// The words in the text that decided it (the enclosing word, the negator, the exception or
    /// allow-listed phrase, the matching context), as a reader sees them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub cue: Option<String>,
    /// The rule whose finding stands in its place (generic_yields, overlap).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub by: Option<String>,
    /// The reason as a Chinese sentence.
    pub detail: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct LabelStatus {
    pub present: bool,
    /// The label as in the input, markup included.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub text: Option<String>,
    /// The label as a reader sees it (tags dropped, entities decoded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub visible: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub span: Option<Span>,
    /// Whether the profile requires this label.
    pub required: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Labels {
    pub risk_level: LabelStatus,
    pub liquidity: LabelStatus,
    pub advertiser: LabelStatus,
    pub date: LabelStatus,
    pub risk_warning: LabelStatus,
}

impl Labels {
    pub fn get(&self, kind: LabelKind) -> &LabelStatus {
        match kind {
            LabelKind::RiskLevel => &self.risk_level,
            LabelKind::Liquidity => &self.liquidity,
            LabelKind::Advertiser => &self.advertiser,
            LabelKind::Date => &self.date,
            LabelKind::RiskWarning => &self.risk_warning,
        }
    }

    pub fn get_mut(&mut self, kind: LabelKind) -> &mut LabelStatus {
        match kind {
            LabelKind::RiskLevel => &mut self.risk_level,
            LabelKind::Liquidity => &mut self.liquidity,
            LabelKind::Advertiser => &mut self.advertiser,
            LabelKind::Date => &mut self.date,
            LabelKind::RiskWarning => &mut self.risk_warning,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ProfileInfo {
    #[cfg_attr(test, ts(type = "Product"))]
    pub name: String,
    /// True when the checker chose the profile from the text.
    pub detected: bool,
    pub reason: String,
    /// How sure the choice is (`high` when the caller gave the product); a
    /// `low` one is worth setting by hand, since it decides the required labels.
    pub confidence: crate::profile::Confidence,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub suppressed: usize,
    #[cfg_attr(test, ts(type = "Partial<Record<Category, number>>"))]
    pub by_category: BTreeMap<String, usize>,
    pub missing_labels: Vec<LabelKind>,
    pub pass: bool,
    pub verdict: String,
    /// True when the findings were capped (`CheckOptions::max_findings`);
    /// the counts are then those of the findings kept, errors first.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub truncated: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Version {
    pub engine: String,
    pub rules: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Report {
    pub findings: Vec<Finding>,
    pub labels: Labels,
    pub profile: ProfileInfo,
    /// Set when the text reads as a warning or education piece, whose quoted
    /// claims are citations: the reason why they were not flagged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub genre: Option<crate::genre::GenreInfo>,
    pub suppressed: Vec<Suppressed>,
    /// Only with `CheckOptions::explain`: the candidates found but not
    /// reported, each with why. Absent otherwise, so reports stay as they were.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub explained: Option<Vec<Explained>>,
    pub summary: Summary,
    pub version: Version,
    /// The file, its SHA-256 and what its notes and comments hold, when the
    /// input was a document rather than text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub document: Option<crate::extract::DocumentInfo>,
}

impl Summary {
    pub fn of(findings: &[Finding], suppressed: usize, missing_labels: Vec<LabelKind>) -> Summary {
        let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
        // Counted under the categories' static names, so that only the few
        // keys of the report are allocated, not one per finding.
        let mut counted: BTreeMap<&'static str, usize> = BTreeMap::new();
        for f in findings {
            *counted.entry(f.category.as_str()).or_insert(0) += 1;
        }
        let by_category = counted
            .into_iter()
            .map(|(k, n)| (k.to_string(), n))
            .collect();
        let errors = count(Severity::Error);
        let warnings = count(Severity::Warning);
        let pass = errors == 0;
        let verdict = if pass {
            if warnings == 0 {
                "可发布".to_string()
            } else {
                format!("可发布（{warnings} 个警告请复核）")
            }
        } else {
            format!("需修改：{errors} 个错误，{warnings} 个警告")
        };
        Summary {
            errors,
            warnings,
            infos: count(Severity::Info),
            suppressed,
            by_category,
            missing_labels,
            pass,
            verdict,
            truncated: false,
        }
    }
}
