//! Word (.docx): body, tables, text boxes, headers, footers and footnotes as
//! the text readers see; comments apart. Tracked changes are read as if all
//! were accepted: inserted text is kept, deleted and moved-away text dropped.

use super::ooxml::{self, attr, local, Node, Package};
use super::{Document, Format, Location, Part};
use crate::error::DocumentKind;

pub fn read(bytes: &[u8]) -> Result<Document, DocumentKind> {
    let mut pkg = Package::open(bytes)?;
    let main = main_part(&mut pkg)?;
    let xml = pkg
        .read(&main)?
        .ok_or_else(|| DocumentKind::Corrupt(format!("缺少正文部件 {main}")))?;
    let mut doc = Document::new(Format::Docx);
    let mut changes = Changes::default();
    read_story(&xml, &main, Story::Body, &mut doc.body, &mut changes)?;

    let names = pkg.names();
    for (kind, prefix) in [(Story::Header(0), "header"), (Story::Footer(0), "footer")] {
        let mut parts: Vec<&String> = names
            .iter()
            .filter(|n| n.starts_with(&format!("word/{prefix}")) && n.ends_with(".xml"))
            .collect();
        parts.sort_by_key(|n| ooxml::part_number(n));
        for (i, name) in parts.into_iter().enumerate() {
            let story = match kind {
                Story::Header(_) => Story::Header(i + 1),
                _ => Story::Footer(i + 1),
            };
            if let Some(xml) = pkg.read(name)? {
                read_story(&xml, name, story, &mut doc.body, &mut changes)?;
            }
        }
    }
    for name in ["word/footnotes.xml", "word/endnotes.xml"] {
        if let Some(xml) = pkg.read(name)? {
            read_story(&xml, name, Story::Notes, &mut doc.body, &mut changes)?;
        }
    }
    if let Some(xml) = pkg.read("word/comments.xml")? {
        read_story(
            &xml,
            "word/comments.xml",
            Story::Comments,
            &mut doc.comments,
            &mut changes,
        )?;
    }
    if changes.inserted + changes.deleted > 0 {
        doc.notices.push(format!(
            "文档含修订（插入 {} 处、删除 {} 处）：已按接受全部修订后的文本检查",
            changes.inserted, changes.deleted
        ));
    }
    Ok(doc)
}

/// The main document part, from the package relationships.
fn main_part(pkg: &mut Package) -> Result<String, DocumentKind> {
    let rels = ooxml::rels(pkg, "")?;
    Ok(rels
        .into_iter()
        .find(|r| r.kind.ends_with("/officeDocument"))
        .map(|r| r.target)
        .unwrap_or_else(|| "word/document.xml".to_string()))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Story {
    Body,
    Header(usize),
    Footer(usize),
    Notes,
    Comments,
}

#[derive(Default)]
struct Changes {
    inserted: usize,
    deleted: usize,
}

struct Table {
    number: usize,
    row: usize,
    column: usize,
}

/// Where the paragraph being read belongs.
#[derive(Clone, Copy)]
enum Frame {
    Plain,
    Cell,
    TextBox { anchor: usize, paragraph: usize },
}

struct StoryReader<'p> {
    story: Story,
    out: &'p mut Part,
    /// Text of the open paragraphs (a text box nests paragraphs in one).
    open: Vec<String>,
    frames: Vec<Frame>,
    tables: Vec<Table>,
    tables_seen: usize,
    paragraphs: usize,
    /// Footnote/comment number and the comment's author.
    note: usize,
    author: Option<String>,
    /// Depth inside deleted, moved-away or fallback content.
    skip: usize,
    in_text: bool,
}

