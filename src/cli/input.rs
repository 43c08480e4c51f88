//! Reading what the user points the CLI at: files through a bounded reader,
//! text in the encodings Chinese offices use, and directory walks that
//! survive special files, link loops and unreadable folders.

use std::collections::{BTreeMap, HashSet};
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use finlint::pack::describe_bytes;

/// Text read from a file or standard input, and the encoding it was in when
/// that was not plain UTF-8.
pub struct Text {
    pub text: String,
    pub encoding: Option<&'static str>,
}

/// Read at most `limit` bytes. `metadata().len()` cannot be trusted: it is 0
/// for /dev/zero and for pipes, which never end or end late. `hint` follows
/// the too-large message only.
pub fn read_bounded(path: &Path, limit: usize, hint: &str) -> Result<Vec<u8>, String> {
    let file =
        File::open(path).map_err(|e| format!("无法读取 {}：{}", path.display(), io_zh(&e)))?;
    let known = file
        .metadata()
        .ok()
        .filter(|m| m.is_file())
        .map(|m| m.len());
    let mut bytes = Vec::new();
    file.take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("无法读取 {}：{}", path.display(), io_zh(&e)))?;
    if bytes.len() > limit {
        let size = match known {
            Some(n) => format!("大小为 {}", describe_bytes(n as usize)),
            None => format!("读到 {}仍未结束", describe_bytes(bytes.len())),
        };
        return Err(format!(
            "{} 过大：{size}，上限为 {}{hint}",
            path.display(),
            describe_bytes(limit)
        ));
    }
    Ok(bytes)
}

/// Standard input, bounded like a file.
pub fn read_stdin(limit: usize) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    io::stdin()
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("无法读取标准输入：{}", io_zh(&e)))?;
    if bytes.len() > limit {
        return Err(format!(
            "标准输入过大：读到 {}仍未结束，上限为 {}",
            describe_bytes(bytes.len()),
            describe_bytes(limit)
        ));
    }
    Ok(bytes)
}

/// Common I/O failures in Chinese; the OS text otherwise.
pub fn io_zh(e: &io::Error) -> String {
    use io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "文件或目录不存在".into(),
        K::PermissionDenied => "没有读取权限".into(),
        K::IsADirectory => "这是一个目录".into(),
        K::InvalidData => "内容无法读取".into(),
        _ => match e.raw_os_error() {
            Some(40) => "符号链接层数过多（可能是循环链接）".into(),
            // ENOSPC and EDQUOT (Linux): output to a full disk or /dev/full.
            Some(28) => "磁盘空间已满，无法写入".into(),
            Some(122) => "超出磁盘配额，无法写入".into(),
            _ => format!("系统错误（{e}）"),
        },
    }
}

/// Decode a file's bytes: UTF-8 (a BOM is dropped so that columns do not
/// shift), UTF-16 with a BOM, or GB18030/GBK, the encodings Chinese office
/// software writes. Anything else is refused rather than guessed.
pub fn decode(bytes: Vec<u8>, name: &str) -> Result<Text, String> {
    const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
    let utf16 = match bytes.get(..2) {
        Some([0xFF, 0xFE]) => Some((encoding_rs::UTF_16LE, "UTF-16LE（带 BOM）")),
        Some([0xFE, 0xFF]) => Some((encoding_rs::UTF_16BE, "UTF-16BE（带 BOM）")),
        _ => None,
    };
    if let Some((enc, label)) = utf16 {
        return enc
            .decode_without_bom_handling_and_without_replacement(&bytes[2..])
            .map(|t| Text {
                text: t.into_owned(),
                encoding: Some(label),
            })
            .ok_or_else(|| format!("{name} 以 UTF-16 BOM 开头，但内容不是有效的 UTF-16 文本"));
    }
    if let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
        return String::from_utf8(rest.to_vec())
            .map(|text| Text {
                text,
                encoding: Some("UTF-8（带 BOM）"),
            })
            .map_err(|e| not_text(name, e.utf8_error().valid_up_to() + 3));
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => {
            return Ok(Text {
                text,
                encoding: None,
            })
        }
        Err(e) => e.into_bytes(),
    };
    let at = std::str::from_utf8(&bytes)
        .err()
        .map_or(0, |e| e.valid_up_to());
    match encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(&bytes) {
        // A NUL byte means binary data that happens to decode, not text.
        Some(text) if !text.contains('\0') => Ok(Text {
            text: text.into_owned(),
            encoding: Some(if has_four_byte_sequence(&bytes) {
                "GB18030"
            } else {
                "GBK"
            }),
        }),
        _ => Err(not_text(name, at)),
    }
}

fn not_text(name: &str, at: usize) -> String {
    format!(
        "{name} 不是可识别的文本：不是有效的 UTF-8（第 {at} 字节处），也不是 GBK/GB18030 或带 BOM 的 UTF-16；请另存为 UTF-8 后再检查"
    )
}

