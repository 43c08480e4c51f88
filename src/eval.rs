//! Corpus scoring, as ../shared/examples/README.md defines it: recall over the
//! gold flags, precision over span findings, and label accuracy.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::engine::{CheckOptions, Checker};
use crate::error::Error;
use crate::pack::{Category, LabelKind};
use crate::report::Report;

#[derive(Debug, Clone, Deserialize)]
pub struct CorpusDoc {
    pub id: String,
    #[serde(default)]
    pub product: Option<String>,
    pub text: String,
    #[serde(default)]
    pub flags: Vec<serde_json::Value>,
    #[serde(default)]
    pub opt: Vec<String>,
    #[serde(default)]
    pub labels: BTreeMap<String, bool>,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone)]
struct Flag {
    category: Option<Category>,
    letter: String,
    substring: String,
    start: usize,
    end: usize,
}

#[derive(Debug, Default, Clone, Serialize)]
pub struct Ratio {
    pub hit: usize,
    pub total: usize,
}

impl Ratio {
    /// The share of hits; None when there was nothing to score, which is no
    /// evidence of quality (a 0/0 recall is not a perfect one), so a floor
    /// compared with it fails.
    pub fn value(&self) -> Option<f64> {
        (self.total > 0).then(|| self.hit as f64 / self.total as f64)
    }

    /// At or above `floor`; never true for 0/0.
    pub fn meets(&self, floor: f64) -> bool {
        self.value().is_some_and(|v| v >= floor)
    }
}

#[derive(Debug, Default, Serialize)]
pub struct EvalResult {
    pub documents: usize,
    pub recall: Ratio,
    pub precision: Ratio,
    pub labels: Ratio,
    pub profile_detection: Ratio,
    pub recall_by_category: BTreeMap<String, Ratio>,
    pub precision_by_category: BTreeMap<String, Ratio>,
    pub labels_by_kind: BTreeMap<String, Ratio>,
    pub misses: Vec<String>,
    pub false_positives: Vec<String>,
    pub label_errors: Vec<String>,
    pub profile_errors: Vec<String>,
    pub errors: Vec<String>,
}

pub fn parse_corpus(source: &str, origin: &str) -> Result<Vec<CorpusDoc>, Error> {
    source
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|e| Error::Corpus {
                origin: origin.to_string(),
                line: i + 1,
                message: e.to_string(),
            })
        })
        .collect()
}

/// Scalar-offset span of the `occurrence`-th appearance of `needle`.
fn find_occurrence(text: &str, needle: &str, occurrence: usize) -> Option<(usize, usize)> {
    let byte = text.match_indices(needle).nth(occurrence)?.0;
    let start = text[..byte].chars().count();
    Some((start, start + needle.chars().count()))
}

