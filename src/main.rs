//! The `finlint` command line: check copy, score a corpus, list rules.

#[path = "cli/args.rs"]
mod args;
#[path = "cli/documents.rs"]
mod documents;
#[path = "cli/input.rs"]
mod input;
#[path = "cli/jsonl.rs"]
mod jsonl;

use std::fs;
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use finlint::format::{github, sanitize, sarif, summary, text};
use finlint::{eval, CheckOptions, Checker, Report, MAX_INPUT_BYTES, MAX_PACK_BYTES};
use serde::Serialize;

use args::{CheckArgs, ColorChoice, Command, EvalArgs, Format, RuleArgs, RulesArgs};
use input::{Text, Walk};

/// Why a run ends early: a usage or input problem (exit 2), or the reader of
/// stdout went away (`| head`), which is not an error: exit 0, quietly.
enum Fail {
    Usage(String),
    Closed,
}

fn usage(msg: impl Into<String>) -> Fail {
    Fail::Usage(msg.into())
}

impl From<io::Error> for Fail {
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Fail::Closed
        } else {
            usage(format!("输出失败：{}", input::io_zh(&e)))
        }
    }
}

impl From<serde_json::Error> for Fail {
    fn from(e: serde_json::Error) -> Self {
        // A write error (closed pipe, full disk) is the I/O error inside,
        // described in Chinese like any other.
        if e.is_io() {
            return io::Error::from(e).into();
        }
        usage(format!("输出失败：{e}"))
    }
}

impl From<finlint::Error> for Fail {
    fn from(e: finlint::Error) -> Self {
        usage(e.to_string())
    }
}

/// A line on stderr. Text that came from the input (file names, messages)
/// is sanitised so that escape codes in it never reach the terminal raw.
fn note(msg: &str) {
    let _ = writeln!(io::stderr(), "finlint: {}", sanitize(msg));
}

fn main() -> ExitCode {
    let result = match args::parse() {
        Command::Check(a) => run_check(a),
        Command::Eval(a) => run_eval(a),
        Command::Rules(a) => run_rules(a),
    };
    match result {
        Ok(code) => code,
        Err(Fail::Closed) => ExitCode::SUCCESS,
        Err(Fail::Usage(msg)) => {
            note(&msg);
            ExitCode::from(2)
        }
    }
}

fn read_text(path: &Path) -> Result<Text, String> {
    let bytes = input::read_bounded(path, MAX_INPUT_BYTES, "；大批量内容请用 --jsonl 逐条检查")?;
    input::decode(bytes, &path.display().to_string())
}

/// A rule pack: bounded by the library's pack limit, which the wasm module
/// and the npm package apply too.
fn read_pack(path: &Path) -> Result<String, Fail> {
    let bytes =
        input::read_bounded(path, MAX_PACK_BYTES, "").map_err(|e| usage(format!("规则包 {e}")))?;
    let name = path.display().to_string();
    Ok(input::decode(bytes, &name)
        .map_err(|e| usage(format!("规则包 {e}")))?
        .text)
}

fn build_checker(args: &RuleArgs) -> Result<Checker, Fail> {
    let sources: Vec<(String, String)> = args
        .rules
        .iter()
        .map(|p| Ok((read_pack(p)?, p.display().to_string())))
        .collect::<Result<_, Fail>>()?;
    let refs: Vec<(&str, &str)> = sources
        .iter()
        .map(|(s, o)| (s.as_str(), o.as_str()))
        .collect();
    Ok(Checker::new(&refs)?)
}

/// The files to check, and whether the output is about several of them
/// (several arguments or a directory): that, not how many could be read,
/// decides the JSON shape, so a failing file never changes it.
struct Inputs {
    files: Vec<PathBuf>,
    many: bool,
    walk: Walk,
}

