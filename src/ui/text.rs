//! Every user-facing string of the interface, in one data file next to the
//! content (`src/knowledge/data/ui-strings.json`), so that a translation is
//! a data change. `build.rs` compiles the file into a sorted table
//! ([`crate::knowledge::UI_STRINGS`]); components ask for strings by key.

use crate::knowledge::UI_STRINGS;

/// The data file as text (native only: a test checks the keys the code uses).
#[cfg(not(target_arch = "wasm32"))]
pub const FILE: &str = include_str!(concat!(env!("OUT_DIR"), "/content/ui-strings.json"));

/// The English interface strings by key (native only: the language tools).
#[cfg(not(target_arch = "wasm32"))]
pub fn english_strings() -> std::collections::BTreeMap<String, String> {
    serde_json::from_str(FILE).unwrap_or_default()
}

/// The string for `key`. A missing key shows the key itself (a test checks
/// that every key used in the code exists), never an empty screen.
pub fn t(key: &str) -> &str {
    UI_STRINGS.binary_search_by(|(k, _)| (*k).cmp(key)).ok().and_then(crate::knowledge::ui_string).unwrap_or(key)
}

/// The plural form of `key` for `n` in the language in use (`key.one`,
/// `key.other`... as the browser's `Intl.PluralRules` picks), with `{name}`
/// set to `n` written the locale's way, and the other placeholders.
pub fn tp(key: &str, name: &str, n: u64, args: &[(&str, &str)]) -> String {
    let lang = crate::knowledge::current();
    let category = crate::platform::intl::plural_category(lang, n);
    let form = format!("{key}.{category}");
    let chosen = if t(&form) == form { format!("{key}.other") } else { form };
    let number = crate::platform::intl::format_integer(lang, n);
    let mut all = vec![(name, number.as_str())];
    all.extend_from_slice(args);
    tf(&chosen, &all)
}

/// `t(key)` with `{name}` placeholders replaced.
pub fn tf(key: &str, args: &[(&str, &str)]) -> String {
    let mut s = t(key).to_string();
    for (name, value) in args {
        s = s.replace(&format!("{{{name}}}"), value);
    }
    s
}

/// Items joined the language's way: "a, b, c", or "a、b、c" in Japanese
/// (`app.list-separator`).
pub fn list<S: AsRef<str>>(items: &[S]) -> String {
    let separator = t("app.list-separator");
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        out.push_str(item.as_ref());
    }
    out
}

/// What the string for `key` puts between its `first` and `second`
/// placeholders (written with their braces): how the language joins two parts of a line that are
/// rendered apart (a label in bold and its text, a question and its
/// answer). A space in most languages; none in Japanese, whose full-width
/// punctuation (`：`, `？`, `。`) carries its own space (a full-width space
/// would not collapse where the line wraps, and indent the next line).
/// Only that text counts, on the screen and in the hand-over summary
/// alike: a string without both placeholders, in that order, joins with
/// a space.
fn between<'k>(key: &'k str, first: &str, second: &str) -> &'k str {
    let s = t(key);
    match (s.find(first), s.find(second)) {
        (Some(i), Some(j)) if i + first.len() <= j => &s[i + first.len()..j],
        _ => " ",
    }
}

/// The space between two phrases of running text: after a label that ends
/// in a colon ("See also:", "Careful:"), before a note (`app.phrase-join`).
pub fn phrase_space() -> &'static str {
    between("app.phrase-join", "{first}", "{second}")
}

/// What goes between a question and its answer (`check.answer-join`):
/// in the list of answers and in the hand-over summary.
pub fn answer_join() -> &'static str {
    between("check.answer-join", "{question}", "{answer}")
}

/// A text quoted the language's way: “…” in English, « … » in French,
/// „…“ in German, 「…」 in Japanese (`app.quoted`).
pub fn quoted(text: &str) -> String {
    tf("app.quoted", &[("text", text)])
}

/// "The codes we know are 4013, 4005, …": the line under an input the
/// lookup does not recognise (the home page and the codes pages).
pub fn known_codes(kb: &crate::knowledge::KnowledgeBase) -> String {
    let codes: Vec<&str> = kb.error_codes.iter().map(|c| c.code.as_str()).collect();
    tf("home.lookup-known", &[("codes", &list(&codes))])
}
