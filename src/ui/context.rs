//! What every component can reach (`use_app`): the state, where it is
//! saved, and the app's surroundings. Provided by the root (`app.rs`), so
//! pages depend on this module, never on the root that renders them.

use super::options::EmbedOptions;
use super::state::AppState;
use crate::platform::host::Host;
use crate::platform::storage::Store;
use std::rc::Rc;
use yew::prelude::*;

/// What every component can reach: the state and where it is saved.
#[derive(Clone, PartialEq)]
pub struct AppContext {
    pub state: UseReducerHandle<AppState>,
    pub store: Store,
    /// Sets the text of the polite live region (present from the first
    /// render), which screen readers announce.
    pub announce: Callback<AttrValue>,
    /// Where events to an embedding page go.
    pub host: Host,
    pub options: Rc<EmbedOptions>,
    /// The element the app is mounted in (inside a shadow root), where
    /// element lookups must stay; `None` for the standalone page.
    pub root: Option<web_sys::Element>,
    /// The address of the app's own files; links the app gives out (share
    /// links) point there when it is mounted in another page.
    pub asset_base: AttrValue,
    /// The last `step` event sent to the host, so that showing the same
    /// step again (a page visit and back) sends nothing twice.
    pub last_step_event: Rc<std::cell::RefCell<Option<(String, usize)>>>,
}

#[hook]
pub fn use_app() -> AppContext {
    // The context is provided by `App` (or a test's wrapper) around
    // everything that calls this; a missing one is a programming error
    // caught by the component tests.
    use_context::<AppContext>().expect("AppContext is provided by App")
}
