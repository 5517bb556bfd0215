//! Every user-facing string of the interface, in one data file next to the
//! content (`src/knowledge/data/ui-strings.json`), so that a translation is
//! a data change. Components ask for strings by key.

use std::collections::BTreeMap;
use std::sync::OnceLock;

pub const FILE: &str = include_str!(concat!(env!("OUT_DIR"), "/content/ui-strings.json"));

fn table() -> &'static BTreeMap<String, String> {
    static TABLE: OnceLock<BTreeMap<String, String>> = OnceLock::new();
    TABLE.get_or_init(|| serde_json::from_str(FILE).unwrap_or_default())
}

/// Parses the strings now rather than at their first use.
pub fn warm_up() {
    let _ = table();
}

/// The string for `key`. A missing key shows the key itself (a test checks
/// that every key used in the code exists), never an empty screen.
pub fn t(key: &str) -> &str {
    table().get(key).map(String::as_str).unwrap_or(key)
}

/// `t(key)` with `{name}` placeholders replaced.
pub fn tf(key: &str, args: &[(&str, &str)]) -> String {
    let mut s = t(key).to_string();
    for (name, value) in args {
        s = s.replace(&format!("{{{name}}}"), value);
    }
    s
}
