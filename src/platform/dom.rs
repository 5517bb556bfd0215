//! Small, failure-tolerant access to the document.

use wasm_bindgen::JsValue;

pub fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

pub fn element(id: &str) -> Option<web_sys::Element> {
    document()?.get_element_by_id(id)
}

/// Reads a property of a JS object without throwing: `Reflect.get` turns a
/// getter that throws (e.g. `navigator.serviceWorker` in a sandboxed
/// frame) into an `Err`.
pub fn get(target: &JsValue, key: &str) -> Option<JsValue> {
    js_sys::Reflect::get(target, &JsValue::from_str(key)).ok().filter(|v| !v.is_undefined() && !v.is_null())
}

/// The page's current hash, e.g. `#/check`; empty when unknown.
pub fn location_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

pub fn reload() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}

/// Logs an error to the browser console.
pub fn console_error(message: &str) {
    web_sys::console::error_1(&JsValue::from_str(message));
}

/// Logs a warning to the browser console.
pub fn console_warn(message: &str) {
    web_sys::console::warn_1(&JsValue::from_str(message));
}

/// Moves keyboard focus to the element with this id (headings carry
/// `tabindex="-1"` for this).
pub fn focus(id: &str) {
    if let Some(el) = element(id) {
        if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
            let _ = el.focus();
        }
    }
}

/// Opens the browser's print dialog.
pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// A time (milliseconds since the epoch) in the person's locale, e.g.
/// "27/11/2026, 14:05"; empty natively.
pub fn format_time(ms: f64) -> String {
    if !cfg!(target_arch = "wasm32") || !ms.is_finite() || ms <= 0.0 {
        return String::new();
    }
    let date = js_sys::Date::new(&JsValue::from_f64(ms));
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
    date.to_locale_string("default", &options).as_string().unwrap_or_default()
}

/// The page's address without its `#` part: the base of every link the
/// app gives out (works at a host's root and under any sub-path).
pub fn page_address() -> String {
    let Some(location) = web_sys::window().map(|w| w.location()) else { return String::new() };
    let href = location.href().unwrap_or_default();
    match href.find('#') {
        Some(at) => href[..at].to_string(),
        None => href,
    }
}

pub fn scroll_to_top() {
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

pub fn scroll_into_view(id: &str) {
    if let Some(el) = element(id) {
        el.scroll_into_view();
    }
}
