//! Rule kinds. Each kind is one module implementing [`Kind`]: it compiles
//! its part of a rule definition, finds candidates in the normalised text
//! (or, for document-level kinds, the rules a document breaks), and says
//! what the rule listing counts. The registry below lists them; the rule set
//! and the pipeline only ever talk to kinds through the trait, so a new kind
//! is one new module and one line in [`registry`] (docs/ARCHITECTURE.md).

use crate::error::Error;
use crate::labels::{FoundLabels, LabelSet};
use crate::meta::RuleMeta;
use crate::pack::{Extend, LabelKind, RuleDef, Validator};
use crate::profile::{Profile, ProfileSet};

mod extras;
mod frames;
mod labels;
mod patterns;
mod regex_set;
mod terms;
mod validators;

/// Every rule kind, in the order they run: candidate kinds first (a filter
/// such as the validators sees every candidate before it), then the
/// document-level kinds, whose findings are reported in this order.
pub(crate) fn registry() -> Vec<Box<dyn Kind>> {
    vec![
        Box::new(terms::Terms::default()),
        Box::new(patterns::kind()),
        Box::new(frames::kind()),
        Box::new(validators::Validators::default()),
        Box::new(labels::Labels),
        Box::new(extras::Extras),
    ]
}

/// Where a rule definition comes from, for a kind compiling its part.
pub(crate) struct Load<'a> {
    /// The rule's index in the rule set: candidates name their rule by it.
    pub rule: usize,
    /// A built-in rule (data/rules): patterns compile on first use and terms
    /// gain look-alike variants; a user pack's compile now.
    pub builtin: bool,
    /// The pack's file name, for errors.
    pub origin: &'a str,
}

/// A raw hit before context checks, as a byte range of the normalised text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Candidate {
    pub rule: usize,
    pub start: usize,
    pub end: usize,
    /// Keep only on word boundaries.
    pub boundary: bool,
    pub matched: Matched,
}

/// What found a candidate: a validator checks only what a regex matched (a
/// lexicon term is a fixed phrase, never a number to checksum).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Matched {
    Term,
    Regex,
}

/// What the rule listing (`finlint rules`) shows of one rule: each kind that
/// holds part of the rule names itself and adds what it matches with.
#[derive(Debug, Default)]
pub(crate) struct Listing {
    /// The kinds that hold part of the rule, in registry order.
    pub kinds: Vec<&'static str>,
    /// The rule's terms as the pack wrote them.
    pub terms: Vec<String>,
    /// The terms packs' `[[extend]]` added, as written.
    pub extended_terms: Vec<String>,
    /// How many terms the rule matches: folded, with look-alike variants
    /// and the added terms, as the automaton has them.
    pub matched_terms: usize,
    pub boundary: Option<bool>,
    /// Regex sources as the pack wrote them.
    pub patterns: Vec<String>,
    /// Concept frames as the pack wrote them.
    pub frames: Vec<String>,
    pub validate: Option<Validator>,
}

/// What a document-level kind looks at: the whole normalised text, the
/// product profile, and which labels it carries and needs.
pub(crate) struct Document<'a> {
    pub text: &'a str,
    pub profile: &'a Profile,
    pub labels: &'a LabelSet,
    pub found: &'a FoundLabels,
    pub required: &'a [LabelKind],
}

/// The built-in data the document-level kinds read their rules from.
pub(crate) struct BuiltinRules<'a> {
    pub labels: &'a LabelSet,
    pub profiles: &'a ProfileSet,
}

/// RefUnwindSafe: the CLI checks each file under `catch_unwind`, so the
/// checker (and every kind in it) must be shareable across it.
pub(crate) trait Kind: Send + Sync + std::panic::RefUnwindSafe {
    /// The kind's name in the listing (`terms`, `patterns`, `labels`…).
    fn name(&self) -> &'static str;

    /// Compile this kind's part of one pack rule (nothing if it has none),
    /// at load time, in pack order, so that errors name the pack. Kinds
    /// made only of built-in data (labels, extras) keep the default.
    fn compile(&mut self, _def: &RuleDef, _at: &Load) -> Result<(), Error> {
        Ok(())
    }

    /// A pack's `[[extend]]` adds to rule `rule`, defined earlier.
    fn extend(&mut self, _rule: usize, _ext: &Extend) {}

    /// Every pack is loaded: build indexes over the enabled rules.
    fn finish(&mut self, _enabled: &[bool]) -> Result<(), Error> {
        Ok(())
    }

    /// Add this kind's candidates in normalised `text` to `out`, or (a
    /// filter) drop some of those the kinds before it found.
    fn candidates(&self, _text: &str, _out: &mut Vec<Candidate>) {}

    /// Document-level kinds: the rules the document breaks as a whole
    /// (a required label it lacks), in report order.
    fn document<'a>(&'a self, _doc: &Document<'a>, _out: &mut Vec<&'a RuleMeta>) {}

    /// Document-level kinds: their rules, which are built-in data rather
    /// than pack rules, for the listing (each id once).
    fn listed<'a>(&self, _data: &BuiltinRules<'a>, _out: &mut Vec<&'a RuleMeta>) {}

    /// Add what the listing shows of rule `rule` (nothing if this kind
    /// holds no part of it).
    fn describe(&self, _rule: usize, _listing: &mut Listing) {}

    /// Rule `rule`'s folded lexicon terms: the segmenter keeps them whole,
    /// and context checks see through them.
    fn terms(&self, _rule: usize) -> &[String] {
        &[]
    }

    /// Compile every pattern compiled on first use; those that fail, with
    /// their rule (the tests call this: built-in patterns are data).
    fn uncompiled(&self) -> Vec<(usize, String)> {
        Vec::new()
    }
}
