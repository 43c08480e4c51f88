//! The stages of a check, each its own module, in the order they run:
//!
//! 1. normalise (`normalize.rs`): fold the input one character to one
//!    character, so that every offset maps back to the original;
//! 2. candidates (`kinds/`): every rule kind's raw hits, from one pass of
//!    the term automaton and the regexes whose literals occur;
//! 3. context (`filter.rs`, `overlaps.rs`, together `scan.rs`): drop the
//!    candidates their context says are no claim (negated, asked, quoted to
//!    warn, allow-listed, not a word here), then keep one finding per claim;
//! 4. labels and profile (`document.rs`): which labels the copy carries and
//!    the product requires, and the document-level rules it breaks;
//! 5. report (`assemble.rs`, `fixes.rs`): findings located in the original
//!    text, suppression, the one-click fixes that are safe, the summary.
//!
//! With the `parallel` feature, a large document's candidates and context
//! run on parts of it at once (`split.rs`), with the same result.
//!
//! `engine.rs` runs them in this order; each stage depends only on the ones
//! before it.

pub(crate) mod assemble;
pub(crate) mod document;
pub(crate) mod filter;
mod fixes;
mod hit;
mod overlaps;
pub(crate) mod scan;
#[cfg(feature = "parallel")]
pub(crate) mod split;
