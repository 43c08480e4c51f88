//! The labels-and-profile stage: which product the copy is for, which
//! labels it carries and which the product requires, and the document-level
//! rules (kinds `labels` and `extras`) it breaks.

use crate::catalog::catalog;
use crate::error::{Error, InputKind};
use crate::kinds::Document;
use crate::labels::{FoundLabels, LabelSet};
use crate::pack::LabelKind;
use crate::profile::{Confidence, Profile, ProfileSet};
use crate::report::{Finding, ProfileInfo};
use crate::rules::RuleSet;

/// The caller's product (an id, a Chinese name or "auto"), or the one the
/// text's keywords point to.
pub(crate) fn resolve_profile<'a>(
    profiles: &'a ProfileSet,
    text: &str,
    product: Option<&str>,
) -> Result<(&'a Profile, ProfileInfo), Error> {
    match product
        .map(str::trim)
        .filter(|p| !p.is_empty() && *p != "auto")
    {
        Some(name) => {
            let profile = catalog()
                .product_id(name)
                .and_then(|id| profiles.get(id))
                .ok_or_else(|| {
                    Error::input(
                        InputKind::UnknownProduct,
                        format!(
                            "未知的产品类型 {name:?}，可选：{}、auto",
                            catalog().product_choices()
                        ),
                    )
                })?;
            let info = ProfileInfo {
                name: profile.name.clone(),
                detected: false,
                reason: format!("由调用方指定为{}", profile.display),
                confidence: Confidence::High,
            };
            Ok((profile, info))
        }
        None => {
            let detection = profiles.detect(text);
            Ok((
                detection.profile,
                ProfileInfo {
                    name: detection.profile.name.clone(),
                    detected: true,
                    reason: detection.reason,
                    confidence: detection.confidence,
                },
            ))
        }
    }
}

/// What the labels-and-profile stage found.
pub(crate) struct Labelled {
    pub found: FoundLabels,
    /// The labels the product requires (a pack may override the list).
    pub required: Vec<LabelKind>,
    /// Required and not found, in `LabelKind::ALL` order.
    pub missing: Vec<LabelKind>,
    /// The document-level findings, not located.
    pub findings: Vec<Finding>,
}

pub(crate) fn labels_and_profile(
    rules: &RuleSet,
    labels: &LabelSet,
    profile: &Profile,
    text: &str,
) -> Labelled {
    let found = labels.find_all(text);
    let required = rules
        .required_labels
        .get(&profile.name)
        .cloned()
        .unwrap_or_else(|| profile.required.clone());
    let missing = found
        .iter()
        .filter(|(k, at)| required.contains(k) && at.is_none())
        .map(|(k, _)| k)
        .collect();
    let doc = Document {
        text,
        profile,
        labels,
        found: &found,
        required: &required,
    };
    // Document-level rules obey a pack's `disable` and `severity` like any.
    let findings = rules
        .document_rules(&doc)
        .into_iter()
        .filter(|m| !rules.is_disabled(&m.id))
        .map(|m| m.finding(rules.severity_for(&m.id, m.severity), None))
        .collect();
    Labelled {
        found,
        required,
        missing,
        findings,
    }
}
