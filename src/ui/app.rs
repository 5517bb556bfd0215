//! The root component: header, the current page, footer, and the banner
//! that offers a new version.

use super::home::Home;
use super::text::t;
use yew::prelude::*;

/// The address that injects a panic, so the recovery screen can be tested
/// in the real build.
pub const PANIC_TEST_HASH: &str = "#/__panic-test";

#[component]
pub fn App() -> Html {
    let update_ready = use_state(|| false);
    {
        let update_ready = update_ready.clone();
        use_effect_with((), move |_| {
            crate::platform::service_worker::register(move || update_ready.set(true));
        });
    }
    if crate::platform::dom::location_hash() == PANIC_TEST_HASH {
        panic!("injected panic for testing the recovery screen");
    }
    let on_reload = Callback::from(|_| crate::platform::service_worker::apply_update());
    html! {
        <>
            <header class="site-header">
                <a class="brand" href="#/">
                    <img class="brand-mark" src="icons/icon.svg" alt="" width="28" height="28" />
                    { t("app.name") }
                </a>
            </header>
            if *update_ready {
                <div class="notice update-banner page-notice" role="status">
                    <span>{ t("update.ready") }</span>
                    { " " }
                    <button type="button" class="button" onclick={on_reload}>{ t("update.reload") }</button>
                </div>
            }
            <Home />
            <footer class="site-footer">
                <p>{ t("app.privacy") }</p>
                <p>{ t("footer.note") }</p>
            </footer>
        </>
    }
}
