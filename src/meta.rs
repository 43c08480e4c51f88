//! What every rule says about itself, whatever kind of rule it is: a pack's
//! term or pattern rule, a required label, a product profile's extra check.
//! Declared once here; the compiled rule, the listing (`RuleInfo`), labels,
//! profile extras and every finding take these fields from one `RuleMeta`.

use std::sync::Arc;

use crate::pack::{Category, RuleDef, Severity};
use crate::report::{Finding, Place};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleMeta {
    pub id: String,
    pub category: Category,
    /// The effective severity: a pack's `severity` override is applied here.
    pub severity: Severity,
    /// The Chinese message; `{text}` is replaced by the flagged text.
    pub message: String,
    /// Shared with every finding of the rule, never copied into it.
    pub suggestion: Arc<str>,
    /// The legal basis, named in every finding (shared, as `suggestion`).
    pub basis: Arc<str>,
}

impl RuleMeta {
    pub fn of_def(def: &RuleDef) -> RuleMeta {
        RuleMeta {
            id: def.id.clone(),
            category: def.category,
            severity: def.severity,
            message: def.message.clone(),
            suggestion: def.suggestion.as_str().into(),
            basis: def.basis.as_str().into(),
        }
    }

    /// A finding of this rule at `severity` (a context check may lower the
    /// rule's own), not yet located: the report stage fills in the text and
    /// span, and leaves them empty for a document-level finding.
    pub fn finding(&self, severity: Severity, replacement: Option<String>) -> Finding {
        Finding {
            message: self.message.clone(),
            ..self.unquoted(severity, replacement)
        }
    }

    /// `finding` with an empty message, for the report stage, which writes
    /// the message once with `{text}` filled in rather than copying the
    /// template first. Suggestion and basis are shared, not copied.
    pub(crate) fn unquoted(&self, severity: Severity, replacement: Option<String>) -> Finding {
        Finding {
            rule: self.id.clone(),
            category: self.category,
            severity,
            message: String::new(),
            suggestion: self.suggestion.clone(),
            replacement,
            basis: self.basis.clone(),
            place: Place::default(),
        }
    }
}
