//! A candidate that survived the context filters.

use crate::kinds::Matched;
use crate::pack::Severity;

/// A kept hit, still in normalised byte offsets.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub rule: usize,
    pub start: usize,
    pub end: usize,
    /// The rule's severity, or lower where a context check downgrades it.
    pub severity: Severity,
    /// A lexicon term is a whole claim; a pattern or frame may match a piece
    /// of one, which a neighbouring piece completes (see `one_claim`).
    pub matched: Matched,
}
