//! The `finlint` command line: check copy, score a corpus, list rules.

use std::fs;
use std::io::{self, BufRead, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use clap::{Args, Parser, Subcommand, ValueEnum};
use finlint::format::{github, sarif, summary, text};
use finlint::{eval, CheckOptions, Checker, Report, MAX_INPUT_BYTES};

mod cli_documents;

#[derive(Parser)]
#[command(
    name = "finlint",
    version,
    about = "金融营销文案合规检查（Chinese financial marketing copy checker）"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check files, directories or standard input (`-`).
    Check(CheckArgs),
    /// Score a labelled corpus (JSONL) and print recall, precision and label accuracy.
    Eval(EvalArgs),
    /// List the rules in effect.
    Rules(RulesArgs),
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
    Jsonl,
    Sarif,
    Github,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Args)]
struct RuleArgs {
    /// A user rule pack (TOML or JSON); may be given more than once.
    #[arg(long = "rules", value_name = "FILE")]
    rules: Vec<PathBuf>,
}

#[derive(Args)]
struct CheckArgs {
    /// Files or directories to check; `-` or nothing reads standard input.
    paths: Vec<PathBuf>,
    /// Product type: wealth, fund, insurance, deposit, loan, securities, general or auto.
    #[arg(long, short = 'p', value_name = "P")]
    product: Option<String>,
    #[command(flatten)]
    rules: RuleArgs,
    #[arg(long, short = 'f', value_enum, default_value = "text")]
    format: Format,
    /// Batch mode: read one {"id","text","product"?} per line, write one report per line.
    #[arg(long, value_name = "FILE")]
    jsonl: Option<PathBuf>,
    /// Worker threads for directories and --jsonl (default: all cores).
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,
}

#[derive(Args)]
struct EvalArgs {
    /// Corpus files in the labelled JSONL format.
    #[arg(required = true)]
    corpus: Vec<PathBuf>,
    /// List misses, false positives and label errors.
    #[arg(short, long)]
    verbose: bool,
    #[command(flatten)]
    rules: RuleArgs,
    /// Use another jieba base dictionary ("word freq" lines) instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    dict: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

#[derive(Args)]
struct RulesArgs {
    #[command(flatten)]
    rules: RuleArgs,
    #[arg(long, short = 'f', value_enum, default_value = "text")]
    format: Format,
}

/// A problem with the invocation or the input: exit code 2.
struct Usage(String);

impl<E: std::fmt::Display> From<E> for Usage {
    fn from(e: E) -> Self {
        Usage(e.to_string())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => run_check(args),
        Command::Eval(args) => run_eval(args),
        Command::Rules(args) => run_rules(args),
    };
    match result {
        Ok(code) => code,
        Err(Usage(msg)) => {
            eprintln!("finlint: {msg}");
            ExitCode::from(2)
        }
    }
}

fn read_text_file(path: &Path) -> Result<String, Usage> {
    let meta =
        fs::metadata(path).map_err(|e| Usage(format!("无法读取 {}：{e}", path.display())))?;
    if meta.len() as usize > MAX_INPUT_BYTES {
        return Err(Usage(format!(
            "{} 过大（{:.1} MB），单个文件上限为 {} MB；大批量内容请用 --jsonl 逐条检查",
            path.display(),
            meta.len() as f64 / 1048576.0,
            MAX_INPUT_BYTES / 1048576
        )));
    }
    let bytes = fs::read(path).map_err(|e| Usage(format!("无法读取 {}：{e}", path.display())))?;
    String::from_utf8(bytes).map_err(|e| {
        Usage(format!(
            "{} 不是有效的 UTF-8 文本（第 {} 字节处）",
            path.display(),
            e.utf8_error().valid_up_to()
        ))
    })
}

fn read_stdin() -> Result<String, Usage> {
    let mut bytes = Vec::new();
    io::stdin()
        .take(MAX_INPUT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(Usage(format!(
            "标准输入超过 {} MB 上限",
            MAX_INPUT_BYTES / 1048576
        )));
    }
    String::from_utf8(bytes).map_err(|e| {
        Usage(format!(
            "标准输入不是有效的 UTF-8 文本（第 {} 字节处）",
            e.utf8_error().valid_up_to()
        ))
    })
}

fn build_checker(args: &RuleArgs) -> Result<Checker, Usage> {
    let sources: Vec<(String, String)> = args
        .rules
        .iter()
        .map(|p| Ok((read_text_file(p)?, p.display().to_string())))
        .collect::<Result<_, Usage>>()?;
    let refs: Vec<(&str, &str)> = sources
        .iter()
        .map(|(s, o)| (s.as_str(), o.as_str()))
        .collect();
    Ok(Checker::new(&refs)?)
}

const CHECKABLE_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm", "xhtml"];

/// Expand directories into the checkable files below them, sorted.
fn expand_paths(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Usage> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found = Vec::new();
            walk(p, &mut found)?;
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), Usage> {
    for entry in
        fs::read_dir(dir).map_err(|e| Usage(format!("无法读取目录 {}：{e}", dir.display())))?
    {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else if cli_documents::is_document(&path)
            || path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| CHECKABLE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            out.push(path);
        }
    }
    Ok(())
}

