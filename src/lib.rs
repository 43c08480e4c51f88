//! finlint: a compliance checker for Chinese financial marketing copy.
//!
//! One pipeline (normalise -> candidates -> context -> labels and profile ->
//! report; docs/ARCHITECTURE.md) serves the CLI, the WebAssembly module and
//! the tests. Rules, dictionaries and cue lists are data files under
//! `data/`, embedded at compile time. The public API is what the front ends
//! use: `Checker`, `CheckOptions`, `Report` and the types it contains,
//! `Error`, the catalog and `RuleInfo`, plus the modules the CLI, the fuzz
//! targets and the tests call (`eval`, `extract`, `fix`, `format`,
//! `normalize`, `pack`, `span`). The rule set, the segmenter and the context
//! and genre cues are internal; the fuzz targets and examples that drive
//! them directly go through the hidden `testing` module.

pub mod catalog;
#[cfg(feature = "cli")]
pub mod cli;
mod compiled;
mod context;
mod cues;
mod digits;
mod engine;
pub mod error;
pub mod eval;
mod explain;
pub mod extract;
pub mod fix;
mod fold;
pub mod format;
mod frames;
#[cfg(test)]
mod generated;
mod genre;
mod html;
mod kinds;
mod labels;
mod meta;
pub mod normalize;
pub mod pack;
mod pattern;
mod pipeline;
mod profile;
pub mod report;
mod rules;
mod segment;
pub mod span;
mod speakers;
mod suppress;
#[doc(hidden)]
pub mod testing;
mod text;
mod toml_json;
mod variants;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use catalog::{catalog, Catalog};
pub use engine::{CheckOptions, Checker, DEFAULT_MAX_FINDINGS, ENGINE_VERSION, MAX_INPUT_BYTES};
pub use error::{DocumentKind, Error, InputKind};
pub use genre::{GenreInfo, GenreKind};
pub use pack::{Category, LabelKind, Severity, MAX_PACK_BYTES};
pub use report::{ExplainReason, Explained, Finding, Place, Report};
pub use rules::{RuleDetail, RuleInfo};
