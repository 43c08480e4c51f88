//! Compiled rules: the lexicon automaton, regex patterns and per-rule
//! context checks, built once from one or more packs.

use std::collections::{BTreeMap, HashMap, HashSet};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::catalog::catalog;
use crate::error::Error;
use crate::fold::fold_str;
use crate::kinds::{registry, BuiltinRules, Candidate, Document, Kind, Listing, Load};
use crate::meta::RuleMeta;
use crate::pack::{
    parse_builtin_pack, parse_pack, Category, ContextCheck, Downgrade, Examples, LabelKind,
    PackFile, PackMeta, RuleDef, Scope, Severity, Validator,
};
use crate::pattern::Pattern;

pub(crate) const BUILTIN_PACKS: &[(&str, &str)] = &[
    ("data/rules/pack.toml", crate::compiled::json!("rules/pack")),
    (
        "data/rules/absolute.toml",
        crate::compiled::json!("rules/absolute"),
    ),
    (
        "data/rules/guarantee.toml",
        crate::compiled::json!("rules/guarantee"),
    ),
    (
        "data/rules/misleading.toml",
        crate::compiled::json!("rules/misleading"),
    ),
    (
        "data/rules/promotion.toml",
        crate::compiled::json!("rules/promotion"),
    ),
    (
        "data/rules/endorsement.toml",
        crate::compiled::json!("rules/endorsement"),
    ),
    (
        "data/rules/unsourced_data.toml",
        crate::compiled::json!("rules/unsourced_data"),
    ),
    (
        "data/rules/personal_info.toml",
        crate::compiled::json!("rules/personal_info"),
    ),
    (
        "data/rules/frames.toml",
        crate::compiled::json!("rules/frames"),
    ),
];

pub(crate) struct CompiledCheck {
    pub(crate) scope: Scope,
    pub(crate) window: usize,
    pub(crate) patterns: Vec<Pattern>,
    /// The patterns as the pack wrote them, for the listing.
    written: Vec<String>,
}

pub(crate) struct Rule {
    pub(crate) meta: RuleMeta,
    pub(crate) replacement: Option<String>,
    pub(crate) replacements: BTreeMap<String, String>,
    pub(crate) exceptions: Vec<String>,
    pub(crate) negatable: bool,
    pub(crate) quotable: bool,
    pub(crate) drop_if: Option<CompiledCheck>,
    pub(crate) downgrade_if: Option<(Severity, CompiledCheck)>,
    pub(crate) profiles: Vec<String>,
    pub(crate) examples: Examples,
    pub(crate) enabled: bool,
    pub(crate) builtin: bool,
    /// Only frames, no terms or patterns: a generalisation that gives way to
    /// a hand-written rule flagging the same place.
    pub(crate) generic: bool,
}

pub struct RuleSet {
    pub(crate) rules: Vec<Rule>,
    /// The rule kinds (kinds/mod.rs), each holding its part of every rule.
    kinds: Vec<Box<dyn Kind>>,
    pub(crate) allow: Vec<String>,
    disabled: Vec<String>,
    /// `disabled`, indexed once the packs are merged.
    switches: Switches,
    severity: BTreeMap<String, Severity>,
    pub(crate) required_labels: BTreeMap<String, Vec<LabelKind>>,
    pub(crate) packs: Vec<PackMeta>,
    /// Rule id -> index, and every proper dot-prefix of an id (`a` and `a.b`
    /// for `a.b.c`), so that loading stays linear in the number of rules.
    ids: HashMap<String, usize>,
    id_prefixes: HashSet<String>,
    /// One automaton over the allow-list: checking each candidate against
    /// every phrase cost hits × phrases (a 100,000-name list took minutes).
    allow_index: Option<AhoCorasick>,
    /// One automaton over every rule's exceptions, with the owning rule of
    /// each pattern: a pack can extend a rule with thousands of exceptions.
    exception_index: Option<(AhoCorasick, Vec<usize>)>,
}

