//! Files generated from the Rust types, so that they cannot drift from what
//! the engine accepts and returns:
//!
//! - `schema/rule-pack.schema.json`, the rule-pack JSON Schema, from
//!   `PackFile` and its parts (schemars);
//! - `npm/types.generated.d.ts`, the TypeScript types of the report, the
//!   rule pack and the catalog (ts-rs), which `npm/index.d.ts` re-exports.
//!
//! Both crates are dev-dependencies and their derives are `cfg(test)`, so
//! neither the library nor the wasm module compiles them. The tests below
//! fail when a committed file differs from what the types give;
//! `scripts/generate.sh` rewrites them.

use std::path::Path;

use schemars::generate::SchemaSettings;
use schemars::{json_schema, Schema, SchemaGenerator};
use serde_json::{json, Value};
use ts_rs::TS;

use crate::catalog::{catalog, Catalog, Entry};
use crate::pack::{
    Category, ContextCheck, Downgrade, Examples, Extend, LabelKind, PackFile, PackMeta, RuleDef,
    Scope, Severity, Validator,
};

const SCHEMA_PATH: &str = "schema/rule-pack.schema.json";
const TYPES_PATH: &str = "npm/types.generated.d.ts";

// ---- schema helpers, named by the `schemars(...)` attributes in pack.rs ----

fn non_empty() -> Value {
    json!({ "type": "string", "minLength": 1, "pattern": "\\S" })
}

/// A string with at least one non-blank character (ids, messages).
pub fn non_empty_string(_: &mut SchemaGenerator) -> Schema {
    Schema::try_from(non_empty()).expect("an object is a schema")
}

/// A list of such strings (terms, exceptions, allow, disable).
pub fn non_empty_list(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "array", "items": non_empty() })
}

/// Regex patterns and frames, within the engine's length limit.
pub fn pattern_list(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "array",
        "items": { "type": "string", "maxLength": crate::pack::MAX_PATTERN_LEN }
    })
}

/// A product by id or Chinese name, from data/catalog.toml.
fn product() -> Value {
    let names: Vec<&str> = catalog()
        .products
        .iter()
        .flat_map(|p| [p.id.as_str(), p.name.as_str()])
        .collect();
    json!({ "enum": names })
}

pub fn product_list(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "array", "items": product() })
}

/// `required_labels`: product -> the labels it requires.
pub fn product_map(generator: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "object",
        "propertyNames": product(),
        "additionalProperties": {
            "type": "array",
            "items": generator.subschema_for::<LabelKind>()
        }
    })
}

/// A rule matches by terms, patterns or frames: at least one is given.
pub fn needs_a_matcher(schema: &mut Schema) {
    schema.insert(
        "anyOf".into(),
        json!([{ "required": ["terms"] }, { "required": ["patterns"] }, { "required": ["frames"] }]),
    );
}

// ---- generation ----

fn rule_pack_schema() -> String {
    let mut schema = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<PackFile>();
    schema.insert(
        "$id".into(),
        json!("https://finlint.invalid/schema/rule-pack.schema.json"),
    );
    schema.insert("title".into(), json!("finlint rule pack"));
    schema.insert(
        "description".into(),
        json!("An organisation rule pack for finlint, as TOML or JSON. Generated from src/pack.rs (PackFile) by src/generated.rs; do not edit."),
    );
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema serializes");
    text.push('\n');
    text
}

/// One declaration per type, with its doc comment, in a stable order.
fn decl<T: TS>() -> String {
    let docs = T::docs().map(|d| format!("{d}\n")).unwrap_or_default();
    format!("{docs}export {}\n", T::decl())
}

/// The product ids and names as string unions, from the catalog: products
/// are data, so no Rust type lists them.
fn product_unions(catalog: &Catalog) -> String {
    let union = |f: fn(&Entry) -> &str| {
        catalog
            .products
            .iter()
            .map(|p| format!("'{}'", f(p)))
            .collect::<Vec<_>>()
            .join(" | ")
    };
    format!(
        "/** A product id (data/catalog.toml). */\nexport type Product = {};\n\
         /** A product's Chinese name, accepted wherever its id is. */\nexport type ProductName = {};\n",
        union(|p| p.id.as_str()),
        union(|p| p.name.as_str())
    )
}

