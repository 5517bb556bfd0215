//! The browser's `Intl`: plural forms, numbers and dates in the person's
//! language, through js-sys (no table of our own to ship: the browser has
//! them all). Outside the browser (tests, the pre-render) the same answers
//! come from a small fallback for the six languages the app ships, so a
//! missing or failing `Intl` degrades the wording, never the app.

use js_sys::{Array, Intl, Object, Reflect};
use wasm_bindgen::JsValue;

fn locales(lang: &str) -> Array {
    Array::of1(&JsValue::from_str(lang))
}

/// The CLDR plural category ("one", "other"...) of the whole number `n`.
pub fn plural_category(lang: &str, n: u64) -> String {
    if cfg!(target_arch = "wasm32") {
        let rules = Intl::PluralRules::new(&locales(lang), &Object::new());
        if let Some(c) = rules.select(n as f64).as_string().filter(|c| !c.is_empty()) {
            return c;
        }
    }
    fallback_plural(lang, n).to_string()
}

/// The integer rules of CLDR for the shipped languages (`one` for 1; for
/// 0 and 1 in French and Brazilian Portuguese; never in Japanese).
pub fn fallback_plural(lang: &str, n: u64) -> &'static str {
    match lang.split('-').next().unwrap_or("") {
        "ja" => "other",
        "fr" | "pt" if n <= 1 => "one",
        "fr" | "pt" => "other",
        _ if n == 1 => "one",
        _ => "other",
    }
}

/// `n` written the locale's way (grouping separators).
pub fn format_integer(lang: &str, n: u64) -> String {
    if cfg!(target_arch = "wasm32") {
        let format = Intl::NumberFormat::new(&locales(lang), &Object::new());
        if let Some(s) = format.format().call1(&JsValue::UNDEFINED, &JsValue::from_f64(n as f64)).ok().and_then(|v| v.as_string()) {
            return s;
        }
    }
    n.to_string()
}

/// A moment (milliseconds since 1970) as a medium date and short time in
/// the locale; empty outside the browser or for a moment that is not one.
pub fn format_time(lang: &str, ms: f64) -> String {
    if !cfg!(target_arch = "wasm32") || !ms.is_finite() || ms <= 0.0 {
        return String::new();
    }
    let date = js_sys::Date::new(&JsValue::from_f64(ms));
    let options = Object::new();
    let _ = Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    let _ = Reflect::set(&options, &"timeStyle".into(), &"short".into());
    date.to_locale_string(lang, &options).as_string().unwrap_or_default()
}
