//! WebAssembly bindings. Every entry point returns a value or throws a JS
//! `Error` with a Chinese message and a stable `code`; nothing here may
//! panic, because a panic in wasm is a trap.
//!
//! Arguments arrive as untyped `JsValue`s and are checked here: a typed
//! `&str` parameter makes wasm-bindgen's glue read a number or an object as a
//! pointer ("memory access out of bounds").
//!
//! State is kept so that a trap cannot poison it: the user's checker sits in
//! an `Rc` that is cloned out of its `RefCell`, so no borrow is ever held
//! while checking. A trap mid-check then leaves nothing borrowed, and the next
//! call works. The report is bounded by `DEFAULT_MAX_FINDINGS`, which is what
//! keeps a 32 MB input inside wasm's memory.

use std::cell::RefCell;
use std::rc::Rc;

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::{catalog, CheckOptions, Checker, Error, MAX_INPUT_BYTES};

/// Findings kept per document unless the caller asks for another cap; the
/// same default as the CLI's.
pub use crate::engine::DEFAULT_MAX_FINDINGS;

/// A rule pack above this size is refused before parsing.
pub const MAX_PACK_BYTES: usize = 8 * 1024 * 1024;

thread_local! {
    /// The checker with the user's packs, when any are loaded.
    static CUSTOM: RefCell<Option<Rc<Checker>>> = const { RefCell::new(None) };
}

/// Stable error codes, for callers that branch on the kind of failure.
mod code {
    pub const ARGUMENT: &str = "FINLINT_INVALID_ARGUMENT";
    pub const OPTIONS: &str = "FINLINT_INVALID_OPTIONS";
    pub const EMPTY: &str = "FINLINT_EMPTY_INPUT";
    pub const TOO_LARGE: &str = "FINLINT_INPUT_TOO_LARGE";
    pub const PRODUCT: &str = "FINLINT_UNKNOWN_PRODUCT";
    pub const PACK: &str = "FINLINT_INVALID_PACK";
    pub const INTERNAL: &str = "FINLINT_INTERNAL";
    /// A .docx/.pptx that cannot be read: damaged, encrypted, too large.
    pub const DOCUMENT: &str = "FINLINT_INVALID_DOCUMENT";
}

/// A JS `Error` with `code` set; `name` stays "Error" so stack traces read normally.
fn js_error(code: &str, message: &str) -> JsValue {
    let err = js_sys::Error::new(message);
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&err, &"code".into(), &code.into());
    err.into()
}

fn engine_error(e: &Error) -> JsValue {
    let code = match e {
        Error::Pack { .. } => code::PACK,
        Error::Input { .. } | Error::Corpus { .. } => code::ARGUMENT,
        Error::Document { .. } => code::DOCUMENT,
    };
    js_error(code, &e.to_string())
}

/// A JS value's type as a Chinese noun, for messages.
fn type_name(v: &JsValue) -> &'static str {
    if v.is_null() {
        "null"
    } else if v.is_undefined() {
        "undefined（未传入）"
    } else if v.as_f64().is_some() || v.is_bigint() {
        "数字"
    } else if v.as_bool().is_some() {
        "布尔值"
    } else if v.is_symbol() {
        "Symbol"
    } else if v.is_function() {
        "函数"
    } else if js_sys::Array::is_array(v) {
        "数组"
    } else {
        "对象"
    }
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct JsOptions {
    product: Option<String>,
    max_findings: Option<f64>,
    /// List the candidates found but not reported, with why.
    explain: Option<bool>,
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| js_error(code::INTERNAL, &format!("结果序列化失败：{e}")))
}

/// A report as a JS object by way of JSON text and the engine's own
/// `JSON.parse`: one string crosses the boundary instead of a call per
/// field, which measured faster than `to_js` (bench/ab.mjs, README). The
/// object is the same: both write absent options as missing, maps as
/// objects, and the report holds no floats (which JSON would round
/// differently from serde-wasm-bindgen).
fn to_js_via_json(report: &crate::Report) -> Result<JsValue, JsValue> {
    let json = serde_json::to_string(report)
        .map_err(|e| js_error(code::INTERNAL, &format!("结果序列化失败：{e}")))?;
    js_sys::JSON::parse(&json)
        .map_err(|_| js_error(code::INTERNAL, "结果序列化失败：JSON 无法解析"))
}