fn collect_inputs(paths: &[PathBuf]) -> Inputs {
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
fn nothing_to_check(paths: &[PathBuf], walk: &Walk) -> Fail {
    let dirs: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let mut msg = format!(
        "没有可检查的文件：{} 中没有 {} 文件",
        dirs.join("、"),
        input::CHECKABLE_EXTENSIONS
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

struct Checked {
    name: String,
    input: String,
    encoding: Option<&'static str>,
    report: Report,
}

struct Failed {
    name: String,
    error: String,
}

/// A report with the fields that say where it came from, serialised in one
/// pass (no intermediate JSON tree: that doubled the memory of big reports).
#[derive(Serialize)]
pub struct Tagged<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    encoding: Option<&'a str>,
    #[serde(flatten)]
    report: &'a Report,
}

#[derive(Serialize)]
struct FileError<'a> {
    file: &'a str,
    error: &'a str,
}

fn run_check(args: CheckArgs) -> Result<ExitCode, Fail> {
    let checker = build_checker(&args.rules)?;
    let options = CheckOptions {
        product: args.product.clone(),
        max_findings: Some(args.max_findings as usize),
        explain: args.explain,
    };
    let jobs = args.jobs.map_or_else(
        || std::thread::available_parallelism().map_or(1, |n| n.get()),
        usize::from,
    );
    if let Some(path) = &args.jsonl {
        return run_jsonl(&checker, path, &options, jobs);
    }
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.paths.clone()
    };
    let inputs = collect_inputs(&paths);
    for skipped in &inputs.walk.skipped {
        note(&format!("已跳过 {skipped}"));
    }
    for problem in &inputs.walk.problems {
        note(problem);
    }
    if inputs.files.is_empty() {
        return Err(nothing_to_check(&paths, &inputs.walk));
    }
    if let Some(other) = inputs.walk.other_types_note() {
        note(&format!("已跳过 {other}"));
    }
    let outcomes = check_all(&checker, &inputs.files, &options, jobs)?;
    let failed_files: Vec<&Failed> = outcomes.iter().filter_map(|o| o.as_ref().err()).collect();
    if !inputs.many {
        if let Some(f) = failed_files.first() {
            return Err(usage(f.error.clone()));
        }
    }
    for f in &failed_files {
        note(&f.error);
    }
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    write_reports(&outcomes, &inputs, args.format, color, &checker)?;
    let failed = outcomes
        .iter()
        .any(|o| o.as_ref().is_ok_and(|c| !c.report.summary.pass));
    let problems = !failed_files.is_empty() || !inputs.walk.problems.is_empty();
    Ok(if problems {
        ExitCode::from(2)
    } else if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn write_reports(
    outcomes: &[Result<Checked, Failed>],
    inputs: &Inputs,
    format: Format,
    color: bool,
    checker: &Checker,
) -> Result<(), Fail> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    let checked: Vec<&Checked> = outcomes.iter().filter_map(|o| o.as_ref().ok()).collect();
    match format {
        Format::Text => {
            for c in &checked {
                let style = text::Style {
                    color,
                    encoding: c.encoding,
                };
                let mut sink = FmtIo {
                    inner: &mut out,
                    error: None,
                };
                if text::write(&mut sink, &c.name, &c.input, &c.report, &style).is_err() {
                    return Err(sink.error.map_or_else(|| usage("输出失败"), Fail::from));
                }
                writeln!(out)?;
            }
            if inputs.many {
                let rows: Vec<(&str, &Report)> = checked
                    .iter()
                    .map(|c| (c.name.as_str(), &c.report))
                    .collect();
                write!(out, "{}", summary::render(&rows))?;
            }
        }
        Format::Json if !inputs.many => {
            let c = checked[0];
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
            let files: Vec<(&str, &Report)> = checked
                .iter()
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

/// Check every path on `jobs` threads, results in input order. Standard input
/// is read first; a file that cannot be read or checked is reported and
/// skipped, so one bad file in a CMS export does not hide the rest.
fn check_all(
    checker: &Checker,
    paths: &[PathBuf],
    options: &CheckOptions,
    jobs: usize,
) -> Result<Vec<Result<Checked, Failed>>, Fail> {
    let stdin_text = if paths.iter().any(|p| p.as_os_str() == "-") {
        let bytes = input::read_stdin(MAX_INPUT_BYTES).map_err(usage)?;
        Some(input::decode(bytes, "标准输入").map_err(usage)?)
    } else {
        None
    };
    let check_one = |p: &PathBuf| -> Result<Checked, Failed> {
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
            let t = stdin_text
                .as_ref()
                .map_or((String::new(), None), |t| (t.text.clone(), t.encoding));
            (
                "<stdin>".to_string(),
                Text {
                    text: t.0,
                    encoding: t.1,
                },
            )
        } else {
            let name = p.display().to_string();
            let text = read_text(p).map_err(|error| Failed {
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
    };
    let results: Vec<Mutex<Option<Result<Checked, Failed>>>> =
        paths.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let progress = paths.len() > 1 && io::stderr().is_terminal();
    std::thread::scope(|scope| {
        for _ in 0..jobs.min(paths.len().max(1)) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = paths.get(i) else { break };
                let outcome = check_one(path);
                if let Ok(mut slot) = results[i].lock() {
                    *slot = Some(outcome);
                }
                let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                if progress {
                    let _ = write!(
                        io::stderr(),
                        "\r检查中 {n}/{} {}",
                        paths.len(),
                        bar(n, paths.len())
                    );
                }
            });
        }
    });
    if progress {
        let _ = writeln!(io::stderr());
    }
    Ok(results
        .into_iter()
        .zip(paths)
        .map(|(slot, p)| {
            slot.into_inner().ok().flatten().unwrap_or_else(|| {
                Err(Failed {
                    name: p.display().to_string(),
                    error: format!("{}：内部错误，文件未被检查", p.display()),
                })
            })
        })
        .collect())
}

fn bar(done: usize, total: usize) -> String {
    const WIDTH: usize = 30;
    let filled = done * WIDTH / total.max(1);
    format!("[{}{}]", "█".repeat(filled), "·".repeat(WIDTH - filled))
}

fn run_jsonl(
    checker: &Checker,
    path: &Path,
    defaults: &CheckOptions,
    jobs: usize,
) -> Result<ExitCode, Fail> {
    let mut reader: Box<dyn BufRead> = if path.as_os_str() == "-" {
        Box::new(io::stdin().lock())
    } else {
        let file = fs::File::open(path)
            .map_err(|e| usage(format!("无法读取 {}：{}", path.display(), input::io_zh(&e))))?;
        Box::new(io::BufReader::new(file))
    };
    let name = path.display().to_string();
    let mut out = io::BufWriter::new(io::stdout().lock());
    let outcome = jsonl::run(
        checker,
        &mut reader,
        &name,
        defaults,
        jobs,
        &mut out,
        &mut |m| note(&m),
    )?;
    out.flush()?;
    if let Some(why) = &outcome.stopped {
        note(why);
    }
    Ok(if outcome.bad_lines > 0 || outcome.stopped.is_some() {
        ExitCode::from(2)
    } else if outcome.failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn run_eval(args: EvalArgs) -> Result<ExitCode, Fail> {
    let checker = match &args.dict {
        Some(d) => {
            let dict = read_text(d).map_err(usage)?;
            Checker::with_base_dict(&dict.text, &[])?
        }
        None => build_checker(&args.rules)?,
    };
    let mut docs = Vec::new();
    for p in &args.corpus {
        let corpus = read_text(p).map_err(usage)?;
        docs.extend(eval::parse_corpus(&corpus.text, &p.display().to_string()).map_err(usage)?);
    }
    let result = eval::evaluate(&checker, &docs);
    let mut out = io::stdout().lock();
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &result)?;
            writeln!(out)?;
        }
        _ => write!(out, "{}", result.render(args.verbose))?,
    }
    out.flush()?;
    Ok(if result.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

fn run_rules(args: RulesArgs) -> Result<ExitCode, Fail> {
    let checker = build_checker(&args.rules)?;
    let full = args.format == Format::Json;
    let infos = checker.rules(full);
    let mut out = io::BufWriter::new(io::stdout().lock());
    if full {
        let all = serde_json::json!({ "version": checker.version(), "rules": infos });
        serde_json::to_writer_pretty(&mut out, &all)?;
        writeln!(out)?;
    } else {
        writeln!(out, "规则包 {}", sanitize(&checker.version().rules))?;
        for r in &infos {
            let state = if r.enabled { "" } else { "（已停用）" };
            writeln!(
                out,
                "{:<34} {:<14} {:<7} 词条 {:>3}  正则 {:>2}  {}{state}",
                sanitize(&r.id),
                r.category.as_str(),
                r.severity.as_str(),
                r.terms,
                r.patterns,
                sanitize(&r.basis)
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
