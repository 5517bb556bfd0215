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
    // The page's `#app` and `#bd-crash` are ours only on our own page; a
    // portal that mounts the app may have an `#app` of its own.
    if STANDALONE.with(std::cell::Cell::get) {
        show_recovery_screen(&message);
    }
    show_in_mount_roots();
}

thread_local! {
    static STANDALONE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Marks this page as the app's own (index.html), where the panic hook
/// may take over `#app` and show `#bd-crash`.
pub fn mark_standalone() {
    STANDALONE.with(|s| s.set(true));
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
        let prefix = note.get_attribute("data-bd-details").unwrap_or_default();
        note.set_text_content(Some(&format!("{prefix} {short}")));
    }
    if let Some(button) = dom::element("bd-crash-reload") {
        if let Ok(button) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(button) {
            let _ = button.focus();
        }
    }
}

thread_local! {
    static MOUNT_ROOTS: std::cell::RefCell<Vec<web_sys::Element>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Remembers an app mounted into a host page, so a panic can say so there
/// (the host page has no `#bd-crash` screen of ours).
pub fn register_mount_root(root: web_sys::Element) {
    MOUNT_ROOTS.with(|roots| roots.borrow_mut().push(root));
}

fn show_in_mount_roots() {
    MOUNT_ROOTS.with(|roots| {
        if let Ok(roots) = roots.try_borrow() {
            for root in roots.iter() {
                root.set_text_content(Some("Backup Doctor stopped because of an error. Reload the page to try again."));
            }
        }
    });
}
