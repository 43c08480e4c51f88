//! Output formats shared by the CLI and tests: human text, SARIF 2.1.0 and
//! GitHub workflow commands. JSON is the report's own serde form.

pub mod github;
pub mod sarif;
pub mod summary;
pub mod text;
