//! WebAssembly bindings. Every entry point returns a value or throws a JS
//! Error with a Chinese message; nothing here may panic, because a panic in
//! wasm is a trap that leaves the module unusable.

use std::cell::RefCell;

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::{CheckOptions, Checker};

thread_local! {
    /// The checker with the user's pack, when one is loaded.
    static CUSTOM: RefCell<Option<Checker>> = const { RefCell::new(None) };
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct JsOptions {
    product: Option<String>,
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("结果序列化失败：{e}")))
}

fn with_checker<R>(f: impl FnOnce(&Checker) -> R) -> R {
    CUSTOM.with(|c| match c.borrow().as_ref() {
        Some(custom) => f(custom),
        None => f(Checker::shared()),
    })
}

/// Build the dictionaries and automata now (otherwise the first check does).
#[wasm_bindgen]
pub fn init() {
    console_error_panic_hook::set_once();
    let _ = Checker::shared();
}

/// Check copy (plain text or HTML). `options`: `{ product?: string }`.
#[wasm_bindgen]
pub fn check(text: &str, options: JsValue) -> Result<JsValue, JsError> {
    let opts: JsOptions = if options.is_undefined() || options.is_null() {
        JsOptions::default()
    } else {
        serde_wasm_bindgen::from_value(options)
            .map_err(|e| JsError::new(&format!("选项无效：{e}")))?
    };
    let options = CheckOptions {
        product: opts.product,
    };
    let report =
        with_checker(|c| c.check(text, &options)).map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&report)
}

/// Load user rule packs (TOML or JSON texts), applied in order on top of the
/// built-in rules; an empty list restores the built-in rules.
#[wasm_bindgen(js_name = setRulePacks)]
pub fn set_rule_packs(sources: Vec<String>) -> Result<JsValue, JsError> {
    let sources: Vec<&String> = sources.iter().filter(|s| !s.trim().is_empty()).collect();
    if sources.is_empty() {
        CUSTOM.with(|c| *c.borrow_mut() = None);
        return to_js(&Checker::shared().version());
    }
    let origins: Vec<String> = (1..=sources.len())
        .map(|i| format!("用户规则包{i}"))
        .collect();
    let packs: Vec<(&str, &str)> = sources
        .iter()
        .zip(&origins)
        .map(|(s, o)| (s.as_str(), o.as_str()))
        .collect();
    let checker = Checker::new(&packs).map_err(|e| JsError::new(&e.to_string()))?;
    let version = checker.version();
    CUSTOM.with(|c| *c.borrow_mut() = Some(checker));
    to_js(&version)
}

/// Load one user rule pack; `null` or empty restores the built-in rules.
#[wasm_bindgen(js_name = setRulePack)]
pub fn set_rule_pack(source: Option<String>) -> Result<JsValue, JsError> {
    set_rule_packs(source.into_iter().collect())
}

/// Validate a pack without loading it; throws with the field and line on error.
#[wasm_bindgen(js_name = validateRulePack)]
pub fn validate_rule_pack(source: &str) -> Result<(), JsError> {
    Checker::new(&[(source, "用户规则包")])
        .map(|_| ())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// The rules in effect.
#[wasm_bindgen]
pub fn rules() -> Result<JsValue, JsError> {
    with_checker(|c| to_js(&c.rules(false)))
}

/// Engine and rule-pack versions.
#[wasm_bindgen]
pub fn version() -> Result<JsValue, JsError> {
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
pub fn check_document(bytes: &[u8], name: &str, options: JsValue) -> Result<JsValue, JsError> {
    let opts: JsOptions = if options.is_undefined() || options.is_null() {
        JsOptions::default()
    } else {
        serde_wasm_bindgen::from_value(options)
            .map_err(|e| JsError::new(&format!("选项无效：{e}")))?
    };
    let options = CheckOptions {
        product: opts.product,
    };
    let name = if name.is_empty() { "文档" } else { name };
    let checked = with_checker(|c| crate::extract::check_document(c, name, bytes, &options))
        .map_err(|e| JsError::new(&e))?;
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

fn describe<'a>(findings: impl Iterator<Item = &'a crate::Finding>) -> Vec<Option<String>> {
    findings
        .map(|f| f.location.as_ref().map(|l| l.describe()))
        .collect()
}
