//! The knowledge base: the article's content as data.
//!
//! The JSON files in `data/` (or a support team's content pack) are what
//! writers edit. `build.rs` parses and validates them at build time (a
//! content error fails the build with [`validate`]'s message) and writes
//! the [`KnowledgeBase`] in a compact binary form ([`binary`]), which the
//! app reads on first use: no JSON, no field names, and no generated code
//! that builds it value by value. Natively, the files are also included as text ([`FILES`]) so the
//! tests and tools can parse, break and validate them ([`parse_files`],
//! [`validate::validate_files`]).

pub mod binary;
pub mod lang;
pub mod lookup;
pub mod model;
pub mod search;
pub mod validate;

pub use model::*;

use std::fmt;
use std::sync::OnceLock;

/// The interface strings and the languages, as `build.rs` wrote them.
mod compiled {
    include!(concat!(env!("OUT_DIR"), "/content.rs"));
}

/// The knowledge base in the binary form `build.rs` wrote.
pub const COMPILED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/knowledge.bin"));

pub(crate) use compiled::UI_STRINGS;
pub use compiled::{LANGS, LANG_COUNT};
#[cfg(not(target_arch = "wasm32"))]
pub use compiled::PACKS;

/// The English glossary as text (native only: tests and the template tool).
#[cfg(not(target_arch = "wasm32"))]
pub const GLOSSARY: &str = include_str!(concat!(env!("OUT_DIR"), "/content/glossary.json"));

/// The labels of the English glossary (native only; the build checked it).
#[cfg(not(target_arch = "wasm32"))]
pub fn english_glossary() -> Vec<lang::EnglishLabel> {
    #[derive(serde::Deserialize)]
    struct English {
        labels: Vec<lang::EnglishLabel>,
    }
    serde_json::from_str::<English>(GLOSSARY).map(|e| e.labels).unwrap_or_default()
}

/// The data files, by name (native only: the app itself uses the compiled
/// content). Each file is a JSON object holding some of the top-level
/// fields of [`KnowledgeBase`]; together they hold all of them.
#[cfg(not(target_arch = "wasm32"))]
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

/// Why a set of data files could not be loaded: names the file.
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

/// Parses and merges a set of data files into one knowledge base (native
/// only: the tests and the learner read packs with it).
#[cfg(not(target_arch = "wasm32"))]
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

/// The built-in knowledge base, read once from [`COMPILED`]. The content
/// was validated when the app was built and the build wrote these bytes
/// with a check sum, so reading them fails only if they were damaged; the
/// UI then shows its readable message instead of the check.
pub fn builtin() -> Result<&'static KnowledgeBase, &'static LoadError> {
    static KB: OnceLock<Result<KnowledgeBase, LoadError>> = OnceLock::new();
    KB.get_or_init(|| read_compiled(COMPILED)).as_ref()
}

/// Reads a knowledge base in the binary form of [`COMPILED`].
pub fn read_compiled(bytes: &[u8]) -> Result<KnowledgeBase, LoadError> {
    binary::from_bytes(bytes).map_err(|e| LoadError { file: "the compiled content".into(), message: e.0 })
}

/// A language made ready: its knowledge base and interface strings.
struct Loaded {
    kb: KnowledgeBase,
    /// In the order of [`UI_STRINGS`].
    ui: Vec<String>,
}

/// The languages made ready, by position in [`LANGS`].
static LOADED: [OnceLock<Loaded>; LANG_COUNT] = [const { OnceLock::new() }; LANG_COUNT];
/// The position in [`LANGS`] of the language in use.
static CURRENT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

fn position(code: &str) -> Option<usize> {
    LANGS.iter().position(|l| l.0 == code)
}

/// The codes of the languages this build offers, English first.
pub fn language_codes() -> Vec<&'static str> {
    LANGS.iter().map(|l| l.0).collect()
}

/// The language's own name ("Deutsch"), its direction (`ltr`/`rtl`) and
/// its pack's file (empty for English), for a code this build offers.
pub fn language_info(code: &str) -> Option<(&'static str, &'static str, &'static str)> {
    LANGS.iter().find(|l| l.0 == code).map(|l| (l.1, l.2, l.3))
}

/// True when the language can be used now: English, or a pack installed.
pub fn is_ready(code: &str) -> bool {
    position(code).is_some_and(|i| i == 0 || LOADED.get(i).is_some_and(|l| l.get().is_some()))
}

/// Makes a language ready from its pack (the text of its `lang/*.json`).
/// A pack that does not parse, is for another language or another build
/// is refused with a message, and nothing changes.
pub fn install(code: &str, pack_text: &str) -> Result<(), lang::PackError> {
    let i = position(code).filter(|i| *i > 0).ok_or_else(|| lang::PackError(format!("`{code}` is not a language of this build")))?;
    if is_ready(code) {
        return Ok(());
    }
    let pack = read_pack(pack_text).map_err(|e| lang::PackError(format!("the pack for `{code}` is not readable: {e}")))?;
    if pack.lang != code {
        return Err(lang::PackError(format!("the pack for `{code}` is for `{}`", pack.lang)));
    }
    if pack.ui.len() != UI_STRINGS.len() {
        return Err(lang::PackError(format!("the pack for `{code}` holds {} interface strings, this build has {}", pack.ui.len(), UI_STRINGS.len())));
    }
    let english = builtin().map_err(|e| lang::PackError(e.to_string()))?;
    let kb = lang::apply(english, &pack)?;
    let _ = LOADED[i].set(Loaded { kb, ui: pack.ui });
    Ok(())
}

/// A pack's JSON, `{"lang":"de","content":[...],"ui":[...]}`, as
/// `build.rs` writes it with serde; other fields are ignored.
pub fn read_pack(text: &str) -> Result<lang::Pack, String> {
    let value = crate::json::parse(text).map_err(|e| e.to_string())?;
    let texts = |key: &str| -> Result<Vec<String>, String> {
        let list = value.list_field(key)?;
        list.iter().map(|v| v.as_str().map(str::to_string).ok_or_else(|| format!("`{key}` holds something other than text"))).collect()
    };
    Ok(lang::Pack { lang: value.str_field("lang")?.to_string(), content: texts("content")?, ui: texts("ui")? })
}

/// Uses this language from now on; false (and no change) when it is not
/// ready.
pub fn set_current(code: &str) -> bool {
    match position(code) {
        Some(i) if is_ready(code) => {
            CURRENT.store(i, std::sync::atomic::Ordering::Relaxed);
            true
        }
        _ => false,
    }
}

/// The code of the language in use.
pub fn current() -> &'static str {
    LANGS.get(CURRENT.load(std::sync::atomic::Ordering::Relaxed)).map_or("en", |l| l.0)
}

fn loaded() -> Option<&'static Loaded> {
    let i = CURRENT.load(std::sync::atomic::Ordering::Relaxed);
    if i == 0 { None } else { LOADED.get(i).and_then(OnceLock::get) }
}

/// The knowledge base in the language in use (the built-in English one
/// until another is set): the same ids and numbers, other texts.
pub fn localized() -> Result<&'static KnowledgeBase, &'static LoadError> {
    match loaded() {
        Some(l) => Ok(&l.kb),
        None => builtin(),
    }
}

/// The interface string at position `i` of [`UI_STRINGS`] in the language
/// in use.
pub(crate) fn ui_string(i: usize) -> Option<&'static str> {
    match loaded() {
        Some(l) => l.ui.get(i).map(String::as_str),
        None => UI_STRINGS.get(i).map(|(_, v)| *v),
    }
}
