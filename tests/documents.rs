//! Word, PowerPoint and PDF files built from text at test time: what is
//! extracted, what is flagged, and where each finding is in the document.

mod common;

use common::office::{self, p, table, text_box, Shape, Slide};
use finlint::extract::{self, check_document, HiddenPart, Location};
use finlint::DocumentKind;
use finlint::{CheckOptions, Checker, Report};

fn check(name: &str, bytes: &[u8]) -> Report {
    check_document(Checker::shared(), name, bytes, &CheckOptions::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .report
}

/// The location of the finding whose text is `text`.
fn location_of(report: &Report, text: &str) -> Location {
    let f = report
        .findings
        .iter()
        .find(|f| f.place.text == text)
        .unwrap_or_else(|| panic!("no finding {text:?} in {:#?}", report.findings));
    *f.place.location.clone().expect("a located finding")
}

fn sample_docx() -> Vec<u8> {
    let tracked = r#"<w:p><w:r><w:t>本月</w:t></w:r><w:del w:id="1" w:author="张三"><w:r><w:delText>保证收益</w:delText></w:r></w:del><w:ins w:id="2" w:author="张三"><w:r><w:t>收益高达10%</w:t></w:r></w:ins><w:r><w:t>。</w:t></w:r></w:p>"#;
    let body = [
        p("稳盈理财计划"),
        p(""),
        p("本产品保本保息，稳赚不赔。"),
        table(&[&["项目", "说明"], &["风险", "零风险"]]),
        text_box("详见右侧。", "全网最佳理财选择"),
        tracked.to_string(),
    ]
    .concat();
    office::docx(
        &body,
        &[
            ("word/header1.xml", &p("稳盈理财 · 年化收益率高达8%")),
            ("word/footer1.xml", &p("诚信银行股份有限公司")),
            (
                "word/comments.xml",
                r#"<w:comment w:id="0" w:author="合规部"><w:p><w:r><w:t>原稿写的是稳赚不赔，已删</w:t></w:r></w:p></w:comment>"#,
            ),
        ],
    )
}

#[test]
fn docx_paragraphs_tables_text_boxes_headers_and_tracked_changes() {
    let bytes = sample_docx();
    let doc = extract::read_document("计划书.docx", &bytes).unwrap();
    // The text box appears once (its Fallback copy is skipped); deleted text
    // is gone and inserted text is in.
    assert_eq!(doc.body.text.matches("全网最佳理财选择").count(), 1);
    assert!(!doc.body.text.contains("保证收益"), "{}", doc.body.text);
    assert!(doc.body.text.contains("本月收益高达10%。"));
    assert!(
        doc.notices[0].contains("已按接受全部修订后的文本检查"),
        "{:?}",
        doc.notices
    );

    let report = check("计划书.docx", &bytes);
    // The empty paragraph is not counted: 保本保息 is in the second paragraph.
    assert_eq!(
        location_of(&report, "保本保息"),
        Location::Paragraph { paragraph: 2 }
    );
    assert_eq!(
        location_of(&report, "零风险"),
        Location::TableCell {
            table: 1,
            row: 2,
            column: 2
        }
    );
    assert_eq!(
        location_of(&report, "最佳"),
        Location::TextBox {
            anchor: 3,
            paragraph: 1
        }
    );
    // 本月 belongs to the claim: a one-month return is short-period performance.
    assert_eq!(
        location_of(&report, "本月收益高达10%"),
        Location::Paragraph { paragraph: 4 }
    );
    assert_eq!(
        location_of(&report, "年化收益率高达8%"),
        Location::Header {
            header: 1,
            paragraph: 1
        }
    );
    assert!(report
        .findings
        .iter()
        .all(|f| f.place.span.is_none() || f.place.location.is_some()));
    // Line and column are in the extracted text.
    let f = report
        .findings
        .iter()
        .find(|f| f.place.text == "保本保息")
        .unwrap();
    assert_eq!((f.place.line, f.place.column), (Some(2), Some(4)));

    let info = report.document.as_ref().unwrap();
    assert_eq!(info.file, "计划书.docx");
    assert_eq!(info.sha256, extract::sha256_hex(&bytes));
    assert_eq!(info.sha256.len(), 64);
    // The comment is checked apart and does not fail the file by itself.
    let comment = info
        .hidden
        .iter()
        .find(|h| h.part == HiddenPart::Comments)
        .expect("comment finding");
    assert_eq!(comment.finding.place.text, "稳赚不赔");
    assert_eq!(
        comment.finding.place.location,
        Some(Box::new(Location::Comment {
            comment: 1,
            author: Some("合规部".into()),
            slide: None
        }))
    );
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["findings"][0]["location"]["kind"], "paragraph");
    assert_eq!(json["document"]["sha256"].as_str().unwrap().len(), 64);
}

