//! Small, failure-tolerant access to the document.

use wasm_bindgen::JsValue;

pub fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

pub fn element(id: &str) -> Option<web_sys::Element> {
    document()?.get_element_by_id(id)
}

/// The element with this id inside `root` (an app mounted in a shadow
/// root, where ids repeat between instances), or in the document.
pub fn find(root: Option<&web_sys::Element>, id: &str) -> Option<web_sys::Element> {
    match root {
        Some(root) => root.query_selector(&format!("[id=\"{id}\"]")).ok().flatten(),
        None => element(id),
    }
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
/// `tabindex="-1"` for this), within `root` when mounted.
pub fn focus(root: Option<&web_sys::Element>, id: &str) {
    if root.is_some_and(|r| !focus_is_within(r)) {
        return;
    }
    if let Some(el) = find(root, id) {
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

/// The page's address without its `#` part: the base of every link the
/// app gives out (works at a host's root and under any sub-path).
pub fn page_address() -> String {
    if !cfg!(target_arch = "wasm32") {
        // Server rendering in tests: there is no page.
        return String::new();
    }
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

pub fn scroll_into_view(root: Option<&web_sys::Element>, id: &str) {
    if let Some(el) = find(root, id) {
        el.scroll_into_view();
    }
}

/// The own enumerable properties of a JS object as strings (numbers and
/// booleans are turned into text; other values are skipped).
pub fn object_pairs(value: &JsValue) -> Vec<(String, String)> {
    let Some(object) = wasm_bindgen::JsCast::dyn_ref::<js_sys::Object>(value) else { return Vec::new() };
    js_sys::Object::entries(object)
        .iter()
        .filter_map(|entry| {
            let pair = js_sys::Array::from(&entry);
            let key = pair.get(0).as_string()?;
            let v = pair.get(1);
            // A number as the host page's own `String(n)` writes it (which
            // keeps Rust's float formatter, 12 KB, out of the wasm).
            let number = |n: f64| js_sys::Number::from(n).to_string_with_radix(10).ok().map(String::from);
            let text = v.as_string().or_else(|| v.as_f64().and_then(number)).or_else(|| v.as_bool().map(|b| b.to_string()))?;
            Some((key, text))
        })
        .collect()
}

/// Creates an open shadow root on `host` holding the app's stylesheet and
/// a container for the app; `None` when the element cannot host one.
pub fn shadow_container(host: &web_sys::Element, stylesheet: &str) -> Option<web_sys::Element> {
    let document = document()?;
    let shadow = host.attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open)).ok()?;
    let link = document.create_element("link").ok()?;
    link.set_attribute("rel", "stylesheet").ok()?;
    link.set_attribute("href", stylesheet).ok()?;
    shadow.append_child(&link).ok()?;
    let container = document.create_element("div").ok()?;
    container.set_attribute("class", "bd-root bd-mounted").ok()?;
    shadow.append_child(&container).ok()?;
    watch_use(&container);
    Some(container)
}

/// Applies a portal's theme: CSS custom properties set through CSSOM (a
/// strict CSP allows that, unlike a `style` attribute) and the colour
/// scheme as an attribute the stylesheet reads.
pub fn apply_theme(element: &web_sys::Element, properties: &[(&str, String)], scheme: Option<&str>) {
    if let Some(el) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(element) {
        let style = el.style();
        for (name, value) in properties {
            let _ = style.set_property(name, value);
        }
    }
    if let Some(scheme) = scheme {
        let _ = element.set_attribute("data-bd-scheme", scheme);
    }
}

/// True when the page is served from a loopback address (127.0.0.1,
/// localhost, [::1]): the project's own test and development servers.
pub fn on_loopback() -> bool {
    if !cfg!(target_arch = "wasm32") {
        return false;
    }
    let host = web_sys::window().and_then(|w| w.location().hostname().ok()).unwrap_or_default();
    host == "127.0.0.1" || host == "localhost" || host == "[::1]"
}

/// True once the person has used the mounted app (focus has been inside
/// it): from then on moving focus to each new step is expected; on a
/// portal's page load it is not.
fn focus_is_within(root: &web_sys::Element) -> bool {
    root.has_attribute(USED)
}

const USED: &str = "data-bd-used";

/// Marks `root` as used the first time focus enters it.
fn watch_use(root: &web_sys::Element) {
    let target = root.clone();
    let on_focus = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
        let _ = target.set_attribute(USED, "");
    });
    let _ = root.add_event_listener_with_callback("focusin", wasm_bindgen::JsCast::unchecked_ref(on_focus.as_ref()));
    // The app lives as long as the page.
    on_focus.forget();
}

/// Runs `f` in a task of its own (a zero-delay timeout), so that start-up
/// work split this way never blocks the page in one long task; runs it at
/// once when there is no window (natively).
pub fn in_next_task(f: impl FnOnce() + 'static) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else { return f() };
    let callback = Closure::once_into_js(f);
    // If the timeout cannot be set, the callback is dropped without
    // running; say so rather than leave a blank page unexplained.
    if window.set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), 0).is_err() {
        console_error("Backup Doctor: could not schedule start-up work");
    }
}

/// The browser's preferred languages (`navigator.languages`, else
/// `navigator.language`), most wanted first; empty when unknown.
pub fn browser_languages() -> Vec<String> {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else { return Vec::new() };
    let list: Vec<String> = navigator.languages().iter().filter_map(|v| v.as_string()).collect();
    if list.is_empty() { navigator.language().into_iter().collect() } else { list }
}

/// Sets `lang` and `dir` on an element, or on `<html>` for `None`.
pub fn set_language(element: Option<&web_sys::Element>, lang: &str, dir: &str) {
    let target = match element {
        Some(e) => Some(e.clone()),
        None => document().and_then(|d| d.document_element()),
    };
    if let Some(e) = target {
        let _ = e.set_attribute("lang", lang);
        let _ = e.set_attribute("dir", dir);
    }
}

/// Puts the recovery screen (`#bd-crash`, plain HTML in `index.html`) in
/// the language in use: each element marked `data-bd-t="key"` gets
/// `text(key)`, the details line its prefix.
pub fn localize_recovery_screen(text: impl Fn(&str) -> String) {
    let Some(doc) = document() else { return };
    if let Ok(list) = doc.query_selector_all("#bd-crash [data-bd-t]") {
        for i in 0..list.length() {
            let Some(e) = list.item(i).and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok()) else { continue };
            if let Some(key) = e.get_attribute("data-bd-t") {
                e.set_text_content(Some(&text(&key)));
            }
        }
    }
    if let Some(note) = element("bd-crash-detail") {
        let _ = note.set_attribute("data-bd-details", &text("crash.details"));
    }
}

/// Sets the document's title.
pub fn set_title(title: &str) {
    if let Some(d) = document() {
        d.set_title(title);
    }
}
