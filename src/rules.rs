//! Compiled rules: the lexicon automaton, regex patterns and per-rule
//! context checks, built once from one or more packs.

use std::collections::{BTreeMap, HashMap, HashSet};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Serialize;

use crate::catalog::catalog;
use crate::error::Error;
use crate::fold::{fold_pattern, fold_str};
use crate::frames::Concepts;
use crate::meta::RuleMeta;
use crate::pack::{
    parse_pack, rule_id_matches, Category, Examples, LabelKind, PackFile, PackMeta, RuleDef, Scope,
    Severity, Validator,
};
use crate::pattern::{Pattern, PatternIndex};
use crate::variants::Variants;

pub const BUILTIN_PACKS: &[(&str, &str)] = &[
    (
        "data/rules/pack.toml",
        include_str!("../data/rules/pack.toml"),
    ),
    (
        "data/rules/absolute.toml",
        include_str!("../data/rules/absolute.toml"),
    ),
    (
        "data/rules/guarantee.toml",
        include_str!("../data/rules/guarantee.toml"),
    ),
    (
        "data/rules/misleading.toml",
        include_str!("../data/rules/misleading.toml"),
    ),
    (
        "data/rules/promotion.toml",
        include_str!("../data/rules/promotion.toml"),
    ),
    (
        "data/rules/endorsement.toml",
        include_str!("../data/rules/endorsement.toml"),
    ),
    (
        "data/rules/unsourced_data.toml",
        include_str!("../data/rules/unsourced_data.toml"),
    ),
    (
        "data/rules/personal_info.toml",
        include_str!("../data/rules/personal_info.toml"),
    ),
    (
        "data/rules/frames.toml",
        include_str!("../data/rules/frames.toml"),
    ),
];

pub struct CompiledCheck {
    pub scope: Scope,
    pub window: usize,
    pub patterns: Vec<Pattern>,
}

pub struct Rule {
    pub meta: RuleMeta,
    pub replacement: Option<String>,
    pub replacements: BTreeMap<String, String>,
    pub terms: Vec<String>,
    pub patterns: Vec<Pattern>,
    pub exceptions: Vec<String>,
    pub negatable: bool,
    pub quotable: bool,
    pub validate: Option<Validator>,
    pub drop_if: Option<CompiledCheck>,
    pub downgrade_if: Option<(Severity, CompiledCheck)>,
    pub profiles: Vec<String>,
    pub examples: Examples,
    pub enabled: bool,
    pub builtin: bool,
    /// Only frames, no terms or patterns: a generalisation that gives way to
    /// a hand-written rule flagging the same place.
    pub generic: bool,
    def: RuleDef,
}

/// One lexicon entry: which rule a term belongs to and whether its hits must
/// sit on word boundaries.
#[derive(Clone, Copy)]
struct TermOwner {
    rule: u32,
    boundary: bool,
}

pub struct RuleSet {
    pub rules: Vec<Rule>,
    lexicon: Option<AhoCorasick>,
    /// Over every enabled rule's patterns, keyed by (rule, pattern).
    pattern_index: PatternIndex<(usize, usize)>,
    owners: Vec<TermOwner>,
    pub allow: Vec<String>,
    disabled: Vec<String>,
    severity: BTreeMap<String, Severity>,
    pub required_labels: BTreeMap<String, Vec<LabelKind>>,
    pub packs: Vec<PackMeta>,
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

/// The bytes of a text that allow-listed phrases cover, as sorted, disjoint
/// ranges: a hit is allowed if it overlaps any occurrence of a phrase.
pub struct AllowedSpans(Vec<(usize, usize)>);

impl AllowedSpans {
    pub fn none() -> Self {
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

    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        self.overlapping(start, end).is_some()
    }

    /// The covered range that overlaps `start..end`, if any: `--explain`
    /// quotes the phrase that allowed or excepted a hit.
    pub fn overlapping(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        let i = self.0.partition_point(|&(s, _)| s < end);
        (i > 0 && self.0[i - 1].1 > start).then(|| self.0[i - 1])
    }
}

/// A raw hit before context checks, as a byte range of the normalised text.
#[derive(Debug, Clone, Copy)]
pub struct Candidate {
    pub rule: usize,
    pub start: usize,
    pub end: usize,
    pub boundary: bool,
}

/// Rule metadata for listings (`finlint rules`, the wasm `rules()` call).
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
    pub terms: usize,
    pub patterns: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub definition: Option<RuleDef>,
}

