//! Places in a document, in the terms a reviewer uses to find them.

use serde::{Deserialize, Serialize};

/// All numbers are 1-based. Paragraph numbers count non-empty paragraphs, as
/// a reader would count them on the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Location {
    /// A body paragraph of a Word document.
    Paragraph {
        paragraph: usize,
    },
    /// A paragraph inside a table cell (tables numbered in body order).
    TableCell {
        table: usize,
        row: usize,
        column: usize,
    },
    /// A paragraph of the n-th header or footer part.
    Header {
        header: usize,
        paragraph: usize,
    },
    Footer {
        footer: usize,
        paragraph: usize,
    },
    /// A text box anchored in body paragraph `anchor`.
    TextBox {
        anchor: usize,
        paragraph: usize,
    },
    Footnote {
        note: usize,
        paragraph: usize,
    },
    /// A paragraph of a slide's shape; `shape` counts the slide's shapes in
    /// drawing order and `name` is the name PowerPoint's selection pane shows.
    Shape {
        slide: usize,
        shape: usize,
        name: String,
        paragraph: usize,
    },
    /// A table cell on a slide.
    SlideTable {
        slide: usize,
        shape: usize,
        name: String,
        row: usize,
        column: usize,
    },
    /// The speaker notes of a slide.
    Notes {
        slide: usize,
        paragraph: usize,
    },
    /// A comment; `slide` is set for PowerPoint comments.
    Comment {
        comment: usize,
        #[serde(skip_serializing_if = "Option::is_none")]
        #[cfg_attr(test, ts(optional))]
        author: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        #[cfg_attr(test, ts(optional))]
        slide: Option<usize>,
    },
    /// A line of text on a PDF page.
    Page {
        page: usize,
        line: usize,
    },
    /// A line found by OCR, with its box in pixels.
    OcrLine {
        line: usize,
        left: u32,
        top: u32,
        width: u32,
        height: u32,
        confidence: f32,
    },
}

impl Location {
    /// The place in Chinese, for the text report and the page.
    pub fn describe(&self) -> String {
        match self {
            Location::Paragraph { paragraph } => format!("正文第{paragraph}段"),
            Location::TableCell { table, row, column } => {
                format!("表格{table} 第{row}行第{column}列")
            }
            Location::Header { header, paragraph } => format!("页眉{header} 第{paragraph}段"),
            Location::Footer { footer, paragraph } => format!("页脚{footer} 第{paragraph}段"),
            Location::TextBox { anchor, paragraph } => {
                format!("文本框（位于正文第{anchor}段处）第{paragraph}段")
            }
            Location::Footnote { note, paragraph } => format!("脚注{note} 第{paragraph}段"),
            Location::Shape {
                slide,
                shape,
                name,
                paragraph,
            } => format!("第{slide}张幻灯片 形状{shape}（{name}）第{paragraph}段"),
            Location::SlideTable {
                slide,
                shape,
                name,
                row,
                column,
            } => format!("第{slide}张幻灯片 形状{shape}（{name}）表格第{row}行第{column}列"),
            Location::Notes { slide, paragraph } => {
                format!("第{slide}张幻灯片 演讲者备注第{paragraph}段")
            }
            Location::Comment {
                comment,
                author,
                slide,
            } => {
                let on = slide.map(|s| format!("第{s}张幻灯片 ")).unwrap_or_default();
                let by = author
                    .as_ref()
                    .map(|a| format!("（{a}）"))
                    .unwrap_or_default();
                format!("{on}批注{comment}{by}")
            }
            Location::Page { page, line } => format!("第{page}页 第{line}行"),
            Location::OcrLine {
                line,
                left,
                top,
                width,
                height,
                confidence,
            } => format!(
                "图片第{line}行文字（x={left}, y={top}, 宽{width}, 高{height} 像素；识别置信度{confidence:.0}%）"
            ),
        }
    }
}