/// The checker in effect. The `Rc` is cloned out so that no `RefCell`
/// borrow outlives this function.
fn current() -> Option<Rc<Checker>> {
    CUSTOM.with(|c| c.borrow().clone())
}

fn set_custom(checker: Option<Checker>) {
    CUSTOM.with(|c| *c.borrow_mut() = checker.map(Rc::new));
}

fn with_checker<R>(f: impl FnOnce(&Checker) -> R) -> R {
    match current() {
        Some(custom) => f(&custom),
        None => f(Checker::shared()),
    }
}

/// Build the dictionaries and automata now (otherwise the first check does).
#[wasm_bindgen]
pub fn init() {
    console_error_panic_hook::set_once();
    let _ = Checker::shared();
}

fn input_text(text: &JsValue) -> Result<String, JsValue> {
    let Some(text) = text.as_string() else {
        return Err(js_error(
            code::ARGUMENT,
            &format!(
                "输入无效：待检查的文案必须是字符串（纯文本或 HTML），收到的是{}",
                type_name(text)
            ),
        ));
    };
    if text.trim().is_empty() {
        return Err(js_error(
            code::EMPTY,
            "输入无效：文本为空，请输入需要检查的文案",
        ));
    }
    if text.len() > MAX_INPUT_BYTES {
        return Err(js_error(
            code::TOO_LARGE,
            &format!(
                "输入无效：文本为 {} 字节（UTF-8），超过单次检查上限 {} 字节（{} MiB）；请分段检查",
                text.len(),
                MAX_INPUT_BYTES,
                MAX_INPUT_BYTES / 1048576
            ),
        ));
    }
    Ok(text)
}

fn check_options(options: JsValue) -> Result<CheckOptions, JsValue> {
    let opts: JsOptions = if options.is_undefined() || options.is_null() {
        JsOptions::default()
    } else if !options.is_object() || js_sys::Array::is_array(&options) || options.is_function() {
        return Err(js_error(
            code::OPTIONS,
            &format!(
                "选项无效：options 必须是对象，例如 {{ product: \"wealth\" }}，收到的是{}",
                type_name(&options)
            ),
        ));
    } else {
        reject_unknown_keys(&options)?;
        require_bool(&options, "explain")?;
        serde_wasm_bindgen::from_value(options).map_err(|e| {
            js_error(
                code::OPTIONS,
                &format!("选项无效：{e}（可用字段：{}）", OPTION_KEYS.join("、")),
            )
        })?
    };
    let product = opts.product.filter(|p| !p.trim().is_empty());
    if let Some(p) = product.as_deref().map(str::trim) {
        if p != "auto" && catalog().product_id(p).is_none() {
            return Err(js_error(
                code::PRODUCT,
                &format!(
                    "输入无效：未知的产品类型 {p:?}，可选：{}、auto",
                    catalog().product_choices()
                ),
            ));
        }
    }
    let max_findings = match opts.max_findings {
        None => DEFAULT_MAX_FINDINGS,
        Some(n) if n.is_finite() && n >= 1.0 && n.fract() == 0.0 => {
            (n as usize).min(DEFAULT_MAX_FINDINGS)
        }
        Some(n) => {
            return Err(js_error(
                code::OPTIONS,
                &format!("选项无效：maxFindings 必须是正整数，收到的是 {n}"),
            ))
        }
    };
    Ok(CheckOptions {
        product,
        max_findings: Some(max_findings),
        explain: opts.explain.unwrap_or(false),
    })
}

/// A flag must be a boolean (or absent): `explain: "yes"` would otherwise
/// fail with serde's English message.
fn require_bool(options: &JsValue, key: &str) -> Result<(), JsValue> {
    let value = js_sys::Reflect::get(options, &key.into()).unwrap_or(JsValue::UNDEFINED);
    if value.is_undefined() || value.is_null() || value.as_bool().is_some() {
        return Ok(());
    }
    Err(js_error(
        code::OPTIONS,
        &format!(
            "选项无效：{key} 必须是 true 或 false，收到的是{}",
            type_name(&value)
        ),
    ))
}

