//! Every rule file carries its own proof: each positive example must produce a
//! finding of that rule, each negative example must not.

mod common;

use finlint::Checker;

#[test]
fn every_rule_example_holds() {
    let failures = Checker::shared().example_failures();
    assert!(
        failures.is_empty(),
        "{} rule examples fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Built-in patterns compile on first use, so a pattern over the size limits
/// would otherwise only show up when some text first needed it.
#[test]
fn every_builtin_pattern_compiles() {
    let checker = Checker::fresh().expect("built-in packs load");
    let failures = checker.compile_all_patterns();
    assert!(
        failures.is_empty(),
        "patterns that do not compile: {failures:?}"
    );
}

#[test]
fn every_rule_has_examples_both_ways() {
    for (rule, def) in common::rules::pack_rules() {
        assert!(
            !def.examples.positive.is_empty(),
            "{} has no positive example",
            rule.id
        );
        assert!(
            !def.examples.negative.is_empty(),
            "{} has no negative example",
            rule.id
        );
    }
}
