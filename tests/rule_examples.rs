//! Every rule file carries its own proof: each positive example must produce a
//! finding of that rule, each negative example must not.

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

#[test]
fn every_rule_has_examples_both_ways() {
    for rule in Checker::shared().rules(true) {
        let def = rule.definition.expect("full listing carries definitions");
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
