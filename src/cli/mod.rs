//! The `finlint` command line, as a library module so that `main.rs` holds
//! no logic: argument parsing, reading inputs, the batch protocol, the
//! output formats and the exit-code policy all live here and in `format`.
//! Only built with the `cli` feature: the wasm module never compiles it.

pub mod args;
mod check;
pub mod documents;
pub mod exit;
pub mod input;
pub mod jsonl;
pub mod walk;

use std::fs;
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use rayon::{ThreadPool, ThreadPoolBuilder};

use crate::format::{rules as rules_table, sanitize};
use crate::{eval, CheckOptions, Checker, MAX_PACK_BYTES};
use args::{CheckArgs, ColorChoice, Command, EvalArgs, RuleArgs, RulesArgs, RulesFormat};
use exit::Outcome;

/// Why a run ends early: a usage or input problem (exit 2), or the reader of
/// stdout went away (`| head`), which is not an error: exit 0, quietly, as
/// ripgrep does.
#[derive(Debug)]
pub enum Fail {
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

impl From<crate::Error> for Fail {
    fn from(e: crate::Error) -> Self {
        usage(e.to_string())
    }
}

/// A line on stderr. Text that came from the input (file names, messages)
/// is sanitised so that escape codes in it never reach the terminal raw.
fn note(msg: &str) {
    let _ = writeln!(io::stderr(), "finlint: {}", sanitize(msg));
}

/// Run the command line and say how it ended.
pub fn main() -> ExitCode {
    let result = match args::parse() {
        Command::Check(a) => run_check(a),
        Command::Eval(a) => run_eval(a),
        Command::Rules(a) => run_rules(a),
    };
    match result {
        Ok(outcome) => outcome.exit_code(),
        Err(Fail::Closed) => ExitCode::SUCCESS,
        Err(Fail::Usage(msg)) => {
            note(&msg);
            ExitCode::from(exit::USAGE)
        }
    }
}

/// A rule pack: bounded by the library's pack limit, which the wasm module
/// and the npm package apply too.
fn read_pack(path: &Path) -> Result<String, Fail> {
    Ok(input::read_text(path, MAX_PACK_BYTES, "")
        .map_err(|e| usage(format!("规则包 {e}")))?
        .text)
}

/// The checker with the user's packs, on the built-in dictionary or on
/// `base_dict` (eval --dict).
fn build_checker(args: &RuleArgs, base_dict: Option<&str>) -> Result<Checker, Fail> {
    let sources: Vec<(String, String)> = args
        .rules
        .iter()
        .map(|p| Ok((read_pack(p)?, p.display().to_string())))
        .collect::<Result<_, Fail>>()?;
    let refs: Vec<(&str, &str)> = sources
        .iter()
        .map(|(s, o)| (s.as_str(), o.as_str()))
        .collect();
    Ok(match base_dict {
        Some(dict) => Checker::with_base_dict(dict, &refs)?,
        None => Checker::new(&refs)?,
    })
}

/// The worker pool for directories and batches: `jobs` threads, or one per
/// core.
fn pool(jobs: Option<u16>) -> Result<ThreadPool, Fail> {
    let threads = jobs.map_or_else(
        || std::thread::available_parallelism().map_or(1, |n| n.get()),
        usize::from,
    );
    ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| usage(format!("无法创建检查线程：{e}")))
}

fn run_check(args: CheckArgs) -> Result<Outcome, Fail> {
    let checker = build_checker(&args.rules, None)?;
    let options = CheckOptions {
        product: args.product.clone(),
        max_findings: Some(args.max_findings as usize),
        explain: args.explain,
    };
    let pool = pool(args.jobs)?;
    if let Some(path) = &args.jsonl {
        return run_jsonl(&checker, path, &options, &pool);
    }
    let paths = if args.paths.is_empty() {
        vec![std::path::PathBuf::from("-")]
    } else {
        args.paths.clone()
    };
    let inputs = check::collect_inputs(&paths);
    for skipped in &inputs.walk.skipped {
        note(&format!("已跳过 {skipped}"));
    }
    for problem in &inputs.walk.problems {
        note(problem);
    }
    if inputs.files.is_empty() {
        return Err(check::nothing_to_check(&paths, &inputs.walk));
    }
    if let Some(other) = inputs.walk.other_types_note() {
        note(&format!("已跳过 {other}"));
    }
    let outcomes = check::check_all(&checker, &inputs.files, &options, &pool)?;
    let problems = check::report_failures(&outcomes, &inputs)?;
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    check::write_reports(&outcomes, inputs.many, args.format, color, &checker)?;
    let failed = outcomes
        .iter()
        .any(|o| o.as_ref().is_ok_and(|c| !c.report.summary.pass));
    Ok(Outcome { problems, failed })
}

fn run_jsonl(
    checker: &Checker,
    path: &Path,
    defaults: &CheckOptions,
    pool: &ThreadPool,
) -> Result<Outcome, Fail> {
    let mut reader: Box<dyn BufRead> = if path.as_os_str() == "-" {
        Box::new(io::stdin().lock())
    } else {
        let file = fs::File::open(path)
            .map_err(|e| usage(format!("无法读取 {}：{}", path.display(), input::io_zh(&e))))?;
        Box::new(io::BufReader::new(file))
    };
    let name = path.display().to_string();
    let mut out = io::BufWriter::new(io::stdout().lock());
    let batch = jsonl::run(
        checker,
        &mut reader,
        &name,
        defaults,
        pool,
        &mut out,
        &mut |m| note(&m),
    )?;
    out.flush()?;
    if let Some(why) = &batch.stopped {
        note(why);
    }
    Ok(Outcome {
        problems: batch.bad_lines > 0 || batch.stopped.is_some(),
        failed: batch.failed,
    })
}

fn read_text(path: &Path) -> Result<String, Fail> {
    Ok(input::read_text(path, crate::MAX_INPUT_BYTES, "")
        .map_err(usage)?
        .text)
}

fn run_eval(args: EvalArgs) -> Result<Outcome, Fail> {
    // --dict and --rules together: the packs used to be ignored silently.
    let dict = args.dict.as_deref().map(read_text).transpose()?;
    let checker = build_checker(&args.rules, dict.as_deref())?;
    let mut docs = Vec::new();
    for p in &args.corpus {
        let corpus = read_text(p)?;
        docs.extend(eval::parse_corpus(&corpus, &p.display().to_string())?);
    }
    let result = eval::evaluate(&checker, &docs);
    let mut out = io::BufWriter::new(io::stdout().lock());
    match args.format {
        args::EvalFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &result)?;
            writeln!(out)?;
        }
        args::EvalFormat::Text => write!(out, "{}", result.render(args.verbose))?,
    }
    out.flush()?;
    Ok(Outcome {
        problems: !result.errors.is_empty(),
        failed: false,
    })
}

fn run_rules(args: RulesArgs) -> Result<Outcome, Fail> {
    let checker = build_checker(&args.rules, None)?;
    let full = args.format == RulesFormat::Json;
    let infos = checker.rules(full);
    let mut out = io::BufWriter::new(io::stdout().lock());
    if full {
        let all = serde_json::json!({ "version": checker.version(), "rules": infos });
        serde_json::to_writer_pretty(&mut out, &all)?;
        writeln!(out)?;
    } else {
        write!(out, "{}", rules_table::render(&checker.version(), &infos))?;
    }
    out.flush()?;
    Ok(Outcome::default())
}
