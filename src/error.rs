//! The crate's one error type, with kinds that programs (and tests) match
//! on; the Chinese text is for people. Messages are in Chinese because they
//! reach users.

/// Why a pack error has no line: it is about the packs together (the
/// lexicon's capacity), or the parser gave no position.
fn at_line(line: &Option<usize>) -> String {
    line.map_or_else(String::new, |l| format!(" 第{l}行"))
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// A rule pack or configuration that cannot be used: the file, the line
    /// when it can be known, and the field when the error is about one.
    #[error("规则包 {origin}{}：{message}", at_line(.line))]
    Pack {
        origin: String,
        line: Option<usize>,
        field: Option<String>,
        /// The quoted value the error is about (a rule id), from which the
        /// loader finds the line when the error is raised without the
        /// source at hand.
        value: Option<String>,
        message: String,
    },
    /// Input that cannot be checked, and why.
    #[error("输入无效：{message}")]
    Input { kind: InputKind, message: String },
    /// A document (.docx, .pptx, .pdf, image) that cannot be read, or whose
    /// text cannot be checked; every message names the file.
    #[error("{file}：{kind}")]
    Document { file: String, kind: DocumentKind },
    /// A labelled corpus line that cannot be read (`finlint eval`).
    #[error("{origin} 第{line}行：{message}")]
    Corpus {
        origin: String,
        line: usize,
        message: String,
    },
}

/// What is wrong with the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// Empty or only whitespace.
    Empty,
    /// Over the size limit of one check.
    TooLarge,
    /// A product type that is neither an id nor a Chinese name in the catalog.
    UnknownProduct,
    /// Fixes that do not belong to this text.
    FixMismatch,
}

/// Why a document cannot be read or checked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocumentKind {
    /// Not a zip, or a damaged or truncated one.
    #[error("文件已损坏或不完整，无法读取（{0}）")]
    Corrupt(String),
    /// Password-protected (OOXML encryption, zip encryption, PDF encryption).
    #[error("文档已加密（受密码保护），无法读取其文字；请另存为未加密的副本后再检查")]
    Encrypted,
    /// Decompressed size or entry count over the bounds: a zip bomb.
    #[error("解压后内容超出上限，疑似压缩炸弹，已拒绝读取（{0}）")]
    TooLarge(String),
    /// XML with a DTD (entity expansion) or that does not parse.
    #[error("文档内部 XML 无效，已拒绝读取（{0}）")]
    BadXml(String),
    /// A PDF with no text layer (a scan) or an image with no text.
    #[error("{0}，未检查")]
    NoText(String),
    /// OCR needs Tesseract with the chi_sim model.
    #[error("{0}，图片未检查")]
    OcrUnavailable(String),
    /// The format is not one we read in this build.
    #[error("{0}")]
    Unsupported(String),
    /// The text was read but checking it failed (an input or pack error).
    #[error("{0}")]
    Check(Box<Error>),
}

impl Error {
    pub fn pack(origin: &str, line: Option<usize>, message: String) -> Self {
        Error::Pack {
            origin: origin.to_string(),
            line,
            field: None,
            value: None,
            message,
        }
    }

    pub fn input(kind: InputKind, message: impl Into<String>) -> Self {
        Error::Input {
            kind,
            message: message.into(),
        }
    }

    /// The same pack error, about `field`.
    pub fn field(mut self, name: &str) -> Self {
        if let Error::Pack { field, .. } = &mut self {
            *field = Some(name.to_string());
        }
        self
    }

    /// The same pack error, about the quoted value `v` (a rule id).
    pub fn about(mut self, v: &str) -> Self {
        if let Error::Pack { value, .. } = &mut self {
            *value = Some(v.to_string());
        }
        self
    }

