//! Inline suppression markers, written as HTML comments so they survive CMS
//! editors and never show on the published page:
//!
//! - `<!-- finlint-disable RULE… -->` … `<!-- finlint-enable [RULE…] -->`
//! - `<!-- finlint-disable-line RULE… -->` (its own line)
//! - `<!-- finlint-disable-next-line RULE… -->`
//!
//! RULE is an id, a prefix such as `guarantee` or `guarantee.*`, or nothing
//! for every rule. Suppressed findings are reported, never silently dropped.

use crate::html::Comment;
use crate::pack::rule_id_matches;

#[derive(Debug, Clone)]
struct Region {
    rules: Vec<String>,
    start: usize,
    end: usize,
    marker: String,
}

#[derive(Debug, Default)]
pub struct Suppressions {
    /// Sorted by start.
    regions: Vec<Region>,
    /// Running maximum of `end` over `regions[..=i]`, for an early stop.
    max_end: Vec<usize>,
}

fn line_range(text: &str, at: usize) -> (usize, usize) {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    (start, end)
}

impl Suppressions {
    pub fn parse(original: &str, comments: &[Comment]) -> Suppressions {
        let mut regions: Vec<Region> = Vec::new();
        let mut open: Vec<Region> = Vec::new();
        for c in comments {
            let mut words = c
                .body
                .split(|ch: char| ch.is_whitespace() || ch == ',')
                .filter(|w| !w.is_empty());
            let Some(directive) = words.next() else {
                continue;
            };
            let rules: Vec<String> = words.map(str::to_string).collect();
            let marker = format!("<!-- {} -->", c.body);
            match directive {
                "finlint-disable" => open.push(Region {
                    rules,
                    start: c.end,
                    end: original.len(),
                    marker,
                }),
                "finlint-enable" => {
                    let (closing, still_open): (Vec<Region>, Vec<Region>) =
                        open.drain(..).partition(|r| {
                            rules.is_empty()
                                || r.rules.iter().any(|x| rules.contains(x))
                                || r.rules.is_empty()
                        });
                    open = still_open;
                    regions.extend(closing.into_iter().map(|r| Region { end: c.start, ..r }));
                }
                "finlint-disable-line" => {
                    let (start, end) = line_range(original, c.start);
                    regions.push(Region {
                        rules,
                        start,
                        end,
                        marker,
                    });
                }
                "finlint-disable-next-line" => {
                    let (_, this_end) = line_range(original, c.start);
                    let next = (this_end + 1).min(original.len());
                    let (start, end) = line_range(original, next);
                    regions.push(Region {
                        rules,
                        start,
                        end,
                        marker,
                    });
                }
                _ => {}
            }
        }
        regions.extend(open);
        regions.sort_by_key(|r| r.start);
        let max_end = regions
            .iter()
            .scan(0usize, |m, r| {
                *m = (*m).max(r.end);
                Some(*m)
            })
            .collect();
        Suppressions { regions, max_end }
    }

    /// The marker suppressing a finding of `rule` at original bytes
    /// `[start, end)`; a document-level finding (`None`) is suppressed only by
    /// a marker that names its rule.
    pub fn marker_for(&self, rule: &str, span: Option<(usize, usize)>) -> Option<&str> {
        let names = |r: &Region| r.rules.iter().any(|p| rule_id_matches(p, rule));
        match span {
            None => self
                .regions
                .iter()
                .find(|r| r.rules.iter().any(|p| p == rule))
                .map(|r| r.marker.as_str()),
            Some((s, e)) => {
                // Only regions starting at or before the span can contain it;
                // walk back while some earlier region still reaches its end.
                let upto = self.regions.partition_point(|r| r.start <= s);
                (0..upto)
                    .rev()
                    .take_while(|&i| self.max_end[i] >= e)
                    .map(|i| &self.regions[i])
                    .find(|r| e <= r.end && (r.rules.is_empty() || names(r)))
                    .map(|r| r.marker.as_str())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html;

    fn sup(text: &str) -> Suppressions {
        Suppressions::parse(text, &html::scan(text).comments)
    }

    #[test]
    fn region_markers() {
        let t = "保本<!-- finlint-disable guarantee -->保本<!-- finlint-enable -->保本";
        let s = sup(t);
        let second = t.find("-->保本").unwrap() + 3;
        assert!(s.marker_for("guarantee.principal", Some((0, 6))).is_none());
        assert!(s
            .marker_for("guarantee.principal", Some((second, second + 6)))
            .is_some());
        assert!(s
            .marker_for("absolute.first", Some((second, second + 6)))
            .is_none());
        let last = t.rfind("保本").unwrap();
        assert!(s
            .marker_for("guarantee.principal", Some((last, last + 6)))
            .is_none());
    }

    #[test]
    fn line_markers() {
        let t = "第一行保本 <!-- finlint-disable-line guarantee.principal -->\n<!-- finlint-disable-next-line -->\n保本\n保本";
        let s = sup(t);
        assert!(s.marker_for("guarantee.principal", Some((9, 15))).is_some());
        let third = t.find("\n保本").unwrap() + 1;
        assert!(s
            .marker_for("absolute.first", Some((third, third + 6)))
            .is_some());
        let fourth = t.rfind("保本").unwrap();
        assert!(s
            .marker_for("guarantee.principal", Some((fourth, fourth + 6)))
            .is_none());
    }

    #[test]
    fn prefix_matching() {
        assert!(rule_id_matches("guarantee", "guarantee.principal"));
        assert!(rule_id_matches("guarantee.*", "guarantee.principal"));
        assert!(!rule_id_matches("guarantee", "guaranteed.x"));
        assert!(rule_id_matches("*", "x.y"));
    }
}
