//! Rule packs: the data model, parsing (TOML or JSON) and validation.
//!
//! The built-in pack and a user's organisation pack share one format. A user
//! pack may also extend built-in rules, allow-list phrases, disable rules,
//! override severities and override which labels a profile requires.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::error::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS, schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Absolute,
    Guarantee,
    Misleading,
    Promotion,
    Endorsement,
    UnsourcedData,
    PersonalInfo,
    MissingLabel,
}

impl Category {
    pub const ALL: [Category; 8] = [
        Category::Absolute,
        Category::Guarantee,
        Category::Misleading,
        Category::Promotion,
        Category::Endorsement,
        Category::UnsourcedData,
        Category::PersonalInfo,
        Category::MissingLabel,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Absolute => "absolute",
            Category::Guarantee => "guarantee",
            Category::Misleading => "misleading",
            Category::Promotion => "promotion",
            Category::Endorsement => "endorsement",
            Category::UnsourcedData => "unsourced_data",
            Category::PersonalInfo => "personal_info",
            Category::MissingLabel => "missing_label",
        }
    }

    /// The single-letter code used by the labelled corpus format.
    pub fn from_corpus_letter(letter: &str) -> Option<Category> {
        Some(match letter {
            "A" => Category::Absolute,
            "G" => Category::Guarantee,
            "M" => Category::Misleading,
            "P" => Category::Promotion,
            "E" => Category::Endorsement,
            "D" => Category::UnsourcedData,
            "I" => Category::PersonalInfo,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS, schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS, schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum LabelKind {
    RiskLevel,
    Liquidity,
    Advertiser,
    Date,
    RiskWarning,
}

impl LabelKind {
    pub const ALL: [LabelKind; 5] = [
        LabelKind::RiskLevel,
        LabelKind::Liquidity,
        LabelKind::Advertiser,
        LabelKind::Date,
        LabelKind::RiskWarning,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LabelKind::RiskLevel => "risk_level",
            LabelKind::Liquidity => "liquidity",
            LabelKind::Advertiser => "advertiser",
            LabelKind::Date => "date",
            LabelKind::RiskWarning => "risk_warning",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS, schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// The sentence around the hit.
    Sentence,
    /// `window` characters either side of the hit.
    Window,
    /// The whole document.
    Document,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS, schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ContextCheck {
    pub scope: Scope,
    #[serde(default = "default_window")]
    pub window: usize,
    #[cfg_attr(test, schemars(schema_with = "crate::generated::pattern_list"))]
    pub patterns: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS, schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Downgrade {
    pub severity: Severity,
    pub scope: Scope,
    #[serde(default = "default_window")]
    pub window: usize,
    #[cfg_attr(test, schemars(schema_with = "crate::generated::pattern_list"))]
    pub patterns: Vec<String>,
}

fn default_window() -> usize {
    60
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS, schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Validator {
    IdCard,
    Luhn,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS, schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Examples {
    #[serde(default)]
    pub positive: Vec<String>,
    #[serde(default)]
    pub negative: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS, schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(test, schemars(transform = crate::generated::needs_a_matcher))]
pub struct RuleDef {
    #[cfg_attr(test, schemars(schema_with = "crate::generated::non_empty_string"))]
    pub id: String,
    pub category: Category,
    pub severity: Severity,
    /// The Chinese message; `{text}` is replaced by the flagged text.
    #[cfg_attr(test, schemars(schema_with = "crate::generated::non_empty_string"))]
    pub message: String,
    #[serde(default)]
    pub suggestion: String,
    /// Text that replaces the flagged span when the user applies the fix in
    /// one click; empty means "delete". `{masked}` masks digits (PII).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replacement: Option<String>,
    /// Per-term replacements (normalised term -> text), overriding `replacement`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub replacements: BTreeMap<String, String>,
    pub basis: String,
    #[serde(default)]
    #[cfg_attr(test, schemars(schema_with = "crate::generated::non_empty_list"))]
    pub terms: Vec<String>,
    #[serde(default)]
    #[cfg_attr(test, schemars(schema_with = "crate::generated::pattern_list"))]
    pub patterns: Vec<String>,
    /// Concept frames (see `frames.rs`): `{concept}` names a built-in concept
    /// lexicon (data/concepts.toml), `~N` a gap of at most N characters in one
    /// clause, `~~N` in one sentence; the rest is regex syntax.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(test, schemars(schema_with = "crate::generated::pattern_list"))]
    pub frames: Vec<String>,
    #[serde(default)]
    #[cfg_attr(test, schemars(schema_with = "crate::generated::non_empty_list"))]
    pub exceptions: Vec<String>,
    /// Keep a term hit only on word boundaries. Defaults to true for built-in
    /// terms; a user pack's terms default to false because the segmenter's
    /// dictionary does not know them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boundary: Option<bool>,
    #[serde(default = "yes")]
    pub negatable: bool,
    #[serde(default = "yes")]
    pub quotable: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validate: Option<Validator>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drop_if: Option<ContextCheck>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub downgrade_if: Option<Downgrade>,
    /// Products (ids or Chinese names) the rule applies to; empty means all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(test, schemars(schema_with = "crate::generated::product_list"))]
    #[cfg_attr(test, ts(type = "Array<Product | ProductName>"))]
    pub profiles: Vec<String>,
    #[serde(default)]
    pub examples: Examples,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS, schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PackMeta {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub version: String,
}

/// Adds terms or exceptions to a rule defined elsewhere.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS, schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Extend {
    #[cfg_attr(test, schemars(schema_with = "crate::generated::non_empty_string"))]
    pub rule: String,
    #[serde(default)]
    #[cfg_attr(test, schemars(schema_with = "crate::generated::non_empty_list"))]
    pub terms: Vec<String>,
    #[serde(default)]
    #[cfg_attr(test, schemars(schema_with = "crate::generated::non_empty_list"))]
    pub exceptions: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS, schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PackFile {
    #[serde(default)]
    pub pack: PackMeta,
    #[serde(default, rename = "rule")]
    pub rules: Vec<RuleDef>,
    /// More terms or exceptions for existing rules.
    #[serde(default)]
    pub extend: Vec<Extend>,
    /// Phrases never flagged, such as the organisation's own name.
    #[serde(default)]
    #[cfg_attr(test, schemars(schema_with = "crate::generated::non_empty_list"))]
    pub allow: Vec<String>,
    /// Rule ids (or id prefixes ending in `.`) to switch off.
    #[serde(default)]
    #[cfg_attr(test, schemars(schema_with = "crate::generated::non_empty_list"))]
    pub disable: Vec<String>,
    /// Rule id (or prefix) -> severity override.
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
    /// Product (id or Chinese name) -> the labels it requires, replacing the
    /// built-in list.
    #[serde(default)]
    #[cfg_attr(test, schemars(schema_with = "crate::generated::product_map"))]
    #[cfg_attr(
        test,
        ts(type = "Partial<Record<Product | ProductName, Array<LabelKind>>>")
    )]
    pub required_labels: BTreeMap<String, Vec<LabelKind>>,
}

/// Does a rule selector (from `disable`, `severity` or an inline marker) pick
/// rule `id`? A selector is `*`, an exact id, or a prefix such as
/// `guarantee` or `guarantee.*`.
pub fn rule_id_matches(selector: &str, id: &str) -> bool {
    let prefix = selector.trim_end_matches('*').trim_end_matches('.');
    selector == "*"
        || id == selector
        || (id.starts_with(prefix) && id[prefix.len()..].starts_with('.'))
}

/// The largest rule pack accepted, in bytes, by every front end (CLI, wasm,
/// npm): the biggest realistic organisation pack (200,000 terms) is a few
/// MB, and parsing holds several copies of the source.
pub const MAX_PACK_BYTES: usize = 16 * 1024 * 1024;

/// The longest `message`, `suggestion` or `basis`, in characters. A message
/// is copied into every finding, so a huge one multiplied by many hits
/// exhausted memory; 2,000 characters is a page of explanation.
pub const MAX_TEXT_CHARS: usize = 2_000;

/// "16 MiB（16,777,216 字节）": exact, so that a file one byte over the limit
/// is not reported as being of the limit's size.
pub fn describe_bytes(bytes: usize) -> String {
    let digits = bytes.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let mib = bytes as f64 / 1_048_576.0;
    if bytes.is_multiple_of(1_048_576) {
        format!("{} MiB（{grouped} 字节）", bytes / 1_048_576)
    } else {
        format!("{mib:.2} MiB（{grouped} 字节）")
    }
}

/// Is this pack JSON? By the file name when it says, otherwise by the first
/// non-blank character, so a `.json` pack with a stray prefix is still
/// reported as JSON rather than as a TOML syntax error.
fn is_json(source: &str, origin: &str) -> bool {
    let lower = origin.to_ascii_lowercase();
    if lower.ends_with(".json") {
        return true;
    }
    if lower.ends_with(".toml") {
        return false;
    }
    source.trim_start().starts_with('{')
}

/// A built-in pack, from the JSON that build.rs made of its TOML
/// (src/compiled.rs), validated like any pack. Its errors name the file and
/// the rule but no line: the JSON's lines are not the TOML's, and the tests
/// load every built-in pack.
pub(crate) fn parse_builtin_pack(json: &str, origin: &str) -> Result<PackFile, Error> {
    let pack: PackFile = serde_json::from_str(json)
        .map_err(|e| Error::pack(origin, None, format!("内置规则包无效：{e}")))?;
    validate_pack(&pack, "", origin)?;
    Ok(pack)
}

/// Parse a pack from TOML or JSON (by file name, else by the first non-blank
/// character). A UTF-8 byte-order mark is ignored.
pub fn parse_pack(source: &str, origin: &str) -> Result<PackFile, Error> {
    if source.len() > MAX_PACK_BYTES {
        return Err(Error::pack(
            origin,
            None,
            format!(
                "规则包过大：{}，上限为 {}",
                describe_bytes(source.len()),
                describe_bytes(MAX_PACK_BYTES)
            ),
        ));
    }
    let source = source.strip_prefix('\u{FEFF}').unwrap_or(source);
    if source.trim().is_empty() {
        return Err(Error::pack(origin, None, "规则包为空".to_string()));
    }
    let pack: PackFile = if is_json(source, origin) {
        serde_json::from_str(source).map_err(|e| {
            let at = if e.line() > 0 {
                format!("第{}列：", e.column())
            } else {
                String::new()
            };
            Error::pack(
                origin,
                (e.line() > 0).then(|| e.line()),
                format!("JSON 格式错误：{at}{}", crate::error::zh::json(&e)),
            )
        })?
    } else {
        crate::toml_json::from_str(source).map_err(|e| {
            let at = e.span.map(|s| s.start);
            let line = at.map(|b| line_of(source, b));
            let key = at
                .and_then(|b| key_at(source, b))
                .map(|k| format!("字段 {k}："))
                .unwrap_or_default();
            let field = at.and_then(|b| key_at(source, b));
            let err = Error::pack(
                origin,
                line,
                format!("TOML 格式错误：{key}{}", crate::error::zh::toml(&e.message)),
            );
            match field {
                Some(f) => err.field(&f),
                None => err,
            }
        })?
    };
    validate_pack(&pack, source, origin)?;
    Ok(pack)
}

/// The key assigned on the line holding byte `at` (`severity = "x"` gives
/// `severity`), to name the field in a value error.
fn key_at(source: &str, at: usize) -> Option<String> {
    let at = at.min(source.len());
    let start = source[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = source[at..].find('\n').map_or(source.len(), |i| at + i);
    let (key, _) = source.get(start..end)?.split_once('=')?;
    let key = key.trim().trim_matches('"');
    let plain = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'));
    plain.then(|| key.to_string())
}

fn line_of(source: &str, byte: usize) -> usize {
    source[..byte.min(source.len())].matches('\n').count() + 1
}

/// The line where a quoted value first appears, to point at a semantic error.
/// Called only once an error is found: calling it for every rule made
/// loading quadratic in the number of rules.
fn locate(source: &str, value: &str) -> Option<usize> {
    let quoted = format!("\"{value}\"");
    source.find(&quoted).map(|b| line_of(source, b))
}

pub const MAX_TERMS: usize = 200_000;
/// The pattern length limit lives with the patterns; packs check it too.
pub use crate::pattern::MAX_PATTERN_LEN;

fn validate_pack(pack: &PackFile, source: &str, origin: &str) -> Result<(), Error> {
    let mut seen = HashSet::new();
    let mut total_terms = 0usize;
    for (i, rule) in pack.rules.iter().enumerate() {
        let err = |msg: String| {
            Error::pack(
                origin,
                locate(source, &rule.id),
                format!("rule[{i}]（id = \"{}\"）：{msg}", rule.id),
            )
        };
        if rule.id.trim().is_empty() {
            return Err(err("字段 id 不能为空".into()).field("id"));
        }
        if !seen.insert(rule.id.as_str()) {
            return Err(err("字段 id 重复".into()).field("id"));
        }
        if rule.terms.is_empty() && rule.patterns.is_empty() && rule.frames.is_empty() {
            return Err(err("必须提供 terms、patterns 或 frames 至少一项".into()));
        }
        if rule.message.trim().is_empty() {
            return Err(err("字段 message 不能为空".into()).field("message"));
        }
        for (field, text) in [
            ("message", &rule.message),
            ("suggestion", &rule.suggestion),
            ("basis", &rule.basis),
        ] {
            let chars = text.chars().count();
            if chars > MAX_TEXT_CHARS {
                return Err(err(format!(
                    "字段 {field} 长 {chars} 个字符，超过上限 {MAX_TEXT_CHARS}（它会复制到每一条结果中）"
                ))
                .field(field));
            }
        }
        let replacements = rule.replacement.iter().chain(rule.replacements.values());
        if let Some(r) = replacements
            .into_iter()
            .find(|r| r.chars().count() > MAX_TEXT_CHARS)
        {
            return Err(err(format!(
                "替换文本长 {} 个字符，超过上限 {MAX_TEXT_CHARS}",
                r.chars().count()
            )));
        }
        if let Some(t) = rule.terms.iter().find(|t| t.trim().is_empty()) {
            return Err(err(format!("字段 terms 含空词条（{t:?}）")).field("terms"));
        }
        total_terms += rule.terms.len();
        // Syntax and size are checked where the pattern is prepared (rules.rs),
        // which parses each pattern once; here only what needs the line.
        if let Some(p) = rule_patterns(rule).find(|p| p.len() > MAX_PATTERN_LEN) {
            return Err(err(format!(
                "正则表达式无效：长度 {} 超过上限 {MAX_PATTERN_LEN}",
                p.len()
            ))
            .field("patterns"));
        }
    }
    for (i, ext) in pack.extend.iter().enumerate() {
        if let Some(t) = ext.terms.iter().find(|t| t.trim().is_empty()) {
            return Err(Error::pack(
                origin,
                locate(source, &ext.rule),
                format!("extend[{i}]：字段 terms 含空词条（{t:?}）"),
            )
            .field("terms"));
        }
        total_terms += ext.terms.len();
    }
    if let Some(a) = pack.allow.iter().find(|a| a.trim().is_empty()) {
        return Err(Error::pack(
            origin,
            locate(source, a),
            format!("字段 allow 含空词条（{a:?}）"),
        )
        .field("allow"));
    }
    if total_terms > MAX_TERMS {
        return Err(Error::pack(
            origin,
            None,
            format!("词条总数 {total_terms} 超过上限 {MAX_TERMS}"),
        ));
    }
    Ok(())
}

fn rule_patterns(rule: &RuleDef) -> impl Iterator<Item = &String> {
    rule.patterns
        .iter()
        .chain(rule.drop_if.iter().flat_map(|c| c.patterns.iter()))
        .chain(rule.downgrade_if.iter().flat_map(|c| c.patterns.iter()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_duplicate_ids_with_the_line() {
        let src = "[[rule]]\nid = \"a\"\ncategory = \"absolute\"\nseverity = \"error\"\nmessage = \"m\"\nbasis = \"b\"\nterms = [\"x\"]\n\n[[rule]]\nid = \"a\"\ncategory = \"absolute\"\nseverity = \"error\"\nmessage = \"m\"\nbasis = \"b\"\nterms = [\"y\"]\n";
        let err = parse_pack(src, "t.toml").unwrap_err().to_string();
        assert!(err.contains("重复"), "{err}");
        assert!(err.contains("t.toml"), "{err}");
    }

    #[test]
    fn reports_the_line_of_a_syntax_error() {
        let err = parse_pack("allow = [\"a\"]\n\nseverity = [\n", "p.toml")
            .unwrap_err()
            .to_string();
        assert!(err.contains("第3行") || err.contains("第4行"), "{err}");
    }

    #[test]
    fn names_an_unknown_field() {
        let err = parse_pack("alow = [\"a\"]\n", "p.toml")
            .unwrap_err()
            .to_string();
        assert!(err.contains("alow"), "{err}");
    }

    #[test]
    fn rejects_empty_terms_and_bad_regex() {
        let empty = "[[rule]]\nid = \"a\"\ncategory = \"absolute\"\nseverity = \"error\"\nmessage = \"m\"\nbasis = \"b\"\nterms = [\"\"]\n";
        assert!(parse_pack(empty, "p")
            .unwrap_err()
            .to_string()
            .contains("空词条"));
        let bad = "[[rule]]\nid = \"a\"\ncategory = \"absolute\"\nseverity = \"error\"\nmessage = \"m\"\nbasis = \"b\"\npatterns = [\"(\"]\n";
        // Pattern syntax is checked where the pack is compiled, which parses
        // each pattern once; loading the pack is what users call.
        let err = crate::rules::RuleSet::build(&[(bad, "p")])
            .err()
            .map(|e| e.to_string());
        assert!(
            err.as_deref()
                .is_some_and(|e| e.contains("正则") && e.contains("p")),
            "{err:?}"
        );
    }

    #[test]
    fn toml_tables_are_not_taken_for_json() {
        let err = parse_pack("[[rule]]\nid = 5\n", "p")
            .unwrap_err()
            .to_string();
        assert!(err.contains("TOML"), "{err}");
        let err = parse_pack("{\"allow\": 5}", "p").unwrap_err().to_string();
        assert!(err.contains("JSON"), "{err}");
        let err = parse_pack("\u{FEFF}{\"allow\": 5}", "p.json")
            .unwrap_err()
            .to_string();
        assert!(err.contains("JSON") && err.contains("类型错误"), "{err}");
    }

    #[test]
    fn accepts_json() {
        let pack = parse_pack(
            "{\"allow\": [\"第一创业证券\"], \"disable\": [\"promotion.\"]}",
            "p.json",
        )
        .unwrap();
        assert_eq!(pack.allow, vec!["第一创业证券"]);
    }
}
