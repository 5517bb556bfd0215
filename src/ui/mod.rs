//! Yew components: they render state and send actions, nothing more.
//! Browser APIs are reached only through `crate::platform`; probabilities
//! come from the engine and are only formatted here.

pub mod app;
pub mod check;
pub mod home;
pub mod notices;
pub mod progress;
pub mod reference;
pub mod search;
pub mod share;
pub mod state;
pub mod steps;
pub mod summary;
pub mod text;

pub use app::App;

/// Mounts the app into `#app`. Called from `main`.
pub fn start() {
    yew::set_custom_panic_hook(Box::new(crate::platform::panic::on_panic));
    let Some(root) = crate::platform::dom::element("app") else {
        crate::platform::dom::console_error("Backup Doctor: the page has no #app element");
        return;
    };
    // Removes the "Loading…" placeholder before Yew renders.
    root.set_text_content(None);
    yew::Renderer::<App>::with_root(root).render();
}
