//! The JSON records the command line writes around a report: where it came
//! from (`id` of a batch line, `file`, the `encoding` it was read in), and
//! the error records that stand in for a file or line that could not be
//! checked. Serialised in one pass (no intermediate JSON tree: that doubled
//! the memory of big reports).

use serde::Serialize;

use crate::report::Report;

/// A report with the fields that say where it came from.
#[derive(Serialize)]
pub struct Tagged<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<&'a serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<&'a str>,
    #[serde(flatten)]
    pub report: &'a Report,
}

/// A file that could not be read or checked, in place of its report.
#[derive(Serialize)]
pub struct FileError<'a> {
    pub file: &'a str,
    pub error: &'a str,
}

/// A batch line that could not be checked: its id when it was readable, and
/// its line number, so that the output still has one record per input line.
/// Fields in the order the batch format has always written them.
#[derive(Serialize)]
pub struct LineError<'a> {
    pub error: &'a str,
    pub id: &'a serde_json::Value,
    pub line: usize,
}
