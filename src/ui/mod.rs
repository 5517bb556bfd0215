//! Yew components: they render state and send actions, nothing more.
//! Browser APIs are reached only through `crate::platform`.

pub mod app;
pub mod home;
pub mod text;

pub use app::App;

/// Mounts the app into `#app`. Called from `main`.
pub fn start() {
    crate::platform::panic::install_hook();
    let Some(root) = crate::platform::dom::element("app") else {
        crate::platform::dom::console_error("Backup Doctor: the page has no #app element");
        return;
    };
    root.set_inner_text_safe();
    yew::Renderer::<App>::with_root(root).render();
}

trait ClearChildren {
    fn set_inner_text_safe(&self);
}

impl ClearChildren for web_sys::Element {
    /// Removes the "Loading…" placeholder before Yew renders.
    fn set_inner_text_safe(&self) {
        self.set_text_content(None);
    }
}
