//! PowerPoint (.pptx): the text of every slide's shapes and tables in slide
//! order; speaker notes and comments apart.

use std::collections::HashMap;

use quick_xml::events::BytesStart;
use quick_xml::XmlVersion;

use super::ooxml::{self, attr, local, Node, Package};
use super::{Document, Format, Location, Part};
use crate::error::DocumentKind;

pub fn read(bytes: &[u8]) -> Result<Document, DocumentKind> {
    let mut pkg = Package::open(bytes)?;
    let main = ooxml::rels(&mut pkg, "")?
        .into_iter()
        .find(|r| r.kind.ends_with("/officeDocument"))
        .map(|r| r.target)
        .unwrap_or_else(|| "ppt/presentation.xml".to_string());
    let slides = slide_parts(&mut pkg, &main)?;
    let authors = comment_authors(&mut pkg)?;
    let mut doc = Document::new(Format::Pptx);
    let mut comments = 0;
    let mut hidden = Vec::new();
    for (i, part) in slides.iter().enumerate() {
        let slide = i + 1;
        let Some(xml) = pkg.read(part)? else {
            return Err(DocumentKind::Corrupt(format!("缺少幻灯片部件 {part}")));
        };
        if read_shapes(&xml, part, slide, Mode::Slide, &mut doc.body)? {
            hidden.push(slide.to_string());
        }
        for rel in ooxml::rels(&mut pkg, part)? {
            if rel.kind.ends_with("/notesSlide") {
                if let Some(xml) = pkg.read(&rel.target)? {
                    read_shapes(&xml, &rel.target, slide, Mode::Notes, &mut doc.notes)?;
                }
            } else if rel.kind.ends_with("comments") {
                if let Some(xml) = pkg.read(&rel.target)? {
                    let place = CommentPlace {
                        slide,
                        authors: &authors,
                    };
                    read_comments(&xml, &rel.target, &place, &mut comments, &mut doc.comments)?;
                }
            }
        }
    }
    if !hidden.is_empty() {
        doc.notices.push(format!(
            "第 {} 张幻灯片为隐藏幻灯片（放映时不显示），其文字同样已检查",
            hidden.join("、")
        ));
    }
    Ok(doc)
}

/// Slide part names in presentation order (`p:sldIdLst`), which need not be
/// the order of their file names.
fn slide_parts(pkg: &mut Package, main: &str) -> Result<Vec<String>, DocumentKind> {
    let xml = pkg
        .read(main)?
        .ok_or_else(|| DocumentKind::Corrupt(format!("缺少演示文稿部件 {main}")))?;
    let targets: HashMap<String, String> = ooxml::rels(pkg, main)?
        .into_iter()
        .filter(|r| r.kind.ends_with("/slide"))
        .map(|r| (r.id, r.target))
        .collect();
    let mut order = Vec::new();
    ooxml::walk(&xml, main, |node| {
        if let Node::Open(e) = node {
            if local(e) == "sldId" {
                if let Some(target) = rel_id(e).and_then(|id| targets.get(&id)) {
                    order.push(target.clone());
                }
            }
        }
    })?;
    Ok(order)
}

/// The `r:id` attribute (not the element's own numeric `id`).
fn rel_id(e: &BytesStart) -> Option<String> {
    e.attributes().filter_map(Result::ok).find_map(|a| {
        let key: &str = a.key.as_ref();
        key.ends_with(":id")
            .then(|| {
                a.normalized_value(XmlVersion::Implicit1_0)
                    .ok()
                    .map(|v| v.into_owned())
            })
            .flatten()
    })
}

fn comment_authors(pkg: &mut Package) -> Result<HashMap<String, String>, DocumentKind> {
    let mut map = HashMap::new();
    for name in ["ppt/commentAuthors.xml", "ppt/authors.xml"] {
        if let Some(xml) = pkg.read(name)? {
            ooxml::walk(&xml, name, |node| {
                if let Node::Open(e) = node {
                    if matches!(local(e), "cmAuthor" | "author") {
                        if let (Some(id), Some(n)) = (attr(e, "id"), attr(e, "name")) {
                            map.insert(id, n);
                        }
                    }
                }
            })?;
        }
    }
    Ok(map)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Slide,
    /// Notes pages: only the notes body placeholder is the speaker's text
    /// (the others are the slide image, number, header and footer).
    Notes,
}

struct Shape {
    number: usize,
    name: String,
    placeholder: Option<String>,
    paragraphs: usize,
}

struct Cell {
    row: usize,
    column: usize,
}