impl RuleInfo {
    /// The listing's copy of a rule's metadata; the counts and definition
    /// are the caller's. The listing is a wire format (JSON, npm types), so
    /// it keeps its own field order rather than nesting `RuleMeta`.
    fn of(meta: &RuleMeta, enabled: bool, builtin: bool) -> RuleInfo {
        RuleInfo {
            id: meta.id.clone(),
            category: meta.category,
            severity: meta.severity,
            enabled,
            builtin,
            message: meta.message.clone(),
            suggestion: meta.suggestion.clone(),
            basis: meta.basis.clone(),
            terms: 0,
            patterns: 0,
            definition: None,
        }
    }
}

/// Built-in patterns compile on first use (the tests compile them all);
/// user patterns compile now, so that their errors surface at load time.
/// Errors are in Chinese: the parsers' own messages are English.
fn prepare(pattern: &str, builtin: bool) -> Result<Pattern, String> {
    let folded = fold_pattern(pattern);
    let prepared = if builtin {
        Pattern::lazy(&folded)
    } else {
        Pattern::eager(&folded)
    };
    prepared.map_err(|e| {
        if folded.len() > crate::pack::MAX_PATTERN_LEN {
            e
        } else {
            crate::error::zh::regex(&folded)
        }
    })
}

fn compile_check(
    check: (Scope, usize, &[String]),
    builtin: bool,
    origin: &str,
    id: &str,
) -> Result<CompiledCheck, Error> {
    let (scope, window, patterns) = check;
    let patterns = patterns
        .iter()
        .map(|p| {
            prepare(p, builtin).map_err(|e| {
                Error::pack(origin, None, format!("规则 {id} 的上下文正则无效：{e}")).about(id)
            })
        })
        .collect::<Result<_, _>>()?;
    Ok(CompiledCheck {
        scope,
        window,
        patterns,
    })
}

impl Rule {
    /// Claim patterns and context-check patterns alike.
    fn all_patterns(&self) -> impl Iterator<Item = &Pattern> {
        let drop = self.drop_if.iter().flat_map(|c| c.patterns.iter());
        let down = self
            .downgrade_if
            .iter()
            .flat_map(|(_, c)| c.patterns.iter());
        self.patterns.iter().chain(drop).chain(down)
    }
}