fn typescript_types() -> String {
    use crate::extract::{DocumentInfo, Format, HiddenFinding, HiddenPart, Location};
    use crate::genre::{GenreInfo, GenreKind};
    use crate::report::{
        ExplainReason, Explained, Finding, LabelStatus, Labels, Place, ProfileInfo, Report,
        Summary, Suppressed, Version,
    };
    let decls = [
        product_unions(catalog()),
        decl::<Category>(),
        decl::<Severity>(),
        decl::<LabelKind>(),
        decl::<Entry>(),
        decl::<Catalog>(),
        decl::<crate::span::Span>(),
        decl::<Place>(),
        decl::<Finding>(),
        decl::<Suppressed>(),
        decl::<LabelStatus>(),
        decl::<Labels>(),
        decl::<crate::profile::Confidence>(),
        decl::<ProfileInfo>(),
        decl::<GenreKind>(),
        decl::<GenreInfo>(),
        decl::<Summary>(),
        decl::<Version>(),
        decl::<Format>(),
        decl::<HiddenPart>(),
        decl::<HiddenFinding>(),
        decl::<DocumentInfo>(),
        decl::<Location>(),
        decl::<ExplainReason>(),
        decl::<Explained>(),
        decl::<Report>(),
        decl::<crate::rules::RuleInfo>(),
        decl::<crate::rules::RuleDetail>(),
        decl::<Scope>(),
        decl::<ContextCheck>(),
        decl::<Downgrade>(),
        decl::<Validator>(),
        decl::<Examples>(),
        decl::<RuleDef>(),
        decl::<PackMeta>(),
        decl::<Extend>(),
        decl::<PackFile>(),
    ];
    format!(
        "// Generated from the Rust types by src/generated.rs (ts-rs); do not edit.\n\
         // Regenerate with scripts/generate.sh. These are the core's shapes;\n\
         // npm/index.d.ts re-exports them and adapts the report to the package.\n\n{}",
        decls.join("\n")
    )
}

/// Compare `content` with the committed file, or write it when
/// `FINLINT_REGENERATE` is set.
fn check_or_write(path: &str, content: &str) {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    if std::env::var_os("FINLINT_REGENERATE").is_some() {
        std::fs::write(&full, content).unwrap_or_else(|e| panic!("{path}: {e}"));
        return;
    }
    let committed = std::fs::read_to_string(&full).unwrap_or_default();
    assert!(
        committed == content,
        "{path} is stale: it differs from what the Rust types give. Run scripts/generate.sh and commit the result."
    );
}

#[test]
fn rule_pack_schema_is_current() {
    check_or_write(SCHEMA_PATH, &rule_pack_schema());
}

#[test]
fn typescript_types_are_current() {
    check_or_write(TYPES_PATH, &typescript_types());
}

#[test]
fn the_schema_rejects_what_the_engine_rejects() {
    let schema: Value = serde_json::from_str(&rule_pack_schema()).unwrap();
    let defs = &schema["definitions"];
    // The drift that started this: a context check has no severity (the
    // engine's ContextCheck denies unknown fields); only downgrade_if has one.
    assert_eq!(defs["ContextCheck"]["additionalProperties"], json!(false));
    assert!(defs["ContextCheck"]["properties"]["severity"].is_null());
    assert!(defs["Downgrade"]["required"]
        .as_array()
        .unwrap()
        .contains(&json!("severity")));
    let products = &defs["RuleDef"]["properties"]["profiles"]["items"]["enum"];
    assert!(products.as_array().unwrap().contains(&json!("理财")));
    assert!(products.as_array().unwrap().contains(&json!("wealth")));
}