/// GB18030's four-byte sequences (lead 0x81–0xFE, then a digit) are what GBK
/// lacks, so their presence names the encoding.
fn has_four_byte_sequence(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
        } else if bytes.get(i + 1).is_some_and(|n| n.is_ascii_digit()) {
            return true;
        } else {
            i += 2;
        }
    }
    false
}

pub const CHECKABLE_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm", "xhtml"];

/// What a directory walk found, skipped and could not read.
#[derive(Default)]
pub struct Walk {
    pub files: Vec<PathBuf>,
    /// Extension (or "无扩展名") -> count of files not of a checkable type.
    pub other_types: BTreeMap<String, usize>,
    /// Special files and links not followed, each with the reason.
    pub skipped: Vec<String>,
    /// Folders or entries that could not be read: the run still goes on.
    pub problems: Vec<String>,
    seen_dirs: HashSet<FileId>,
    seen_files: HashSet<FileId>,
}

#[cfg(unix)]
type FileId = (u64, u64);
#[cfg(not(unix))]
type FileId = PathBuf;

#[cfg(unix)]
fn file_id(meta: &fs::Metadata, _path: &Path) -> FileId {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn file_id(_meta: &fs::Metadata, path: &Path) -> FileId {
    fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(unix)]
fn special_kind(meta: &fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_fifo() {
        "命名管道（FIFO）"
    } else if t.is_socket() {
        "套接字"
    } else if t.is_char_device() || t.is_block_device() {
        "设备文件"
    } else {
        "特殊文件"
    }
}

#[cfg(not(unix))]
fn special_kind(_meta: &fs::Metadata) -> &'static str {
    "特殊文件"
}

pub fn is_checkable(path: &Path) -> bool {
    crate::documents::is_document(path)
        || path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| CHECKABLE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

impl Walk {
    /// Walk a directory argument; its files are appended sorted.
    pub fn add_dir(&mut self, dir: &Path) {
        let start = self.files.len();
        if let Ok(meta) = fs::metadata(dir) {
            self.seen_dirs.insert(file_id(&meta, dir));
        }
        self.walk(dir);
        self.files[start..].sort();
    }

    fn walk(&mut self, dir: &Path) {
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => {
                self.problems.push(format!(
                    "无法读取目录 {}：{}，已跳过",
                    dir.display(),
                    io_zh(&e)
                ));
                return;
            }
        };
        let mut paths: Vec<PathBuf> = Vec::new();
        for entry in entries {
            match entry {
                Ok(entry) => paths.push(entry.path()),
                Err(e) => self.problems.push(format!(
                    "无法读取目录 {} 中的条目：{}",
                    dir.display(),
                    io_zh(&e)
                )),
            }
        }
        paths.sort();
        for path in paths {
            self.visit(&path);
        }
    }

    /// Links are followed, but no directory or file is visited twice, so
    /// `ln -s . x` neither loops nor repeats files.
    fn visit(&mut self, path: &Path) {
        let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        let meta = match fs::metadata(path) {
            Ok(meta) => meta,
            Err(e) if is_link => {
                self.skipped
                    .push(format!("{}（链接无法跟随：{}）", path.display(), io_zh(&e)));
                return;
            }
            Err(e) => {
                self.problems.push(format!(
                    "无法读取 {}：{}，已跳过",
                    path.display(),
                    io_zh(&e)
                ));
                return;
            }
        };
        let id = file_id(&meta, path);
        if meta.is_dir() {
            if self.seen_dirs.insert(id) {
                self.walk(path);
            } else {
                self.skipped.push(format!(
                    "{}（链接指向已检查过的目录，未重复进入）",
                    path.display()
                ));
            }
        } else if !meta.is_file() {
            self.skipped.push(format!(
                "{}（{}，不是普通文件）",
                path.display(),
                special_kind(&meta)
            ));
        } else if !is_checkable(path) {
            let ext = path
                .extension()
                .map(|e| format!(".{}", e.to_string_lossy().to_lowercase()))
                .unwrap_or_else(|| "无扩展名".into());
            *self.other_types.entry(ext).or_insert(0) += 1;
        } else if self.seen_files.insert(id) {
            self.files.push(path.to_path_buf());
        } else {
            self.skipped.push(format!(
                "{}（与已检查的文件是同一文件，未重复检查）",
                path.display()
            ));
        }
    }

    /// "3 个不支持的文件（.docx 2 个、.pdf 1 个）", or None.
    pub fn other_types_note(&self) -> Option<String> {
        let total: usize = self.other_types.values().sum();
        (total > 0).then(|| {
            let parts: Vec<String> = self
                .other_types
                .iter()
                .map(|(ext, n)| format!("{ext} {n} 个"))
                .collect();
            format!("{total} 个不支持的文件（{}）", parts.join("、"))
        })
    }
}
