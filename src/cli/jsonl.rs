//! `finlint check --jsonl`: one `{"id","text","product"?}` per line in, one
//! report per line out, in input order, on all cores, in constant memory.

use std::io::{self, BufRead, Write};

use rayon::prelude::*;
use rayon::ThreadPool;

use super::input::io_zh;
use crate::error::zh;
use crate::format::tagged::{LineError, Tagged};
use crate::pack::describe_bytes;
use crate::{CheckOptions, Checker, MAX_INPUT_BYTES};

/// Lines per parallel step: enough to keep every worker busy.
const CHUNK_LINES: usize = 1024;

/// Input bytes per parallel step. Reports grow with their input, so bounding
/// a chunk by lines alone let memory follow the documents' size (1,024 large
/// documents held 2.2 GB of reports); a byte bound keeps it flat.
pub const CHUNK_BYTES: usize = 1024 * 1024;

/// The longest line: a document at the input limit, escaped (`\uXXXX` turns
/// 3 bytes into 6), plus room for the id. A longer line means the file is
/// not one record per line, so reading stops there.
pub const MAX_LINE_BYTES: usize = 2 * MAX_INPUT_BYTES + 64 * 1024;

#[derive(serde::Deserialize)]
struct BatchItem {
    id: serde_json::Value,
    text: String,
    #[serde(default)]
    product: Option<String>,
}

/// A rendered report line and whether it passed, or the line's id and error.
type LineOutcome = Result<(String, bool), (serde_json::Value, String)>;

/// What the batch found: any failing document, and bad lines.
#[derive(Default)]
pub struct Outcome {
    pub failed: bool,
    pub bad_lines: usize,
    /// Set when reading had to stop (an endless line, a read error).
    pub stopped: Option<String>,
}

/// Read one line of at most MAX_LINE_BYTES; Ok(None) at the end of input,
/// Err(()) when the line is longer than that.
fn read_line(reader: &mut dyn BufRead, buf: &mut Vec<u8>) -> io::Result<Result<bool, ()>> {
    buf.clear();
    let n = io::Read::take(reader, MAX_LINE_BYTES as u64 + 1).read_until(b'\n', buf)?;
    if n == 0 {
        return Ok(Ok(false));
    }
    if buf.len() > MAX_LINE_BYTES && buf.last() != Some(&b'\n') {
        return Ok(Err(()));
    }
    Ok(Ok(true))
}

/// The next lines to check in parallel: up to CHUNK_LINES lines or
/// CHUNK_BYTES bytes, whichever comes first (one longer line is a chunk of
/// its own). Blank lines are skipped but counted.
fn next_chunk(
    reader: &mut dyn BufRead,
    name: &str,
    line_no: &mut usize,
    outcome: &mut Outcome,
) -> Vec<(usize, Vec<u8>)> {
    let mut chunk = Vec::new();
    let mut bytes = 0usize;
    let mut buf = Vec::new();
    while chunk.len() < CHUNK_LINES && bytes < CHUNK_BYTES {
        match read_line(reader, &mut buf) {
            Err(e) => {
                outcome.stopped = Some(format!("读取 {name} 失败：{}", io_zh(&e)));
                break;
            }
            Ok(Ok(false)) => break,
            Ok(Ok(true)) => {
                *line_no += 1;
                if !buf.iter().all(u8::is_ascii_whitespace) {
                    bytes += buf.len();
                    chunk.push((*line_no, std::mem::take(&mut buf)));
                }
            }
            Ok(Err(())) => {
                outcome.stopped = Some(format!(
                    "{name} 第{}行超过 {}仍未换行：这不是每行一条记录的 JSONL，已停止读取，此后的内容未检查",
                    *line_no + 1,
                    describe_bytes(MAX_LINE_BYTES)
                ));
                break;
            }
        }
    }
    chunk
}

/// Check the batch chunk by chunk. The pool checks one chunk while this
/// thread writes the one before and reads the one after, so the workers
/// never wait for the output or the input (they did, at every chunk).
pub fn run(
    checker: &Checker,
    reader: &mut dyn BufRead,
    name: &str,
    defaults: &CheckOptions,
    pool: &ThreadPool,
    out: &mut dyn Write,
    warn: &mut dyn FnMut(String),
) -> io::Result<Outcome> {
    let mut outcome = Outcome::default();
    let mut line_no = 0usize;
    let mut chunk = next_chunk(reader, name, &mut line_no, &mut outcome);
    let mut done: Option<Checked> = None;
    while !chunk.is_empty() || done.is_some() {
        let mut checked = None;
        let mut next = Vec::new();
        let written = pool.in_place_scope(|scope| {
            if !chunk.is_empty() {
                scope.spawn(|_| checked = Some(check_chunk(checker, &chunk, defaults)));
            }
            let written = done
                .take()
                .map_or(Ok(()), |d| write_chunk(d, name, &mut outcome, out, warn));
            if outcome.stopped.is_none() && !chunk.is_empty() {
                next = next_chunk(reader, name, &mut line_no, &mut outcome);
            }
            written
        });
        written?;
        done = checked.map(|results| Checked {
            lines: chunk.iter().map(|(line, _)| *line).collect(),
            results,
        });
        chunk = next;
    }
    Ok(outcome)
}

