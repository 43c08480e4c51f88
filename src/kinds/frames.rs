//! Frame rules: combinations of concepts (`frames` in a pack, syntax in
//! `frames.rs`). A frame expands to one regular expression, so it runs like
//! a pattern; the listing shows the frames as written and counts them among
//! the patterns.

use crate::frames::Concepts;
use crate::kinds::regex_set::{RegexKind, Sources};

pub(super) fn kind() -> RegexKind {
    RegexKind::new(Sources {
        field: "frames",
        what: "框架",
        written: |def| &def.frames,
        expand: |f| Concepts::builtin().expand(f),
        listed: |listing| &mut listing.frames,
    })
}
