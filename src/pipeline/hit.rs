//! A candidate that survived the context filters.

use crate::pack::Severity;

/// A kept hit, still in normalised byte offsets.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub rule: usize,
    pub start: usize,
    pub end: usize,
    /// The rule's severity, or lower where a context check downgrades it.
    pub severity: Severity,
}
