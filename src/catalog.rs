//! The one catalog of names (data/catalog.toml): products, labels,
//! categories, severities, document formats, hidden document parts and
//! explain reasons, with the Chinese names every front end shows.
//!
//! The Rust enums (`Category`, `LabelKind`, `Severity`) stay where the code
//! branches on them; their display names come from here, and products are
//! data only. The CLI, the wasm module (`catalog()`), the npm package and the
//! page all read this one file, so a name is changed in one place.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::extract::{Format, HiddenPart};
use crate::pack::{Category, LabelKind, Severity};
use crate::report::ExplainReason;

const CATALOG_DATA: &str = crate::compiled::json!("catalog");

/// One named thing: its stable id and its Chinese display name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[cfg_attr(test, ts(concrete(Id = String)))]
#[serde(deny_unknown_fields)]
pub struct Entry<Id = String> {
    pub id: Id,
    pub name: String,
}

/// Every name, in display order. Ids are kept as strings, checked against
/// the enums once at load: one deserializer for all four lists keeps the
/// wasm module small.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Catalog {
    /// Product types; the name is accepted wherever the id is.
    #[cfg_attr(test, ts(type = "Array<{ id: Product, name: string }>"))]
    pub products: Vec<Entry>,
    #[cfg_attr(test, ts(type = "Array<{ id: LabelKind, name: string }>"))]
    pub labels: Vec<Entry>,
    #[cfg_attr(test, ts(type = "Array<{ id: Category, name: string }>"))]
    pub categories: Vec<Entry>,
    #[cfg_attr(test, ts(type = "Array<{ id: Severity, name: string }>"))]
    pub severities: Vec<Entry>,
    /// Document formats (`report.document.format`).
    #[cfg_attr(test, ts(type = "Array<{ id: Format, name: string }>"))]
    pub formats: Vec<Entry>,
    /// Document parts readers do not see (`report.document.hidden[].part`).
    #[cfg_attr(test, ts(type = "Array<{ id: HiddenPart, name: string }>"))]
    pub hidden_parts: Vec<Entry>,
    /// Why a candidate was not flagged (`report.explained[].reason`).
    #[cfg_attr(test, ts(type = "Array<{ id: ExplainReason, name: string }>"))]
    pub explain_reasons: Vec<Entry>,
}

/// The data file's shape: one `[[product]]` table per product, and so on.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogFile {
    product: Vec<Entry>,
    label: Vec<Entry>,
    category: Vec<Entry>,
    severity: Vec<Entry>,
    format: Vec<Entry>,
    hidden_part: Vec<Entry>,
    explain_reason: Vec<Entry>,
}

/// The built-in catalog, parsed once per process.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let file: CatalogFile = crate::compiled::parse("catalog.toml", CATALOG_DATA);
        let catalog = Catalog {
            products: file.product,
            labels: file.label,
            categories: file.category,
            severities: file.severity,
            formats: file.format,
            hidden_parts: file.hidden_part,
            explain_reasons: file.explain_reason,
        };
        catalog.assert_complete();
        catalog
    })
}

fn name_of<'a>(entries: &'a [Entry], id: &str) -> &'a str {
    entries
        .iter()
        .find(|e| e.id == id)
        .map(|e| e.name.as_str())
        .unwrap_or_else(|| panic!("data/catalog.toml has no entry for {id:?}"))
}

/// The catalog's ids of a list are exactly the enum's, in any order.
fn assert_same_ids(what: &str, entries: &[Entry], ids: &[&str]) {
    let mut listed: Vec<&str> = entries.iter().map(|e| e.id.as_str()).collect();
    let mut known = ids.to_vec();
    listed.sort_unstable();
    known.sort_unstable();
    assert_eq!(
        listed, known,
        "data/catalog.toml: the {what} ids differ from the code's"
    );
}

impl Catalog {
    /// Every enum variant has a name and every product a distinct id and
    /// name: the data is embedded, so this holds for any build that starts.
    fn assert_complete(&self) {
        assert_same_ids(
            "category",
            &self.categories,
            &Category::ALL.map(Category::as_str),
        );
        assert_same_ids(
            "label",
            &self.labels,
            &LabelKind::ALL.map(LabelKind::as_str),
        );
        assert_same_ids(
            "severity",
            &self.severities,
            &[Severity::Error, Severity::Warning, Severity::Info].map(Severity::as_str),
        );
        assert_same_ids("format", &self.formats, &Format::ALL.map(Format::as_str));
        assert_same_ids(
            "hidden part",
            &self.hidden_parts,
            &HiddenPart::ALL.map(HiddenPart::as_str),
        );
        assert_same_ids(
            "explain reason",
            &self.explain_reasons,
            &ExplainReason::ALL.map(ExplainReason::as_str),
        );
        let mut seen = std::collections::HashSet::new();
        for p in &self.products {
            assert!(
                seen.insert(p.id.as_str()) && seen.insert(p.name.as_str()),
                "data/catalog.toml: product {} / {} is not unique",
                p.id,
                p.name
            );
        }
    }

    pub fn category_name(&self, c: Category) -> &str {
        name_of(&self.categories, c.as_str())
    }

    pub fn label_name(&self, k: LabelKind) -> &str {
        name_of(&self.labels, k.as_str())
    }

    pub fn severity_name(&self, s: Severity) -> &str {
        name_of(&self.severities, s.as_str())
    }

