//! Hostile and malformed input: each case gets a clear error or a sane
//! report. That no input makes the checker superlinear is a wall-clock
//! ratio, measured in benches/scaling.rs.

use finlint::{CheckOptions, Checker, Error, InputKind, Report};

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
            Err(e) => assert_eq!(e.input_kind(), Some(InputKind::Empty), "{t:?}: {e}"),
            // Invisible characters are not whitespace to Rust; the report is then simply clean.
            Ok(r) => assert!(r.findings.iter().all(|f| f.place.span.is_none()), "{t:?}"),
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
            if let Some(s) = f.place.span {
                assert_eq!(&broken[s.byte_start..s.byte_end], f.place.text);
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
        for f in r.findings.iter().filter(|f| f.place.span.is_some()) {
            let s = f.place.span.unwrap();
            assert_eq!(&t[s.byte_start..s.byte_end], f.place.text);
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
    let field = |e: Option<Error>| match e {
        Some(Error::Pack { field, line, .. }) => (field, line.is_some()),
        other => panic!("not a pack error: {other:?}"),
    };
    assert_eq!(
        field(Checker::new(&[(&dup, "dup.toml")]).err()),
        (Some("id".into()), true)
    );
    let empty = rule("a.b", "terms = [\"\"]");
    assert_eq!(
        field(Checker::new(&[(&empty, "empty.toml")]).err()),
        (Some("terms".into()), true)
    );
    // The regex crate never backtracks: the classic catastrophic pattern is linear.
    let evil = rule("a.evil", "patterns = [\"(a*)*b\"]");
    // Its time on long input is measured in benches/scaling.rs.
    let checker = Checker::new(&[(&evil, "evil.toml")]).unwrap();
    checker
        .check(&"a".repeat(100_000), &CheckOptions::default())
        .unwrap();
    // Patterns that would compile to a huge automaton are rejected by size limits.
    let huge = rule("a.huge", "patterns = [\"(?:\\\\w{100}){100}\"]");
    let e = Checker::new(&[(&huge, "huge.toml")])
        .err()
        .expect("size limit");
    assert!(
        matches!(&e, Error::Pack { origin, line: Some(_), field: Some(f), .. }
            if origin == "huge.toml" && f == "patterns"),
        "{e:?}"
    );
}

#[test]
fn max_findings_caps_the_report_errors_first_and_says_so() {
    // 300 warnings, then one error at the very end: a cap of 10 must keep the
    // error, so the verdict cannot flip to a pass.
    let text = format!("{}本产品保本。", "错过再等十年！\n".repeat(300));
    let options = |max| CheckOptions {
        product: Some("general".into()),
        max_findings: max,
        ..CheckOptions::default()
    };
    let full = Checker::shared().check(&text, &options(None)).unwrap();
    assert!(!full.summary.truncated);
    assert!(full.summary.warnings >= 300 && full.summary.errors >= 1);
    let capped = Checker::shared().check(&text, &options(Some(10))).unwrap();
    assert!(capped.summary.truncated);
    assert!(
        capped
            .findings
            .iter()
            .filter(|f| f.place.span.is_some())
            .count()
            <= 10
    );
    assert_eq!(capped.summary.pass, full.summary.pass);
    assert!(capped
        .findings
        .iter()
        .any(|f| f.rule == "guarantee.principal"));
    // Kept findings stay in document order.
    let starts: Vec<usize> = capped
        .findings
        .iter()
        .filter_map(|f| f.place.span.map(|s| s.start))
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
                ..CheckOptions::default()
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

fn user_rule(id: &str, severity: &str, body: &str) -> String {
    format!("[[rule]]\nid = \"{id}\"\ncategory = \"misleading\"\nseverity = \"{severity}\"\nmessage = \"m\"\nbasis = \"b\"\n{body}\n")
}

/// Issue 15, item 4: an info-level user term that contains 保本 used to
/// swallow the built-in error and flip the verdict, with nothing reported.
#[test]
fn a_user_rule_never_silently_drops_another_rules_finding() {
    let options = CheckOptions {
        product: Some("general".into()),
        ..CheckOptions::default()
    };
    let text = "本产品保本保收益";
    let info = user_rule("org.cover", "info", "terms = [\"本产品保本保收益\"]");
    let r = Checker::new(&[(&info, "info.toml")])
        .unwrap()
        .check(text, &options)
        .unwrap();
    assert!(!r.summary.pass, "verdict must not flip: {:?}", r.summary);
    assert!(r.findings.iter().any(|f| f.rule == "guarantee.principal"));
    assert!(r.findings.iter().any(|f| f.rule == "org.cover"));

    // At the same severity the user rule reports the claim, by design, and
    // the finding it covers is listed as suppressed with the reason.
    let error = user_rule("org.cover", "error", "terms = [\"本产品保本保收益\"]");
    let r = Checker::new(&[(&error, "error.toml")])
        .unwrap()
        .check(text, &options)
        .unwrap();
    assert!(!r.summary.pass);
    let covered = r
        .suppressed
        .iter()
        .find(|s| s.finding.rule == "guarantee.principal");
    let covered = covered.expect("the covered built-in finding is in `suppressed`");
    assert!(covered.marker.contains("org.cover"), "{}", covered.marker);
    assert_eq!(covered.finding.place.text, "保本保收益");
    assert_eq!(r.summary.suppressed, r.suppressed.len());

    // Built-in rules keep one finding per claim, as before.
    let r = check("保本保收益").unwrap();
    assert!(r.suppressed.is_empty(), "{:?}", r.suppressed);
}

// Linearity in input size and in the number of rules, and the cost of large
// allow and exception lists, are wall-clock ratios: they are measured in
// benches/scaling.rs (run by scripts/bench.sh), not in the default test run
// on a shared, loaded machine.

#[test]
fn pack_size_and_message_length_are_bounded_at_load_time() {
    let big = format!("allow = [\"{}\"]\n", "x".repeat(finlint::MAX_PACK_BYTES));
    let e = Checker::new(&[(&big, "big.toml")])
        .err()
        .unwrap()
        .to_string();
    assert!(
        e.contains("big.toml") && e.contains("16 MiB") && !e.contains("--jsonl"),
        "{e}"
    );
    // A long message is copied into every finding: 15 MB × 1,000 hits aborted the CLI.
    let long = format!(
        "[[rule]]\nid = \"org.long\"\ncategory = \"misleading\"\nseverity = \"error\"\nmessage = \"{}\"\nbasis = \"b\"\nterms = [\"x\"]\n",
        "长".repeat(finlint::pack::MAX_TEXT_CHARS + 1)
    );
    let e = Checker::new(&[(&long, "long.toml")]).err().unwrap();
    assert!(
        matches!(&e, Error::Pack { line: Some(2), field: Some(f), .. } if f == "message"),
        "{e:?}"
    );
}

#[test]
fn the_too_large_message_gives_the_exact_size() {
    let text = "a".repeat(finlint::MAX_INPUT_BYTES + 1);
    let e = check(&text).unwrap_err().to_string();
    assert!(
        e.contains("33,554,433 字节") && e.contains("33,554,432 字节"),
        "{e}"
    );
}

/// Issue 15, item 7: readers see alt and title text and noscript content.
#[test]
fn alt_title_and_noscript_text_is_checked_with_spans_into_the_original() {
    let html = "<p>稳健之选<img src=\"a.png\" alt=\"保本保息\"></p><p title=\"零风险\">详见说明</p><noscript>稳赚不赔</noscript><p>保<span title=\"注\">本</span></p>";
    let r = check(html).unwrap();
    for (rule, text) in [
        ("guarantee.principal", "保本保息"),
        ("guarantee.risk_free", "零风险"),
    ] {
        let f = r.findings.iter().find(|f| f.place.text == text);
        let f = f.unwrap_or_else(|| panic!("{rule} {text}: {:?}", r.findings));
        let s = f.place.span.unwrap();
        assert_eq!(&html[s.byte_start..s.byte_end], text);
    }
    assert!(
        r.findings.iter().any(|f| f.place.text.contains("稳赚")),
        "{:?}",
        r.findings
    );
    // A title inside a word does not split it.
    assert!(
        r.findings
            .iter()
            .any(|f| f.place.text.starts_with("保<span")),
        "{:?}",
        r.findings
    );
}

/// A `{text}` message quoting a merged run of repetitions must not copy
/// megabytes into the message.
#[test]
fn a_message_quotes_at_most_forty_characters_of_the_hit() {
    let pack = "[[rule]]\nid = \"org.run\"\ncategory = \"misleading\"\nseverity = \"error\"\nmessage = \"“{text}”{text}\"\nbasis = \"b\"\npatterns = [\"(?:金元宝)+\"]\n";
    let checker = Checker::new(&[(pack, "run.toml")]).unwrap();
    let r = checker
        .check(&"金元宝".repeat(5_000), &CheckOptions::default())
        .unwrap();
    let f = r.findings.iter().find(|f| f.rule == "org.run").unwrap();
    assert_eq!(
        f.place.text.chars().count(),
        15_000,
        "the span still covers the run"
    );
    assert!(f.message.chars().count() < 100, "{}", f.message);
    assert!(f.message.contains('…'));
}

/// A large allow-list (an organisation's 100,000 product and branch names)
/// is one automaton pass: allowed phrases go, the rest stay. (Its cost, once
/// minutes for 450 KB, is measured in benches/scaling.rs.)
#[test]
fn a_large_allow_list_applies_to_every_candidate() {
    let phrases: Vec<String> = (0..100_000).map(|i| format!("\"允许短语{i}号\"")).collect();
    let pack = format!("allow = [{}, \"鑫享第一\"]\n", phrases.join(","));
    let with_pack = Checker::new(&[(&pack, "allow.toml")]).unwrap();
    let text = "保本理财，零风险。鑫享第一。".repeat(5_000);
    let r = with_pack.check(&text, &CheckOptions::default()).unwrap();
    assert!(!r.findings.iter().any(|f| f.place.text.contains("鑫享第一")));
    assert!(r.findings.iter().any(|f| f.rule == "guarantee.principal"));
}

/// The same family for a rule's exceptions: a pack extending a rule with
/// 100,000 exceptions was scanned phrase by phrase for every hit.
#[test]
fn a_large_exception_list_applies_where_it_matches() {
    let phrases: Vec<String> = (0..100_000).map(|i| format!("\"例外短语{i}号\"")).collect();
    let pack = format!(
        "[[extend]]\nrule = \"guarantee.principal\"\nexceptions = [{}, \"保本理财通\"]\n",
        phrases.join(",")
    );
    let with_pack = Checker::new(&[(&pack, "exceptions.toml")]).unwrap();
    let text = "保本理财，零风险。保本理财通。".repeat(5_000);
    let before = Checker::shared()
        .check(&text, &CheckOptions::default())
        .unwrap();
    let r = with_pack.check(&text, &CheckOptions::default()).unwrap();
    let count = |r: &finlint::Report| {
        r.findings
            .iter()
            .filter(|f| f.rule == "guarantee.principal")
            .count()
    };
    assert!(
        count(&r) > 0 && count(&r) < count(&before),
        "the exception applies, and only there"
    );
}

fn rules_of(text: &str) -> Vec<String> {
    check(text)
        .unwrap()
        .findings
        .into_iter()
        .filter(|f| f.place.span.is_some())
        .map(|f| f.rule)
        .collect()
}

/// Issue 15, item 7: text that displays as a claim is checked as displayed.
/// U+202E (right-to-left override) makes the stored 本保 display as 保本; a
/// combining accent on 保 leaves 保本 readable.
#[test]
fn claims_hidden_by_bidi_overrides_or_combining_marks_are_caught() {
    for text in [
        "本产品\u{202E}本保\u{202C}，稳赚不赔",
        "\u{202E}本保\u{202C}",
        "本产品\u{202E}本保",
        // A right-to-left embedding with a right-to-left mark between the two
        // characters swaps them too.
        "本产品\u{202B}本\u{200F}保\u{202C}",
        // An isolate keeps the order.
        "本产品\u{2067}保本\u{2069}",
        "本产品保\u{0301}本",
        "本产品保\u{0301}\u{0323}本",
        "本产品保\u{1AB0}本",
        "本产品保\u{20DD}本",
        "本产品保\u{FE20}本",
        "本产品保\u{302A}本",
    ] {
        let r = check(text).unwrap();
        let f = r
            .findings
            .iter()
            .find(|f| f.rule == "guarantee.principal")
            .unwrap_or_else(|| panic!("{text:?}: {:?}", rules_of(text)));
        // The span maps back to the original bytes that display the claim.
        let s = f.place.span.unwrap();
        assert_eq!(&text[s.byte_start..s.byte_end], f.place.text, "{text:?}");
        assert!(
            f.place.text.contains('保') && f.place.text.contains('本'),
            "{text:?}: {}",
            f.place.text
        );
        assert!(!r.summary.pass, "{text:?}");
    }
    // Stored in display order under an override, 保本 reads as 本保: no claim.
    assert!(!rules_of("产品\u{202E}保本\u{202C}").contains(&"guarantee.principal".to_string()));
}

/// Ordinary Arabic and Hebrew text, with the bidi marks and isolates that
/// right-to-left writers use, is reordered for display but yields nothing
/// the same text without marks does not; Chinese copy around it is unchanged.
#[test]
fn right_to_left_text_with_bidi_marks_gives_no_false_finding() {
    let plain = [
        "مرحبا بكم في البنك، نقدم خدمات مصرفية متنوعة.",
        "שלום לכולם, הבנק שלנו פתוח מ-9 עד 17.",
        "العنوان: شارع 12، هاتف 5551234",
    ];
    let marked = [
        "\u{200F}مرحبا بكم في البنك\u{200F}، نقدم خدمات\u{061C} مصرفية متنوعة.",
        "\u{202B}שלום לכולם\u{202C}, \u{2067}הבנק שלנו\u{2069} פתוח מ-\u{2066}9\u{2069} עד \u{200E}17\u{200E}.",
        "\u{2068}العنوان: شارع 12\u{2069}، هاتف \u{202D}5551234\u{202C}",
    ];
    for (p, m) in plain.iter().zip(marked) {
        assert_eq!(rules_of(p), rules_of(m), "{m:?}");
        assert!(rules_of(m).is_empty(), "{m:?}: {:?}", rules_of(m));
    }
    // Chinese copy with an Arabic or Hebrew name and marks: the same findings
    // as without the name.
    let copy = "本产品为稳健型理财产品，风险等级R2，由\u{2067}شركة الأمل\u{2069}代销。";
    let bare = "本产品为稳健型理财产品，风险等级R2，由代销。";
    assert_eq!(rules_of(copy), rules_of(bare));
    let copy = "\u{200F}שלום 理财产品收益稳健";
    assert_eq!(rules_of(copy), rules_of("理财产品收益稳健"));
}

/// The next family: format and compatibility characters that render as an
/// ordinary character or as nothing. Each displays 保本 or 零风险.
#[test]
fn invisible_format_and_compatibility_characters_are_read_as_displayed() {
    for (text, rule) in [
        ("本产品保\u{2060}本", "guarantee.principal"),
        ("本产品保\u{2063}本", "guarantee.principal"),
        ("本产品保\u{FEFF}本", "guarantee.principal"),
        ("本产品保\u{FE0F}本", "guarantee.principal"),
        // An ideographic variation selector after a CJK character.
        ("本产品保\u{E0100}本", "guarantee.principal"),
        // Tag characters (an invisible "abc").
        (
            "本产品保\u{E0061}\u{E0062}\u{E0063}本",
            "guarantee.principal",
        ),
        ("本产品保\u{1D173}本", "guarantee.principal"),
        ("本产品保\u{2800}本", "guarantee.principal"),
        ("本产品保\u{3000}本", "guarantee.principal"),
        // CJK compatibility ideograph U+F9B2 (零) and the Kangxi radical ⼀.
        ("\u{F9B2}风险理财", "guarantee.risk_free"),
        ("\u{1F21A}风险", "guarantee.risk_free"),
    ] {
        let found = rules_of(text);
        assert!(found.iter().any(|r| r == rule), "{text:?}: {found:?}");
        let r = check(text).unwrap();
        for f in r.findings.iter().filter(|f| f.place.span.is_some()) {
            let s = f.place.span.unwrap();
            assert_eq!(&text[s.byte_start..s.byte_end], f.place.text, "{text:?}");
        }
    }
}

/// Issue 15, item 4, the case left: a hit with the same span. A user term at
/// info on exactly the span of a built-in frame rule's error
/// (`guarantee.loss_denial`, which has no terms) used to drop the error
/// silently and flip the verdict.
#[test]
fn a_user_rule_on_the_same_span_never_silently_drops_a_built_in_finding() {
    let options = CheckOptions {
        product: Some("general".into()),
        ..CheckOptions::default()
    };
    let text = "风险基本为零";
    let builtin = Checker::shared().check(text, &options).unwrap();
    let frame = builtin
        .findings
        .iter()
        .find(|f| f.rule == "guarantee.loss_denial")
        .expect("the built-in frame rule fires");
    assert_eq!(frame.place.text, text);
    assert!(!builtin.summary.pass);

    for severity in ["info", "warning"] {
        let pack = user_rule("org.same", severity, "terms = [\"风险基本为零\"]");
        let r = Checker::new(&[(&pack, "same.toml")])
            .unwrap()
            .check(text, &options)
            .unwrap();
        assert!(
            !r.summary.pass,
            "{severity}: verdict flipped: {:?}",
            r.summary
        );
        assert!(
            r.findings.iter().any(|f| f.rule == "guarantee.loss_denial"),
            "{severity}: {:?}",
            r.findings.iter().map(|f| &f.rule).collect::<Vec<_>>()
        );
    }
    // At the same severity one finding reports the claim and the other is
    // in `suppressed`, with the rule that reports it.
    let pack = user_rule("org.same", "error", "terms = [\"风险基本为零\"]");
    let r = Checker::new(&[(&pack, "same.toml")])
        .unwrap()
        .check(text, &options)
        .unwrap();
    assert!(!r.summary.pass);
    let reported: Vec<&str> = r.findings.iter().map(|f| f.rule.as_str()).collect();
    let hidden: Vec<&str> = r
        .suppressed
        .iter()
        .map(|s| s.finding.rule.as_str())
        .collect();
    assert!(
        reported.contains(&"guarantee.loss_denial") && hidden.contains(&"org.same")
            || reported.contains(&"org.same") && hidden.contains(&"guarantee.loss_denial"),
        "reported {reported:?}, suppressed {hidden:?}"
    );
    assert!(r.suppressed.iter().all(|s| s.marker.contains("重叠")));

    // A user term on the same span as a built-in term rule's hit (保本, error).
    for severity in ["info", "warning", "error"] {
        let pack = user_rule("org.term", severity, "terms = [\"保本\"]");
        let r = Checker::new(&[(&pack, "term.toml")])
            .unwrap()
            .check("本产品保本", &options)
            .unwrap();
        assert!(!r.summary.pass, "{severity}");
        let all: Vec<&str> = r
            .findings
            .iter()
            .map(|f| f.rule.as_str())
            .chain(r.suppressed.iter().map(|s| s.finding.rule.as_str()))
            .collect();
        assert!(
            all.contains(&"guarantee.principal") && all.contains(&"org.term"),
            "{severity}: neither may vanish: {all:?}"
        );
    }
}
