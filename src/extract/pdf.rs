//! PDF: the text layer of each page, in content-stream order, with lopdf.
//!
//! lopdf was chosen over pdf-extract by measurement on a Chromium-printed CJK
//! leaflet: both give the same text per page, lopdf in half the time and
//! with fewer dependencies (pdf-extract is built on lopdf). It recovers
//! damaged cross-reference tables by scanning for objects and bounds each
//! page's decompressed content.

use std::panic::{catch_unwind, AssertUnwindSafe};

use lopdf::Document as Pdf;

use super::{Document, Format, Location};
use crate::error::DocumentKind;

pub fn read(bytes: &[u8]) -> Result<Document, DocumentKind> {
    // lopdf is not written for hostile input; a panic deep in its parser
    // must become this file's error, not end a directory run.
    catch_unwind(AssertUnwindSafe(|| read_inner(bytes))).unwrap_or_else(|_| {
        Err(DocumentKind::Corrupt(
            "PDF 结构异常，解析器无法处理".to_string(),
        ))
    })
}

fn read_inner(bytes: &[u8]) -> Result<Document, DocumentKind> {
    let pdf = Pdf::load_mem(bytes).map_err(|e| load_error(bytes, e))?;
    if pdf.is_encrypted() {
        return Err(DocumentKind::Encrypted);
    }
    let pages: Vec<u32> = pdf.get_pages().keys().copied().collect();
    if pages.is_empty() {
        return Err(DocumentKind::Corrupt(
            "找不到任何页面（页面树或交叉引用表损坏）".to_string(),
        ));
    }
    let mut doc = Document::new(Format::Pdf);
    for (i, number) in pages.iter().enumerate() {
        let page = i + 1;
        // A page whose content cannot be decoded (or inflates past lopdf's
        // bound) adds no text; if no page has any, the file is an error.
        let Ok(text) = pdf.extract_text(&[*number]) else {
            continue;
        };
        for (i, l) in text.lines().filter(|l| !l.trim().is_empty()).enumerate() {
            doc.body.push(l, Location::Page { page, line: i + 1 });
        }
    }
    if doc.body.is_empty() {
        return Err(DocumentKind::NoText(format!(
            "PDF 共 {} 页，但没有文字层（可能是扫描件或纯图片），无法检查其文字；请提供含文字的 PDF，或将页面导出为图片后用 OCR 检查",
            pages.len()
        )));
    }
    Ok(doc)
}

fn load_error(bytes: &[u8], e: lopdf::Error) -> DocumentKind {
    let message = e.to_string();
    let encrypted = matches!(
        e,
        lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword
    ) || contains(bytes, b"/Encrypt");
    if encrypted {
        DocumentKind::Encrypted
    } else {
        DocumentKind::Corrupt(format!("PDF 交叉引用表或对象结构无法解析：{message}"))
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