/// The `disable` selectors, indexed so that each rule is looked up once: a
/// rule is off if a selector is `*`, names it exactly, or names one of its
/// dot-prefixes (`guarantee` and `guarantee.*` both mean every
/// `guarantee.…` rule; the same reading as `rule_id_matches`).
#[derive(Default)]
struct Switches {
    all: bool,
    exact: HashSet<String>,
    prefixes: HashSet<String>,
}

impl Switches {
    fn new(selectors: &[String]) -> Switches {
        Switches {
            all: selectors.iter().any(|d| d == "*"),
            exact: selectors.iter().cloned().collect(),
            prefixes: selectors
                .iter()
                .map(|d| d.trim_end_matches('*').trim_end_matches('.').to_string())
                .collect(),
        }
    }

    fn disables(&self, id: &str) -> bool {
        self.all
            || self.exact.contains(id)
            || id
                .match_indices('.')
                .any(|(i, _)| self.prefixes.contains(&id[..i]))
    }
}

/// The bytes of a text that allow-listed phrases cover, as sorted, disjoint
/// ranges: a hit is allowed if it overlaps any occurrence of a phrase.
#[derive(Clone)]
pub(crate) struct AllowedSpans(Vec<(usize, usize)>);

impl AllowedSpans {
    pub(crate) fn none() -> Self {
        AllowedSpans(Vec::new())
    }

    fn from_unsorted(mut spans: Vec<(usize, usize)>) -> Self {
        spans.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
        for (s, e) in spans {
            match merged.last_mut() {
                Some(last) if s < last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        AllowedSpans(merged)
    }

    /// The covered range that overlaps `start..end`, if any: `--explain`
    /// quotes the phrase that allowed or excepted a hit.
    pub(crate) fn overlapping(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        let i = self.0.partition_point(|&(s, _)| s < end);
        (i > 0 && self.0[i - 1].1 > start).then(|| self.0[i - 1])
    }
}

/// A rule in the listing (`finlint rules`, the wasm `rules()` call): its
/// metadata, which kinds of rule it is, and how many terms and patterns
/// (frames included) it matches with. Pack rules, labels and profile extras
/// alike: every id a pack's `disable` accepts.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct RuleInfo {
    pub id: String,
    pub category: Category,
    pub severity: Severity,
    pub enabled: bool,
    pub builtin: bool,
    pub message: String,
    pub suggestion: String,
    pub basis: String,
    /// How many terms the rule matches: folded, with the look-alike variants
    /// of built-in terms and the terms `[[extend]]` added.
    pub terms: usize,
    /// How many regexes: patterns and frames.
    pub patterns: usize,
    /// The kinds that hold part of the rule (`terms`, `patterns`, `frames`,
    /// `validate`, or `labels` / `extras` for the document-level rules).
    pub kinds: Vec<String>,
    /// What it matches with and how it is fixed (the full listing, `finlint
    /// rules --format json`); absent for labels and profile extras.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub definition: Option<RuleDetail>,
}

/// A pack rule as the rule set holds it: its fields mirror the pack's
/// (`RuleDef`). Terms, patterns, frames and context checks are as written,
/// and the terms a pack's `[[extend]]` added are listed apart; exceptions
/// (those added included) and replacement keys are folded, as they are
/// matched; `boundary` is the effective value; profiles are product ids.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct RuleDetail {
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub replacement: Option<String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(test, ts(as = "Option<BTreeMap<String, String>>", optional))]
    pub replacements: BTreeMap<String, String>,
    pub terms: Vec<String>,
    /// Terms that packs' `[[extend]]` added to the rule.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(test, ts(as = "Option<Vec<String>>", optional))]
    pub extended_terms: Vec<String>,
    pub patterns: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(test, ts(as = "Option<Vec<String>>", optional))]
    pub frames: Vec<String>,
    pub exceptions: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub boundary: Option<bool>,
    pub negatable: bool,
    pub quotable: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub validate: Option<Validator>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub drop_if: Option<ContextCheck>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub downgrade_if: Option<Downgrade>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(test, ts(as = "Option<Vec<String>>", optional))]
    pub profiles: Vec<String>,
    pub examples: Examples,
}

