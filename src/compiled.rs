//! The built-in data files, as build.rs leaves them: every `data/*.toml` and
//! `data/rules/*.toml` converted to JSON at compile time. Start-up then
//! parses JSON (serde_json) instead of TOML: the TOML parser was about a
//! quarter of the wasm module's `init()`. User packs still load from TOML
//! (or JSON) at run time, with file, line and field in their errors.

/// The JSON form of a built-in data file, by its path under `data/` without
/// `.toml` (`json!("context")` is data/context.toml).
macro_rules! json {
    ($file:literal) => {
        include_str!(concat!(env!("OUT_DIR"), "/data/", $file, ".json"))
    };
}
pub(crate) use json;

/// Deserialise a built-in data file's JSON. Built-in data is checked by the
/// tests, so an error here is a bug in the data, reported with its file.
pub(crate) fn parse<T: serde::de::DeserializeOwned>(file: &str, json: &str) -> T {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("data/{file} is invalid: {e}"))
}
