//! localStorage, probed and fenced. The browser may refuse storage (a
//! sandboxed frame, blocked cookies: a SecurityError on access), lack it, or
//! be full (QuotaExceededError on write). None of that panics: `Store`
//! reports it and the app keeps working in memory.
//!
//! gloo-storage is not used here on purpose: its `LocalStorage` throws
//! (`expect_throw`) when the browser refuses storage.

use wasm_bindgen::JsCast;

/// Every key this app writes starts with this, so "forget my progress" can
/// remove ours and only ours.
pub const PREFIX: &str = "backup-doctor";

/// Why a storage call failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorageError {
    /// No storage at all: refused, blocked or missing.
    Unavailable,
    /// The write did not fit.
    Full,
    /// Anything else the browser threw.
    Failed,
}

/// localStorage under one namespace (`backup-doctor:<namespace>:`).
#[derive(Clone)]
pub struct Store {
    storage: Option<web_sys::Storage>,
    prefix: String,
}

impl PartialEq for Store {
    fn eq(&self, other: &Self) -> bool {
        self.prefix == other.prefix && self.storage.is_some() == other.storage.is_some()
    }
}

impl Store {
    /// Opens localStorage and checks that a write really works.
    pub fn probe(namespace: &str) -> Store {
        let prefix = if namespace.is_empty() { format!("{PREFIX}:") } else { format!("{PREFIX}:{namespace}:") };
        if !cfg!(target_arch = "wasm32") {
            // Natively (server rendering in tests) there is no browser.
            return Store { storage: None, prefix };
        }
        let storage = web_sys::window().and_then(|w| w.local_storage().ok().flatten()).filter(|s| {
            let key = format!("{prefix}probe");
            // A full storage still reads (and frees space when keys are
            // removed): only a refused one is unavailable.
            let ok = match s.set_item(&key, "1") {
                Ok(()) => true,
                Err(e) => is_quota(&e),
            };
            let _ = s.remove_item(&key);
            ok
        });
        Store { storage, prefix }
    }

    /// A store that keeps nothing (for tests and server rendering).
    pub fn memory_only(namespace: &str) -> Store {
        Store { storage: None, prefix: format!("{PREFIX}:{namespace}:") }
    }

    pub fn is_available(&self) -> bool {
        self.storage.is_some()
    }

    /// The full key for a name in this namespace.
    pub fn key(&self, name: &str) -> String {
        format!("{}{name}", self.prefix)
    }

    pub fn get(&self, name: &str) -> Result<Option<String>, StorageError> {
        let storage = self.storage.as_ref().ok_or(StorageError::Unavailable)?;
        storage.get_item(&self.key(name)).map_err(|_| StorageError::Failed)
    }

    pub fn set(&self, name: &str, value: &str) -> Result<(), StorageError> {
        let storage = self.storage.as_ref().ok_or(StorageError::Unavailable)?;
        storage.set_item(&self.key(name), value).map_err(|e| if is_quota(&e) { StorageError::Full } else { StorageError::Failed })
    }

    /// Copies the value stored under `from` to `to` exactly as the browser
    /// holds it: a JavaScript string goes from one key to the other without
    /// being decoded into a Rust `String`, which would replace unpaired
    /// UTF-16 surrogates with U+FFFD. False when there was nothing to copy.
    pub fn copy(&self, from: &str, to: &str) -> Result<bool, StorageError> {
        let storage = self.storage.as_ref().ok_or(StorageError::Unavailable)?;
        let value = get_item_js(storage, &self.key(from)).map_err(|_| StorageError::Failed)?;
        if value.is_null() || value.is_undefined() {
            return Ok(false);
        }
        set_item_js(storage, &self.key(to), &value).map_err(|e| if is_quota(&e) { StorageError::Full } else { StorageError::Failed })?;
        Ok(true)
    }

    pub fn remove(&self, name: &str) {
        if let Some(storage) = &self.storage {
            let _ = storage.remove_item(&self.key(name));
        }
    }

    /// The names (without prefix) of every key in this namespace.
    pub fn names(&self) -> Vec<String> {
        let Some(storage) = &self.storage else { return Vec::new() };
        let len = storage.length().unwrap_or(0);
        (0..len)
            .filter_map(|i| storage.key(i).ok().flatten())
            .filter_map(|k| k.strip_prefix(&self.prefix).map(str::to_string))
            // The default namespace's prefix starts every other namespace's
            // keys too; names never contain ':', so those are not ours.
            .filter(|name| !name.contains(':'))
            .collect()
    }

    /// Removes every key of this namespace, and nothing else.
    pub fn forget_all(&self) {
        for name in self.names() {
            self.remove(&name);
        }
    }

    /// True when a `storage` event's key belongs to `name` in this store.
    pub fn is_key(&self, full_key: &str, name: &str) -> bool {
        full_key.strip_prefix(&self.prefix) == Some(name)
    }
}

/// Calls `storage[method](args…)` with the arguments and the result left as
/// JS values (web-sys's `get_item`/`set_item` convert strings to and from
/// a Rust `String`).
fn call_js(storage: &web_sys::Storage, method: &str, args: &js_sys::Array) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue> {
    let function: js_sys::Function = js_sys::Reflect::get(storage, &method.into())?.dyn_into()?;
    js_sys::Reflect::apply(&function, storage, args)
}

fn get_item_js(storage: &web_sys::Storage, key: &str) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue> {
    call_js(storage, "getItem", &js_sys::Array::of1(&key.into()))
}

fn set_item_js(storage: &web_sys::Storage, key: &str, value: &wasm_bindgen::JsValue) -> Result<(), wasm_bindgen::JsValue> {
    call_js(storage, "setItem", &js_sys::Array::of2(&key.into(), value)).map(drop)
}

fn is_quota(e: &wasm_bindgen::JsValue) -> bool {
    e.dyn_ref::<web_sys::DomException>().is_some_and(|d| d.name() == "QuotaExceededError" || d.code() == 22)
}

/// Milliseconds since the epoch, from the browser's clock (0 natively).
pub fn now_ms() -> f64 {
    if cfg!(target_arch = "wasm32") { js_sys::Date::now() } else { 0.0 }
}

/// Keeps a `storage` event listener alive; dropping it removes the listener.
pub struct ChangeListener {
    closure: Option<wasm_bindgen::closure::Closure<dyn Fn(web_sys::StorageEvent)>>,
}

impl Drop for ChangeListener {
    fn drop(&mut self) {
        if let (Some(window), Some(closure)) = (web_sys::window(), self.closure.take()) {
            let _ = window.remove_event_listener_with_callback("storage", closure.as_ref().unchecked_ref());
        }
    }
}

/// Calls `on_change(key, new_value)` when another tab changes localStorage.
pub fn on_change(on_change: impl Fn(String, Option<String>) + 'static) -> ChangeListener {
    let Some(window) = web_sys::window() else { return ChangeListener { closure: None } };
    let closure = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::StorageEvent)>::new(move |event: web_sys::StorageEvent| {
        if let Some(key) = event.key() {
            on_change(key, event.new_value());
        }
    });
    if window.add_event_listener_with_callback("storage", closure.as_ref().unchecked_ref()).is_err() {
        return ChangeListener { closure: None };
    }
    ChangeListener { closure: Some(closure) }
}
