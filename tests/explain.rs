//! `CheckOptions::explain`: every candidate the rules found but the checker
//! did not report is listed with the reason recorded where it was dropped,
//! and with explain off the report is exactly what it was.

mod common;

use common::office::{self, p};
use finlint::extract::{check_document, Location};
use finlint::{CheckOptions, Checker, ExplainReason, Explained, Report};

fn check_with(checker: &Checker, text: &str, product: &str, explain: bool) -> Report {
    checker
        .check(
            text,
            &CheckOptions {
                product: Some(product.into()),
                explain,
                ..CheckOptions::default()
            },
        )
        .unwrap()
}

fn explain(text: &str, product: &str) -> Report {
    check_with(Checker::shared(), text, product, true)
}

fn flagged(report: &Report) -> Vec<(&str, &str)> {
    report
        .findings
        .iter()
        .filter(|f| f.place.span.is_some())
        .map(|f| (f.rule.as_str(), f.place.text.as_str()))
        .collect()
}

/// The one entry for `rule` at `text`; fails listing what there is.
fn entry<'r>(report: &'r Report, rule: &str, text: &str) -> &'r Explained {
    let explained = report.explained.as_ref().expect("explain was on");
    let listed: Vec<_> = explained
        .iter()
        .map(|e| (e.rule.as_str(), e.place.text.as_str(), e.reason))
        .collect();
    let found: Vec<&Explained> = explained
        .iter()
        .filter(|e| e.rule == rule && e.place.text == text)
        .collect();
    assert_eq!(found.len(), 1, "{rule} {text:?} in {listed:?}");
    found[0]
}

#[test]
fn an_anti_fraud_text_quoting_claims_explains_its_genre_and_each_citation() {
    let text = "【反诈提醒】警惕理财骗局！骗子常说“保本高息，稳赚不赔”，请勿相信。";
    let report = explain(text, "wealth");
    assert!(flagged(&report).is_empty(), "{:?}", flagged(&report));
    let genre = report.genre.as_ref().expect("read as a warning text");
    assert!(genre.cues.contains(&"反诈".to_string()), "{genre:?}");
    let e = entry(&report, "guarantee.principal", "保本高息");
    assert_eq!(e.reason, ExplainReason::GenreCitation);
    assert!(
        e.detail.contains("风险警示或反诈类") && e.detail.contains("反诈"),
        "{}",
        e.detail
    );
    let e = entry(&report, "guarantee.risk_free", "稳赚不赔");
    assert_eq!(e.reason, ExplainReason::GenreCitation);
    // 保本 alone is a word part of 保本高息, already explained: not listed twice.
    let explained = report.explained.as_ref().unwrap();
    assert!(
        !explained.iter().any(|e| e.place.text == "保本"),
        "{explained:?}"
    );
}

#[test]
fn a_genre_cited_list_item_says_it_is_a_list_item() {
    let text = "【反诈课堂】警惕理财骗局\n常见话术：\n1. 保本保息，年化15%\n2. 稳赚不赔，名额有限\n请牢记：投资有风险。";
    let report = explain(text, "wealth");
    assert!(flagged(&report).is_empty(), "{:?}", flagged(&report));
    let e = entry(&report, "guarantee.principal", "保本保息");
    assert_eq!(e.reason, ExplainReason::GenreCitation);
    assert!(e.detail.contains("列举的条目"), "{}", e.detail);
    assert_eq!((e.place.line, e.place.column), (Some(3), Some(4)));
    let e = entry(&report, "guarantee.risk_free", "稳赚不赔");
    assert_eq!((e.place.line, e.place.column), (Some(4), Some(4)));
}

#[test]
fn quotation_frames_say_how_the_claim_is_framed() {
    let report = explain("所谓保本理财都是假的。", "general");
    let e = entry(&report, "guarantee.principal", "保本理财");
    assert_eq!(e.reason, ExplainReason::QuotationFrame);
    assert!(e.detail.contains("所谓"), "{}", e.detail);
    assert!(report.genre.is_none());

    let report = explain("凡是承诺稳赚不赔的都是骗局。", "general");
    let e = entry(&report, "guarantee.risk_free", "稳赚不赔的");
    assert_eq!(e.reason, ExplainReason::QuotationFrame);
    assert!(e.detail.contains("被谴责"), "{}", e.detail);
}