    /// A pack error without a line gets the line where its value first
    /// appears in `source`: quoted (`"x.y"`), or as a key (`stocks = …`).
    pub fn locate(mut self, source: &str) -> Self {
        if let Error::Pack {
            line: line @ None,
            value: Some(v),
            ..
        } = &mut self
        {
            let quoted = format!("\"{v}\"");
            let as_key = |l: &str| {
                l.trim_start()
                    .strip_prefix(v.as_str())
                    .is_some_and(|rest| rest.trim_start().starts_with('='))
            };
            *line = source
                .find(&quoted)
                .map(|b| source[..b].matches('\n').count() + 1)
                .or_else(|| source.lines().position(as_key).map(|i| i + 1));
        }
        self
    }

    pub fn document(file: &str, kind: DocumentKind) -> Self {
        Error::Document {
            file: file.to_string(),
            kind,
        }
    }

    /// The document error's kind, for document errors.
    pub fn document_kind(&self) -> Option<&DocumentKind> {
        match self {
            Error::Document { kind, .. } => Some(kind),
            _ => None,
        }
    }

    /// The input's kind, for input errors.
    pub fn input_kind(&self) -> Option<InputKind> {
        match self {
            Error::Input { kind, .. } => Some(*kind),
            _ => None,
        }
    }
}

/// Parser messages in Chinese. The parsers (serde, toml, serde_json,
/// regex-syntax) speak English; users of a rule pack or a JSONL batch should
/// not have to. Known message shapes are translated with their field names
/// and values kept; anything unrecognised becomes a generic Chinese phrase
/// rather than leaking English.
pub mod zh {
    /// Backtick-quoted tokens of a parser message, in order.
    fn ticked(msg: &str) -> Vec<&str> {
        msg.split('`').skip(1).step_by(2).collect()
    }

    fn list(items: &[&str]) -> String {
        items.join("、")
    }

    /// serde's data-model words (`serde::de::Unexpected` and derive's
    /// "expected" texts) in Chinese.
    fn kind(s: &str) -> String {
        let s = s.trim();
        let value = ticked(s)
            .first()
            .map(|v| format!(" {v}"))
            .unwrap_or_default();
        let word = s.trim_start_matches("a ").trim_start_matches("an ");
        let zh = if word.starts_with("bool") {
            "布尔值（true 或 false）"
        } else if word.starts_with("integer")
            || word.starts_with('u') && word[1..].parse::<u32>().is_ok()
            || word == "usize"
        {
            "整数"
        } else if word.starts_with("floating point") || word.starts_with("float") {
            "小数"
        } else if word.starts_with("string") || word.starts_with("str") || word.starts_with("char")
        {
            "字符串"
        } else if word.starts_with("sequence")
            || word.starts_with("array")
            || word.starts_with("tuple")
        {
            "数组"
        } else if word.starts_with("map") || word.starts_with("struct") || word.starts_with("table")
        {
            "表（对象）"
        } else if word.starts_with("unit") || word.starts_with("null") || word.starts_with("Option")
        {
            "空值"
        } else if word.starts_with("enum") || word.contains("variant") {
            "可选取值之一"
        } else if word.contains("datetime") || word.contains("date") {
            "日期时间"
        } else {
            "其他类型"
        };
        if s.starts_with("string") {
            // Unexpected::Str prints `string "x"`.
            let shown = s.trim_start_matches("string").trim();
            return format!("{zh} {shown}");
        }
        format!("{zh}{value}")
    }

    /// A serde data error (shared by TOML and JSON packs and JSONL lines).
    fn serde_message(msg: &str) -> Option<String> {
        let t = ticked(msg);
        if msg.starts_with("unknown variant") {
            let options = if t.len() > 1 {
                format!("，可选：{}", list(&t[1..]))
            } else {
                String::new()
            };
            return Some(format!("取值 \"{}\" 无效{options}", t.first()?));
        }
        if msg.starts_with("unknown field") {
            let options = if t.len() > 1 {
                format!("，可用字段：{}", list(&t[1..]))
            } else {
                String::new()
            };
            return Some(format!("未知字段 \"{}\"{options}", t.first()?));
        }
        if msg.starts_with("missing field") {
            return Some(format!("缺少必填字段 {}", t.first()?));
        }
        if msg.starts_with("duplicate field") {
            return Some(format!("字段 {} 重复", t.first()?));
        }
        for (prefix, what) in [
            ("invalid type: ", "类型错误"),
            ("invalid value: ", "取值错误"),
        ] {
            if let Some(rest) = msg.strip_prefix(prefix) {
                let (got, want) = rest.split_once(", expected ").unwrap_or((rest, ""));
                return Some(format!("{what}：此处是{}，应为{}", kind(got), kind(want)));
            }
        }
        if let Some(rest) = msg.strip_prefix("invalid length ") {
            let n = rest.split(',').next().unwrap_or("").trim();
            return Some(format!("长度 {n} 不符合要求"));
        }
        None
    }