/// A misspelt option (`prodcut`) would otherwise be ignored in silence.
fn reject_unknown_keys(options: &JsValue) -> Result<(), JsValue> {
    let keys = js_sys::Object::keys(&js_sys::Object::from(options.clone()));
    for key in keys.iter().filter_map(|k| k.as_string()) {
        if !OPTION_KEYS.contains(&key.as_str()) {
            return Err(js_error(
                code::OPTIONS,
                &format!(
                    "选项无效：未知字段 {key:?}，可用字段：{}",
                    OPTION_KEYS.join("、")
                ),
            ));
        }
    }
    Ok(())
}

const OPTION_KEYS: [&str; 3] = ["product", "maxFindings", "explain"];

/// Check copy (plain text or HTML). `options`: `{ product?, maxFindings? }`.
#[wasm_bindgen]
pub fn check(text: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let text = input_text(&text)?;
    let options = check_options(options)?;
    let report = with_checker(|c| c.check(&text, &options)).map_err(|e| engine_error(&e))?;
    drop(text);
    to_js_via_json(&report)
}

/// A finding as the page passes it back: only what a fix needs. Extra
/// fields (the whole finding from a report) are ignored.
#[derive(Deserialize)]
struct JsFix {
    rule: String,
    span: Option<JsSpan>,
    replacement: Option<String>,
}

#[derive(Deserialize)]
struct JsSpan {
    byte_start: usize,
    byte_end: usize,
}

#[derive(Serialize)]
struct JsApplied {
    text: String,
    applied: usize,
    /// UTF-16 offset just after the first applied edit, for the caret.
    caret: usize,
}

/// Apply the one-click fixes of `findings` (from `check(text)`) to `text`:
/// `{ text, applied, caret }`. The same core function serves the CLI and
/// the tests, so every caller gets the same sentence.
#[wasm_bindgen(js_name = applyFixes)]
pub fn apply_fixes(text: JsValue, findings: JsValue) -> Result<JsValue, JsValue> {
    let text = input_text(&text)?;
    if !js_sys::Array::is_array(&findings) {
        return Err(js_error(
            code::ARGUMENT,
            &format!(
                "输入无效：findings 必须是数组（check 结果中的 findings），收到的是{}",
                type_name(&findings)
            ),
        ));
    }
    let list: Vec<JsFix> = serde_wasm_bindgen::from_value(findings).map_err(|e| {
        js_error(
            code::ARGUMENT,
            &format!("输入无效：findings 的元素须是 check 结果中的 finding 对象（{e}）"),
        )
    })?;
    let fixes: Vec<crate::fix::Fix> = list
        .iter()
        .filter_map(|f| {
            let span = f.span.as_ref()?;
            Some(crate::fix::Fix {
                rule: &f.rule,
                start: span.byte_start,
                end: span.byte_end,
                with: f.replacement.as_deref()?,
            })
        })
        .collect();
    let applied = crate::fix::apply_fixes(&text, &fixes).map_err(|e| engine_error(&e))?;
    let caret = applied.text[..applied.caret].encode_utf16().count();
    to_js(&JsApplied {
        caret,
        applied: applied.applied,
        text: applied.text,
    })
}

/// An independent checker with its own packs: several sites with different
/// packs each keep one, and switching between them rebuilds nothing. Free it
/// with `free()` (a FinalizationRegistry also does once it is unreachable).
#[wasm_bindgen(js_name = FinlintChecker)]
pub struct JsChecker {
    /// None: the built-in rules, shared rather than rebuilt.
    inner: Option<Rc<Checker>>,
}

impl JsChecker {
    fn get(&self) -> &Checker {
        self.inner.as_deref().unwrap_or_else(|| Checker::shared())
    }
}

#[wasm_bindgen(js_class = FinlintChecker)]
impl JsChecker {
    /// `sources`: pack texts (string, array or null); `names`: optional
    /// labels for error messages.
    #[wasm_bindgen(constructor)]
    pub fn new(sources: JsValue, names: JsValue) -> Result<JsChecker, JsValue> {
        let sources = pack_sources(&sources, "规则包列表")?;
        let names = pack_names(&names)?;
        if sources.is_empty() {
            return Ok(JsChecker { inner: None });
        }
        let checker = build(&sources, names.as_deref())?;
        Ok(JsChecker {
            inner: Some(Rc::new(checker)),
        })
    }

    pub fn check(&self, text: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        let text = input_text(&text)?;
        let options = check_options(options)?;
        let report = self
            .get()
            .check(&text, &options)
            .map_err(|e| engine_error(&e))?;
        to_js_via_json(&report)
    }

