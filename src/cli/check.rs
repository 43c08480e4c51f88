//! `finlint check` on files and directories: collect the inputs, check them
//! in parallel, write the reports in one of the output formats.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use rayon::ThreadPool;

use super::args::Format;
use super::input::{self, Text};
use super::walk::{Walk, CHECKABLE_EXTENSIONS};
use super::{documents, note, usage, Fail};
use crate::format::tagged::{FileError, Tagged};
use crate::format::{github, sarif, summary, text};
use crate::{CheckOptions, Checker, Report, MAX_INPUT_BYTES};

/// The files to check, and whether the output is about several of them
/// (several arguments or a directory): that, not how many could be read,
/// decides the JSON shape, so a failing file never changes it.
pub struct Inputs {
    pub files: Vec<PathBuf>,
    pub many: bool,
    pub walk: Walk,
}

pub fn collect_inputs(paths: &[PathBuf]) -> Inputs {
    let mut walk = Walk::default();
    let mut files = Vec::new();
    let mut many = paths.len() > 1;
    for p in paths {
        if p.as_os_str() != "-" && p.is_dir() {
            many = true;
            let start = walk.files.len();
            walk.add_dir(p);
            files.extend(walk.files.drain(start..));
        } else {
            // Named explicitly: read whatever it is, through a bounded reader.
            files.push(p.clone());
        }
    }
    Inputs { files, many, walk }
}

/// Exit 2 when nothing was checked, saying what was skipped.
pub fn nothing_to_check(paths: &[PathBuf], walk: &Walk) -> Fail {
    let dirs: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let mut msg = format!(
        "没有可检查的文件：{} 中没有 {} 文件",
        dirs.join("、"),
        CHECKABLE_EXTENSIONS
            .iter()
            .map(|e| format!(".{e}"))
            .collect::<Vec<_>>()
            .join(" ")
            + " .docx .pptx .pdf 或图片"
    );
    let mut skipped: Vec<String> = walk.other_types_note().into_iter().collect();
    if !walk.skipped.is_empty() {
        skipped.push(format!("{} 个特殊文件或链接", walk.skipped.len()));
    }
    if !walk.problems.is_empty() {
        skipped.push(format!("{} 个无法读取的目录或条目", walk.problems.len()));
    }
    if !skipped.is_empty() {
        msg.push_str(&format!("；已跳过 {}", skipped.join("，")));
    }
    msg.push_str("。Word、PDF 等请先另存为 .txt 或 .html 再检查");
    usage(msg)
}

pub struct Checked {
    pub name: String,
    pub input: String,
    pub encoding: Option<&'static str>,
    pub report: Report,
}

pub struct Failed {
    pub name: String,
    pub error: String,
}

pub type Outcome = Result<Checked, Failed>;

/// Check one path (standard input already read into `stdin`).
fn check_one(checker: &Checker, p: &Path, options: &CheckOptions, stdin: Option<&Text>) -> Outcome {
    if let Some(outcome) = documents::check_if_document(checker, p, options) {
        return outcome
            .map(|(name, input, report)| Checked {
                name,
                input,
                encoding: None,
                report,
            })
            .map_err(|error| Failed {
                name: p.display().to_string(),
                error,
            });
    }
    let (name, text) = if p.as_os_str() == "-" {
        let text = stdin.map_or_else(String::new, |t| t.text.clone());
        let encoding = stdin.and_then(|t| t.encoding);
        ("<stdin>".to_string(), Text { text, encoding })
    } else {
        let name = p.display().to_string();
        let hint = "；大批量内容请用 --jsonl 逐条检查";
        let text = input::read_text(p, MAX_INPUT_BYTES, hint).map_err(|error| Failed {
            name: name.clone(),
            error,
        })?;
        (name, text)
    };
    match checker.check(&text.text, options) {
        Ok(report) => Ok(Checked {
            name,
            input: text.text,
            encoding: text.encoding,
            report,
        }),
        Err(e) => Err(Failed {
            error: format!("{name}：{e}"),
            name,
        }),
    }
}

/// Check every path on the pool, results in input order. Standard input is
/// read first; a file that cannot be read or checked is reported and
/// skipped, so one bad file in a CMS export does not hide the rest.
pub fn check_all(
    checker: &Checker,
    paths: &[PathBuf],
    options: &CheckOptions,
    pool: &ThreadPool,
) -> Result<Vec<Outcome>, Fail> {
    let stdin = if paths.iter().any(|p| p.as_os_str() == "-") {
        let bytes = input::read_stdin(MAX_INPUT_BYTES).map_err(usage)?;
        Some(input::decode(bytes, "标准输入").map_err(usage)?)
    } else {
        None
    };
    let done = AtomicUsize::new(0);
    let progress = paths.len() > 1 && io::stderr().is_terminal();
    let outcomes = pool.install(|| {
        paths
            .par_iter()
            .map(|p| {
                let outcome =
                    std::panic::catch_unwind(|| check_one(checker, p, options, stdin.as_ref()))
                        .unwrap_or_else(|_| {
                            Err(Failed {
                                name: p.display().to_string(),
                                error: format!("{}：内部错误，文件未被检查", p.display()),
                            })
                        });
                let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                if progress {
                    let _ = write!(
                        io::stderr(),
                        "\r检查中 {n}/{} {}",
                        paths.len(),
                        bar(n, paths.len())
                    );
                }
                outcome
            })
            .collect()
    });
    if progress {
        let _ = writeln!(io::stderr());
    }
    Ok(outcomes)
}

