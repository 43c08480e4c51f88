//! The checker: the public entry point, which runs the pipeline's stages
//! (pipeline/mod.rs) in order: normalise -> candidates -> context -> labels
//! and profile -> report.

use std::sync::OnceLock;

use crate::context::Context;
use crate::error::{Error, InputKind};
use crate::genre::Genre;
use crate::kinds::BuiltinRules;
use crate::labels::LabelSet;
use crate::normalize::Normalized;
use crate::pipeline::assemble::{report, Checked};
use crate::pipeline::document::{labels_and_profile, resolve_profile, Labelled};
use crate::pipeline::filter::Reading;
use crate::pipeline::scan::{Scanned, Scanner};
#[cfg(feature = "parallel")]
use crate::pipeline::split::Split;
use crate::profile::{Profile, ProfileSet};
use crate::report::{Report, Version};
use crate::rules::{RuleInfo, RuleSet};
use crate::segment::Segmenter;
use crate::speakers::Speakers;

/// Inputs above this size are refused with a clear error rather than risking
/// the browser tab's memory; the CLI streams JSONL line by line instead.
pub const MAX_INPUT_BYTES: usize = 32 * 1024 * 1024;

pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Findings kept per document unless the caller asks for another cap (the
/// CLI's `--max-findings`, the wasm option `maxFindings`). A reviewer cannot
/// act on more, and each costs a few hundred bytes of report: without a cap,
/// 32 MiB of `保本\n` would need gigabytes for its report alone.
pub const DEFAULT_MAX_FINDINGS: usize = 10_000;

#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// A product id or its Chinese name (data/catalog.toml), or "auto";
    /// None detects.
    pub product: Option<String>,
    /// Keep at most this many located findings (errors first); None keeps
    /// all. Bounds the report's memory, which the wasm module must do.
    pub max_findings: Option<usize>,
    /// Also list the candidates found but not reported, each with why
    /// (`report.explained`). Off, the report is exactly as without it, and
    /// dropped candidates cost nothing.
    pub explain: bool,
}

pub struct Checker {
    rules: RuleSet,
    context: Context,
    labels: LabelSet,
    profiles: ProfileSet,
    genre: Genre,
    speakers: Speakers,
    segmenter: Segmenter,
    /// Built once: every report carries it.
    version: Version,
}

