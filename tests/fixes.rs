//! One-click fixes ("应用建议") read well: every replacement in the built-in
//! packs, applied to its rule's positive examples, removes the finding and
//! leaves no stranded punctuation or cut quotation; a fix that cannot be safe
//! is not offered, and the suggestion says why.

mod common;

use finlint::fix::{self, balanced};
use finlint::{CheckOptions, Checker, Finding, Report};
use regex::Regex;

fn check(text: &str) -> Report {
    Checker::shared()
        .check(text, &CheckOptions::default())
        .expect("checks")
}

/// What a reader would call broken punctuation, if any.
fn punctuation_fault(text: &str) -> Option<String> {
    let faults = [
        (r"[，、；：,;:][，。！？、；：,;:!?]", "doubled marks"),
        (
            r"(?:^|[\n。！？!?])[，。！？、；：,;:!?]",
            "a mark at a sentence start",
        ),
        (r"[，、；：,;:](?:$|\n)", "a pause mark at a line end"),
        (
            r"“”|‘’|《》|【】|（）|\(\)|「」|『』|\[\]",
            "empty quotes or brackets",
        ),
    ];
    for (pattern, what) in faults {
        if let Some(m) = Regex::new(pattern).unwrap().find(text) {
            return Some(format!("{what}: {:?} in {text:?}", m.as_str()));
        }
    }
    (!balanced(text)).then(|| format!("unbalanced quotes or brackets in {text:?}"))
}

const NO_FIX: &str = "不提供一键修改：";

