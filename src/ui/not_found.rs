//! The page for every unknown address.

use super::context::use_app;
use super::route::Route;
use super::text::t;
use yew::prelude::*;
use yew_router::prelude::*;

/// For every unknown address: where to go instead.
#[component]
pub fn NotFound() -> Html {
    let app = use_app();
    use_effect_with((), move |_| crate::platform::dom::focus(app.root.as_ref(), "step-heading"));
    html! {
        <main class="page" id="main">
            <h1 tabindex="-1" id="step-heading">{ t("notfound.title") }</h1>
            <p>{ t("notfound.text") }</p>
            <div class="actions">
                <Link<Route> classes="button primary" to={Route::Home}>{ t("notfound.home") }</Link<Route>>
                <Link<Route> classes="button" to={Route::Check}>{ t("home.start") }</Link<Route>>
            </div>
            <ul class="toc">
                <li><Link<Route> to={Route::Codes}>{ t("codes.title") }</Link<Route>></li>
                <li><Link<Route> to={Route::Fixes}>{ t("fixes.title") }</Link<Route>></li>
                <li><Link<Route> to={Route::Faq}>{ t("faq.title") }</Link<Route>></li>
                <li><Link<Route> to={Route::Guides}>{ t("guides.title") }</Link<Route>></li>
            </ul>
        </main>
    }
}
