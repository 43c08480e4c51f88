//! Builds .docx, .pptx and .pdf files from text at test time, so the tests
//! need no binary fixtures. The XML is the minimum Word, PowerPoint and PDF
//! readers accept (the .docx and .pptx open in LibreOffice).
#![allow(dead_code)]

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

pub const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;
const P: &str = r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main""#;
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A zip of (name, content) parts, deflated.
pub fn zip(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, data) in parts {
        w.start_file(name.as_str(), opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A Word paragraph of one run.
pub fn p(text: &str) -> String {
    format!(
        r#"<w:p><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
        esc(text)
    )
}

/// A Word table, one paragraph per cell.
pub fn table(rows: &[&[&str]]) -> String {
    let rows: String = rows
        .iter()
        .map(|r| {
            let cells: String = r.iter().map(|c| format!("<w:tc>{}</w:tc>", p(c))).collect();
            format!("<w:tr>{cells}</w:tr>")
        })
        .collect();
    format!("<w:tbl>{rows}</w:tbl>")
}

/// A paragraph holding a text box (with the Fallback copy Word also writes).
pub fn text_box(anchor_text: &str, box_text: &str) -> String {
    let content = format!("<w:txbxContent>{}</w:txbxContent>", p(box_text));
    format!(
        r#"<w:p><w:r><w:t>{}</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>{content}</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict>{content}</w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"#,
        esc(anchor_text)
    )
}

/// A .docx whose body is `body` (paragraph and table XML); `parts` adds
/// headers, footers or comments (name, inner XML of the root element).
pub fn docx(body: &str, parts: &[(&str, &str)]) -> Vec<u8> {
    let mut files = vec![
        (
            "[Content_Types].xml".to_string(),
            br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.to_vec(),
        ),
        (
            "_rels/.rels".to_string(),
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/></Relationships>"#).into_bytes(),
        ),
        (
            "word/document.xml".to_string(),
            format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}</w:body></w:document>"#).into_bytes(),
        ),
    ];
    for (name, inner) in parts {
        let root = if name.contains("header") {
            "hdr"
        } else if name.contains("footer") {
            "ftr"
        } else if name.contains("comments") {
            "comments"
        } else {
            "footnotes"
        };
        files.push((
            name.to_string(),
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:{root} {W}>{inner}</w:{root}>"#)
                .into_bytes(),
        ));
    }
    zip(&files)
}

/// One shape on a slide: its name and its paragraphs.
pub struct Shape<'a> {
    pub name: &'a str,
    pub paragraphs: &'a [&'a str],
}

pub struct Slide<'a> {
    pub shapes: &'a [Shape<'a>],
    /// A table's rows, drawn as a graphic frame after the shapes.
    pub table: Option<&'a [&'a [&'a str]]>,
    pub notes: Option<&'a str>,
    pub comment: Option<&'a str>,
}

fn a_paragraphs(paragraphs: &[&str]) -> String {
    paragraphs
        .iter()
        .map(|t| format!("<a:p><a:r><a:t>{}</a:t></a:r></a:p>", esc(t)))
        .collect()
}

fn slide_xml(slide: &Slide) -> String {
    let mut id = 1;
    let mut tree = String::new();
    for s in slide.shapes {
        id += 1;
        tree.push_str(&format!(
            r#"<p:sp><p:nvSpPr><p:cNvPr id="{id}" name="{}"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/>{}</p:txBody></p:sp>"#,
            esc(s.name),
            a_paragraphs(s.paragraphs)
        ));
    }
    if let Some(rows) = slide.table {
        id += 1;
        let rows: String = rows
            .iter()
            .map(|r| {
                let cells: String = r
                    .iter()
                    .map(|c| {
                        format!(
                            "<a:tc><a:txBody><a:bodyPr/>{}</a:txBody></a:tc>",
                            a_paragraphs(&[c])
                        )
                    })
                    .collect();
                format!("<a:tr>{cells}</a:tr>")
            })
            .collect();
        tree.push_str(&format!(
            r#"<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{id}" name="表格 {id}"/><p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr><a:graphic><a:graphicData><a:tbl>{rows}</a:tbl></a:graphicData></a:graphic></p:graphicFrame>"#
        ));
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><p:sld {P}><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>{tree}</p:spTree></p:cSld></p:sld>"#
    )
}

fn notes_xml(text: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><p:notes {P}><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/><p:sp><p:nvSpPr><p:cNvPr id="2" name="幻灯片图像占位符 1"/><p:cNvSpPr/><p:nvPr><p:ph type="sldImg"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp><p:sp><p:nvSpPr><p:cNvPr id="3" name="备注占位符 2"/><p:cNvSpPr/><p:nvPr><p:ph type="body" idx="1"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/>{}</p:txBody></p:sp><p:sp><p:nvSpPr><p:cNvPr id="4" name="页码"/><p:cNvSpPr/><p:nvPr><p:ph type="sldNum" idx="5"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:p><a:r><a:t>7</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:notes>"#,
        a_paragraphs(&[text])
    )
}

