//! Term rules: fixed phrases (`terms` in a pack, more from `[[extend]]`),
//! all rules' terms in one Aho-Corasick automaton, so that a check is one
//! pass over the text however many terms there are.

use std::collections::HashSet;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::error::Error;
use crate::fold::fold_str;
use crate::kinds::{Candidate, Kind, Listing, Load, Matched};
use crate::pack::{Extend, RuleDef};
use crate::variants::Variants;

#[derive(Default)]
pub(super) struct Terms {
    /// Per rule index: its folded terms (variants included) and whether its
    /// hits must sit on word boundaries.
    rules: Vec<(Vec<String>, bool)>,
    /// Per rule index: its terms as the pack wrote them, for the listing.
    written: Vec<Vec<String>>,
    /// Terms added by `[[extend]]`, with their rule: never boundary-checked.
    extended: Vec<Added>,
    lexicon: Option<AhoCorasick>,
    /// For each automaton pattern, its rule and whether it needs boundaries.
    owners: Vec<(usize, bool)>,
}

/// A term a pack's `[[extend]]` added to a rule.
struct Added {
    rule: usize,
    written: String,
    folded: String,
}

impl Kind for Terms {
    fn name(&self) -> &'static str {
        "terms"
    }

    fn compile(&mut self, def: &RuleDef, at: &Load) -> Result<(), Error> {
        if self.rules.len() <= at.rule {
            self.rules.resize_with(at.rule + 1, Default::default);
            self.written.resize_with(at.rule + 1, Vec::new);
        }
        let boundary = def.boundary.unwrap_or(at.builtin);
        self.rules[at.rule] = (with_variants(def, at.builtin), boundary);
        self.written[at.rule] = def.terms.clone();
        Ok(())
    }

    fn extend(&mut self, rule: usize, ext: &Extend) {
        self.extended.extend(ext.terms.iter().map(|t| Added {
            rule,
            written: t.clone(),
            folded: fold_str(t),
        }));
    }

    fn finish(&mut self, enabled: &[bool]) -> Result<(), Error> {
        let on = |i: usize| enabled.get(i).copied().unwrap_or(false);
        let own = self.rules.iter().enumerate().filter(|(i, _)| on(*i));
        let own =
            own.flat_map(|(i, (terms, boundary))| terms.iter().map(move |t| (i, t, *boundary)));
        let extended = self.extended.iter().filter(|a| on(a.rule));
        let mut seen: HashSet<(&str, usize)> = HashSet::new();
        let mut patterns: Vec<&str> = Vec::new();
        for (rule, term, boundary) in own.chain(extended.map(|a| (a.rule, &a.folded, false))) {
            if seen.insert((term, rule)) {
                patterns.push(term);
                self.owners.push((rule, boundary));
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

    fn candidates(&self, text: &str, out: &mut Vec<Candidate>) {
        let Some(ac) = &self.lexicon else { return };
        for m in ac.find_overlapping_iter(text) {
            let (rule, boundary) = self.owners[m.pattern().as_usize()];
            out.push(Candidate {
                rule,
                start: m.start(),
                end: m.end(),
                boundary,
                matched: Matched::Term,
            });
        }
    }

    /// The terms as written, the pack's own and those `[[extend]]` added;
    /// the count is of what the automaton matches for the rule: the folded
    /// terms with their look-alike variants, then each added term it lacks.
    fn describe(&self, rule: usize, listing: &mut Listing) {
        let own = self.terms(rule);
        let mut seen: HashSet<&str> = own.iter().map(String::as_str).collect();
        let added: Vec<&Added> = self.extended.iter().filter(|a| a.rule == rule).collect();
        let new = added.iter().filter(|a| seen.insert(&a.folded)).count();
        if own.is_empty() && added.is_empty() {
            return;
        }
        listing.kinds.push(self.name());
        listing.boundary = self.rules.get(rule).map(|(_, boundary)| *boundary);
        listing.matched_terms = own.len() + new;
        listing.terms = self.written.get(rule).cloned().unwrap_or_default();
        listing.extended_terms = added.iter().map(|a| a.written.clone()).collect();
    }

    fn terms(&self, rule: usize) -> &[String] {
        self.rules.get(rule).map_or(&[], |(terms, _)| terms)
    }
}

/// A rule's folded terms, plus, for a built-in rule whose category evaders
/// disguise, their look-alike spellings (data/variants.toml).
fn with_variants(def: &RuleDef, builtin: bool) -> Vec<String> {
    let mut terms: Vec<String> = def.terms.iter().map(|t| fold_str(t)).collect();
    let variants = Variants::builtin();
    if builtin && variants.applies_to(def.category) {
        let extra: Vec<String> = terms.iter().flat_map(|t| variants.of(t)).collect();
        terms.extend(extra);
    }
    terms
}
