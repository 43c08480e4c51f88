//! Command-line arguments, with help and usage errors in Chinese: the people
//! at the terminal are compliance reviewers, not only developers.

use std::path::PathBuf;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgAction, Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

const TEMPLATE: &str = "{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

const TOP_EXAMPLES: &str = "\
示例：
  finlint check 海报文案.txt                 检查一个文件
  finlint check 文案目录/ --product wealth    检查目录下所有 .txt .md .html 文件，按理财产品要求
  echo '保本保收益' | finlint check -         从标准输入检查
  finlint rules                              列出生效的规则

退出码：0 未发现错误级问题；1 有错误级问题；2 用法或输入有误（含没有任何可检查的文件）。
运行 finlint <命令> --help 查看每个命令的选项。";

const CHECK_EXAMPLES: &str = "\
示例：
  finlint check 文案.txt
  finlint check 稿件/ --format json > 报告.json
  finlint check 广告.html --product fund --rules 本行规则.toml
  finlint check --jsonl 导出.jsonl -j 2 > 结果.jsonl
  finlint check 文案.txt --color never | less
  finlint check 反诈宣传.txt --explain        同时说明哪些疑似用语未标记及原因

文件可以是 UTF-8、GBK/GB18030 或带 BOM 的 UTF-16 编码；非 UTF-8 时报告会注明读取所用的编码。
目录中的命名管道、设备文件等特殊文件会被跳过并在标准错误中说明；同一目录或文件不会因符号链接被重复检查。";

