//! Profile extras (`[[profile.extra]]` in data/profiles.toml): a product's
//! own document-level rule, such as a fund ad that shows returns without the
//! past-performance warning. It is broken when its `when` matches (or it has
//! none) and the copy lacks the wording or label it `requires`.

use crate::kinds::{BuiltinRules, Document, Kind};
use crate::meta::RuleMeta;

pub(super) struct Extras;

impl Kind for Extras {
    fn name(&self) -> &'static str {
        "extras"
    }

    fn document<'a>(&'a self, doc: &Document<'a>, out: &mut Vec<&'a RuleMeta>) {
        let broken = doc.profile.extras.iter().filter(|e| {
            e.applies(doc.text) && !e.satisfied(doc.text, |k| doc.found.at(k).is_some())
        });
        out.extend(broken.map(|e| &e.meta));
    }

    /// An extra shared by several products is listed once.
    fn listed<'a>(&self, data: &BuiltinRules<'a>, out: &mut Vec<&'a RuleMeta>) {
        for extra in data.profiles.profiles.iter().flat_map(|p| &p.extras) {
            if !out.iter().any(|m| m.id == extra.meta.id) {
                out.push(&extra.meta);
            }
        }
    }
}
