//! Copying text. Where the clipboard is missing or refused (an insecure
//! page, a frame without permission), the caller selects the text instead
//! so the person can copy it themselves.

use super::dom;
use wasm_bindgen::JsCast;

/// Writes `text` to the clipboard; `Err` when the browser refuses.
pub async fn copy(text: &str) -> Result<(), ()> {
    let window = web_sys::window().ok_or(())?;
    let navigator = dom::get(&window, "navigator").ok_or(())?;
    let clipboard: web_sys::Clipboard = dom::get(&navigator, "clipboard").ok_or(())?.dyn_into().map_err(|_| ())?;
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text)).await.map(|_| ()).map_err(|_| ())
}

/// Selects the whole value of a text field (a textarea or an input), for
/// a manual copy.
pub fn select(root: Option<&web_sys::Element>, id: &str) {
    let Some(el) = dom::find(root, id) else { return };
    if let Some(area) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        let _ = area.focus();
        area.select();
    } else if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        let _ = input.focus();
        input.select();
    }
}