fn run_check(args: CheckArgs) -> Result<ExitCode, Usage> {
    let checker = build_checker(&args.rules)?;
    let options = CheckOptions {
        product: args.product.clone(),
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
        expand_paths(&args.paths)?
    };
    let (checked, problems) = check_all(&checker, &paths, &options, jobs)?;
    for problem in &problems {
        eprintln!("finlint: {problem}");
    }
    let failed = checked.iter().any(|(_, _, r)| !r.summary.pass);
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let mut out = io::stdout().lock();
    match args.format {
        Format::Text => {
            for (name, input, report) in &checked {
                writeln!(
                    out,
                    "{}",
                    text::render(name, input, report, &text::Style { color })
                )?;
            }
            if checked.len() > 1 {
                write!(out, "{}", summary::render(&checked))?;
            }
        }
        Format::Json if checked.len() == 1 => {
            writeln!(out, "{}", serde_json::to_string_pretty(&checked[0].2)?)?
        }
        Format::Json => {
            let all: Vec<serde_json::Value> = checked
                .iter()
                .map(|(n, _, r)| with_field(r, "file", n))
                .collect();
            writeln!(out, "{}", serde_json::to_string_pretty(&all)?)?;
        }
        Format::Jsonl => {
            for (name, _, report) in &checked {
                writeln!(out, "{}", with_field(report, "file", name))?;
            }
        }
        Format::Sarif => {
            let files: Vec<(String, Report)> = checked
                .iter()
                .map(|(n, _, r)| (n.clone(), r.clone()))
                .collect();
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&sarif::render(&files, &checker.rules(false)))?
            )?;
        }
        Format::Github => {
            for (name, _, report) in &checked {
                write!(out, "{}", github::render(name, report))?;
            }
        }
    }
    Ok(if !problems.is_empty() {
        ExitCode::from(2)
    } else if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

type Checked = Vec<(String, String, Report)>;

/// Check every path on all cores, in input order. Standard input is read
/// first; a file that cannot be read or checked is reported and skipped, so
/// one bad file in a CMS export does not hide the rest.
fn check_all(
    checker: &Checker,
    paths: &[PathBuf],
    options: &CheckOptions,
    jobs: usize,
) -> Result<(Checked, Vec<String>), Usage> {
    let stdin_text = if paths.iter().any(|p| p.as_os_str() == "-") {
        Some(read_stdin()?)
    } else {
        None
    };
    let load = |p: &PathBuf| -> Result<(String, String), String> {
        if p.as_os_str() == "-" {
            Ok((
                "<stdin>".to_string(),
                stdin_text.clone().unwrap_or_default(),
            ))
        } else {
            read_text_file(p)
                .map(|t| (p.display().to_string(), t))
                .map_err(|Usage(m)| m)
        }
    };
    let results: Vec<Mutex<Option<Result<(String, String, Report), String>>>> =
        paths.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let progress = paths.len() > 1 && io::stderr().is_terminal();
    let workers = jobs.min(paths.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = paths.get(i) else { break };
                let outcome = cli_documents::check_if_document(checker, path, options)
                    .unwrap_or_else(|| {
                        load(path).and_then(|(name, input)| match checker.check(&input, options) {
                            Ok(report) => Ok((name, input, report)),
                            Err(e) => Err(format!("{name}：{e}")),
                        })
                    });
                if let Ok(mut slot) = results[i].lock() {
                    *slot = Some(outcome);
                }
                let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                if progress {
                    eprint!("\r检查中 {n}/{} {}", paths.len(), bar(n, paths.len()));
                }
            });
        }
    });
    if progress {
        eprintln!();
    }
    let mut checked = Vec::new();
    let mut problems = Vec::new();
    for slot in results {
        match slot.into_inner().ok().flatten() {
            Some(Ok(item)) => checked.push(item),
            Some(Err(problem)) => problems.push(problem),
            None => problems.push("内部错误：有文件未被检查".to_string()),
        }
    }
    if checked.is_empty() && !problems.is_empty() && paths.len() == 1 {
        return Err(Usage(problems.remove(0)));
    }
    Ok((checked, problems))
}