fn compile_rule(def: &RuleDef, builtin: bool, origin: &str) -> Result<Rule, Error> {
    let mut patterns: Vec<Pattern> = def
        .patterns
        .iter()
        .map(|p| {
            prepare(p, builtin).map_err(|e| {
                Error::pack(origin, None, format!("规则 {} 的正则无效：{e}", def.id))
                    .field("patterns")
                    .about(&def.id)
            })
        })
        .collect::<Result<_, _>>()?;
    for frame in &def.frames {
        let bad = |e: String| {
            Error::pack(origin, None, format!("规则 {} 的框架无效：{e}", def.id))
                .field("frames")
                .about(&def.id)
        };
        let expanded = Concepts::builtin().expand(frame).map_err(bad)?;
        patterns.push(prepare(&expanded, builtin).map_err(bad)?);
    }
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
        terms: with_variants(def, builtin),
        patterns,
        exceptions: def.exceptions.iter().map(|t| fold_str(t)).collect(),
        negatable: def.negatable,
        quotable: def.quotable,
        validate: def.validate,
        drop_if,
        downgrade_if,
        profiles,
        examples: def.examples.clone(),
        enabled: true,
        builtin,
        generic: def.terms.is_empty() && def.patterns.is_empty() && !def.frames.is_empty(),
        def: def.clone(),
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

/// A built-in rule's folded terms, plus their look-alike spellings where the
/// rule's category is one that evaders disguise (data/variants.toml).
fn with_variants(def: &RuleDef, builtin: bool) -> Vec<String> {
    let mut terms: Vec<String> = def.terms.iter().map(|t| fold_str(t)).collect();
    let variants = Variants::builtin();
    if builtin && variants.applies_to(def.category) {
        let extra: Vec<String> = terms.iter().flat_map(|t| variants.of(t)).collect();
        terms.extend(extra);
    }
    terms
}

impl Rule {
    /// The one-click replacement for a hit whose normalised text is `matched`.
    pub fn replacement_for(&self, matched: &str, original: &str) -> Option<String> {
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
            lexicon: None,
            pattern_index: PatternIndex::new([]),
            owners: Vec::new(),
            allow: Vec::new(),
            disabled: Vec::new(),
            severity: BTreeMap::new(),
            required_labels: BTreeMap::new(),
            packs: Vec::new(),
            ids: HashMap::new(),
            id_prefixes: HashSet::new(),
            allow_index: None,
            exception_index: None,
        };
        let mut extra_terms: Vec<(usize, String)> = Vec::new();
        for (i, (origin, source)) in BUILTIN_PACKS.iter().enumerate() {
            let pack = parse_pack(source, origin)?;
            set.absorb(pack, true, origin, &mut extra_terms, i == 0)
                .map_err(|e| e.locate(source))?;
        }
        for (source, origin) in user_packs {
            let pack = parse_pack(source, origin)?;
            set.absorb(pack, false, origin, &mut extra_terms, true)
                .map_err(|e| e.locate(source))?;
        }
        set.apply_switches();
        set.build_lexicon(&extra_terms)?;
        set.build_allow_index()?;
        set.build_exception_index()?;
        set.pattern_index = PatternIndex::new(set.enabled_patterns());
        Ok(set)
    }

    fn absorb(
        &mut self,
        pack: PackFile,
        builtin: bool,
        origin: &str,
        extra_terms: &mut Vec<(usize, String)>,
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
            extra_terms.extend(ext.terms.iter().map(|t| (idx, fold_str(t))));
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

    /// Linear in rules plus selectors: a rule is off if a selector names it
    /// exactly or names one of its dot-prefixes (see `rule_id_matches`).
    fn apply_switches(&mut self) {
        let exact: HashSet<&str> = self.disabled.iter().map(String::as_str).collect();
        let prefixes: HashSet<&str> = self
            .disabled
            .iter()
            .map(|d| d.trim_end_matches('*').trim_end_matches('.'))
            .collect();
        let all = exact.contains("*");
        for rule in &mut self.rules {
            let id = rule.meta.id.as_str();
            let by_prefix = id
                .match_indices('.')
                .any(|(i, _)| prefixes.contains(&id[..i]));
            rule.enabled = !(all || exact.contains(id) || by_prefix);
            if let Some(sev) = self.severity.get(&rule.meta.id) {
                rule.meta.severity = *sev;
            }
        }
    }

    fn build_lexicon(&mut self, extra_terms: &[(usize, String)]) -> Result<(), Error> {
        let mut patterns: Vec<String> = Vec::new();
        let mut seen: HashMap<(String, u32), ()> = HashMap::new();
        for (i, rule) in self.rules.iter().enumerate() {
            if !rule.enabled {
                continue;
            }
            let boundary = rule.def.boundary.unwrap_or(rule.builtin);
            for t in &rule.terms {
                if seen.insert((t.clone(), i as u32), ()).is_none() {
                    patterns.push(t.clone());
                    self.owners.push(TermOwner {
                        rule: i as u32,
                        boundary,
                    });
                }
            }
        }
        for (i, t) in extra_terms {
            if self.rules[*i].enabled && seen.insert((t.clone(), *i as u32), ()).is_none() {
                patterns.push(t.clone());
                self.owners.push(TermOwner {
                    rule: *i as u32,
                    boundary: false,
                });
            }
        }
        if patterns.is_empty() {
            return Ok(());
        }
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .map_err(|_| {
                Error::pack(
                    "rules",
                    None,
                    "词库构建失败：词条总量超过自动机的容量上限，请精简词条".into(),
                )
            })?;
        self.lexicon = Some(ac);
        Ok(())
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
    pub fn allowed_spans(&self, text: &str) -> AllowedSpans {
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
    pub fn exception_spans(&self, text: &str) -> HashMap<usize, AllowedSpans> {
        let Some((ac, owners)) = &self.exception_index else {
            return HashMap::new();
        };
        let mut by_rule: HashMap<usize, Vec<(usize, usize)>> = HashMap::new();
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

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.ids.get(id).copied()
    }

    pub fn is_disabled(&self, id: &str) -> bool {
        self.disabled
            .iter()
            .any(|d| d == "*" || rule_id_matches(d, id))
    }

    pub fn severity_for(&self, id: &str, default: Severity) -> Severity {
        self.severity.get(id).copied().unwrap_or(default)
    }

    /// Every built-in term, for teaching the segmenter to keep them whole.
    pub fn builtin_terms(&self) -> Vec<String> {
        self.rules
            .iter()
            .filter(|r| r.builtin)
            .flat_map(|r| r.terms.iter().cloned())
            .collect()
    }

    /// All raw hits: lexicon terms and regex patterns.
    pub fn candidates(&self, text: &str) -> Vec<Candidate> {
        let mut out = Vec::new();
        if let Some(ac) = &self.lexicon {
            for m in ac.find_overlapping_iter(text) {
                let owner = self.owners[m.pattern().as_usize()];
                out.push(Candidate {
                    rule: owner.rule as usize,
                    start: m.start(),
                    end: m.end(),
                    boundary: owner.boundary,
                });
            }
        }
        for (i, j) in self.pattern_index.live(text) {
            let rule = &self.rules[i];
            if let Some(re) = rule.patterns[j].regex() {
                push_pattern_hits(re, text, i, rule.validate, &mut out);
            }
        }
        out
    }

    fn enabled_patterns(&self) -> impl Iterator<Item = ((usize, usize), &Pattern)> {
        let enabled = self.rules.iter().enumerate().filter(|(_, r)| r.enabled);
        enabled.flat_map(|(i, r)| r.patterns.iter().enumerate().map(move |(j, p)| ((i, j), p)))
    }

    /// Compile every pattern now; the errors, if any. Built-in patterns are
    /// otherwise compiled on first use, so the tests call this.
    pub fn compile_all(&self) -> Vec<String> {
        self.rules
            .iter()
            .flat_map(|r| r.all_patterns().map(move |p| (r, p)))
            .filter(|(_, p)| p.regex().is_none())
            .map(|(r, p)| format!("{}: {}", r.meta.id, p.source()))
            .collect()
    }

    pub fn infos(&self, full: bool) -> Vec<RuleInfo> {
        self.rules
            .iter()
            .map(|r| RuleInfo {
                terms: r.terms.len(),
                patterns: r.patterns.len(),
                definition: full.then(|| r.def.clone()),
                ..RuleInfo::of(&r.meta, r.enabled, r.builtin)
            })
            .collect()
    }
}

/// A pattern's hit is its `hit` group when it has one (patterns use the group
/// to require context the regex crate cannot look around for). Whitespace at
/// either edge is never part of a claim, so it is trimmed: a pattern ending in
/// `\s*` must not make a span depend on what follows the claim.
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

fn push_pattern_hits(
    re: &regex::Regex,
    text: &str,
    rule: usize,
    validate: Option<Validator>,
    out: &mut Vec<Candidate>,
) {
    let has_hit_group = re.capture_names().any(|n| n == Some("hit"));
    let mut push = |start: usize, end: usize| {
        let raw = &text[start..end];
        let trimmed = raw.trim();
        if trimmed.is_empty() || validate.is_some_and(|v| !crate::validators::is_valid(v, trimmed))
        {
            return;
        }
        let s = start + (raw.len() - raw.trim_start().len());
        out.push(Candidate {
            rule,
            start: s,
            end: s + trimmed.len(),
            boundary: false,
        });
    };
    if !has_hit_group {
        for m in re.find_iter(text) {
            push(m.start(), m.end());
        }
        return;
    }
    let mut at = 0;
    while at <= text.len() {
        let Some(caps) = re.captures_at(text, at) else {
            break;
        };
        let Some(m) = caps.name("hit") else { break };
        push(m.start(), m.end());
        // Resume right after the hit, not after the trailing context, so that
        // adjacent numbers sharing a separator are both found.
        at = next_char_boundary(text, m.end().max(caps.get(0).map_or(0, |w| w.start()) + 1));
    }
}

fn next_char_boundary(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i
}
