//! The crate's error type. Messages are in Chinese because they reach users.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// A rule pack or configuration that cannot be used.
    Pack {
        origin: String,
        line: Option<usize>,
        message: String,
    },
    /// Input that cannot be checked.
    Input(String),
}

impl Error {
    pub fn pack(origin: &str, line: Option<usize>, message: String) -> Self {
        Error::Pack {
            origin: origin.to_string(),
            line,
            message,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Pack {
                origin,
                line: Some(line),
                message,
            } => {
                write!(f, "规则包 {origin} 第{line}行：{message}")
            }
            Error::Pack {
                origin,
                line: None,
                message,
            } => write!(f, "规则包 {origin}：{message}"),
            Error::Input(message) => write!(f, "输入无效：{message}"),
        }
    }
}

impl std::error::Error for Error {}
