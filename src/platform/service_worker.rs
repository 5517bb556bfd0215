//! Registers the service worker (offline use after the first visit) and
//! tells the app when a new build is waiting, so it can offer a reload.
//! Where service workers are missing or refused (plain http, a sandboxed
//! frame), the app simply runs without offline support.

use super::dom;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

fn container() -> Option<ServiceWorkerContainer> {
    let window = web_sys::window()?;
    let navigator = dom::get(&window, "navigator")?;
    dom::get(&navigator, "serviceWorker")?.dyn_into().ok()
}

/// Registers `sw.js` (relative to the page, so sub-path deployments work).
/// `on_update` is called when a new build has been installed and waits.
pub fn register(on_update: impl Fn() + 'static) {
    let Some(container) = container() else { return };
    let on_update = std::rc::Rc::new(on_update);
    let promise = container.register("sw.js");
    wasm_bindgen_futures::spawn_local(async move {
        let registration: ServiceWorkerRegistration = match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(r) => match r.dyn_into() {
                Ok(r) => r,
                Err(_) => return,
            },
            Err(e) => {
                // Not fatal: the app works, only offline use is missing.
                web_sys::console::warn_2(&JsValue::from_str("Backup Doctor: offline support is unavailable:"), &e);
                return;
            }
        };
        let has_controller = container.controller().is_some();
        if registration.waiting().is_some() && has_controller {
            on_update();
        }
        let reg = registration.clone();
        let found = Closure::<dyn Fn()>::new(move || {
            let Some(worker) = reg.installing() else { return };
            let watched = worker.clone();
            let on_update = on_update.clone();
            let changed = Closure::<dyn Fn()>::new(move || {
                if watched.state() == ServiceWorkerState::Installed && container_has_controller() {
                    on_update();
                }
            });
            worker.set_onstatechange(Some(changed.as_ref().unchecked_ref()));
            changed.forget();
        });
        registration.set_onupdatefound(Some(found.as_ref().unchecked_ref()));
        found.forget();
    });
}

fn container_has_controller() -> bool {
    container().and_then(|c| c.controller()).is_some()
}

/// Asks the waiting worker to take over, then reloads into the new build
/// once it controls the page. Without a waiting worker, just reloads.
pub fn apply_update() {
    let Some(container) = container() else { return dom::reload() };
    let reload = Closure::<dyn Fn()>::new(dom::reload);
    container.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
    reload.forget();
    wasm_bindgen_futures::spawn_local(async move {
        let waiting: Option<ServiceWorker> = match wasm_bindgen_futures::JsFuture::from(container.get_registration()).await {
            Ok(r) => r.dyn_into::<ServiceWorkerRegistration>().ok().and_then(|r| r.waiting()),
            Err(_) => None,
        };
        match waiting {
            Some(worker) => {
                let message = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&message, &"type".into(), &"backup-doctor:skip-waiting".into());
                if worker.post_message(&message).is_err() {
                    dom::reload();
                }
            }
            None => dom::reload(),
        }
    });
}
