//! Pattern rules: regular expressions over the normalised text (`patterns`
//! in a pack). They run only where one of their literals occurs (see
//! `pattern.rs`).

use crate::error::Error;
use crate::kinds::regex_set::RegexSet;
use crate::kinds::{Candidate, Kind, Listing, Load};
use crate::pack::RuleDef;

#[derive(Default)]
pub(super) struct Patterns(RegexSet);

impl Kind for Patterns {
    fn compile(&mut self, def: &RuleDef, at: &Load) -> Result<(), Error> {
        let sources = def.patterns.iter().map(|p| Ok(p.clone()));
        self.0.add(sources, at, &def.id, "正则")
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
