//! Poster images: OCR with the `tesseract` program and its simplified-Chinese
//! model, read as TSV so that each line keeps its box on the image.
//!
//! Tesseract is a native program, so this is CLI-only. `FINLINT_TESSERACT`
//! names another binary (the tests use it to simulate a machine without one).

use std::collections::BTreeMap;
use std::io::{ErrorKind as IoKind, Write};
use std::process::{Command, Stdio};

use super::{Document, Format, Location};
use crate::error::DocumentKind;

const INSTALL_HINT: &str = "Debian/Ubuntu：apt-get install tesseract-ocr tesseract-ocr-chi-sim";

pub fn read(bytes: &[u8]) -> Result<Document, DocumentKind> {
    let tsv = run_tesseract(bytes)?;
    let lines = parse_tsv(&tsv);
    let mut doc = Document::new(Format::Image);
    for (i, l) in lines.iter().enumerate() {
        doc.body.push(
            &l.text,
            Location::OcrLine {
                line: i + 1,
                left: l.left,
                top: l.top,
                width: l.width,
                height: l.height,
                confidence: l.confidence,
            },
        );
    }
    if doc.body.is_empty() {
        return Err(DocumentKind::NoText(
            "图片中未识别出文字（OCR 结果为空），无法确认其内容合规".to_string(),
        ));
    }
    doc.notices.push(
        "文字由 OCR（Tesseract，简体中文模型）从图片识别，可能有错字或漏字，请对照原图复核；位置为图片上的像素框"
            .to_string(),
    );
    Ok(doc)
}

fn run_tesseract(bytes: &[u8]) -> Result<String, DocumentKind> {
    let program = std::env::var("FINLINT_TESSERACT").unwrap_or_else(|_| "tesseract".to_string());
    let mut child = Command::new(&program)
        .args(["stdin", "stdout", "-l", "chi_sim", "--psm", "3", "tsv"])
        // Tesseract's OpenMP threads would fight the CLI's own workers.
        .env("OMP_THREAD_LIMIT", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            if e.kind() == IoKind::NotFound {
                DocumentKind::OcrUnavailable(format!(
                    "未找到 Tesseract OCR 程序（{program}），无法识别图片中的文字；请安装（{INSTALL_HINT}）"
                ))
            } else {
                DocumentKind::OcrUnavailable(format!("无法启动 Tesseract（{program}）：{e}"))
            }
        })?;
    let mut stdin = child.stdin.take();
    let output = std::thread::scope(|s| {
        s.spawn(move || {
            if let Some(mut w) = stdin.take() {
                // A broken pipe means tesseract gave up early; its stderr says why.
                let _ = w.write_all(bytes);
            }
        });
        child.wait_with_output()
    })
    .map_err(|e| DocumentKind::OcrUnavailable(format!("Tesseract 运行失败：{e}")))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        if stderr.contains("chi_sim") {
            return Err(DocumentKind::OcrUnavailable(format!(
                "Tesseract 缺少简体中文模型 chi_sim（{INSTALL_HINT}）"
            )));
        }
        let why = stderr
            .lines()
            .last()
            .unwrap_or("未知错误")
            .trim()
            .to_string();
        return Err(DocumentKind::Corrupt(format!("图片无法识别：{why}")));
    }
    String::from_utf8(output.stdout)
        .map_err(|_| DocumentKind::Corrupt("Tesseract 输出不是 UTF-8".to_string()))
}

/// One OCR line: its words joined and the box Tesseract gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct OcrLine {
    pub text: String,
    pub left: u32,
    pub top: u32,
    pub width: u32,
    pub height: u32,
    /// Mean word confidence, 0–100.
    pub confidence: f32,
}

#[derive(Default)]
struct Builder {
    words: Vec<String>,
    confidences: Vec<f32>,
    bbox: Option<[u32; 4]>,
}

/// Lines from Tesseract's TSV (level 4 rows give the boxes, level 5 the
/// words), in its reading order.
pub fn parse_tsv(tsv: &str) -> Vec<OcrLine> {
    let mut lines: BTreeMap<(u32, u32, u32, u32), Builder> = BTreeMap::new();
    for row in tsv.lines().skip(1) {
        let cols: Vec<&str> = row.split('\t').collect();
        if cols.len() < 12 {
            continue;
        }
        let n = |i: usize| cols[i].trim().parse::<u32>().unwrap_or(0);
        let key = (n(1), n(2), n(3), n(4));
        match n(0) {
            4 => lines.entry(key).or_default().bbox = Some([n(6), n(7), n(8), n(9)]),
            5 => {
                let word = cols[11].trim();
                if word.is_empty() {
                    continue;
                }
                let b = lines.entry(key).or_default();
                b.words.push(word.to_string());
                b.confidences.push(cols[10].trim().parse().unwrap_or(0.0));
            }
            _ => {}
        }
    }
    lines
        .into_values()
        .filter(|b| !b.words.is_empty())
        .map(|b| {
            let [left, top, width, height] = b.bbox.unwrap_or_default();
            let confidence = b.confidences.iter().sum::<f32>() / b.confidences.len() as f32;
            OcrLine {
                text: join_words(&b.words),
                left,
                top,
                width,
                height,
                confidence,
            }
        })
        .collect()
}

/// Chinese is written without spaces; Tesseract splits it into "words"
/// anyway. Keep a space only between two Latin words or numbers.
fn join_words(words: &[String]) -> String {
    let mut out = String::new();
    for w in words {
        let latin_edge = out
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_alphanumeric())
            && w.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
        if latin_edge {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_lines_keep_their_boxes_and_join_chinese_without_spaces() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
1\t1\t0\t0\t0\t0\t0\t0\t800\t600\t-1\t\n\
4\t1\t1\t1\t1\t0\t10\t20\t300\t40\t-1\t\n\
5\t1\t1\t1\t1\t1\t10\t20\t100\t40\t90\t保本\n\
5\t1\t1\t1\t1\t2\t110\t20\t100\t40\t80\t保息\n\
4\t1\t1\t1\t2\t0\t10\t70\t300\t40\t-1\t\n\
5\t1\t1\t1\t2\t1\t10\t70\t50\t40\t95\tAPP\n\
5\t1\t1\t1\t2\t2\t60\t70\t50\t40\t95\t2026\n";
        let lines = parse_tsv(tsv);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].text, "保本保息");
        assert_eq!((lines[0].left, lines[0].top, lines[0].width), (10, 20, 300));
        assert_eq!(lines[0].confidence, 85.0);
        assert_eq!(lines[1].text, "APP 2026");
    }
}
