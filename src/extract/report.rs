//! Checking an extracted document: the reviewer's report names the file, its
//! SHA-256 and each finding's place in the document's own terms.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{read_document, Document, Format, Part};
use crate::error::{DocumentKind, Error};
use crate::pack::Severity;
use crate::report::Place;
use crate::{CheckOptions, Checker, Finding, Report};

/// The `document` field of a report on a .docx, .pptx, .pdf or image.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DocumentInfo {
    pub file: String,
    pub sha256: String,
    pub format: Format,
    pub bytes: usize,
    /// How the text was obtained (tracked changes accepted, OCR), in Chinese.
    pub notices: Vec<String>,
    /// Findings in speaker notes and comments, which readers do not see.
    pub hidden: Vec<HiddenFinding>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum HiddenPart {
    /// Speaker notes: spoken to the audience, so their errors fail the file.
    Notes,
    /// Comments: internal remarks, listed for the reviewer only.
    Comments,
}

impl HiddenPart {
    pub const ALL: [HiddenPart; 2] = [HiddenPart::Notes, HiddenPart::Comments];

    /// The id, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            HiddenPart::Notes => "notes",
            HiddenPart::Comments => "comments",
        }
    }

    /// The Chinese name, from data/catalog.toml.
    pub fn label_zh(self) -> &'static str {
        crate::catalog().hidden_part_name(self)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct HiddenFinding {
    pub part: HiddenPart,
    /// Its span, line and column are in that part's own extracted text.
    #[serde(flatten)]
    pub finding: Finding,
}

/// A checked document: the report and the texts its spans point into.
#[derive(Debug, Clone)]
pub struct CheckedDocument {
    pub document: Document,
    pub report: Report,
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Read `bytes` as the document `name` and check it.
pub fn check_document(
    checker: &Checker,
    name: &str,
    bytes: &[u8],
    options: &CheckOptions,
) -> Result<CheckedDocument, Error> {
    let document = read_document(name, bytes)?;
    if document.body.is_empty() {
        let why = "文档中没有读者可见的文字，无法检查".to_string();
        return Err(Error::document(name, DocumentKind::NoText(why)));
    }
    let report = annotate(checker, name, bytes, &document, options)?;
    Ok(CheckedDocument { document, report })
}

/// Check the document's visible text, then its notes and comments apart,
/// and give every finding its location.
pub fn annotate(
    checker: &Checker,
    name: &str,
    bytes: &[u8],
    doc: &Document,
    options: &CheckOptions,
) -> Result<Report, Error> {
    // The message names the file, as a reading error's does.
    let fail = |e: Error| Error::document(name, DocumentKind::Check(Box::new(e)));
    let mut report = checker.check(&doc.body.text, options).map_err(fail)?;
    locate(report.findings.iter_mut().map(|f| &mut f.place), &doc.body);
    let suppressed = report.suppressed.iter_mut();
    locate(suppressed.map(|s| &mut s.finding.place), &doc.body);
    let explained = report.explained.iter_mut().flatten();
    locate(explained.map(|e| &mut e.place), &doc.body);
    let mut hidden = Vec::new();
    for (part, text) in [
        (HiddenPart::Notes, &doc.notes),
        (HiddenPart::Comments, &doc.comments),
    ] {
        hidden.extend(check_hidden(checker, part, text, options).map_err(fail)?);
    }
    let note_errors = hidden
        .iter()
        .filter(|h| h.part == HiddenPart::Notes && h.finding.severity == Severity::Error)
        .count();
    if note_errors > 0 {
        report.summary.pass = false;
        report.summary.verdict = format!(
            "{}；演讲者备注中另有 {note_errors} 个错误",
            report.summary.verdict
        );
    }
    report.document = Some(DocumentInfo {
        file: name.to_string(),
        sha256: sha256_hex(bytes),
        format: doc.format,
        bytes: bytes.len(),
        notices: doc.notices.clone(),
        hidden,
    });
    Ok(report)
}

/// Give each place (of a finding, suppressed or not, or an explained
/// candidate) its location in the document part it is a span of.
fn locate<'a>(places: impl Iterator<Item = &'a mut Place>, part: &Part) {
    for place in places {
        place.location = place
            .span
            .and_then(|s| part.locate(s.byte_start))
            .cloned()
            .map(Box::new);
    }
}

/// Findings with a span in notes or comments. Their labels are ignored: a
/// risk warning in the notes does not reach the reader.
fn check_hidden(
    checker: &Checker,
    part: HiddenPart,
    text: &Part,
    options: &CheckOptions,
) -> Result<Vec<HiddenFinding>, Error> {
    if text.is_empty() {
        return Ok(Vec::new());
    }
    let mut findings = checker.check(&text.text, options)?.findings;
    findings.retain(|f| f.place.span.is_some());
    locate(findings.iter_mut().map(|f| &mut f.place), text);
    Ok(findings
        .into_iter()
        .map(|finding| HiddenFinding { part, finding })
        .collect())
}