impl RuleInfo {
    /// The listing's copy of a rule's metadata; the counts, kinds and
    /// definition are the caller's. The listing is a wire format (JSON, npm
    /// types), so it keeps its own field order rather than nesting `RuleMeta`.
    fn of(meta: &RuleMeta, enabled: bool, builtin: bool) -> RuleInfo {
        RuleInfo {
            id: meta.id.clone(),
            category: meta.category,
            severity: meta.severity,
            enabled,
            builtin,
            message: meta.message.clone(),
            suggestion: meta.suggestion.to_string(),
            basis: meta.basis.to_string(),
            terms: 0,
            patterns: 0,
            kinds: Vec::new(),
            definition: None,
        }
    }
}

impl CompiledCheck {
    /// The check as the pack wrote it, for the listing.
    fn written(&self) -> ContextCheck {
        ContextCheck {
            scope: self.scope,
            window: self.window,
            patterns: self.written.clone(),
        }
    }
}

impl Rule {
    /// The full listing's detail, from this rule and what its kinds listed.
    fn detail(&self, listing: Listing) -> RuleDetail {
        RuleDetail {
            replacement: self.replacement.clone(),
            replacements: self.replacements.clone(),
            terms: listing.terms,
            extended_terms: listing.extended_terms,
            patterns: listing.patterns,
            frames: listing.frames,
            exceptions: self.exceptions.clone(),
            boundary: listing.boundary,
            negatable: self.negatable,
            quotable: self.quotable,
            validate: listing.validate,
            drop_if: self.drop_if.as_ref().map(CompiledCheck::written),
            downgrade_if: self.downgrade_if.as_ref().map(|(severity, c)| {
                let c = c.written();
                Downgrade {
                    severity: *severity,
                    scope: c.scope,
                    window: c.window,
                    patterns: c.patterns,
                }
            }),
            profiles: self.profiles.clone(),
            examples: self.examples.clone(),
        }
    }
}

fn compile_check(
    check: (Scope, usize, &[String]),
    builtin: bool,
    origin: &str,
    id: &str,
) -> Result<CompiledCheck, Error> {
    let (scope, window, written) = check;
    let patterns = written
        .iter()
        .map(|p| {
            Pattern::prepare(p, builtin).map_err(|e| {
                Error::pack(origin, None, format!("规则 {id} 的上下文正则无效：{e}")).about(id)
            })
        })
        .collect::<Result<_, _>>()?;
    Ok(CompiledCheck {
        scope,
        window,
        patterns,
        written: written.to_vec(),
    })
}

impl Rule {
    /// The context checks' patterns (the kinds hold the claim patterns).
    fn context_patterns(&self) -> impl Iterator<Item = &Pattern> {
        let drop = self.drop_if.iter().flat_map(|c| c.patterns.iter());
        let down = self
            .downgrade_if
            .iter()
            .flat_map(|(_, c)| c.patterns.iter());
        drop.chain(down)
    }
}

/// What every rule has whatever its kinds: metadata, fixes, exceptions,
/// context checks and the products it applies to. The kinds compile the rest.
fn compile_rule(def: &RuleDef, builtin: bool, origin: &str) -> Result<Rule, Error> {
    let drop_if = match &def.drop_if {
        Some(c) => Some(compile_check(
            (c.scope, c.window, &c.patterns),
            builtin,
            origin,
            &def.id,
        )?),
        None => None,
    };
    let downgrade_if = match &def.downgrade_if {
        Some(d) => Some((
            d.severity,
            compile_check((d.scope, d.window, &d.patterns), builtin, origin, &def.id)?,
        )),
        None => None,
    };
    let profiles = def
        .profiles
        .iter()
        .map(|p| product_id(p, origin, &format!("规则 {} 的 profiles", def.id)))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Rule {
        meta: RuleMeta::of_def(def),
        replacement: def.replacement.clone(),
        replacements: def
            .replacements
            .iter()
            .map(|(k, v)| (fold_str(k), v.clone()))
            .collect(),
        exceptions: def.exceptions.iter().map(|t| fold_str(t)).collect(),
        negatable: def.negatable,
        quotable: def.quotable,
        drop_if,
        downgrade_if,
        profiles,
        examples: def.examples.clone(),
        enabled: true,
        builtin,
        generic: def.terms.is_empty() && def.patterns.is_empty() && !def.frames.is_empty(),
    })
}

