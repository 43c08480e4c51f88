//! Pattern rules: regular expressions over the normalised text (`patterns`
//! in a pack). They run only where one of their literals occurs (see
//! `pattern.rs`).

use crate::kinds::regex_set::RegexKind;

pub(super) fn kind() -> RegexKind {
    RegexKind::new("正则", "patterns", |def| {
        def.patterns.iter().map(|p| Ok(p.clone())).collect()
    })
}
