//! Invariants that hold for every input: spans inside the text, on character
//! boundaries, agreeing in all three units; determinism; locality.

use finlint::{CheckOptions, Checker, Report};
use proptest::prelude::*;

fn check(text: &str) -> Option<Report> {
    Checker::shared()
        .check(
            text,
            &CheckOptions {
                product: Some("general".into()),
                ..CheckOptions::default()
            },
        )
        .ok()
}

/// Fragments that exercise every normalisation path and many rules.
const PIECES: &[&str] = &[
    "保",
    "本",
    "零",
    "风",
    "险",
    "稳赚",
    "不赔",
    "最高",
    "第一",
    "季度",
    "不",
    "非",
    "“",
    "”",
    "谨防",
    "骗局",
    "所谓",
    "<b>",
    "</b>",
    "<p>",
    "<!--",
    "-->",
    "<!-- finlint-disable -->",
    "<!-- finlint-enable -->",
    "&amp;",
    "&#26412;",
    "&nbsp;",
    "&",
    "<",
    ">",
    " ",
    "*",
    "-",
    "\u{200B}",
    "\u{00AD}",
    "\u{202E}",
    "\u{0301}",
    "😀",
    "𠀋",
    "\u{FFFD}",
    "１００％",
    "穩賺",
    "無風險",
    "，",
    "。",
    "\n",
    "\0",
    "R2",
    "风险等级：",
    "2026年11月1日",
    "13912345678",
    "6222021234567890128",
    "理财非存款",
    "抽奖",
    "详见活动规则",
    "专家推荐",
    "近三年收益率156%",
    "日息0.02%",
    "a",
    "1",
    "آ",
    "ב",
];

fn html_like() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|v| v.concat())
}

fn mixed() -> impl Strategy<Value = String> {
    prop_oneof![
        html_like(),
        any::<String>(),
        "[\\p{Han}\\p{Arabic}\\p{Hebrew} <>&;0-9a-z\u{200B}-\u{200F}\u{0300}-\u{036F}]{0,80}"
    ]
}

fn assert_spans_valid(text: &str, report: &Report) {
    let units: Vec<u16> = text.encode_utf16().collect();
    let spans = report
        .findings
        .iter()
        .filter_map(|f| f.place.span.map(|s| (s, f.place.text.clone())))
        .chain(
            [
                &report.labels.risk_level,
                &report.labels.liquidity,
                &report.labels.advertiser,
                &report.labels.date,
                &report.labels.risk_warning,
            ]
            .into_iter()
            .filter_map(|l| l.span.map(|s| (s, l.text.clone().unwrap_or_default()))),
        );
    for (s, t) in spans {
        assert!(
            s.byte_start <= s.byte_end && s.byte_end <= text.len(),
            "{s:?}"
        );
        assert!(
            text.is_char_boundary(s.byte_start) && text.is_char_boundary(s.byte_end),
            "{s:?}"
        );
        assert!(s.start <= s.end && s.utf16_start <= s.utf16_end, "{s:?}");
        let by_bytes = &text[s.byte_start..s.byte_end];
        let by_scalars: String = text.chars().skip(s.start).take(s.end - s.start).collect();
        let by_utf16 = String::from_utf16(&units[s.utf16_start..s.utf16_end]).unwrap();
        assert_eq!(by_bytes, t);
        assert_eq!(by_scalars, t);
        assert_eq!(by_utf16, t);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn spans_are_valid_and_agree(text in mixed()) {
        if let Some(report) = check(&text) {
            assert_spans_valid(&text, &report);
        }
    }

    #[test]
    fn check_is_deterministic(text in mixed()) {
        let a = check(&text).map(|r| serde_json::to_string(&r).unwrap());
        let b = check(&text).map(|r| serde_json::to_string(&r).unwrap());
        prop_assert_eq!(a, b);
    }

    #[test]
    fn an_unrelated_sentence_removes_no_finding(text in html_like(), extra in prop::sample::select(&[
        "今天天气很好。", "欢迎来到网点咨询。", "请携带身份证件办理。", "我们的营业时间为工作日。",
    ][..])) {
        let Some(before) = check(&text) else { return Ok(()); };
        let longer = format!("{text}\n{extra}");
        let after = check(&longer).expect("longer text checks");
        for f in before.findings.iter().filter(|f| f.place.span.is_some()) {
            prop_assert!(
                after.findings.iter().any(|g| g.rule == f.rule && g.place.span == f.place.span) ||
                after.suppressed.iter().any(|g| g.finding.rule == f.rule && g.finding.place.span == f.place.span),
                "{} {:?} lost after appending {:?}", f.rule, f.place.text, extra
            );
        }
    }
}
