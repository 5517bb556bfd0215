//! Shows the plain-HTML recovery screen of index.html when the app panics,
//! instead of leaving a dead page.

use super::dom;

/// The panic hook. With `panic = "abort"` it is the last code that runs,
/// so it only does DOM work that cannot itself panic. Installed through
/// Yew (`yew::set_custom_panic_hook`), which would otherwise install its
/// own console-only hook when the app is mounted.
pub fn on_panic(info: &std::panic::PanicHookInfo<'_>) {
    let message = info.to_string();
    dom::console_error(&format!("Backup Doctor stopped: {message}"));
    show_recovery_screen(&message);
}

/// Hides the app and shows `#bd-crash` (its buttons are wired by loader.js,
/// which keeps working after the wasm module has stopped).
pub fn show_recovery_screen(detail: &str) {
    if let Some(app) = dom::element("app") {
        let _ = app.set_attribute("hidden", "");
    }
    if let Some(crash) = dom::element("bd-crash") {
        let _ = crash.remove_attribute("hidden");
    }
    if let Some(note) = dom::element("bd-crash-detail") {
        let short: String = detail.chars().take(300).collect();
        note.set_text_content(Some(&format!("Details for support: {short}")));
    }
    if let Some(button) = dom::element("bd-crash-reload") {
        if let Ok(button) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(button) {
            let _ = button.focus();
        }
    }
}
