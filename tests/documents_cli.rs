//! `finlint check` on documents: a folder of every supported kind, poster
//! images rendered by headless Chromium and read by Tesseract, and the exit
//! codes when a file cannot be checked.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::office::{self, p, table, Shape, Slide};

fn finlint(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_finlint"));
    cmd.args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("finlint-docs-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A poster: CJK text in a page, screenshotted by headless Chromium.
fn render_poster(dir: &Path) -> PathBuf {
    let html = dir.join("poster.html");
    std::fs::write(
        &html,
        r#"<html><head><meta charset="utf-8"><style>body{margin:0;background:#fff;color:#000;font-family:"WenQuanYi Zen Hei","Noto Sans CJK SC",sans-serif}h1{font-size:64px;margin:40px}p{font-size:44px;margin:30px 40px}</style></head><body><h1>稳盈理财 新春特惠</h1><p>保本保息 安心之选</p><p>限时抢购 名额有限</p></body></html>"#,
    )
    .unwrap();
    let png = dir.join("poster.png");
    let status = Command::new("/usr/bin/chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--window-size=900,500",
            &format!("--screenshot={}", png.display()),
        ])
        .arg(&html)
        .output()
        .expect("chromium is needed to render the poster (scripts/install-deps.sh installs it)");
    assert!(
        png.exists(),
        "no screenshot: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    std::fs::remove_file(&html).unwrap();
    png
}

#[test]
fn a_poster_is_read_by_ocr_with_line_boxes() {
    let dir = temp_dir("poster");
    let png = render_poster(&dir);
    let out = finlint(&["check", "--format", "json", png.to_str().unwrap()], &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let doc = &report["document"];
    assert_eq!(doc["format"], "image");
    assert!(doc["notices"][0].as_str().unwrap().contains("OCR"), "{doc}");
    let finding = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "guarantee.principal")
        .unwrap_or_else(|| panic!("保本 not found in {report:#}"));
    let loc = &finding["location"];
    assert_eq!(loc["kind"], "ocr_line");
    assert_eq!(loc["line"], 2, "{loc}");
    // The box is on the second text line of the 900x500 screenshot.
    let (top, height) = (
        loc["top"].as_u64().unwrap(),
        loc["height"].as_u64().unwrap(),
    );
    assert!(
        (100..300).contains(&top) && (20..120).contains(&height),
        "{loc}"
    );
    assert!(
        loc["left"].as_u64().unwrap() < 100 && loc["width"].as_u64().unwrap() > 100,
        "{loc}"
    );
    // The text report says the text came from OCR and where each line is.
    let text = finlint(&["check", png.to_str().unwrap()], &[]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("注意：文字由 OCR"), "{text}");
    assert!(text.contains("图片第2行文字（x="), "{text}");
}

#[test]
fn without_tesseract_an_image_is_never_passed() {
    let dir = temp_dir("no-ocr");
    let png = dir.join("poster.png");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n not really").unwrap();
    let out = finlint(
        &["check", png.to_str().unwrap()],
        &[("FINLINT_TESSERACT", "/nonexistent/tesseract")],
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("poster.png：未找到 Tesseract"), "{stderr}");
    assert!(
        stderr.contains("tesseract-ocr-chi-sim") && stderr.contains("图片未检查"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn a_folder_of_every_kind_is_checked_and_bad_files_are_named() {
    let dir = temp_dir("folder");
    let w = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).unwrap();
    w("a.txt", "本产品保本保息。".as_bytes());
    w("b.md", "# 标题\n\n零风险理财。".as_bytes());
    w("c.html", "<p>全国第一的理财</p>".as_bytes());
    w(
        "d.docx",
        &office::docx(&[p("说明"), table(&[&["收益", "稳赚不赔"]])].concat(), &[]),
    );
    w(
        "e.pptx",
        &office::pptx(&[Slide {
            shapes: &[Shape {
                name: "标题 1",
                paragraphs: &["限时抢购"],
            }],
            table: None,
            notes: None,
            comment: None,
        }]),
    );
    w("f.pdf", &office::pdf(&[&["第一页"], &["年化收益率高达8%"]]));
    render_poster(&dir);
    w("z-broken.docx", b"PK\x03\x04 truncated");
    w("z-scan.pdf", &office::pdf(&[&[]]));

    let out = finlint(&["check", "--format", "json", dir.to_str().unwrap()], &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("z-broken.docx：文件已损坏或不完整"),
        "{stderr}"
    );
    assert!(
        stderr.contains("z-scan.pdf：PDF 共 1 页，但没有文字层"),
        "{stderr}"
    );
    let reports: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let files: Vec<String> = reports
        .iter()
        .map(|r| {
            Path::new(r["file"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(
        files,
        [
            "a.txt",
            "b.md",
            "c.html",
            "d.docx",
            "e.pptx",
            "f.pdf",
            "poster.png",
            "z-broken.docx",
            "z-scan.pdf"
        ]
    );
    // A file that could not be read is an entry {file, error}, so the JSON
    // keeps one shape whichever files fail.
    let error_of = |file: &str| -> String {
        let r = reports
            .iter()
            .find(|r| r["file"].as_str().unwrap().ends_with(file))
            .unwrap();
        r["error"].as_str().unwrap_or_default().to_string()
    };
    assert!(error_of("z-broken.docx").contains("文件已损坏或不完整"));
    assert!(error_of("z-scan.pdf").contains("没有文字层"));
    assert!(error_of("d.docx").is_empty());
    let loc = |file: &str, text: &str| -> serde_json::Value {
        let r = reports
            .iter()
            .find(|r| r["file"].as_str().unwrap().ends_with(file))
            .unwrap();
        assert_eq!(r["document"]["sha256"].as_str().unwrap().len(), 64);
        r["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["text"] == text)
            .unwrap()["location"]
            .clone()
    };
    assert_eq!(
        loc("d.docx", "稳赚不赔"),
        serde_json::json!({"kind": "table_cell", "table": 1, "row": 1, "column": 2})
    );
    assert_eq!(loc("e.pptx", "限时抢购")["slide"], 1);
    assert_eq!(
        loc("f.pdf", "年化收益率高达8%"),
        serde_json::json!({"kind": "page", "page": 2, "line": 1})
    );

    // The text format shows each finding's place in the document.
    let out = finlint(&["check", dir.join("f.pdf").to_str().unwrap()], &[]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("（PDF，SHA-256 "), "{text}");
    assert!(text.contains("f.pdf:2:1（第2页 第1行）"), "{text}");
}
