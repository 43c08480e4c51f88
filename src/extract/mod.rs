//! Text extraction from the files reviewers actually receive: Word (.docx),
//! PowerPoint (.pptx), PDF and poster images (OCR).
//!
//! Each reader turns a file's bytes into a [`Document`]: the text a reader
//! sees (`body`), the text only the author sees (`notes`, `comments`), and for
//! each of them a map from byte ranges of the extracted text to places in the
//! document's own terms (paragraph, table cell, slide and shape, page, OCR
//! line box). The checker runs on the extracted text; [`locate`] then gives
//! each finding its place in the document.
//!
//! The .docx and .pptx readers are pure Rust and build for wasm32. PDF
//! (feature `pdf`) and OCR (a native `tesseract` process) are CLI-only.

mod location;
mod ooxml;
mod report;

pub mod docx;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod pptx;

#[cfg(not(target_arch = "wasm32"))]
pub mod ocr;

use serde::{Deserialize, Serialize};

use crate::error::{DocumentKind, Error};

pub use location::Location;
pub use report::{
    annotate, check_document, sha256_hex, CheckedDocument, DocumentInfo, HiddenFinding, HiddenPart,
};

/// Largest document file accepted: generous, because decks carry images, but
/// bounded so a hostile file cannot exhaust memory.
pub const MAX_DOCUMENT_BYTES: usize = 256 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Docx,
    Pptx,
    Pdf,
    Image,
}

impl Format {
    /// The format a file name's extension names, if it is one we read.
    pub fn from_name(name: &str) -> Option<Format> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "docx" | "docm" => Some(Format::Docx),
            "pptx" | "pptm" => Some(Format::Pptx),
            "pdf" => Some(Format::Pdf),
            "png" | "jpg" | "jpeg" | "tif" | "tiff" | "bmp" | "webp" => Some(Format::Image),
            _ => None,
        }
    }

    pub const ALL: [Format; 4] = [Format::Docx, Format::Pptx, Format::Pdf, Format::Image];

    /// The id, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Pptx => "pptx",
            Format::Pdf => "pdf",
            Format::Image => "image",
        }
    }

    /// The Chinese name, from data/catalog.toml.
    pub fn label_zh(self) -> &'static str {
        crate::catalog().format_name(self)
    }
}

/// One stream of extracted text and where each piece came from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Part {
    pub text: String,
    pub segments: Vec<Segment>,
}

/// Bytes `start..end` of a part's text came from `location`.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub start: usize,
    pub end: usize,
    pub location: Location,
}

impl Part {
    /// Append one unit (a paragraph, a cell, a line) on its own line.
    /// Whitespace-only units are dropped so locations count what a reader
    /// sees.
    pub fn push(&mut self, text: &str, location: Location) {
        let text = text.trim_end();
        if text.trim().is_empty() {
            return;
        }
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        let start = self.text.len();
        self.text.push_str(text);
        self.segments.push(Segment {
            start,
            end: self.text.len(),
            location,
        });
    }

    /// The location of the unit holding byte offset `at`.
    pub fn locate(&self, at: usize) -> Option<&Location> {
        let i = self.segments.partition_point(|s| s.end < at);
        self.segments
            .get(i)
            .filter(|s| s.start <= at)
            .map(|s| &s.location)
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

/// What a reader extracted from one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub format: Format,
    /// What the document's readers see: body, tables, headers and footers,
    /// text boxes, slide shapes, PDF pages, OCR lines.
    pub body: Part,
    /// Speaker notes: unseen by readers but spoken to the audience.
    pub notes: Part,
    /// Comments: the authors' and reviewers' remarks, never published.
    pub comments: Part,
    /// Facts a reviewer must know about how the text was obtained (tracked
    /// changes accepted, OCR imperfect), in Chinese.
    pub notices: Vec<String>,
}

impl Document {
    fn new(format: Format) -> Document {
        Document {
            format,
            body: Part::default(),
            notes: Part::default(),
            comments: Part::default(),
            notices: Vec::new(),
        }
    }
}

/// The magic number of an OLE compound file: how Office stores an encrypted
/// .docx/.pptx (and the old binary .doc/.ppt).
const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Read a document. The format comes from the name's extension, or from the
/// content when the name has none we know (bytes from a CMS).
pub fn read_document(name: &str, bytes: &[u8]) -> Result<Document, Error> {
    let fail = |kind| Error::document(name, kind);
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(fail(DocumentKind::TooLarge(format!(
            "文件 {:.1} MB，上限 {} MB",
            bytes.len() as f64 / 1048576.0,
            MAX_DOCUMENT_BYTES / 1048576
        ))));
    }
    let format = Format::from_name(name)
        .or_else(|| sniff(bytes))
        .ok_or_else(|| {
            fail(DocumentKind::Unsupported(
                "无法识别的文件格式（支持 .docx、.pptx、.pdf 与图片）".to_string(),
            ))
        })?;
    if matches!(format, Format::Docx | Format::Pptx) && bytes.starts_with(CFB_MAGIC) {
        return Err(fail(if ooxml::cfb_is_encrypted(bytes) {
            DocumentKind::Encrypted
        } else {
            DocumentKind::Unsupported(
                "这是旧版二进制 Office 文件（.doc/.ppt），请另存为 .docx/.pptx 后再检查"
                    .to_string(),
            )
        }));
    }
    match format {
        Format::Docx => docx::read(bytes),
        Format::Pptx => pptx::read(bytes),
        Format::Pdf => read_pdf(bytes),
        Format::Image => read_image(bytes),
    }
    .map_err(fail)
}

/// Guess a format from the first bytes (and, for zips, the part names).
pub fn sniff(bytes: &[u8]) -> Option<Format> {
    if bytes.starts_with(b"%PDF") {
        return Some(Format::Pdf);
    }
    if bytes.starts_with(b"\x89PNG") || bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some(Format::Image);
    }
    if bytes.starts_with(b"PK") {
        return ooxml::sniff_zip(bytes);
    }
    None
}

#[cfg(feature = "pdf")]
fn read_pdf(bytes: &[u8]) -> Result<Document, DocumentKind> {
    pdf::read(bytes)
}

#[cfg(not(feature = "pdf"))]
fn read_pdf(_bytes: &[u8]) -> Result<Document, DocumentKind> {
    Err(DocumentKind::Unsupported(
        "此版本不读取 PDF；请用命令行 finlint check 检查 PDF".to_string(),
    ))
}

#[cfg(not(target_arch = "wasm32"))]
fn read_image(bytes: &[u8]) -> Result<Document, DocumentKind> {
    ocr::read(bytes)
}

#[cfg(target_arch = "wasm32")]
fn read_image(_bytes: &[u8]) -> Result<Document, DocumentKind> {
    Err(DocumentKind::Unsupported(
        "网页不做图片文字识别；请用命令行 finlint check（需安装 Tesseract）检查海报图片"
            .to_string(),
    ))
}
