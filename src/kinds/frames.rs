//! Frame rules: combinations of concepts (`frames` in a pack, syntax in
//! `frames.rs`). A frame expands to one regular expression, so it runs like
//! a pattern; the listing counts frames among the patterns.

use crate::frames::Concepts;
use crate::kinds::regex_set::RegexKind;

pub(super) fn kind() -> RegexKind {
    RegexKind::new("框架", "frames", |def| {
        def.frames
            .iter()
            .map(|f| Concepts::builtin().expand(f))
            .collect()
    })
}