    /// `checkDocument` with this checker's packs.
    #[wasm_bindgen(js_name = checkDocument)]
    pub fn check_document(
        &self,
        bytes: JsValue,
        name: JsValue,
        options: JsValue,
    ) -> Result<JsValue, JsValue> {
        DocumentRequest::from_js(bytes, name, options)?.run(self.get())
    }

    pub fn rules(&self) -> Result<JsValue, JsValue> {
        to_js(&self.get().rules(false))
    }

    pub fn version(&self) -> Result<JsValue, JsValue> {
        to_js(&self.get().version())
    }
}

/// The pack texts from a JS value: a string, an array of strings, or
/// null/undefined for none.
fn pack_sources(value: &JsValue, what: &str) -> Result<Vec<String>, JsValue> {
    let items: Vec<JsValue> = if value.is_null() || value.is_undefined() {
        Vec::new()
    } else if js_sys::Array::is_array(value) {
        js_sys::Array::from(value).iter().collect()
    } else {
        vec![value.clone()]
    };
    let mut sources = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let Some(text) = item.as_string() else {
            return Err(js_error(
                code::ARGUMENT,
                &format!(
                    "{what}无效：第 {} 个规则包必须是 TOML 或 JSON 文本（字符串），收到的是{}",
                    i + 1,
                    type_name(item)
                ),
            ));
        };
        if text.len() > MAX_PACK_BYTES {
            return Err(js_error(
                code::PACK,
                &format!(
                    "规则包过大：第 {} 个规则包为 {} 字节，上限为 {} 字节（{} MiB）",
                    i + 1,
                    text.len(),
                    MAX_PACK_BYTES,
                    MAX_PACK_BYTES / 1048576
                ),
            ));
        }
        if !text.trim().is_empty() {
            sources.push(text);
        }
    }
    Ok(sources)
}

fn build(sources: &[String], names: Option<&[String]>) -> Result<Checker, JsValue> {
    let origins: Vec<String> = (0..sources.len())
        .map(|i| match names.and_then(|n| n.get(i)) {
            Some(name) if !name.trim().is_empty() => name.clone(),
            _ => format!("用户规则包{}", i + 1),
        })
        .collect();
    let packs: Vec<(&str, &str)> = sources
        .iter()
        .zip(&origins)
        .map(|(s, o)| (s.as_str(), o.as_str()))
        .collect();
    Checker::new(&packs).map_err(|e| engine_error(&e))
}

fn pack_names(names: &JsValue) -> Result<Option<Vec<String>>, JsValue> {
    if names.is_null() || names.is_undefined() {
        return Ok(None);
    }
    let list = js_sys::Array::is_array(names)
        .then(|| {
            js_sys::Array::from(names)
                .iter()
                .map(|n| n.as_string())
                .collect::<Option<Vec<String>>>()
        })
        .flatten();
    list.map(Some).ok_or_else(|| {
        js_error(
            code::ARGUMENT,
            "规则包名称无效：names 必须是字符串数组（用于错误信息中的文件名）",
        )
    })
}

/// Load user rule packs (TOML or JSON texts), applied in order on top of the
/// built-in rules; an empty list or null restores the built-in rules. On an
/// error the packs in effect stay as they were. `names` (optional) label the
/// packs in error messages, e.g. the file names.
#[wasm_bindgen(js_name = setRulePacks)]
pub fn set_rule_packs(sources: JsValue, names: JsValue) -> Result<JsValue, JsValue> {
    let sources = pack_sources(&sources, "规则包列表")?;
    let names = pack_names(&names)?;
    if sources.is_empty() {
        set_custom(None);
        return to_js(&Checker::shared().version());
    }
    let checker = build(&sources, names.as_deref())?;
    let version = checker.version();
    set_custom(Some(checker));
    to_js(&version)
}

/// Load one user rule pack; `null` or empty restores the built-in rules.
#[wasm_bindgen(js_name = setRulePack)]
pub fn set_rule_pack(source: JsValue) -> Result<JsValue, JsValue> {
    if js_sys::Array::is_array(&source) {
        return Err(js_error(
            code::ARGUMENT,
            "规则包无效：setRulePack 接受一个 TOML 或 JSON 文本；多个规则包请用 setRulePacks",
        ));
    }
    set_rule_packs(source, JsValue::UNDEFINED)
}

