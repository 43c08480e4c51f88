//! GitHub workflow commands (`::error file=…,line=…,col=…::message`), so a
//! content repository can gate merges on finlint without SARIF tooling.

use crate::pack::Severity;
use crate::report::Report;

/// Workflow commands need `%`, CR and LF escaped in the message, and also `,`
/// and `:` in property values.
fn escape_data(s: &str) -> String {
    super::sanitize(s)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(file: &str, report: &Report) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let kind = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let line = f.place.line.unwrap_or(1);
        let col = f.place.column.unwrap_or(1);
        let title = escape_property(&format!("finlint {}", f.rule));
        let msg = escape_data(&format!(
            "{} 建议：{} 依据：{}",
            f.message, f.suggestion, f.basis
        ));
        out.push_str(&format!(
            "::{kind} file={},line={line},col={col},title={title}::{msg}\n",
            escape_property(file)
        ));
    }
    out
}

/// A file that could not be read or checked fails the job too.
pub fn render_error(file: &str, error: &str) -> String {
    format!(
        "::error file={},title={}::{}\n",
        escape_property(file),
        escape_property("finlint 无法检查"),
        escape_data(error)
    )
}