#[test]
fn every_replacement_fixes_its_positive_examples_cleanly() {
    let mut failures = Vec::new();
    let mut rules_with_fixes = 0;
    for (rule, def) in common::rules::pack_rules() {
        if def.replacement.is_none() && def.replacements.is_empty() {
            continue;
        }
        rules_with_fixes += 1;
        let mut fixed = 0;
        for example in &def.examples.positive {
            let report = check(example);
            let own: Vec<Finding> = report
                .findings
                .into_iter()
                .filter(|f| f.rule == rule.id)
                .collect();
            // Every finding either offers a fix or says why it does not.
            for f in own.iter().filter(|f| f.replacement.is_none()) {
                if !f.suggestion.contains(NO_FIX) && f.suggestion.is_empty() {
                    failures.push(format!(
                        "{}: {example:?}: no fix and no explanation",
                        rule.id
                    ));
                }
            }
            let offered: Vec<Finding> = own
                .iter()
                .filter(|f| f.replacement.is_some())
                .cloned()
                .collect();
            if offered.is_empty() {
                eprintln!(
                    "{}: {example:?} -> no fix offered: {:?}",
                    rule.id,
                    own.iter().map(|f| &f.suggestion).collect::<Vec<_>>()
                );
                continue;
            }
            let applied = fix::apply_all(example, &offered).expect("applies");
            eprintln!("{}: {example:?} -> {:?}", rule.id, applied.text);
            assert_eq!(applied.applied, offered.len(), "{}: {example:?}", rule.id);
            if own.len() > offered.len() {
                continue; // Some findings need a human: the rule's finding rightly stays.
            }
            fixed += 1;
            if !applied.text.trim().is_empty() {
                let after = check(&applied.text);
                if let Some(f) = after.findings.iter().find(|f| f.rule == rule.id) {
                    failures.push(format!(
                        "{}: {example:?} -> {:?} is still flagged at {:?}",
                        rule.id, applied.text, f.place.text
                    ));
                }
            }
            if let Some(fault) = punctuation_fault(&applied.text) {
                failures.push(format!("{}: {example:?} -> {fault}", rule.id));
            }
        }
        if fixed == 0 {
            failures.push(format!(
                "{}: has a replacement but fixes none of its positive examples",
                rule.id
            ));
        }
        // A replacement must not itself be a claim.
        for with in def.replacement.iter().chain(def.replacements.values()) {
            if with.is_empty() || with.contains('{') {
                continue;
            }
            let alone = check(with);
            if let Some(f) = alone.findings.iter().find(|f| f.place.span.is_some()) {
                failures.push(format!(
                    "{}: replacement {with:?} is flagged by {}",
                    rule.id, f.rule
                ));
            }
        }
    }
    assert!(
        rules_with_fixes >= 5,
        "only {rules_with_fixes} rules offer fixes"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn apply_all_offered(text: &str) -> String {
    let report = check(text);
    fix::apply_all(text, &report.findings)
        .expect("applies")
        .text
}

#[test]
fn the_four_broken_fixes_of_issue_11_now_read_well() {
    assert_eq!(apply_all_offered("限时抢购，仅限今天！"), "限时抢购！");
    assert_eq!(apply_all_offered("数量有限，名额有限。"), "数量有限。");

    // A quoted award title is never edited in part.
    let text = "本行荣获“最佳财富管理银行”称号。";
    let report = check(text);
    let f = report
        .findings
        .iter()
        .find(|f| f.rule == "absolute.superlative")
        .expect("最佳 is flagged");
    assert_eq!(f.replacement, None);
    assert!(f.suggestion.contains("引号"), "{}", f.suggestion);
    assert_eq!(apply_all_offered(text), text);

    // Renaming 预期年化收益率 would leave 业绩比较基准高达8%, still a promise.
    let text = "预期年化收益率高达8%，";
    let report = check(text);
    let f = report
        .findings
        .iter()
        .find(|f| f.rule == "misleading.expected_yield")
        .expect("预期年化收益率 is flagged");
    assert_eq!(f.replacement, None, "{f:?}");
    assert!(f.suggestion.contains(NO_FIX), "{}", f.suggestion);
    assert_eq!(apply_all_offered(text), text);
    assert_eq!(
        apply_all_offered("稳定的预期收益5%。"),
        "稳定的预期收益5%。"
    );
    // 最好 as an adverb has no adjective to stand for it.
    assert_eq!(apply_all_offered("您最好尽快购买。"), "您最好尽快购买。");
    assert_eq!(apply_all_offered("收益最好的理财。"), "收益良好的理财。");
    // Where it is a plain figure, the rename is offered and reads well.
    assert_eq!(
        apply_all_offered("预期年化收益率4.5%。"),
        "业绩比较基准4.5%。"
    );
}

#[test]
fn applying_every_fix_of_an_ad_leaves_grammatical_text() {
    let ad = "【仅限今天】本产品业内最低费率，您理财的首选！预期收益5%，名额有限，先到先得。\n咨询电话13912345678。";
    let out = apply_all_offered(ad);
    assert_eq!(
        out,
        "本产品较低费率，您理财的可选之一！业绩比较基准5%。\n咨询电话139****5678。"
    );
    assert_eq!(punctuation_fault(&out), None);
}

#[test]
fn a_fix_applies_only_to_the_text_it_was_found_in() {
    let report = check("本产品保本保息，仅限今天！");
    let f = report
        .findings
        .iter()
        .find(|f| f.replacement.is_some())
        .unwrap();
    assert!(fix::apply("短", f).is_err());
    let one = fix::apply("本产品保本保息，仅限今天！", f).unwrap();
    assert_eq!(one.text, "本产品保本保息！");
    assert_eq!(one.applied, 1);
}

/// A masked number keeps the characters as written: the check letter of an
/// ID number stays upper case.
#[test]
fn masking_keeps_the_input_characters() {
    let text = "客户身份证号11010519491231002X已核实";
    assert_eq!(
        apply_all_offered(text),
        "客户身份证号110**********1002X已核实"
    );
}

/// A user pack's replacement is re-checked in its sentence: one that is
/// itself a claim is not offered.
#[test]
fn a_replacement_that_is_itself_a_claim_is_not_offered() {
    let pack = r#"
[[rule]]
id = "org.steady"
category = "misleading"
severity = "warning"
message = "“{text}”"
suggestion = "改为客观描述。"
basis = "机构规则"
terms = ["稳稳的幸福"]
replacement = "保本保息"
[rule.examples]
positive = ["稳稳的幸福"]
negative = ["幸福"]

[[rule]]
id = "org.calm"
category = "misleading"
severity = "warning"
message = "“{text}”"
suggestion = "改为客观描述。"
basis = "机构规则"
terms = ["安心之选"]
replacement = "可选产品"
[rule.examples]
positive = ["安心之选"]
negative = ["选择"]
"#;
    let checker = Checker::new(&[(pack, "org.toml")]).expect("pack loads");
    let report = checker
        .check("这是稳稳的幸福，也是安心之选。", &CheckOptions::default())
        .unwrap();
    let steady = report
        .findings
        .iter()
        .find(|f| f.rule == "org.steady")
        .unwrap();
    assert_eq!(steady.replacement, None);
    assert!(
        steady.suggestion.contains("仍会被判为问题"),
        "{}",
        steady.suggestion
    );
    let calm = report
        .findings
        .iter()
        .find(|f| f.rule == "org.calm")
        .unwrap();
    assert_eq!(calm.replacement.as_deref(), Some("可选产品"));
    let fixed = fix::apply_all("这是稳稳的幸福，也是安心之选。", &report.findings).unwrap();
    assert_eq!(fixed.text, "这是稳稳的幸福，也是可选产品。");
}
