//! The page for every unknown address.

use super::context::use_app;
use super::route::Route;
use super::text::t;
use yew::prelude::*;
use super::router::Link;

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
                <Link classes="button primary" to={Route::Home}>{ t("notfound.home") }</Link>
                <Link classes="button" to={Route::Check}>{ t("home.start") }</Link>
            </div>
            <ul class="toc">
                <li><Link to={Route::Codes}>{ t("codes.title") }</Link></li>
                <li><Link to={Route::Fixes}>{ t("fixes.title") }</Link></li>
                <li><Link to={Route::Faq}>{ t("faq.title") }</Link></li>
                <li><Link to={Route::Guides}>{ t("guides.title") }</Link></li>
            </ul>
        </main>
    }
}
