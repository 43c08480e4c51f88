//! Spans point into the ORIGINAL input in three units, through HTML, entities,
//! full-width forms, evasion and astral-plane characters.

use finlint::{CheckOptions, Checker, Report};

fn check(text: &str) -> Report {
    Checker::shared()
        .check(
            text,
            &CheckOptions {
                product: Some("general".into()),
                ..CheckOptions::default()
            },
        )
        .unwrap()
}

fn utf16_slice(text: &str, start: usize, end: usize) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&units[start..end]).unwrap()
}

fn assert_three_units_agree(text: &str, report: &Report) {
    for f in &report.findings {
        let Some(s) = f.place.span else { continue };
        let by_bytes = &text[s.byte_start..s.byte_end];
        let by_scalars: String = text.chars().skip(s.start).take(s.end - s.start).collect();
        assert_eq!(by_bytes, f.place.text, "{}", f.rule);
        assert_eq!(by_scalars, f.place.text, "{}", f.rule);
        assert_eq!(
            utf16_slice(text, s.utf16_start, s.utf16_end),
            f.place.text,
            "{}",
            f.rule
        );
    }
}

#[test]
fn astral_characters_shift_utf16_but_not_scalars() {
    let text = "😀🎉保本理财，𠀋零风险";
    let report = check(text);
    assert_three_units_agree(text, &report);
    let first = report
        .findings
        .iter()
        .find(|f| f.place.text.starts_with('保'))
        .expect("保本 flagged");
    let s = first.place.span.unwrap();
    assert_eq!((s.start, s.utf16_start, s.byte_start), (2, 4, 8));
    let risk = report
        .findings
        .iter()
        .find(|f| f.place.text == "零风险")
        .expect("零风险 flagged");
    assert_eq!(risk.place.span.unwrap().start, 8);
    assert_eq!(risk.place.span.unwrap().utf16_start, 11);
}

#[test]
fn html_spans_cover_the_tags_inside_the_phrase() {
    let text = "<p>收益<em>稳定</em>，<i>保</i><b>本</b>无忧</p>";
    let report = check(text);
    assert_three_units_agree(text, &report);
    let f = report
        .findings
        .iter()
        .find(|f| f.rule == "guarantee.principal")
        .unwrap();
    assert_eq!(f.place.text, "保</i><b>本</b>无忧");
    // What a reader sees, and what the message quotes: never the markup.
    assert_eq!(f.place.visible, "保本无忧");
    assert!(f.message.contains("“保本无忧”") && !f.message.contains('<'));
}

#[test]
fn label_visible_text_drops_the_markup() {
    let text = "<p>风险等级：<b>R2</b>，封闭期90天</p>";
    let report = check(text);
    let risk = &report.labels.risk_level;
    assert!(risk.present);
    assert!(risk.text.as_deref().unwrap().contains("<b>"));
    assert!(!risk.visible.as_deref().unwrap().contains('<'));
}

#[test]
fn visible_text_and_messages_carry_no_markup_or_raw_entities() {
    let text = "<p>本产品<strong>保本</strong>保息，收益&#39640;&#36798;8%，保<img src=x onerror=alert(1)>本</p>";
    let report = check(text);
    assert_three_units_agree(text, &report);
    let visible: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.place.span.is_some())
        .map(|f| f.place.visible.as_str())
        .collect();
    assert!(visible.contains(&"保本保息"), "{visible:?}");
    assert!(visible.contains(&"收益高达8%"), "{visible:?}");
    assert!(visible.contains(&"保本"), "{visible:?}");
    for f in &report.findings {
        assert!(
            !f.message.contains('<') && !f.message.contains("&#"),
            "{}",
            f.message
        );
    }
}

#[test]
fn alt_and_title_texts_are_checked_with_spans_inside_the_attribute() {
    let text =
        r#"<p>年终好礼<img src="a.png" alt="稳赚不赔"><a href="/x" title="保本保息">详情</a></p>"#;
    let report = check(text);
    assert_three_units_agree(text, &report);
    let texts: Vec<&str> = report
        .findings
        .iter()
        .map(|f| f.place.text.as_str())
        .collect();
    assert!(texts.contains(&"稳赚不赔"), "{texts:?}");
    assert!(texts.contains(&"保本保息"), "{texts:?}");
}

#[test]
fn entities_and_full_width_map_back() {
    let text = "保&#26412;无忧，收益１００％保障";
    let report = check(text);
    assert_three_units_agree(text, &report);
    assert!(report
        .findings
        .iter()
        .any(|f| f.place.text == "保&#26412;无忧"));
    assert!(report
        .findings
        .iter()
        .any(|f| f.place.text.contains("１００％")));
}

#[test]
fn evasion_spans_include_the_inserted_characters() {
    let text = "零 - 风 - 险，稳\u{200B}赚";
    let report = check(text);
    assert_three_units_agree(text, &report);
    assert!(report
        .findings
        .iter()
        .any(|f| f.place.text == "零 - 风 - 险"));
    assert!(report
        .findings
        .iter()
        .any(|f| f.place.text == "稳\u{200B}赚"));
}

#[test]
fn label_spans_are_original_text() {
    let text = "风险等级：ＰＲ２（中低风险）。理財非存款、產品有風險、投資須謹慎。";
    let report = check(text);
    let risk = &report.labels.risk_level;
    assert!(risk.present);
    let s = risk.span.unwrap();
    assert_eq!(
        &text[s.byte_start..s.byte_end],
        risk.text.as_deref().unwrap()
    );
    assert!(report.labels.risk_warning.present);
    assert_eq!(
        report.labels.risk_warning.text.as_deref(),
        Some("理財非存款")
    );
}

#[test]
fn line_and_column_are_one_based_characters() {
    let text = "第一行\n第二行保本";
    let report = check(text);
    let f = &report
        .findings
        .iter()
        .find(|f| f.rule == "guarantee.principal")
        .unwrap();
    assert_eq!((f.place.line, f.place.column), (Some(2), Some(4)));
}