#[test]
fn a_negated_claim_names_its_negator_with_exact_spans() {
    // The emoji before it takes two UTF-16 units: spans must say so.
    let text = "😀本产品不保证收益，投资有风险。";
    let report = explain(text, "general");
    assert!(flagged(&report).is_empty(), "{:?}", flagged(&report));
    let e = entry(&report, "guarantee.returns", "保证收益");
    assert_eq!(e.reason, ExplainReason::Negation);
    assert_eq!(e.cue.as_deref(), Some("不"));
    assert!(e.detail.contains("“不”") && e.detail.contains("保证收益"));
    let span = e.place.span.unwrap();
    assert_eq!((span.start, span.end), (5, 9));
    assert_eq!((span.utf16_start, span.utf16_end), (6, 10));
    assert_eq!(&text[span.byte_start..span.byte_end], "保证收益");
    assert_eq!((e.place.line, e.place.column), (Some(1), Some(6)));
}

#[test]
fn a_question_is_explained_as_a_question() {
    let report = explain("这款产品不会亏本吗？", "wealth");
    assert!(flagged(&report).is_empty(), "{:?}", flagged(&report));
    let e = entry(&report, "guarantee.loss_denial", "不会亏本");
    assert_eq!(e.reason, ExplainReason::Question);
    assert!(e.detail.contains("提问"), "{}", e.detail);
    let report = explain("请问这款产品保本吗？", "wealth");
    let e = entry(&report, "guarantee.principal", "保本");
    assert_eq!(e.reason, ExplainReason::Question);
}

#[test]
fn a_customers_line_in_a_dialogue_is_not_the_sellers_claim() {
    let text = "【网点双录片段】\n客户老何：听楼下说你们这个稳赚不赔，跟存款一样？\n理财经理：不是的，它不保本，业绩比较基准不代表实际收益。\n客户老何：那我放一百个心买了，反正到期本息一分不会少。\n理财经理：您放心，这款到期本金和收益都会打到您卡上。\n客户老何：我身份证号是110105198506152319，你帮我填。\n";
    let report = explain(text, "wealth");
    let found = flagged(&report);
    // The customer's words are his, whatever they claim; the manager's last
    // promise is the seller's.
    assert!(
        found
            .iter()
            .all(|(_, t)| !t.contains("稳赚不赔") && !t.contains("一分不会少")),
        "{found:?}"
    );
    let e = entry(&report, "guarantee.risk_free", "稳赚不赔");
    assert_eq!(e.reason, ExplainReason::OtherSpeaker);
    assert_eq!(e.cue.as_deref(), Some("客户老何"));
    assert!(e.detail.contains("客户老何"), "{}", e.detail);
    assert!(
        found.iter().any(|(r, _)| *r == "guarantee.certain_payout"),
        "{found:?}"
    );
    // A customer's ID number is personal information whoever types it.
    assert!(
        found.iter().any(|(r, _)| *r == "personal_info.id_card"),
        "{found:?}"
    );
}

#[test]
fn one_customer_quoted_without_a_seller_is_a_testimonial() {
    let report = explain(
        "客户王姐：跟着你们买了半年，我赚了两万多！\n客户李哥：稳赚不赔，太香了！\n",
        "wealth",
    );
    let found = flagged(&report);
    assert!(
        found.iter().any(|(_, t)| t.contains("稳赚不赔")),
        "{found:?}"
    );
}

#[test]
fn limits_are_explained_by_the_exception_or_context_that_matched() {
    let report = explain("个人消费贷款最高额度20万，年化利率4.5%起。", "loan");
    assert!(flagged(&report).is_empty(), "{:?}", flagged(&report));
    let e = entry(&report, "absolute.superlative", "最高");
    assert_eq!(e.reason, ExplainReason::RuleException);
    assert_eq!(e.cue.as_deref(), Some("最高额度"));

    let report = explain("额度最高50万，随借随还。", "loan");
    let e = entry(&report, "absolute.superlative", "最高");
    assert_eq!(e.reason, ExplainReason::ContextException);
    assert_eq!(e.cue.as_deref(), Some("最高50万"));
    assert!(e.detail.contains("absolute.superlative"), "{}", e.detail);
}

#[test]
fn a_term_inside_a_longer_word_is_explained_once() {
    let report = explain("本产品为非保本浮动收益型产品。", "wealth");
    let e = entry(&report, "guarantee.principal", "保本");
    assert_eq!(e.reason, ExplainReason::PartOfWord);
    assert!(
        e.cue.as_deref().unwrap().starts_with("非保本"),
        "{:?}",
        e.cue
    );
}