fn parse_flags(doc: &CorpusDoc) -> Result<Vec<Flag>, String> {
    doc.flags
        .iter()
        .map(|f| {
            let arr = f
                .as_array()
                .ok_or_else(|| format!("{}: flag 不是数组", doc.id))?;
            let letter = arr
                .first()
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string();
            let substring = arr
                .get(1)
                .and_then(|v| v.as_str())
                .ok_or_else(|| format!("{}: flag 缺少子串", doc.id))?
                .to_string();
            let occurrence = arr.get(2).and_then(|v| v.as_u64()).unwrap_or(0) as usize;
            let (start, end) = find_occurrence(&doc.text, &substring, occurrence)
                .ok_or_else(|| format!("{}: flag 子串 {substring:?} 不在文本中", doc.id))?;
            Ok(Flag {
                category: Category::from_corpus_letter(&letter),
                letter,
                substring,
                start,
                end,
            })
        })
        .collect()
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

pub fn evaluate(checker: &Checker, docs: &[CorpusDoc]) -> EvalResult {
    let mut r = EvalResult {
        documents: docs.len(),
        ..Default::default()
    };
    for doc in docs {
        let flags = match parse_flags(doc) {
            Ok(f) => f,
            Err(e) => {
                r.errors.push(e);
                continue;
            }
        };
        let options = CheckOptions {
            product: doc.product.clone(),
            ..CheckOptions::default()
        };
        let report = match checker.check(&doc.text, &options) {
            Ok(rep) => rep,
            Err(e) => {
                r.errors.push(format!("{}: {e}", doc.id));
                continue;
            }
        };
        score_findings(&mut r, doc, &flags, &report);
        score_labels(&mut r, doc, &report);
        score_detection(&mut r, checker, doc);
    }
    r
}

fn score_findings(r: &mut EvalResult, doc: &CorpusDoc, flags: &[Flag], report: &Report) {
    let spans: Vec<(usize, usize, &crate::report::Finding)> = report
        .findings
        .iter()
        .filter_map(|f| f.place.span.map(|s| (s.start, s.end, f)))
        .collect();
    for flag in flags {
        let key = flag
            .category
            .map_or(flag.letter.clone(), |c| c.as_str().to_string());
        let entry = r.recall_by_category.entry(key).or_default();
        entry.total += 1;
        r.recall.total += 1;
        if spans
            .iter()
            .any(|(s, e, _)| overlaps((*s, *e), (flag.start, flag.end)))
        {
            entry.hit += 1;
            r.recall.hit += 1;
        } else {
            r.misses.push(format!(
                "{}: 漏报 [{}] {:?}",
                doc.id, flag.letter, flag.substring
            ));
        }
    }
    let opt_spans: Vec<(usize, usize)> = doc
        .opt
        .iter()
        .flat_map(|o| {
            let starts: Vec<usize> = doc.text.match_indices(o.as_str()).map(|(b, _)| b).collect();
            starts.into_iter().map(move |b| (b, o))
        })
        .map(|(b, o)| {
            let s = doc.text[..b].chars().count();
            (s, s + o.chars().count())
        })
        .collect();
    for (s, e, f) in &spans {
        let entry = r
            .precision_by_category
            .entry(f.category.as_str().to_string())
            .or_default();
        entry.total += 1;
        r.precision.total += 1;
        let good = flags
            .iter()
            .any(|fl| overlaps((*s, *e), (fl.start, fl.end)))
            || opt_spans.iter().any(|o| overlaps((*s, *e), *o));
        if good {
            entry.hit += 1;
            r.precision.hit += 1;
        } else {
            r.false_positives
                .push(format!("{}: 误报 {} {:?}", doc.id, f.rule, f.place.text));
        }
    }
}

fn score_labels(r: &mut EvalResult, doc: &CorpusDoc, report: &Report) {
    for kind in LabelKind::ALL {
        let Some(&gold) = doc.labels.get(kind.as_str()) else {
            continue;
        };
        let got = report.labels.get(kind).present;
        let entry = r
            .labels_by_kind
            .entry(kind.as_str().to_string())
            .or_default();
        entry.total += 1;
        r.labels.total += 1;
        if got == gold {
            entry.hit += 1;
            r.labels.hit += 1;
        } else {
            let found = report.labels.get(kind).text.clone().unwrap_or_default();
            r.label_errors.push(format!(
                "{}: 标签 {} 应为 {gold}，实为 {got} {found:?}",
                doc.id,
                kind.as_str()
            ));
        }
    }
}

fn score_detection(r: &mut EvalResult, checker: &Checker, doc: &CorpusDoc) {
    let Some(gold) = doc.product.as_deref() else {
        return;
    };
    let Ok(report) = checker.check(&doc.text, &CheckOptions::default()) else {
        return;
    };
    r.profile_detection.total += 1;
    if report.profile.name == gold {
        r.profile_detection.hit += 1;
    } else {
        r.profile_errors.push(format!(
            "{}: 产品类型应为 {gold}，识别为 {}",
            doc.id, report.profile.name
        ));
    }
}

impl EvalResult {
    /// Every judgement error, one line each: misses, false positives, label
    /// errors and product-detection errors. A corpus's known list
    /// (tests/known/) is this, sorted; a test fails on any line not in it.
    pub fn known_errors(&self) -> Vec<&str> {
        let mut all: Vec<&str> = [
            &self.misses,
            &self.false_positives,
            &self.label_errors,
            &self.profile_errors,
        ]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
        all.sort_unstable();
        all
    }

    pub fn render(&self, verbose: bool) -> String {
        let mut out = String::new();
        let pct = |r: &Ratio| match r.value() {
            Some(v) => format!("{v:.3} ({}/{})", r.hit, r.total),
            None => format!("-     ({}/{})", r.hit, r.total),
        };
        out.push_str(&format!("documents        {}\n", self.documents));
        out.push_str(&format!("recall           {}\n", pct(&self.recall)));
        out.push_str(&format!("precision        {}\n", pct(&self.precision)));
        out.push_str(&format!("label accuracy   {}\n", pct(&self.labels)));
        out.push_str(&format!(
            "profile detected {}\n",
            pct(&self.profile_detection)
        ));
        out.push_str("\ncategory          recall              precision\n");
        let mut keys: Vec<&String> = self
            .recall_by_category
            .keys()
            .chain(self.precision_by_category.keys())
            .collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            let rc = self.recall_by_category.get(k).map_or("-".to_string(), pct);
            let pr = self
                .precision_by_category
                .get(k)
                .map_or("-".to_string(), pct);
            out.push_str(&format!("{k:<17} {rc:<19} {pr}\n"));
        }
        out.push_str("\nlabel             accuracy\n");
        for (k, v) in &self.labels_by_kind {
            out.push_str(&format!("{k:<17} {}\n", pct(v)));
        }
        if !self.errors.is_empty() {
            out.push_str(&format!("\n{} 个文档无法评分：\n", self.errors.len()));
            for e in &self.errors {
                out.push_str(&format!("  {e}\n"));
            }
        }
        if verbose {
            for (title, list) in [
                ("漏报", &self.misses),
                ("误报", &self.false_positives),
                ("标签不符", &self.label_errors),
                ("产品类型识别不符", &self.profile_errors),
            ] {
                if !list.is_empty() {
                    out.push_str(&format!("\n{title}（{}）：\n", list.len()));
                    for l in list {
                        out.push_str(&format!("  {l}\n"));
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_scored_is_not_a_perfect_score() {
        let none = Ratio::default();
        assert_eq!(none.value(), None);
        assert!(!none.meets(0.0));
        let all = Ratio { hit: 3, total: 3 };
        assert_eq!(all.value(), Some(1.0));
        assert!(all.meets(1.0));
    }
}
