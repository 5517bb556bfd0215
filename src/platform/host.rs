//! Talking to the page that embeds the app: events out (postMessage to the
//! allowed origins of the parent window, or a CustomEvent on the mount
//! element), the content's height for iframe auto-sizing, and the one
//! message a host may send in (a request for a fresh height). Nothing is
//! sent anywhere when the app is not embedded with allowed origins.

use super::dom;
use crate::json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The `source` and `version` of every event (see README, "Events").
pub const SOURCE: &str = "backup-doctor";
pub const HOST_SOURCE: &str = "backup-doctor-host";
pub const VERSION: u32 = 1;

/// Where events go.
#[derive(Clone, Default)]
pub enum Host {
    /// Not embedded, or embedded with no allowed origin: events go nowhere.
    #[default]
    None,
    /// In an iframe: postMessage to each allowed origin of the parent.
    Parent { origins: Vec<String> },
    /// Mounted into an element of the host page: CustomEvents on it.
    Element(web_sys::Element),
}

impl PartialEq for Host {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Host::None, Host::None) => true,
            (Host::Parent { origins: a }, Host::Parent { origins: b }) => a == b,
            (Host::Element(a), Host::Element(b)) => a == b,
            _ => false,
        }
    }
}

/// True when this page runs inside a frame.
pub fn in_frame() -> bool {
    let Some(window) = web_sys::window() else { return false };
    match window.parent() {
        Ok(Some(parent)) => !js_sys::Object::is(&parent, &window),
        _ => false,
    }
}

impl Host {
    pub fn is_active(&self) -> bool {
        match self {
            Host::None => false,
            Host::Parent { origins } => !origins.is_empty(),
            Host::Element(_) => true,
        }
    }

    /// Sends one event: `source`, `version` and `type`, then the fields of
    /// `fields` (a JSON object; anything else adds none).
    pub fn emit(&self, kind: &str, fields: Value) {
        if !self.is_active() {
            return;
        }
        let mut event = vec![("source".to_string(), Value::from(SOURCE)), ("version".into(), Value::from(VERSION)), ("type".into(), Value::from(kind))];
        if let Value::Object(extra) = fields {
            event.extend(extra);
        }
        let Ok(value) = js_sys::JSON::parse(&Value::Object(event).to_string()) else { return };
        match self {
            Host::None => {}
            Host::Parent { origins } => {
                let Some(parent) = web_sys::window().and_then(|w| w.parent().ok().flatten()) else { return };
                for origin in origins {
                    // An explicit target origin: the browser drops the
                    // message unless the parent really is at that origin.
                    let _ = parent.post_message(&value, origin);
                }
            }
            Host::Element(element) => {
                let init = web_sys::CustomEventInit::new();
                init.set_detail(&value);
                init.set_bubbles(true);
                init.set_composed(true);
                if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(SOURCE, &init) {
                    let _ = element.dispatch_event(&event);
                }
            }
        }
    }
}

/// Keeps listeners alive for the app's lifetime; dropping removes nothing
/// (the app lives as long as the page).
pub struct SizeWatch {
    _observer: Option<web_sys::ResizeObserver>,
    _closures: Vec<Closure<dyn FnMut(JsValue)>>,
}

/// The height of the page's content in CSS pixels.
fn content_height() -> f64 {
    dom::document().and_then(|d| d.body()).map_or(0.0, |b| b.get_bounding_client_rect().height().ceil())
}

/// In an iframe: sends a `resize` event whenever the content's height
/// changes, and when an allowed host asks for one.
pub fn watch_size(host: Host) -> SizeWatch {
    let Host::Parent { origins } = &host else { return SizeWatch { _observer: None, _closures: Vec::new() } };
    let origins = origins.clone();
    let last = std::rc::Rc::new(std::cell::Cell::new(-1.0_f64));
    let send = {
        let host = host.clone();
        move |force: bool| {
            let height = content_height();
            if force || (height - last.get()).abs() >= 1.0 {
                last.set(height);
                host.emit("resize", Value::object([("height", Value::from(height))]));
            }
        }
    };
    let mut closures = Vec::new();
    let on_resize = {
        let send = send.clone();
        Closure::<dyn FnMut(JsValue)>::new(move |_| send(false))
    };
    let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
    if let (Some(observer), Some(body)) = (&observer, dom::document().and_then(|d| d.body())) {
        observer.observe(&body);
    }
    closures.push(on_resize);
    // The host's request for a fresh height: exact origin, exact shape.
    let on_message = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
        let Ok(event) = event.dyn_into::<web_sys::MessageEvent>() else { return };
        if !origins.iter().any(|o| *o == event.origin()) {
            return;
        }
        let data = event.data();
        let field = |k: &str| dom::get(&data, k);
        let ok = field("source").and_then(|v| v.as_string()).as_deref() == Some(HOST_SOURCE)
            && field("version").and_then(|v| v.as_f64()) == Some(f64::from(VERSION))
            && field("type").and_then(|v| v.as_string()).as_deref() == Some("request-resize");
        if ok {
            send(true);
        }
    });
    if let Some(window) = web_sys::window() {
        let _ = window.add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
    }
    closures.push(on_message);
    SizeWatch { _observer: observer, _closures: closures }
}

/// Calls `f` when the page is hidden (`visibilitychange` to hidden: the
/// tab is switched away from or is closing, while an embedding page is
/// still there to receive events) or left (`pagehide`: closed, reloaded,
/// navigated away). Removed when dropped.
pub struct PageLeave {
    closure: Option<Closure<dyn FnMut(JsValue)>>,
}

impl Drop for PageLeave {
    fn drop(&mut self) {
        let Some(closure) = self.closure.take() else { return };
        if let Some(window) = web_sys::window() {
            let _ = window.remove_event_listener_with_callback("pagehide", closure.as_ref().unchecked_ref());
        }
        if let Some(document) = dom::document() {
            let _ = document.remove_event_listener_with_callback("visibilitychange", closure.as_ref().unchecked_ref());
        }
    }
}

pub fn on_page_leave(f: impl Fn() + 'static) -> PageLeave {
    let (Some(window), Some(document)) = (web_sys::window(), dom::document()) else { return PageLeave { closure: None } };
    let closure = Closure::<dyn FnMut(JsValue)>::new(move |_| {
        let hidden = dom::document().is_none_or(|d| d.visibility_state() == web_sys::VisibilityState::Hidden);
        if hidden {
            f();
        }
    });
    let callback = closure.as_ref().unchecked_ref();
    if window.add_event_listener_with_callback("pagehide", callback).is_err()
        || document.add_event_listener_with_callback("visibilitychange", callback).is_err()
    {
        return PageLeave { closure: None };
    }
    PageLeave { closure: Some(closure) }
}
