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