const EVAL_EXAMPLES: &str = "\
示例：
  finlint eval tests/corpus/*.jsonl
  finlint eval 标注语料.jsonl -v --rules 本行规则.toml";

const RULES_EXAMPLES: &str = "\
示例：
  finlint rules
  finlint rules --rules 本行规则.toml --format json";

#[derive(Parser)]
#[command(
    name = "finlint",
    version,
    about = "金融营销文案合规检查：找出绝对化用语、保本保收益承诺、误导和诱导性内容、无出处数据和个人信息，并检查必备信息",
    help_template = TEMPLATE,
    after_help = TOP_EXAMPLES,
    override_usage = "finlint <命令> [选项]",
    subcommand_help_heading = "命令",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    next_help_heading = "选项"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// 显示帮助
    #[arg(short = 'h', long = "help", action = ArgAction::Help, global = true)]
    help: Option<bool>,
    /// 显示版本
    #[arg(short = 'V', long = "version", action = ArgAction::Version)]
    version: Option<bool>,
}

#[derive(Subcommand)]
pub enum Command {
    /// 检查文件、目录或标准输入（-）中的文案
    #[command(
        after_help = CHECK_EXAMPLES,
        override_usage = "finlint check [选项] [文件|目录|-]...\n      finlint check --jsonl 文件 [选项]"
    )]
    Check(CheckArgs),
    /// 用标注语料（JSONL）评估召回率、精确率和必备信息准确率
    #[command(
        after_help = EVAL_EXAMPLES,
        override_usage = "finlint eval [选项] 语料.jsonl..."
    )]
    Eval(EvalArgs),
    /// 列出生效的规则
    #[command(
        after_help = RULES_EXAMPLES,
        override_usage = "finlint rules [选项]"
    )]
    Rules(RulesArgs),
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Jsonl,
    Sarif,
    Github,
}

/// What `eval` can write: the scores as text, or as JSON.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EvalFormat {
    Text,
    Json,
}

/// What `rules` can write: the table, or every definition as JSON.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Args)]
#[command(next_help_heading = "选项")]
pub struct RuleArgs {
    /// 机构规则包（TOML 或 JSON），可多次指定
    #[arg(long = "rules", value_name = "文件")]
    pub rules: Vec<PathBuf>,
}

#[derive(Args)]
#[command(next_help_heading = "选项")]
pub struct CheckArgs {
    /// 要检查的文件或目录；- 或不指定时读取标准输入
    #[arg(value_name = "文件|目录|-", help_heading = "参数")]
    pub paths: Vec<PathBuf>,
    /// 产品类型（可选值由 product_help 按 data/catalog.toml 生成）
    #[arg(long, short = 'p', value_name = "类型")]
    pub product: Option<String>,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// 输出格式：text（默认）、json、jsonl、sarif、github
    #[arg(
        long,
        short = 'f',
        value_enum,
        default_value = "text",
        value_name = "格式",
        hide_possible_values = true,
        hide_default_value = true
    )]
    pub format: Format,
    /// 批量模式：每行一个 {"id","text","product"?}，每行输出一份报告
    #[arg(long, value_name = "文件")]
    pub jsonl: Option<PathBuf>,
    /// 每份文案最多列出的问题数（默认 10000）；超出时只保留最严重的，并在报告中注明“已截断”，结论不受影响
    #[arg(
        long = "max-findings",
        value_name = "N",
        default_value_t = crate::DEFAULT_MAX_FINDINGS as u32,
        hide_default_value = true,
        value_parser = clap::value_parser!(u32).range(1..)
    )]
    pub max_findings: u32,
    /// 目录和 --jsonl 使用的线程数（默认：全部核心）
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// 颜色：auto（默认，仅终端着色）、always、never；也可设置环境变量 NO_COLOR
    #[arg(
        long,
        value_enum,
        default_value = "auto",
        value_name = "何时",
        hide_possible_values = true,
        hide_default_value = true
    )]
    pub color: ColorChoice,
    /// 同时列出找到但未标记的疑似用语及原因（否定、提问、引用警示、体裁、上下文排除、例外用语、允许列表、被其他规则覆盖）；JSON 输出增加 explained 字段
    #[arg(long)]
    pub explain: bool,
}

#[derive(Args)]
#[command(next_help_heading = "选项")]
pub struct EvalArgs {
    /// 标注格式的语料文件（JSONL）
    #[arg(required = true, value_name = "语料", help_heading = "参数")]
    pub corpus: Vec<PathBuf>,
    /// 列出漏报、误报和必备信息判断错误
    #[arg(short, long)]
    pub verbose: bool,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// 用另一份 jieba 基础词典（每行“词 频率”）代替内置词典
    #[arg(long, value_name = "文件")]
    pub dict: Option<PathBuf>,
    /// 输出格式：text（默认）或 json
    #[arg(
        long,
        value_enum,
        default_value = "text",
        value_name = "格式",
        hide_possible_values = true,
        hide_default_value = true
    )]
    pub format: EvalFormat,
}

#[derive(Args)]
#[command(next_help_heading = "选项")]
pub struct RulesArgs {
    #[command(flatten)]
    pub rules: RuleArgs,
    /// 输出格式：text（默认）或 json（含完整定义）
    #[arg(
        long,
        short = 'f',
        value_enum,
        default_value = "text",
        value_name = "格式",
        hide_possible_values = true,
        hide_default_value = true
    )]
    pub format: RulesFormat,
}

/// Parse the arguments; help and version go to stdout with exit 0, usage
/// errors to stderr in Chinese with exit 2.
pub fn parse() -> Command {
    // Every subcommand has the top level's help layout and its global -h.
    let command = Cli::command()
        .mut_subcommands(|c| c.help_template(TEMPLATE).disable_help_flag(true))
        .mut_subcommand("check", |c| {
            c.mut_arg("product", |a| a.help(product_help()))
        });
    let matches = command.try_get_matches();
    let result = matches.and_then(|m| Cli::from_arg_matches(&m));
    match result {
        Ok(cli) => cli.command,
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            e.exit()
        }
        Err(e) => {
            eprintln!(
                "finlint: {}\n运行 finlint --help 查看用法。",
                usage_error_zh(&e)
            );
            std::process::exit(2);
        }
    }
}

/// The products come from the catalog, so the help lists what the library
/// accepts: each id with its Chinese name, which is accepted too.
fn product_help() -> String {
    format!(
        "产品类型：{}或 auto（自动识别，默认）；也可写中文名，如 理财",
        crate::catalog().product_choices()
    )
}

fn context(e: &clap::Error, kind: ContextKind) -> String {
    match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join("、"),
        _ => String::new(),
    }
}

fn usage_error_zh(e: &clap::Error) -> String {
    let arg = context(e, ContextKind::InvalidArg);
    let value = context(e, ContextKind::InvalidValue);
    let valid = context(e, ContextKind::ValidValue);
    let suggested = context(e, ContextKind::SuggestedArg);
    let hint = |s: &str, what: &str| {
        if s.is_empty() {
            String::new()
        } else {
            format!("；{what}{s}")
        }
    };
    match e.kind() {
        ErrorKind::UnknownArgument => {
            format!("未知参数 {arg}{}", hint(&suggested, "是否想用 "))
        }
        ErrorKind::InvalidValue => {
            format!("参数 {arg} 的取值 “{value}” 无效{}", hint(&valid, "可选："))
        }
        ErrorKind::ValueValidation => {
            format!("参数 {arg} 的取值 “{value}” 无效（应为大于 0 的整数）")
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数 {arg}"),
        ErrorKind::InvalidSubcommand => format!(
            "未知命令 {value}{}",
            hint(&context(e, ContextKind::SuggestedSubcommand), "是否想用 ")
        ),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "请指定命令：check、eval 或 rules".to_string()
        }
        ErrorKind::ArgumentConflict => format!("参数 {arg} 不能与其他参数同时使用"),
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("参数 {arg} 的取值个数不对")
        }
        ErrorKind::NoEquals => format!("参数 {arg} 需要用 = 连接取值"),
        ErrorKind::InvalidUtf8 => "参数不是有效的 UTF-8 文本".to_string(),
        _ => "命令行参数有误".to_string(),
    }
}