fn read_story(
    xml: &str,
    part: &str,
    story: Story,
    out: &mut Part,
    changes: &mut Changes,
) -> Result<(), DocumentKind> {
    let mut r = StoryReader {
        story,
        out,
        open: Vec::new(),
        frames: vec![Frame::Plain],
        tables: Vec::new(),
        tables_seen: 0,
        paragraphs: 0,
        note: 0,
        author: None,
        skip: 0,
        in_text: false,
    };
    ooxml::walk(xml, part, |node| match node {
        Node::Open(e) => {
            let name = local(e);
            match name {
                "ins" | "moveTo" => changes.inserted += 1,
                "del" | "moveFrom" => changes.deleted += 1,
                _ => {}
            }
            if matches!(name, "del" | "moveFrom" | "Fallback") {
                r.skip += 1;
            } else if r.skip == 0 {
                r.open_element(name, e);
            }
        }
        Node::Close(name) => {
            if matches!(name, "del" | "moveFrom" | "Fallback") {
                r.skip = r.skip.saturating_sub(1);
            } else if r.skip == 0 {
                r.close_element(name);
            }
        }
        Node::Text(t) => {
            if r.in_text && r.skip == 0 {
                if let Some(p) = r.open.last_mut() {
                    p.push_str(t);
                }
            }
        }
    })
}

impl StoryReader<'_> {
    fn open_element(&mut self, name: &str, e: &quick_xml::events::BytesStart) {
        match name {
            "p" => self.open.push(String::new()),
            "t" => self.in_text = true,
            "tab" | "ptab" => self.append("\t"),
            "br" | "cr" => self.append("\n"),
            "noBreakHyphen" => self.append("-"),
            "tbl" => {
                self.tables_seen += 1;
                self.tables.push(Table {
                    number: self.tables_seen,
                    row: 0,
                    column: 0,
                });
                self.frames.push(Frame::Cell);
            }
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.row += 1;
                    t.column = 0;
                }
            }
            "tc" => {
                if let Some(t) = self.tables.last_mut() {
                    t.column += 1;
                }
            }
            "txbxContent" => self.frames.push(Frame::TextBox {
                anchor: self.paragraphs + 1,
                paragraph: 0,
            }),
            // Separator "footnotes" carry a type and are not numbered.
            "footnote" | "endnote" if attr(e, "type").is_some() => {}
            "footnote" | "endnote" | "comment" => {
                self.note += 1;
                self.paragraphs = 0;
                self.author = attr(e, "author");
            }
            _ => {}
        }
    }

    fn close_element(&mut self, name: &str) {
        match name {
            "t" => self.in_text = false,
            "p" => self.close_paragraph(),
            "tbl" => {
                self.tables.pop();
                self.frames.pop();
            }
            "txbxContent" => {
                self.frames.pop();
            }
            _ => {}
        }
    }

    fn append(&mut self, s: &str) {
        if let Some(p) = self.open.last_mut() {
            p.push_str(s);
        }
    }

    fn close_paragraph(&mut self) {
        let Some(text) = self.open.pop() else { return };
        if text.trim().is_empty() {
            return;
        }
        let frame = self.frames.last_mut().copied().unwrap_or(Frame::Plain);
        let location = match frame {
            Frame::Cell => match self.tables.last() {
                Some(t) if self.story == Story::Body => Location::TableCell {
                    table: t.number,
                    row: t.row,
                    column: t.column,
                },
                _ => self.story_location(),
            },
            Frame::TextBox { anchor, paragraph } => {
                if let Some(Frame::TextBox { paragraph: p, .. }) = self.frames.last_mut() {
                    *p += 1;
                }
                Location::TextBox {
                    anchor,
                    paragraph: paragraph + 1,
                }
            }
            Frame::Plain => self.story_location(),
        };
        self.out.push(&text, location);
    }

    /// The next paragraph's location in a body, header, footer or note.
    fn story_location(&mut self) -> Location {
        self.paragraphs += 1;
        let paragraph = self.paragraphs;
        match self.story {
            Story::Body => Location::Paragraph { paragraph },
            Story::Header(header) => Location::Header { header, paragraph },
            Story::Footer(footer) => Location::Footer { footer, paragraph },
            Story::Notes => Location::Footnote {
                note: self.note,
                paragraph,
            },
            Story::Comments => Location::Comment {
                comment: self.note,
                author: self.author.clone(),
                slide: None,
            },
        }
    }
}