    pub fn format_name(&self, f: Format) -> &str {
        name_of(&self.formats, f.as_str())
    }

    pub fn hidden_part_name(&self, p: HiddenPart) -> &str {
        name_of(&self.hidden_parts, p.as_str())
    }

    pub fn explain_reason_name(&self, r: ExplainReason) -> &str {
        name_of(&self.explain_reasons, r.as_str())
    }

    /// The product's id for its id or its Chinese name (`理财` gives
    /// `wealth`); surrounding blanks are ignored.
    pub fn product_id(&self, id_or_name: &str) -> Option<&str> {
        let key = id_or_name.trim();
        self.products
            .iter()
            .find(|p| p.id == key || p.name == key)
            .map(|p| p.id.as_str())
    }

    /// The Chinese name of a product id.
    pub fn product_name(&self, id: &str) -> Option<&str> {
        self.products
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.name.as_str())
    }

    /// "wealth（理财）、fund（基金）…", for messages that list the choices.
    pub fn product_choices(&self) -> String {
        self.products
            .iter()
            .map(|p| format!("{}（{}）", p.id, p.name))
            .collect::<Vec<_>>()
            .join("、")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_every_variant_and_product() {
        let c = catalog();
        assert_eq!(c.category_name(Category::Guarantee), "保本保收益承诺");
        assert_eq!(c.label_name(LabelKind::Advertiser), "广告主");
        assert_eq!(c.severity_name(Severity::Warning), "警告");
        assert_eq!(c.product_name("loan"), Some("贷款"));
        assert_eq!(c.products.len(), 7);
    }

    #[test]
    fn accepts_a_product_by_id_or_chinese_name() {
        let c = catalog();
        assert_eq!(c.product_id("fund"), Some("fund"));
        assert_eq!(c.product_id(" 基金 "), Some("fund"));
        assert_eq!(c.product_id("通用"), Some("general"));
        assert_eq!(c.product_id("股票"), None);
        assert_eq!(c.product_id("auto"), None);
    }

    #[test]
    fn the_checker_takes_a_chinese_product_name() {
        use crate::{CheckOptions, Checker};
        let checker = Checker::shared();
        let by = |product: &str| {
            let options = CheckOptions {
                product: Some(product.to_string()),
                ..CheckOptions::default()
            };
            checker.check("保本保收益，日息0.02%", &options).unwrap()
        };
        let (id, name) = (by("loan"), by("贷款"));
        assert_eq!(name.profile.name, "loan");
        assert_eq!(
            serde_json::to_value(&id.findings).unwrap(),
            serde_json::to_value(&name.findings).unwrap()
        );
        let err = checker
            .check(
                "保本",
                &CheckOptions {
                    product: Some("股票".into()),
                    ..CheckOptions::default()
                },
            )
            .unwrap_err()
            .to_string();
        assert!(err.contains("loan（贷款）"), "{err}");
    }

    #[test]
    fn a_pack_names_products_by_chinese_name() {
        use crate::{CheckOptions, Checker};
        let pack = "[required_labels]\n\"贷款\" = [\"date\"]\n\n[[rule]]\nid = \"org.loan_only\"\ncategory = \"misleading\"\nseverity = \"error\"\nmessage = \"m\"\nbasis = \"b\"\nterms = [\"金元宝\"]\nprofiles = [\"贷款\"]\n";
        let checker = Checker::new(&[(pack, "p.toml")]).unwrap();
        let run = |product: &str| {
            let options = CheckOptions {
                product: Some(product.into()),
                ..CheckOptions::default()
            };
            checker.check("金元宝来了", &options).unwrap()
        };
        let loan = run("loan");
        assert!(loan.findings.iter().any(|f| f.rule == "org.loan_only"));
        assert!(!loan.labels.advertiser.required && loan.labels.date.required);
        assert!(!run("fund")
            .findings
            .iter()
            .any(|f| f.rule == "org.loan_only"));
        let bad = pack.replace("profiles = [\"贷款\"]", "profiles = [\"股票\"]");
        let err = Checker::new(&[(bad.as_str(), "p.toml")])
            .err()
            .unwrap()
            .to_string();
        assert!(
            err.contains("股票") && err.contains("wealth（理财）"),
            "{err}"
        );
    }

    #[test]
    fn serializes_with_plural_keys_in_display_order() {
        let json = serde_json::to_value(catalog()).unwrap();
        assert_eq!(json["products"][0]["id"], "wealth");
        assert_eq!(json["products"][0]["name"], "理财");
        assert_eq!(json["labels"][4]["id"], "risk_warning");
        assert_eq!(json["categories"][7]["name"], "缺少必备信息");
        assert_eq!(json["severities"][0]["id"], "error");
        assert_eq!(json["formats"][1]["name"], "PowerPoint 演示文稿");
        assert_eq!(json["hidden_parts"][0]["id"], "notes");
        assert_eq!(json["explain_reasons"][1]["name"], "否定");
    }

    /// The document and explain names the formats print come from here.
    #[test]
    fn document_parts_and_reasons_are_named_from_the_catalog() {
        assert_eq!(Format::Pptx.label_zh(), "PowerPoint 演示文稿");
        assert_eq!(HiddenPart::Comments.label_zh(), "批注");
        assert_eq!(ExplainReason::Overlap.label_zh(), "被更长命中覆盖");
    }
}
