//! Pattern rules: regular expressions over the normalised text (`patterns`
//! in a pack). They run only where one of their literals occurs (see
//! `pattern.rs`).

use crate::kinds::regex_set::{RegexKind, Sources};

pub(super) fn kind() -> RegexKind {
    RegexKind::new(Sources {
        field: "patterns",
        what: "正则",
        written: |def| &def.patterns,
        expand: |p| Ok(p.to_string()),
        listed: |listing| &mut listing.patterns,
    })
}
