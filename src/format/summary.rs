//! The table printed after a multi-file check: one row per file, one column
//! per category, and a total row.

use crate::catalog::catalog;
use crate::pack::Category;
use crate::report::Report;

/// One row per `(file name, report)`.
pub fn render(files: &[(&str, &Report)]) -> String {
    let cats: Vec<Category> = Category::ALL.to_vec();
    let mut out = String::from("\n汇总\n");
    let header: Vec<String> = cats
        .iter()
        .map(|c| catalog().category_name(*c).to_string())
        .collect();
    out.push_str(&format!(
        "{} {:>4} {:>4}  {}\n",
        pad("文件", NAME_COLUMNS),
        "错误",
        "警告",
        header.join("  ")
    ));
    let mut totals = vec![0usize; cats.len()];
    let (mut errors, mut warnings, mut failing) = (0, 0, 0);
    for (name, report) in files {
        let counts: Vec<usize> = cats
            .iter()
            .map(|c| {
                report
                    .summary
                    .by_category
                    .get(c.as_str())
                    .copied()
                    .unwrap_or(0)
            })
            .collect();
        for (t, n) in totals.iter_mut().zip(&counts) {
            *t += n;
        }
        errors += report.summary.errors;
        warnings += report.summary.warnings;
        failing += usize::from(!report.summary.pass);
        out.push_str(&row(
            name,
            report.summary.errors,
            report.summary.warnings,
            &counts,
            &header,
        ));
    }
    out.push_str(&row("合计", errors, warnings, &totals, &header));
    out.push_str(&format!(
        "{} 个文件，{} 个需修改，{} 个可发布\n",
        files.len(),
        failing,
        files.len() - failing
    ));
    out
}

/// Each count is right-aligned under its (wide, CJK) column heading.
fn row(name: &str, errors: usize, warnings: usize, counts: &[usize], header: &[String]) -> String {
    let cells: Vec<String> = counts
        .iter()
        .zip(header)
        .map(|(n, h)| format!("{:>width$}", n, width = h.chars().count() * 2))
        .collect();
    let mut shown = super::sanitize(name).into_owned();
    while width(&shown) > NAME_COLUMNS {
        let mut rest = shown.chars();
        rest.next();
        rest.next();
        shown = format!("…{}", rest.as_str());
    }
    format!(
        "{} {errors:>6} {warnings:>6}  {}\n",
        pad(&shown, NAME_COLUMNS),
        cells.join("  ")
    )
}

const NAME_COLUMNS: usize = 40;

use super::display_width as width;

fn pad(s: &str, columns: usize) -> String {
    format!("{s}{}", " ".repeat(columns.saturating_sub(width(s))))
}
