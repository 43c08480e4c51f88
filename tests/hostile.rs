//! Hostile and malformed input: each case gets a clear error or a sane
//! report, and no input makes the checker superlinear.

use std::time::Instant;

use finlint::{CheckOptions, Checker, Report};

fn check(text: &str) -> Result<Report, finlint::Error> {
    Checker::shared().check(
        text,
        &CheckOptions {
            product: Some("general".into()),
            ..CheckOptions::default()
        },
    )
}

#[test]
fn empty_and_whitespace_only_are_clear_errors() {
    for t in ["", " ", "\n\n\t　 ", "\u{200B}\u{FEFF}"] {
        match check(t) {
            Err(e) => assert!(e.to_string().contains("为空"), "{t:?}: {e}"),
            // Invisible characters are not whitespace to Rust; the report is then simply clean.
            Ok(r) => assert!(r.findings.iter().all(|f| f.span.is_none()), "{t:?}"),
        }
    }
}

#[test]
fn one_megabyte_line_without_punctuation_is_checked() {
    let line = "保本收益稳定第一季度最近零风险理财产品".repeat(1024 * 1024 / 57 + 1);
    let r = check(&line).unwrap();
    assert!(r.findings.len() > 10_000);
}

#[test]
fn deeply_nested_and_unclosed_html() {
    let nested = format!(
        "{}保本{}",
        "<div><span>".repeat(50_000),
        "</span></div>".repeat(50_000)
    );
    let r = check(&nested).unwrap();
    assert!(r.findings.iter().any(|f| f.rule == "guarantee.principal"));
    for broken in [
        "<div<span<b>保本",
        "<!-- 保本",
        "<script>保本",
        "<b 保本",
        "保本</b></i></p>",
        "&#xFFFFFFFF;保本",
        "&#0;保本",
        "<<<<>>>>保本",
    ] {
        let r = check(broken).unwrap_or_else(|e| panic!("{broken:?}: {e}"));
        for f in &r.findings {
            if let Some(s) = f.span {
                assert_eq!(&broken[s.byte_start..s.byte_end], f.text);
            }
        }
    }
    // Unclosed comment and script tags leave the copy visible, so it is still checked.
    assert!(check("<!-- 保本")
        .unwrap()
        .findings
        .iter()
        .any(|f| f.rule == "guarantee.principal"));
}

#[test]
fn nul_rtl_combining_and_emoji_between_cjk() {
    for t in [
        "保\0本",
        "保\u{202E}本",
        "保\u{0301}本",
        "保😀本",
        "\u{202E}零风险\u{202C}",
        "ב保本א",
    ] {
        let r = check(t).unwrap();
        for f in r.findings.iter().filter(|f| f.span.is_some()) {
            let s = f.span.unwrap();
            assert_eq!(&t[s.byte_start..s.byte_end], f.text);
        }
    }
    // Invisible and control characters are dropped, so the claim is still seen.
    assert!(check("保\0本")
        .unwrap()
        .findings
        .iter()
        .any(|f| f.rule == "guarantee.principal"));
    assert!(check("保\u{202E}本")
        .unwrap()
        .findings
        .iter()
        .any(|f| f.rule == "guarantee.principal"));
}

#[test]
fn rule_packs_that_are_huge_duplicated_empty_or_pathological() {
    let terms: Vec<String> = (0..100_000).map(|i| format!("\"词条{i}\"")).collect();
    let big = format!("[[rule]]\nid = \"org.big\"\ncategory = \"misleading\"\nseverity = \"warning\"\nmessage = \"m\"\nbasis = \"b\"\nterms = [{}]\n", terms.join(","));
    let checker = Checker::new(&[(&big, "big.toml")]).expect("100,000 terms load");
    let r = checker
        .check("这里有词条99999和词条5。", &CheckOptions::default())
        .unwrap();
    assert_eq!(r.findings.iter().filter(|f| f.rule == "org.big").count(), 2);

    let rule = |id: &str, body: &str| {
        format!("[[rule]]\nid = \"{id}\"\ncategory = \"misleading\"\nseverity = \"error\"\nmessage = \"m\"\nbasis = \"b\"\n{body}\n")
    };
    let dup = format!(
        "{}{}",
        rule("a.b", "terms = [\"x\"]"),
        rule("a.b", "terms = [\"y\"]")
    );
    assert!(Checker::new(&[(&dup, "dup.toml")])
        .err()
        .unwrap()
        .to_string()
        .contains("重复"));
    let empty = rule("a.b", "terms = [\"\"]");
    assert!(Checker::new(&[(&empty, "empty.toml")])
        .err()
        .unwrap()
        .to_string()
        .contains("空词条"));
    // The regex crate never backtracks: the classic catastrophic pattern is linear.
    let evil = rule("a.evil", "patterns = [\"(a*)*b\"]");
    let checker = Checker::new(&[(&evil, "evil.toml")]).unwrap();
    let t0 = Instant::now();
    checker
        .check(&"a".repeat(100_000), &CheckOptions::default())
        .unwrap();
    assert!(t0.elapsed().as_secs() < 20);
    // Patterns that would compile to a huge automaton are rejected by size limits.
    let huge = rule("a.huge", "patterns = [\"(?:\\\\w{100}){100}\"]");
    let e = Checker::new(&[(&huge, "huge.toml")])
        .err()
        .expect("size limit")
        .to_string();
    assert!(e.contains("huge.toml") && e.contains("正则"), "{e}");
}

