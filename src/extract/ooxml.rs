//! What .docx and .pptx share: a zip package read within bounds, XML parsed
//! without a DTD, and relationship targets resolved to part names.

use std::borrow::Cow;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use zip::result::ZipError;
use zip::ZipArchive;

use super::Format;
use crate::error::DocumentKind;

/// More entries than any real document has; a million tiny entries is a
/// denial of service on the central directory alone.
pub const MAX_ENTRIES: usize = 10_000;
/// Total bytes decompressed from one package.
pub const MAX_TOTAL_BYTES: u64 = 256 * 1024 * 1024;
/// Past this many bytes of one part, a compression ratio above
/// `MAX_RATIO` marks a zip bomb (deflate tops out near 1032:1; real XML
/// stays well under 100:1).
const RATIO_FLOOR_BYTES: u64 = 8 * 1024 * 1024;
const MAX_RATIO: u64 = 200;

pub struct Package<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    read_so_far: u64,
}

impl<'a> Package<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Package<'a>, DocumentKind> {
        let archive = ZipArchive::new(Cursor::new(bytes)).map_err(zip_error)?;
        if archive.len() > MAX_ENTRIES {
            return Err(DocumentKind::TooLarge(format!(
                "压缩包含 {} 个条目，上限 {MAX_ENTRIES}",
                archive.len()
            )));
        }
        Ok(Package {
            archive,
            read_so_far: 0,
        })
    }

    /// Part names, in archive order.
    pub fn names(&self) -> Vec<String> {
        self.archive
            .file_names()
            .filter_map(Result::ok)
            .map(Cow::into_owned)
            .collect()
    }

    /// A part as UTF-8 text, or None if the package has no such part.
    pub fn read(&mut self, name: &str) -> Result<Option<String>, DocumentKind> {
        let mut file = match self.archive.by_name(name) {
            Ok(f) => f,
            Err(ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(zip_error(e)),
        };
        let compressed = file.compressed_size().max(1);
        let mut out = Vec::new();
        let mut buf = [0u8; 64 * 1024];
        loop {
            let n = file.read(&mut buf).map_err(|e| {
                DocumentKind::Corrupt(format!("解压 {name} 失败：{}", io_reason(&e)))
            })?;
            if n == 0 {
                break;
            }
            out.extend_from_slice(&buf[..n]);
            self.read_so_far += n as u64;
            let len = out.len() as u64;
            if self.read_so_far > MAX_TOTAL_BYTES {
                return Err(DocumentKind::TooLarge(format!(
                    "解压总量超过 {} MB",
                    MAX_TOTAL_BYTES / 1048576
                )));
            }
            if len > RATIO_FLOOR_BYTES && len / compressed > MAX_RATIO {
                return Err(DocumentKind::TooLarge(format!(
                    "{name} 的压缩比超过 {MAX_RATIO}:1"
                )));
            }
        }
        let text = String::from_utf8(out)
            .map_err(|_| DocumentKind::BadXml(format!("{name} 不是 UTF-8 编码")))?;
        Ok(Some(text))
    }
}

fn io_reason(e: &std::io::Error) -> String {
    let s = e.to_string();
    if s.contains("Password") || s.contains("password") {
        "条目已加密".to_string()
    } else {
        s
    }
}

fn zip_error(e: ZipError) -> DocumentKind {
    match e {
        ZipError::UnsupportedArchive(m) if m == ZipError::PASSWORD_REQUIRED => {
            DocumentKind::Encrypted
        }
        ZipError::InvalidPassword => DocumentKind::Encrypted,
        ZipError::UnsupportedArchive(m) => DocumentKind::Corrupt(format!("不支持的压缩格式：{m}")),
        ZipError::InvalidArchive(m) => DocumentKind::Corrupt(format!("zip 结构无效：{m}")),
        ZipError::Io(io) => DocumentKind::Corrupt(format!("zip 读取失败：{io}")),
        other => DocumentKind::Corrupt(other.to_string()),
    }
}

/// Which Office format a zip holds, from its part names.
pub fn sniff_zip(bytes: &[u8]) -> Option<Format> {
    let archive = ZipArchive::new(Cursor::new(bytes)).ok()?;
    let names: Vec<_> = archive.file_names().filter_map(Result::ok).collect();
    if names.iter().any(|n| n.starts_with("word/")) {
        Some(Format::Docx)
    } else if names.iter().any(|n| n.starts_with("ppt/")) {
        Some(Format::Pptx)
    } else {
        None
    }
}

/// An OLE compound file holding an Office document is encrypted when it has
/// an `EncryptionInfo` stream; directory names are UTF-16LE.
pub fn cfb_is_encrypted(bytes: &[u8]) -> bool {
    let needle: Vec<u8> = "EncryptionInfo"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    bytes.windows(needle.len()).any(|w| w == needle.as_slice())
}