fn bar(done: usize, total: usize) -> String {
    const WIDTH: usize = 30;
    let filled = done * WIDTH / total.max(1);
    format!("[{}{}]", "█".repeat(filled), "·".repeat(WIDTH - filled))
}

/// Notes on stderr for what was skipped and could not be read; an error if
/// the only input could not be read.
pub fn report_failures(outcomes: &[Outcome], inputs: &Inputs) -> Result<bool, Fail> {
    let failed: Vec<&Failed> = outcomes.iter().filter_map(|o| o.as_ref().err()).collect();
    if !inputs.many {
        if let Some(f) = failed.first() {
            return Err(usage(f.error.clone()));
        }
    }
    for f in &failed {
        note(&f.error);
    }
    Ok(!failed.is_empty() || !inputs.walk.problems.is_empty())
}

pub fn write_reports(
    outcomes: &[Outcome],
    many: bool,
    format: Format,
    color: bool,
    checker: &Checker,
) -> Result<(), Fail> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    match format {
        Format::Text => write_text(&mut out, outcomes, many, color)?,
        Format::Json if !many => {
            let c = checked(outcomes).next().ok_or_else(|| usage("输出失败"))?;
            let single = Tagged {
                file: None,
                ..tagged(c)
            };
            serde_json::to_writer_pretty(&mut out, &single)?;
            writeln!(out)?;
        }
        Format::Json => {
            writeln!(out, "[")?;
            for (i, o) in outcomes.iter().enumerate() {
                match o {
                    Ok(c) => serde_json::to_writer_pretty(&mut out, &tagged(c))?,
                    Err(f) => serde_json::to_writer_pretty(&mut out, &file_error(f))?,
                }
                writeln!(out, "{}", if i + 1 < outcomes.len() { "," } else { "" })?;
            }
            writeln!(out, "]")?;
        }
        Format::Jsonl => {
            for o in outcomes {
                match o {
                    Ok(c) => serde_json::to_writer(&mut out, &tagged(c))?,
                    Err(f) => serde_json::to_writer(&mut out, &file_error(f))?,
                }
                writeln!(out)?;
            }
        }
        Format::Sarif => {
            let files: Vec<(&str, &Report)> = checked(outcomes)
                .map(|c| (c.name.as_str(), &c.report))
                .collect();
            let failed: Vec<(&str, &str)> = outcomes
                .iter()
                .filter_map(|o| o.as_ref().err())
                .map(|f| (f.name.as_str(), f.error.as_str()))
                .collect();
            let log = sarif::render(&files, &failed, &checker.rules(false));
            serde_json::to_writer_pretty(&mut out, &log)?;
            writeln!(out)?;
        }
        Format::Github => {
            for o in outcomes {
                match o {
                    Ok(c) => write!(out, "{}", github::render(&c.name, &c.report))?,
                    Err(f) => write!(out, "{}", github::render_error(&f.name, &f.error))?,
                }
            }
        }
    }
    out.flush()?;
    Ok(())
}

fn checked(outcomes: &[Outcome]) -> impl Iterator<Item = &Checked> {
    outcomes.iter().filter_map(|o| o.as_ref().ok())
}

fn write_text(
    out: &mut impl Write,
    outcomes: &[Outcome],
    many: bool,
    color: bool,
) -> Result<(), Fail> {
    for c in checked(outcomes) {
        let style = text::Style {
            color,
            encoding: c.encoding,
        };
        let mut sink = FmtIo {
            inner: &mut *out,
            error: None,
        };
        if text::write(&mut sink, &c.name, &c.input, &c.report, &style).is_err() {
            return Err(sink.error.map_or_else(|| usage("输出失败"), Fail::from));
        }
        writeln!(out)?;
    }
    if many {
        let rows: Vec<(&str, &Report)> = checked(outcomes)
            .map(|c| (c.name.as_str(), &c.report))
            .collect();
        write!(out, "{}", summary::render(&rows))?;
    }
    Ok(())
}

/// Lets the text format, which writes to a `fmt::Write`, stream into stdout,
/// keeping the I/O error (a closed pipe ends the run quietly).
struct FmtIo<'a, W: Write> {
    inner: &'a mut W,
    error: Option<io::Error>,
}

impl<W: Write> std::fmt::Write for FmtIo<'_, W> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.inner.write_all(s.as_bytes()).map_err(|e| {
            self.error = Some(e);
            std::fmt::Error
        })
    }
}

fn tagged(c: &Checked) -> Tagged<'_> {
    Tagged {
        id: None,
        file: Some(&c.name),
        encoding: c.encoding,
        report: &c.report,
    }
}

fn file_error(f: &Failed) -> FileError<'_> {
    FileError {
        file: &f.name,
        error: &f.error,
    }
}
