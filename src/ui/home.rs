//! The first screen: what this is, and the way in.

use super::text::t;
use yew::prelude::*;

#[component]
pub fn Home() -> Html {
    html! {
        <main class="page" id="main">
            <section class="hero">
                <h1 tabindex="-1">{ t("app.name") }</h1>
                <p class="lead">{ t("app.tagline") }</p>
            </section>
            <p>{ t("home.how") }</p>
            <div class="actions">
                <a class="button primary" href="#/check" id="start">{ t("home.start") }</a>
            </div>
        </main>
    }
}