#[test]
fn docx_comment_alone_does_not_fail_but_notes_in_pptx_do() {
    let clean = office::docx(
        &p("本理财产品风险等级为R2，理财非存款，产品有风险，投资须谨慎。"),
        &[(
            "word/comments.xml",
            r#"<w:comment w:id="0" w:author="张三"><w:p><w:r><w:t>稳赚不赔</w:t></w:r></w:p></w:comment>"#,
        )],
    );
    let report = check("a.docx", &clean);
    assert!(
        report.findings.iter().all(|f| f.place.span.is_none()),
        "{:#?}",
        report.findings
    );
    assert_eq!(report.document.unwrap().hidden.len(), 1);
}

fn sample_pptx() -> Vec<u8> {
    office::pptx(&[
        Slide {
            shapes: &[Shape {
                name: "标题 1",
                paragraphs: &["稳盈理财沙龙"],
            }],
            table: None,
            notes: None,
            comment: None,
        },
        Slide {
            shapes: &[
                Shape {
                    name: "标题 1",
                    paragraphs: &["产品亮点"],
                },
                Shape {
                    name: "内容占位符 2",
                    paragraphs: &["历史业绩稳健", "本产品保本保息"],
                },
            ],
            table: Some(&[&["期限", "收益"], &["90天", "年化收益率高达8%"]]),
            notes: Some("跟客户强调：稳赚不赔"),
            comment: Some("零风险这个词要删"),
        },
    ])
}

#[test]
fn pptx_slides_shapes_tables_notes_and_comments() {
    let bytes = sample_pptx();
    let doc = extract::read_document("沙龙.pptx", &bytes).unwrap();
    // Slide order follows the presentation, not the file names (reversed).
    assert!(
        doc.body.text.starts_with("稳盈理财沙龙\n产品亮点"),
        "{}",
        doc.body.text
    );
    // Only the notes body is the speaker's text (not the slide number).
    assert_eq!(doc.notes.text, "跟客户强调：稳赚不赔");

    let report = check("沙龙.pptx", &bytes);
    assert_eq!(
        location_of(&report, "保本保息"),
        Location::Shape {
            slide: 2,
            shape: 2,
            name: "内容占位符 2".into(),
            paragraph: 2
        }
    );
    assert_eq!(
        location_of(&report, "年化收益率高达8%"),
        Location::SlideTable {
            slide: 2,
            shape: 3,
            name: "表格 4".into(),
            row: 2,
            column: 2
        }
    );
    let info = report.document.as_ref().unwrap();
    let notes = info
        .hidden
        .iter()
        .find(|h| h.part == HiddenPart::Notes)
        .unwrap();
    assert_eq!(notes.finding.place.text, "稳赚不赔");
    assert_eq!(
        notes.finding.place.location,
        Some(Box::new(Location::Notes {
            slide: 2,
            paragraph: 1
        }))
    );
    assert!(
        report.summary.verdict.contains("演讲者备注中另有 1 个错误"),
        "{}",
        report.summary.verdict
    );
    let comment = info
        .hidden
        .iter()
        .find(|h| h.part == HiddenPart::Comments)
        .unwrap();
    assert_eq!(comment.finding.place.text, "零风险");
    assert_eq!(
        comment.finding.place.location,
        Some(Box::new(Location::Comment {
            comment: 1,
            author: Some("合规部 李审".into()),
            slide: Some(2)
        }))
    );
}

#[test]
fn pptx_speaker_notes_alone_fail_the_file() {
    let bytes = office::pptx(&[Slide {
        shapes: &[Shape {
            name: "标题 1",
            paragraphs: &["理财非存款，产品有风险，投资须谨慎。"],
        }],
        table: None,
        notes: Some("口头告诉客户：保本保息"),
        comment: None,
    }]);
    let report = check("a.pptx", &bytes);
    assert!(!report.summary.pass);
}

#[test]
fn pdf_pages_and_lines() {
    let bytes = office::pdf(&[
        &["稳盈理财产品说明", "本产品历史业绩稳健。"],
        &["第二页", "零风险，限时抢购。"],
    ]);
    let doc = extract::read_document("leaflet.pdf", &bytes).unwrap();
    assert!(
        doc.body.text.contains("零风险，限时抢购。"),
        "{:?}",
        doc.body.text
    );
    let report = check("leaflet.pdf", &bytes);
    assert_eq!(
        location_of(&report, "零风险"),
        Location::Page { page: 2, line: 2 }
    );
    assert_eq!(
        location_of(&report, "限时抢购"),
        Location::Page { page: 2, line: 2 }
    );
}