/// Time for the median of three runs, to damp noise.
fn median_time(text: &str) -> f64 {
    let mut times: Vec<f64> = (0..3)
        .map(|_| {
            let t0 = Instant::now();
            check(text).unwrap();
            t0.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    times[1]
}

/// Doubling the input must not much more than double the time. The bound is a
/// ratio, not an absolute time, so a slow or busy machine does not matter;
/// quadratic behaviour would show as a ratio near 4 at these sizes.
#[test]
fn time_grows_linearly_with_input() {
    let shapes: [(&str, &str); 6] = [
        (
            "claims with punctuation",
            "保本保息，零风险稳赚！全国第一。最近第一季度。谨防“保本”骗局。\n",
        ),
        ("one endless line", "保本收益稳定零风险理财第一季度最近"),
        ("unclosed comments", "<!-- 保本 "),
        ("unmatched angle brackets", "<b 保本 < 零风险 "),
        (
            "suppression markers",
            "保本 <!-- finlint-disable-line guarantee -->\n",
        ),
        (
            "digits",
            "13912345678 6222021234567890128 110101199003077571 ",
        ),
    ];
    for (name, unit) in shapes {
        let small = unit.repeat(200_000 / unit.len() + 1);
        let large = unit.repeat(800_000 / unit.len() + 1);
        let (ts, tl) = (median_time(&small), median_time(&large));
        let ratio = tl / ts.max(1e-4);
        println!(
            "{name}: {:.1} ms for {} KB, {:.1} ms for {} KB, ratio {ratio:.2} (linear = 4)",
            ts * 1e3,
            small.len() / 1024,
            tl * 1e3,
            large.len() / 1024
        );
        assert!(ratio < 8.0, "{name}: 4x input took {ratio:.1}x time");
    }
}

#[test]
fn max_findings_caps_the_report_errors_first_and_says_so() {
    // 300 warnings, then one error at the very end: a cap of 10 must keep the
    // error, so the verdict cannot flip to a pass.
    let text = format!("{}本产品保本。", "错过再等十年！\n".repeat(300));
    let options = |max| CheckOptions {
        product: Some("general".into()),
        max_findings: max,
    };
    let full = Checker::shared().check(&text, &options(None)).unwrap();
    assert!(!full.summary.truncated);
    assert!(full.summary.warnings >= 300 && full.summary.errors >= 1);
    let capped = Checker::shared().check(&text, &options(Some(10))).unwrap();
    assert!(capped.summary.truncated);
    assert!(capped.findings.iter().filter(|f| f.span.is_some()).count() <= 10);
    assert_eq!(capped.summary.pass, full.summary.pass);
    assert!(capped
        .findings
        .iter()
        .any(|f| f.rule == "guarantee.principal"));
    // Kept findings stay in document order.
    let starts: Vec<usize> = capped
        .findings
        .iter()
        .filter_map(|f| f.span.map(|s| s.start))
        .collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{starts:?}");
}

#[test]
fn max_findings_keeps_unsuppressed_errors_before_suppressed_ones() {
    // 50 suppressed errors first, one unsuppressed error last: a cap of 10
    // must keep the unsuppressed one, or the verdict would flip to a pass.
    let suppressed_line = "本产品保本。<!-- finlint-disable-line guarantee -->\n";
    let text = format!("{}另一产品保本。", suppressed_line.repeat(50));
    let report = Checker::shared()
        .check(
            &text,
            &CheckOptions {
                product: Some("general".into()),
                max_findings: Some(10),
            },
        )
        .unwrap();
    assert!(report.summary.truncated);
    assert!(!report.summary.pass, "{:?}", report.summary);
    assert!(report
        .findings
        .iter()
        .any(|f| f.rule == "guarantee.principal"));
}
