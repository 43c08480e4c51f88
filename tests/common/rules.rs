//! The built-in pack rules with their definitions, as the rule-example and
//! fix tests read them.
#![allow(dead_code)]

use finlint::{Checker, RuleDetail, RuleInfo};

/// Every built-in rule that a pack defines, with its definition. Labels and
/// profile extras are document-level: no matchers, no fixes, no examples in
/// the listing (data/labels.toml tests its own), so they are skipped, and
/// any other rule without a definition fails.
pub fn pack_rules() -> Vec<(RuleInfo, RuleDetail)> {
    Checker::shared()
        .rules(true)
        .into_iter()
        .filter_map(|mut rule| match rule.definition.take() {
            Some(def) => Some((rule, def)),
            None => {
                assert!(
                    rule.kinds == ["labels"] || rule.kinds == ["extras"],
                    "{}: a pack rule's full listing carries its definition",
                    rule.id
                );
                None
            }
        })
        .collect()
}