#[test]
fn pdf_without_text_layer_is_an_error_not_clean() {
    let bytes = office::pdf(&[&[], &[]]);
    let err = extract::read_document("scan.pdf", &bytes).unwrap_err();
    assert!(matches!(kind_of(&err), DocumentKind::NoText(_)), "{err}");
    let msg = err.to_string();
    assert!(msg.starts_with("scan.pdf："), "{msg}");
    assert!(
        msg.contains("没有文字层") && msg.contains("扫描件"),
        "{msg}"
    );
}

/// A document error's kind: tests match on it, not on the Chinese text.
fn kind_of(e: &finlint::Error) -> &DocumentKind {
    e.document_kind()
        .unwrap_or_else(|| panic!("not a document error: {e}"))
}

fn error_of(name: &str, bytes: &[u8]) -> finlint::Error {
    match extract::read_document(name, bytes) {
        Ok(doc) => panic!("{name} was read: {:?}", doc.body.text),
        Err(e) => {
            assert!(e.to_string().starts_with(&format!("{name}：")), "{e}");
            e
        }
    }
}

#[test]
fn truncated_and_corrupt_zips_are_clear_errors() {
    let good = sample_docx();
    for cut in [10, good.len() / 2, good.len() - 10] {
        let e = error_of("cut.docx", &good[..cut]);
        assert!(matches!(kind_of(&e), DocumentKind::Corrupt(_)), "{e}");
        assert!(e.to_string().contains("文件已损坏或不完整"), "{e}");
    }
    let e = error_of("junk.pptx", b"this is not a zip at all");
    assert!(matches!(kind_of(&e), DocumentKind::Corrupt(_)), "{e}");
    // A damaged deflate stream inside an intact directory.
    let mut flipped = good.clone();
    let body_at = flipped
        .windows(17)
        .position(|w| w == b"word/document.xml")
        .unwrap()
        + 17;
    for b in &mut flipped[body_at..body_at + 40] {
        *b ^= 0x5A;
    }
    let e = error_of("flipped.docx", &flipped);
    assert!(
        matches!(
            kind_of(&e),
            DocumentKind::Corrupt(_) | DocumentKind::BadXml(_)
        ),
        "{e}"
    );
}

#[test]
fn zip_bombs_are_refused_by_ratio_total_and_entry_count() {
    // 40 MB of one repeated paragraph deflates about 1000:1.
    let para = p("保本");
    let huge = format!(
        r#"<w:document {}><w:body>{}</w:body></w:document>"#,
        office::W,
        para.repeat(40 * 1024 * 1024 / para.len())
    );
    let bomb = office::zip(&[("word/document.xml".into(), huge.into_bytes())]);
    assert!(bomb.len() < 1024 * 1024, "bomb is {} bytes", bomb.len());
    let e = error_of("bomb.docx", &bomb);
    assert!(matches!(kind_of(&e), DocumentKind::TooLarge(_)), "{e}");
    assert!(e.to_string().contains("疑似压缩炸弹"), "{e}");

    let many: Vec<(String, Vec<u8>)> = (0..10_001)
        .map(|i| (format!("word/media/x{i}.xml"), Vec::new()))
        .collect();
    let e = error_of("many.docx", &office::zip(&many));
    assert!(matches!(kind_of(&e), DocumentKind::TooLarge(_)), "{e}");
    assert!(e.to_string().contains("10001 个条目"), "{e}");
}

#[test]
fn xml_entity_expansion_is_refused() {
    let billion = r#"<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "保本保本保本保本保本"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><w:document><w:body><w:p><w:r><w:t>&c;</w:t></w:r></w:p></w:body></w:document>"#;
    let bytes = office::zip(&[("word/document.xml".into(), billion.as_bytes().to_vec())]);
    let e = error_of("lol.docx", &bytes);
    assert!(matches!(kind_of(&e), DocumentKind::BadXml(_)), "{e}");
    assert!(e.to_string().contains("DTD"), "{e}");
    // An undeclared entity without a DTD is refused too.
    let bytes = office::zip(&[(
        "word/document.xml".into(),
        b"<w:document><w:body><w:p><w:r><w:t>&c;</w:t></w:r></w:p></w:body></w:document>".to_vec(),
    )]);
    assert!(matches!(
        kind_of(&error_of("ent.docx", &bytes)),
        DocumentKind::BadXml(_)
    ));
}

