//! The terminal format: each finding with its line and column, the excerpt,
//! the message, the suggestion and the legal basis.

use crate::pack::{LabelKind, Severity};
use crate::report::Report;

pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

fn severity_code(s: Severity) -> &'static str {
    match s {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
        Severity::Info => "1;36",
    }
}

fn label_name(k: LabelKind) -> &'static str {
    match k {
        LabelKind::RiskLevel => "风险等级",
        LabelKind::Liquidity => "流动性",
        LabelKind::Advertiser => "广告主",
        LabelKind::Date => "发布日期",
        LabelKind::RiskWarning => "风险提示",
    }
}

pub fn render(name: &str, input: &str, report: &Report, style: &Style) -> String {
    let mut out = String::new();
    let source = report
        .document
        .as_ref()
        .map(|d| format!("{}，SHA-256 {}，", d.format.label_zh(), d.sha256))
        .unwrap_or_default();
    out.push_str(&style.paint(
        "1",
        &format!(
            "{name}（{source}产品类型：{}，{}）",
            report.profile.name, report.profile.reason
        ),
    ));
    out.push('\n');
    if let Some(doc) = &report.document {
        for notice in &doc.notices {
            out.push_str(&format!("注意：{notice}\n"));
        }
    }
    for f in &report.findings {
        let place = place(name, f);
        out.push_str(&format!(
            "{place}: {} [{}] {}\n",
            style.paint(severity_code(f.severity), f.severity.label_zh()),
            f.rule,
            f.message
        ));
        if let Some(span) = f.span {
            out.push_str(&format!(
                "    原文：{}\n",
                excerpt(input, span.byte_start, span.byte_end, style)
            ));
        }
        if !f.suggestion.is_empty() {
            out.push_str(&format!("    建议：{}\n", f.suggestion));
        }
        out.push_str(&format!("    依据：{}\n", f.basis));
    }
    if let Some(doc) = report.document.as_ref().filter(|d| !d.hidden.is_empty()) {
        out.push_str("读者看不到的部分（演讲者备注计入结论，批注仅供参考）：\n");
        for h in &doc.hidden {
            let f = &h.finding;
            // Line and column would count in the notes' own text, which the
            // reviewer never sees as one piece: the location says it all.
            let at = f
                .location
                .as_ref()
                .map(|l| format!("（{}）", l.describe()))
                .unwrap_or_default();
            out.push_str(&format!(
                "{} {name}{at}: {} [{}] {}\n    原文：{}\n",
                h.part.label_zh(),
                style.paint(severity_code(f.severity), f.severity.label_zh()),
                f.rule,
                f.message,
                f.text
            ));
        }
    }
    out.push_str("必备信息：");
    let parts: Vec<String> = LabelKind::ALL
        .iter()
        .map(|k| {
            let s = report.labels.get(*k);
            let mark = if s.present {
                style.paint("32", "✓")
            } else if s.required {
                style.paint("31", "✗")
            } else {
                "–".to_string()
            };
            format!("{}{mark}", label_name(*k))
        })
        .collect();
    out.push_str(&parts.join("  "));
    out.push('\n');
    if !report.suppressed.is_empty() {
        out.push_str(&format!("已按标记忽略 {} 项：\n", report.suppressed.len()));
        for s in &report.suppressed {
            out.push_str(&format!(
                "    [{}] {:?}（{}）\n",
                s.finding.rule, s.finding.text, s.marker
            ));
        }
    }
    let verdict_code = if report.summary.pass { "1;32" } else { "1;31" };
    out.push_str(&style.paint(verdict_code, &format!("结论：{}", report.summary.verdict)));
    out.push_str(&format!("（规则包 {}）\n", report.version.rules));
    out
}

/// `file:line:column` in the checked text, then the place in the document.
fn place(name: &str, f: &crate::report::Finding) -> String {
    let mut place = match (f.line, f.column) {
        (Some(l), Some(c)) => format!("{name}:{l}:{c}"),
        _ => name.to_string(),
    };
    if let Some(loc) = &f.location {
        place.push_str(&format!("（{}）", loc.describe()));
    }
    place
}

/// The finding with up to 12 characters of context either side, one line.
fn excerpt(input: &str, start: usize, end: usize, style: &Style) -> String {
    let before = crate::labels::tail_chars(&input[..start], 12);
    let after = crate::labels::head_chars(&input[end..], 12);
    let clean = |s: &str| s.replace(['\n', '\r'], " ");
    format!(
        "{}{}{}",
        clean(before),
        style.paint("1;4", &clean(&input[start..end])),
        clean(after)
    )
}
