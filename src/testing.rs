//! Internals that the fuzz targets, `examples/seg.rs` and the segmenter
//! tests exercise on their own, below `Checker`. Not part of the API: hidden
//! from the documentation, and free to change with the internals.

use crate::error::Error;
use crate::rules::RuleSet;

pub use crate::segment::Segmenter;

/// Compile the built-in packs followed by `packs` (`(source, origin)`), as
/// `Checker::new` does, without building the segmenter and context index:
/// the rule-pack fuzz target's entry point.
pub fn compile_packs(packs: &[(&str, &str)]) -> Result<(), Error> {
    RuleSet::build(packs).map(drop)
}

/// Every built-in lexicon term (look-alike variants included), which the
/// segmenter keeps whole.
pub fn builtin_terms() -> Vec<String> {
    RuleSet::build(&[])
        .map(|rules| rules.builtin_terms())
        .unwrap_or_else(|e| panic!("the built-in packs are data and load: {e}"))
}
