//! The knowledge base: the article's content as data.
//!
//! The JSON files in `data/` (or a support team's content pack, see
//! `build.rs`) are compiled in with `include_str!` and parsed
//! into the types of [`model`]. [`validate`] checks the rules a support
//! writer could break by editing a file; the tests run it on the real files.

pub mod lookup;
pub mod model;
pub mod search;
pub mod validate;

pub use model::*;

use std::fmt;
use std::sync::OnceLock;

/// The data files, by name. Each file is a JSON object holding some of the
/// top-level fields of [`KnowledgeBase`]; together they hold all of them.
pub const FILES: &[(&str, &str)] = &[
    ("meta.json", include_str!(concat!(env!("OUT_DIR"), "/content/meta.json"))),
    ("causes.json", include_str!(concat!(env!("OUT_DIR"), "/content/causes.json"))),
    ("questions.json", include_str!(concat!(env!("OUT_DIR"), "/content/questions.json"))),
    ("fixes.json", include_str!(concat!(env!("OUT_DIR"), "/content/fixes.json"))),
    ("codes.json", include_str!(concat!(env!("OUT_DIR"), "/content/codes.json"))),
    ("reference.json", include_str!(concat!(env!("OUT_DIR"), "/content/reference.json"))),
    ("sources.json", include_str!(concat!(env!("OUT_DIR"), "/content/sources.json"))),
    ("history.json", include_str!(concat!(env!("OUT_DIR"), "/content/history.json"))),
];

/// Why the knowledge base could not be loaded: names the file.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadError {
    pub file: String,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

impl std::error::Error for LoadError {}

/// Parses and merges a set of data files into one knowledge base.
pub fn parse_files(files: &[(&str, &str)]) -> Result<KnowledgeBase, LoadError> {
    let mut merged = serde_json::Map::new();
    for (name, text) in files {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| LoadError {
            file: (*name).to_string(),
            message: format!("not valid JSON: {e}"),
        })?;
        let serde_json::Value::Object(fields) = value else {
            return Err(LoadError { file: (*name).to_string(), message: "the file must hold one JSON object".into() });
        };
        for (key, v) in fields {
            if merged.contains_key(&key) {
                return Err(LoadError { file: (*name).to_string(), message: format!("the field `{key}` is already set by another file") });
            }
            merged.insert(key, v);
        }
    }
    serde_json::from_value(serde_json::Value::Object(merged))
        .map_err(|e| LoadError { file: "knowledge base".into(), message: e.to_string() })
}

/// The built-in knowledge base, parsed once. The files are validated by the
/// test suite, so an error here is a build defect; the UI still shows a
/// readable message rather than a dead page.
pub fn builtin() -> Result<&'static KnowledgeBase, &'static LoadError> {
    static KB: OnceLock<Result<KnowledgeBase, LoadError>> = OnceLock::new();
    KB.get_or_init(|| parse_files(FILES)).as_ref()
}
