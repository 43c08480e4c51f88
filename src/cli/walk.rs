//! Directory walks that survive special files, link loops and unreadable
//! folders. `walkdir` does the walking and detects links back to an
//! ancestor; on top of it, no directory or file is visited twice, so
//! `ln -s . x` neither loops nor repeats files.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use walkdir::{DirEntry, WalkDir};

use super::input::io_zh;

pub const CHECKABLE_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm", "xhtml"];

const SEEN_DIR: &str = "链接指向已检查过的目录，未重复进入";

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
    super::documents::is_document(path)
        || path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| CHECKABLE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

impl Walk {
    /// Walk a directory argument; its files are appended sorted. Links are
    /// followed; a link to a directory already walked (an ancestor or not)
    /// is reported and not entered.
    pub fn add_dir(&mut self, dir: &Path) {
        let start = self.files.len();
        if let Ok(meta) = fs::metadata(dir) {
            self.seen_dirs.insert(file_id(&meta, dir));
        }
        let seen_dirs = RefCell::new(std::mem::take(&mut self.seen_dirs));
        let repeated = RefCell::new(Vec::new());
        let entries = WalkDir::new(dir)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| enter(e, &mut seen_dirs.borrow_mut(), &mut repeated.borrow_mut()));
        for entry in entries {
            match entry {
                Ok(e) if e.file_type().is_dir() => {}
                Ok(e) => self.visit(&e),
                Err(e) => self.failed(&e),
            }
        }
        self.seen_dirs = seen_dirs.into_inner();
        self.skipped.extend(repeated.into_inner());
        self.files[start..].sort();
    }

    fn visit(&mut self, entry: &DirEntry) {
        let path = entry.path();
        let meta = match entry.metadata() {
            Ok(meta) => meta,
            Err(e) => {
                let why = e.io_error().map_or_else(|| e.to_string(), io_zh);
                self.problems
                    .push(format!("无法读取 {}：{why}，已跳过", path.display()));
                return;
            }
        };
        if !meta.is_file() {
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
        } else if self.seen_files.insert(file_id(&meta, path)) {
            self.files.push(path.to_path_buf());
        } else {
            self.skipped.push(format!(
                "{}（与已检查的文件是同一文件，未重复检查）",
                path.display()
            ));
        }
    }

    /// A walk error: a link back to an ancestor (skipped, like any link to a
    /// directory already walked), a link that cannot be followed (skipped),
    /// or a folder or entry that cannot be read (a problem: exit 2).
    fn failed(&mut self, e: &walkdir::Error) {
        let Some(path) = e.path() else {
            self.problems.push(format!("无法读取目录中的条目：{e}"));
            return;
        };
        let why = e.io_error().map_or_else(|| e.to_string(), io_zh);
        let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        let target = fs::metadata(path);
        if e.loop_ancestor().is_some() {
            self.skipped
                .push(format!("{}（{SEEN_DIR}）", path.display()));
        } else if is_link && target.is_err() {
            self.skipped
                .push(format!("{}（链接无法跟随：{why}）", path.display()));
        } else if target.is_ok_and(|m| m.is_dir()) {
            self.problems
                .push(format!("无法读取目录 {}：{why}，已跳过", path.display()));
        } else {
            self.problems
                .push(format!("无法读取 {}：{why}，已跳过", path.display()));
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

/// Whether the walk goes into `entry`: the root always, any other directory
/// only the first time it is reached (by its path or through a link).
fn enter(entry: &DirEntry, seen: &mut HashSet<FileId>, repeated: &mut Vec<String>) -> bool {
    if entry.depth() == 0 || !entry.file_type().is_dir() {
        return true;
    }
    let Ok(meta) = entry.metadata() else {
        return true;
    };
    if seen.insert(file_id(&meta, entry.path())) {
        return true;
    }
    repeated.push(format!("{}（{SEEN_DIR}）", entry.path().display()));
    false
}
