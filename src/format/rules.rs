//! `finlint rules` as a table: one line per rule, terminal-safe.

use std::fmt::Write;

use super::sanitize;
use crate::report::Version;
use crate::rules::RuleInfo;

/// The listing: the pack version, then id, category, severity, how many
/// terms and patterns, and the legal basis of each rule.
pub fn render(version: &Version, infos: &[RuleInfo]) -> String {
    let mut out = format!("规则包 {}\n", sanitize(&version.rules));
    for r in infos {
        let state = if r.enabled { "" } else { "（已停用）" };
        let _ = writeln!(
            out,
            "{:<34} {:<14} {:<7} 词条 {:>3}  正则 {:>2}  {}{state}",
            sanitize(&r.id),
            r.category.as_str(),
            r.severity.as_str(),
            r.terms,
            r.patterns,
            sanitize(&r.basis)
        );
    }
    out
}
