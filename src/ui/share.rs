//! Sharing a check by link, and opening such a link. The encoding is
//! `session::share`; a bad link of any kind gets a clear message and a
//! way to start fresh, and never replaces a run without asking.

use super::context::use_app;
use super::route::Route;
use super::state::{content, Action};
use super::text::t;
use super::state::Notice;
use crate::session::share::{decode_report, encode, ShareError};
use yew::prelude::*;
use super::router::{Link, use_navigator};

/// "Share this check": a link that carries the run, with a copy button.
#[component]
pub fn ShareBox() -> Html {
    let app = use_app();
    let open = use_state(|| false);
    let copied = use_state(|| None::<bool>);
    let Some((kb, _)) = content() else { return html! {} };
    let here = if app.root.is_some() { app.asset_base.to_string() } else { crate::platform::dom::page_address() };
    let link = format!("{here}#/share/{}", encode(&app.state.session, kb));
    let on_open = {
        let open = open.clone();
        Callback::from(move |_| open.set(true))
    };
    let on_copy = super::steps::copy_callback(&copied, link.clone(), app.root.clone(), "share-link");
    html! {
        <section class="share no-print" aria-labelledby="share-heading">
            <h2 id="share-heading" class="small-heading">{ t("share.title") }</h2>
            if *open {
                <p class="small">{ t("share.note") }</p>
                <label for="share-link" class="visually-hidden">{ t("share.link-label") }</label>
                <div class="field-row">
                    <input id="share-link" type="text" readonly=true value={link} />
                    <button type="button" class="button" onclick={on_copy}>{ t("share.copy") }</button>
                </div>
                <p class="small" role="status">
                    { match *copied { Some(true) => t("share.copied"), Some(false) => t("escalate.copy-refused"), None => "" } }
                </p>
            } else {
                <button type="button" class="button" onclick={on_open}>{ t("share.button") }</button>
            }
        </section>
    }
}

fn error_text(e: &ShareError) -> &'static str {
    match e {
        ShareError::Malformed => t("share.error-malformed"),
        ShareError::Tampered => t("share.error-tampered"),
        ShareError::Oversized => t("share.error-oversized"),
        ShareError::NewerFormat => t("share.error-newer"),
        ShareError::ContentChanged => t("share.error-content"),
        ShareError::UnknownItem => t("share.error-unknown"),
    }
}

#[derive(Properties, PartialEq)]
pub struct ShareProps {
    pub token: AttrValue,
}

/// Opens a shared check: shows it, or lets the person choose when this
/// browser already holds a different run.
#[component]
pub fn SharePage(props: &ShareProps) -> Html {
    let app = use_app();
    let navigator = use_navigator();
    let decoded = content().map(|(kb, _)| decode_report(&props.token, kb));
    // A link made with an earlier content version opens brought up to
    // date; the person is told when the run is loaded.
    let notice = match &decoded {
        Some(Ok((_, Some(report)))) => Some(Notice::content_updated(report)),
        _ => None,
    };
    let decoded = decoded.map(|d| d.map(|(session, _)| session));
    let same_or_empty = match &decoded {
        Some(Ok(shared)) => !app.state.has_progress() || shared.effective() == app.state.session.effective(),
        _ => false,
    };
    // Nothing to choose: open the shared run straight away.
    {
        let dispatch = app.state.dispatcher();
        let navigator = navigator.clone();
        let root = app.root.clone();
        let shared = match &decoded {
            Some(Ok(s)) if same_or_empty => Some(s.clone()),
            _ => None,
        };
        use_effect_with(props.token.clone(), move |_| {
            if let Some(session) = shared {
                dispatch.dispatch(Action::Load(session));
                if let Some(n) = notice {
                    dispatch.dispatch(Action::Notify(n));
                }
                if let Some(n) = &navigator {
                    n.replace(&Route::Check);
                }
            } else {
                crate::platform::dom::focus(root.as_ref(), "step-heading");
            }
        });
    }
    let go_check = {
        let navigator = navigator.clone();
        move || {
            if let Some(n) = &navigator {
                n.replace(&Route::Check);
            }
        }
    };
    match decoded {
        Some(Ok(shared)) if !same_or_empty => {
            let on_open = {
                let dispatch = app.state.dispatcher();
                let go = go_check.clone();
                Callback::from(move |_| {
                    dispatch.dispatch(Action::Load(shared.clone()));
                    if let Some(n) = notice {
                        dispatch.dispatch(Action::Notify(n));
                    }
                    go();
                })
            };
            let on_keep = {
                let go = go_check.clone();
                Callback::from(move |_| go())
            };
            html! {
                <main class="page" id="main">
                    <h1 id="step-heading" tabindex="-1">{ t("share.choose-title") }</h1>
                    <p>{ t("share.choose-text") }</p>
                    <div class="actions">
                        <button type="button" class="button primary" onclick={on_open}>{ t("share.open-shared") }</button>
                        <button type="button" class="button" onclick={on_keep}>{ t("share.keep-mine") }</button>
                    </div>
                </main>
            }
        }
        Some(Ok(_)) => html! { <main class="page" id="main"><h1 id="step-heading" tabindex="-1">{ t("share.opening") }</h1></main> },
        Some(Err(e)) => {
            let on_fresh = {
                let dispatch = app.state.dispatcher();
                let has_progress = app.state.has_progress();
                let go = go_check.clone();
                Callback::from(move |_| {
                    if !has_progress {
                        dispatch.dispatch(Action::New);
                    }
                    go();
                })
            };
            html! {
                <main class="page" id="main">
                    <h1 id="step-heading" tabindex="-1">{ t("share.error-title") }</h1>
                    <p>{ error_text(&e) }</p>
                    <p>{ t(if app.state.has_progress() { "share.error-kept" } else { "share.error-fresh" }) }</p>
                    <div class="actions">
                        <button type="button" class="button primary" onclick={on_fresh}>
                            { t(if app.state.has_progress() { "home.continue" } else { "home.start" }) }
                        </button>
                        <Link classes="button" to={Route::Home}>{ t("notfound.home") }</Link>
                    </div>
                </main>
            }
        }
        None => html! {},
    }
}
