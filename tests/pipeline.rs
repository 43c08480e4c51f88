//! Behaviour of the whole pipeline on real copy: context, packs, profiles,
//! labels, suppression.

use finlint::{CheckOptions, Checker, Error, InputKind, Report};

fn check_with(checker: &Checker, text: &str, product: &str) -> Report {
    checker
        .check(
            text,
            &CheckOptions {
                product: Some(product.into()),
                ..CheckOptions::default()
            },
        )
        .unwrap()
}

fn check(text: &str) -> Report {
    check_with(Checker::shared(), text, "general")
}

fn rules_hit(report: &Report) -> Vec<&str> {
    report
        .findings
        .iter()
        .filter(|f| f.place.span.is_some())
        .map(|f| f.rule.as_str())
        .collect()
}

#[test]
fn hard_cases_from_the_domain_are_left_alone() {
    for text in [
        "最近一周市场震荡，第一季度报告显示本基金运作平稳。",
        "为确保本次活动公平，每位客户限领一次。",
        "本产品为非保本浮动收益型产品。",
        "本产品不保本，不保证本金和收益，不承诺任何收益。",
        "本产品不属于保本型产品。",
        "谨防“保本高息”骗局，任何宣称“稳赚不赔”的都是诈骗。",
        "所谓“保本基金”已转型。",
        "最高赔付100万，最大回撤5%。",
        "第一创业证券、最高人民法院、无风险利率、无风险资产。",
    ] {
        let r = check(text);
        assert!(rules_hit(&r).is_empty(), "{text}: {:?}", rules_hit(&r));
    }
}

#[test]
fn every_category_is_found_in_one_ad() {
    let text = "业内最低费率！保本保息，类存款产品，抽奖送iPhone，专家推荐，近三年收益率156%，联系13912345678。";
    let r = check(text);
    let cats: std::collections::BTreeSet<&str> =
        r.findings.iter().map(|f| f.category.as_str()).collect();
    for c in [
        "absolute",
        "guarantee",
        "misleading",
        "promotion",
        "endorsement",
        "unsourced_data",
        "personal_info",
        "missing_label",
    ] {
        assert!(cats.contains(c), "missing category {c}: {cats:?}");
    }
    assert!(!r.summary.pass);
    assert!(r.summary.verdict.starts_with("需修改"));
}

#[test]
fn inducement_is_an_error_without_rules_and_a_warning_with_them() {
    let bare = check("购买即可参与抽奖。");
    let with_rules = check("购买即可参与抽奖，活动规则详见官网。");
    let sev = |r: &Report| {
        r.findings
            .iter()
            .find(|f| f.rule == "promotion.inducement")
            .map(|f| f.severity.as_str())
    };
    assert_eq!(sev(&bare), Some("error"));
    assert_eq!(sev(&with_rules), Some("warning"));
}

#[test]
fn missing_labels_follow_the_profile() {
    let text = "诚信银行股份有限公司 2026年11月1日";
    let loan = check_with(Checker::shared(), text, "loan");
    let missing: Vec<&str> = loan
        .findings
        .iter()
        .filter(|f| f.place.span.is_none())
        .map(|f| f.rule.as_str())
        .collect();
    assert!(missing.contains(&"label.risk_warning"), "{missing:?}");
    assert!(missing.contains(&"label.loan_apr"), "{missing:?}");
    assert!(
        !missing.contains(&"label.risk_level"),
        "loans need no risk level: {missing:?}"
    );
    let wealth = check_with(Checker::shared(), text, "wealth");
    let missing: Vec<&str> = wealth
        .findings
        .iter()
        .filter(|f| f.place.span.is_none())
        .map(|f| f.rule.as_str())
        .collect();
    for id in [
        "label.risk_level",
        "label.liquidity",
        "label.risk_warning",
        "label.wealth_not_deposit",
    ] {
        assert!(missing.contains(&id), "{id}: {missing:?}");
    }
    assert!(wealth.labels.advertiser.present && wealth.labels.date.present);
    assert!(wealth.labels.risk_level.required && !loan.labels.risk_level.required);
}

#[test]
fn fund_performance_needs_the_past_performance_disclaimer() {
    let text = "本基金近一年收益率12%（数据来源：基金季报）。";
    let r = check_with(Checker::shared(), text, "fund");
    assert!(r
        .findings
        .iter()
        .any(|f| f.rule == "label.fund_past_performance"));
    let ok = check_with(
        Checker::shared(),
        &format!("{text}基金的过往业绩并不预示其未来表现。"),
        "fund",
    );
    assert!(!ok
        .findings
        .iter()
        .any(|f| f.rule == "label.fund_past_performance"));
}

