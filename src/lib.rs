//! finlint: a compliance checker for Chinese financial marketing copy.
//!
//! One pipeline (normalise -> segment -> rules -> labels -> report) serves the
//! CLI, the WebAssembly module and the tests. Rules, dictionaries and cue
//! lists are data files under `data/`, embedded at compile time.

pub mod catalog;
#[cfg(feature = "cli")]
pub mod cli;
pub mod context;
pub mod engine;
pub mod error;
pub mod eval;
mod explain;
pub mod extract;
pub mod fix;
pub mod fold;
pub mod format;
pub mod frames;
#[cfg(test)]
mod generated;
pub mod genre;
pub mod html;
mod kinds;
pub mod labels;
mod meta;
pub mod normalize;
pub mod pack;
pub mod pattern;
mod pipeline;
pub mod profile;
pub mod report;
pub mod rules;
pub mod segment;
pub mod span;
pub mod suppress;
pub mod text;
pub mod variants;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use catalog::{catalog, Catalog};
pub use engine::{CheckOptions, Checker, DEFAULT_MAX_FINDINGS, ENGINE_VERSION, MAX_INPUT_BYTES};
pub use error::{Error, InputKind};
pub use pack::{Category, LabelKind, Severity, MAX_PACK_BYTES};
pub use report::{ExplainReason, Explained, Finding, Report};