/// A pack names a product by id or Chinese name (data/catalog.toml); the
/// rules keep the id.
fn product_id(name: &str, origin: &str, field: &str) -> Result<String, Error> {
    catalog()
        .product_id(name)
        .map(str::to_string)
        .ok_or_else(|| {
            Error::pack(
                origin,
                None,
                format!(
                    "{field} 含未知产品类型 {name:?}，可选：{}",
                    catalog().product_choices()
                ),
            )
            .field(field)
            .about(name)
        })
}

impl Rule {
    /// The one-click replacement for a hit whose normalised text is `matched`.
    pub(crate) fn replacement_for(&self, matched: &str, original: &str) -> Option<String> {
        let template = self
            .replacements
            .get(matched)
            .or(self.replacement.as_ref())?;
        Some(template.replace("{masked}", &mask_digits(original)))
    }
}

/// Keep the first three and last four digits: 159****5678.
fn mask_digits(s: &str) -> String {
    let total = s.chars().filter(char::is_ascii_digit).count();
    let mut seen = 0;
    s.chars()
        .map(|c| {
            if !c.is_ascii_digit() {
                return c;
            }
            seen += 1;
            if seen <= 3 || seen > total.saturating_sub(4) {
                c
            } else {
                '*'
            }
        })
        .collect()
}

impl RuleSet {
    /// The built-in packs followed by user packs `(source, origin)`.
    pub fn build(user_packs: &[(&str, &str)]) -> Result<RuleSet, Error> {
        let mut set = RuleSet {
            rules: Vec::new(),
            kinds: registry(),
            allow: Vec::new(),
            disabled: Vec::new(),
            switches: Switches::default(),
            severity: BTreeMap::new(),
            required_labels: BTreeMap::new(),
            packs: Vec::new(),
            ids: HashMap::new(),
            id_prefixes: HashSet::new(),
            allow_index: None,
            exception_index: None,
        };
        for (i, (origin, json)) in BUILTIN_PACKS.iter().enumerate() {
            let pack = parse_builtin_pack(json, origin)?;
            set.absorb(pack, true, origin, i == 0)?;
        }
        for (source, origin) in user_packs {
            let pack = parse_pack(source, origin)?;
            set.absorb(pack, false, origin, true)
                .map_err(|e| e.locate(source))?;
        }
        set.apply_switches();
        let enabled: Vec<bool> = set.rules.iter().map(|r| r.enabled).collect();
        for kind in &mut set.kinds {
            kind.finish(&enabled)?;
        }
        set.build_allow_index()?;
        set.build_exception_index()?;
        Ok(set)
    }

    fn absorb(
        &mut self,
        pack: PackFile,
        builtin: bool,
        origin: &str,
        keep_meta: bool,
    ) -> Result<(), Error> {
        if keep_meta && (!pack.pack.name.is_empty() || !builtin) {
            let mut meta = pack.pack.clone();
            if meta.name.is_empty() {
                meta.name = origin.to_string();
            }
            self.packs.push(meta);
        }
        for def in &pack.rules {
            if self.ids.contains_key(&def.id) {
                return Err(Error::pack(
                    origin,
                    None,
                    format!(
                        "规则 id {:?} 与已有规则重复；如需补充词条请使用 [[extend]]",
                        def.id
                    ),
                )
                .field("id")
                .about(&def.id));
            }
            let at = Load {
                rule: self.rules.len(),
                builtin,
                origin,
            };
            for kind in &mut self.kinds {
                kind.compile(def, &at)?;
            }
            self.rules.push(compile_rule(def, builtin, origin)?);
            self.ids.insert(def.id.clone(), self.rules.len() - 1);
            let dots = def.id.match_indices('.').map(|(i, _)| i);
            self.id_prefixes
                .extend(dots.map(|i| def.id[..i].to_string()));
        }
        for ext in &pack.extend {
            let idx = self.index_of(&ext.rule).ok_or_else(|| {
                Error::pack(
                    origin,
                    None,
                    format!("extend.rule 指向不存在的规则 {:?}", ext.rule),
                )
                .field("extend.rule")
                .about(&ext.rule)
            })?;
            for kind in &mut self.kinds {
                kind.extend(idx, ext);
            }
            let folded: Vec<String> = ext.exceptions.iter().map(|t| fold_str(t)).collect();
            self.rules[idx].exceptions.extend(folded);
        }
        self.allow.extend(pack.allow.iter().map(|a| fold_str(a)));
        for d in &pack.disable {
            self.ensure_known(d, origin, "disable")?;
            self.disabled.push(d.clone());
        }
        for (id, sev) in &pack.severity {
            self.ensure_known(id, origin, "severity")?;
            self.severity.insert(id.clone(), *sev);
        }
        for (profile, labels) in &pack.required_labels {
            let id = product_id(profile, origin, "required_labels")?;
            self.required_labels.insert(id, labels.clone());
        }
        Ok(())
    }