/// Validate a pack without loading it; throws with the field and line on
/// error. `name` (optional) is used in the message, e.g. the file name.
#[wasm_bindgen(js_name = validateRulePack)]
pub fn validate_rule_pack(source: JsValue, name: JsValue) -> Result<JsValue, JsValue> {
    if source.as_string().is_none() {
        return Err(js_error(
            code::ARGUMENT,
            &format!(
                "规则包无效：必须是 TOML 或 JSON 文本（字符串），收到的是{}",
                type_name(&source)
            ),
        ));
    }
    let sources = pack_sources(&source, "规则包")?;
    if sources.is_empty() {
        return Err(js_error(code::PACK, "规则包无效：内容为空"));
    }
    let name = name.as_string().unwrap_or_else(|| "用户规则包".to_string());
    let checker = build(&sources, Some(&[name]))?;
    to_js(&checker.version())
}

/// The rules in effect.
#[wasm_bindgen]
pub fn rules() -> Result<JsValue, JsValue> {
    with_checker(|c| to_js(&c.rules(false)))
}

/// The names of products, labels, categories and severities
/// (data/catalog.toml), for front ends that show them.
#[wasm_bindgen(js_name = catalog)]
pub fn catalog_js() -> Result<JsValue, JsValue> {
    to_js(catalog())
}

/// Engine and rule-pack versions.
#[wasm_bindgen]
pub fn version() -> Result<JsValue, JsValue> {
    with_checker(|c| to_js(&c.version()))
}

/// Bytes of WebAssembly linear memory. Linear memory never shrinks, so this is
/// the module's peak so far (benchmarks report it).
#[wasm_bindgen(js_name = memoryBytes)]
pub fn memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size(0) * 65536) as f64
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DocumentResult<'a> {
    report: &'a crate::Report,
    /// The extracted text the report's spans point into.
    text: &'a str,
    notes_text: &'a str,
    comments_text: &'a str,
    /// Each finding's location in Chinese, parallel to `report.findings`
    /// and to `report.document.hidden` (null for document-level findings).
    places: Vec<Option<String>>,
    hidden_places: Vec<Option<String>>,
}

/// Check a .docx or .pptx given as bytes (read in the browser, never
/// uploaded). `name` gives the format by its extension; without one the
/// content decides. Findings carry `location`; the report carries
/// `document` (file, SHA-256, notices, notes and comments findings).
#[wasm_bindgen(js_name = checkDocument)]
pub fn check_document(bytes: JsValue, name: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let request = DocumentRequest::from_js(bytes, name, options)?;
    with_checker(|c| request.run(c))
}

/// The arguments of a document check, checked at the boundary like `check`'s.
struct DocumentRequest {
    bytes: Vec<u8>,
    name: String,
    options: CheckOptions,
}

impl DocumentRequest {
    fn from_js(bytes: JsValue, name: JsValue, options: JsValue) -> Result<Self, JsValue> {
        if !bytes.is_instance_of::<js_sys::Uint8Array>() {
            return Err(js_error(
                code::ARGUMENT,
                &format!(
                    "输入无效：checkDocument 的第一个参数必须是 .docx 或 .pptx 文件的字节（Uint8Array），收到的是{}",
                    type_name(&bytes)
                ),
            ));
        }
        let bytes = js_sys::Uint8Array::from(bytes).to_vec();
        let name = name
            .as_string()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| "文档".to_string());
        Ok(DocumentRequest {
            bytes,
            name,
            options: check_options(options)?,
        })
    }

    fn run(&self, checker: &Checker) -> Result<JsValue, JsValue> {
        let checked =
            crate::extract::check_document(checker, &self.name, &self.bytes, &self.options)
                .map_err(|e| js_error(code::DOCUMENT, &e.to_string()))?;
        to_js(&DocumentResult {
            report: &checked.report,
            text: &checked.document.body.text,
            notes_text: &checked.document.notes.text,
            comments_text: &checked.document.comments.text,
            places: describe(checked.report.findings.iter()),
            hidden_places: describe(
                checked
                    .report
                    .document
                    .iter()
                    .flat_map(|d| d.hidden.iter().map(|h| &h.finding)),
            ),
        })
    }
}

fn describe<'a>(findings: impl Iterator<Item = &'a crate::Finding>) -> Vec<Option<String>> {
    findings
        .map(|f| f.place.location.as_ref().map(|l| l.describe()))
        .collect()
}
