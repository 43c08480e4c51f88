//! SARIF 2.1.0, for code-review tools and content repositories.

use serde_json::{json, Value};

use crate::catalog::catalog;
use crate::pack::Severity;
use crate::report::Report;
use crate::rules::RuleInfo;

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// One SARIF log for several checked files: `(uri, report)`, and the files
/// that could not be read or checked, `(uri, reason)`, as tool notifications
/// (so a failed file is not mistaken for a clean one).
pub fn render(files: &[(&str, &Report)], failed: &[(&str, &str)], rules: &[RuleInfo]) -> Value {
    let driver_rules: Vec<Value> = rules
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "shortDescription": { "text": catalog().category_name(r.category) },
                "fullDescription": { "text": r.basis },
                "help": { "text": r.suggestion },
                "defaultConfiguration": { "level": level(r.severity), "enabled": r.enabled },
                "properties": { "category": r.category.as_str(), "basis": r.basis },
            })
        })
        .collect();
    let results: Vec<Value> = files
        .iter()
        .flat_map(|(uri, report)| report.findings.iter().map(move |f| (uri, f)))
        .map(|(uri, f)| {
            let region = match (f.place.line, f.place.column, f.place.span) {
                (Some(l), Some(c), Some(s)) => json!({
                    "startLine": l, "startColumn": c,
                    "charOffset": s.start, "charLength": s.end - s.start,
                    "snippet": { "text": f.place.text },
                }),
                _ => json!({ "startLine": 1, "startColumn": 1 }),
            };
            json!({
                "ruleId": f.rule,
                "level": level(f.severity),
                "message": { "text": format!("{} 建议：{} 依据：{}", f.message, f.suggestion, f.basis) },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri },
                        "region": region,
                    }
                }],
                "properties": { "category": f.category.as_str() },
            })
        })
        .collect();
    let version = files
        .first()
        .map(|(_, r)| r.version.rules.clone())
        .unwrap_or_default();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "finlint",
                "version": crate::ENGINE_VERSION,
                "semanticVersion": crate::ENGINE_VERSION,
                "informationUri": "https://example.invalid/finlint",
                "properties": { "rulePack": version },
                "rules": driver_rules,
            }},
            "invocations": [{
                "executionSuccessful": failed.is_empty(),
                "toolExecutionNotifications": failed.iter().map(|(uri, reason)| json!({
                    "level": "error",
                    "message": { "text": reason },
                    "locations": [{ "physicalLocation": { "artifactLocation": { "uri": uri } } }],
                })).collect::<Vec<Value>>(),
            }],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}