/// A chunk's line numbers and what checking each line gave.
struct Checked {
    lines: Vec<usize>,
    results: Vec<LineOutcome>,
}

fn write_chunk(
    checked: Checked,
    name: &str,
    outcome: &mut Outcome,
    out: &mut dyn Write,
    warn: &mut dyn FnMut(String),
) -> io::Result<()> {
    for (line, result) in checked.lines.into_iter().zip(checked.results) {
        match result {
            Ok((rendered, pass)) => {
                outcome.failed |= !pass;
                out.write_all(rendered.as_bytes())?;
                out.write_all(b"\n")?;
            }
            Err((id, msg)) => {
                outcome.bad_lines += 1;
                warn(format!("{name} 第{line}行：{msg}"));
                let entry = LineError {
                    id: &id,
                    line,
                    error: &msg,
                };
                serde_json::to_writer(&mut *out, &entry)?;
                writeln!(out)?;
            }
        }
    }
    Ok(())
}

/// Check a chunk of lines on the pool, results in input order. A line whose
/// check panicked still answers, with an internal error, so that one bad
/// document never takes the batch down.
/// Runs on the pool (the caller spawns it there).
fn check_chunk(
    checker: &Checker,
    chunk: &[(usize, Vec<u8>)],
    defaults: &CheckOptions,
) -> Vec<LineOutcome> {
    chunk
        .par_iter()
        .map(|(_, line)| {
            std::panic::catch_unwind(|| check_line(checker, line, defaults)).unwrap_or_else(|_| {
                Err((
                    serde_json::Value::Null,
                    "内部错误：检查线程异常退出".to_string(),
                ))
            })
        })
        .collect()
}

fn check_line(checker: &Checker, line: &[u8], defaults: &CheckOptions) -> LineOutcome {
    let text = std::str::from_utf8(line).map_err(|e| {
        (
            serde_json::Value::Null,
            format!(
                "不是有效的 UTF-8（本行第 {} 字节处）；JSONL 必须以 UTF-8 编码",
                e.valid_up_to() + 1
            ),
        )
    })?;
    // A byte-order mark (Windows tools write one) is not part of the JSON.
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let item: BatchItem = serde_json::from_str(text).map_err(|e| {
        let at = if e.line() > 0 {
            format!("第 {} 列：", e.column())
        } else {
            String::new()
        };
        (
            serde_json::Value::Null,
            format!("JSON 无效：{at}{}", zh::json(&e)),
        )
    })?;
    let options = CheckOptions {
        product: item.product.clone().or_else(|| defaults.product.clone()),
        max_findings: defaults.max_findings,
        explain: defaults.explain,
    };
    let report = checker
        .check(&item.text, &options)
        .map_err(|e| (item.id.clone(), e.to_string()))?;
    let rendered = serde_json::to_string(&Tagged {
        id: Some(&item.id),
        file: None,
        encoding: None,
        report: &report,
    })
    .map_err(|e| (item.id.clone(), format!("内部错误：报告无法序列化（{e}）")))?;
    // Rendered here, on the worker, so that the writer thread only copies.
    Ok((rendered, report.summary.pass))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Memory follows the chunk, so a chunk is bounded by bytes as well as
    /// by lines: 1,024 large documents once held 2.2 GB of reports.
    #[test]
    fn a_chunk_is_bounded_by_bytes_and_by_lines() {
        let big = format!("{{\"id\":1,\"text\":\"{}\"}}\n", "保".repeat(100_000));
        let input = big.repeat(40);
        let mut reader = io::Cursor::new(input.as_bytes());
        let (mut line_no, mut outcome) = (0, Outcome::default());
        let chunk = next_chunk(&mut reader, "t", &mut line_no, &mut outcome);
        let bytes: usize = chunk.iter().map(|(_, l)| l.len()).sum();
        assert!(
            chunk.len() < 40 && bytes < CHUNK_BYTES + big.len(),
            "{} lines, {bytes} B",
            chunk.len()
        );
        let small = "{\"id\":1,\"text\":\"a\"}\n\n".repeat(3000);
        let mut reader = io::Cursor::new(small.as_bytes());
        let (mut line_no, mut outcome) = (0, Outcome::default());
        let chunk = next_chunk(&mut reader, "t", &mut line_no, &mut outcome);
        assert_eq!(chunk.len(), CHUNK_LINES);
        assert_eq!(
            chunk.last().map(|c| c.0),
            Some(2 * CHUNK_LINES - 1),
            "blank lines are counted"
        );
    }

    #[test]
    fn an_endless_line_stops_the_batch_in_bounded_memory() {
        let mut reader = io::BufReader::new(io::repeat(b'x'));
        let (mut line_no, mut outcome) = (0, Outcome::default());
        let chunk = next_chunk(&mut reader, "t", &mut line_no, &mut outcome);
        assert!(chunk.is_empty());
        assert!(outcome.stopped.is_some_and(|s| s.contains("第1行")));
    }
}
