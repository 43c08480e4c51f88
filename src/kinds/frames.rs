//! Frame rules: combinations of concepts (`frames` in a pack, syntax in
//! `frames.rs`). A frame expands to one regular expression, so it runs like
//! a pattern; the listing counts frames among the patterns.

use crate::error::Error;
use crate::frames::Concepts;
use crate::kinds::regex_set::RegexSet;
use crate::kinds::{Candidate, Kind, Listing, Load};
use crate::pack::RuleDef;

#[derive(Default)]
pub(super) struct Frames(RegexSet);

impl Kind for Frames {
    fn compile(&mut self, def: &RuleDef, at: &Load) -> Result<(), Error> {
        let sources = def.frames.iter().map(|f| Concepts::builtin().expand(f));
        self.0.add(sources, at, &def.id, "框架")
    }

    fn finish(&mut self, enabled: &[bool]) -> Result<(), Error> {
        self.0.finish(enabled);
        Ok(())
    }

    fn candidates(&self, text: &str, out: &mut Vec<Candidate>) {
        self.0.candidates(text, out);
    }

    fn describe(&self, rule: usize, listing: &mut Listing) {
        listing.patterns += self.0.count(rule);
    }

    fn uncompiled(&self) -> Vec<(usize, String)> {
        self.0.uncompiled()
    }
}