#[test]
fn a_generic_frame_names_the_specific_rule_it_gives_way_to() {
    let report = explain("本金绝对安全，一分都不会少，稳赚不赔。", "wealth");
    assert!(flagged(&report).contains(&("absolute.certainty", "绝对安全")));
    let e = entry(&report, "misleading.safety_claim", "绝对安全");
    assert_eq!(e.reason, ExplainReason::GenericYields);
    assert_eq!(e.by.as_deref(), Some("absolute.certainty"));
    assert!(e.detail.contains("absolute.certainty"), "{}", e.detail);
}

#[test]
fn a_hit_inside_a_longer_finding_names_that_finding() {
    let report = explain("年金险保底收益2.5%，到期领取。", "insurance");
    let by = entry(&report, "guarantee.principal", "保底收益");
    assert_eq!(by.reason, ExplainReason::Overlap);
    let covering = by.by.as_deref().unwrap();
    assert!(
        report.findings.iter().any(|f| f.rule == covering),
        "{covering} should be reported: {:?}",
        flagged(&report)
    );
}

#[test]
fn an_allow_listed_phrase_is_quoted() {
    let checker = Checker::new(&[("allow = [\"鑫享第一\"]\n", "org.toml")]).unwrap();
    let report = check_with(&checker, "鑫享第一理财，稳健之选。", "wealth", true);
    let explained = report.explained.as_ref().unwrap();
    let e = explained
        .iter()
        .find(|e| e.reason == ExplainReason::AllowList)
        .unwrap_or_else(|| panic!("{explained:?}"));
    assert!(e.place.text.starts_with("第一"), "{e:?}");
    assert_eq!(e.cue.as_deref(), Some("鑫享第一"));
}

#[test]
fn suppressed_findings_stay_in_suppressed_only() {
    let text = "保本理财<!-- finlint-disable-line guarantee.principal -->\n零风险";
    let report = explain(text, "general");
    assert_eq!(report.suppressed.len(), 1);
    let explained = report.explained.as_ref().unwrap();
    assert!(
        !explained.iter().any(|e| e.rule == "guarantee.principal"),
        "{explained:?}"
    );
}

#[test]
fn the_cap_bounds_the_explained_list_too() {
    let text = "请问这款产品保本吗？".repeat(50);
    let report = Checker::shared()
        .check(
            &text,
            &CheckOptions {
                product: Some("wealth".into()),
                explain: true,
                max_findings: Some(10),
            },
        )
        .unwrap();
    assert_eq!(report.explained.as_ref().unwrap().len(), 10);
}

/// Every corpus document: explain off leaves the report exactly as it was
/// (no `explained` key, the same JSON), and explain on changes nothing but
/// the added list.
#[test]
fn explain_off_leaves_every_corpus_report_unchanged() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");
    let mut seen = 0;
    for file in std::fs::read_dir(dir).unwrap() {
        let path = file.unwrap().path();
        for line in std::fs::read_to_string(&path).unwrap().lines() {
            let doc: serde_json::Value = serde_json::from_str(line).unwrap();
            let text = doc["text"].as_str().unwrap();
            let product = doc["product"].as_str().unwrap_or("auto");
            let off = check_with(Checker::shared(), text, product, false);
            let default = Checker::shared()
                .check(
                    text,
                    &CheckOptions {
                        product: Some(product.into()),
                        ..CheckOptions::default()
                    },
                )
                .unwrap();
            assert_eq!(off, default);
            let json = serde_json::to_string(&off).unwrap();
            assert!(!json.contains("\"explained\""), "{json}");
            let mut on = explain(text, product);
            assert!(on.explained.take().is_some());
            assert_eq!(on, off, "{}", doc["id"]);
            seen += 1;
        }
    }
    assert!(seen >= 266, "only {seen} corpus documents");
}

#[test]
fn in_a_word_file_an_explained_phrase_has_its_place_in_the_document() {
    let body = [p("稳盈理财计划"), p("本产品不保证收益，投资须谨慎。")].concat();
    let bytes = office::docx(&body, &[]);
    let options = CheckOptions {
        explain: true,
        ..CheckOptions::default()
    };
    let report = check_document(Checker::shared(), "计划书.docx", &bytes, &options)
        .unwrap_or_else(|e| panic!("{e}"))
        .report;
    let e = entry(&report, "guarantee.returns", "保证收益");
    assert_eq!(e.reason, ExplainReason::Negation);
    assert_eq!(
        e.place.location.as_deref(),
        Some(&Location::Paragraph { paragraph: 2 })
    );
}
