//! The browser's session history, for addresses after `#`: read the
//! current one, add or rewrite an entry (an entry can be marked as a step
//! of the check taken in this page load, in its history state), go back,
//! and hear when the person moves (Back, Forward, a typed or followed `#`
//! address).
//!
//! Natively (the build-time pre-render, the tests) there is no browser:
//! reading gives "/", writing does nothing. Any failure of the browser's
//! history (a sandboxed frame can refuse it) leaves the address as it is;
//! the app still shows the page asked for.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The mark an entry added by a step of the check carries as its state:
/// good for this page load only (named by its start time), since after a
/// reload the steps behind the entry are no longer this page's to undo.
fn step_mark() -> &'static str {
    static MARK: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    MARK.get_or_init(|| format!("bd-step {}", js_sys::Date::now() as u64))
}

/// The address after `#` ("/" when there is none), and whether the entry
/// is marked as a step.
pub fn current() -> (String, bool) {
    if !cfg!(target_arch = "wasm32") {
        return ("/".into(), false);
    }
    let Some(window) = web_sys::window() else { return ("/".into(), false) };
    let hash = window.location().hash().unwrap_or_default();
    let path = hash.strip_prefix('#').unwrap_or(&hash);
    let step = window.history().ok().and_then(|h| h.state().ok()).and_then(|s| s.as_string()).is_some_and(|s| s == step_mark());
    (if path.is_empty() { "/".into() } else { path.to_string() }, step)
}

/// Adds an entry for `#path` (`push`) or rewrites the current one; whether
/// the browser did (it may refuse: too many changes in a short time, a
/// sandboxed frame).
pub fn write(path: &str, step: bool, push: bool) -> bool {
    if !cfg!(target_arch = "wasm32") {
        return false;
    }
    let Some(history) = web_sys::window().and_then(|w| w.history().ok()) else { return false };
    let state = if step { JsValue::from_str(step_mark()) } else { JsValue::NULL };
    let url = format!("#{path}");
    let done = if push { history.push_state_with_url(&state, "", Some(&url)) } else { history.replace_state_with_url(&state, "", Some(&url)) };
    done.is_ok()
}

/// The browser's Back.
pub fn back() {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.back();
    }
}

/// The events by which the address changes under the app.
const EVENTS: [&str; 2] = ["popstate", "hashchange"];

/// Keeps the listeners of [`on_move`] alive; dropping it removes them.
pub struct MoveListener {
    closure: Option<Closure<dyn Fn()>>,
}

impl Drop for MoveListener {
    fn drop(&mut self) {
        if let (Some(window), Some(closure)) = (web_sys::window(), self.closure.take()) {
            for event in EVENTS {
                let _ = window.remove_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
            }
        }
    }
}

/// Calls `moved` when the address changes by the person's doing (Back,
/// Forward, a `#` link the app did not handle, an address typed in).
pub fn on_move(moved: impl Fn() + 'static) -> MoveListener {
    let Some(window) = web_sys::window() else { return MoveListener { closure: None } };
    let closure = Closure::<dyn Fn()>::new(moved);
    for event in EVENTS {
        // Kept even when one is refused: the other may be registered, and
        // dropping the listener removes whatever was.
        let _ = window.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    }
    MoveListener { closure: Some(closure) }
}