    fn toml_label(label: &str) -> &'static str {
        match label {
            "key" => "键",
            "table header" => "表头",
            "array" => "数组",
            "inline table" => "内联表",
            "escape sequence" => "转义序列",
            "integer" | "binary integer" | "octal integer" | "hexadecimal integer" => "整数",
            "floating-point number" => "小数",
            "date-time" | "time" | "time offset" => "日期时间",
            "unicode 4-digit hex code" | "unicode 8-digit hex code" => "Unicode 转义",
            l if l.contains("string") => "字符串",
            _ => "内容",
        }
    }

    fn expected_item(item: &str) -> String {
        let item = item.trim();
        match item {
            "newline" => "换行".into(),
            "digit" | "leading digit" => "数字".into(),
            "nothing" => "行尾".into(),
            _ if item.starts_with('`') => item.to_string(),
            _ => "其他内容".into(),
        }
    }

    /// A TOML parse or data error message (`toml::de::Error::message`).
    pub fn toml(msg: &str) -> String {
        let msg = msg.trim();
        if let Some(s) = serde_message(msg) {
            return s;
        }
        let mut parts = Vec::new();
        for line in msg.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let t = ticked(line);
            let part = if let Some(label) = line.strip_prefix("invalid ") {
                format!("{}无效", toml_label(label))
            } else if let Some(items) = line.strip_prefix("expected ") {
                let items: Vec<String> = items
                    .split(", ")
                    .flat_map(|i| i.split(" or "))
                    .map(expected_item)
                    .collect();
                format!("此处应为 {}", items.join(" 或 "))
            } else if line.starts_with("duplicate key") {
                match (t.first(), t.get(1)) {
                    (Some(k), Some(table)) => format!("表 {table} 中的键 {k} 重复"),
                    (Some(k), None) => format!("键 {k} 重复"),
                    _ => "键重复".into(),
                }
            } else if line.starts_with("dotted key") {
                format!("带点的键 {} 与已有的非表值冲突", t.first().unwrap_or(&""))
            } else if line.contains("out of range") {
                "数值超出范围".into()
            } else if line.contains("recursion limit") {
                "嵌套层数过多".into()
            } else if line.starts_with("unexpected") {
                "此处有多余内容".into()
            } else {
                "无法解析此处内容".into()
            };
            parts.push(part);
        }
        if parts.is_empty() {
            "无法解析此处内容".into()
        } else {
            parts.join("；")
        }
    }

    /// A serde_json error, without its English " at line L column C" tail.
    pub fn json(e: &serde_json::Error) -> String {
        let full = e.to_string();
        let msg = match full.rfind(" at line ") {
            Some(i) if e.line() > 0 => &full[..i],
            _ => full.as_str(),
        };
        if let Some(s) = serde_message(msg) {
            return s;
        }
        let zh = match msg {
            m if m.starts_with("EOF while parsing") => "内容在此处意外结束（括号或引号未闭合）",
            "expected `:`" => "此处应为冒号 `:`",
            "expected `,` or `]`" => "此处应为逗号 `,` 或 `]`",
            "expected `,` or `}`" => "此处应为逗号 `,` 或 `}`",
            "expected ident" => "无法识别的字面量（应为 true、false 或 null）",
            "expected value" => "此处应为一个值（字符串、数字、数组或对象）",
            "expected `\"`" => "此处应为双引号 `\"`",
            "invalid escape" => "字符串中的转义序列无效",
            "invalid number" => "数字格式无效",
            "number out of range" => "数字超出范围",
            "invalid unicode code point" => "\\u 转义不是有效的 Unicode 字符",
            m if m.starts_with("control character") => "字符串中含未转义的控制字符（如换行或制表符），应写作 \\n、\\t",
            "key must be a string" => "对象的键必须是带双引号的字符串",
            "lone leading surrogate in hex escape" | "unexpected end of hex escape" => {
                "字符串含孤立的 UTF-16 代理项转义（如 \\ud800 后面没有配对的低位代理），不是有效的 Unicode 文本；请检查导出程序"
            }
            "trailing comma" => "末尾多了一个逗号",
            "trailing characters" => "有效内容之后还有多余字符",
            "recursion limit exceeded" => "嵌套层数过多",
            _ => "格式无法解析",
        };
        zh.to_string()
    }

    /// Why a pattern does not compile, from regex-syntax's error kinds (the
    /// `regex` crate's own message is English and multi-line).
    pub fn regex(pattern: &str) -> String {
        use regex_syntax::ast::ErrorKind as A;
        use regex_syntax::hir::ErrorKind as H;
        let err = match regex_syntax::Parser::new().parse(pattern) {
            Ok(_) => return "编译后的正则表达式超过大小上限，请简化（减少重复次数或嵌套）".into(),
            Err(e) => e,
        };
        let (what, offset) = match &err {
            regex_syntax::Error::Parse(e) => {
                let what = match e.kind() {
                    A::GroupUnclosed => "括号未闭合",
                    A::GroupUnopened => "右括号没有对应的左括号",
                    A::ClassUnclosed => "方括号 [ 未闭合",
                    A::ClassRangeInvalid | A::ClassRangeLiteral => "字符范围无效",
                    A::RepetitionMissing => "重复符号（* + ? {n}）前没有可重复的内容",
                    A::RepetitionCountInvalid | A::RepetitionCountUnclosed | A::RepetitionCountDecimalEmpty => "重复次数 {m,n} 写法无效",
                    A::EscapeUnrecognized | A::EscapeUnexpectedEof | A::ClassEscapeInvalid => "无法识别的转义",
                    A::EscapeHexEmpty | A::EscapeHexInvalid | A::EscapeHexInvalidDigit => "十六进制转义无效",
                    A::UnsupportedLookAround => "不支持前后断言（(?=…)、(?<=…) 等）；可用命名分组 (?P<hit>…) 标出要报告的部分",
                    A::UnsupportedBackreference => "不支持反向引用（\\1 等）",
                    A::GroupNameDuplicate { .. } | A::GroupNameEmpty | A::GroupNameInvalid | A::GroupNameUnexpectedEof => "分组名称无效或重复",
                    A::FlagUnrecognized | A::FlagDuplicate { .. } | A::FlagRepeatedNegation { .. } | A::FlagDanglingNegation | A::FlagUnexpectedEof => "标志（(?i) 等）写法无效",
                    A::NestLimitExceeded(_) => "嵌套层数过多",
                    A::UnicodeClassInvalid => "Unicode 类别名称无效",
                    _ => "语法错误",
                };
                (what, e.span().start.offset)
            }
            regex_syntax::Error::Translate(e) => {
                let what = match e.kind() {
                    H::UnicodePropertyNotFound | H::UnicodePropertyValueNotFound => {
                        "不支持的 Unicode 类别（仅支持 \\p{Han} 等文字类别）"
                    }
                    H::UnicodePerlClassNotFound => "不支持的字符类",
                    _ => "语法错误",
                };
                (what, e.span().start.offset)
            }
            _ => ("语法错误", 0),
        };
        let at = pattern[..offset.min(pattern.len())].chars().count() + 1;
        format!("{what}（第 {at} 个字符处）")
    }
}
