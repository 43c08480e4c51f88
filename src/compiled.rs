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

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// Every built-in TOML file has a JSON twin holding the same tree, so
    /// the types read exactly what they read from the TOML.
    #[test]
    fn every_data_file_is_compiled_to_the_same_tree() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let out = Path::new(env!("OUT_DIR")).join("data");
        let mut seen = 0;
        for dir in ["data", "data/rules"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_none_or(|x| x != "toml") {
                    continue;
                }
                let toml_text = std::fs::read_to_string(&path).unwrap();
                let from_toml: toml::Table = toml::from_str(&toml_text).unwrap();
                let rel = path.strip_prefix(root.join("data")).unwrap();
                let json_text = std::fs::read_to_string(out.join(rel).with_extension("json"))
                    .unwrap_or_else(|e| panic!("{}: no JSON twin: {e}", path.display()));
                let from_json: serde_json::Value = serde_json::from_str(&json_text).unwrap();
                assert_eq!(
                    serde_json::to_value(&from_toml).unwrap(),
                    from_json,
                    "{}",
                    path.display()
                );
                seen += 1;
            }
        }
        assert!(seen >= 15, "only {seen} data files found");
    }

    #[test]
    fn the_embedded_json_is_the_compiled_file() {
        let out = Path::new(env!("OUT_DIR")).join("data/rules/frames.json");
        assert_eq!(json!("rules/frames"), std::fs::read_to_string(out).unwrap());
    }
}