/// Read one slide or notes page into `out`; returns whether the slide is
/// hidden.
fn read_shapes(
    xml: &str,
    part: &str,
    slide: usize,
    mode: Mode,
    out: &mut Part,
) -> Result<bool, DocumentKind> {
    let mut shapes: Vec<Shape> = Vec::new();
    let mut count = 0;
    let mut tables: Vec<Cell> = Vec::new();
    let mut paragraph: Option<String> = None;
    let mut in_text = false;
    let mut notes_paragraphs = 0;
    let mut hidden = false;
    ooxml::walk(xml, part, |node| match node {
        Node::Open(e) => match local(e) {
            "sld" => hidden = attr(e, "show").as_deref() == Some("0"),
            "sp" | "grpSp" | "graphicFrame" | "pic" | "cxnSp" => shapes.push(Shape {
                number: 0,
                name: String::new(),
                placeholder: None,
                paragraphs: 0,
            }),
            "cNvPr" => {
                if let Some(s) = shapes.last_mut().filter(|s| s.number == 0) {
                    count += 1;
                    s.number = count;
                    s.name = attr(e, "name").unwrap_or_default();
                }
            }
            "ph" => {
                if let Some(s) = shapes.last_mut() {
                    s.placeholder = Some(attr(e, "type").unwrap_or_else(|| "body".to_string()));
                }
            }
            "tbl" => tables.push(Cell { row: 0, column: 0 }),
            "tr" => {
                if let Some(t) = tables.last_mut() {
                    t.row += 1;
                    t.column = 0;
                }
            }
            "tc" => {
                if let Some(t) = tables.last_mut() {
                    t.column += 1;
                }
            }
            "p" => paragraph = Some(String::new()),
            "t" => in_text = true,
            "br" => {
                if let Some(p) = paragraph.as_mut() {
                    p.push('\n');
                }
            }
            _ => {}
        },
        Node::Close(name) => match name {
            "sp" | "grpSp" | "graphicFrame" | "pic" | "cxnSp" => {
                shapes.pop();
            }
            "tbl" => {
                tables.pop();
            }
            "t" => in_text = false,
            "p" => {
                let Some(text) = paragraph.take() else { return };
                if text.trim().is_empty() {
                    return;
                }
                let Some(shape) = shapes.last_mut() else {
                    return;
                };
                let location = match (mode, tables.last()) {
                    (Mode::Notes, _) => {
                        if shape.placeholder.as_deref() != Some("body") {
                            return;
                        }
                        notes_paragraphs += 1;
                        Location::Notes {
                            slide,
                            paragraph: notes_paragraphs,
                        }
                    }
                    (Mode::Slide, Some(cell)) => Location::SlideTable {
                        slide,
                        shape: shape.number,
                        name: shape.name.clone(),
                        row: cell.row,
                        column: cell.column,
                    },
                    (Mode::Slide, None) => {
                        shape.paragraphs += 1;
                        Location::Shape {
                            slide,
                            shape: shape.number,
                            name: shape.name.clone(),
                            paragraph: shape.paragraphs,
                        }
                    }
                };
                out.push(&text, location);
            }
            _ => {}
        },
        Node::Text(t) => {
            if in_text {
                if let Some(p) = paragraph.as_mut() {
                    p.push_str(t);
                }
            }
        }
    })?;
    Ok(hidden)
}

struct CommentPlace<'a> {
    slide: usize,
    authors: &'a HashMap<String, String>,
}

/// Legacy (`p:cm` with `p:text`) and modern (`p188:cm` with `a:t`) comments.
fn read_comments(
    xml: &str,
    part: &str,
    place: &CommentPlace,
    counter: &mut usize,
    out: &mut Part,
) -> Result<(), DocumentKind> {
    let mut current: Option<(String, Option<String>)> = None;
    let mut in_text = false;
    ooxml::walk(xml, part, |node| match node {
        Node::Open(e) => match local(e) {
            "cm" => {
                let author = attr(e, "authorId").and_then(|id| place.authors.get(&id).cloned());
                current = Some((String::new(), author));
            }
            "text" | "t" => in_text = true,
            "p" | "reply" => {
                if let Some((text, _)) = current.as_mut().filter(|(t, _)| !t.is_empty()) {
                    text.push('\n');
                }
            }
            _ => {}
        },
        Node::Close(name) => match name {
            "text" | "t" => in_text = false,
            "cm" => {
                if let Some((text, author)) = current.take() {
                    *counter += 1;
                    out.push(
                        &text,
                        Location::Comment {
                            comment: *counter,
                            author,
                            slide: Some(place.slide),
                        },
                    );
                }
            }
            _ => {}
        },
        Node::Text(t) => {
            if in_text {
                if let Some((text, _)) = current.as_mut() {
                    text.push_str(t);
                }
            }
        }
    })
}