fn bar(done: usize, total: usize) -> String {
    const WIDTH: usize = 30;
    let filled = done * WIDTH / total.max(1);
    format!("[{}{}]", "█".repeat(filled), "·".repeat(WIDTH - filled))
}

fn with_field(report: &Report, key: &str, value: &str) -> serde_json::Value {
    let mut v = serde_json::to_value(report).unwrap_or_default();
    if let Some(obj) = v.as_object_mut() {
        obj.insert(
            key.to_string(),
            serde_json::Value::String(value.to_string()),
        );
    }
    v
}

#[derive(serde::Deserialize)]
struct BatchItem {
    id: serde_json::Value,
    text: String,
    #[serde(default)]
    product: Option<String>,
}

/// Lines per parallel step: enough to keep every worker busy, few enough
/// that memory stays constant however large the file.
const BATCH_CHUNK: usize = 1024;

/// A rendered report line and whether it passed, or the line's id and error.
type LineOutcome = Result<(String, bool), (serde_json::Value, String)>;

/// Stream a JSONL batch in chunks checked by `jobs` workers; output keeps the
/// input order.
fn run_jsonl(
    checker: &Checker,
    path: &Path,
    defaults: &CheckOptions,
    jobs: usize,
) -> Result<ExitCode, Usage> {
    let reader: Box<dyn BufRead> = if path.as_os_str() == "-" {
        Box::new(io::stdin().lock())
    } else {
        Box::new(io::BufReader::new(fs::File::open(path).map_err(|e| {
            Usage(format!("无法读取 {}：{e}", path.display()))
        })?))
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    let (mut failed, mut bad_lines) = (false, 0usize);
    let mut lines = reader.split(b'\n').enumerate();
    loop {
        let mut chunk: Vec<(usize, Vec<u8>)> = Vec::with_capacity(BATCH_CHUNK);
        for (i, line) in lines.by_ref() {
            let line = line?;
            if !line.iter().all(u8::is_ascii_whitespace) {
                chunk.push((i, line));
            }
            if chunk.len() == BATCH_CHUNK {
                break;
            }
        }
        if chunk.is_empty() {
            break;
        }
        for ((i, _), outcome) in chunk
            .iter()
            .zip(check_chunk(checker, &chunk, defaults, jobs))
        {
            match outcome {
                Ok((rendered, pass)) => {
                    failed |= !pass;
                    writeln!(out, "{rendered}")?;
                }
                Err((id, msg)) => {
                    bad_lines += 1;
                    eprintln!("finlint: {} 第{}行：{msg}", path.display(), i + 1);
                    writeln!(
                        out,
                        "{}",
                        serde_json::json!({ "id": id, "line": i + 1, "error": msg })
                    )?;
                }
            }
        }
    }
    out.flush()?;
    Ok(if bad_lines > 0 {
        ExitCode::from(2)
    } else if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Check a chunk of lines on `jobs` threads, each taking a contiguous slice.
fn check_chunk(
    checker: &Checker,
    chunk: &[(usize, Vec<u8>)],
    defaults: &CheckOptions,
    jobs: usize,
) -> Vec<LineOutcome> {
    let per_worker = chunk.len().div_ceil(jobs.max(1));
    let check_slice = |slice: &[(usize, Vec<u8>)]| -> Vec<LineOutcome> {
        slice
            .iter()
            .map(|(_, line)| check_batch_line(checker, line, defaults))
            .collect()
    };
    if jobs <= 1 {
        return check_slice(chunk);
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = chunk
            .chunks(per_worker)
            .map(|slice| (slice.len(), scope.spawn(move || check_slice(slice))))
            .collect();
        // A worker that died still answers for each of its lines.
        handles
            .into_iter()
            .flat_map(|(n, h)| {
                h.join().unwrap_or_else(|_| {
                    let lost = || {
                        Err((
                            serde_json::Value::Null,
                            "内部错误：检查线程异常退出".to_string(),
                        ))
                    };
                    (0..n).map(|_| lost()).collect()
                })
            })
            .collect()
    })
}

fn check_batch_line(checker: &Checker, line: &[u8], defaults: &CheckOptions) -> LineOutcome {
    let text = std::str::from_utf8(line)
        .map_err(|_| (serde_json::Value::Null, "不是有效的 UTF-8".to_string()))?;
    let item: BatchItem = serde_json::from_str(text)
        .map_err(|e| (serde_json::Value::Null, format!("JSON 无效：{e}")))?;
    let options = CheckOptions {
        product: item.product.clone().or_else(|| defaults.product.clone()),
    };
    let report = checker
        .check(&item.text, &options)
        .map_err(|e| (item.id.clone(), e.to_string()))?;
    let mut v = serde_json::to_value(&report).map_err(|e| (item.id.clone(), e.to_string()))?;
    if let Some(obj) = v.as_object_mut() {
        obj.insert("id".to_string(), item.id);
    }
    // Rendered here, on the worker, so that the writer thread only copies.
    Ok((v.to_string(), report.summary.pass))
}

fn run_eval(args: EvalArgs) -> Result<ExitCode, Usage> {
    let checker = match &args.dict {
        Some(d) => {
            let dict = read_text_file(d)?;
            Checker::with_base_dict(&dict, &[])?
        }
        None => build_checker(&args.rules)?,
    };
    let mut docs = Vec::new();
    for p in &args.corpus {
        docs.extend(eval::parse_corpus(
            &read_text_file(p)?,
            &p.display().to_string(),
        )?);
    }
    let result = eval::evaluate(&checker, &docs);
    match args.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&result)?),
        _ => print!("{}", result.render(args.verbose)),
    }
    Ok(if result.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

fn run_rules(args: RulesArgs) -> Result<ExitCode, Usage> {
    let checker = build_checker(&args.rules)?;
    let full = args.format == Format::Json;
    let infos = checker.rules(full);
    if full {
        println!(
            "{}",
            serde_json::to_string_pretty(
                &serde_json::json!({ "version": checker.version(), "rules": infos })
            )?
        );
    } else {
        println!("规则包 {}", checker.version().rules);
        for r in &infos {
            let state = if r.enabled { "" } else { "（已停用）" };
            println!(
                "{:<34} {:<14} {:<7} 词条 {:>3}  正则 {:>2}  {}{state}",
                r.id,
                r.category.as_str(),
                r.severity.as_str(),
                r.terms,
                r.patterns,
                r.basis
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
