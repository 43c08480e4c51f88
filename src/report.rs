//! The report: one serde struct shared by the CLI, wasm and tests.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::pack::{Category, LabelKind, Severity};
use crate::span::Span;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Finding {
    pub rule: String,
    pub category: Category,
    pub severity: Severity,
    pub message: String,
    pub suggestion: String,
    /// What one-click fixing puts in place of `text` ("" deletes it); absent
    /// when the fix needs a human rewrite.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub replacement: Option<String>,
    pub basis: String,
    /// The flagged text exactly as it appears in the input, markup and
    /// entities included (empty for a document-level finding).
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
        let mut by_category = BTreeMap::new();
        for f in findings {
            *by_category
                .entry(f.category.as_str().to_string())
                .or_insert(0) += 1;
        }
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
