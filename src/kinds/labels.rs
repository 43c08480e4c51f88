//! Required labels (data/labels.toml, ../shared/LABELS.md): the rule
//! `label.<kind>` is broken when the product requires the label and the copy
//! does not carry it. The labels are found once per check, before the
//! document-level kinds run, because the report shows each one's status.

use crate::kinds::{BuiltinRules, Document, Kind};
use crate::meta::RuleMeta;

pub(super) struct Labels;

impl Kind for Labels {
    fn name(&self) -> &'static str {
        "labels"
    }

    fn document<'a>(&'a self, doc: &Document<'a>, out: &mut Vec<&'a RuleMeta>) {
        let missing = doc
            .found
            .iter()
            .filter(|(kind, at)| at.is_none() && doc.required.contains(kind));
        out.extend(missing.filter_map(|(kind, _)| doc.labels.get(kind).map(|l| &l.meta)));
    }

    fn listed<'a>(&self, data: &BuiltinRules<'a>, out: &mut Vec<&'a RuleMeta>) {
        out.extend(data.labels.labels.iter().map(|l| &l.meta));
    }
}
