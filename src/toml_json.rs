//! TOML read through the JSON deserialiser. A type deserialised straight
//! from TOML instantiates its `Deserialize` code a second time, for toml's
//! deserialiser beside serde_json's: for the pack types, 26 KB of the wasm
//! module's gzip size. Here TOML is parsed into a tree that keeps the byte
//! span of every value, written out as JSON with one token per line, and
//! typed by serde_json. A type or field error then has a JSON line, which
//! maps back to the TOML span it came from, so errors still name the TOML
//! line and key (tests/pack_errors.rs pins them).

use std::fmt;
use std::ops::Range;

use serde::de::{self, DeserializeOwned, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use toml::Spanned;

/// A TOML parse or type error: the message (toml's or serde's English,
/// without a position) and the span in the TOML text it points at.
pub struct TomlError {
    pub message: String,
    pub span: Option<Range<usize>>,
}

/// Parse `source` as TOML and deserialise a `T` from it.
pub fn from_str<T: DeserializeOwned>(source: &str) -> Result<T, TomlError> {
    let root: Node = toml::from_str(source).map_err(|e| TomlError {
        message: e.message().to_string(),
        span: e.span(),
    })?;
    let mut json = Json::default();
    json.node(&root, None);
    serde_json::from_str(&json.text).map_err(|e| TomlError {
        message: toml_message(&e),
        span: e
            .line()
            .checked_sub(1)
            .and_then(|line| json.spans.get(line).cloned().flatten()),
    })
}

/// serde_json's message without its " at line L column C", as toml words
/// it. The JSON is always well formed, so serde_json's "expected value"
/// can only be an enum given neither a string nor a table.
fn toml_message(e: &serde_json::Error) -> String {
    let message = e.to_string();
    let message = match message.rfind(" at line ") {
        Some(at) => &message[..at],
        None => &message,
    };
    match message {
        "expected value" => "wanted string or table".to_string(),
        _ => message.to_string(),
    }
}

/// A TOML value with the span of every value below it (a key's line is
/// its value's: the key's own span is not kept, because toml hands a
/// datetime to a visitor as a table whose key has none).
enum Node {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    Array(Vec<(Range<usize>, Node)>),
    Table(Vec<(String, Option<Range<usize>>, Node)>),
}

/// The one key of the table toml presents a datetime as. It stays a
/// table in the JSON, so a datetime is a "map" where a type expects
/// something else, as when the type was read from the TOML directly.
const DATETIME_KEY: &str = "$__toml_private_datetime";

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Node, D::Error> {
        d.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a TOML value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node, E> {
        i64::try_from(v)
            .map(Node::Int)
            .map_err(|_| E::custom("integer out of range"))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Node, E> {
        Ok(Node::Float(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Str(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Node, E> {
        Ok(Node::Str(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<Node>>()? {
            let span = item.span();
            items.push((span, item.into_inner()));
        }
        Ok(Node::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if key == DATETIME_KEY {
                let text: String = map.next_value()?;
                entries.push((key, None, Node::Str(text)));
            } else {
                let value: Spanned<Node> = map.next_value()?;
                let span = value.span();
                entries.push((key, Some(span), value.into_inner()));
            }
        }
        Ok(Node::Table(entries))
    }
}

/// The JSON text, and for each of its lines the TOML span of the token
/// written on it.
#[derive(Default)]
struct Json {
    text: String,
    spans: Vec<Option<Range<usize>>>,
}

impl Json {
    fn line(&mut self, token: &str, span: Option<Range<usize>>) {
        self.text.push_str(token);
        self.text.push('\n');
        self.spans.push(span);
    }

    /// Write `node`, whose own span is `span`. A table's closing brace
    /// carries the table's span: serde_json reports a missing field there.
    fn node(&mut self, node: &Node, span: Option<Range<usize>>) {
        match node {
            Node::Str(s) => self.line(&serde_json::to_string(s).unwrap_or_default(), span),
            Node::Int(i) => self.line(&i.to_string(), span),
            // JSON has no inf or nan; null gives a type error on that line.
            Node::Float(f) if f.is_finite() => {
                self.line(&serde_json::to_string(f).unwrap_or_default(), span)
            }
            Node::Float(_) => self.line("null", span),
            Node::Bool(b) => self.line(if *b { "true" } else { "false" }, span),
            Node::Array(items) => {
                self.line("[", span.clone());
                for (i, (item_span, item)) in items.iter().enumerate() {
                    if i > 0 {
                        self.line(",", None);
                    }
                    self.node(item, Some(item_span.clone()));
                }
                self.line("]", span);
            }
            Node::Table(entries) => {
                self.line("{", span.clone());
                for (i, (key, value_span, value)) in entries.iter().enumerate() {
                    if i > 0 {
                        self.line(",", None);
                    }
                    // The key and its colon on one line: serde_json reports
                    // an unknown field where it stopped, at the colon.
                    let key = serde_json::to_string(key).unwrap_or_default();
                    self.line(&format!("{key}:"), value_span.clone());
                    self.node(value, value_span.clone());
                }
                self.line("}", span);
            }
        }
    }
}