/// A .pptx of `slides`. Slide files are numbered in reverse so that the
/// reader must follow the presentation's own order, not file names.
pub fn pptx(slides: &[Slide]) -> Vec<u8> {
    let n = slides.len();
    let file_no = |i: usize| n - i;
    let mut files = vec![
        (
            "[Content_Types].xml".to_string(),
            br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>"#.to_vec(),
        ),
        (
            "_rels/.rels".to_string(),
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="ppt/presentation.xml"/></Relationships>"#).into_bytes(),
        ),
    ];
    let mut ids = String::new();
    let mut rels = String::new();
    for i in 0..n {
        ids.push_str(&format!(
            r#"<p:sldId id="{}" r:id="rId{}"/>"#,
            256 + i,
            i + 10
        ));
        rels.push_str(&format!(
            r#"<Relationship Id="rId{}" Type="{REL}/slide" Target="slides/slide{}.xml"/>"#,
            i + 10,
            file_no(i)
        ));
    }
    files.push((
        "ppt/presentation.xml".to_string(),
        format!(r#"<?xml version="1.0" encoding="UTF-8"?><p:presentation {P}><p:sldIdLst>{ids}</p:sldIdLst></p:presentation>"#).into_bytes(),
    ));
    files.push((
        "ppt/_rels/presentation.xml.rels".to_string(),
        format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#).into_bytes(),
    ));
    files.push((
        "ppt/commentAuthors.xml".to_string(),
        format!(r#"<?xml version="1.0" encoding="UTF-8"?><p:cmAuthorLst {P}><p:cmAuthor id="0" name="合规部 李审" initials="LS" lastIdx="1" clrIdx="0"/></p:cmAuthorLst>"#).into_bytes(),
    ));
    for (i, slide) in slides.iter().enumerate() {
        let k = file_no(i);
        files.push((
            format!("ppt/slides/slide{k}.xml"),
            slide_xml(slide).into_bytes(),
        ));
        let mut srels = String::new();
        if let Some(notes) = slide.notes {
            files.push((
                format!("ppt/notesSlides/notesSlide{k}.xml"),
                notes_xml(notes).into_bytes(),
            ));
            srels.push_str(&format!(
                r#"<Relationship Id="rId2" Type="{REL}/notesSlide" Target="../notesSlides/notesSlide{k}.xml"/>"#
            ));
        }
        if let Some(c) = slide.comment {
            files.push((
                format!("ppt/comments/comment{k}.xml"),
                format!(r#"<?xml version="1.0" encoding="UTF-8"?><p:cmLst {P}><p:cm authorId="0" idx="1"><p:pos x="10" y="10"/><p:text>{}</p:text></p:cm></p:cmLst>"#, esc(c)).into_bytes(),
            ));
            srels.push_str(&format!(
                r#"<Relationship Id="rId3" Type="{REL}/comments" Target="../comments/comment{k}.xml"/>"#
            ));
        }
        files.push((
            format!("ppt/slides/_rels/slide{k}.xml.rels"),
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{srels}</Relationships>"#).into_bytes(),
        ));
    }
    zip(&files)
}

/// A PDF with one page per entry, each line drawn with a Type0 font whose
/// ToUnicode CMap maps 2-byte codes to the characters (Identity-H), as
/// Word's and Chromium's PDF export do for CJK text. No glyphs are embedded:
/// only the text layer matters. An empty page has no text layer, like a scan.
pub fn pdf(pages: &[&[&str]]) -> Vec<u8> {
    // Code k+1 stands for the k-th distinct character.
    let mut chars: Vec<char> = Vec::new();
    for page in pages {
        for line in page.iter() {
            for c in line.chars() {
                if !chars.contains(&c) {
                    chars.push(c);
                }
            }
        }
    }
    let code = |c: char| chars.iter().position(|&x| x == c).unwrap() + 1;
    let mut objects: Vec<String> = Vec::new();
    // 1 catalog, 2 pages, 3 font, 4 descendant, 5 tounicode, then page/content pairs.
    let page_ids: Vec<usize> = (0..pages.len()).map(|i| 6 + 2 * i).collect();
    objects.push("<< /Type /Catalog /Pages 2 0 R >>".into());
    objects.push(format!(
        "<< /Type /Pages /Kids [{}] /Count {} >>",
        page_ids
            .iter()
            .map(|i| format!("{i} 0 R"))
            .collect::<Vec<_>>()
            .join(" "),
        pages.len()
    ));
    objects.push("<< /Type /Font /Subtype /Type0 /BaseFont /NotoSansCJK /Encoding /Identity-H /DescendantFonts [4 0 R] /ToUnicode 5 0 R >>".into());
    objects.push("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /NotoSansCJK /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>".into());
    let mut cmap = String::from("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    for chunk in chars.chunks(100) {
        cmap.push_str(&format!("{} beginbfchar\n", chunk.len()));
        for &c in chunk {
            let mut units = [0u16; 2];
            let hex: String = c
                .encode_utf16(&mut units)
                .iter()
                .map(|u| format!("{u:04X}"))
                .collect();
            cmap.push_str(&format!("<{:04X}> <{hex}>\n", code(c)));
        }
        cmap.push_str("endbfchar\n");
    }
    cmap.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    objects.push(format!(
        "<< /Length {} >>\nstream\n{cmap}endstream",
        cmap.len()
    ));
    for (i, page) in pages.iter().enumerate() {
        let mut content = String::new();
        for (j, line) in page.iter().enumerate() {
            let hex: String = line.chars().map(|c| format!("{:04X}", code(c))).collect();
            content.push_str(&format!(
                "BT /F1 14 Tf 50 {} Td <{hex}> Tj ET\n",
                780 - 24 * j
            ));
        }
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
            page_ids[i] + 1
        ));
        objects.push(format!(
            "<< /Length {} >>\nstream\n{content}endstream",
            content.len()
        ));
    }
    let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, obj) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{obj}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}