/// A streamed XML node, as the readers need it.
pub enum Node<'x, 'e> {
    Open(&'e BytesStart<'x>),
    Close(&'e str),
    Text(&'e str),
}

/// Walk `xml`, calling `f` for each element open and close and each piece of
/// text (entity and character references resolved). A DTD is refused: Office
/// never writes one, and it is how entity-expansion attacks start.
pub fn walk(xml: &str, part: &str, mut f: impl FnMut(Node)) -> Result<(), DocumentKind> {
    let mut reader = Reader::from_str(xml);
    let bad = |why: String| DocumentKind::BadXml(format!("{part}：{why}"));
    loop {
        let event = reader
            .read_event()
            .map_err(|e| bad(format!("第 {} 字节处：{e}", reader.buffer_position())))?;
        match event {
            Event::Start(e) => f(Node::Open(&e)),
            Event::Empty(e) => {
                f(Node::Open(&e));
                f(Node::Close(e.local_name().into_inner()));
            }
            Event::End(e) => f(Node::Close(e.local_name().into_inner())),
            Event::Text(t) => f(Node::Text(&t.xml10_content())),
            Event::CData(t) => f(Node::Text(&t.xml10_content())),
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => {
                        let name = r.xml10_content();
                        quick_xml::escape::resolve_predefined_entity(&name)
                            .ok_or_else(|| bad(format!("未定义的实体 &{name};")))?
                            .to_string()
                    }
                    Err(e) => return Err(bad(format!("字符引用无效：{e}"))),
                };
                f(Node::Text(&resolved));
            }
            Event::DocType(_) => {
                return Err(bad(
                    "含 DTD 声明（可用于实体扩展攻击，Office 文档从不包含）".to_string(),
                ))
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// The local name of an element (`w:p` -> `p`).
pub fn local<'e>(e: &'e BytesStart) -> &'e str {
    e.local_name().into_inner()
}

/// An attribute by its local name, unescaped.
pub fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes().filter_map(Result::ok).find_map(|a| {
        (a.key.local_name().as_ref() == name)
            .then(|| {
                a.normalized_value(XmlVersion::Implicit1_0)
                    .ok()
                    .map(Cow::into_owned)
            })
            .flatten()
    })
}

/// A relationship: id, type and the target part name it resolves to.
pub struct Rel {
    pub id: String,
    pub kind: String,
    pub target: String,
}

/// The relationships of `part` (from its `_rels/*.rels` sibling).
pub fn rels(pkg: &mut Package, part: &str) -> Result<Vec<Rel>, DocumentKind> {
    let (dir, file) = part.rsplit_once('/').unwrap_or(("", part));
    let rels_name = if dir.is_empty() {
        format!("_rels/{file}.rels")
    } else {
        format!("{dir}/_rels/{file}.rels")
    };
    let Some(xml) = pkg.read(&rels_name)? else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    walk(&xml, &rels_name, |node| {
        if let Node::Open(e) = node {
            if local(e) == "Relationship" && attr(e, "TargetMode").as_deref() != Some("External") {
                if let (Some(id), Some(kind), Some(target)) =
                    (attr(e, "Id"), attr(e, "Type"), attr(e, "Target"))
                {
                    out.push(Rel {
                        id,
                        kind,
                        target: resolve(dir, &target),
                    });
                }
            }
        }
    })?;
    Ok(out)
}

/// A relationship target relative to `dir`, as a part name.
fn resolve(dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    } else {
        dir.split('/').filter(|s| !s.is_empty()).collect()
    };
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// The number in a part name (`word/header12.xml` -> 12), for ordering.
pub fn part_number(name: &str) -> usize {
    let digits: String = name
        .rsplit('/')
        .next()
        .unwrap_or(name)
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    digits.parse().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_relative_to_the_source_part() {
        assert_eq!(resolve("ppt", "slides/slide1.xml"), "ppt/slides/slide1.xml");
        assert_eq!(
            resolve("ppt/slides", "../notesSlides/notesSlide1.xml"),
            "ppt/notesSlides/notesSlide1.xml"
        );
        assert_eq!(resolve("", "/word/document.xml"), "word/document.xml");
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
    }

    #[test]
    fn dtd_is_refused_and_entities_resolve() {
        let bomb = r#"<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "xx">]><a>&x;</a>"#;
        assert!(matches!(
            walk(bomb, "p", |_| {}),
            Err(DocumentKind::BadXml(_))
        ));
        let mut text = String::new();
        walk("<a>A&amp;B&#x4E00;</a>", "p", |n| {
            if let Node::Text(t) = n {
                text.push_str(t)
            }
        })
        .unwrap();
        assert_eq!(text, "A&B一");
    }
}