#[test]
fn profile_is_detected_and_explained() {
    let r = Checker::shared()
        .check("信用贷款，随借随还，放款快。", &CheckOptions::default())
        .unwrap();
    assert_eq!(r.profile.name, "loan");
    assert!(r.profile.detected);
    assert!(r.profile.reason.contains("贷款"), "{}", r.profile.reason);
    let given = check_with(Checker::shared(), "信用贷款", "fund");
    assert!(!given.profile.detected);
}

#[test]
fn unknown_product_and_empty_text_are_clear_errors() {
    let e = Checker::shared()
        .check(
            "保本",
            &CheckOptions {
                product: Some("stocks".into()),
                ..CheckOptions::default()
            },
        )
        .unwrap_err();
    assert!(
        e.input_kind() == Some(InputKind::UnknownProduct) && e.to_string().contains("stocks"),
        "{e}"
    );
    for empty in ["", "   \n\t "] {
        let e = Checker::shared()
            .check(empty, &CheckOptions::default())
            .unwrap_err();
        assert_eq!(e.input_kind(), Some(InputKind::Empty), "{e}");
    }
}

/// `disable` reaches the document-level kinds too: a prefix turns off every
/// label rule, an exact id only its own.
#[test]
fn disable_selectors_reach_missing_label_rules() {
    let missing = |disable: &str| -> Vec<String> {
        let pack = format!("disable = [{disable}]\n[pack]\nname = \"t\"\nversion = \"1\"\n");
        let checker = Checker::new(&[(pack.as_str(), "t.toml")]).unwrap();
        check_with(&checker, "稳健理财，欢迎选购。", "wealth")
            .findings
            .into_iter()
            .filter(|f| f.place.span.is_none())
            .map(|f| f.rule)
            .collect()
    };
    let all = missing("");
    assert!(all.contains(&"label.date".to_string()), "{all:?}");
    assert!(all.contains(&"label.risk_level".to_string()), "{all:?}");
    let one = missing("\"label.date\"");
    assert!(!one.contains(&"label.date".to_string()), "{one:?}");
    assert!(one.contains(&"label.risk_level".to_string()), "{one:?}");
    assert!(missing("\"label\"").is_empty());
    assert!(missing("\"label.*\"").is_empty());
    assert!(missing("\"*\"").is_empty());
}

#[test]
fn user_pack_allows_adds_disables_and_overrides() {
    let pack = r#"
allow = ["鑫享第一"]
disable = ["promotion.pressure"]
[pack]
name = "诚信银行"
version = "1"
[severity]
"absolute.superlative" = "warning"
[[extend]]
rule = "guarantee.risk_free"
terms = ["稳如泰山"]
[[rule]]
id = "org.product_name"
category = "misleading"
severity = "error"
message = "“{text}”是已下架产品名称。"
suggestion = "删除"
basis = "内部规定"
terms = ["金元宝"]
[rule.examples]
positive = ["金元宝理财"]
negative = ["元宝"]
[required_labels]
loan = ["advertiser"]
"#;
    let checker = Checker::new(&[(pack, "org.toml")]).unwrap();
    let r = check_with(
        &checker,
        "鑫享第一理财，稳如泰山，最佳选择，名额有限，金元宝热销。",
        "general",
    );
    let hit = rules_hit(&r);
    assert!(!hit.contains(&"absolute.first"), "allow-listed: {hit:?}");
    assert!(!hit.contains(&"promotion.pressure"), "disabled: {hit:?}");
    assert!(hit.contains(&"guarantee.risk_free"), "extended: {hit:?}");
    assert!(hit.contains(&"org.product_name"), "added: {hit:?}");
    let best = r
        .findings
        .iter()
        .find(|f| f.rule == "absolute.superlative")
        .unwrap();
    assert_eq!(best.severity.as_str(), "warning");
    assert!(r.version.rules.contains("诚信银行@1"));
    let loan = check_with(&checker, "诚信银行股份有限公司", "loan");
    assert!(
        !loan.findings.iter().any(|f| f.rule == "label.date"),
        "required labels overridden"
    );
    assert!(
        checker.example_failures().is_empty(),
        "{:?}",
        checker.example_failures()
    );
}

