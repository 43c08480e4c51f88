//! Reading what the user points the CLI at: files through a bounded reader,
//! and text in the encodings Chinese offices use.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use crate::pack::describe_bytes;

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

/// A text file: read through the bounded reader (`hint` follows the
/// too-large message) and decoded.
pub fn read_text(path: &Path, limit: usize, hint: &str) -> Result<Text, String> {
    let bytes = read_bounded(path, limit, hint)?;
    decode(bytes, &path.display().to_string())
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
