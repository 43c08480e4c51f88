//! The terminal format: each finding with its line and column, the excerpt,
//! the message, the suggestion and the legal basis.

use super::{display_width, sanitize};
use crate::catalog::catalog;
use crate::pack::{LabelKind, Severity};
use crate::report::{ExplainReason, Report};

pub struct Style {
    pub color: bool,
    /// The encoding the input was read in, when it was not plain UTF-8.
    pub encoding: Option<&'static str>,
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

/// Everything shown comes from the input or a user pack is passed through
/// `sanitize`, so escape codes in the copy never reach the terminal raw.
pub fn render(name: &str, input: &str, report: &Report, style: &Style) -> String {
    let mut out = String::new();
    let _ = write(&mut out, name, input, report, style);
    out
}

/// `render`, streamed: a report with millions of findings is written as it
/// is formatted instead of being built as one string first.
pub fn write<W: std::fmt::Write>(
    out: &mut W,
    name: &str,
    input: &str,
    report: &Report,
    style: &Style,
) -> std::fmt::Result {
    let name = sanitize(name);
    let encoding = style
        .encoding
        .map(|e| format!("，按 {e} 编码读取"))
        .unwrap_or_default();
    let source = report
        .document
        .as_ref()
        .map(|d| format!("{}，SHA-256 {}，", d.format.label_zh(), d.sha256))
        .unwrap_or_default();
    out.write_str(&style.paint(
        "1",
        &format!(
            "{name}（{source}产品类型：{}，{}{encoding}）",
            report.profile.name,
            sanitize(&report.profile.reason)
        ),
    ))?;
    out.write_char('\n')?;
    if let Some(doc) = &report.document {
        for notice in &doc.notices {
            out.write_str(&format!("注意：{}\n", sanitize(notice)))?;
        }
    }
    for f in &report.findings {
        let place = place(&name, f);
        out.write_str(&format!(
            "{place}: {} [{}] {}\n",
            style.paint(
                severity_code(f.severity),
                catalog().severity_name(f.severity)
            ),
            sanitize(&f.rule),
            sanitize(&f.message)
        ))?;
        if let Some(span) = f.place.span {
            out.write_str(&excerpt(input, span.byte_start, span.byte_end, style))?;
        }
        if !f.suggestion.is_empty() {
            out.write_str(&format!("    建议：{}\n", sanitize(&f.suggestion)))?;
        }
        out.write_str(&format!("    依据：{}\n", sanitize(&f.basis)))?;
    }
    if let Some(doc) = report.document.as_ref().filter(|d| !d.hidden.is_empty()) {
        out.write_str("读者看不到的部分（演讲者备注计入结论，批注仅供参考）：\n")?;
        for h in &doc.hidden {
            let f = &h.finding;
            // Line and column would count in the notes' own text, which the
            // reviewer never sees as one piece: the location says it all.
            let at = f
                .place
                .location
                .as_ref()
                .map(|l| format!("（{}）", l.describe()))
                .unwrap_or_default();
            out.write_str(&format!(
                "{} {name}{at}: {} [{}] {}\n    原文：{}\n",
                h.part.label_zh(),
                style.paint(
                    severity_code(f.severity),
                    catalog().severity_name(f.severity)
                ),
                sanitize(&f.rule),
                sanitize(&f.message),
                sanitize(&f.place.text)
            ))?;
        }
    }
    out.write_str("必备信息：")?;
    let parts: Vec<String> = LabelKind::ALL
        .iter()
        .map(|k| {
            let s = report.labels.get(*k);
            // A warning text that sells nothing has its missing labels as
            // notes (提示): they are not demanded of it.
            let rule = format!("label.{}", k.as_str());
            let softened = report
                .findings
                .iter()
                .any(|f| f.rule == rule && f.severity == Severity::Info);
            let mark = if s.present {
                style.paint("32", "✓")
            } else if s.required && !softened {
                style.paint("31", "✗")
            } else {
                "–".to_string()
            };
            format!("{}{mark}", catalog().label_name(*k))
        })
        .collect();
    out.write_str(&parts.join("  "))?;
    out.write_char('\n')?;
    if !report.suppressed.is_empty() {
        out.write_str(&format!(
            "已忽略 {} 项（括号内为原因）：\n",
            report.suppressed.len()
        ))?;
        for s in &report.suppressed {
            out.write_str(&format!(
                "    [{}] {:?}（{}）\n",
                sanitize(&s.finding.rule),
                s.finding.place.text,
                sanitize(&s.marker)
            ))?;
        }
    }
    if report.summary.truncated {
        let located = report
            .findings
            .iter()
            .filter(|f| f.place.span.is_some())
            .count();
        out.write_str(&format!(
            "已截断：问题过多，只列出最严重的 {located} 处（上限可用 --max-findings 调整）；计数按列出的问题计算，错误优先保留，结论不受影响。\n"
        ))?;
    }
    if let Some(explained) = &report.explained {
        write_explained(out, &name, input, report, explained, style)?;
    }
    let verdict_code = if report.summary.pass { "1;32" } else { "1;31" };
    out.write_str(&style.paint(verdict_code, &format!("结论：{}", report.summary.verdict)))?;
    out.write_str(&format!("（规则包 {}）\n", sanitize(&report.version.rules)))?;
    Ok(())
}

/// `--explain`: the document's genre, then each candidate found but not
/// reported, with its place, excerpt and reason.
fn write_explained<W: std::fmt::Write>(
    out: &mut W,
    name: &str,
    input: &str,
    report: &Report,
    explained: &[crate::report::Explained],
    style: &Style,
) -> std::fmt::Result {
    out.write_str(&style.paint("1", "未标记的疑似用语（--explain）："))?;
    out.write_char('\n')?;
    if let Some(genre) = &report.genre {
        out.write_str(&format!("    体裁：{}\n", sanitize(&genre.reason)))?;
        let cited = explained
            .iter()
            .filter(|e| {
                matches!(
                    e.reason,
                    ExplainReason::GenreCitation | ExplainReason::QuotationFrame
                )
            })
            .count();
        if report.findings.iter().all(|f| f.place.span.is_none()) && cited > 0 {
            out.write_str(&format!(
                "    因此本文没有标记任何宣传用语：下列 {cited} 处是列举或加引号警示的说法，视为引用\n"
            ))?;
        }
    }
    if explained.is_empty() {
        out.write_str("    （无：规则找到的疑似用语均已标记）\n")?;
    }
    for e in explained {
        let place = at(
            name,
            e.place.line,
            e.place.column,
            e.place.location.as_deref(),
        );
        out.write_str(&format!(
            "{place}: {} [{}] {}\n",
            style.paint("2", &format!("未标记·{}", e.reason.label_zh())),
            sanitize(&e.rule),
            sanitize(&e.detail)
        ))?;
        if let Some(span) = e.place.span {
            out.write_str(&excerpt(input, span.byte_start, span.byte_end, style))?;
        }
    }
    Ok(())
}

/// `file:line:column` in the checked text, then the place in the document.
fn place(name: &str, f: &crate::report::Finding) -> String {
    at(
        name,
        f.place.line,
        f.place.column,
        f.place.location.as_deref(),
    )
}

fn at(
    name: &str,
    line: Option<usize>,
    column: Option<usize>,
    location: Option<&crate::extract::Location>,
) -> String {
    let mut place = match (line, column) {
        (Some(l), Some(c)) => format!("{name}:{l}:{c}"),
        _ => name.to_string(),
    };
    if let Some(loc) = location {
        place.push_str(&format!("（{}）", loc.describe()));
    }
    place
}

/// The finding with up to 12 characters of context either side, on one
/// line. In colour the finding is underlined; without colour (piped, or
/// `--color never`) a caret line under it marks where it is.
fn excerpt(input: &str, start: usize, end: usize, style: &Style) -> String {
    const LABEL: &str = "    原文：";
    let before = crate::text::tail_chars(&input[..start], 12);
    let after = crate::text::head_chars(&input[end..], 12);
    let clean = |s: &str| sanitize(&s.replace(['\n', '\r'], " ")).into_owned();
    let (before, hit, after) = (
        clean(before),
        clean(&shorten(&input[start..end])),
        clean(after),
    );
    if style.color {
        return format!("{LABEL}{before}{}{after}\n", style.paint("1;4", &hit));
    }
    format!(
        "{LABEL}{before}{hit}{after}\n{}{}\n",
        " ".repeat(display_width(LABEL) + display_width(&before)),
        "^".repeat(display_width(&hit).max(1))
    )
}

/// A very long hit (merged repetitions) is shown by its ends.
fn shorten(hit: &str) -> String {
    const KEEP: usize = 40;
    if hit.chars().count() <= 2 * KEEP {
        return hit.to_string();
    }
    let head = crate::text::head_chars(hit, KEEP);
    let tail = crate::text::tail_chars(hit, KEEP);
    format!("{head}……{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_hit_is_shown_by_its_ends() {
        let hit = "保本".repeat(1000);
        let shown = shorten(&hit);
        assert_eq!(shown.chars().count(), 82);
        assert!(shown.contains("……"));
        assert_eq!(shorten("保本"), "保本");
    }

    #[test]
    fn the_caret_line_sits_under_the_hit() {
        let input = "前文，保本理财。";
        let start = input.find("保本").unwrap();
        let style = Style {
            color: false,
            encoding: None,
        };
        let out = excerpt(input, start, start + "保本".len(), &style);
        let lines: Vec<&str> = out.lines().collect();
        let col = display_width(&lines[0][..lines[0].find("保本").unwrap()]);
        assert_eq!(lines[1], format!("{}^^^^", " ".repeat(col)));
    }
}