    /// Label and profile-extra findings (`label.*`) are switchable too.
    fn ensure_known(&self, id: &str, origin: &str, field: &str) -> Result<(), Error> {
        let prefix = id.trim_end_matches('*').trim_end_matches('.');
        let known = id == "label"
            || id.starts_with("label.")
            || self.ids.contains_key(id)
            || self.id_prefixes.contains(prefix)
            || id == "*";
        if known {
            Ok(())
        } else {
            Err(Error::pack(
                origin,
                None,
                format!("字段 {field} 指向不存在的规则 {id:?}"),
            )
            .field(field)
            .about(id))
        }
    }

    /// Linear in rules plus selectors (see `Switches`).
    fn apply_switches(&mut self) {
        self.switches = Switches::new(&self.disabled);
        for rule in &mut self.rules {
            rule.enabled = !self.switches.disables(&rule.meta.id);
            if let Some(sev) = self.severity.get(&rule.meta.id) {
                rule.meta.severity = *sev;
            }
        }
    }

    fn build_allow_index(&mut self) -> Result<(), Error> {
        let phrases: Vec<&String> = self.allow.iter().filter(|a| !a.is_empty()).collect();
        if phrases.is_empty() {
            return Ok(());
        }
        self.allow_index = Some(phrase_automaton(
            phrases,
            "allow",
            "允许列表过大，超过自动机的容量上限，请精简",
        )?);
        Ok(())
    }

    /// Where allow-listed phrases occur in `text`, in one pass.
    pub(crate) fn allowed_spans(&self, text: &str) -> AllowedSpans {
        let Some(ac) = &self.allow_index else {
            return AllowedSpans(Vec::new());
        };
        AllowedSpans::from_unsorted(
            ac.find_overlapping_iter(text)
                .map(|m| (m.start(), m.end()))
                .collect(),
        )
    }

    fn build_exception_index(&mut self) -> Result<(), Error> {
        let mut phrases: Vec<&str> = Vec::new();
        let mut owners = Vec::new();
        for (i, rule) in self.rules.iter().enumerate().filter(|(_, r)| r.enabled) {
            for e in rule.exceptions.iter().filter(|e| !e.is_empty()) {
                phrases.push(e);
                owners.push(i);
            }
        }
        if phrases.is_empty() {
            return Ok(());
        }
        let ac = phrase_automaton(
            phrases,
            "exceptions",
            "例外词过多，超过自动机的容量上限，请精简",
        )?;
        self.exception_index = Some((ac, owners));
        Ok(())
    }

    /// Per rule, where its exceptions occur in `text`, in one pass; a hit
    /// is excepted when an occurrence contains its first character.
    pub(crate) fn exception_spans(&self, text: &str) -> FxHashMap<usize, AllowedSpans> {
        let Some((ac, owners)) = &self.exception_index else {
            return FxHashMap::default();
        };
        let mut by_rule: FxHashMap<usize, Vec<(usize, usize)>> = FxHashMap::default();
        for m in ac.find_overlapping_iter(text) {
            by_rule
                .entry(owners[m.pattern().as_usize()])
                .or_default()
                .push((m.start(), m.end()));
        }
        by_rule
            .into_iter()
            .map(|(rule, spans)| (rule, AllowedSpans::from_unsorted(spans)))
            .collect()
    }