#[test]
fn encrypted_office_documents_say_so() {
    // Office wraps an encrypted .docx in an OLE compound file with an
    // EncryptionInfo stream; the directory entry names are UTF-16LE.
    let mut cfb = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    cfb.resize(1024, 0);
    cfb.extend("EncryptionInfo".encode_utf16().flat_map(u16::to_le_bytes));
    cfb.resize(4096, 0);
    let e = error_of("secret.docx", &cfb);
    assert_eq!(kind_of(&e), &DocumentKind::Encrypted);
    assert!(e.to_string().contains("已加密"), "{e}");
    // An old binary .doc renamed to .docx is named as such.
    let mut doc = cfb[..8].to_vec();
    doc.resize(4096, 0);
    assert!(error_of("old.docx", &doc)
        .to_string()
        .contains("旧版二进制"));
}

#[test]
fn broken_pdfs_are_recovered_or_clear_errors() {
    let good = office::pdf(&[&["零风险理财"]]);
    // A wrong startxref offset: the reader rebuilds the table by scanning.
    let text = String::from_utf8_lossy(&good).into_owned();
    let at = text.rfind("startxref\n").unwrap() + "startxref\n".len();
    let mut bad_xref = good[..at].to_vec();
    bad_xref.extend_from_slice(b"999999\n%%EOF\n");
    match extract::read_document("xref.pdf", &bad_xref) {
        Ok(doc) => assert!(doc.body.text.contains("零风险理财")),
        Err(e) => assert!(e.to_string().starts_with("xref.pdf："), "{e}"),
    }
    // Garbage in place of the whole xref table and trailer.
    let xref_at = text.rfind("xref\n0 ").unwrap();
    let mut no_xref = good[..xref_at].to_vec();
    no_xref.extend_from_slice(b"xref\ngarbage garbage\ntrailer\n<< >>\nstartxref\n12\n%%EOF\n");
    match extract::read_document("noxref.pdf", &no_xref) {
        Ok(doc) => assert!(doc.body.text.contains("零风险理财")),
        Err(e) => assert!(e.to_string().starts_with("noxref.pdf："), "{e}"),
    }
    for cut in [8, good.len() / 3] {
        let e = error_of("cut.pdf", &good[..cut]);
        assert!(!matches!(kind_of(&e), DocumentKind::Encrypted), "{e}");
    }
}

#[test]
fn format_is_sniffed_when_the_name_has_no_extension() {
    assert_eq!(extract::sniff(&sample_docx()), Some(extract::Format::Docx));
    assert_eq!(extract::sniff(&sample_pptx()), Some(extract::Format::Pptx));
    assert_eq!(
        extract::sniff(&office::pdf(&[&["x"]])),
        Some(extract::Format::Pdf)
    );
    let report = check("upload", &sample_docx());
    assert_eq!(report.document.unwrap().format, extract::Format::Docx);
}

/// The document fuzz targets' seeds (fuzz/seeds/{docx,pptx,pdf}) are the
/// fixtures above. The test fails when a committed seed no longer matches its
/// fixture; `FINLINT_REGENERATE=1 cargo test --test documents` rewrites them.
#[test]
fn fuzz_seeds_match_the_fixtures() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds");
    let regenerate = std::env::var_os("FINLINT_REGENERATE").is_some();
    for (dir, name, bytes) in [
        ("docx", "sample.docx", sample_docx()),
        ("pptx", "sample.pptx", sample_pptx()),
        (
            "pdf",
            "sample.pdf",
            office::pdf(&[&["稳盈理财"], &["零风险，限时抢购。"]]),
        ),
    ] {
        let path = root.join(dir).join(name);
        if regenerate {
            std::fs::create_dir_all(root.join(dir)).unwrap();
            std::fs::write(&path, &bytes).unwrap();
        }
        let committed = std::fs::read(&path).unwrap_or_default();
        assert!(
            committed == bytes,
            "{} is stale: run FINLINT_REGENERATE=1 cargo test --test documents",
            path.display()
        );
    }
}

/// Every seed and every crash found by fuzzing the readers
/// (tests/fuzz_regressions/documents/) reads without a panic.
#[test]
fn fuzz_seeds_and_regressions_read_without_panic() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut count = 0;
    for dir in [
        "fuzz/seeds/docx",
        "fuzz/seeds/pptx",
        "fuzz/seeds/pdf",
        "tests/fuzz_regressions/documents",
    ] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if let Ok(doc) = extract::read_document(&name, &bytes) {
                assert!(doc
                    .body
                    .segments
                    .iter()
                    .all(|s| s.end <= doc.body.text.len()));
            }
            count += 1;
        }
    }
    assert!(count >= 3, "seeds missing: run write_fuzz_seeds");
}
