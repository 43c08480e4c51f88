//! `finlint rules` as a table: one line per rule, terminal-safe.

use std::fmt::Write;

use super::sanitize;
use crate::report::Version;
use crate::rules::RuleInfo;

/// The listing: the pack version, then id, category, severity, how many
/// terms and patterns (or that it is a document-level check: a label or a
/// profile extra, which looks at the whole copy), and the legal basis of
/// each rule.
pub fn render(version: &Version, infos: &[RuleInfo]) -> String {
    let mut out = format!("规则包 {}\n", sanitize(&version.rules));
    for r in infos {
        let state = if r.enabled { "" } else { "（已停用）" };
        let document_level = r.kinds.iter().any(|k| k == "labels" || k == "extras");
        let matchers = if document_level {
            // As wide on screen as the counts: 5 CJK characters + 6 spaces.
            "文档级检查      ".to_string()
        } else {
            format!("词条 {:>3}  正则 {:>2}", r.terms, r.patterns)
        };
        let _ = writeln!(
            out,
            "{:<34} {:<14} {:<7} {matchers}  {}{state}",
            sanitize(&r.id),
            r.category.as_str(),
            r.severity.as_str(),
            sanitize(&r.basis)
        );
    }
    out
}