impl Checker {
    /// The built-in rules, built once per process.
    pub fn shared() -> &'static Checker {
        static SHARED: OnceLock<Checker> = OnceLock::new();
        SHARED.get_or_init(|| {
            Checker::new(&[]).unwrap_or_else(|e| panic!("built-in rule pack is invalid: {e}"))
        })
    }

    /// Built-in rules plus user packs, each `(source, origin)`.
    pub fn new(user_packs: &[(&str, &str)]) -> Result<Checker, Error> {
        let rules = RuleSet::build(user_packs)?;
        let segmenter = Segmenter::builtin(&rules.builtin_terms());
        Ok(Self::assemble(rules, segmenter))
    }

    /// Built-in rules built from scratch, sharing nothing with earlier
    /// checkers: what a fresh process pays at start-up (benchmarks).
    pub fn fresh() -> Result<Checker, Error> {
        let rules = RuleSet::build(&[])?;
        let segmenter = Segmenter::fresh(&rules.builtin_terms());
        Ok(Self::assemble(rules, segmenter))
    }

    /// Built-in rules over a different base dictionary (dictionary experiments).
    pub fn with_base_dict(base_dict: &str, user_packs: &[(&str, &str)]) -> Result<Checker, Error> {
        let rules = RuleSet::build(user_packs)?;
        let segmenter = Segmenter::with_base_dict(base_dict, &rules.builtin_terms());
        Ok(Self::assemble(rules, segmenter))
    }

    fn assemble(rules: RuleSet, segmenter: Segmenter) -> Checker {
        crate::fold::warm_up();
        let mut context = Context::builtin();
        context.add_transparent(rules.all_terms().cloned());
        Checker {
            version: version_of(&rules),
            rules,
            context,
            labels: LabelSet::builtin(),
            profiles: ProfileSet::builtin(),
            genre: Genre::builtin(),
            speakers: Speakers::builtin(),
            segmenter,
        }
    }

    /// Every rule a pack can switch: the packs' rules, then the labels and
    /// profile extras. `full` adds each pack rule's terms, patterns, fixes
    /// and examples.
    pub fn rules(&self, full: bool) -> Vec<RuleInfo> {
        let data = BuiltinRules {
            labels: &self.labels,
            profiles: &self.profiles,
        };
        self.rules.infos(full, &data)
    }

    pub fn version(&self) -> Version {
        self.version.clone()
    }

    pub fn check(&self, input: &str, options: &CheckOptions) -> Result<Report, Error> {
        self.check_in(input, options, None)
    }

    /// `check`, with the text split into `parts` parts read with `margin`
    /// bytes around them whatever its size (tests: the result must equal
    /// `check`'s). `parts` 1 is one pass.
    #[doc(hidden)]
    #[cfg(feature = "parallel")]
    pub fn check_in_parts(
        &self,
        input: &str,
        options: &CheckOptions,
        parts: usize,
        margin: usize,
    ) -> Result<Report, Error> {
        self.check_in(input, options, Some((parts, margin)))
    }

    /// `forced`: split into (parts, margin) regardless of size.
    fn check_in(
        &self,
        input: &str,
        options: &CheckOptions,
        forced: Option<(usize, usize)>,
    ) -> Result<Report, Error> {
        validate_input(input)?;
        let norm = Normalized::new(input);
        let text = norm.text.as_str();
        let (profile, profile_info) =
            resolve_profile(&self.profiles, text, options.product.as_deref())?;
        let genre = self.genre.detect(text);
        // The warning or education part of the text ends here (0: none).
        let reading = Reading {
            warning_until: genre
                .as_ref()
                .map_or(0, |g| g.promotion_from.unwrap_or(text.len())),
            others: self.speakers.others(text),
        };
        let scanner = self.scanner();
        let (scanned, labelled) =
            self.scan_and_label(&scanner, text, profile, &reading, options.explain, forced);
        let checked = Checked {
            input,
            norm: &norm,
            profile,
            profile_info,
            genre,
            scanned,
            labelled,
            max_findings: options.max_findings,
            explain: options.explain,
        };
        Ok(report(&scanner, checked, self.version()))
    }

    /// The hits (the scan) and the labels and document-level findings: one
    /// after the other, or, for a large text on a pool of several threads,
    /// at once, with the scan itself split (pipeline/split.rs).
    fn scan_and_label(
        &self,
        scanner: &Scanner,
        text: &str,
        profile: &Profile,
        reading: &Reading,
        explain: bool,
        forced: Option<(usize, usize)>,
    ) -> (Scanned, Labelled) {
        let label = || labels_and_profile(&self.rules, &self.labels, profile, text);
        #[cfg(not(feature = "parallel"))]
        let _ = forced;
        #[cfg(feature = "parallel")]
        if let Some(split) = self.split_for(text.len(), forced) {
            return rayon::join(
                || scanner.scan_split(text, profile, reading, explain, split),
                label,
            );
        }
        (scanner.scan(text, profile, reading, explain), label())
    }

    /// How to split a text of `len` bytes, if at all. Only built-in rules:
    /// with user rules the order of candidates reaches the report
    /// (pipeline/split.rs), so one pass keeps it.
    #[cfg(feature = "parallel")]
    fn split_for(&self, len: usize, forced: Option<(usize, usize)>) -> Option<Split> {
        let split = match forced {
            Some((parts, margin)) => Some(Split { parts, margin }).filter(|_| parts > 1),
            None => Split::for_len(len),
        }?;
        self.rules.rules.iter().all(|r| r.builtin).then_some(split)
    }

    /// The view of the checker that the context and report stages read.
    fn scanner(&self) -> Scanner<'_> {
        Scanner {
            rules: &self.rules,
            context: &self.context,
            genre: &self.genre,
            speakers: &self.speakers,
            segmenter: &self.segmenter,
        }
    }

    /// Compile every pattern that is otherwise compiled on first use; the
    /// ones that fail. Built-in patterns are data, so a test calls this.
    pub fn compile_all_patterns(&self) -> Vec<String> {
        let mut failures = self.rules.compile_all();
        failures.extend(self.labels.compile_all());
        failures.extend(self.profiles.compile_all());
        failures
    }

    /// Run every rule's own examples; returns the failures.
    pub fn example_failures(&self) -> Vec<String> {
        let mut failures = Vec::new();
        for rule in self.rules.rules.iter().filter(|r| r.enabled) {
            for (text, expect) in rule
                .examples
                .positive
                .iter()
                .map(|t| (t, true))
                .chain(rule.examples.negative.iter().map(|t| (t, false)))
            {
                let options = CheckOptions {
                    product: rule.profiles.first().cloned(),
                    ..CheckOptions::default()
                };
                let found = match self.check(text, &options) {
                    Ok(r) => r.findings.iter().any(|f| f.rule == rule.meta.id),
                    Err(e) => {
                        failures.push(format!("{}: {text:?}: {e}", rule.meta.id));
                        continue;
                    }
                };
                if found != expect {
                    let what = if expect {
                        "应命中却未命中"
                    } else {
                        "不应命中却命中"
                    };
                    failures.push(format!("{}: {what}: {text:?}", rule.meta.id));
                }
            }
        }
        failures
    }
}

/// The engine's version and the rule packs', `name@version` joined by ` + `.
fn version_of(rules: &RuleSet) -> Version {
    Version {
        engine: ENGINE_VERSION.to_string(),
        rules: rules
            .packs
            .iter()
            .map(|p| {
                if p.version.is_empty() {
                    p.name.clone()
                } else {
                    format!("{}@{}", p.name, p.version)
                }
            })
            .collect::<Vec<_>>()
            .join(" + "),
    }
}

fn validate_input(input: &str) -> Result<(), Error> {
    if input.trim().is_empty() {
        return Err(Error::input(
            InputKind::Empty,
            "文本为空，请输入需要检查的文案",
        ));
    }
    if input.len() > MAX_INPUT_BYTES {
        return Err(Error::input(
            InputKind::TooLarge,
            format!(
                "文本过大：{}，单次检查上限为 {}；请分段检查或使用命令行的 --jsonl 批量模式",
                crate::pack::describe_bytes(input.len()),
                crate::pack::describe_bytes(MAX_INPUT_BYTES)
            ),
        ));
    }
    Ok(())
}