    pub(crate) fn index_of(&self, id: &str) -> Option<usize> {
        self.ids.get(id).copied()
    }

    pub(crate) fn is_disabled(&self, id: &str) -> bool {
        self.switches.disables(id)
    }

    pub(crate) fn severity_for(&self, id: &str, default: Severity) -> Severity {
        self.severity.get(id).copied().unwrap_or(default)
    }

    /// Rule `rule`'s lexicon terms, from whichever kinds have terms.
    fn terms_of(&self, rule: usize) -> impl Iterator<Item = &String> {
        self.kinds.iter().flat_map(move |k| k.terms(rule))
    }

    /// Every built-in term, for teaching the segmenter to keep them whole.
    pub fn builtin_terms(&self) -> Vec<String> {
        let builtin = self.rules.iter().enumerate().filter(|(_, r)| r.builtin);
        builtin
            .flat_map(|(i, _)| self.terms_of(i).cloned())
            .collect()
    }

    /// Every rule's terms, for the context checks to see through.
    pub(crate) fn all_terms(&self) -> impl Iterator<Item = &String> {
        (0..self.rules.len()).flat_map(|i| self.terms_of(i))
    }

    /// All raw hits, from every kind in registry order.
    pub(crate) fn candidates(&self, text: &str) -> Vec<Candidate> {
        let mut out = Vec::new();
        for kind in &self.kinds {
            kind.candidates(text, &mut out);
        }
        out
    }

    /// The rules `doc` breaks as a whole, from the document-level kinds.
    pub(crate) fn document_rules<'a>(&'a self, doc: &Document<'a>) -> Vec<&'a RuleMeta> {
        let mut out = Vec::new();
        for kind in &self.kinds {
            kind.document(doc, &mut out);
        }
        out
    }

    /// Compile every pattern now; the errors, if any. Built-in patterns are
    /// otherwise compiled on first use, so the tests call this.
    pub fn compile_all(&self) -> Vec<String> {
        let context = self.rules.iter().enumerate().flat_map(|(i, r)| {
            r.context_patterns()
                .filter(|p| p.regex().is_none())
                .map(move |p| (i, p.source().to_string()))
        });
        let claims = self.kinds.iter().flat_map(|k| k.uncompiled());
        claims
            .chain(context)
            .map(|(i, source)| format!("{}: {source}", self.rules[i].meta.id))
            .collect()
    }

    /// The listing: every pack rule, as its kinds describe it, then the
    /// document-level rules (labels, profile extras) from `data`, with the
    /// packs' `disable` and `severity` applied to them as to any rule.
    pub(crate) fn infos(&self, full: bool, data: &BuiltinRules) -> Vec<RuleInfo> {
        let mut infos: Vec<RuleInfo> = self
            .rules
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let mut listing = Listing::default();
                for kind in &self.kinds {
                    kind.describe(i, &mut listing);
                }
                RuleInfo {
                    terms: listing.matched_terms,
                    patterns: listing.patterns.len() + listing.frames.len(),
                    kinds: listing.kinds.iter().map(|k| k.to_string()).collect(),
                    definition: full.then(|| r.detail(listing)),
                    ..RuleInfo::of(&r.meta, r.enabled, r.builtin)
                }
            })
            .collect();
        for kind in &self.kinds {
            let mut metas = Vec::new();
            kind.listed(data, &mut metas);
            infos.extend(metas.into_iter().map(|m| RuleInfo {
                severity: self.severity_for(&m.id, m.severity),
                kinds: vec![kind.name().to_string()],
                ..RuleInfo::of(m, !self.is_disabled(&m.id), true)
            }));
        }
        infos
    }
}

/// One overlapping-match automaton over a phrase list (allow-list,
/// exceptions); a list too large for it is a pack error naming the list.
fn phrase_automaton<P: AsRef<[u8]>>(
    phrases: Vec<P>,
    origin: &str,
    too_large: &str,
) -> Result<AhoCorasick, Error> {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        .build(phrases)
        .map_err(|_| Error::pack(origin, None, too_large.to_string()))
}