#[test]
fn invalid_packs_name_the_problem() {
    let cases = [
        ("[severity]\n\"no.such.rule\" = \"error\"\n", "no.such.rule"),
        ("disable = [\"nope\"]\n", "nope"),
        ("[[extend]]\nrule = \"x.y\"\nterms = [\"a\"]\n", "x.y"),
        ("[required_labels]\nstocks = [\"date\"]\n", "stocks"),
        ("[[rule]]\nid = \"guarantee.principal\"\ncategory = \"guarantee\"\nseverity = \"error\"\nmessage = \"m\"\nbasis = \"b\"\nterms = [\"x\"]\n", "guarantee.principal"),
        ("[[rule]]\nid = \"a\"\ncategory = \"nonsense\"\nseverity = \"error\"\nmessage = \"m\"\nbasis = \"b\"\nterms = [\"x\"]\n", "nonsense"),
    ];
    // (line, field) each error names, as the README promises.
    let places = [
        (2, Some("severity")),
        (1, Some("disable")),
        (2, Some("extend.rule")),
        (2, Some("required_labels")),
        (2, Some("id")),
        (3, Some("category")),
    ];
    for ((src, needle), (want_line, want_field)) in cases.into_iter().zip(places) {
        let e = Checker::new(&[(src, "bad.toml")]).err().expect(src);
        let text = e.to_string();
        assert!(
            text.contains(needle) && text.contains("bad.toml"),
            "{src}: {e}"
        );
        let Error::Pack {
            origin,
            line,
            field,
            ..
        } = &e
        else {
            panic!("{src}: not a pack error: {e:?}");
        };
        assert_eq!(
            (origin.as_str(), *line, field.as_deref()),
            ("bad.toml", Some(want_line), want_field),
            "{src}: {e}"
        );
    }
}

#[test]
fn suppressed_findings_are_reported_not_dropped() {
    let text = "保本理财<!-- finlint-disable-line guarantee.principal -->\n零风险";
    let r = check(text);
    assert!(!rules_hit(&r).contains(&"guarantee.principal"));
    assert_eq!(r.suppressed.len(), 1);
    assert_eq!(r.suppressed[0].finding.rule, "guarantee.principal");
    assert!(r.suppressed[0].marker.contains("finlint-disable-line"));
    assert!(rules_hit(&r).contains(&"guarantee.risk_free"));
    assert_eq!(r.summary.suppressed, 1);
}

#[test]
fn nul_bytes_and_control_characters_do_not_hide_claims() {
    let r = check("保\0本\u{7}理财");
    assert!(rules_hit(&r).contains(&"guarantee.principal"));
}

#[test]
fn large_input_is_checked() {
    let unit = "本产品风险等级R2，保本保息，年化收益高达6%。最近一周市场震荡。\n";
    let text = unit.repeat(10 * 1024 * 1024 / unit.len() + 1);
    let r = check(&text);
    assert!(r.findings.len() > 1000);
    let too_big = "字".repeat(finlint::MAX_INPUT_BYTES / 3 + 1);
    let e = Checker::shared()
        .check(&too_big, &CheckOptions::default())
        .unwrap_err();
    assert_eq!(e.input_kind(), Some(InputKind::TooLarge), "{e}");
}

#[test]
fn an_embedded_question_asks_and_the_answer_claims() {
    // The clause that asks is not a claim; the clause that answers is.
    let report = check("评论区有人问会不会亏本，我跟你们说，这款从来没亏过一分钱。");
    let claims: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.place.span.is_some())
        .map(|f| f.place.text.as_str())
        .collect();
    assert!(
        claims.iter().any(|t| t.contains("没亏过")),
        "the answer is a claim: {claims:?}"
    );
    assert!(
        !claims.iter().any(|t| t.contains("会不会")),
        "the question is not: {claims:?}"
    );
    assert!(rules_hit(&check("大家都在问是否保本、会不会亏损。")).is_empty());
    // A concessive 不管…会不会 asks nothing: the claim in its clause stands.
    assert!(!rules_hit(&check("不管市场会不会跌本金都一分不少")).is_empty());
}

#[test]
fn a_warning_that_sells_nothing_is_not_asked_for_product_labels() {
    let notice = "【反诈提醒】近期有不法分子冒充银行员工打电话，声称“保本高息、稳赚不赔”，\
                  要求下载陌生APP转账。请大家提高警惕，谨防诈骗，遇到可疑来电请拨打96110咨询。";
    let detect = |text: &str| {
        Checker::shared()
            .check(text, &CheckOptions::default())
            .unwrap()
    };
    let report = detect(notice);
    assert!(report.genre.is_some(), "read as a warning");
    assert!(report.summary.pass, "{}", report.summary.verdict);
    let labels: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.rule.starts_with("label."))
        .collect();
    assert!(!labels.is_empty(), "the missing labels are still shown");
    assert!(labels.iter().all(|f| f.severity == finlint::Severity::Info));
    // Named as a product by the caller, it is an advertisement after all.
    assert!(!check_with(Checker::shared(), notice, "wealth").summary.pass);
    // A warning that turns to selling makes claims: the labels are required.
    let pitch = format!("{notice}讲完骗局，也给大家推荐一款我行的理财，收益稳稳的，放心买。");
    assert!(!detect(&pitch).summary.pass);
}

#[test]
fn pieces_of_one_claim_parted_by_a_comma_are_one_finding() {
    let report = check_with(Checker::shared(), "每年存进去两万，存五年就行", "insurance");
    let spans: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.place.span.is_some())
        .map(|f| f.place.text.as_str())
        .collect();
    assert_eq!(spans, ["每年存进去两万，存五年"]);
}
